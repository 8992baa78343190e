//! `gongkai serve`: build, serve the output on loopback, rebuild on change and reload the
//! browser; a failed rebuild keeps the last good site and shows the error over the page.

mod http;
mod watch;

use crate::build::{build_site_cached, BuildOptions, Incremental};
use crate::error::{Error, Result};
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const LIVE_JS: &str = include_str!("live.js");
const LIVE_JS_PATH: &str = "/__gongkai/live.js";
/// Connections served at once; more wait in the kernel's queue.
const MAX_CONNECTIONS: usize = 256;

/// What `gongkai serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Content and output folders, base URL and as-of date.
    pub build: BuildOptions,
    /// Address to listen on; 127.0.0.1 unless told otherwise.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
}

/// Live state shared by the watcher and the connections.
#[derive(Default)]
struct State {
    /// Open event streams.
    subscribers: Mutex<Vec<TcpStream>>,
    /// The current build error, shown to pages that connect while it stands.
    error: Mutex<Option<String>>,
    /// Connections being served.
    active: AtomicUsize,
}

/// Runs the preview server until the process is stopped.
pub fn serve(options: ServeOptions) -> Result<()> {
    let state = Arc::new(State::default());
    let kept = Incremental::new();
    rebuild(&options.build, &state, &kept);
    let listener = TcpListener::bind(SocketAddr::new(options.bind, options.port)).map_err(|e| {
        Error::Usage(format!(
            "cannot listen on {}:{}: {e}",
            options.bind, options.port
        ))
    })?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::io("listener", e))?;
    println!(
        "serving {} on http://{address}/ (Ctrl+C to stop)",
        options.build.output.display()
    );
    let _ = std::io::stdout().flush();
    spawn_watcher(options.build.clone(), Arc::clone(&state), kept);
    let root = options.build.output.clone();
    for stream in listener.incoming().flatten() {
        while state.active.load(Ordering::Acquire) >= MAX_CONNECTIONS {
            std::thread::sleep(Duration::from_millis(2));
        }
        state.active.fetch_add(1, Ordering::AcqRel);
        let (state, root) = (Arc::clone(&state), root.clone());
        std::thread::spawn(move || {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
            handle(stream, &root, &state);
            state.active.fetch_sub(1, Ordering::AcqRel);
        });
    }
    Ok(())
}

/// Builds once, then tells every open page to reload, or to show the error. What `kept`
/// holds from earlier builds is not rendered or written again.
fn rebuild(options: &BuildOptions, state: &State, kept: &Incremental) {
    let started = Instant::now();
    let stages = StageTimes::default();
    match build_site_cached(options, &stages, Some(kept)) {
        Ok(summary) => {
            // The terminal may be gone (a closed pipe, a detached session): the preview
            // goes on, so a failed log line is ignored rather than allowed to panic.
            let _ = writeln!(
                std::io::stdout(),
                "rebuilt {} pages in {} ms ({}; {} files changed)",
                summary.pages,
                started.elapsed().as_millis(),
                stages.report(),
                summary.changed
            );
            set_error(state, None);
            broadcast(state, "reload", "\"ok\"");
        }
        Err(error) => {
            let text = error.to_string();
            let _ = writeln!(std::io::stderr(), "{text}");
            set_error(state, Some(text.clone()));
            broadcast(
                state,
                "error",
                &serde_json::to_string(&text).unwrap_or_default(),
            );
        }
    }
}

/// When each stage of a build began, for the log line that says where the time went.
#[derive(Default)]
struct StageTimes {
    started: Mutex<Vec<(String, Instant)>>,
}

impl crate::build::Progress for StageTimes {
    fn stage(&self, name: &str, _total: usize) {
        if let Ok(mut started) = self.started.lock() {
            started.push((name.to_string(), Instant::now()));
        }
    }
}

impl StageTimes {
    /// "load 120 ms, validate 30 ms, …": each stage until the next one (the last until now).
    fn report(&self) -> String {
        let Ok(started) = self.started.lock() else {
            return String::new();
        };
        let now = Instant::now();
        started
            .iter()
            .enumerate()
            .map(|(i, (name, at))| {
                let end = started.get(i + 1).map_or(now, |(_, next)| *next);
                format!("{name} {} ms", end.duration_since(*at).as_millis())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn set_error(state: &State, error: Option<String>) {
    if let Ok(mut slot) = state.error.lock() {
        *slot = error;
    }
}

fn spawn_watcher(options: BuildOptions, state: Arc<State>, kept: Incremental) {
    std::thread::spawn(move || {
        let themes = options
            .content
            .parent()
            .map(|p| p.join("themes"))
            .unwrap_or_else(|| PathBuf::from("themes"));
        let mut watch = watch::Watch::new(&[options.content.as_path(), themes.as_path()]);
        loop {
            watch.wait();
            rebuild(&options, &state, &kept);
        }
    });
}

fn broadcast(state: &State, event: &str, data: &str) {
    if let Ok(mut subscribers) = state.subscribers.lock() {
        let message = format!("event: {event}\ndata: {data}\n\n");
        subscribers.retain_mut(|s| {
            s.write_all(message.as_bytes())
                .and_then(|_| s.flush())
                .is_ok()
        });
    }
}

fn handle(mut stream: TcpStream, root: &std::path::Path, state: &State) {
    let Some(request) = http::read_request(&stream) else {
        return;
    };
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        let _ = http::respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET or HEAD only\n",
            false,
        );
        return;
    }
    match request.path.as_str() {
        http::EVENTS_PATH => subscribe(stream, state),
        LIVE_JS_PATH => {
            let _ = http::respond(
                &mut stream,
                "200 OK",
                "text/javascript; charset=utf-8",
                LIVE_JS.as_bytes(),
                head_only,
            );
        }
        path => serve_file(stream, root, path, head_only),
    }
}

fn subscribe(mut stream: TcpStream, state: &State) {
    let _ = stream.set_read_timeout(None);
    let mut hello = String::from("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\r\nretry: 500\n\n");
    if let Ok(Some(error)) = state.error.lock().map(|e| e.clone()) {
        hello.push_str(&format!(
            "event: error\ndata: {}\n\n",
            serde_json::to_string(&error).unwrap_or_default()
        ));
    }
    if stream.write_all(hello.as_bytes()).is_ok() {
        if let Ok(mut subscribers) = state.subscribers.lock() {
            subscribers.push(stream);
        }
    }
}

fn serve_file(mut stream: TcpStream, root: &std::path::Path, path: &str, head_only: bool) {
    let Some(file) = http::resolve(root, path) else {
        let _ = http::respond(
            &mut stream,
            "404 Not Found",
            "text/plain; charset=utf-8",
            "没有这个页面 / not found\n".as_bytes(),
            head_only,
        );
        return;
    };
    let Ok(mut body) = std::fs::read(&file) else {
        let _ = http::respond(
            &mut stream,
            "404 Not Found",
            "text/plain",
            b"not found\n",
            head_only,
        );
        return;
    };
    let kind = http::content_type(&file);
    if kind.starts_with("text/html") {
        body = inject_live_reload(body);
    }
    let _ = http::respond(&mut stream, "200 OK", kind, &body, head_only);
}

/// Adds the live-reload script to a page (only in the preview; built files never have it).
fn inject_live_reload(body: Vec<u8>) -> Vec<u8> {
    let html = String::from_utf8_lossy(&body);
    let tag = format!("<script src=\"{LIVE_JS_PATH}\"></script>");
    match html.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{html}{tag}").into_bytes(),
    }
}
