//! Stage 5, write: publish rendered files atomically, touching only what changed.
//!
//! Files are written into a staging folder beside the output folder. A file whose bytes are
//! the same as in the previous site is hard-linked from it instead, so it keeps its
//! timestamp and deploy tools and CI caches see only real changes. The staging folder then
//! takes the old one's place in one atomic exchange (Linux `renameat2(RENAME_EXCHANGE)`), so
//! a build that fails or is killed at any moment leaves the previous site complete.

use crate::error::{Error, Result};
use crate::render::page::OutputFile;
use crate::unchanged::OutputHash;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// What [`publish`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Published {
    /// Files in the new site.
    pub files: usize,
    /// Of those, files whose bytes changed (or are new) and were written.
    pub written: usize,
    /// [`crate::unchanged::hash_output`] of the new site, known without reading it back.
    pub output_hash: u64,
}

/// Writes `files` as the new contents of `output`.
pub fn publish(files: &[OutputFile], output: &Path) -> Result<Published> {
    let stager = Stager::begin(output)?;
    files.par_iter().try_for_each(|file| stager.put(file))?;
    stager.finish()
}

/// A new site being written beside the old one, file by file, as files are rendered — so a
/// large site never has to be held in memory whole. Nothing is visible in the output folder
/// until [`Stager::finish`]; a stager dropped without finishing removes what it wrote.
pub struct Stager {
    staging: PathBuf,
    output: PathBuf,
    /// Whether there is a previous site to compare with and link from: without one, every
    /// file is new and looking for its old copy is a wasted system call.
    previous: bool,
    /// Folders already made under `staging` (relative paths): a site has a few folders per
    /// programme and dozens of files in each, so each folder is made once, not per file.
    folders: Mutex<HashSet<String>>,
    /// The staged files so far, for [`Published::output_hash`].
    hash: OutputHash,
    files: AtomicUsize,
    written: AtomicUsize,
    finished: bool,
}

impl Stager {
    /// Prepares the staging folder beside `output` (recovering from a killed build first).
    pub fn begin(output: &Path) -> Result<Stager> {
        let (parent, name) = split(output)?;
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        if output.exists() && !output.is_dir() {
            return Err(Error::Usage(crate::i18n::t(
                format!("{} 已存在，但不是文件夹", output.display()),
                format!("{} exists and is not a folder", output.display()),
            )));
        }
        recover_interrupted_swap(output, &parent, &name);
        clear_leftovers(&parent, &name);
        let staging = parent.join(format!(".{name}.gongkai-staging-{}", std::process::id()));
        std::fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        Ok(Stager {
            staging,
            output: output.to_path_buf(),
            previous: output.is_dir(),
            folders: Mutex::new(HashSet::new()),
            hash: OutputHash::default(),
            files: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
            finished: false,
        })
    }

