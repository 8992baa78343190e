//! A programme: one disclosed document with its targets, actuals, phases and budget.
//!
//! These types are deserialised straight from `programme.yaml` (unknown keys are refused so
//! that a misspelt field is an error, not silently ignored) and shared by every later stage.

use super::date::DateSpec;
use serde::{Deserialize, Serialize};

/// What sort of document a programme publishes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    /// A plan or implementation scheme (实施方案, 行动方案): states targets.
    #[default]
    Plan,
    /// Annual work points (工作要点): targets within one year.
    WorkPoints,
    /// A progress report or news report: states achieved figures (actuals), not targets.
    Report,
}

impl DocumentType {
    /// Chinese label shown on pages.
    pub fn label(self) -> &'static str {
        match self {
            DocumentType::Plan => "实施方案",
            DocumentType::WorkPoints => "工作要点",
            DocumentType::Report => "进展报道",
        }
    }
}

/// Script the source document was written in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema,
)]
pub enum Script {
    /// Simplified Chinese.
    #[default]
    #[serde(rename = "zh-Hans")]
    Simplified,
    /// Traditional Chinese.
    #[serde(rename = "zh-Hant")]
    Traditional,
}

/// A whole programme as written in `programme.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Web address segment. Defaults to the folder name; set it in YAML only to keep an
    /// address stable when a folder is renamed.
    #[serde(default)]
    pub slug: String,
    /// Full title of the document (标题).
    pub title: String,
    /// Short title for lists and charts.
    #[serde(default)]
    pub short_title: Option<String>,
    /// Plan, work points or report.
    #[serde(default)]
    pub document_type: DocumentType,
    /// Disclosure metadata (政府信息公开 attributes).
    pub disclosure: Disclosure,
    /// Where the programme applies.
    pub region: Region,
    /// Period the programme covers.
    #[serde(default)]
    pub period: Option<Period>,
    /// Policy documents the programme is based on (根据…).
    #[serde(default)]
    pub basis: Vec<BasisDocument>,
    /// Facilities with their own targets (区人民医院, 县中医院 …).
    #[serde(default)]
    pub facilities: Vec<Facility>,
    /// Targets with indicator, value and deadline.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Reported figures over time.
    #[serde(default)]
    pub actuals: Vec<Actual>,
    /// Phases (工作安排 / 阶段) with date ranges.
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// Milestones: dated steps of work.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Budget lines in 万元.
    #[serde(default)]
    pub budget: Vec<BudgetLine>,
    /// Tasks (重点任务) with responsible units.
    #[serde(default)]
    pub tasks: Vec<Task>,
    /// Changes to this programme's page: date and what changed.
    #[serde(default)]
    pub revisions: Vec<Revision>,
    /// How the source was transcribed: script, noise removed, characters lost.
    #[serde(default)]
    pub transcription: Transcription,
}

/// The standard attributes of a disclosed document.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Disclosure {
    /// 索引号.
    #[serde(default)]
    pub index_no: Option<String>,
    /// 信息分类.
    #[serde(default)]
    pub category: Option<String>,
    /// 发布机构: one or more issuing bodies (joint documents have several).
    pub issuers: Vec<String>,
    /// 成文日期.
    #[serde(default)]
    pub written: Option<DateSpec>,
    /// 发布日期.
    #[serde(default)]
    pub published: Option<DateSpec>,
    /// 文号, e.g. 云州政办发〔2023〕26号.
    #[serde(default)]
    pub doc_no: Option<String>,
    /// 时效 / 有效性 as the source states it.
    #[serde(default)]
    pub validity: Option<String>,
    /// 公开方式, e.g. 主动公开, 此件公开发布.
    #[serde(default)]
    pub disclosure_mode: Option<String>,
    /// 主题词.
    #[serde(default)]
    pub subject_words: Vec<String>,
    /// 抄送: bodies copied.
    #[serde(default)]
    pub cc: Vec<String>,
    /// 主送: bodies addressed.
    #[serde(default)]
    pub addressees: Vec<String>,
    /// Where the source was published, when known.
    #[serde(default)]
    pub source_url: Option<String>,
}

