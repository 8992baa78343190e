//! Ordered-scale levels (EMR application level 0–8, hospital grade, …): per facility the
//! current level as a filled bar and the target as an outlined triangle with its label, on
//! an axis whose ticks are the level labels, each level's meaning a `<title>` tooltip.

use super::draw::{header, render, Anchor, Canvas, Marker, Swatch};
use super::svg::{self, tooltip, Wrapper};
use super::text::{self, number};
use super::{finite, Chart, ChartError, ChartStyle, LevelInput, LevelRow, ScaleLevel};
use plotters::style::WHITE;

/// Height of one facility row.
const ROW: f64 = 58.0;
/// Room above the rows for the level labels.
const HEAD: f64 = 40.0;
/// Room below the rows for the legend.
const FOOT: f64 = 44.0;

/// Draws a level chart; the scale must have at least one level.
pub fn levels(input: &LevelInput, style: &ChartStyle) -> Result<Chart, ChartError> {
    let scale = sorted_scale(&input.scale)?;
    for row in &input.rows {
        let values = row.current.iter().chain(&row.target);
        values
            .map(|v| {
                let name = &row.name;
                let what =
                    crate::i18n::t(format!("“{name}”的等级"), format!("a level of “{name}”"));
                finite(&what, *v)
            })
            .collect::<Result<Vec<_>, _>>()?;
    }
    let rows = input.rows.len().max(1) as f64;
    let height = header(style) + HEAD + ROW * rows + FOOT;
    let size = (style.width, height.round() as u32);
    let mut overlay = String::new();
    let body = render(size, style, |c| {
        let top = c.title(&input.title)? + HEAD;
        let axis = Axis::new(c, &scale, top, top + ROW * rows);
        overlay = axis.draw(c)?;
        if input.rows.is_empty() {
            let at = (c.width / 2.0, top + ROW / 2.0);
            c.text("暂无数据", at, c.label().at(Anchor::Middle))?;
        }
        for (i, row) in input.rows.iter().enumerate() {
            let y = top + ROW * i as f64;
            axis.row(c, row, y)?;
            overlay.push_str(&axis.name(c, row, y)?);
        }
        let legend = [
            (Swatch::Bar(style.actual), "当前等级"),
            (Swatch::Marker(Marker::Triangle, style.target), "目标等级"),
        ];
        c.legend(&legend, axis.left, height - FOOT / 2.0)
            .map(|_| ())
    })?;
    let description = describe(input, &scale);
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

/// The scale lowest first; refuses an empty scale or non-finite values.
fn sorted_scale(scale: &[ScaleLevel]) -> Result<Vec<&ScaleLevel>, ChartError> {
    if scale.is_empty() {
        return Err(ChartError::InvalidInput(crate::i18n::t(
            "等级表是空的",
            "the level scale is empty",
        )));
    }
    for level in scale {
        finite(&format!("scale level “{}”", level.label), level.value)?;
    }
    let mut sorted: Vec<&ScaleLevel> = scale.iter().collect();
    sorted.sort_by(|a, b| a.value.total_cmp(&b.value));
    Ok(sorted)
}

/// The label of `value` on the scale, or the number when it is between levels.
fn level_name(scale: &[&ScaleLevel], value: f64) -> String {
    let found = scale.iter().find(|l| (l.value - value).abs() < 1e-9);
    found.map_or_else(|| number(value), |l| l.label.clone())
}

/// The scale axis: maps levels to pixels between the name column and the right edge.
struct Axis<'a> {
    scale: &'a [&'a ScaleLevel],
    lo: f64,
    hi: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    name_width: f64,
}

