//! The indicator catalogue page: each indicator's definition and every target that uses it.

use super::common::{self, Layout};
use super::OutputFile;
use crate::compute::ComputedSite;
use crate::error::Result;
use crate::render::{format, theme::Theme};
use serde::Serialize;

#[derive(Serialize)]
struct Context {
    layout: Layout,
    indicators: Vec<IndicatorView>,
}

#[derive(Serialize)]
struct IndicatorView {
    id: String,
    name: String,
    unit: String,
    kind: &'static str,
    better: &'static str,
    defined_by: String,
    standard_version: String,
    description: String,
    levels: Vec<(String, String)>,
    uses: Vec<Use>,
    chart: Option<crate::render::charts::ChartView>,
}

#[derive(Serialize)]
struct Use {
    href: String,
    programme: String,
    label: String,
    target: String,
    status: &'static str,
    status_key: &'static str,
    status_symbol: &'static str,
}

/// Renders `indicators/index.html`; indicators used by no target are listed last.
pub fn render(
    site: &ComputedSite,
    theme: &Theme,
    comparisons: &[(String, crate::render::charts::ChartView)],
) -> Result<OutputFile> {
    let path = "indicators/index.html";
    let layout = common::layout(
        site,
        path,
        "indicators",
        "按指标浏览",
        "指标定义及使用各指标的目标",
    )
    .column("按指标浏览", &common::keywords(site));
    let mut indicators: Vec<IndicatorView> = site
        .catalogue
        .indicators
        .iter()
        .map(|i| IndicatorView {
            id: i.id.clone(),
            name: i.name.clone(),
            unit: i.unit.clone(),
            kind: i.kind.label(),
            better: match i.better {
                crate::model::Direction::Higher => "越高越好",
                crate::model::Direction::Lower => "越低越好",
            },
            defined_by: i.defined_by.clone().unwrap_or_default(),
            standard_version: i.standard_version.clone().unwrap_or_default(),
            description: i.description.clone().unwrap_or_default(),
            levels: i
                .levels
                .iter()
                .map(|l| (l.label.clone(), l.meaning.clone().unwrap_or_default()))
                .collect(),
            uses: uses(site, &i.id, &layout.root),
            chart: comparisons
                .iter()
                .find(|(id, _)| *id == i.id)
                .map(|(_, view)| view.clone()),
        })
        .collect();
    indicators.sort_by_key(|i| i.uses.is_empty());
    let html = theme.render("indicators.html", &Context { layout, indicators })?;
    Ok(OutputFile::text(path, html))
}

fn uses(site: &ComputedSite, id: &str, root: &str) -> Vec<Use> {
    let mut found = Vec::new();
    for p in &site.programmes {
        let programme = p.programme();
        for r in &p.targets {
            let t = &programme.targets[r.index];
            if t.indicator != id {
                continue;
            }
            found.push(Use {
                href: format!("{root}programmes/{}/index.html#t-{}", programme.slug, t.id),
                programme: programme
                    .short_title
                    .clone()
                    .unwrap_or_else(|| programme.title.clone()),
                label: t.label.clone(),
                target: t
                    .display
                    .clone()
                    .unwrap_or_else(|| format::amount(site.catalogue.get(id), &t.value)),
                status: r.status.label(),
                status_key: r.status.key(),
                status_symbol: r.status.symbol(),
            });
        }
    }
    found
}
