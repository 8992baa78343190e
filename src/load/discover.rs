//! Finding programme folders and their Markdown pages, without leaving `content/`.

use crate::error::Diagnostic;
use crate::i18n::t;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One folder under `content/programmes/`.
#[derive(Debug, Clone)]
pub struct ProgrammeFolder {
    /// Folder name, the default slug.
    pub slug: String,
    /// Its `programme.yaml`.
    pub yaml: PathBuf,
    /// Its Markdown files, `index.md` first, then by name.
    pub markdown: Vec<PathBuf>,
}

/// Whether `slug` is a safe URL and path segment: lowercase ASCII letters, digits, '-'.
pub fn is_safe_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 100
        && !slug.starts_with('-')
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Lists programme folders in slug order (so output never depends on directory order).
pub fn programme_folders(
    content_dir: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<ProgrammeFolder> {
    let root = content_dir.join("programmes");
    if !root.is_dir() {
        return Vec::new();
    }
    let mut folders = Vec::new();
    // Symlinks are not followed, so no programme can pull in files from outside content/.
    let entries = WalkDir::new(&root)
        .min_depth(1)
        .max_depth(1)
        .follow_links(false)
        .sort_by_file_name();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(Diagnostic::file(&root, {
                    let why = e
                        .io_error()
                        .map(crate::i18n::io_reason)
                        .unwrap_or_else(|| e.to_string());
                    t(
                        format!("无法列出：{why}"),
                        format!("cannot be listed: {why}"),
                    )
                }));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path_is_symlink() {
            problems.push(
                Diagnostic::file(
                    super::display_path(content_dir, entry.path()),
                    t(
                        "是符号链接；为安全起见，不读取符号链接",
                        "is a symbolic link; symbolic links are not followed, for safety",
                    ),
                )
                .with_hint(t(
                    "请把项目文件夹本身放在 content/programmes/ 中",
                    "put the programme folder itself inside content/programmes/",
                )),
            );
            continue;
        }
        if name.starts_with('.') || !entry.file_type().is_dir() {
            continue;
        }
        folders.extend(programme_folder(content_dir, entry.path(), problems));
    }
    folders
}

/// The programme folder at `folder` (a folder directly under `content/programmes/`, not a
/// symlink), or `None` with the reason in `problems` when it cannot be one.
pub fn programme_folder(
    content_dir: &Path,
    folder: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Option<ProgrammeFolder> {
    let name = folder.file_name()?.to_string_lossy().into_owned();
    let shown = super::display_path(content_dir, folder);
    if !is_safe_slug(&name) {
        problems.push(
            Diagnostic::file(
                &shown,
                t(
                    format!("文件夹名“{name}”不能用作网址"),
                    format!("folder name “{name}” cannot be used as a web address"),
                ),
            )
            .with_hint(t(
                "只能使用小写字母 a–z、数字和 -，例如 minquan-medical-centre-2019",
                "use lowercase letters a–z, digits and '-', e.g. minquan-medical-centre-2019",
            )),
        );
        return None;
    }
    let yaml = folder.join("programme.yaml");
    if !yaml.is_file() {
        problems.push(
            Diagnostic::file(
                &shown,
                t(
                    "项目文件夹中没有 programme.yaml",
                    "programme folder has no programme.yaml",
                ),
            )
            .with_hint(t(
                "添加 programme.yaml（见 docs/content-format.md），或删除该文件夹",
                "add programme.yaml (see docs/content-format.md) or remove the folder",
            )),
        );
        return None;
    }
    Some(ProgrammeFolder {
        slug: name,
        markdown: markdown_files(folder, content_dir, problems),
        yaml,
    })
}

fn markdown_files(
    folder: &Path,
    content_dir: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = WalkDir::new(folder)
        .min_depth(1)
        .max_depth(1)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.retain(|path| {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ok = is_safe_slug(&stem);
        if !ok {
            problems.push(
                Diagnostic::file(
                    super::display_path(content_dir, path),
                    t(
                        "Markdown 文件名不能用作网址",
                        "Markdown file name cannot be used as a web address",
                    ),
                )
                .with_hint(t(
                    "文件名只能使用小写字母 a–z、数字和 -",
                    "use lowercase letters a–z, digits and '-' in the file name",
                )),
            );
        }
        ok
    });
    files.sort_by_key(|p| p.file_stem().is_none_or(|s| s != "index"));
    files
}
