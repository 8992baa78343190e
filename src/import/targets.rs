//! Targets and reported figures: every number with a unit the catalogue knows (or a
//! level written in words) becomes a target — with indicator, value, range, comparator,
//! deadline, scope and the exact sentence — or, in a report, an actual.
//!
//! The indicator is chosen by unit, and by the words around the number where the unit
//! alone is ambiguous (级: 电子病历 → emr_level; %: 县域内就诊率 → county_treatment_rate;
//! 个: 专科 → specialty_count, 中心 → centre_count).

use super::built::{self, Kind as BuiltKind, Statement};
use super::dates;
use super::docno;
use super::enumeration;
use super::facility::{self, Mention};
use super::grades::{self, LevelHit};
use super::item::{Item, FLAG_LOST};
use super::numbers::{self, Quantity, Unit};
use super::sentences::{mask, masked_spans, Sentence};
use super::text::{ends_with_at, slice, starts_with_at};
use crate::model::{Actual, Amount, Comparator, DateSpec, DocumentType, Facility, Target};

/// Targets, actuals and the facilities they refer to.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// Targets (plans and work points).
    pub targets: Vec<Item<Target>>,
    /// Reported figures (reports).
    pub actuals: Vec<Item<Actual>>,
    /// Facilities used as target scopes.
    pub facilities: Vec<Facility>,
}

/// What the extractor needs to know about the document.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Plan, work points or report.
    pub document_type: DocumentType,
    /// Date of a report (its figures are dated with it).
    pub report_date: Option<DateSpec>,
    /// The year of a work-points document (its targets are due within it).
    pub year: Option<i32>,
}

/// One figure found in a sentence, before it becomes a target or an actual.
#[derive(Debug, Clone)]
struct Figure {
    start: usize,
    end: usize,
    indicator: &'static str,
    value: Amount,
    value_max: Option<f64>,
    comparator: Option<Comparator>,
    display: String,
    label: String,
    /// Facilities named together before the figure (区人民医院和中医医院), nearest last.
    group: Vec<Mention>,
    aspirational: bool,
    recurring: Option<String>,
    confidence: f64,
    flags: Vec<String>,
    /// A count of the items the sentence lists (五个方面, “六统一”): it names aspects of
    /// a commitment, which may still be stated as a completion in the same clause.
    enumerated: bool,
}

/// Separators that end a clause.
fn is_clause_sep(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '。' | '!' | '?')
}

/// Separators that start a label.
fn is_label_sep(c: char) -> bool {
    is_clause_sep(c) || matches!(c, '、' | '(' | ')')
}

/// Start of the clause containing position `at`.
fn clause_start(chars: &[char], at: usize) -> usize {
    (0..at.min(chars.len()))
        .rev()
        .find(|&i| is_clause_sep(chars[i]))
        .map_or(0, |i| i + 1)
}

/// End of the clause containing position `at`.
fn clause_end(chars: &[char], at: usize) -> usize {
    (at..chars.len())
        .find(|&i| is_clause_sep(chars[i]))
        .unwrap_or(chars.len())
}

/// Clauses that state facts about the past, not targets.
const FACT_WORDS: &[&str] = &["被列为", "被评为", "被确定为", "荣获", "获评", "入选"];

/// Words before a number meaning "at least" / "at most".
const AT_LEAST_BEFORE: &[&str] = &["不少于", "不低于", "至少", "超过", "多于", "大于", "不小于"];
const AT_MOST_BEFORE: &[&str] = &[
    "不超过",
    "不高于",
    "低于",
    "少于",
    "控制在",
    "不大于",
    "小于",
];

/// Words after a number meaning "at least" / "at most".
const AT_LEAST_AFTER: &[&str] = &["及以上", "以上"];
const AT_MOST_AFTER: &[&str] = &["及以下", "以下", "以内"];

/// Leading words removed from labels.
const LABEL_LEADS: &[&str] = &[
    "以及",
    "和",
    "与",
    "及",
    "或",
    "力争",
    "确保",
    "其中",
    "并且",
    "并",
    "同时",
    "全年",
    "每年",
    "每半年",
    "年内",
    "共",
    "累计",
    "均",
    "要",
    "应",
    "可",
];

/// Trailing words removed from labels.
const LABEL_TAILS: &[&str] = &[
    "提高到",
    "提升到",
    "提高至",
    "提升至",
    "增加到",
    "增长到",
    "达到",
    "达",
    "为",
    "在",
    "不少于",
    "不低于",
    "至少",
    "超过",
    "不超过",
    "不高于",
    "低于",
    "控制在",
    "保持在",
    "有",
    "要有",
    "应有",
    "均",
    "共",
    "累计",
    "其中",
    "的",
    "并",
    "和",
    "与",
    "及",
    "、",
];

/// Extracts targets (plans, work points) or actuals (reports) from sentences.
pub fn extract(sentences: &[Sentence], ctx: &Context) -> Figures {
    let mut out = Figures::default();
    for sentence in sentences
        .iter()
        .filter(|s| !s.is_heading && !transmittal(s))
    {
        let figures = figures_in(sentence, ctx);
        for figure in figures {
            match ctx.document_type {
                DocumentType::Report => {
                    if let Some(actual) = to_actual(sentence, figure, ctx) {
                        out.actuals.push(actual);
                    }
                }
                _ => {
                    let targets = to_targets(sentence, figure, ctx, &mut out.facilities);
                    out.targets.extend(targets);
                }
            }
        }
    }
    out
}