/// Province, city and county of a programme.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// 省, e.g. 河南省.
    pub province: String,
    /// 市, e.g. 商丘市.
    #[serde(default)]
    pub city: Option<String>,
    /// 县 / 区, e.g. 民权县.
    #[serde(default)]
    pub county: Option<String>,
}

impl Region {
    /// The most specific name: county, else city, else province.
    pub fn most_specific(&self) -> &str {
        self.county
            .as_deref()
            .or(self.city.as_deref())
            .unwrap_or(&self.province)
    }

    /// Full path, e.g. 河南省 商丘市 民权县.
    pub fn full_name(&self) -> String {
        [
            Some(self.province.as_str()),
            self.city.as_deref(),
            self.county.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
    }
}

/// A start and end date.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First month or day covered.
    pub start: DateSpec,
    /// Last month or day covered.
    pub end: DateSpec,
}

/// A policy document cited as the basis of the programme.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasisDocument {
    /// Title without the book-title marks 《》.
    pub title: String,
    /// 文号 where the source gives one.
    #[serde(default)]
    pub doc_no: Option<String>,
}

/// A facility with its own targets.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    /// Identifier used by `scope`, e.g. `district_hospital`.
    pub id: String,
    /// Name as the document writes it, e.g. 区人民医院.
    pub name: String,
    /// Sort of facility, e.g. 综合医院, 中医医院, 妇幼保健院.
    #[serde(default)]
    pub kind: Option<String>,
}

/// A number, a yes/no, or a level written as the document writes it ("二甲").
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Amount {
    /// A plain number.
    Number(f64),
    /// Yes or no.
    Bool(bool),
    /// A level label, resolved against the indicator's scale.
    Label(String),
}

/// How the target value is to be met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// At least the value (以上, 不少于, 至少, 达到).
    AtLeast,
    /// At most the value (不超过, 以下).
    AtMost,
    /// Exactly the value.
    Exactly,
    /// Between `value` and `value_max` (5-8 名, 10-20 公里).
    Range,
}

impl Comparator {
    /// The id written in YAML and open data.
    pub fn key(self) -> &'static str {
        match self {
            Comparator::AtLeast => "at_least",
            Comparator::AtMost => "at_most",
            Comparator::Exactly => "exactly",
            Comparator::Range => "range",
        }
    }
}

/// A stated target.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Identifier unique within the programme, used by actuals and anchors.
    pub id: String,
    /// Indicator id from the catalogue.
    pub indicator: String,
    /// What the target is about, in the document's words (e.g. 县域公立医疗卫生机构床位).
    pub label: String,
    /// Facility id this target applies to; absent means the whole region.
    #[serde(default)]
    pub scope: Option<String>,
    /// Baseline, when the document states one.
    #[serde(default)]
    pub baseline: Option<Measurement>,
    /// Target value.
    pub value: Amount,
    /// Upper end of a range target.
    #[serde(default)]
    pub value_max: Option<f64>,
    /// How the value is to be met; defaults to the indicator's better direction.
    #[serde(default)]
    pub comparator: Option<Comparator>,
    /// The value as the source writes it ("V 级", "90%以上"), when that differs from the number.
    #[serde(default)]
    pub display: Option<String>,
    /// When the target should be met.
    #[serde(default)]
    pub deadline: Option<DateSpec>,
    /// Whether the target repeats (每年, 每半年); the deadline is then the programme's end.
    #[serde(default)]
    pub recurring: Option<String>,
    /// The exact sentence of the document that states the target.
    pub source: String,
    /// Whether the document states an aspiration (力争) rather than a firm target.
    #[serde(default)]
    pub aspirational: bool,
}

/// A value at a date (a baseline).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    /// The value.
    pub value: Amount,
    /// When it was measured.
    #[serde(default)]
    pub date: Option<DateSpec>,
    /// The sentence stating it.
    #[serde(default)]
    pub source: Option<String>,
}

