//! Publishing: a build killed at any moment leaves the previous site complete, and the same
//! content gives the same bytes whatever the folder, file order, time zone or locale.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// A content folder with `n` copies of the bundled programmes, so a build takes long enough
/// to be killed in every stage.
fn big_content(dir: &Path, n: usize) -> std::path::PathBuf {
    let content = dir.join("content");
    copy_tree(&repo().join("content"), &content);
    let programmes = content.join("programmes");
    let originals: Vec<_> = std::fs::read_dir(&programmes)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    for i in 0..n {
        for original in &originals {
            let name = format!(
                "{}-copy{i}",
                original.file_name().unwrap().to_string_lossy()
            );
            copy_tree(original, &programmes.join(name));
        }
    }
    content
}

fn build_as_of(content: &Path, out: &Path, as_of: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    command.args([
        "build",
        "--as-of",
        as_of,
        "--content",
        content.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    command
}

#[test]
fn killed_builds_leave_the_previous_site_complete() {
    let dir = tempfile::tempdir().unwrap();
    let content = big_content(dir.path(), 8);
    let dates = ["2026-11-01", "2026-11-02"];
    let mut expected = Vec::new();
    for (i, date) in dates.iter().enumerate() {
        let reference = dir.path().join(format!("reference-{i}"));
        assert!(build_as_of(&content, &reference, date)
            .status()
            .unwrap()
            .success());
        expected.push(snapshot(&reference));
    }
    assert_ne!(
        expected[0], expected[1],
        "the two as-of dates must give different sites"
    );
    let out = dir.path().join("output");
    assert!(build_as_of(&content, &out, dates[0])
        .status()
        .unwrap()
        .success());
    let started = std::time::Instant::now();
    assert!(build_as_of(&content, &dir.path().join("timing"), dates[1])
        .status()
        .unwrap()
        .success());
    let full = started.elapsed().as_micros().max(1000) as u64;
    let mut current = 0;
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut completed = 0;
    for _ in 0..50 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let next = 1 - current;
        let mut child = build_as_of(&content, &out, dates[next]).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(seed % (full + full / 5)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = snapshot(&out);
        if now == expected[next] {
            current = next;
            completed += usize::from(status.success());
        } else {
            assert!(
                now == expected[current],
                "after a kill the site is neither the old nor the new one"
            );
        }
    }
    eprintln!("50 kills: {completed} builds finished before their kill; the rest left the previous site intact");
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.contains("gongkai-staging") || name.contains("gongkai-old")
        })
        .count();
    assert!(leftovers <= 1, "{leftovers} staging folders left");
    assert!(build_as_of(&content, &out, dates[0])
        .status()
        .unwrap()
        .success());
    assert_eq!(snapshot(&out), expected[0]);
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.contains("gongkai-staging") || name.contains("gongkai-old")
        })
        .count();
    assert_eq!(leftovers, 0, "the next build clears what a killed one left");
}