/// The covering note of a notice (现将《…》印发给你们,请…认真贯彻执行): it asks the
/// recipients to carry out the attached document and states nothing of its own.
fn transmittal(s: &Sentence) -> bool {
    let text: String = s.folded.iter().collect();
    text.contains("印发给你们") || (text.starts_with("现将") && text.contains("印发"))
}

fn figures_in(s: &Sentence, ctx: &Context) -> Vec<Figure> {
    let masked = mask(&s.folded);
    let mut excluded = masked_spans(&s.folded);
    excluded.extend(dates::scan(&masked).into_iter().map(|h| (h.start, h.end)));
    excluded.extend(docno::scan(&s.chars).into_iter().map(|d| (d.start, d.end)));
    let quantities = numbers::scan(&masked, &excluded);
    let mut levels: Vec<LevelHit> = grades::scan(&masked);
    levels.extend(grades::scan_numbered(&masked));
    let mentions = facility::find(&s.folded, &s.chars);
    let lost = s.text.contains('□');

    let sets = enumeration::quoted_sets(&masked);
    let mut raw: Vec<Figure> = Vec::new();
    for set in &sets {
        raw.extend(set_figures(s, &masked, set, lost));
    }
    let mut floor = 0;
    for q in &quantities {
        if levels.iter().any(|l| q.start < l.end && q.end > l.start) {
            continue;
        }
        if sets.iter().any(|x| q.start < x.end && q.end > x.start) {
            continue;
        }
        if let Some(f) = quantity_figure(s, &masked, q, ctx, &mentions, floor) {
            raw.push(f);
        }
        floor = q.end;
    }
    for l in &levels {
        raw.push(level_figure(s, &masked, l, &mentions));
    }
    raw.sort_by_key(|f| f.start);
    pair_respectively(&mut raw, &masked, &mentions);
    split_rates(&mut raw);

    // Counts that only qualify a level or figure that follows in the same clause
    // (至少有1所县级医院达到二级医院…; 3个试点镇…知晓率达到40%).
    // But a count of institutions that reach a grade is the target itself (至少有1所县级
    // 医院达到二级医院…: the grade says what is counted), and a count of pilot places
    // whose rate must reach a figure is kept beside the rate.
    let reaches = |f: &Figure, g: &Figure| {
        let end = clause_end(&masked, f.end);
        g.start > f.start && g.start < end && {
            let between = slice(&masked, f.end, g.start);
            between.contains("达到") || between.contains('达')
        }
    };
    let mut qualifiers: Vec<usize> = Vec::new();
    for (i, f) in raw.iter().enumerate() {
        if !is_count(f.indicator) {
            continue;
        }
        for (j, g) in raw.iter().enumerate().skip(i + 1) {
            if !reaches(f, g) {
                continue;
            }
            if f.indicator == "institution_count" && g.indicator == "hospital_grade" {
                qualifiers.push(j);
            } else if f.indicator == "institution_count" && g.indicator == "share_percent" {
            } else {
                qualifiers.push(i);
            }
            break;
        }
    }
    let mut figures: Vec<Figure> = raw
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !qualifiers.contains(i))
        .map(|(_, f)| f)
        .collect();

    // Aspiration (力争) between the previous figure and this one.
    let mut previous_end = 0;
    for f in &mut figures {
        let before = slice(&masked, previous_end, f.start);
        f.aspirational = before.contains("力争");
        previous_end = f.end;
        if lost {
            f.flags.push(FLAG_LOST.to_string());
            f.confidence -= 0.2;
        }
    }
    dedupe(&mut figures);
    if ctx.document_type != DocumentType::Report && !figures.iter().any(|f| is_count(f.indicator)) {
        figures.extend(named_places(s, &masked, lost));
    }
    if ctx.document_type != DocumentType::Report {
        let spans: Vec<(usize, usize)> = figures
            .iter()
            .filter(|f| !f.enumerated)
            .map(|f| (f.start, f.end))
            .collect();
        let within_year = ctx.document_type == DocumentType::WorkPoints && ctx.year.is_some();
        for st in built::scan(s, &masked, &spans, within_year) {
            figures.push(statement_figure(&st, &masked, &mentions, lost));
        }
        figures.sort_by_key(|f| f.start);
    }
    figures
}

/// A built or recurring commitment as a figure: built = true, or at least once per period.
fn statement_figure(st: &Statement, masked: &[char], mentions: &[Mention], lost: bool) -> Figure {
    let part = slice(masked, st.start, st.end);
    let group: Vec<Mention> = mentions
        .iter()
        .filter(|m| m.start >= st.start && m.end <= st.end)
        .take(1)
        .cloned()
        .collect();
    let (indicator, value, comparator, flag) = match st.kind {
        BuiltKind::Built => (
            "built",
            Amount::Bool(true),
            None,
            "无数值的完成类目标，请核对",
        ),
        BuiltKind::Recurring => (
            "service_times",
            Amount::Number(1.0),
            Some(Comparator::AtLeast),
            "按“每年/每半年开展”记为至少 1 次，请核对",
        ),
    };
    let mut flags = vec![flag.to_string()];
    let mut confidence = 0.45;
    if lost {
        flags.push(FLAG_LOST.to_string());
        confidence -= 0.2;
    }
    Figure {
        start: st.start,
        end: st.end,
        indicator,
        value,
        value_max: None,
        comparator,
        display: st.display.clone(),
        label: st.label.clone(),
        group,
        aspirational: part.contains("力争") || part.contains("争取"),
        recurring: st.recurring.clone(),
        confidence,
        flags,
        enumerated: false,
    }
}

