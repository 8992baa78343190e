//! Dates as notices write them: 2019年3月29日, 2023-08-25, 2019 年 4 月-6 月,
//! 2023 年-2025 年, 到2025年, 2025年底, 6月底前, 年内, 2022年4月5日之前.
//!
//! All scanners work on folded text (ASCII digits and punctuation) and return character
//! positions, so the same span can be cut from the original.

use crate::model::DateSpec;

/// A date with parts that may be missing (年 may be implied by the document's year).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    /// Year when written.
    pub year: Option<i32>,
    /// Month when written.
    pub month: Option<u32>,
    /// Day when written.
    pub day: Option<u32>,
}

impl PartialDate {
    /// Completes the date with a year from context; `None` when no year is known or the
    /// date is impossible.
    pub fn resolve(&self, context_year: Option<i32>) -> Option<DateSpec> {
        let year = self.year.or(context_year)?;
        let text = match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{year:04}-{m:02}"),
            _ => format!("{year:04}"),
        };
        DateSpec::parse(&text).ok()
    }
}

/// A date or date range found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateHit {
    /// First character of the expression.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The date, or the start of a range.
    pub first: PartialDate,
    /// The end of a range.
    pub second: Option<PartialDate>,
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    i
}

fn digits(chars: &[char], i: usize) -> (usize, u32) {
    let mut j = i;
    let mut value: u32 = 0;
    while j < chars.len() && chars[j].is_ascii_digit() && j - i < 6 {
        value = value * 10 + chars[j].to_digit(10).unwrap_or(0);
        j += 1;
    }
    (j - i, value)
}

/// Characters of Chinese numerals used in dates (二〇一九年三月二十九日).
fn is_date_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十".contains(c)
}

/// A number at `i` in Arabic or Chinese numerals: its length in characters, its value,
/// and how many decimal digits it has (a Chinese year 二〇一九 counts as 4).
fn number_at(chars: &[char], i: usize) -> (usize, u32, usize) {
    let (len, value) = digits(chars, i);
    if len > 0 {
        return (len, value, len);
    }
    let run = chars[i.min(chars.len())..]
        .iter()
        .take(4)
        .take_while(|c| is_date_numeral(**c))
        .count();
    if run == 0 {
        return (0, 0, 0);
    }
    let text: String = chars[i..i + run].iter().collect();
    if run == 4 && !text.contains('十') {
        // A year written digit by digit.
        let value = text
            .chars()
            .filter_map(super::text::chinese_digit)
            .fold(0, |acc, d| acc * 10 + d);
        return (run, value, 4);
    }
    match super::text::parse_chinese_number(&text) {
        Some(v) if v >= 1.0 => {
            let value = v as u32;
            (run, value, value.to_string().len())
        }
        _ => (0, 0, 0),
    }
}

/// Parses `[YYYY 年][M 月][D 日]` at `i` (spaces allowed between parts); returns the date
/// and the end position.
fn atom(chars: &[char], i: usize) -> Option<(PartialDate, usize)> {
    let mut date = PartialDate {
        year: None,
        month: None,
        day: None,
    };
    let mut pos = i;
    let mut last_end = i;
    loop {
        let p = skip_spaces(chars, pos);
        let (run, value, len) = number_at(chars, p);
        if run == 0 {
            break;
        }
        let q = skip_spaces(chars, p + run);
        match chars.get(q) {
            Some('年')
                if date.year.is_none()
                    && date.month.is_none()
                    && len == 4
                    && (1900..=2100).contains(&value) =>
            {
                date.year = Some(value as i32)
            }
            Some('月') if date.month.is_none() && len <= 2 && (1..=12).contains(&value) => {
                date.month = Some(value)
            }
            Some('日') | Some('号')
                if date.month.is_some()
                    && date.day.is_none()
                    && len <= 2
                    && (1..=31).contains(&value) =>
            {
                date.day = Some(value)
            }
            _ => break,
        }
        pos = q + 1;
        last_end = pos;
    }
    if last_end == i {
        return None;
    }
    Some((date, last_end))
}

