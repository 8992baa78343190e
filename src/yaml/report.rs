//! Parsing a content file with every problem reported: misplaced punctuation first (and
//! repaired, so the rest can be read), then a syntax error (which stops that file only), then
//! every structural problem — unknown field, missing field, wrong type, bad date — each at
//! its own line.

use super::collect::{self, Located, Problem};
use super::punctuation;
use crate::error::{Diagnostic, Excerpt};
use crate::i18n::t;
use serde::de::DeserializeOwned;
use std::path::Path;

/// A content file read with every problem listed.
#[derive(Debug)]
pub struct Parsed<T> {
    /// The file's data: as written when there are no problems, else with each bad part
    /// replaced by a stand-in so later checks can still look at the rest (`None` when the
    /// file could not be read as YAML at all).
    pub value: Option<T>,
    /// Every problem found, in file order.
    pub problems: Vec<Diagnostic>,
    /// Field paths whose value is a stand-in: later checks say nothing about them.
    pub repaired: Vec<String>,
}

impl<T> Parsed<T> {
    fn failed(problems: Vec<Diagnostic>) -> Self {
        Parsed {
            value: None,
            problems,
            repaired: Vec::new(),
        }
    }

    /// Whether a later message about `field` concerns a stand-in value.
    pub fn is_repaired(&self, field: &str) -> bool {
        covers(&self.repaired, field)
    }
}

/// Whether `field` is one of `paths` or inside one.
pub fn covers(paths: &[String], field: &str) -> bool {
    paths.iter().any(|p| {
        field == p
            || field
                .strip_prefix(p.as_str())
                .is_some_and(|rest| rest.starts_with(['.', '[']))
    })
}

/// Parses `text` into `T`, collecting every problem instead of stopping at the first.
pub fn parse_all<T: DeserializeOwned + schemars::JsonSchema>(path: &Path, text: &str) -> Parsed<T> {
    let text = match super::precheck(path, text) {
        Ok(text) => text,
        Err(d) => return Parsed::failed(vec![d]),
    };
    let first = match serde_yaml::from_str::<T>(text) {
        Ok(value) => {
            return Parsed {
                value: Some(value),
                problems: Vec::new(),
                repaired: Vec::new(),
            }
        }
        Err(e) => e,
    };
    let (findings, fixed) = punctuation::scan(text);
    let mut problems: Vec<Diagnostic> = findings
        .iter()
        .map(|f| punctuation_diagnostic(path, text, f))
        .collect();
    let first = if findings.is_empty() {
        first
    } else {
        match serde_yaml::from_str::<T>(&fixed) {
            Ok(value) => {
                return Parsed {
                    value: Some(value),
                    problems,
                    repaired: Vec::new(),
                }
            }
            Err(e) => e,
        }
    };
    let mut value: serde_yaml::Value = match serde_yaml::from_str(&fixed) {
        Ok(value) => value,
        Err(_) => {
            // The same parser stopped reading `T` at the same place; its message knows the
            // field names (a repeated key is pointed at where it repeats).
            problems.extend(syntax_diagnostic(path, text, &first, &findings));
            return Parsed::failed(problems);
        }
    };
    let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default();
    let found = collect::walk(&schema, &mut value);
    // One locator for the file: it indexes the text once, so many problems cost linear time.
    let mut locator = super::Locator::new(text);
    let mut own: Vec<Diagnostic> = found
        .iter()
        .map(|l| located(path, &mut locator, l))
        .collect();
    let serde_said = super::diagnostic_from(path, text, &first);
    let explained = own.iter().any(|d| {
        d.line == serde_said.line
            || serde_said
                .field
                .as_deref()
                .is_some_and(|f| found.iter().any(|l| l.path.starts_with(f)))
    });
    if !explained {
        own.push(serde_said);
    }
    problems.extend(own);
    problems.sort_by_key(|d| d.line.unwrap_or(0));
    let repaired_text = serde_yaml::to_string(&value).unwrap_or_default();
    Parsed {
        value: serde_yaml::from_str(&repaired_text).ok(),
        problems,
        repaired: found.into_iter().map(|l| l.path).collect(),
    }
}

