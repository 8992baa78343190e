//! Region: province, city and county from the issuing body, the title and the text.
//!
//! A built-in table lists every province-level division with its prefecture-level
//! cities, so a city named in a notice gives its province too. Counties are recognised
//! by suffix (…县, …区, …旗, or a 市 that is not a prefecture).

use crate::model::Region;

struct Province {
    full: &'static str,
    short: &'static str,
    cities: Vec<&'static str>,
}

/// Province-level divisions with their prefecture-level cities, from the one GB/T 2260
/// table ([`crate::gbt2260`]).
fn provinces() -> Vec<Province> {
    crate::gbt2260::provinces()
        .iter()
        .map(|p| Province {
            full: p.name,
            short: p.short,
            cities: p.cities().collect(),
        })
        .collect()
}

/// The province of a prefecture-level city (full names: 大同市 → 山西省).
pub fn province_of_city(city: &str) -> Option<&'static str> {
    provinces()
        .into_iter()
        .find(|p| p.cities.contains(&city))
        .map(|p| p.full)
}

/// Every province-level name found in folded text, with its position.
fn provinces_in(text: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    for p in provinces() {
        for (at, _) in text.match_indices(p.full) {
            found.push((at, p.full));
        }
        // 河南 + 省 written apart from the table's form, e.g. 甘肃省 = 甘肃 + 省.
        let with_suffix = format!("{}省", p.short);
        if with_suffix != p.full {
            for (at, _) in text.match_indices(&with_suffix) {
                found.push((at, p.full));
            }
        }
    }
    found.sort();
    found
}

/// Every prefecture-level city named with its suffix in folded text.
fn cities_in(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for p in provinces() {
        for city in &p.cities {
            for (at, _) in text.match_indices(*city) {
                found.push((at, city.to_string()));
            }
        }
    }
    found.sort();
    found
}

/// The place part of an issuing body: 大同市云州区人民政府办公室 → 大同市云州区.
pub fn place_prefix(issuer: &str) -> String {
    const ORG_STARTS: &[&str] = &[
        "人民政府",
        "卫生",
        "委员会",
        "乡村振兴",
        "医疗保障",
        "财政",
        "发展和改革",
        "发展改革",
        "人民医院",
        "中医",
        "疾病预防",
        "妇幼",
        "办公",
        "党委",
        "政府",
        "民政",
        "教育",
        "人力资源",
        "市场监督",
        "应急",
        "公安",
        "住房",
        "自然资源",
        "生态环境",
        "农业",
        "文化",
        "统计",
        "审计",
        "医院",
        "委",
        "局",
    ];
    let cut = ORG_STARTS
        .iter()
        .filter_map(|w| issuer.find(w))
        .min()
        .unwrap_or(issuer.len());
    issuer[..cut].to_string()
}

/// Splits a place such as 大同市云州区 into (province, city, county) parts it names.
fn split_place(place: &str) -> (Option<String>, Option<String>, Option<String>) {
    let mut rest = place;
    let mut province = None;
    if let Some((at, name)) = provinces_in(rest).into_iter().next() {
        if at == 0 {
            province = Some(name.to_string());
            let used = if rest.starts_with(name) {
                name.len()
            } else {
                provinces()
                    .into_iter()
                    .find(|p| p.full == name)
                    .map_or(0, |p| p.short.len() + '省'.len_utf8())
            };
            rest = &rest[used..];
        }
    }
    let mut city = None;
    let mut county = None;
    if let Some(end) = rest.find('市') {
        let name = &rest[..end + '市'.len_utf8()];
        let chars = name.chars().count();
        if is_place_name(name) {
            if province_of_city(name).is_some()
                || province.is_none() && chars >= 3 && rest.len() > name.len()
            {
                city = Some(name.to_string());
                rest = &rest[name.len()..];
            } else if province_of_city(name).is_none() {
                // A county-level city (项城市).
                county = Some(name.to_string());
                rest = &rest[name.len()..];
            }
        }
    }
    if county.is_none() {
        let end = rest
            .char_indices()
            .find(|(_, c)| matches!(c, '县' | '区' | '旗'))
            .map(|(i, c)| i + c.len_utf8());
        if let Some(end) = end {
            let name = &rest[..end];
            if is_place_name(name) {
                county = Some(name.to_string());
            }
        }
    }
    (province, city, county)
}

