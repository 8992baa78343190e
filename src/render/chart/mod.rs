//! Charts as accessible, self-contained SVG, drawn with plotters: one file per chart kind.
//!
//! Inputs are plain data (no domain types), so each chart kind can be tested and reused on
//! its own. Output is byte-identical across runs and machines: text is measured with a
//! bundled metrics font (never the system's), and nothing depends on clocks or hash order.
//! Every chart carries `role="img"`, a `<title>` and a `<desc>` stating its figures in words.

mod backend;
mod budget;
mod comparison;
mod draw;
mod level;
mod sparkline;
mod status;
pub mod style;
pub mod svg;
mod text;
mod timeline;
mod trajectory;

pub use budget::budget;
pub use comparison::{comparison, ComparisonInput, ComparisonRow};
pub use level::levels;
pub use sparkline::sparkline;
pub use status::{status_overview, StatusCount, StatusInput};
pub use style::{ChartStyle, FONT_FAMILY};
pub use timeline::timeline;
pub use trajectory::trajectory;

use std::fmt;

// Layout clamps between computed bounds with `max(..).min(..)`, never `f64::clamp`, which
// panics when a narrow style or a very long label makes the lower bound exceed the upper.

/// A drawn chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// The SVG, ready to inline in HTML (a standalone file needs only an XML declaration).
    pub svg: String,
    /// The chart's title, unescaped.
    pub title: String,
    /// The figures in words, unescaped; also the SVG's `<desc>`.
    pub description: String,
    /// Width and height in px.
    pub size: (u32, u32),
}

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChartError {
    /// The input cannot be charted honestly (a negative budget, a non-finite number, …).
    InvalidInput(String),
    /// plotters failed to draw.
    Drawing(String),
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::InvalidInput(why) => write!(
                f,
                "{}{why}",
                crate::i18n::t("图表数据无效：", "invalid chart input: ")
            ),
            // plotters' own reason is technical and English; it is passed on as it is.
            ChartError::Drawing(why) => write!(
                f,
                "{}{why}",
                crate::i18n::t("图表绘制失败：", "chart drawing failed: ")
            ),
        }
    }
}

impl std::error::Error for ChartError {}

/// A value at a point in time.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Decimal year: 2025.997 is the end of 2025.
    pub x: f64,
    /// The date as readers see it, e.g. 2025年底.
    pub x_label: String,
    /// The value.
    pub y: f64,
    /// The value as readers see it, e.g. 3.5 张/千人.
    pub y_label: String,
}

/// Input of [`trajectory`]: a numeric indicator over time.
#[derive(Debug, Clone, PartialEq)]
pub struct TrajectoryInput {
    /// Unique id on the page; the SVG's ids derive from it.
    pub id: String,
    /// Title.
    pub title: String,
    /// Unit, e.g. 张/千人 or %.
    pub unit: String,
    /// Baseline, if stated.
    pub baseline: Option<Point>,
    /// Reported figures, oldest first.
    pub actuals: Vec<Point>,
    /// The target at its deadline.
    pub target: Option<Point>,
    /// The as-of date of the data, as a decimal year.
    pub as_of: Option<f64>,
}

/// One level of an ordered scale.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleLevel {
    /// Position on the scale.
    pub value: f64,
    /// Label, e.g. 4级.
    pub label: String,
    /// What the level means; shown as a tooltip.
    pub meaning: Option<String>,
}

/// One facility (or the whole region) on a level chart.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelRow {
    /// Facility name; long names are wrapped.
    pub name: String,
    /// Current level, if reported.
    pub current: Option<f64>,
    /// Target level.
    pub target: Option<f64>,
    /// The target as written beside its marker, e.g. 目标 4级.
    pub target_label: String,
}

/// Input of [`levels`]: current and target levels per facility on an ordered scale.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelInput {
    /// Unique id on the page; the SVG's ids derive from it.
    pub id: String,
    /// Title.
    pub title: String,
    /// The scale, in any order; it is drawn lowest first.
    pub scale: Vec<ScaleLevel>,
    /// One row per facility, in display order.
    pub rows: Vec<LevelRow>,
}

/// One budget line.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetBar {
    /// What the money is for.
    pub label: String,
    /// Amount in 万元; must not be negative.
    pub amount: f64,
    /// Whether the source says 约 (about).
    pub approximate: bool,
}

/// Input of [`budget`]: budget lines in 万元.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetInput {
    /// Unique id on the page; the SVG's ids derive from it.
    pub id: String,
    /// Title.
    pub title: String,
    /// The lines, in display order.
    pub lines: Vec<BudgetBar>,
}

/// Whether a timeline row is a phase or a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A phase: a solid bar.
    Phase,
    /// A milestone: a hatched outlined bar (its window) ending in a diamond (its due date).
    Milestone,
}

