//! The programme timeline: phases as solid bars, milestone windows as outlined bars ending in
//! a diamond, grouped, on a time axis with the as-of date marked.

use super::draw::{self, Align, Marker};
use super::{svg, text, Chart, ChartError, ChartStyle, RowKind, TimelineInput, TimelineRow};

const LABEL_WIDTH: f64 = 240.0;
const TOP: f64 = 64.0;
const ROW: f64 = 30.0;
const BOTTOM: f64 = 56.0;
const RIGHT: f64 = 30.0;

/// One line of the chart: a group heading or a row.
enum Line<'a> {
    Group(&'a str),
    Row(&'a TimelineRow),
}

/// Draws a timeline chart.
pub fn timeline(input: &TimelineInput, style: &ChartStyle) -> Result<Chart, ChartError> {
    if input
        .rows
        .iter()
        .any(|r| !r.start.is_finite() || !r.end.is_finite() || r.end < r.start)
    {
        return Err(ChartError(
            "a timeline row has an invalid date range".into(),
        ));
    }
    let lines = lines(&input.rows);
    let w = f64::from(style.width);
    let height = TOP + ROW * lines.len().max(1) as f64 + BOTTOM;
    let size = (style.width, height.round() as u32);
    let lo = input
        .rows
        .iter()
        .map(|r| r.start)
        .fold(f64::MAX, f64::min)
        .floor();
    let hi = input
        .rows
        .iter()
        .map(|r| r.end)
        .fold(f64::MIN, f64::max)
        .ceil()
        .max(lo + 1.0);
    // Show the as-of date when it falls shortly after the schedule, not decades later.
    let hi = match &input.as_of {
        Some((year, _)) if *year > hi && *year <= hi + 1.5 => year.ceil(),
        _ => hi,
    };
    let (lo, hi) = if input.rows.is_empty() {
        (0.0, 1.0)
    } else {
        (lo, hi)
    };
    let x = |year: f64| {
        LABEL_WIDTH
            + 10.0
            + (year.clamp(lo, hi) - lo) / (hi - lo) * (w - LABEL_WIDTH - 10.0 - RIGHT)
    };
    let as_of_inside = input
        .as_of
        .as_ref()
        .filter(|(year, _)| *year >= lo && *year <= hi);
    let body = draw::render(size, |area| {
        draw::text(
            area,
            style,
            &text::fit(&input.title, style.title_size, style.font_family, w - 20.0),
            10.0,
            22.0,
            style.title_size,
            &style.text,
            Align::Start,
            true,
        )?;
        if input.rows.is_empty() {
            return draw::text(
                area,
                style,
                "暂无进度安排",
                w / 2.0,
                TOP + ROW / 2.0,
                style.label_size,
                &style.muted,
                Align::Middle,
                false,
            );
        }
        axis(area, style, lo, hi, &x, height)?;
        for (i, line) in lines.iter().enumerate() {
            let mid = TOP + ROW * i as f64 + ROW / 2.0;
            match line {
                Line::Group(name) => {
                    draw::text(
                        area,
                        style,
                        &text::fit(
                            name,
                            style.label_size,
                            style.font_family,
                            LABEL_WIDTH - 10.0,
                        ),
                        10.0,
                        mid,
                        style.label_size,
                        &style.text,
                        Align::Start,
                        true,
                    )?;
                }
                Line::Row(row) => draw_row(area, style, row, mid, &x)?,
            }
        }
        if let Some((year, label)) = as_of_inside {
            draw::dashed(
                area,
                &[(x(*year), TOP - 10.0), (x(*year), height - BOTTOM)],
                &style.as_of,
                2,
            )?;
            draw::text(
                area,
                style,
                label,
                x(*year) - 4.0,
                TOP - 18.0,
                style.label_size * 0.9,
                &style.as_of,
                Align::End,
                false,
            )?;
        }
        legend(area, style, height - 18.0)
    })?;
    let description = describe(input, as_of_inside.is_some());
    let tooltips: String = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| match line {
            Line::Row(row) => Some(format!(
                "<rect x=\"0\" y=\"{:.1}\" width=\"{:.1}\" height=\"{ROW}\" fill=\"#fff\" fill-opacity=\"0\"><title>{}：{} 至 {}</title></rect>",
                TOP + ROW * i as f64,
                w,
                svg::escape(&row.label),
                svg::escape(&row.start_label),
                svg::escape(&row.end_label)
            )),
            Line::Group(_) => None,
        })
        .collect();
    Ok(Chart {
        svg: svg::accessible(
            &body,
            &input.id,
            size,
            &input.title,
            &description,
            &tooltips,
        ),
        title: input.title.clone(),
        description,
    })
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

fn axis(
    area: &draw::Area,
    style: &ChartStyle,
    lo: f64,
    hi: f64,
    x: &dyn Fn(f64) -> f64,
    height: f64,
) -> Result<(), ChartError> {
    let bottom = height - BOTTOM;
    let quarters = hi - lo <= 4.0;
    let mut t = lo;
    while t <= hi + 1e-9 {
        let whole = (t - t.round()).abs() < 1e-9;
        let color = if whole { &style.muted } else { &style.grid };
        draw::line(area, &[(x(t), TOP - 6.0), (x(t), bottom)], color, 1)?;
        if whole {
            let align = if t + 1e-9 >= hi {
                Align::End
            } else {
                Align::Start
            };
            let dx = if t + 1e-9 >= hi { -3.0 } else { 3.0 };
            draw::text(
                area,
                style,
                &format!("{}年", t.round() as i64),
                x(t) + dx,
                bottom + 14.0,
                style.label_size * 0.9,
                &style.muted,
                align,
                false,
            )?;
        }
        t += if quarters { 0.25 } else { 1.0 };
    }
    Ok(())
}

fn draw_row(
    area: &draw::Area,
    style: &ChartStyle,
    row: &TimelineRow,
    mid: f64,
    x: &dyn Fn(f64) -> f64,
) -> Result<(), ChartError> {
    let label = text::fit(
        &row.label,
        style.label_size * 0.95,
        style.font_family,
        LABEL_WIDTH - 24.0,
    );
    draw::text(
        area,
        style,
        &label,
        22.0,
        mid,
        style.label_size * 0.95,
        &style.text,
        Align::Start,
        false,
    )?;
    let (a, b) = (x(row.start), x(row.end).max(x(row.start) + 4.0));
    match row.kind {
        RowKind::Phase => draw::rect(area, (a, mid - 9.0), (b, mid + 9.0), &style.phase, true, 1),
        RowKind::Milestone => {
            draw::rect(
                area,
                (a, mid - 7.0),
                (b, mid + 7.0),
                &style.target,
                false,
                2,
            )?;
            draw::marker(area, Marker::Diamond, b, mid, 7.0, &style.target)
        }
    }
}

fn legend(area: &draw::Area, style: &ChartStyle, y: f64) -> Result<(), ChartError> {
    draw::rect(
        area,
        (LABEL_WIDTH + 10.0, y - 8.0),
        (LABEL_WIDTH + 40.0, y + 8.0),
        &style.phase,
        true,
        1,
    )?;
    draw::text(
        area,
        style,
        "阶段",
        LABEL_WIDTH + 46.0,
        y,
        style.label_size,
        &style.text,
        Align::Start,
        false,
    )?;
    let x = LABEL_WIDTH + 110.0;
    draw::rect(
        area,
        (x, y - 7.0),
        (x + 30.0, y + 7.0),
        &style.target,
        false,
        2,
    )?;
    draw::marker(area, Marker::Diamond, x + 30.0, y, 7.0, &style.target)?;
    draw::text(
        area,
        style,
        "工作节点（菱形为截止）",
        x + 44.0,
        y,
        style.label_size,
        &style.text,
        Align::Start,
        false,
    )
}

fn describe(input: &TimelineInput, as_of_inside: bool) -> String {
    let rows: Vec<String> = input
        .rows
        .iter()
        .map(|r| format!("{}（{}至{}）", r.label, r.start_label, r.end_label))
        .collect();
    let as_of = match (&input.as_of, as_of_inside) {
        (Some((_, label)), true) => format!("；图中虚线为{label}"),
        (Some((_, label)), false) => format!("；{label}，在图示时间范围之外"),
        (None, _) => String::new(),
    };
    if rows.is_empty() {
        format!("{}：暂无进度安排。", input.title)
    } else {
        format!("{}：{}{as_of}。", input.title, rows.join("；"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(group: &str, label: &str, start: f64, end: f64, kind: RowKind) -> TimelineRow {
        TimelineRow {
            group: group.into(),
            label: label.into(),
            start,
            end,
            start_label: format!("{start}"),
            end_label: format!("{end}"),
            kind,
        }
    }

    fn input() -> TimelineInput {
        TimelineInput {
            id: "timeline".into(),
            title: "实施进度安排".into(),
            rows: vec![
                row("阶段", "启动阶段", 2023.58, 2023.75, RowKind::Phase),
                row("阶段", "组织实施阶段", 2023.67, 2026.0, RowKind::Phase),
                row(
                    "特色专科及人才队伍建设",
                    "组建特色专科三个（腹腔镜微创外科、甲乳外科、肛肠外科）",
                    2024.25,
                    2024.5,
                    RowKind::Milestone,
                ),
            ],
            as_of: Some((2025.5, "数据截至 2025年7月1日".into())),
        }
    }

    #[test]
    fn rows_groups_and_as_of_are_drawn() {
        let chart = timeline(&input(), &ChartStyle::default()).expect("chart");
        assert_eq!(
            chart.svg,
            timeline(&input(), &ChartStyle::default())
                .expect("chart")
                .svg
        );
        for needle in [
            "启动阶段",
            "特色专科及人才队伍建设",
            "数据截至 2025年7月1日",
            "2024年",
            "工作节点",
        ] {
            assert!(chart.svg.contains(needle), "{needle}");
        }
    }

    #[test]
    fn as_of_outside_the_range_is_said_and_empty_is_said() {
        let mut late = input();
        late.as_of = Some((2030.0, "数据截至 2030年1月1日".into()));
        assert!(timeline(&late, &ChartStyle::default())
            .expect("chart")
            .description
            .contains("范围之外"));
        late.rows.clear();
        assert!(timeline(&late, &ChartStyle::default())
            .expect("chart")
            .svg
            .contains("暂无进度安排"));
        let mut bad = input();
        bad.rows[0].end = 2000.0;
        assert!(timeline(&bad, &ChartStyle::default()).is_err());
    }
}
