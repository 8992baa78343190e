//! Open data: every programme's targets, actuals, milestones and budget as CSV and JSON.
//!
//! CSV is UTF-8 with a byte-order mark so that Excel opens Chinese text correctly; the
//! columns are documented on `data/index.html` and in README.md. JSON holds the same rows.

use super::page::OutputFile;
use crate::compute::{ComputedProgramme, ComputedSite};
use crate::error::Result;
use crate::model::{Amount, Catalogue};
use serde::Serialize;

/// One table of the open data: a name, its column ids and rows of cells.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// File stem, e.g. `targets`.
    pub name: &'static str,
    /// Column ids (ASCII, stable).
    pub columns: Vec<&'static str>,
    /// Rows, one cell per column.
    pub rows: Vec<Vec<String>>,
}

/// Column ids and their meaning, for the documentation page.
pub const COLUMNS: &[(&str, &[(&str, &str)])] = &[
    (
        "targets",
        &[
            ("programme", "项目 slug"),
            ("target_id", "目标编号"),
            ("label", "目标事项"),
            ("indicator", "指标编号"),
            ("indicator_name", "指标名称"),
            ("unit", "单位"),
            ("scope", "范围（设施名称或“全域”）"),
            ("comparator", "比较方式 at_least/at_most/exactly/range"),
            ("value", "目标值（数值；等级为其序号；是/否为 1/0）"),
            ("value_max", "区间上限"),
            ("value_as_written", "原文写法"),
            ("baseline", "基线值"),
            ("deadline", "截止日期 YYYY[-MM[-DD]]"),
            ("recurring", "周期"),
            ("aspirational", "是否为“力争”目标 true/false"),
            ("status", "状态 achieved/on-track/at-risk/overdue/no-data"),
            ("status_label", "状态（中文）"),
            ("status_reason", "状态说明"),
            ("as_of", "状态计算所依据的数据截至日期"),
            ("source", "原文句子"),
        ],
    ),
    (
        "actuals",
        &[
            ("programme", "项目 slug"),
            ("target_id", "对应目标编号"),
            ("label", "事项"),
            ("indicator", "指标编号"),
            ("unit", "单位"),
            ("subject", "对象"),
            ("date", "日期"),
            ("value", "数值"),
            ("value_as_written", "原文写法"),
            ("source", "原文句子"),
        ],
    ),
    (
        "milestones",
        &[
            ("programme", "项目 slug"),
            ("kind", "phase（阶段）或 milestone（节点）"),
            ("name", "名称"),
            ("group", "类别"),
            ("start", "开始"),
            ("end", "结束/截止"),
            ("responsible", "责任单位（以“、”分隔）"),
            ("source", "原文句子"),
        ],
    ),
    (
        "budget",
        &[
            ("programme", "项目 slug"),
            ("purpose", "用途"),
            ("recipient", "对象"),
            ("amount_wan_yuan", "金额（万元）"),
            ("approximate", "原文是否为“约” true/false"),
            ("status", "planned（预算）或 allocated（已配套/拨付）"),
            ("source", "原文句子"),
        ],
    ),
];

/// Column ids of a table, from [`COLUMNS`].
fn columns(name: &str) -> Vec<&'static str> {
    COLUMNS
        .iter()
        .find(|(table, _)| *table == name)
        .map(|(_, cols)| cols.iter().map(|(id, _)| *id).collect())
        .unwrap_or_default()
}

/// The four tables of one programme.
pub fn programme_tables(site: &ComputedSite, p: &ComputedProgramme) -> Vec<Table> {
    vec![
        Table {
            name: "targets",
            columns: columns("targets"),
            rows: target_rows(site, p),
        },
        Table {
            name: "actuals",
            columns: columns("actuals"),
            rows: actual_rows(&site.catalogue, p),
        },
        Table {
            name: "milestones",
            columns: columns("milestones"),
            rows: milestone_rows(p),
        },
        Table {
            name: "budget",
            columns: columns("budget"),
            rows: budget_rows(p),
        },
    ]
}

/// One table's rows as text, ready to be joined with other programmes' rows.
#[derive(Debug, Clone, Default)]
struct RowsText {
    /// JSON objects, one per line, joined by ",\n" (no brackets).
    json: String,
    /// CSV lines, each ending in CRLF (no header).
    csv: String,
    /// Number of rows.
    rows: usize,
}

