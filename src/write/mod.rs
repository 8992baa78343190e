//! Stage 5, write: publish rendered files atomically, touching only what changed.
//!
//! Files are written into a staging folder beside the output folder. A file whose bytes are
//! the same as in the previous site is hard-linked from it instead, so it keeps its
//! timestamp and deploy tools and CI caches see only real changes. The staging folder then
//! takes the old one's place in one atomic exchange (Linux `renameat2(RENAME_EXCHANGE)`), so
//! a build that fails or is killed at any moment leaves the previous site complete.
//!
//! Before anything is written, [`OutputLock`] checks that the output folder may be replaced
//! (it is new, empty or gongkai's, and holds none of the site's sources) and locks it for
//! the whole build, so two builds into one folder run one after the other.

use crate::error::{Error, Result};
use crate::i18n::t;
use crate::render::page::OutputFile;
use crate::unchanged::{self, OutputHash};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::Write;
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
    /// [`crate::unchanged::hash_output`] of the new site, from the walk that checked it
    /// before it was swapped in.
    pub output_hash: u64,
}

/// Writes `files` as the new contents of `output`.
pub fn publish(files: &[OutputFile], output: &Path) -> Result<Published> {
    let lock = OutputLock::acquire(output, &[], &|_| {})?;
    let stager = Stager::begin(&lock)?;
    files.par_iter().try_for_each(|file| stager.put(file))?;
    stager.finish()
}

/// The output folder of one build, checked and locked.
///
/// A build replaces everything in its output folder, so the folder must be new, empty, or
/// one gongkai published into (its fingerprint file is beside it, or, for a site built
/// before there was one, it has the files every gongkai site has); it must not be a
/// symbolic link; and it must not be, contain or lie inside a folder the site is built
/// from. The lock (a file beside the output, `.<output>.gongkai-lock`, locked for as long as
/// this value lives) makes a second build into the same folder wait for the first.
pub struct OutputLock {
    /// The output folder, absolute.
    output: PathBuf,
    parent: PathBuf,
    name: String,
    /// Held open: closing it (or the process ending, however it ends) releases the lock.
    _file: std::fs::File,
}

impl OutputLock {
    /// Checks `output` against the folders the site is built from (`sources`), then locks
    /// it, calling `waiting` with a message first if another build holds it.
    pub fn acquire(output: &Path, sources: &[&Path], waiting: &dyn Fn(&str)) -> Result<Self> {
        let (parent, name) = split(output)?;
        let absolute = parent.join(&name);
        check_output(output, &absolute, sources)?;
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let path = parent.join(format!(".{name}.gongkai-lock"));
        let file = crate::load::safe::no_follow(std::fs::File::options().write(true))
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let shown = output.display();
                waiting(&t(
                    format!("另一次生成正在写入 {shown}，等待其完成"),
                    format!("another build is writing {shown}; waiting for it to finish"),
                ));
                file.lock().map_err(|e| Error::io(&path, e))?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        // What the other build left, or anything put there meanwhile, is checked again.
        check_output(output, &absolute, sources)?;
        Ok(OutputLock {
            output: absolute,
            parent,
            name,
            _file: file,
        })
    }

    /// The output folder, absolute.
    pub fn output(&self) -> &Path {
        &self.output
    }
}

/// Whether a build may replace the folder `output` (`given` as the user named it): see
/// [`OutputLock`].
fn check_output(given: &Path, output: &Path, sources: &[&Path]) -> Result<()> {
    let shown = given.display();
    let hint = t(
        "请用 --output 指定一个新的或空的文件夹（位于内容和主题文件夹之外），例如 --output output",
        "give --output a new or empty folder outside the content and theme folders, e.g. --output output",
    );
    let refuse = |zh: String, en: String| -> Result<()> {
        Err(Error::Output(t(
            format!("{zh}生成会替换输出文件夹中的全部内容，为免误删，本次未发布任何内容。\n  提示：{hint}"),
            format!("{en} A build replaces everything in its output folder, so nothing was published.\n  hint: {hint}"),
        )))
    };
    let meta = std::fs::symlink_metadata(output);
    if meta.as_ref().is_ok_and(|m| m.file_type().is_symlink()) {
        return refuse(
            format!("输出文件夹 {shown} 是符号链接。"),
            format!("the output folder {shown} is a symbolic link."),
        );
    }
    if meta.as_ref().is_ok_and(|m| !m.is_dir()) {
        return refuse(
            format!("{shown} 已存在，但不是文件夹。"),
            format!("{shown} exists and is not a folder."),
        );
    }
    let resolved = resolve(output);
    for source in sources {
        let source_resolved = resolve(source);
        if resolved.starts_with(&source_resolved) || source_resolved.starts_with(&resolved) {
            let source = source.display();
            return refuse(
                format!("输出文件夹 {shown} 与生成网站所用的文件夹 {source}（内容或主题）相同、位于其中或包含它。"),
                format!("the output folder {shown} is, lies inside or contains {source}, a folder the site is built from (content or themes)."),
            );
        }
    }
    let empty = std::fs::read_dir(output).map_or(true, |mut entries| entries.next().is_none());
    if meta.is_ok() && !empty && !unchanged::is_marked(output) && !looks_like_site(output) {
        return refuse(
            format!("输出文件夹 {shown} 不是空的，也不是 gongkai 生成的网站。"),
            format!("the output folder {shown} is not empty and was not made by gongkai."),
        );
    }
    Ok(())
}