    /// Stages one file: hard-linked from the previous site when its bytes are the same
    /// there (so it keeps its timestamp), written otherwise. Safe to call from many threads.
    pub fn put(&self, file: &OutputFile) -> Result<()> {
        let path = safe_join(&self.staging, &file.path)?;
        self.make_folder(&file.path, &path)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.hash
            .add(Path::new(&file.path), Some(file.bytes.len() as u64));
        if self.previous {
            let old = safe_join(&self.output, &file.path)?;
            if unchanged(&old, &file.bytes) && std::fs::hard_link(&old, &path).is_ok() {
                return Ok(());
            }
        }
        std::fs::write(&path, &file.bytes).map_err(|e| Error::io(&path, e))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Keeps `folders` (relative paths) as they are in the previous site: every file in them
    /// is linked into the new site, so nothing is written and every timestamp stays. Returns
    /// the kept files' relative paths; `None`, with nothing staged, when there is no
    /// previous site, a folder is missing or holds anything but folders and regular files,
    /// or a link cannot be made.
    pub fn keep_folders(&self, folders: &[String]) -> Result<Option<Vec<String>>> {
        if !self.previous {
            return Ok(None);
        }
        let mut files = Vec::new();
        for folder in folders {
            let old = safe_join(&self.output, folder)?;
            if !regular_files(&old, folder, &mut files) {
                return Ok(None);
            }
        }
        let mut linked: Vec<PathBuf> = Vec::with_capacity(files.len());
        for (relative, _) in &files {
            let path = safe_join(&self.staging, relative)?;
            self.make_folder(relative, &path)?;
            let old = safe_join(&self.output, relative)?;
            if std::fs::hard_link(&old, &path).is_err() {
                // Undone, so that rendering the programme instead writes new files rather
                // than through links into the previous site.
                for done in &linked {
                    let _ = std::fs::remove_file(done);
                }
                return Ok(None);
            }
            linked.push(path);
        }
        for (relative, size) in &files {
            self.hash.add(Path::new(relative), Some(*size));
        }
        self.files.fetch_add(files.len(), Ordering::Relaxed);
        Ok(Some(
            files.into_iter().map(|(relative, _)| relative).collect(),
        ))
    }

    /// Makes the folder that the file at `relative` (staged at `path`) goes in, unless this
    /// stager has made it already.
    fn make_folder(&self, relative: &str, path: &Path) -> Result<()> {
        let (Some((folder, _)), Some(dir)) = (relative.rsplit_once('/'), path.parent()) else {
            return Ok(());
        };
        let known = |folders: &HashSet<String>| folders.contains(folder);
        if self.folders.lock().is_ok_and(|f| known(&f)) {
            return Ok(());
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        if let Ok(mut folders) = self.folders.lock() {
            folders.insert(folder.to_string());
        }
        Ok(())
    }

    /// Swaps the staged site in for the old one, atomically.
    pub fn finish(mut self) -> Result<Published> {
        swap(&self.staging, &self.output)?;
        self.finished = true;
        // The folders files went in, and their parents: every folder of the site.
        let folders = self
            .folders
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner);
        self.hash.add_folders(folders.iter().map(String::as_str));
        Ok(Published {
            files: self.files.load(Ordering::Relaxed),
            written: self.written.load(Ordering::Relaxed),
            output_hash: self.hash.value(),
        })
    }
}

impl Drop for Stager {
    fn drop(&mut self) {
        if !self.finished {
            remove_tree(&self.staging);
        }
    }
}

fn split(output: &Path) -> Result<(PathBuf, String)> {
    let absolute = if output.is_absolute() {
        output.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io(".", e))?
            .join(output)
    };
    let name = absolute
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| n != "." && n != "..")
        .ok_or_else(|| {
            Error::Usage(crate::i18n::t(
                format!("输出文件夹 {} 没有名称", output.display()),
                format!("output folder {} has no name", output.display()),
            ))
        })?;
    let parent = absolute.parent().map(Path::to_path_buf).ok_or_else(|| {
        Error::Usage(crate::i18n::t(
            "输出文件夹不能是文件系统的根目录",
            "the output folder cannot be the file-system root",
        ))
    })?;
    Ok((parent, name))
}

fn leftover_prefixes(name: &str) -> [String; 2] {
    [
        format!(".{name}.gongkai-staging-"),
        format!(".{name}.gongkai-old-"),
    ]
}

/// Where exchange is not available the swap is two renames; a build killed between them
/// leaves the previous site under an `-old-` name, which is put back here.
fn recover_interrupted_swap(output: &Path, parent: &Path, name: &str) {
    if output.exists() {
        return;
    }
    let old_prefix = &leftover_prefixes(name)[1];
    if let Ok(entries) = std::fs::read_dir(parent) {
        for entry in entries.flatten() {
            if entry
                .file_name()
                .to_string_lossy()
                .starts_with(old_prefix.as_str())
            {
                let _ = std::fs::rename(entry.path(), output);
                return;
            }
        }
    }
}