fn punctuation_diagnostic(path: &Path, text: &str, f: &punctuation::Finding) -> Diagnostic {
    let mut d = Diagnostic::file(path, f.message.clone())
        .at(f.line, f.column + 1)
        .with_hint(f.hint.clone());
    d.excerpt = underline(text, f.line, f.column, 1);
    d
}

/// The excerpt of line `line` underlining `len` characters from 0-based `start`.
fn underline(text: &str, line: usize, start: usize, len: usize) -> Option<Excerpt> {
    underline_line(text.lines().nth(line.checked_sub(1)?)?, start, len)
}

/// [`underline`] of a line already at hand.
fn underline_line(source: &str, start: usize, len: usize) -> Option<Excerpt> {
    let source = source.trim_end().to_string();
    Some(Excerpt {
        start: start.min(source.chars().count()),
        len: len.max(1),
        text: source,
    })
}

/// The parser's message, or nothing when a punctuation finding already explains it; with a
/// pointer to a full-width mark nearby when there is one.
fn syntax_diagnostic(
    path: &Path,
    text: &str,
    error: &serde_yaml::Error,
    findings: &[punctuation::Finding],
) -> Option<Diagnostic> {
    let mut d = super::diagnostic_from(path, text, error);
    let line = d.line.unwrap_or(0);
    if findings
        .iter()
        .any(|f| f.line + 1 >= line && f.line <= line)
    {
        return None;
    }
    if let Some((at, hint)) = punctuation::near(text, line) {
        if at != line {
            d = d.at(at, 1);
            d.excerpt = underline(text, at, 0, text.lines().nth(at - 1)?.chars().count());
        }
        d = d.with_hint(hint);
    }
    Some(d)
}

/// A located diagnostic for one structural problem.
fn located(path: &Path, locator: &mut super::Locator, l: &Located) -> Diagnostic {
    let (message, hint) = words(&l.problem);
    let mut d = Diagnostic::file(path, message).with_field(l.path.clone());
    if let Some(hint) = hint {
        d = d.with_hint(hint);
    }
    let Some((line, column)) = locator.locate(&l.path) else {
        return d;
    };
    d = d.at(line, column);
    match &l.problem {
        // The key is what is wrong (or, when missing, the item it belongs to).
        Problem::UnknownField { key, .. } => {
            let source = locator.line(line).unwrap_or("");
            let at = source
                .find(key.as_str())
                .map(|b| source[..b].chars().count());
            d.excerpt = underline_line(source, at.unwrap_or(column - 1), key.chars().count());
            d
        }
        Problem::Missing { .. } => {
            let source = locator.line(line).unwrap_or("");
            let width = source.chars().count();
            d.excerpt = underline_line(source, column - 1, width.saturating_sub(column - 1));
            d
        }
        // The line comes from the locator's index, not a walk of the text per problem.
        _ => {
            d.excerpt = locator.line(line).map(|s| Excerpt::from_line(s, column));
            d
        }
    }
}

/// Message and hint for a problem, in plain words.
fn words(problem: &Problem) -> (String, Option<String>) {
    match problem {
        Problem::UnknownField { key, known } => (
            t(format!("未知字段 `{key}`"), format!("unknown field `{key}`")),
            Some(unknown_hint(key, known)),
        ),
        Problem::Missing { key } => (
            t(
                format!("缺少必填字段 `{key}`"),
                format!("required field `{key}` is missing"),
            ),
            Some(t(
                format!("请在这一项中补上 {key}: …；带注释的示例见 docs/content-format.md"),
                format!("add `{key}: …` to this item; see docs/content-format.md for an annotated example"),
            )),
        ),
        Problem::WrongType { expected, found } => wrong_type(expected, found),
        Problem::BadDate(message) => (
            message.clone(),
            Some(t(
                "日期写作 YYYY、YYYY-MM 或 YYYY-MM-DD，例如 2025、2025-06、2025-06-30",
                "write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025, 2025-06, 2025-06-30",
            )),
        ),
        Problem::NotOneOf { found, allowed } => {
            let list = allowed.join(t("、", ", ").as_str());
            let close = closest(found, allowed);
            (
                t(
                    format!("“{found}”不是可选的值；可选：{list}"),
                    format!("“{found}” is not one of the choices: {list}"),
                ),
                close.map(|c| t(format!("是不是要写 {c}？"), format!("did you mean `{c}`?"))),
            )
        }
    }
}

