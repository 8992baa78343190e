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
///
/// `within_year` is set for work points whose year is known: every point is then due
/// within that year, and a clause that names a result (建立…机制, 实现…目标, 完成…任务,
/// 建设“…”) is a deliverable even without a date of its own (see [`deliverable`]).
pub fn scan(
    s: &Sentence,
    masked: &[char],
    figure_spans: &[(usize, usize)],
    within_year: bool,
) -> Vec<Statement> {
    let mut out = Vec::new();
    let has_deadline = s.deadline().is_some();
    let all_parts = parts(masked);
    let mut filed = false;
    for (k, &(a, b)) in all_parts.iter().enumerate() {
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
        // 每年…之前…补充签订协议 / 每年…报…备案: a duty repeated on a schedule.
        if !filed {
            if let Some(st) = scheduled_filing(s, masked, a, b) {
                filed = true;
                out.push(st);
                continue;
            }
        }
        if let Some(st) = guaranteed(s, masked, a, b) {
            out.push(st);
            continue;
        }
        if within_year && !encouraged(&all_parts, k, masked) {
            if let Some(mut st) = deliverable(s, masked, a, b) {
                if st.label.chars().count() < 6 {
                    // 建设…综合楼,年内投入使用: name what is put to use.
                    if let Some((pa, pb)) = previous_part(masked, a) {
                        st.label =
                            format!("{}，{}", clean_lead(&slice(&s.chars, pa, pb)), st.label);
                    }
                }
                // 建设X,年内投入使用: one deliverable, stated by the part that finishes it.
                let finished_next = all_parts.get(k + 1).is_some_and(|&(c, d)| {
                    let next = slice(masked, c, d);
                    ["投入使用", "建成", "完工", "竣工"]
                        .iter()
                        .any(|w| next.contains(w))
                });
                if !finished_next {
                    out.push(st);
                }
                continue;
            }
        }
        if GRADUAL.iter().any(|w| part.contains(w)) {
            continue;
        }
        if SLOGANS.iter().any(|w| part.ends_with(w)) {
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

/// Endings of clauses that state a slogan, not something to finish (…新秩序, …新格局).
const SLOGANS: &[&str] = &["秩序", "格局", "氛围", "新台阶"];

/// Verbs that name a result when they open a clause (after [`LEADS`]).
const OPENING_RESULTS: &[&str] = &[
    "建立完善",
    "建设",
    "建成",
    "建立",
    "实现",
    "完成",
    "开通",
    "启动",
    "打造",
    "筹办",
    "举办",
    "组织",
    "保持",
    "投入使用",
];

/// Verbs that name a result after a short subject (各镇卫生院建立特色专科).
const SUBJECT_RESULTS: &[&str] = &["建立", "建成", "完成", "实现"];

/// Adverbs that may open a clause before its verb.
const LEADS: &[&str] = &[
    "全面",
    "按期",
    "如期",
    "年内",
    "年底前",
    "确保",
    "力争",
    "争取",
    "全力",
    "要",
    "并",
    "顺利",
];

/// Characters of the leads, for trimming.
const LEADS_CHARS: &[char] = &[
    '全', '面', '按', '期', '年', '内', '确', '保', '力', '争', '取', '要',
];

/// Words before a verb that make the clause about pushing or encouraging, not finishing.
const NOT_FINISHING: &[&str] = &[
    "推进", "推动", "促进", "加快", "加强", "鼓励", "支持", "引导", "探索", "研究", "逐步", "积极",
    "巩固", "落实", "把", "提高", "提升", "继续", "持续",
];

/// Objects that are processes or images, not things one finishes (…的有效融合, …样板).
const ABSTRACT_ENDS: &[&str] = &[
    "融合", "发展", "结合", "衔接", "提升", "改善", "提高", "转变", "优化", "样板", "品牌", "模式",
    "格局", "环境", "氛围", "秩序", "之年", "成果",
];

/// Whether an earlier part of the sentence encourages (鼓励…, 支持…, 引导…): what follows
/// it is what others are encouraged to do.
fn encouraged(all_parts: &[(usize, usize)], k: usize, masked: &[char]) -> bool {
    all_parts.iter().take(k).any(|&(a, b)| {
        let part = slice(masked, a, b);
        ["鼓励", "支持", "引导", "倡导"]
            .iter()
            .any(|w| part.trim_start().starts_with(w))
    })
}

/// A deliverable of a work-points year: a clause that opens with a verb of result
/// (建立“…”长效机制, 实现消除…目标, 按期完成…工作, 建设“智慧…”, 组织…庆祝活动, 保持…状态),
/// or whose short subject does (各镇卫生院建立特色专科), or that says everything is done
/// (所有…均能…, 全部…获得…, …全部落实), or that passes an inspection (…通过验收).
pub fn deliverable(s: &Sentence, masked: &[char], a: usize, b: usize) -> Option<Statement> {
    let part = slice(masked, a, b);
    let part = part.trim();
    let made = |label: String| Statement {
        start: a,
        end: b,
        kind: Kind::Built,
        label,
        recurring: None,
        display: String::new(),
    };
    let whole = clean_lead(&slice(&s.chars, a, b));
    if whole.chars().count() < 4 {
        return None;
    }
    let everything = (part.contains("所有") || part.contains("全部"))
        && ["均", "实现", "获得", "落实", "覆盖"]
            .iter()
            .any(|w| part.contains(w));
    if everything || part.ends_with("全部落实") {
        return Some(made(whole));
    }
    if let Some(at) = part.find("通过") {
        let opens_pushing = NOT_FINISHING
            .iter()
            .any(|w| part.trim_start_matches(LEADS_CHARS).starts_with(w));
        if part[at..].contains("验收") && !opens_pushing {
            return Some(made(whole));
        }
    }
    // Skip the leads, then look for a verb of result.
    let chars: Vec<char> = part.chars().collect();
    let mut i = 0;
    loop {
        let before = i;
        for lead in LEADS {
            if starts_with_at(&chars, i, lead) {
                i += lead.chars().count();
            }
        }
        if i == before {
            break;
        }
    }
    let opening = OPENING_RESULTS
        .iter()
        .find(|v| starts_with_at(&chars, i, v))
        .map(|v| (i, *v));
    let after_subject = || {
        SUBJECT_RESULTS
            .iter()
            .filter_map(|v| find_from(&chars, v, i).map(|at| (at, *v)))
            .min_by_key(|(at, _)| *at)
            .filter(|(at, _)| {
                let subject = slice(&chars, i, *at);
                let n = subject.chars().count();
                (2..=10).contains(&n)
                    && !subject.contains(['、', '和', '的', '“', '在', '对', '与'])
                    && !NOT_FINISHING.iter().any(|w| subject.contains(w))
            })
    };
    let (at, verb) = opening.or_else(after_subject)?;
    let object = slice(&chars, at + verb.chars().count(), chars.len());
    let object = object.trim();
    if GRADUAL.iter().any(|w| part.contains(w)) && !part.contains("争取") {
        return None;
    }
    if ABSTRACT_ENDS
        .iter()
        .any(|w| object.ends_with(w) || part.ends_with(w))
    {
        return None;
    }
    let ok = match verb {
        "投入使用" => true,
        "建立" => object.chars().count() >= 2 && !object.starts_with("健全"),
        "启动" => ["建设", "工程", "工作"].iter().any(|w| object.ends_with(w)),
        "组织" | "举办" | "筹办" => {
            !["开展", "实施", "动员"]
                .iter()
                .any(|w| object.starts_with(w))
                && ["活动", "节", "会", "会议", "演练", "大赛", "比赛", "论坛"]
                    .iter()
                    .any(|w| object.ends_with(w))
        }
        "保持" => object.ends_with("状态"),
        _ => object.chars().count() >= 2,
    };
    ok.then(|| made(whole))
}

/// 每年…补充签订协议, 每年…报…备案, 每年…形成年度报告报送…: a filing or signing duty
/// on a schedule the sentence states.
fn scheduled_filing(s: &Sentence, masked: &[char], a: usize, b: usize) -> Option<Statement> {
    let sentence = slice(masked, 0, masked.len());
    let schedule = SCHEDULES
        .iter()
        .chain(&["每年度"])
        .filter(|w| sentence.contains(*w))
        .max_by_key(|w| w.chars().count())?;
    let at = sentence.find(schedule)?;
    // 每年11月上旬向…报送: a dated duty is a milestone of the schedule, not a target.
    let after: String = sentence[at + schedule.len()..].chars().take(4).collect();
    if after.contains('月')
        && after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || super::text::is_chinese_numeral(c))
    {
        return None;
    }
    let part = slice(masked, a, b);
    let part_from = slice(masked, 0, a).len();
    if part_from + part.len() <= at {
        return None;
    }
    ["签订", "备案", "报送", "上报"]
        .iter()
        .any(|w| part.contains(w))
        .then(|| Statement {
            start: a,
            end: b,
            kind: Kind::Built,
            label: clean_lead(&slice(&s.chars, a, b)),
            recurring: Some(schedule.to_string()),
            display: String::new(),
        })
}

/// 保证受援医院全年都有…, 确保所有…: a guarantee that holds for everything or all year.
fn guaranteed(s: &Sentence, masked: &[char], a: usize, b: usize) -> Option<Statement> {
    let part = slice(masked, a, b);
    let part = part.trim();
    let opens = ["保证", "确保"].iter().any(|w| part.starts_with(w));
    let all = ["全部", "所有", "全年", "都有"]
        .iter()
        .any(|w| part.contains(w));
    (opens && all && !part.contains("不")).then(|| Statement {
        start: a,
        end: b,
        kind: Kind::Built,
        label: clean_lead(&slice(&s.chars, a, b))
            .trim_start_matches(['保', '证'])
            .to_string(),
        recurring: None,
        display: String::new(),
    })
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

/// Clause parts: split at , ; : 。 and at 并 (新建县级中医医院并达到…), and before a
/// 年内 that opens a new clause where a comma was left out (…通过验收年内组织…).
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
        if depth == 0
            && i > start + 2
            && starts_with_at(masked, i, "年内")
            && super::script::is_han(masked[i - 1])
            && !matches!(masked[i - 1], '在' | '于' | '的' | '今' | '本' | '当')
        {
            out.push((start, i));
            start = i;
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
        scanned(text, false)
    }

    fn scanned(text: &str, within_year: bool) -> Vec<(Kind, String)> {
        let s = split(&[text.to_string()], &[], Some(2019));
        s.iter()
            .flat_map(|s| scan(s, &mask(&s.folded), &[], within_year))
            .map(|st| (st.kind, st.label))
            .collect()
    }

    /// Labels of the deliverables of a work-points year.
    fn year_labels(text: &str) -> Vec<String> {
        scanned(text, true).into_iter().map(|(_, l)| l).collect()
    }

    #[test]
    fn deliverables_of_a_work_points_year() {
        assert_eq!(
            year_labels("各社区卫生服务中心建立慢病随访台账,全面开通线上预约挂号服务。"),
            vec![
                "各社区卫生服务中心建立慢病随访台账",
                "全面开通线上预约挂号服务"
            ]
        );
        assert_eq!(
            year_labels("保持无新发职业病状态,实现消除疟疾目标。"),
            vec!["保持无新发职业病状态", "实现消除疟疾目标"]
        );
        assert_eq!(
            year_labels("筹办首届基层卫生技能大赛,按期完成院务公开栏改版工作。"),
            vec!["筹办首届基层卫生技能大赛", "按期完成院务公开栏改版工作"]
        );
        assert_eq!(
            year_labels("辖区所有村卫生室均能提供家庭医生签约服务。"),
            vec!["辖区所有村卫生室均能提供家庭医生签约服务"]
        );
        assert_eq!(
            year_labels("争取市级慢病防控示范区通过验收年内召开2次推进会。"),
            vec!["争取市级慢病防控示范区通过验收"]
        );
        // One deliverable for building and opening the same thing.
        assert_eq!(
            year_labels("建设区妇幼保健院儿童康复楼,年内投入使用。"),
            vec!["建设区妇幼保健院儿童康复楼，投入使用"]
        );
    }

    #[test]
    fn pushing_encouraging_and_slogans_are_not_deliverables() {
        for text in [
            "建立健全院感防控责任制度,推进远程会诊平台尽快投入使用。",
            "加强急救站点规范化建设,引导群众建立健康的生活方式。",
            "鼓励社会力量与公立医院合作,建立康复护理中心。",
            "完善签约服务机制,实现医疗资源和养老资源的有效融合。",
            "组织开展爱国卫生月活动,打造全民健身健康样板。",
            "探索建立医养结合评估中心。",
        ] {
            assert!(
                year_labels(text).is_empty(),
                "{text}: {:?}",
                year_labels(text)
            );
        }
        // Without a known year a clause needs its own deadline.
        assert!(labels("各社区卫生服务中心建立慢病随访台账。").is_empty());
    }

    #[test]
    fn scheduled_filings_and_guarantees() {
        let got = labels("各成员单位每年在签约之前应将帮扶计划报市卫生健康委备案。");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, Kind::Built);
        // A filing on a named date is a milestone of the schedule.
        assert!(labels("县卫生健康局每年12月中旬向市卫生健康委报送工作总结。").is_empty());
        assert_eq!(
            labels("统筹安排轮换人员,保证合作医院全年都有专家坐诊。"),
            vec![(Kind::Built, "合作医院全年都有专家坐诊".to_string())]
        );
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
