//! The one place that knows the YAML parser: parsing into model types with located errors,
//! and finding the line of a field path in YAML text for later validation messages.
//!
//! Keeping serde_yaml behind this module means the parser can be swapped (serde_norway,
//! serde-saphyr) by editing one file.

use crate::error::Diagnostic;
use crate::i18n::t;

#[path = "yaml_words.rs"]
mod words;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Largest YAML file accepted; larger files are refused before parsing.
pub const MAX_YAML_BYTES: usize = 4 * 1024 * 1024;

mod collect;
mod punctuation;
mod report;

pub use collect::{Located, Problem};
pub use report::{covers, parse_all, Parsed};

/// Parses YAML text into `T`, turning parser errors into a located diagnostic.
///
/// Stops at the first problem; content files go through [`parse_all`], which reports them all.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    let text = precheck(path, text)?;
    serde_yaml::from_str(text).map_err(|error| diagnostic_from(path, text, &error))
}

/// Refuses oversized and empty files before parsing; returns the text without its BOM.
fn precheck<'t>(path: &Path, text: &'t str) -> Result<&'t str, Diagnostic> {
    if text.len() > MAX_YAML_BYTES {
        return Err(Diagnostic::file(
            path,
            t(
                format!(
                    "文件有 {} 字节；超过 {} 字节的 YAML 文件不予处理",
                    text.len(),
                    MAX_YAML_BYTES
                ),
                format!(
                    "file is {} bytes; YAML files larger than {} bytes are refused",
                    text.len(),
                    MAX_YAML_BYTES
                ),
            ),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::file(
            path,
            t(
                "文件是空的，应包含 YAML 数据",
                "file is empty; it must hold YAML data",
            ),
        ));
    }
    Ok(text)
}

fn diagnostic_from(path: &Path, text: &str, error: &serde_yaml::Error) -> Diagnostic {
    let raw = error.to_string();
    // serde_yaml appends " at line L column C"; we report the position separately.
    let message = match raw.find(" at line ") {
        Some(index) => raw[..index].to_string(),
        None => raw.clone(),
    };
    let (field, message) = split_field(&message);
    let (message, hint) = plain_words(&message);
    let mut diagnostic = Diagnostic::file(path, message);
    if let Some(field) = field {
        diagnostic = diagnostic.with_field(field);
    }
    if let Some(location) = error.location() {
        diagnostic = diagnostic.at(location.line(), location.column());
        let bare = raw
            .split_once(": duplicate field")
            .map(|(_, r)| r)
            .or_else(|| raw.strip_prefix("duplicate field"));
        if let Some(key) = bare
            .and_then(|r| r.trim_start().strip_prefix('`'))
            .and_then(|r| r.split('`').next())
        {
            if let Some(line) = second_occurrence(text, location.line(), key) {
                diagnostic = diagnostic.at(line, 1).with_source(text);
                return diagnostic;
            }
        }
    }
    if let Some(location) = error.location() {
        diagnostic.excerpt =
            crate::error::Excerpt::from_source(text, location.line(), location.column()).map(
                |mut e| {
                    // The parser points at the exact character; underline from there only.
                    e.start = location
                        .column()
                        .saturating_sub(1)
                        .min(e.text.chars().count());
                    e.len = e.text.chars().count().saturating_sub(e.start).max(1);
                    e
                },
            );
    }
    if let Some(hint) = hint {
        diagnostic = diagnostic.with_hint(hint);
    }
    diagnostic
}

/// serde_yaml prefixes messages with the field path ("targets[0].value: invalid type…").
fn split_field(message: &str) -> (Option<String>, String) {
    if let Some((head, tail)) = message.split_once(": ") {
        let looks_like_path = !head.is_empty()
            && !head.contains(' ')
            && head
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.[]".contains(c));
        if looks_like_path {
            return (Some(head.to_string()), tail.to_string());
        }
    }
    (None, message.to_string())
}

