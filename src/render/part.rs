//! The site as parts that render on their own: a programme's folder, each site-wide page,
//! the comparison charts, the search index, the open data, the feeds, the assets.
//!
//! A full build renders every part (the comparison charts and indicator pages together);
//! `serve` renders a part only when a file of it is asked
//! for, so an edit costs what the pages being looked at cost, not the whole site.
//! [`Part::of`] says which part makes a path; the test at the end of this file checks it
//! against every file of a full build.

use super::page::{self, OutputFile};
use super::ProgrammeCache;
use super::{chart::ChartStyle, charts, search, theme::Theme};
use crate::compute::{ComputedSite, Status};
use crate::error::Result;
use rayon::prelude::*;

/// A part of the site whose files render together.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// `programmes/<slug>/`: the page, sub-pages, charts and open data of one programme.
    Programme(String),
    /// `index.html` and the site-wide status chart under `charts/`.
    Home,
    /// `regions/`.
    Regions,
    /// `years/`.
    Years,
    /// `data/index.html`, the page documenting the open data.
    DataPage,
    /// `issuers/`.
    Issuers,
    /// `categories/`.
    Categories,
    /// `status/index.html`.
    Status,
    /// `status/<key>/`: the pages listing every target of one status, on a large site.
    StatusList(crate::compute::Status),
    /// `search/index.html`.
    SearchPage,
    /// `search/` but its page: the index shards and document chunks.
    SearchIndex,
    /// `indicators/index.html`: the indicator catalogue.
    Catalogue,
    /// `indicators/<slug>/`: one indicator's page and comparison chart.
    Indicator(String),
    /// `data/` but its page: the site-wide open data.
    OpenData,
    /// `robots.txt` and the Atom feed `feed.xml`.
    Feeds,
    /// `sitemap.xml`, which lists every page of the site.
    Sitemap,
    /// `assets/`: the theme's stylesheet and scripts.
    Assets,
}

/// The site-wide pages made from the computed site alone, in the order a build makes them.
pub const SITE_PAGES: [Part; 13] = [
    Part::Home,
    Part::Regions,
    Part::Years,
    Part::DataPage,
    Part::Issuers,
    Part::Categories,
    Part::Status,
    Part::StatusList(Status::Achieved),
    Part::StatusList(Status::OnTrack),
    Part::StatusList(Status::AtRisk),
    Part::StatusList(Status::Overdue),
    Part::StatusList(Status::NoData),
    Part::SearchPage,
];

impl Part {
    /// The part that makes the file at `path` (relative, '/'-separated, no `zh-hant/`
    /// prefix), or `None` when no part makes files there.
    pub fn of(path: &str) -> Option<Part> {
        let (first, rest) = path.split_once('/').unwrap_or((path, ""));
        Some(match (first, rest) {
            ("programmes", rest) => {
                let (slug, _) = rest.split_once('/')?;
                Part::Programme(slug.to_string())
            }
            ("index.html", "") | ("charts", _) => Part::Home,
            ("regions", _) => Part::Regions,
            ("years", _) => Part::Years,
            ("issuers", _) => Part::Issuers,
            ("categories", _) => Part::Categories,
            ("status", "index.html") => Part::Status,
            ("status", rest) => {
                let (key, _) = rest.split_once('/')?;
                Part::StatusList(*Status::ALL.iter().find(|s| s.key() == key)?)
            }
            ("data", "index.html") => Part::DataPage,
            ("data", _) => Part::OpenData,
            ("search", "index.html") => Part::SearchPage,
            ("search", _) => Part::SearchIndex,
            ("indicators", "index.html") => Part::Catalogue,
            ("indicators", rest) => {
                let (slug, _) = rest.split_once('/')?;
                Part::Indicator(slug.to_string())
            }
            ("robots.txt" | "feed.xml", "") => Part::Feeds,
            ("sitemap.xml", "") => Part::Sitemap,
            ("assets", _) => Part::Assets,
            _ => return None,
        })
    }
}

/// The files of one of the [`SITE_PAGES`] (other parts give nothing here).
pub fn site_page(
    site: &ComputedSite,
    theme: &Theme,
    style: &ChartStyle,
    part: &Part,
) -> Result<Vec<OutputFile>> {
    Ok(match part {
        Part::Home => {
            let (site_status, mut files) =
                charts::status_chart("site-status", "全站目标状态总览", &site.counts, "", style)?;
            files.push(page::home::render(site, theme, site_status)?);
            files
        }
        Part::Regions => page::regions::render(site, theme)?,
        Part::Years => page::years::render(site, theme)?,
        Part::DataPage => vec![page::data::render(site, theme)?],
        Part::Issuers => page::directory::issuers(site, theme)?,
        Part::Categories => page::directory::categories(site, theme)?,
        Part::Status => vec![page::directory::status(site, theme)?],
        Part::StatusList(status) => page::directory::status_pages(site, theme, *status)?,
        Part::SearchPage => vec![page::search::render(site, theme)?],
        _ => Vec::new(),
    })
}

/// The files of a site-wide part that reads no other part's output: a site page, the
/// comparison charts and indicator pages, the search index or the assets. Programmes, open
/// data and feeds are made from programmes' renders and are assembled by the caller.
pub fn site_wide(
    site: &ComputedSite,
    theme: &Theme,
    style: &ChartStyle,
    part: &Part,
) -> Result<Vec<OutputFile>> {
    match part {
        Part::Catalogue => Ok(vec![page::indicators::catalogue(site, theme)?]),
        Part::Indicator(slug) => indicator(site, theme, style, slug),
        Part::SearchIndex => super::collect_groups(|deliver| search::index_files(site, deliver)),
        Part::Assets => Ok(asset_files(theme)),
        other => site_page(site, theme, style, other),
    }
}

