//! The safety floor for content (issue 20, data items): hostile or clumsy content is refused
//! with a message naming file, line and field, in bounded time and memory, and what is
//! published says what the editor wrote.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

const GOOD: &str = "title: 测试方案
disclosure:
  issuers: [某县卫生健康局]
  written: 2023-08-10
region: { province: 山西省, county: 云州区 }
period: { start: 2023-08, end: 2025-12 }
targets:
  - id: beds
    indicator: beds_per_1000
    label: 床位
    value: 3.5
    deadline: 2025
    source: 到 2025 年,床位达到 3.5 张/千人
";

const SITE: &str = "title: 测试站\npublisher: 测试\nas_of: 2026-11-01\n";

/// A content folder with one good programme `demo`, in a temporary directory.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write("site.yaml", SITE);
        site.write("programmes/demo/programme.yaml", GOOD);
        site.write("programmes/demo/index.md", "说明。\n");
        site
    }

    fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    fn output(&self) -> PathBuf {
        self.dir.path().join("output")
    }

    fn write(&self, relative: &str, text: impl AsRef<[u8]>) {
        let path = self.content().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn build(&self) -> Output {
        build(&self.content(), &self.output())
    }

    fn build_with(&self, extra: &[&str]) -> Output {
        let (content, output) = (self.content(), self.output());
        let mut args = vec![
            "build",
            "--content",
            content.to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        gongkai(&args)
    }

    fn check(&self) -> Output {
        gongkai(&["check", "--content", self.content().to_str().unwrap()])
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.output().join(relative)).unwrap()
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts the run failed without publishing and its message holds every needle.
fn refused(out: &Output, output: &Path, needles: &[&str]) {
    let message = stderr(out);
    assert!(!out.status.success(), "accepted:\n{message}");
    assert!(!message.contains("panicked"), "{message}");
    assert!(!output.exists(), "an output folder was left");
    for needle in needles {
        assert!(message.contains(needle), "lacks {needle:?}:\n{message}");
    }
}

fn timed(run: impl FnOnce() -> Output) -> (Output, Duration) {
    let started = Instant::now();
    let out = run();
    (out, started.elapsed())
}

// Item 5: quadratic time.

#[test]
fn deep_flow_nesting_is_refused_quickly_by_build_and_check() {
    let site = Site::new();
    // 200 KB of brackets took 36 s before the nesting limit.
    let n = 100_000;
    let deep = format!("{}title: {}x{}\n", "", "[".repeat(n), "]".repeat(n));
    site.write("programmes/demo/programme.yaml", &deep);
    let (out, took) = timed(|| site.build());
    assert!(took < Duration::from_secs(5), "build took {took:?}");
    refused(&out, &site.output(), &["programme.yaml:1:40", "32"]);
    // The excerpt is cut: the 200 KB line is not printed whole.
    assert!(stderr(&out).len() < 2_000, "{} bytes", stderr(&out).len());
    let (out, took) = timed(|| site.check());
    assert!(took < Duration::from_secs(5), "check took {took:?}");
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
    assert!(
        !out.status.success() && report.contains("programme.yaml:1:40"),
        "{report}"
    );
}

#[test]
fn nesting_hidden_after_a_quote_in_plain_text_is_found() {
    let site = Site::new();
    let deep = "[".repeat(60_000);
    site.write(
        "programmes/demo/programme.yaml",
        format!("{GOOD}transcription:\n  notes: [it's]\n  source_file: x\nextra: {deep}\n"),
    );
    let (out, took) = timed(|| site.build());
    assert!(took < Duration::from_secs(5), "build took {took:?}");
    refused(&out, &site.output(), &["programme.yaml:17:40"]);
}

#[test]
fn twenty_thousand_problems_are_reported_in_linear_time() {
    let site = Site::new();
    let mut text = GOOD.replace("targets:\n", "");
    text = text[..text.find("  - id: beds").unwrap()].to_string();
    text.push_str("targets:\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "  - id: t{i}\n    indicator: nope\n    label: x\n    value: 1\n    deadline: 2025\n    source: s\n"
        ));
    }
    site.write("programmes/demo/programme.yaml", &text);
    // 28.8 s (release), 3m48s (debug) before the line index was built once per file;
    // 4.6 s (debug) after. The budget leaves room for a loaded CI machine.
    let (out, took) = timed(|| site.build());
    assert!(took < Duration::from_secs(30), "build took {took:?}");
    let message = stderr(&out);
    assert!(
        message.contains("20000"),
        "{}",
        &message[message.len() - 300..]
    );
    let last_line = 9 + 6 * 19_999;
    assert!(
        message.contains(&format!("programme.yaml:{last_line}:5: ")),
        "the last target's indicator is not at line {last_line}"
    );
}

