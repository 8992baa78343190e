//! Facilities named in sentences: the region's own (区人民医院, 县中医院 → a facility with an
//! id the targets can point at) and specific ones (上蔡县人民医院 → the subject of a figure).

use super::script::is_han;

/// A facility mentioned in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// First character.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// Name as written (original script).
    pub name: String,
    /// Identifier for a region's own facility (`district_hospital`), `None` for a named
    /// facility elsewhere.
    pub id: Option<String>,
    /// Sort of facility, e.g. 综合医院.
    pub kind: &'static str,
}

/// Kinds of facility: folded name ending, id suffix, kind label.
const KINDS: &[(&str, &str, &str)] = &[
    ("妇幼保健计划生育服务中心", "mch_centre", "妇幼保健机构"),
    ("妇幼健康服务中心", "mch_centre", "妇幼保健机构"),
    ("疾病预防控制中心", "cdc", "疾病预防控制机构"),
    ("中西医结合医院", "integrated_hospital", "中西医结合医院"),
    ("妇幼保健院", "mch_hospital", "妇幼保健机构"),
    ("人民医院", "hospital", "综合医院"),
    ("中医医院", "tcm_hospital", "中医医院"),
    ("中心医院", "central_hospital", "综合医院"),
    ("中医院", "tcm_hospital", "中医医院"),
    ("疾控中心", "cdc", "疾病预防控制机构"),
    ("卫生院", "health_centre", "乡镇卫生院"),
];

/// Level prefixes of a region's own facilities and their id prefix.
const LEVELS: &[(&str, &str)] = &[
    ("区", "district"),
    ("县", "county"),
    ("市", "city"),
    ("旗", "banner"),
    ("省", "provincial"),
];

/// Finds facility names in a folded sentence (`original` has the same positions).
/// A kind named alone right after another facility and a conjunction takes that
/// facility's level: 区人民医院和中医医院 → 区人民医院, (区)中医医院.
pub fn find(folded: &[char], original: &[char]) -> Vec<Mention> {
    let mut raw: Vec<(usize, usize, String, &'static str, &'static str)> = Vec::new();
    let text: String = folded.iter().collect();
    for (ending, id_suffix, kind) in KINDS {
        for (byte_at, _) in text.match_indices(ending) {
            let at = text[..byte_at].chars().count();
            let end = at + ending.chars().count();
            if raw.iter().any(|m| at < m.1 && end > m.0) {
                continue;
            }
            // Walk back over the place name (at most 8 characters of Han text).
            let mut start = at;
            while start > 0
                && at - start < 8
                && is_han(folded[start - 1])
                && !stops(folded[start - 1])
            {
                start -= 1;
            }
            let prefix: String = folded[start..at].iter().collect();
            raw.push((start, end, prefix, id_suffix, kind));
        }
    }
    raw.sort_by_key(|m| m.0);
    let mut out: Vec<Mention> = Vec::new();
    for (start, end, prefix, id_suffix, kind) in raw {
        let mut level = LEVELS
            .iter()
            .find(|(level, _)| prefix == *level)
            .map(|(_, id_prefix)| *id_prefix);
        if prefix.is_empty() {
            let joined = start > 0 && matches!(folded[start - 1], '和' | '与' | '及' | '、');
            let previous = out.last().filter(|m| m.end + 1 == start);
            match (joined, previous) {
                (true, Some(m)) => {
                    level =
                        m.id.as_deref()
                            .and_then(|id| id.split('_').next())
                            .and_then(|p| {
                                LEVELS
                                    .iter()
                                    .find(|(_, id_prefix)| *id_prefix == p)
                                    .map(|(_, id_prefix)| *id_prefix)
                            });
                    if level.is_none() {
                        continue;
                    }
                }
                _ => continue,
            }
        }
        let id = level.map(|p| format!("{p}_{id_suffix}"));
        let name = match (&id, prefix.is_empty()) {
            (Some(id), true) => {
                // Name the inherited facility in full: 中医医院 → 区中医医院.
                let level_char = LEVELS
                    .iter()
                    .find(|(_, p)| id.starts_with(p))
                    .map_or("", |(l, _)| *l);
                format!(
                    "{level_char}{}",
                    original[start..end.min(original.len())]
                        .iter()
                        .collect::<String>()
                )
            }
            _ => original[start..end.min(original.len())].iter().collect(),
        };
        out.push(Mention {
            start,
            end,
            name,
            id,
            kind,
        });
    }
    out
}

/// Characters that end a place name when walking back from a facility word.
fn stops(c: char) -> bool {
    matches!(
        c,
        '和' | '与'
            | '及'
            | '、'
            | '的'
            | '在'
            | '对'
            | '由'
            | '为'
            | '向'
            | '从'
            | '把'
            | '将'
            | '是'
            | '有'
            | '支'
            | '持'
            | '依'
            | '托'
            | '推'
            | '进'
            | '达'
            | '到'
            | '各'
            | '全'
            | '等'
            | '了'
            | '於'
            | '于'
            | '建'
            | '设'
            | '动'
            | '立'
            | '援'
            | '扶'
            | '帮'
            | '派'
            | '出'
            | '院'
            | '个'
            | '家'
            | '所'
            | '名'
            | '涵'
            | '盖'
            | '或'
            | '成'
            | '作'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::script::fold;

    fn names(s: &str) -> Vec<(String, Option<String>)> {
        let o: Vec<char> = s.chars().collect();
        let f: Vec<char> = fold(s).chars().collect();
        find(&f, &o).into_iter().map(|m| (m.name, m.id)).collect()
    }

    #[test]
    fn finds_facilities() {
        assert_eq!(
            names("区人民医院电子病历应用水平分级达到 4 级,区中医医院达到2级"),
            vec![
                ("区人民医院".into(), Some("district_hospital".into())),
                ("区中医医院".into(), Some("district_tcm_hospital".into()))
            ]
        );
        assert_eq!(
            names("上蔡縣人民醫院和泌陽縣人民醫院作為縣域醫療中心建設單位"),
            vec![
                ("上蔡縣人民醫院".into(), None),
                ("泌陽縣人民醫院".into(), None)
            ]
        );
        assert_eq!(
            names("支持区中医医院建设"),
            vec![("区中医医院".into(), Some("district_tcm_hospital".into()))]
        );
    }
}