/// `sitemap.xml`, from the pages' paths: programmes' pages are listed without rendering
/// them (their paths follow from their sources), the site-wide pages are rendered for
/// theirs (how many pages a listing takes depends on its contents). The search index and
/// the open data make no pages.
fn sitemap(site: &ComputedSite, theme: &Theme, style: &ChartStyle) -> Result<Vec<OutputFile>> {
    let mut parts: Vec<Part> = SITE_PAGES.to_vec();
    parts.push(Part::Catalogue);
    parts.extend(
        site.catalogue
            .indicators
            .iter()
            .map(|i| Part::Indicator(charts::indicator_slug(&i.id))),
    );
    let site_pages = parts
        .par_iter()
        .map(|part| site_wide(site, theme, style, part))
        .collect::<Result<Vec<_>>>()?;
    let mut pages: Vec<String> = site
        .programmes
        .iter()
        .flat_map(|p| page::subpage::programme_pages(p))
        .chain(site_pages.into_iter().flatten().map(|file| file.path))
        .filter(|path| path.ends_with(".html"))
        .collect();
    if site.site.traditional {
        let mirrored: Vec<String> = pages
            .iter()
            .map(|path| format!("{}{path}", super::variant::PREFIX))
            .collect();
        pages.extend(mirrored);
    }
    pages.sort_unstable();
    let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
    Ok(vec![page::feeds::sitemap(site, &pages)])
}

/// One indicator's page and comparison chart, found by its folder name.
fn indicator(
    site: &ComputedSite,
    theme: &Theme,
    style: &ChartStyle,
    slug: &str,
) -> Result<Vec<OutputFile>> {
    let found = site
        .catalogue
        .indicators
        .iter()
        .find(|i| charts::indicator_slug(&i.id) == slug);
    let Some(indicator) = found else {
        return Ok(Vec::new());
    };
    let (chart, mut files) = match charts::comparison_chart(site, indicator, style)? {
        Some((view, files)) => (Some(view), files),
        None => (None, Vec::new()),
    };
    files.extend(page::indicators::indicator_page(
        site, theme, indicator, chart,
    )?);
    Ok(files)
}

/// The theme's stylesheet and scripts, under `assets/`.
pub fn asset_files(theme: &Theme) -> Vec<OutputFile> {
    theme
        .assets
        .iter()
        .map(|(name, bytes)| OutputFile {
            path: format!("assets/{name}"),
            bytes: bytes.clone(),
        })
        .collect()
}

/// Renders `part` of `site`, as a full build would. Programmes come from `cache` when
/// their inputs are unchanged, and go into it otherwise. The open data joins every
/// programme's rows and the sitemap every page's path; neither renders the programmes.
pub fn render(
    site: &ComputedSite,
    theme: &Theme,
    part: &Part,
    cache: &ProgrammeCache,
) -> Result<Vec<OutputFile>> {
    let style = &theme.chart_style;
    match part {
        Part::Programme(slug) => {
            let Some(p) = site.programmes.iter().find(|p| p.programme().slug == *slug) else {
                return Ok(Vec::new());
            };
            let shared = super::shared_key(site, theme);
            let rendered =
                super::render_programme_cached(site, p, theme, style, Some((cache, shared)))?;
            Ok(rendered.files.clone())
        }
        Part::OpenData => {
            let shares: Vec<super::opendata::Share> = site
                .programmes
                .par_iter()
                .map(|p| super::opendata::programme_share(site, p))
                .collect();
            let shares: Vec<&super::opendata::Share> = shares.iter().collect();
            super::collect_groups(|deliver| super::opendata::site_files(&shares, deliver))
        }
        Part::Feeds => Ok(vec![page::feeds::robots(site), page::feeds::atom(site)]),
        Part::Sitemap => sitemap(site, theme, style),
        other => site_wide(site, theme, style, other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_their_parts() {
        let cases = [
            (
                "programmes/a-b/index.html",
                Some(Part::Programme("a-b".into())),
            ),
            (
                "programmes/a-b/charts/x.svg",
                Some(Part::Programme("a-b".into())),
            ),
            ("programmes/a-b", None),
            ("index.html", Some(Part::Home)),
            ("charts/site-status.svg", Some(Part::Home)),
            ("data/index.html", Some(Part::DataPage)),
            ("data/data.json", Some(Part::OpenData)),
            ("search/index.html", Some(Part::SearchPage)),
            ("search/s/0a.js", Some(Part::SearchIndex)),
            ("feed.xml", Some(Part::Feeds)),
            ("sitemap.xml", Some(Part::Sitemap)),
            ("assets/site.css", Some(Part::Assets)),
            ("indicators/index.html", Some(Part::Catalogue)),
            (
                "indicators/emr-level/index.html",
                Some(Part::Indicator("emr-level".into())),
            ),
            ("status/index.html", Some(Part::Status)),
            (
                "status/overdue/3/index.html",
                Some(Part::StatusList(Status::Overdue)),
            ),
            ("status/unknown/index.html", None),
            ("nothing.html", None),
        ];
        for (path, part) in cases {
            assert_eq!(Part::of(path), part, "{path}");
        }
    }
}
