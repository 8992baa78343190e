//! Temporary stand-in for the chart module while it is being written.
#![allow(missing_docs, dead_code)]
use std::fmt;
#[derive(Debug, Clone, Default)]
pub struct ChartStyle;
pub struct Chart {
    pub svg: String,
    pub title: String,
    pub description: String,
}
#[derive(Debug)]
pub struct ChartError(pub String);
impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for ChartError {}
pub struct Point {
    pub x: f64,
    pub x_label: String,
    pub y: f64,
    pub y_label: String,
}
pub struct TrajectoryInput {
    pub id: String,
    pub title: String,
    pub unit: String,
    pub baseline: Option<Point>,
    pub actuals: Vec<Point>,
    pub target: Option<Point>,
    pub as_of: Option<f64>,
}
pub struct ScaleLevel {
    pub value: f64,
    pub label: String,
    pub meaning: Option<String>,
}
pub struct LevelRow {
    pub name: String,
    pub current: Option<f64>,
    pub target: Option<f64>,
    pub target_label: String,
}
pub struct LevelInput {
    pub id: String,
    pub title: String,
    pub scale: Vec<ScaleLevel>,
    pub rows: Vec<LevelRow>,
}
pub struct BudgetBar {
    pub label: String,
    pub amount: f64,
    pub approximate: bool,
}
pub struct BudgetInput {
    pub id: String,
    pub title: String,
    pub lines: Vec<BudgetBar>,
}
pub enum RowKind {
    Phase,
    Milestone,
}
pub struct TimelineRow {
    pub group: String,
    pub label: String,
    pub start: f64,
    pub end: f64,
    pub start_label: String,
    pub end_label: String,
    pub kind: RowKind,
}
pub struct TimelineInput {
    pub id: String,
    pub title: String,
    pub rows: Vec<TimelineRow>,
    pub as_of: Option<(f64, String)>,
}
fn stub(id: &str, title: &str) -> Result<Chart, ChartError> {
    Ok(Chart {
        svg: format!(
            "<svg role=\"img\" id=\"{id}\"><title>{}</title></svg>",
            title.replace('&', "&amp;").replace('<', "&lt;")
        ),
        title: title.to_string(),
        description: String::new(),
    })
}
pub fn trajectory(i: &TrajectoryInput, _: &ChartStyle) -> Result<Chart, ChartError> {
    stub(&i.id, &i.title)
}
pub fn levels(i: &LevelInput, _: &ChartStyle) -> Result<Chart, ChartError> {
    stub(&i.id, &i.title)
}
pub fn budget(i: &BudgetInput, _: &ChartStyle) -> Result<Chart, ChartError> {
    stub(&i.id, &i.title)
}
pub fn timeline(i: &TimelineInput, _: &ChartStyle) -> Result<Chart, ChartError> {
    stub(&i.id, &i.title)
}
