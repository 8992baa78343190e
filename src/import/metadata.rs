//! Disclosure metadata: title, 文号, issuing bodies, dates, 索引号, 信息分类, 时效, 公开方式,
//! addressees, cited basis documents, region and document type.
//!
//! Sources, most reliable first: the attribute table many disclosure pages carry
//! (索引号: …, 发布机构: …), the red header and signature of the notice, the
//! 关于印发《…》的通知 line, and the text itself.

use super::dates::{parse_date_line, scan as scan_dates};
use super::docno;
use super::script::{fold, is_han};
use super::text::{is_clause_punct, list_marker_len, squeeze};
use crate::model::{BasisDocument, DateSpec, DocumentType, Region};

/// An extracted value with how sure the importer is and where it came from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found<T> {
    /// The value.
    pub value: T,
    /// Confidence 0–1.
    pub confidence: f64,
    /// The text it was read from.
    pub source: String,
}

fn found<T>(value: T, confidence: f64, source: &str) -> Found<T> {
    Found {
        value,
        confidence,
        source: source.to_string(),
    }
}

/// Everything read about the document as a whole.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    /// Programme title (the 《…》 of 关于印发《…》的通知, or the heading).
    pub title: Option<Found<String>>,
    /// 文号.
    pub doc_no: Option<Found<String>>,
    /// Issuing bodies.
    pub issuers: Option<Found<Vec<String>>>,
    /// 成文日期.
    pub written: Option<Found<DateSpec>>,
    /// 发布日期.
    pub published: Option<Found<DateSpec>>,
    /// 索引号.
    pub index_no: Option<Found<String>>,
    /// 信息分类.
    pub category: Option<Found<String>>,
    /// 时效 / 有效性 (may be empty when the page shows the field without a value).
    pub validity: Option<Found<String>>,
    /// 公开方式.
    pub disclosure_mode: Option<Found<String>>,
    /// 主题词.
    pub subject_words: Vec<String>,
    /// 主送.
    pub addressees: Vec<String>,
    /// 抄送.
    pub cc: Vec<String>,
    /// 来源 (for reports).
    pub source_name: Option<String>,
    /// Cited basis documents.
    pub basis: Vec<Found<BasisDocument>>,
    /// Province, city, county.
    pub region: Found<Region>,
    /// Plan, work points or report.
    pub document_type: Found<DocumentType>,
    /// Paragraph indices that are the page's attribute table (not part of the text).
    pub header_lines: Vec<usize>,
    /// The year dates without a year belong to (年内, 6月底前).
    pub year: Option<i32>,
}

/// Attribute-table keys and the field each fills.
const FIELD_KEYS: &[(&str, &str)] = &[
    ("索引号", "index_no"),
    ("信息索引号", "index_no"),
    ("信息分类", "category"),
    ("主题分类", "category"),
    ("分类", "category"),
    ("发布机构", "issuers"),
    ("发文机关", "issuers"),
    ("发文单位", "issuers"),
    ("发布单位", "issuers"),
    ("成文日期", "written"),
    ("发文日期", "written"),
    ("生成日期", "written"),
    ("发布日期", "published"),
    ("发布时间", "published"),
    ("公开日期", "published"),
    ("公开时间", "published"),
    ("时间", "published"),
    ("日期", "published"),
    ("标题", "title"),
    ("名称", "title"),
    ("文号", "doc_no"),
    ("发文字号", "doc_no"),
    ("文件编号", "doc_no"),
    ("时效", "validity"),
    ("有效性", "validity"),
    ("是否有效", "validity"),
    ("信息公开形式", "disclosure_mode"),
    ("公开方式", "disclosure_mode"),
    ("公开形式", "disclosure_mode"),
    ("主题词", "subject_words"),
    ("信息来源", "source"),
    ("来源", "source"),
    ("点击量", "clicks"),
    ("点击数", "clicks"),
    ("浏览量", "clicks"),
    ("浏览次数", "clicks"),
    ("阅读量", "clicks"),
    ("访问量", "clicks"),
    ("作者", "author"),
];

