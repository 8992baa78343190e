//! Stage 4, render: computed site → pages, charts and assets, all in memory.
//!
//! Each page kind has its own module under [`page`]; each chart kind its own under
//! [`chart`]. Programmes render independently of one another.

pub mod chart;
pub mod charts;
pub mod fast_hash;
pub mod format;
pub mod markdown;
pub mod opendata;
pub mod page;
pub mod part;
pub mod script;
pub mod search;
pub mod theme;
pub mod variant;

use crate::compute::ComputedSite;
use crate::error::Result;
use page::OutputFile;
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;

/// Programmes' rendered files kept between builds by a long-running process (`serve`), so a
/// rebuild renders again only the programmes whose inputs changed.
///
/// A programme's files depend on its own source, the site settings, the as-of day, the
/// indicator catalogue and the theme — never on other programmes — so a hash of those is
/// a sound key. `build` keys the programmes it keeps from the previous site the same way
/// ([`Reuse::Previous`]). Site-wide pages (indexes, comparisons, search, open data) read every
/// programme and are always made afresh.
#[derive(Default)]
pub struct ProgrammeCache {
    entries: std::sync::Mutex<std::collections::HashMap<String, (u64, SharedFiles)>>,
}

/// A programme's rendered files, shared between the cache and the build using them.
type SharedFiles = Arc<Rendered>;

/// What one programme contributes to the site.
pub struct Rendered {
    /// Its page, sub-pages, charts and open data files.
    pub files: Vec<OutputFile>,
    /// Its rows of the site-wide open data.
    pub share: Arc<opendata::Share>,
}

impl ProgrammeCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    fn get(&self, slug: &str, key: u64) -> Option<SharedFiles> {
        let entries = self.entries.lock().ok()?;
        let (known, files) = entries.get(slug)?;
        (*known == key).then(|| Arc::clone(files))
    }

    fn put(&self, slug: &str, key: u64, files: SharedFiles) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(slug.to_string(), (key, files));
        }
    }

    /// Drops programmes no longer in the site.
    pub fn retain(&self, site: &ComputedSite) {
        if let Ok(mut entries) = self.entries.lock() {
            let slugs: std::collections::HashSet<&str> = site
                .programmes
                .iter()
                .map(|p| p.programme().slug.as_str())
                .collect();
            entries.retain(|slug, _| slugs.contains(slug.as_str()));
        }
    }
}

/// Hash of what every programme's files depend on besides the programme itself: the site
/// settings, the as-of day, the catalogue and the theme. Computed once per build.
fn shared_key(site: &ComputedSite, theme: &theme::Theme) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    theme.fingerprint.hash(&mut hasher);
    format!("{:?}|{:?}|{:?}", site.site, site.as_of, site.catalogue).hash(&mut hasher);
    hasher.finish()
}

/// The key of a programme's rendered files (see [`ProgrammeCache`]).
fn programme_key(shared: u64, p: &crate::compute::ComputedProgramme) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    shared.hash(&mut hasher);
    (&p.source.yaml_path, p.source.yaml_hash).hash(&mut hasher);
    for page in &p.source.pages {
        (&page.stem, &page.path, &page.text).hash(&mut hasher);
    }
    hasher.finish()
}

/// [`render_programme`], or its files from `cache` when its inputs are unchanged.
fn render_programme_cached(
    site: &ComputedSite,
    p: &crate::compute::ComputedProgramme,
    theme: &theme::Theme,
    style: &chart::ChartStyle,
    cache: Option<(&ProgrammeCache, u64)>,
) -> Result<SharedFiles> {
    let Some((cache, shared)) = cache else {
        return Ok(Arc::new(render_programme(site, p, theme, style)?));
    };
    let slug = &p.programme().slug;
    let key = programme_key(shared, p);
    if let Some(files) = cache.get(slug, key) {
        return Ok(files);
    }
    let files = Arc::new(render_programme(site, p, theme, style)?);
    cache.put(slug, key, Arc::clone(&files));
    Ok(files)
}

/// Everything one programme contributes: its page, sub-pages, charts and open data.
pub fn render_programme(
    site: &ComputedSite,
    p: &crate::compute::ComputedProgramme,
    theme: &theme::Theme,
    style: &chart::ChartStyle,
) -> Result<Rendered> {
    let (views, chart_files) = charts::programme_charts(site, p, style)?;
    let mut files = vec![page::programme::render(site, p, views, theme)?];
    files.extend(chart_files);
    files.extend(page::subpage::render_all(site, p, theme)?);
    let (data_files, share) = opendata::programme_files(site, p);
    files.extend(data_files);
    Ok(Rendered {
        files,
        share: Arc::new(share),
    })
}

