//! Noticing changes to content and themes by polling: no platform-specific watcher, and the
//! same behaviour on every file system (including network and container mounts).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A summary of a tree's files; two equal fingerprints mean nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fingerprint(Vec<(PathBuf, u64, Option<SystemTime>)>);

/// Fingerprints every file under `roots` (missing roots are skipped).
pub fn fingerprint(roots: &[&Path]) -> Fingerprint {
    let mut files = Vec::new();
    for root in roots {
        for entry in walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if !entry.file_type().is_file() {
                continue;
            }
            if let Ok(meta) = entry.metadata() {
                files.push((entry.into_path(), meta.len(), meta.modified().ok()));
            }
        }
    }
    Fingerprint(files)
}
