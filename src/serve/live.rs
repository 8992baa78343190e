//! The preview's site, kept in memory and rendered on request.
//!
//! `serve` never writes the output folder (that is `build`'s job). It keeps the computed
//! site and renders a part of it (a programme, a directory page, the search index …) the
//! first time a file of that part is asked for. An edit inside one programme's folder is
//! read, checked and computed on its own; the other programmes are shared with the site
//! before the edit, and every site-wide part is made again when next asked for, so every
//! page that shows the programme is current. Anything else — `site.yaml`, the indicator
//! catalogue, a theme, a programme folder added or removed — loads the whole site again.

use crate::build::BuildOptions;
use crate::compute::{self, ComputedSite};
use crate::error::{Error, Result};
use crate::render::page::OutputFile;
use crate::render::part::{self, Part};
use crate::render::{theme, variant, ProgrammeCache};
use crate::{load, validate};
use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// What changed since the last update.
#[derive(Debug, Clone)]
pub enum Changes {
    /// Not known: read everything again.
    Unknown,
    /// These files or folders (absolute paths, as the watcher reports them).
    Paths(BTreeSet<PathBuf>),
}

/// What an update did, for the log line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// Everything was read again.
    Full {
        /// Programmes in the site.
        programmes: usize,
    },
    /// Only these programmes (by slug) were read again.
    Programmes(Vec<String>),
}

/// The site as the preview serves it.
pub struct LiveSite {
    options: BuildOptions,
    site_root: PathBuf,
    current: Mutex<Option<Arc<Snapshot>>>,
    /// Programmes' rendered files, kept across edits while their inputs are unchanged.
    programmes: ProgrammeCache,
    /// Parsed programme files, kept across full reloads while their text is unchanged.
    parsed: load::ParseCache,
}

/// One state of the site: what an update made, and the parts rendered from it so far.
struct Snapshot {
    site: ComputedSite,
    theme: Arc<theme::Theme>,
    parts: Mutex<HashMap<Part, Arc<OnceLock<PartFiles>>>>,
}

/// A part's files, or the message of the error that stopped it.
type PartFiles = std::result::Result<Arc<Vec<OutputFile>>, String>;

/// A file the preview serves.
pub struct Served {
    /// Its path in the site (what `build` would write it as).
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl LiveSite {
    /// A site for `options`, nothing read yet (see [`LiveSite::update`]).
    pub fn new(options: BuildOptions) -> Self {
        let site_root = options
            .content
            .parent()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("."));
        LiveSite {
            options,
            site_root,
            current: Mutex::new(None),
            programmes: ProgrammeCache::new(),
            parsed: load::ParseCache::new(),
        }
    }

    /// Brings the site up to date with `changes`. On an error the site stays as it was, so
    /// the preview keeps showing the last good version.
    pub fn update(&self, changes: &Changes) -> Result<Update> {
        let current = self.snapshot();
        if let (Some(current), Changes::Paths(paths)) = (&current, changes) {
            if let Some(folders) = self.programme_folders(&current.site, paths) {
                return self.update_programmes(current, &folders);
            }
        }
        self.reload()
    }

    /// The file at `request_path` (as in a URL, decoded: `/`, `/regions/`,
    /// `/programmes/x/index.html`), rendering its part if this version of the site has not
    /// yet; `Ok(None)` when the site has no such file.
    pub fn file(&self, request_path: &str) -> Result<Option<Served>> {
        let Some(snapshot) = self.snapshot() else {
            return Ok(None);
        };
        let Some(path) = site_path(request_path) else {
            return Ok(None);
        };
        if let Some(found) = self.find(&snapshot, &path)? {
            return Ok(Some(found));
        }
        // `/regions` for `/regions/index.html`, as a static server finds a folder's index.
        match path.rsplit('/').next() {
            Some(last) if !last.contains('.') => {
                self.find(&snapshot, &format!("{path}/index.html"))
            }
            _ => Ok(None),
        }
    }

    fn snapshot(&self) -> Option<Arc<Snapshot>> {
        self.current.lock().ok().and_then(|c| c.clone())
    }

    fn publish(&self, site: ComputedSite, theme: Arc<theme::Theme>) {
        let snapshot = Arc::new(Snapshot {
            site,
            theme,
            parts: Mutex::new(HashMap::new()),
        });
        if let Ok(mut current) = self.current.lock() {
            *current = Some(snapshot);
        }
    }

    /// load → validate → compute for the whole content folder.
    fn reload(&self) -> Result<Update> {
        let mut content = validate::load_checked(&self.options.content, Some(&self.parsed))?;
        if let Some(base_url) = &self.options.base_url {
            content.site.base_url = base_url.clone();
        }
        for source in &mut content.programmes {
            source.yaml_text = String::new();
        }
        let site = compute::compute(content, self.options.as_of);
        let theme = Arc::new(theme::load(&self.site_root, &site.site.theme)?);
        self.programmes.retain(&site);
        let programmes = site.programmes.len();
        self.publish(site, theme);
        Ok(Update::Full { programmes })
    }

