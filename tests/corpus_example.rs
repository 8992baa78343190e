//! The benchmark corpus generator (`examples/corpus.rs`) writes content that `gongkai build`
//! publishes without error, and writes the same bytes for the same seed.

#[path = "../examples/corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::Command;

const N: usize = 20;

/// Every file under `root` with its bytes, by relative path.
fn tree(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.push((path.strip_prefix(root).unwrap().to_path_buf(), bytes));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

fn build(content: &Path, output: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .arg("build")
        .arg("--content")
        .arg(content)
        .arg("--output")
        .arg(output)
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "gongkai build failed on the generated corpus:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn generated_corpus_builds_and_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    let summary = corpus::generate(N, 7, &a).unwrap();
    corpus::generate(N, 7, &b).unwrap();
    corpus::generate(N, 8, &c).unwrap();

    let files = tree(&a);
    assert_eq!(
        files.len(),
        1 + 2 * N,
        "site.yaml and two files per programme"
    );
    assert!(files == tree(&b), "the same seed must give identical bytes");
    assert!(files != tree(&c), "another seed must give another corpus");

    assert_eq!(summary.slugs.len(), N);
    for slug in &summary.slugs {
        let folder = a.join("programmes").join(slug);
        let commentary = std::fs::read_to_string(folder.join("index.md")).unwrap();
        let chars = commentary.chars().count();
        assert!(
            (600..=1500).contains(&chars),
            "{slug}: commentary has {chars} characters"
        );
        assert!(commentary.contains("\n## ") && commentary.contains("\n|---|"));
        let yaml = std::fs::read_to_string(folder.join("programme.yaml")).unwrap();
        let targets = yaml.lines().filter(|l| l.starts_with("  - id: ")).count();
        assert!((10..=30).contains(&targets), "{slug}: {targets} targets");
    }

    let out = dir.path().join("out");
    build(&a, &out);
    let pages = std::fs::read_dir(out.join("programmes"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("index.html").is_file())
        .count();
    assert_eq!(pages, N, "one page per programme");
    for slug in &summary.slugs {
        assert!(out
            .join("programmes")
            .join(slug)
            .join("index.html")
            .is_file());
    }
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains(corpus::MARKER),
        "the site says it is synthetic"
    );
}

#[test]
fn minimal_variant_builds() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let options = corpus::Options {
        programmes: 5,
        seed: 7,
        minimal: true,
    };
    let summary = corpus::generate_with(&options, &content).unwrap();
    assert_eq!(summary.targets, 0);
    // The same commentary as the full corpus with the same seed.
    let full = dir.path().join("full");
    corpus::generate(5, 7, &full).unwrap();
    for slug in &summary.slugs {
        let md = |root: &Path| std::fs::read(root.join("programmes").join(slug).join("index.md"));
        assert_eq!(md(&content).unwrap(), md(&full).unwrap(), "{slug}");
    }
    build(&content, &dir.path().join("out"));
}

/// A national site's home page lists its most recent programmes, not all of them, and
/// sends readers to the directories, which still list every programme.
#[test]
fn a_large_site_home_page_lists_the_latest_and_links_the_directories() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let total = gongkai::render::page::home::HOME_PROGRAMMES + 10;
    let options = corpus::Options {
        programmes: total,
        seed: 3,
        minimal: true,
    };
    let summary = corpus::generate_with(&options, &content).unwrap();
    let out = dir.path().join("out");
    build(&content, &out);
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    let cards = home.matches("<li class=\"card\">").count();
    assert_eq!(cards, gongkai::render::page::home::HOME_PROGRAMMES);
    assert!(home.contains(&format!("全站共 {total} 个项目")));
    for directory in ["regions", "years", "issuers", "status", "search"] {
        let href = format!("href=\"{directory}/index.html\"");
        assert!(home.contains(&href), "home links {directory}");
        assert!(out.join(directory).join("index.html").is_file());
    }
    // Regions: an overview of provinces, each linking its own page, which lists its
    // programmes; every programme is on exactly one province's page.
    let regions = std::fs::read_to_string(out.join("regions/index.html")).unwrap();
    let mut listed = Vec::new();
    for href in regions.split("<h2 id=\"").skip(1).filter_map(|h| {
        h.split_once("<a href=\"")
            .and_then(|(_, rest)| rest.split('"').next())
    }) {
        let page = std::fs::read_to_string(out.join("regions").join(href)).unwrap();
        listed.extend(
            page.split("href=\"../../programmes/")
                .skip(1)
                .filter_map(|s| s.split('/').next().map(String::from)),
        );
    }
    listed.sort();
    let mut slugs = summary.slugs.clone();
    slugs.sort();
    assert_eq!(listed, slugs, "every programme on one province's page");

    // Years likewise: each year links its page, which lists that year's programmes.
    let years = std::fs::read_to_string(out.join("years/index.html")).unwrap();
    let mut listed = Vec::new();
    for href in years
        .split("<h2><a href=\"")
        .skip(1)
        .filter_map(|h| h.split('"').next())
    {
        let path = out.join("years").join(href);
        let page = std::fs::read_to_string(&path).unwrap();
        target_links(&path, &page); // every link leads to a file
        listed.extend(
            page.split("href=\"../../programmes/")
                .skip(1)
                .filter_map(|s| s.split('/').next().map(String::from)),
        );
    }
    listed.sort();
    assert_eq!(listed, slugs, "every programme on one year's page");
}

