//! Levels written in words: hospital grades (达到二甲及以上医院水平, 达到三级医院医疗服务能力),
//! biosafety levels (生物安全二级), and EMR or smart-service levels in Chinese numerals
//! (电子病历…达到四级).

use super::text::{chinese_digit, starts_with_at};

/// A level found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelHit {
    /// First character of the level words.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// Indicator id.
    pub indicator: &'static str,
    /// The level's label on the indicator's scale (二甲, 三级, 二级) or a number.
    pub label: Option<String>,
    /// Numeric level for numbered scales.
    pub number: Option<f64>,
    /// Whether the text says 及以上 / 以上.
    pub at_least: bool,
}

/// Hospital grades as written, with the catalogue's label, longest first.
const GRADES: &[(&str, &str)] = &[
    ("三级甲等", "三甲"),
    ("二级甲等", "二甲"),
    ("三甲", "三甲"),
    ("二甲", "二甲"),
    ("三级", "三级"),
    ("二级", "二级"),
    ("一级", "一级"),
];

/// What may follow a hospital grade for it to mean a hospital's grade.
const GRADE_NOUNS: &[&str] = &[
    "医院",
    "中医医院",
    "中医院",
    "综合医院",
    "妇幼保健院",
    "水平",
    "标准",
];

/// Finds levels written in words in a folded, masked sentence.
pub fn scan(folded: &[char]) -> Vec<LevelHit> {
    let mut hits = Vec::new();
    let n = folded.len();
    let mut i = 0;
    while i < n {
        let reached = ["达到", "达", "成为", "创建为", "晋升为", "升级为"]
            .iter()
            .find(|v| starts_with_at(folded, i, v))
            .map(|v| v.chars().count());
        let Some(verb_len) = reached else {
            i += 1;
            continue;
        };
        let p = i + verb_len;
        if let Some(hit) = grade_at(folded, p) {
            i = hit.end;
            hits.push(hit);
            continue;
        }
        i += 1;
    }
    // Biosafety: 生物安全二级 / 生物安全防护二级.
    for prefix in ["生物安全防护", "生物安全"] {
        let mut j = 0;
        while let Some(at) = super::text::find_from(folded, prefix, j) {
            let p = at + prefix.chars().count();
            if let (Some(d), Some('级')) = (
                folded.get(p).and_then(|c| chinese_digit(*c)),
                folded.get(p + 1),
            ) {
                if (1..=4).contains(&d)
                    && !hits.iter().any(|h: &LevelHit| h.start <= p && p < h.end)
                {
                    hits.push(LevelHit {
                        start: p,
                        end: p + 2,
                        indicator: "biosafety_level",
                        label: Some(format!("{}级", folded[p])),
                        number: None,
                        at_least: starts_with_at(folded, p + 2, "及以上")
                            || starts_with_at(folded, p + 2, "以上"),
                    });
                }
            }
            j = at + 1;
        }
    }
    hits.sort_by_key(|h| h.start);
    hits
}

fn grade_at(folded: &[char], p: usize) -> Option<LevelHit> {
    let (written, label) = GRADES.iter().find(|(w, _)| starts_with_at(folded, p, w))?;
    let mut end = p + written.chars().count();
    let mut at_least = false;
    for suffix in ["及以上", "以上"] {
        if starts_with_at(folded, end, suffix) {
            end += suffix.chars().count();
            at_least = true;
            break;
        }
    }
    if !GRADE_NOUNS
        .iter()
        .any(|noun| starts_with_at(folded, end, noun))
    {
        return None;
    }
    // 三级医院 right after 达到 names a hospital tier; 二级科室 would not reach here.
    Some(LevelHit {
        start: p,
        end,
        indicator: "hospital_grade",
        label: Some((*label).to_string()),
        number: None,
        at_least,
    })
}

/// EMR and smart-service levels in Chinese numerals (达到四级), found only when the
/// sentence names the scale before them.
pub fn scan_numbered(folded: &[char]) -> Vec<LevelHit> {
    let mut hits = Vec::new();
    for (i, c) in folded.iter().enumerate() {
        let Some(d) = chinese_digit(*c) else { continue };
        if folded.get(i + 1) != Some(&'级') || i == 0 {
            continue;
        }
        let before: String = folded[..i].iter().collect();
        let reached = ["达到", "达", "通过"].iter().any(|v| before.ends_with(v));
        if !reached {
            continue;
        }
        let indicator = if before.rfind("电子病历").is_some() {
            "emr_level"
        } else if before.rfind("智慧服务").is_some() {
            "smart_service_level"
        } else {
            continue;
        };
        hits.push(LevelHit {
            start: i,
            end: i + 2,
            indicator,
            label: None,
            number: Some(f64::from(d)),
            at_least: starts_with_at(folded, i + 2, "以上")
                || starts_with_at(folded, i + 2, "及以上"),
        });
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::script::fold;

    fn labels(s: &str) -> Vec<(&'static str, String, bool)> {
        let f: Vec<char> = fold(s).chars().collect();
        scan(&f)
            .into_iter()
            .map(|h| (h.indicator, h.label.unwrap_or_default(), h.at_least))
            .collect()
    }

    #[test]
    fn hospital_grades() {
        assert_eq!(
            labels("2025 年底,县级综合医院达到二甲及以上医院水平,力争医疗服务能力达到国家推荐标准"),
            vec![("hospital_grade", "二甲".into(), true)]
        );
        assert_eq!(
            labels("新建县级中医医院并达到二级中医医院标准"),
            vec![("hospital_grade", "二级".into(), false)]
        );
        assert_eq!(
            labels("力爭達到二級甲等醫院醫療服務能力"),
            vec![("hospital_grade", "二甲".into(), false)]
        );
        assert_eq!(
            labels("区人民医院和中医医院实验室达到生物安全二级水平"),
            vec![("biosafety_level", "二级".into(), false)]
        );
        assert!(labels("逐步健全二级科室").is_empty());
    }

    #[test]
    fn numbered_levels() {
        let f: Vec<char> = "电子病历应用水平分级达到四级".chars().collect();
        assert_eq!(scan_numbered(&f)[0].number, Some(4.0));
    }
}