/// Figures of a quoted set whose list has as many items as its number (“六统一”,即…):
/// the set as a count of items, and for a set of “一X” (“五个一”,即“建立一个…、开展一次…”)
/// each listed item as a count of one (一次 → times, 一个 → items), repeated when the
/// list says 每年度.
fn set_figures(
    s: &Sentence,
    masked: &[char],
    set: &enumeration::QuotedSet,
    lost: bool,
) -> Vec<Figure> {
    let mut flags = vec!["按所列项数核对的中文数字".to_string()];
    let mut confidence = 0.6;
    if lost {
        flags.push(FLAG_LOST.to_string());
        confidence -= 0.2;
    }
    let display = slice(&s.chars, set.start, set.end);
    let label_from = label_start(masked, set.start);
    let head = slice(&s.chars, label_from, set.start);
    let head = head.trim_start_matches(LEAD_VERBS_OF_SETS).trim();
    let mut out = vec![Figure {
        start: set.start,
        end: set.end,
        indicator: "item_count",
        value: Amount::Number(set.value),
        value_max: None,
        comparator: None,
        display: display.clone(),
        label: format!("{head}{display}").trim().to_string(),
        group: Vec::new(),
        aspirational: false,
        recurring: None,
        confidence,
        flags: flags.clone(),
        enumerated: false,
    }];
    if !set.of_ones {
        return out;
    }
    // The listed items: from after 即 to the end of the quoted list.
    let Some(list_from) = (set.end..masked.len().min(set.end + 8)).find(|&k| masked[k] == '即')
    else {
        return out;
    };
    let mut depth = 0i32;
    let mut item_start = list_from + 1;
    let mut recurring: Option<String> = None;
    let mut k = list_from + 1;
    while k <= masked.len() {
        let c = masked.get(k).copied().unwrap_or('。');
        match c {
            '“' => depth += 1,
            '”' => depth -= 1,
            _ => {}
        }
        let ends = c == '、' || (depth <= 0 && matches!(c, ',' | ';' | '。' | '”'));
        if ends {
            let item = slice(masked, item_start, k);
            let item = item.trim_matches(['“', '”']);
            for schedule in ["每年度", "每年", "每季度", "每半年", "每月"] {
                if item.contains(schedule) {
                    recurring = Some(schedule.to_string());
                    break;
                }
            }
            let one = ["一次", "一个", "一项", "一份", "一期"]
                .iter()
                .find_map(|w| item.find(w).map(|at| (at, *w)));
            if let Some((at, w)) = one {
                let what = &item[at + w.len()..];
                let indicator = if w == "一次" {
                    "service_times"
                } else {
                    "item_count"
                };
                let original = slice(&s.chars, item_start, k);
                out.push(Figure {
                    start: item_start,
                    end: k,
                    indicator,
                    value: Amount::Number(1.0),
                    value_max: None,
                    comparator: None,
                    display: original.trim_matches(['“', '”']).to_string(),
                    label: format!("{what}（{display}）"),
                    group: Vec::new(),
                    aspirational: false,
                    recurring: recurring.clone(),
                    confidence: confidence - 0.1,
                    flags: flags.clone(),
                    enumerated: false,
                });
            }
            item_start = k + 1;
            if depth <= 0 && c != '、' {
                break;
            }
        }
        k += 1;
    }
    out
}

/// Suffixes of places a plan may list by name (A镇、B镇、C镇).
const PLACE_SUFFIXES: &[char] = &['镇', '乡', '村', '县', '区'];

