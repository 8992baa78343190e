//! Twenty mistakes people make, planted in one site: one `gongkai check` run must report
//! every one, on the right file and line, in Chinese and (with `--lang en`) in English.
//! `cargo test --test planted_mistakes -- --nocapture` prints the table of docs/errors.md.

mod common;

use common::*;
use std::path::Path;

const SITE: &str = "title: 测试站\npublisher: 测试卫生健康委员会\nbase_url: /\nas_of: 2026-11-01\n";

/// Structural and validation mistakes in one file: none hides another.
const A: &str = "\
title: 甲县医疗服务能力提升方案
document_type: planned
disclosure:
  issuers: [甲县卫生健康委员会]
  written: 2026-01-15
region: { province: 山西省, city: 大同市, county: 云州区 }
facilities:
  - { id: h1，name: 县人民医院 }
targets:
  - id: beds
    indicator: bed_per_1000
    label: 床位
    value: 3.5
    deadline：2027
    source: 到2027年，床位达到3.5张/千人。
  - id: emr
    indicator: emr_level
    label: 电子病历
    scope: h9
    value: 9
    deadline: 2027-02-30
    dedline: 2027
    source:县人民医院电子病历达到9级。
  - id: range
    indicator: beds_per_1000
    value: 3
    comparator: range
    value_max: 3.5万
    source: 床位3至3.5张/千人。
";

/// What must not be published, in a file that is otherwise sound.
const B: &str = "\
title: 乙县卫生健康工作要点
disclosure:
  issuers: [乙县卫生健康局]
  written: 2024-01-10
  published: 2024-01-15
  doc_no: 某卫发〔2024〕1号
region: { province: 山西, county: 乙县 }
targets:
  - id: visits
    indicator: beds_per_1000
    label: 床位
    value: 4
    deadline: 2025
    source: 到2025年床位达到4张/千人。
  # 置信度 0.55：请核对
  - id: emr
    indicator: emr_level
    label: 电子病历
    value: 4
    deadline: 2027
    source: 电子病历达到4级。
actuals:
  - target: emr
    indicator: emr_level
    label: 电子病历
    date: 2025-01
    value: 3
    source: 2025年1月电子病历为3级。
  - target: emr
    indicator: emr_level
    label: 电子病历
    date: 2027-03
    value: 4
    source: 2027年3月电子病历达到4级。
";

/// A syntax error stops this file only.
const C: &str = "title: 丙县方案\ndisclosure:\n\tissuers: [丙县卫生健康局]\n";

/// A city written without 市.
const D: &str = "\
title: 丁区方案
disclosure:
  issuers: [云冈区卫生健康局]
  published: 2026-10-01
region: { province: 山西省, city: 大同, county: 云冈区 }
targets:
  - { id: beds, indicator: beds_per_1000, label: 床位, value: 4, deadline: 2027, source: 床位达到4张/千人。 }
actuals:
  - { target: beds, indicator: beds_per_1000, label: 床位, date: 2026-09, value: 3.8, source: 床位为3.8张/千人。 }
";

/// One planted mistake: where it is and a word its message must hold in each language.
struct Mistake {
    what: &'static str,
    file: &'static str,
    line: u64,
    severity: &'static str,
    zh: &'static str,
    en: &'static str,
}

const fn m(
    what: &'static str,
    file: &'static str,
    line: u64,
    severity: &'static str,
    zh: &'static str,
    en: &'static str,
) -> Mistake {
    Mistake {
        what,
        file,
        line,
        severity,
        zh,
        en,
    }
}