/// A programme's share of the site-wide open data: its rows of each table as text. The
/// site-wide files are these shares joined, so a programme's rows are formatted once per
/// build (and not at all in `serve` while the programme is unchanged).
#[derive(Debug, Clone, Default)]
pub struct Share {
    /// In the order of [`TABLES`].
    tables: Vec<RowsText>,
}

/// The tables, in the order their files are listed.
const TABLES: [&str; 4] = ["targets", "actuals", "milestones", "budget"];

fn rows_text(table: &Table) -> RowsText {
    let mut json = String::new();
    let mut csv = String::new();
    let mut columns: Vec<(usize, &str)> = table.columns.iter().copied().enumerate().collect();
    columns.sort_by_key(|(_, c)| *c);
    for (r, row) in table.rows.iter().enumerate() {
        if r > 0 {
            json.push_str(",\n");
        }
        json_object(&mut json, &columns, row);
        csv_line(&mut csv, &mut row.iter().map(String::as_str));
    }
    // Kept until every programme is done: no growth slack.
    json.shrink_to_fit();
    csv.shrink_to_fit();
    RowsText {
        json,
        csv,
        rows: table.rows.len(),
    }
}

/// Files for one programme under `programmes/<slug>/data/`, and its share of the
/// site-wide files.
pub fn programme_files(site: &ComputedSite, p: &ComputedProgramme) -> (Vec<OutputFile>, Share) {
    let slug = &p.programme().slug;
    let share = programme_share(site, p);
    let shares = [&share];
    let files = files(&format!("programmes/{slug}/data"), &shares);
    (files, share)
}

/// One programme's share of the site-wide files, without its own files.
pub fn programme_share(site: &ComputedSite, p: &ComputedProgramme) -> Share {
    Share {
        tables: programme_tables(site, p).iter().map(rows_text).collect(),
    }
}

/// Site-wide files under `data/`, joined from every programme's share (in site order), each
/// handed to `deliver` as soon as it is made so that its text is freed once it is out.
pub fn site_files(
    shares: &[&Share],
    deliver: &(dyn Fn(Vec<OutputFile>) -> Result<()> + Sync),
) -> Result<()> {
    // These are made after every programme, when nothing else is left to run: data.json
    // (83 MB at 3,000 programmes) is made and written beside the CSVs, which are made one
    // at a time so that at most one of them (21 MB at most) is held beside it.
    let (json, csvs) = rayon::join(
        || deliver(vec![OutputFile::text("data/data.json", json_text(shares))]),
        || {
            TABLES.iter().enumerate().try_for_each(|(index, name)| {
                deliver(vec![OutputFile::text(
                    format!("data/{name}.csv"),
                    csv_joined(name, index, shares),
                )])
            })
        },
    );
    json?;
    csvs
}

fn files(dir: &str, shares: &[&Share]) -> Vec<OutputFile> {
    let mut out: Vec<OutputFile> = TABLES
        .iter()
        .enumerate()
        .map(|(index, name)| {
            OutputFile::text(format!("{dir}/{name}.csv"), csv_joined(name, index, shares))
        })
        .collect();
    out.push(OutputFile::text(
        format!("{dir}/data.json"),
        json_text(shares),
    ));
    out
}

/// A table's CSV file: byte-order mark, header, then every share's rows.
fn csv_joined(name: &str, index: usize, shares: &[&Share]) -> String {
    let parts = shares.iter().filter_map(|s| s.tables.get(index));
    let size: usize = parts.clone().map(|t| t.csv.len()).sum();
    let mut out = String::with_capacity(size + 512);
    out.push('\u{feff}');
    csv_line(&mut out, &mut columns(name).into_iter());
    for part in parts {
        out.push_str(&part.csv);
    }
    out
}

