//! Index by year of the document (成文日期, else 发布日期), newest first.

use super::common::{self, Layout, ProgrammeLink};
use super::OutputFile;
use crate::compute::ComputedSite;
use crate::error::Result;
use crate::render::theme::Theme;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Context {
    layout: Layout,
    heading: String,
    years: Vec<Year>,
    pager: Option<common::Pager>,
}

#[derive(Serialize)]
struct Year {
    year: String,
    count: usize,
    programmes: Vec<ProgrammeLink>,
    /// The year's own page, on a site that gives each year one.
    href: Option<String>,
}

/// A site of more programmes than this gives each year a page of its own
/// (`years/<year>/`, continued on numbered pages beyond [`YEAR_PER_PAGE`] programmes), and
/// `years/` lists the years with their counts.
pub const YEARS_ONE_PAGE_LIMIT: usize = super::home::HOME_PROGRAMMES;
/// Programmes on each page of a year's listing.
pub const YEAR_PER_PAGE: usize = 500;

/// Renders `years/index.html`, and on a large site the pages of each year.
pub fn render(site: &ComputedSite, theme: &Theme) -> Result<Vec<OutputFile>> {
    let path = "years/index.html";
    let layout = common::layout(site, path, "years", "按年份浏览", "按成文年份浏览各项目")
        .column("按年份浏览", &common::keywords(site));
    let large = site.programmes.len() > YEARS_ONE_PAGE_LIMIT;
    let root = if large { "" } else { layout.root.as_str() };
    let mut by_year: BTreeMap<i32, Vec<ProgrammeLink>> = BTreeMap::new();
    for p in &site.programmes {
        let year = common::main_date(p).map(|d| d.year).unwrap_or(0);
        by_year
            .entry(year)
            .or_default()
            .push(common::programme_link(p, root));
    }
    let mut files = Vec::new();
    let mut years = Vec::new();
    for (year, programmes) in by_year.into_iter().rev() {
        let name = if year == 0 {
            "未注明".to_string()
        } else {
            format!("{year}年")
        };
        let count = programmes.len();
        if !large {
            years.push(Year {
                year: name,
                count,
                programmes,
                href: None,
            });
            continue;
        }
        // On a large site the year's programmes go on its own pages; the index links them.
        let key = if year == 0 {
            "undated".to_string()
        } else {
            year.to_string()
        };
        files.extend(year_pages(site, theme, &key, &name, programmes)?);
        years.push(Year {
            year: name,
            count,
            programmes: Vec::new(),
            href: Some(format!("{key}/index.html")),
        });
    }
    let heading = "按年份浏览".to_string();
    let context = Context {
        layout,
        heading,
        years,
        pager: None,
    };
    files.insert(
        0,
        OutputFile::text(path, theme.render("years.html", &context)?),
    );
    Ok(files)
}

/// The pages of one year: `years/<key>/index.html`, then `years/<key>/<n>/index.html`.
fn year_pages(
    site: &ComputedSite,
    theme: &Theme,
    key: &str,
    name: &str,
    programmes: Vec<ProgrammeLink>,
) -> Result<Vec<OutputFile>> {
    let count = programmes.len();
    let pages = count.div_ceil(YEAR_PER_PAGE);
    let folder = format!("years/{key}/");
    programmes
        .chunks(YEAR_PER_PAGE)
        .enumerate()
        .map(|(i, chunk)| {
            let number = i + 1;
            let path = common::numbered_page(&folder, number);
            let heading = match pages {
                1 => format!("按年份浏览：{name}"),
                _ => format!("按年份浏览：{name}（第 {number}/{pages} 页）"),
            };
            let layout = common::layout(site, &path, "years", &heading, &heading)
                .column("按年份浏览", &common::keywords(site));
            let programmes = chunk
                .iter()
                .map(|l| ProgrammeLink {
                    href: format!("{}{}", layout.root, l.href),
                    ..l.clone()
                })
                .collect();
            let year = Year {
                year: name.to_string(),
                count,
                programmes,
                href: None,
            };
            let pager = (pages > 1).then(|| common::pager(&folder, number, pages));
            let context = Context {
                layout,
                heading,
                years: vec![year],
                pager,
            };
            Ok(OutputFile::text(
                path,
                theme.render("years.html", &context)?,
            ))
        })
        .collect()
}
