//! The indicator catalogue: each measure defined once, with its unit, scale and direction.

use serde::{Deserialize, Serialize};

/// What sort of quantity an indicator measures; decides validation and chart kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// A rate per population, e.g. beds per 1,000 residents (张/千人).
    Ratio,
    /// A level on an ordered scale (EMR 0–8, smart service 0–5, hospital grade).
    Level,
    /// A percentage 0–100.
    Percentage,
    /// A count of things or people (个, 名, 人次, 次).
    Count,
    /// Money in 万元.
    Money,
    /// A length of time (年, 月).
    Duration,
    /// A distance (公里).
    Distance,
    /// A yes/no fact, e.g. "a separate infectious-disease ward is built".
    Boolean,
}

impl IndicatorKind {
    /// Chinese name of the kind, for the indicator pages.
    pub fn label(self) -> &'static str {
        match self {
            IndicatorKind::Ratio => "比率",
            IndicatorKind::Level => "等级",
            IndicatorKind::Percentage => "百分比",
            IndicatorKind::Count => "数量",
            IndicatorKind::Money => "金额",
            IndicatorKind::Duration => "时长",
            IndicatorKind::Distance => "距离",
            IndicatorKind::Boolean => "是否",
        }
    }

    /// Whether values of this kind are plain numbers that can be drawn on a numeric axis.
    pub fn is_numeric(self) -> bool {
        !matches!(self, IndicatorKind::Boolean | IndicatorKind::Level)
    }
}

/// Which way is better for an indicator.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is better (beds, levels, rates of coverage).
    #[default]
    Higher,
    /// Less is better (waiting times, out-of-county referrals).
    Lower,
}

/// One step of an ordered scale, e.g. EMR level 4.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Position on the scale; higher is further along.
    pub value: f64,
    /// How documents write it: "4级", "二甲".
    pub label: String,
    /// What reaching this level means, from the defining standard.
    #[serde(default)]
    pub meaning: Option<String>,
    /// Other ways documents write the same level ("V级", "二级甲等").
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// One indicator of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable identifier used by targets, e.g. `beds_per_1000`.
    pub id: String,
    /// Chinese name, e.g. 每千常住人口医疗卫生机构床位数.
    pub name: String,
    /// Unit as printed after values, e.g. 张/千人, %, 万元, 级.
    #[serde(default)]
    pub unit: String,
    /// What sort of quantity this is.
    pub kind: IndicatorKind,
    /// Which way is better.
    #[serde(default)]
    pub better: Direction,
    /// The document that defines the indicator, e.g. 国卫办医函〔2018〕1079号.
    #[serde(default)]
    pub defined_by: Option<String>,
    /// Version of that standard: a level under one version is not the same level under the next.
    #[serde(default)]
    pub standard_version: Option<String>,
    /// Plain-language description.
    #[serde(default)]
    pub description: Option<String>,
    /// For ordered scales: every level, lowest first.
    #[serde(default)]
    pub levels: Vec<Level>,
    /// Smallest value that makes sense (e.g. 0 for counts).
    #[serde(default)]
    pub min: Option<f64>,
    /// Largest value that makes sense (e.g. 100 for percentages, 8 for EMR levels).
    #[serde(default)]
    pub max: Option<f64>,
}

impl Indicator {
    /// The level whose label or alias matches `text` (spaces ignored: "V 级" = "V级").
    pub fn level_by_label(&self, text: &str) -> Option<&Level> {
        let wanted: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        self.levels
            .iter()
            .find(|level| level.label == wanted || level.aliases.contains(&wanted))
    }

    /// The level at a numeric position, if the scale defines it.
    pub fn level_by_value(&self, value: f64) -> Option<&Level> {
        self.levels
            .iter()
            .find(|level| (level.value - value).abs() < 1e-9)
    }

    /// The numeric range values must fall in, from `min`/`max` or the scale's ends.
    pub fn bounds(&self) -> (Option<f64>, Option<f64>) {
        let scale_min = self.levels.first().map(|l| l.value);
        let scale_max = self.levels.last().map(|l| l.value);
        let kind_min = match self.kind {
            IndicatorKind::Boolean | IndicatorKind::Ratio => None,
            _ => Some(0.0),
        };
        let kind_max = match self.kind {
            IndicatorKind::Percentage => Some(100.0),
            _ => None,
        };
        (
            self.min.or(scale_min).or(kind_min),
            self.max.or(scale_max).or(kind_max),
        )
    }
}

/// The whole catalogue: built-in indicators, extended or overridden by the site's own file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Catalogue {
    /// Indicators in a stable order (built-ins first, then the site's additions).
    pub indicators: Vec<Indicator>,
}

impl Catalogue {
    /// Looks up an indicator by id.
    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// Adds an indicator, replacing a built-in one with the same id.
    pub fn upsert(&mut self, indicator: Indicator) {
        match self.indicators.iter_mut().find(|i| i.id == indicator.id) {
            Some(existing) => *existing = indicator,
            None => self.indicators.push(indicator),
        }
    }

    /// The known id closest to a misspelt one, for "did you mean" hints.
    pub fn closest(&self, id: &str) -> Option<&str> {
        self.indicators
            .iter()
            .map(|i| (edit_distance(&i.id, id), i.id.as_str()))
            .filter(|(d, candidate)| *d <= 3.max(candidate.len() / 3))
            .min()
            .map(|(_, candidate)| candidate)
    }
}

/// Levenshtein distance, small inputs only.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}