/// A site with thousands of targets lists the first few of each status on the status page
/// and every target on that status's own pages, each target once, with working links.
#[test]
fn a_large_site_status_page_lists_the_first_of_each_status_and_pages_the_rest() {
    use gongkai::compute::Status;
    use gongkai::render::page::directory::{STATUS_ONE_PAGE_LIMIT, STATUS_PER_PAGE, STATUS_SHOWN};
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let options = corpus::Options {
        programmes: 70,
        seed: 3,
        minimal: false,
    };
    corpus::generate_with(&options, &content).unwrap();
    let out = dir.path().join("out");
    build(&content, &out);
    let read = |path: &Path| std::fs::read_to_string(path).unwrap();
    let index = read(&out.join("status/index.html"));
    let mut listed = std::collections::BTreeSet::new();
    let mut total = 0;
    for status in Status::ALL {
        let heading = format!("{} {}（", status.symbol(), status.label());
        let at = index
            .find(&format!("\">{heading}"))
            .expect("a heading per status");
        let count: usize = index[at + heading.len() + 2..]
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        total += count;
        let pages = count.div_ceil(STATUS_PER_PAGE);
        if count > STATUS_SHOWN {
            assert!(index.contains(&format!("href=\"{}/index.html\"", status.key())));
        }
        for number in 1..=pages {
            let path = match number {
                1 => out.join(format!("status/{}/index.html", status.key())),
                n => out.join(format!("status/{}/{n}/index.html", status.key())),
            };
            let page = read(&path);
            if pages > 1 {
                assert!(
                    page.contains(&format!("第 {number}/{pages} 页")),
                    "{path:?}"
                );
            }
            assert_eq!(page.contains("rel=\"next\""), number < pages, "{path:?}");
            assert_eq!(page.contains("rel=\"prev\""), number > 1, "{path:?}");
            for target in target_links(&path, &page) {
                assert!(listed.insert(target.clone()), "{target} listed once");
            }
        }
        assert!(!out
            .join(format!("status/{}/{}/index.html", status.key(), pages + 1))
            .exists());
    }
    assert!(
        total > STATUS_ONE_PAGE_LIMIT,
        "the corpus is large enough: {total}"
    );
    assert_eq!(listed.len(), total, "every target on its status's pages");
    assert!(
        index.len() < 100_000,
        "status page stays small: {} bytes",
        index.len()
    );
    let shown = index.matches("#t-").count();
    assert!(shown <= STATUS_SHOWN * Status::ALL.len());
}

/// Checks that every link of `page` (at `path`) leads to a file, and every link to a target
/// (`…#t-…`) to an element with that id; returns those targets as `programmes/…#t-…`.
fn target_links(path: &Path, page: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for href in page
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
    {
        let (file, anchor) = href.split_once('#').unwrap_or((href, ""));
        if file.is_empty() {
            continue; // a link within the page (skip link, group)
        }
        let target = path.parent().unwrap().join(file);
        assert!(target.is_file(), "{path:?} links to {href}");
        if anchor.starts_with("t-") {
            let html = std::fs::read_to_string(&target).unwrap();
            assert!(html.contains(&format!("id=\"{anchor}\"")), "{href}");
            targets.push(href.replace("../", ""));
        }
    }
    targets
}

