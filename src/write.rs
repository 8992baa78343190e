//! Stage 5, write: publish rendered files atomically.
//!
//! Files are written into a staging folder beside the output folder, which replaces the old
//! output only once every file is written. A failed or killed build leaves the previous site
//! as it was; the next build clears any staging folder left behind.

use crate::error::{Error, Result};
use crate::render::page::OutputFile;
use std::path::{Component, Path, PathBuf};

/// Writes `files` as the new contents of `output`; returns how many files were written.
pub fn publish(files: &[OutputFile], output: &Path) -> Result<usize> {
    let (parent, name) = split(output)?;
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    if output.exists() && !output.is_dir() {
        return Err(Error::Usage(format!(
            "{} exists and is not a folder",
            output.display()
        )));
    }
    clear_leftovers(&parent, &name);
    let staging = parent.join(format!(".{name}.gongkai-staging-{}", std::process::id()));
    write_all(files, &staging).inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&staging);
    })?;
    swap(&staging, output, &parent, &name)?;
    Ok(files.len())
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
        .ok_or_else(|| Error::Usage(format!("output folder {} has no name", output.display())))?;
    let parent = absolute
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::Usage("the output folder cannot be the file-system root".into()))?;
    Ok((parent, name))
}

/// Removes staging or old folders a killed build left behind.
fn clear_leftovers(parent: &Path, name: &str) {
    let prefixes = [
        format!(".{name}.gongkai-staging-"),
        format!(".{name}.gongkai-old-"),
    ];
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
        return Err(Error::Usage(format!(
            "refusing to write outside the output folder: {relative:?}"
        )));
    }
    Ok(root.join(path))
}

fn write_all(files: &[OutputFile], staging: &Path) -> Result<()> {
    std::fs::create_dir_all(staging).map_err(|e| Error::io(staging, e))?;
    for file in files {
        let path = safe_join(staging, &file.path)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::write(&path, &file.bytes).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

fn swap(staging: &Path, output: &Path, parent: &Path, name: &str) -> Result<()> {
    if !output.exists() {
        return std::fs::rename(staging, output).map_err(|e| Error::io(output, e));
    }
    let old = parent.join(format!(".{name}.gongkai-old-{}", std::process::id()));
    std::fs::rename(output, &old).map_err(|e| Error::io(output, e))?;
    if let Err(e) = std::fs::rename(staging, output) {
        // Put the previous site back before reporting.
        let _ = std::fs::rename(&old, output);
        return Err(Error::io(output, e));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
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
}
