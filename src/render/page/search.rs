//! The search page; the index itself is written by [`crate::render::search`].

use super::common;
use super::OutputFile;
use crate::compute::ComputedSite;
use crate::error::Result;
use crate::render::theme::Theme;
use serde::Serialize;

#[derive(Serialize)]
struct Context {
    layout: common::Layout,
}

/// Renders `search/index.html`.
pub fn render(site: &ComputedSite, theme: &Theme) -> Result<OutputFile> {
    let path = "search/index.html";
    let layout = common::layout(site, path, "search", "站内搜索", "搜索项目、目标和文件原文")
        .column("站内搜索", &common::keywords(site));
    Ok(OutputFile::text(
        path,
        theme.render("search.html", &Context { layout })?,
    ))
}