/// The tables as one JSON object of row lists, one row per line: compact (an indented
/// file of 3,000 programmes was a third spaces) yet still readable and `grep`-able.
/// Keys are sorted, as `serde_json` sorts a map's keys.
fn json_text(shares: &[&Share]) -> String {
    let mut order: Vec<(usize, &str)> = TABLES.iter().copied().enumerate().collect();
    order.sort_by_key(|(_, name)| *name);
    let size: usize = shares
        .iter()
        .flat_map(|s| &s.tables)
        .map(|t| t.json.len() + 2)
        .sum();
    let mut out = String::with_capacity(size + 64);
    out.push('{');
    for (i, (index, name)) in order.into_iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        push_json_string(&mut out, name);
        out.push_str(":[");
        let mut any = false;
        for part in shares.iter().filter_map(|s| s.tables.get(index)) {
            if part.rows == 0 {
                continue;
            }
            out.push_str(if any { ",\n" } else { "\n" });
            out.push_str(&part.json);
            any = true;
        }
        if any {
            out.push('\n');
        }
        out.push(']');
    }
    out.push_str("}\n");
    out
}

/// One row as a JSON object with keys in `columns` order (sorted ids, with their index).
fn json_object(out: &mut String, columns: &[(usize, &str)], row: &[String]) {
    out.push('{');
    let cells = columns
        .iter()
        .filter_map(|(index, column)| row.get(*index).map(|v| (*column, v)));
    for (k, (column, value)) in cells.enumerate() {
        if k > 0 {
            out.push(',');
        }
        push_json_string(out, column);
        out.push(':');
        push_json_string(out, value);
    }
    out.push('}');
}

/// Appends `text` as a JSON string literal.
///
/// Text between characters that need escaping is copied a run at a time: open data is
/// over 100 MB of cells at 3,000 programmes, nearly all of it plain.
fn push_json_string(out: &mut String, text: &str) {
    use std::fmt::Write;
    out.push('"');
    // Most cells need no escape at all: one scan that vectorises, then one copy.
    if !text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(text);
        out.push('"');
        return;
    }
    let mut plain = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        // Only ASCII bytes are escaped, so `i` is on a character boundary.
        out.push_str(&text[plain..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(&text[plain..]);
    out.push('"');
}

#[cfg(test)]
fn json_rows(table: &Table) -> serde_json::Value {
    table
        .rows
        .iter()
        .map(|row| {
            table
                .columns
                .iter()
                .zip(row)
                .map(|(c, v)| (c.to_string(), serde_json::Value::String(v.clone())))
                .collect::<serde_json::Map<_, _>>()
        })
        .collect()
}

/// RFC 4180 CSV with a UTF-8 byte-order mark and CRLF line ends (what Excel expects).
pub fn csv(table: &Table) -> String {
    csv_text(&table.columns, &table.rows)
}

/// CSV of a header and rows, in the same form as [`csv`].
pub fn csv_text<H: AsRef<str>>(header: &[H], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    csv_line(&mut out, &mut header.iter().map(AsRef::as_ref));
    for row in rows {
        csv_line(&mut out, &mut row.iter().map(String::as_str));
    }
    out
}

/// Appends one CSV line of `cells`, quoted and guarded, ending in CRLF.
fn csv_line(out: &mut String, cells: &mut dyn Iterator<Item = &str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_quoted(out, cell);
    }
    out.push_str("\r\n");
}

/// Whether spreadsheet programs could run a cell as a formula: it starts with = + - @ (a
/// negative number aside), their full-width forms ＝ ＋ － ＠ (which Chinese input methods
/// type and spreadsheets read alike), or a tab or line break before one of them.
fn starts_formula(cell: &str) -> bool {
    match cell.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r' | '\n' | '＝' | '＋' | '－' | '＠') => true,
        Some('-') => cell.parse::<f64>().is_err(),
        _ => false,
    }
}

/// Appends one cell, guarded against formulas and quoted when it must be.
fn push_quoted(out: &mut String, cell: &str) {
    let guard = if starts_formula(cell) { "'" } else { "" };
    // Byte by byte: these are ASCII, never part of a multi-byte character.
    if cell
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        out.push('"');
        out.push_str(guard);
        for (i, part) in cell.split('"').enumerate() {
            if i > 0 {
                out.push_str("\"\"");
            }
            out.push_str(part);
        }
        out.push('"');
    } else {
        out.push_str(guard);
        out.push_str(cell);
    }
}

fn plain(value: f64) -> String {
    crate::compute::status::number(value)
}

