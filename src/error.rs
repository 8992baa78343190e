//! Error types: every problem with content names its file, line and field.

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;

mod field;
pub use field::describe as describe_field;
/// Text from content or the file system as it is safe to print: control characters, line
/// breaks and direction overrides are written as escapes (`\n`, `\u{1b}`), so that data can
/// neither drive the terminal (colours, cursor) nor start a line of its own in a build log
/// (where a CI runner reads a line starting `::` as a command).
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_printable(&mut out, c);
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Appends `c`, escaped when [`printable`] escapes it; returns how many characters it took.
fn push_printable(out: &mut String, c: char) -> usize {
    if !needs_escape(c) {
        out.push(c);
        return 1;
    }
    let escaped = match c {
        '\n' => "\\n".to_string(),
        '\r' => "\\r".to_string(),
        '\t' => "\\t".to_string(),
        c => format!("\\u{{{:x}}}", c as u32),
    };
    out.push_str(&escaped);
    escaped.len()
}

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

/// Longest excerpt shown, in characters: a longer line is cut around the problem.
const MAX_EXCERPT_CHARS: usize = 120;

impl Excerpt {
    /// The excerpt of `source` at 1-based `line`, underlining from 1-based `column`: a whole
    /// `key: value` is narrowed to the value, since the value is what needs fixing.
    pub fn from_source(source: &str, line: usize, column: usize) -> Option<Excerpt> {
        let text = source.lines().nth(line.checked_sub(1)?)?;
        Some(Excerpt::from_line(text, column))
    }

    /// [`Excerpt::from_source`] for the text of the line itself.
    pub fn from_line(text: &str, column: usize) -> Excerpt {
        let text = text.trim_end();
        let chars: Vec<char> = text.chars().collect();
        if column > chars.len() {
            return Excerpt::cut(&chars, chars.len(), 1);
        }
        let mut start = column.saturating_sub(1).min(chars.len());
        let rest: String = chars[start..].iter().take(MAX_EXCERPT_CHARS * 2).collect();
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
        Excerpt::cut(&chars, start, len)
    }

    /// The excerpt of `chars` underlining `len` characters from `start`, cut to at most
    /// [`MAX_EXCERPT_CHARS`] around the start (a 200 KB line is not printed whole).
    fn cut(chars: &[char], start: usize, len: usize) -> Excerpt {
        if chars.len() <= MAX_EXCERPT_CHARS {
            let text = chars.iter().collect();
            return Excerpt { text, start, len };
        }
        let from = start.saturating_sub(MAX_EXCERPT_CHARS / 4);
        let to = (from + MAX_EXCERPT_CHARS).min(chars.len());
        let lead = usize::from(from > 0);
        let mut text: String = if from > 0 {
            "…".into()
        } else {
            String::new()
        };
        text.extend(&chars[from..to]);
        if to < chars.len() {
            text.push('…');
        }
        Excerpt {
            text,
            start: start - from + lead,
            len: len.min(to.saturating_sub(start)).max(1),
        }
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
    pub fn with_source(self, source: &str) -> Self {
        let text = self
            .line
            .and_then(|line| source.lines().nth(line.checked_sub(1)?));
        match text {
            Some(text) => self.with_line_text(text),
            None => self,
        }
    }

    /// [`Diagnostic::with_source`] given the text of the diagnostic's line itself (what a
    /// caller reporting many problems in one file looks up once per line, not per problem).
    pub fn with_line_text(mut self, text: &str) -> Self {
        if self.line.is_none() {
            return self;
        }
        let column = self.column.unwrap_or(1);
        let key = self
            .field
            .as_deref()
            .and_then(|f| f.rsplit('.').next())
            .map(|k| format!("{k}: "));
        let mut excerpt = Excerpt::from_line(text, column);
        if let Some(at) = key.and_then(|key| text.find(&key).map(|at| at + key.len())) {
            // Underline only the value of a `key: value` inside a flow mapping.
            let start = text[..at].chars().count();
            let value: String = text[at..]
                .chars()
                .take_while(|c| !matches!(c, ',' | '}'))
                .collect();
            let chars: Vec<char> = text.trim_end().chars().collect();
            let len = value.trim_end().chars().count().max(1);
            excerpt = Excerpt::cut(&chars, start.min(chars.len()), len);
        }
        self.excerpt = Some(excerpt);
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
        write!(f, "{}", printable(&self.file.display().to_string()))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            let field = printable(field);
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
        write!(f, "{}", printable(&self.message))?;
        if let (Some(excerpt), Some(line)) = (&self.excerpt, self.line) {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            // The line as printed, and the columns each of its characters takes.
            let mut text = String::new();
            let widths: Vec<usize> = excerpt
                .text
                .chars()
                .map(|c| match push_printable(&mut text, c) {
                    1 => display_width(c),
                    n => n,
                })
                .collect();
            let lead: usize = widths.iter().take(excerpt.start).sum();
            let under: usize = widths.iter().skip(excerpt.start).take(excerpt.len).sum();
            write!(
                f,
                "\n{pad} |\n{number} | {text}\n{pad} | {}{}",
                " ".repeat(lead),
                "^".repeat(under.max(1))
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(
                f,
                "\n  {}{}",
                crate::i18n::t("提示：", "hint: "),
                printable(hint)
            )?;
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
    #[error("{}{}", printable(&path.display().to_string()), io_text(.source))]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A template failed to compile or render.
    #[error("{}{}", crate::i18n::t("模板错误：", "template error: "), printable(.0))]
    Template(String),
    /// A chart could not be drawn.
    #[error("{}", crate::i18n::t(format!("图表 `{}`：{}", printable(chart), printable(message)), format!("chart `{}`: {}", printable(chart), printable(message))))]
    Chart {
        /// Which chart.
        chart: String,
        /// Why.
        message: String,
    },
    /// The command line asked for something impossible.
    #[error("{}", printable(.0))]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_cannot_drive_the_terminal_or_start_a_line() {
        assert_eq!(printable("床位"), "床位");
        assert_eq!(
            printable("a\u{1b}[31mb\n::error::x\r\u{202e}"),
            "a\\u{1b}[31mb\\n::error::x\\r\\u{202e}"
        );
        let d = Diagnostic::file("a\nb.yaml", "未知指标“x\n::warning::y”")
            .with_field("targets[0].indicator")
            .at(2, 1)
            .with_source("a: 1\nindicator: \"\u{1b}[2J\tz\"\n")
            .with_hint("h\u{7}");
        let shown = d.to_string();
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown:?}"
        );
        assert!(!shown.lines().any(|l| l.starts_with("::")), "{shown}");
        // The underline still starts under the value, escapes counted as printed.
        let lines: Vec<&str> = shown.lines().collect();
        let source = lines.iter().find(|l| l.starts_with("2 |")).unwrap();
        let marks = lines.iter().find(|l| l.contains('^')).unwrap();
        assert_eq!(source.find("\"\\u{1b}"), marks.find('^'), "{shown}");
        assert_eq!(source.len(), marks.len(), "{shown}");
        let io = Error::io("out\n::error::x", std::io::Error::other("denied"));
        assert!(!io.to_string().contains('\n'));
    }
}
