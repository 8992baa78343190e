//! The status rules. README.md documents them; keep the two in step.
//!
//! 1. Only figures dated on or before the as-of date count.
//! 2. **已完成** (achieved): the newest counted figure meets the target.
//! 3. **已逾期** (overdue): the deadline has passed and the newest figure falls short.
//! 4. **暂无数据** (no data): no figure reports on the target (whether or not the deadline
//!    has passed — the reason says which).
//! 5. Before the deadline, with a figure that falls short: **进展正常** (on track) when the
//!    figure is on or beyond the straight path from the baseline (or first figure) to the
//!    target at the deadline; **存在风险** (at risk) when it is behind that path, or when there
//!    is no earlier point to draw the path from and less than a quarter of the time is left.

use super::{numeric, TargetReport};
use crate::model::{Actual, Catalogue, Comparator, Day, Direction, Programme, Target};
use serde::Serialize;

/// Status of one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Status {
    /// 已完成.
    Achieved,
    /// 进展正常.
    OnTrack,
    /// 存在风险.
    AtRisk,
    /// 已逾期.
    Overdue,
    /// 暂无数据.
    NoData,
}

impl Status {
    /// Every status, in display order.
    pub const ALL: [Status; 5] = [
        Status::Achieved,
        Status::OnTrack,
        Status::AtRisk,
        Status::Overdue,
        Status::NoData,
    ];

    /// The Chinese word shown on pages.
    pub fn label(self) -> &'static str {
        match self {
            Status::Achieved => "已完成",
            Status::OnTrack => "进展正常",
            Status::AtRisk => "存在风险",
            Status::Overdue => "已逾期",
            Status::NoData => "暂无数据",
        }
    }

    /// A stable ASCII key for CSS classes and URLs.
    pub fn key(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on-track",
            Status::AtRisk => "at-risk",
            Status::Overdue => "overdue",
            Status::NoData => "no-data",
        }
    }

    /// A symbol that tells the status without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Achieved => "✔",
            Status::OnTrack => "→",
            Status::AtRisk => "!",
            Status::Overdue => "✖",
            Status::NoData => "?",
        }
    }
}

/// How many targets have each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    /// 已完成.
    pub achieved: usize,
    /// 进展正常.
    pub on_track: usize,
    /// 存在风险.
    pub at_risk: usize,
    /// 已逾期.
    pub overdue: usize,
    /// 暂无数据.
    pub no_data: usize,
}

impl StatusCounts {
    /// Counts one more target.
    pub fn count(&mut self, status: Status) {
        *self.slot(status) += 1;
    }

    /// Adds another set of counts.
    pub fn add(&mut self, other: &StatusCounts) {
        for s in Status::ALL {
            *self.slot(s) += other.get(s);
        }
    }

    /// The count for one status.
    pub fn get(&self, status: Status) -> usize {
        match status {
            Status::Achieved => self.achieved,
            Status::OnTrack => self.on_track,
            Status::AtRisk => self.at_risk,
            Status::Overdue => self.overdue,
            Status::NoData => self.no_data,
        }
    }

    /// Total number of targets.
    pub fn total(&self) -> usize {
        Status::ALL.iter().map(|s| self.get(*s)).sum()
    }

    fn slot(&mut self, status: Status) -> &mut usize {
        match status {
            Status::Achieved => &mut self.achieved,
            Status::OnTrack => &mut self.on_track,
            Status::AtRisk => &mut self.at_risk,
            Status::Overdue => &mut self.overdue,
            Status::NoData => &mut self.no_data,
        }
    }
}

/// Assesses target `index` of `programme` against `as_of`.
pub fn assess(
    programme: &Programme,
    index: usize,
    catalogue: &Catalogue,
    as_of: Day,
) -> TargetReport {
    let target = &programme.targets[index];
    let indicator = catalogue.get(&target.indicator);
    let direction = indicator.map(|i| i.better).unwrap_or_default();
    let target_value = numeric(indicator, &target.value).unwrap_or(0.0);
    let actuals = reporting_actuals(programme, target);
    let counted: Vec<Counted> = actuals
        .iter()
        .map(|&i| &programme.actuals[i])
        .filter(|a| a.date.last_day() <= as_of)
        .filter_map(|a| Some((a.date.last_day(), numeric(indicator, &a.value)?, a.date)))
        .collect();
    let (status, reason) = decide(programme, target, target_value, direction, &counted, as_of);
    TargetReport {
        index,
        status,
        reason,
        target_value,
        actuals,
    }
}

/// Actuals reporting on a target: those naming it, or, when none name any target, those with
/// the same indicator and scope if this is the only such target.
fn reporting_actuals(programme: &Programme, target: &Target) -> Vec<usize> {
    let named: Vec<usize> = indices(&programme.actuals, |a| {
        a.target.as_deref() == Some(&target.id)
    });
    if !named.is_empty() {
        return named;
    }
    let same = |t: &Target| t.indicator == target.indicator && t.scope == target.scope;
    if programme.targets.iter().filter(|t| same(t)).count() != 1 {
        return Vec::new();
    }
    indices(&programme.actuals, |a| {
        a.target.is_none()
            && a.indicator == target.indicator
            && a.scope == target.scope
            && a.subject.is_none()
    })
}

