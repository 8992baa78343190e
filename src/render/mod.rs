//! Stage 4, render: computed site → pages, charts and assets, all in memory.
//!
//! Each page kind has its own module under [`page`]; each chart kind its own under
//! [`chart`]. Programmes render independently of one another.

pub mod chart;
pub mod charts;
pub mod format;
pub mod markdown;
pub mod opendata;
pub mod page;
pub mod script;
pub mod search;
pub mod theme;
pub mod variant;

use crate::compute::ComputedSite;
use crate::error::Result;
use page::OutputFile;
use rayon::prelude::*;
use std::path::Path;

/// Everything one programme contributes: its page, sub-pages, charts and open data.
pub fn render_programme(
    site: &ComputedSite,
    p: &crate::compute::ComputedProgramme,
    theme: &theme::Theme,
    style: &chart::ChartStyle,
) -> Result<Vec<OutputFile>> {
    let (views, chart_files) = charts::programme_charts(site, p, style)?;
    let mut files = vec![page::programme::render(site, p, views, theme)?];
    files.extend(chart_files);
    files.extend(page::subpage::render_all(site, p, theme)?);
    files.extend(opendata::programme_files(site, p));
    Ok(files)
}

/// Renders the whole site; files are returned sorted by path.
pub fn render_site(
    site: &ComputedSite,
    site_root: &Path,
    progress: &dyn crate::build::Progress,
) -> Result<Vec<OutputFile>> {
    let theme = theme::load(site_root, &site.site.theme)?;
    let style = theme.chart_style.clone();
    let (site_status, mut files) =
        charts::status_chart("site-status", "全站目标状态总览", &site.counts, "", &style)?;
    let comparisons = charts::comparison_charts(site, &style)?;
    for (_, _, chart_files) in &comparisons {
        files.extend(chart_files.iter().cloned());
    }
    let comparisons: Vec<(String, charts::ChartView)> = comparisons
        .into_iter()
        .map(|(id, view, _)| (id, view))
        .collect();
    files.extend([
        page::home::render(site, &theme, site_status)?,
        page::regions::render(site, &theme)?,
        page::years::render(site, &theme)?,
        page::indicators::render(site, &theme, &comparisons)?,
        page::data::render(site, &theme)?,
        page::directory::issuers(site, &theme)?,
        page::directory::categories(site, &theme)?,
        page::directory::status(site, &theme)?,
        page::search::render(site, &theme)?,
    ]);
    // Programmes are independent of one another, so they render in parallel; collecting
    // keeps their order, so the output does not depend on scheduling.
    let per_programme: Vec<Vec<OutputFile>> = site
        .programmes
        .par_iter()
        .map(|p| {
            let files = render_programme(site, p, &theme, &style);
            progress.step();
            files
        })
        .collect::<Result<_>>()?;
    files.extend(per_programme.into_iter().flatten());
    files.extend(opendata::site_files(site));
    files.extend(search::index_files(&search::documents(site)));
    if site.site.traditional {
        let mirror = variant::traditional_pages(&files);
        files.extend(mirror);
    }
    let html: Vec<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| p.ends_with(".html"))
        .collect();
    let sitemap = page::feeds::sitemap(site, &html);
    files.extend([sitemap, page::feeds::robots(site), page::feeds::atom(site)]);
    for (name, bytes) in &theme.assets {
        files.push(OutputFile {
            path: format!("assets/{name}"),
            bytes: bytes.clone(),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
