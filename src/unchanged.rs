//! Skipping a build whose inputs have not changed since the last one, and keeping the
//! programmes whose inputs have not.
//!
//! A build's inputs are the content folder, the site's themes, the options and the program
//! itself. After a build is published, a fingerprint of those inputs and of the published
//! output (each file's path, size, inode and modification time) is kept beside the output
//! folder, in
//! `.<output>.gongkai-fingerprint`, with each programme's [`programme_stamp`]. The next
//! build compares: when the inputs are the same byte for byte and the output is still as it
//! was left, there is nothing to do; when only some programmes changed, the others keep
//! their files (see `write::Stager::keep_folders`). Any doubt — a missing or unreadable
//! fingerprint, a file that cannot be read, an output someone has edited — means a full
//! build. A file of the output rewritten in place, even to the same size, has a new
//! modification time, and one replaced has a new inode: either breaks the no-op and the
//! keeping, so a defaced page is rendered again rather than kept and linked onwards.
//!
//! The fingerprint file also marks the output folder as gongkai's (see
//! `write::OutputLock`): once a build has published there it stays, emptied when it no
//! longer describes the output.
//!
//! Reading and hashing every input costs a small part of rendering (tens of milliseconds
//! for thousands of programmes), which is what makes a no-op rebuild cheap.

use crate::build::{BuildOptions, BuildSummary};
use rayon::prelude::*;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// What a published build leaves beside its output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Hash of the inputs.
    pub inputs: u64,
    /// Hash of the published files' paths, sizes, inodes and modification times.
    pub output: u64,
    /// The summary of that build, reported again when the build is skipped.
    pub summary: BuildSummary,
    /// Each programme's slug and the [`programme_stamp`] of its inputs: the next build keeps
    /// the files of a programme whose stamp is unchanged instead of rendering them again.
    pub programmes: Vec<(String, u64)>,
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
    for (root, is_content) in [(options.content.as_path(), true), (themes, false)] {
        root.hash(&mut hasher);
        let entries = input_entries(root)?;
        let digests = entries
            .par_iter()
            .map(|entry| entry_digest(entry, is_content))
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
    // Not even the root is followed: a content or themes folder that is a link is refused
    // by the loader, and must not be walked (`themes -> /` would read every file there).
    for entry in walkdir::WalkDir::new(root)
        .follow_links(false)
        .follow_root_links(false)
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
///
/// Files are read a block at a time, and a file in `content/` that no build reads (a
/// scanned PDF beside a programme) is known by its size and modification time: a 1 GB
/// file was read whole into memory on every build.
fn entry_digest(entry: &walkdir::DirEntry, in_content: bool) -> Option<Option<u64>> {
    let mut hasher = DefaultHasher::new();
    if entry.file_type().is_file() {
        if !in_content || is_read_by_builds(entry.path()) {
            hash_stream(entry.path(), &mut hasher)?;
        } else {
            let metadata = entry.metadata().ok()?;
            (metadata.len(), metadata.modified().ok()).hash(&mut hasher);
        }
    } else if entry.path_is_symlink() {
        let target = std::fs::read_link(entry.path()).ok()?;
        target
            .into_os_string()
            .into_encoded_bytes()
            .hash(&mut hasher);
    } else {
        return Some(None);
    }
    Some(Some(hasher.finish()))
}

/// Whether a build reads the bytes of this file of `content/`: its YAML and Markdown (in
/// any case of the extension, so that a refused `.MD` is seen to change too).
fn is_read_by_builds(path: &Path) -> bool {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    matches!(extension.as_deref(), Some("yaml" | "yml" | "md"))
}

/// Feeds a file's bytes to `hasher` a block at a time, then its length.
fn hash_stream(path: &Path, hasher: &mut DefaultHasher) -> Option<()> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let mut block = vec![0u8; 64 * 1024];
    let mut total = 0usize;
    loop {
        let n = file.read(&mut block).ok()?;
        if n == 0 {
            break;
        }
        hasher.write(&block[..n]);
        total += n;
    }
    hasher.write_usize(total);
    Some(())
}

/// What identifies this program in a [`programme_stamp`]: its version, size and time.
pub fn program_stamp() -> u64 {
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    program_identity().hash(&mut hasher);
    hasher.finish()
}