/// One row of a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    /// Group heading the row sits under; consecutive rows of one group share a heading.
    pub group: String,
    /// What happens.
    pub label: String,
    /// Start as a decimal year.
    pub start: f64,
    /// End as a decimal year.
    pub end: f64,
    /// Start as readers see it.
    pub start_label: String,
    /// End as readers see it.
    pub end_label: String,
    /// Phase or milestone.
    pub kind: RowKind,
}

/// Input of [`timeline`]: phases and milestones.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineInput {
    /// Unique id on the page; the SVG's ids derive from it.
    pub id: String,
    /// Title.
    pub title: String,
    /// Rows in display order.
    pub rows: Vec<TimelineRow>,
    /// The as-of date (decimal year) and its label, e.g. 数据截至 2026年11月1日.
    pub as_of: Option<(f64, String)>,
}

/// Refuses NaN and infinities, which would silently draw nonsense.
fn finite(what: &str, value: f64) -> Result<f64, ChartError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(ChartError::InvalidInput(crate::i18n::t(
            format!("{what}不是有限的数"),
            format!("{what} is not a finite number"),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_as_sentences() {
        let e = ChartError::InvalidInput("预算为负".into());
        assert_eq!(e.to_string(), "图表数据无效：预算为负");
        assert!(finite("x", f64::NAN).is_err());
        assert_eq!(finite("x", 1.5), Ok(1.5));
    }

    /// One chart of each kind, sharing a page: ids must differ and nothing may point
    /// outside the SVG.
    #[test]
    fn every_kind_is_self_contained_with_unique_ids() {
        let style = ChartStyle::default();
        let point = |x: f64, y: f64| Point {
            x,
            x_label: format!("{x}年"),
            y,
            y_label: format!("{y}%"),
        };
        let charts = [
            trajectory(
                &TrajectoryInput {
                    id: "a".into(),
                    title: "就诊率".into(),
                    unit: "%".into(),
                    baseline: Some(point(2023.0, 80.0)),
                    actuals: vec![],
                    target: Some(point(2025.0, 90.0)),
                    as_of: None,
                },
                &style,
            ),
            levels(
                &LevelInput {
                    id: "b".into(),
                    title: "等级".into(),
                    scale: vec![ScaleLevel {
                        value: 1.0,
                        label: "1级".into(),
                        meaning: None,
                    }],
                    rows: vec![],
                },
                &style,
            ),
            budget(
                &BudgetInput {
                    id: "c".into(),
                    title: "资金".into(),
                    lines: vec![],
                },
                &style,
            ),
            timeline(
                &TimelineInput {
                    id: "d".into(),
                    title: "进度".into(),
                    rows: vec![],
                    as_of: None,
                },
                &style,
            ),
        ];
        for (chart, id) in charts.iter().zip(["a", "b", "c", "d"]) {
            let Ok(chart) = chart else {
                panic!("{id}: {chart:?}");
            };
            let svg = &chart.svg;
            assert!(svg.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")));
            for banned in [
                "href",
                "url(",
                "<script",
                "@import",
                "<image",
                "<foreignObject",
            ] {
                assert!(!svg.contains(banned), "{id}: {banned}");
            }
        }
    }

    /// Narrow widths and long labels squeeze the layout; they must never panic.
    #[test]
    fn tiny_widths_and_long_labels_do_not_panic() {
        let long = "很长的标签".repeat(60);
        for width in [0, 1, 50, 200] {
            let style = ChartStyle {
                width,
                height: 0,
                ..ChartStyle::default()
            };
            let row = TimelineRow {
                group: long.clone(),
                label: long.clone(),
                start: 2024.0,
                end: 2025.0,
                start_label: long.clone(),
                end_label: long.clone(),
                kind: RowKind::Milestone,
            };
            let input = TimelineInput {
                id: long.clone(),
                title: long.clone(),
                rows: vec![row],
                as_of: Some((2024.5, long.clone())),
            };
            assert!(timeline(&input, &style).is_ok());
            let bar = BudgetBar {
                label: long.clone(),
                amount: 1e9,
                approximate: true,
            };
            let input = BudgetInput {
                id: "b".into(),
                title: long.clone(),
                lines: vec![bar],
            };
            assert!(budget(&input, &style).is_ok());
            let level = ScaleLevel {
                value: 1.0,
                label: long.clone(),
                meaning: Some(long.clone()),
            };
            let row = LevelRow {
                name: long.clone(),
                current: Some(1.0),
                target: Some(1.0),
                target_label: long.clone(),
            };
            let input = LevelInput {
                id: "l".into(),
                title: long.clone(),
                scale: vec![level],
                rows: vec![row],
            };
            assert!(levels(&input, &style).is_ok());
            let point = Point {
                x: 2024.0,
                x_label: long.clone(),
                y: 1.0,
                y_label: long.clone(),
            };
            let input = TrajectoryInput {
                id: "t".into(),
                title: long.clone(),
                unit: long.clone(),
                baseline: Some(point.clone()),
                actuals: vec![point.clone()],
                target: Some(point),
                as_of: Some(2024.0),
            };
            assert!(trajectory(&input, &style).is_ok());
        }
    }
}
