//! The draft: `programme.yaml` text with the confidence and flags of every item written as
//! comments above it ("# 置信度 0.60：请核对", "# 原文缺字，已标为□"), and `index.md` with the
//! cleaned full text.

use super::item::Item;
use super::metadata::{Found, Metadata};
use super::yaml_out::{quote, YamlOut};
use crate::model::{
    Actual, BudgetLine, BudgetStatus, Comparator, DocumentType, Milestone, Phase, Programme,
    Script, Target,
};

/// Below this confidence an item's comment asks the reviewer to check it.
pub const CHECK_BELOW: f64 = 0.7;

/// Everything the draft is written from.
#[derive(Debug, Clone)]
pub struct Parts<'a> {
    /// The assembled programme (ids assigned).
    pub programme: &'a Programme,
    /// Metadata with confidences.
    pub meta: &'a Metadata,
    /// Targets with confidences, in the programme's order.
    pub targets: &'a [Item<Target>],
    /// Actuals with confidences.
    pub actuals: &'a [Item<Actual>],
    /// Budget lines with confidences.
    pub budget: &'a [Item<BudgetLine>],
    /// Phases with confidences.
    pub phases: &'a [Item<Phase>],
    /// Milestones with confidences.
    pub milestones: &'a [Item<Milestone>],
    /// Lines describing the import for the header comment.
    pub header: &'a [String],
}

fn confidence_comment(confidence: f64, flags: &[String]) -> String {
    let mut text = format!("置信度 {confidence:.2}");
    if confidence < CHECK_BELOW {
        text.push_str("：请核对");
    }
    for flag in flags {
        text.push('\n');
        text.push_str(flag);
    }
    text
}

fn found_comment<T>(y: &mut YamlOut, indent: usize, found: Option<&Found<T>>) {
    if let Some(f) = found {
        if f.confidence < CHECK_BELOW {
            y.comment(indent, &format!("置信度 {:.2}：请核对", f.confidence));
        }
    }
}

/// Writes `programme.yaml`.
pub fn yaml(parts: &Parts) -> String {
    let p = parts.programme;
    let m = parts.meta;
    let mut y = YamlOut::new();
    for line in parts.header {
        y.comment(0, line);
    }
    found_comment(&mut y, 0, m.title.as_ref());
    if p.title.is_empty() {
        y.comment(0, "未能识别标题，请填写");
    }
    y.string(0, "title", &p.title);
    y.raw(
        0,
        "document_type",
        match p.document_type {
            DocumentType::Plan => "plan",
            DocumentType::WorkPoints => "work_points",
            DocumentType::Report => "report",
        },
    );
    if m.document_type.confidence < CHECK_BELOW {
        y.comment(
            0,
            &format!("文件类型置信度 {:.2}：请核对", m.document_type.confidence),
        );
    }

    let d = &p.disclosure;
    y.key(0, "disclosure");
    found_comment(&mut y, 2, m.index_no.as_ref());
    y.opt_string(2, "index_no", d.index_no.as_deref());
    found_comment(&mut y, 2, m.category.as_ref());
    y.opt_string(2, "category", d.category.as_deref());
    if d.issuers.is_empty() {
        y.comment(2, "未能识别发布机构，请填写");
    }
    found_comment(&mut y, 2, m.issuers.as_ref());
    y.strings(2, "issuers", &d.issuers);
    if let Some(written) = &d.written {
        found_comment(&mut y, 2, m.written.as_ref());
        y.date(2, "written", written);
    }
    if let Some(published) = &d.published {
        found_comment(&mut y, 2, m.published.as_ref());
        y.date(2, "published", published);
    }
    found_comment(&mut y, 2, m.doc_no.as_ref());
    y.opt_string(2, "doc_no", d.doc_no.as_deref());
    y.opt_string(2, "validity", d.validity.as_deref());
    y.opt_string(2, "disclosure_mode", d.disclosure_mode.as_deref());
    if !d.subject_words.is_empty() {
        y.strings(2, "subject_words", &d.subject_words);
    }
    if !d.addressees.is_empty() {
        y.strings(2, "addressees", &d.addressees);
    }
    if !d.cc.is_empty() {
        y.strings(2, "cc", &d.cc);
    }

    y.key(0, "region");
    if p.region.province.is_empty() {
        y.comment(2, "未能识别省份，请填写");
    } else if m.region.confidence < CHECK_BELOW {
        y.comment(2, &format!("置信度 {:.2}：请核对", m.region.confidence));
    }
    y.string(2, "province", &p.region.province);
    y.opt_string(2, "city", p.region.city.as_deref());
    y.opt_string(2, "county", p.region.county.as_deref());

    if let Some(period) = &p.period {
        y.key(0, "period");
        y.date(2, "start", &period.start);
        y.date(2, "end", &period.end);
    }

    if !p.basis.is_empty() {
        y.key(0, "basis");
        for b in &p.basis {
            y.item_start(2, "title", &quote(&b.title));
            y.opt_string(4, "doc_no", b.doc_no.as_deref());
        }
    }

    if !p.facilities.is_empty() {
        y.key(0, "facilities");
        for f in &p.facilities {
            y.item_start(2, "id", &quote(&f.id));
            y.string(4, "name", &f.name);
            y.opt_string(4, "kind", f.kind.as_deref());
        }
    }

    y.blank();
    write_targets(&mut y, parts.targets);
    write_actuals(&mut y, parts.actuals);
    write_phases(&mut y, parts.phases);
    write_milestones(&mut y, parts.milestones);
    write_budget(&mut y, parts.budget);
    write_tasks(&mut y, &p.tasks);

    y.key(0, "transcription");
    y.raw(
        2,
        "script",
        match p.transcription.script {
            Script::Simplified => "zh-Hans",
            Script::Traditional => "zh-Hant",
        },
    );
    y.opt_string(2, "source_file", p.transcription.source_file.as_deref());
    if !p.transcription.notes.is_empty() {
        y.strings(2, "notes", &p.transcription.notes);
    }
    y.finish()
}

