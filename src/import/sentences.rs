//! Sentences with their context: the heading they fall under and the deadline they
//! inherit from an earlier sentence of the same paragraph (到 2025 年, … 。… also by 2025).

use super::dates::{find_deadline, Deadline};
use super::script::fold;
use super::text::{is_clause_punct, list_marker_len};

/// One sentence of the document.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// The sentence as written (list marker removed, trimmed), ending punctuation kept.
    pub text: String,
    /// Its characters.
    pub chars: Vec<char>,
    /// Folded characters (same positions).
    pub folded: Vec<char>,
    /// Index of its paragraph.
    pub paragraph: usize,
    /// Position within the paragraph (0 = first).
    pub index_in_paragraph: usize,
    /// The nearest heading above (without its list marker), e.g. 特色专科及人才队伍建设.
    pub section: Option<String>,
    /// Whether this sentence is itself a heading.
    pub is_heading: bool,
    /// The deadline the sentence states.
    pub own_deadline: Option<Deadline>,
    /// The deadline inherited from an earlier sentence of the paragraph.
    pub inherited_deadline: Option<Deadline>,
    /// Whether the sentence began with a list marker.
    pub had_marker: bool,
    /// The list marker as written (一、 （一） 1. …), empty when there is none.
    pub marker: String,
    /// Outline level of the marker: 1 一、, 2 （一）, 3 1., 4 (1), 5 ①; 0 for none.
    pub level: usize,
    /// Headings in force, by outline level (index 1–5), for headings and what follows them.
    pub outline: Vec<Option<String>>,
}

impl Sentence {
    /// The deadline that applies: its own, else the inherited one.
    pub fn deadline(&self) -> Option<&Deadline> {
        self.own_deadline
            .as_ref()
            .or(self.inherited_deadline.as_ref())
    }
}

/// Whether a paragraph is a heading: short, begins with a list marker (or is one short
/// sentence without a full stop) and states nothing else.
pub fn is_heading(paragraph: &str) -> bool {
    let folded = fold(paragraph.trim());
    let n = folded.chars().count();
    let marker = list_marker_len(&folded);
    let body: String = folded.chars().skip(marker).collect();
    let body = body.trim_end_matches(['。', '.']);
    let inner_punct = body
        .chars()
        .filter(|c| is_clause_punct(*c) && *c != '、')
        .count();
    // A chapter heading (一、…) may have a comma: 一、聚焦改革创新,进一步提升…水平.
    let chapter = marker > 0
        && marker_level(&folded.chars().take(marker).collect::<String>()) == 1
        && !body.contains(['。', ';']);
    n <= 40 && (inner_punct == 0 || chapter) && (marker > 0 || !folded.ends_with('。'))
}

/// Text of a heading without its list marker and final full stop.
pub fn heading_text(paragraph: &str) -> String {
    let trimmed = paragraph.trim();
    let folded = fold(trimmed);
    let marker = list_marker_len(&folded);
    let text: String = trimmed.chars().skip(marker).collect();
    text.trim()
        .trim_end_matches(['。', '.', '．'])
        .trim()
        .to_string()
}

/// Splits paragraphs into sentences, skipping the indices in `skip` (attribute lines).
/// `year` completes dates written without a year.
pub fn split(paragraphs: &[String], skip: &[usize], year: Option<i32>) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut section: Option<String> = None;
    let mut outline: Vec<Option<String>> = vec![None; 6];
    for (p, paragraph) in paragraphs.iter().enumerate() {
        if skip.contains(&p) {
            continue;
        }
        if is_heading(paragraph) {
            let text = heading_text(paragraph);
            let chars: Vec<char> = paragraph.trim().chars().collect();
            let folded: Vec<char> = fold(paragraph.trim()).chars().collect();
            let marker: String = chars
                .iter()
                .take(list_marker_len(&folded.iter().collect::<String>()))
                .collect();
            let level = marker_level(&fold(&marker));
            set_outline(&mut outline, level, &text);
            section = Some(text);
            out.push(Sentence {
                text: paragraph.trim().to_string(),
                own_deadline: find_deadline(&folded, year),
                chars,
                folded,
                paragraph: p,
                index_in_paragraph: 0,
                section: section.clone(),
                is_heading: true,
                inherited_deadline: None,
                had_marker: true,
                marker,
                level,
                outline: outline.clone(),
            });
            continue;
        }
        let mut inherited: Option<Deadline> = None;
        let pieces = split_paragraph(paragraph.trim());
        for (k, piece) in pieces.into_iter().enumerate() {
            let folded_piece = fold(&piece);
            let marker = list_marker_len(&folded_piece);
            let marker_text: String = piece.chars().take(marker).collect();
            let level = marker_level(&fold(&marker_text));
            let text: String = piece
                .chars()
                .skip(marker)
                .collect::<String>()
                .trim()
                .to_string();
            if text.is_empty() {
                continue;
            }
            let chars: Vec<char> = text.chars().collect();
            let folded: Vec<char> = fold(&text).chars().collect();
            let masked = mask(&folded);
            let own = find_deadline(&masked, year);
            // An item title ("4.加强专科能力建设。") names the section of what follows.
            let item_title = k == 0
                && marker > 0
                && chars.len() <= 30
                && !folded
                    .iter()
                    .any(|c| matches!(c, ',' | ':') || c.is_ascii_digit());
            if item_title {
                let title = text.trim_end_matches(['。', '.']).to_string();
                set_outline(&mut outline, level, &title);
                section = Some(title);
            }
            out.push(Sentence {
                text,
                chars,
                folded,
                paragraph: p,
                index_in_paragraph: k,
                section: section.clone(),
                is_heading: item_title,
                own_deadline: own.clone(),
                inherited_deadline: if own.is_none() {
                    inherited.clone()
                } else {
                    None
                },
                had_marker: marker > 0,
                marker: marker_text.trim().to_string(),
                level,
                outline: outline.clone(),
            });
            // Later sentences of the paragraph fall under a deadline that opens it
            // (2019 年 4 月-6 月，… / 到 2025 年,…), not under one stated in passing.
            if let Some(d) = own.filter(|d| opens_sentence(&masked, d)) {
                inherited = Some(d);
            }
        }
    }
    out
}

