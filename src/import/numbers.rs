//! Quantities: a number (or range) with a unit the indicator catalogue knows.
//!
//! 3.5 张/千人, V 级, 90%, 850万元, 5-8 名, 300 人次, 359台次, 10-20 公里, 6个月, 三个 …
//! Scans folded text (ASCII digits and punctuation) and returns character positions.

use super::text::{is_chinese_numeral, parse_chinese_number};

/// A unit of measure the catalogue knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// 张/千人: beds per 1,000 residents.
    BedsPerThousand,
    /// 张: beds (per 1,000 residents when the text says 每千…床位).
    Beds,
    /// 级: a level on a numbered scale (EMR, smart service).
    Level,
    /// %.
    Percent,
    /// 万元 (亿元 converted to 万元).
    WanYuan,
    /// 元.
    Yuan,
    /// 人次.
    PersonTimes,
    /// 次, 台次, 例次.
    Times,
    /// 名 (and 人).
    People,
    /// 家, 所, 处.
    Institutions,
    /// 个: what is counted follows or precedes the number.
    Items,
    /// 项.
    Entries,
    /// 年 as a length of time.
    Years,
    /// 个月.
    Months,
    /// 公里.
    Kilometres,
}

/// A number with its unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// First character of the number.
    pub start: usize,
    /// One past the unit.
    pub end: usize,
    /// The number (lower end of a range), converted to the catalogue's unit.
    pub value: f64,
    /// Upper end of a range (5-8 名).
    pub value_max: Option<f64>,
    /// The unit.
    pub unit: Unit,
    /// Written in Chinese numerals (三个).
    pub chinese: bool,
    /// Written with 多 or 余 ("7000多人次").
    pub more_than: bool,
    /// Written with a Roman numeral (V 级).
    pub roman: bool,
}

/// Units as written, longest first, with the unit they stand for and a multiplier.
const UNITS: &[(&str, Unit, f64)] = &[
    ("张/千人", Unit::BedsPerThousand, 1.0),
    ("张/每千人", Unit::BedsPerThousand, 1.0),
    ("张/千常住人口", Unit::BedsPerThousand, 1.0),
    ("张", Unit::Beds, 1.0),
    ("万元", Unit::WanYuan, 1.0),
    ("亿元", Unit::WanYuan, 10_000.0),
    ("元", Unit::Yuan, 1.0),
    ("人次", Unit::PersonTimes, 1.0),
    ("台次", Unit::Times, 1.0),
    ("例次", Unit::Times, 1.0),
    ("个月", Unit::Months, 1.0),
    ("公里", Unit::Kilometres, 1.0),
    ("千米", Unit::Kilometres, 1.0),
    ("级", Unit::Level, 1.0),
    ("%", Unit::Percent, 1.0),
    ("个", Unit::Items, 1.0),
    ("名", Unit::People, 1.0),
    ("人", Unit::People, 1.0),
    ("次", Unit::Times, 1.0),
    ("家", Unit::Institutions, 1.0),
    ("所", Unit::Institutions, 1.0),
    ("处", Unit::Institutions, 1.0),
    ("项", Unit::Entries, 1.0),
    ("年", Unit::Years, 1.0),
];

fn parse_arabic(chars: &[char], i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == ',') {
        j += 1;
    }
    if j == i {
        return None;
    }
    if chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
        j += 1;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
    }
    let text: String = chars[i..j].iter().filter(|c| **c != ',').collect();
    text.parse::<f64>().ok().map(|v| (v, j))
}

fn roman_value(text: &str) -> Option<f64> {
    let value = match text {
        "I" | "Ⅰ" => 1,
        "II" | "Ⅱ" => 2,
        "III" | "Ⅲ" => 3,
        "IV" | "Ⅳ" => 4,
        "V" | "Ⅴ" => 5,
        "VI" | "Ⅵ" => 6,
        "VII" | "Ⅶ" => 7,
        "VIII" | "Ⅷ" => 8,
        _ => return None,
    };
    Some(f64::from(value))
}

fn is_roman(c: char) -> bool {
    matches!(c, 'I' | 'V' | 'X') || ('\u{2160}'..='\u{216B}').contains(&c)
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && chars[i] == ' ' {
        i += 1;
    }
    i
}

