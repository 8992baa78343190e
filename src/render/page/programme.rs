//! The programme page: disclosure metadata first, then commentary, targets with status,
//! charts, actuals, timeline, budget and tasks.

use super::common::{self, CountView, Layout};
use super::OutputFile;
use crate::compute::{ComputedProgramme, ComputedSite};
use crate::error::Result;
use crate::model::{Catalogue, Programme};
use crate::render::charts::ChartView;
use crate::render::{format, theme::Theme};
use serde::Serialize;

/// Context of `programme.html`.
#[derive(Debug, Serialize)]
struct Context {
    layout: Layout,
    p: View,
}

#[derive(Debug, Serialize)]
struct View {
    slug: String,
    title: String,
    doc_type: String,
    region: String,
    meta: Vec<MetaRow>,
    period: String,
    basis: Vec<BasisView>,
    commentary: String,
    toc: Vec<(String, String)>,
    counts: Vec<CountView>,
    target_total: usize,
    targets: Vec<TargetRow>,
    actuals: Vec<ActualRow>,
    charts: Vec<ChartView>,
    phases: Vec<WindowRow>,
    milestones: Vec<WindowRow>,
    budget: Vec<BudgetRow>,
    budget_total: String,
    tasks: Vec<TaskRow>,
    facilities: Vec<(String, String)>,
    revisions: Vec<RevisionRow>,
    last_updated: String,
    last_updated_iso: String,
    script_note: String,
    transcription_notes: Vec<String>,
    source_file: String,
    subpages: Vec<(String, String)>,
}

#[derive(Debug, Serialize)]
struct MetaRow {
    label: &'static str,
    value: String,
    datetime: String,
}

#[derive(Debug, Serialize)]
struct BasisView {
    title: String,
    doc_no: String,
}

#[derive(Debug, Serialize)]
struct TargetRow {
    id: String,
    label: String,
    indicator: String,
    indicator_href: String,
    scope: String,
    baseline: String,
    target: String,
    deadline: String,
    deadline_iso: String,
    recurring: String,
    aspirational: bool,
    latest: String,
    sparkline: String,
    status: &'static str,
    status_key: &'static str,
    status_symbol: &'static str,
    reason: String,
    source: String,
}

#[derive(Debug, Serialize)]
struct ActualRow {
    label: String,
    subject: String,
    date: String,
    date_iso: String,
    value: String,
    source: String,
}

#[derive(Debug, Serialize)]
struct WindowRow {
    name: String,
    group: String,
    start: String,
    start_iso: String,
    end: String,
    end_iso: String,
    detail: String,
    source: String,
}

#[derive(Debug, Serialize)]
struct BudgetRow {
    purpose: String,
    recipient: String,
    amount: String,
    status: &'static str,
    source: String,
}

#[derive(Debug, Serialize)]
struct TaskRow {
    number: String,
    section: String,
    title: String,
    responsible: String,
    deadline: String,
}

#[derive(Debug, Serialize)]
struct RevisionRow {
    date: String,
    date_iso: String,
    note: String,
}

/// Output path of a programme's page.
pub fn path(slug: &str) -> String {
    format!("programmes/{slug}/index.html")
}

