//! Noticing changes to content and themes.
//!
//! File-system events (inotify on Linux, through `notify`) tell `serve` of an edit within
//! a millisecond and cost nothing while nothing changes. Polling, the fallback when events
//! are unavailable (a full inotify watch table, some network mounts), walks every file each
//! 100 ms: at 3,000 programmes that walk alone took a tenth of the machine.

use notify::{EventKind, RecursiveMode, Watcher as _};
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
        /// A `()` per change.
        changes: Receiver<()>,
    },
    /// Polling: the folders and what they held last time.
    Poll(Vec<PathBuf>, Fingerprint),
}

impl Watch {
    /// Watches `roots` (missing ones are skipped), by events when the system allows.
    pub fn new(roots: &[&Path]) -> Watch {
        let owned: Vec<PathBuf> = roots.iter().map(|r| r.to_path_buf()).collect();
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

    /// Blocks until something changed, then returns once the burst has settled.
    pub fn wait(&mut self) {
        match self {
            Watch::Events { changes, .. } => {
                if changes.recv().is_err() {
                    // The watcher is gone: never report a change again rather than spin.
                    loop {
                        std::thread::park();
                    }
                }
                // Drain the rest of the burst (a timeout or a lost watcher ends it).
                while changes.recv_timeout(SETTLE).is_ok() {}
            }
            Watch::Poll(roots, last) => loop {
                std::thread::sleep(POLL);
                let refs: Vec<&Path> = roots.iter().map(PathBuf::as_path).collect();
                let now = fingerprint(&refs);
                if now != *last {
                    *last = now;
                    return;
                }
            },
        }
    }
}

/// An event watcher over `roots` sending `()` for each change to a file's contents or to
/// the tree (reads, which the build itself makes, are not changes).
fn events(roots: &[PathBuf]) -> notify::Result<(notify::RecommendedWatcher, Receiver<()>)> {
    let (send, changes) = channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let changed = match event {
            Ok(event) => !matches!(event.kind, EventKind::Access(_) | EventKind::Other),
            // A lost event (queue overflow) may have been a change.
            Err(_) => true,
        };
        if changed {
            let _ = send.send(());
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