fn amount(catalogue: &Catalogue, indicator: &str, value: &Amount) -> String {
    crate::compute::numeric(catalogue.get(indicator), value)
        .map(plain)
        .unwrap_or_default()
}

fn target_rows(site: &ComputedSite, p: &ComputedProgramme) -> Vec<Vec<String>> {
    let programme = p.programme();
    p.targets
        .iter()
        .map(|r| {
            let t = &programme.targets[r.index];
            let indicator = site.catalogue.get(&t.indicator);
            vec![
                programme.slug.clone(),
                t.id.clone(),
                t.label.clone(),
                t.indicator.clone(),
                indicator.map(|i| i.name.clone()).unwrap_or_default(),
                indicator.map(|i| i.unit.clone()).unwrap_or_default(),
                super::page::programme::scope_name(programme, t.scope.as_deref()),
                t.comparator
                    .map(|c| c.key().to_string())
                    .unwrap_or_default(),
                plain(r.target_value),
                t.value_max.map(plain).unwrap_or_default(),
                t.display.clone().unwrap_or_default(),
                t.baseline
                    .as_ref()
                    .map(|b| amount(&site.catalogue, &t.indicator, &b.value))
                    .unwrap_or_default(),
                t.deadline.map(|d| d.to_string()).unwrap_or_default(),
                t.recurring.clone().unwrap_or_default(),
                t.aspirational.to_string(),
                r.status.key().to_string(),
                r.status.label().to_string(),
                r.reason.clone(),
                site.as_of.to_string(),
                t.source.clone(),
            ]
        })
        .collect()
}

fn actual_rows(catalogue: &Catalogue, p: &ComputedProgramme) -> Vec<Vec<String>> {
    let programme = p.programme();
    programme
        .actuals
        .iter()
        .map(|a| {
            vec![
                programme.slug.clone(),
                a.target.clone().unwrap_or_default(),
                a.label.clone(),
                a.indicator.clone(),
                catalogue
                    .get(&a.indicator)
                    .map(|i| i.unit.clone())
                    .unwrap_or_default(),
                a.subject.clone().unwrap_or_else(|| {
                    super::page::programme::scope_name(programme, a.scope.as_deref())
                }),
                a.date.to_string(),
                amount(catalogue, &a.indicator, &a.value),
                a.display.clone().unwrap_or_default(),
                a.source.clone(),
            ]
        })
        .collect()
}

fn milestone_rows(p: &ComputedProgramme) -> Vec<Vec<String>> {
    let programme = p.programme();
    let phases = programme.phases.iter().map(|ph| {
        vec![
            programme.slug.clone(),
            "phase".into(),
            ph.name.clone(),
            String::new(),
            ph.start.to_string(),
            ph.end.to_string(),
            String::new(),
            ph.source.clone().unwrap_or_default(),
        ]
    });
    let milestones = programme.milestones.iter().map(|m| {
        vec![
            programme.slug.clone(),
            "milestone".into(),
            m.name.clone(),
            m.group.clone().unwrap_or_default(),
            m.start.map(|d| d.to_string()).unwrap_or_default(),
            m.due.to_string(),
            m.responsible.join("、"),
            m.source.clone(),
        ]
    });
    phases.chain(milestones).collect()
}

