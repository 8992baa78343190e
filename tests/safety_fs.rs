//! File-system safety (issue 20): symbolic links at every level of what a build reads, an
//! output folder that is not gongkai's, concurrent builds, defaced output files, and the
//! clumsy-user gaps that used to publish something wrong and exit 0.

mod common;

use common::*;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A site folder holding a copy of the bundled content; returns the content folder.
fn site(dir: &Path) -> PathBuf {
    let content = dir.join("site/content");
    copy_tree(&repo().join("content"), &content);
    content
}

/// Runs gongkai in English with `args`.
fn en(args: &[&str]) -> Output {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    gongkai(&all)
}

fn build_en(content: &Path, output: &Path) -> Output {
    en(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ])
}

fn check_en(content: &Path) -> Output {
    en(&["check", "--content", content.to_str().unwrap()])
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Asserts that a command failed and said `words` on standard error or output.
#[track_caller]
fn fails_saying(output: &Output, words: &[&str]) {
    let said = format!("{}{}", stderr(output), stdout(output));
    assert!(!output.status.success(), "should fail; said:\n{said}");
    for word in words {
        assert!(said.contains(word), "expected “{word}” in:\n{said}");
    }
}

/// Sets `theme:` in site.yaml.
fn use_theme(content: &Path, name: &str) {
    let path = content.join("site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\ntheme: {name}\n")).unwrap();
}

/// A folder outside the site holding a file only an attacker would want published.
fn secret_folder(dir: &Path) -> PathBuf {
    let secret = dir.join("secret");
    std::fs::create_dir_all(&secret).unwrap();
    std::fs::write(secret.join("token.txt"), "SECRET-TOKEN-42").unwrap();
    secret
}

#[test]
fn a_symbolic_link_anywhere_in_a_theme_is_refused_by_build_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let secret = secret_folder(dir.path());
    let mut theme_file = secret.clone();
    theme_file.push("theme.yaml");
    std::fs::write(&theme_file, "chart: {}\n").unwrap();
    // Each case makes one level of themes/x a link, and names the path the error must show.
    type Setup = fn(&Path, &Path);
    let cases: [(&str, Setup); 6] = [
        ("themes/x/static", |themes, secret| {
            std::fs::create_dir_all(themes.join("x")).unwrap();
            symlink(secret, themes.join("x/static")).unwrap();
        }),
        ("themes/x/templates", |themes, secret| {
            std::fs::create_dir_all(themes.join("x")).unwrap();
            symlink(secret, themes.join("x/templates")).unwrap();
        }),
        ("themes/x", |themes, secret| {
            std::fs::create_dir_all(themes).unwrap();
            symlink(secret, themes.join("x")).unwrap();
        }),
        ("themes/x/static/token.txt", |themes, secret| {
            std::fs::create_dir_all(themes.join("x/static")).unwrap();
            symlink(secret.join("token.txt"), themes.join("x/static/token.txt")).unwrap();
        }),
        ("themes/x/theme.yaml", |themes, secret| {
            std::fs::create_dir_all(themes.join("x")).unwrap();
            symlink(secret.join("theme.yaml"), themes.join("x/theme.yaml")).unwrap();
        }),
        ("themes", |themes, secret| {
            let real = secret.parent().unwrap().join("real-themes");
            std::fs::create_dir_all(real.join("x/static")).unwrap();
            symlink(secret.join("token.txt"), real.join("x/static/token.txt")).ok();
            symlink(&real, themes).unwrap();
        }),
    ];
    for (i, (shown, setup)) in cases.into_iter().enumerate() {
        let case = dir.path().join(format!("case{i}"));
        let content = site(&case);
        use_theme(&content, "x");
        setup(&case.join("site/themes"), &secret);
        let output = case.join("site/output");
        let built = build_en(&content, &output);
        fails_saying(&built, &[shown, "symbolic link"]);
        assert!(!output.exists(), "{shown}: nothing published");
        fails_saying(&check_en(&content), &[shown, "symbolic link"]);
    }
}

#[test]
fn a_theme_file_linked_to_the_environment_is_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path());
    use_theme(&content, "x");
    let theme = dir.path().join("site/themes/x");
    std::fs::create_dir_all(&theme).unwrap();
    symlink("/proc/self/environ", theme.join("theme.yaml")).unwrap();
    for command in ["build", "check"] {
        let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args([
                "--lang",
                "en",
                command,
                "--content",
                content.to_str().unwrap(),
            ])
            .current_dir(dir.path())
            .env("GONGKAI_TEST_SECRET", "do-not-print-me-7731")
            .output()
            .unwrap();
        fails_saying(&out, &["themes/x/theme.yaml", "symbolic link"]);
        let said = format!("{}{}", stderr(&out), stdout(&out));
        assert!(!said.contains("do-not-print-me-7731"), "{command}: {said}");
    }
}