/// One `key: value` of an attribute line.
#[derive(Debug, Clone, PartialEq)]
struct FieldValue {
    /// The key as listed in [`FIELD_KEYS`] (Simplified).
    key: &'static str,
    field: &'static str,
    /// The value as written (original script).
    value: String,
}

/// Parses an attribute line such as `发布时间:2023-08-25 16:00 来源:…` or
/// `時間:…|來源:…|點擊量:9256`. Returns nothing when the line does not start with a key.
fn parse_fields(line: &str) -> Vec<FieldValue> {
    let original: Vec<char> = line.trim().chars().collect();
    let folded: Vec<char> = fold(line.trim()).chars().collect();
    // Positions of keys (with their colon) in the line; spaces inside keys are allowed
    // (索 引 号 is collapsed by cleaning, but 信息 分类 may not be).
    let mut keys: Vec<(usize, usize, &'static str, &'static str)> = Vec::new();
    let mut i = 0;
    while i < folded.len() {
        let at_boundary = i == 0 || matches!(folded[i - 1], ' ' | '|' | '(' | ')');
        if at_boundary {
            if let Some((key_end, key, field)) = key_at(&folded, i) {
                keys.push((i, key_end, key, field));
                i = key_end;
                continue;
            }
        }
        i += 1;
    }
    if keys.first().is_none_or(|(start, _, _, _)| *start > 1) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (n, (_, value_start, key, field)) in keys.iter().enumerate() {
        let value_end = keys.get(n + 1).map_or(original.len(), |k| k.0);
        let value: String = original[*value_start..value_end].iter().collect();
        let value = value
            .trim()
            .trim_matches(|c: char| matches!(c, '|' | ')' | '）' | ' '))
            .trim()
            .to_string();
        out.push(FieldValue { key, field, value });
    }
    out
}

/// A key followed by a colon at `i`; returns the position after the colon.
fn key_at(folded: &[char], i: usize) -> Option<(usize, &'static str, &'static str)> {
    let mut best: Option<(usize, &'static str, &'static str)> = None;
    for (key, field) in FIELD_KEYS {
        let mut j = i;
        let mut matched = true;
        for kc in key.chars() {
            while folded.get(j) == Some(&' ') {
                j += 1;
            }
            if folded.get(j) != Some(&kc) {
                matched = false;
                break;
            }
            j += 1;
        }
        while folded.get(j) == Some(&' ') {
            j += 1;
        }
        if matched && folded.get(j) == Some(&':') && best.is_none_or(|(end, _, _)| j + 1 > end) {
            best = Some((j + 1, key, field));
        }
    }
    best
}

/// Endings of issuing bodies' names.
const ORG_SUFFIXES: &[&str] = &[
    "人民政府办公室",
    "人民政府办公厅",
    "人民政府",
    "办公室",
    "办公厅",
    "委员会",
    "卫生健康委",
    "振兴局",
    "局",
    "厅",
    "委",
    "部",
    "署",
    "中心",
    "医院",
    "院",
    "办",
];

/// Whether a folded text is the name of an issuing body.
fn is_org(folded: &str) -> bool {
    let n = folded.chars().count();
    (4..=30).contains(&n)
        && folded.chars().all(|c| is_han(c) || matches!(c, '(' | ')'))
        && ORG_SUFFIXES.iter().any(|s| folded.ends_with(s))
        && !folded.starts_with('各')
        && !folded.contains("关于")
}

/// Splits a signature or field into bodies (several for joint documents).
fn split_orgs(original: &str) -> Option<Vec<String>> {
    let parts: Vec<String> = original
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | '，' | ';' | '；'))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    (!parts.is_empty() && parts.iter().all(|p| is_org(&fold(p)))).then_some(parts)
}

