//! Script: telling Traditional from Simplified, and folding text for matching.
//!
//! Sources stay in the script they were written in. To match keywords (床位, 醫院 …) and
//! punctuation the same way in both, the extractors work on a *folded* copy of each text:
//! Traditional characters mapped to Simplified and full-width ASCII mapped to ASCII, one
//! character for one character, so a position in the folded copy is the same position
//! in the original.

use crate::model::Script;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Traditional forms that Simplified text uses too (於, 後 …): not evidence of script.
const SHARED: &str = "乾吒夥後徵捱摺於榘甯菸薹醣麴麽";

pub use crate::zh::simplify_char;
use crate::zh::table;

/// Folds one character for matching: Simplified form, ASCII for full-width forms,
/// a plain space for every kind of space.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\t' => ' ',
        '\u{2014}' | '\u{2013}' | '\u{2015}' | '\u{2212}' | '\u{FE63}' | '〜' => '-',
        _ => simplify_char(c),
    }
}

/// Folds a text character by character (same number of characters as the input).
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Converts Traditional characters to Simplified, leaving everything else as it is.
pub fn simplify(text: &str) -> String {
    text.chars().map(simplify_char).collect()
}

/// Whether a character is a Traditional-only form.
pub fn is_traditional_only(c: char) -> bool {
    table().contains_key(&c) && !SHARED.contains(c)
}

/// Whether a character is a CJK ideograph (or the lost-character mark □).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}' | '□')
}

/// The script of a text and the share of its convertible characters that are
/// Traditional-only forms (0–1).
pub fn detect(text: &str) -> (Script, f64) {
    let mut traditional = 0usize;
    let mut simplified = 0usize;
    let simplified_forms = simplified_forms();
    for c in text.chars() {
        if is_traditional_only(c) {
            traditional += 1;
        } else if simplified_forms.contains_key(&c) {
            simplified += 1;
        }
    }
    let total = traditional + simplified;
    if total == 0 {
        return (Script::Simplified, 0.0);
    }
    let share = traditional as f64 / total as f64;
    let script = if share >= 0.5 {
        Script::Traditional
    } else {
        Script::Simplified
    };
    (script, share)
}

/// Simplified characters that have a different Traditional form.
fn simplified_forms() -> &'static HashMap<char, ()> {
    static FORMS: OnceLock<HashMap<char, ()>> = OnceLock::new();
    FORMS.get_or_init(|| {
        table()
            .iter()
            .filter(|(t, _)| !SHARED.contains(**t))
            .map(|(_, s)| (*s, ()))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_one_for_one() {
        let text = "甘衛醫政發〔2022〕37號，（一）１２％";
        let folded = fold(text);
        assert_eq!(folded, "甘卫医政发〔2022〕37号,(一)12%");
        assert_eq!(folded.chars().count(), text.chars().count());
    }

    #[test]
    fn detects_script() {
        assert_eq!(
            detect("駐馬店市在分級診療制度建設上積極探索").0,
            Script::Traditional
        );
        assert_eq!(
            detect("驻马店市在分级诊疗制度建设上积极探索").0,
            Script::Simplified
        );
        assert_eq!(detect("2025").0, Script::Simplified);
    }
}
