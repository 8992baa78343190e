//! Colours, fonts and sizes of every chart, in one place a theme can change.
//!
//! The default palette is Okabe–Ito (distinguishable with every common colour-vision
//! deficiency), keeping only the hues that reach WCAG 2.1's 3:1 against white for graphics;
//! its orange and sky blue do not, so they are left out. Text is drawn in the `text` and
//! `muted` greys, which reach 7:1 (or in white inside an `actual` bar, 5.2:1); series also
//! differ by marker shape, dash or hatching, never by colour alone.

pub use plotters::style::RGBColor;

/// The CSS font stack written into every `<text>`: browsers draw with the reader's own CJK
/// font, while layout is measured with the bundled Noto Sans SC metrics.
pub const FONT_FAMILY: &str =
    "Noto Sans SC, PingFang SC, Microsoft YaHei, Source Han Sans SC, sans-serif";

/// How charts look.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartStyle {
    /// Chart width in SVG units; the SVG scales down to the page width.
    pub width: u32,
    /// Height of a trajectory chart; the other kinds grow with their rows.
    pub height: u32,
    /// CSS font stack written into the SVG.
    pub font_family: String,
    /// Title size in px.
    pub title_size: f64,
    /// Label size in px.
    pub label_size: f64,
    /// Axis and note size in px.
    pub small_size: f64,
    /// Whether to draw the title inside the SVG (useful when the file is shared alone).
    pub show_title: bool,
    /// Body text (17:1 on white).
    pub text: RGBColor,
    /// Axis labels, notes and axes (7:1 on white).
    pub muted: RGBColor,
    /// Grid lines (decorative).
    pub grid: RGBColor,
    /// Reported figures and budget bars (Okabe–Ito blue).
    pub actual: RGBColor,
    /// Targets and milestones (Okabe–Ito vermillion).
    pub target: RGBColor,
    /// Baselines and the planned straight path.
    pub baseline: RGBColor,
    /// The as-of line (Okabe–Ito reddish purple).
    pub as_of: RGBColor,
    /// Phase bars (Okabe–Ito bluish green).
    pub phase: RGBColor,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            width: 640,
            height: 360,
            font_family: FONT_FAMILY.to_string(),
            title_size: 18.0,
            label_size: 15.0,
            small_size: 13.0,
            show_title: true,
            text: RGBColor(0x1a, 0x1a, 0x1a),
            muted: RGBColor(0x59, 0x59, 0x59),
            grid: RGBColor(0xd0, 0xd0, 0xd0),
            actual: RGBColor(0x00, 0x72, 0xb2),
            target: RGBColor(0xd5, 0x5e, 0x00),
            baseline: RGBColor(0x59, 0x59, 0x59),
            as_of: RGBColor(0xcc, 0x79, 0xa7),
            phase: RGBColor(0x00, 0x9e, 0x73),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2.1 contrast ratio against white.
    fn contrast(c: &RGBColor) -> f64 {
        let channel = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.03928 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        let l = 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2);
        1.05 / (l + 0.05)
    }

    #[test]
    fn palette_meets_wcag_contrast_on_white() {
        let s = ChartStyle::default();
        for text in [&s.text, &s.muted] {
            assert!(contrast(text) >= 7.0, "{text:?}");
        }
        for mark in [&s.actual, &s.target, &s.baseline, &s.as_of, &s.phase] {
            assert!(contrast(mark) >= 3.0, "{mark:?}");
        }
    }
}