/// Reads the metadata of a cleaned document.
pub fn extract(paragraphs: &[String]) -> Metadata {
    let mut meta = Metadata::default();
    let folded: Vec<String> = paragraphs.iter().map(|p| fold(p)).collect();
    let mut title_field: Option<String> = None;
    let mut clicks = false;
    let mut issuers_field: Option<String> = None;
    for (i, line) in paragraphs.iter().enumerate() {
        let fields = parse_fields(line);
        if fields.is_empty() {
            continue;
        }
        meta.header_lines.push(i);
        for f in fields {
            let value = f.value.clone();
            let date = || first_date(&value);
            match f.field {
                "index_no" if !value.is_empty() => {
                    meta.index_no = Some(found(value.clone(), 0.95, line));
                }
                "category" if !value.is_empty() => {
                    meta.category = Some(found(value.clone(), 0.95, line));
                }
                "issuers" if !value.is_empty() => issuers_field = Some(value.clone()),
                "written" => {
                    if let Some(d) = date() {
                        meta.written = Some(found(d, 0.95, line));
                    }
                }
                // A bare 时间:/日期: counts only in the page's header, not in the text.
                "published" if i < 20 || !matches!(f.key, "时间" | "日期") => {
                    if let Some(d) = date() {
                        if meta.published.is_none() {
                            meta.published = Some(found(d, 0.9, line));
                        }
                    }
                }
                "title" if !value.is_empty() => title_field = Some(value.clone()),
                "doc_no" => {
                    let chars: Vec<char> = value.chars().collect();
                    if let Some(d) = docno::scan(&chars).into_iter().next() {
                        meta.doc_no = Some(found(d.text, 0.95, line));
                    }
                }
                "validity" => meta.validity = Some(found(value.clone(), 0.9, line)),
                "disclosure_mode" if !value.is_empty() => {
                    meta.disclosure_mode = Some(found(value.clone(), 0.9, line));
                }
                "subject_words" => {
                    meta.subject_words = value
                        .split(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | '，' | ';'))
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect();
                }
                "source" => {
                    let v = fold(&value);
                    if v.chars().count() >= 3 && v.chars().all(is_han) && !v.contains("查看") {
                        meta.source_name = Some(value.clone());
                    }
                }
                "clicks" => clicks = true,
                _ => {}
            }
        }
    }
    let is_header = |i: usize| meta.header_lines.contains(&i);

    // 公开方式 written as a bracketed line: (此件公开发布).
    if meta.disclosure_mode.is_none() {
        for (i, f) in folded.iter().enumerate() {
            let s = squeeze(f);
            if s.starts_with('(')
                && s.ends_with(')')
                && s.contains("公开")
                && s.chars().count() <= 20
            {
                let inner: String = paragraphs[i]
                    .trim()
                    .trim_start_matches(['(', '（'])
                    .trim_end_matches([')', '）'])
                    .trim()
                    .to_string();
                meta.disclosure_mode = Some(found(inner, 0.9, &paragraphs[i]));
                break;
            }
        }
    }

    // 文号: a line that is only a document number, else the first one cited outside brackets.
    if meta.doc_no.is_none() {
        for (i, p) in paragraphs.iter().enumerate().take(40) {
            if is_header(i) {
                continue;
            }
            let chars: Vec<char> = p.trim().chars().collect();
            let nos = docno::scan(&chars);
            if let Some(d) = nos.first() {
                if d.start == 0 && d.end == chars.len() {
                    meta.doc_no = Some(found(d.text.clone(), 0.9, p));
                    break;
                }
            }
        }
    }

    // 成文日期: the first line that is only a full date.
    let date_lines: Vec<(usize, DateSpec)> = folded
        .iter()
        .enumerate()
        .filter(|(i, _)| !is_header(*i))
        .filter_map(|(i, f)| parse_date_line(&squeeze(f)).map(|d| (i, d)))
        .collect();
    if meta.written.is_none() {
        if let Some((i, d)) = date_lines.first() {
            meta.written = Some(found(*d, 0.85, &paragraphs[*i]));
        }
    }
    if meta.published.is_none() {
        if let Some((i, d)) = date_lines
            .iter()
            .find(|(i, _)| squeeze(&folded[*i]).ends_with("印发"))
        {
            meta.published = Some(found(*d, 0.6, &paragraphs[*i]));
        }
    }

    // Issuing bodies.
    meta.issuers = issuers(
        paragraphs,
        &folded,
        &date_lines,
        issuers_field.as_deref(),
        &meta,
    );

    // Title.
    meta.title = title(paragraphs, &folded, title_field.as_deref(), &is_header);

    // Addressees and copies.
    for (i, f) in folded.iter().enumerate().take(30) {
        if is_header(i) {
            continue;
        }
        let s = squeeze(f);
        if s.starts_with('各') && s.ends_with(':') && s.chars().count() <= 120 {
            meta.addressees = split_list(paragraphs[i].trim().trim_end_matches([':', '：']));
            break;
        }
    }
    for (i, f) in folded.iter().enumerate() {
        let s = squeeze(f);
        if let Some(rest) = s.strip_prefix("抄送:") {
            let _ = rest;
            let original = paragraphs[i].trim();
            let after = original
                .split_once([':', '：'])
                .map_or("", |(_, v)| v)
                .trim_end_matches(['。', '.']);
            meta.cc = split_list(after);
        }
    }

    meta.basis = basis(paragraphs, &folded);

    // Year for dates without one.
    meta.year = meta
        .written
        .as_ref()
        .or(meta.published.as_ref())
        .map(|d| d.value.year)
        .or_else(|| meta.title.as_ref().and_then(|t| title_year(&t.value)));

    // Region.
    let issuer_names: Vec<String> = meta
        .issuers
        .as_ref()
        .map(|f| f.value.iter().map(|s| fold(s)).collect())
        .unwrap_or_default();
    let title_folded = meta
        .title
        .as_ref()
        .map(|t| fold(&t.value))
        .unwrap_or_default();
    let body: String = folded.join("\n");
    let (region, confidence) = super::region::infer(&issuer_names, &title_folded, &body);
    meta.region = found(region, confidence, "");

    meta.document_type = document_type(&meta, &folded, clicks);
    meta
}

