//! Checking a stated value against its indicator: type, scale and range.

use crate::i18n::t;
use crate::model::{Amount, Indicator, IndicatorKind};

/// Why a value was refused, and how to fix it.
type Refusal = (String, Option<String>);

/// Resolves an amount to a number on the indicator's axis, or says why it cannot be.
pub fn resolve(indicator: &Indicator, amount: &Amount) -> Result<f64, Refusal> {
    let id = &indicator.id;
    let number = match (indicator.kind, amount) {
        (IndicatorKind::Boolean, Amount::Bool(b)) => return Ok(f64::from(u8::from(*b))),
        (IndicatorKind::Boolean, _) => {
            return Err((
                t(
                    format!("“{id}”是“是/否”指标，数值只能写 true 或 false"),
                    format!("“{id}” is a yes/no indicator; the value must be true or false"),
                ),
                None,
            ))
        }
        (_, Amount::Bool(_)) => {
            return Err((
                t(
                    format!("“{id}”应填写数字，不能写 true/false"),
                    format!("“{id}” is measured in numbers, not true/false"),
                ),
                None,
            ))
        }
        (IndicatorKind::Level, Amount::Label(label)) => match indicator.level_by_label(label) {
            Some(level) => level.value,
            None => {
                return Err((
                    t(
                        format!("“{label}”不是{}的一个等级", indicator.name),
                        format!("“{label}” is not a level of {}", indicator.name),
                    ),
                    Some(level_hint(indicator)),
                ))
            }
        },
        (_, Amount::Label(text)) => return Err((
            t(
                format!("“{text}”不是数字"),
                format!("“{text}” is not a number"),
            ),
            Some(t(
                "只写数字（如 3.5），原文写法请填在 display: 中",
                "write the number alone (e.g. 3.5), and put the wording as written in `display:`",
            )),
        )),
        (_, Amount::Number(n)) => *n,
    };
    check_range(indicator, number)?;
    Ok(number)
}

fn check_range(indicator: &Indicator, number: f64) -> Result<(), Refusal> {
    if !number.is_finite() {
        return Err((
            t("数值必须是有限的数字", "the value must be a finite number"),
            None,
        ));
    }
    let name = &indicator.name;
    if indicator.kind == IndicatorKind::Level && indicator.level_by_value(number).is_none() {
        return Err((
            t(
                format!("{number} 不是{name}的一个等级"),
                format!("{number} is not a level of {name}"),
            ),
            Some(level_hint(indicator)),
        ));
    }
    let (min, max) = indicator.bounds();
    if min.is_some_and(|m| number < m) || max.is_some_and(|m| number > m) {
        let range = match (min, max) {
            (Some(a), Some(b)) => t(format!("在 {a} 到 {b} 之间"), format!("from {a} to {b}")),
            (Some(a), None) => t(format!("不小于 {a}"), format!("at least {a}")),
            (None, Some(b)) => t(format!("不大于 {b}"), format!("at most {b}")),
            (None, None) => String::new(),
        };
        return Err((
            t(
                format!("{number} 超出了{name}（{}）的取值范围", indicator.id),
                format!("{number} is out of range for {name} ({})", indicator.id),
            ),
            Some(t(
                format!("{name}的取值{range}"),
                format!("{name} values run {range}"),
            )),
        ));
    }
    Ok(())
}

/// "EMR levels run from 0 to 8: 0 = 0级, …" in the chosen language.
fn level_hint(indicator: &Indicator) -> String {
    let labels: Vec<String> = indicator
        .levels
        .iter()
        .map(|l| format!("{} = {}", l.value, l.label))
        .collect();
    let (first, last) = (indicator.levels.first(), indicator.levels.last());
    let span = match (first, last) {
        (Some(a), Some(b)) => t(
            format!("从 {} 到 {}", a.label, b.label),
            format!("from {} to {}", a.label, b.label),
        ),
        _ => String::new(),
    };
    t(
        format!("{}{span}，各级为：{}", indicator.name, labels.join("，")),
        format!(
            "{} levels run {span}: {}",
            indicator.name,
            labels.join(", ")
        ),
    )
}
