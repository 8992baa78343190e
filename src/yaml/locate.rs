//! Finding the line of a field path (`targets[2].indicator`) in YAML text, for messages
//! about values the parser accepted but validation refused.
//!
//! A best-effort, indentation-based walk: enough to point a data editor at the right line.
//! Each block's keys and list items are listed once and kept, so a file with 20,000
//! problems is read a few times over, not 20,000 times.

use std::collections::HashMap;

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

/// The lines of one YAML text and what has been found in them so far.
pub struct Locator<'a> {
    lines: Vec<&'a str>,
    /// Per block (range and the indent it is deeper than): each key's first line.
    keys: HashMap<(usize, usize, isize), HashMap<&'a str, usize>>,
    /// Per block: the lines of its list items, in order.
    items: HashMap<(usize, usize, isize), Vec<usize>>,
    /// Per opening line and indent: the first line after its block.
    ends: HashMap<(usize, usize), usize>,
}

impl<'a> Locator<'a> {
    /// Splits `text` into lines; nothing else is done until asked.
    pub fn new(text: &'a str) -> Self {
        Locator {
            lines: text.lines().collect(),
            keys: HashMap::new(),
            items: HashMap::new(),
            ends: HashMap::new(),
        }
    }

    /// The text of 1-based line `line`.
    pub fn line(&self, line: usize) -> Option<&'a str> {
        self.lines.get(line.checked_sub(1)?).copied()
    }

    /// The 1-based line and column of a field path in block-style YAML. Returns the
    /// deepest position reached when the path leaves block style (e.g. a flow mapping
    /// `{ … }`).
    pub fn locate(&mut self, path: &str) -> Option<(usize, usize)> {
        let mut range = (0usize, self.lines.len());
        let mut min_indent: isize = -1;
        let mut found: Option<(usize, usize)> = None;
        for step in field_path(path) {
            let hit = match &step {
                Step::Key(key) => self.find_key(range, min_indent, key),
                Step::Index(i) => self.find_item(range, min_indent, *i),
            };
            let Some((line, indent)) = hit else {
                break;
            };
            found = Some((line + 1, indent + 1));
            range = (line, self.block_end(line, indent));
            min_indent = indent as isize;
        }
        found
    }

    /// Line index and indent of `key:` inside `range`, deeper than `min_indent`.
    fn find_key(
        &mut self,
        range: (usize, usize),
        min_indent: isize,
        key: &str,
    ) -> Option<(usize, usize)> {
        let lines = &self.lines;
        let keys = self
            .keys
            .entry((range.0, range.1, min_indent))
            .or_insert_with(|| block_keys(lines, range, min_indent));
        let line = *keys.get(key)?;
        Some((line, key_indent(self.lines[line]).0))
    }

    /// Line index and indent of the `index`-th list item inside `range`.
    fn find_item(
        &mut self,
        range: (usize, usize),
        min_indent: isize,
        index: usize,
    ) -> Option<(usize, usize)> {
        let lines = &self.lines;
        let items = self
            .items
            .entry((range.0, range.1, min_indent))
            .or_insert_with(|| block_items(lines, range, min_indent));
        let line = *items.get(index)?;
        Some((line, indent_of(self.lines[line])))
    }

    fn block_end(&mut self, start: usize, indent: usize) -> usize {
        let lines = &self.lines;
        *self
            .ends
            .entry((start, indent))
            .or_insert_with(|| block_end(lines, start, indent))
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// The indent of a line's first key (an item line "- key: v" holds it after the dash)
/// and the text from there.
fn key_indent(line: &str) -> (usize, &str) {
    let mut indent = indent_of(line);
    let mut rest = &line[indent..];
    while let Some(after) = rest.strip_prefix("- ") {
        indent += 2;
        rest = after;
    }
    (indent, rest)
}

/// Every key at the block's own level (the indent of its first line deeper than
/// `min_indent`), each with the first line it is on.
fn block_keys<'a>(
    lines: &[&'a str],
    range: (usize, usize),
    min_indent: isize,
) -> HashMap<&'a str, usize> {
    let mut keys = HashMap::new();
    let mut level: Option<usize> = None;
    for (i, line) in lines.iter().enumerate().take(range.1).skip(range.0) {
        if !is_content(line) {
            continue;
        }
        let (indent, rest) = key_indent(line);
        if (indent as isize) <= min_indent {
            continue;
        }
        if *level.get_or_insert(indent) != indent || !rest.contains(':') {
            continue;
        }
        let name = rest
            .split(':')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"');
        keys.entry(name).or_insert(i);
    }
    keys
}

/// The lines of the block's list items at its own level, in order.
fn block_items(lines: &[&str], range: (usize, usize), min_indent: isize) -> Vec<usize> {
    let mut items = Vec::new();
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
        if *level.get_or_insert(indent) == indent {
            items.push(i);
        }
    }
    items
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

    fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
        Locator::new(text).locate(path)
    }

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

    #[test]
    fn one_locator_answers_many_paths_in_linear_time() {
        let mut text = String::from("title: x\ntargets:\n");
        for i in 0..20_000 {
            text.push_str(&format!(
                "  - id: t{i}\n    indicator: nope\n    value: 1\n"
            ));
        }
        let started = std::time::Instant::now();
        let mut locator = Locator::new(&text);
        for i in 0..20_000 {
            assert_eq!(
                locator.locate(&format!("targets[{i}].indicator")),
                Some((4 + 3 * i, 5))
            );
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}