/// An indicator used by more targets than a page holds lists the first on its page and
/// every one on pages of its own, each once, with working links between the pages.
#[test]
fn a_much_used_indicator_lists_its_targets_on_pages_of_their_own() {
    use gongkai::render::page::indicators::{INDICATOR_PER_PAGE, INDICATOR_SHOWN};
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let options = corpus::Options {
        programmes: 200,
        seed: 3,
        minimal: false,
    };
    corpus::generate_with(&options, &content).unwrap();
    let out = dir.path().join("out");
    build(&content, &out);
    let indicator = out.join("indicators/built/index.html");
    let page = std::fs::read_to_string(&indicator).unwrap();
    let total: usize = page
        .split("使用该指标的目标（共 ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the caption gives the total");
    assert!(
        total > INDICATOR_PER_PAGE,
        "the corpus uses `built` enough: {total}"
    );
    assert_eq!(target_links(&indicator, &page).len(), INDICATOR_SHOWN);
    assert!(page.contains("href=\"targets/index.html\""));
    let pages = total.div_ceil(INDICATOR_PER_PAGE);
    let mut listed = std::collections::BTreeSet::new();
    for number in 1..=pages {
        let path = match number {
            1 => out.join("indicators/built/targets/index.html"),
            n => out.join(format!("indicators/built/targets/{n}/index.html")),
        };
        let page = std::fs::read_to_string(&path).unwrap();
        assert!(
            page.contains(&format!("（第 {number}/{pages} 页）")),
            "{path:?}"
        );
        assert_eq!(page.contains("rel=\"next\""), number < pages, "{path:?}");
        for target in target_links(&path, &page) {
            assert!(listed.insert(target.clone()), "{target} listed once");
        }
    }
    assert_eq!(listed.len(), total, "every target on the indicator's pages");

    // The preview serves the same files (paged listings included), each part rendered on
    // its own.
    let live = gongkai::serve::live::LiveSite::new(gongkai::BuildOptions {
        content,
        output: dir.path().join("unused"),
        base_url: None,
        as_of: None,
    });
    live.update(&gongkai::serve::live::Changes::Unknown)
        .unwrap();
    for (path, bytes) in tree(&out) {
        let path = path.to_string_lossy().replace('\\', "/");
        let served = live.file(&format!("/{path}")).unwrap();
        assert!(
            served.is_some_and(|f| f.bytes == bytes),
            "{path} served as built"
        );
    }
}

/// A directory with more entries than a page holds (issuers, at 600 programmes) continues on
/// numbered pages, each within the limit, linked by a pager, listing every programme.
#[test]
fn a_long_directory_continues_on_numbered_pages() {
    use gongkai::render::page::directory::DIRECTORY_PER_PAGE;
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let options = corpus::Options {
        programmes: 600,
        seed: 5,
        minimal: true,
    };
    let summary = corpus::generate_with(&options, &content).unwrap();
    let out = dir.path().join("out");
    build(&content, &out);
    let mut listed = std::collections::BTreeSet::new();
    let mut number = 1;
    loop {
        let path = match number {
            1 => out.join("issuers/index.html"),
            n => out.join(format!("issuers/{n}/index.html")),
        };
        let page = std::fs::read_to_string(&path).unwrap();
        target_links(&path, &page); // every link leads to a file
        let items = page
            .split("<li><a href=\"")
            .skip(1)
            .filter(|s| s.trim_start_matches("../").starts_with("programmes/"))
            .count();
        assert!(items <= DIRECTORY_PER_PAGE, "{path:?}: {items} items");
        listed.extend(
            page.split("programmes/")
                .skip(1)
                .filter_map(|s| s.split('/').next().map(String::from)),
        );
        if !page.contains("rel=\"next\"") {
            break;
        }
        number += 1;
    }
    assert!(
        number > 1,
        "600 programmes' issuers take more than one page"
    );
    let slugs: std::collections::BTreeSet<String> = summary.slugs.iter().cloned().collect();
    assert_eq!(listed, slugs, "every programme listed under its issuers");
}
