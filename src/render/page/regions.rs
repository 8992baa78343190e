//! Index by region: province → city → county, each with its programmes and a count.

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
    provinces: Vec<Province>,
}

#[derive(Serialize)]
struct Province {
    name: String,
    id: String,
    count: usize,
    places: Vec<Place>,
}

#[derive(Serialize)]
struct Place {
    name: String,
    count: usize,
    programmes: Vec<ProgrammeLink>,
}

/// Renders `regions/index.html`.
pub fn render(site: &ComputedSite, theme: &Theme) -> Result<OutputFile> {
    let path = "regions/index.html";
    let layout = common::layout(
        site,
        path,
        "regions",
        "按地区浏览",
        "按省、市、县浏览各项目",
    )
    .column("按地区浏览", &common::keywords(site));
    let mut tree: BTreeMap<&str, BTreeMap<String, Vec<ProgrammeLink>>> = BTreeMap::new();
    for p in &site.programmes {
        let region = &p.programme().region;
        let place = [region.city.as_deref(), region.county.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let place = if place.is_empty() {
            "省级".to_string()
        } else {
            place
        };
        tree.entry(region.province.as_str())
            .or_default()
            .entry(place)
            .or_default()
            .push(common::programme_link(p, &layout.root));
    }
    let provinces = tree
        .into_iter()
        .enumerate()
        .map(|(i, (name, places))| Province {
            name: name.to_string(),
            id: format!("r{}", i + 1),
            count: places.values().map(Vec::len).sum(),
            places: places
                .into_iter()
                .map(|(name, programmes)| Place {
                    name,
                    count: programmes.len(),
                    programmes,
                })
                .collect(),
        })
        .collect();
    let html = theme.render("regions.html", &Context { layout, provinces })?;
    Ok(OutputFile::text(path, html))
}
