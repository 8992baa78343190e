//! The home page: the programmes with their key targets and status, and site-wide counts.
//!
//! A site of up to [`HOME_PROGRAMMES`] programmes lists them all. A larger one lists its most
//! recent documents and sends readers to the directories for the rest: a card for each of a
//! national site's 3,000 programmes made a 4 MB home page, too much for a phone.

use super::common::{self, CountView, Layout, ProgrammeLink};
use super::OutputFile;
use crate::compute::ComputedSite;
use crate::error::Result;
use crate::render::{format, theme::Theme};
use serde::Serialize;

/// How many targets each programme shows on the home page.
const KEY_TARGETS: usize = 3;

/// Programme cards on the home page at most.
pub const HOME_PROGRAMMES: usize = 60;

#[derive(Serialize)]
struct Context {
    layout: Layout,
    description: String,
    counts: Vec<CountView>,
    target_total: usize,
    /// Programmes in the site.
    programme_total: usize,
    /// Only the most recent programmes are listed.
    latest_only: bool,
    programmes: Vec<Entry>,
    status_chart: crate::render::charts::ChartView,
}

#[derive(Serialize)]
struct Entry {
    link: ProgrammeLink,
    key_targets: Vec<KeyTarget>,
    more: usize,
    actual_count: usize,
}

#[derive(Serialize)]
struct KeyTarget {
    label: String,
    target: String,
    deadline: String,
    status: &'static str,
    status_key: &'static str,
    status_symbol: &'static str,
}

/// The targets a reader most wants first: measured ratios and scales before counts and
/// yes/no items, in document order within each kind.
fn key_targets<'a>(
    site: &ComputedSite,
    p: &'a crate::compute::ComputedProgramme,
) -> Vec<&'a crate::compute::TargetReport> {
    use crate::model::IndicatorKind::*;
    let rank = |r: &crate::compute::TargetReport| {
        let id = &p.programme().targets[r.index].indicator;
        match site.catalogue.get(id).map(|i| i.kind) {
            Some(Ratio) => 0,
            Some(Level) => 1,
            Some(Percentage) => 2,
            Some(Money) => 3,
            Some(Count) | Some(Distance) | Some(Duration) => 4,
            _ => 5,
        }
    };
    let mut ordered: Vec<&crate::compute::TargetReport> = p.targets.iter().collect();
    ordered.sort_by_key(|r| rank(r));
    ordered.truncate(KEY_TARGETS);
    ordered
}

/// The programmes the home page lists: all of them in site order, or for a large site the
/// [`HOME_PROGRAMMES`] most recent by their document's date (then by slug).
fn listed(site: &ComputedSite) -> Vec<&crate::compute::ComputedProgramme> {
    let mut all: Vec<&crate::compute::ComputedProgramme> =
        site.programmes.iter().map(|p| p.as_ref()).collect();
    if all.len() > HOME_PROGRAMMES {
        let day =
            |p: &crate::compute::ComputedProgramme| common::main_date(p).map(|d| d.last_day());
        all.sort_by(|a, b| {
            day(b)
                .cmp(&day(a))
                .then_with(|| a.programme().slug.cmp(&b.programme().slug))
        });
        all.truncate(HOME_PROGRAMMES);
    }
    all
}

/// Renders `index.html`.
pub fn render(
    site: &ComputedSite,
    theme: &Theme,
    status_chart: crate::render::charts::ChartView,
) -> Result<OutputFile> {
    let path = "index.html";
    let description = site.site.description.clone().unwrap_or_default();
    let layout = common::layout(site, path, "home", &site.site.title, &description)
        .column(&site.site.title, &common::keywords(site));
    let programmes: Vec<Entry> = listed(site)
        .into_iter()
        .map(|p| {
            let programme = p.programme();
            let key_targets = key_targets(site, p)
                .into_iter()
                .map(|r| {
                    let t = &programme.targets[r.index];
                    let indicator = site.catalogue.get(&t.indicator);
                    KeyTarget {
                        label: t.label.clone(),
                        target: t
                            .display
                            .clone()
                            .unwrap_or_else(|| format::amount(indicator, &t.value)),
                        deadline: t.deadline.map(|d| d.to_chinese()).unwrap_or_default(),
                        status: r.status.label(),
                        status_key: r.status.key(),
                        status_symbol: r.status.symbol(),
                    }
                })
                .collect();
            Entry {
                link: common::programme_link(p, &layout.root),
                key_targets,
                more: p.targets.len().saturating_sub(KEY_TARGETS),
                actual_count: programme.actuals.len(),
            }
        })
        .collect();
    let context = Context {
        description,
        counts: common::counts(&site.counts),
        target_total: site.counts.total(),
        programme_total: site.programmes.len(),
        latest_only: programmes.len() < site.programmes.len(),
        programmes,
        status_chart,
        layout,
    };
    Ok(OutputFile::text(path, theme.render("home.html", &context)?))
}