const MISTAKES: &[Mistake] = &[
    m(
        "full-width colon `deadline：2027`",
        "a/programme.yaml",
        14,
        "error",
        "第 14 行用了中文冒号“：”，请改成英文冒号“:”并在其后加一个空格",
        "full-width colon",
    ),
    m(
        "full-width comma in `{ id: h1，name: … }`",
        "a/programme.yaml",
        8,
        "error",
        "中文逗号",
        "full-width comma",
    ),
    m(
        "no space after the colon `source:县…`",
        "a/programme.yaml",
        23,
        "error",
        "冒号后面缺少空格",
        "no space after the colon",
    ),
    m(
        "impossible date 2027-02-30",
        "a/programme.yaml",
        21,
        "error",
        "没有 30 日",
        "day 30 does not exist",
    ),
    m(
        "unknown field `dedline`",
        "a/programme.yaml",
        22,
        "error",
        "是不是要写 `deadline`",
        "did you mean `deadline`",
    ),
    m(
        "EMR level 9",
        "a/programme.yaml",
        20,
        "error",
        "为 0–8 级；最接近的有效级别：8级",
        "runs 0–8 级; the nearest valid level: 8级",
    ),
    m(
        "wrong type `value_max: 3.5万`",
        "a/programme.yaml",
        28,
        "error",
        "这里应填写数字",
        "this needs a number",
    ),
    m(
        "missing required field `label`",
        "a/programme.yaml",
        24,
        "error",
        "缺少必填字段 `label`",
        "required field `label` is missing",
    ),
    m(
        "value not among the choices `document_type: planned`",
        "a/programme.yaml",
        2,
        "error",
        "不是可选的值",
        "is not one of the choices",
    ),
    m(
        "unknown indicator `bed_per_1000`",
        "a/programme.yaml",
        11,
        "error",
        "是不是要写 `beds_per_1000`",
        "did you mean `beds_per_1000`",
    ),
    m(
        "scope names no facility `h9`",
        "a/programme.yaml",
        19,
        "error",
        "不是本项目的设施编号",
        "is not one of this programme's facilities",
    ),
    m(
        "Tab indentation (a syntax error stops that file only)",
        "c/programme.yaml",
        3,
        "error",
        "Tab",
        "tab",
    ),
    m(
        "template placeholder 某卫发 left in",
        "b/programme.yaml",
        6,
        "error",
        "占位文字“某卫发”",
        "placeholder “某卫发”",
    ),
    m(
        "import draft's 请核对 mark left in",
        "b/programme.yaml",
        15,
        "error",
        "“请核对”标记还在",
        "“请核对” (please check) mark",
    ),
    m(
        "figure dated after the as-of date",
        "b/programme.yaml",
        32,
        "error",
        "晚于统计截止日期",
        "after the as-of date",
    ),
    m(
        "relative base_url `/`",
        "content/site.yaml",
        3,
        "error",
        "不是完整网址",
        "not a full address",
    ),
    m(
        "province 山西 without 省",
        "b/programme.yaml",
        7,
        "warning",
        "GB/T 2260 中写作“山西省”",
        "GB/T 2260 writes it: “山西省”",
    ),
    m(
        "city 大同 without 市",
        "d/programme.yaml",
        5,
        "warning",
        "是不是要写“大同市”",
        "did you mean “大同市”",
    ),
    m(
        "stale data (newest figure 2025-01)",
        "b/programme.yaml",
        26,
        "warning",
        "数据可能已过时",
        "the data may be stale",
    ),
    m(
        "deadline passed without a figure",
        "b/programme.yaml",
        13,
        "warning",
        "已过，但没有报告实际数字",
        "has passed and no figure reports on it",
    ),
];

fn plant(root: &Path) -> std::path::PathBuf {
    let content = root.join("content");
    for (slug, yaml) in [("a", A), ("b", B), ("c", C), ("d", D)] {
        let folder = content.join("programmes").join(slug);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("programme.yaml"), yaml).unwrap();
        std::fs::write(folder.join("index.md"), "说明。\n").unwrap();
    }
    std::fs::write(content.join("site.yaml"), SITE).unwrap();
    content
}

