//! Target trajectory: baseline, reported figures and the target at its deadline, with the
//! straight path from baseline to target, so a reader sees whether figures run ahead of or
//! behind plan. Only what the data has is drawn.

use super::draw::{nice_axis, year_step, Anchor, Canvas, Font, Marker, Swatch};
use super::svg::{self, Wrapper};
use super::text::number;
use super::{finite, Chart, ChartError, ChartStyle, Point, TrajectoryInput};

/// Height of the chart saying there is no data.
const EMPTY_HEIGHT: u32 = 110;
/// Room under the plot for year labels and the legend.
const BOTTOM: f64 = 76.0;
/// Inner padding so markers on the first and last date stay clear of the frame.
const PAD: f64 = 14.0;

/// Draws a trajectory chart; with no data at all it is a small chart saying 暂无数据.
pub fn trajectory(input: &TrajectoryInput, style: &ChartStyle) -> Result<Chart, ChartError> {
    let points = all_points(input);
    for p in &points {
        finite(&format!("point “{}”", p.x_label), p.x)?;
        finite(&format!("value “{}”", p.y_label), p.y)?;
    }
    if let Some(x) = input.as_of {
        finite("the as-of date", x)?;
    }
    let description = describe(input);
    let size = if points.is_empty() {
        (style.width, EMPTY_HEIGHT)
    } else {
        (style.width, style.height.max(240))
    };
    let body = super::draw::render(size, style, |c| {
        let top = c.title(&input.title)?;
        if points.is_empty() {
            let at = (c.width / 2.0, (top + f64::from(EMPTY_HEIGHT)) / 2.0);
            return c.text("暂无数据", at, c.label().at(Anchor::Middle));
        }
        let frame = Frame::new(c, input, &points, top, f64::from(size.1));
        frame.axes(c, &input.unit)?;
        let mut placed = Vec::new();
        frame.as_of(c, input.as_of, &mut placed)?;
        frame.series(c, input, &mut placed)?;
        legend(c, input, f64::from(size.1) - 22.0)
    })?;
    let wrapper = Wrapper {
        id: &input.id,
        size,
        title: &input.title,
        desc: &description,
        overlay: "",
    };
    Ok(Chart {
        svg: svg::accessible(&body, &wrapper),
        title: input.title.clone(),
        description,
        size,
    })
}

fn all_points(input: &TrajectoryInput) -> Vec<&Point> {
    let baseline = input.baseline.iter();
    baseline
        .chain(&input.actuals)
        .chain(&input.target)
        .collect()
}

