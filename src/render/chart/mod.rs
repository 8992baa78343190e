//! Charts as accessible SVG, drawn with plotters: one file per chart kind.
//!
//! Inputs are plain data (no domain types), so a chart kind can be tested and reused on its
//! own; [`crate::render::charts`] turns programmes into these inputs. Output is
//! byte-identical across runs and machines: no system fonts, no clocks, no hash ordering.

mod budget;
mod draw;
mod level;
pub mod style;
pub mod svg;
pub mod text;
mod timeline;
mod trajectory;

pub use budget::budget;
pub use level::levels;
pub use style::ChartStyle;
pub use timeline::timeline;
pub use trajectory::trajectory;

use std::fmt;

/// A drawn chart.
#[derive(Debug, Clone)]
pub struct Chart {
    /// The SVG, ready to inline or save.
    pub svg: String,
    /// Its title.
    pub title: String,
    /// Its figures in words (also the SVG's `<desc>`).
    pub description: String,
}

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartError(pub String);

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ChartError {}

/// A point in time with a value: x is a decimal year (2025.5 is mid-2025).
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Decimal year.
    pub x: f64,
    /// The date as readers see it, e.g. 2025年底.
    pub x_label: String,
    /// The value.
    pub y: f64,
    /// The value as readers see it, e.g. 3.5 张/千人.
    pub y_label: String,
}

/// Input of [`trajectory`]: a numeric indicator over time.
#[derive(Debug, Clone)]
pub struct TrajectoryInput {
    /// Unique id on the page (used for SVG ids).
    pub id: String,
    /// Title.
    pub title: String,
    /// Unit, e.g. 张/千人.
    pub unit: String,
    /// Baseline, if stated.
    pub baseline: Option<Point>,
    /// Reported figures, oldest first.
    pub actuals: Vec<Point>,
    /// The target at its deadline.
    pub target: Option<Point>,
    /// The as-of date as a decimal year.
    pub as_of: Option<f64>,
}

/// One level of an ordered scale.
#[derive(Debug, Clone)]
pub struct ScaleLevel {
    /// Position on the scale.
    pub value: f64,
    /// Label, e.g. 4级.
    pub label: String,
    /// What the level means.
    pub meaning: Option<String>,
}

/// One facility (or the region) on a level chart.
#[derive(Debug, Clone)]
pub struct LevelRow {
    /// Facility name.
    pub name: String,
    /// Current level, if reported.
    pub current: Option<f64>,
    /// Target level.
    pub target: Option<f64>,
    /// Target as written, e.g. 目标 4级.
    pub target_label: String,
}

/// Input of [`levels`]: current and target levels per facility on an ordered scale.
#[derive(Debug, Clone)]
pub struct LevelInput {
    /// Unique id on the page.
    pub id: String,
    /// Title.
    pub title: String,
    /// The scale, lowest first.
    pub scale: Vec<ScaleLevel>,
    /// One row per facility.
    pub rows: Vec<LevelRow>,
}

/// One budget line.
#[derive(Debug, Clone)]
pub struct BudgetBar {
    /// What it is for.
    pub label: String,
    /// Amount in 万元 (must not be negative).
    pub amount: f64,
    /// Whether the source says 约.
    pub approximate: bool,
}

/// Input of [`budget`]: budget lines in 万元.
#[derive(Debug, Clone)]
pub struct BudgetInput {
    /// Unique id on the page.
    pub id: String,
    /// Title.
    pub title: String,
    /// The lines.
    pub lines: Vec<BudgetBar>,
}

/// Whether a timeline row is a phase or a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A phase: drawn as a solid bar.
    Phase,
    /// A milestone window: drawn as an outlined bar ending in a diamond.
    Milestone,
}

/// One row of a timeline.
#[derive(Debug, Clone)]
pub struct TimelineRow {
    /// Group the row belongs to.
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
#[derive(Debug, Clone)]
pub struct TimelineInput {
    /// Unique id on the page.
    pub id: String,
    /// Title.
    pub title: String,
    /// Rows in display order.
    pub rows: Vec<TimelineRow>,
    /// The as-of date (decimal year) and its label.
    pub as_of: Option<(f64, String)>,
}
