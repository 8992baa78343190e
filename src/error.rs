//! Error types: every problem with content names its file, line and field.

use std::fmt;
use std::path::PathBuf;

mod field;
pub use field::describe as describe_field;

/// One problem found in the content, in words a data editor can act on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// File the problem is in.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// Field path such as `targets[2].indicator`, when the problem is about one field.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is a likely fix.
    pub hint: Option<String>,
    /// The source line and the character range to underline, when known.
    pub excerpt: Option<Excerpt>,
}

/// A line of the source with the part to underline.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Excerpt {
    /// The line's text.
    pub text: String,
    /// First character to underline (0-based, in characters).
    pub start: usize,
    /// Number of characters to underline (at least 1).
    pub len: usize,
}

impl Excerpt {
    /// The excerpt of `source` at 1-based `line`, underlining from 1-based `column`: a whole
    /// `key: value` is narrowed to the value, since the value is what needs fixing.
    pub fn from_source(source: &str, line: usize, column: usize) -> Option<Excerpt> {
        let text = source
            .lines()
            .nth(line.checked_sub(1)?)?
            .trim_end()
            .to_string();
        let chars: Vec<char> = text.chars().collect();
        if column > chars.len() {
            return Some(Excerpt {
                text,
                start: chars.len(),
                len: 1,
            });
        }
        let mut start = column.saturating_sub(1).min(chars.len());
        let rest: String = chars[start..].iter().collect();
        if let Some(colon) = rest.find(": ") {
            let key = &rest[..colon];
            if !key.contains(['{', '[', '"']) {
                start += key.chars().count() + 2;
            }
        }
        // A trailing `# comment` is not part of the value.
        let value: String = chars[start.min(chars.len())..].iter().collect();
        let end = match value.find(" #") {
            Some(at) if !value[..at].contains(['"', '\'']) => {
                value[..at].trim_end().chars().count()
            }
            _ => value.chars().count(),
        };
        let len = end.max(1);
        Some(Excerpt { text, start, len })
    }
}

/// Columns a character takes in a terminal: two for CJK and full-width forms.
fn display_width(c: char) -> usize {
    let wide = matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

impl Diagnostic {
    /// A problem with a whole file.
    pub fn file(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            hint: None,
            excerpt: None,
        }
    }

    /// Attaches the source line at the diagnostic's position; in a flow mapping
    /// (`{ key: value, … }`) only the value of the diagnostic's last field is underlined.
    pub fn with_source(mut self, source: &str) -> Self {
        let Some(line) = self.line else { return self };
        self.excerpt = Excerpt::from_source(source, line, self.column.unwrap_or(1));
        let key = self
            .field
            .as_deref()
            .and_then(|f| f.rsplit('.').next())
            .map(|k| format!("{k}: "));
        if let (Some(excerpt), Some(key)) = (self.excerpt.as_mut(), key) {
            if let Some(at) = excerpt.text.find(&key) {
                let start = excerpt.text[..at + key.len()].chars().count();
                let value: String = excerpt
                    .text
                    .chars()
                    .skip(start)
                    .take_while(|c| !matches!(c, ',' | '}'))
                    .collect();
                excerpt.start = start;
                excerpt.len = value.trim_end().chars().count().max(1);
            }
        }
        self
    }

    /// The field path in words (第 2 项目标的截止日期 / target 2, deadline), when it has
    /// more than one step.
    pub fn field_label(&self) -> Option<String> {
        describe_field(&self.file, self.field.as_deref()?)
    }

    /// Adds the field path.
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Adds a position.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            let shown = match self.field_label() {
                Some(words) => crate::i18n::t(
                    format!("`{field}`（{words}）"),
                    format!("`{field}` ({words})"),
                ),
                None => format!("`{field}`"),
            };
            write!(
                f,
                "{}",
                crate::i18n::t(format!("字段 {shown}："), format!("field {shown}: "))
            )?;
        }
        write!(f, "{}", self.message)?;
        if let (Some(excerpt), Some(line)) = (&self.excerpt, self.line) {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            let chars: Vec<char> = excerpt.text.chars().collect();
            let lead: usize = chars
                .iter()
                .take(excerpt.start)
                .map(|c| display_width(*c))
                .sum();
            let under: usize = chars
                .iter()
                .skip(excerpt.start)
                .take(excerpt.len)
                .map(|c| display_width(*c))
                .sum();
            write!(
                f,
                "\n{pad} |\n{number} | {}\n{pad} | {}{}",
                excerpt.text,
                " ".repeat(lead),
                "^".repeat(under.max(1))
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  {}{hint}", crate::i18n::t("提示：", "hint: "))?;
        }
        Ok(())
    }
}

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content has problems; all of them are listed.
    #[error("{}", list(.0))]
    Invalid(Vec<Diagnostic>),
    /// A file or folder could not be read or written.
    #[error("{}{}", .path.display(), io_text(.source))]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A template failed to compile or render.
    #[error("{}{}", crate::i18n::t("模板错误：", "template error: "), .0)]
    Template(String),
    /// A chart could not be drawn.
    #[error("{}", crate::i18n::t(format!("图表 `{chart}`：{message}"), format!("chart `{chart}`: {message}")))]
    Chart {
        /// Which chart.
        chart: String,
        /// Why.
        message: String,
    },
    /// The command line asked for something impossible.
    #[error("{0}")]
    Usage(String),
    /// The output folder cannot be published into safely (it is not gongkai's, or it holds
    /// the site's sources), or the new site came out other than planned: nothing was
    /// published.
    #[error("{0}")]
    Output(String),
}

/// `: reason` after a path, the reason in the chosen language.
fn io_text(source: &std::io::Error) -> String {
    crate::i18n::t("：", ": ") + &crate::i18n::io_reason(source)
}

fn list(diagnostics: &[Diagnostic]) -> String {
    let mut text = String::new();
    for d in diagnostics {
        text.push_str(&format!("{}{d}\n", crate::i18n::t("错误：", "error: ")));
    }
    let n = diagnostics.len();
    text.push_str(&crate::i18n::t(
        format!("共发现 {n} 个问题，本次未发布任何内容，原有网站保持不变。"),
        format!(
            "{n} problem{} found; nothing was published.",
            if n == 1 { "" } else { "s" }
        ),
    ));
    text
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result with gongkai's error.
pub type Result<T> = std::result::Result<T, Error>;
