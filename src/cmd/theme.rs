//! `gongkai theme eject [FILE]`: copies a file of the built-in theme (or every file) into
//! the site's theme folder to be edited there. The built-in theme is used for every file a
//! site does not override, so a site that ejects nothing gets each release's theme fixes.

use crate::error::{Error, Result};
use crate::i18n::t;
use crate::model::Site;
use crate::render::theme::default_files;
use std::path::{Path, PathBuf};

/// What `eject` did.
#[derive(Debug, Default)]
pub struct Ejected {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Files already there, left as they were.
    pub kept: Vec<PathBuf>,
}

/// The README `init` puts in the empty theme folder: how overriding works.
pub fn readme() -> String {
    t(
        "# 主题覆盖\n\n\
         本站使用 gongkai 内置的默认主题。只有放在本文件夹中的文件才会替换内置主题中的同名文件，\n\
         其余文件始终使用内置版本，因此升级 gongkai 后自动获得主题的修正。\n\n\
         - 复制某个文件出来修改：`gongkai theme eject templates/programme.html`\n\
         - 复制全部文件：`gongkai theme eject`（已有的文件不会被覆盖）\n\
         - 模板放在 `templates/`，样式和脚本放在 `static/`，图表设置放在 `theme.yaml`。\n\n\
         复制出来的文件不会再随 gongkai 升级而更新：只复制确实要改的文件。\n",
        "# Theme overrides\n\n\
         This site uses gongkai's built-in default theme. Only files placed in this folder replace\n\
         the built-in file of the same name; every other file comes from the built-in theme, so\n\
         upgrading gongkai brings the theme's fixes.\n\n\
         - Copy one file out to change it: `gongkai theme eject templates/programme.html`\n\
         - Copy every file: `gongkai theme eject` (files already here are never overwritten)\n\
         - Templates go in `templates/`, styles and scripts in `static/`, chart settings in `theme.yaml`.\n\n\
         A copied file no longer follows gongkai's upgrades: copy only what you mean to change.\n",
    )
}

/// The theme folder of the site whose content folder is `content`: `themes/<theme>/`
/// beside it, `<theme>` from `site.yaml` (the default theme when it cannot be read).
pub fn theme_dir(content: &Path) -> PathBuf {
    let name = std::fs::read_to_string(content.join("site.yaml"))
        .ok()
        .and_then(|text| crate::yaml::parse_all::<Site>(Path::new("site.yaml"), &text).value)
        .map(|site| site.theme)
        .filter(|name| !name.is_empty() && !name.contains(['/', '\\', '.']))
        .unwrap_or_else(|| "default".to_string());
    content
        .parent()
        .unwrap_or(Path::new("."))
        .join("themes")
        .join(name)
}

/// Copies the built-in `file` (a path such as `templates/programme.html`, or a file name
/// such as `style.css`), or every built-in file, into the site's theme folder. Never
/// overwrites: a single file that exists is refused; with every file, existing ones are kept.
pub fn eject(content: &Path, file: Option<&str>) -> Result<Ejected> {
    let dir = theme_dir(content);
    let all = default_files();
    let chosen: Vec<&(String, &[u8])> = match file {
        None => all.iter().collect(),
        Some(wanted) => {
            let wanted = wanted.trim_start_matches("./");
            let by_path: Vec<_> = all.iter().filter(|(p, _)| p == wanted).collect();
            let by_name: Vec<_> = all
                .iter()
                .filter(|(p, _)| p.rsplit('/').next() == Some(wanted))
                .collect();
            match (by_path.as_slice(), by_name.as_slice()) {
                ([one], _) | ([], [one]) => vec![*one],
                _ => return Err(unknown(wanted, &all)),
            }
        }
    };
    let mut done = Ejected::default();
    for (path, bytes) in chosen {
        let target = dir.join(path);
        if target.exists() || target.is_symlink() {
            if file.is_some() {
                return Err(Error::Usage(t(
                    format!("{} 已存在，未覆盖（要重新复制，请先删除或改名）", target.display()),
                    format!("{} already exists; nothing was overwritten (delete or rename it to copy it again)", target.display()),
                )));
            }
            done.kept.push(target);
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&target, bytes).map_err(|e| Error::io(&target, e))?;
        done.written.push(target);
    }
    Ok(done)
}

fn unknown(wanted: &str, all: &[(String, &[u8])]) -> Error {
    let names: Vec<&str> = all.iter().map(|(p, _)| p.as_str()).collect();
    Error::Usage(t(
        format!(
            "内置主题中没有“{wanted}”。可复制的文件：\n  {}",
            names.join("\n  ")
        ),
        format!(
            "the built-in theme has no “{wanted}”. Files that can be copied:\n  {}",
            names.join("\n  ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ejects_one_file_by_name_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(&content).unwrap();
        let done = eject(&content, Some("programme.html")).unwrap();
        let target = dir.path().join("themes/default/templates/programme.html");
        assert_eq!(done.written, std::slice::from_ref(&target));
        std::fs::write(&target, "mine").unwrap();
        assert!(eject(&content, Some("templates/programme.html")).is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
        let all = eject(&content, None).unwrap();
        assert_eq!(all.kept, std::slice::from_ref(&target));
        assert_eq!(all.written.len(), default_files().len() - 1);
        assert!(eject(&content, Some("nothing.html")).is_err());
    }
}
