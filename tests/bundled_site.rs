//! Builds the bundled content (the five seed documents) and checks what comes out.

mod common;

use common::*;
use gongkai::model::{Amount, Programme};
use std::path::Path;

const SLUGS: [(&str, &str); 5] = [
    ("minquan-medical-centre-2019", "000_e410a366f2ab70c5.txt"),
    ("yunzhou-county-hospitals-2023", "001_0200143d345726b6.txt"),
    ("zhumadian-tiered-care-2020", "002_3354ae6352d1d001.txt"),
    ("huantai-health-work-2019", "003_38e3cffc88c25650.txt"),
    ("gansu-pairing-2022", "004_e13ca5f6b3a9eff4.txt"),
];

/// Page noise from the seed files that must never reach a published file.
const NOISE: &[&str] = &[
    "扫一扫在手机上查看当前页面",
    "扫码使用手机浏览本页内容",
    "免責聲明",
    "責任編輯",
    "上一篇",
    "下一篇",
    "分 享 至 手 機",
    "欧美视频",
    "日本男女",
    "亚洲性爱",
    "泰茂",
    "京ICP",
    "hiddenladdercollective",
    "sisapamba",
    "0931-4818087",
    "點擊量",
    "(fā)",
    "(wèi)",
    "??",
];

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let result = build(&repo().join("content"), &out);
    assert!(
        result.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    (dir, out)
}

fn load(slug: &str) -> Programme {
    let path = repo()
        .join("content/programmes")
        .join(slug)
        .join("programme.yaml");
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Text of a seed for comparison: no whitespace, no pinyin left by a conversion tool, no lost
/// characters ('?') — and the site's marker for lost characters (□) is dropped on our side.
fn normalise_seed(text: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '(' {
            if let Some(len) = pinyin_len(&chars[i + 1..]) {
                i += len + 2;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    normalise_quote(&out)
}

fn pinyin_len(rest: &[char]) -> Option<usize> {
    let end = rest.iter().position(|&c| c == ')')?;
    let word = &rest[..end];
    let is_pinyin = !word.is_empty()
        && end <= 8
        && word
            .iter()
            .all(|c| c.is_alphabetic() && !c.is_ascii_uppercase() && (*c as u32) < 0x2000);
    is_pinyin.then_some(end)
}

fn normalise_quote(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '?' && *c != '□' && *c != '\u{3000}')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '，' => ',',
            '：' => ':',
            '；' => ';',
            _ => c,
        })
        .collect()
}

#[test]
fn every_source_sentence_is_in_its_document() {
    for (slug, seed) in SLUGS {
        let document = normalise_seed(&read(&seeds().join(seed)));
        let programme = load(slug);
        let mut sources: Vec<(String, &str)> = Vec::new();
        sources.extend(
            programme
                .targets
                .iter()
                .map(|t| (format!("target {}", t.id), t.source.as_str())),
        );
        sources.extend(
            programme
                .actuals
                .iter()
                .map(|a| (format!("actual {}", a.label), a.source.as_str())),
        );
        sources.extend(
            programme
                .budget
                .iter()
                .map(|b| (format!("budget {}", b.purpose), b.source.as_str())),
        );
        sources.extend(
            programme
                .milestones
                .iter()
                .map(|m| (format!("milestone {}", m.name), m.source.as_str())),
        );
        assert!(!sources.is_empty(), "{slug} has no figures");
        for (what, source) in sources {
            for part in source.split('…') {
                let part = normalise_quote(part);
                assert!(
                    document.contains(&part),
                    "{slug}: {what}: source sentence not found in {seed}: {source}"
                );
            }
        }
    }
}

#[test]
fn every_programme_page_shows_metadata_targets_and_figures() {
    let (_dir, out) = built();
    for (slug, _) in SLUGS {
        let page = read(&out.join("programmes").join(slug).join("index.html"));
        let programme = load(slug);
        assert!(page.contains(&programme.title), "{slug}: title");
        for issuer in &programme.disclosure.issuers {
            assert!(page.contains(issuer.as_str()), "{slug}: issuer {issuer}");
        }
        if let Some(doc_no) = &programme.disclosure.doc_no {
            assert!(page.contains(doc_no.as_str()), "{slug}: 文号 {doc_no}");
        }
        if let Some(written) = &programme.disclosure.written {
            assert!(page.contains(&written.to_chinese()), "{slug}: 成文日期");
        }
        for target in &programme.targets {
            assert!(
                page.contains(&format!("id=\"t-{}\"", target.id)),
                "{slug}: target row {}",
                target.id
            );
            assert!(
                page.contains(&html_escape(&target.label)),
                "{slug}: target label {}",
                target.label
            );
            assert!(
                page.contains(&html_escape(&target.source)),
                "{slug}: target source {}",
                target.id
            );
            if let (Amount::Number(n), None) = (&target.value, &target.display) {
                let shown = gongkai::render::format::number(*n);
                assert!(page.contains(&shown), "{slug}: target value {shown}");
            }
        }
        for actual in &programme.actuals {
            assert!(
                page.contains(&html_escape(&actual.source)),
                "{slug}: actual {}",
                actual.label
            );
        }
        for line in &programme.budget {
            let amount = gongkai::render::format::number(line.amount_wan_yuan);
            assert!(page.contains(&amount), "{slug}: budget {amount}");
        }
        let statuses = ["已完成", "进展正常", "存在风险", "已逾期", "暂无数据"];
        if !programme.targets.is_empty() {
            assert!(
                statuses.iter().any(|s| page.contains(s)),
                "{slug}: status words"
            );
        }
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

#[test]
fn no_page_noise_reaches_the_site() {
    let (_dir, out) = built();
    for (path, bytes) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        for noise in NOISE {
            assert!(
                !text.contains(noise),
                "{path} contains page noise {noise:?}"
            );
        }
    }
}

#[test]
fn the_four_chart_kinds_are_drawn_with_chinese_labels() {
    let (_dir, out) = built();
    let chart =
        |slug: &str, name: &str| read(&out.join("programmes").join(slug).join("charts").join(name));
    let beds = chart(
        "yunzhou-county-hospitals-2023",
        "trajectory-beds-per-1000.svg",
    );
    assert!(beds.contains("<svg") && beds.contains("3.5") && beds.contains("张/千人"));
    let emr = chart("yunzhou-county-hospitals-2023", "levels-emr-level.svg");
    assert!(emr.contains("区人民医院") && emr.contains("区中医医院") && emr.contains("4级"));
    let budget = chart("minquan-medical-centre-2019", "budget.svg");
    assert!(budget.contains("1,840") && budget.contains("2,600") && budget.contains("850"));
    let timeline = chart("yunzhou-county-hospitals-2023", "timeline.svg");
    assert!(timeline.contains("启动阶段") && timeline.contains("数据截至"));
    for svg in [&beds, &emr, &budget, &timeline] {
        assert!(svg.contains("role=\"img\"") && svg.contains("<title") && svg.contains("<desc"));
        assert!(!svg.contains("<script"));
    }
}

/// The value of `name="…"` in `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[start..].split('"').next()
}