// Item 13: what YAML would read as something else.

#[test]
fn tags_radix_numbers_and_second_documents_are_refused_at_their_line() {
    let cases: &[(&str, String, &[&str])] = &[
        (
            "binary tag",
            GOOD.replace("title: 测试方案", "title: !!binary 5rWL6K+V"),
            &["programme.yaml:1:8", "!!binary"],
        ),
        (
            "hexadecimal value",
            GOOD.replace("value: 3.5", "value: 0x1F"),
            &["programme.yaml:11:12", "0x1F"],
        ),
        (
            "octal deadline",
            GOOD.replace("deadline: 2025", "deadline: 0o3751"),
            &["programme.yaml:12:15", "0o3751"],
        ),
        (
            "second document",
            format!("{GOOD}---\ntitle: 又一个\n"),
            &["programme.yaml:14:1", "---"],
        ),
    ];
    for (name, text, needles) in cases {
        let site = Site::new();
        site.write("programmes/demo/programme.yaml", text);
        let out = site.build();
        let message = stderr(&out);
        assert!(!out.status.success(), "{name}: accepted");
        for needle in *needles {
            assert!(
                message.contains(needle),
                "{name}: lacks {needle:?}:\n{message}"
            );
        }
    }
    // Quoted, the same text is text.
    let site = Site::new();
    site.write(
        "programmes/demo/programme.yaml",
        GOOD.replace("title: 测试方案", "title: \"0x1F !!binary\""),
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site
        .read("programmes/demo/index.html")
        .contains("0x1F !!binary"));
}

// Item 4 and item 13: every indicator id names one indicator and one page.

#[test]
fn indicator_ids_that_would_share_a_page_are_refused() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "a site's dashed id beside the built-in underscored one",
            "- id: beds-per-1000\n  name: 床位\n  kind: ratio\n",
            &[
                "indicators.yaml:1:3",
                "[0].id",
                "beds_per_1000",
                "indicators/beds-per-1000/",
            ],
        ),
        (
            "two all-Chinese ids of one length",
            "- { id: 床位数, name: 甲, kind: count }\n- { id: 医生数, name: 乙, kind: count }\n",
            &["indicators.yaml:1:", "[0].id", "床位数"],
        ),
        (
            "the same id twice",
            "- { id: own, name: 甲, kind: count }\n- { id: own, name: 乙, kind: count }\n",
            &["indicators.yaml:2:", "[1].id", "own", "1"],
        ),
        (
            "an empty id",
            "- id: \"\"\n  name: 甲\n  kind: count\n",
            &["indicators.yaml:1:3", "[0].id"],
        ),
        (
            "an id with a slash",
            "- id: a/b\n  name: 甲\n  kind: count\n",
            &["indicators.yaml:1:3", "[0].id", "a/b"],
        ),
        (
            "a level scale without levels",
            "- id: grade\n  name: 等级\n  kind: level\n",
            &["indicators.yaml:3:3", "[0].kind", "levels"],
        ),
        (
            "min above max",
            "- id: share\n  name: 占比\n  kind: percentage\n  min: 80\n  max: 20\n",
            &["indicators.yaml:5:3", "[0].max"],
        ),
        (
            "min not a number",
            "- id: share\n  name: 占比\n  kind: percentage\n  min: .nan\n",
            &["indicators.yaml:4:3", "[0].min", "NaN"],
        ),
    ];
    for (name, text, needles) in cases {
        let site = Site::new();
        site.write("indicators.yaml", text);
        let out = site.build();
        let message = stderr(&out);
        assert!(!out.status.success(), "{name}: accepted");
        assert!(!site.output().exists(), "{name}: published");
        for needle in *needles {
            assert!(
                message.contains(needle),
                "{name}: lacks {needle:?}:\n{message}"
            );
        }
    }
}

