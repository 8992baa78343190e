//! Budget lines: amounts in 万元 (亿元 converted) with what they are for.
//!
//! "人才队伍建设、专科设备购置等投入经费预算约850万元" → purpose 人才队伍建设、专科设备购置,
//! 850, approximate, planned. "A和B…分别配套资金3600万元和8477万元,用于…" → two lines,
//! one per body, allocated, purpose after 用于.

use super::facility;
use super::item::{Item, FLAG_LOST};
use super::numbers::{self, Unit};
use super::sentences::{mask, masked_spans, Sentence};
use super::text::{ends_with_at, find_from, slice, starts_with_at};
use crate::model::{BudgetLine, BudgetStatus, DocumentType};

/// Words that make an amount a budget line.
const MONEY_WORDS: &[&str] = &[
    "经费", "资金", "预算", "投入", "投资", "配套", "拨付", "补助", "补贴", "筹措", "安排", "专项",
    "下达",
];

/// Words of money already allocated or spent.
const ALLOCATED_WORDS: &[&str] = &[
    "配套",
    "拨付",
    "下达",
    "到位",
    "已",
    "完成投资",
    "落实资金",
    "争取",
];

/// Words of money planned.
const PLANNED_WORDS: &[&str] = &["预算", "计划", "拟", "预计", "估算", "概算"];

/// Words that end the purpose before an amount (人才队伍建设…等投入经费预算约…).
const PURPOSE_ENDS: &[&str] = &[
    "等投入",
    "投入",
    "经费",
    "资金",
    "预算",
    "共计",
    "总投资",
    "需",
];

/// Extracts budget lines from sentences.
pub fn extract(sentences: &[Sentence], document_type: DocumentType) -> Vec<Item<BudgetLine>> {
    let mut out = Vec::new();
    for s in sentences.iter().filter(|s| !s.is_heading) {
        let masked = mask(&s.folded);
        let amounts: Vec<_> = numbers::scan(&masked, &masked_spans(&s.folded))
            .into_iter()
            .filter(|q| q.unit == Unit::WanYuan)
            .collect();
        if amounts.is_empty() {
            continue;
        }
        let text: String = masked.iter().collect();
        if !MONEY_WORDS.iter().any(|w| text.contains(w)) {
            continue;
        }
        let first = amounts[0].start;
        let last_end = amounts.last().map_or(first, |q| q.end);
        let purpose = purpose(s, &masked, first, last_end);
        let status = status(&text, document_type);
        let subjects = subjects(s, &masked, first, amounts.len());
        let lost = s.text.contains('□');
        for (k, q) in amounts.iter().enumerate() {
            let before = trim_spaces_back(&masked, q.start);
            let approximate = ["约", "大约", "近", "约合"]
                .iter()
                .any(|w| ends_with_at(&masked, before, w))
                || starts_with_at(&masked, q.end, "左右");
            let mut flags = Vec::new();
            let mut confidence: f64 = 0.8;
            if purpose.is_empty() {
                flags.push("未找到用途，请补充".to_string());
                confidence -= 0.2;
            }
            if lost {
                flags.push(FLAG_LOST.to_string());
                confidence -= 0.2;
            }
            let subject = match subjects.len() {
                0 => None,
                1 => subjects.first().cloned(),
                _ => subjects.get(k).cloned(),
            };
            out.push(Item::new(
                BudgetLine {
                    purpose: if purpose.is_empty() {
                        s.section.clone().unwrap_or_default()
                    } else {
                        purpose.clone()
                    },
                    amount_wan_yuan: q.value,
                    approximate,
                    scope: None,
                    subject,
                    status,
                    source: s.text.clone(),
                },
                confidence,
                flags,
            ));
        }
    }
    out
}

fn trim_spaces_back(chars: &[char], mut at: usize) -> usize {
    while at > 0 && chars[at - 1] == ' ' {
        at -= 1;
    }
    at
}

fn status(text: &str, document_type: DocumentType) -> BudgetStatus {
    let planned = PLANNED_WORDS.iter().any(|w| text.contains(w));
    let allocated = ALLOCATED_WORDS.iter().any(|w| text.contains(w));
    match (document_type, planned, allocated) {
        (_, false, true) => BudgetStatus::Allocated,
        (DocumentType::Report, false, _) => BudgetStatus::Allocated,
        _ => BudgetStatus::Planned,
    }
}

/// What the money is for: the words after 用于, else the words before the amount up to
/// 投入 / 经费 / 预算.
fn purpose(s: &Sentence, masked: &[char], first: usize, last_end: usize) -> String {
    for w in ["用于", "主要用于", "专项用于"] {
        if let Some(at) = find_from(masked, w, last_end) {
            let from = at + w.chars().count();
            let to = (from..masked.len())
                .find(|&i| matches!(masked[i], '。' | ';' | ','))
                .unwrap_or(masked.len());
            return slice(&s.chars, from, to).trim().to_string();
        }
    }
    let end = PURPOSE_ENDS
        .iter()
        .filter_map(|w| find_from(masked, w, 0).filter(|&i| i < first))
        .min()
        .unwrap_or(first);
    let start = (0..end)
        .rev()
        .find(|&i| matches!(masked[i], '。' | ';' | ',' | ':'))
        .map_or(0, |i| i + 1);
    let mut text = slice(&s.chars, start, end).trim().to_string();
    for tail in ["等", "共", "约"] {
        if let Some(t) = text.strip_suffix(tail) {
            text = t.trim().to_string();
        }
    }
    text
}

/// Bodies receiving the money: one for all amounts, or one per amount with 分别.
fn subjects(s: &Sentence, masked: &[char], first: usize, count: usize) -> Vec<String> {
    let mentions: Vec<_> = facility::find(&s.folded, &s.chars)
        .into_iter()
        .filter(|m| m.end <= first)
        .collect();
    let text: String = masked.iter().collect();
    if count > 1 && text.contains("分别") && mentions.len() == count {
        return mentions.into_iter().map(|m| m.name).collect();
    }
    if mentions.len() == 1 {
        return vec![mentions[0].name.clone()];
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sentences::split;

    fn lines(
        text: &str,
        t: DocumentType,
    ) -> Vec<(String, f64, bool, BudgetStatus, Option<String>)> {
        let s = split(&[text.to_string()], &[], Some(2019));
        extract(&s, t)
            .into_iter()
            .map(|b| {
                let b = b.value;
                (
                    b.purpose,
                    b.amount_wan_yuan,
                    b.approximate,
                    b.status,
                    b.subject,
                )
            })
            .collect()
    }

    #[test]
    fn planned_budget() {
        assert_eq!(
            lines("4.人才队伍建设、专科设备购置等投入经费预算约850万元。通过特色专科建设，进一步提高医院整体实力。", DocumentType::Plan),
            vec![("人才队伍建设、专科设备购置".into(), 850.0, true, BudgetStatus::Planned, None)]
        );
    }

    #[test]
    fn allocated_pair() {
        let got = lines("上蔡縣人民醫院和泌陽縣人民醫院作為縣域醫療中心建設單位,為加快縣域醫療中心建設,分別配套資金3600萬元和8477萬元,用于信息化升級、機房改造。", DocumentType::Report);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, 3600.0);
        assert_eq!(got[1].1, 8477.0);
        assert_eq!(got[0].0, "信息化升級、機房改造");
        assert_eq!(got[0].3, BudgetStatus::Allocated);
        assert_eq!(got[0].4.as_deref(), Some("上蔡縣人民醫院"));
        assert_eq!(got[1].4.as_deref(), Some("泌陽縣人民醫院"));
    }
}