/// 督促A镇、B镇、C镇全面做好…创建工作,争取通过…评估: places listed by name as the
/// subject of a commitment (创建, 通过, 达到, 验收), counted (institution_count).
fn named_places(s: &Sentence, masked: &[char], lost: bool) -> Vec<Figure> {
    let text: String = masked.iter().collect();
    if !["创建", "通过", "达到", "验收"]
        .iter()
        .any(|w| text.contains(w))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < masked.len() {
        // A run of names: 2–5 Han characters ending in the same suffix, joined by 、.
        let mut names: Vec<(usize, usize)> = Vec::new();
        let mut k = i;
        loop {
            let mut j = k;
            while j < masked.len() && super::script::is_han(masked[j]) && j - k < 5 {
                j += 1;
                if PLACE_SUFFIXES.contains(&masked[j - 1]) && j - k >= 2 {
                    break;
                }
            }
            let ok = j - k >= 2
                && PLACE_SUFFIXES.contains(&masked[j - 1])
                && names
                    .first()
                    .is_none_or(|&(_, e)| masked[e - 1] == masked[j - 1])
                && !matches!(masked[k], '各' | '全' | '所' | '每' | '本' | '该');
            if !ok {
                break;
            }
            names.push((k, j));
            if masked.get(j) == Some(&'、') {
                k = j + 1;
            } else {
                break;
            }
        }
        let starts_clean = i == 0 || !super::script::is_han(masked[i - 1]) || names.len() >= 3;
        if names.len() >= 2 && starts_clean {
            let (start, end) = (names[0].0, names[names.len() - 1].1);
            let display = slice(&s.chars, start, end);
            let mut flags = vec!["按列出的地名个数计数，请核对".to_string()];
            if lost {
                flags.push(FLAG_LOST.to_string());
            }
            let rest = slice(&s.chars, end, clause_end(masked, end));
            out.push(Figure {
                start,
                end,
                indicator: "institution_count",
                value: Amount::Number(names.len() as f64),
                value_max: None,
                comparator: None,
                display: display.clone(),
                label: format!("{display}{}", rest.trim()),
                group: Vec::new(),
                aspirational: text.contains("争取") || text.contains("力争"),
                recurring: None,
                confidence: 0.4,
                flags,
                enumerated: false,
            });
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// Verbs before a quoted set removed from its label (实现“六统一” → “六统一”).
const LEAD_VERBS_OF_SETS: &[char] = &['实', '现', '推', '行', '落'];

/// “聚集性疫情流调率和个案流调率达到100%”: one rate each.
fn split_rates(figures: &mut Vec<Figure>) {
    let mut out = Vec::with_capacity(figures.len());
    for f in figures.drain(..) {
        let names: Vec<String> = f
            .label
            .split(['和', '及', '、'])
            .map(str::to_string)
            .collect();
        let rates = matches!(f.indicator, "share_percent" | "county_treatment_rate")
            && names.len() >= 2
            && names
                .iter()
                .all(|n| n.ends_with('率') && n.chars().count() >= 3);
        if rates {
            for n in names {
                let mut g = f.clone();
                g.label = n;
                out.push(g);
            }
        } else {
            out.push(f);
        }
    }
    *figures = out;
}

/// The same count of the same thing written twice in a sentence (召开一次质控会议、开展一次
/// 质控会议) is one target.
fn dedupe(figures: &mut Vec<Figure>) {
    let mut seen: Vec<(String, String, String)> = Vec::new();
    figures.retain(|f| {
        let noun: String = f
            .label
            .chars()
            .filter(|c| super::script::is_han(*c))
            .collect();
        let key = (f.indicator.to_string(), format!("{:?}", f.value), noun);
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
}

/// "A和B…分别配套资金3600万元和8477万元": the first figure is A's, the second B's.
fn pair_respectively(figures: &mut [Figure], masked: &[char], mentions: &[Mention]) {
    let Some(at) = super::text::find_from(masked, "分别", 0) else {
        return;
    };
    let named: Vec<&Mention> = mentions.iter().filter(|m| m.end <= at).collect();
    if named.len() < 2 {
        return;
    }
    let indicators: Vec<&'static str> = figures
        .iter()
        .filter(|f| f.start > at)
        .map(|f| f.indicator)
        .collect();
    for indicator in indicators {
        let positions: Vec<usize> = figures
            .iter()
            .enumerate()
            .filter(|(_, f)| f.start > at && f.indicator == indicator)
            .map(|(i, _)| i)
            .collect();
        if positions.len() == named.len() {
            for (k, i) in positions.into_iter().enumerate() {
                figures[i].group = vec![named[k].clone()];
            }
        }
    }
}

fn is_count(indicator: &str) -> bool {
    matches!(
        indicator,
        "institution_count" | "staff_count" | "item_count" | "specialty_count" | "centre_count"
    )
}

fn quantity_figure(
    s: &Sentence,
    masked: &[char],
    q: &Quantity,
    ctx: &Context,
    mentions: &[Mention],
    floor: usize,
) -> Option<Figure> {
    let report = ctx.document_type == DocumentType::Report;
    if q.start > 0 && masked[q.start - 1] == '第' {
        return None;
    }
    let cs = clause_start(masked, q.start);
    let ce = clause_end(masked, q.end);
    let clause = slice(masked, cs, ce);
    if !report && FACT_WORDS.iter().any(|w| clause.contains(w)) {
        return None;
    }
    let comparator = comparator_of(masked, q);
    let mut enumerated = false;
    let mut confidence: f64 = 0.5;
    let mut flags = Vec::new();
    let noun_after = noun_after(masked, q.end);
    let (indicator, strong) = match q.unit {
        Unit::BedsPerThousand => ("beds_per_1000", true),
        Unit::Beds => {
            // 每千常住人口医疗卫生机构床位数达到 6.5 张; a number of beds alone has no indicator.
            let before = slice(masked, clause_start(masked, q.start), q.start);
            if before.contains("每千") && before.contains("床") {
                ("beds_per_1000", true)
            } else {
                return None;
            }
        }
        Unit::Level => (level_indicator(masked, q.start)?, true),
        Unit::Percent => {
            let before = slice(masked, clause_start(masked, q.start), q.start);
            if before.contains("县域内就诊率") || before.contains("县域就诊率") {
                ("county_treatment_rate", true)
            } else {
                ("share_percent", false)
            }
        }
        Unit::WanYuan if report => ("funding", true),
        Unit::WanYuan => return None,
        Unit::Yuan => ("amount_yuan", false),
        Unit::PersonTimes => ("person_times", true),
        Unit::Times => ("service_times", true),
        Unit::People => {
            // 每千人口执业医师数 3.2 人 is a ratio the catalogue does not have.
            let before = slice(masked, clause_start(masked, q.start), q.start);
            if before.contains("每千") || before.contains("每万") || q.value.fract() != 0.0 {
                return None;
            }
            ("staff_count", true)
        }
        Unit::Institutions => ("institution_count", true),
        Unit::Entries => ("item_count", false),
        Unit::Years => {
            let stated = comparator.is_some()
                || ["连续", "满", "工作", "经验", "期限", "服务期"]
                    .iter()
                    .any(|w| clause.contains(w));
            if !stated {
                return None;
            }
            ("duration_years", true)
        }
        Unit::Months => ("duration_months", true),
        Unit::Kilometres => ("radius_km", true),
        Unit::Items => {
            let label_from = label_start(masked, q.start).max(floor);
            let noun_before = slice(masked, label_from, q.start);
            let noun = if noun_after.is_empty() {
                // What is counted is written before the number (组建特色专科三个).
                let n = noun_before.chars().count();
                noun_before.chars().skip(n.saturating_sub(6)).collect()
            } else {
                noun_after.clone()
            };
            // 在A、B、C三个方面; A、B和C两大行动: the list says what is counted.
            let listed = !noun_after.is_empty()
                && q.value >= 2.0
                && enumeration::count_before(masked, q.start) as f64 == q.value;
            let indicator = match count_indicator(&noun) {
                Some(indicator) => indicator,
                None if listed => {
                    enumerated = true;
                    "item_count"
                }
                None => return None,
            };
            if noun_after.is_empty() {
                confidence -= 0.1;
            }
            (indicator, false)
        }
    };
    if q.chinese {
        confidence -= 0.15;
        flags.push("中文数字，请核对数值".to_string());
    }
    if strong {
        confidence += 0.15;
    } else {
        flags.push("指标按单位推断，请核对".to_string());
    }
    if comparator.is_some() {
        confidence += 0.1;
    }
    let comparator = if q.value_max.is_some() {
        Some(Comparator::Range)
    } else {
        comparator
    };
    let display_end = display_end(masked, q.end);
    let display = slice(&s.chars, q.start, display_end).trim().to_string();
    let value = Amount::Number(q.value);
    let group = nearest_facilities(mentions, masked, cs, q.start);
    let label = label_for(s, masked, q.start, q.end, &noun_after, indicator, floor);
    Some(Figure {
        start: q.start,
        end: display_end,
        indicator,
        value,
        value_max: q.value_max,
        comparator,
        display,
        label,
        group,
        aspirational: false,
        recurring: recurring(masked, q.start),
        confidence,
        flags,
        enumerated,
    })
}

fn level_figure(s: &Sentence, masked: &[char], l: &LevelHit, mentions: &[Mention]) -> Figure {
    let cs = clause_start(masked, l.start);
    let group = nearest_facilities(mentions, masked, cs, l.start);
    let value = match (&l.label, l.number) {
        (Some(label), _) => Amount::Label(label.clone()),
        (None, Some(n)) => Amount::Number(n),
        (None, None) => Amount::Label(String::new()),
    };
    let display = slice(&s.chars, l.start, l.end).trim().to_string();
    Figure {
        start: l.start,
        end: l.end,
        indicator: l.indicator,
        value,
        value_max: None,
        comparator: l.at_least.then_some(Comparator::AtLeast),
        display,
        label: label_for(s, masked, l.start, l.end, "", l.indicator, 0),
        enumerated: false,
        group,
        aspirational: false,
        recurring: recurring(masked, l.start),
        confidence: 0.65,
        flags: Vec::new(),
    }
}

fn trim_end_spaces(chars: &[char], mut at: usize) -> usize {
    while at > 0 && chars[at - 1] == ' ' {
        at -= 1;
    }
    at
}

fn skip_spaces(chars: &[char], mut at: usize) -> usize {
    while at < chars.len() && chars[at] == ' ' {
        at += 1;
    }
    at
}

fn comparator_of(masked: &[char], q: &Quantity) -> Option<Comparator> {
    let after = skip_spaces(masked, q.end);
    if AT_LEAST_AFTER
        .iter()
        .any(|w| starts_with_at(masked, after, w))
    {
        return Some(Comparator::AtLeast);
    }
    if AT_MOST_AFTER
        .iter()
        .any(|w| starts_with_at(masked, after, w))
    {
        return Some(Comparator::AtMost);
    }
    let before = trim_end_spaces(masked, q.start);
    // 至少有 5 名, 不少于 6 个月: allow one or two characters between.
    for gap in 0..=2 {
        let at = before.saturating_sub(gap);
        if AT_LEAST_BEFORE.iter().any(|w| ends_with_at(masked, at, w)) {
            return Some(Comparator::AtLeast);
        }
        if AT_MOST_BEFORE.iter().any(|w| ends_with_at(masked, at, w)) {
            return Some(Comparator::AtMost);
        }
    }
    if q.more_than {
        return Some(Comparator::AtLeast);
    }
    None
}

/// Where the value as written ends: after 以上 / 以下 / 左右 when they follow.
fn display_end(masked: &[char], end: usize) -> usize {
    let after = skip_spaces(masked, end);
    for w in AT_LEAST_AFTER.iter().chain(AT_MOST_AFTER).chain(&["左右"]) {
        if starts_with_at(masked, after, w) {
            return after + w.chars().count();
        }
    }
    end
}

/// The level scale named before a 级 number: 电子病历 → emr_level, 智慧服务 → smart service.
fn level_indicator(masked: &[char], at: usize) -> Option<&'static str> {
    let before = slice(masked, 0, at);
    let emr = ["电子病历"].iter().filter_map(|w| before.rfind(w)).max();
    let smart = ["智慧服务"].iter().filter_map(|w| before.rfind(w)).max();
    let bio = ["生物安全"].iter().filter_map(|w| before.rfind(w)).max();
    [
        (emr, "emr_level"),
        (smart, "smart_service_level"),
        (bio, "biosafety_level"),
    ]
    .into_iter()
    .filter_map(|(pos, id)| pos.map(|p| (p, id)))
    .max_by_key(|(p, _)| *p)
    .map(|(_, id)| id)
}

/// The indicator of a count of 个 things, from what is counted.
fn count_indicator(noun: &str) -> Option<&'static str> {
    /// Words that name aspects, not things to count (五个方面, “四个意识”).
    const NOT_COUNTED: &[&str] = &[
        "方面", "环节", "领域", "阶段", "原则", "意识", "自信", "维护", "服从", "能力", "步骤",
        "批", "部分", "层面", "问题", "目标", "任务", "行动", "统一", "结合", "转变", "年",
    ];
    if NOT_COUNTED.iter().any(|w| noun.starts_with(w)) {
        return None;
    }
    let ends_institution = ["医院", "卫生院", "中医院"]
        .iter()
        .any(|w| noun.ends_with(w));
    if ["专科", "学科", "科室", "重点科"]
        .iter()
        .any(|w| noun.contains(w))
    {
        return Some("specialty_count");
    }
    if ends_institution || matches!(noun, "部" | "部门") {
        return Some("institution_count");
    }
    if noun.contains("中心") {
        return Some("centre_count");
    }
    if [
        "医院",
        "卫生院",
        "机构",
        "医共体",
        "医联体",
        "村",
        "镇",
        "社区",
        "单位",
        "乡",
        "县",
        "站",
        "基地",
    ]
    .iter()
    .any(|w| noun.contains(w))
    {
        return Some("institution_count");
    }
    if [
        "平台", "项目", "网络", "制度", "技术", "系统", "空白", "工程", "标准",
    ]
    .iter()
    .any(|w| noun.contains(w))
    {
        return Some("item_count");
    }
    None
}

/// What is counted after a unit: 2个临床重点专科 → 临床重点专科.
fn noun_after(masked: &[char], end: usize) -> String {
    let mut i = skip_spaces(masked, end);
    for w in AT_LEAST_AFTER.iter().chain(AT_MOST_AFTER).chain(&["左右"]) {
        if starts_with_at(masked, i, w) {
            i += w.chars().count();
            break;
        }
    }
    let mut out = String::new();
    while i < masked.len() && out.chars().count() < 16 {
        let c = masked[i];
        if is_label_sep(c) || matches!(c, ' ' | '░' | '“' | '”' | '"') || c.is_ascii_digit() {
            break;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Where a label starts: after the nearest separator before `at`, stepping over a
/// bracketed part (示范村(社区)2处) and stopping inside brackets the number is in.
fn label_start(masked: &[char], at: usize) -> usize {
    let mut depth = 0usize;
    for i in (0..at.min(masked.len())).rev() {
        match masked[i] {
            ')' => depth += 1,
            '(' if depth > 0 => depth -= 1,
            '(' => return i + 1,
            c if depth == 0 && (is_clause_sep(c) || c == '、') => return i + 1,
            _ => {}
        }
    }
    0
}

/// A label in the document's words: the words before the number (time phrases and
/// verbs of reaching removed) and what is counted after it.
fn label_for(
    s: &Sentence,
    masked: &[char],
    start: usize,
    end: usize,
    noun: &str,
    indicator: &str,
    floor: usize,
) -> String {
    let from = label_start(masked, start).max(floor);
    let mut a = from;
    let mut b = trim_end_spaces(masked, start);
    // Leading date phrases (到 2025 年) and words such as 力争.
    loop {
        a = skip_spaces(masked, a);
        let before = a;
        for hit in dates::scan(masked) {
            if hit.start == a || (hit.start == a + 1 && matches!(masked[a], '到' | '至' | '于'))
            {
                a = hit.end;
                for w in ["底前", "底", "前", "之前", "以前"] {
                    if starts_with_at(masked, a, w) {
                        a += w.chars().count();
                        break;
                    }
                }
            }
        }
        for w in LABEL_LEADS {
            if starts_with_at(masked, a, w) && a + w.chars().count() <= b {
                a += w.chars().count();
            }
        }
        if a == before {
            break;
        }
    }
    loop {
        let before = b;
        b = trim_end_spaces(masked, b);
        for w in LABEL_TAILS {
            if b >= a + w.chars().count() && ends_with_at(masked, b, w) {
                b -= w.chars().count();
                break;
            }
        }
        if b == before {
            break;
        }
    }
    let _ = end;
    let head: String = slice(&s.chars, a, b.max(a)).trim().to_string();
    let noun_original: String = {
        let n = noun.chars().count();
        let after = masked_noun_start(masked, end);
        slice(&s.chars, after, after + n)
    };
    let noun_original = noun_original
        .trim_start_matches(['和', '与', '與', '及', '的'])
        .to_string();
    // What is counted follows the number (2个临床重点专科); other units end the phrase.
    let counted = is_count(indicator) || indicator == "centre_count";
    let label = if counted {
        format!("{head}{noun_original}")
    } else if head.chars().count() < 2 {
        noun_original
    } else {
        head
    };
    if label.chars().count() < 2 {
        indicator_name(indicator).to_string()
    } else {
        label
    }
}

fn masked_noun_start(masked: &[char], end: usize) -> usize {
    let mut i = skip_spaces(masked, end);
    for w in AT_LEAST_AFTER.iter().chain(AT_MOST_AFTER).chain(&["左右"]) {
        if starts_with_at(masked, i, w) {
            i += w.chars().count();
            break;
        }
    }
    i
}

fn indicator_name(indicator: &str) -> &'static str {
    match indicator {
        "beds_per_1000" => "每千常住人口床位数",
        "emr_level" => "电子病历系统应用水平分级",
        "smart_service_level" => "智慧服务分级评估等级",
        "hospital_grade" => "医院等级",
        "biosafety_level" => "实验室生物安全防护水平",
        "county_treatment_rate" => "县域内就诊率",
        "funding" => "资金",
        "staff_count" => "人员数",
        "person_times" => "服务人次",
        "service_times" => "服务次数",
        "institution_count" => "机构数",
        "specialty_count" => "专科数",
        "centre_count" => "中心数",
        "item_count" => "项目数",
        "duration_years" => "年限",
        "duration_months" => "月数",
        "radius_km" => "服务半径",
        _ => "比例",
    }
}

/// The facilities a figure is about: the nearest one named before it in its clause,
/// with those joined to it by 和 / 与 / 及 / 、 (区人民医院和中医医院).
fn nearest_facilities(
    mentions: &[Mention],
    masked: &[char],
    clause_from: usize,
    at: usize,
) -> Vec<Mention> {
    let before: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.start >= clause_from && m.end <= at)
        .collect();
    let Some(last) = before.last() else {
        return Vec::new();
    };
    let mut group = vec![(*last).clone()];
    for m in before.iter().rev().skip(1) {
        let Some(first) = group.first() else { break };
        let joined = m.end + 1 == first.start
            && matches!(masked.get(m.end), Some('和' | '与' | '及' | '、'));
        if !joined {
            break;
        }
        group.insert(0, (*m).clone());
    }
    group
}

fn recurring(masked: &[char], at: usize) -> Option<String> {
    let from = clause_start(masked, at);
    let before = slice(masked, from, at);
    let sentence_before = slice(masked, 0, at);
    for w in ["每半年", "每季度", "按季度", "每年", "每月"] {
        if before.contains(w) || (w == "每年" && sentence_before.contains(w)) {
            return Some(w.to_string());
        }
    }
    None
}

fn to_targets(
    s: &Sentence,
    f: Figure,
    ctx: &Context,
    facilities: &mut Vec<Facility>,
) -> Vec<Item<Target>> {
    let mut confidence = f.confidence;
    let mut flags = f.flags;
    let deadline = match (&s.own_deadline, &s.inherited_deadline) {
        (Some(d), _) => {
            confidence += 0.15;
            Some(d.due)
        }
        (None, Some(d)) => {
            confidence += 0.05;
            Some(d.due)
        }
        (None, None) if ctx.document_type == DocumentType::WorkPoints => {
            ctx.year.map(|year| DateSpec {
                year,
                month: None,
                day: None,
            })
        }
        _ => None,
    };
    if deadline.is_none() && f.recurring.is_none() {
        flags.push("未写明期限，按方案期末计".to_string());
    }
    // One target per facility when several are named together and each is the region's own.
    // One target per facility when several of the region's own are named together as
    // the subject of a level or a completion (区人民医院和中医医院实验室达到生物安全二级).
    let per_facility = matches!(
        f.indicator,
        "emr_level" | "smart_service_level" | "biosafety_level" | "hospital_grade" | "built"
    );
    let scopes: Vec<Option<&Mention>> = match f.group.len() {
        0 => vec![None],
        1 => vec![f.group.first().filter(|m| m.id.is_some())],
        _ if per_facility && f.group.iter().all(|m| m.id.is_some()) => {
            f.group.iter().map(Some).collect()
        }
        _ => vec![None],
    };
    let display = Some(f.display).filter(|d| !d.is_empty());
    scopes
        .into_iter()
        .map(|mention| {
            let scope = mention.and_then(|m| {
                let id = m.id.clone()?;
                if !facilities.iter().any(|x| x.id == id) {
                    facilities.push(Facility {
                        id: id.clone(),
                        name: m.name.clone(),
                        kind: Some(m.kind.to_string()),
                    });
                }
                Some(id)
            });
            let label = match (mention, f.group.len() > 1) {
                (Some(m), true) => format!("{}：{}", m.name, f.label),
                _ => f.label.clone(),
            };
            Item::new(
                Target {
                    id: String::new(),
                    indicator: f.indicator.to_string(),
                    label,
                    scope,
                    baseline: None,
                    value: f.value.clone(),
                    value_max: f.value_max,
                    comparator: f.comparator,
                    display: display.clone(),
                    deadline,
                    recurring: f.recurring.clone(),
                    source: s.text.clone(),
                    aspirational: f.aspirational,
                },
                confidence,
                flags.clone(),
            )
        })
        .collect()
}

fn to_actual(s: &Sentence, f: Figure, ctx: &Context) -> Option<Item<Actual>> {
    let date = ctx.report_date?;
    let subject = (!f.group.is_empty()).then(|| {
        f.group
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    });
    let display = Some(f.display).filter(|d| !d.is_empty());
    Some(Item::new(
        Actual {
            target: None,
            indicator: f.indicator.to_string(),
            label: f.label,
            scope: None,
            subject,
            date,
            value: f.value,
            display,
            source: s.text.clone(),
        },
        f.confidence + 0.1,
        f.flags,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sentences::split;

    /// indicator, value, value_max, comparator, scope, aspirational.
    type Row = (
        String,
        String,
        Option<f64>,
        Option<Comparator>,
        Option<String>,
        bool,
    );

    fn targets(text: &str) -> Vec<Row> {
        let paragraphs: Vec<String> = text.lines().map(str::to_string).collect();
        let s = split(&paragraphs, &[], Some(2023));
        let ctx = Context {
            document_type: DocumentType::Plan,
            report_date: None,
            year: Some(2023),
        };
        extract(&s, &ctx)
            .targets
            .into_iter()
            .map(|t| {
                let v = match &t.value.value {
                    Amount::Number(n) => n.to_string(),
                    Amount::Label(l) => l.clone(),
                    Amount::Bool(b) => b.to_string(),
                };
                (
                    t.value.indicator,
                    v,
                    t.value.value_max,
                    t.value.comparator,
                    t.value.scope,
                    t.value.aspirational,
                )
            })
            .collect()
    }

    #[test]
    fn plan_targets() {
        let t = targets("到 2025 年,区级医疗机构全部接入全民健康信息大数据平台,并实现互联互通,区人民医院电子病历应用水平分级达到 4 级,区中医医院达到2级。区级医疗机构智慧服务分级评估达到 2 级以上。");
        assert_eq!(
            t,
            vec![
                ("built".into(), "true".into(), None, None, None, false),
                (
                    "emr_level".into(),
                    "4".into(),
                    None,
                    None,
                    Some("district_hospital".into()),
                    false
                ),
                (
                    "emr_level".into(),
                    "2".into(),
                    None,
                    None,
                    Some("district_tcm_hospital".into()),
                    false
                ),
                (
                    "smart_service_level".into(),
                    "2".into(),
                    None,
                    Some(Comparator::AtLeast),
                    None,
                    false
                ),
            ]
        );
        // A count of hospitals reaching a grade is the target; the grade says what is counted.
        let t = targets("到2025年,對於常住人口超過5萬人的縣,至少有1所縣級醫院達到二級醫院醫療服務能力,力爭達到二級甲等醫院醫療服務能力。");
        assert_eq!(
            t,
            vec![
                (
                    "institution_count".into(),
                    "1".into(),
                    None,
                    Some(Comparator::AtLeast),
                    None,
                    false
                ),
                (
                    "hospital_grade".into(),
                    "二甲".into(),
                    None,
                    None,
                    None,
                    true
                ),
            ]
        );
        let t = targets("完善实时交互智能急救网络平台建设,健全以覆盖农村地区 10-20 公里为服务半径的县乡村三级农村急救转诊网络。");
        assert_eq!(
            t,
            vec![(
                "radius_km".into(),
                "10".into(),
                Some(20.0),
                Some(Comparator::Range),
                None,
                false
            )]
        );
        let t = targets("持续强化县域胸痛、卒中等急诊急救“五大中心”建设。");
        assert_eq!(
            t,
            vec![("centre_count".into(), "5".into(), None, None, None, false)]
        );
    }

    /// indicator and value of the targets of a work-points sentence (year 2021).
    fn work_points(text: &str) -> Vec<(String, String)> {
        let s = split(&[text.to_string()], &[], Some(2021));
        let ctx = Context {
            document_type: DocumentType::WorkPoints,
            report_date: None,
            year: Some(2021),
        };
        extract(&s, &ctx)
            .targets
            .into_iter()
            .map(|t| {
                let v = match &t.value.value {
                    Amount::Number(n) => n.to_string(),
                    Amount::Label(l) => l.clone(),
                    Amount::Bool(b) => b.to_string(),
                };
                (t.value.indicator, v)
            })
            .collect()
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn counted_lists_and_quoted_sets() {
        assert_eq!(
            work_points(
                "辖区所有村卫生室在诊室布局、药品管理、信息系统和人员培训四个方面实现规范化。"
            ),
            pairs(&[("built", "true"), ("item_count", "4")])
        );
        assert_eq!(
            work_points("妇幼保健院开展孕前筛查、产前诊断和新生儿随访三大行动。"),
            pairs(&[("item_count", "3")])
        );
        assert_eq!(
            work_points("推行“三统一”,即统一采购、统一配送和统一结算。"),
            pairs(&[("item_count", "3")])
        );
        // A set of “一X”: each item is a count of one; the same item twice is one.
        assert_eq!(
            work_points("落实“四个一”要求,即“建立一个台账、每年度召开一次例会、召开一次例会、出具一份简报”。"),
            pairs(&[
                ("item_count", "4"),
                ("item_count", "1"),
                ("service_times", "1"),
                ("item_count", "1"),
            ])
        );
        // A slogan without its list, or a manner of working, is not a count.
        assert!(work_points("牢固树立“四个意识”,坚定“四个自信”。").is_empty());
        assert!(work_points("按照定人员、定职责、定时限的“三定”要求推进。").is_empty());
    }

    #[test]
    fn rates_pilots_and_named_places() {
        assert_eq!(
            work_points("重点人群筛查率和随访管理率达到95%。"),
            pairs(&[("share_percent", "95"), ("share_percent", "95")])
        );
        // Pilot places whose rate must reach a figure: both are targets.
        assert_eq!(
            work_points("4个试点乡居民健康素养知晓率达到60%以上。"),
            pairs(&[("institution_count", "4"), ("share_percent", "60")])
        );
        assert_eq!(
            work_points("指导东关镇、西岭镇全面做好省级卫生镇创建工作。"),
            pairs(&[("institution_count", "2")])
        );
    }
}
