//! Cleaning: from decoded text to the document's own paragraphs.
//!
//! Steps, each a general rule: normalise spaces; remove pinyin left in brackets by
//! conversion tools (發(fā) → 發); turn runs of `?` (characters lost in an encoding round
//! trip) into a space where they stood for spacing and into □ (one per lost character,
//! flagged, never guessed) inside words; drop page-noise lines ([`super::noise`]);
//! collapse letter-spaced words (通 知 → 通知); rejoin sentences split across lines.

use super::noise::{classify, NoiseKind};
use super::script::{detect, fold, is_han};
use super::text::{is_clause_punct, is_sentence_end, list_marker_len};
use crate::model::Script;

/// A line dropped as page noise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedLine {
    /// The line as it was.
    pub text: String,
    /// Why it was dropped.
    pub kind: NoiseKind,
}

/// Characters lost in the source, shown as □.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LostChars {
    /// The cleaned paragraph (or a part of it) around the loss, for the reviewer.
    pub context: String,
    /// How many characters were lost there.
    pub count: usize,
}

/// The cleaned document.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    /// Paragraphs (wrapped lines rejoined), in order.
    pub paragraphs: Vec<String>,
    /// Lines dropped as noise.
    pub removed: Vec<RemovedLine>,
    /// Places where characters were lost (□ in the text).
    pub lost: Vec<LostChars>,
    /// Number of bracketed pinyin syllables removed.
    pub pinyin_removed: usize,
    /// Script of the document.
    pub script: Script,
    /// Share of convertible characters in Traditional-only forms.
    pub traditional_share: f64,
}

/// Cleans decoded text.
pub fn clean(text: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let mut lines: Vec<String> = Vec::new();
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    for raw in normalised.lines() {
        let spaced = normalise_spaces(raw);
        let (no_pinyin, removed) = strip_pinyin(&spaced);
        out.pinyin_removed += removed;
        let (line, lost) = mark_lost(&no_pinyin);
        let line = collapse_spacing(&line);
        if line.is_empty() {
            continue;
        }
        if let Some(kind) = classify(&fold(&line)) {
            out.removed.push(RemovedLine {
                text: raw.trim().to_string(),
                kind,
            });
            continue;
        }
        if lost > 0 {
            out.lost.push(LostChars {
                context: line.clone(),
                count: lost,
            });
        }
        lines.push(line);
    }
    out.paragraphs = rejoin(lines);
    let (script, share) = detect(&out.paragraphs.join("\n"));
    out.script = script;
    out.traditional_share = share;
    out
}

fn normalise_spaces(line: &str) -> String {
    line.chars()
        .filter(|c| !matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}'))
        .map(|c| match c {
            '\u{00A0}' | '\u{3000}' | '\t' | '\u{2002}'..='\u{200A}' => ' ',
            c => c,
        })
        .collect()
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || is_tone_vowel(c)
}

fn is_tone_vowel(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

/// Removes `(pīnyīn)` after characters: 1–6 lowercase latin letters in brackets, preceded
/// by a Han character or carrying a tone mark. Returns the text and how many were removed.
pub fn strip_pinyin(line: &str) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut removed = 0;
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '(' | '（') {
            let len = chars[i + 1..]
                .iter()
                .take(8)
                .take_while(|c| is_pinyin_letter(**c))
                .count();
            let close = chars.get(i + 1 + len);
            if (1..=6).contains(&len) && matches!(close, Some(')') | Some('）')) {
                let syllable = &chars[i + 1..i + 1 + len];
                let after_han = i > 0 && is_han(chars[i - 1]);
                let toned = syllable.iter().any(|c| is_tone_vowel(*c));
                if after_han || toned {
                    removed += 1;
                    i += len + 2;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    (out, removed)
}

/// Handles runs of `?` and U+FFFD: spacing at a line's start or end or next to a space,
/// otherwise lost characters shown as □ (two `?` per lost character, at least one).
/// Returns the line and the number of characters marked lost.
pub fn mark_lost(line: &str) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut lost = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '?' && c != '\u{FFFD}' {
            out.push(c);
            i += 1;
            continue;
        }
        let run = chars[i..]
            .iter()
            .take_while(|c| **c == '?' || **c == '\u{FFFD}')
            .count();
        let before = if i == 0 { None } else { Some(chars[i - 1]) };
        let after = chars.get(i + run).copied();
        let replacement_chars = chars[i..i + run].contains(&'\u{FFFD}');
        let at_edge =
            before.is_none_or(char::is_whitespace) || after.is_none_or(char::is_whitespace);
        let in_text = before.is_some_and(is_han) || after.is_some_and(is_han);
        if run == 1
            && !replacement_chars
            && !(before.is_some_and(is_han) && after.is_some_and(is_han))
        {
            // A single '?' outside Han text is punctuation or part of a URL.
            out.push('?');
        } else if at_edge || !in_text {
            out.push(' ');
        } else {
            let count = if replacement_chars {
                run
            } else {
                run.div_ceil(2)
            };
            for _ in 0..count {
                out.push('□');
            }
            lost += count;
        }
        i += run;
    }
    (out, lost)
}