fn closest<'a>(wrong: &str, known: &'a [String]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (crate::model::indicator::edit_distance(wrong, k), k.as_str()))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, k)| k)
}

fn unknown_hint(key: &str, known: &[String]) -> String {
    let ascii: String = key
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if ascii != key && known.contains(&ascii) {
        return t(
            format!("字段名里有中文标点或空格：应写作 {ascii}:"),
            format!("the field name holds full-width punctuation or spaces: write `{ascii}:`"),
        );
    }
    match closest(key, known) {
        Some(name) => t(
            format!("是不是要写 `{name}`？"),
            format!("did you mean `{name}`?"),
        ),
        None => t(
            format!("这里可用的字段：{}", known.join("、")),
            format!("the fields allowed here: {}", known.join(", ")),
        ),
    }
}

fn wrong_type(expected: &[String], found: &str) -> (String, Option<String>) {
    let kinds: Vec<String> = expected
        .iter()
        .filter(|k| *k != "null")
        .map(|k| kind_words(k))
        .collect();
    let wanted = kinds.join(t("或", " or ").as_str());
    let shown = if found.is_empty() {
        t("空值", "nothing")
    } else {
        format!("“{found}”")
    };
    let hint = if expected.iter().any(|k| k == "number") && !found.is_empty() {
        Some(t(
            "只写数字（如 3.5），单位和原文写法请填在 display: 中",
            "write the number alone (e.g. 3.5); put units and the wording as written in `display:`",
        ))
    } else if expected.iter().any(|k| k == "array") {
        Some(t(
            "列表写作 [甲, 乙]，或每行一项、以“- ”开头",
            "write a list as [a, b], or one item per line starting with “- ”",
        ))
    } else {
        None
    };
    (
        t(
            format!("类型不符：这里应填写{wanted}，写的是{shown}"),
            format!("wrong type: this needs {wanted}, but {shown} is written"),
        ),
        hint,
    )
}

fn kind_words(kind: &str) -> String {
    match kind {
        "string" => t("文字", "text"),
        "number" => t("数字", "a number"),
        "integer" => t("整数", "a whole number"),
        "boolean" => t("true 或 false", "true or false"),
        "array" => t("列表", "a list"),
        "object" => t(
            "带字段的一组内容（如 { id: …, name: … }）",
            "a group of fields (e.g. { id: …, name: … })",
        ),
        "date" => t("日期", "a date"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Programme;

    const GOOD: &str = "title: x\ndisclosure:\n  issuers: [a]\nregion: { province: 山西省 }\ntargets:\n  - id: a\n    indicator: beds_per_1000\n    label: l\n    value: 3\n    deadline: 2025\n    source: s\n";

    #[test]
    fn full_width_colon_is_reported_on_its_line_and_the_rest_still_checked() {
        let text = GOOD
            .replace("deadline: 2025", "deadline：2025")
            .replace("label: l", "lable: l");
        let parsed: Parsed<Programme> = parse_all(Path::new("p.yaml"), &text);
        let lines: Vec<Option<usize>> = parsed.problems.iter().map(|d| d.line).collect();
        assert_eq!(
            lines,
            [Some(6), Some(8), Some(10)],
            "{:#?}",
            parsed.problems
        );
        assert!(parsed.problems[2].message.contains("第 10 行用了中文冒号"));
        assert!(parsed.value.is_some());
    }

    #[test]
    fn a_syntax_error_near_a_full_width_mark_points_at_it() {
        let text = GOOD.replace("label: l", "label: “a”: b");
        let parsed: Parsed<Programme> = parse_all(Path::new("p.yaml"), &text);
        assert_eq!(parsed.problems.len(), 1, "{:#?}", parsed.problems);
        assert_eq!(parsed.problems[0].line, Some(8));
        assert!(parsed.problems[0]
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("“"));
    }
}