#[test]
fn every_chart_on_a_page_is_its_svg_file_with_the_figures_in_words() {
    let (_dir, out) = built();
    let mut images = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = read(&path);
        assert!(!page.contains("<svg"), "{}: inline SVG", path.display());
        for tag in page
            .split("<img")
            .skip(1)
            .map(|t| &t[..t.find('>').unwrap()])
        {
            images += 1;
            let src = attr(tag, "src").expect("src");
            let svg = read(&path.parent().unwrap().join(src));
            let root = &svg[svg.find("<svg").unwrap()..];
            for size in ["width", "height"] {
                assert_eq!(attr(tag, size), attr(root, size), "{src}: {size}");
            }
            let alt = attr(tag, "alt").expect("alt");
            let desc = &svg[svg.find("<desc").unwrap()..svg.find("</desc>").unwrap()];
            let desc = &desc[desc.find('>').unwrap() + 1..];
            assert!(
                !desc.is_empty() && alt.ends_with(desc),
                "{src}: alt {alt:?} lacks {desc:?}"
            );
        }
    }
    assert!(images >= 30, "only {images} charts shown");
}

#[test]
fn index_pages_list_every_programme() {
    let (_dir, out) = built();
    let home = read(&out.join("index.html"));
    let regions = read(&out.join("regions/index.html"));
    let years = read(&out.join("years/index.html"));
    for (slug, _) in SLUGS {
        let href = format!("programmes/{slug}/index.html");
        assert!(home.contains(&href), "home lists {slug}");
        assert!(regions.contains(&href), "regions lists {slug}");
        assert!(years.contains(&href), "years lists {slug}");
    }
    for province in ["河南省", "山西省", "山东省", "甘肃省"] {
        assert!(
            regions.contains(province) || regions.contains("甘肅省"),
            "{province}"
        );
    }
    for year in ["2019年", "2020年", "2022年", "2023年"] {
        assert!(years.contains(year), "{year}");
    }
}

#[test]
fn builds_are_byte_identical() {
    let (_a, first) = built();
    let (_b, second) = built();
    assert_eq!(snapshot(&first), snapshot(&second));
}

#[test]
fn pages_make_no_external_requests() {
    let (_dir, out) = built();
    for (path, bytes) in snapshot(&out) {
        if !(path.ends_with(".html") || path.ends_with(".svg") || path.ends_with(".css")) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for attr in [
            "src=\"http",
            "href=\"http",
            "url(http",
            "@import",
            "src=\"//",
            "href=\"//",
        ] {
            assert!(!text.contains(attr), "{path} contains {attr}");
        }
        // The only scripts are the theme's own reading aids and search.
        let scripts = text.matches("<script").count();
        let own = text.matches("assets/a11y.js\"></script>").count()
            + text.matches("assets/search.js\"></script>").count();
        assert_eq!(
            scripts, own,
            "{path} has a script other than the theme's own"
        );
    }
}

#[test]
fn works_under_a_sub_path_and_from_file_urls() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let result = gongkai(&[
        "build",
        "--content",
        repo().join("content").to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--base-url",
        "https://www.example.gov.cn/xxgk/ylws/",
    ]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://www.example.gov.cn/xxgk/ylws/programmes/yunzhou-county-hospitals-2023/index.html</loc>"));
    assert!(read(&out.join("robots.txt"))
        .contains("Sitemap: https://www.example.gov.cn/xxgk/ylws/sitemap.xml"));
    for (path, bytes) in snapshot(&out) {
        if path.ends_with(".html") {
            let text = String::from_utf8_lossy(&bytes);
            for attr in ["href=\"/", "src=\"/", "action=\"/"] {
                assert!(
                    !text.contains(attr),
                    "{path}: root-relative link breaks under a sub-path and from file://"
                );
            }
        }
    }
}

#[test]
fn programme_pages_are_light_for_phones() {
    let (_dir, out) = built();
    let css = std::fs::metadata(out.join("assets/style.css"))
        .unwrap()
        .len();
    let js = std::fs::metadata(out.join("assets/a11y.js")).unwrap().len();
    for (slug, _) in SLUGS {
        let page = read(&out.join("programmes").join(slug).join("index.html"));
        // Page weight before charts (images, fetched separately): HTML, CSS and script.
        let weight = page.len() as u64 + css + js;
        assert!(weight < 150 * 1024, "{slug}: {weight} bytes before charts");
    }
}
