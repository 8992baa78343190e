//! Small text helpers shared by the import stages: character classes, list markers,
//! Chinese numerals. All work on folded text (see [`super::script::fold`]).

use super::script::is_han;

/// Punctuation that ends a sentence.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '！' | '？' | '；' | '…')
}

/// Punctuation found inside running text (a line that has it is prose, not a heading).
pub fn is_clause_punct(c: char) -> bool {
    matches!(c, '。' | ',' | ';' | '、' | ':' | '，' | '；' | '：')
}

/// The value of a Chinese numeral character 零–九.
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Whether `c` can be part of a Chinese numeral (digits and 十百千).
pub fn is_chinese_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || matches!(c, '十' | '百' | '千')
}

/// Parses a Chinese numeral such as 三, 十二, 二十, 一百二十 (up to 9999).
pub fn parse_chinese_number(text: &str) -> Option<f64> {
    if text.is_empty() {
        return None;
    }
    let mut total = 0u32;
    let mut current: Option<u32> = None;
    for c in text.chars() {
        if let Some(d) = chinese_digit(c) {
            current = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        total += current.unwrap_or(1) * unit;
        current = None;
    }
    total += current.unwrap_or(0);
    Some(f64::from(total))
}

/// Length in characters of a list marker at the start of `line`: 一、 (一) 1. 1、 (1) ①
/// 第一, … Returns 0 when the line does not start with one.
pub fn list_marker_len(line: &str) -> usize {
    let chars: Vec<char> = line.chars().collect();
    let n = chars.len();
    // (一) (1)
    if n >= 3 && chars[0] == '(' {
        let mut i = 1;
        while i < n && i <= 4 && (is_chinese_numeral(chars[i]) || chars[i].is_ascii_digit()) {
            i += 1;
        }
        if i > 1 && i < n && chars[i] == ')' {
            return i + 1;
        }
    }
    // ①–⑳
    if n >= 1 && ('\u{2460}'..='\u{2473}').contains(&chars[0]) {
        return 1;
    }
    // 一、
    let mut i = 0;
    while i < n && i < 4 && is_chinese_numeral(chars[i]) {
        i += 1;
    }
    if i > 0 && i < n && chars[i] == '、' {
        return i + 1;
    }
    // 1. 1、 12 (digits directly followed by a heading word)
    let mut i = 0;
    while i < n && i < 3 && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > 0 && i < n {
        match chars[i] {
            '.' | '、' | '．' => {
                // "1.5" is a number, not a marker; "1.2019 年" is marker 1. then a year.
                let after_digits = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                if after_digits == 0 || after_digits == 4 {
                    return i + 1;
                }
            }
            c if is_han(c) && !is_unit_start(c) => return i,
            _ => {}
        }
    }
    0
}

/// Characters that, right after a number, make it a quantity or date rather than a
/// list number (12优化 is a marker, 12月 is not).
fn is_unit_start(c: char) -> bool {
    matches!(
        c,
        '年' | '月'
            | '日'
            | '个'
            | '名'
            | '家'
            | '所'
            | '次'
            | '人'
            | '万'
            | '亿'
            | '元'
            | '张'
            | '级'
            | '项'
            | '处'
            | '公'
            | '小'
            | '岁'
            | '周'
            | '台'
            | '天'
            | '大'
            | '号'
            | '多'
            | '余'
            | '千'
            | '百'
            | '床'
            | '例'
            | '倍'
            | '种'
            | '条'
            | '批'
            | '支'
            | '辆'
            | '套'
            | '期'
            | '版'
    )
}

/// Removes every whitespace character.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Characters `[from, to)` of `text` as a string.
pub fn slice(chars: &[char], from: usize, to: usize) -> String {
    let to = to.min(chars.len());
    let from = from.min(to);
    chars[from..to].iter().collect()
}

/// Finds `needle` in `hay` starting at character `from`; returns a character index.
pub fn find_from(hay: &[char], needle: &str, from: usize) -> Option<usize> {
    let needle: Vec<char> = needle.chars().collect();
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()] == needle[..])
}

/// Whether `hay` contains `needle` (characters).
pub fn contains(hay: &[char], needle: &str) -> bool {
    find_from(hay, needle, 0).is_some()
}

/// Whether `hay` has `needle` ending exactly at character `end` (exclusive).
pub fn ends_with_at(hay: &[char], end: usize, needle: &str) -> bool {
    let needle: Vec<char> = needle.chars().collect();
    end >= needle.len() && end <= hay.len() && hay[end - needle.len()..end] == needle[..]
}

/// Whether `hay` has `needle` starting exactly at character `start`.
pub fn starts_with_at(hay: &[char], start: usize, needle: &str) -> bool {
    let needle: Vec<char> = needle.chars().collect();
    start + needle.len() <= hay.len() && hay[start..start + needle.len()] == needle[..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        assert_eq!(parse_chinese_number("三"), Some(3.0));
        assert_eq!(parse_chinese_number("十二"), Some(12.0));
        assert_eq!(parse_chinese_number("二十"), Some(20.0));
        assert_eq!(parse_chinese_number("一百二十"), Some(120.0));
        assert_eq!(parse_chinese_number("个"), None);
    }

    #[test]
    fn list_markers() {
        assert_eq!(list_marker_len("一、指导思想"), 2);
        assert_eq!(list_marker_len("(一)特色专科"), 3);
        assert_eq!(list_marker_len("1.2019 年 4 月"), 2);
        assert_eq!(list_marker_len("12优化计划生育"), 2);
        assert_eq!(list_marker_len("12月底前"), 0);
        assert_eq!(list_marker_len("3.5 张"), 0);
        assert_eq!(list_marker_len("(2022-2025年)"), 0);
        assert_eq!(list_marker_len("各乡镇"), 0);
    }
}