/// A label's box, to keep labels from overlapping each other.
type Rect = (f64, f64, f64, f64);

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Maps years and values to pixels.
struct Frame {
    years: (f64, f64),
    y_step: f64,
    y_top: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Frame {
    fn new(c: &Canvas, input: &TrajectoryInput, points: &[&Point], top: f64, height: f64) -> Frame {
        let xs = points.iter().map(|p| p.x).chain(input.as_of);
        let lo = xs.clone().fold(f64::INFINITY, f64::min).floor();
        let hi = xs.fold(f64::NEG_INFINITY, f64::max);
        // A date exactly on 1 January needs no extra empty year after it.
        let hi = if hi == hi.floor() { hi } else { hi.ceil() };
        let max_y = points.iter().map(|p| p.y).fold(0.0, f64::max);
        let (y_step, y_top) = nice_axis(max_y * 1.1);
        let widest = c.small().width(&number(y_top)).max(c.small().width("0"));
        Frame {
            years: (lo, hi.max(lo + 1.0)),
            y_step,
            y_top,
            left: widest + 22.0,
            right: c.width - 20.0,
            top: top + 34.0,
            bottom: height - BOTTOM,
        }
    }

    fn x(&self, year: f64) -> f64 {
        let (lo, hi) = self.years;
        let (l, r) = (self.left + PAD, self.right - PAD);
        l + (year.max(lo).min(hi) - lo) / (hi - lo) * (r - l)
    }

    fn y(&self, value: f64) -> f64 {
        let share = value.max(0.0).min(self.y_top) / self.y_top;
        self.bottom - share * (self.bottom - self.top)
    }

    fn axes(&self, c: &Canvas, unit: &str) -> Result<(), ChartError> {
        let small = c.small();
        let steps = (self.y_top / self.y_step).round() as u32;
        for i in 0..=steps {
            let value = f64::from(i) * self.y_step;
            let y = self.y(value);
            let grid = if i == 0 {
                &c.style.muted
            } else {
                &c.style.grid
            };
            c.line(&[(self.left, y), (self.right, y)], grid, 1)?;
            c.text(&number(value), (self.left - 8.0, y), small.at(Anchor::End))?;
        }
        let unit = if unit.is_empty() {
            "数值".to_string()
        } else {
            format!("单位：{unit}")
        };
        c.text(&unit, (12.0, self.top - 22.0), small)?;
        self.year_axis(c)
    }

    /// Year boundaries as ticks; each year's name under the middle of its span, or under
    /// the ticks when there are too many years for that.
    fn year_axis(&self, c: &Canvas) -> Result<(), ChartError> {
        let (lo, hi) = self.years;
        let span = (hi - lo).round() as i64;
        let step = year_step(span);
        let label_y = self.bottom + 18.0;
        let font = c.small().at(Anchor::Middle);
        for k in (0..=span).step_by(step) {
            let year = lo + k as f64;
            let x = self.x(year);
            c.line(
                &[(x, self.bottom), (x, self.bottom + 5.0)],
                &c.style.muted,
                1,
            )?;
            let name = format!("{}年", year as i64);
            if step == 1 && k < span {
                c.text(&name, ((x + self.x(year + 1.0)) / 2.0, label_y), font)?;
            } else if step > 1 {
                c.text(&name, (x, label_y), font)?;
            }
        }
        Ok(())
    }

    fn as_of(
        &self,
        c: &Canvas,
        as_of: Option<f64>,
        placed: &mut Vec<Rect>,
    ) -> Result<(), ChartError> {
        let Some(year) = as_of else { return Ok(()) };
        let x = self.x(year);
        c.dashed(&[(x, self.top - 8.0), (x, self.bottom)], &c.style.as_of, 2)?;
        let font = c.small();
        let name = "数据截至";
        // Left of the line unless that would leave the plot.
        let font = if x - font.width(name) - 6.0 > self.left {
            font.at(Anchor::End)
        } else {
            font
        };
        let tx = if font.anchor == Anchor::End {
            x - 6.0
        } else {
            x + 6.0
        };
        let (l, r) = font.span(name, tx);
        placed.push((l, self.top - 16.0, r, self.top + 4.0));
        c.text(name, (tx, self.top - 6.0), font)
    }

    fn series(
        &self,
        c: &Canvas,
        input: &TrajectoryInput,
        placed: &mut Vec<Rect>,
    ) -> Result<(), ChartError> {
        let s = c.style;
        let at = |p: &Point| (self.x(p.x), self.y(p.y));
        if let (Some(b), Some(t)) = (&input.baseline, &input.target) {
            c.dashed(&[at(b), at(t)], &s.baseline, 2)?;
        }
        let mut path: Vec<&Point> = input.baseline.iter().chain(&input.actuals).collect();
        path.sort_by(|a, b| a.x.total_cmp(&b.x));
        if path.len() > 1 && !input.actuals.is_empty() {
            c.line(
                &path.iter().map(|p| at(p)).collect::<Vec<_>>(),
                &s.actual,
                3,
            )?;
        }
        let mut marks: Vec<(Marker, &Point, String)> = Vec::new();
        if let Some(b) = &input.baseline {
            marks.push((Marker::Square, b, b.y_label.clone()));
        }
        for a in &input.actuals {
            marks.push((Marker::Circle, a, a.y_label.clone()));
        }
        if let Some(t) = &input.target {
            marks.push((Marker::Triangle, t, format!("目标 {}", t.y_label)));
        }
        // Markers first, so labels are placed around all of them.
        placed.extend(marks.iter().map(|(_, p, _)| {
            let (x, y) = at(p);
            (x - 7.0, y - 7.0, x + 7.0, y + 7.0)
        }));
        for (kind, p, _) in &marks {
            let color = match kind {
                Marker::Square => &s.baseline,
                Marker::Triangle => &s.target,
                _ => &s.actual,
            };
            let r = if *kind == Marker::Triangle { 7.0 } else { 6.0 };
            c.marker(*kind, at(p), r, color)?;
        }
        for (_, p, label) in &marks {
            self.value_label(c, label, at(p), placed)?;
        }
        Ok(())
    }

    /// Writes a value next to its marker: above, below, right or left, whichever is free.
    fn value_label(
        &self,
        c: &Canvas,
        label: &str,
        (x, y): (f64, f64),
        placed: &mut Vec<Rect>,
    ) -> Result<(), ChartError> {
        let font = c.small();
        let h = font.size * 1.3;
        let w = font.width(label);
        let (min_x, max_x) = (4.0 + w / 2.0, c.width - 4.0 - w / 2.0);
        let middle = |dx: f64| (x + dx).min(max_x).max(min_x);
        let candidates = [
            (middle(0.0), y - 17.0),
            (middle(0.0), y + 18.0),
            (middle(w / 2.0 + 12.0), y),
            (middle(-w / 2.0 - 12.0), y),
            (middle(0.0), y - 17.0 - h),
            (middle(0.0), y + 18.0 + h),
        ];
        let boxed = |(cx, cy): (f64, f64)| (cx - w / 2.0, cy - h / 2.0, cx + w / 2.0, cy + h / 2.0);
        let fits = |b: &Rect| b.1 >= self.top - 18.0 && b.3 <= self.bottom + 2.0;
        let spot = candidates
            .iter()
            .copied()
            .find(|&p| fits(&boxed(p)) && !placed.iter().any(|q| overlaps(&boxed(p), q)))
            .unwrap_or(candidates[0]);
        placed.push(boxed(spot));
        let font = Font {
            color: c.style.text,
            ..font
        };
        c.text(label, spot, font.at(Anchor::Middle))
    }
}

fn legend(c: &Canvas, input: &TrajectoryInput, y: f64) -> Result<(), ChartError> {
    let s = c.style;
    let mut entries = Vec::new();
    if input.baseline.is_some() {
        entries.push((Swatch::Marker(Marker::Square, s.baseline), "基线"));
    }
    if !input.actuals.is_empty() {
        entries.push((Swatch::Marker(Marker::Circle, s.actual), "实际"));
    }
    if input.target.is_some() {
        entries.push((Swatch::Marker(Marker::Triangle, s.target), "目标"));
    }
    if input.baseline.is_some() && input.target.is_some() {
        entries.push((Swatch::Dash(s.baseline), "基线至目标的匀速进度"));
    }
    if input.as_of.is_some() {
        entries.push((Swatch::VDash(s.as_of), "数据截至日期"));
    }
    c.legend(&entries, 12.0, y).map(|_| ())
}

/// The figures in words, for the `<desc>` and screen readers.
fn describe(input: &TrajectoryInput) -> String {
    let mut parts = Vec::new();
    if let Some(t) = &input.target {
        parts.push(format!("目标：到{}达到{}", t.x_label, t.y_label));
    }
    if let Some(b) = &input.baseline {
        parts.push(format!("基线：{}为{}", b.x_label, b.y_label));
    }
    if input.actuals.is_empty() {
        parts.push("暂无实际报告数据".to_string());
    } else {
        let list: Vec<String> = input
            .actuals
            .iter()
            .map(|a| format!("{}为{}", a.x_label, a.y_label))
            .collect();
        parts.push(format!("实际：{}", list.join("，")));
    }
    if all_points(input).iter().any(|p| p.y < 0.0) {
        parts.push("低于0的数值在图中按0绘制".to_string());
    }
    if input.baseline.is_none() && input.actuals.is_empty() && input.target.is_none() {
        return "暂无数据。".to_string();
    }
    format!("{}。", parts.join("；"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(x: f64, label: &str, y: f64) -> Point {
        Point {
            x,
            x_label: label.into(),
            y,
            y_label: format!("{} 张/千人", number(y)),
        }
    }

    fn input() -> TrajectoryInput {
        TrajectoryInput {
            id: "svg-trajectory-beds".into(),
            title: "每千常住人口医疗机构床位数（全区）".into(),
            unit: "张/千人".into(),
            baseline: Some(point(2023.0, "2023年初", 3.0)),
            actuals: vec![
                point(2023.997, "2023年底", 3.1),
                point(2024.997, "2024年底", 3.3),
            ],
            target: Some(point(2025.997, "2025年底", 3.5)),
            as_of: Some(2026.833),
        }
    }

    fn draw(input: &TrajectoryInput) -> Chart {
        match trajectory(input, &ChartStyle::default()) {
            Ok(chart) => chart,
            Err(e) => panic!("chart failed: {e}"),
        }
    }

    #[test]
    fn is_byte_identical_across_renders() {
        assert_eq!(draw(&input()), draw(&input()));
    }

    #[test]
    fn is_accessible_and_labelled_in_chinese() {
        let chart = draw(&input());
        assert!(chart.svg.starts_with("<svg"));
        for needle in [
            "role=\"img\"",
            "<title id=\"svg-trajectory-beds-title\">每千常住人口医疗机构床位数（全区）</title>",
            "<desc id=\"svg-trajectory-beds-desc\">",
            "目标 3.5 张/千人",
            "数据截至",
            "2025年",
            "单位：张/千人",
            "基线至目标的匀速进度",
        ] {
            assert!(chart.svg.contains(needle), "{needle}");
        }
        assert!(!chart.svg.contains("href") && !chart.svg.contains("<script"));
        let want = "目标：到2025年底达到3.5 张/千人；基线：2023年初为3 张/千人；实际：2023年底为3.1 张/千人，2024年底为3.3 张/千人。";
        assert_eq!(chart.description, want);
    }

    #[test]
    fn target_only_single_point_and_no_data() {
        let mut only = input();
        only.baseline = None;
        only.actuals.clear();
        let chart = draw(&only);
        assert_eq!(
            chart.description,
            "目标：到2025年底达到3.5 张/千人；暂无实际报告数据。"
        );
        assert!(chart.svg.contains("目标 3.5 张/千人") && !chart.svg.contains("匀速"));
        only.target = None;
        only.actuals = vec![point(2024.5, "2024年6月", 2.0)];
        only.as_of = None;
        assert!(draw(&only).svg.contains("2 张/千人"));
        only.actuals.clear();
        let empty = draw(&only);
        assert!(empty.svg.contains("暂无数据") && empty.svg.contains("height=\"110\""));
        assert_eq!(empty.description, "暂无数据。");
    }

    #[test]
    fn hostile_labels_are_escaped() {
        let mut evil = input();
        evil.title = "<script>alert(1)</script>".into();
        evil.unit = "\"onload=alert(1)".into();
        evil.actuals[0].y_label = "<img src=x>".into();
        let svg = draw(&evil).svg;
        assert!(!svg.contains("<script") && !svg.contains("<img") && !svg.contains("\"onload"));
        assert!(svg.contains("&lt;script&gt;") && svg.contains("&quot;onload"));
    }

    #[test]
    fn refuses_non_finite_values_and_notes_negative_ones() {
        let mut bad = input();
        bad.actuals[0].y = f64::NAN;
        assert!(trajectory(&bad, &ChartStyle::default()).is_err());
        bad.actuals[0].y = -1.0;
        assert!(draw(&bad).description.contains("低于0"));
        bad.as_of = Some(f64::INFINITY);
        assert!(trajectory(&bad, &ChartStyle::default()).is_err());
    }

    #[test]
    fn absurd_but_finite_numbers_neither_panic_nor_hang() {
        let mut odd = input();
        odd.baseline = Some(point(-1e300, "远古", 1e300));
        odd.actuals = vec![point(1e300, "远未来", f64::MAX)];
        odd.as_of = Some(f64::MIN);
        assert!(draw(&odd).svg.starts_with("<svg"));
    }
}
