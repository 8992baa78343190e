//! Measuring, fitting and formatting chart text without system fonts, so layout is the same
//! on every machine.
//!
//! Widths come from the Noto Sans SC metrics subset registered with plotters: ASCII and
//! punctuation from their real advances, every CJK ideograph one em (the subset maps them to
//! `.notdef`, which is one em wide like every ideograph in Noto Sans CJK).

use super::style::FONT_FAMILY;
use plotters::style::{FontDesc, FontStyle, IntoFont};
use std::fmt::Write;
use std::sync::Once;

const METRICS: &[u8] = include_bytes!("../../../themes/default/fonts/NotoSansSC-metrics.otf");

/// Registers the metrics font under [`FONT_FAMILY`], once per process.
fn register() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // A font that fails to parse leaves `width` on its per-character estimate: charts are
        // still drawn, only less tightly laid out.
        let _ = plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, METRICS);
    });
}

/// Width in px of `text` drawn at `size` px.
///
/// Always measured with the bundled metrics, whatever family the style writes into the SVG.
/// ab_glyph scales fonts by line height rather than by em, so the raw measure is calibrated
/// against one ideograph, which is exactly one em; measuring at 1000 px keeps the integer
/// rounding of plotters' box sizes below 0.1%.
pub fn width(text: &str, size: f64) -> f64 {
    match (measured(text), em()) {
        (Some(w), Some(em)) if em > 0 => f64::from(w) / f64::from(em) * size,
        _ => text.chars().map(estimate).sum::<f64>() * size,
    }
}

/// Width of one ideograph at 1000 px as plotters measures it: one em. Measured once per
/// process rather than looked up again for every text measured.
fn em() -> Option<u32> {
    static EM: std::sync::OnceLock<Option<u32>> = std::sync::OnceLock::new();
    *EM.get_or_init(|| measured("国"))
}

/// Width of `text` at 1000 px as plotters measures it, remembered per thread: charts
/// measure the same axis labels and legends over and over, and laying out glyphs is the
/// costly part of drawing a chart.
fn measured(text: &str) -> Option<u32> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static CACHE: RefCell<HashMap<String, Option<u32>, crate::render::fast_hash::FastHash>> =
            RefCell::new(HashMap::default());
        // Made once per thread: a font description looks the font up in plotters'
        // registry and copies its parsed tables.
        static FONT: FontDesc<'static> = {
            register();
            (FONT_FAMILY, 1000.0).into_font()
        };
    }
    if let Some(known) = CACHE.with(|c| c.borrow().get(text).copied()) {
        return known;
    }
    let width = FONT.with(|font| font.box_size(text).ok().map(|(w, _)| w));
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        // Long-running processes (serve) draw unbounded label sets: start afresh sometimes.
        if cache.len() > 50_000 {
            cache.clear();
        }
        cache.insert(text.to_string(), width);
    });
    width
}

/// Fallback width of one character in em.
fn estimate(c: char) -> f64 {
    if c.is_ascii() {
        0.55
    } else {
        1.0
    }
}

/// `text` cut to fit `max` px, ending in an ellipsis when cut.
pub fn fit(text: &str, size: f64, max: f64) -> String {
    if width(text, size) <= max {
        return text.to_string();
    }
    let mut kept = String::new();
    for c in text.chars() {
        kept.push(c);
        if width(&format!("{kept}…"), size) > max {
            kept.pop();
            break;
        }
    }
    format!("{}…", kept.trim_end())
}

/// Splits `text` into at most `lines` lines of at most `max` px, the last cut with an
/// ellipsis if text remains. Chinese has no spaces, so lines break between any characters.
pub fn wrap(text: &str, size: f64, max: f64, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest: Vec<char> = text.trim().chars().collect();
    while !rest.is_empty() && out.len() + 1 < lines.max(1) {
        let mut take = fitting_prefix(&rest, size, max);
        // Break at the last space that fits (between a place and a facility, say) rather
        // than leave one character on the next line.
        if take < rest.len() {
            if let Some(space) = rest[..take].iter().rposition(|c| c.is_whitespace()) {
                if space > 0 {
                    take = space;
                }
            }
        }
        out.push(rest.drain(..take).collect::<String>().trim().to_string());
        while rest.first().is_some_and(|c| c.is_whitespace()) {
            rest.remove(0);
        }
    }
    if !rest.is_empty() {
        out.push(fit(&rest.iter().collect::<String>(), size, max));
    }
    out
}

/// How many leading characters fit in `max` px (at least one, so wrapping always advances).
fn fitting_prefix(chars: &[char], size: f64, max: f64) -> usize {
    let mut line = String::new();
    for (i, c) in chars.iter().enumerate() {
        line.push(*c);
        if width(&line, size) > max {
            return i.max(1);
        }
    }
    chars.len()
}

/// A number as Chinese government pages write it: thousands grouped, at most two decimals,
/// no trailing zeros: 1840 → "1,840", 3.50 → "3.5".
pub fn number(value: f64) -> String {
    let cents = (value.abs() * 100.0).round();
    let whole = (cents / 100.0).trunc();
    let fraction = cents - whole * 100.0;
    let mut out = String::new();
    if value < 0.0 && cents > 0.0 {
        out.push('-');
    }
    out.push_str(&grouped(whole));
    // Beyond 15 digits f64 has no cents to show.
    if fraction > 0.0 && cents < 1e17 {
        let _ = write!(out, ".{:02}", fraction as u32);
        while out.ends_with('0') {
            out.pop();
        }
    }
    out
}

/// The integer part with commas every three digits.
fn grouped(whole: f64) -> String {
    let digits = format!("{whole:.0}");
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Money in 万元, with 约 when the source gives an approximate figure: "约 1,840 万元".
pub fn wan_yuan(amount: f64, approximate: bool) -> String {
    let about = if approximate { "约 " } else { "" };
    format!("{about}{} 万元", number(amount))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_measures_one_em_per_character() {
        assert!((width("区人民医院", 20.0) - 100.0).abs() < 0.5);
        let latin = width("2025", 20.0);
        assert!(latin > 30.0 && latin < 60.0, "{latin}");
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        let cut = fit("人才队伍建设、专科设备购置等投入经费预算", 14.0, 100.0);
        assert!(cut.ends_with('…') && width(&cut, 14.0) <= 100.0, "{cut}");
        assert_eq!(fit("短", 14.0, 100.0), "短");
        let lines = wrap(
            "机房设备及网络改造、更新基础业务系统及临床信息系统",
            14.0,
            120.0,
            2,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…') && width(&lines[0], 14.0) <= 120.0);
        assert_eq!(wrap("区人民医院", 14.0, 120.0, 2), vec!["区人民医院"]);
        assert!(wrap("", 14.0, 120.0, 2).is_empty());
    }

    #[test]
    fn wrapping_always_advances_even_when_nothing_fits() {
        let lines = wrap("很长的名字", 14.0, 1.0, 3);
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn numbers_are_grouped_and_trimmed() {
        assert_eq!(number(1840.0), "1,840");
        assert_eq!(number(1234567.891), "1,234,567.89");
        assert_eq!(number(3.5), "3.5");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-2.25), "-2.25");
        assert_eq!(number(-0.001), "0");
        assert_eq!(wan_yuan(1840.0, true), "约 1,840 万元");
        assert_eq!(wan_yuan(850.5, false), "850.5 万元");
    }
}