#[test]
fn symbolic_links_in_content_are_refused_at_every_level() {
    let dir = tempfile::tempdir().unwrap();
    type Setup = fn(&Path, &Path);
    let cases: [(&str, Setup); 5] = [
        ("content/programmes", |content, outside| {
            let real = outside.join("programmes");
            std::fs::rename(content.join("programmes"), &real).unwrap();
            symlink(&real, content.join("programmes")).unwrap();
        }),
        ("content/indicators.yaml", |content, outside| {
            std::fs::write(outside.join("i.yaml"), "[]\n").unwrap();
            symlink(outside.join("i.yaml"), content.join("indicators.yaml")).unwrap();
        }),
        ("content/site.yaml", |content, outside| {
            std::fs::rename(content.join("site.yaml"), outside.join("site.yaml")).unwrap();
            symlink(outside.join("site.yaml"), content.join("site.yaml")).unwrap();
        }),
        (
            "minquan-medical-centre-2019/index.md",
            |content, outside| {
                let page = content.join("programmes/minquan-medical-centre-2019/index.md");
                std::fs::rename(&page, outside.join("index.md")).unwrap();
                symlink(outside.join("index.md"), &page).unwrap();
            },
        ),
        ("content", |content, outside| {
            let real = outside.join("content");
            std::fs::rename(content, &real).unwrap();
            symlink(&real, content).unwrap();
        }),
    ];
    for (i, (shown, setup)) in cases.into_iter().enumerate() {
        let case = dir.path().join(format!("case{i}"));
        let content = site(&case);
        let outside = case.join("outside");
        std::fs::create_dir_all(&outside).unwrap();
        setup(&content, &outside);
        let output = case.join("site/output");
        fails_saying(&build_en(&content, &output), &[shown, "symbolic link"]);
        assert!(!output.exists(), "{shown}: nothing published");
        fails_saying(&check_en(&content), &[shown, "symbolic link"]);
    }
}

/// Every file under `dir` with its bytes, to see that a refused build left it alone.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(dir)
}

#[test]
fn an_output_folder_that_is_not_a_gongkai_site_is_never_emptied() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path());
    let site_root = content.parent().unwrap().to_path_buf();
    let theme = site_root.join("themes/x");
    std::fs::create_dir_all(theme.join("static")).unwrap();
    std::fs::write(theme.join("static/extra.css"), "body{}").unwrap();
    let unrelated = dir.path().join("my-documents");
    std::fs::create_dir_all(unrelated.join("sub")).unwrap();
    std::fs::write(unrelated.join("report.docx"), "precious").unwrap();
    std::fs::write(unrelated.join("sub/notes.txt"), "also precious").unwrap();
    let before = tree(dir.path());
    let cases: [(PathBuf, &str); 7] = [
        (content.clone(), "content"),
        (content.join("programmes"), "content"),
        (
            content.join("programmes/minquan-medical-centre-2019"),
            "content",
        ),
        (content.join("new-folder"), "content"),
        (site_root.clone(), "content"),
        (theme.clone(), "theme"),
        (unrelated.clone(), "not made by gongkai"),
    ];
    for (output, words) in &cases {
        let built = build_en(&content, output);
        fails_saying(&built, &[words, "nothing was published"]);
        assert_eq!(tree(dir.path()), before, "{}", output.display());
    }
    // In Chinese too.
    let built = build(&content, &unrelated);
    fails_saying(&built, &["不是 gongkai 生成的"]);
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn an_output_folder_given_as_a_symbolic_link_is_refused_and_its_target_kept() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path());
    let real = dir.path().join("real-output");
    assert!(build(&content, &real).status.success());
    let before = tree(&real);
    let link = dir.path().join("link-output");
    symlink(&real, &link).unwrap();
    fails_saying(&build_en(&content, &link), &["symbolic link"]);
    assert_eq!(tree(&real), before);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn a_gongkai_output_is_rebuilt_even_after_a_failed_build() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path());
    let output = dir.path().join("site/output");
    // An existing empty folder is accepted.
    std::fs::create_dir_all(&output).unwrap();
    assert!(build(&content, &output).status.success());
    // A failed build does not make the output a stranger's.
    let site_yaml = content.join("site.yaml");
    let good = std::fs::read_to_string(&site_yaml).unwrap();
    std::fs::write(&site_yaml, "title: [").unwrap();
    assert!(!build(&content, &output).status.success());
    std::fs::write(&site_yaml, good.replace("县域医疗", "县域医疗卫生")).unwrap();
    let rebuilt = build(&content, &output);
    assert!(rebuilt.status.success(), "{}", stderr(&rebuilt));
    // An output built before the marker existed (no fingerprint beside it) is recognised
    // by its shape.
    let fingerprint = dir.path().join("site/.output.gongkai-fingerprint");
    assert!(fingerprint.exists());
    std::fs::remove_file(&fingerprint).unwrap();
    std::fs::write(&site_yaml, &good).unwrap();
    let rebuilt = build(&content, &output);
    assert!(rebuilt.status.success(), "{}", stderr(&rebuilt));
    assert!(
        String::from_utf8_lossy(&std::fs::read(output.join("index.html")).unwrap())
            .contains("县域医疗卫生项目")
    );
}

