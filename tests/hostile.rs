//! Hostile content: every payload of `tests/corpus/xss.txt` is placed in every kind of field
//! that reaches a page, a chart, a feed or the search index; the built site must contain no
//! markup, attribute or URL that the templates did not write themselves.

mod common;

use common::*;
use serde_yaml::{Mapping, Value};
use std::path::Path;

fn payloads() -> Vec<String> {
    std::fs::read_to_string(repo().join("tests/corpus/xss.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn map(pairs: Vec<(&str, Value)>) -> Value {
    let mut m = Mapping::new();
    for (k, v) in pairs {
        m.insert(Value::String(k.into()), v);
    }
    Value::Mapping(m)
}

fn s(text: &str) -> Value {
    Value::String(text.to_string())
}

/// A programme carrying `x` in every free-text field.
fn hostile_programme(x: &str) -> Value {
    map(vec![
        ("title", s(&format!("方案{x}"))),
        ("short_title", s(x)),
        (
            "disclosure",
            map(vec![
                ("index_no", s(x)),
                ("category", s(x)),
                ("issuers", Value::Sequence(vec![s(x)])),
                ("written", s("2023-08-10")),
                ("published", s("2023-08-25")),
                ("doc_no", s(x)),
                ("validity", s(x)),
                ("disclosure_mode", s(x)),
                ("subject_words", Value::Sequence(vec![s(x)])),
                ("cc", Value::Sequence(vec![s(x)])),
                ("addressees", Value::Sequence(vec![s(x)])),
                ("source_url", s(x)),
            ]),
        ),
        (
            "region",
            map(vec![("province", s(x)), ("city", s(x)), ("county", s(x))]),
        ),
        (
            "period",
            map(vec![("start", s("2023-08")), ("end", s("2025-12"))]),
        ),
        (
            "basis",
            Value::Sequence(vec![map(vec![("title", s(x)), ("doc_no", s(x))])]),
        ),
        (
            "facilities",
            Value::Sequence(vec![map(vec![
                ("id", s("h")),
                ("name", s(x)),
                ("kind", s(x)),
            ])]),
        ),
        (
            "targets",
            Value::Sequence(vec![
                map(vec![
                    ("id", s("beds")),
                    ("indicator", s("beds_per_1000")),
                    ("label", s(x)),
                    ("value", Value::from(3.5)),
                    (
                        "baseline",
                        map(vec![("value", Value::from(3.0)), ("date", s("2023"))]),
                    ),
                    ("display", s(x)),
                    ("deadline", s("2025")),
                    ("recurring", s(x)),
                    ("source", s(x)),
                ]),
                map(vec![
                    ("id", s("emr")),
                    ("indicator", s("hostile_level")),
                    ("label", s(x)),
                    ("scope", s("h")),
                    ("value", Value::from(2)),
                    ("deadline", s("2025")),
                    ("source", s(x)),
                ]),
            ]),
        ),
        (
            "actuals",
            Value::Sequence(vec![
                map(vec![
                    ("target", s("beds")),
                    ("indicator", s("beds_per_1000")),
                    ("label", s(x)),
                    ("subject", s(x)),
                    ("date", s("2024")),
                    ("value", Value::from(3.2)),
                    ("display", s(x)),
                    ("source", s(x)),
                ]),
                map(vec![
                    ("target", s("emr")),
                    ("indicator", s("hostile_level")),
                    ("label", s(x)),
                    ("scope", s("h")),
                    ("date", s("2024")),
                    ("value", Value::from(1)),
                    ("source", s(x)),
                ]),
            ]),
        ),
        (
            "phases",
            Value::Sequence(vec![map(vec![
                ("name", s(x)),
                ("start", s("2023-08")),
                ("end", s("2023-09")),
                ("description", s(x)),
                ("source", s(x)),
            ])]),
        ),
        (
            "milestones",
            Value::Sequence(vec![map(vec![
                ("name", s(x)),
                ("group", s(x)),
                ("start", s("2024-01")),
                ("due", s("2024-06")),
                ("responsible", Value::Sequence(vec![s(x)])),
                ("source", s(x)),
            ])]),
        ),
        (
            "budget",
            Value::Sequence(vec![map(vec![
                ("purpose", s(x)),
                ("amount_wan_yuan", Value::from(850)),
                ("subject", s(x)),
                ("source", s(x)),
            ])]),
        ),
        (
            "tasks",
            Value::Sequence(vec![map(vec![
                ("number", s(x)),
                ("title", s(x)),
                ("section", s(x)),
                ("responsible", Value::Sequence(vec![s(x)])),
            ])]),
        ),
        (
            "revisions",
            Value::Sequence(vec![map(vec![("date", s("2026-11-22")), ("note", s(x))])]),
        ),
        (
            "transcription",
            map(vec![
                ("notes", Value::Sequence(vec![s(x)])),
                ("source_file", s(x)),
            ]),
        ),
    ])
}

fn hostile_site(dir: &Path) -> std::path::PathBuf {
    let content = dir.join("content");
    let list = payloads();
    let site = map(vec![
        ("title", s(&format!("站点{}", list[0]))),
        ("publisher", s(&list[1])),
        ("description", s(&list[2])),
        ("keywords", Value::Sequence(vec![s(&list[3])])),
        ("as_of", s("2026-11-01")),
        ("traditional", Value::Bool(true)),
        // A base_url holding markup is refused outright (tests/safety_data.rs); a valid
        // absolute one still reaches every page, the feed and the sitemap.
        ("base_url", s("https://example.gov.cn/xxgk/")),
    ]);
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        content.join("site.yaml"),
        serde_yaml::to_string(&site).unwrap(),
    )
    .unwrap();
    let x = &list[4];
    let indicator = map(vec![
        ("id", s("hostile_level")),
        ("name", s(x)),
        ("unit", s(x)),
        ("kind", s("level")),
        ("description", s(x)),
        ("defined_by", s(x)),
        ("standard_version", s(x)),
        (
            "levels",
            Value::Sequence(
                (0..4)
                    .map(|v| {
                        map(vec![
                            ("value", Value::from(v)),
                            ("label", s(&format!("{v}{x}"))),
                            ("meaning", s(x)),
                        ])
                    })
                    .collect(),
            ),
        ),
    ]);
    std::fs::write(
        content.join("indicators.yaml"),
        serde_yaml::to_string(&Value::Sequence(vec![indicator])).unwrap(),
    )
    .unwrap();
    for (i, payload) in list.iter().enumerate() {
        let folder = content.join(format!("programmes/p{i:03}"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join("programme.yaml"),
            serde_yaml::to_string(&hostile_programme(payload)).unwrap(),
        )
        .unwrap();
        let md = format!("# {payload}\n\n{payload}\n\n[链接]({payload}) ![图]({payload})\n\n- {payload}\n\n| a | b |\n|---|---|\n| {payload} | x |\n");
        std::fs::write(folder.join("index.md"), &md).unwrap();
        std::fs::write(folder.join("more.md"), &md).unwrap();
    }
    content
}

const ALLOWED_TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "link",
    "body",
    "a",
    "header",
    "nav",
    "ul",
    "ol",
    "li",
    "main",
    "footer",
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "time",
    "span",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "q",
    "small",
    "br",
    "hr",
    "details",
    "summary",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "form",
    "label",
    "input",
    "button",
    "noscript",
    "script",
    "img",
    "del",
    "sup",
    "sub",
    "svg",
    "g",
    "rect",
    "line",
    "polyline",
    "polygon",
    "path",
    "circle",
    "text",
    "tspan",
    "desc",
    "defs",
    "pattern",
    "clippath",
    "clipPath",
    "ellipse",
    "urlset",
    "url",
    "loc",
    "lastmod",
    "feed",
    "id",
    "updated",
    "author",
    "name",
    "entry",
    "summary",
    "s",
    "?xml",
];

/// Every tag of a document: (name, attributes as (name, value)).
fn tags(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let bytes: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != '<' {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if bytes.get(j) == Some(&'!') {
            while j < bytes.len() && bytes[j] != '>' {
                j += 1;
            }
            i = j;
            continue;
        }
        if bytes.get(j) == Some(&'/') {
            // A closing tag: nothing to check beyond its name, which its opening tag had.
            while j < bytes.len() && bytes[j] != '>' {
                j += 1;
            }
            i = j;
            continue;
        }
        let start = j;
        while j < bytes.len() && !bytes[j].is_whitespace() && bytes[j] != '>' && bytes[j] != '/' {
            j += 1;
        }
        let name: String = bytes[start..j].iter().collect();
        let mut attrs = Vec::new();
        loop {
            while j < bytes.len() && (bytes[j].is_whitespace() || bytes[j] == '/') {
                j += 1;
            }
            if j >= bytes.len()
                || bytes[j] == '>'
                || (bytes[j] == '?' && bytes.get(j + 1) == Some(&'>'))
            {
                break;
            }
            let a = j;
            while j < bytes.len() && !bytes[j].is_whitespace() && bytes[j] != '=' && bytes[j] != '>'
            {
                j += 1;
            }
            let attr: String = bytes[a..j].iter().collect();
            let mut value = String::new();
            if bytes.get(j) == Some(&'=') {
                j += 1;
                let quote = bytes[j];
                if quote == '"' || quote == '\'' {
                    j += 1;
                    let v = j;
                    while j < bytes.len() && bytes[j] != quote {
                        j += 1;
                    }
                    value = bytes[v..j].iter().collect();
                    j += 1;
                } else {
                    let v = j;
                    while j < bytes.len() && !bytes[j].is_whitespace() && bytes[j] != '>' {
                        j += 1;
                    }
                    value = bytes[v..j].iter().collect();
                }
            }
            attrs.push((attr.to_ascii_lowercase(), value));
        }
        out.push((name, attrs));
        i = j;
    }
    out
}

/// The policy every page carries (themes/default/templates/base.html).
const CSP: &str = "default-src 'self'; img-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

fn dangerous_url(value: &str) -> bool {
    let cleaned: String = value
        .replace("&#x09;", "")
        .replace("&#9;", "")
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:", "&#106;", "&#x6a;"]
        .iter()
        .any(|p| cleaned.contains(p))
}

#[test]
fn no_payload_survives_as_markup() {
    let dir = tempfile::tempdir().unwrap();
    let content = hostile_site(dir.path());
    let out = dir.path().join("output");
    let result = build(&content, &out);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let mut checked = 0;
    for (path, bytes) in snapshot(&out) {
        if !(path.ends_with(".html") || path.ends_with(".svg") || path.ends_with(".xml")) {
            continue;
        }
        checked += 1;
        let text = String::from_utf8_lossy(&bytes);
        for (name, attrs) in tags(&text) {
            assert!(
                ALLOWED_TAGS.contains(&name.as_str()),
                "{path}: unexpected tag <{name}>"
            );
            for (attr, value) in &attrs {
                assert!(
                    !attr.starts_with("on"),
                    "{path}: event handler {attr}={value:?} on <{name}>"
                );
                assert!(
                    attr != "srcdoc" && attr != "formaction",
                    "{path}: {attr} on <{name}>"
                );
                if ["href", "src", "action", "xlink:href", "style"].contains(&attr.as_str()) {
                    assert!(
                        !dangerous_url(value),
                        "{path}: dangerous {attr}={value:?} on <{name}>"
                    );
                }
            }
            if name == "script" {
                let src = attrs
                    .iter()
                    .find(|(a, _)| a == "src")
                    .map(|(_, v)| v.as_str())
                    .unwrap_or("");
                assert!(
                    src.ends_with("assets/a11y.js") || src.ends_with("assets/search.js"),
                    "{path}: script src={src:?}"
                );
            }
            if name == "meta" {
                // Only the theme's own Content-Security-Policy, word for word.
                let get = |wanted: &str| {
                    attrs
                        .iter()
                        .find(|(a, _)| a == wanted)
                        .map(|(_, v)| v.as_str())
                };
                if let Some(equiv) = get("http-equiv") {
                    assert_eq!(equiv, "Content-Security-Policy", "{path}: meta http-equiv");
                    assert_eq!(get("content"), Some(CSP), "{path}: policy changed");
                }
            }
        }
    }
    assert!(checked > 140, "only {checked} files checked");
    // scripts/test.sh loads these pages in Chromium and fails on any dialog or script error.
    if let Some(keep) = std::env::var_os("GONGKAI_HOSTILE_OUT") {
        let keep = std::path::PathBuf::from(keep);
        let _ = std::fs::remove_dir_all(&keep);
        copy_tree(&out, &keep);
    }
}
