//! The indicator catalogue: a list of every indicator (`indicators/index.html`) and a page
//! per indicator (`indicators/<slug>/index.html`) with its definition, level meanings, the
//! comparison across programmes and every target that uses it. One page per indicator keeps
//! each page light however many programmes the site carries.

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
struct OneContext<'a> {
    layout: Layout,
    i: &'a IndicatorView,
}

#[derive(Serialize)]
struct IndicatorView {
    id: String,
    href: String,
    use_count: usize,
    name: String,
    unit: String,
    kind: &'static str,
    better: &'static str,
    defined_by: String,
    standard_version: String,
    description: String,
    levels: Vec<(String, String)>,
    uses: Vec<Use>,
    /// A link to the pages listing every use, when the page lists only the first.
    more: Option<common::Link>,
    /// The caption of a page of uses, saying which of them it lists.
    uses_caption: Option<String>,
    chart: Option<crate::render::charts::ChartView>,
}

#[derive(Serialize, Clone)]
struct Use {
    href: String,
    programme: String,
    label: String,
    target: String,
    status: &'static str,
    status_key: &'static str,
    status_symbol: &'static str,
}

/// Renders `indicators/index.html` and one page per indicator; indicators used by no
/// target are listed last.
pub fn render(
    site: &ComputedSite,
    theme: &Theme,
    comparisons: &[(String, crate::render::charts::ChartView)],
) -> Result<Vec<OutputFile>> {
    let mut files = Vec::new();
    for indicator in &site.catalogue.indicators {
        let chart = comparisons
            .iter()
            .find(|(id, _)| *id == indicator.id)
            .map(|(_, view)| view.clone());
        files.extend(indicator_page(site, theme, indicator, chart)?);
    }
    files.push(catalogue(site, theme)?);
    Ok(files)
}

/// An indicator used by more targets than this lists the first [`INDICATOR_SHOWN`] on its
/// page and every one on pages of its own (`indicators/<slug>/targets/`), this many a page.
/// A national site has thousands of targets per indicator: 2.9 MB on one page at 3,000
/// programmes.
pub const INDICATOR_PER_PAGE: usize = 500;
/// Targets an indicator's page lists before linking to the rest.
pub const INDICATOR_SHOWN: usize = 20;

/// `indicators/<slug>/index.html`: one indicator's definition, levels, comparison chart
/// and the targets that use it — every one, or the first with the rest on pages of their
/// own when there are more than [`INDICATOR_PER_PAGE`].
pub fn indicator_page(
    site: &ComputedSite,
    theme: &Theme,
    indicator: &crate::model::Indicator,
    chart: Option<crate::render::charts::ChartView>,
) -> Result<Vec<OutputFile>> {
    let slug = crate::render::charts::indicator_slug(&indicator.id);
    let page_path = format!("indicators/{slug}/index.html");
    let page_layout = common::layout(
        site,
        &page_path,
        "indicators",
        &indicator.name,
        &format!("指标“{}”的定义及使用该指标的目标", indicator.name),
    )
    .column("按指标浏览", &common::keywords(site));
    let mut view = view(site, indicator);
    view.chart = chart;
    view.href = format!("{slug}/index.html");
    let mut files = Vec::new();
    if view.use_count > INDICATOR_PER_PAGE {
        files = target_pages(site, theme, &view, &slug)?;
        view.more = Some(common::Link {
            href: "targets/index.html".into(),
            text: format!(
                "查看全部 {} 项目标（分 {} 页）",
                view.use_count,
                files.len()
            ),
        });
        view.uses.truncate(INDICATOR_SHOWN);
    }
    view.uses = rooted(&view.uses, &page_layout.root);
    let html = theme.render(
        "indicator.html",
        &OneContext {
            layout: page_layout,
            i: &view,
        },
    )?;
    files.insert(0, OutputFile::text(page_path, html));
    Ok(files)
}

#[derive(Serialize)]
struct TargetsContext<'a> {
    layout: Layout,
    title: String,
    i: &'a IndicatorView,
    pager: common::Pager,
}

