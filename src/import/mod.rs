//! Import: a government notice in, a draft `programme.yaml` out (issue 7).
//!
//! ```text
//! bytes ─ decode ─ clean ─ metadata ─ sentences ─┬ targets (+ built) ─┐
//!                                                ├ budget             ├ draft (YAML + index.md)
//!                                                └ schedule           ┘
//! ```
//!
//! Every rule is general (no rule names a document): noise is recognised by what page
//! chrome looks like, figures by their units, deadlines by how dates are written. Every
//! extracted value carries a confidence and the sentence it came from, and the draft says
//! in comments what a reviewer should check.
//!
//! The command line calls [`import_notice`] and then [`write_draft`].

pub mod budget;
pub mod built;
pub mod clean;
pub mod dates;
pub mod decode;
pub mod docno;
pub mod draft;
pub mod enumeration;
pub mod facility;
pub mod grades;
pub mod item;
pub mod metadata;
pub mod noise;
pub mod numbers;
pub mod region;
pub mod schedule;
pub mod script;
pub mod sentences;
pub mod targets;
pub mod tasks;
pub mod text;
pub mod yaml_out;

use crate::model::{
    BasisDocument, DateSpec, Disclosure, DocumentType, Period, Programme, Region, Revision, Script,
    Transcription,
};
use item::Item;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Options for [`import_notice`].
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// File name of the notice, recorded as `transcription.source_file`.
    pub source_file: Option<String>,
    /// When set, the draft gets a revision entry with this date ("导入草稿").
    pub revision_date: Option<DateSpec>,
}

/// Numbers of items found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// Targets.
    pub targets: usize,
    /// Reported figures.
    pub actuals: usize,
    /// Budget lines.
    pub budget_lines: usize,
    /// Phases.
    pub phases: usize,
    /// Milestones.
    pub milestones: usize,
    /// Cited basis documents.
    pub basis: usize,
    /// Facilities.
    pub facilities: usize,
    /// Disclosure fields found (title, 文号, issuers, dates, 索引号 …).
    pub metadata_fields: usize,
    /// Lines dropped as page noise.
    pub removed_lines: usize,
    /// Characters lost in the source (shown as □).
    pub lost_characters: usize,
    /// Bracketed pinyin syllables removed.
    pub pinyin_removed: usize,
}

/// An item the reviewer should look at.
#[derive(Debug, Clone, PartialEq)]
pub struct FlaggedItem {
    /// Where it is in the draft, e.g. `targets[3]`.
    pub path: String,
    /// Its label or name.
    pub what: String,
    /// Confidence 0–1.
    pub confidence: f64,
    /// Why it needs checking.
    pub flags: Vec<String>,
}

/// A line dropped as page noise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedNoise {
    /// What sort of noise (Chinese label).
    pub kind: String,
    /// The line as it was.
    pub text: String,
}

/// What the import found and how sure it is.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// Encoding the notice was read in (UTF-8, GBK, Big5 …).
    pub encoding: String,
    /// Whether a UTF-8 byte-order mark was removed.
    pub had_bom: bool,
    /// Whether the notice was an HTML page.
    pub was_html: bool,
    /// Script of the notice.
    pub script: Script,
    /// Share of convertible characters in Traditional-only forms.
    pub traditional_share: f64,
    /// Plan, work points or report.
    pub document_type: DocumentType,
    /// Numbers of items found.
    pub counts: ImportCounts,
    /// Items with a confidence below 0.7 or with flags.
    pub flagged: Vec<FlaggedItem>,
    /// Lines dropped as noise.
    pub removed: Vec<RemovedNoise>,
    /// Disclosure fields that were not found.
    pub missing: Vec<String>,
}

/// A draft programme: the files to write and what was found.
#[derive(Debug, Clone)]
pub struct Draft {
    /// `programme.yaml` text (valid for the loader; comments carry confidences and flags).
    pub yaml: String,
    /// `index.md` text: the cleaned full text.
    pub markdown: String,
    /// What was found.
    pub report: ImportReport,
    /// The programme the YAML describes.
    pub programme: Programme,
    /// A slug to use when none is given: `import-<year>-<hash>`.
    pub suggested_slug: String,
}