/// `path` with links resolved, as far as it exists (the rest appended as given), so that
/// two names of one folder compare equal.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return rest.iter().rev().fold(real, |p, name| p.join(name));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// A site published before outputs were marked has the files and folders every gongkai
/// site has.
fn looks_like_site(output: &Path) -> bool {
    let is = |relative: &str, folder: bool| {
        std::fs::symlink_metadata(output.join(relative)).is_ok_and(|m| {
            if folder {
                m.is_dir()
            } else {
                m.is_file()
            }
        })
    };
    is("index.html", false)
        && is("sitemap.xml", false)
        && is("assets/style.css", false)
        && is("programmes", true)
        && is("indicators", true)
}

/// A new site being written beside the old one, file by file, as files are rendered — so a
/// large site never has to be held in memory whole. Nothing is visible in the output folder
/// until [`Stager::finish`]; a stager dropped without finishing removes what it wrote.
pub struct Stager<'a> {
    lock: &'a OutputLock,
    staging: PathBuf,
    /// Whether there is a previous site to compare with and link from: without one, every
    /// file is new and looking for its old copy is a wasted system call.
    previous: bool,
    /// Folders already made under `staging` (relative paths): a site has a few folders per
    /// programme and dozens of files in each, so each folder is made once, not per file.
    folders: Mutex<HashSet<String>>,
    /// The staged files so far, to check the staging folder against before the swap.
    hash: OutputHash,
    files: AtomicUsize,
    written: AtomicUsize,
    finished: bool,
}

impl<'a> Stager<'a> {
    /// Prepares the staging folder beside the locked output (recovering from a killed build
    /// first).
    pub fn begin(lock: &'a OutputLock) -> Result<Stager<'a>> {
        let (output, parent, name) = (&lock.output, &lock.parent, &lock.name);
        recover_interrupted_swap(output, parent, name);
        clear_leftovers(parent, name);
        let staging = parent.join(format!(".{name}.gongkai-staging-{}", std::process::id()));
        // Made new: a folder of this name would be a leftover, its files no part of this site.
        if staging.exists() {
            remove_tree(&staging);
        }
        std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
        Ok(Stager {
            lock,
            staging,
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
    ///
    /// A file is always written as a new file, never through an existing path: a path
    /// already staged may be a hard link to the live site's file, and writing through it
    /// would change the live site before the swap. A second file for one path is an error.
    pub fn put(&self, file: &OutputFile) -> Result<()> {
        let path = safe_join(&self.staging, &file.path)?;
        self.make_folder(&file.path, &path)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.hash
            .add(Path::new(&file.path), Some(file.bytes.len() as u64));
        let twice = |e: std::io::Error| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                same_path_twice(&file.path)
            } else {
                Error::io(&path, e)
            }
        };
        if self.previous {
            let old = safe_join(&self.lock.output, &file.path)?;
            if unchanged(&old, &file.bytes) {
                match std::fs::hard_link(&old, &path) {
                    Ok(()) => return Ok(()),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        return Err(twice(e))
                    }
                    Err(_) => {}
                }
            }
        }
        write_new(&path, &file.bytes).map_err(twice)?;
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
            let old = safe_join(&self.lock.output, folder)?;
            if !regular_files(&old, folder, &mut files) {
                return Ok(None);
            }
        }
        let mut linked: Vec<PathBuf> = Vec::with_capacity(files.len());
        for (relative, _) in &files {
            let path = safe_join(&self.staging, relative)?;
            self.make_folder(relative, &path)?;
            let old = safe_join(&self.lock.output, relative)?;
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

    /// Checks that the staging folder holds exactly the files staged, then swaps it in for
    /// the old site, atomically.
    pub fn finish(mut self) -> Result<Published> {
        // The folders files went in, and their parents: every folder of the site.
        let folders = self
            .folders
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner);
        self.hash.add_folders(folders.iter().map(String::as_str));
        let found = unchanged::survey(&self.staging)
            .filter(|found| found.value() == self.hash.value())
            .ok_or_else(|| {
                Error::Output(t(
                    format!("新网站在写入时被改动（{} 中的文件与生成的不符）；本次未发布任何内容，原有网站保持不变。", self.staging.display()),
                    format!("the new site was changed while it was written (the files in {} are not those rendered); nothing was published, the previous site is as it was.", self.staging.display()),
                ))
            })?;
        swap(&self.staging, &self.lock.output)?;
        self.finished = true;
        unchanged::mark(&self.lock.output);
        Ok(Published {
            files: self.files.load(Ordering::Relaxed),
            written: self.written.load(Ordering::Relaxed),
            output_hash: found.stamped(),
        })
    }
}

impl Drop for Stager<'_> {
    fn drop(&mut self) {
        if !self.finished {
            remove_tree(&self.staging);
        }
    }
}

