//! Colours, fonts and sizes of charts, in one place a theme can change.

use plotters::style::RGBColor;

/// The CSS font stack written into every `<text>`; browsers pick the reader's own CJK font.
pub const FONT_FAMILY: &str =
    "Noto Sans SC, PingFang SC, Microsoft YaHei, Source Han Sans SC, sans-serif";

/// How charts look.
#[derive(Debug, Clone)]
pub struct ChartStyle {
    /// Chart width in SVG units (it scales down to the page width).
    pub width: u32,
    /// Body text colour (≥ 7:1 on white).
    pub text: RGBColor,
    /// Secondary text and axes (≥ 4.5:1 on white).
    pub muted: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Reported figures (Okabe–Ito blue, colour-blind safe, 5.6:1 on white).
    pub actual: RGBColor,
    /// Targets (Okabe–Ito vermillion, darkened to 4.6:1 on white).
    pub target: RGBColor,
    /// Baselines and planned paths.
    pub baseline: RGBColor,
    /// The as-of marker.
    pub as_of: RGBColor,
    /// Phase bars (Okabe–Ito bluish green, darkened).
    pub phase: RGBColor,
    /// Font stack.
    pub font_family: &'static str,
    /// Title size in px.
    pub title_size: f64,
    /// Label size in px.
    pub label_size: f64,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            width: 720,
            text: RGBColor(0x1a, 0x1a, 0x1a),
            muted: RGBColor(0x55, 0x55, 0x55),
            grid: RGBColor(0xd6, 0xd6, 0xd6),
            actual: RGBColor(0x00, 0x5a, 0x9c),
            target: RGBColor(0xb3, 0x46, 0x00),
            baseline: RGBColor(0x55, 0x55, 0x55),
            as_of: RGBColor(0x6a, 0x3d, 0x9a),
            phase: RGBColor(0x00, 0x6e, 0x52),
            font_family: FONT_FAMILY,
            title_size: 17.0,
            label_size: 14.0,
        }
    }
}