/// Renders the whole site; files are returned sorted by path.
pub fn render_site(
    site: &ComputedSite,
    site_root: &Path,
    progress: &dyn crate::build::Progress,
) -> Result<Vec<OutputFile>> {
    let files = std::sync::Mutex::new(Vec::new());
    render_site_into(site, site_root, progress, Reuse::Nothing, &|file| {
        lock(&files)?.push(file.clone());
        Ok(())
    })?;
    let mut files = into_inner(files)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// The files that `make` hands over a group at a time (the search index, the open data),
/// collected in one list.
fn collect_groups(
    make: impl FnOnce(&(dyn Fn(Vec<OutputFile>) -> Result<()> + Sync)) -> Result<()>,
) -> Result<Vec<OutputFile>> {
    let files = std::sync::Mutex::new(Vec::new());
    make(&|made| {
        lock(&files)?.extend(made);
        Ok(())
    })?;
    into_inner(files)
}

/// FNV-1a (32 bits) of `bytes`: the same on every machine and in every run, unlike the
/// standard library's hasher, so what it names (search shards, folder names) never moves.
pub fn stable_hash(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193)
    })
}

/// Locks a list that render threads fill together.
fn lock<T>(m: &std::sync::Mutex<T>) -> Result<std::sync::MutexGuard<'_, T>> {
    m.lock().map_err(|_| {
        crate::error::Error::Usage(crate::i18n::t(
            "生成页面的一个线程出错",
            "a render thread failed",
        ))
    })
}

/// What render threads filled together, once they are done.
fn into_inner<T>(m: std::sync::Mutex<T>) -> Result<T> {
    m.into_inner().map_err(|_| {
        crate::error::Error::Usage(crate::i18n::t(
            "生成页面的一个线程出错",
            "a render thread failed",
        ))
    })
}

/// Where rendered files go as they are made (the writer's staging folder, or a list).
pub type Sink<'a> = &'a (dyn Fn(&OutputFile) -> Result<()> + Sync);

/// A build's offer to keep a programme's files from the site it replaces rather than render
/// them again. Called with the programme's slug, the key of everything its files depend on
/// (see [`ProgrammeCache`]) and the folders its files are in; returns the paths of the
/// files it kept, or `None` to have the programme rendered.
pub type Keep<'a> = dyn Fn(&str, u64, &[String]) -> Result<Option<Vec<String>>> + Sync + 'a;

/// Where a render may take programmes' files from instead of rendering them.
#[derive(Clone, Copy)]
pub enum Reuse<'a> {
    /// Nowhere: every programme is rendered.
    Nothing,
    /// Programmes rendered earlier in this process (`serve`).
    Cache(&'a ProgrammeCache),
    /// The site being replaced, whose unchanged programmes a build keeps.
    Previous(&'a Keep<'a>),
}

/// The folders holding a programme's files: its own, and its Traditional-Chinese copy's
/// when the site has the mirror.
fn programme_folders(site: &ComputedSite, slug: &str) -> Vec<String> {
    let folder = format!("programmes/{slug}");
    let mut folders = vec![folder.clone()];
    if site.site.traditional {
        folders.push(format!("{}{folder}", variant::PREFIX));
    }
    folders
}

/// Renders the whole site into `sink`, file by file, in no particular order: each
/// programme's files are handed over as soon as they are made, so memory holds a few
/// programmes at a time rather than the whole site.
pub fn render_site_into(
    site: &ComputedSite,
    site_root: &Path,
    progress: &dyn crate::build::Progress,
    reuse: Reuse,
    sink: Sink,
) -> Result<()> {
    if let Reuse::Cache(cache) = reuse {
        cache.retain(site);
    }
    // Every path is made once: a second file for a path would silently replace the first
    // (and, hard-linked from the old site, could rewrite a live file), so it stops the build.
    let paths = OncePaths::default();
    let sink = &|file: &OutputFile| {
        paths.claim(&file.path)?;
        sink(file)
    };
    let theme = theme::load(site_root, &site.site.theme)?;
    let style = theme.chart_style.clone();
    let shared = shared_key(site, &theme);
    let cache = match reuse {
        Reuse::Cache(cache) => Some((cache, shared)),
        _ => None,
    };
    // Hands a file over, with its Traditional-Chinese copy when the site has the mirror;
    // returns the paths of HTML pages, for the sitemap.
    let deliver = |files: &[OutputFile]| -> Result<Vec<String>> {
        let mut pages = Vec::new();
        if site.site.traditional {
            for mirror in variant::traditional_pages(files) {
                pages.push(mirror.path.clone());
                sink(&mirror)?;
            }
        }
        for file in files {
            if file.path.ends_with(".html") {
                pages.push(file.path.clone());
            }
            sink(file)?;
        }
        Ok(pages)
    };
    // Site-wide pages and indexes and the programmes' own pages do not depend on one
    // another, so both halves run at once; programmes render in parallel among themselves.
    // Site-wide files are handed over as each is made, so their intermediate data (every
    // programme's rows, the search postings) is freed as soon as its files are out.
    let site_pages = std::sync::Mutex::new(Vec::new());
    let deliver_site_wide = |files: Vec<OutputFile>| -> Result<()> {
        let pages = deliver(&files)?;
        lock(&site_pages)?.extend(pages);
        Ok(())
    };
    // The feed and robots.txt read only the site, so they are made with the site-wide pages
    // rather than after every programme, when one thread would make them alone.
    let site_wide_and_feeds = || {
        site_wide_files(site, &theme, &style, &deliver_site_wide)?;
        deliver_site_wide(vec![page::feeds::robots(site), page::feeds::atom(site)])
    };
    let (site_wide, per_programme) = rayon::join(site_wide_and_feeds, || {
        site.programmes
            .par_iter()
            .map(|p| {
                if let Reuse::Previous(keep) = reuse {
                    let slug = &p.programme().slug;
                    let folders = programme_folders(site, slug);
                    if let Some(kept) = keep(slug, programme_key(shared, p), &folders)? {
                        kept.iter().try_for_each(|path| paths.claim(path))?;
                        progress.step();
                        let pages = kept.into_iter().filter(|f| f.ends_with(".html"));
                        // Its share of the open data is made below, once the search index
                        // is done: made now, the shares of thousands of kept programmes
                        // would sit beside the index at its largest.
                        return Ok((pages.collect(), None));
                    }
                }
                let rendered = render_programme_cached(site, p, &theme, &style, cache)?;
                progress.step();
                let pages = deliver(&rendered.files)?;
                Ok((pages, Some(Arc::clone(&rendered.share))))
            })
            .collect::<Result<Vec<(Vec<String>, Option<Arc<opendata::Share>>)>>>()
    });
    site_wide?;
    let (programme_pages, shares): (Vec<Vec<String>>, Vec<Option<Arc<opendata::Share>>>) =
        per_programme?.into_iter().unzip();
    let shares: Vec<Arc<opendata::Share>> = site
        .programmes
        .par_iter()
        .zip(shares)
        .map(|(p, share)| share.unwrap_or_else(|| Arc::new(opendata::programme_share(site, p))))
        .collect();
    // The site-wide open data is every programme's rows joined, in site order.
    let shares: Vec<&opendata::Share> = shares.iter().map(|s| s.as_ref()).collect();
    opendata::site_files(&shares, &deliver_site_wide)?;
    let mut html = into_inner(site_pages)?;
    html.extend(programme_pages.into_iter().flatten());
    // Sorted, so the sitemap does not depend on the order pages were made in.
    html.sort_unstable();
    let html: Vec<&str> = html.iter().map(String::as_str).collect();
    sink(&page::feeds::sitemap(site, &html))?;
    for asset in part::asset_files(&theme) {
        sink(&asset)?;
    }
    Ok(())
}

