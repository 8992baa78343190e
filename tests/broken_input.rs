//! The broken-input corpus: every case is built as a site of its own and must give a clear
//! message naming the file (and, where the problem is in one place, the line and field), a
//! non-zero exit and no panic, within bounded time — or be accepted where it is harmless
//! (a byte-order mark, Windows line ends).

mod common;

use common::*;
use std::time::{Duration, Instant};

const GOOD: &str = "title: 测试方案
disclosure:
  issuers: [某县卫生健康局]
  written: 2023-08-10
region: { province: 山西省, county: 云州区 }
period: { start: 2023-08, end: 2025-12 }
facilities:
  - { id: h1, name: 区人民医院 }
targets:
  - id: beds
    indicator: beds_per_1000
    label: 床位
    value: 3.5
    deadline: 2025
    source: 到 2025 年,床位达到 3.5 张/千人
  - id: emr
    indicator: emr_level
    label: 电子病历
    scope: h1
    value: 4
    deadline: 2025
    source: 达到 4 级
actuals:
  - { target: beds, indicator: beds_per_1000, label: 床位, date: 2024, value: 3.2, source: x }
phases:
  - { name: 启动阶段, start: 2023-08, end: 2023-09 }
budget:
  - { purpose: 设备, amount_wan_yuan: 850, source: 约850万元 }
";

const SITE: &str = "title: 测试站\npublisher: 测试\nas_of: 2026-11-01\n";

/// Where a case puts its bytes.
#[derive(Clone, Copy)]
enum File {
    Programme,
    Site,
    Indicators,
    Markdown,
}

enum Expect {
    /// Refused; the message holds all these.
    Refused(&'static [&'static str]),
    /// Built.
    Accepted,
}

struct Case {
    name: &'static str,
    file: File,
    bytes: Vec<u8>,
    expect: Expect,
}

fn edit(from: &str, to: &str) -> Vec<u8> {
    assert!(GOOD.contains(from), "case edit must apply: {from}");
    GOOD.replacen(from, to, 1).into_bytes()
}

fn case(name: &'static str, file: File, bytes: Vec<u8>, expect: Expect) -> Case {
    Case {
        name,
        file,
        bytes,
        expect,
    }
}

use Expect::*;
use File::*;