#[test]
fn concurrent_builds_into_one_output_publish_a_complete_site() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path());
    // Copies of the programmes, so that each build writes long enough for the other to
    // start while it does.
    let programmes = content.join("programmes");
    for entry in std::fs::read_dir(&programmes).unwrap().flatten() {
        for copy in 0..3 {
            let name = format!("{}-copy{copy}", entry.file_name().to_string_lossy());
            copy_tree(&entry.path(), &programmes.join(name));
        }
    }
    // Two as-of days, so the two builds publish different sites.
    let days = ["2026-10-31", "2026-11-01"];
    let expected: Vec<_> = days
        .iter()
        .map(|day| {
            let reference = dir.path().join(format!("reference-{day}"));
            let built = gongkai(&[
                "build",
                "--as-of",
                day,
                "--content",
                content.to_str().unwrap(),
                "--output",
                reference.to_str().unwrap(),
            ]);
            assert!(built.status.success());
            snapshot(&reference)
        })
        .collect();
    assert_ne!(expected[0], expected[1]);
    let output = dir.path().join("site/output");
    let spawn = |as_of: &str| {
        Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(["--lang", "en", "build", "--as-of", as_of, "--content"])
            .arg(&content)
            .arg("--output")
            .arg(&output)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    for (round, gap_ms) in [0u64, 2, 5, 10, 20, 40, 80, 160, 320, 640]
        .into_iter()
        .enumerate()
    {
        let first = spawn(days[round % 2]);
        std::thread::sleep(std::time::Duration::from_millis(gap_ms));
        let second = spawn(days[(round + 1) % 2]);
        let first = first.wait_with_output().unwrap();
        let second = second.wait_with_output().unwrap();
        for run in [&first, &second] {
            assert!(run.status.success(), "gap {gap_ms} ms: {}", stderr(run));
        }
        let published = snapshot(&output);
        assert!(
            expected.contains(&published),
            "gap {gap_ms} ms: the published site is not one build's complete site ({} files)",
            published.len()
        );
        let beside: Vec<String> = std::fs::read_dir(output.parent().unwrap())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("staging") || n.contains("-old-"))
            .collect();
        assert!(beside.is_empty(), "gap {gap_ms} ms: left behind {beside:?}");
    }
}

#[test]
fn only_staging_folders_of_finished_processes_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path());
    let output = dir.path().join("site/output");
    let parent = output.parent().unwrap();
    // This test process is alive: a folder named for it belongs to a running writer.
    let alive = parent.join(format!(".output.gongkai-staging-{}", std::process::id()));
    std::fs::create_dir_all(&alive).unwrap();
    std::fs::write(alive.join("index.html"), "someone else's").unwrap();
    let mut child = Command::new("true").spawn().unwrap();
    let gone_pid = child.id();
    child.wait().unwrap();
    let gone = parent.join(format!(".output.gongkai-staging-{gone_pid}"));
    std::fs::create_dir_all(&gone).unwrap();
    std::fs::write(gone.join("index.html"), "left by a killed build").unwrap();
    let built = build(&content, &output);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(
        alive.join("index.html").exists(),
        "a live writer's folder is kept"
    );
    assert!(!gone.exists(), "a dead build's folder is removed");
}

