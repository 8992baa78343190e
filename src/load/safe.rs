//! Reading only what lies inside the site: a build reads regular files and folders, never
//! through a symbolic link, so no link committed to a content or theme folder can pull a
//! file of the build machine (`/etc`, a CI checkout's `.git`, `/proc/self/environ`) into
//! the published site or into an error message.

use crate::error::Diagnostic;
use crate::i18n::t;
use std::io::Read;
use std::path::Path;

/// Why a path was not read.
#[derive(Debug)]
pub enum Refused {
    /// Nothing is there.
    Missing,
    /// It is a symbolic link.
    Link,
    /// It is not a regular file (a folder, a device, a pipe).
    NotFile,
    /// It is not a folder.
    NotFolder,
    /// It is larger than the limit (its size in bytes).
    TooLarge(u64),
    /// The system refused.
    Io(std::io::Error),
}

impl Refused {
    /// The problem as a [`Diagnostic`] on `shown` (the path as the user knows it).
    pub fn diagnostic(self, shown: &Path) -> Diagnostic {
        let message = match self {
            Refused::Missing => t("不存在", "does not exist"),
            Refused::Link => return link_diagnostic(shown),
            Refused::NotFile => t("不是普通文件", "is not a regular file"),
            Refused::NotFolder => t("不是文件夹", "is not a folder"),
            Refused::TooLarge(size) => t(
                format!("有 {size} 字节，太大，不能读取"),
                format!("is {size} bytes, too large to read"),
            ),
            Refused::Io(e) => t(format!("无法读取：{e}"), format!("cannot be read: {e}")),
        };
        Diagnostic::file(shown, message)
    }
}

/// The error for a symbolic link met at `shown`.
pub fn link_diagnostic(shown: &Path) -> Diagnostic {
    Diagnostic::file(
        shown,
        t(
            "是符号链接；为安全起见，不读取符号链接",
            "is a symbolic link; symbolic links are not followed, for safety",
        ),
    )
    .with_hint(t(
        "请把文件或文件夹本身（而不是指向它的链接）放在网站文件夹中",
        "put the file or folder itself, not a link to it, inside the site's folder",
    ))
}

/// What is at `path`, not following a link: `Ok(false)` when nothing is there, `Ok(true)`
/// for a folder, and the refusal for a link or anything else.
pub fn folder(path: &Path) -> Result<bool, Refused> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(Refused::Link),
        Ok(meta) if meta.is_dir() => Ok(true),
        Ok(_) => Err(Refused::NotFolder),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Refused::Io(e)),
    }
}

/// The bytes of the regular file at `path`, at most `limit` of them; never through a link.
///
/// The size is checked before anything is read, and the file is opened without following a
/// link (`O_NOFOLLOW`) and without waiting on a pipe (`O_NONBLOCK`), then checked again as
/// opened, so a link or pipe swapped in after the first look is not read either.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, Refused> {
    let regular = |meta: &std::fs::Metadata| -> Result<u64, Refused> {
        if meta.file_type().is_symlink() {
            Err(Refused::Link)
        } else if !meta.is_file() {
            Err(Refused::NotFile)
        } else if meta.len() > limit {
            Err(Refused::TooLarge(meta.len()))
        } else {
            Ok(meta.len())
        }
    };
    match std::fs::symlink_metadata(path) {
        Ok(meta) => regular(&meta)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Refused::Missing),
        Err(e) => return Err(Refused::Io(e)),
    };
    let file = open_no_follow(path).map_err(Refused::Io)?;
    let size = regular(&file.metadata().map_err(Refused::Io)?)?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // The file may grow after the check: never read past the limit.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Refused::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refused::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// `options` made not to follow a link at the last component of the path opened (on
/// Linux): for files gongkai keeps beside the output, which a link committed next to it
/// must not redirect onto another file.
pub fn no_follow(options: &mut std::fs::OpenOptions) -> &mut std::fs::OpenOptions {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW)
    }
    #[cfg(not(target_os = "linux"))]
    {
        options
    }
}

#[cfg(target_os = "linux")]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::File::options()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(target_os = "linux"))]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "title: x\n").expect("write");
        assert_eq!(read_file(&file, 100).expect("read"), b"title: x\n");
        assert!(matches!(read_file(&file, 3), Err(Refused::TooLarge(9))));
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&file, &link).expect("symlink");
        assert!(matches!(read_file(&link, 100), Err(Refused::Link)));
        assert!(matches!(read_file(dir.path(), 100), Err(Refused::NotFile)));
        let missing = dir.path().join("missing");
        assert!(matches!(read_file(&missing, 100), Err(Refused::Missing)));
        assert!(matches!(folder(&link), Err(Refused::Link)));
        assert!(matches!(folder(&file), Err(Refused::NotFolder)));
        assert!(matches!(folder(dir.path()), Ok(true)));
        assert!(matches!(folder(&missing), Ok(false)));
    }

    #[test]
    fn a_pipe_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pipe = dir.path().join("pipe");
        let status = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
        assert!(matches!(read_file(&pipe, 100), Err(Refused::NotFile)));
    }
}
