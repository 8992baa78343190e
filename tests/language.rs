//! One language per run: every command, its progress lines, summaries, errors and `--help`,
//! run in Chinese and in English, says nothing in the other language.
//!
//! What a message quotes is data, not the tool's words, and may be in either language: text
//! inside “…”, 「…」, `…` or "…", the source lines shown under a caret (`12 | …`), and file
//! paths. Everything else is checked:
//! - in English, no Chinese character or full-width punctuation;
//! - in Chinese, no English sentence (three English words in a row) and none of the
//!   English words a message is made of ("error", "created", "the", …); command names,
//!   option names, field names, acronyms and values such as `content` stay as they are.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Lang {
    Zh,
    En,
}

const BOTH: [Lang; 2] = [Lang::Zh, Lang::En];

/// The binary with no language in its environment, so only what a run asks for decides.
fn gongkai_in(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    command.current_dir(dir);
    for name in ["LANG", "LC_ALL", "LC_MESSAGES", "GONGKAI_LANG", "CI"] {
        command.env_remove(name);
    }
    command
}

/// Runs `args` in `lang`: Chinese by default (no setting at all), English by `--lang en`
/// placed before the other arguments.
fn run(dir: &Path, lang: Lang, args: &[&str]) -> Output {
    let mut command = gongkai_in(dir);
    if lang == Lang::En {
        command.args(["--lang", "en"]);
    }
    command.args(args).output().expect("gongkai runs")
}

/// Findings of one test: which run said what in the wrong language.
#[derive(Default)]
struct Findings(Vec<String>);

impl Findings {
    /// Checks both streams of a run.
    fn output(&mut self, lang: Lang, what: &str, out: &Output) {
        self.text(
            lang,
            &format!("{what} (stdout)"),
            &String::from_utf8_lossy(&out.stdout),
        );
        self.text(
            lang,
            &format!("{what} (stderr)"),
            &String::from_utf8_lossy(&out.stderr),
        );
    }

    fn text(&mut self, lang: Lang, what: &str, text: &str) {
        for line in text.lines() {
            let bare = without_data(line);
            let wrong = match lang {
                Lang::En => chinese_in(&bare),
                Lang::Zh => english_in(&bare),
            };
            if let Some(why) = wrong {
                self.0
                    .push(format!("[{lang:?}] {what}: {why}\n      {line}"));
            }
        }
    }

    fn assert_none(&self) {
        assert!(
            self.0.is_empty(),
            "{} line(s) in the other language:\n{}",
            self.0.len(),
            self.0.join("\n")
        );
    }
}

/// The line without what it quotes: an excerpt of a source file, quoted text, paths.
fn without_data(line: &str) -> String {
    let trimmed = line.trim_start();
    let after_number = trimmed.trim_start_matches(|c: char| c.is_ascii_digit());
    if after_number.trim_start().starts_with('|') {
        return String::new(); // `12 | source text` or `   | ^^^`
    }
    let mut text = line.to_string();
    for (open, close) in [
        ('“', '”'),
        ('「', '」'),
        ('『', '』'),
        ('`', '`'),
        ('"', '"'),
    ] {
        text = strip_between(&text, open, close);
    }
    text.split(' ')
        .filter(|token| !is_path(token))
        .collect::<Vec<_>>()
        .join(" ")
        .replace("a–z", " ") // a range of letters, not a word
}

/// `text` with every span from `open` to its `close` replaced by a mark. Spans nest (a quote
/// within a quote: “推进“一次办好”事项”), but a closing mark followed by anything but a
/// Chinese character ends the whole span: quoted text from a notice may open a quote it
/// never closes (“按照“每个县要好医院”).
fn strip_between(text: &str, open: char, close: char) -> String {
    let mut out = String::new();
    let mut span = String::new();
    let mut depth = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if depth > 0 {
            span.push(c);
            if c == close {
                let inner = chars.peek().is_some_and(|&n| is_chinese(n));
                depth = if inner { depth - 1 } else { 0 };
                if depth == 0 {
                    out.push_str(" \u{1} ");
                    span.clear();
                }
            } else if c == open {
                depth += 1;
            }
        } else if c == open {
            depth = 1;
            span.push(c);
        } else {
            out.push(c);
        }
    }
    // An opening mark never closed is not a quotation: keep what followed it.
    out.push_str(&span);
    out
}

