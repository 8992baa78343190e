//! Measuring and fitting chart text without system fonts, so layout is the same everywhere.
//!
//! Widths come from the Noto Sans SC metrics subset registered with plotters: ASCII from its
//! real advances, and every CJK ideograph one em (the subset's `.notdef`, which is what
//! ideographs outside it map to, is one em wide, as all CJK ideographs are in Noto Sans CJK).

use plotters::style::{FontStyle, IntoFont};
use std::sync::Once;

const METRICS: &[u8] = include_bytes!("../../../themes/default/fonts/NotoSansSC-metrics.otf");

/// Registers the metrics font under the CSS stack's name, once per process.
pub fn register_font(family: &str) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // A font that fails to load leaves plotters measuring with its built-in estimate;
        // the chart is still drawn, only less tightly laid out.
        let _ = plotters::style::register_font(family, FontStyle::Normal, METRICS);
        let _ = plotters::style::register_font(family, FontStyle::Bold, METRICS);
    });
}

/// Width of `text` in px when drawn at a font size of `size` px.
///
/// ab_glyph scales fonts by line height, not by em, so the raw measure is calibrated against
/// one CJK ideograph, which is exactly one em wide.
pub fn width(text: &str, size: f64, family: &str) -> f64 {
    register_font(family);
    let font = (family, 100.0).into_font();
    match (font.box_size(text), font.box_size("国")) {
        (Ok((w, _)), Ok((em, _))) if em > 0 => f64::from(w) / f64::from(em) * size,
        _ => {
            text.chars()
                .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
                .sum::<f64>()
                * size
        }
    }
}

/// `text` cut to fit `max` px, ending in an ellipsis when cut.
pub fn fit(text: &str, size: f64, family: &str, max: f64) -> String {
    if width(text, size, family) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        let candidate = format!("{out}{c}…");
        if width(&candidate, size, family) > max {
            break;
        }
        out.push(c);
    }
    format!("{out}…")
}

/// Splits `text` into at most `lines` lines of at most `max` px each (the last one cut).
pub fn wrap(text: &str, size: f64, family: &str, max: f64, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        let candidate = format!("{current}{c}");
        if width(&candidate, size, family) > max && !current.is_empty() {
            out.push(std::mem::take(&mut current));
            if out.len() == lines {
                break;
            }
        }
        current.push(c);
    }
    if out.len() < lines && !current.is_empty() {
        out.push(current);
    } else if out.len() == lines {
        let rest: String = text
            .chars()
            .skip(out.iter().map(|l| l.chars().count()).sum())
            .collect();
        if !rest.is_empty() {
            let last = out.pop().unwrap_or_default();
            out.push(fit(&format!("{last}{rest}"), size, family, max));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::chart::style::FONT_FAMILY;

    #[test]
    fn chinese_is_one_em_per_character() {
        let w = width("区人民医院", 20.0, FONT_FAMILY);
        assert!((w - 100.0).abs() < 6.0, "{w}");
        assert!(width("ab", 20.0, FONT_FAMILY) < width("医院", 20.0, FONT_FAMILY));
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        let cut = fit(
            "人才队伍建设、专科设备购置等投入经费预算",
            14.0,
            FONT_FAMILY,
            100.0,
        );
        assert!(
            cut.ends_with('…') && width(&cut, 14.0, FONT_FAMILY) <= 100.0,
            "{cut}"
        );
        let lines = wrap(
            "机房设备及网络改造、更新基础业务系统及临床信息系统",
            14.0,
            FONT_FAMILY,
            120.0,
            2,
        );
        assert_eq!(lines.len(), 2);
    }
}