/// The error for two files of one site at one path.
fn same_path_twice(path: &str) -> Error {
    Error::Output(t(
        format!("网站中有两个文件要写到同一位置 {path}（例如两个指标编号生成了相同的页面名）；本次未发布任何内容，原有网站保持不变。"),
        format!("two files of the site would be written to {path} (for example, two indicator ids making the same page name); nothing was published, the previous site is as it was."),
    ))
}

/// Writes `bytes` as a new file at `path`; fails if anything is there already.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)
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
            Error::Usage(t(
                format!("输出文件夹 {} 没有名称", output.display()),
                format!("output folder {} has no name", output.display()),
            ))
        })?;
    let parent = absolute.parent().map(Path::to_path_buf).ok_or_else(|| {
        Error::Usage(t(
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

/// Removes staging or old folders a killed build left behind: those named for a process
/// that is no longer running. The lock keeps other builds out while this runs; a folder of
/// a running process (a gongkai from before the lock, say) is left alone.
fn clear_leftovers(parent: &Path, name: &str) {
    let prefixes = leftover_prefixes(name);
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = prefixes
            .iter()
            .find_map(|p| file_name.strip_prefix(p.as_str()))
        else {
            continue;
        };
        let ours = pid == std::process::id().to_string();
        if ours || !running(pid) {
            remove_tree(&entry.path());
        }
    }
}

/// Whether a process with this id is running (on Linux; elsewhere the lock alone decides).
fn running(pid: &str) -> bool {
    cfg!(target_os = "linux")
        && pid.bytes().all(|b| b.is_ascii_digit())
        && !pid.is_empty()
        && Path::new("/proc").join(pid).exists()
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
        .follow_root_links(false)
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

        let lock = OutputLock::acquire(&out, &[], &|_| {}).expect("lock");
        let stager = Stager::begin(&lock).expect("begin");
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
        let lock = OutputLock::acquire(&out, &[], &|_| {}).expect("lock");
        let stager = Stager::begin(&lock).expect("begin");
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
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains("staging") || name.contains("-old-"))
            .collect();
        assert_eq!(
            leftovers,
            Vec::<String>::new(),
            "no staging folder left behind"
        );
    }

    #[test]
    fn a_path_written_twice_is_an_error_and_never_writes_through_the_live_site() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site");
        let file = |path: &str, text: &str| OutputFile::text(path, text.to_string());
        publish(&[file("a.html", "old page"), file("b.html", "b")], &out).expect("first");
        let live = dir.path().join("live-a");
        std::fs::hard_link(out.join("a.html"), &live).expect("link");
        for second in ["new page", "old page"] {
            let lock = OutputLock::acquire(&out, &[], &|_| {}).expect("lock");
            let stager = Stager::begin(&lock).expect("begin");
            // Unchanged, so staged as a hard link to the live site's file.
            stager.put(&file("a.html", "old page")).expect("put");
            let again = stager.put(&file("a.html", second));
            assert!(
                matches!(&again, Err(Error::Output(m)) if m.contains("a.html")),
                "{again:?}"
            );
            drop(stager);
            assert_eq!(std::fs::read_to_string(&live).expect("read"), "old page");
        }
        assert_eq!(
            std::fs::read_to_string(out.join("a.html")).expect("read"),
            "old page"
        );
        // A kept folder's files are links too: a page rendered into it is refused as well.
        publish(&[file("p/x/index.html", "kept")], &out).expect("publish");
        let live = dir.path().join("live-x");
        std::fs::hard_link(out.join("p/x/index.html"), &live).expect("link");
        let lock = OutputLock::acquire(&out, &[], &|_| {}).expect("lock");
        let stager = Stager::begin(&lock).expect("begin");
        assert!(stager
            .keep_folders(&["p/x".to_string()])
            .expect("keep")
            .is_some());
        assert!(stager.put(&file("p/x/index.html", "overwritten")).is_err());
        drop(stager);
        assert_eq!(std::fs::read_to_string(&live).expect("read"), "kept");
    }

    #[test]
    fn a_staging_folder_changed_before_the_swap_is_not_published() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site");
        let file = |path: &str, text: &str| OutputFile::text(path, text.to_string());
        publish(&[file("a.html", "one")], &out).expect("first");
        let lock = OutputLock::acquire(&out, &[], &|_| {}).expect("lock");
        let stager = Stager::begin(&lock).expect("begin");
        stager.put(&file("a.html", "two")).expect("put");
        stager.put(&file("b/c.html", "three")).expect("put");
        // Something else removes a staged file (as a second build clearing leftovers did).
        std::fs::remove_file(stager.staging.join("b/c.html")).expect("remove");
        assert!(matches!(stager.finish(), Err(Error::Output(_))));
        assert_eq!(
            std::fs::read_to_string(out.join("a.html")).expect("read"),
            "one"
        );
        assert!(!out.join("b").exists());
    }
}