/// Rewrites the parser's wording in plain words, in the chosen language.
fn plain_words(message: &str) -> (String, Option<String>) {
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let first = quoted.first().copied().unwrap_or("");
    if message.starts_with("unknown field") {
        let text = t(format!("未知字段 `{first}`"), message.to_string());
        return (text, Some(unknown_field_hint(message)));
    }
    if message.starts_with("missing field") {
        return (
            t(
                format!("缺少必填字段 `{first}`"),
                message.replace("missing field", "required field is missing:"),
            ),
            Some(t(
                "请补上该字段；带注释的示例见 docs/content-format.md",
                "add the field; see docs/content-format.md for an annotated example",
            )),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            t(
                format!(
                    "类型不符：这里写的是 {}，应为 {}",
                    words::kind(found),
                    words::kind(expected)
                ),
                message.to_string(),
            ),
            None,
        );
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            t(
                format!(
                    "取值无效：{}，应为 {}",
                    words::kind(found),
                    words::kind(expected)
                ),
                message.to_string(),
            ),
            None,
        );
    }
    if message.contains("tab character") {
        return (
            t("YAML 格式错误：用了 Tab 缩进", message),
            Some(t(
                "YAML 不允许用 Tab 缩进，请改用空格",
                "YAML does not allow tab characters for indentation; use spaces",
            )),
        );
    }
    if message.starts_with("duplicate field") {
        return (
            t(
                format!("字段 `{first}` 在同一处出现了两次"),
                message.to_string(),
            ),
            Some(t(
                "删除重复的一个",
                "a key appears twice in the same block; keep one",
            )),
        );
    }
    if message.contains("found character that cannot start any token") {
        return (
            t(
                "YAML 格式错误：出现了不能出现的字符（常见原因是用了 Tab 缩进）",
                "YAML syntax error: a character that cannot stand here (usually a Tab used for indentation)",
            ),
            Some(t(
                "YAML 不允许用 Tab 缩进，请改用空格",
                "YAML does not allow tab characters for indentation; use spaces",
            )),
        );
    }
    if message.contains("duplicate entry with key") {
        return (
            t(
                format!(
                    "同一层级中出现了两个相同的键 {}",
                    message.rsplit(' ').next().unwrap_or("")
                ),
                message,
            ),
            Some(t(
                "删除重复的一个",
                "a key appears twice in the same block; keep one",
            )),
        );
    }
    (
        t(
            format!("YAML 格式错误：{}", words::message(message)),
            message,
        ),
        None,
    )
}

/// The line of the second `key:` at the same indent in the block that starts at `from`
/// (the parser points at the start of the mapping, not at the repeated key).
fn second_occurrence(text: &str, from: usize, key: &str) -> Option<usize> {
    let mut first_indent = None;
    for (i, line) in text.lines().enumerate().skip(from.saturating_sub(1)) {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let (indent, rest) = match trimmed.strip_prefix("- ") {
            Some(rest) => (indent + 2, rest),
            None => (indent, trimmed),
        };
        if rest
            .strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with(':'))
        {
            match first_indent {
                None => first_indent = Some(indent),
                Some(first) if first == indent => return Some(i + 1),
                _ => {}
            }
        }
    }
    None
}

/// "did you mean `deadline`?" for "unknown field `dedline`, expected one of `id`, …".
fn unknown_field_hint(message: &str) -> String {
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let closest = quoted.split_first().and_then(|(wrong, known)| {
        known
            .iter()
            .map(|k| (crate::model::indicator::edit_distance(wrong, k), *k))
            .filter(|(d, _)| *d <= 3)
            .min()
    });
    match closest {
        Some((_, name)) => t(
            format!("是不是要写 `{name}`？"),
            format!("did you mean `{name}`?"),
        ),
        None => t(
            "请检查字段名的拼写；见 docs/content-format.md",
            "check the spelling of the field name; see docs/content-format.md",
        ),
    }
}

/// One step of a field path: a mapping key or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A mapping key.
    Key(String),
    /// A list index (0-based).
    Index(usize),
}

/// Parses `targets[2].indicator` into steps.
pub fn field_path(path: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            steps.push(Step::Key(key.to_string()));
        }
        for index in rest.split('[').filter(|s| !s.is_empty()) {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                steps.push(Step::Index(i));
            }
        }
    }
    steps
}