/// Reads a unit at `i`; returns the unit, its multiplier and the end position.
fn unit_at(chars: &[char], i: usize) -> Option<(Unit, f64, usize)> {
    UNITS.iter().find_map(|(text, unit, factor)| {
        super::text::starts_with_at(chars, i, text)
            .then(|| (*unit, *factor, i + text.chars().count()))
    })
}

/// "五大中心", "4大网络": a numbered set, counted like 个 (what is counted follows).
fn named_set(chars: &[char], i: usize) -> Option<(Unit, f64, usize)> {
    (chars.get(i) == Some(&'大') && chars.get(i + 1).is_some_and(|c| super::script::is_han(*c)))
        .then_some((Unit::Items, 1.0, i + 1))
}

/// Finds every quantity in folded text, skipping positions inside `excluded` spans
/// (dates, titles, quotations).
pub fn scan(chars: &[char], excluded: &[(usize, usize)]) -> Vec<Quantity> {
    let inside = |i: usize| excluded.iter().any(|(a, b)| i >= *a && i < *b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if inside(i) {
            i += 1;
            continue;
        }
        let c = chars[i];
        let boundary = i == 0 || !(chars[i - 1].is_ascii_alphanumeric() || chars[i - 1] == '.');
        if c.is_ascii_digit() && boundary {
            if let Some(q) = arabic_quantity(chars, i) {
                if !inside(q.end.saturating_sub(1)) {
                    i = q.end;
                    out.push(q);
                    continue;
                }
            }
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            continue;
        }
        if is_roman(c) && boundary {
            if let Some(q) = roman_level(chars, i) {
                i = q.end;
                out.push(q);
                continue;
            }
        }
        if is_chinese_numeral(c) && (i == 0 || !is_chinese_numeral(chars[i - 1])) {
            if let Some(q) = chinese_quantity(chars, i) {
                i = q.end;
                out.push(q);
                continue;
            }
        }
        i += 1;
    }
    out
}

fn arabic_quantity(chars: &[char], i: usize) -> Option<Quantity> {
    let (value, mut j) = parse_arabic(chars, i)?;
    let mut value_max = None;
    let p = skip_spaces(chars, j);
    if matches!(chars.get(p), Some('-') | Some('~') | Some('至')) {
        let q = skip_spaces(chars, p + 1);
        if let Some((upper, k)) = parse_arabic(chars, q) {
            if upper > value {
                value_max = Some(upper);
                j = k;
            }
        }
    }
    let mut p = skip_spaces(chars, j);
    let mut more_than = false;
    let mut factor = 1.0;
    if matches!(chars.get(p), Some('多') | Some('余')) {
        more_than = true;
        p = skip_spaces(chars, p + 1);
    }
    if chars.get(p) == Some(&'万') && !super::text::starts_with_at(chars, p, "万元") {
        factor = 10_000.0;
        p += 1;
    }
    let (unit, unit_factor, end) = match unit_at(chars, p) {
        Some(found) => found,
        None if value_max.is_none() && !more_than && factor == 1.0 => named_set(chars, p)?,
        None => return None,
    };
    // 5万人 is a population, 2019年 a date, 18岁 an age: not quantities; 3.5万人次 is.
    if factor != 1.0
        && !matches!(
            unit,
            Unit::WanYuan | Unit::Yuan | Unit::PersonTimes | Unit::Times
        )
    {
        return None;
    }
    if unit == Unit::Years && (value >= 100.0 || value.fract() != 0.0) {
        return None;
    }
    if unit == Unit::People && super::text::starts_with_at(chars, end - 1, "人") {
        // 人 alone counts people only when it is not 人民/人员/人口.
        if chars
            .get(end)
            .is_some_and(|c| matches!(c, '民' | '员' | '口' | '才' | '群' | '们' | '身' | '均'))
        {
            return None;
        }
    }
    if unit == Unit::Level && value_max.is_none() && value.fract() != 0.0 {
        return None;
    }
    let scale = factor * unit_factor;
    Some(Quantity {
        start: i,
        end,
        value: value * scale,
        value_max: value_max.map(|v| v * scale),
        unit,
        chinese: false,
        more_than,
        roman: false,
    })
}

