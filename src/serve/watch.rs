//! Noticing changes to content and themes.
//!
//! File-system events (inotify on Linux, through `notify`) tell `serve` of an edit within
//! a millisecond and cost nothing while nothing changes. Polling, the fallback when events
//! are unavailable (a full inotify watch table, some network mounts), walks every file each
//! 100 ms: at 3,000 programmes that walk alone took a tenth of the machine.

use super::live::Changes;
use notify::{EventKind, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, SystemTime};

/// How long to wait for the rest of a burst of events (an editor's save is several).
const SETTLE: Duration = Duration::from_millis(15);
/// How often the polling fallback looks.
const POLL: Duration = Duration::from_millis(100);

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

/// Waits for changes under a set of folders.
pub enum Watch {
    /// File-system events.
    Events {
        /// Kept only so that it goes on watching.
        _watcher: notify::RecommendedWatcher,
        /// The paths of each change (`None`: a change whose paths are not known).
        changes: Receiver<Option<Vec<PathBuf>>>,
    },
    /// Polling: the folders and what they held last time.
    Poll(Vec<PathBuf>, Fingerprint),
}

impl Watch {
    /// Watches `roots` (missing ones are skipped), by events when the system allows.
    pub fn new(roots: &[&Path]) -> Watch {
        // Absolute roots, so events name absolute paths, comparable with the content folder.
        let owned: Vec<PathBuf> = roots
            .iter()
            .map(|r| r.canonicalize().unwrap_or_else(|_| r.to_path_buf()))
            .collect();
        match events(&owned) {
            Ok((watcher, changes)) => Watch::Events {
                _watcher: watcher,
                changes,
            },
            Err(_) => {
                let last = fingerprint(roots);
                Watch::Poll(owned, last)
            }
        }
    }

    /// Blocks until something changed, then returns what did once the burst has settled.
    pub fn wait(&mut self) -> Changes {
        match self {
            Watch::Events { changes, .. } => {
                let Ok(first) = changes.recv() else {
                    // The watcher is gone: never report a change again rather than spin.
                    loop {
                        std::thread::park();
                    }
                };
                let mut paths = BTreeSet::new();
                let mut known = collect(&mut paths, first);
                // Drain the rest of the burst (a timeout or a lost watcher ends it).
                while let Ok(more) = changes.recv_timeout(SETTLE) {
                    known &= collect(&mut paths, more);
                }
                if known {
                    Changes::Paths(paths)
                } else {
                    Changes::Unknown
                }
            }
            Watch::Poll(roots, last) => loop {
                std::thread::sleep(POLL);
                let refs: Vec<&Path> = roots.iter().map(PathBuf::as_path).collect();
                let now = fingerprint(&refs);
                if now != *last {
                    *last = now;
                    return Changes::Unknown;
                }
            },
        }
    }
}

/// Adds one event's paths to `paths`; false when the event's paths are not known.
fn collect(paths: &mut BTreeSet<PathBuf>, event: Option<Vec<PathBuf>>) -> bool {
    match event {
        Some(event) if !event.is_empty() => {
            paths.extend(event);
            true
        }
        _ => false,
    }
}

/// The receiving end of an event watcher: the paths of each change.
type Events = Receiver<Option<Vec<PathBuf>>>;

/// An event watcher over `roots` sending the paths of each change to a file's contents or
/// to the tree (reads, which the build itself makes, are not changes).
fn events(roots: &[PathBuf]) -> notify::Result<(notify::RecommendedWatcher, Events)> {
    let (send, changes) = channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let changed = match event {
            Ok(event) if matches!(event.kind, EventKind::Access(_) | EventKind::Other) => None,
            // A rescan or an overflowed queue says something changed, but not what.
            Ok(event) if event.need_rescan() => Some(None),
            Ok(event) => Some(Some(event.paths)),
            // A lost event may have been a change.
            Err(_) => Some(None),
        };
        if let Some(paths) = changed {
            let _ = send.send(paths);
        }
    })?;
    for root in roots.iter().filter(|r| r.exists()) {
        watcher.watch(root, RecursiveMode::Recursive)?;
    }
    Ok((watcher, changes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_is_noticed_and_reading_is_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "one").expect("write");
        let mut watch = Watch::new(&[dir.path()]);
        let Watch::Events { changes, .. } = &watch else {
            panic!("inotify is available here");
        };
        std::fs::read(&file).expect("read");
        assert!(
            changes.recv_timeout(Duration::from_millis(200)).is_err(),
            "a read is no change"
        );
        std::fs::write(&file, "two").expect("write");
        let (done, noticed) = channel();
        std::thread::spawn(move || {
            watch.wait();
            let _ = done.send(());
        });
        assert!(
            noticed.recv_timeout(Duration::from_secs(10)).is_ok(),
            "edit noticed"
        );
    }
}