/// Whether a name can be a place: 2–8 Han characters, not starting with 全/各/本/我.
fn is_place_name(name: &str) -> bool {
    let count = name.chars().count();
    (2..=8).contains(&count)
        && name.chars().all(super::script::is_han)
        && !name.starts_with(['全', '各', '本', '我', '该', '省', '市', '县', '区'])
}

/// Works out the region from issuing bodies, title and body text (all folded).
/// Returns the region and a confidence.
pub fn infer(issuers: &[String], title: &str, body: &str) -> (Region, f64) {
    let mut province: Option<String> = None;
    let mut city: Option<String> = None;
    let mut county: Option<String> = None;
    let mut confidence: f64 = 0.9;
    let mut sources: Vec<String> = issuers.iter().map(|i| place_prefix(i)).collect();
    sources.push(place_prefix(title));
    let mut issuer_level_province = false;
    for place in &sources {
        let (p, c, k) = split_place(place);
        if p.is_some() && c.is_none() && k.is_none() && !place.is_empty() {
            issuer_level_province = true;
        }
        province = province.or(p);
        city = city.or(c);
        county = county.or(k);
    }
    if city.is_none() && county.is_none() && !issuer_level_province {
        // A city named in the title without 市 (驻马店:…), or the city named most often.
        let mut counts: Vec<(usize, String)> = Vec::new();
        for (_, name) in cities_in(body) {
            match counts.iter_mut().find(|(_, n)| *n == name) {
                Some(entry) => entry.0 += 1,
                None => counts.push((1, name)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.0));
        let consistent = |name: &String| {
            province
                .as_deref()
                .is_none_or(|p| province_of_city(name) == Some(p))
        };
        if let Some((_, name)) = counts.into_iter().find(|(_, n)| consistent(n)) {
            city = Some(name);
            confidence = confidence.min(0.6);
        }
    } else if city.is_none() && county.is_some() {
        // A county: its city is the prefecture named in the text, if any.
        let named: Vec<String> = cities_in(body)
            .into_iter()
            .map(|(_, n)| n)
            .filter(|n| {
                province
                    .as_deref()
                    .is_none_or(|p| province_of_city(n) == Some(p))
            })
            .collect();
        if let Some(first) = named.first() {
            if named.iter().all(|n| n == first) {
                city = Some(first.clone());
                confidence = confidence.min(0.6);
            }
        }
    }
    if province.is_none() {
        province = city
            .as_deref()
            .and_then(province_of_city)
            .map(str::to_string);
    }
    if province.is_none() {
        let mut counts: Vec<(usize, &str)> = Vec::new();
        for (_, name) in provinces_in(body) {
            match counts.iter_mut().find(|(_, n)| *n == name) {
                Some(entry) => entry.0 += 1,
                None => counts.push((1, name)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.0));
        province = counts.first().map(|(_, n)| n.to_string());
        confidence = confidence.min(0.5);
    }
    if province.is_none() {
        confidence = 0.0;
    }
    if city.is_none() && county.is_some() {
        confidence = confidence.min(0.7);
    }
    (
        Region {
            province: province.unwrap_or_default(),
            city,
            county,
        },
        confidence,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(
        issuers: &[&str],
        title: &str,
        body: &str,
    ) -> (String, Option<String>, Option<String>) {
        let issuers: Vec<String> = issuers.iter().map(|s| s.to_string()).collect();
        let (r, _) = infer(&issuers, title, body);
        (r.province, r.city, r.county)
    }

    #[test]
    fn from_issuer() {
        assert_eq!(
            region(
                &["大同市云州区人民政府办公室"],
                "",
                "山西省医疗卫生服务体系规划"
            ),
            (
                "山西省".into(),
                Some("大同市".into()),
                Some("云州区".into())
            )
        );
        assert_eq!(
            region(
                &["甘肃省卫生健康委员会", "甘肃省乡村振兴局"],
                "",
                "天津市、山东省各支援医院"
            ),
            ("甘肃省".into(), None, None)
        );
        assert_eq!(
            region(&["桓台县卫生健康局"], "", "贯彻落实淄博市《关于》"),
            (
                "山东省".into(),
                Some("淄博市".into()),
                Some("桓台县".into())
            )
        );
        assert_eq!(
            region(&["民权县人民政府办公室"], "", "接入河南省远程医疗中心"),
            ("河南省".into(), None, Some("民权县".into()))
        );
        assert_eq!(
            region(
                &["驻马店广视网"],
                "驻马店:完善分级诊疗制度",
                "驻马店市在分级诊疗制度建设上"
            ),
            ("河南省".into(), Some("驻马店市".into()), None)
        );
    }
}
