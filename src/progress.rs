//! How the command line shows a build's progress: a bar on a terminal once a build has run
//! for a second, plain lines in CI or when output is not a terminal (no escape codes).

use crate::build::Progress;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Progress on standard error.
pub struct Reporter {
    bar: bool,
    started: Instant,
    stage: Mutex<(String, usize)>,
    done: AtomicUsize,
}

impl Reporter {
    /// A bar when standard error is a terminal and `CI` is not set; plain lines otherwise.
    pub fn new() -> Self {
        Reporter {
            bar: std::io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
            started: Instant::now(),
            stage: Mutex::new((String::new(), 0)),
            done: AtomicUsize::new(0),
        }
    }

    /// Clears the bar before the closing summary.
    pub fn finish(&self) {
        if self.bar && self.started.elapsed() > Duration::from_secs(1) {
            eprint!("\r\x1b[2K");
        }
    }
}

impl Default for Reporter {
    fn default() -> Self {
        Self::new()
    }
}

impl Progress for Reporter {
    fn stage(&self, name: &str, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        if let Ok(mut stage) = self.stage.lock() {
            *stage = (name.to_string(), total);
        }
        let name = crate::i18n::t(
            match name {
                "load" => "载入",
                "validate" => "校验",
                "render" => "生成页面",
                "write" => "写入",
                other => other,
            },
            name,
        );
        if let Ok(mut stage) = self.stage.lock() {
            stage.0 = name.clone();
        }
        if !self.bar {
            let count = if total > 0 {
                crate::i18n::t(format!("（{total}）"), format!(" ({total})"))
            } else {
                String::new()
            };
            // The time since the build began, so slow stages show in CI logs.
            let at = self.started.elapsed().as_secs_f64();
            let at = crate::i18n::t(format!("（{at:.2} 秒）"), format!(" ({at:.2} s)"));
            eprintln!("{name}{count}…{at}");
        }
    }

    fn step(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.bar || self.started.elapsed() < Duration::from_secs(1) {
            return;
        }
        let Ok(stage) = self.stage.lock() else { return };
        let (name, total) = (&stage.0, stage.1.max(1));
        if !done.is_multiple_of((total / 100).max(1)) && done != total {
            return;
        }
        let width = 30;
        let filled = done * width / total;
        eprint!(
            "\r{name} [{}{}] {done}/{total}",
            "#".repeat(filled),
            "-".repeat(width - filled.min(width))
        );
        let _ = std::io::stderr().flush();
    }
}