#[test]
fn same_content_same_bytes_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first place/content");
    copy_tree(&repo().join("content"), &first);
    // The second copy is written in reverse order, so directory order differs.
    let second = dir.path().join("二/content");
    let mut entries: Vec<_> = walkdir::WalkDir::new(repo().join("content"))
        .into_iter()
        .flatten()
        .collect();
    entries.reverse();
    for entry in entries {
        let target = second.join(entry.path().strip_prefix(repo().join("content")).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let run = |content: &Path, out: &Path, tz: &str, lang: &str| {
        let status = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args([
                "build",
                "--content",
                content.to_str().unwrap(),
                "--output",
                out.to_str().unwrap(),
            ])
            .env("TZ", tz)
            .env("LANG", lang)
            .env("LC_ALL", lang)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        snapshot(out)
    };
    let a = run(&first, &dir.path().join("out-a"), "UTC", "C.UTF-8");
    let b = run(
        &second,
        &dir.path().join("out-b"),
        "Asia/Shanghai",
        "en_US.UTF-8",
    );
    assert_eq!(a.len(), b.len());
    for ((path_a, bytes_a), (path_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(path_a, path_b);
        assert!(
            bytes_a == bytes_b,
            "{path_a} differs between the two builds"
        );
    }
}

/// A build with nothing changed touches nothing; a change to content, or an output someone
/// edited by hand, brings a real build back.
#[test]
fn unchanged_inputs_skip_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&repo().join("content"), &content);
    let out = dir.path().join("output");
    assert!(build(&content, &out).status.success());
    let page = out.join("programmes/minquan-medical-centre-2019/index.html");
    let before = std::fs::metadata(&page).unwrap().modified().unwrap();
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
    let root_inode = inode(&out);

    let again = build(&content, &out);
    assert!(again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("（0 个有变化）"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    assert_eq!(
        inode(&out),
        root_inode,
        "the output folder was not replaced"
    );
    assert_eq!(
        std::fs::metadata(&page).unwrap().modified().unwrap(),
        before
    );

    std::fs::write(&page, "defaced").unwrap();
    assert!(build(&content, &out).status.success());
    let restored = std::fs::read_to_string(&page).unwrap();
    assert!(
        restored.contains("民权县医疗中心建设"),
        "a hand-edited output is rebuilt"
    );

    let yaml = content.join("programmes/minquan-medical-centre-2019/programme.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        text.replace(
            "民权县医疗中心建设工作实施方案",
            "民权县医疗中心建设方案（修订）",
        ),
    )
    .unwrap();
    assert!(build(&content, &out).status.success());
    assert!(std::fs::read_to_string(&page)
        .unwrap()
        .contains("民权县医疗中心建设方案（修订）"));
}

/// The bundled content copied into `dir`, with the Traditional-Chinese mirror turned on.
fn mirrored_content(dir: &Path) -> std::path::PathBuf {
    let content = dir.join("content");
    copy_tree(&repo().join("content"), &content);
    let site_yaml = content.join("site.yaml");
    let settings = std::fs::read_to_string(&site_yaml).unwrap();
    std::fs::write(&site_yaml, format!("{settings}\ntraditional: true\n")).unwrap();
    content
}

/// Build options for `content` into `output`, nothing overridden.
fn options(content: &Path, output: &Path) -> gongkai::BuildOptions {
    gongkai::BuildOptions {
        content: content.to_path_buf(),
        output: output.to_path_buf(),
        base_url: None,
        as_of: None,
    }
}

/// A rebuild after an edit keeps the files of every programme whose inputs did not change
/// (linked from the old site, not rendered again) and publishes exactly what a fresh build
/// makes, the Traditional-Chinese mirror included. An output edited by hand since the last
/// build is not trusted: nothing is kept from it, and the edit is undone.
#[test]
fn a_rebuild_keeps_unchanged_programmes_and_matches_a_fresh_build() {
    let dir = tempfile::tempdir().unwrap();
    let content = mirrored_content(dir.path());
    let options = |out: &str| options(&content, &dir.path().join(out));
    let yaml = content.join("programmes/minquan-medical-centre-2019/programme.yaml");
    let original = std::fs::read_to_string(&yaml).unwrap();
    let retitle = |title: &str| {
        let edited = original.replace("民权县医疗中心建设工作实施方案", title);
        assert_ne!(edited, original);
        std::fs::write(&yaml, edited).unwrap();
    };
    let same_as_fresh = |name: &str| {
        let fresh = gongkai::build_site(&options(name)).unwrap();
        let (site, fresh_site) = (
            snapshot(&dir.path().join("site")),
            snapshot(&dir.path().join(name)),
        );
        assert_eq!(site.len(), fresh_site.len());
        for ((path, bytes), (fresh_path, fresh_bytes)) in site.iter().zip(&fresh_site) {
            assert_eq!(path, fresh_path);
            assert!(bytes == fresh_bytes, "{path} differs from a fresh build");
        }
        fresh
    };
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());

    let first = gongkai::build_site(&options("site")).unwrap();
    assert_eq!(first.kept, 0, "nothing to keep from an empty output");
    let kept_page = dir
        .path()
        .join("site/programmes/huantai-health-work-2019/index.html");
    let kept_mirror = dir
        .path()
        .join("site/zh-hant/programmes/huantai-health-work-2019/index.html");
    let (page_inode, mirror_inode) = (inode(&kept_page), inode(&kept_mirror));

    retitle("民权县医疗中心建设方案（修订）");
    let second = gongkai::build_site(&options("site")).unwrap();
    assert_eq!(
        second.kept,
        first.programmes - 1,
        "all but the edited programme kept"
    );
    assert_eq!(
        inode(&kept_page),
        page_inode,
        "a kept page is the old file, linked"
    );
    assert_eq!(
        inode(&kept_mirror),
        mirror_inode,
        "its Traditional copy too"
    );
    assert!(std::fs::read_to_string(
        dir.path()
            .join("site/programmes/minquan-medical-centre-2019/index.html")
    )
    .unwrap()
    .contains("民权县医疗中心建设方案（修订）"));
    let fresh = same_as_fresh("fresh");
    assert_eq!(
        (second.pages, second.charts, second.files),
        (fresh.pages, fresh.charts, fresh.files)
    );

    std::fs::write(&kept_page, "defaced").unwrap();
    retitle("民权县医疗中心建设方案（再修订）");
    let third = gongkai::build_site(&options("site")).unwrap();
    assert_eq!(
        third.kept, 0,
        "nothing is kept from an output edited by hand"
    );
    same_as_fresh("fresh-again");
}