/// The paths a render has made so far; a path made twice is a fault of gongkai's, never of
/// the content, which validation keeps from naming two things alike.
#[derive(Default)]
struct OncePaths(std::sync::Mutex<std::collections::HashSet<String>>);

impl OncePaths {
    fn claim(&self, path: &str) -> Result<()> {
        if lock(&self.0)?.insert(path.to_string()) {
            return Ok(());
        }
        Err(crate::error::Error::Usage(crate::i18n::t(
            format!("内部错误：文件 {path} 生成了两次，本次未发布任何内容；请报告此问题"),
            format!("internal error: the file {path} was made twice; nothing was published (please report this)"),
        )))
    }
}

/// Pages and files about the whole site: home, directories, comparisons and search,
/// each group handed to `deliver` as soon as it is made. None reads another's output, so
/// they are made at once.
fn site_wide_files(
    site: &ComputedSite,
    theme: &theme::Theme,
    style: &chart::ChartStyle,
    deliver: &(dyn Fn(Vec<OutputFile>) -> Result<()> + Sync),
) -> Result<()> {
    let (indicators, (pages, search_index)) = rayon::join(
        || deliver(indicator_files(site, theme, style)?),
        || {
            rayon::join(
                || deliver(index_pages(site, theme, style)?),
                || search::index_files(site, deliver),
            )
        },
    );
    indicators?;
    pages?;
    search_index
}

/// The indicators page with its cross-programme comparison charts.
fn indicator_files(
    site: &ComputedSite,
    theme: &theme::Theme,
    style: &chart::ChartStyle,
) -> Result<Vec<OutputFile>> {
    let comparisons = charts::comparison_charts(site, style)?;
    let mut files: Vec<OutputFile> = comparisons
        .iter()
        .flat_map(|(_, _, chart_files)| chart_files.iter().cloned())
        .collect();
    let views: Vec<(String, charts::ChartView)> = comparisons
        .into_iter()
        .map(|(id, view, _)| (id, view))
        .collect();
    files.extend(page::indicators::render(site, theme, &views)?);
    Ok(files)
}

/// Home, the directories (region, year, issuer, category, status), data and search pages.
fn index_pages(
    site: &ComputedSite,
    theme: &theme::Theme,
    style: &chart::ChartStyle,
) -> Result<Vec<OutputFile>> {
    let mut files = Vec::new();
    for part in &part::SITE_PAGES {
        files.extend(part::site_page(site, theme, style, part)?);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_made_twice_stops_the_render() {
        let paths = OncePaths::default();
        assert!(paths.claim("indicators/x/index.html").is_ok());
        assert!(paths.claim("indicators/y/index.html").is_ok());
        let error = paths.claim("indicators/x/index.html").unwrap_err();
        assert!(error.to_string().contains("indicators/x/index.html"));
    }
}
