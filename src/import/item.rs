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
