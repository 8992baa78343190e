//! Phases and milestones: "(一)启动阶段(2023年8月-9月)" and dated steps such as
//! "2019 年 4 月-6 月，组建特色专科三个…", "2022年4月5日之前,各支援医院要…", "6月底前,…".

use super::dates::Deadline;
use super::item::{Item, FLAG_LOST};
use super::sentences::Sentence;
use super::text::{list_marker_len, slice};
use crate::model::{Milestone, Phase};

/// Phases and milestones of a plan.
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    /// Phases with date ranges.
    pub phases: Vec<Item<Phase>>,
    /// Dated steps.
    pub milestones: Vec<Item<Milestone>>,
}

/// Extracts phases and milestones.
pub fn extract(sentences: &[Sentence]) -> Schedule {
    let mut out = Schedule::default();
    for (i, s) in sentences.iter().enumerate() {
        let folded: String = s.folded.iter().collect();
        if s.is_heading && (folded.contains("阶段") || folded.contains("时期")) {
            if let Some(phase) = phase(s, sentences.get(i + 1)) {
                out.phases.push(phase);
            }
            continue;
        }
        if s.is_heading {
            continue;
        }
        if let Some(m) = milestone(s) {
            out.milestones.push(m);
        }
    }
    out
}

fn phase(heading: &Sentence, next: Option<&Sentence>) -> Option<Item<Phase>> {
    let d = heading.own_deadline.as_ref()?;
    let start = d.start?;
    let marker = list_marker_len(&heading.folded.iter().collect::<String>());
    let name_end = (marker..heading.folded.len())
        .find(|&i| {
            matches!(heading.folded[i], '(' | ':' | ',') || heading.folded[i].is_ascii_digit()
        })
        .unwrap_or(heading.folded.len());
    let name = slice(&heading.chars, marker, name_end).trim().to_string();
    if name.is_empty() {
        return None;
    }
    let description = next
        .filter(|n| !n.is_heading && n.paragraph == heading.paragraph + 1)
        .map(|n| n.text.trim_end_matches(['。', '.']).to_string());
    Some(Item::new(
        Phase {
            name,
            start,
            end: d.due,
            description,
            source: Some(heading.text.clone()),
        },
        0.85,
        Vec::new(),
    ))
}

/// A sentence that begins with a date (range), or states a deadline to the month.
fn milestone(s: &Sentence) -> Option<Item<Milestone>> {
    let d: &Deadline = s.own_deadline.as_ref()?;
    // A step of work is dated to the month (2019年4月-6月, 6月底前, 2022年4月5日之前);
    // a year alone (到 2025 年) is a target's horizon, not a step.
    let at_start = d.span.0 <= 1;
    d.due.month?;
    let (name_from, name_to) = if at_start {
        let mut from = d.span.1;
        while from < s.folded.len() && matches!(s.folded[from], ',' | ' ' | ':' | '，') {
            from += 1;
        }
        (from, s.chars.len())
    } else {
        (0, s.chars.len())
    };
    let name = slice(&s.chars, name_from, name_to)
        .trim()
        .trim_end_matches(['。', ';', '；', '.'])
        .to_string();
    if name.chars().count() < 2 {
        return None;
    }
    let mut after_date = d.span.1;
    while after_date < s.folded.len() && matches!(s.folded[after_date], ',' | ' ' | ':') {
        after_date += 1;
    }
    let responsible = responsible(s, after_date);
    let mut flags = Vec::new();
    let mut confidence: f64 = if at_start { 0.8 } else { 0.65 };
    if s.text.contains('□') {
        flags.push(FLAG_LOST.to_string());
        confidence -= 0.2;
    }
    Some(Item::new(
        Milestone {
            name,
            start: d.start,
            due: d.due,
            group: s.section.clone(),
            responsible,
            source: s.text.clone(),
        },
        confidence,
        flags,
    ))
}

/// The unit named as the subject right after the date: "各支援医院要…" → 各支援医院.
fn responsible(s: &Sentence, from: usize) -> Vec<String> {
    let verbs = ["要", "应", "负责", "完成", "将", "须", "必须"];
    let window = 16;
    for (offset, c) in s.folded.iter().skip(from).take(window).enumerate() {
        if matches!(c, ',' | '。' | ';' | '(' | '、') {
            break;
        }
        let at = from + offset;
        if verbs
            .iter()
            .any(|v| super::text::starts_with_at(&s.folded, at, v))
        {
            let subject: String = slice(&s.folded, from, at);
            let org = [
                "医院",
                "机构",
                "单位",
                "部门",
                "委",
                "局",
                "卫生院",
                "中心",
                "政府",
            ]
            .iter()
            .any(|w| subject.ends_with(w));
            if org && subject.chars().count() >= 2 {
                return vec![slice(&s.chars, from, at)];
            }
            break;
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sentences::split;

    #[test]
    fn phases_and_milestones() {
        let paragraphs: Vec<String> = [
            "三、工作安排",
            "(一)启动阶段(2023年8月-9月)",
            "区卫生健康和体育局具体负责行动方案的实施。",
            "1.2019 年 4 月-6 月，组建特色专科三个，即：腹腔镜微创外科、甲乳外科、肛肠外科。填补我县医疗技术空白二个。",
            "(一)簽訂對口幫扶協議。按照本實施方案確定的對口幫扶關系(附件1),2022年4月5日之前,各支援醫院要與受援醫院簽訂協議書。",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let s = split(&paragraphs, &[], Some(2023));
        let out = extract(&s);
        assert_eq!(out.phases.len(), 1);
        assert_eq!(out.phases[0].value.name, "启动阶段");
        assert_eq!(out.phases[0].value.start.to_string(), "2023-08");
        assert_eq!(out.phases[0].value.end.to_string(), "2023-09");
        assert_eq!(out.milestones.len(), 2);
        assert_eq!(
            out.milestones[0].value.name,
            "组建特色专科三个，即：腹腔镜微创外科、甲乳外科、肛肠外科"
        );
        assert_eq!(out.milestones[0].value.due.to_string(), "2019-06");
        assert_eq!(out.milestones[1].value.due.to_string(), "2022-04-05");
        assert_eq!(
            out.milestones[1].value.responsible,
            vec!["各支援醫院".to_string()]
        );
    }
}