/// A programme's render key (everything its files depend on) made specific to the program
/// (its [`program_stamp`]): a rebuilt gongkai may render the same inputs differently.
pub fn programme_stamp(program: u64, key: u64) -> u64 {
    let mut hasher = DefaultHasher::new();
    (program, key).hash(&mut hasher);
    hasher.finish()
}

/// The running program's size and modification time: a rebuilt gongkai may render
/// differently even under the same version number.
fn program_identity() -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Hash of the output folder's entries (relative paths; sizes, inodes and modification
/// times of files): [`OutputHash::stamped`] of its [`survey`]; `None` if it is missing or
/// cannot be read.
pub fn hash_output(output: &Path) -> Option<u64> {
    survey(output).map(|hash| hash.stamped())
}

/// Every entry of the folder `output`, walked.
///
/// Each entry is hashed on its own and the hashes summed ([`OutputHash`]), so the order the
/// folders are listed in does not matter: they are listed in parallel, and sizes are read
/// relative to the open folder rather than by full path. A site has tens of thousands of
/// files, and this runs before every build that might be skipped.
pub fn survey(output: &Path) -> Option<OutputHash> {
    if !std::fs::symlink_metadata(output).is_ok_and(|m| m.is_dir()) {
        return None;
    }
    let hash = OutputHash::default();
    add_folder(&hash, output, Path::new(""))?;
    Some(hash)
}

/// The hash of a site's entries, built up an entry at a time, in two parts: its shape (the
/// paths, and the sizes of files: what a build means to publish, known as it stages each
/// file) and its stamps (the shape with each file's inode and modification time: what
/// tells that a file was changed in place afterwards, known only once it is on disk). Safe
/// to add to from many threads.
#[derive(Debug, Default)]
pub struct OutputHash {
    shape: AtomicU64,
    stamps: AtomicU64,
}

impl OutputHash {
    /// Adds the entry at `relative` (to the output folder) to the shape: a regular file with
    /// its size, or anything else (a folder) with `None`.
    pub fn add(&self, relative: &Path, size: Option<u64>) {
        self.shape
            .fetch_add(entry_hash(relative, size), Ordering::Relaxed);
    }

    /// Adds the entry at `relative` to both parts: `meta` is a regular file's, `None` for
    /// anything else.
    fn add_found(&self, relative: &Path, meta: Option<&std::fs::Metadata>) {
        self.add(relative, meta.map(std::fs::Metadata::len));
        let stamp = meta.map(file_stamp);
        self.stamps
            .fetch_add(entry_hash(relative, stamp), Ordering::Relaxed);
    }

    /// Adds the `folders` at relative (`/`-separated) paths and the folders they are in,
    /// each once however often it is named.
    pub fn add_folders<'a>(&self, folders: impl Iterator<Item = &'a str>) {
        let mut folders: Vec<&str> = folders
            .flat_map(|folder| {
                let parents = folder.match_indices('/').map(|(end, _)| &folder[..end]);
                parents.chain([folder])
            })
            .collect();
        folders.sort_unstable();
        folders.dedup();
        for folder in folders {
            self.add(Path::new(folder), None);
        }
    }

    /// The hash of the shape of the entries added so far.
    pub fn value(&self) -> u64 {
        self.shape.load(Ordering::Relaxed)
    }

    /// The hash of the entries found with their stamps ([`hash_output`]).
    pub fn stamped(&self) -> u64 {
        self.stamps.load(Ordering::Relaxed)
    }
}

fn entry_hash(relative: &Path, what: Option<impl Hash>) -> u64 {
    let mut hasher = DefaultHasher::new();
    relative.hash(&mut hasher);
    what.hash(&mut hasher);
    hasher.finish()
}

/// What changes when a file's bytes are changed: its size, its modification time (written
/// in place) or its inode (replaced by another file).
fn file_stamp(meta: &std::fs::Metadata) -> (u64, u64, i64, i64) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (meta.len(), meta.ino(), meta.mtime(), meta.mtime_nsec())
    }
    #[cfg(not(unix))]
    {
        let since = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .unwrap_or_default();
        (
            meta.len(),
            0,
            since.as_secs() as i64,
            since.subsec_nanos() as i64,
        )
    }
}

