//! Choosing and feeding the charts of a programme page.
//!
//! The chart kinds themselves live in [`chart`](super::chart), one file each, and know
//! nothing of programmes; this module turns a computed programme into their plain inputs and
//! pairs every chart with a data table holding the same numbers.

use super::chart::{self, Chart, ChartStyle};
use super::format;
use super::page::OutputFile;
use crate::compute::{numeric, ComputedProgramme, ComputedSite};
use crate::error::{Error, Result};
use crate::model::{DateSpec, Day, IndicatorKind, Programme};
use serde::Serialize;

/// Trajectory charts per page at most; the targets table holds the rest.
const MAX_TRAJECTORIES: usize = 6;

/// A chart ready for a page: its SVG file, its text alternative and its data table.
///
/// Pages show the chart as an `<img>` of its file rather than inline SVG: the SVG is written
/// once instead of twice, the HTML stays small on a phone, and an image cannot run script
/// whatever its text says.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    /// Unique id on the page.
    pub id: String,
    /// Title.
    pub title: String,
    /// The figures in words, the image's `alt` (unescaped; the template escapes it).
    pub alt: String,
    /// Width in px, so the page does not reflow when the image arrives.
    pub width: u32,
    /// Height in px.
    pub height: u32,
    /// Link to the SVG file, relative to the page.
    pub file: String,
    /// Link to the chart's numbers as CSV, relative to the programme page.
    pub csv: String,
    /// The same numbers as a table.
    pub table: DataTable,
}