/// Parses an ISO-like date 2023-08-25, 2022/03/31 or 2023.08.25 at `i`.
fn iso(chars: &[char], i: usize) -> Option<(PartialDate, usize)> {
    let (ylen, year) = digits(chars, i);
    if ylen != 4 || !(1900..=2100).contains(&year) {
        return None;
    }
    let sep = *chars.get(i + 4)?;
    if !matches!(sep, '-' | '/' | '.') {
        return None;
    }
    let (mlen, month) = digits(chars, i + 5);
    if !(1..=2).contains(&mlen)
        || !(1..=12).contains(&month)
        || chars.get(i + 5 + mlen) != Some(&sep)
    {
        return None;
    }
    let (dlen, day) = digits(chars, i + 6 + mlen);
    if !(1..=2).contains(&dlen) || !(1..=31).contains(&day) {
        return None;
    }
    let end = i + 6 + mlen + dlen;
    if chars.get(end).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((
        PartialDate {
            year: Some(year as i32),
            month: Some(month),
            day: Some(day),
        },
        end,
    ))
}

/// Finds every date and date range in folded text.
pub fn scan(chars: &[char]) -> Vec<DateHit> {
    let mut hits = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_number = (chars[i].is_ascii_digit()
            && (i == 0 || !chars[i - 1].is_ascii_digit()))
            || (is_date_numeral(chars[i]) && (i == 0 || !is_date_numeral(chars[i - 1])));
        if !starts_number {
            i += 1;
            continue;
        }
        if let Some((first, end)) = iso(chars, i) {
            hits.push(DateHit {
                start: i,
                end,
                first,
                second: None,
            });
            i = end;
            continue;
        }
        // A bare year range: 2021-2025 年.
        if let Some(hit) = bare_year_range(chars, i) {
            i = hit.end;
            hits.push(hit);
            continue;
        }
        let Some((first, end)) = atom(chars, i) else {
            i += 1;
            continue;
        };
        let mut hit = DateHit {
            start: i,
            end,
            first,
            second: None,
        };
        let p = skip_spaces(chars, end);
        if chars
            .get(p)
            .is_some_and(|c| matches!(c, '-' | '至' | '到' | '~'))
        {
            if let Some((second, end2)) = atom(chars, p + 1) {
                let more_precise = second.year.is_some() || first.month.is_some();
                if more_precise {
                    hit.second = Some(second);
                    hit.end = end2;
                }
            }
        }
        i = hit.end;
        hits.push(hit);
    }
    hits
}

fn bare_year_range(chars: &[char], i: usize) -> Option<DateHit> {
    let (len, year) = digits(chars, i);
    if len != 4 || !(1900..=2100).contains(&year) {
        return None;
    }
    let p = skip_spaces(chars, i + 4);
    if !chars.get(p).is_some_and(|c| matches!(c, '-' | '至' | '~')) {
        return None;
    }
    let q = skip_spaces(chars, p + 1);
    let (len2, year2) = digits(chars, q);
    if len2 != 4 || !(1900..=2100).contains(&year2) || year2 < year {
        return None;
    }
    let r = skip_spaces(chars, q + 4);
    if chars.get(r) != Some(&'年') {
        return None;
    }
    Some(DateHit {
        start: i,
        end: r + 1,
        first: PartialDate {
            year: Some(year as i32),
            month: None,
            day: None,
        },
        second: Some(PartialDate {
            year: Some(year2 as i32),
            month: None,
            day: None,
        }),
    })
}

/// Completes the end of a range with the start's year (2019年4月-6月 → 2019-06).
pub fn resolve_range(hit: &DateHit, context_year: Option<i32>) -> Option<(DateSpec, DateSpec)> {
    let start = hit.first.resolve(context_year)?;
    let second = hit.second?;
    let end = second.resolve(Some(start.year))?;
    (end.last_day() >= start.first_day()).then_some((start, end))
}

/// A whole line that is only a date (成文日期 lines, "2019年3月29日印发").
pub fn parse_date_line(squeezed: &str) -> Option<DateSpec> {
    let chars: Vec<char> = squeezed.chars().collect();
    let hits = scan(&chars);
    let hit = hits.first()?;
    if hit.start != 0 || hit.second.is_some() {
        return None;
    }
    let rest: String = chars[hit.end..].iter().collect();
    let rest = rest.trim();
    let allowed = ["", "印发", "发布", "印", "发", "成文"];
    if !allowed.contains(&rest) {
        return None;
    }
    hit.first.day?;
    hit.first.resolve(None)
}

