//! Target trajectory: baseline, reported figures and the target at its deadline, with the
//! straight path from baseline to target, so a reader sees whether figures run ahead or behind.

use super::draw::{self, Align, Marker};
use super::{svg, text, Chart, ChartError, ChartStyle, Point, TrajectoryInput};
use crate::render::format::number;

const HEIGHT: u32 = 380;
const LEFT: f64 = 72.0;
const RIGHT: f64 = 36.0;
const TOP: f64 = 56.0;
const BOTTOM: f64 = 92.0;

/// Draws a trajectory chart; with no data at all it says so instead of drawing axes.
pub fn trajectory(input: &TrajectoryInput, style: &ChartStyle) -> Result<Chart, ChartError> {
    let points: Vec<&Point> = input
        .baseline
        .iter()
        .chain(&input.actuals)
        .chain(&input.target)
        .collect();
    if points.iter().any(|p| !p.x.is_finite() || !p.y.is_finite()) {
        return Err(ChartError("a point is not a finite number".into()));
    }
    let description = describe(input);
    let size = (style.width, HEIGHT);
    let body = draw::render(size, |area| {
        let w = f64::from(style.width);
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
        if points.is_empty() {
            return draw::text(
                area,
                style,
                "暂无数据",
                w / 2.0,
                f64::from(HEIGHT) / 2.0,
                style.title_size,
                &style.muted,
                Align::Middle,
                false,
            );
        }
        let frame = Frame::new(&points, input.as_of, w);
        axes(area, style, &frame, &input.unit)?;
        series(area, style, &frame, input)?;
        legend(area, style, input)
    })?;
    Ok(Chart {
        svg: svg::accessible(&body, &input.id, size, &input.title, &description, ""),
        title: input.title.clone(),
        description,
    })
}

/// Maps years and values to pixels.
struct Frame {
    x_min: f64,
    x_max: f64,
    y_top: f64,
    y_step: f64,
    width: f64,
}

