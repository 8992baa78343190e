//! Punctuation typed with a Chinese input method where YAML needs ASCII: `deadline：2027`,
//! `{ id: h1，name: 区医院 }`, `“title”: …`, and a colon without the space after it
//! (`deadline:2027`). Each is found where it breaks the structure (a key position), pointed
//! at on its own line, and replaced in a repaired copy of the text so the rest of the file
//! can still be checked in the same run.

use crate::i18n::t;

/// One misplaced punctuation mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// 1-based line.
    pub line: usize,
    /// 0-based character index of the mark in the line.
    pub column: usize,
    /// What to say.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// Finds misplaced marks and returns them with the text repaired (same lines, so line
/// numbers of later messages still match the file).
pub fn scan(text: &str) -> (Vec<Finding>, String) {
    let mut findings = Vec::new();
    let mut repaired = String::with_capacity(text.len());
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let (fixed, mut found) = scan_line(index + 1, line);
        findings.append(&mut found);
        repaired.push_str(&fixed);
    }
    (findings, repaired)
}

/// Where a key may start in a line: after the indent and any `- `, or after `{`/`,` in a
/// flow mapping. Returns the char index where the key starts.
fn key_starts(chars: &[char]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut i = 0;
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    while i + 1 < chars.len() && chars[i] == '-' && chars[i + 1] == ' ' {
        i += 2;
        while i < chars.len() && chars[i] == ' ' {
            i += 1;
        }
    }
    starts.push(i);
    let mut quoted = None;
    let mut depth = 0usize;
    for (j, c) in chars.iter().enumerate() {
        match (quoted, c) {
            (None, '"' | '\'') => quoted = Some(*c),
            (Some(q), c) if q == *c => quoted = None,
            (None, '#') if j > 0 && chars[j - 1] == ' ' => break,
            (None, '}') => depth = depth.saturating_sub(1),
            (None, '{' | ',' | '，') if *c == '{' || depth > 0 => {
                if *c == '{' {
                    depth += 1;
                }
                let mut k = j + 1;
                while k < chars.len() && chars[k] == ' ' {
                    k += 1;
                }
                starts.push(k);
            }
            _ => {}
        }
    }
    starts
}

/// The field name starting at `at`: ASCII letters, digits and `_`, possibly in “ ” quotes.
fn key_at(chars: &[char], at: usize) -> Option<(usize, usize, bool)> {
    let curly = chars.get(at) == Some(&'“');
    let from = at + usize::from(curly);
    let mut end = from;
    while end < chars.len() && (chars[end].is_ascii_alphanumeric() || chars[end] == '_') {
        end += 1;
    }
    let starts_well = chars
        .get(from)
        .is_some_and(|c| c.is_ascii_lowercase() || *c == '_');
    if end == from || !starts_well {
        return None;
    }
    let close = curly && chars.get(end) == Some(&'”');
    Some((from, end + usize::from(close), curly))
}

fn scan_line(number: usize, line: &str) -> (String, Vec<Finding>) {
    let mut chars: Vec<char> = line.chars().collect();
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        return (line.to_string(), Vec::new());
    }
    let mut findings = Vec::new();
    let mut inserts = Vec::new();
    for start in key_starts(&chars) {
        let Some((from, end, curly)) = key_at(&chars, start) else {
            continue;
        };
        let key: String = chars[from..end].iter().filter(|c| c.is_ascii()).collect();
        if curly {
            findings.push(curly_quotes(number, start, &key));
            chars[start] = '"';
            if chars[end - 1] == '”' {
                chars[end - 1] = '"';
            }
        }
        match chars.get(end) {
            Some('：') => {
                findings.push(colon(number, end, &key));
                chars[end] = ':';
                if !chars.get(end + 1).is_some_and(|c| c.is_whitespace()) {
                    inserts.push(end + 1);
                }
            }
            Some(':') if missing_space(&chars, end) => {
                findings.push(no_space(number, end, &key));
                inserts.push(end + 1);
            }
            _ => {}
        }
    }
    for (j, c) in chars.clone().iter().enumerate() {
        if *c == '，' && comma_before_key(&chars, j) {
            findings.push(comma(number, j));
            chars[j] = ',';
        }
    }
    for at in inserts.into_iter().rev() {
        chars.insert(at, ' ');
    }
    (chars.into_iter().collect(), findings)
}

/// `key:value`: a colon followed by text, not a URL (`http://`) or a time (`12:30`).
fn missing_space(chars: &[char], colon: usize) -> bool {
    matches!(chars.get(colon + 1), Some(c) if !c.is_whitespace() && *c != '/' && *c != ':')
}

