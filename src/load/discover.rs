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

/// Whether `content/programmes` is a folder (not a link to one). A missing folder is an
/// error rather than an empty site: publishing nothing over the existing site because the
/// folder was renamed or mistyped is never what was meant.
fn programmes_root(content_dir: &Path, problems: &mut Vec<Diagnostic>) -> bool {
    let root = content_dir.join("programmes");
    let shown = super::display_path(content_dir, &root);
    let problem = match super::safe::folder(&root) {
        Ok(true) => return true,
        Ok(false) => Diagnostic::file(
            &shown,
            t("项目文件夹不存在", "the programmes folder does not exist"),
        )
        .with_hint(t(
            "每个项目放在 content/programmes/ 下的一个文件夹中；没有项目时也请保留这个（空）文件夹",
            "each programme is a folder under content/programmes/; keep the folder (empty) even when there are no programmes",
        )),
        Err(super::safe::Refused::NotFolder) => Diagnostic::file(
            &shown,
            t("应当是文件夹，却是文件", "should be a folder but is a file"),
        )
        .with_hint(t(
            "删除或改名这个文件，建立 content/programmes 文件夹",
            "remove or rename the file and make content/programmes a folder",
        )),
        Err(refused) => refused.diagnostic(&shown),
    };
    problems.push(problem);
    false
}

/// Lists programme folders in slug order (so output never depends on directory order).
pub fn programme_folders(
    content_dir: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<ProgrammeFolder> {
    let root = content_dir.join("programmes");
    if !programmes_root(content_dir, problems) {
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
        // Hidden folders (`.git`, drafts kept aside) are not programmes; `check` lists them.
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
    // `serve` names a folder from a file event: it and the folder it is in are checked here.
    for level in [folder.parent()?, folder] {
        if let Err(refused) = super::safe::folder(level) {
            problems.push(refused.diagnostic(&super::display_path(content_dir, level)));
            return None;
        }
    }
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
    // A link is not missing: reading it says it is refused.
    if std::fs::symlink_metadata(&yaml).is_err() {
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

/// Whether `path` names a Markdown file: `.md` in any case (`NOTES.MD` from Windows too).
fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("md"))
}

fn markdown_files(
    folder: &Path,
    content_dir: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let entries = WalkDir::new(folder)
        .min_depth(1)
        .max_depth(1)
        .follow_links(false)
        .sort_by_file_name();
    for entry in entries.into_iter().filter_map(|e| e.ok()) {
        if !is_markdown(entry.path()) {
            continue;
        }
        if entry.path_is_symlink() {
            let shown = super::display_path(content_dir, entry.path());
            problems.push(super::safe::link_diagnostic(&shown));
        } else if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
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
    same_page_twice(&files, content_dir, problems);
    files.sort_by_key(|p| p.file_stem().is_none_or(|s| s != "index"));
    files
}

/// `notes.md` and `notes.MD` would both be the page `notes/`: one would be lost.
fn same_page_twice(files: &[PathBuf], content_dir: &Path, problems: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::BTreeMap<&std::ffi::OsStr, &Path> = Default::default();
    for path in files {
        let Some(stem) = path.file_stem() else {
            continue;
        };
        if let Some(first) = seen.insert(stem, path) {
            let (a, b) = (first.file_name(), path.file_name());
            let (a, b) = (
                a.unwrap_or_default().to_string_lossy(),
                b.unwrap_or_default().to_string_lossy(),
            );
            problems.push(
                Diagnostic::file(
                    super::display_path(content_dir, path),
                    t(
                        format!("{a} 和 {b} 会生成同一个页面"),
                        format!("{a} and {b} would make the same page"),
                    ),
                )
                .with_hint(t("删除或改名其中一个", "remove or rename one of them")),
            );
        }
    }
}
