//! The programme timeline, Gantt-like: phases as solid bars, milestones as hatched outlined
//! bars ending in a diamond (texture and shape, not colour alone), grouped under headings,
//! on a year axis (with quarters for short programmes) and with the as-of date marked.

use super::draw::{header, render, year_step, Anchor, Canvas, Marker, Swatch};
use super::svg::{self, tooltip, Wrapper};
use super::text;
use super::{finite, Chart, ChartError, ChartStyle, RowKind, TimelineInput, TimelineRow};

/// Height of a row or a group heading.
const ROW: f64 = 30.0;
/// Room above the rows for the year labels.
const HEAD: f64 = 30.0;
/// Room below the rows for the as-of label and the legend.
const FOOT: f64 = 64.0;
/// How far outside the schedule an as-of date may be and still be drawn, in years.
const AS_OF_REACH: f64 = 1.0;

/// One line of the chart: a group heading or a row.
enum Line<'a> {
    Group(&'a str),
    Row(&'a TimelineRow),
}

/// Draws a timeline chart; rows must have finite dates with the end not before the start.
pub fn timeline(input: &TimelineInput, style: &ChartStyle) -> Result<Chart, ChartError> {
    check(input)?;
    let lines = lines(&input.rows);
    let height = header(style) + HEAD + ROW * lines.len().max(1) as f64 + FOOT;
    let size = (style.width, height.round() as u32);
    let years = years(input);
    let as_of = input
        .as_of
        .as_ref()
        .filter(|(t, _)| *t >= years.0 && *t <= years.1);
    let mut overlay = String::new();
    let body = render(size, style, |c| {
        let top = c.title(&input.title)? + HEAD;
        if input.rows.is_empty() {
            let at = (c.width / 2.0, top + ROW / 2.0);
            return c.text("暂无进度安排", at, c.label().at(Anchor::Middle));
        }
        let axis = Axis::new(c, years, top, top + ROW * lines.len() as f64);
        axis.draw(c)?;
        for (i, line) in lines.iter().enumerate() {
            let y = top + ROW * i as f64;
            match line {
                Line::Group(name) => axis.group(c, name, y)?,
                Line::Row(row) => overlay.push_str(&axis.row(c, row, y)?),
            }
        }
        axis.as_of(c, input.as_of.as_ref())?;
        legend(c, as_of.is_some(), height - 18.0)
    })?;
    let description = describe(input, &lines, as_of.is_some());
    let wrapper = Wrapper {
        id: &input.id,
        size,
        title: &input.title,
        desc: &description,
        overlay: &overlay,
    };
    Ok(Chart {
        svg: svg::accessible(&body, &wrapper),
        title: input.title.clone(),
        description,
        size,
    })
}

fn check(input: &TimelineInput) -> Result<(), ChartError> {
    for row in &input.rows {
        let label = &row.label;
        let start = finite(
            &crate::i18n::t(
                format!("“{label}”的开始时间"),
                format!("the start of “{label}”"),
            ),
            row.start,
        )?;
        let end = finite(
            &crate::i18n::t(
                format!("“{label}”的结束时间"),
                format!("the end of “{label}”"),
            ),
            row.end,
        )?;
        if end < start {
            let why = crate::i18n::t(
                format!(
                    "“{label}”的结束时间（{}）早于开始时间（{}）",
                    row.end_label, row.start_label
                ),
                format!(
                    "“{label}” ends ({}) before it starts ({})",
                    row.end_label, row.start_label
                ),
            );
            return Err(ChartError::InvalidInput(why));
        }
    }
    if let Some((t, _)) = &input.as_of {
        finite(&crate::i18n::t("数据截至日期", "the as-of date"), *t)?;
    }
    Ok(())
}

/// Rows with a heading wherever the group changes.
fn lines(rows: &[TimelineRow]) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut group: Option<&str> = None;
    for row in rows {
        if group != Some(row.group.as_str()) {
            group = Some(&row.group);
            out.push(Line::Group(&row.group));
        }
        out.push(Line::Row(row));
    }
    out
}

/// Whole years covering every row, stretched to an as-of date just outside them.
fn years(input: &TimelineInput) -> (f64, f64) {
    let starts = input.rows.iter().map(|r| r.start);
    let lo = starts.fold(f64::INFINITY, f64::min).floor();
    let hi = input
        .rows
        .iter()
        .map(|r| r.end)
        .fold(f64::NEG_INFINITY, f64::max)
        .ceil();
    if !lo.is_finite() || !hi.is_finite() {
        return (0.0, 1.0);
    }
    let (mut lo, mut hi) = (lo, hi.max(lo + 1.0));
    if let Some((t, _)) = &input.as_of {
        if *t < lo && *t >= lo - AS_OF_REACH {
            lo = t.floor();
        }
        if *t > hi && *t <= hi + AS_OF_REACH {
            hi = t.ceil();
        }
    }
    (lo, hi)
}

