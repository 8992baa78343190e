//! Numbers, money, dates and values written the way Chinese government pages write them.

use crate::model::{Amount, DateSpec, Indicator, IndicatorKind};

/// A number without trailing zeros, with thousands grouping: 1840 → "1,840", 3.5 → "3.5".
pub fn number(value: f64) -> String {
    let negative = value < 0.0;
    let rounded = (value.abs() * 100.0).round() / 100.0;
    let whole = rounded.trunc() as u64;
    let fraction = rounded - whole as f64;
    let mut text = group(whole);
    if fraction > 1e-9 {
        let decimals = format!("{fraction:.2}");
        text.push_str(decimals.trim_start_matches('0').trim_end_matches('0'));
    }
    if negative {
        format!("-{text}")
    } else {
        text
    }
}

fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Money in 万元: "1,840 万元", with 约 when approximate.
pub fn wan_yuan(amount: f64, approximate: bool) -> String {
    format!(
        "{}{} 万元",
        if approximate { "约 " } else { "" },
        number(amount)
    )
}

/// A value with its unit, as the indicator writes it: "3.5 张/千人", "4级", "二甲", "是".
pub fn amount(indicator: Option<&Indicator>, amount: &Amount) -> String {
    match (indicator, amount) {
        (_, Amount::Bool(true)) => "是".to_string(),
        (_, Amount::Bool(false)) => "否".to_string(),
        (_, Amount::Label(label)) => label.clone(),
        (Some(i), Amount::Number(n)) if i.kind == IndicatorKind::Level => i
            .level_by_value(*n)
            .map(|l| l.label.clone())
            .unwrap_or_else(|| number(*n)),
        (Some(i), Amount::Number(n)) => with_unit(*n, &i.unit),
        (None, Amount::Number(n)) => number(*n),
    }
}

/// A number followed by a unit; percentages take no space.
pub fn with_unit(value: f64, unit: &str) -> String {
    match unit {
        "" => number(value),
        "%" => format!("{}%", number(value)),
        _ => format!("{} {unit}", number(value)),
    }
}

/// A date the Chinese way at its own precision, with the ISO form for `<time datetime>`.
pub fn date(date: &DateSpec) -> (String, String) {
    (date.to_chinese(), date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(number(1840.0), "1,840");
        assert_eq!(number(8477.0), "8,477");
        assert_eq!(number(3.5), "3.5");
        assert_eq!(number(1234567.25), "1,234,567.25");
        assert_eq!(wan_yuan(850.0, true), "约 850 万元");
    }
}