/// A data table beside a chart.
#[derive(Debug, Clone, Serialize, Default)]
pub struct DataTable {
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

/// Draws every chart of a programme; returns the views and the SVG files to write.
pub fn programme_charts(
    site: &ComputedSite,
    p: &ComputedProgramme,
    style: &ChartStyle,
) -> Result<(Vec<ChartView>, Vec<OutputFile>)> {
    let mut drawn: Vec<(Chart, DataTable, String)> = Vec::new();
    for (id, input, table) in trajectories(site, p) {
        drawn.push((draw(&id, chart::trajectory(&input, style))?, table, id));
    }
    for (id, input, table) in levels(site, p) {
        drawn.push((draw(&id, chart::levels(&input, style))?, table, id));
    }
    if let Some((id, input, table)) = budget(p.programme()) {
        drawn.push((draw(&id, chart::budget(&input, style))?, table, id));
    }
    if let Some((id, input, table)) = timeline(site, p.programme()) {
        drawn.push((draw(&id, chart::timeline(&input, style))?, table, id));
    }
    let slug = &p.programme().slug;
    let mut views = Vec::new();
    let mut files = Vec::new();
    if !p.targets.is_empty() {
        let (view, status_files) = status_chart(
            "status",
            "目标状态总览",
            &p.counts,
            &format!("programmes/{slug}"),
            style,
        )?;
        views.push(view);
        files.extend(status_files);
    }
    for (chart, table, id) in drawn {
        let (view, chart_files) = view_with_files(&id, chart, table, &format!("programmes/{slug}"));
        views.push(view);
        files.extend(chart_files);
    }
    Ok((views, files))
}

fn draw(id: &str, result: std::result::Result<Chart, chart::ChartError>) -> Result<Chart> {
    result.map_err(|e| Error::Chart {
        chart: id.to_string(),
        message: e.to_string(),
    })
}

/// A standalone SVG file needs the XML namespace declaration that inline SVG does without.
fn svg_file(svg: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if svg.contains("xmlns=") {
        out.push_str(svg);
    } else {
        out.push_str(&svg.replacen("<svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"", 1));
    }
    out.push('\n');
    out
}

fn point(day: Day, x_label: String, y: f64, y_label: String) -> chart::Point {
    chart::Point {
        x: day.as_year_fraction(),
        x_label,
        y,
        y_label,
    }
}

fn trajectories(
    site: &ComputedSite,
    p: &ComputedProgramme,
) -> Vec<(String, chart::TrajectoryInput, DataTable)> {
    let programme = p.programme();
    let mut out = Vec::new();
    for report in &p.targets {
        let t = &programme.targets[report.index];
        let Some(indicator) = site.catalogue.get(&t.indicator) else {
            continue;
        };
        let has_data = t.baseline.is_some() || !report.actuals.is_empty();
        if !indicator.kind.is_numeric() || !(indicator.kind == IndicatorKind::Ratio || has_data) {
            continue;
        }
        if out.len() == MAX_TRAJECTORIES {
            break;
        }
        let unit = indicator.unit.clone();
        let mut table = DataTable {
            headers: vec!["类别".into(), "日期".into(), format!("数值（{unit}）")],
            rows: Vec::new(),
        };
        let baseline = t.baseline.as_ref().and_then(|b| {
            let day = b
                .date
                .or(programme.period.as_ref().map(|p| p.start))?
                .first_day();
            let y = numeric(Some(indicator), &b.value)?;
            table
                .rows
                .push(vec!["基线".into(), day.to_chinese(), format::number(y)]);
            Some(point(day, day.to_chinese(), y, format::with_unit(y, &unit)))
        });
        let actuals: Vec<chart::Point> = report
            .actuals
            .iter()
            .filter_map(|&i| {
                let a = &programme.actuals[i];
                let y = numeric(Some(indicator), &a.value)?;
                table
                    .rows
                    .push(vec!["实际".into(), a.date.to_chinese(), format::number(y)]);
                Some(point(
                    a.date.last_day(),
                    a.date.to_chinese(),
                    y,
                    format::with_unit(y, &unit),
                ))
            })
            .collect();
        let target = t.deadline.map(|d| {
            table.rows.push(vec![
                "目标".into(),
                deadline_label(&d),
                format::number(report.target_value),
            ]);
            point(
                d.last_day(),
                deadline_label(&d),
                report.target_value,
                format::with_unit(report.target_value, &unit),
            )
        });
        let id = format!("trajectory-{}", t.id);
        out.push((
            id.clone(),
            chart::TrajectoryInput {
                id: format!("svg-{id}"),
                title: format!(
                    "{}（{}）",
                    t.label,
                    scope_label(programme, t.scope.as_deref())
                ),
                unit,
                baseline,
                actuals,
                target,
                as_of: Some(site.as_of.as_year_fraction()),
            },
            table,
        ));
    }
    out
}

fn deadline_label(d: &DateSpec) -> String {
    match d.month {
        None => format!("{}年底", d.year),
        Some(_) => d.to_chinese(),
    }
}

fn scope_label(programme: &Programme, scope: Option<&str>) -> String {
    super::page::programme::scope_name(programme, scope)
}

fn levels(
    site: &ComputedSite,
    p: &ComputedProgramme,
) -> Vec<(String, chart::LevelInput, DataTable)> {
    let programme = p.programme();
    let mut ids: Vec<&str> = Vec::new();
    for t in &programme.targets {
        let is_level = site
            .catalogue
            .get(&t.indicator)
            .is_some_and(|i| i.kind == IndicatorKind::Level);
        if is_level && !ids.contains(&t.indicator.as_str()) {
            ids.push(&t.indicator);
        }
    }
    ids.into_iter()
        .filter_map(|indicator_id| {
            let indicator = site.catalogue.get(indicator_id)?;
            let mut table = DataTable {
                headers: vec!["对象".into(), "目标".into(), "截止".into(), "当前".into()],
                rows: Vec::new(),
            };
            let rows: Vec<chart::LevelRow> = p
                .targets
                .iter()
                .filter(|r| programme.targets[r.index].indicator == indicator_id)
                .map(|r| {
                    let t = &programme.targets[r.index];
                    let current = r
                        .actuals
                        .last()
                        .and_then(|&i| numeric(Some(indicator), &programme.actuals[i].value));
                    let target_label = t
                        .display
                        .clone()
                        .unwrap_or_else(|| format::amount(Some(indicator), &t.value));
                    let name = match t.scope {
                        Some(_) => scope_label(programme, t.scope.as_deref()),
                        None => t.label.clone(),
                    };
                    table.rows.push(vec![
                        name.clone(),
                        target_label.clone(),
                        t.deadline.map(|d| d.to_chinese()).unwrap_or_default(),
                        current
                            .map(|c| level_label(indicator, c))
                            .unwrap_or_else(|| "暂无数据".into()),
                    ]);
                    chart::LevelRow {
                        name,
                        current,
                        target: Some(r.target_value),
                        target_label: format!("目标 {target_label}"),
                    }
                })
                .collect();
            let id = format!("levels-{}", indicator_id.replace('_', "-"));
            let input = chart::LevelInput {
                id: format!("svg-{id}"),
                title: indicator.name.clone(),
                scale: indicator
                    .levels
                    .iter()
                    .map(|l| chart::ScaleLevel {
                        value: l.value,
                        label: l.label.clone(),
                        meaning: l.meaning.clone(),
                    })
                    .collect(),
                rows,
            };
            Some((id, input, table))
        })
        .collect()
}

fn level_label(indicator: &crate::model::Indicator, value: f64) -> String {
    indicator
        .level_by_value(value)
        .map(|l| l.label.clone())
        .unwrap_or_else(|| format::number(value))
}

fn budget(programme: &Programme) -> Option<(String, chart::BudgetInput, DataTable)> {
    if programme.budget.is_empty() {
        return None;
    }
    let mut table = DataTable {
        headers: vec!["用途".into(), "对象".into(), "金额（万元）".into()],
        rows: Vec::new(),
    };
    let lines = programme
        .budget
        .iter()
        .map(|b| {
            let who = b
                .subject
                .clone()
                .or_else(|| b.scope.as_deref().map(|s| scope_label(programme, Some(s))))
                .unwrap_or_default();
            table.rows.push(vec![
                b.purpose.clone(),
                who.clone(),
                format!(
                    "{}{}",
                    if b.approximate { "约 " } else { "" },
                    format::number(b.amount_wan_yuan)
                ),
            ]);
            chart::BudgetBar {
                label: if who.is_empty() {
                    b.purpose.clone()
                } else {
                    format!("{who}：{}", b.purpose)
                },
                amount: b.amount_wan_yuan,
                approximate: b.approximate,
            }
        })
        .collect();
    let id = "budget".to_string();
    Some((
        id.clone(),
        chart::BudgetInput {
            id: format!("svg-{id}"),
            title: "资金安排（万元）".into(),
            lines,
        },
        table,
    ))
}

fn timeline(
    site: &ComputedSite,
    programme: &Programme,
) -> Option<(String, chart::TimelineInput, DataTable)> {
    if programme.phases.is_empty() && programme.milestones.is_empty() {
        return None;
    }
    let mut table = DataTable {
        headers: vec!["类型".into(), "名称".into(), "开始".into(), "结束".into()],
        rows: Vec::new(),
    };
    let mut rows = Vec::new();
    let mut push =
        |kind: chart::RowKind, group: String, label: &str, start: DateSpec, end: DateSpec| {
            table.rows.push(vec![
                match kind {
                    chart::RowKind::Phase => "阶段".into(),
                    chart::RowKind::Milestone => "节点".into(),
                },
                label.to_string(),
                start.to_chinese(),
                end.to_chinese(),
            ]);
            let end_day = end.last_day();
            rows.push(chart::TimelineRow {
                group,
                label: label.to_string(),
                start: start.first_day().as_year_fraction(),
                end: Day { ..end_day }.as_year_fraction() + 1.0 / 366.0,
                start_label: start.to_chinese(),
                end_label: end.to_chinese(),
                kind,
            });
        };
    for phase in &programme.phases {
        push(
            chart::RowKind::Phase,
            "阶段".into(),
            &phase.name,
            phase.start,
            phase.end,
        );
    }
    for m in &programme.milestones {
        let group = m.group.clone().unwrap_or_else(|| "节点".into());
        push(
            chart::RowKind::Milestone,
            group,
            &m.name,
            m.start.unwrap_or(m.due),
            m.due,
        );
    }
    let id = "timeline".to_string();
    Some((
        id.clone(),
        chart::TimelineInput {
            id: format!("svg-{id}"),
            title: "实施进度安排".into(),
            rows,
            as_of: Some((
                site.as_of.as_year_fraction(),
                format!("数据截至 {}", site.as_of.to_chinese()),
            )),
        },
        table,
    ))
}

/// A status overview chart of `counts`; its files go under `dir` (relative to the site root),
/// linked from a page in that same folder.
pub fn status_chart(
    id: &str,
    title: &str,
    counts: &crate::compute::StatusCounts,
    dir: &str,
    style: &ChartStyle,
) -> Result<(ChartView, Vec<OutputFile>)> {
    use crate::compute::Status;
    let input = chart::StatusInput {
        id: format!("svg-{id}"),
        title: title.to_string(),
        counts: Status::ALL
            .iter()
            .map(|s| chart::StatusCount {
                label: s.label().into(),
                symbol: s.symbol().into(),
                count: counts.get(*s),
            })
            .collect(),
    };
    let table = DataTable {
        headers: vec!["状态".into(), "目标数".into()],
        rows: Status::ALL
            .iter()
            .map(|s| vec![s.label().to_string(), counts.get(*s).to_string()])
            .collect(),
    };
    let chart = draw(id, chart::status_overview(&input, style))?;
    Ok(view_with_files(id, chart, table, dir))
}

/// For each indicator that targets use: every programme's target and latest figure side by
/// side. Files go under `indicators/<slug>/charts/`, beside the indicator's page.
pub fn comparison_charts(
    site: &ComputedSite,
    style: &ChartStyle,
) -> Result<Vec<(String, ChartView, Vec<OutputFile>)>> {
    let mut out = Vec::new();
    for indicator in &site.catalogue.indicators {
        if let Some((view, files)) = comparison_chart(site, indicator, style)? {
            out.push((indicator.id.clone(), view, files));
        }
    }
    Ok(out)
}

/// The comparison chart of one indicator (see [`comparison_charts`]); `None` for a yes/no
/// indicator or one that no target uses.
pub fn comparison_chart(
    site: &ComputedSite,
    indicator: &crate::model::Indicator,
    style: &ChartStyle,
) -> Result<Option<(ChartView, Vec<OutputFile>)>> {
    if indicator.kind == IndicatorKind::Boolean {
        return Ok(None);
    }
    let mut rows = Vec::new();
    let mut provinces = Vec::new();
    let mut table = DataTable {
        headers: vec![
            "项目".into(),
            "范围".into(),
            "目标".into(),
            "最新实际".into(),
        ],
        rows: Vec::new(),
    };
    for p in &site.programmes {
        let programme = p.programme();
        for report in &p.targets {
            let t = &programme.targets[report.index];
            if t.indicator != indicator.id {
                continue;
            }
            let scope = scope_label(programme, t.scope.as_deref());
            let place = programme.region.most_specific().to_string();
            let label = if t.scope.is_some() {
                format!("{place} {scope}")
            } else {
                format!("{place} {}", t.label)
            };
            let latest = report.actuals.last().map(|&i| &programme.actuals[i]);
            let actual = latest.and_then(|a| numeric(Some(indicator), &a.value));
            let target_label = t
                .display
                .clone()
                .unwrap_or_else(|| format::amount(Some(indicator), &t.value));
            let actual_label = latest
                .map(|a| {
                    a.display
                        .clone()
                        .unwrap_or_else(|| format::amount(Some(indicator), &a.value))
                })
                .unwrap_or_default();
            table.rows.push(vec![
                programme.title.clone(),
                scope,
                target_label.clone(),
                if actual_label.is_empty() {
                    "暂无数据".into()
                } else {
                    actual_label.clone()
                },
            ]);
            rows.push(chart::ComparisonRow {
                label,
                target: report.target_value,
                target_label,
                actual,
                actual_label,
            });
            provinces.push(programme.region.province.as_str());
        }
    }
    if rows.is_empty() {
        return Ok(None);
    }
    let id = format!("compare-{}", indicator.id.replace('_', "-"));
    let title = if rows.len() > MAX_COMPARISON_ROWS {
        (rows, table) = by_province(indicator, &rows, &provinces);
        format!("{}：各省目标与最新实际（中位数）", indicator.name)
    } else {
        format!("{}：各项目目标与最新实际", indicator.name)
    };
    let input = chart::ComparisonInput {
        id: format!("svg-{id}"),
        title,
        rows,
    };
    let chart = draw(&id, chart::comparison(&input, style))?;
    let dir = format!("indicators/{}", indicator_slug(&indicator.id));
    Ok(Some(view_with_files(&id, chart, table, &dir)))
}

/// Rows a comparison chart draws one per target; beyond this it draws one per province.
/// A national site has thousands of targets per indicator: a bar each would be a chart
/// hundreds of screens long that nobody can read (the full list is the page's table).
pub const MAX_COMPARISON_ROWS: usize = 60;

/// One row per province (in `provinces`, parallel to `rows`): the median target and the
/// median latest figure of its targets, with the chart's data table to match. The lower
/// median is used, so the figure is one a programme really has (and a level stays a level).
fn by_province(
    indicator: &crate::model::Indicator,
    rows: &[chart::ComparisonRow],
    provinces: &[&str],
) -> (Vec<chart::ComparisonRow>, DataTable) {
    let mut groups: std::collections::BTreeMap<&str, Vec<&chart::ComparisonRow>> =
        std::collections::BTreeMap::new();
    for (row, province) in rows.iter().zip(provinces) {
        groups.entry(province).or_default().push(row);
    }
    let label = |value: f64| format::amount(Some(indicator), &crate::model::Amount::Number(value));
    let mut table = DataTable {
        headers: vec![
            "省份".into(),
            "目标数".into(),
            "目标中位数".into(),
            "有实际数据的目标数".into(),
            "最新实际中位数".into(),
        ],
        rows: Vec::new(),
    };
    let mut out = Vec::new();
    for (province, group) in groups {
        let targets = lower_median(group.iter().map(|r| r.target));
        let actuals: Vec<f64> = group.iter().filter_map(|r| r.actual).collect();
        let actual = (!actuals.is_empty()).then(|| lower_median(actuals.iter().copied()));
        let actual_label = actual.map(label).unwrap_or_default();
        table.rows.push(vec![
            province.to_string(),
            group.len().to_string(),
            label(targets),
            actuals.len().to_string(),
            if actual_label.is_empty() {
                "暂无数据".into()
            } else {
                actual_label.clone()
            },
        ]);
        out.push(chart::ComparisonRow {
            label: format!("{province}（{} 项）", group.len()),
            target: targets,
            target_label: label(targets),
            actual,
            actual_label,
        });
    }
    (out, table)
}

/// The lower median of finite values (0 for none).
fn lower_median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.filter(|v| v.is_finite()).collect();
    values.sort_by(f64::total_cmp);
    values
        .get(values.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or(0.0)
}

/// The folder name of an indicator's page: `indicators/<slug>/`.
pub fn indicator_slug(id: &str) -> String {
    chart::svg::safe_id(&id.replace('_', "-"))
}

/// A chart's view and its SVG and CSV files under `dir`.
fn view_with_files(
    id: &str,
    chart: Chart,
    table: DataTable,
    dir: &str,
) -> (ChartView, Vec<OutputFile>) {
    let folder = if dir.is_empty() {
        "charts".to_string()
    } else {
        format!("{dir}/charts")
    };
    let files = vec![
        OutputFile::text(format!("{folder}/{id}.svg"), svg_file(&chart.svg)),
        OutputFile::text(
            format!("{folder}/{id}.csv"),
            super::opendata::csv_text(&table.headers, &table.rows),
        ),
    ];
    let view = ChartView {
        id: format!("chart-{id}"),
        alt: format!("{}：{}", chart.title, chart.description),
        title: chart.title,
        width: chart.size.0,
        height: chart.size.1,
        file: format!("charts/{id}.svg"),
        csv: format!("charts/{id}.csv"),
        table,
    };
    (view, files)
}
