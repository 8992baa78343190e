//! A pass over YAML text before it is parsed, refusing what the parser handles badly or
//! what would be read as something other than what the editor wrote.
//!
//! The parser (libyaml) spends time proportional to the flow nesting depth on every token,
//! so `title: [[[…]]]` of 200 KB took 36 s; a text of a few megabytes in one field is
//! copied onto every page; `0x1F` is read as 31 and `!!binary` text as base64. This pass
//! follows libyaml's tokenizer closely enough to know where tokens start (quoted and block
//! scalars, plain scalars, comments, flow brackets, indentation), in time linear in the
//! text, and stops at the first problem with its line and column.
//!
//! Where it is unsure it keeps scanning rather than skipping text, so a deep nesting can
//! never hide from it; the price is that text the parser would have refused anyway may be
//! refused here with another message.

/// Deepest flow nesting (`[` and `{`) accepted. Content needs two or three levels.
pub const MAX_FLOW_DEPTH: usize = 32;

/// Longest single value accepted, in characters (counted as written, with line breaks and
/// indentation of a multi-line value). The longest in the bundled site is about 500.
pub const MAX_SCALAR_CHARS: usize = 10_000;

/// What the pass refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `[` or `{` nested deeper than [`MAX_FLOW_DEPTH`].
    TooDeep,
    /// A tag such as `!!binary` or `!foo`.
    Tag(String),
    /// A number written in hexadecimal, octal or binary (`0x1F`, `0o17`, `0b11`).
    RadixNumber(String),
    /// A value longer than [`MAX_SCALAR_CHARS`]; its length in characters.
    LongScalar(usize),
    /// A second YAML document (`---` after content, or content after `...`).
    SecondDocument,
}

/// A problem and where it starts: 1-based line (counting `\n`, as editors do) and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// What is wrong.
    pub problem: Problem,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Scans `text`; the first problem found, if any.
pub fn scan(text: &str) -> Result<(), Found> {
    Scanner::new(text.as_bytes(), true).run()
}

/// The deepest flow nesting in `text`, reporting nothing (for comparing with libyaml).
#[cfg(test)]
fn deepest(text: &str) -> usize {
    let mut scanner = Scanner::new(text.as_bytes(), false);
    let _ = scanner.run();
    scanner.deepest
}

/// Position of a possible simple key (`key:` on one line) in block context.
#[derive(Clone, Copy)]
struct KeyMark {
    break_line: usize,
    index: usize,
    column: usize,
}

struct Scanner<'a> {
    b: &'a [u8],
    pos: usize,
    /// Line for messages: `\n` seen so far.
    line: usize,
    /// Start of the current message line (byte offset), for columns in messages.
    line_start: usize,
    /// libyaml's line: every line break it knows (CR, LF, CRLF, NEL, LS, PS).
    break_line: usize,
    /// libyaml's column and character index.
    column: usize,
    index: usize,
    flow: usize,
    indent: isize,
    indents: Vec<isize>,
    simple_key_allowed: bool,
    key: Option<KeyMark>,
    seen_content: bool,
    document_ended: bool,
    /// Report problems (false: only measure [`Scanner::deepest`]).
    strict: bool,
    deepest: usize,
}

impl<'a> Scanner<'a> {
    fn new(b: &'a [u8], strict: bool) -> Self {
        Scanner {
            b,
            // libyaml's reader takes a byte-order mark at the very start as the encoding.
            pos: if b.starts_with("\u{feff}".as_bytes()) {
                3
            } else {
                0
            },
            line: 0,
            line_start: 0,
            break_line: 0,
            column: 0,
            index: 0,
            flow: 0,
            indent: -1,
            indents: Vec::new(),
            simple_key_allowed: true,
            key: None,
            seen_content: false,
            document_ended: false,
            strict,
            deepest: 0,
        }
    }

    fn at(&self, offset: usize) -> u8 {
        self.b.get(self.pos + offset).copied().unwrap_or(0)
    }

