//! A small YAML writer for drafts: block mappings and lists, every string double-quoted,
//! and comments above items (which serde cannot write).

use crate::model::{Amount, DateSpec};
use std::fmt::Write;

/// YAML text being written.
#[derive(Debug, Default)]
pub struct YamlOut {
    text: String,
}

impl YamlOut {
    /// An empty document.
    pub fn new() -> Self {
        YamlOut::default()
    }

    /// The text written so far.
    pub fn finish(self) -> String {
        self.text
    }

    /// A comment line at an indentation (a character YAML does not allow as it is, or
    /// would take for a line break, becomes a space).
    pub fn comment(&mut self, indent: usize, text: &str) {
        for line in text.lines() {
            let line: String = line
                .chars()
                .map(|c| if plain(c) { c } else { ' ' })
                .collect();
            let _ = writeln!(self.text, "{:indent$}# {line}", "");
        }
    }

    /// A blank line.
    pub fn blank(&mut self) {
        self.text.push('\n');
    }

    /// `key:` opening a nested block.
    pub fn key(&mut self, indent: usize, key: &str) {
        let _ = writeln!(self.text, "{:indent$}{key}:", "");
    }

    /// `key: value` with a value already in YAML form.
    pub fn raw(&mut self, indent: usize, key: &str, value: &str) {
        let _ = writeln!(self.text, "{:indent$}{key}: {value}", "");
    }

    /// `key: "string"`.
    pub fn string(&mut self, indent: usize, key: &str, value: &str) {
        self.raw(indent, key, &quote(value));
    }

    /// `key: "string"` when there is a value.
    pub fn opt_string(&mut self, indent: usize, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.string(indent, key, v);
        }
    }

    /// `key: [..]` as a flow list of strings.
    pub fn strings(&mut self, indent: usize, key: &str, values: &[String]) {
        let items: Vec<String> = values.iter().map(|v| quote(v)).collect();
        self.raw(indent, key, &format!("[{}]", items.join(", ")));
    }

    /// `key: "YYYY-MM-DD"`.
    pub fn date(&mut self, indent: usize, key: &str, value: &DateSpec) {
        self.raw(indent, key, &quote(&value.to_string()));
    }

    /// `key: number`.
    pub fn number(&mut self, indent: usize, key: &str, value: f64) {
        self.raw(indent, key, &number(value));
    }

    /// `key: value` for an amount (number, true/false, or a quoted level label).
    pub fn amount(&mut self, indent: usize, key: &str, value: &Amount) {
        let text = match value {
            Amount::Number(n) => number(*n),
            Amount::Bool(b) => b.to_string(),
            Amount::Label(l) => quote(l),
        };
        self.raw(indent, key, &text);
    }

    /// The `- ` that opens a list item; the item's first key follows on the same line.
    pub fn item_start(&mut self, indent: usize, key: &str, value: &str) {
        let _ = writeln!(self.text, "{:indent$}- {key}: {value}", "");
    }
}

/// A number as YAML: integers without a decimal point.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// A double-quoted YAML string with escapes.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if !plain(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether YAML takes `c` as it is: printable (YAML 1.1's set: no C0 or C1 control, no
/// U+FFFE/U+FFFF), not a line break (NEL, LS, PS break lines in YAML 1.1), not a byte-order
/// mark.
fn plain(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_round_trips() {
        for s in [
            "普通",
            "a \"quoted\" \\ back",
            "line\nbreak",
            "# not a comment",
            "- dash",
            "null",
            "2025",
        ] {
            let yaml = format!("v: {}\n", quote(s));
            let parsed: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap_or_default();
            assert_eq!(parsed.get("v").map(String::as_str), Some(s));
        }
        assert_eq!(number(850.0), "850");
    }

    /// Every character YAML does not allow as it is (C0 and C1 controls, line and paragraph
    /// separators, U+FFFE/U+FFFF) is escaped in strings and kept out of comments, so any
    /// notice text makes a loadable draft.
    #[test]
    fn unprintable_characters_round_trip() {
        let odd =
            "a\u{81}b\u{9D}c\u{85}d\u{2028}e\u{FFFE}f\u{FFFF}g\u{7}h\u{1B}i\rj\u{A0}k\u{FEFF}";
        let mut y = YamlOut::new();
        y.comment(0, odd);
        y.string(0, "v", odd);
        let yaml = y.finish();
        let parsed: std::collections::BTreeMap<String, String> =
            serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{e}: {yaml:?}"));
        assert_eq!(parsed.get("v").map(String::as_str), Some(odd));
        assert_eq!(parsed.len(), 1, "{yaml:?}");
        assert_eq!(number(3.5), "3.5");
    }
}
