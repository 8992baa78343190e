//! Checks on one programme: references, values, dates and budget lines.

use super::{located_in, value};
use crate::error::Diagnostic;
use crate::i18n::t;
use crate::model::{Amount, Catalogue, Comparator, DateSpec, ProgrammeSource};
use std::collections::BTreeSet;

/// Appends every problem of `source` to `problems`.
pub fn check(source: &ProgrammeSource, catalogue: &Catalogue, problems: &mut Vec<Diagnostic>) {
    let mut ctx = Checker {
        source,
        catalogue,
        problems,
        locator: crate::yaml::Locator::new(&source.yaml_text),
    };
    ctx.slug();
    ctx.required_text();
    ctx.name_lengths();
    ctx.facilities();
    ctx.targets();
    ctx.actuals();
    ctx.dates();
    ctx.budget();
    for page in &source.pages {
        super::markdown::check(page, ctx.problems);
    }
}

/// Longest title, label or name, in characters.
pub const MAX_NAME_CHARS: usize = 500;

/// The field holding an item's name in each list of a programme.
fn name_field(list: &str) -> &'static str {
    match list {
        "facilities" | "phases" | "milestones" => "name",
        "targets" | "actuals" => "label",
        "budget" => "purpose",
        _ => "title",
    }
}

struct Checker<'a> {
    source: &'a ProgrammeSource,
    catalogue: &'a Catalogue,
    problems: &'a mut Vec<Diagnostic>,
    /// Lines of the programme's YAML, found once for all its problems.
    locator: crate::yaml::Locator<'a>,
}