    /// Length in bytes of the line break at `pos + offset`, 0 when there is none.
    fn break_len(&self, offset: usize) -> usize {
        match (self.at(offset), self.at(offset + 1), self.at(offset + 2)) {
            (b'\r', b'\n', _) => 2,
            (b'\r' | b'\n', _, _) => 1,
            (0xC2, 0x85, _) => 2,
            (0xE2, 0x80, 0xA8 | 0xA9) => 3,
            _ => 0,
        }
    }

    fn is_blank(&self, offset: usize) -> bool {
        matches!(self.at(offset), b' ' | b'\t')
    }

    /// Blank, line break or end of text (libyaml's `IS_BLANKZ`).
    fn is_blankz(&self, offset: usize) -> bool {
        self.is_blank(offset) || self.break_len(offset) > 0 || self.pos + offset >= self.b.len()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.b.len()
    }

    /// Moves over one character (not a line break).
    fn bump(&mut self) {
        let width = match self.at(0) {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        self.pos = (self.pos + width).min(self.b.len());
        self.column += 1;
        self.index += 1;
    }

    /// Moves over the line break at `pos`, if any; whether there was one.
    fn skip_break(&mut self) -> bool {
        let len = self.break_len(0);
        if len == 0 {
            return false;
        }
        if self.b[self.pos..self.pos + len].contains(&b'\n') {
            self.line += 1;
            self.line_start = self.pos + len;
        }
        self.pos += len;
        self.break_line += 1;
        self.column = 0;
        self.index += 1;
        true
    }

    fn found(&self, problem: Problem, at: usize, line: usize, line_start: usize) -> Found {
        let column = String::from_utf8_lossy(&self.b[line_start..at.max(line_start)])
            .chars()
            .count();
        Found {
            problem,
            line: line + 1,
            column: column + 1,
        }
    }

    fn here(&self, problem: Problem) -> Found {
        self.found(problem, self.pos, self.line, self.line_start)
    }

    fn document_indicator(&self) -> bool {
        self.column == 0
            && ((self.at(0) == b'-' && self.at(1) == b'-' && self.at(2) == b'-')
                || (self.at(0) == b'.' && self.at(1) == b'.' && self.at(2) == b'.'))
            && self.is_blankz(3)
    }

    fn roll_indent(&mut self, column: usize) {
        if self.flow == 0 && self.indent < column as isize {
            self.indents.push(self.indent);
            self.indent = column as isize;
        }
    }

    fn unroll_indent(&mut self, column: isize) {
        if self.flow != 0 {
            return;
        }
        while self.indent > column {
            self.indent = self.indents.pop().unwrap_or(-1);
        }
    }

    fn save_simple_key(&mut self) {
        if self.flow == 0 && self.simple_key_allowed {
            self.key = Some(KeyMark {
                break_line: self.break_line,
                index: self.index,
                column: self.column,
            });
        }
    }

    fn remove_simple_key(&mut self) {
        if self.flow == 0 {
            self.key = None;
        }
    }

    /// A token that is content (not a comment, directive or document marker) starts here.
    fn content(&mut self) -> Result<(), Found> {
        if self.document_ended && self.strict {
            return Err(self.here(Problem::SecondDocument));
        }
        self.seen_content = true;
        Ok(())
    }

    fn run(&mut self) -> Result<(), Found> {
        loop {
            self.skip_to_next_token();
            if let Some(key) = self.key {
                if key.break_line < self.break_line || key.index + 1024 < self.index {
                    self.key = None;
                }
            }
            self.unroll_indent(self.column as isize);
            if self.at_end() {
                return Ok(());
            }
            self.token()?;
        }
    }

    /// libyaml's `scan_skip_to_next_token`: spaces, comments and line breaks.
    fn skip_to_next_token(&mut self) {
        loop {
            if self.column == 0 && self.b[self.pos..].starts_with("\u{feff}".as_bytes()) {
                self.bump();
            }
            while self.at(0) == b' '
                || ((self.flow > 0 || !self.simple_key_allowed) && self.at(0) == b'\t')
            {
                self.bump();
            }
            if self.at(0) == b'#' {
                while !self.at_end() && self.break_len(0) == 0 {
                    self.bump();
                }
            }
            if !self.skip_break() {
                return;
            }
            if self.flow == 0 {
                self.simple_key_allowed = true;
            }
        }
    }

    fn token(&mut self) -> Result<(), Found> {
        let c = self.at(0);
        if self.column == 0 && c == b'%' {
            self.unroll_indent(-1);
            self.remove_simple_key();
            self.simple_key_allowed = false;
            while !self.at_end() && self.break_len(0) == 0 {
                self.bump();
            }
            return Ok(());
        }
        if self.document_indicator() {
            let start = c == b'-';
            if start && (self.seen_content || self.document_ended) && self.strict {
                return Err(self.here(Problem::SecondDocument));
            }
            self.document_ended |= !start;
            self.unroll_indent(-1);
            self.remove_simple_key();
            self.simple_key_allowed = false;
            (0..3).for_each(|_| self.bump());
            return Ok(());
        }
        self.content()?;
        match c {
            b'[' | b'{' => {
                self.save_simple_key();
                self.flow += 1;
                self.deepest = self.deepest.max(self.flow);
                if self.flow > MAX_FLOW_DEPTH && self.strict {
                    return Err(self.here(Problem::TooDeep));
                }
                self.simple_key_allowed = true;
                self.bump();
            }
            b']' | b'}' => {
                self.remove_simple_key();
                self.flow = self.flow.saturating_sub(1);
                self.simple_key_allowed = false;
                self.bump();
            }
            b',' => {
                self.simple_key_allowed = true;
                self.bump();
            }
            b'-' if self.is_blankz(1) => {
                self.roll_indent(self.column);
                self.remove_simple_key();
                self.simple_key_allowed = true;
                self.bump();
            }
            b'?' if self.flow > 0 || self.is_blankz(1) => {
                self.roll_indent(self.column);
                self.remove_simple_key();
                self.simple_key_allowed = self.flow == 0;
                self.bump();
            }
            b':' if self.flow > 0 || self.is_blankz(1) => {
                self.value();
                self.bump();
            }
            b'*' | b'&' => {
                self.save_simple_key();
                self.simple_key_allowed = false;
                self.bump();
                while self.at(0).is_ascii_alphanumeric() || matches!(self.at(0), b'_' | b'-') {
                    self.bump();
                }
            }
            b'!' => return Err(self.here(Problem::Tag(self.word()))),
            b'|' | b'>' if self.flow == 0 => {
                self.remove_simple_key();
                self.simple_key_allowed = true;
                self.block_scalar()?;
            }
            b'\'' | b'"' => {
                self.save_simple_key();
                self.simple_key_allowed = false;
                self.quoted_scalar(c)?;
            }
            _ if self.plain_can_start(c) => {
                self.save_simple_key();
                self.simple_key_allowed = false;
                self.plain_scalar()?;
            }
            // The parser stops here with an error; going on costs nothing and hides nothing.
            _ => self.bump(),
        }
        Ok(())
    }

    /// A `:` that ends a key: the key's column opens a block mapping.
    fn value(&mut self) {
        if self.flow > 0 {
            self.simple_key_allowed = false;
            return;
        }
        match self.key.take() {
            Some(key) => {
                self.roll_indent(key.column);
                self.simple_key_allowed = false;
            }
            None => {
                self.roll_indent(self.column);
                self.simple_key_allowed = true;
            }
        }
    }

    /// The text from `pos` to the next blank, for messages.
    fn word(&self) -> String {
        let end = (self.pos..self.b.len())
            .find(|&i| matches!(self.b[i], b' ' | b'\t' | b'\r' | b'\n'))
            .unwrap_or(self.b.len())
            .min(self.pos + 40);
        String::from_utf8_lossy(&self.b[self.pos..end]).into_owned()
    }

    fn plain_can_start(&self, c: u8) -> bool {
        let indicator = self.is_blankz(0) || b"-?:,[]{}#&*!|>'\"%@`".contains(&c);
        !indicator
            || (c == b'-' && !self.is_blank(1))
            || (self.flow == 0 && matches!(c, b'?' | b':') && !self.is_blankz(1))
    }

    /// Refuses a value longer than [`MAX_SCALAR_CHARS`] that started at `start`.
    fn check_length(&self, start: (usize, usize, usize), end: usize) -> Result<(), Found> {
        let (at, line, line_start) = start;
        if end - at <= MAX_SCALAR_CHARS || !self.strict {
            return Ok(());
        }
        let chars = String::from_utf8_lossy(&self.b[at..end]).chars().count();
        if chars > MAX_SCALAR_CHARS {
            return Err(self.found(Problem::LongScalar(chars), at, line, line_start));
        }
        Ok(())
    }

    fn mark(&self) -> (usize, usize, usize) {
        (self.pos, self.line, self.line_start)
    }

    fn plain_scalar(&mut self) -> Result<(), Found> {
        let start = self.mark();
        let mut end = self.pos;
        let mut leading_blanks = false;
        let indent = self.indent + 1;
        loop {
            if self.document_indicator() || self.at(0) == b'#' {
                break;
            }
            while !self.is_blankz(0) {
                let c = self.at(0);
                let ends = (c == b':' && self.is_blankz(1))
                    || (self.flow > 0
                        && (matches!(c, b',' | b'[' | b']' | b'{' | b'}')
                            || (c == b':' && b",?[]{}".contains(&self.at(1)))));
                if ends {
                    break;
                }
                self.bump();
                end = self.pos;
            }
            if !(self.is_blank(0) || self.break_len(0) > 0) {
                break;
            }
            while self.is_blank(0) || self.break_len(0) > 0 {
                if !self.skip_break() {
                    self.bump();
                } else {
                    leading_blanks = true;
                }
            }
            if self.flow == 0 && (self.column as isize) < indent {
                break;
            }
        }
        self.simple_key_allowed = leading_blanks;
        self.check_length(start, end)?;
        let text = &self.b[start.0..end];
        if self.strict && is_radix_number(text) {
            let (at, line, line_start) = start;
            let text = String::from_utf8_lossy(text).into_owned();
            return Err(self.found(Problem::RadixNumber(text), at, line, line_start));
        }
        Ok(())
    }

    fn quoted_scalar(&mut self, quote: u8) -> Result<(), Found> {
        let start = self.mark();
        self.bump();
        while !self.at_end() {
            if self.document_indicator() {
                break;
            }
            let c = self.at(0);
            if c == quote {
                self.bump();
                if quote == b'\'' && self.at(0) == b'\'' {
                    self.bump();
                    continue;
                }
                break;
            }
            if c == b'\\' && quote == b'"' {
                self.bump();
            }
            if !self.skip_break() && !self.at_end() {
                self.bump();
            }
        }
        self.check_length(start, self.pos)
    }

    /// libyaml's `scan_block_scalar`: header, then lines indented at least the content's
    /// indentation (found from the first non-empty line unless the header gives it).
    fn block_scalar(&mut self) -> Result<(), Found> {
        self.bump();
        let mut increment = 0isize;
        if matches!(self.at(0), b'+' | b'-') {
            self.bump();
            if self.at(0).is_ascii_digit() {
                increment = (self.at(0) - b'0') as isize;
                self.bump();
            }
        } else if self.at(0).is_ascii_digit() {
            increment = (self.at(0) - b'0') as isize;
            self.bump();
            if matches!(self.at(0), b'+' | b'-') {
                self.bump();
            }
        }
        while self.is_blank(0) {
            self.bump();
        }
        if self.at(0) == b'#' {
            while !self.at_end() && self.break_len(0) == 0 {
                self.bump();
            }
        }
        if !self.skip_break() {
            // The parser refuses anything else after the header; scanning goes on as usual.
            return Ok(());
        }
        let start = self.mark();
        let mut indent = match increment {
            0 => 0,
            n if self.indent >= 0 => self.indent + n,
            n => n,
        };
        self.block_breaks(&mut indent);
        while self.column as isize == indent && !self.at_end() {
            while !self.at_end() && self.break_len(0) == 0 {
                self.bump();
            }
            if !self.skip_break() {
                break;
            }
            self.block_breaks(&mut indent);
        }
        self.check_length(start, self.pos)
    }

    /// Blank lines and indentation before a block scalar's next line; finds the
    /// indentation when it is still 0.
    fn block_breaks(&mut self, indent: &mut isize) {
        let mut max_indent = 0isize;
        loop {
            while (*indent == 0 || (self.column as isize) < *indent) && self.at(0) == b' ' {
                self.bump();
            }
            max_indent = max_indent.max(self.column as isize);
            if !self.skip_break() {
                break;
            }
        }
        if *indent == 0 {
            *indent = max_indent.max(self.indent + 1).max(1);
        }
    }
}

/// Whether a plain value is an integer the parser reads in base 16, 8 or 2 (`0x1F` is 31).
fn is_radix_number(text: &[u8]) -> bool {
    let digits = text
        .strip_prefix(b"+")
        .or(text.strip_prefix(b"-"))
        .unwrap_or(text);
    let Some(rest) = digits.strip_prefix(b"0") else {
        return false;
    };
    let (radix, rest): (u32, &[u8]) = match rest.split_first() {
        Some((b'x', rest)) => (16, rest),
        Some((b'o', rest)) => (8, rest),
        Some((b'b', rest)) => (2, rest),
        _ => return false,
    };
    !rest.is_empty() && rest.iter().all(|&c| (c as char).is_digit(radix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> Option<(Problem, usize, usize)> {
        scan(text).err().map(|f| (f.problem, f.line, f.column))
    }

    #[test]
    fn ordinary_content_passes() {
        for text in [
            "title: 测试方案\nregion: { province: 山西省, county: 云州区 }\n",
            "targets:\n  - id: a\n    value: 3.5\n    source: \"到 2025 年[1]\"\n",
            "source: 文件[2023]12号 [[[[ 不是嵌套\n",
            "note: |\n  [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n  {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\nnext: 1\n",
            "a: 'it''s [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\n",
            "# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\nx: 1 # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n",
            "---\ntitle: x\n...\n",
            "doc_no: 0x\nindex_no: 0x1G\nyear: 0017\n",
            "title: \"0x1F\"\n",
        ] {
            assert_eq!(problem(text), None, "{text}");
        }
    }

    #[test]
    fn deep_flow_nesting_is_refused_at_its_bracket() {
        let text = format!("title: x\nvalue: {}1{}\n", "[".repeat(40), "]".repeat(40));
        assert_eq!(
            problem(&text),
            Some((Problem::TooDeep, 2, 8 + MAX_FLOW_DEPTH))
        );
        let ok = format!("value: {}1{}\n", "[".repeat(32), "]".repeat(32));
        assert_eq!(problem(&ok), None);
        let mixed = format!("v: {}\n", "{a: [".repeat(20));
        assert!(matches!(problem(&mixed), Some((Problem::TooDeep, 1, _))));
    }

    #[test]
    fn nesting_cannot_hide_behind_quotes_or_block_scalars() {
        let deep = "[".repeat(40);
        for text in [
            // A quote inside a plain value is text, not the start of a quoted value.
            format!("a: it's\nb: {deep}\n"),
            format!("a: [it's, {deep}\n"),
            format!("a: x\n  'y\nb: {deep}\n"),
            // A block scalar ends at a line less indented than its first line.
            format!("- k: |\n      text\n  other: {deep}\n"),
            format!("k: |\n  text\nb: {deep}\n"),
            format!("k: \"a\"#'\nb: {deep}\n"),
            format!("a:\n  b: |\n c\n  d: {deep}\n"),
        ] {
            assert!(
                matches!(problem(&text), Some((Problem::TooDeep, _, _))),
                "{text}"
            );
        }
    }

    #[test]
    fn tags_and_radix_numbers_are_refused() {
        assert_eq!(
            problem("title: !!binary aGVsbG8=\n"),
            Some((Problem::Tag("!!binary".into()), 1, 8))
        );
        assert_eq!(
            problem("a:\n  value: 0x1F\n"),
            Some((Problem::RadixNumber("0x1F".into()), 2, 10))
        );
        for number in ["0o17", "0b11", "-0x1F", "+0x1F"] {
            assert!(
                matches!(
                    problem(&format!("v: {number}\n")),
                    Some((Problem::RadixNumber(_), 1, 4))
                ),
                "{number}"
            );
        }
        assert!(problem("v: [1, 0x10]\n").is_some());
    }

    #[test]
    fn a_second_document_is_named_by_its_line() {
        assert_eq!(
            problem("title: a\n---\ntitle: b\n"),
            Some((Problem::SecondDocument, 2, 1))
        );
        assert_eq!(
            problem("title: a\n...\ntitle: b\n"),
            Some((Problem::SecondDocument, 3, 1))
        );
        assert_eq!(problem("---\ntitle: a\n"), None);
    }

    #[test]
    fn long_values_are_refused_at_their_start() {
        let long = "长".repeat(MAX_SCALAR_CHARS + 1);
        assert_eq!(
            problem(&format!("a: 1\ntitle: {long}\n")),
            Some((Problem::LongScalar(MAX_SCALAR_CHARS + 1), 2, 8))
        );
        assert!(problem(&format!("t: \"{long}\"\n")).is_some());
        assert!(problem(&format!("t: |\n  {long}\n")).is_some());
        // Counted in characters, not bytes: 4,000 CJK characters are 12,000 bytes.
        assert_eq!(problem(&format!("t: {}\n", "长".repeat(4000))), None);
    }

    /// The deepest flow nesting libyaml's tokenizer reaches before it stops (at the end or
    /// at an error): what the parser under serde_yaml goes through.
    fn libyaml_deepest(text: &str) -> (usize, bool) {
        use std::mem::MaybeUninit;
        use unsafe_libyaml::*;
        let (mut depth, mut deepest) = (0usize, 0usize);
        // SAFETY: the parser is initialised before use and deleted once; each token is
        // deleted after it is read; `text` outlives the parser.
        unsafe {
            let mut parser = MaybeUninit::<yaml_parser_t>::uninit();
            if !yaml_parser_initialize(parser.as_mut_ptr()).ok {
                return (0, false);
            }
            let parser = parser.as_mut_ptr();
            yaml_parser_set_input_string(parser, text.as_ptr(), text.len() as u64);
            let finished = loop {
                let mut token = MaybeUninit::<yaml_token_t>::uninit();
                if !yaml_parser_scan(parser, token.as_mut_ptr()).ok {
                    break false;
                }
                let token = token.as_mut_ptr();
                let kind = (*token).type_;
                yaml_token_delete(token);
                match kind {
                    YAML_FLOW_SEQUENCE_START_TOKEN | YAML_FLOW_MAPPING_START_TOKEN => {
                        depth += 1;
                        deepest = deepest.max(depth);
                    }
                    YAML_FLOW_SEQUENCE_END_TOKEN | YAML_FLOW_MAPPING_END_TOKEN => {
                        depth = depth.saturating_sub(1)
                    }
                    YAML_STREAM_END_TOKEN => break true,
                    _ => {}
                }
            };
            yaml_parser_delete(parser);
            (deepest, finished)
        }
    }

    const PIECES: &[&str] = &[
        "[", "]", "{", "}", ",", ":", ": ", "- ", "? ", "'", "\"", "\\", "#", " #", "|", ">", "|2",
        ">-", "a", "b c", "0", "\n", "\n  ", "\n    ", "  ", "\t", "---", "...", "&a ", "*a",
        "\r\n", "长", "-", "%", "''", "\u{2028}", "\u{85}", "k: ", "- k: ", "x:y", "\n ",
        "\n k: |", "\n  k: >", "\n   ", "\u{feff}",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        /// The pass never sees less nesting than libyaml goes through, and sees exactly as
        /// much when libyaml reads the whole text without an error.
        #[test]
        fn never_underestimates_libyaml(pieces in proptest::collection::vec(0..PIECES.len(), 0..60)) {
            let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
            let (theirs, finished) = libyaml_deepest(&text);
            let ours = deepest(&text);
            proptest::prop_assert!(ours >= theirs, "ours {} < libyaml {} for {:?}", ours, theirs, text);
            if finished {
                proptest::prop_assert_eq!(ours, theirs, "for {:?}", text);
            }
        }
    }
}