/// A deadline found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// Start of the window, for ranges (2019年4月-6月).
    pub start: Option<DateSpec>,
    /// When it is due.
    pub due: DateSpec,
    /// Character span of the expression.
    pub span: (usize, usize),
    /// The expression as written (folded).
    pub phrase: String,
}

/// Finds the deadline a sentence states: 到/至 YYYY 年, YYYY 年底, date ranges, dates
/// followed by 前/之前/底前, 年内, N月底前. `context_year` completes dates without a year.
pub fn find_deadline(chars: &[char], context_year: Option<i32>) -> Option<Deadline> {
    let hits = scan(chars);
    let text_at = |i: usize, s: &str| super::text::starts_with_at(chars, i, s);
    let before = |i: usize, s: &str| {
        let mut j = i;
        while j > 0 && chars[j - 1] == ' ' {
            j -= 1;
        }
        super::text::ends_with_at(chars, j, s)
    };
    let phrase = |a: usize, b: usize| super::text::slice(chars, a, b);
    for hit in &hits {
        let after = skip_spaces(chars, hit.end);
        if hit.second.is_some() {
            if let Some((start, due)) = resolve_range(hit, context_year) {
                return Some(Deadline {
                    start: Some(start),
                    due,
                    span: (hit.start, hit.end),
                    phrase: phrase(hit.start, hit.end),
                });
            }
            continue;
        }
        let Some(date) = hit.first.resolve(context_year) else {
            continue;
        };
        let mut end = hit.end;
        let mut due = Some(date);
        let ends_year = hit.first.month.is_none();
        if [
            "底前", "底", "末", "年底", "年末", "前", "之前", "以前", "止",
        ]
        .iter()
        .any(|s| text_at(after, s))
        {
            end = after
                + [
                    "年底前",
                    "底前",
                    "年底",
                    "年末",
                    "之前",
                    "以前",
                    "底",
                    "末",
                    "前",
                    "止",
                ]
                .iter()
                .find(|s| text_at(after, s))
                .map_or(0, |s| s.chars().count());
        } else if ["到", "至", "截至", "截止", "截止到", "力争到", "于"]
            .iter()
            .any(|s| before(hit.start, s))
        {
            // 到 2025 年
        } else if ends_year && (text_at(after, "完成") || before(hit.start, "确保")) {
            // 确保 2019 年完成
        } else {
            due = None;
        }
        if let Some(due) = due {
            return Some(Deadline {
                start: None,
                due,
                span: (hit.start, end),
                phrase: phrase(hit.start, end),
            });
        }
    }
    // Month-only deadlines: 6月底前 (year from context).
    for hit in &hits {
        let after = skip_spaces(chars, hit.end);
        if hit.first.year.is_none()
            && hit.first.month.is_some()
            && ["底前", "前", "底", "之前"]
                .iter()
                .any(|s| text_at(after, s))
        {
            if let Some(due) = hit.first.resolve(context_year) {
                return Some(Deadline {
                    start: None,
                    due,
                    span: (hit.start, after),
                    phrase: phrase(hit.start, after),
                });
            }
        }
    }
    // Five-year plan periods: 到“十四五”末 → 2025; “十四五”期间 → 2021–2025.
    for (plan, first_year) in [("十三五", 2016), ("十四五", 2021), ("十五五", 2026)] {
        let Some(at) = super::text::find_from(chars, plan, 0) else {
            continue;
        };
        let mut end = at + plan.chars().count();
        if matches!(chars.get(end), Some('”' | '"' | '’')) {
            end += 1;
        }
        let rest: String = chars[end.min(chars.len())..].iter().take(4).collect();
        let year = |y: i32| DateSpec {
            year: y,
            month: None,
            day: None,
        };
        let (start, word) = if ["期末", "末", "时期末"].iter().any(|w| rest.starts_with(w)) {
            (
                None,
                if rest.starts_with("期末") {
                    "期末"
                } else if rest.starts_with("时期末") {
                    "时期末"
                } else {
                    "末"
                },
            )
        } else if ["期间", "时期"].iter().any(|w| rest.starts_with(w)) {
            (
                Some(year(first_year)),
                if rest.starts_with("期间") {
                    "期间"
                } else {
                    "时期"
                },
            )
        } else {
            continue;
        };
        let span_end = end + word.chars().count();
        return Some(Deadline {
            start,
            due: year(first_year + 4),
            span: (at, span_end),
            phrase: super::text::slice(chars, at, span_end),
        });
    }
    // 年内 / 今年 / 年底前.
    for word in ["年内", "年底前", "今年底", "年底"] {
        if let Some(at) = super::text::find_from(chars, word, 0) {
            let preceded_by_digit = at > 0 && chars[at - 1].is_ascii_digit();
            if !preceded_by_digit {
                if let Some(year) = context_year {
                    return Some(Deadline {
                        start: None,
                        due: DateSpec {
                            year,
                            month: None,
                            day: None,
                        },
                        span: (at, at + word.chars().count()),
                        phrase: word.to_string(),
                    });
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        super::super::script::fold(s).chars().collect()
    }

    fn deadline(s: &str, year: Option<i32>) -> Option<(Option<String>, String)> {
        find_deadline(&chars(s), year).map(|d| (d.start.map(|x| x.to_string()), d.due.to_string()))
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            parse_date_line("2019年3月29日").map(|d| d.to_string()),
            Some("2019-03-29".into())
        );
        assert_eq!(
            parse_date_line("2019年3月29日印发").map(|d| d.to_string()),
            Some("2019-03-29".into())
        );
        assert_eq!(parse_date_line("2019年全县卫生健康工作要点"), None);
        assert_eq!(
            parse_date_line("2023-08-10").map(|d| d.to_string()),
            Some("2023-08-10".into())
        );
    }

    #[test]
    fn five_year_plans() {
        assert_eq!(
            deadline("到“十四五”末,县域内就诊率达到90%", None),
            Some((None, "2025".into()))
        );
        assert_eq!(
            deadline("“十四五”期间,新增床位", None),
            Some((Some("2021".into()), "2025".into()))
        );
        assert_eq!(deadline("“十四五”卫生健康规划", None), None);
    }

    #[test]
    fn chinese_numeral_dates() {
        assert_eq!(
            parse_date_line("二〇一九年三月二十九日").map(|d| d.to_string()),
            Some("2019-03-29".into())
        );
        assert_eq!(
            deadline("十二月底前完成", Some(2020)),
            Some((None, "2020-12".into()))
        );
        assert!(scan(&chars("三年行动方案")).is_empty());
        assert!(scan(&chars("一批骨干")).is_empty());
    }

    #[test]
    fn deadlines() {
        assert_eq!(
            deadline("到 2025 年,县域公立医疗卫生机构床位达到 3.5 张/千人", None),
            Some((None, "2025".into()))
        );
        assert_eq!(
            deadline("2025 年底,县级综合医院达到二甲", None),
            Some((None, "2025".into()))
        );
        assert_eq!(
            deadline("1.2019 年 4 月-6 月，组建特色专科三个", None),
            Some((Some("2019-04".into()), "2019-06".into()))
        );
        assert_eq!(
            deadline("2023 年-2025 年,利用三年时间", None),
            Some((Some("2023".into()), "2025".into()))
        );
        assert_eq!(
            deadline("2022年4月5日之前,各支援醫院要", None),
            Some((None, "2022-04-05".into()))
        );
        assert_eq!(
            deadline("6月底前,各级医疗机构完成", Some(2019)),
            Some((None, "2019-06".into()))
        );
        assert_eq!(
            deadline("年内培训100名以上基层医务人员", Some(2019)),
            Some((None, "2019".into()))
        );
        assert_eq!(
            deadline("确保 2019 年完成构建县域医共体", None),
            Some((None, "2019".into()))
        );
        assert_eq!(deadline("派出骨干医师 5-8 名", Some(2019)), None);
        assert!(deadline("《全面提升医疗质量行动计划(2023-2025 年)》", None).is_some());
    }
}