fn indices(actuals: &[Actual], keep: impl Fn(&Actual) -> bool) -> Vec<usize> {
    let mut found: Vec<usize> = (0..actuals.len()).filter(|&i| keep(&actuals[i])).collect();
    found.sort_by_key(|&i| actuals[i].date.last_day());
    found
}

/// Whether `value` meets the target.
pub fn meets(target: &Target, target_value: f64, direction: Direction, value: f64) -> bool {
    const EPS: f64 = 1e-9;
    let comparator = target.comparator.unwrap_or(match direction {
        Direction::Higher => Comparator::AtLeast,
        Direction::Lower => Comparator::AtMost,
    });
    match comparator {
        Comparator::AtLeast => value + EPS >= target_value,
        Comparator::AtMost => value - EPS <= target_value,
        Comparator::Exactly => (value - target_value).abs() < EPS,
        Comparator::Range => {
            let max = target.value_max.unwrap_or(target_value);
            match direction {
                Direction::Higher => value + EPS >= target_value,
                Direction::Lower => value - EPS <= max,
            }
        }
    }
}

/// A counted figure: the day it stands for, its value, and its date as written.
type Counted = (Day, f64, crate::model::DateSpec);

fn decide(
    programme: &Programme,
    target: &Target,
    target_value: f64,
    direction: Direction,
    counted: &[Counted],
    as_of: Day,
) -> (Status, String) {
    let deadline = target
        .deadline
        .or(programme.period.as_ref().map(|p| p.end))
        .map(|d| d.last_day());
    let past_deadline = deadline.is_some_and(|d| d < as_of);
    let Some(&(latest_day, latest, written)) = counted.last() else {
        let reason = if past_deadline {
            "截止日期已过，尚未报告实际数据".to_string()
        } else {
            "尚未报告实际数据".to_string()
        };
        return (Status::NoData, reason);
    };
    let when = written.to_chinese();
    if meets(target, target_value, direction, latest) {
        return (
            Status::Achieved,
            format!("{when}报告值 {} 已达到目标", number(latest)),
        );
    }
    if past_deadline {
        return (
            Status::Overdue,
            format!(
                "截止日期已过，最新报告值 {}（{when}）未达到目标",
                number(latest)
            ),
        );
    }
    let Some(deadline) = deadline else {
        return (
            Status::OnTrack,
            format!("最新报告值 {}（{when}），目标未设截止日期", number(latest)),
        );
    };
    on_path(
        programme,
        target,
        target_value,
        counted,
        (latest_day, latest, written),
        deadline,
        as_of,
        direction,
    )
}

#[allow(clippy::too_many_arguments)]
fn on_path(
    programme: &Programme,
    target: &Target,
    target_value: f64,
    counted: &[Counted],
    latest: Counted,
    deadline: Day,
    as_of: Day,
    direction: Direction,
) -> (Status, String) {
    let baseline = target
        .baseline
        .as_ref()
        .and_then(|b| {
            let value = match &b.value {
                crate::model::Amount::Number(n) => Some(*n),
                _ => None,
            }?;
            let day = b
                .date
                .map(|d| d.last_day())
                .or(programme.period.as_ref().map(|p| p.start.first_day()))?;
            Some((day, value))
        })
        .or_else(|| {
            counted
                .first()
                .filter(|first| first.0 < latest.0)
                .map(|first| (first.0, first.1))
        });
    let Some((start_day, start_value)) = baseline else {
        let left = deadline.ordinal() - as_of.ordinal();
        let span = (deadline.ordinal() - latest.0.ordinal()).max(1);
        return if (left as f64) < span as f64 * 0.25 {
            (
                Status::AtRisk,
                "未达到目标，剩余时间不足且无基线可比".to_string(),
            )
        } else {
            (
                Status::OnTrack,
                "未达到目标，截止日期未到（无基线，按时间判断）".to_string(),
            )
        };
    };
    let total = (deadline.ordinal() - start_day.ordinal()).max(1) as f64;
    let elapsed = (latest.0.ordinal() - start_day.ordinal()).clamp(0, total as i64) as f64;
    let expected = start_value + (target_value - start_value) * elapsed / total;
    let ahead = match direction {
        Direction::Higher => latest.1 + 1e-9 >= expected,
        Direction::Lower => latest.1 - 1e-9 <= expected,
    };
    let text = format!(
        "最新报告值 {}（{}），按基线到目标的直线进度应为 {}",
        number(latest.1),
        latest.2.to_chinese(),
        number(expected)
    );
    if ahead {
        (Status::OnTrack, text)
    } else {
        (Status::AtRisk, text)
    }
}