/// Adds every entry under `dir` (whose path relative to the output is `relative`) to
/// `hash`, subfolders in parallel; `None` if anything cannot be read. Symbolic links are
/// added, not followed.
fn add_folder(hash: &OutputHash, dir: &Path, relative: &Path) -> Option<()> {
    let entries = std::fs::read_dir(dir)
        .ok()?
        .collect::<std::io::Result<Vec<_>>>()
        .ok()?;
    entries.par_iter().try_for_each(|entry| {
        let path = relative.join(entry.file_name());
        let kind = entry.file_type().ok()?;
        if kind.is_file() {
            hash.add_found(&path, Some(&entry.metadata().ok()?));
        } else {
            hash.add_found(&path, None);
        }
        if kind.is_dir() {
            add_folder(hash, &entry.path(), &path)?;
        }
        Some(())
    })
}

/// Reads the fingerprint left by the last build into `output`.
pub fn read(output: &Path) -> Option<Fingerprint> {
    // A regular file only: not through a link, never waiting on a pipe put in its place.
    let bytes = crate::load::safe::read_file(&fingerprint_path(output)?, 256 << 20).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut lines = text.lines();
    let numbers: Vec<u64> = lines
        .next()?
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let [inputs, output, programmes, pages, charts, files] = numbers[..] else {
        return None;
    };
    let stamps = lines
        .map(|line| {
            let (stamp, slug) = line.split_once(' ')?;
            Some((slug.to_string(), stamp.parse().ok()?))
        })
        .collect::<Option<Vec<_>>>()?;
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
            kept: 0,
            skipped: false,
        },
        programmes: stamps,
    })
}

/// Records a published build; a fingerprint that cannot be written only costs the next
/// build its shortcut (the emptied file left by [`forget`] still marks the output).
pub fn write(output: &Path, fingerprint: &Fingerprint) {
    let Some(path) = fingerprint_path(output) else {
        return;
    };
    let s = &fingerprint.summary;
    let mut text = format!(
        "{} {} {} {} {} {}\n",
        fingerprint.inputs, fingerprint.output, s.programmes, s.pages, s.charts, s.files
    );
    for (slug, stamp) in &fingerprint.programmes {
        text.push_str(&format!("{stamp} {slug}\n"));
    }
    let mut temporary = path.clone().into_os_string();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    let written = crate::load::safe::no_follow(std::fs::File::options().write(true))
        .create(true)
        .truncate(true)
        .open(&temporary)
        .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()));
    if written.is_err() || std::fs::rename(&temporary, &path).is_err() {
        let _ = std::fs::remove_file(&temporary);
        mark(output);
    }
}