impl Checker<'_> {
    fn report(&mut self, field: &str, message: impl Into<String>, hint: Option<String>) {
        let mut d = located_in(&mut self.locator, &self.source.yaml_path, field, message);
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
                t(
                    format!("“{slug}”不能用作网址"),
                    format!("“{slug}” cannot be used as a web address"),
                ),
                Some(t(
                    "只能使用小写字母 a–z、数字和连字符 -",
                    "use lowercase letters a–z, digits and '-'",
                )),
            );
        }
    }

    fn required_text(&mut self) {
        if self.programme().title.trim().is_empty() {
            self.report("title", t("标题为空", "the title is empty"), None);
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
                t("未填写发布机构", "no issuing body (发布机构) is given"),
                Some(t(
                    "至少填写一个发布机构，例如 issuers: [民权县人民政府办公室]",
                    "list at least one body, e.g. issuers: [民权县人民政府办公室]",
                )),
            );
        }
        if self.programme().region.province.trim().is_empty() {
            self.report(
                "region.province",
                t("省份为空", "the province is empty"),
                None,
            );
        }
    }

    /// Titles, labels and names are shown in lists across the site (a 3.9 MB title was
    /// copied onto every page): each is at most [`MAX_NAME_CHARS`] characters.
    fn name_lengths(&mut self) {
        let p = self.programme();
        let long = |text: &String| text.chars().count() > MAX_NAME_CHARS;
        let mut fields = Vec::new();
        if long(&p.title) {
            fields.push("title".to_string());
        }
        if p.short_title.as_ref().is_some_and(long) {
            fields.push("short_title".to_string());
        }
        let mut list = |name: &str, texts: &mut dyn Iterator<Item = &String>| {
            let field = name_field(name);
            for (i, _) in texts.enumerate().filter(|(_, text)| long(text)) {
                fields.push(format!("{name}[{i}].{field}"));
            }
        };
        list("facilities", &mut p.facilities.iter().map(|f| &f.name));
        list("targets", &mut p.targets.iter().map(|t| &t.label));
        list("actuals", &mut p.actuals.iter().map(|a| &a.label));
        list("phases", &mut p.phases.iter().map(|x| &x.name));
        list("milestones", &mut p.milestones.iter().map(|m| &m.name));
        list("budget", &mut p.budget.iter().map(|b| &b.purpose));
        list("tasks", &mut p.tasks.iter().map(|x| &x.title));
        for field in fields {
            self.report(
                &field,
                t(
                    format!("超过 {MAX_NAME_CHARS} 个字符"),
                    format!("is longer than {MAX_NAME_CHARS} characters"),
                ),
                Some(t(
                    "标题和名称会出现在网站的各个列表中，请写简短的名称；原文句子放在 source:",
                    "titles and names appear in lists across the site: keep them short, and put the sentence of the source in `source:`",
                )),
            );
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
                    t(
                        format!("设施编号“{id}”重复"),
                        format!("facility id “{id}” is used twice"),
                    ),
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
                t(format!("范围“{scope}”不是本项目的设施编号"), format!("scope “{scope}” is not one of this programme's facilities")),
                Some(if list.is_empty() {
                    t("在 facilities: 下添加该设施；若为全域数字，删除 scope:", "add the facility under `facilities:` or remove `scope:` for a region-wide figure")
                } else {
                    t(format!("已有的设施编号：{list}"), format!("known facility ids: {list}"))
                }),
            );
        }
    }

    fn indicator(&mut self, field: &str, id: &str) -> Option<crate::model::Indicator> {
        match self.catalogue.get(id) {
            Some(indicator) => Some(indicator.clone()),
            None => {
                let hint = match self.catalogue.closest(id) {
                    Some(close) => t(
                        format!("是不是要写 `{close}`？"),
                        format!("did you mean `{close}`?"),
                    ),
                    None => t(
                        "请使用指标目录中的编号，或在 content/indicators.yaml 中定义该指标",
                        "add it to content/indicators.yaml or use an id from the catalogue",
                    ),
                };
                self.report(
                    field,
                    t(
                        format!("未知指标“{id}”"),
                        format!("unknown indicator “{id}”"),
                    ),
                    Some(hint),
                );
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
                    t(
                        format!("目标编号“{}”只能使用 a–z、0–9、- 或 _", target.id),
                        format!("target id “{}” must use a–z, 0–9, '-' or '_'", target.id),
                    ),
                    None,
                );
            }
            if !ids.insert(target.id.clone()) {
                self.report(
                    &at("id"),
                    t(
                        format!("目标编号“{}”重复", target.id),
                        format!("target id “{}” is used twice", target.id),
                    ),
                    None,
                );
            }
            if target.source.trim().is_empty() {
                self.report(
                    &at("source"),
                    t(
                        "每个目标都要附上文件原文句子",
                        "every target needs the sentence that states it",
                    ),
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
                t(
                    "区间目标需要填写 value_max（上限）",
                    "a range target needs `value_max` (the upper end)",
                ),
                Some(t(
                    "例如“5-8 名”写作 value: 5, value_max: 8, comparator: range",
                    "e.g. 5-8 名 is value: 5, value_max: 8, comparator: range",
                )),
            ),
            (Some(Comparator::Range), Some(max), Some(low)) if max < low => self.report(
                field,
                t(
                    format!("上限 {max} 小于下限 {low}"),
                    format!("upper end {max} is below the lower end {low}"),
                ),
                None,
            ),
            (Some(c), Some(_), _) if c != Comparator::Range => self.report(
                field,
                t(
                    "只有区间目标才能填写 value_max",
                    "`value_max` is only for range targets",
                ),
                Some(t(
                    "设置 comparator: range，或删除 value_max",
                    "set comparator: range, or remove value_max",
                )),
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
                        t(
                            format!("没有编号为“{target}”的目标"),
                            format!("no target has the id “{target}”"),
                        ),
                        None,
                    );
                }
            }
            if actual.source.trim().is_empty() {
                self.report(
                    &at("source"),
                    t(
                        "每个数字都要附上文件原文句子",
                        "every figure needs the sentence that states it",
                    ),
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
                &t("实施期限的结束早于开始", "the period ends before it starts"),
            );
        }
        for (i, phase) in p.phases.iter().enumerate() {
            self.order(
                &format!("phases[{i}].end"),
                &phase.start,
                &phase.end,
                &t("阶段的结束早于开始", "the phase ends before it starts"),
            );
        }
        for (i, milestone) in p.milestones.iter().enumerate() {
            if let Some(start) = &milestone.start {
                self.order(
                    &format!("milestones[{i}].due"),
                    start,
                    &milestone.due,
                    &t(
                        "节点的截止早于开始",
                        "the milestone is due before it starts",
                    ),
                );
            }
        }
        if let (Some(period), Some(written)) = (&p.period, &p.disclosure.written) {
            for (i, target) in p.targets.iter().enumerate() {
                if let Some(deadline) = &target.deadline {
                    if deadline.last_day() < written.first_day().min(period.start.first_day()) {
                        self.report(
                            &format!("targets[{i}].deadline"),
                            t(format!("截止日期 {deadline} 早于文件成文日期（{written}）"), format!("the deadline {deadline} is before the programme was written ({written})")),
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
                    t(
                        format!(
                            "资金金额必须是正数（单位：万元），不能是 {}",
                            line.amount_wan_yuan
                        ),
                        format!(
                            "a budget line must be a positive amount in 万元, not {}",
                            line.amount_wan_yuan
                        ),
                    ),
                    None,
                );
            }
            self.scope(&at("scope"), line.scope.as_ref());
        }
    }
}