/// A number for sentences: no trailing zeros.
pub fn number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DateSpec, Programme};

    fn catalogue() -> Catalogue {
        let mut c = Catalogue::default();
        let builtin: Vec<crate::model::Indicator> =
            serde_yaml::from_str(crate::load::BUILTIN_INDICATORS)
                .expect("built-in catalogue parses");
        builtin.into_iter().for_each(|i| c.upsert(i));
        c
    }

    fn programme(extra: &str) -> Programme {
        let yaml = format!(
            "title: t\ndisclosure: {{ issuers: [x] }}\nregion: {{ province: p }}\nperiod: {{ start: 2023-01, end: 2025-12 }}\n{extra}"
        );
        serde_yaml::from_str(&yaml).expect("test programme parses")
    }

    fn status_on(p: &Programme, as_of: &str) -> Status {
        let day = DateSpec::parse(as_of).expect("date").last_day();
        assess(p, 0, &catalogue(), day).status
    }

    const BEDS: &str = "targets:\n  - { id: beds, indicator: beds_per_1000, label: b, value: 3.5, deadline: 2025, source: s, baseline: { value: 3.0, date: 2023-01 } }\n";

    #[test]
    fn no_actuals_is_no_data_before_and_after_deadline() {
        let p = programme(BEDS);
        assert_eq!(status_on(&p, "2024-06-01"), Status::NoData);
        let day = DateSpec::parse("2026-06-01").expect("date").last_day();
        let report = assess(&p, 0, &catalogue(), day);
        assert_eq!(report.status, Status::NoData);
        assert!(report.reason.contains("截止日期已过"));
    }

    #[test]
    fn meeting_the_target_is_achieved() {
        let p = programme(&format!("{BEDS}actuals:\n  - {{ indicator: beds_per_1000, label: b, date: 2024-12, value: 3.6, source: s }}\n"));
        assert_eq!(status_on(&p, "2025-01-01"), Status::Achieved);
    }

    #[test]
    fn figures_after_the_as_of_date_are_ignored() {
        let p = programme(&format!("{BEDS}actuals:\n  - {{ indicator: beds_per_1000, label: b, date: 2025-06, value: 3.6, source: s }}\n"));
        assert_eq!(status_on(&p, "2025-01-01"), Status::NoData);
        assert_eq!(status_on(&p, "2025-07-01"), Status::Achieved);
    }

    #[test]
    fn short_of_target_after_deadline_is_overdue() {
        let p = programme(&format!("{BEDS}actuals:\n  - {{ indicator: beds_per_1000, label: b, date: 2025-12, value: 3.2, source: s }}\n"));
        assert_eq!(status_on(&p, "2026-01-31"), Status::Overdue);
    }

    #[test]
    fn path_from_baseline_decides_on_track_or_at_risk() {
        // Half-way through 2023-01 → 2025-12 the path is at about 3.25.
        let ahead = programme(&format!("{BEDS}actuals:\n  - {{ indicator: beds_per_1000, label: b, date: 2024-06, value: 3.3, source: s }}\n"));
        assert_eq!(status_on(&ahead, "2024-07-01"), Status::OnTrack);
        let behind = programme(&format!("{BEDS}actuals:\n  - {{ indicator: beds_per_1000, label: b, date: 2024-06, value: 3.1, source: s }}\n"));
        assert_eq!(status_on(&behind, "2024-07-01"), Status::AtRisk);
    }

    #[test]
    fn lower_is_better_indicators_compare_downwards() {
        let p = programme("targets:\n  - { id: r, indicator: radius_km, label: r, value: 20, deadline: 2025, source: s }\nactuals:\n  - { indicator: radius_km, label: r, date: 2024, value: 18, source: s }\n");
        assert_eq!(status_on(&p, "2025-01-01"), Status::Achieved);
    }

    #[test]
    fn levels_and_yes_no_targets() {
        let p = programme("targets:\n  - { id: g, indicator: hospital_grade, label: g, value: 二甲, deadline: 2025, source: s }\nactuals:\n  - { indicator: hospital_grade, label: g, date: 2024, value: 三级, source: s }\n");
        assert_eq!(status_on(&p, "2025-01-01"), Status::Achieved);
        let built = programme("targets:\n  - { id: w, indicator: built, label: w, value: true, deadline: 2025, source: s }\nactuals:\n  - { indicator: built, label: w, date: 2024, value: false, source: s }\n");
        assert_eq!(status_on(&built, "2026-01-01"), Status::Overdue);
    }

    #[test]
    fn range_targets_are_met_from_the_lower_end() {
        let p = programme("targets:\n  - { id: s, indicator: staff_count, label: s, value: 5, value_max: 8, comparator: range, deadline: 2025, source: s }\nactuals:\n  - { indicator: staff_count, label: s, date: 2024, value: 6, source: s }\n");
        assert_eq!(status_on(&p, "2025-01-01"), Status::Achieved);
    }
}
