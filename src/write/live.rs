//! Publishing for `serve`: after the first build, write only the files that changed, in
//! place.
//!
//! A preview rebuilds the same site again and again, a programme at a time. Staging a
//! whole new tree of ~90,000 files (3,000 programmes) and comparing each with the old one
//! took seconds per edit. The live publisher remembers a hash of every file it published;
//! a rebuild writes only files whose hash differs and deletes files no longer made. Files a
//! [`ProgrammeCache`](crate::render::ProgrammeCache) hands over again are the bytes it
//! published last time, so they are not even hashed.
//!
//! Changed files are held in memory until the whole build has succeeded, then each is
//! written to a temporary name and renamed over the old one: a failed rebuild changes
//! nothing, and a reader never sees half a file. The first build goes through the atomic
//! [`Stager`] like `gongkai build`.

use super::{safe_join, Published, Stager};
use crate::error::{Error, Result};
use crate::render::page::OutputFile;
use crate::render::Origin;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What the live publisher knows of the output folder between builds.
#[derive(Default)]
pub struct LivePublisher {
    /// Path → hash of the bytes last published there; empty before the first build.
    published: Mutex<HashMap<String, u64>>,
}

/// One build through a [`LivePublisher`].
pub struct LiveRun<'a> {
    publisher: &'a LivePublisher,
    output: PathBuf,
    /// The first build is staged whole.
    stager: Option<Stager>,
    /// What this build made: path → hash.
    made: Mutex<HashMap<String, u64>>,
    /// Files to write once the build has succeeded.
    pending: Mutex<Vec<OutputFile>>,
}

fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

fn poisoned<T>(_: T) -> Error {
    Error::Usage("a write thread failed".into())
}

impl LivePublisher {
    /// A publisher that has published nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a build into `output`.
    pub fn begin(&self, output: &Path) -> Result<LiveRun<'_>> {
        let first = self.published.lock().map_err(poisoned)?.is_empty();
        Ok(LiveRun {
            publisher: self,
            output: output.to_path_buf(),
            stager: if first {
                Some(Stager::begin(output)?)
            } else {
                None
            },
            made: Mutex::new(HashMap::new()),
            pending: Mutex::new(Vec::new()),
        })
    }

    /// Forgets what was published, so the next build is staged whole (after a failure).
    fn forget(&self) {
        if let Ok(mut published) = self.published.lock() {
            published.clear();
        }
    }
}

impl LiveRun<'_> {
    /// Takes one file of the build. Safe to call from many threads.
    pub fn put(&self, file: &OutputFile, origin: Origin) -> Result<()> {
        let known = self
            .publisher
            .published
            .lock()
            .map_err(poisoned)?
            .get(&file.path)
            .copied();
        let digest = match (origin, known) {
            (Origin::Cached, Some(known)) => known,
            _ => hash(&file.bytes),
        };
        self.made
            .lock()
            .map_err(poisoned)?
            .insert(file.path.clone(), digest);
        if let Some(stager) = &self.stager {
            return stager.put(file);
        }
        if known != Some(digest) {
            // Checked now, so a bad path fails the build before anything is written.
            safe_join(&self.output, &file.path)?;
            self.pending.lock().map_err(poisoned)?.push(file.clone());
        }
        Ok(())
    }

    /// Publishes the build: swaps in the staged site on the first build, otherwise writes
    /// the changed files in place and removes the files no longer made.
    pub fn finish(self) -> Result<Published> {
        let made = self.made.into_inner().map_err(poisoned)?;
        let result = match self.stager {
            Some(stager) => stager.finish(),
            None => {
                let pending = self.pending.into_inner().map_err(poisoned)?;
                let published = self.publisher.published.lock().map_err(poisoned)?;
                let gone: Vec<&String> = published
                    .keys()
                    .filter(|p| !made.contains_key(*p))
                    .collect();
                write_in_place(&self.output, &pending, &gone).map(|()| Published {
                    files: made.len(),
                    written: pending.len(),
                })
            }
        };
        match &result {
            Ok(_) => *self.publisher.published.lock().map_err(poisoned)? = made,
            // The folder may be partly updated: start afresh next time.
            Err(_) => self.publisher.forget(),
        }
        result
    }
}

/// Writes each file to a temporary name beside it and renames it into place, then deletes
/// the files in `gone`.
fn write_in_place(output: &Path, files: &[OutputFile], gone: &[&String]) -> Result<()> {
    files.par_iter().try_for_each(|file| {
        let path = safe_join(output, &file.path)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temporary = path.with_file_name(format!(".{name}.gongkai-new"));
        std::fs::write(&temporary, &file.bytes).map_err(|e| Error::io(&temporary, e))?;
        std::fs::rename(&temporary, &path).map_err(|e| Error::io(&path, e))
    })?;
    for relative in gone {
        let path = safe_join(output, relative)?;
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io(&path, e));
            }
            _ => {}
        }
        // Folders left empty go too (removing a non-empty folder fails, which stops it).
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != output) {
            if std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(publisher: &LivePublisher, out: &Path, files: &[(&str, &str, Origin)]) -> Published {
        let run = publisher.begin(out).expect("begin");
        for (path, text, origin) in files {
            run.put(&OutputFile::text(*path, text.to_string()), *origin)
                .expect("put");
        }
        run.finish().expect("finish")
    }

    #[test]
    fn rebuilds_write_only_changed_files_and_remove_dropped_ones() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site");
        let live = LivePublisher::new();
        let first = build(
            &live,
            &out,
            &[
                ("a.html", "one", Origin::Rendered),
                ("b/c.html", "two", Origin::Rendered),
                ("d.html", "three", Origin::Rendered),
            ],
        );
        assert_eq!((first.files, first.written), (3, 3));
        let inode = |p: &str| {
            std::fs::metadata(out.join(p))
                .map(|m| std::os::unix::fs::MetadataExt::ino(&m))
                .expect("meta")
        };
        let a = inode("a.html");
        let second = build(
            &live,
            &out,
            &[
                ("a.html", "one", Origin::Rendered),
                ("b/c.html", "changed", Origin::Cached),
                ("e.html", "new", Origin::Rendered),
            ],
        );
        // A cached file with a known hash is trusted, so b/c.html is not rewritten even
        // though these bytes differ: the cache promises the bytes are what it gave before.
        assert_eq!((second.files, second.written), (3, 1));
        assert_eq!(inode("a.html"), a, "unchanged file left alone");
        assert_eq!(
            std::fs::read_to_string(out.join("e.html")).expect("e"),
            "new"
        );
        assert!(!out.join("d.html").exists(), "dropped file removed");
        build(&live, &out, &[("a.html", "one", Origin::Rendered)]);
        assert!(!out.join("b").exists(), "emptied folder removed");
        let leftovers = std::fs::read_dir(&out)
            .expect("dir")
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .count();
        assert_eq!(leftovers, 0);
    }

    #[test]
    fn a_failed_rebuild_changes_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site");
        let live = LivePublisher::new();
        build(&live, &out, &[("a.html", "one", Origin::Rendered)]);
        let run = live.begin(&out).expect("begin");
        run.put(&OutputFile::text("a.html", "two".into()), Origin::Rendered)
            .expect("put");
        assert!(run
            .put(
                &OutputFile::text("../escape.html", "x".into()),
                Origin::Rendered
            )
            .is_err());
        drop(run);
        assert_eq!(
            std::fs::read_to_string(out.join("a.html")).expect("a"),
            "one"
        );
    }
}