impl Frame {
    fn new(points: &[&Point], as_of: Option<f64>, width: f64) -> Frame {
        let xs = points.iter().map(|p| p.x).chain(as_of);
        let (lo, hi) = xs.fold((f64::MAX, f64::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
        let (x_min, x_max) = (lo.floor(), (hi + 0.001).ceil().max(lo.floor() + 1.0));
        let y_max = points.iter().map(|p| p.y).fold(0.0, f64::max) * 1.15;
        let (y_step, y_top) = draw::nice_axis(y_max);
        Frame {
            x_min,
            x_max,
            y_top,
            y_step,
            width,
        }
    }

    fn x(&self, year: f64) -> f64 {
        LEFT + (year - self.x_min) / (self.x_max - self.x_min) * (self.width - LEFT - RIGHT)
    }

    fn y(&self, value: f64) -> f64 {
        let bottom = f64::from(HEIGHT) - BOTTOM;
        bottom - value.clamp(0.0, self.y_top) / self.y_top * (bottom - TOP)
    }
}

fn axes(area: &draw::Area, style: &ChartStyle, f: &Frame, unit: &str) -> Result<(), ChartError> {
    let size = style.label_size;
    let mut value = 0.0;
    while value <= f.y_top + 1e-9 {
        let y = f.y(value);
        draw::line(area, &[(LEFT, y), (f.width - RIGHT, y)], &style.grid, 1)?;
        draw::text(
            area,
            style,
            &number(value),
            LEFT - 8.0,
            y,
            size,
            &style.muted,
            Align::End,
            false,
        )?;
        value += f.y_step;
    }
    draw::text(
        area,
        style,
        &format!("单位：{unit}"),
        10.0,
        TOP - 20.0,
        size,
        &style.muted,
        Align::Start,
        false,
    )?;
    let bottom = f64::from(HEIGHT) - BOTTOM;
    draw::line(
        area,
        &[(LEFT, bottom), (f.width - RIGHT, bottom)],
        &style.muted,
        1,
    )?;
    let mut year = f.x_min;
    while year <= f.x_max + 1e-9 {
        let x = f.x(year);
        draw::line(area, &[(x, bottom), (x, bottom + 5.0)], &style.muted, 1)?;
        draw::text(
            area,
            style,
            &format!("{}年", year as i64),
            x,
            bottom + 16.0,
            size,
            &style.muted,
            Align::Middle,
            false,
        )?;
        year += 1.0;
    }
    Ok(())
}

fn series(
    area: &draw::Area,
    style: &ChartStyle,
    f: &Frame,
    input: &TrajectoryInput,
) -> Result<(), ChartError> {
    if let (Some(b), Some(t)) = (&input.baseline, &input.target) {
        draw::dashed(
            area,
            &[(f.x(b.x), f.y(b.y)), (f.x(t.x), f.y(t.y))],
            &style.baseline,
            2,
        )?;
    }
    if let Some(as_of) = input.as_of {
        let x = f.x(as_of);
        draw::dashed(
            area,
            &[(x, TOP - 4.0), (x, f64::from(HEIGHT) - BOTTOM)],
            &style.as_of,
            2,
        )?;
        draw::text(
            area,
            style,
            "数据截至",
            x - 4.0,
            TOP + 6.0,
            style.label_size,
            &style.as_of,
            Align::End,
            false,
        )?;
    }
    let measured: Vec<(f64, f64)> = input
        .baseline
        .iter()
        .chain(&input.actuals)
        .map(|p| (f.x(p.x), f.y(p.y)))
        .collect();
    if measured.len() > 1 {
        draw::line(area, &measured, &style.actual, 3)?;
    }
    if let Some(b) = &input.baseline {
        draw::marker(
            area,
            Marker::Square,
            f.x(b.x),
            f.y(b.y),
            6.0,
            &style.baseline,
        )?;
        label(
            area,
            style,
            f,
            b,
            &format!("基线 {}", b.y_label),
            &style.baseline,
        )?;
    }
    for a in &input.actuals {
        draw::marker(area, Marker::Circle, f.x(a.x), f.y(a.y), 6.0, &style.actual)?;
        label(area, style, f, a, &a.y_label, &style.actual)?;
    }
    if let Some(t) = &input.target {
        draw::marker(
            area,
            Marker::Triangle,
            f.x(t.x),
            f.y(t.y),
            8.0,
            &style.target,
        )?;
        label(
            area,
            style,
            f,
            t,
            &format!("目标 {}", t.y_label),
            &style.target,
        )?;
    }
    Ok(())
}

/// A value label above its marker, kept inside the chart.
fn label(
    area: &draw::Area,
    style: &ChartStyle,
    f: &Frame,
    p: &Point,
    s: &str,
    color: &plotters::style::RGBColor,
) -> Result<(), ChartError> {
    let w = text::width(s, style.label_size, style.font_family);
    let x = f
        .x(p.x)
        .clamp(LEFT + w / 2.0, f.width - RIGHT - w / 2.0 + 20.0);
    draw::text(
        area,
        style,
        s,
        x,
        f.y(p.y) - 18.0,
        style.label_size,
        color,
        Align::Middle,
        false,
    )
}

fn legend(
    area: &draw::Area,
    style: &ChartStyle,
    input: &TrajectoryInput,
) -> Result<(), ChartError> {
    let y = f64::from(HEIGHT) - 28.0;
    let mut x = LEFT;
    let size = style.label_size;
    let mut item = |marker: Option<Marker>,
                    dashed: Option<&plotters::style::RGBColor>,
                    color: &plotters::style::RGBColor,
                    name: &str|
     -> Result<(), ChartError> {
        match (marker, dashed) {
            (Some(m), _) => draw::marker(area, m, x + 6.0, y, 6.0, color)?,
            (None, Some(c)) => draw::dashed(area, &[(x, y), (x + 18.0, y)], c, 2)?,
            _ => {}
        }
        draw::text(
            area,
            style,
            name,
            x + 22.0,
            y,
            size,
            &style.text,
            Align::Start,
            false,
        )?;
        x += 34.0 + text::width(name, size, style.font_family);
        Ok(())
    };
    if input.baseline.is_some() {
        item(Some(Marker::Square), None, &style.baseline, "基线")?;
    }
    if !input.actuals.is_empty() {
        item(Some(Marker::Circle), None, &style.actual, "实际")?;
    }
    if input.target.is_some() {
        item(Some(Marker::Triangle), None, &style.target, "目标")?;
    }
    if input.baseline.is_some() && input.target.is_some() {
        item(
            None,
            Some(&style.baseline),
            &style.baseline,
            "基线到目标的直线进度",
        )?;
    }
    if input.as_of.is_some() {
        item(None, Some(&style.as_of), &style.as_of, "数据截至日期")?;
    }
    Ok(())
}

/// The figures in words, for the `<desc>` and screen readers.
fn describe(input: &TrajectoryInput) -> String {
    let mut parts = Vec::new();
    if let Some(t) = &input.target {
        parts.push(format!("目标：{}达到{}", t.x_label, t.y_label));
    }
    if let Some(b) = &input.baseline {
        parts.push(format!("基线：{} {}", b.x_label, b.y_label));
    }
    if input.actuals.is_empty() {
        parts.push("暂无实际报告数据".to_string());
    } else {
        let list: Vec<String> = input
            .actuals
            .iter()
            .map(|a| format!("{} {}", a.x_label, a.y_label))
            .collect();
        parts.push(format!("实际：{}", list.join("，")));
    }
    format!("{}：{}。", input.title, parts.join("；"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(x: f64, label: &str, y: f64) -> Point {
        Point {
            x,
            x_label: label.into(),
            y,
            y_label: format!("{y} 张/千人"),
        }
    }

    fn input() -> TrajectoryInput {
        TrajectoryInput {
            id: "t".into(),
            title: "床位（全域）".into(),
            unit: "张/千人".into(),
            baseline: Some(point(2023.0, "2023年", 3.0)),
            actuals: vec![point(2024.99, "2024年", 3.2)],
            target: Some(point(2025.99, "2025年底", 3.5)),
            as_of: Some(2026.83),
        }
    }

    #[test]
    fn draws_every_series_with_labels_and_is_stable() {
        let style = ChartStyle::default();
        let a = trajectory(&input(), &style).expect("chart");
        let b = trajectory(&input(), &style).expect("chart");
        assert_eq!(a.svg, b.svg);
        for needle in [
            "目标 3.5 张/千人",
            "基线 3 张/千人",
            "数据截至",
            "2025年",
            "单位：张/千人",
            "role=\"img\"",
        ] {
            assert!(a.svg.contains(needle), "{needle}");
        }
        assert!(
            a.description.contains("目标：2025年底达到3.5 张/千人"),
            "{}",
            a.description
        );
    }

    #[test]
    fn handles_target_only_one_point_and_no_data() {
        let style = ChartStyle::default();
        let mut only = input();
        only.baseline = None;
        only.actuals.clear();
        let chart = trajectory(&only, &style).expect("target only");
        assert!(chart.description.contains("暂无实际报告数据"));
        only.target = None;
        only.as_of = None;
        let empty = trajectory(&only, &style).expect("no data");
        assert!(empty.svg.contains("暂无数据"));
    }

    #[test]
    fn refuses_non_finite_values() {
        let mut bad = input();
        bad.actuals[0].y = f64::NAN;
        assert!(trajectory(&bad, &ChartStyle::default()).is_err());
    }
}