/// Renders the programme page; `charts` were drawn by the chart stage.
pub fn render(
    site: &ComputedSite,
    p: &ComputedProgramme,
    charts: Vec<ChartView>,
    theme: &Theme,
) -> Result<OutputFile> {
    let programme = p.programme();
    let path = path(&programme.slug);
    let description = format!(
        "{}{}，{} 项目标的进展",
        programme
            .disclosure
            .doc_no
            .as_deref()
            .map(|d| format!("{d} "))
            .unwrap_or_default(),
        programme.title,
        p.targets.len()
    );
    let keywords: Vec<&str> = programme
        .disclosure
        .subject_words
        .iter()
        .map(String::as_str)
        .chain([programme.region.most_specific()])
        .collect();
    let pub_date = programme
        .disclosure
        .published
        .or(programme.disclosure.written)
        .map(|d| d.to_string())
        .unwrap_or_default();
    let layout = common::layout(site, &path, "programme", &programme.title, &description).article(
        &programme.title,
        &pub_date,
        &programme.disclosure.issuers.join("、"),
        &keywords.join(","),
    );
    let commentary = p
        .source
        .pages
        .iter()
        .find(|page| page.stem == "index")
        .map(|page| super::embed::render_commentary(page, &charts, theme))
        .transpose()?
        .unwrap_or_default();
    let view = View {
        slug: programme.slug.clone(),
        title: programme.title.clone(),
        doc_type: programme.document_type.label().to_string(),
        region: programme.region.full_name(),
        meta: meta_rows(programme),
        period: programme
            .period
            .as_ref()
            .map(|p| format!("{} 至 {}", p.start.to_chinese(), p.end.to_chinese()))
            .unwrap_or_default(),
        basis: programme
            .basis
            .iter()
            .map(|b| BasisView {
                title: b.title.clone(),
                doc_no: b.doc_no.clone().unwrap_or_default(),
            })
            .collect(),
        commentary: commentary.html,
        toc: commentary.headings,
        counts: common::counts(&p.counts),
        target_total: p.targets.len(),
        targets: target_rows(site, p, &layout.root, theme),
        actuals: actual_rows(programme, &site.catalogue),
        charts,
        phases: programme
            .phases
            .iter()
            .map(|ph| {
                window(
                    &ph.name,
                    "",
                    Some(&ph.start),
                    &ph.end,
                    ph.description.as_deref().unwrap_or(""),
                    ph.source.as_deref().unwrap_or(""),
                )
            })
            .collect(),
        milestones: programme
            .milestones
            .iter()
            .map(|m| {
                window(
                    &m.name,
                    m.group.as_deref().unwrap_or(""),
                    m.start.as_ref(),
                    &m.due,
                    &m.responsible.join("、"),
                    &m.source,
                )
            })
            .collect(),
        budget: budget_rows(programme),
        budget_total: if programme.budget.is_empty() {
            String::new()
        } else {
            format::wan_yuan(
                p.budget_total,
                programme.budget.iter().any(|b| b.approximate),
            )
        },
        tasks: task_rows(programme),
        facilities: programme
            .facilities
            .iter()
            .map(|f| (f.name.clone(), f.kind.clone().unwrap_or_default()))
            .collect(),
        revisions: programme
            .revisions
            .iter()
            .map(|r| RevisionRow {
                date: r.date.to_chinese(),
                date_iso: r.date.to_string(),
                note: r.note.clone(),
            })
            .collect(),
        last_updated: p.last_updated.map(|d| d.to_chinese()).unwrap_or_default(),
        last_updated_iso: p.last_updated.map(|d| d.to_string()).unwrap_or_default(),
        script_note: match programme.transcription.script {
            crate::model::Script::Traditional => {
                "原文为繁体中文，本页引文保持原文字形。".to_string()
            }
            crate::model::Script::Simplified => String::new(),
        },
        transcription_notes: programme.transcription.notes.clone(),
        source_file: programme
            .transcription
            .source_file
            .clone()
            .unwrap_or_default(),
        subpages: p
            .source
            .pages
            .iter()
            .filter(|page| page.stem != "index")
            .map(|page| {
                (
                    format!("{}/index.html", page.stem),
                    super::subpage::title_of(page),
                )
            })
            .collect(),
    };
    theme.render_file("programme.html", &Context { layout, p: view }, path)
}

fn meta_rows(programme: &Programme) -> Vec<MetaRow> {
    let d = &programme.disclosure;
    let text = |label, value: Option<&String>| MetaRow {
        label,
        value: value.cloned().unwrap_or_default(),
        datetime: String::new(),
    };
    let date = |label, value: Option<&crate::model::DateSpec>| MetaRow {
        label,
        value: value.map(|v| v.to_chinese()).unwrap_or_default(),
        datetime: value.map(|v| v.to_string()).unwrap_or_default(),
    };
    let rows = vec![
        text("索引号", d.index_no.as_ref()),
        text("信息分类", d.category.as_ref()),
        text("发布机构", Some(&d.issuers.join("、"))),
        date("成文日期", d.written.as_ref()),
        date("发布日期", d.published.as_ref()),
        text("文号", d.doc_no.as_ref()),
        text("主题词", Some(&d.subject_words.join("、"))),
        text("时效/有效性", d.validity.as_ref()),
        text("公开方式", d.disclosure_mode.as_ref()),
        text("主送", Some(&d.addressees.join("、"))),
        text("抄送", Some(&d.cc.join("、"))),
        text("地区", Some(&programme.region.full_name())),
    ];
    rows.into_iter()
        .filter(|r| !r.value.trim().is_empty())
        .collect()
}

/// The sparkline of a target's reported figures (none without figures).
fn sparkline(
    site: &ComputedSite,
    programme: &Programme,
    report: &crate::compute::TargetReport,
    theme: &Theme,
) -> String {
    let indicator = site
        .catalogue
        .get(&programme.targets[report.index].indicator);
    let figures: Vec<(f64, String)> = report
        .actuals
        .iter()
        .filter_map(|&i| {
            let a = &programme.actuals[i];
            Some((
                crate::compute::numeric(indicator, &a.value)?,
                format!(
                    "{} {}",
                    a.date.to_chinese(),
                    format::amount(indicator, &a.value)
                ),
            ))
        })
        .collect();
    if figures.is_empty() {
        return String::new();
    }
    let values: Vec<f64> = figures.iter().map(|f| f.0).collect();
    let words: Vec<&str> = figures.iter().map(|f| f.1.as_str()).collect();
    let label = format!(
        "实际：{}；目标 {}",
        words.join("、"),
        format::number(report.target_value)
    );
    crate::render::chart::sparkline(&values, report.target_value, &label, &theme.chart_style)
        .unwrap_or_default()
}

