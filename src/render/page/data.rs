//! The open-data page: site-wide downloads and the meaning of every column.

use super::common::{self, Layout};
use super::OutputFile;
use crate::compute::ComputedSite;
use crate::error::Result;
use crate::render::{opendata, theme::Theme};
use serde::Serialize;

#[derive(Serialize)]
struct Context {
    layout: Layout,
    tables: Vec<TableDoc>,
}

#[derive(Serialize)]
struct TableDoc {
    name: &'static str,
    columns: Vec<(&'static str, &'static str)>,
}

/// Renders `data/index.html`.
pub fn render(site: &ComputedSite, theme: &Theme) -> Result<OutputFile> {
    let path = "data/index.html";
    let layout = common::layout(
        site,
        path,
        "data",
        "开放数据",
        "目标、实际数据、进度节点和资金安排的 CSV 与 JSON 下载及字段说明",
    )
    .column("开放数据", &common::keywords(site));
    let tables = opendata::COLUMNS
        .iter()
        .map(|(name, columns)| TableDoc {
            name,
            columns: columns.to_vec(),
        })
        .collect();
    let html = theme.render("data.html", &Context { layout, tables })?;
    Ok(OutputFile::text(path, html))
}
