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
                    Some(level_hint(indicator, None)),
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
            Some(level_hint(indicator, Some(number))),
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

/// The scale as a range with the meaning of the nearest valid levels, in the chosen
/// language: 电子病历系统应用水平分级为 0–8 级；最接近的有效级别：8级（…）. A list of every
/// level says less than its two ends, and the nearest level is what was most likely meant.
fn level_hint(indicator: &Indicator, wrong: Option<f64>) -> String {
    let name = &indicator.name;
    let span = scale_span(indicator);
    let nearest = wrong
        .map(|n| nearest_levels(indicator, n))
        .unwrap_or_default();
    if nearest.is_empty() {
        return t(format!("{name}为 {span}"), format!("{name} runs {span}"));
    }
    let levels: Vec<String> = nearest
        .iter()
        .map(|l| match &l.meaning {
            Some(m) => t(format!("{}（{m}）", l.label), format!("{} ({m})", l.label)),
            None => l.label.clone(),
        })
        .collect();
    t(
        format!("{name}为 {span}；最接近的有效级别：{}", levels.join("、")),
        format!(
            "{name} runs {span}; the nearest valid level: {}",
            levels.join(", ")
        ),
    )
}

/// "0–8 级" when the labels are the numbers with the unit, else the levels in order.
fn scale_span(indicator: &Indicator) -> String {
    let levels = &indicator.levels;
    let numeric = levels
        .iter()
        .all(|l| l.label.replace(' ', "") == format!("{}{}", l.value, indicator.unit));
    match (levels.first(), levels.last()) {
        (Some(a), Some(b)) if numeric => format!("{}–{} {}", a.value, b.value, indicator.unit),
        _ => levels
            .iter()
            .map(|l| l.label.as_str())
            .collect::<Vec<_>>()
            .join(" < "),
    }
}

/// The levels closest to `value` (two when it falls halfway).
fn nearest_levels(indicator: &Indicator, value: f64) -> Vec<&crate::model::Level> {
    let distance = |l: &crate::model::Level| (l.value - value).abs();
    let best = indicator
        .levels
        .iter()
        .map(distance)
        .fold(f64::INFINITY, f64::min);
    indicator
        .levels
        .iter()
        .filter(|l| (distance(l) - best).abs() < 1e-9)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emr() -> Indicator {
        let all: Vec<Indicator> =
            serde_yaml::from_str(crate::load::BUILTIN_INDICATORS).expect("built-in catalogue");
        all.into_iter()
            .find(|i| i.id == "emr_level")
            .expect("emr_level")
    }

    #[test]
    fn a_level_off_the_scale_names_the_range_and_the_nearest_level() {
        let (message, hint) = resolve(&emr(), &Amount::Number(9.0)).unwrap_err();
        assert!(message.contains("9 不是"), "{message}");
        let hint = hint.unwrap_or_default();
        assert_eq!(
            hint,
            "电子病历系统应用水平分级为 0–8 级；最接近的有效级别：8级（健康信息整合，医疗安全质量持续提升）"
        );
        let (_, hint) = resolve(&emr(), &Amount::Number(4.5)).unwrap_err();
        assert!(hint
            .unwrap_or_default()
            .contains("4级（全院信息共享，初级医疗决策支持）、5级"));
    }
}
