//! The authoring commands as a user runs them: init, new programme, check.

mod common;

use common::*;
use std::process::Command;

fn run_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("gongkai runs")
}

#[test]
fn init_then_build_gives_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let init = run_in(dir.path(), &["init", "site"]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let site = dir.path().join("site");
    let build = run_in(&site, &["build"]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let page = std::fs::read_to_string(site.join("output/programmes/example-programme/index.html"))
        .unwrap();
    assert!(page.contains("示例项目") && page.contains("急救平均反应时间"));
    // The theme is not copied: only an override folder that says how overriding works.
    assert!(!site.join("themes/default/templates").exists());
    let readme = std::fs::read_to_string(site.join("themes/default/README.md")).unwrap();
    assert!(readme.contains("gongkai theme eject"), "{readme}");
    let again = run_in(dir.path(), &["init", "site"]);
    assert!(
        !again.status.success(),
        "init must refuse a folder that has a site"
    );
}

#[test]
fn new_programme_refuses_unsafe_or_existing_slugs() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run_in(dir.path(), &["init"]).status.success());
    for bad in ["../escape", "Upper", "a/b", "", "-x"] {
        let out = run_in(dir.path(), &["new", "programme", bad]);
        assert!(!out.status.success(), "slug {bad:?} must be refused");
    }
    assert!(run_in(dir.path(), &["new", "programme", "fresh-2026"])
        .status
        .success());
    assert!(!run_in(dir.path(), &["new", "programme", "fresh-2026"])
        .status
        .success());
    let build = run_in(dir.path(), &["build"]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(dir
        .path()
        .join("output/programmes/fresh-2026/index.html")
        .is_file());
}

#[test]
fn check_reports_broken_links_and_overdue_targets() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run_in(dir.path(), &["init"]).status.success());
    let md = dir
        .path()
        .join("content/programmes/example-programme/index.md");
    let text = std::fs::read_to_string(&md).unwrap();
    std::fs::write(
        &md,
        format!("{text}\n[旧页面](../nowhere/index.html) [锚点](#no-such-anchor)\n"),
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &["check", "--as-of", "2028-06-30", "--format", "json"],
    );
    assert!(!out.status.success(), "broken links are errors");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = report.as_array().unwrap();
    let has = |severity: &str, needle: &str| {
        items.iter().any(|d| {
            d["severity"] == severity && d["message"].as_str().unwrap_or("").contains(needle)
        })
    };
    assert!(has("error", "nowhere/index.html"), "{report}");
    let broken = items
        .iter()
        .find(|d| d["message"].as_str().unwrap_or("").contains("nowhere"))
        .unwrap();
    assert!(
        broken["file"]
            .as_str()
            .unwrap()
            .ends_with("example-programme/index.md"),
        "{broken}"
    );
    assert!(broken["line"].as_u64().is_some(), "{broken}");
    assert!(has("error", "#no-such-anchor"), "{report}");
    assert!(has("warning", "已过，但没有报告实际数字"), "{report}");
    assert!(!dir.path().join("output").exists(), "check writes nothing");
}

#[test]
fn check_passes_the_bundled_site() {
    // The bundled site's base_url is "/" (it is opened from any folder), so the full
    // address a published site needs is given here, as a publisher's CI would.
    let out = gongkai(&[
        "check",
        "--content",
        repo().join("content").to_str().unwrap(),
        "--base-url",
        "https://www.example.gov.cn/xxgk/ylws/",
    ]);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn charts_placed_in_commentary() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run_in(dir.path(), &["init"]).status.success());
    let md = dir
        .path()
        .join("content/programmes/example-programme/index.md");
    let text = std::fs::read_to_string(&md).unwrap();
    std::fs::write(
        &md,
        format!("{text}\n```chart\ntarget: beds\n```\n\n```chart\nkind: budget\n```\n"),
    )
    .unwrap();
    assert!(run_in(dir.path(), &["build"]).status.success());
    let page = std::fs::read_to_string(
        dir.path()
            .join("output/programmes/example-programme/index.html"),
    )
    .unwrap();
    let commentary = &page[page.find("id=\"text\"").unwrap()..page.find("class=\"toc\"").unwrap()];
    assert!(
        commentary.contains("<figure class=\"chart\"")
            && commentary.contains("<img src=\"charts/trajectory-beds.svg\""),
        "chart placed in the commentary"
    );
    assert!(commentary.contains("资金安排"), "budget chart placed");
    std::fs::write(
        &md,
        format!("{text}\n\n```chart\ntarget: no-such-target\n```\n"),
    )
    .unwrap();
    let out = run_in(dir.path(), &["build"]);
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    let line = text.lines().count() + 3;
    assert!(
        message.contains(&format!("example-programme/index.md:{line}")),
        "{message}"
    );
    assert!(
        message.contains("trajectory-no-such-target") && message.contains("trajectory-beds"),
        "{message}"
    );
}