#[test]
fn a_site_indicator_replacing_a_builtin_one_keeps_one_page() {
    let site = Site::new();
    site.write(
        "indicators.yaml",
        "- id: beds_per_1000\n  name: 每千人口床位（本站定义）\n  unit: 张/千人\n  kind: ratio\n- id: own_count\n  name: 本站指标\n  kind: count\n",
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(site
        .read("indicators/beds-per-1000/index.html")
        .contains("每千人口床位（本站定义）"));
    assert!(site
        .read("indicators/own-count/index.html")
        .contains("本站指标"));
}

// Item 6: memory bounded by the input.

/// Runs gongkai with `args`; its output and its own peak resident memory in MB.
#[cfg(target_os = "linux")]
#[allow(clippy::zombie_processes)] // waited for with wait4, which also gives its rusage
fn run_measured(args: &[&str]) -> (Output, u64) {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).unwrap();
        bytes
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stderr.read_to_end(&mut bytes).unwrap();
        bytes
    });
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for this child only.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    let output = Output {
        status: std::os::unix::process::ExitStatusExt::from_raw(status),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    };
    (output, usage.ru_maxrss as u64 / 1024)
}

#[cfg(target_os = "linux")]
fn build_measured(site: &Site) -> (Output, u64) {
    let (content, output) = (site.content(), site.output());
    run_measured(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ])
}

#[cfg(target_os = "linux")]
#[test]
fn a_large_markdown_page_is_refused_before_it_is_rendered() {
    let site = Site::new();
    // 14 MB of brackets took 3.66 GB.
    site.write("programmes/demo/index.md", "[".repeat(14_000_000));
    let (out, mb) = build_measured(&site);
    refused(&out, &site.output(), &["index.md", "14000000", "1048576"]);
    assert!(mb < 150, "peak {mb} MB");
}

#[cfg(target_os = "linux")]
#[test]
fn the_largest_accepted_markdown_page_stays_within_a_memory_budget() {
    let site = Site::new();
    site.write("programmes/demo/index.md", "[".repeat(1_000_000));
    let (out, mb) = build_measured(&site);
    assert!(out.status.success(), "{}", stderr(&out));
    // 390 MB before events were streamed to the HTML writer; 260 MB after.
    assert!(mb < 400, "peak {mb} MB");
}