fn cases() -> Vec<Case> {
    let p = |name, bytes, needles| case(name, Programme, bytes, Refused(needles));
    let mut all = vec![
        // Malformed YAML.
        p(
            "unclosed flow mapping",
            edit("{ id: h1, name: 区人民医院 }", "{ id: h1, name: 区人民医院"),
            &["programme.yaml:", "YAML"],
        ),
        p(
            "unclosed quote",
            edit("label: 床位", "label: \"床位"),
            &["programme.yaml:"],
        ),
        p(
            "bad indentation",
            edit("    label: 床位\n", "   label: 床位\n"),
            &["programme.yaml:"],
        ),
        p(
            "tab indentation",
            edit("    label: 床位\n", "\tlabel: 床位\n"),
            &["programme.yaml:12", "Tab"],
        ),
        p(
            "stray colon",
            edit("title: 测试方案", "title: 测试: 方案: x"),
            &["programme.yaml:1"],
        ),
        p(
            "list where map expected",
            edit(
                "region: { province: 山西省, county: 云州区 }",
                "region: [山西省]",
            ),
            &["programme.yaml:5", "region"],
        ),
        p(
            "map where list expected",
            edit("  issuers: [某县卫生健康局]", "  issuers: { a: b }"),
            &["programme.yaml:3", "issuers"],
        ),
        p(
            "duplicate key",
            edit("title: 测试方案", "title: 测试方案\ntitle: 重复"),
            &["programme.yaml:2", "title"],
        ),
        p(
            "duplicate nested key",
            edit("    label: 床位\n", "    label: 床位\n    label: 又一个\n"),
            &["programme.yaml:13", "label"],
        ),
        p(
            "document separator garbage",
            format!("{GOOD}---\nx: [").into_bytes(),
            &["programme.yaml"],
        ),
        p(
            "only a scalar",
            b"just text\n".to_vec(),
            &["programme.yaml:1"],
        ),
        p("only a list", b"- a\n- b\n".to_vec(), &["programme.yaml:1"]),
        // Wrong types.
        p(
            "value is a list",
            edit("value: 3.5", "value: [3.5]"),
            &["programme.yaml:13", "targets[0].value"],
        ),
        p(
            "value is a map",
            edit("value: 3.5", "value: { n: 3.5 }"),
            &["programme.yaml:13", "targets[0].value"],
        ),
        p(
            "number as text",
            edit("value: 3.5", "value: \"3.5 张\""),
            &["programme.yaml:13", "targets[0].value", "3.5 张"],
        ),
        p(
            "number with unit",
            edit("value: 3.5", "value: 3.5张/千人"),
            &["programme.yaml:13", "targets[0].value"],
        ),
        p(
            "bool for number",
            edit("value: 3.5", "value: true"),
            &["programme.yaml:13", "targets[0].value", "true/false"],
        ),
        p(
            "number for bool list",
            edit("  issuers: [某县卫生健康局]", "  issuers: 5"),
            &["programme.yaml:3", "issuers"],
        ),
        p(
            "title is a list",
            edit("title: 测试方案", "title: [a, b]"),
            &["programme.yaml:1", "title"],
        ),
        p(
            "budget amount as text",
            edit("amount_wan_yuan: 850", "amount_wan_yuan: 八百五十"),
            &["programme.yaml:28", "amount_wan_yuan"],
        ),
        p(
            "budget amount negative",
            edit("amount_wan_yuan: 850", "amount_wan_yuan: -850"),
            &["programme.yaml:28", "budget[0].amount_wan_yuan"],
        ),
        p(
            "budget amount zero",
            edit("amount_wan_yuan: 850", "amount_wan_yuan: 0"),
            &["programme.yaml:28", "budget[0].amount_wan_yuan"],
        ),
        p(
            "budget amount infinite",
            edit("amount_wan_yuan: 850", "amount_wan_yuan: .inf"),
            &["budget[0].amount_wan_yuan"],
        ),
        p(
            "value not a number",
            edit("value: 3.5", "value: .nan"),
            &["targets[0].value"],
        ),
        // Out-of-range levels and values.
        p(
            "EMR level 9",
            edit("value: 4", "value: 9"),
            &[
                "programme.yaml:20",
                "targets[1].value",
                "0–8 级；最接近的有效级别：8级",
            ],
        ),
        p(
            "EMR level -1",
            edit("value: 4", "value: -1"),
            &["programme.yaml:20", "targets[1].value"],
        ),
        p(
            "EMR level 4.5",
            edit("value: 4", "value: 4.5"),
            &["programme.yaml:20", "targets[1].value"],
        ),
        p(
            "EMR level unknown label",
            edit("value: 4", "value: 九级"),
            &["programme.yaml:20", "targets[1].value", "九级"],
        ),
        p(
            "percentage above 100",
            edit(
                "indicator: beds_per_1000\n    label: 床位\n    value: 3.5",
                "indicator: county_treatment_rate\n    label: 就诊率\n    value: 120",
            ),
            &["programme.yaml:13", "targets[0].value", "100"],
        ),
        p(
            "bool indicator given number",
            edit(
                "indicator: beds_per_1000\n    label: 床位\n    value: 3.5",
                "indicator: built\n    label: 建成\n    value: 1",
            ),
            &["programme.yaml:13", "targets[0].value", "true"],
        ),
        p(
            "range without max",
            edit("value: 3.5", "value: 3.5\n    comparator: range"),
            &["targets[0].value_max", "value_max"],
        ),
        p(
            "range max below min",
            edit(
                "value: 3.5",
                "value: 3.5\n    value_max: 2\n    comparator: range",
            ),
            &["targets[0].value_max"],
        ),
        p(
            "max without range",
            edit(
                "value: 3.5",
                "value: 3.5\n    value_max: 4\n    comparator: at_least",
            ),
            &["targets[0].value_max"],
        ),
        p(
            "unknown comparator",
            edit("value: 3.5", "value: 3.5\n    comparator: more"),
            &["programme.yaml:14", "comparator"],
        ),
        // Impossible dates.
        p(
            "February 30",
            edit(
                "deadline: 2025\n    source: 到",
                "deadline: 2019-02-30\n    source: 到",
            ),
            &["programme.yaml:14", "targets[0].deadline", "30"],
        ),
        p(
            "February 29 in a common year",
            edit(
                "deadline: 2025\n    source: 到",
                "deadline: 2023-02-29\n    source: 到",
            ),
            &["programme.yaml:14", "targets[0].deadline"],
        ),
        p(
            "month 13",
            edit(
                "deadline: 2025\n    source: 到",
                "deadline: 2025-13\n    source: 到",
            ),
            &["programme.yaml:14", "13"],
        ),
        p(
            "slashes",
            edit(
                "deadline: 2025\n    source: 到",
                "deadline: 2025/12/31\n    source: 到",
            ),
            &["programme.yaml:14", "YYYY-MM-DD"],
        ),
        p(
            "Chinese date",
            edit(
                "deadline: 2025\n    source: 到",
                "deadline: 2025年底\n    source: 到",
            ),
            &["programme.yaml:14", "2025年底"],
        ),
        p(
            "two-digit year",
            edit(
                "deadline: 2025\n    source: 到",
                "deadline: 25-12\n    source: 到",
            ),
            &["programme.yaml:14"],
        ),
        p(
            "deadline before written",
            edit(
                "deadline: 2025\n    source: 到",
                "deadline: 2020\n    source: 到",
            ),
            &["programme.yaml:14", "targets[0].deadline", "2023-08-10"],
        ),
        p(
            "period ends before start",
            edit(
                "period: { start: 2023-08, end: 2025-12 }",
                "period: { start: 2023-08, end: 2022-12 }",
            ),
            &["programme.yaml:6", "period.end"],
        ),
        p(
            "phase ends before start",
            edit(
                "{ name: 启动阶段, start: 2023-08, end: 2023-09 }",
                "{ name: 启动阶段, start: 2023-08, end: 2023-07 }",
            ),
            &["programme.yaml:26", "phases[0].end"],
        ),
        // References.
        p(
            "unknown indicator",
            edit(
                "indicator: beds_per_1000\n    label",
                "indicator: beds_per_100\n    label",
            ),
            &["programme.yaml:11", "targets[0].indicator", "beds_per_1000"],
        ),
        p(
            "unknown indicator in actual",
            edit(
                "{ target: beds, indicator: beds_per_1000",
                "{ target: beds, indicator: bed_density",
            ),
            &["programme.yaml:24", "actuals[0].indicator"],
        ),
        p(
            "actual names unknown target",
            edit("{ target: beds,", "{ target: bedz,"),
            &["programme.yaml:24", "actuals[0].target"],
        ),
        p(
            "scope names unknown facility",
            edit("scope: h1", "scope: h9"),
            &["programme.yaml:19", "targets[1].scope", "h1"],
        ),
        p(
            "duplicate target id",
            edit("  - id: emr", "  - id: beds"),
            &["targets[1].id", "beds"],
        ),
        p(
            "duplicate facility id",
            edit(
                "  - { id: h1, name: 区人民医院 }",
                "  - { id: h1, name: 区人民医院 }\n  - { id: h1, name: 区中医医院 }",
            ),
            &["facilities[1].id"],
        ),
        p(
            "unsafe target id",
            edit("  - id: emr", "  - id: \"e m/r\""),
            &["targets[1].id"],
        ),
        // Missing and unknown fields.
        p(
            "missing title",
            edit("title: 测试方案\n", ""),
            &["programme.yaml", "title"],
        ),
        p(
            "missing source",
            edit("    source: 达到 4 级\n", ""),
            &["programme.yaml:16", "source"],
        ),
        p(
            "missing region",
            edit("region: { province: 山西省, county: 云州区 }\n", ""),
            &["programme.yaml", "region"],
        ),
        p(
            "empty issuers",
            edit("  issuers: [某县卫生健康局]", "  issuers: []"),
            &["programme.yaml:3", "disclosure.issuers"],
        ),
        p(
            "empty source sentence",
            edit("    source: 达到 4 级", "    source: \"\""),
            &["targets[1].source"],
        ),
        p(
            "misspelt field",
            edit(
                "    deadline: 2025\n    source: 达到",
                "    dedline: 2025\n    source: 达到",
            ),
            &["programme.yaml:21", "dedline", "deadline"],
        ),
        p(
            "unknown top-level field",
            format!("{GOOD}extra: 1\n").into_bytes(),
            &["programme.yaml", "extra"],
        ),
        // Files that are not YAML text at all.
        p("empty file", Vec::new(), &["programme.yaml", "空"]),
        p(
            "whitespace only",
            b"   \n\n  \n".to_vec(),
            &["programme.yaml", "空"],
        ),
        p(
            "invalid UTF-8",
            b"title: \xff\xfe\xfd\n".to_vec(),
            &["programme.yaml:1", "UTF-8"],
        ),
        p(
            "GBK encoded",
            gbk(GOOD),
            &["programme.yaml", "UTF-8", "GB18030"],
        ),
        p("UTF-16 with BOM", utf16(GOOD), &["programme.yaml", "UTF-8"]),
        p(
            "NUL bytes",
            format!("title: a\0b\n{}", &GOOD[GOOD.find('\n').unwrap() + 1..]).into_bytes(),
            &["programme.yaml"],
        ),
        p("billion laughs", laughs(), &["programme.yaml"]),
        p(
            "deep nesting",
            format!("title: {}x{}\n", "[".repeat(5000), "]".repeat(5000)).into_bytes(),
            &["programme.yaml:1"],
        ),
        p(
            "50 MB file",
            fifty_megabytes(),
            &["programme.yaml", "50000"],
        ),
        // Other files.
        case(
            "site.yaml missing as_of",
            Site,
            b"title: t\npublisher: p\n".to_vec(),
            Refused(&["site.yaml", "as_of"]),
        ),
        case(
            "site.yaml bad as_of",
            Site,
            b"title: t\npublisher: p\nas_of: 2026-02-30\n".to_vec(),
            Refused(&["site.yaml:3", "as_of"]),
        ),
        case(
            "site.yaml unknown theme path",
            Site,
            b"title: t\npublisher: p\nas_of: 2026-11-01\ntheme: ../../etc\n".to_vec(),
            Refused(&["../../etc"]),
        ),
        case(
            "indicators.yaml bad kind",
            Indicators,
            b"- { id: x, name: y, kind: speed }\n".to_vec(),
            Refused(&["indicators.yaml:1", "kind"]),
        ),
        case(
            "indicators.yaml not a list",
            Indicators,
            b"id: x\n".to_vec(),
            Refused(&["indicators.yaml:1"]),
        ),
        case(
            "Markdown invalid UTF-8",
            Markdown,
            b"# \xc3\x28 bad\n".to_vec(),
            Refused(&["index.md", "UTF-8"]),
        ),
        // Harmless variations that must be accepted.
        case(
            "UTF-8 byte-order mark",
            Programme,
            [b"\xef\xbb\xbf".as_slice(), GOOD.as_bytes()].concat(),
            Accepted,
        ),
        case(
            "CRLF line ends",
            Programme,
            GOOD.replace('\n', "\r\n").into_bytes(),
            Accepted,
        ),
        case(
            "Markdown with BOM and CRLF",
            Markdown,
            "\u{feff}# 标题\r\n\r\n正文\r\n".as_bytes().to_vec(),
            Accepted,
        ),
        case(
            "trailing spaces and comments",
            Programme,
            GOOD.replace('\n', "   # 注释\n").into_bytes(),
            Accepted,
        ),
    ];
    all.sort_by_key(|c| c.name);
    all
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

fn utf16(text: &str) -> Vec<u8> {
    let mut out = vec![0xff, 0xfe];
    for unit in text.encode_utf16() {
        out.extend(unit.to_le_bytes());
    }
    out
}

fn laughs() -> Vec<u8> {
    let mut yaml = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut previous = "a";
    for name in names {
        yaml.push_str(&format!("{name}: &{name} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"));
        previous = name;
    }
    yaml.push_str("title: *i\n");
    yaml.into_bytes()
}

fn fifty_megabytes() -> Vec<u8> {
    let mut text = GOOD.to_string();
    text.push_str("# ");
    text.push_str(&"填充".repeat(50_000_000 / 6));
    text.into_bytes()
}

#[test]
fn every_broken_input_is_refused_clearly() {
    let list = cases();
    assert!(list.len() >= 60, "only {} cases", list.len());
    let mut failures = Vec::new();
    for c in &list {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        let folder = content.join("programmes/demo");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(content.join("site.yaml"), SITE).unwrap();
        std::fs::write(folder.join("programme.yaml"), GOOD).unwrap();
        std::fs::write(folder.join("index.md"), "说明。").unwrap();
        let target = match c.file {
            Programme => folder.join("programme.yaml"),
            Site => content.join("site.yaml"),
            Indicators => content.join("indicators.yaml"),
            Markdown => folder.join("index.md"),
        };
        std::fs::write(&target, &c.bytes).unwrap();
        let started = Instant::now();
        let out = build(&content, &dir.path().join("output"));
        let took = started.elapsed();
        let message = String::from_utf8_lossy(&out.stderr).into_owned();
        let mut problems = Vec::new();
        if took > Duration::from_secs(20) {
            problems.push(format!("took {took:?}"));
        }
        if message.contains("panicked") || out.status.code().is_none() {
            problems.push("panicked or was killed".into());
        }
        match c.expect {
            Accepted if !out.status.success() => problems.push(format!("refused: {message}")),
            Refused(needles) => {
                if out.status.success() {
                    problems.push("was accepted".into());
                }
                if dir.path().join("output").exists() {
                    problems.push("left an output folder".into());
                }
                for needle in needles {
                    if !message.contains(needle) {
                        problems.push(format!("message lacks {needle:?}"));
                    }
                }
            }
            Accepted => {}
        }
        if !problems.is_empty() {
            failures.push(format!("{}: {}\n{message}", c.name, problems.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        list.len(),
        failures.join("\n")
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_content_are_refused() {
    for link_folder in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("programmes")).unwrap();
        std::fs::write(content.join("site.yaml"), SITE).unwrap();
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("programme.yaml"), GOOD).unwrap();
        if link_folder {
            std::os::unix::fs::symlink(&outside, content.join("programmes/linked")).unwrap();
        } else {
            std::fs::create_dir_all(content.join("programmes/linked")).unwrap();
            std::os::unix::fs::symlink(
                outside.join("programme.yaml"),
                content.join("programmes/linked/programme.yaml"),
            )
            .unwrap();
        }
        let out = build(&content, &dir.path().join("output"));
        let message = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success(),
            "symlink accepted (folder: {link_folder})"
        );
        assert!(
            message.contains("programmes/linked") && message.contains("符号链接"),
            "{message}"
        );
    }
}
