//! Checking a stated value against its indicator: type, scale and range.

use crate::model::{Amount, Indicator, IndicatorKind};

/// Resolves an amount to a number on the indicator's axis, or says why it cannot be.
pub fn resolve(indicator: &Indicator, amount: &Amount) -> Result<f64, (String, Option<String>)> {
    let number = match (indicator.kind, amount) {
        (IndicatorKind::Boolean, Amount::Bool(b)) => return Ok(f64::from(u8::from(*b))),
        (IndicatorKind::Boolean, _) => {
            return Err((
                format!(
                    "“{}” is a yes/no indicator; the value must be true or false",
                    indicator.id
                ),
                None,
            ))
        }
        (_, Amount::Bool(_)) => {
            return Err((
                format!("“{}” is measured in numbers, not true/false", indicator.id),
                None,
            ))
        }
        (IndicatorKind::Level, Amount::Label(label)) => match indicator.level_by_label(label) {
            Some(level) => level.value,
            None => {
                return Err((
                    format!("“{label}” is not a level of {}", indicator.name),
                    Some(level_hint(indicator)),
                ))
            }
        },
        (_, Amount::Label(text)) => return Err((
            format!("“{text}” is not a number"),
            Some(
                "write the number alone (e.g. 3.5), and put the wording as written in `display:`"
                    .into(),
            ),
        )),
        (_, Amount::Number(n)) => *n,
    };
    check_range(indicator, number)?;
    Ok(number)
}

fn check_range(indicator: &Indicator, number: f64) -> Result<(), (String, Option<String>)> {
    if !number.is_finite() {
        return Err(("the value must be a finite number".into(), None));
    }
    if indicator.kind == IndicatorKind::Level && indicator.level_by_value(number).is_none() {
        return Err((
            format!("{number} is not a level of {}", indicator.name),
            Some(level_hint(indicator)),
        ));
    }
    let (min, max) = indicator.bounds();
    if min.is_some_and(|m| number < m) || max.is_some_and(|m| number > m) {
        let range = match (min, max) {
            (Some(a), Some(b)) => format!("from {a} to {b}"),
            (Some(a), None) => format!("at least {a}"),
            (None, Some(b)) => format!("at most {b}"),
            (None, None) => String::new(),
        };
        return Err((
            format!(
                "{number} is out of range for {} ({})",
                indicator.name, indicator.id
            ),
            Some(format!("{} values run {range}", indicator.name)),
        ));
    }
    Ok(())
}

fn level_hint(indicator: &Indicator) -> String {
    let labels: Vec<String> = indicator
        .levels
        .iter()
        .map(|l| format!("{} = {}", l.value, l.label))
        .collect();
    format!("{} levels are: {}", indicator.name, labels.join(", "))
}