fn first_date(value: &str) -> Option<DateSpec> {
    let chars: Vec<char> = fold(value).chars().collect();
    scan_dates(&chars)
        .into_iter()
        .find(|h| h.second.is_none())
        .and_then(|h| h.first.resolve(None))
}

fn title_year(title: &str) -> Option<i32> {
    let chars: Vec<char> = fold(title).chars().collect();
    scan_dates(&chars).first().and_then(|h| h.first.year)
}

/// Splits a list of bodies on commas and enumeration commas outside brackets.
fn split_list(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth -= 1,
            _ => {}
        }
        if depth <= 0 && matches!(c, ',' | '，' | '、' | ';' | '；') {
            if !current.trim().is_empty() {
                out.push(current.trim().to_string());
            }
            current.clear();
        } else {
            current.push(c);
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

fn issuers(
    paragraphs: &[String],
    folded: &[String],
    date_lines: &[(usize, DateSpec)],
    field: Option<&str>,
    meta: &Metadata,
) -> Option<Found<Vec<String>>> {
    if let Some(value) = field {
        let parts = split_orgs(value).unwrap_or_else(|| vec![value.to_string()]);
        return Some(found(parts, 0.95, value));
    }
    // The signature: the line just above a date line.
    for (i, _) in date_lines {
        if *i == 0 {
            continue;
        }
        let above = &paragraphs[i - 1];
        if let Some(orgs) = split_orgs(above) {
            return Some(found(orgs, 0.85, above));
        }
    }
    // The red header (…文件) or a first line that is a body's name.
    for (i, f) in folded.iter().enumerate().take(3) {
        let s = squeeze(f);
        let name = s.strip_suffix("文件").unwrap_or(&s);
        if is_org(name) {
            let original: String = paragraphs[i]
                .trim()
                .chars()
                .take(name.chars().count())
                .collect();
            return Some(found(vec![original], 0.75, &paragraphs[i]));
        }
    }
    // The body before 关于 in the notice's title line.
    for (i, f) in folded.iter().enumerate().take(15) {
        if let Some(at) = f.find("关于") {
            let name = squeeze(&f[..at]);
            if is_org(&name) {
                let original: String = squeeze(&paragraphs[i])
                    .chars()
                    .take(name.chars().count())
                    .collect();
                return Some(found(vec![original], 0.7, &paragraphs[i]));
            }
        }
    }
    meta.source_name
        .as_ref()
        .map(|s| found(vec![s.clone()], 0.5, s))
}

fn title(
    paragraphs: &[String],
    folded: &[String],
    field: Option<&str>,
    is_header: &dyn Fn(usize) -> bool,
) -> Option<Found<String>> {
    if let Some(value) = field {
        if let Some(inner) = notice_subject(value) {
            return Some(found(inner, 0.9, value));
        }
    }
    for (i, f) in folded.iter().enumerate().take(40) {
        if is_header(i) {
            continue;
        }
        if f.contains("关于")
            && (f.contains("印发") || f.contains("转发"))
            && squeeze(f).ends_with("通知")
        {
            if let Some(inner) = notice_subject(&paragraphs[i]) {
                return Some(found(inner, 0.9, &paragraphs[i]));
            }
        }
    }
    if let Some(value) = field {
        return Some(found(value.trim().to_string(), 0.8, value));
    }
    // A heading: a short line without sentence punctuation that is not a field, date,
    // document number, body name or list item.
    for (i, f) in folded.iter().enumerate().take(40) {
        if is_header(i) {
            continue;
        }
        let s = squeeze(f);
        let n = s.chars().count();
        let punct = s
            .chars()
            .filter(|c| is_clause_punct(*c) && *c != ':')
            .count();
        if !(6..=60).contains(&n) || punct > 0 || list_marker_len(&s) > 0 {
            continue;
        }
        if parse_date_line(&s).is_some() || is_org(s.strip_suffix("文件").unwrap_or(&s)) {
            continue;
        }
        let chars: Vec<char> = s.chars().collect();
        if !docno::scan(&chars).is_empty() || s.starts_with('(') || s.ends_with(':') {
            continue;
        }
        return Some(found(paragraphs[i].trim().to_string(), 0.6, &paragraphs[i]));
    }
    None
}

/// The subject of 关于印发《X》的通知: X (or the words between 印发 and 的通知).
fn notice_subject(line: &str) -> Option<String> {
    let original: Vec<char> = line.trim().chars().collect();
    let f: Vec<char> = fold(line.trim()).chars().collect();
    let open = f.iter().position(|c| *c == '《');
    let close = f.iter().rposition(|c| *c == '》');
    if let (Some(a), Some(b)) = (open, close) {
        if b > a + 1 {
            return Some(
                original[a + 1..b]
                    .iter()
                    .collect::<String>()
                    .trim()
                    .to_string(),
            );
        }
    }
    let s: String = f.iter().collect();
    let start = ["印发", "转发"]
        .iter()
        .filter_map(|w| s.find(w).map(|i| i + w.len()))
        .min()?;
    let end = s.rfind("的通知").or_else(|| s.rfind("通知"))?;
    if end <= start {
        return None;
    }
    let from = s[..start].chars().count();
    let to = s[..end].chars().count();
    let inner: String = original[from..to]
        .iter()
        .filter(|c| !c.is_whitespace())
        .collect();
    (!inner.is_empty()).then_some(inner)
}

/// Documents cited after 根据/依据: titles in 《》 with the 文号 in brackets after each.
fn basis(paragraphs: &[String], folded: &[String]) -> Vec<Found<BasisDocument>> {
    for (i, f) in folded.iter().enumerate() {
        let chars: Vec<char> = f.chars().collect();
        let Some(start) = ["根据", "依据"]
            .iter()
            .filter_map(|w| super::text::find_from(&chars, w, 0))
            .min()
        else {
            continue;
        };
        let first_title = chars[start..].iter().position(|c| *c == '《');
        if first_title.is_none_or(|p| p > 80) {
            continue;
        }
        let stop = ["结合", "特制定", "制定", "现就", "。"]
            .iter()
            .filter_map(|w| super::text::find_from(&chars, w, start))
            .min()
            .unwrap_or(chars.len());
        let original: Vec<char> = paragraphs[i].chars().collect();
        let mut out = Vec::new();
        let mut j = start;
        while j < stop {
            if chars[j] != '《' {
                j += 1;
                continue;
            }
            let mut depth = 0;
            let mut end = None;
            for (k, c) in chars.iter().enumerate().skip(j) {
                match c {
                    '《' => depth += 1,
                    '》' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(k);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let Some(end) = end else { break };
            let title: String = original[j + 1..end].iter().collect();
            let mut doc_no = None;
            let mut k = end + 1;
            while chars.get(k) == Some(&' ') {
                k += 1;
            }
            if chars.get(k) == Some(&'(') {
                if let Some(close) = chars[k..].iter().position(|c| *c == ')') {
                    let inside: Vec<char> = original[k + 1..k + close].to_vec();
                    if let Some(d) = docno::scan(&inside).into_iter().next() {
                        doc_no = Some(d.text);
                    }
                }
            }
            let source: String = original[start..stop.min(original.len())].iter().collect();
            out.push(found(
                BasisDocument {
                    title: title.trim().to_string(),
                    doc_no,
                },
                0.85,
                &source,
            ));
            j = end + 1;
        }
        if !out.is_empty() {
            return out;
        }
    }
    Vec::new()
}

fn document_type(meta: &Metadata, folded: &[String], clicks: bool) -> Found<DocumentType> {
    let title = meta
        .title
        .as_ref()
        .map(|t| fold(&t.value))
        .unwrap_or_default();
    if title.contains("要点") {
        return found(DocumentType::WorkPoints, 0.9, &title);
    }
    let plan_words = [
        "方案", "规划", "计划", "意见", "办法", "通知", "措施", "细则",
    ];
    let plan_title = plan_words.iter().any(|w| title.contains(w));
    if clicks && meta.doc_no.is_none() && !plan_title {
        return found(DocumentType::Report, 0.85, &title);
    }
    // Past-tense reporting: 共/累计/已/取得 with figures, no 要/力争 targets.
    let body = folded.join("");
    let past = [
        "累计",
        "共有",
        "取得了",
        "已完成",
        "共派出",
        "共转诊",
        "去年以来",
        "目前",
    ]
    .iter()
    .map(|w| body.matches(w).count())
    .sum::<usize>();
    let future = ["到20", "力争", "年底前", "确保", "要", "将"]
        .iter()
        .map(|w| body.matches(w).count())
        .sum::<usize>();
    if meta.doc_no.is_none() && !plan_title && past * 3 > future {
        return found(DocumentType::Report, 0.6, &title);
    }
    found(
        DocumentType::Plan,
        if plan_title { 0.85 } else { 0.6 },
        &title,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_lines() {
        let f = parse_fields("發布時間:2022/03/31 信息來源:查看");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].field, "published");
        assert_eq!(f[1].field, "source");
        let f = parse_fields("時間:2020-12-28 09:26:05|來源:駐馬店廣視網|點擊量:9256");
        assert_eq!(
            f.iter()
                .map(|x| (x.field, x.value.as_str()))
                .collect::<Vec<_>>(),
            vec![
                ("published", "2020-12-28 09:26:05"),
                ("source", "駐馬店廣視網"),
                ("clicks", "9256")
            ]
        );
        assert!(parse_fields("駐馬店:完善分級診療制度").is_empty());
        assert_eq!(parse_fields("时效:")[0].value, "");
    }

    #[test]
    fn notice_subjects() {
        assert_eq!(
            notice_subject("关于印发《2019年全县卫生健康工作要点》的通知").as_deref(),
            Some("2019年全县卫生健康工作要点")
        );
        assert_eq!(
            notice_subject("民权县人民政府办公室 关于印发民权县医疗中心建设工作实施方案的通知")
                .as_deref(),
            Some("民权县医疗中心建设工作实施方案")
        );
    }

    #[test]
    fn lists() {
        assert_eq!(
            split_list("各乡（镇）人民政府，各街道办事处，县人民政府有关部门"),
            vec!["各乡（镇）人民政府", "各街道办事处", "县人民政府有关部门"]
        );
    }
}