/// Forgets the last build, so the next one runs in full: the fingerprint is emptied, not
/// removed, since it also marks the output as gongkai's.
pub fn forget(output: &Path) {
    if let Some(path) = fingerprint_path(output) {
        // Never created here: an output nothing was published into is not marked.
        let emptied = crate::load::safe::no_follow(std::fs::File::options().write(true))
            .truncate(true)
            .open(&path);
        if emptied.is_err() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Marks `output` as a folder gongkai publishes into (an empty fingerprint), when it has no
/// fingerprint yet.
pub fn mark(output: &Path) {
    if let Some(path) = fingerprint_path(output) {
        let _ = crate::load::safe::no_follow(std::fs::File::options().write(true))
            .create(true)
            .truncate(false)
            .open(path);
    }
}

/// Whether a build has published into `output`: its fingerprint file, full or emptied, is
/// beside it.
pub fn is_marked(output: &Path) -> bool {
    fingerprint_path(output)
        .is_some_and(|path| std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()))
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
                kept: 0,
                skipped: false,
            },
            programmes: vec![("a-b-2024".into(), 7), ("c".into(), u64::MAX)],
        };
        write(&output, &fingerprint);
        assert_eq!(read(&output), Some(fingerprint));
        let path = fingerprint_path(&output).expect("path");
        std::fs::write(&path, "1 2 3").expect("damage");
        assert_eq!(read(&output), None);
        forget(&output);
        assert_eq!(read(&output), None);
        assert!(
            is_marked(&output),
            "an emptied fingerprint still marks the output"
        );
        std::fs::remove_file(&path).expect("remove");
        forget(&output);
        assert!(!is_marked(&output), "forgetting never marks");
        mark(&output);
        assert!(is_marked(&output));
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

    #[test]
    fn output_hash_sees_a_file_changed_in_place_or_replaced_at_the_same_size() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a.html");
        std::fs::write(&file, "one").expect("write");
        let modified = std::fs::metadata(&file)
            .expect("meta")
            .modified()
            .expect("time");
        let first = hash_output(dir.path());
        assert_eq!(first, hash_output(dir.path()), "nothing changed");
        // In place, same size: a later modification time (set, since two writes in one
        // clock tick may share one).
        std::fs::write(&file, "two").expect("write");
        let later = modified + std::time::Duration::from_secs(1);
        let handle = std::fs::File::options()
            .write(true)
            .open(&file)
            .expect("open");
        handle.set_modified(later).expect("time");
        assert_ne!(hash_output(dir.path()), first, "rewritten in place");
        // Put back as it was: bytes and time.
        std::fs::write(&file, "one").expect("write");
        let handle = std::fs::File::options()
            .write(true)
            .open(&file)
            .expect("open");
        handle.set_modified(modified).expect("time");
        assert_eq!(hash_output(dir.path()), first, "as it was");
        // Replaced by another file with the same bytes and time: only the inode differs.
        let elsewhere = tempfile::tempdir_in(dir.path().parent().expect("parent")).expect("dir");
        let other = elsewhere.path().join("a.html");
        std::fs::write(&other, "one").expect("write");
        let handle = std::fs::File::options()
            .write(true)
            .open(&other)
            .expect("open");
        handle.set_modified(modified).expect("time");
        std::fs::rename(&other, &file).expect("rename");
        assert_ne!(hash_output(dir.path()), first, "replaced: a new inode");
    }

    /// The same hash from walkdir's walk, entry by entry.
    fn walked_hash(output: &Path) -> Option<u64> {
        let hash = OutputHash::default();
        for entry in walkdir::WalkDir::new(output)
            .min_depth(1)
            .follow_links(false)
        {
            let entry = entry.ok()?;
            let relative = entry.path().strip_prefix(output).ok()?;
            let size = entry
                .file_type()
                .is_file()
                .then(|| entry.metadata().map(|m| m.len()));
            hash.add(relative, size.transpose().ok()?);
        }
        Some(hash.value())
    }

    /// A folder of files, folders, a symbolic link and names that sort differently by byte
    /// and by path component.
    fn example_folder(root: &Path) -> [(&'static str, &'static str); 7] {
        let files = [
            ("z", "1"),
            ("a/x", "22"),
            ("a/c/y", ""),
            ("a.b/q", "333"),
            ("b/d/w", "4444"),
            ("b-/v", "55555"),
            ("é/u", "6"),
        ];
        for (file, text) in files {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            std::fs::write(path, text).expect("write");
        }
        files
    }

    #[test]
    fn output_hash_is_the_walk() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        example_folder(root);
        std::os::unix::fs::symlink("a", root.join("link")).expect("symlink");
        assert!(hash_output(root).is_some());
        assert_eq!(survey(root).map(|h| h.value()), walked_hash(root));
    }

    #[test]
    fn what_a_build_adds_hashes_as_its_folder_walked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let files = example_folder(root);
        let published = |extra: u64| {
            let hash = OutputHash::default();
            for (file, text) in files.iter().rev() {
                hash.add(Path::new(file), Some(text.len() as u64 + extra));
            }
            hash.add_folders(
                files
                    .iter()
                    .filter_map(|(file, _)| Some(file.rsplit_once('/')?.0)),
            );
            Some(hash.value())
        };
        let shape = |root: &Path| survey(root).map(|h| h.value());
        assert_eq!(published(0), shape(root));
        assert_ne!(published(1), shape(root), "a size differs");
        std::fs::create_dir(root.join("a/empty")).expect("folder");
        assert_ne!(published(0), shape(root), "a folder was added");
    }
}
