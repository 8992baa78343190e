//! An extracted item with its confidence and the notes a reviewer should see.

/// A value read from the notice, with how sure the importer is (0–1) and flags such as
/// "原文缺字，已标为□" that the draft writes as comments above it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<T> {
    /// The extracted value, in the shape of the programme model.
    pub value: T,
    /// Confidence 0–1.
    pub confidence: f64,
    /// Things to check, in Chinese, for the draft's comments.
    pub flags: Vec<String>,
}

impl<T> Item<T> {
    /// An item with a confidence (clamped to 0.05–0.99) and flags.
    pub fn new(value: T, confidence: f64, flags: Vec<String>) -> Self {
        Item {
            value,
            confidence: confidence.clamp(0.05, 0.99),
            flags,
        }
    }
}

/// Flag for sentences with characters lost in the source.
pub const FLAG_LOST: &str = "原文缺字，已标为□";

/// Every flag the importer writes, with its English wording. The draft keeps the Chinese
/// flag (it is content, and `check` looks for its 请核对); the report printed after an
/// import speaks the language of the run.
const FLAGS: &[(&str, &str)] = &[
    (FLAG_LOST, "characters are missing in the notice, marked □"),
    ("未找到用途，请补充", "no purpose found; please add one"),
    (
        "无数值的完成类目标，请核对",
        "a target to complete with no figure; please check",
    ),
    (
        "按“每年/每半年开展”记为至少 1 次，请核对",
        "read “every year / half-year” as at least once; please check",
    ),
    (
        "按所列项数核对的中文数字",
        "a Chinese numeral checked against the items listed",
    ),
    (
        "按列出的地名个数计数，请核对",
        "counted from the places listed; please check",
    ),
    (
        "中文数字，请核对数值",
        "a Chinese numeral; please check the figure",
    ),
    (
        "指标按单位推断，请核对",
        "the indicator was guessed from the unit; please check",
    ),
    (
        "未写明期限，按方案期末计",
        "no deadline given; the end of the plan is assumed",
    ),
];

/// A flag in the chosen language (unknown flags as written).
pub fn flag_text(flag: &str) -> String {
    match FLAGS.iter().find(|(zh, _)| *zh == flag) {
        Some((zh, en)) => crate::i18n::t(*zh, *en),
        None => flag.to_string(),
    }
}
