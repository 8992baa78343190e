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

mod locate;
mod scan;

pub use locate::{field_path, Locator, Step};
pub use scan::{MAX_FLOW_DEPTH, MAX_SCALAR_CHARS};

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
    // Flow nesting, tags, hexadecimal numbers and huge values are refused before the
    // parser sees them (deep nesting took it quadratic time).
    scan::scan(text).map_err(|found| refused(path, text, &found))?;
    Ok(text)
}

/// What the pass before parsing refused, in plain words, at its line.
fn refused(path: &Path, text: &str, found: &scan::Found) -> Diagnostic {
    use scan::Problem;
    let (message, hint) = match &found.problem {
        Problem::TooDeep => (
            t(
                format!("方括号或花括号嵌套超过 {MAX_FLOW_DEPTH} 层"),
                format!("brackets or braces are nested more than {MAX_FLOW_DEPTH} deep"),
            ),
            t(
                "内容只需两三层；请检查是否有多余或未闭合的 [ 或 {",
                "content needs two or three levels; look for stray or unclosed [ or {",
            ),
        ),
        Problem::Tag(tag) => (
            t(
                format!("不支持 YAML 标签 `{tag}`"),
                format!("YAML tags such as `{tag}` are not supported"),
            ),
            t(
                "删除该标签，直接写出文字或数字；以 ! 开头的文字请加引号",
                "remove the tag and write the text or number itself; quote text that starts with !",
            ),
        ),
        Problem::RadixNumber(number) => (
            t(
                format!("“{number}”会被读成十六进制、八进制或二进制数"),
                format!("“{number}” would be read as a hexadecimal, octal or binary number"),
            ),
            t(
                "数字请用十进制书写；若是文字，请加引号，例如 \"0x1F\"",
                "write numbers in decimal; if it is text, put it in quotes, e.g. \"0x1F\"",
            ),
        ),
        Problem::LongScalar(chars) => (
            t(
                format!("这一项有 {chars} 个字符，超过上限 {MAX_SCALAR_CHARS}"),
                format!(
                    "this value has {chars} characters, more than the limit of {MAX_SCALAR_CHARS}"
                ),
            ),
            t(
                "长篇正文请写在 Markdown 文件中；数据项只放原文句子",
                "put long text in a Markdown page; a data field holds one sentence of the source",
            ),
        ),
        Problem::SecondDocument => (
            t(
                "文件中从这里开始是第二个 YAML 文档；每个文件只能有一个",
                "a second YAML document starts here; a file may hold only one",
            ),
            t(
                "每个文件只写一个文档：删除多余的 --- 或 ... 行及其后的第二份内容",
                "keep one document per file: remove the extra --- or ... line and the second part after it",
            ),
        ),
    };
    let mut diagnostic = Diagnostic::file(path, message)
        .at(found.line, found.column)
        .with_hint(hint)
        .with_source(text);
    if let (Problem::TooDeep, Some(excerpt)) = (&found.problem, diagnostic.excerpt.as_mut()) {
        excerpt.len = 1;
    }
    diagnostic
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

/// Finds the 1-based line and column of a field path in block-style YAML text; see
/// [`Locator`], which answers many questions about one text in time linear in its size.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    Locator::new(text).locate(path)
}
