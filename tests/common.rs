//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The five source notices of the bundled site (`tests/notices/`, copied from the seeds).
pub fn seeds() -> PathBuf {
    repo().join("tests/notices")
}

/// Runs the gongkai binary with `args`.
pub fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .expect("gongkai runs")
}

/// Builds `content` into `output` with the binary; returns its output.
pub fn build(content: &Path, output: &Path) -> Output {
    gongkai(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ])
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, sorted by relative path.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}
