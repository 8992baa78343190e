//! Targets without a number: things to be built or completed by a deadline
//! (确保 2019 年完成构建县域医共体; 到 2025 年,区级医疗机构全部接入…平台; …建设全覆盖;
//! 区人民医院建成…院区), and activities repeated on a schedule (每年开展…培训, 每半年开展…).

use super::sentences::Sentence;
use super::text::{find_from, slice, starts_with_at};

/// What a statement commits to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Something built, connected or completed (indicator `built`).
    Built,
    /// An activity repeated on a schedule (indicator `service_times`, at least once).
    Recurring,
}

/// A commitment found in a clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// First character of the clause part.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// Built or recurring.
    pub kind: Kind,
    /// What is built or done, in the document's words.
    pub label: String,
    /// For recurring activities: 每年, 每半年 …
    pub recurring: Option<String>,
    /// The words as written for `display` (每年开展).
    pub display: String,
}

/// Verbs of building or completing that make a clause a target when the sentence has a
/// deadline.
const DEADLINE_VERBS: &[&str] = &[
    "完成构建",
    "完成建立",
    "完成建设",
    "建成",
    "新建",
    "构建",
    "建立",
    "接入",
    "连通",
    "上接",
    "开设",
    "开通",
    "投入使用",
];

/// Words that make a clause gradual or preparatory, not a commitment to finish.
const GRADUAL: &[&str] = &["逐步", "积极", "探索", "研究", "争取"];

/// Schedules of repeated activities and the verbs that follow them.
const SCHEDULES: &[&str] = &["每半年", "每季度", "每年", "每月"];
const ACTIVITY_VERBS: &[&str] = &["开展", "组织", "召开", "举办"];

/// Finds commitments in a sentence; `figure_spans` are the parts already read as numbers
/// or levels (a clause part holding one is not a separate commitment).
pub fn scan(s: &Sentence, masked: &[char], figure_spans: &[(usize, usize)]) -> Vec<Statement> {
    let mut out = Vec::new();
    let has_deadline = s.deadline().is_some();
    for (a, b) in parts(masked) {
        if figure_spans.iter().any(|(x, y)| *x < b && *y > a) {
            continue;
        }
        let part = slice(masked, a, b);
        if part.starts_with('为') || part.starts_with('以') || part.starts_with("通过") {
            continue;
        }
        if let Some(st) = recurring(masked, a, b) {
            out.push(st);
            continue;
        }
        if GRADUAL.iter().any(|w| part.contains(w)) {
            continue;
        }
        let verb = DEADLINE_VERBS
            .iter()
            .filter_map(|v| find_verb(masked, v, a, b).map(|i| (i, *v)))
            .min_by_key(|(i, _)| *i);
        let always = part.contains("全覆盖") || built_by_named_body(s, masked, a, b);
        let reached = has_deadline
            && part.contains("达到")
            && (part.contains("标准") || part.contains("水平"));
        let committed = always || reached || (has_deadline && verb.is_some());
        if !committed {
            continue;
        }
        let mut label = label(s, masked, a, b);
        if label.chars().count() < 6 {
            // 建设县中医院血液透析综合楼,年内投入使用: name what is put to use.
            if let Some((pa, pb)) = previous_part(masked, a) {
                label = format!("{}，{label}", clean_lead(&slice(&s.chars, pa, pb)));
            }
        }
        if label.chars().count() < 3 {
            continue;
        }
        // 建成A和B: one target per object.
        let split_verb = verb.filter(|(_, v)| matches!(*v, "建成" | "新建" | "开设" | "接入"));
        if let Some((at, v)) = split_verb {
            let object_from = at + v.chars().count();
            let object = slice(&s.chars, object_from, b);
            let objects: Vec<&str> = object
                .split('和')
                .filter(|o| o.chars().count() >= 2)
                .collect();
            if objects.len() == 2 {
                let subject = slice(&s.chars, a, at);
                let subject = clean_lead(&subject);
                for o in objects {
                    out.push(Statement {
                        start: a,
                        end: b,
                        kind: Kind::Built,
                        label: format!("{subject}{v}{o}"),
                        recurring: None,
                        display: String::new(),
                    });
                }
                continue;
            }
        }
        out.push(Statement {
            start: a,
            end: b,
            kind: Kind::Built,
            label,
            recurring: None,
            display: String::new(),
        });
    }
    out
}

