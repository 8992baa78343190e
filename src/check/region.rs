//! Place names checked against GB/T 2260: a province written without 省/自治区/市 (山西),
//! a city or county not in the standard, or not under the province named. Warnings: the
//! site builds, but directories group places by name, so 山西 and 山西省 would be two.

use crate::gbt2260::{self, Province};
use crate::i18n::t;
use crate::model::ProgrammeSource;
use crate::validate::located;

/// Warnings for the region of one programme.
pub fn check(source: &ProgrammeSource) -> Vec<crate::error::Diagnostic> {
    let region = &source.programme.region;
    let mut found = Vec::new();
    let mut warn = |field: &str, message: String, hint: String| {
        found.push(located(source, field, message).with_hint(hint));
    };
    let name = region.province.trim();
    let province = match gbt2260::province(name) {
        Some(p) => p,
        None => {
            let (message, hint) = province_words(name);
            warn("region.province", message, hint);
            return found;
        }
    };
    let city = region
        .city
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if let Some(city) = city {
        if !(province.cities().any(|c| c == city) || city == province.name) {
            let (message, hint) = place_words(city, &candidates(city, province.cities()), province);
            warn("region.city", message, hint);
            return found;
        }
    }
    if let Some(county) = region
        .county
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let counties = province.counties_of(city);
        if !counties.contains(&county) {
            let (message, hint) =
                place_words(county, &candidates(county, counties.into_iter()), province);
            warn("region.county", message, hint);
        }
    }
    found
}

/// Names a short or altered name probably means: 云州 → 云州区, 恩施州 → 恩施土家族苗族自治州.
fn candidates(name: &str, known: impl Iterator<Item = &'static str>) -> Vec<&'static str> {
    let stem: String = name
        .trim_end_matches(['市', '县', '区', '州', '旗', '盟'])
        .to_string();
    if stem.chars().count() < 2 {
        return Vec::new();
    }
    known.filter(|k| k.starts_with(&stem)).take(3).collect()
}

fn province_words(name: &str) -> (String, String) {
    match gbt2260::province_meant(name) {
        Some(p) => (
            t(
                format!("省份“{name}”不是规范名称：GB/T 2260 中写作“{}”", p.name),
                format!("the province “{name}” is not written as GB/T 2260 writes it: “{}”", p.name),
            ),
            t(
                format!("改为 province: {}（省、自治区、直辖市要写全称，目录页才不会把同一地方分成两处）", p.name),
                format!("write `province: {}` (full names keep the directory pages from listing one place twice)", p.name),
            ),
        ),
        None => (
            t(
                format!("“{name}”不是 GB/T 2260 中的省级行政区"),
                format!("“{name}” is not a province-level division of GB/T 2260"),
            ),
            t(
                "写省、自治区、直辖市的全称，如 山西省、广西壮族自治区、北京市",
                "write the full name of the province, e.g. “山西省”, “广西壮族自治区”, “北京市”",
            ),
        ),
    }
}

fn place_words(name: &str, meant: &[&str], province: &Province) -> (String, String) {
    let elsewhere = gbt2260::province_of_city(name).filter(|p| p.name != province.name);
    let message = match elsewhere {
        Some(other) => t(
            format!("“{name}”属于{}，不属于{}", other.name, province.name),
            format!("“{name}” is in {}, not in {}", other.name, province.name),
        ),
        None => t(
            format!("“{name}”不是 GB/T 2260 中{}的行政区划名称", province.name),
            format!(
                "“{name}” is not a division of {} in GB/T 2260",
                province.name
            ),
        ),
    };
    let hint = if meant.is_empty() {
        t(
            "按 GB/T 2260 写全称（带 市、县、区、自治州 等）",
            "write the full name as GB/T 2260 has it (with 市, 县, 区, 自治州 …)",
        )
    } else {
        t(
            format!("是不是要写“{}”？", meant.join("”或“")),
            format!("did you mean “{}”?", meant.join("” or “")),
        )
    };
    (message, hint)
}