fn is_path(token: &str) -> bool {
    token.contains('/') || token.contains('\\')
}

/// A Chinese character or full-width punctuation mark.
fn is_chinese(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

/// The first Chinese character or full-width punctuation mark, if any.
fn chinese_in(text: &str) -> Option<String> {
    text.chars()
        .find(|&c| is_chinese(c))
        .map(|c| format!("Chinese “{c}” in an English run"))
}

/// Words that a sentence of the tool's own would be made of, never a name in the content
/// format or the command line.
const ENGLISH_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "is",
    "are",
    "was",
    "be",
    "been",
    "has",
    "have",
    "had",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "with",
    "for",
    "from",
    "and",
    "or",
    "not",
    "no",
    "cannot",
    "can",
    "it",
    "this",
    "that",
    "these",
    "there",
    "which",
    "must",
    "should",
    "only",
    "error",
    "errors",
    "warning",
    "warnings",
    "hint",
    "created",
    "next",
    "found",
    "problem",
    "problems",
    "missing",
    "built",
    "serving",
    "updated",
    "read",
    "check",
    "see",
    "use",
    "please",
    "invalid",
    "unknown",
    "unexpected",
    "expected",
    "required",
    "print",
    "usage",
    "options",
    "commands",
    "arguments",
    "default",
    "possible",
    "values",
    "such",
    "file",
    "folder",
    "directory",
    "failed",
    "while",
    "into",
    "as",
    "if",
    "more",
    "information",
    "try",
    // serde's names of kinds of values, as in "invalid type: sequence, expected a string".
    "string",
    "sequence",
    "map",
    "integer",
    "boolean",
    "struct",
    "variant",
    "identifier",
];

/// Names that stay English in Chinese text: the program, its commands and option values.
const NAMES: &[&str] = &[
    "gongkai",
    "build",
    "check",
    "serve",
    "init",
    "new",
    "programme",
    "schema",
    "import",
    "help",
    "zh",
    "en",
    "text",
    "json",
    "true",
    "false",
    "cd",
];

/// An English sentence or message word in a Chinese run, if any.
fn english_in(text: &str) -> Option<String> {
    let mut run: Vec<&str> = Vec::new();
    let mut longest: Vec<&str> = Vec::new();
    // Any character that is not ASCII (a Chinese one, full-width punctuation) ends a run.
    for piece in text.split(|c: char| !c.is_ascii()) {
        for token in piece.split_whitespace() {
            let word = token
                .trim_start_matches(['(', '['])
                .trim_end_matches([',', '.', ';', ':', '!', '?', ')', ']']);
            let is_word = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic());
            // An all-capital word is an acronym (YAML, JSON, HTML) or a placeholder.
            let english =
                is_word && !word.chars().all(|c| c.is_ascii_uppercase()) && !NAMES.contains(&word);
            if english && ENGLISH_WORDS.contains(&word.to_ascii_lowercase().as_str()) {
                return Some(format!("English word “{word}” in a Chinese run"));
            }
            if english {
                run.push(word);
                if run.len() > longest.len() {
                    longest = run.clone();
                }
            } else {
                run.clear();
            }
        }
        run.clear();
    }
    (longest.len() >= 3).then(|| format!("English “{}” in a Chinese run", longest.join(" ")))
}

/// The commands below `path`, read from its English help ("Commands:" section).
fn subcommands(dir: &Path, path: &[&str]) -> Vec<Vec<String>> {
    let mut args: Vec<&str> = path.to_vec();
    args.push("--help");
    let help = String::from_utf8_lossy(&run(dir, Lang::En, &args).stdout).into_owned();
    let mut found = Vec::new();
    let mut listing = false;
    for line in help.lines() {
        if line.starts_with("Commands:") {
            listing = true;
        } else if listing && line.trim().is_empty() {
            listing = false;
        } else if listing {
            let name = line.split_whitespace().next().unwrap_or("").to_string();
            if !name.is_empty() && name != "help" {
                let mut below: Vec<String> = path.iter().map(|s| s.to_string()).collect();
                below.push(name);
                found.push(below);
            }
        }
    }
    found
}

