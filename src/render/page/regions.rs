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
    heading: String,
    provinces: Vec<Province>,
}

#[derive(Serialize)]
struct Province {
    name: String,
    id: String,
    count: usize,
    places: Vec<Place>,
    /// The province's own page, on a site that gives each province one.
    href: Option<String>,
}

/// A site of more programmes than this gives each province a page of its own
/// (`regions/<code>/`), and `regions/` lists the provinces and their places with counts: on
/// one page, every programme of a national site made a page of megabytes.
pub const REGIONS_ONE_PAGE_LIMIT: usize = super::home::HOME_PROGRAMMES;

#[derive(Serialize)]
struct Place {
    name: String,
    count: usize,
    programmes: Vec<ProgrammeLink>,
}

/// Renders `regions/index.html`, and on a large site a page per province.
pub fn render(site: &ComputedSite, theme: &Theme) -> Result<Vec<OutputFile>> {
    let path = "regions/index.html";
    let layout = common::layout(
        site,
        path,
        "regions",
        "按地区浏览",
        "按省、市、县浏览各项目",
    )
    .column("按地区浏览", &common::keywords(site));
    if site.programmes.len() <= REGIONS_ONE_PAGE_LIMIT {
        let provinces = provinces(site, &layout.root);
        let heading = "按地区浏览".to_string();
        let context = Context {
            layout,
            heading,
            provinces,
        };
        return Ok(vec![OutputFile::text(
            path,
            theme.render("regions.html", &context)?,
        )]);
    }
    let mut files = Vec::new();
    let mut overview = Vec::new();
    // By code, as the administrative divisions are listed (北京 11 … 新疆 65).
    let mut by_code: Vec<(String, Province)> = provinces(site, "../../")
        .into_iter()
        .map(|p| (province_code(&p.name), p))
        .collect();
    by_code.sort_by(|a, b| a.0.cmp(&b.0));
    for (i, (code, province)) in by_code.into_iter().enumerate() {
        let page = format!("regions/{code}/index.html");
        let page_layout = common::layout(
            site,
            &page,
            "regions",
            &province.name,
            &format!("{}的项目，按市、县列出", province.name),
        )
        .column("按地区浏览", &common::keywords(site));
        let heading = format!("按地区浏览：{}", province.name);
        let Province {
            name,
            count,
            places,
            ..
        } = province;
        // The overview names each place with its count; the programmes are on the page.
        let place_counts = places
            .iter()
            .map(|p| Place {
                name: p.name.clone(),
                count: p.count,
                programmes: Vec::new(),
            })
            .collect();
        let context = Context {
            layout: page_layout,
            heading,
            provinces: vec![Province {
                name: name.clone(),
                id: "r1".into(),
                count,
                places,
                href: None,
            }],
        };
        files.push(OutputFile::text(
            page,
            theme.render("regions.html", &context)?,
        ));
        overview.push(Province {
            name,
            id: format!("r{}", i + 1),
            count,
            places: place_counts,
            href: Some(format!("{code}/index.html")),
        });
    }
    let context = Context {
        layout,
        heading: "按地区浏览".into(),
        provinces: overview,
    };
    files.insert(
        0,
        OutputFile::text(path, theme.render("regions.html", &context)?),
    );
    Ok(files)
}

/// Every province with its places (city and county) and their programmes, linked with
/// `root` before `programmes/…`.
fn provinces(site: &ComputedSite, root: &str) -> Vec<Province> {
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
            .push(common::programme_link(p, root));
    }
    tree.into_iter()
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
            href: None,
        })
        .collect()
}

/// The folder name of a province's page: its two-digit code of GB/T 2260 (河南省 → `41`),
/// so addresses are short, ASCII and stable; a name not in the standard gets `x` and a
/// hash of the name, the same on every machine.
pub fn province_code(name: &str) -> String {
    if let Some(code) = crate::gbt2260::province_code(name) {
        return code.to_string();
    }
    format!("x{:08x}", crate::render::stable_hash(name.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provinces_have_short_stable_codes() {
        assert_eq!(province_code("河南省"), "41");
        assert_eq!(province_code("新疆维吾尔自治区"), "65");
        let other = province_code("示例省");
        assert!(other.starts_with('x') && other.len() == 9, "{other}");
        assert_eq!(other, province_code("示例省"));
        assert_ne!(other, province_code("示范省"));
    }
}