#[cfg(target_os = "linux")]
#[test]
fn an_unrelated_large_file_in_a_programme_folder_is_not_read() {
    let site = Site::new();
    let pdf = site.content().join("programmes/demo/扫描件.pdf");
    // Sparse: takes no disk, but reading it makes 1 GB of zeros.
    std::fs::File::create(&pdf)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    for _ in 0..2 {
        let (out, mb) = build_measured(&site);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(mb < 200, "peak {mb} MB");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_huge_yaml_file_is_refused_by_its_size_before_it_is_read() {
    let site = Site::new();
    let yaml = site.content().join("programmes/demo/programme.yaml");
    std::fs::File::create(&yaml)
        .unwrap()
        .set_len(200_000_000)
        .unwrap();
    let (out, mb) = build_measured(&site);
    refused(&out, &site.output(), &["programme.yaml", "200000000"]);
    assert!(mb < 100, "peak {mb} MB");
}

#[test]
fn a_long_title_is_refused_not_copied_onto_every_page() {
    let site = Site::new();
    // 3.9 MB in one title was repeated on every page (371 MB of output).
    let huge = "长".repeat(1_300_000);
    site.write(
        "programmes/demo/programme.yaml",
        GOOD.replace("title: 测试方案", &format!("title: {huge}")),
    );
    refused(
        &site.build(),
        &site.output(),
        &["programme.yaml:1:8", "10000"],
    );
    let long = "长".repeat(501);
    site.write(
        "programmes/demo/programme.yaml",
        GOOD.replace("label: 床位", &format!("label: {long}")),
    );
    refused(
        &site.build(),
        &site.output(),
        &["programme.yaml:10:5", "targets[0].label", "500"],
    );
    site.write("programmes/demo/programme.yaml", GOOD);
    site.write("site.yaml", format!("{SITE}description: {long}{long}\n"));
    refused(
        &site.build(),
        &site.output(),
        &["site.yaml:4:1", "description", "1000"],
    );
}

// Item 9: base_url.

#[test]
fn a_base_url_that_is_not_an_address_is_refused() {
    let site = Site::new();
    site.write(
        "site.yaml",
        format!("{SITE}base_url: \"/x/\\nDisallow: /\"\n"),
    );
    refused(
        &site.build(),
        &site.output(),
        &["site.yaml:4:1", "base_url"],
    );
    site.write(
        "site.yaml",
        format!("{SITE}base_url: javascript:alert(1)//\n"),
    );
    refused(
        &site.build(),
        &site.output(),
        &["site.yaml:4:1", "base_url"],
    );
    site.write("site.yaml", SITE);
    for bad in [
        "/x/\nDisallow: /",
        "javascript:alert(1)//",
        "//evil.example/",
    ] {
        let out = site.build_with(&["--base-url", bad]);
        refused(&out, &site.output(), &["--base-url"]);
    }
    let out = site.build_with(&["--base-url", "https://wjw.example.gov.cn/xxgk/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://wjw.example.gov.cn/xxgk/sitemap.xml\n"
    );
}

// Item 10: formulas in open data.

#[test]
fn cells_that_spreadsheets_would_run_are_guarded() {
    let site = Site::new();
    site.write(
        "programmes/demo/programme.yaml",
        GOOD.replace("label: 床位", "label: \"\\t=HYPERLINK(1)\"")
            .replace("source: 到 2025 年", "source: ＝1+1 到 2025 年"),
    );
    let out = site.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = site.read("data/targets.csv");
    assert!(csv.contains("'\t=HYPERLINK(1)"), "{csv}");
    assert!(csv.contains("'＝1+1"), "{csv}");
}

// Item 12: no requests to other sites.

#[test]
fn remote_images_are_refused_at_their_line() {
    let site = Site::new();
    site.write(
        "programmes/demo/index.md",
        "说明。\n\n![统计](https://tracker.example/p.gif)\n",
    );
    refused(
        &site.build(),
        &site.output(),
        &["index.md:3:1", "tracker.example"],
    );
    site.write(
        "programmes/demo/index.md",
        "说明。\n\n![图][r]\n\n[r]: //cdn.example/a.png\n",
    );
    refused(
        &site.build(),
        &site.output(),
        &["index.md:3:1", "cdn.example"],
    );
    site.write(
        "programmes/demo/index.md",
        "说明。\n\n[图](https://example.org/a.png)\n",
    );
    assert!(site.build().status.success());
}

// Item 13: Markdown and dates.

#[test]
fn nul_characters_and_year_zero_are_refused_at_their_line() {
    let site = Site::new();
    site.write("programmes/demo/index.md", "说明。\n\n正文\0之后\n");
    refused(&site.build(), &site.output(), &["index.md:3:3", "NUL"]);
    site.write("programmes/demo/index.md", "说明。\n");
    site.write(
        "programmes/demo/programme.yaml",
        GOOD.replace("written: 2023-08-10", "written: 0000-01-01"),
    );
    refused(
        &site.build(),
        &site.output(),
        &["programme.yaml:4", "disclosure.written", "0000"],
    );
}

// Item 11: data printed in messages.

#[test]
fn messages_escape_control_characters_and_line_breaks_from_the_data() {
    let site = Site::new();
    site.write(
        "programmes/demo/programme.yaml",
        GOOD.replace(
            "indicator: beds_per_1000",
            "indicator: \"x\\e[2J\\e]0;pwned\\a\\n::error file=a::forged\\r\"",
        ),
    );
    let out = site.build();
    let message = stderr(&out);
    assert!(!out.status.success());
    assert!(message.contains("targets[0].indicator"), "{message}");
    assert!(
        !message.chars().any(|c| c.is_control() && c != '\n'),
        "{message:?}"
    );
    assert!(
        !message.lines().any(|l| l.trim_start().starts_with("::")),
        "{message}"
    );
    assert!(message.contains("\\u{1b}[2J"), "{message}");
}

#[test]
fn the_ci_recipe_turns_every_problem_into_exactly_one_annotation() {
    if std::process::Command::new("jq")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("jq is not installed; the recipe's jq program is not run");
        return;
    }
    let site = Site::new();
    site.write(
        "programmes/demo/programme.yaml",
        GOOD.replace(
            "indicator: beds_per_1000",
            "indicator: \"x\\n::error file=a::forged 100%0A\\r\"",
        ),
    );
    let content = site.content();
    let out = gongkai(&[
        "check",
        "--format",
        "json",
        "--content",
        content.to_str().unwrap(),
    ]);
    let json = site.dir.path().join("check.json");
    std::fs::write(&json, &out.stdout).unwrap();
    let recipe = std::fs::read_to_string(repo().join("ci/github-actions.yml")).unwrap();
    let program = recipe
        .split("jq -r '")
        .nth(1)
        .and_then(|rest| rest.split("' check.json").next())
        .expect("the recipe runs jq -r '…' check.json");
    let annotations = std::process::Command::new("jq")
        .args(["-r", program])
        .arg(&json)
        .output()
        .unwrap();
    assert!(annotations.status.success(), "{}", stderr(&annotations));
    let text = String::from_utf8_lossy(&annotations.stdout);
    let problems: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!problems.is_empty());
    assert_eq!(text.lines().count(), problems.len(), "{text}");
    for line in text.lines() {
        assert!(line.starts_with("::error file=") || line.starts_with("::warning file="));
    }
    assert!(text.contains("x%0A::error file=a::forged"), "{text}");
    assert!(text.contains("100%250A"), "{text}");
}

// Item 12: a Content-Security-Policy on every page, which nothing on the pages needs to break.

#[test]
fn every_page_carries_a_content_security_policy_it_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let out = build(&repo().join("content"), &dir.path().join("site"));
    assert!(out.status.success(), "{}", stderr(&out));
    let csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; img-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'\">";
    let mut pages = 0;
    for (path, bytes) in snapshot(&dir.path().join("site")) {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        let head = &html[..html.find("</head>").unwrap()];
        let at = head
            .find(csp)
            .unwrap_or_else(|| panic!("{path}: no policy"));
        // Before anything it governs.
        for tag in ["<script", "<link", "<style", "<base"] {
            assert!(
                head.find(tag).is_none_or(|i| i > at),
                "{path}: {tag} before the policy"
            );
        }
        // Nothing inline that the policy would block.
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<style"), "{path}: inline style element");
        assert!(!lower.contains(" style=\""), "{path}: style attribute");
        for script in lower.split("<script").skip(1) {
            let tag = &script[..script.find('>').unwrap()];
            assert!(tag.contains(" src=\""), "{path}: inline script");
            assert!(script[script.find('>').unwrap() + 1..].starts_with("</script>"));
        }
        for (i, _) in lower.match_indices(" on") {
            let name: String = lower[i + 3..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase())
                .collect();
            let is_handler = !name.is_empty() && lower[i + 3 + name.len()..].starts_with("=\"");
            assert!(!is_handler, "{path}: event handler on{name}");
        }
    }
    assert!(pages >= 30, "{pages} pages");
}
