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
    years: Vec<Year>,
}

#[derive(Serialize)]
struct Year {
    year: String,
    count: usize,
    programmes: Vec<ProgrammeLink>,
}

/// Renders `years/index.html`.
pub fn render(site: &ComputedSite, theme: &Theme) -> Result<OutputFile> {
    let path = "years/index.html";
    let layout = common::layout(site, path, "years", "按年份浏览", "按成文年份浏览各项目")
        .column("按年份浏览", &common::keywords(site));
    let mut years: BTreeMap<i32, Vec<ProgrammeLink>> = BTreeMap::new();
    for p in &site.programmes {
        let year = common::main_date(p).map(|d| d.year).unwrap_or(0);
        years
            .entry(year)
            .or_default()
            .push(common::programme_link(p, &layout.root));
    }
    let years = years
        .into_iter()
        .rev()
        .map(|(year, programmes)| Year {
            year: if year == 0 {
                "未注明".to_string()
            } else {
                format!("{year}年")
            },
            count: programmes.len(),
            programmes,
        })
        .collect();
    let html = theme.render("years.html", &Context { layout, years })?;
    Ok(OutputFile::text(path, html))
}