fn budget_rows(p: &ComputedProgramme) -> Vec<Vec<String>> {
    let programme = p.programme();
    programme
        .budget
        .iter()
        .map(|b| {
            vec![
                programme.slug.clone(),
                b.purpose.clone(),
                b.subject
                    .clone()
                    .or_else(|| {
                        b.scope
                            .as_deref()
                            .map(|s| super::page::programme::scope_name(programme, Some(s)))
                    })
                    .unwrap_or_default(),
                plain(b.amount_wan_yuan),
                b.approximate.to_string(),
                match b.status {
                    crate::model::BudgetStatus::Planned => "planned".into(),
                    crate::model::BudgetStatus::Allocated => "allocated".into(),
                },
                b.source.clone(),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(tables: &[Table]) -> Share {
        Share {
            tables: tables.iter().map(rows_text).collect(),
        }
    }

    #[test]
    fn json_text_is_the_tables_as_json_one_row_per_line() {
        let table = |name, rows: Vec<Vec<String>>| Table {
            name,
            columns: columns(name),
            rows,
        };
        let row = |n: usize| (0..n).map(|i| format!("v{i} \"引号\"\n\u{1}\\")).collect();
        let first = [
            table("targets", vec![row(columns("targets").len()), row(2)]),
            table("actuals", Vec::new()),
            table("milestones", Vec::new()),
            table("budget", vec![row(0)]),
        ];
        let second = [
            table("targets", vec![row(3)]),
            table("actuals", Vec::new()),
            table("milestones", Vec::new()),
            table("budget", Vec::new()),
        ];
        // What the joined file must equal: each table's rows of both programmes, in order.
        let map: serde_json::Map<String, serde_json::Value> = first
            .iter()
            .zip(&second)
            .map(|(a, b)| {
                let mut rows = json_rows(a).as_array().cloned().unwrap_or_default();
                rows.extend(json_rows(b).as_array().cloned().unwrap_or_default());
                (a.name.to_string(), serde_json::Value::Array(rows))
            })
            .collect();
        let (a, b) = (share(&first), share(&second));
        let text = json_text(&[&a, &b]);
        let parsed: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(parsed, serde_json::Value::Object(map));
        // In key order (actuals, budget, milestones, targets): an empty table takes one
        // line, a full one a line to open, one per row and one to close.
        assert_eq!(text.lines().count(), 1 + (1 + 1 + 1) + 1 + (1 + 3 + 1));
        assert!(text.contains("\\u0001\\\\"));
        assert_eq!(
            json_text(&[]),
            "{\"actuals\":[],\n\"budget\":[],\n\"milestones\":[],\n\"targets\":[]}\n"
        );
    }

    #[test]
    fn site_csv_is_the_programmes_rows_under_one_header() {
        let table = |rows: Vec<Vec<String>>| Table {
            name: "budget",
            columns: columns("budget"),
            rows,
        };
        let empty = || table(Vec::new());
        let row = |x: &str| vec![x.to_string(), "=SUM(A1)".to_string()];
        let a = share(&[empty(), empty(), empty(), table(vec![row("a"), row("b,c")])]);
        let b = share(&[empty(), empty(), empty(), table(vec![row("d")])]);
        let joined = csv_joined("budget", 3, &[&a, &b]);
        let all = table(vec![row("a"), row("b,c"), row("d")]);
        assert_eq!(joined, csv(&all));
        assert!(joined.contains("\"b,c\",'=SUM(A1)\r\n"));
    }

    #[test]
    fn json_strings_escape_as_character_by_character() {
        // The escaping this crate has always written, one character at a time.
        let reference = |text: &str| {
            let mut out = String::from('"');
            for c in text.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        };
        for text in [
            "",
            "plain",
            "引号\"内\"",
            "a\\b\n\r\t",
            "\u{1}\u{8}\u{c}\u{1f}\u{7f}",
            "末尾\"",
        ] {
            let mut out = String::new();
            push_json_string(&mut out, text);
            assert_eq!(out, reference(text), "{text:?}");
        }
    }

    #[test]
    fn csv_quotes_and_guards_cells() {
        let table = Table {
            name: "t",
            columns: vec!["a", "b"],
            rows: vec![
                vec!["x,y".into(), "=1+1".into()],
                vec!["say \"hi\"".into(), "-5".into()],
            ],
        };
        let text = csv(&table);
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("\"x,y\",'=1+1\r\n"));
        assert!(text.contains("\"say \"\"hi\"\"\",-5\r\n"));
        let mut line = String::new();
        csv_line(
            &mut line,
            &mut ["+1,\"2\"", "-x", "-1.5", "@", "a\nb"].into_iter(),
        );
        assert_eq!(line, "\"'+1,\"\"2\"\"\",'-x,-1.5,'@,\"a\nb\"\r\n");
        let mut line = String::new();
        csv_line(
            &mut line,
            &mut ["\t=1+1", "\r=1", "＝1+1", "＋1", "－x", "＠SUM(A1)", "1＝1"].into_iter(),
        );
        assert_eq!(
            line,
            "'\t=1+1,\"'\r=1\",'＝1+1,'＋1,'－x,'＠SUM(A1),1＝1\r\n"
        );
    }
}