/// One run of `check --format json` in `lang`; the diagnostics it printed.
fn check_once(content: &Path, lang: &str) -> Vec<serde_json::Value> {
    let out = gongkai(&[
        "check",
        "--lang",
        lang,
        "--format",
        "json",
        "--content",
        content.to_str().unwrap(),
    ]);
    assert!(!out.status.success(), "errors must fail the check");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    report.as_array().unwrap().clone()
}

fn find<'a>(
    found: &'a [serde_json::Value],
    mistake: &Mistake,
    needle: &str,
) -> Option<&'a serde_json::Value> {
    found.iter().find(|d| {
        let text = format!(
            "{} {}",
            d["message"].as_str().unwrap_or(""),
            d["hint"].as_str().unwrap_or("")
        );
        d["severity"] == mistake.severity
            && d["file"].as_str().unwrap_or("").ends_with(mistake.file)
            && d["line"].as_u64() == Some(mistake.line)
            && text.contains(needle)
    })
}

fn shown(d: &serde_json::Value) -> String {
    let mut text = d["message"].as_str().unwrap_or("").to_string();
    if let Some(label) = d["field_label"].as_str() {
        text = format!("[{label}] {text}");
    }
    if let Some(hint) = d["hint"].as_str() {
        text = format!("{text} — {hint}");
    }
    text.replace('|', "\\|")
}

#[test]
fn one_check_run_reports_every_planted_mistake() {
    assert_eq!(MISTAKES.len(), 20);
    let dir = tempfile::tempdir().unwrap();
    let content = plant(dir.path());
    let zh = check_once(&content, "zh");
    let en = check_once(&content, "en");
    let mut missing = Vec::new();
    let mut table = String::from(
        "| # | mistake | where | severity | 中文 | English | runs of `check` |\n|---|---|---|---|---|---|---|\n",
    );
    for (i, mistake) in MISTAKES.iter().enumerate() {
        let (a, b) = (
            find(&zh, mistake, mistake.zh),
            find(&en, mistake, mistake.en),
        );
        if a.is_none() {
            missing.push(format!(
                "zh: {} ({}:{})",
                mistake.what, mistake.file, mistake.line
            ));
        }
        if b.is_none() {
            missing.push(format!(
                "en: {} ({}:{})",
                mistake.what, mistake.file, mistake.line
            ));
        }
        if let (Some(a), Some(b)) = (a, b) {
            table.push_str(&format!(
                "| {} | {} | {}:{} | {} | {} | {} | 1 |\n",
                i + 1,
                mistake.what,
                mistake.file,
                mistake.line,
                mistake.severity,
                shown(a),
                shown(b)
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "not reported in one run:\n{}\n\nzh report:\n{}",
        missing.join("\n"),
        serde_json::to_string_pretty(&zh).unwrap()
    );
    // Nothing in Chinese leaks into the English run's own words (data quoted back is fine).
    for d in &en {
        let message = d["message"].as_str().unwrap_or("");
        assert!(
            !message.contains("不是") && !message.contains("字段"),
            "{message}"
        );
    }
    println!("{table}");
}

#[test]
fn strict_turns_warnings_into_errors() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("programmes/d")).unwrap();
    std::fs::write(
        content.join("site.yaml"),
        SITE.replace("base_url: /", "base_url: https://www.example.gov.cn/"),
    )
    .unwrap();
    std::fs::write(content.join("programmes/d/programme.yaml"), D).unwrap();
    std::fs::write(content.join("programmes/d/index.md"), "说明。\n").unwrap();
    let args = ["check", "--content", content.to_str().unwrap()];
    let plain = gongkai(&args);
    assert!(
        plain.status.success(),
        "warnings alone pass: {}",
        String::from_utf8_lossy(&plain.stdout)
    );
    let strict = gongkai(&[&args[..], &["--strict"]].concat());
    assert!(!strict.status.success(), "--strict fails on a warning");
    assert!(String::from_utf8_lossy(&strict.stdout).contains("大同"));
}