#[test]
fn the_checks_themselves_tell_the_languages_apart() {
    assert!(chinese_in("built 2 programmes").is_none());
    assert!(chinese_in(&without_data("field `标题`: “示例项目” is too long")).is_none());
    assert!(chinese_in(&without_data("  12 | title: 示例项目")).is_none());
    assert!(chinese_in(&without_data("check: “推进“一次办好”事项” (0.45)")).is_none());
    assert!(chinese_in(&without_data("unclosed “引号")).is_some());
    assert!(chinese_in(&without_data(
        "check: “按照“每个县要好医院” (0.65) no deadline"
    ))
    .is_none());
    assert!(english_in(&without_data("只能用小写字母 a–z、数字和 -")).is_none());
    assert!(english_in("这里写的是 sequence，应为 a string").is_some());
    assert!(chinese_in("错误：缺少 site.yaml").is_some());
    assert!(
        chinese_in("hint：add it").is_some(),
        "full-width punctuation"
    );
    assert!(english_in("已生成 2 个项目，写入 output").is_none());
    assert!(english_in("  --content <文件夹>  内容文件夹 [默认：content]").is_none());
    assert!(english_in(&without_data("YAML 格式错误：“could not find expected”")).is_none());
    assert!(english_in("YAML 格式错误：could not find expected ':'").is_some());
    assert!(english_in("created content/site.yaml").is_some());
    assert!(english_in("0 errors, 0 warnings").is_some());
    assert!(
        english_in("Print help").is_some(),
        "two words are caught by the word list…"
    );
    assert!(
        english_in("Print this message").is_some(),
        "…or as a sentence"
    );
    assert!(english_in("gongkai new programme my-slug").is_none());
}

/// `--help` of every command and of `help <command>`, the version, and clap's own errors.
#[test]
fn help_and_command_line_mistakes_speak_one_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut commands = vec![Vec::<String>::new()];
    let mut i = 0;
    while i < commands.len() {
        let path: Vec<&str> = commands[i].iter().map(String::as_str).collect();
        commands.extend(subcommands(dir.path(), &path));
        i += 1;
    }
    assert!(commands.len() >= 8, "commands found: {commands:?}");
    let mut findings = Findings::default();
    for lang in BOTH {
        for path in &commands {
            let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
            args.push("--help");
            let out = run(dir.path(), lang, &args);
            assert!(out.status.success(), "{args:?}");
            findings.output(lang, &args.join(" "), &out);
            args.pop();
            args.push("-h");
            findings.output(lang, &args.join(" "), &run(dir.path(), lang, &args));
            if !path.is_empty() {
                let mut help = vec!["help"];
                help.extend(path.iter().map(String::as_str));
                findings.output(lang, &help.join(" "), &run(dir.path(), lang, &help));
            }
        }
        for mistake in [
            &["build", "--frob"][..],
            &["buld"],
            &["check", "--format", "xml"],
            &["build", "--content"],
            &["import"],
            &["new"],
            &[],
            &["build", "surplus"],
            &["serve", "--port", "http"],
            &["serve", "--bind", "everywhere"],
            &["build", "--as-of", "2025-13-01"],
            &["--version"],
        ] {
            let out = run(dir.path(), lang, mistake);
            findings.output(lang, &format!("{mistake:?}"), &out);
        }
    }
    findings.assert_none();
}

/// `--lang` after `--help` is still honoured, and without the flag the language comes from
/// GONGKAI_LANG, then the locale.
#[test]
fn the_language_is_chosen_before_the_command_line_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let help = |args: &[&str], env: &[(&str, &str)]| {
        let mut command = gongkai_in(dir.path());
        command.args(args);
        for (k, v) in env {
            command.env(k, v);
        }
        String::from_utf8_lossy(&command.output().unwrap().stdout).into_owned()
    };
    let english = |text: &str| text.contains("Usage:") && chinese_in(text).is_none();
    let chinese = |text: &str| text.contains("用法：") && english_in(text).is_none();
    assert!(english(&help(&["build", "--help", "--lang", "en"], &[])));
    assert!(english(&help(&["build", "--help", "--lang=en"], &[])));
    assert!(english(&help(&["--help"], &[("GONGKAI_LANG", "en")])));
    assert!(english(&help(&["--help"], &[("LANG", "en_US.UTF-8")])));
    assert!(chinese(&help(&["--help"], &[])));
    assert!(chinese(&help(&["--help"], &[("LANG", "C.UTF-8")])));
    assert!(chinese(&help(
        &["--help"],
        &[("GONGKAI_LANG", "zh"), ("LANG", "en_US.UTF-8")]
    )));
    assert!(chinese(&help(
        &["--help", "--lang", "zh"],
        &[("GONGKAI_LANG", "en")]
    )));
}