/// The outline level of a (folded) list marker: 一、 → 1, (一) → 2, 1. → 3, (1) → 4,
/// ① → 5, none → 0.
pub fn marker_level(marker: &str) -> usize {
    let m = marker.trim();
    let Some(first) = m.chars().next() else {
        return 0;
    };
    if first == '(' {
        return if m.chars().nth(1).is_some_and(|c| c.is_ascii_digit()) {
            4
        } else {
            2
        };
    }
    if first.is_ascii_digit() {
        return 3;
    }
    if ('\u{2460}'..='\u{2473}').contains(&first) {
        return 5;
    }
    if m.ends_with('、') {
        return 1;
    }
    0
}

fn set_outline(outline: &mut [Option<String>], level: usize, text: &str) {
    if level == 0 || level >= outline.len() {
        return;
    }
    outline[level] = Some(text.to_string());
    for deeper in outline.iter_mut().skip(level + 1) {
        *deeper = None;
    }
}

/// Whether a deadline opens its sentence or is introduced by 到/至.
fn opens_sentence(folded: &[char], d: &Deadline) -> bool {
    let start = d.span.0;
    let lead: String = folded[..start.min(folded.len())].iter().collect();
    let lead = lead.trim();
    lead.chars().count() <= 3 || lead.ends_with('到') || lead.ends_with('至')
}

/// Splits a paragraph after 。；; ! ? outside brackets and quotation marks.
fn split_paragraph(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut depth = 0i32;
    for c in paragraph.chars() {
        current.push(c);
        match super::script::fold_char(c) {
            '(' | '“' | '《' | '[' => depth += 1,
            ')' | '”' | '》' | ']' => depth = (depth - 1).max(0),
            '。' | ';' | '!' | '?' if depth == 0 => {
                out.push(std::mem::take(&mut current));
            }
            _ => {}
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Replaces the inside of 《titles》 with placeholders so that dates and numbers in cited
/// titles are not read as the document's own.
pub fn mask(folded: &[char]) -> Vec<char> {
    let mut out = folded.to_vec();
    for (a, b) in masked_spans(folded) {
        for c in out.iter_mut().take(b).skip(a) {
            *c = '░';
        }
    }
    out
}

/// Spans inside 《》 (including the marks).
pub fn masked_spans(folded: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for (open, close) in [('《', '》')] {
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in folded.iter().enumerate() {
            if *c == open {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            } else if *c == close && depth > 0 {
                depth -= 1;
                if depth == 0 {
                    spans.push((start, i + 1));
                }
            }
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_inherits() {
        let paragraphs = vec![
            "13.加强信息化支撑建设。到 2025 年,区人民医院电子病历应用水平分级达到 4 级。区级医疗机构智慧服务分级评估达到 2 级以上。".to_string(),
        ];
        let s = split(&paragraphs, &[], Some(2023));
        assert_eq!(s.len(), 3);
        assert!(s[0].is_heading);
        assert_eq!(s[0].text, "加强信息化支撑建设。");
        assert_eq!(
            s[1].own_deadline.as_ref().map(|d| d.due.to_string()),
            Some("2025".into())
        );
        assert_eq!(
            s[2].deadline().map(|d| d.due.to_string()),
            Some("2025".into())
        );
        assert_eq!(s[2].section.as_deref(), Some("加强信息化支撑建设"));
    }

    #[test]
    fn headings() {
        assert!(is_heading("（一）特色专科及人才队伍建设。"));
        assert!(is_heading("(一)启动阶段(2023年8月-9月)"));
        assert!(is_heading("一、工作目标"));
        assert!(!is_heading(
            "(一)强化组织领导。成立由县长任组长,主管副县长任副组长。"
        ));
    }

    #[test]
    fn masks_titles() {
        let f: Vec<char> = "深入贯彻《行动计划(2023-2025 年)》。".chars().collect();
        let m: String = mask(&f).into_iter().collect();
        assert!(!m.contains("2023"));
    }
}
