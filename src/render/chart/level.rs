//! Ordered-scale levels (EMR 0–8, smart service 0–5, hospital grade): each facility's
//! current level as a bar and its target as a marker, on the scale with each level's meaning
//! available as a tooltip.

use super::draw::{self, Align, Marker};
use super::{svg, text, Chart, ChartError, ChartStyle, LevelInput, LevelRow};

const NAME_WIDTH: f64 = 170.0;
const TOP: f64 = 78.0;
const ROW: f64 = 62.0;
const LEGEND: f64 = 48.0;
const RIGHT: f64 = 40.0;

/// Draws a level chart.
pub fn levels(input: &LevelInput, style: &ChartStyle) -> Result<Chart, ChartError> {
    if input.scale.is_empty() {
        return Err(ChartError(format!("“{}” has no scale levels", input.title)));
    }
    let (lo, hi) = (
        input.scale[0].value,
        input.scale[input.scale.len() - 1].value,
    );
    let span = (hi - lo).max(1.0);
    let w = f64::from(style.width);
    let height = TOP + ROW * input.rows.len().max(1) as f64 + LEGEND;
    let size = (style.width, height.round() as u32);
    let x = |v: f64| {
        NAME_WIDTH + 20.0 + (v.clamp(lo, hi) - lo) / span * (w - NAME_WIDTH - 20.0 - RIGHT)
    };
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
        for level in &input.scale {
            let lx = x(level.value);
            draw::line(
                area,
                &[(lx, TOP - 8.0), (lx, height - LEGEND)],
                &style.grid,
                1,
            )?;
            draw::text(
                area,
                style,
                &level.label,
                lx,
                TOP - 22.0,
                style.label_size,
                &style.muted,
                Align::Middle,
                false,
            )?;
        }
        if input.rows.is_empty() {
            draw::text(
                area,
                style,
                "暂无数据",
                w / 2.0,
                TOP + ROW / 2.0,
                style.label_size,
                &style.muted,
                Align::Middle,
                false,
            )?;
        }
        for (i, row) in input.rows.iter().enumerate() {
            draw_row(area, style, row, TOP + ROW * i as f64, &x)?;
        }
        legend(area, style, height - 22.0)
    })?;
    let tooltips = tooltips(input, &x, height);
    let description = describe(input, lo, hi);
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

fn draw_row(
    area: &draw::Area,
    style: &ChartStyle,
    row: &LevelRow,
    top: f64,
    x: &dyn Fn(f64) -> f64,
) -> Result<(), ChartError> {
    let mid = top + ROW / 2.0;
    let lines = text::wrap(
        &row.name,
        style.label_size,
        style.font_family,
        NAME_WIDTH - 10.0,
        2,
    );
    let first = mid - (lines.len() as f64 - 1.0) * 9.0;
    for (n, line) in lines.iter().enumerate() {
        draw::text(
            area,
            style,
            line,
            10.0,
            first + 18.0 * n as f64,
            style.label_size,
            &style.text,
            Align::Start,
            false,
        )?;
    }
    let start = x(f64::MIN);
    match row.current {
        Some(current) => {
            draw::rect(
                area,
                (start, mid - 11.0),
                (x(current), mid + 11.0),
                &style.actual,
                true,
                1,
            )?;
        }
        None => {
            draw::text(
                area,
                style,
                "当前等级：暂无数据",
                start + 4.0,
                mid + 20.0,
                style.label_size * 0.9,
                &style.muted,
                Align::Start,
                false,
            )?;
        }
    }
    if let Some(target) = row.target {
        let tx = x(target);
        draw::marker(area, Marker::Triangle, tx, mid, 9.0, &style.target)?;
        draw::text(
            area,
            style,
            &row.target_label,
            tx + 14.0,
            mid - 14.0,
            style.label_size,
            &style.target,
            Align::Start,
            false,
        )?;
    }
    draw::line(
        area,
        &[(10.0, top + ROW), (x(f64::MAX) + 20.0, top + ROW)],
        &style.grid,
        1,
    )
}

fn legend(area: &draw::Area, style: &ChartStyle, y: f64) -> Result<(), ChartError> {
    draw::rect(
        area,
        (NAME_WIDTH + 20.0, y - 7.0),
        (NAME_WIDTH + 40.0, y + 7.0),
        &style.actual,
        true,
        1,
    )?;
    draw::text(
        area,
        style,
        "当前等级",
        NAME_WIDTH + 46.0,
        y,
        style.label_size,
        &style.text,
        Align::Start,
        false,
    )?;
    let x = NAME_WIDTH + 150.0;
    draw::marker(area, Marker::Triangle, x, y, 8.0, &style.target)?;
    draw::text(
        area,
        style,
        "目标等级",
        x + 14.0,
        y,
        style.label_size,
        &style.text,
        Align::Start,
        false,
    )
}