/// Finds the 1-based line and column of a field path in block-style YAML text.
///
/// A best-effort, indentation-based walk: enough to point a data editor at the right line
/// for values the parser accepted but validation refused. Returns the deepest position
/// reached when the path leaves block style (e.g. a flow mapping `{ … }`).
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut range = (0usize, lines.len());
    let mut min_indent: isize = -1;
    let mut found: Option<(usize, usize)> = None;
    for step in field_path(path) {
        let hit = match &step {
            Step::Key(key) => find_key(&lines, range, min_indent, key),
            Step::Index(i) => find_item(&lines, range, min_indent, *i),
        };
        let Some((line, indent, key_col)) = hit else {
            break;
        };
        found = Some((line + 1, key_col + 1));
        range = (line, block_end(&lines, line, indent));
        min_indent = indent as isize;
    }
    found
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// Line index, indent and key column of `key:` inside `range`, deeper than `min_indent`.
fn find_key(
    lines: &[&str],
    range: (usize, usize),
    min_indent: isize,
    key: &str,
) -> Option<(usize, usize, usize)> {
    let mut level: Option<usize> = None;
    for (i, line) in lines.iter().enumerate().take(range.1).skip(range.0) {
        if !is_content(line) {
            continue;
        }
        // An item line "- key: v" holds its first key after the dash.
        let mut indent = indent_of(line);
        let mut rest = &line[indent..];
        while let Some(after) = rest.strip_prefix("- ") {
            indent += 2;
            rest = after;
        }
        if (indent as isize) <= min_indent {
            continue;
        }
        let level = *level.get_or_insert(indent);
        if indent != level {
            continue;
        }
        let name = rest
            .split(':')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"');
        if name == key && rest.contains(':') {
            return Some((i, indent, indent));
        }
    }
    None
}

/// Line index, indent and column of the `index`-th list item inside `range`.
fn find_item(
    lines: &[&str],
    range: (usize, usize),
    min_indent: isize,
    index: usize,
) -> Option<(usize, usize, usize)> {
    let mut seen = 0;
    let mut level: Option<usize> = None;
    for (i, line) in lines.iter().enumerate().take(range.1).skip(range.0) {
        if !is_content(line) {
            continue;
        }
        let indent = indent_of(line);
        let is_item = line[indent..].starts_with("- ") || line[indent..].trim() == "-";
        if !is_item || (indent as isize) < min_indent {
            continue;
        }
        let level = *level.get_or_insert(indent);
        if indent != level {
            continue;
        }
        if seen == index {
            return Some((i, indent, indent));
        }
        seen += 1;
    }
    None
}

/// First line after `start` that is no longer inside the block opened at `start`.
///
/// A key's block holds deeper lines and, in zero-indented style, list items at the key's
/// own indent; an item's block holds only deeper lines.
fn block_end(lines: &[&str], start: usize, indent: usize) -> usize {
    let opener = lines[start].trim_start();
    let start_is_item = opener.starts_with("- ") || opener == "-";
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        if !is_content(line) {
            continue;
        }
        let own = indent_of(line);
        let is_item = line[own..].starts_with("- ");
        let inside = own > indent || (own == indent && is_item && !start_is_item);
        if !inside {
            return i;
        }
    }
    lines.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "title: x\ntargets:\n  - id: a\n    indicator: beds\n  - id: b\n    value: 3\n    indicator: emr\nbudget: []\n";

    #[test]
    fn locates_nested_fields() {
        assert_eq!(locate(TEXT, "title"), Some((1, 1)));
        assert_eq!(locate(TEXT, "targets[0].indicator"), Some((4, 5)));
        assert_eq!(locate(TEXT, "targets[1]"), Some((5, 3)));
        assert_eq!(locate(TEXT, "targets[1].indicator"), Some((7, 5)));
        assert_eq!(locate(TEXT, "budget"), Some((8, 1)));
    }

    #[test]
    fn falls_back_to_deepest_found() {
        assert_eq!(locate(TEXT, "targets[1].missing"), Some((5, 3)));
    }
}