/// A reported figure.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actual {
    /// Target this figure reports on, when it answers one.
    #[serde(default)]
    pub target: Option<String>,
    /// Indicator id from the catalogue.
    pub indicator: String,
    /// What was counted, in the document's words.
    pub label: String,
    /// Facility id or absent for the whole region.
    #[serde(default)]
    pub scope: Option<String>,
    /// Who or what the figure is about when it is not one of the facilities
    /// (e.g. 驻马店市中心医院).
    #[serde(default)]
    pub subject: Option<String>,
    /// When the figure was reported (or the date it stands for).
    pub date: DateSpec,
    /// The figure.
    pub value: Amount,
    /// The figure as the source writes it ("7000多人次").
    #[serde(default)]
    pub display: Option<String>,
    /// The exact sentence of the document that states the figure.
    pub source: String,
}

/// A phase of work with a date range.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Name, e.g. 启动阶段.
    pub name: String,
    /// First month or day.
    pub start: DateSpec,
    /// Last month or day.
    pub end: DateSpec,
    /// What happens in the phase.
    #[serde(default)]
    pub description: Option<String>,
    /// The sentence stating it.
    #[serde(default)]
    pub source: Option<String>,
}

/// A dated step of work.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// What is to be done.
    pub name: String,
    /// Start of the window, for ranges such as 2019年4月-6月.
    #[serde(default)]
    pub start: Option<DateSpec>,
    /// When it is due.
    pub due: DateSpec,
    /// Group the milestone belongs to (e.g. 信息平台建设), for the timeline's rows.
    #[serde(default)]
    pub group: Option<String>,
    /// Responsible units.
    #[serde(default)]
    pub responsible: Vec<String>,
    /// The sentence stating it.
    pub source: String,
}

/// A budget line.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetLine {
    /// What the money is for.
    pub purpose: String,
    /// Amount in 万元.
    pub amount_wan_yuan: f64,
    /// Whether the source says 约 (about).
    #[serde(default)]
    pub approximate: bool,
    /// Facility id receiving it, if one.
    #[serde(default)]
    pub scope: Option<String>,
    /// Who receives it when it is not one of the facilities.
    #[serde(default)]
    pub subject: Option<String>,
    /// Whether the line is planned (预算) or already spent/allocated (配套资金).
    #[serde(default)]
    pub status: BudgetStatus,
    /// The sentence stating it.
    pub source: String,
}

/// Whether a budget line is a plan or a reported allocation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum BudgetStatus {
    /// Budgeted in a plan.
    #[default]
    Planned,
    /// Reported as allocated or spent.
    Allocated,
}

/// A task (重点任务) with the units responsible.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Number as the document gives it ("1", "(三)").
    #[serde(default)]
    pub number: Option<String>,
    /// Short title, e.g. 完善业务设施条件.
    pub title: String,
    /// Section the task belongs to, e.g. 改善硬件设施设备条件.
    #[serde(default)]
    pub section: Option<String>,
    /// Units responsible.
    #[serde(default)]
    pub responsible: Vec<String>,
    /// Deadline when stated.
    #[serde(default)]
    pub deadline: Option<DateSpec>,
}

/// One change to the programme's page.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// When.
    pub date: DateSpec,
    /// What changed.
    pub note: String,
}

/// Notes on how the source document was turned into this data.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transcription {
    /// Script of the source.
    #[serde(default)]
    pub script: Script,
    /// Name of the seed or source file transcribed.
    #[serde(default)]
    pub source_file: Option<String>,
    /// What was left out as page noise, or lost in the source.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Amount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&crate::i18n::t(
                    "数字（3.5）、true/false，或照原文写的等级（二甲）",
                    "a number (3.5), true/false, or a level as written (“二甲”)",
                ))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Amount, E> {
                Ok(Amount::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount::Number(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Amount, E> {
                Ok(Amount::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Amount, E> {
                Ok(Amount::Label(v.to_string()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl schemars::JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "数值（如 3.5）、是/否（true/false），或按文件写法的等级（如 二甲）",
            "type": ["number", "boolean", "string"]
        })
    }
}