/// The pages listing every target of `view` (the indicator's page, its uses linked relative
/// to the site root), [`INDICATOR_PER_PAGE`] a page, under `indicators/<slug>/targets/`.
fn target_pages(
    site: &ComputedSite,
    theme: &Theme,
    view: &IndicatorView,
    slug: &str,
) -> Result<Vec<OutputFile>> {
    let folder = format!("indicators/{slug}/targets/");
    let pages = view.uses.len().div_ceil(INDICATOR_PER_PAGE);
    view.uses
        .chunks(INDICATOR_PER_PAGE)
        .enumerate()
        .map(|(i, chunk)| {
            let number = i + 1;
            let first = i * INDICATOR_PER_PAGE + 1;
            let path = common::numbered_page(&folder, number);
            let title = format!("使用“{}”的目标（第 {number}/{pages} 页）", view.name);
            let layout = common::layout(site, &path, "indicators", &title, &title)
                .column("按指标浏览", &common::keywords(site));
            let page = IndicatorView {
                uses: rooted(chunk, &layout.root),
                uses_caption: Some(format!(
                    "使用该指标的目标（共 {} 项，本页列出第 {first}–{} 项）",
                    view.uses.len(),
                    first + chunk.len() - 1
                )),
                href: String::new(),
                ..view.head()
            };
            let context = TargetsContext {
                pager: common::pager(&folder, number, pages),
                layout,
                title,
                i: &page,
            };
            let html = theme.render("indicator_targets.html", &context)?;
            Ok(OutputFile::text(path, html))
        })
        .collect()
}

/// `uses`, linked from a page `root` below the site root.
fn rooted(uses: &[Use], root: &str) -> Vec<Use> {
    uses.iter()
        .map(|u| Use {
            href: format!("{root}{}", u.href),
            ..u.clone()
        })
        .collect()
}

/// `indicators/index.html`: every indicator with the number of targets using it.
pub fn catalogue(site: &ComputedSite, theme: &Theme) -> Result<OutputFile> {
    let path = "indicators/index.html";
    let layout = common::layout(
        site,
        path,
        "indicators",
        "按指标浏览",
        "指标定义及使用各指标的目标",
    )
    .column("按指标浏览", &common::keywords(site));
    let mut listed = Vec::new();
    for indicator in &site.catalogue.indicators {
        let slug = crate::render::charts::indicator_slug(&indicator.id);
        let mut view = view(site, indicator);
        view.href = format!("{slug}/index.html");
        view.uses.clear();
        listed.push(view);
    }
    listed.sort_by_key(|i| i.use_count == 0);
    let html = theme.render(
        "indicators.html",
        &Context {
            layout,
            indicators: listed,
        },
    )?;
    Ok(OutputFile::text(path, html))
}

impl IndicatorView {
    /// This view without its targets, chart or links to more (what a page of targets
    /// shares with the indicator's page), copied without copying every target.
    fn head(&self) -> IndicatorView {
        IndicatorView {
            id: self.id.clone(),
            href: self.href.clone(),
            use_count: self.use_count,
            name: self.name.clone(),
            unit: self.unit.clone(),
            kind: self.kind,
            better: self.better,
            defined_by: self.defined_by.clone(),
            standard_version: self.standard_version.clone(),
            description: self.description.clone(),
            levels: self.levels.clone(),
            uses: Vec::new(),
            more: None,
            uses_caption: None,
            chart: None,
        }
    }
}

/// An indicator as pages show it, the targets using it linked relative to the site root.
fn view(site: &ComputedSite, i: &crate::model::Indicator) -> IndicatorView {
    let uses = uses(site, &i.id);
    IndicatorView {
        id: i.id.clone(),
        href: String::new(),
        use_count: uses.len(),
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
        uses,
        more: None,
        uses_caption: None,
        chart: None,
    }
}

fn uses(site: &ComputedSite, id: &str) -> Vec<Use> {
    let mut found = Vec::new();
    for p in &site.programmes {
        let programme = p.programme();
        for r in &p.targets {
            let t = &programme.targets[r.index];
            if t.indicator != id {
                continue;
            }
            found.push(Use {
                href: format!("programmes/{}/index.html#t-{}", programme.slug, t.id),
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