/// A full-width comma in a flow mapping, followed by the next `key:`.
fn comma_before_key(chars: &[char], at: usize) -> bool {
    let open = chars[..at].iter().rposition(|c| *c == '{');
    let close = chars[..at].iter().rposition(|c| *c == '}');
    let inside = match (open, close) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    };
    let mut k = at + 1;
    while k < chars.len() && chars[k] == ' ' {
        k += 1;
    }
    inside && key_at(chars, k).is_some_and(|(_, end, _)| matches!(chars.get(end), Some(':' | '：')))
}

fn colon(line: usize, column: usize, key: &str) -> Finding {
    Finding {
        line,
        column,
        message: t(
            format!("第 {line} 行用了中文冒号“：”，请改成英文冒号“:”并在其后加一个空格"),
            format!("line {line} uses a full-width colon “：”; type an ASCII colon “:” followed by a space"),
        ),
        hint: t(
            format!("应写作 {key}: 值（中文输入法下先切换到英文标点再输入冒号）"),
            format!("write it as `{key}: value` (switch the input method to ASCII punctuation first)"),
        ),
    }
}

fn no_space(line: usize, column: usize, key: &str) -> Finding {
    Finding {
        line,
        column,
        message: t(
            format!("第 {line} 行的冒号后面缺少空格"),
            format!("line {line} has no space after the colon"),
        ),
        hint: t(
            format!("应写作 {key}: 值（冒号后加一个空格）"),
            format!("write it as `{key}: value`, with a space after the colon"),
        ),
    }
}

fn comma(line: usize, column: usize) -> Finding {
    Finding {
        line,
        column,
        message: t(
            format!("第 {line} 行用了中文逗号“，”分隔字段，请改成英文逗号“,”"),
            format!(
                "line {line} separates fields with a full-width comma “，”; use an ASCII comma “,”"
            ),
        ),
        hint: t(
            "{ } 中的各字段之间用英文逗号分隔，例如 { id: h1, name: 区人民医院 }",
            "fields inside { } are separated by ASCII commas, e.g. { id: h1, name: 区人民医院 }",
        ),
    }
}

fn curly_quotes(line: usize, column: usize, key: &str) -> Finding {
    Finding {
        line,
        column,
        message: t(
            format!("第 {line} 行的字段名用了中文引号“ ”，请去掉引号或改成英文引号 \""),
            format!("line {line} puts the field name in full-width quotes “ ”; remove them or use ASCII quotes \""),
        ),
        hint: t(
            format!("字段名直接写作 {key}:"),
            format!("write the field name plainly: `{key}:`"),
        ),
    }
}

/// For a syntax error the parser could not explain: a full-width mark on the error line or
/// the content line before it (where the mistake usually is), as (line, hint).
pub fn near(text: &str, error_line: usize) -> Option<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let before = (1..error_line)
        .rev()
        .find(|&n| lines.get(n - 1).is_some_and(|l| is_content(l)));
    [Some(error_line), before]
        .into_iter()
        .flatten()
        .find_map(|n| {
            let line = lines.get(n.checked_sub(1)?)?;
            let code = line.split(" #").next().unwrap_or(line);
            let mark = code.chars().find(|c| "：，“”‘’".contains(*c))?;
            Some((
                n,
                t(
                    format!("第 {n} 行有中文标点“{mark}”：YAML 的冒号、逗号和引号要用英文标点（: , \"），中文标点只能出现在文字内容里"),
                    format!("line {n} has the full-width mark “{mark}”: YAML's colons, commas and quotes must be ASCII (: , \"); full-width marks belong only inside text"),
                ),
            ))
        })
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_colon_at_a_key_is_found_and_repaired() {
        let (found, fixed) = scan("targets:\n  - id: a\n    deadline：2027\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 3);
        assert!(found[0].message.contains("第 3 行用了中文冒号"));
        assert_eq!(fixed, "targets:\n  - id: a\n    deadline: 2027\n");
    }

    #[test]
    fn chinese_punctuation_inside_text_is_left_alone() {
        let text = "source: 到2027年，床位达到3.5张/千人：见“通知”。\nsource_url: http://a.b/c\n";
        let (found, fixed) = scan(text);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(fixed, text);
    }

    #[test]
    fn flow_mapping_comma_quotes_and_missing_space() {
        let (found, fixed) = scan("- { id: h1，name: 区医院 }\n“title”: x\ndeadline:2027\n");
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(
            fixed,
            "- { id: h1,name: 区医院 }\n\"title\": x\ndeadline: 2027\n"
        );
    }
}