impl<'a> Axis<'a> {
    fn new(c: &Canvas, scale: &'a [&'a ScaleLevel], top: f64, bottom: f64) -> Axis<'a> {
        // Bars start at 0 (or the lowest level, if below 0), so their length means something.
        let lo = scale.first().map_or(0.0, |l| l.value.min(0.0));
        let hi = scale.last().map_or(1.0, |l| l.value);
        let name_width = (c.width * 0.3).clamp(100.0, 220.0);
        let last = scale.last().map_or(0.0, |l| c.small().width(&l.label));
        Axis {
            scale,
            lo,
            hi: if hi > lo { hi } else { lo + 1.0 },
            left: 12.0 + name_width + 16.0,
            right: c.width - 20.0 - last / 2.0,
            top,
            bottom,
            name_width,
        }
    }

    fn x(&self, value: f64) -> f64 {
        let share = (value.max(self.lo).min(self.hi) - self.lo) / (self.hi - self.lo);
        self.left + share * (self.right - self.left)
    }

    /// Level lines and labels; returns the tooltip bands carrying each level's meaning.
    fn draw(&self, c: &Canvas) -> Result<String, ChartError> {
        let font = c.small().at(Anchor::Middle);
        let gap = self
            .scale
            .windows(2)
            .map(|w| self.x(w[1].value) - self.x(w[0].value))
            .fold(f64::INFINITY, f64::min);
        let widest = self
            .scale
            .iter()
            .map(|l| font.width(&l.label))
            .fold(0.0, f64::max);
        // Labels too wide for their spacing alternate between two lines.
        let stagger = widest + 6.0 > gap;
        let mut bands = String::new();
        for (i, level) in self.scale.iter().enumerate() {
            let x = self.x(level.value);
            c.line(&[(x, self.top - 6.0), (x, self.bottom)], &c.style.grid, 1)?;
            let lift = if stagger && i % 2 == 1 {
                font.size * 1.3
            } else {
                0.0
            };
            c.text(&level.label, (x, self.top - 16.0 - lift), font)?;
            if let Some(meaning) = &level.meaning {
                let (l, r) = self.band(i);
                let tip = format!("{}：{}", level.label, meaning);
                bands.push_str(&tooltip((l, self.top - HEAD + 4.0), (r, self.bottom), &tip));
            }
        }
        c.line(
            &[(self.left, self.top), (self.right, self.top)],
            &c.style.muted,
            1,
        )?;
        Ok(bands)
    }

    /// Left and right edges of level `i`'s band: halfway to its neighbours.
    fn band(&self, i: usize) -> (f64, f64) {
        let x = |j: usize| self.scale.get(j).map(|l| self.x(l.value));
        let here = x(i).unwrap_or(self.left);
        let half = |other: Option<f64>| other.map(|o| (here + o) / 2.0);
        let l = half(i.checked_sub(1).and_then(x)).unwrap_or(here - 16.0);
        let r = half(x(i + 1)).unwrap_or(here + 16.0);
        (l, r)
    }

    /// The facility's name, wrapped to two lines; returns a tooltip with the full name
    /// when it had to be cut.
    fn name(&self, c: &Canvas, row: &LevelRow, y: f64) -> Result<String, ChartError> {
        let font = c.label();
        let lines = text::wrap(&row.name, font.size, self.name_width, 2);
        let first = y + ROW / 2.0 - (lines.len() as f64 - 1.0) * font.size * 0.65;
        for (n, line) in lines.iter().enumerate() {
            c.text(line, (12.0, first + n as f64 * font.size * 1.3), font)?;
        }
        let cut = lines.last().is_some_and(|l| l.ends_with('…')) && !row.name.ends_with('…');
        Ok(if cut {
            tooltip((12.0, y), (12.0 + self.name_width, y + ROW), &row.name)
        } else {
            String::new()
        })
    }

    /// One facility: the current level as a bar, the target as an outlined triangle.
    fn row(&self, c: &Canvas, row: &LevelRow, y: f64) -> Result<(), ChartError> {
        let mid = y + ROW / 2.0 - 6.0;
        if y > self.top {
            c.line(&[(12.0, y), (self.right, y)], &c.style.grid, 1)?;
        }
        match row.current {
            Some(v) => self.current(c, v, mid)?,
            None => c.text("当前：暂无数据", (self.left + 2.0, mid), c.small())?,
        }
        if let Some(target) = row.target {
            let x = self.x(target);
            c.marker(Marker::Triangle, (x, mid + 16.0), 7.0, &c.style.target)?;
            let font = c.small();
            let room = x + 12.0 + font.width(&row.target_label) < c.width - 4.0;
            let (tx, anchor) = if room {
                (x + 12.0, Anchor::Start)
            } else {
                (x - 12.0, Anchor::End)
            };
            let label = if row.target_label.is_empty() {
                format!("目标 {}", level_name(self.scale, target))
            } else {
                row.target_label.clone()
            };
            c.text(&label, (tx, mid + 18.0), font.at(anchor))?;
        }
        Ok(())
    }

    /// The filled bar with its level written at its end (inside it when there is no room).
    fn current(&self, c: &Canvas, value: f64, mid: f64) -> Result<(), ChartError> {
        let end = self.x(value).max(self.left + 3.0);
        c.rect((self.left, mid - 8.0), (end, mid + 8.0), &c.style.actual)?;
        let mut label = format!("当前 {}", level_name(self.scale, value));
        if value > self.hi || value < self.lo {
            label.push_str("（超出刻度）");
        }
        let font = c.small();
        if end + 8.0 + font.width(&label) < c.width - 4.0 {
            c.text(&label, (end + 8.0, mid), font)
        } else {
            let inside = super::draw::Font {
                color: WHITE,
                ..font
            };
            c.text(&label, (end - 6.0, mid), inside.at(Anchor::End))
        }
    }
}