/// Removes staging or old folders a killed build left behind.
fn clear_leftovers(parent: &Path, name: &str) {
    let prefixes = leftover_prefixes(name);
    if let Ok(entries) = std::fs::read_dir(parent) {
        for entry in entries.flatten() {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// Turns a rendered path into a path under `root`, refusing anything that could escape it.
pub fn safe_join(root: &Path, relative: &str) -> Result<PathBuf> {
    let path = Path::new(relative);
    let normal = !relative.is_empty()
        && !relative.contains('\0')
        && !relative.contains('\\')
        && path.components().all(|c| matches!(c, Component::Normal(_)));
    if !normal {
        return Err(Error::Usage(crate::i18n::t(
            format!("拒绝写到输出文件夹之外：{relative:?}"),
            format!("refusing to write outside the output folder: {relative:?}"),
        )));
    }
    Ok(root.join(path))
}

/// Removes a folder tree, its files in parallel (a large site has tens of thousands).
fn remove_tree(root: &Path) {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .flatten()
        .filter(|e| !e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.par_iter().for_each(|f| {
        let _ = std::fs::remove_file(f);
    });
    let _ = std::fs::remove_dir_all(root);
}

/// Adds the regular files under `dir` (at `relative` in the site) to `files`, with their
/// sizes; false if `dir` cannot be read or holds anything but folders and regular files.
fn regular_files(dir: &Path, relative: &str, files: &mut Vec<(String, u64)>) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    for entry in entries {
        let Ok(entry) = entry else {
            return false;
        };
        let Some(name) = entry
            .file_name()
            .to_str()
            .map(|n| format!("{relative}/{n}"))
        else {
            return false;
        };
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => {
                if !regular_files(&entry.path(), &name, files) {
                    return false;
                }
            }
            Ok(kind) if kind.is_file() => match entry.metadata() {
                Ok(meta) => files.push((name, meta.len())),
                Err(_) => return false,
            },
            _ => return false,
        }
    }
    true
}

/// Whether the previous site has this file with exactly these bytes.
///
/// The old file is compared a block at a time rather than read whole: the site-wide open
/// data runs to tens of megabytes a file, and holding its old copy beside the new one
/// raised a rebuild's peak memory by as much.
fn unchanged(old: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let same_size = |meta: std::fs::Metadata| meta.is_file() && meta.len() == bytes.len() as u64;
    // Not followed: a symbolic link left in the old site is never linked into the new one.
    if !std::fs::symlink_metadata(old).is_ok_and(same_size) {
        return false;
    }
    let Ok(mut file) = std::fs::File::open(old) else {
        return false;
    };
    if !file.metadata().is_ok_and(same_size) {
        return false;
    }
    let mut block = [0u8; 64 * 1024];
    let mut rest = bytes;
    loop {
        match file.read(&mut block) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if rest.len() >= n && block[..n] == rest[..n] => rest = &rest[n..],
            Ok(_) => return false,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

fn swap(staging: &Path, output: &Path) -> Result<()> {
    if !output.exists() {
        return std::fs::rename(staging, output).map_err(|e| Error::io(output, e));
    }
    exchange(staging, output).map_err(|e| Error::io(output, e))?;
    // `staging` now holds the previous site.
    remove_tree(staging);
    Ok(())
}

/// Atomically exchanges two folders.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Elsewhere: two renames, with [`recover_interrupted_swap`] covering the gap between them.
#[cfg(not(target_os = "linux"))]
fn exchange(staging: &Path, output: &Path) -> std::io::Result<()> {
    let parent = output.parent().unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let old = parent.join(format!(".{name}.gongkai-old-{}", std::process::id()));
    std::fs::rename(output, &old)?;
    if let Err(e) = std::fs::rename(staging, output) {
        let _ = std::fs::rename(&old, output);
        return Err(e);
    }
    std::fs::rename(&old, staging)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_escaping_paths() {
        let root = Path::new("/tmp/out");
        assert!(safe_join(root, "a/b.html").is_ok());
        for bad in [
            "../x",
            "/etc/passwd",
            "a/../../x",
            "",
            "a\0b",
            "C:\\x",
            "./a",
        ] {
            assert!(safe_join(root, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn kept_folders_are_linked_and_a_failed_keep_leaves_the_old_site_untouched() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site");
        let file = |path: &str, text: &str| OutputFile::text(path, text.to_string());
        let old = [
            file("programmes/a/index.html", "page a"),
            file("programmes/a/charts/x.svg", "chart a"),
            file("programmes/b/index.html", "page b"),
            file("programmes/b/charts/y.svg", "chart b"),
        ];
        publish(&old, &out).expect("first");
        // A second name for each old file, to see its bytes after the swap.
        for (name, path) in [
            ("a", "programmes/a/index.html"),
            ("b", "programmes/b/index.html"),
        ] {
            std::fs::hard_link(out.join(path), dir.path().join(name)).expect("link");
        }
        let ino =
            |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).expect("meta"));

        let stager = Stager::begin(&out).expect("begin");
        let mut kept = stager
            .keep_folders(&["programmes/a".to_string()])
            .expect("keep")
            .expect("kept");
        kept.sort();
        assert_eq!(
            kept,
            ["programmes/a/charts/x.svg", "programmes/a/index.html"]
        );
        // b's chart is staged first, so linking b's folder fails part way (or at once) and
        // b is rendered instead: its new page must not be written through a link.
        stager.put(&old[3]).expect("put");
        assert_eq!(
            stager
                .keep_folders(&["programmes/b".to_string()])
                .expect("keep"),
            None
        );
        stager
            .put(&file("programmes/b/index.html", "new page b"))
            .expect("put");
        assert_eq!(
            stager
                .keep_folders(&["programmes/missing".to_string()])
                .expect("keep"),
            None
        );
        let published = stager.finish().expect("finish");

        assert_eq!(
            ino(&out.join("programmes/a/index.html")),
            ino(&dir.path().join("a"))
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("b")).expect("read"),
            "page b"
        );
        let page_b = std::fs::read_to_string(out.join("programmes/b/index.html")).expect("read");
        assert_eq!(page_b, "new page b");
        assert_eq!(published.files, 4);
        assert_eq!(
            Some(published.output_hash),
            crate::unchanged::hash_output(&out)
        );
    }

    #[test]
    fn a_folder_holding_a_symbolic_link_is_not_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site");
        publish(
            &[OutputFile::text(
                "programmes/a/index.html",
                "page".to_string(),
            )],
            &out,
        )
        .expect("first");
        std::os::unix::fs::symlink("/etc/hostname", out.join("programmes/a/link"))
            .expect("symlink");
        let stager = Stager::begin(&out).expect("begin");
        assert_eq!(
            stager
                .keep_folders(&["programmes/a".to_string()])
                .expect("keep"),
            None
        );
    }

    #[test]
    fn old_files_are_compared_block_by_block_and_links_not_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let old = dir.path().join("old");
        std::fs::write(&old, &big).expect("write");
        assert!(unchanged(&old, &big));
        let mut last_differs = big.clone();
        *last_differs.last_mut().expect("bytes") ^= 1;
        assert!(!unchanged(&old, &last_differs));
        assert!(!unchanged(&old, &big[..big.len() - 1]));
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&old, &link).expect("symlink");
        assert!(
            !unchanged(&link, &big),
            "a symbolic link is not an unchanged file"
        );
        assert!(!unchanged(&dir.path().join("missing"), b""));
    }

    #[test]
    fn unchanged_files_keep_their_inode() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site");
        let file = |path: &str, text: &str| OutputFile::text(path, text.to_string());
        publish(&[file("a.html", "one"), file("b.html", "two")], &out).expect("first");
        let inode = |p: &str| {
            std::fs::metadata(out.join(p))
                .map(|m| std::os::unix::fs::MetadataExt::ino(&m))
                .expect("meta")
        };
        let (a1, b1) = (inode("a.html"), inode("b.html"));
        let result =
            publish(&[file("a.html", "one"), file("b.html", "changed")], &out).expect("second");
        assert_eq!((result.files, result.written), (2, 1));
        assert_eq!(
            Some(result.output_hash),
            crate::unchanged::hash_output(&out)
        );
        assert_eq!(inode("a.html"), a1, "unchanged file linked, not rewritten");
        assert_ne!(inode("b.html"), b1);
        assert_eq!(
            std::fs::read_to_string(out.join("b.html")).expect("read"),
            "changed"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .collect();
        assert_eq!(leftovers.len(), 1, "no staging folder left behind");
    }
}
