//! The administrative divisions of GB/T 2260 (省级, 地级, 县级 names), compiled in: one
//! table for recognising places in imported notices, for the regions pages' province codes
//! and for `check`'s warnings about place names not written as the standard writes them.
//!
//! Source and licence are in the header of `divisions.txt`.

use std::sync::OnceLock;

const DATA: &str = include_str!("divisions.txt");

/// A province-level division (省、自治区、直辖市、特别行政区).
#[derive(Debug)]
pub struct Province {
    /// Two-digit code, e.g. `14`.
    pub code: &'static str,
    /// Full name, e.g. 山西省.
    pub name: &'static str,
    /// Short name, e.g. 山西, 广西, 内蒙古.
    pub short: &'static str,
    /// Its prefecture-level divisions, in code order.
    pub prefectures: Vec<Prefecture>,
}

/// A prefecture-level division with its county-level divisions.
#[derive(Debug)]
pub struct Prefecture {
    /// Four-digit code, e.g. `1402`.
    pub code: &'static str,
    /// Name, e.g. 大同市; `None` for the counties a province or municipality governs
    /// directly (市辖区, 省直辖县级行政区划).
    pub name: Option<&'static str>,
    /// County-level names, e.g. 云州区.
    pub counties: Vec<&'static str>,
}

/// Every province-level division, in code order.
pub fn provinces() -> &'static [Province] {
    static TABLE: OnceLock<Vec<Province>> = OnceLock::new();
    TABLE.get_or_init(parse)
}

fn short_of(name: &str) -> &str {
    let three = ["内蒙古", "黑龙江"];
    let chars = if three.iter().any(|t| name.starts_with(t)) {
        3
    } else {
        2
    };
    let end = name
        .char_indices()
        .nth(chars)
        .map_or(name.len(), |(i, _)| i);
    &name[..end]
}

fn parse() -> Vec<Province> {
    let mut out: Vec<Province> = Vec::new();
    for line in DATA
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let Some((code, rest)) = line.split_once(' ') else {
            continue;
        };
        if code.len() == 2 {
            out.push(Province {
                code,
                name: rest,
                short: short_of(rest),
                prefectures: Vec::new(),
            });
        } else if let Some(province) = out.last_mut() {
            let (name, counties) = rest.split_once('|').unwrap_or((rest, ""));
            province.prefectures.push(Prefecture {
                code,
                name: (name != "-").then_some(name),
                counties: counties.split_whitespace().collect(),
            });
        }
    }
    out
}

/// The province with this full name.
pub fn province(name: &str) -> Option<&'static Province> {
    provinces().iter().find(|p| p.name == name)
}

/// The province a name most likely means when it is not the full name: 山西 → 山西省,
/// 广西自治区 → 广西壮族自治区.
pub fn province_meant(name: &str) -> Option<&'static Province> {
    let name = name.trim();
    if name.chars().count() < 2 {
        return None;
    }
    provinces()
        .iter()
        .find(|p| name.starts_with(p.short) || p.name.starts_with(name))
}

/// The two-digit GB/T 2260 code of a province's full name (河南省 → 41).
pub fn province_code(name: &str) -> Option<&'static str> {
    province(name).map(|p| p.code)
}

impl Province {
    /// Names that can stand as a programme's city: prefecture names and the county-level
    /// cities a province governs directly (济源市, 仙桃市).
    pub fn cities(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.prefectures.iter().flat_map(|p| match p.name {
            Some(name) => vec![name],
            None if self.is_municipality() => Vec::new(),
            None => p
                .counties
                .iter()
                .copied()
                .filter(|c| c.ends_with('市'))
                .collect(),
        })
    }

    /// Whether this is a municipality (北京市, 上海市 …), whose districts have no prefecture.
    pub fn is_municipality(&self) -> bool {
        self.name.ends_with('市')
    }

    /// County-level names under `city` (every county of the province when `city` is
    /// `None` or the municipality itself).
    pub fn counties_of(&self, city: Option<&str>) -> Vec<&'static str> {
        let whole = city.is_none_or(|c| c == self.name);
        self.prefectures
            .iter()
            .filter(|p| whole || p.name == city || p.name.is_none())
            .flat_map(|p| p.counties.iter().copied())
            .collect()
    }
}

/// The province of a city name (大同市 → 山西省).
pub fn province_of_city(city: &str) -> Option<&'static Province> {
    provinces().iter().find(|p| p.cities().any(|c| c == city))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_every_level() {
        assert_eq!(provinces().len(), 34);
        assert_eq!(province_code("河南省"), Some("41"));
        assert_eq!(province_meant("山西").map(|p| p.name), Some("山西省"));
        assert_eq!(
            province_meant("广西").map(|p| p.name),
            Some("广西壮族自治区")
        );
        assert_eq!(province_of_city("大同市").map(|p| p.name), Some("山西省"));
        assert_eq!(province_of_city("济源市").map(|p| p.name), Some("河南省"));
        let shanxi = province("山西省").unwrap();
        assert!(shanxi.counties_of(Some("大同市")).contains(&"云州区"));
        let beijing = province("北京市").unwrap();
        assert!(beijing.counties_of(None).contains(&"东城区"));
        let counties: usize = provinces().iter().map(|p| p.counties_of(None).len()).sum();
        assert!(counties > 2800, "{counties}");
    }
}