/// A verb at a word boundary inside `[a, b)`: 建成 in 创建成果 or 建成果 is not one.
fn find_verb(masked: &[char], verb: &str, a: usize, b: usize) -> Option<usize> {
    let mut from = a;
    while let Some(i) = find_from(masked, verb, from).filter(|&i| i < b) {
        let end = i + verb.chars().count();
        let glued = (i > 0 && masked[i - 1] == '创') || masked.get(end) == Some(&'果');
        if !glued {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// 区人民医院建成…: a named facility that builds something, with or without a deadline.
fn built_by_named_body(s: &Sentence, masked: &[char], a: usize, b: usize) -> bool {
    let Some(at) = find_verb(masked, "建成", a, b) else {
        return false;
    };
    super::facility::find(&s.folded, &s.chars)
        .iter()
        .any(|m| m.start >= a && m.end <= at)
}

/// The clause part just before the one starting at `a`.
fn previous_part(masked: &[char], a: usize) -> Option<(usize, usize)> {
    parts(masked)
        .into_iter()
        .take_while(|(_, end)| *end < a)
        .last()
}

/// 每年开展薄弱专科培训和指导工作 → an activity at least once a year.
fn recurring(masked: &[char], a: usize, b: usize) -> Option<Statement> {
    for schedule in SCHEDULES {
        let Some(at) = find_from(masked, schedule, a).filter(|&i| i < b) else {
            continue;
        };
        let after = at + schedule.chars().count();
        let verb = ACTIVITY_VERBS
            .iter()
            .find(|v| starts_with_at(masked, after, v))?;
        let what_from = after + verb.chars().count();
        let what = slice(masked, what_from, b);
        if what.chars().count() < 2 || what.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        return Some(Statement {
            start: a,
            end: b,
            kind: Kind::Recurring,
            label: what,
            recurring: Some((*schedule).to_string()),
            display: format!("{schedule}{verb}"),
        });
    }
    None
}

/// Clause parts: split at , ; : 。 and at 并 (新建县级中医医院并达到…).
fn parts(masked: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    for (i, c) in masked.iter().enumerate() {
        match c {
            '(' | '“' => depth += 1,
            ')' | '”' => depth = (depth - 1).max(0),
            _ => {}
        }
        let split = depth == 0
            && (matches!(c, ',' | ';' | ':' | '。' | '!' | '?') || (*c == '并' && i > start + 2));
        if split {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
        }
    }
    if start < masked.len() {
        out.push((start, masked.len()));
    }
    out
}

/// The clause part without leading time phrases and aspiration words.
fn label(s: &Sentence, masked: &[char], a: usize, b: usize) -> String {
    let mut from = a;
    for hit in super::dates::scan(masked) {
        if hit.start >= a && hit.start <= a + 3 && hit.end < b {
            from = from.max(hit.end);
        }
    }
    let text = slice(&s.chars, from, b);
    clean_lead(&text)
}

fn clean_lead(text: &str) -> String {
    let mut t = text.trim().to_string();
    loop {
        let before = t.clone();
        for lead in [
            "确保", "力争", "力爭", "到", "年底", "年內", "年内", "前", "之前", "完成", "并", "並",
            "要", "年",
        ] {
            if let Some(rest) = t.strip_prefix(lead) {
                t = rest.trim().to_string();
            }
        }
        if t == before {
            break;
        }
    }
    t.trim_end_matches(['。', '.', ';', '；']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sentences::{mask, split};

    fn labels(text: &str) -> Vec<(Kind, String)> {
        let s = split(&[text.to_string()], &[], Some(2019));
        s.iter()
            .flat_map(|s| scan(s, &mask(&s.folded), &[]))
            .map(|st| (st.kind, st.label))
            .collect()
    }

    #[test]
    fn built_with_deadline() {
        let got = labels("确保 2019 年完成构建县域医共体，建立双向转诊、急慢分治、上下联动的分级诊疗模式，接入河南省远程医疗中心交互平台，积极创造条件覆盖村卫生室，提升人民群众获得感。");
        assert_eq!(
            got,
            vec![
                (Kind::Built, "构建县域医共体".to_string()),
                (
                    Kind::Built,
                    "建立双向转诊、急慢分治、上下联动的分级诊疗模式".to_string()
                ),
                (Kind::Built, "接入河南省远程医疗中心交互平台".to_string()),
            ]
        );
    }

    #[test]
    fn built_without_deadline() {
        let got = labels("区人民医院建成相对独立的传染病院区和可转换病区,承担传染病筛查等任务。");
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].1, "区人民医院建成可转换病区");
        assert!(labels("建立医务社工和志愿者制度,开展人文关怀志愿服务。").is_empty());
        assert!(labels("2019年7月-9月，机房设备及网络改造，逐步建立远程会诊服务平台。").is_empty());
    }

    #[test]
    fn recurring_activity() {
        let got = labels("组织业务技术指导专家组,每年开展薄弱专科培训和指导工作,指导区级医疗机构薄弱专科建设和发展。");
        assert_eq!(
            got,
            vec![(Kind::Recurring, "薄弱专科培训和指导工作".to_string())]
        );
    }
}