/// The time axis: maps decimal years to pixels right of the label column.
struct Axis {
    years: (f64, f64),
    label_width: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Axis {
    fn new(c: &Canvas, years: (f64, f64), top: f64, bottom: f64) -> Axis {
        let label_width = (c.width * 0.36).clamp(120.0, 240.0);
        Axis {
            years,
            label_width,
            left: 12.0 + label_width + 12.0,
            right: c.width - 22.0,
            top,
            bottom,
        }
    }

    fn x(&self, year: f64) -> f64 {
        let (lo, hi) = self.years;
        self.left + (year.max(lo).min(hi) - lo) / (hi - lo) * (self.right - self.left)
    }

    /// Year lines with each year named over its span; quarter lines for short schedules.
    fn draw(&self, c: &Canvas) -> Result<(), ChartError> {
        let (lo, hi) = self.years;
        let span = (hi - lo).round() as i64;
        let step = year_step(span);
        let font = c.small().at(Anchor::Middle);
        if span <= 4 {
            for q in 0..span * 4 {
                let x = self.x(lo + q as f64 / 4.0);
                c.line(&[(x, self.top), (x, self.bottom)], &c.style.grid, 1)?;
            }
        }
        for k in (0..=span).step_by(step) {
            let (year, x) = (lo + k as f64, self.x(lo + k as f64));
            c.line(&[(x, self.top - 6.0), (x, self.bottom)], &c.style.muted, 1)?;
            let name = format!("{}年", year as i64);
            if step == 1 && k < span {
                c.text(
                    &name,
                    ((x + self.x(year + 1.0)) / 2.0, self.top - 12.0),
                    font,
                )?;
            } else if step > 1 {
                c.text(&name, (x, self.top - 14.0), font)?;
            }
        }
        c.line(
            &[(self.left, self.top), (self.right, self.top)],
            &c.style.muted,
            1,
        )
    }

    fn group(&self, c: &Canvas, name: &str, y: f64) -> Result<(), ChartError> {
        let font = c.label().bold();
        let shown = text::fit(name, font.size * 1.05, self.label_width);
        c.text(&shown, (12.0, y + ROW / 2.0), font)
    }

    /// One phase or milestone; returns its tooltip with the full label and dates.
    fn row(&self, c: &Canvas, row: &TimelineRow, y: f64) -> Result<String, ChartError> {
        let mid = y + ROW / 2.0;
        let font = c.label();
        c.text(
            &text::fit(&row.label, font.size, self.label_width - 14.0),
            (26.0, mid),
            font,
        )?;
        let (a, b) = (self.x(row.start), self.x(row.end));
        match row.kind {
            RowKind::Phase => {
                c.rect((a, mid - 8.0), (b.max(a + 3.0), mid + 8.0), &c.style.phase)?
            }
            RowKind::Milestone => {
                let color = &c.style.target;
                // A window too short to see is just its diamond.
                if b - a > 8.0 {
                    c.outline((a, mid - 7.0), (b, mid + 7.0), color, 1.5)?;
                    c.hatch((a, mid - 7.0), (b, mid + 7.0), color)?;
                }
                c.marker(Marker::Diamond, (b, mid), 8.0, color)?;
            }
        }
        Ok(tooltip((12.0, y), (c.width - 12.0, y + ROW), &dated(row)))
    }

    /// The as-of line with its label under it; outside the axis, only a note saying so.
    fn as_of(&self, c: &Canvas, as_of: Option<&(f64, String)>) -> Result<(), ChartError> {
        let Some((t, label)) = as_of else {
            return Ok(());
        };
        let font = c.small();
        let (lo, hi) = self.years;
        if *t < lo || *t > hi {
            let side = if *t < lo { "之前" } else { "之后" };
            let note = format!("{label}（在图示时间范围{side}）");
            return c.text(
                &note,
                (c.width - 12.0, self.bottom + 18.0),
                font.at(Anchor::End),
            );
        }
        let x = self.x(*t);
        c.dashed(
            &[(x, self.top - 6.0), (x, self.bottom + 8.0)],
            &c.style.as_of,
            2,
        )?;
        // Centred under the line, slid left or right to stay inside the chart.
        let w = font.width(label);
        let centre = x.min(c.width - 12.0 - w / 2.0).max(12.0 + w / 2.0);
        c.text(label, (centre, self.bottom + 18.0), font.at(Anchor::Middle))
    }
}

fn legend(c: &Canvas, as_of: bool, y: f64) -> Result<(), ChartError> {
    let s = c.style;
    let mut entries = vec![
        (Swatch::Bar(s.phase), "阶段"),
        (Swatch::Milestone(s.target), "工作节点（◆ 为完成时限）"),
    ];
    if as_of {
        entries.push((Swatch::VDash(s.as_of), "数据截至日期"));
    }
    c.legend(&entries, 12.0, y).map(|_| ())
}

/// "label（start至end）", or just one date when start and end are the same.
fn dated(row: &TimelineRow) -> String {
    if row.start_label == row.end_label || row.start_label.is_empty() {
        format!("{}（{}）", row.label, row.end_label)
    } else {
        format!("{}（{}至{}）", row.label, row.start_label, row.end_label)
    }
}

/// Every row with its dates, by group, and where the as-of date falls.
fn describe(input: &TimelineInput, lines: &[Line], as_of_drawn: bool) -> String {
    if input.rows.is_empty() {
        return "暂无进度安排。".to_string();
    }
    let mut groups: Vec<String> = Vec::new();
    for line in lines {
        match line {
            Line::Group(name) => groups.push(format!("{name}：")),
            Line::Row(row) => {
                if let Some(g) = groups.last_mut() {
                    if !g.ends_with('：') {
                        g.push('、');
                    }
                    g.push_str(&dated(row));
                }
            }
        }
    }
    let mut out = format!("{}。", groups.join("；"));
    match (&input.as_of, as_of_drawn) {
        (Some((_, label)), true) => out.push_str(&format!("图中竖虚线为{label}。")),
        (Some((_, label)), false) => {
            out.push_str(&format!("{label}，在图示时间范围之外，图中未标出。"))
        }
        (None, _) => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        group: &str,
        label: &str,
        (start, end): (f64, f64),
        dates: (&str, &str),
        kind: RowKind,
    ) -> TimelineRow {
        TimelineRow {
            group: group.into(),
            label: label.into(),
            start,
            end,
            start_label: dates.0.into(),
            end_label: dates.1.into(),
            kind,
        }
    }

    fn input() -> TimelineInput {
        TimelineInput {
            id: "svg-timeline".into(),
            title: "实施进度安排".into(),
            rows: vec![
                row(
                    "阶段",
                    "启动阶段",
                    (2023.58, 2023.83),
                    ("2023年8月", "2023年10月"),
                    RowKind::Phase,
                ),
                row(
                    "阶段",
                    "组织实施阶段",
                    (2023.83, 2025.92),
                    ("2023年11月", "2025年11月"),
                    RowKind::Phase,
                ),
                row(
                    "特色专科建设",
                    "组建特色专科三个（腹腔镜微创外科、甲乳外科、肛肠外科）",
                    (2024.0, 2024.5),
                    ("2024年1月", "2024年6月"),
                    RowKind::Milestone,
                ),
                row(
                    "特色专科建设",
                    "通过验收",
                    (2025.99, 2025.99),
                    ("2025年底", "2025年底"),
                    RowKind::Milestone,
                ),
            ],
            as_of: Some((2026.83, "数据截至 2026年11月1日".into())),
        }
    }

    fn draw(input: &TimelineInput) -> Chart {
        match timeline(input, &ChartStyle::default()) {
            Ok(chart) => chart,
            Err(e) => panic!("chart failed: {e}"),
        }
    }

    #[test]
    fn is_byte_identical_and_accessible() {
        let chart = draw(&input());
        assert_eq!(chart, draw(&input()));
        assert!(chart.svg.starts_with("<svg") && chart.svg.contains("role=\"img\""));
        assert!(chart
            .svg
            .contains("<title id=\"svg-timeline-title\">实施进度安排</title>"));
        let want = "阶段：启动阶段（2023年8月至2023年10月）、组织实施阶段（2023年11月至2025年11月）；特色专科建设：组建特色专科三个（腹腔镜微创外科、甲乳外科、肛肠外科）（2024年1月至2024年6月）、通过验收（2025年底）。图中竖虚线为数据截至 2026年11月1日。";
        assert_eq!(chart.description, want);
    }

    #[test]
    fn rows_groups_axis_and_as_of_are_drawn() {
        let svg = draw(&input()).svg;
        for needle in [
            "启动阶段",
            "特色专科建设",
            "数据截至 2026年11月1日",
            "2024年",
            "2026年",
            "工作节点",
            "<title>通过验收（2025年底）</title>",
        ] {
            assert!(svg.contains(needle), "{needle}");
        }
    }

    #[test]
    fn far_as_of_is_said_not_drawn() {
        let mut late = input();
        late.as_of = Some((2030.0, "数据截至 2030年1月1日".into()));
        let chart = draw(&late);
        assert!(chart.description.contains("在图示时间范围之外"));
        assert!(chart
            .svg
            .contains("数据截至 2030年1月1日（在图示时间范围之后）"));
    }

    #[test]
    fn empty_and_invalid_rows() {
        let mut bad = input();
        bad.rows[0].end = 2000.0;
        assert!(timeline(&bad, &ChartStyle::default()).is_err());
        bad.rows[0].end = f64::NAN;
        assert!(timeline(&bad, &ChartStyle::default()).is_err());
        bad.rows.clear();
        let empty = draw(&bad);
        assert!(empty.svg.contains("暂无进度安排") && empty.description == "暂无进度安排。");
    }

    #[test]
    fn hostile_labels_are_escaped() {
        let mut evil = input();
        evil.rows[0].label = "<script>alert(1)</script>".into();
        evil.rows[0].group = "\"onload=alert(1)".into();
        let svg = draw(&evil).svg;
        assert!(!svg.contains("<script") && !svg.contains("\"onload"));
    }

    #[test]
    fn absurd_but_finite_dates_neither_panic_nor_hang() {
        let mut odd = input();
        odd.rows[0].start = -1e300;
        odd.rows[0].end = 1e300;
        odd.as_of = Some((f64::MAX, "很久以后".into()));
        assert!(draw(&odd).svg.starts_with("<svg"));
    }
}
