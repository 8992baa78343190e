//! Counted enumerations: a number of things that the sentence also lists one by one.
//!
//! Work plans like to name a set by its size and then (or first) list it: 实现“五统一”,
//! 即统一A、统一B……; 在A、B、C三个方面; A、B和C三大行动; A、B、C的“三统一”管理. When the
//! list has exactly as many items as the number says, the number is a count of items
//! (indicator `item_count`) even where the counted word (方面, 行动, 统一) alone would
//! not make it one.

use super::text::{is_chinese_numeral, parse_chinese_number, slice, starts_with_at};

/// Words that open the list before a count (在A、B两个方面; 实施A、B两大行动).
const FRAMES: &[&str] = &["在", "实施", "开展", "推进", "包括", "涵盖", "围绕", "即"];

fn is_clause_end(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '。' | '!' | '?')
}

/// Items of a list written as `A、B、C和D` (the last 和 / 及 / 与 joins two items).
fn items(list: &str) -> usize {
    let segments: Vec<&str> = list
        .split('、')
        .map(|s| s.trim_matches(['“', '”', ' ']))
        .collect();
    if segments.iter().any(|s| s.chars().count() < 2) {
        return 0;
    }
    let Some(last) = segments.last() else {
        return 0;
    };
    let joined = ['和', '及', '与']
        .iter()
        .any(|j| last.split(*j).filter(|p| p.chars().count() >= 2).count() == 2);
    segments.len() + usize::from(joined)
}

/// Number of items listed just before `at`, from the start of the clause (or the last
/// frame word such as 在 / 实施 in it) to `at`. 0 when nothing is listed.
pub fn count_before(masked: &[char], at: usize) -> usize {
    let clause = (0..at.min(masked.len()))
        .rev()
        .find(|&i| is_clause_end(masked[i]))
        .map_or(0, |i| i + 1);
    let mut from = clause;
    for frame in FRAMES {
        let n = frame.chars().count();
        for i in (clause..at.saturating_sub(n)).rev() {
            if starts_with_at(masked, i, frame) {
                from = from.max(i + n);
                break;
            }
        }
    }
    // 按照A、B、C的“三定”要求: the list is a manner of working, not something counted.
    let opening = slice(masked, clause, at);
    if ["按照", "依照", "根据", "按"]
        .iter()
        .any(|w| opening.starts_with(w))
    {
        return 0;
    }
    let mut list = slice(masked, from, at);
    for tail in ["等", "的"] {
        if let Some(rest) = list.strip_suffix(tail) {
            list = rest.to_string();
        }
    }
    if !list.contains('、') {
        return 0;
    }
    items(&list)
}

/// Number of items listed after `at` (just after 即 or a colon), up to the end of the
/// clause; a quoted list (即“A、B、C”) counts as one list.
pub fn count_after(masked: &[char], at: usize) -> usize {
    let mut depth = 0i32;
    let mut end = at;
    while end < masked.len() {
        let c = masked[end];
        match c {
            '“' => depth += 1,
            '”' => depth -= 1,
            _ => {}
        }
        if depth <= 0 && is_clause_end(c) {
            break;
        }
        end += 1;
    }
    let list = slice(masked, at, end);
    let list = list.trim_matches(['“', '”', ' ']);
    if !list.contains('、') {
        return 0;
    }
    items(list)
}

/// A quoted set named by its size: “六统一”, “五个一”, “三大工程”.
#[derive(Debug, Clone, PartialEq)]
pub struct QuotedSet {
    /// Position of the opening quote.
    pub start: usize,
    /// One past the closing quote.
    pub end: usize,
    /// The number in it.
    pub value: f64,
    /// Whether it is a set of “一X” items (五个一): each listed item is itself a count.
    pub of_ones: bool,
}

/// Quoted sets whose size matches the list that follows (…“六统一”,即A、B…) or precedes
/// (A、B、C的“三统一”) them.
pub fn quoted_sets(masked: &[char]) -> Vec<QuotedSet> {
    let mut out = Vec::new();
    for (i, c) in masked.iter().enumerate() {
        if *c != '“' {
            continue;
        }
        let mut j = i + 1;
        while j < masked.len() && is_chinese_numeral(masked[j]) && j - i <= 3 {
            j += 1;
        }
        if j == i + 1 {
            continue;
        }
        let Some(close) = (j..masked.len().min(j + 5)).find(|&k| masked[k] == '”') else {
            continue;
        };
        if close == j {
            continue;
        }
        let numeral = slice(masked, i + 1, j);
        let Some(value) = parse_chinese_number(&numeral).filter(|v| *v >= 2.0) else {
            continue;
        };
        let rest = slice(masked, j, close);
        let of_ones = rest == "个一";
        // After the set: up to a few characters (制度, 管理) then 即 or a colon.
        let mut after = None;
        for (k, c) in masked.iter().enumerate().skip(close + 1).take(7) {
            if matches!(c, '即' | ':') {
                after = Some(k + 1);
                break;
            }
            if matches!(c, ';' | '。') {
                break;
            }
        }
        let listed = match after {
            Some(k) => count_after(masked, k),
            None if i > 0 && masked[i - 1] == '的' => count_before(masked, i - 1),
            None => 0,
        };
        if listed as f64 == value {
            out.push(QuotedSet {
                start: i,
                end: close + 1,
                value,
                of_ones,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn lists_before_a_count() {
        let m = chars("各村卫生室在诊室布局、药品管理、信息系统和人员培训四个方面达标");
        let at = m.iter().position(|c| *c == '四').unwrap_or(0);
        assert_eq!(count_before(&m, at), 4);
        let m = chars("开展义诊、讲座和随访三大活动");
        let at = m.iter().position(|c| *c == '三').unwrap_or(0);
        assert_eq!(count_before(&m, at), 3);
        let m = chars("牢固树立三个意识");
        assert_eq!(count_before(&m, 4), 0);
    }

    #[test]
    fn quoted_sets_with_their_lists() {
        let m = chars("推行“三统一”,即统一采购、统一配送和统一结算。");
        let sets = quoted_sets(&m);
        assert_eq!(sets.len(), 1);
        assert_eq!(sets[0].value, 3.0);
        let m = chars("落实“四个一”要求,即“建一个台账、开一次例会、办一期专栏、出一份简报”。");
        let sets = quoted_sets(&m);
        assert_eq!(sets.len(), 1);
        assert!(sets[0].of_ones);
        let m = chars("实行人员、财务、物资的“三统一”管理。");
        assert_eq!(quoted_sets(&m).len(), 1);
        // No list, or one of another length: not a count.
        assert!(quoted_sets(&chars("树立“四个意识”,坚定“四个自信”。")).is_empty());
        assert!(quoted_sets(&chars("实现“三统一”,即统一采购和统一配送。")).is_empty());
    }
}