/// The figures in words, with values beyond the scale called out.
fn describe(input: &LevelInput, scale: &[&ScaleLevel]) -> String {
    let (lo, hi) = match (scale.first(), scale.last()) {
        (Some(a), Some(b)) => (a, b),
        _ => return "暂无数据。".to_string(),
    };
    let head = format!("刻度从{}到{}", lo.label, hi.label);
    if input.rows.is_empty() {
        return format!("{head}；暂无数据。");
    }
    let rows: Vec<String> = input
        .rows
        .iter()
        .map(|r| describe_row(r, scale, lo.value, hi.value))
        .collect();
    format!("{head}。{}。", rows.join("；"))
}

fn describe_row(row: &LevelRow, scale: &[&ScaleLevel], lo: f64, hi: f64) -> String {
    let mut parts = vec![match row.current {
        Some(v) => format!("当前{}", level_name(scale, v)),
        None => "当前等级暂无数据".to_string(),
    }];
    match (row.target, row.target_label.is_empty()) {
        (Some(_), false) => parts.push(row.target_label.clone()),
        (Some(t), true) => parts.push(format!("目标{}", level_name(scale, t))),
        (None, _) => {}
    }
    for v in row.current.iter().chain(&row.target) {
        if *v > hi || *v < lo {
            let end = if *v > hi {
                level_name(scale, hi)
            } else {
                level_name(scale, lo)
            };
            parts.push(format!("{}超出刻度范围，图中按{end}绘制", number(*v)));
        }
    }
    format!("{}：{}", row.name, parts.join("，"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> LevelInput {
        let level = |v: u8| ScaleLevel {
            value: f64::from(v),
            label: format!("{v}级"),
            meaning: Some(format!("第{v}级：全院信息共享<&>")),
        };
        let row = |name: &str, current: Option<f64>, target: f64| LevelRow {
            name: name.into(),
            current,
            target: Some(target),
            target_label: format!("目标 {target}级"),
        };
        LevelInput {
            id: "svg-levels-emr".into(),
            title: "电子病历系统应用水平分级".into(),
            scale: (0..=8).rev().map(level).collect(),
            rows: vec![
                row("区人民医院", Some(3.0), 4.0),
                row(
                    "某某市某某区第二人民医院（迁址新建项目）暨区域医疗次中心",
                    None,
                    4.0,
                ),
                row("区中医医院", Some(11.0), 5.0),
            ],
        }
    }

    fn draw(input: &LevelInput) -> Chart {
        match levels(input, &ChartStyle::default()) {
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
            .contains("<title id=\"svg-levels-emr-title\">电子病历系统应用水平分级</title>"));
        assert!(chart
            .svg
            .contains("<desc id=\"svg-levels-emr-desc\">刻度从0级到8级。"));
    }

    #[test]
    fn shows_levels_names_targets_and_meanings() {
        let svg = draw(&input()).svg;
        for needle in [
            "8级",
            "区人民医院",
            "目标 4级",
            "当前 3级",
            "当前：暂无数据",
            "<title>4级：第4级：全院信息共享&lt;&amp;&gt;</title>",
        ] {
            assert!(svg.contains(needle), "{needle}");
        }
        // The long name is wrapped and cut, its full text kept as a tooltip.
        assert!(
            svg.contains("<title>某某市某某区第二人民医院（迁址新建项目）暨区域医疗次中心</title>")
        );
    }

    #[test]
    fn values_beyond_the_scale_are_clamped_and_said() {
        let chart = draw(&input());
        assert!(chart.svg.contains("当前 11（超出刻度）"));
        assert!(
            chart
                .description
                .contains("区中医医院：当前11，目标 5级，11超出刻度范围，图中按8级绘制"),
            "{}",
            chart.description
        );
    }

    #[test]
    fn no_rows_no_scale_and_bad_numbers() {
        let mut empty = input();
        empty.rows.clear();
        let chart = draw(&empty);
        assert!(chart.svg.contains("暂无数据") && chart.description.ends_with("暂无数据。"));
        empty.scale.clear();
        assert!(levels(&empty, &ChartStyle::default()).is_err());
        let mut bad = input();
        bad.rows[0].target = Some(f64::NAN);
        assert!(levels(&bad, &ChartStyle::default()).is_err());
    }

    #[test]
    fn hostile_names_are_escaped() {
        let mut evil = input();
        evil.rows[0].name = "<script>x</script>".into();
        evil.scale[0].meaning = Some("\"onload=alert(1)".into());
        let svg = draw(&evil).svg;
        assert!(!svg.contains("<script") && !svg.contains("\"onload"));
    }
}