/// Why an import or a write failed.
#[derive(Debug)]
pub enum ImportError {
    /// The notice has no bytes (or only white space).
    Empty,
    /// Nothing was left once page noise was removed.
    NoText,
    /// The slug is not lowercase letters, digits and '-'.
    UnsafeSlug(String),
    /// The programme folder exists already.
    Exists(PathBuf),
    /// Writing failed.
    Io {
        /// What was being written.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::t;
        let text = match self {
            ImportError::Empty => t("通知是空的", "the notice is empty"),
            ImportError::NoText => t(
                "通知中没有正文（只有网页杂项或标记）",
                "no document text was found in the notice (only page noise or markup)",
            ),
            ImportError::UnsafeSlug(slug) => t(
                format!("“{slug}”不能用作文件夹名：只能用小写字母 a–z、数字和 -"),
                format!(
                    "“{slug}” cannot be used as a slug: use lowercase letters a–z, digits and '-'"
                ),
            ),
            ImportError::Exists(path) => t(
                format!(
                    "{} 已存在；请换一个名称（--slug），或先删除它",
                    path.display()
                ),
                format!(
                    "{} exists already; choose another slug or remove it first",
                    path.display()
                ),
            ),
            ImportError::Io { path, source } => {
                let why = crate::i18n::io_reason(source);
                t(
                    format!("无法写入 {}：{why}", path.display()),
                    format!("cannot write {}: {why}", path.display()),
                )
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ImportError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Reads a notice (UTF-8, UTF-8 with BOM, GBK/GB18030, Big5, or an HTML page) and
/// builds a draft programme.
pub fn import_notice(bytes: &[u8], options: &ImportOptions) -> Result<Draft, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    let decoded = decode::decode(bytes);
    let cleaned = clean::clean(&decoded.text);
    let meta = metadata::extract(&cleaned.paragraphs);
    let body_paragraphs = cleaned
        .paragraphs
        .iter()
        .enumerate()
        .filter(|(i, _)| !meta.header_lines.contains(i))
        .count();
    if body_paragraphs == 0 {
        return Err(ImportError::NoText);
    }
    let document_type = meta.document_type.value;
    let sentences = sentences::split(&cleaned.paragraphs, &meta.header_lines, meta.year);
    let report_date = meta
        .published
        .as_ref()
        .or(meta.written.as_ref())
        .map(|f| f.value);
    let ctx = targets::Context {
        document_type,
        report_date,
        year: meta.year,
    };
    let mut figures = targets::extract(&sentences, &ctx);
    assign_ids(&mut figures.targets);
    let budget = budget::extract(&sentences, document_type);
    let schedule = if document_type == DocumentType::Report {
        schedule::Schedule::default()
    } else {
        schedule::extract(&sentences)
    };

    let tasks = if document_type == DocumentType::Report {
        Vec::new()
    } else {
        tasks::extract(&sentences, document_type == DocumentType::WorkPoints)
    };
    let found = Extracted {
        figures,
        budget,
        schedule,
        tasks,
    };
    let (figures, budget, schedule) = (&found.figures, &found.budget, &found.schedule);
    let notes = transcription_notes(&decoded, &cleaned);
    let programme = assemble(&meta, &cleaned, &found, options, notes.clone());
    let header = header_lines(&decoded, &cleaned, &meta, options);
    let parts = draft::Parts {
        programme: &programme,
        meta: &meta,
        targets: &figures.targets,
        actuals: &figures.actuals,
        budget,
        phases: &schedule.phases,
        milestones: &schedule.milestones,
        header: &header,
    };
    let yaml = draft::yaml(&parts);
    let markdown = draft::markdown(
        &programme.title,
        &cleaned.paragraphs,
        &meta.header_lines,
        &notes,
    );
    let report = report(&decoded, &cleaned, &meta, &parts);
    let suggested_slug = suggested_slug(&programme, &cleaned.paragraphs);
    Ok(Draft {
        yaml,
        markdown,
        report,
        programme,
        suggested_slug,
    })
}

/// Writes `programme.yaml` and `index.md` into `dir/slug/`. Refuses slugs other than
/// lowercase letters, digits and '-', and a folder that exists already.
pub fn write_draft(draft: &Draft, dir: &Path, slug: &str) -> Result<PathBuf, ImportError> {
    if !crate::load::is_safe_slug(slug) {
        return Err(ImportError::UnsafeSlug(slug.to_string()));
    }
    let folder = dir.join(slug);
    if folder.exists() {
        return Err(ImportError::Exists(folder));
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImportError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    // create_dir (not _all) fails if another process created the folder meanwhile.
    std::fs::create_dir(&folder).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            ImportError::Exists(folder.clone())
        } else {
            ImportError::Io {
                path: folder.clone(),
                source: e,
            }
        }
    })?;
    let yaml_path = folder.join("programme.yaml");
    std::fs::write(&yaml_path, &draft.yaml).map_err(io(&yaml_path))?;
    let md_path = folder.join("index.md");
    std::fs::write(&md_path, &draft.markdown).map_err(io(&md_path))?;
    Ok(folder)
}

fn assign_ids(targets: &mut [Item<crate::model::Target>]) {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for t in targets.iter_mut() {
        let n = counts.entry(t.value.indicator.clone()).or_insert(0);
        *n += 1;
        t.value.id = format!("{}-{}", t.value.indicator.replace('_', "-"), n);
    }
}

/// Everything extracted from the sentences.
struct Extracted {
    figures: targets::Figures,
    budget: Vec<Item<crate::model::BudgetLine>>,
    schedule: schedule::Schedule,
    tasks: Vec<crate::model::Task>,
}

fn assemble(
    meta: &metadata::Metadata,
    cleaned: &clean::Cleaned,
    found: &Extracted,
    options: &ImportOptions,
    notes: Vec<String>,
) -> Programme {
    let (figures, budget, schedule) = (&found.figures, &found.budget, &found.schedule);
    let title = meta
        .title
        .as_ref()
        .map(|t| t.value.clone())
        .unwrap_or_default();
    let disclosure = Disclosure {
        index_no: meta.index_no.as_ref().map(|f| f.value.clone()),
        category: meta.category.as_ref().map(|f| f.value.clone()),
        issuers: meta
            .issuers
            .as_ref()
            .map(|f| f.value.clone())
            .unwrap_or_default(),
        written: meta.written.as_ref().map(|f| f.value),
        published: meta.published.as_ref().map(|f| f.value),
        doc_no: meta.doc_no.as_ref().map(|f| f.value.clone()),
        validity: meta
            .validity
            .as_ref()
            .map(|f| f.value.clone())
            .filter(|v| !v.is_empty()),
        disclosure_mode: meta.disclosure_mode.as_ref().map(|f| f.value.clone()),
        subject_words: meta.subject_words.clone(),
        cc: meta.cc.clone(),
        addressees: meta.addressees.clone(),
        source_url: None,
    };
    let basis = meta
        .basis
        .iter()
        .map(|b| BasisDocument {
            title: b
                .value
                .title
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect(),
            doc_no: b.value.doc_no.clone(),
        })
        .collect();
    let period = period(meta, figures, schedule);
    Programme {
        slug: String::new(),
        title,
        short_title: None,
        document_type: meta.document_type.value,
        disclosure,
        region: Region {
            province: meta.region.value.province.clone(),
            city: meta.region.value.city.clone(),
            county: meta.region.value.county.clone(),
        },
        period,
        basis,
        facilities: figures.facilities.clone(),
        targets: figures.targets.iter().map(|t| t.value.clone()).collect(),
        actuals: figures.actuals.iter().map(|a| a.value.clone()).collect(),
        phases: schedule.phases.iter().map(|p| p.value.clone()).collect(),
        milestones: schedule
            .milestones
            .iter()
            .map(|m| m.value.clone())
            .collect(),
        budget: budget.iter().map(|b| b.value.clone()).collect(),
        tasks: found.tasks.clone(),
        revisions: options
            .revision_date
            .map(|date| Revision {
                date,
                note: "由 gongkai import 生成草稿".to_string(),
            })
            .into_iter()
            .collect(),
        transcription: Transcription {
            script: cleaned.script,
            source_file: options.source_file.clone(),
            notes,
        },
    }
}

/// The programme's period: its phases, else its milestones, else the years in its title,
/// else its deadlines.
fn period(
    meta: &metadata::Metadata,
    figures: &targets::Figures,
    schedule: &schedule::Schedule,
) -> Option<Period> {
    if meta.document_type.value == DocumentType::Report {
        return None;
    }
    let span = |starts: Vec<DateSpec>, ends: Vec<DateSpec>| -> Option<Period> {
        let start = starts.into_iter().min_by_key(|d| d.first_day())?;
        let end = ends.into_iter().max_by_key(|d| d.last_day())?;
        (end.last_day() >= start.first_day()).then_some(Period { start, end })
    };
    if !schedule.phases.is_empty() {
        return span(
            schedule.phases.iter().map(|p| p.value.start).collect(),
            schedule.phases.iter().map(|p| p.value.end).collect(),
        );
    }
    if !schedule.milestones.is_empty() {
        return span(
            schedule
                .milestones
                .iter()
                .map(|m| m.value.start.unwrap_or(m.value.due))
                .collect(),
            schedule.milestones.iter().map(|m| m.value.due).collect(),
        );
    }
    let title = meta
        .title
        .as_ref()
        .map(|t| script::fold(&t.value))
        .unwrap_or_default();
    let chars: Vec<char> = title.chars().collect();
    for hit in dates::scan(&chars) {
        if let Some((start, end)) = dates::resolve_range(&hit, None) {
            return Some(Period { start, end });
        }
    }
    if meta.document_type.value == DocumentType::WorkPoints {
        if let Some(year) = meta.year {
            let y = DateSpec {
                year,
                month: None,
                day: None,
            };
            return Some(Period { start: y, end: y });
        }
    }
    let start = meta
        .written
        .as_ref()
        .or(meta.published.as_ref())
        .map(|f| DateSpec {
            year: f.value.year,
            month: f.value.month,
            day: None,
        })?;
    let end = figures
        .targets
        .iter()
        .filter_map(|t| t.value.deadline)
        .max_by_key(|d| d.last_day())?;
    (end.last_day() >= start.first_day()).then_some(Period { start, end })
}

fn transcription_notes(decoded: &decode::Decoded, cleaned: &clean::Cleaned) -> Vec<String> {
    let mut notes = Vec::new();
    if decoded.encoding != "UTF-8" {
        notes.push(format!("原文编码为 {}，已转换为 UTF-8。", decoded.encoding));
    }
    if decoded.was_html {
        notes.push("原文为网页，已去除 HTML 标记。".to_string());
    }
    if !cleaned.removed.is_empty() {
        let mut kinds: Vec<&str> = cleaned.removed.iter().map(|r| r.kind.label()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        notes.push(format!(
            "已删除页面杂项 {} 行（{}）。",
            cleaned.removed.len(),
            kinds.join("、")
        ));
    }
    if cleaned.pinyin_removed > 0 {
        notes.push(format!(
            "已删除转换工具留在字后的括注拼音 {} 处。",
            cleaned.pinyin_removed
        ));
    }
    let lost: usize = cleaned.lost.iter().map(|l| l.count).sum();
    if lost > 0 {
        let places: Vec<String> = cleaned
            .lost
            .iter()
            .map(|l| around_lost(&l.context))
            .collect();
        notes.push(format!(
            "原文缺字 {lost} 处，已标为□，未作推测：{}。",
            places.join("；")
        ));
    }
    if cleaned.script == Script::Traditional {
        notes.push("原文为繁体字，数据与原句均照原文保留。".to_string());
    }
    notes
}

/// A few characters around the first □ of a line.
fn around_lost(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let at = chars.iter().position(|c| *c == '□').unwrap_or(0);
    let from = at.saturating_sub(6);
    let to = (at + 8).min(chars.len());
    format!("“{}”", chars[from..to].iter().collect::<String>())
}

fn header_lines(
    decoded: &decode::Decoded,
    cleaned: &clean::Cleaned,
    meta: &metadata::Metadata,
    options: &ImportOptions,
) -> Vec<String> {
    let script = match cleaned.script {
        Script::Simplified => "简体",
        Script::Traditional => "繁体",
    };
    let kind = meta.document_type.value.label();
    vec![
        "gongkai import 生成的草稿：请逐项核对原句与数值后再发布。".to_string(),
        format!(
            "源文件：{}；编码：{}{}；文字：{script}；文件类型：{kind}。",
            options.source_file.as_deref().unwrap_or("（未提供）"),
            decoded.encoding,
            if decoded.was_html { "（网页）" } else { "" },
        ),
        format!(
            "每项上方注明置信度；低于 {:.2} 或带说明的条目需重点核对，核对后可删除这些注释。",
            draft::CHECK_BELOW
        ),
    ]
}

fn report(
    decoded: &decode::Decoded,
    cleaned: &clean::Cleaned,
    meta: &metadata::Metadata,
    parts: &draft::Parts,
) -> ImportReport {
    let mut flagged = Vec::new();
    let mut flag = |path: String, what: &str, confidence: f64, flags: &[String]| {
        if confidence < draft::CHECK_BELOW || !flags.is_empty() {
            flagged.push(FlaggedItem {
                path,
                what: what.to_string(),
                confidence,
                flags: flags.to_vec(),
            });
        }
    };
    for (i, t) in parts.targets.iter().enumerate() {
        flag(
            format!("targets[{i}]"),
            &t.value.label,
            t.confidence,
            &t.flags,
        );
    }
    for (i, a) in parts.actuals.iter().enumerate() {
        flag(
            format!("actuals[{i}]"),
            &a.value.label,
            a.confidence,
            &a.flags,
        );
    }
    for (i, b) in parts.budget.iter().enumerate() {
        flag(
            format!("budget[{i}]"),
            &b.value.purpose,
            b.confidence,
            &b.flags,
        );
    }
    for (i, m) in parts.milestones.iter().enumerate() {
        flag(
            format!("milestones[{i}]"),
            &m.value.name,
            m.confidence,
            &m.flags,
        );
    }
    let fields: [(&str, bool); 9] = [
        ("title", meta.title.is_some()),
        ("doc_no", meta.doc_no.is_some()),
        ("issuers", meta.issuers.is_some()),
        ("written", meta.written.is_some()),
        ("published", meta.published.is_some()),
        ("index_no", meta.index_no.is_some()),
        ("category", meta.category.is_some()),
        ("disclosure_mode", meta.disclosure_mode.is_some()),
        ("region.province", !meta.region.value.province.is_empty()),
    ];
    let missing: Vec<String> = fields
        .iter()
        .filter(|(_, found)| !found)
        .map(|(name, _)| name.to_string())
        .collect();
    let p = parts.programme;
    ImportReport {
        encoding: decoded.encoding.clone(),
        had_bom: decoded.had_bom,
        was_html: decoded.was_html,
        script: cleaned.script,
        traditional_share: cleaned.traditional_share,
        document_type: meta.document_type.value,
        counts: ImportCounts {
            targets: p.targets.len(),
            actuals: p.actuals.len(),
            budget_lines: p.budget.len(),
            phases: p.phases.len(),
            milestones: p.milestones.len(),
            basis: p.basis.len(),
            facilities: p.facilities.len(),
            metadata_fields: fields.len() - missing.len(),
            removed_lines: cleaned.removed.len(),
            lost_characters: cleaned.lost.iter().map(|l| l.count).sum(),
            pinyin_removed: cleaned.pinyin_removed,
        },
        flagged,
        removed: cleaned
            .removed
            .iter()
            .map(|r| RemovedNoise {
                kind: r.kind.label().to_string(),
                text: r.text.clone(),
            })
            .collect(),
        missing,
    }
}

/// `import-<year>-<8 hex digits of a hash of the text>`: stable for the same notice.
fn suggested_slug(programme: &Programme, paragraphs: &[String]) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for b in paragraphs.join("\n").bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    let year = programme
        .disclosure
        .written
        .or(programme.disclosure.published)
        .map(|d| d.year.to_string())
        .unwrap_or_else(|| "undated".to_string());
    format!("import-{year}-{hash:08x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Amount, Comparator};

    /// A notice in a style none of the seeds has: Chinese-numeral date, 四级, 张 with 每千.
    const NOTICE: &str = "郏县人民政府办公室关于印发郏县紧密型县域医疗卫生共同体建设实施方案的通知
郏政办〔2021〕8号
各乡镇人民政府，县直各单位：
现将《郏县紧密型县域医疗卫生共同体建设实施方案》印发给你们，请认真组织实施。
郏县人民政府办公室
二〇二一年五月十日
郏县紧密型县域医疗卫生共同体建设实施方案
一、工作目标
到2023年，县域内就诊率达到90%以上，每千常住人口医疗卫生机构床位数达到5.2张，县人民医院电子病历系统应用水平达到四级。
2021年12月底前，完成医共体牵头医院理事会组建。
二、保障措施
县财政每年安排医共体建设专项资金500万元，用于信息化建设和人才培养。争取平顶山市支持。
";

    #[test]
    fn imports_an_unseen_notice() {
        let draft = import_notice(NOTICE.as_bytes(), &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let p: Programme = serde_yaml::from_str(&draft.yaml).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.title, "郏县紧密型县域医疗卫生共同体建设实施方案");
        assert_eq!(p.disclosure.doc_no.as_deref(), Some("郏政办〔2021〕8号"));
        assert_eq!(p.disclosure.issuers, vec!["郏县人民政府办公室".to_string()]);
        assert_eq!(
            p.disclosure.written.map(|d| d.to_string()).as_deref(),
            Some("2021-05-10")
        );
        assert_eq!(p.region.province, "河南省");
        assert_eq!(p.region.county.as_deref(), Some("郏县"));
        let find = |indicator: &str| p.targets.iter().find(|t| t.indicator == indicator);
        let rate = find("county_treatment_rate").unwrap_or_else(|| panic!("no rate"));
        assert_eq!(rate.value, Amount::Number(90.0));
        assert_eq!(rate.comparator, Some(Comparator::AtLeast));
        assert_eq!(
            rate.deadline.map(|d| d.to_string()).as_deref(),
            Some("2023")
        );
        assert_eq!(
            find("beds_per_1000").map(|t| t.value.clone()),
            Some(Amount::Number(5.2))
        );
        let emr = find("emr_level").unwrap_or_else(|| panic!("no emr"));
        assert_eq!(emr.value, Amount::Number(4.0));
        assert_eq!(emr.scope.as_deref(), Some("county_hospital"));
        assert_eq!(p.milestones.len(), 1);
        assert_eq!(p.milestones[0].due.to_string(), "2021-12");
        assert_eq!(p.budget.len(), 1);
        assert_eq!(p.budget[0].amount_wan_yuan, 500.0);
        assert_eq!(p.budget[0].purpose, "信息化建设和人才培养");
    }

    #[test]
    fn gbk_html_page_is_read() {
        let html = format!(
            "<html><head><meta charset=\"gbk\"></head><body>{}</body></html>",
            NOTICE
                .lines()
                .map(|l| format!("<p>{}</p>", l.replace('，', "，&nbsp;")))
                .collect::<String>()
        );
        let (bytes, _, _) = encoding_rs::GBK.encode(&html);
        let draft =
            import_notice(&bytes, &ImportOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(draft.report.encoding, "GBK");
        assert!(draft.report.was_html);
        assert_eq!(
            draft.programme.title,
            "郏县紧密型县域医疗卫生共同体建设实施方案"
        );
        assert!(draft
            .programme
            .targets
            .iter()
            .any(|t| t.indicator == "beds_per_1000"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let inputs: Vec<Vec<u8>> = vec![
            "？？？".as_bytes().to_vec(),
            "到2025年".as_bytes().to_vec(),
            "(((((《《《“".as_bytes().to_vec(),
            "1.\n2.\n(一)\n一、".as_bytes().to_vec(),
            "达到 V 级 5-8 名 10-20 公里 3.5 张/千人 二〇二一年十三月"
                .as_bytes()
                .to_vec(),
            vec![0xFF, 0xFE, 0x00, 0xD8, 0x41],
            "<html><body><p>&#xFFFFFFF; &#0; &bogus;</p></body></html>"
                .as_bytes()
                .to_vec(),
        ];
        for input in inputs {
            let _ = import_notice(&input, &ImportOptions::default());
        }
    }

    /// Found by the `import` fuzz target: bytes read as windows-1252 carry C1 control
    /// characters (U+0081) into the title, which the draft wrote unescaped, so the draft
    /// did not load.
    #[test]
    fn a_draft_with_control_characters_loads() {
        let draft =
            import_notice(b"\x81\x00\xb9\x89\xb9\x89", &ImportOptions::default()).expect("a draft");
        let path = Path::new("programme.yaml");
        let parsed = crate::yaml::parse::<Programme>(path, &draft.yaml);
        assert!(parsed.is_ok(), "{:?}\n{}", parsed.err(), draft.yaml);
    }
}