/// init, new programme, build (fresh, unchanged, broken), check (clean, with findings, as
/// JSON), schema: each in both languages.
#[test]
fn authoring_commands_speak_one_language() {
    let mut findings = Findings::default();
    for lang in BOTH {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path();
        let step = |findings: &mut Findings, what: &str, args: &[&str], at: &Path| {
            let out = run(at, lang, args);
            findings.output(lang, what, &out);
            out
        };
        let f = &mut findings;
        assert!(step(f, "init", &["init", "site"], top).status.success());
        step(f, "init again", &["init", "site"], top);
        let site = top.join("site");
        assert!(step(
            f,
            "new programme",
            &["new", "programme", "fresh-2026"],
            &site
        )
        .status
        .success());
        step(
            f,
            "new programme again",
            &["new", "programme", "fresh-2026"],
            &site,
        );
        step(
            f,
            "new programme, bad slug",
            &["new", "programme", "Bad_Slug"],
            &site,
        );
        assert!(step(f, "build", &["build"], &site).status.success());
        step(f, "build unchanged", &["build"], &site);
        step(
            f,
            "build, no content",
            &["build", "--content", "nowhere"],
            &site,
        );
        // The example site is not for publishing: check finds its placeholders (exit 1),
        // which is a finding, not a failure to run.
        assert_eq!(step(f, "check", &["check"], &site).status.code(), Some(1));
        assert!(
            step(f, "schema", &["schema", "--out", "schemas-out"], &site)
                .status
                .success()
        );

        // Findings for check: a broken link, an overdue target, a stray file.
        let programme = site.join("content/programmes/example-programme");
        let md = programme.join("index.md");
        let text = std::fs::read_to_string(&md).unwrap();
        std::fs::write(&md, format!("{text}\n[旧页面](../nowhere/index.html)\n")).unwrap();
        std::fs::write(programme.join("notes.docx"), "x").unwrap();
        let check = step(
            f,
            "check with findings",
            &["check", "--as-of", "2035-01-01"],
            &site,
        );
        assert!(!check.status.success());
        let json = run(
            &site,
            lang,
            &["check", "--as-of", "2035-01-01", "--format", "json"],
        );
        let items: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let items = items.as_array().unwrap();
        assert!(items.len() >= 3, "{items:?}");
        for item in items {
            for key in ["message", "hint"] {
                if let Some(text) = item[key].as_str() {
                    f.text(lang, &format!("check --format json, {key}"), text);
                }
            }
        }
        std::fs::write(&md, &text).unwrap();

        // Mistakes in the YAML: an unknown field, a bad date, an unknown indicator.
        let yaml = programme.join("programme.yaml");
        let original = std::fs::read_to_string(&yaml).unwrap();
        let broken = original.replacen("title:", "titel: x\ntitle:", 1);
        std::fs::write(&yaml, broken).unwrap();
        step(f, "build, unknown field", &["build"], &site);
        let broken = original.replace("deadline: ", "deadline: 2027-02-30 #");
        std::fs::write(&yaml, broken).unwrap();
        step(f, "build, impossible date", &["build"], &site);
        // A full-width colon (typed with a Chinese input method), a list where text belongs,
        // a document type that does not exist: the parser's own messages.
        let broken = original.replacen("deadline: ", "deadline：", 1);
        std::fs::write(&yaml, broken).unwrap();
        step(f, "build, full-width colon", &["build"], &site);
        let title = original.lines().find(|l| l.starts_with("title:")).unwrap();
        std::fs::write(&yaml, original.replacen(title, "title: [1, 2]", 1)).unwrap();
        step(f, "build, list for text", &["build"], &site);
        let broken = original.replacen("document_type: plan", "document_type: planx", 1);
        assert_ne!(broken, original);
        std::fs::write(&yaml, broken).unwrap();
        step(f, "build, unknown document type", &["build"], &site);
        let broken = original.replace("indicator: ", "indicator: no_such_indicator #");
        std::fs::write(&yaml, broken).unwrap();
        step(f, "build, unknown indicator", &["build"], &site);
        step(f, "check, unknown indicator", &["check"], &site);
        std::fs::write(&yaml, &original).unwrap();
    }
    findings.assert_none();
}