fn roman_level(chars: &[char], i: usize) -> Option<Quantity> {
    let mut j = i;
    while j < chars.len() && is_roman(chars[j]) && j - i < 4 {
        j += 1;
    }
    if chars.get(j).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let numeral: String = chars[i..j].iter().collect();
    let value = roman_value(&numeral)?;
    let p = skip_spaces(chars, j);
    if chars.get(p) != Some(&'级') {
        return None;
    }
    Some(Quantity {
        start: i,
        end: p + 1,
        value,
        value_max: None,
        unit: Unit::Level,
        chinese: false,
        more_than: false,
        roman: true,
    })
}

/// Chinese numerals count only with count units (三个, 二名, 四家); 二级 and 三年 are
/// names more often than quantities.
fn chinese_quantity(chars: &[char], i: usize) -> Option<Quantity> {
    let mut j = i;
    while j < chars.len() && is_chinese_numeral(chars[j]) && j - i < 4 {
        j += 1;
    }
    let numeral: String = chars[i..j].iter().collect();
    // 一个 is an article more often than a count; 千名 (医师下基层) is a slogan, not 1000.
    if numeral == "一" || numeral.starts_with(['百', '千']) {
        return None;
    }
    let value = parse_chinese_number(&numeral)?;
    let (unit, _, end) = unit_at(chars, j).or_else(|| named_set(chars, j))?;
    // 项 after a Chinese numeral names a set (八项规定, 三项制度), not a count.
    if !matches!(unit, Unit::Items | Unit::People | Unit::Institutions) {
        return None;
    }
    // Inside quotation marks a Chinese count is a slogan (“六个一”, “四个意识”), except a
    // numbered set of things (“五大中心”).
    let quoted = {
        let before = chars[..i].iter().filter(|c| **c == '“').count();
        let closed = chars[..i].iter().filter(|c| **c == '”').count();
        before > closed
    };
    if quoted && chars.get(j) != Some(&'大') {
        return None;
    }
    if unit == Unit::People && chars.get(j) == Some(&'人') {
        return None;
    }
    Some(Quantity {
        start: i,
        end,
        value,
        value_max: None,
        unit,
        chinese: true,
        more_than: false,
        roman: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Vec<(f64, Option<f64>, Unit)> {
        let chars: Vec<char> = super::super::script::fold(text).chars().collect();
        scan(&chars, &[])
            .into_iter()
            .map(|q| (q.value, q.value_max, q.unit))
            .collect()
    }

    #[test]
    fn finds_quantities() {
        assert_eq!(
            q("床位达到 3.5 张/千人"),
            vec![(3.5, None, Unit::BedsPerThousand)]
        );
        assert_eq!(q("骨干医师 5-8 名"), vec![(5.0, Some(8.0), Unit::People)]);
        assert_eq!(
            q("达到电子病历系统 V 级水平"),
            vec![(5.0, None, Unit::Level)]
        );
        assert_eq!(q("提高到 90%以上"), vec![(90.0, None, Unit::Percent)]);
        assert_eq!(q("预算约850万元"), vec![(850.0, None, Unit::WanYuan)]);
        assert_eq!(
            q("共轉診病人7000多人次"),
            vec![(7000.0, None, Unit::PersonTimes)]
        );
        assert_eq!(q("手術359臺次"), vec![(359.0, None, Unit::Times)]);
        assert_eq!(q("10-20 公里"), vec![(10.0, Some(20.0), Unit::Kilometres)]);
        assert_eq!(q("不少於6個月"), vec![(6.0, None, Unit::Months)]);
        assert_eq!(q("3年以上管理經驗"), vec![(3.0, None, Unit::Years)]);
        assert_eq!(q("组建特色专科三个"), vec![(3.0, None, Unit::Items)]);
        assert_eq!(q("1.2亿元"), vec![(12000.0, None, Unit::WanYuan)]);
        assert_eq!(q("3.5万人次"), vec![(35000.0, None, Unit::PersonTimes)]);
        assert_eq!(q("临床服务“五大中心”"), vec![(5.0, None, Unit::Items)]);
    }

    #[test]
    fn skips_non_quantities() {
        assert!(q("常住人口超過5萬人的縣").is_empty());
        assert!(q("2019年").is_empty());
        assert!(q("二级医院").is_empty());
        assert!(q("县人民医院").is_empty());
        assert!(q("建标 110-2021").is_empty());
        assert!(q("一个中心").is_empty());
        assert!(q("培养100人员").is_empty());
    }
}