/// Trims, collapses runs of spaces and joins letter-spaced Han characters (通 知 → 通知,
/// 索 引 号 → 索引号) while keeping spaces between words and numbers.
pub fn collapse_spacing(line: &str) -> String {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let mut out = String::with_capacity(line.len());
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 {
            let previous = tokens[i - 1];
            let single = |t: &str| {
                let mut cs = t.chars();
                matches!((cs.next(), cs.next()), (Some(c), None) if is_han(c))
            };
            let prev_last = previous.chars().last();
            let next_first = token.chars().next();
            let glue = (single(previous) && next_first.is_some_and(is_han))
                || (single(token) && prev_last.is_some_and(is_han));
            if !glue {
                out.push(' ');
            }
        }
        out.push_str(token);
    }
    out
}

/// Rejoins lines that continue a sentence: the previous line does not end a sentence
/// and either ends in a comma or an open bracket, or is a long prose line followed by a
/// line that is not a heading, list item, date or field.
pub fn rejoin(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        let join = match out.last() {
            Some(previous) => continues(previous, &line),
            None => false,
        };
        match (join, out.last_mut()) {
            (true, Some(previous)) => {
                let needs_space = previous
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                    && line
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric());
                if needs_space {
                    previous.push(' ');
                }
                previous.push_str(&line);
            }
            _ => out.push(line),
        }
    }
    out
}

fn continues(previous: &str, next: &str) -> bool {
    let prev = fold(previous);
    let next_folded = fold(next);
    let Some(last) = prev.chars().last() else {
        return false;
    };
    if is_sentence_end(last) || matches!(last, ':' | ')' | '>' | '》' | '”' | '"') && !opens(&prev)
    {
        return false;
    }
    if is_subtitle(&next_folded) {
        return true;
    }
    if starts_new_block(&next_folded) {
        return false;
    }
    if matches!(last, ',' | '、' | '(' | '《' | '“') || opens(&prev) {
        return true;
    }
    if is_field_line(&prev) || next_folded.trim_end().ends_with(':') {
        return false;
    }
    let len = prev.chars().count();
    let prose = prev.chars().filter(|c| is_clause_punct(*c)).count() >= 1;
    len >= 20 && prose
}

/// Whether brackets or book-title marks are left open at the end of the line.
fn opens(folded: &str) -> bool {
    let count = |c: char| folded.chars().filter(|x| *x == c).count();
    count('《') > count('》') || count('(') > count(')') || count('“') > count('”')
}

/// A subtitle line such as (2022-2025年) that belongs to the title above.
fn is_subtitle(folded: &str) -> bool {
    let inner = folded
        .trim()
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'));
    inner.is_some_and(|s| {
        s.chars().any(|c| c.is_ascii_digit())
            && s.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '年' | ' ' | '至'))
    })
}

