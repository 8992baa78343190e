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
use rayon::prelude::*;
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
///
/// Files are read and hashed in parallel, each on its own, and their hashes then combined
/// in walk order: a build cannot start before this is done, and a large site has thousands
/// of files.
pub fn hash_inputs(options: &BuildOptions, themes: &Path) -> Option<u64> {
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    program_identity().hash(&mut hasher);
    options.base_url.hash(&mut hasher);
    options.as_of.map(|d| d.to_string()).hash(&mut hasher);
    for root in [options.content.as_path(), themes] {
        root.hash(&mut hasher);
        let entries = input_entries(root)?;
        let digests = entries
            .par_iter()
            .map(entry_digest)
            .collect::<Option<Vec<_>>>()?;
        for (entry, digest) in entries.iter().zip(digests) {
            entry.path().hash(&mut hasher);
            digest.hash(&mut hasher);
        }
    }
    Some(hasher.finish())
}

/// Every entry under `root`, sorted by name folder by folder; empty when `root` does not
/// exist (a site need not have a themes folder), `None` on any other error.
fn input_entries(root: &Path) -> Option<Vec<walkdir::DirEntry>> {
    let mut entries = Vec::new();
    for entry in walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
    {
        match entry {
            Ok(entry) => entries.push(entry),
            Err(_) if !root.exists() => break,
            Err(_) => return None,
        }
    }
    Some(entries)
}

/// Hash of a file's bytes, or of a symbolic link's target (refused by the loader; hashed so
/// that fixing it triggers a build); nothing for a folder.
fn entry_digest(entry: &walkdir::DirEntry) -> Option<Option<u64>> {
    let bytes = if entry.file_type().is_file() {
        std::fs::read(entry.path()).ok()?
    } else if entry.path_is_symlink() {
        let target = std::fs::read_link(entry.path()).ok()?;
        target.into_os_string().into_encoded_bytes()
    } else {
        return Some(None);
    };
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    Some(Some(hasher.finish()))
}

/// The running program's size and modification time: a rebuilt gongkai may render
/// differently even under the same version number.
fn program_identity() -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Hash of the output folder's files (relative paths and sizes); `None` if it is missing.
///
/// The hash is of every entry in the order of a depth-first walk with each folder's
/// entries sorted by name (the folder before what it holds), as `walkdir` with
/// `sort_by_file_name` lists them. Folders are listed in parallel, and sizes are read
/// relative to the open folder rather than by full path: a site has tens of thousands of
/// files, and this runs after every build.
pub fn hash_output(output: &Path) -> Option<u64> {
    if !output.is_dir() {
        return None;
    }
    let mut hasher = DefaultHasher::new();
    // The output folder itself, whose path relative to itself is empty.
    Path::new("").hash(&mut hasher);
    for (relative, size) in listing(output, Path::new(""))? {
        relative.hash(&mut hasher);
        if let Some(size) = size {
            size.hash(&mut hasher);
        }
    }
    Some(hasher.finish())
}

/// An entry under the output folder: its relative path and, for a regular file, its size.
type Listed = (PathBuf, Option<u64>);

/// Every entry under `dir` (whose path relative to the output is `relative`), depth first,
/// each folder's entries sorted by name; `None` if anything cannot be read. Symbolic links
/// are listed, not followed.
fn listing(dir: &Path, relative: &Path) -> Option<Vec<Listed>> {
    let mut entries = std::fs::read_dir(dir)
        .ok()?
        .collect::<std::io::Result<Vec<_>>>()
        .ok()?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    let kinds = entries
        .iter()
        .map(std::fs::DirEntry::file_type)
        .collect::<std::io::Result<Vec<_>>>()
        .ok()?;
    let folders: Vec<Option<Vec<Listed>>> = entries
        .par_iter()
        .zip(&kinds)
        .filter(|(_, kind)| kind.is_dir())
        .map(|(entry, _)| listing(&entry.path(), &relative.join(entry.file_name())))
        .collect();
    let mut folders = folders.into_iter();
    let mut out = Vec::with_capacity(entries.len());
    for (entry, kind) in entries.iter().zip(&kinds) {
        let path = relative.join(entry.file_name());
        if kind.is_dir() {
            out.push((path, None));
            out.extend(folders.next()??);
        } else if kind.is_file() {
            out.push((path, Some(entry.metadata().ok()?.len())));
        } else {
            out.push((path, None));
        }
    }
    Some(out)
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

    /// The hash as it was first defined: walkdir's sorted walk, entry by entry. Fingerprints
    /// written by earlier builds must still match.
    fn walked_hash(output: &Path) -> Option<u64> {
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

    #[test]
    fn output_hash_is_the_sorted_walk() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        for folder in ["b/d", "a", "a/c", "b-", "é"] {
            std::fs::create_dir_all(root.join(folder)).expect("folder");
        }
        for (file, text) in [("z", "1"), ("a/x", "22"), ("a/c/y", ""), ("b/d/w", "4444")] {
            std::fs::write(root.join(file), text).expect("write");
        }
        std::fs::write(root.join("b-/v"), "55555").expect("write");
        std::os::unix::fs::symlink("a", root.join("link")).expect("symlink");
        assert!(hash_output(root).is_some());
        assert_eq!(hash_output(root), walked_hash(root));
    }
}