/// What `serve` shows is what `build` writes: every file of a fresh build, byte for byte
/// (the Traditional-Chinese mirror included), after an edit inside one programme (read on
/// its own) and after a programme folder is removed (the whole site read again). A broken
/// edit leaves the last good site served.
#[test]
fn the_live_preview_serves_what_a_fresh_build_writes() {
    use gongkai::serve::live::{Changes, LiveSite, Update};
    let dir = tempfile::tempdir().unwrap();
    let content = mirrored_content(dir.path());
    let options = |out: &str| options(&content, &dir.path().join(out));
    let live = LiveSite::new(options("unused"));
    let full = live.update(&Changes::Unknown).unwrap();
    assert!(matches!(full, Update::Full { programmes: 5 }), "{full:?}");
    let same_as_fresh = |round: &str| {
        gongkai::build_site(&options(round)).unwrap();
        let fresh = snapshot(&dir.path().join(round));
        assert!(fresh.iter().any(|(path, _)| path.starts_with("zh-hant/")));
        for (path, bytes) in &fresh {
            let served = live.file(&format!("/{path}")).unwrap();
            let served = served.unwrap_or_else(|| panic!("{round}: {path} not served"));
            assert!(served.bytes == *bytes, "{round}: {path} differs");
        }
        fresh
    };
    same_as_fresh("fresh-1");
    assert!(
        !dir.path().join("unused").exists(),
        "the preview writes no output"
    );

    let folder = content.join("programmes/yunzhou-county-hospitals-2023");
    let yaml = folder.join("programme.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, text.replace("value: 3.5", "value: 3.6")).unwrap();
    let edited = Changes::Paths([yaml.canonicalize().unwrap()].into());
    let update = live.update(&edited).unwrap();
    assert_eq!(
        update,
        Update::Programmes(vec!["yunzhou-county-hospitals-2023".into()])
    );
    let fresh = same_as_fresh("fresh-2");
    let page = fresh
        .iter()
        .find(|(path, _)| path == "programmes/yunzhou-county-hospitals-2023/index.html")
        .unwrap();
    assert!(String::from_utf8_lossy(&page.1).contains("3.6"));

    std::fs::write(&yaml, text.replace("value: 3.5", "value: [3.5")).unwrap();
    assert!(live.update(&edited).is_err(), "a broken edit is an error");
    let served = live.file("/programmes/yunzhou-county-hospitals-2023/index.html");
    assert!(
        served.unwrap().unwrap().bytes == page.1,
        "the last good page is still served"
    );
    std::fs::write(&yaml, text.replace("value: 3.5", "value: 3.6")).unwrap();
    live.update(&edited).unwrap();

    let gone = content.join("programmes/gansu-pairing-2022");
    std::fs::remove_dir_all(&gone).unwrap();
    let removed = Changes::Paths([gone.clone(), gone.join("programme.yaml")].into());
    assert!(matches!(
        live.update(&removed).unwrap(),
        Update::Full { programmes: 4 }
    ));
    let fresh = same_as_fresh("fresh-3");
    assert!(!fresh.iter().any(|(path, _)| path.contains("gansu")));
    assert!(live
        .file("/programmes/gansu-pairing-2022/index.html")
        .unwrap()
        .is_none());

    // A programme folder swapped for a symlink to elsewhere is refused, as in a build.
    let outside = dir.path().join("outside");
    std::fs::rename(&folder, &outside).unwrap();
    std::os::unix::fs::symlink(&outside, &folder).unwrap();
    let swapped = Changes::Paths([folder.join("programme.yaml")].into());
    let refused = live.update(&swapped).unwrap_err().to_string();
    assert!(
        refused.contains("yunzhou-county-hospitals-2023"),
        "{refused}"
    );
}
