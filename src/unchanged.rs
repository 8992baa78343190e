//! Skipping a build whose inputs have not changed since the last one.
//!
//! A build's inputs are the content folder, the site's themes, the options and the program
//! itself. After a build is published, a fingerprint of those inputs and of the published
//! output (each file's path and size) is kept beside the output folder, in
//! `.<output>.gongkai-fingerprint`. The next build compares: when the inputs are the same
//! byte for byte and the output is still as it was left, there is nothing to do. Any
//! doubt — a missing or unreadable fingerprint, a file that cannot be read, an output
//! someone has edited — means a full build.
//!
//! Reading and hashing every input costs a small part of rendering (tens of milliseconds
//! for thousands of programmes), which is what makes a no-op rebuild cheap.

use crate::build::{BuildOptions, BuildSummary};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// What a published build leaves beside its output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Hash of the inputs.
    pub inputs: u64,
    /// Hash of the published files' paths and sizes.
    pub output: u64,
    /// The summary of that build, reported again when the build is skipped.
    pub summary: BuildSummary,
}

/// The fingerprint file for `output`, beside it.
pub fn fingerprint_path(output: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(output).ok()?;
    let name = absolute.file_name()?.to_string_lossy().into_owned();
    Some(absolute.with_file_name(format!(".{name}.gongkai-fingerprint")))
}

/// Hash of everything a build of `options` reads; `None` when some input cannot be read
/// (the build then runs and reports the problem properly).
pub fn hash_inputs(options: &BuildOptions, themes: &Path) -> Option<u64> {
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    program_identity().hash(&mut hasher);
    options.base_url.hash(&mut hasher);
    options.as_of.map(|d| d.to_string()).hash(&mut hasher);
    for root in [options.content.as_path(), themes] {
        root.hash(&mut hasher);
        for entry in walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
        {
            let entry = match entry {
                Ok(entry) => entry,
                // A missing themes folder is normal; anything else is a reason to build.
                Err(_) if !root.exists() => break,
                Err(_) => return None,
            };
            entry.path().hash(&mut hasher);
            if entry.file_type().is_file() {
                std::fs::read(entry.path()).ok()?.hash(&mut hasher);
            } else if entry.path_is_symlink() {
                // Refused by the loader; hash its target so fixing it triggers a build.
                std::fs::read_link(entry.path()).ok()?.hash(&mut hasher);
            }
        }
    }
    Some(hasher.finish())
}

/// The running program's size and modification time: a rebuilt gongkai may render
/// differently even under the same version number.
fn program_identity() -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Hash of the output folder's files (relative paths and sizes); `None` if it is missing.
pub fn hash_output(output: &Path) -> Option<u64> {
    if !output.is_dir() {
        return None;
    }
    let mut hasher = DefaultHasher::new();
    for entry in walkdir::WalkDir::new(output)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.ok()?;
        let relative = entry.path().strip_prefix(output).ok()?;
        relative.hash(&mut hasher);
        if entry.file_type().is_file() {
            entry.metadata().ok()?.len().hash(&mut hasher);
        }
    }
    Some(hasher.finish())
}

/// Reads the fingerprint left by the last build into `output`.
pub fn read(output: &Path) -> Option<Fingerprint> {
    let text = std::fs::read_to_string(fingerprint_path(output)?).ok()?;
    let numbers: Vec<u64> = text
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let [inputs, output, programmes, pages, charts, files] = numbers[..] else {
        return None;
    };
    let count = |n: u64| usize::try_from(n).ok();
    Some(Fingerprint {
        inputs,
        output,
        summary: BuildSummary {
            programmes: count(programmes)?,
            pages: count(pages)?,
            charts: count(charts)?,
            files: count(files)?,
            changed: 0,
            skipped: false,
        },
    })
}

/// Records a published build; a fingerprint that cannot be written only costs the next
/// build its shortcut.
pub fn write(output: &Path, fingerprint: &Fingerprint) {
    let Some(path) = fingerprint_path(output) else {
        return;
    };
    let s = &fingerprint.summary;
    let text = format!(
        "{} {} {} {} {} {}\n",
        fingerprint.inputs, fingerprint.output, s.programmes, s.pages, s.charts, s.files
    );
    let mut temporary = path.clone().into_os_string();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    if std::fs::write(&temporary, text).is_err() || std::fs::rename(&temporary, &path).is_err() {
        let _ = std::fs::remove_file(&temporary);
        let _ = std::fs::remove_file(&path);
    }
}

/// Forgets the last build, so the next one runs in full.
pub fn forget(output: &Path) {
    if let Some(path) = fingerprint_path(output) {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_damage() {
        let dir = tempfile::tempdir().expect("temp dir");
        let output = dir.path().join("site");
        let fingerprint = Fingerprint {
            inputs: 1,
            output: u64::MAX,
            summary: BuildSummary {
                programmes: 3,
                pages: 4,
                charts: 5,
                files: 6,
                changed: 0,
                skipped: false,
            },
        };
        write(&output, &fingerprint);
        assert_eq!(read(&output), Some(fingerprint));
        let path = fingerprint_path(&output).expect("path");
        std::fs::write(&path, "1 2 3").expect("damage");
        assert_eq!(read(&output), None);
        forget(&output);
        assert!(!path.exists());
    }

    #[test]
    fn output_hash_sees_added_and_resized_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.html"), "one").expect("write");
        let first = hash_output(dir.path());
        std::fs::write(dir.path().join("a.html"), "three").expect("write");
        let resized = hash_output(dir.path());
        std::fs::write(dir.path().join("b.html"), "").expect("write");
        let added = hash_output(dir.path());
        assert!(first.is_some() && first != resized && resized != added);
        assert_eq!(hash_output(&dir.path().join("missing")), None);
    }
}
