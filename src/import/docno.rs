//! Document numbers (文号): 民政办〔2019〕10号, 云州政办发〔2023〕26号, 桓卫字〔2019〕1号,
//! 甘衛醫政發〔2022〕37號, also with [ ], ( ), （ ）, 【 】 or ［ ］ around the year.

use super::script::is_han;

/// A document number found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocNo {
    /// First character (start of the issuer's prefix).
    pub start: usize,
    /// One past 号.
    pub end: usize,
    /// The number as written, spaces removed.
    pub text: String,
}

const OPEN: &[char] = &['〔', '[', '(', '（', '【', '［', '﹝', '〖'];
const CLOSE: &[char] = &['〕', ']', ')', '）', '】', '］', '﹞', '〗'];

/// Words that end a run of Han characters before a prefix (印发桓卫字… → 桓卫字).
const CUT_AFTER: &[&str] = &[
    "印发了",
    "印发",
    "根据",
    "依据",
    "按照",
    "转发",
    "参照",
    "的",
    "及",
    "和",
    "与",
];

/// Finds every document number in `original` (its folded twin gives the same positions).
pub fn scan(original: &[char]) -> Vec<DocNo> {
    let mut out = Vec::new();
    for (i, c) in original.iter().enumerate() {
        if !OPEN.contains(c) {
            continue;
        }
        let Some(end) = after_bracket(original, i) else {
            continue;
        };
        let start = prefix_start(original, i);
        if start == i {
            continue;
        }
        let text: String = original[start..end]
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect();
        out.push(DocNo { start, end, text });
    }
    out
}

/// Parses `〔2019〕10号` starting at the open bracket; returns the end position.
fn after_bracket(chars: &[char], open: usize) -> Option<usize> {
    let year: String = chars.get(open + 1..open + 5)?.iter().collect();
    if !year.chars().all(|c| c.is_ascii_digit())
        || !(year.starts_with("19") || year.starts_with("20"))
    {
        return None;
    }
    if !chars.get(open + 5).is_some_and(|c| CLOSE.contains(c)) {
        return None;
    }
    let mut i = open + 6;
    while chars.get(i) == Some(&' ') {
        i += 1;
    }
    let digits_start = i;
    while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
        i += 1;
    }
    if i == digits_start || i - digits_start > 5 {
        return None;
    }
    while chars.get(i) == Some(&' ') {
        i += 1;
    }
    matches!(chars.get(i), Some('号') | Some('號')).then_some(i + 1)
}

fn prefix_start(chars: &[char], open: usize) -> usize {
    let mut start = open;
    while start > 0 && open - start < 14 && is_han(chars[start - 1]) {
        start -= 1;
    }
    // Cut after a verb or conjunction that is not part of the prefix.
    let prefix: String = chars[start..open].iter().collect();
    let mut cut = 0;
    for word in CUT_AFTER {
        if let Some(at) = prefix.rfind(word) {
            let after = prefix[..at].chars().count() + word.chars().count();
            cut = cut.max(after);
        }
    }
    start + cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        scan(&chars).into_iter().map(|d| d.text).collect()
    }

    #[test]
    fn finds_document_numbers() {
        assert_eq!(texts("民政办〔2019〕10号"), vec!["民政办〔2019〕10号"]);
        assert_eq!(
            texts("文号: 云州政办发〔2023〕26号"),
            vec!["云州政办发〔2023〕26号"]
        );
        assert_eq!(
            texts("甘衛醫政發〔2022〕37號"),
            vec!["甘衛醫政發〔2022〕37號"]
        );
        assert_eq!(texts("(豫办〔2019〕5 号)和"), vec!["豫办〔2019〕5号"]);
        assert_eq!(texts("桓卫字[2019]1号"), vec!["桓卫字[2019]1号"]);
        assert_eq!(texts("桓卫字（2019）1号"), vec!["桓卫字（2019）1号"]);
        assert_eq!(
            texts("印发了桓卫字【2019】1号文件"),
            vec!["桓卫字【2019】1号"]
        );
        assert!(texts("方案(2021-2025 年)").is_empty());
    }
}