#[test]
fn a_defaced_output_file_of_the_same_size_does_not_survive_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path());
    let output = dir.path().join("site/output");
    assert!(build(&content, &output).status.success());
    let pages = [
        "index.html",
        "programmes/minquan-medical-centre-2019/index.html",
    ];
    let originals: Vec<Vec<u8>> = pages
        .iter()
        .map(|p| std::fs::read(output.join(p)).unwrap())
        .collect();
    for (page, original) in pages.iter().zip(&originals) {
        // Written in place (same inode), same size.
        let path = output.join(page);
        let mut defaced = original.clone();
        defaced[..8].copy_from_slice(b"DEFACED!");
        std::fs::write(&path, &defaced).unwrap();
    }
    let rebuilt = en(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ]);
    assert!(rebuilt.status.success());
    assert!(
        !stdout(&rebuilt).contains("unchanged since the last build"),
        "{}",
        stdout(&rebuilt)
    );
    for (page, original) in pages.iter().zip(&originals) {
        assert_eq!(
            &std::fs::read(output.join(page)).unwrap(),
            original,
            "{page}"
        );
    }
    // A file replaced by another of the same size and time (a new inode) is seen too.
    let path = output.join(pages[1]);
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let mut defaced = originals[1].clone();
    defaced[..8].copy_from_slice(b"DEFACED!");
    let other = dir.path().join("other");
    std::fs::write(&other, &defaced).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&other)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    std::fs::rename(&other, &path).unwrap();
    assert!(build(&content, &output).status.success());
    assert_eq!(std::fs::read(&path).unwrap(), originals[1]);
}

#[test]
fn a_missing_or_wrong_programmes_folder_is_an_error_not_an_empty_site() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path());
    let output = dir.path().join("site/output");
    assert!(build(&content, &output).status.success());
    let before = tree(&output);
    let programmes = content.join("programmes");
    std::fs::rename(&programmes, dir.path().join("away")).unwrap();
    fails_saying(&build_en(&content, &output), &["content/programmes"]);
    fails_saying(&check_en(&content), &["content/programmes"]);
    std::fs::write(&programmes, "not a folder").unwrap();
    fails_saying(&build_en(&content, &output), &["content/programmes"]);
    assert_eq!(tree(&output), before, "the published site is untouched");
}

#[test]
fn a_theme_that_does_not_exist_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path());
    use_theme(&content, "nonexistent");
    let output = dir.path().join("site/output");
    fails_saying(
        &build_en(&content, &output),
        &["nonexistent", "themes/nonexistent"],
    );
    assert!(!output.exists());
    fails_saying(&check_en(&content), &["nonexistent", "themes/nonexistent"]);
}

#[test]
fn markdown_named_in_capitals_is_published_and_dot_folders_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path());
    let folder = content.join("programmes/minquan-medical-centre-2019");
    std::fs::write(folder.join("notes.MD"), "# 说明\n\n大写扩展名。\n").unwrap();
    let hidden = content.join("programmes/.draft-programme");
    copy_tree(&folder, &hidden);
    let output = dir.path().join("site/output");
    let built = build_en(&content, &output);
    assert!(built.status.success(), "{}", stderr(&built));
    let page = output.join("programmes/minquan-medical-centre-2019/notes/index.html");
    assert!(String::from_utf8_lossy(&std::fs::read(page).unwrap()).contains("大写扩展名"));
    let checked = check_en(&content);
    assert!(
        stdout(&checked).contains(".draft-programme"),
        "{}",
        stdout(&checked)
    );
    // Two files that would be the same page are an error, not one silently lost.
    std::fs::write(folder.join("notes.md"), "# 另一个\n").unwrap();
    fails_saying(&build_en(&content, &output), &["notes.MD", "notes.md"]);
}

#[test]
fn files_kept_beside_the_output_are_never_written_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let content = site(dir.path());
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let beside = dir.path().join("site");
    for name in [
        ".output.gongkai-fingerprint",
        ".output.gongkai-fingerprint.tmp",
    ] {
        symlink(&victim, beside.join(name)).unwrap();
    }
    let output = beside.join("output");
    let built = build(&content, &output);
    assert!(built.status.success(), "{}", stderr(&built));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    // Forgotten (emptied) by a build that changes the site: still not through a link.
    std::fs::remove_file(beside.join(".output.gongkai-fingerprint")).unwrap();
    symlink(&victim, beside.join(".output.gongkai-fingerprint")).unwrap();
    let built = gongkai(&[
        "build",
        "--as-of",
        "2026-10-30",
        "--content",
        content.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    // A lock file that is a link: the build stops rather than open it.
    let lock = beside.join(".output.gongkai-lock");
    std::fs::remove_file(&lock).unwrap();
    symlink(&victim, &lock).unwrap();
    assert!(!build(&content, &output).status.success());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
}
