//! One failing input per error class: the build stops with a non-zero exit, names the file,
//! line and field, and leaves the previous output as it was.

mod common;

use common::*;
use std::path::Path;

const GOOD: &str = r#"title: 测试方案
disclosure:
  issuers: [某县卫生健康局]
  written: 2023-08-10
region: { province: 山西省, county: 云州区 }
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
"#;

const SITE: &str = "title: 测试站\npublisher: 测试\nas_of: 2026-11-01\n";

/// Builds a good site, then breaks it with `edit` and builds again.
fn rebuild_with(edit: impl Fn(&Path)) -> (String, bool, bool) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let folder = content.join("programmes/demo");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(content.join("site.yaml"), SITE).unwrap();
    std::fs::write(folder.join("programme.yaml"), GOOD).unwrap();
    std::fs::write(folder.join("index.md"), "说明。").unwrap();
    let out = dir.path().join("output");
    let first = build(&content, &out);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let before = snapshot(&out);
    edit(&content);
    let second = build(&content, &out);
    let message = String::from_utf8_lossy(&second.stderr).into_owned();
    let untouched = snapshot(&out) == before;
    (message, second.status.success(), untouched)
}

fn replace_in_programme(from: &'static str, to: &'static str) -> impl Fn(&Path) {
    move |content: &Path| {
        let path = content.join("programmes/demo/programme.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "test edit must apply: {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

fn assert_refused(edit: impl Fn(&Path), needles: &[&str]) {
    let (message, ok, untouched) = rebuild_with(edit);
    assert!(!ok, "build should fail");
    assert!(untouched, "previous output must survive a failed build");
    assert!(!message.contains("panicked"), "no panic: {message}");
    for needle in needles {
        assert!(
            message.contains(needle),
            "message should contain {needle:?}:\n{message}"
        );
    }
}

#[test]
fn wrong_type() {
    assert_refused(
        replace_in_programme("value: 3.5", "value: [3.5]"),
        &[
            "programmes/demo/programme.yaml:12",
            "targets[0].value",
            "类型不符",
        ],
    );
}

#[test]
fn unknown_indicator_with_suggestion() {
    assert_refused(
        replace_in_programme("indicator: beds_per_1000", "indicator: bed_per_1000"),
        &[
            "programme.yaml:10",
            "targets[0].indicator",
            "未知指标",
            "是不是要写 `beds_per_1000`",
        ],
    );
}

#[test]
fn emr_level_out_of_range() {
    assert_refused(
        replace_in_programme("value: 4", "value: 9"),
        &[
            "programme.yaml:19",
            "targets[1].value",
            "第 2 项目标的数值",
            "9 不是",
            "为 0–8 级；最接近的有效级别：8级（健康信息整合",
        ],
    );
}

#[test]
fn deadline_not_a_date() {
    assert_refused(
        replace_in_programme(
            "deadline: 2025\n    source: 到",
            "deadline: 2019-02-30\n    source: 到",
        ),
        &["programme.yaml:13", "targets[0].deadline", "没有 30 日"],
    );
}

#[test]
fn missing_required_field() {
    assert_refused(
        replace_in_programme("    label: 床位\n", ""),
        &["programme.yaml", "targets[0]", "label"],
    );
}

#[test]
fn duplicate_slug() {
    assert_refused(
        |content: &Path| {
            let copy = content.join("programmes/demo-copy");
            std::fs::create_dir_all(&copy).unwrap();
            let text =
                std::fs::read_to_string(content.join("programmes/demo/programme.yaml")).unwrap();
            std::fs::write(copy.join("programme.yaml"), format!("slug: demo\n{text}")).unwrap();
        },
        &[
            "programmes/demo-copy/programme.yaml:1",
            "字段 `slug`",
            "同一网址名“demo”",
        ],
    );
}

#[test]
fn unknown_field_is_reported() {
    assert_refused(
        replace_in_programme(
            "deadline: 2025\n    source: 到",
            "dedline: 2025\n    source: 到",
        ),
        &[
            "programme.yaml:13",
            "未知字段 `dedline`",
            "是不是要写 `deadline`",
        ],
    );
}

#[test]
fn scope_must_name_a_facility() {
    assert_refused(
        replace_in_programme("scope: h1", "scope: h2"),
        &["programme.yaml:18", "targets[1].scope", "h1"],
    );
}

#[test]
fn negative_budget_is_rejected() {
    assert_refused(
        |content: &Path| {
            let path = content.join("programmes/demo/programme.yaml");
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(
                &path,
                format!("{text}budget:\n  - {{ purpose: 设备, amount_wan_yuan: -5, source: x }}\n"),
            )
            .unwrap();
        },
        &["budget[0].amount_wan_yuan", "正数"],
    );
}

#[test]
fn all_problems_are_reported_in_one_run() {
    let (message, ok, _) = rebuild_with(|content: &Path| {
        replace_in_programme("indicator: beds_per_1000", "indicator: nope")(content);
        replace_in_programme("value: 4", "value: 12")(content);
    });
    assert!(!ok);
    assert!(
        message.contains("targets[0].indicator") && message.contains("targets[1].value"),
        "{message}"
    );
    assert!(message.contains("共发现 2 个问题"), "{message}");
}

#[test]
fn non_utf8_file_is_refused_with_advice() {
    assert_refused(
        |content: &Path| {
            let (gbk, _, _) = (b"title: \xb2\xe2\xca\xd4\n", 0, 0);
            std::fs::write(content.join("programmes/demo/programme.yaml"), gbk).unwrap();
        },
        &["programme.yaml", "UTF-8", "GB18030"],
    );
}

#[test]
fn messages_in_english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("programmes/demo")).unwrap();
    std::fs::write(content.join("site.yaml"), SITE).unwrap();
    std::fs::write(
        content.join("programmes/demo/programme.yaml"),
        GOOD.replace("indicator: emr_level", "indicator: emr_levle"),
    )
    .unwrap();
    let out = gongkai(&[
        "build",
        "--lang",
        "en",
        "--content",
        content.to_str().unwrap(),
        "--output",
        dir.path().join("out").to_str().unwrap(),
    ]);
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        message.contains("unknown indicator “emr_levle”")
            && message.contains("did you mean `emr_level`?"),
        "{message}"
    );
    assert!(
        message.contains("1 problem found; nothing was published."),
        "{message}"
    );
}