/// import of every bundled notice (the report lists what to check), a dry run, an empty
/// notice and a slug that is taken.
#[test]
fn import_speaks_one_language() {
    let mut findings = Findings::default();
    let notices: Vec<_> = std::fs::read_dir(common::seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    assert_eq!(notices.len(), 5);
    for lang in BOTH {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = dir.path().join("drafts");
        let out = out_dir.to_str().unwrap();
        for notice in &notices {
            let notice = notice.to_str().unwrap();
            let done = run(dir.path(), lang, &["import", notice, "--out", out]);
            assert!(done.status.success(), "{notice}");
            findings.output(lang, &format!("import {notice}"), &done);
        }
        let notice = notices[0].to_str().unwrap();
        // The draft printed by a dry run is content, in Chinese: only the report is checked.
        let dry = run(dir.path(), lang, &["import", notice, "--dry-run"]);
        findings.text(
            lang,
            "import --dry-run (stderr)",
            &String::from_utf8_lossy(&dry.stderr),
        );
        let slug = ["--slug", "taken", "--out", out];
        run(dir.path(), lang, &[&["import", notice][..], &slug].concat());
        let again = run(dir.path(), lang, &[&["import", notice][..], &slug].concat());
        assert!(!again.status.success());
        findings.output(lang, "import, slug taken", &again);
        std::fs::write(dir.path().join("empty.txt"), "  \n").unwrap();
        findings.output(
            lang,
            "import, empty",
            &run(dir.path(), lang, &["import", "empty.txt"]),
        );
        let missing = run(dir.path(), lang, &["import", "no-such-notice.txt"]);
        findings.output(lang, "import, no such file", &missing);
    }
    findings.assert_none();
}

/// serve: its first lines, a page that does not exist, a rebuild after an edit, and a port
/// that is taken.
#[test]
fn serve_speaks_one_language() {
    let mut findings = Findings::default();
    for lang in BOTH {
        let dir = tempfile::tempdir().unwrap();
        assert!(run(dir.path(), lang, &["init"]).status.success());
        let mut command = gongkai_in(dir.path());
        if lang == Lang::En {
            command.args(["--lang", "en"]);
        }
        let mut child = command
            .args(["serve", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Lines arrive on a channel so that a silent server fails the test, not hangs it.
        let (sender, lines) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let next = || lines.recv_timeout(Duration::from_secs(30)).ok();
        let mut said = Vec::new();
        let port: u16 = loop {
            let Some(line) = next() else {
                let _ = child.kill();
                panic!("serve printed no address: {said:?}");
            };
            said.push(line.clone());
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(stream, "GET /no-such-page.html HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b)
            .unwrap_or("");
        findings.text(lang, "serve, 404 page", body);
        let yaml = dir
            .path()
            .join("content/programmes/example-programme/programme.yaml");
        let text = std::fs::read_to_string(&yaml).unwrap();
        // The watcher starts just after the address is printed: edit until it sees one.
        for attempt in 0..15 {
            let edited = text.replacen("title: ", &format!("title: 改过{attempt}次的"), 1);
            std::fs::write(&yaml, edited).unwrap();
            if let Ok(line) = lines.recv_timeout(Duration::from_secs(2)) {
                said.push(line);
                break;
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        assert!(said.len() >= 3, "serve reported the edit: {said:?}");
        findings.text(lang, "serve", &said.join("\n"));

        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port().to_string();
        let out = run(dir.path(), lang, &["serve", "--port", &port]);
        assert!(!out.status.success(), "a port in use is refused");
        findings.output(lang, "serve, port taken", &out);
    }
    findings.assert_none();
}