/// Whether a line starts something new: a list item, a date line, a field, a heading.
fn starts_new_block(folded: &str) -> bool {
    if list_marker_len(folded) > 0 {
        return true;
    }
    let squeezed: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
    if super::dates::parse_date_line(&squeezed).is_some() {
        return true;
    }
    if squeezed.starts_with('(') && squeezed.ends_with(')') {
        return true;
    }
    is_field_line(folded) || squeezed.starts_with("抄送") || squeezed.starts_with("附件")
}

/// A `key: value` line of a page's attribute table (索引号: …, 发布时间: …).
fn is_field_line(folded: &str) -> bool {
    let squeezed: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
    squeezed.find(':').is_some_and(|colon| {
        let key = &squeezed[..colon];
        (2..=6).contains(&key.chars().count()) && key.chars().all(is_han)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_pinyin() {
        assert_eq!(
            strip_pinyin("關(guān)於印發(fā)《方案》").0,
            "關於印發《方案》"
        );
        assert_eq!(strip_pinyin("ㄔO(shè)").0, "ㄔO");
        assert_eq!(strip_pinyin("監護室(PICU)").0, "監護室(PICU)");
        assert_eq!(strip_pinyin("(a)").0, "(a)");
    }

    #[test]
    fn marks_lost_characters() {
        assert_eq!(mark_lost("??? 為加快推進"), ("  為加快推進".to_string(), 0));
        assert_eq!(
            mark_lost("甘肅省衛生健康委員會??? 甘肅省鄉村振興局").0,
            "甘肅省衛生健康委員會  甘肅省鄉村振興局"
        );
        assert_eq!(
            mark_lost("建設、??科聯盟"),
            ("建設、□科聯盟".to_string(), 1)
        );
        assert_eq!(mark_lost("臨床???、帶出"), ("臨床□□、帶出".to_string(), 2));
        assert_eq!(mark_lost("showinfo?id=1").0, "showinfo?id=1");
    }

    #[test]
    fn collapses_letter_spacing() {
        assert_eq!(collapse_spacing("索 引 号: 0352"), "索引号: 0352");
        assert_eq!(collapse_spacing("实施方案的 通 知"), "实施方案的通知");
        assert_eq!(collapse_spacing("到 2025 年,床位"), "到 2025 年,床位");
        assert_eq!(
            collapse_spacing("甘肅省衛生健康委員會  甘肅省鄉村振興局"),
            "甘肅省衛生健康委員會 甘肅省鄉村振興局"
        );
    }

    #[test]
    fn rejoins_wrapped_lines() {
        let lines = vec![
            "二、工作目标".to_string(),
            "进一步加强医院管理,县人民医院整体实力和技术水平进入同级".to_string(),
            "医院前列，促进医院全面发展。".to_string(),
            "关于印发《2019年全县卫生健康".to_string(),
            "工作要点》的通知".to_string(),
            "桓卫字〔2019〕1号".to_string(),
            "甘肅省三級醫院對口幫扶縣級醫院實施方案".to_string(),
            "(2022-2025年)".to_string(),
            "大同市云州区人民政府办公室关于印发《方案》的通知".to_string(),
            "发布时间:2023-08-25 16:00".to_string(),
        ];
        assert_eq!(
            rejoin(lines),
            vec![
                "二、工作目标",
                "进一步加强医院管理,县人民医院整体实力和技术水平进入同级医院前列，促进医院全面发展。",
                "关于印发《2019年全县卫生健康工作要点》的通知",
                "桓卫字〔2019〕1号",
                "甘肅省三級醫院對口幫扶縣級醫院實施方案(2022-2025年)",
                "大同市云州区人民政府办公室关于印发《方案》的通知",
                "发布时间:2023-08-25 16:00",
            ]
        );
    }

    #[test]
    fn drops_noise_and_detects_script() {
        let cleaned = clean("您當前所在位置:駐馬店廣視網>新聞> 正文\n\n駐馬店市在分級診療制度建設上積極探索。\n免責聲明:凡本網注明\n");
        assert_eq!(
            cleaned.paragraphs,
            vec!["駐馬店市在分級診療制度建設上積極探索。"]
        );
        assert_eq!(cleaned.removed.len(), 2);
        assert_eq!(cleaned.script, Script::Traditional);
    }
}