    /// The programme folders (names under `content/programmes/`) that `paths` lie in, when
    /// every path lies in the folder of a programme of `site` that is still there; `None`
    /// when anything else changed.
    fn programme_folders(
        &self,
        site: &ComputedSite,
        paths: &BTreeSet<PathBuf>,
    ) -> Option<Vec<String>> {
        let root = self.options.content.canonicalize().ok()?.join("programmes");
        let mut folders = BTreeSet::new();
        for path in paths {
            let relative = path.strip_prefix(&root).ok()?;
            let mut parts = relative.components();
            let (Some(Component::Normal(folder)), Some(_)) = (parts.next(), parts.next()) else {
                return None;
            };
            let folder = folder.to_str()?.to_string();
            // A folder that became a symlink is for the full load to refuse, with its message.
            let plain_folder =
                std::fs::symlink_metadata(root.join(&folder)).is_ok_and(|m| m.is_dir());
            if !plain_folder || programme_index(site, &folder).is_none() {
                return None;
            }
            folders.insert(folder);
        }
        Some(folders.into_iter().collect())
    }

    /// Reads, checks and computes the programmes in `folders` again; the rest of the site
    /// is shared with `current`. A changed slug moves the programme in the site's order, so
    /// it loads the whole site instead.
    fn update_programmes(&self, current: &Snapshot, folders: &[String]) -> Result<Update> {
        let mut site = current.site.clone();
        let mut slugs = Vec::new();
        for folder in folders {
            let index = programme_index(&site, folder).ok_or_else(|| {
                Error::Usage(crate::i18n::t(
                    format!("项目文件夹 {folder} 已不存在"),
                    format!("programme folder {folder} is gone"),
                ))
            })?;
            let path = self.options.content.join("programmes").join(folder);
            let mut source =
                load::load_programme_folder(&self.options.content, &path, Some(&self.parsed))?;
            validate::validate_programme(&source, &site.catalogue)?;
            source.yaml_text = String::new();
            if source.programme.slug != site.programmes[index].programme().slug {
                return self.reload();
            }
            slugs.push(source.programme.slug.clone());
            site = site.with_programme(index, source);
        }
        for slug in &slugs {
            let part = Part::Programme(slug.clone());
            part::render(&site, &current.theme, &part, &self.programmes)?;
        }
        self.publish(site, Arc::clone(&current.theme));
        Ok(Update::Programmes(slugs))
    }

    /// The file at `path` (a site path), from its part's files or, for the
    /// Traditional-Chinese mirror, converted from the Simplified page.
    fn find(&self, snapshot: &Snapshot, path: &str) -> Result<Option<Served>> {
        let mirrored = snapshot.site.site.traditional;
        let original = match path.strip_prefix(variant::PREFIX) {
            Some(rest) if mirrored => rest,
            _ => path,
        };
        let Some(part) = Part::of(original) else {
            return Ok(None);
        };
        let files = self.part(snapshot, &part)?;
        let Some(file) = files.iter().find(|f| f.path == original) else {
            return Ok(None);
        };
        if original == path {
            return Ok(Some(Served {
                path: path.to_string(),
                bytes: file.bytes.clone(),
            }));
        }
        Ok(variant::traditional_pages(std::slice::from_ref(file))
            .into_iter()
            .next()
            .map(|f| Served {
                path: f.path,
                bytes: f.bytes,
            }))
    }

    /// A part's files in `snapshot`, rendered once however many requests ask at the same
    /// time.
    fn part(&self, snapshot: &Snapshot, part: &Part) -> Result<Arc<Vec<OutputFile>>> {
        let cell = {
            let mut parts = snapshot.parts.lock().map_err(|_| {
                Error::Usage(crate::i18n::t(
                    "预览的一个线程出错",
                    "a preview thread failed",
                ))
            })?;
            Arc::clone(parts.entry(part.clone()).or_default())
        };
        cell.get_or_init(|| {
            part::render(&snapshot.site, &snapshot.theme, part, &self.programmes)
                .map(Arc::new)
                .map_err(|e| e.to_string())
        })
        .clone()
        .map_err(Error::Usage)
    }
}

/// Index in `site` of the programme in folder `folder` of `content/programmes/`.
fn programme_index(site: &ComputedSite, folder: &str) -> Option<usize> {
    site.programmes.iter().position(|p| {
        p.source
            .yaml_path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|name| name == folder)
    })
}

/// The site path for a request path: `/` → `index.html`, `/a/` → `a/index.html`; `None`
/// for anything that is not a plain relative path (`..`, `.`, backslashes, NUL).
fn site_path(request_path: &str) -> Option<String> {
    if request_path.contains(['\\', '\0']) {
        return None;
    }
    let relative = request_path.strip_prefix('/')?;
    let plain = Path::new(relative)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if !plain || relative.split('/').any(|s| s == "." || s == "..") {
        return None;
    }
    if relative.is_empty() || relative.ends_with('/') {
        Some(format!("{relative}index.html"))
    } else {
        Some(relative.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_become_site_paths() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/regions/").as_deref(),
            Some("regions/index.html")
        );
        assert_eq!(site_path("/a/b.svg").as_deref(), Some("a/b.svg"));
        for bad in ["/../etc/passwd", "/a/../../x", "/./x", "/a\\b", "x", "/a\0"] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }
}