fn comparator_key(c: Comparator) -> &'static str {
    c.key()
}

fn write_targets(y: &mut YamlOut, targets: &[Item<Target>]) {
    if targets.is_empty() {
        y.raw(0, "targets", "[]");
        return;
    }
    y.key(0, "targets");
    for item in targets {
        let t = &item.value;
        y.comment(2, &confidence_comment(item.confidence, &item.flags));
        y.item_start(2, "id", &quote(&t.id));
        y.string(4, "indicator", &t.indicator);
        y.string(4, "label", &t.label);
        y.opt_string(4, "scope", t.scope.as_deref());
        y.amount(4, "value", &t.value);
        if let Some(max) = t.value_max {
            y.number(4, "value_max", max);
        }
        if let Some(c) = t.comparator {
            y.raw(4, "comparator", comparator_key(c));
        }
        y.opt_string(4, "display", t.display.as_deref());
        if let Some(deadline) = &t.deadline {
            y.date(4, "deadline", deadline);
        }
        y.opt_string(4, "recurring", t.recurring.as_deref());
        if t.aspirational {
            y.raw(4, "aspirational", "true");
        }
        y.string(4, "source", &t.source);
    }
    y.blank();
}

fn write_actuals(y: &mut YamlOut, actuals: &[Item<Actual>]) {
    if actuals.is_empty() {
        y.raw(0, "actuals", "[]");
        return;
    }
    y.key(0, "actuals");
    for item in actuals {
        let a = &item.value;
        y.comment(2, &confidence_comment(item.confidence, &item.flags));
        y.item_start(2, "indicator", &quote(&a.indicator));
        y.string(4, "label", &a.label);
        y.opt_string(4, "scope", a.scope.as_deref());
        y.opt_string(4, "subject", a.subject.as_deref());
        y.date(4, "date", &a.date);
        y.amount(4, "value", &a.value);
        y.opt_string(4, "display", a.display.as_deref());
        y.string(4, "source", &a.source);
    }
    y.blank();
}

fn write_phases(y: &mut YamlOut, phases: &[Item<Phase>]) {
    if phases.is_empty() {
        y.raw(0, "phases", "[]");
        return;
    }
    y.key(0, "phases");
    for item in phases {
        let ph = &item.value;
        y.comment(2, &confidence_comment(item.confidence, &item.flags));
        y.item_start(2, "name", &quote(&ph.name));
        y.date(4, "start", &ph.start);
        y.date(4, "end", &ph.end);
        y.opt_string(4, "description", ph.description.as_deref());
        y.opt_string(4, "source", ph.source.as_deref());
    }
    y.blank();
}