/// An invisible band over each level with its meaning as a `<title>` tooltip.
fn tooltips(input: &LevelInput, x: &dyn Fn(f64) -> f64, height: f64) -> String {
    let mut out = String::new();
    for (i, level) in input.scale.iter().enumerate() {
        let Some(meaning) = &level.meaning else {
            continue;
        };
        let left = if i == 0 {
            x(level.value) - 14.0
        } else {
            (x(input.scale[i - 1].value) + x(level.value)) / 2.0
        };
        let right = match input.scale.get(i + 1) {
            Some(next) => (x(level.value) + x(next.value)) / 2.0,
            None => x(level.value) + 14.0,
        };
        out.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#fff\" fill-opacity=\"0\"><title>{}：{}</title></rect>",
            left,
            TOP - 36.0,
            (right - left).max(1.0),
            height - LEGEND - TOP + 36.0,
            svg::escape(&level.label),
            svg::escape(meaning)
        ));
    }
    out
}

fn describe(input: &LevelInput, lo: f64, hi: f64) -> String {
    let label = |v: f64| {
        input
            .scale
            .iter()
            .find(|l| (l.value - v).abs() < 1e-9)
            .map(|l| l.label.clone())
            .unwrap_or_else(|| format!("{v}"))
    };
    let rows: Vec<String> = input
        .rows
        .iter()
        .map(|r| {
            let current = r
                .current
                .map(|c| format!("当前{}", label(c)))
                .unwrap_or_else(|| "当前等级暂无数据".into());
            let beyond = [r.current, r.target]
                .iter()
                .flatten()
                .any(|v| *v < lo || *v > hi);
            let note = if beyond {
                "（超出刻度范围，图中按端点绘制）"
            } else {
                ""
            };
            format!("{}：{}，{}{note}", r.name, r.target_label, current)
        })
        .collect();
    let scale = format!("刻度从{}到{}", label(lo), label(hi));
    if rows.is_empty() {
        format!("{}，{scale}；暂无数据。", input.title)
    } else {
        format!("{}，{scale}。{}。", input.title, rows.join("；"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::chart::ScaleLevel;

    fn input() -> LevelInput {
        LevelInput {
            id: "emr".into(),
            title: "电子病历系统应用水平分级".into(),
            scale: (0..=8)
                .map(|v| ScaleLevel {
                    value: f64::from(v),
                    label: format!("{v}级"),
                    meaning: Some(format!("第{v}级的含义<&>")),
                })
                .collect(),
            rows: vec![
                LevelRow {
                    name: "区人民医院".into(),
                    current: Some(3.0),
                    target: Some(4.0),
                    target_label: "目标 4级".into(),
                },
                LevelRow {
                    name: "一个名字非常非常长的县级中医医院（迁址新建）".into(),
                    current: None,
                    target: Some(2.0),
                    target_label: "目标 2级".into(),
                },
            ],
        }
    }

    #[test]
    fn shows_scale_rows_and_tooltips() {
        let chart = levels(&input(), &ChartStyle::default()).expect("chart");
        assert_eq!(
            chart.svg,
            levels(&input(), &ChartStyle::default()).expect("chart").svg
        );
        for needle in [
            "8级",
            "区人民医院",
            "目标 4级",
            "当前等级：暂无数据",
            "<title>4级：第4级的含义&lt;&amp;&gt;</title>",
        ] {
            assert!(chart.svg.contains(needle), "{needle}");
        }
        assert!(
            chart.description.contains("区人民医院：目标 4级，当前3级"),
            "{}",
            chart.description
        );
    }

    #[test]
    fn clamps_and_mentions_values_beyond_the_scale() {
        let mut beyond = input();
        beyond.rows[0].current = Some(11.0);
        let chart = levels(&beyond, &ChartStyle::default()).expect("chart");
        assert!(chart.description.contains("超出刻度范围"));
    }

    #[test]
    fn no_rows_and_no_scale() {
        let mut empty = input();
        empty.rows.clear();
        assert!(levels(&empty, &ChartStyle::default())
            .expect("chart")
            .svg
            .contains("暂无数据"));
        empty.scale.clear();
        assert!(levels(&empty, &ChartStyle::default()).is_err());
    }
}