fn target_rows(
    site: &ComputedSite,
    p: &ComputedProgramme,
    root: &str,
    theme: &Theme,
) -> Vec<TargetRow> {
    let programme = p.programme();
    p.targets
        .iter()
        .map(|report| {
            let target = &programme.targets[report.index];
            let indicator = site.catalogue.get(&target.indicator);
            let latest = report.actuals.last().map(|&i| {
                let a = &programme.actuals[i];
                format!(
                    "{}（{}）",
                    a.display
                        .clone()
                        .unwrap_or_else(|| format::amount(indicator, &a.value)),
                    a.date.to_chinese()
                )
            });
            TargetRow {
                id: target.id.clone(),
                label: target.label.clone(),
                indicator: indicator.map(|i| i.name.clone()).unwrap_or_default(),
                indicator_href: format!(
                    "{root}indicators/{}/index.html",
                    crate::render::charts::indicator_slug(&target.indicator)
                ),
                scope: scope_name(programme, target.scope.as_deref()),
                baseline: target
                    .baseline
                    .as_ref()
                    .map(|b| format::amount(indicator, &b.value))
                    .unwrap_or_default(),
                target: target_text(target, indicator),
                deadline: target.deadline.map(|d| d.to_chinese()).unwrap_or_default(),
                deadline_iso: target.deadline.map(|d| d.to_string()).unwrap_or_default(),
                recurring: target.recurring.clone().unwrap_or_default(),
                aspirational: target.aspirational,
                latest: latest.unwrap_or_default(),
                sparkline: sparkline(site, programme, report, theme),
                status: report.status.label(),
                status_key: report.status.key(),
                status_symbol: report.status.symbol(),
                reason: report.reason.clone(),
                source: target.source.clone(),
            }
        })
        .collect()
}

/// The target as a reader should see it: the document's wording when given, else value + unit
/// with the comparator in words.
fn target_text(
    target: &crate::model::Target,
    indicator: Option<&crate::model::Indicator>,
) -> String {
    if let Some(display) = &target.display {
        return display.clone();
    }
    let value = format::amount(indicator, &target.value);
    match (target.comparator, target.value_max) {
        (Some(crate::model::Comparator::Range), Some(max)) => {
            let unit = indicator.map(|i| i.unit.as_str()).unwrap_or("");
            format!(
                "{}–{}",
                format::number(match target.value {
                    crate::model::Amount::Number(n) => n,
                    _ => 0.0,
                }),
                format::with_unit(max, unit)
            )
        }
        (Some(crate::model::Comparator::AtLeast), _) => format!("不少于 {value}"),
        (Some(crate::model::Comparator::AtMost), _) => format!("不超过 {value}"),
        _ => value,
    }
}

/// Facility name for a scope id; 全域 for region-wide.
pub fn scope_name(programme: &Programme, scope: Option<&str>) -> String {
    match scope {
        None => "全域".to_string(),
        Some(id) => programme
            .facilities
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.name.clone())
            .unwrap_or_else(|| id.to_string()),
    }
}

fn actual_rows(programme: &Programme, catalogue: &Catalogue) -> Vec<ActualRow> {
    programme
        .actuals
        .iter()
        .map(|a| {
            let indicator = catalogue.get(&a.indicator);
            ActualRow {
                label: a.label.clone(),
                subject: a
                    .subject
                    .clone()
                    .unwrap_or_else(|| scope_name(programme, a.scope.as_deref())),
                date: a.date.to_chinese(),
                date_iso: a.date.to_string(),
                value: a
                    .display
                    .clone()
                    .unwrap_or_else(|| format::amount(indicator, &a.value)),
                source: a.source.clone(),
            }
        })
        .collect()
}

fn window(
    name: &str,
    group: &str,
    start: Option<&crate::model::DateSpec>,
    end: &crate::model::DateSpec,
    detail: &str,
    source: &str,
) -> WindowRow {
    WindowRow {
        name: name.to_string(),
        group: group.to_string(),
        start: start.map(|s| s.to_chinese()).unwrap_or_default(),
        start_iso: start.map(|s| s.to_string()).unwrap_or_default(),
        end: end.to_chinese(),
        end_iso: end.to_string(),
        detail: detail.to_string(),
        source: source.to_string(),
    }
}

fn budget_rows(programme: &Programme) -> Vec<BudgetRow> {
    programme
        .budget
        .iter()
        .map(|b| BudgetRow {
            purpose: b.purpose.clone(),
            recipient: b
                .subject
                .clone()
                .or_else(|| b.scope.as_deref().map(|s| scope_name(programme, Some(s))))
                .unwrap_or_default(),
            amount: format::wan_yuan(b.amount_wan_yuan, b.approximate),
            status: match b.status {
                crate::model::BudgetStatus::Planned => "预算",
                crate::model::BudgetStatus::Allocated => "已配套/拨付",
            },
            source: b.source.clone(),
        })
        .collect()
}

fn task_rows(programme: &Programme) -> Vec<TaskRow> {
    programme
        .tasks
        .iter()
        .map(|t| TaskRow {
            number: t.number.clone().unwrap_or_default(),
            section: t.section.clone().unwrap_or_default(),
            title: t.title.clone(),
            responsible: t.responsible.join("、"),
            deadline: t.deadline.map(|d| d.to_chinese()).unwrap_or_default(),
        })
        .collect()
}