fn write_milestones(y: &mut YamlOut, milestones: &[Item<Milestone>]) {
    if milestones.is_empty() {
        y.raw(0, "milestones", "[]");
        return;
    }
    y.key(0, "milestones");
    for item in milestones {
        let ms = &item.value;
        y.comment(2, &confidence_comment(item.confidence, &item.flags));
        y.item_start(2, "name", &quote(&ms.name));
        y.opt_string(4, "group", ms.group.as_deref());
        if let Some(start) = &ms.start {
            y.date(4, "start", start);
        }
        y.date(4, "due", &ms.due);
        if !ms.responsible.is_empty() {
            y.strings(4, "responsible", &ms.responsible);
        }
        y.string(4, "source", &ms.source);
    }
    y.blank();
}

fn write_budget(y: &mut YamlOut, budget: &[Item<BudgetLine>]) {
    if budget.is_empty() {
        y.raw(0, "budget", "[]");
        return;
    }
    y.key(0, "budget");
    for item in budget {
        let b = &item.value;
        y.comment(2, &confidence_comment(item.confidence, &item.flags));
        y.item_start(2, "purpose", &quote(&b.purpose));
        y.number(4, "amount_wan_yuan", b.amount_wan_yuan);
        if b.approximate {
            y.raw(4, "approximate", "true");
        }
        y.raw(
            4,
            "status",
            match b.status {
                BudgetStatus::Planned => "planned",
                BudgetStatus::Allocated => "allocated",
            },
        );
        y.opt_string(4, "scope", b.scope.as_deref());
        y.opt_string(4, "subject", b.subject.as_deref());
        y.string(4, "source", &b.source);
    }
    y.blank();
}

fn write_tasks(y: &mut YamlOut, tasks: &[crate::model::Task]) {
    if tasks.is_empty() {
        return;
    }
    y.key(0, "tasks");
    y.comment(
        2,
        "重点任务：按文件的编号整理，负责单位和期限为文中所见，请核对",
    );
    for t in tasks {
        y.item_start(2, "title", &quote(&t.title));
        y.opt_string(4, "number", t.number.as_deref());
        y.opt_string(4, "section", t.section.as_deref());
        if !t.responsible.is_empty() {
            y.strings(4, "responsible", &t.responsible);
        }
        if let Some(deadline) = &t.deadline {
            y.date(4, "deadline", deadline);
        }
    }
    y.blank();
}

/// Writes `index.md`: the title, a note for the reviewer and the cleaned full text.
pub fn markdown(title: &str, paragraphs: &[String], skip: &[usize], notes: &[String]) -> String {
    let mut out = String::new();
    out.push_str("# ");
    out.push_str(&escape_markdown(if title.is_empty() {
        "导入的文件"
    } else {
        title
    }));
    out.push_str("\n\n");
    out.push_str(
        "> 本页由 `gongkai import` 从原文自动生成：以下为去除网页杂项后的全文，发布前请核对。\n",
    );
    for note in notes {
        out.push_str("> \n> ");
        out.push_str(&escape_markdown(note));
        out.push('\n');
    }
    out.push('\n');
    for (i, p) in paragraphs.iter().enumerate() {
        if skip.contains(&i) {
            continue;
        }
        out.push_str(&escape_markdown(p.trim()));
        out.push_str("\n\n");
    }
    out
}

/// Escapes characters Markdown would read as markup, so the text shows as written.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~'
        ) || (i == 0 && matches!(c, '#' | '-' | '+' | '='));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. " at the start would become a numbered list.
    let digits = out.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 {
        let rest: String = out.chars().skip(digits).take(2).collect();
        if rest.starts_with(['.', ')']) && (rest.chars().nth(1).is_none_or(char::is_whitespace)) {
            let head: String = out.chars().take(digits).collect();
            let tail: String = out.chars().skip(digits).collect();
            out = format!("{head}\\{tail}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown() {
        assert_eq!(escape_markdown("# 标题"), "\\# 标题");
        assert_eq!(escape_markdown("1. 第一"), "1\\. 第一");
        assert_eq!(escape_markdown("1.2019 年"), "1.2019 年");
        assert_eq!(escape_markdown("a*b_c"), "a\\*b\\_c");
    }
}