/// `import` as a user runs it: each seed notice into a fresh site's programmes folder, then
/// `build` publishes the drafts as they are (a draft must be valid before review), and a
/// second import under the same slug is refused without touching the first.
#[test]
fn import_writes_drafts_that_build() {
    let dir = tempfile::tempdir().unwrap();
    let init = run_in(dir.path(), &["init", "site"]);
    assert!(init.status.success());
    let site = dir.path().join("site");
    std::fs::remove_dir_all(site.join("content/programmes/example-programme")).unwrap();
    let seeds = [
        ("000_e410a366f2ab70c5.txt", "minquan", "民政办〔2019〕10号"),
        (
            "001_0200143d345726b6.txt",
            "yunzhou",
            "云州政办发〔2023〕26号",
        ),
        ("002_3354ae6352d1d001.txt", "zhumadian", "駐馬店"),
        ("003_38e3cffc88c25650.txt", "huantai", "桓卫字〔2019〕1号"),
        (
            "004_e13ca5f6b3a9eff4.txt",
            "gansu",
            "甘衛醫政發〔2022〕37號",
        ),
    ];
    for (file, slug, _) in seeds {
        let notice = seeds_dir().join(file);
        let out = run_in(&site, &["import", notice.to_str().unwrap(), "--slug", slug]);
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let yaml = site
            .join("content/programmes")
            .join(slug)
            .join("programme.yaml");
        assert!(yaml.is_file(), "{file}: no draft written");
    }
    let before = std::fs::read(site.join("content/programmes/minquan/programme.yaml")).unwrap();
    let notice = seeds_dir().join(seeds[0].0);
    let again = run_in(
        &site,
        &["import", notice.to_str().unwrap(), "--slug", "minquan"],
    );
    assert!(
        !again.status.success(),
        "an existing draft must not be overwritten"
    );
    assert_eq!(
        before,
        std::fs::read(site.join("content/programmes/minquan/programme.yaml")).unwrap()
    );
    let build = run_in(&site, &["build"]);
    assert!(
        build.status.success(),
        "drafts must build: {}",
        String::from_utf8_lossy(&build.stderr)
    );
    for (_, slug, doc_no) in seeds {
        let page =
            std::fs::read_to_string(site.join("output/programmes").join(slug).join("index.html"))
                .unwrap();
        assert!(page.contains(doc_no), "{slug}: page lacks {doc_no}");
    }
}

fn seeds_dir() -> std::path::PathBuf {
    seeds()
}

/// `theme eject` copies a built-in file out (never over an existing one), and a build uses
/// the copy for that file and the built-in theme for every other.
#[test]
fn theme_eject_copies_one_file_that_then_overrides() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run_in(dir.path(), &["init"]).status.success());
    let out = run_in(dir.path(), &["theme", "eject", "templates/subpage.html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ejected = dir.path().join("themes/default/templates/subpage.html");
    let text = std::fs::read_to_string(&ejected).unwrap();
    assert!(!dir
        .path()
        .join("themes/default/templates/base.html")
        .exists());
    let again = run_in(dir.path(), &["theme", "eject", "subpage.html"]);
    assert!(
        !again.status.success(),
        "an ejected file is never overwritten"
    );
    assert!(!run_in(dir.path(), &["theme", "eject", "no-such.html"])
        .status
        .success());
    let edited = text.replacen(
        "{% block content %}",
        "{% block content %}<p>EJECTED-EDIT</p>",
        1,
    );
    assert_ne!(edited, text, "test edit must apply");
    std::fs::write(&ejected, edited).unwrap();
    let md = dir
        .path()
        .join("content/programmes/example-programme/notes.md");
    std::fs::write(&md, "# 附注\n\n正文。\n").unwrap();
    let build = run_in(dir.path(), &["build"]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let sub = dir
        .path()
        .join("output/programmes/example-programme/notes/index.html");
    assert!(std::fs::read_to_string(sub)
        .unwrap()
        .contains("EJECTED-EDIT"));
    let page = std::fs::read_to_string(
        dir.path()
            .join("output/programmes/example-programme/index.html"),
    )
    .unwrap();
    assert!(
        page.contains("急救平均反应时间") && !page.contains("EJECTED-EDIT"),
        "other pages come from the built-in theme"
    );
}
