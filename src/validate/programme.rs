//! Checks on one programme: references, values, dates and budget lines.

use super::{located, value};
use crate::error::Diagnostic;
use crate::model::{Amount, Catalogue, Comparator, DateSpec, ProgrammeSource};
use std::collections::BTreeSet;

/// Appends every problem of `source` to `problems`.
pub fn check(source: &ProgrammeSource, catalogue: &Catalogue, problems: &mut Vec<Diagnostic>) {
    let mut ctx = Checker {
        source,
        catalogue,
        problems,
    };
    ctx.slug();
    ctx.required_text();
    ctx.facilities();
    ctx.targets();
    ctx.actuals();
    ctx.dates();
    ctx.budget();
}

struct Checker<'a> {
    source: &'a ProgrammeSource,
    catalogue: &'a Catalogue,
    problems: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, field: &str, message: impl Into<String>, hint: Option<String>) {
        let mut d = located(self.source, field, message);
        if let Some(hint) = hint {
            d = d.with_hint(hint);
        }
        self.problems.push(d);
    }

    fn programme(&self) -> &crate::model::Programme {
        &self.source.programme
    }

    fn slug(&mut self) {
        let slug = self.programme().slug.clone();
        if !crate::load::is_safe_slug(&slug) {
            self.report(
                "slug",
                format!("“{slug}” cannot be used as a web address"),
                Some("use lowercase letters a–z, digits and '-'".into()),
            );
        }
    }

    fn required_text(&mut self) {
        if self.programme().title.trim().is_empty() {
            self.report("title", "the title is empty", None);
        }
        if self
            .programme()
            .disclosure
            .issuers
            .iter()
            .all(|i| i.trim().is_empty())
        {
            self.report(
                "disclosure.issuers",
                "no issuing body (发布机构) is given",
                Some("list at least one body, e.g. issuers: [民权县人民政府办公室]".into()),
            );
        }
        if self.programme().region.province.trim().is_empty() {
            self.report("region.province", "the province is empty", None);
        }
    }

    fn facility_ids(&self) -> BTreeSet<String> {
        self.programme()
            .facilities
            .iter()
            .map(|f| f.id.clone())
            .collect()
    }

    fn facilities(&mut self) {
        let mut seen = BTreeSet::new();
        let ids: Vec<String> = self
            .programme()
            .facilities
            .iter()
            .map(|f| f.id.clone())
            .collect();
        for (i, id) in ids.iter().enumerate() {
            if !seen.insert(id.clone()) {
                self.report(
                    &format!("facilities[{i}].id"),
                    format!("facility id “{id}” is used twice"),
                    None,
                );
            }
        }
    }

    fn scope(&mut self, field: &str, scope: Option<&String>) {
        let Some(scope) = scope else { return };
        let known = self.facility_ids();
        if !known.contains(scope) {
            let list = known.into_iter().collect::<Vec<_>>().join(", ");
            self.report(
                field,
                format!("scope “{scope}” is not one of this programme's facilities"),
                Some(if list.is_empty() {
                    "add the facility under `facilities:` or remove `scope:` for a region-wide figure".into()
                } else {
                    format!("known facility ids: {list}")
                }),
            );
        }
    }

    fn indicator(&mut self, field: &str, id: &str) -> Option<crate::model::Indicator> {
        match self.catalogue.get(id) {
            Some(indicator) => Some(indicator.clone()),
            None => {
                let hint = match self.catalogue.closest(id) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => {
                        "add it to content/indicators.yaml or use an id from the catalogue".into()
                    }
                };
                self.report(field, format!("unknown indicator “{id}”"), Some(hint));
                None
            }
        }
    }

    fn amount(
        &mut self,
        field: &str,
        indicator: &crate::model::Indicator,
        amount: &Amount,
    ) -> Option<f64> {
        match value::resolve(indicator, amount) {
            Ok(n) => Some(n),
            Err((message, hint)) => {
                self.report(field, message, hint);
                None
            }
        }
    }

    fn targets(&mut self) {
        let targets = self.programme().targets.clone();
        let mut ids = BTreeSet::new();
        for (i, target) in targets.iter().enumerate() {
            let at = |f: &str| format!("targets[{i}].{f}");
            if !crate::load::is_safe_slug(&target.id.replace('_', "-")) {
                self.report(
                    &at("id"),
                    format!("target id “{}” must use a–z, 0–9, '-' or '_'", target.id),
                    None,
                );
            }
            if !ids.insert(target.id.clone()) {
                self.report(
                    &at("id"),
                    format!("target id “{}” is used twice", target.id),
                    None,
                );
            }
            if target.source.trim().is_empty() {
                self.report(
                    &at("source"),
                    "every target needs the sentence that states it",
                    None,
                );
            }
            self.scope(&at("scope"), target.scope.as_ref());
            let Some(indicator) = self.indicator(&at("indicator"), &target.indicator) else {
                continue;
            };
            let low = self.amount(&at("value"), &indicator, &target.value);
            if let Some(baseline) = &target.baseline {
                self.amount(&at("baseline.value"), &indicator, &baseline.value);
            }
            self.range(&at("value_max"), target.comparator, target.value_max, low);
        }
    }

    fn range(
        &mut self,
        field: &str,
        comparator: Option<Comparator>,
        max: Option<f64>,
        low: Option<f64>,
    ) {
        match (comparator, max, low) {
            (Some(Comparator::Range), None, _) => self.report(
                field,
                "a range target needs `value_max` (the upper end)",
                Some("e.g. 5-8 名 is value: 5, value_max: 8, comparator: range".into()),
            ),
            (Some(Comparator::Range), Some(max), Some(low)) if max < low => self.report(
                field,
                format!("upper end {max} is below the lower end {low}"),
                None,
            ),
            (Some(c), Some(_), _) if c != Comparator::Range => self.report(
                field,
                "`value_max` is only for range targets",
                Some("set comparator: range, or remove value_max".into()),
            ),
            _ => {}
        }
    }

    fn actuals(&mut self) {
        let actuals = self.programme().actuals.clone();
        let target_ids: BTreeSet<String> = self
            .programme()
            .targets
            .iter()
            .map(|t| t.id.clone())
            .collect();
        for (i, actual) in actuals.iter().enumerate() {
            let at = |f: &str| format!("actuals[{i}].{f}");
            self.scope(&at("scope"), actual.scope.as_ref());
            if let Some(target) = &actual.target {
                if !target_ids.contains(target) {
                    self.report(
                        &at("target"),
                        format!("no target has the id “{target}”"),
                        None,
                    );
                }
            }
            if actual.source.trim().is_empty() {
                self.report(
                    &at("source"),
                    "every figure needs the sentence that states it",
                    None,
                );
            }
            if let Some(indicator) = self.indicator(&at("indicator"), &actual.indicator) {
                self.amount(&at("value"), &indicator, &actual.value);
            }
        }
    }

    fn dates(&mut self) {
        let p = self.programme().clone();
        if let Some(period) = &p.period {
            self.order(
                "period.end",
                &period.start,
                &period.end,
                "the period ends before it starts",
            );
        }
        for (i, phase) in p.phases.iter().enumerate() {
            self.order(
                &format!("phases[{i}].end"),
                &phase.start,
                &phase.end,
                "the phase ends before it starts",
            );
        }
        for (i, milestone) in p.milestones.iter().enumerate() {
            if let Some(start) = &milestone.start {
                self.order(
                    &format!("milestones[{i}].due"),
                    start,
                    &milestone.due,
                    "the milestone is due before it starts",
                );
            }
        }
        if let (Some(period), Some(written)) = (&p.period, &p.disclosure.written) {
            for (i, target) in p.targets.iter().enumerate() {
                if let Some(deadline) = &target.deadline {
                    if deadline.last_day() < written.first_day().min(period.start.first_day()) {
                        self.report(
                            &format!("targets[{i}].deadline"),
                            format!("the deadline {deadline} is before the programme was written ({written})"),
                            None,
                        );
                    }
                }
            }
        }
    }

    fn order(&mut self, field: &str, start: &DateSpec, end: &DateSpec, message: &str) {
        if end.last_day() < start.first_day() {
            self.report(field, format!("{message} ({start} → {end})"), None);
        }
    }

    fn budget(&mut self) {
        let lines = self.programme().budget.clone();
        for (i, line) in lines.iter().enumerate() {
            let at = |f: &str| format!("budget[{i}].{f}");
            if !line.amount_wan_yuan.is_finite() || line.amount_wan_yuan <= 0.0 {
                self.report(
                    &at("amount_wan_yuan"),
                    format!(
                        "a budget line must be a positive amount in 万元, not {}",
                        line.amount_wan_yuan
                    ),
                    None,
                );
            }
            self.scope(&at("scope"), line.scope.as_ref());
        }
    }
}
