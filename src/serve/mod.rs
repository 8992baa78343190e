//! `gongkai serve`: build, serve the output on loopback, rebuild on change and reload the
//! browser; a failed rebuild keeps the last good site and shows the error over the page.

mod http;
pub mod live;
mod watch;

use crate::build::BuildOptions;
use crate::error::{Error, Result};
use crate::i18n::t;
use live::{Changes, LiveSite, Update};
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
    let site = Arc::new(LiveSite::new(options.build.clone()));
    rebuild(&site, &state, &Changes::Unknown);
    let listener = TcpListener::bind(SocketAddr::new(options.bind, options.port)).map_err(|e| {
        let (at, why) = (
            SocketAddr::new(options.bind, options.port),
            crate::i18n::io_reason(&e),
        );
        Error::Usage(t(
            format!("无法在 {at} 上监听：{why}"),
            format!("cannot listen on {at}: {why}"),
        ))
    })?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::io("listener", e))?;
    let content = options.build.content.display();
    println!(
        "{}",
        t(
            format!("正在预览 {content}：http://{address}/（从内存提供，不写文件；发布请用 gongkai build；按 Ctrl+C 停止）"),
            format!("serving {content} on http://{address}/ from memory; `gongkai build` writes the site (Ctrl+C to stop)"),
        )
    );
    let _ = std::io::stdout().flush();
    spawn_watcher(options.build.clone(), Arc::clone(&state), Arc::clone(&site));
    for stream in listener.incoming().flatten() {
        while state.active.load(Ordering::Acquire) >= MAX_CONNECTIONS {
            std::thread::sleep(Duration::from_millis(2));
        }
        state.active.fetch_add(1, Ordering::AcqRel);
        let (state, site) = (Arc::clone(&state), Arc::clone(&site));
        std::thread::spawn(move || {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
            handle(stream, &site, &state);
            state.active.fetch_sub(1, Ordering::AcqRel);
        });
    }
    Ok(())
}

/// Brings the site up to date with `changes`, then tells every open page to reload, or to
/// show the error.
fn rebuild(site: &LiveSite, state: &State, changes: &Changes) {
    let started = Instant::now();
    match site.update(changes) {
        Ok(update) => {
            let what = match update {
                Update::Full { programmes } => t(
                    format!("读入全部 {programmes} 个项目"),
                    format!("read all {programmes} programmes"),
                ),
                Update::Programmes(slugs) => t(
                    format!("重新读入：{}", slugs.join("、")),
                    format!("read again: {}", slugs.join(", ")),
                ),
            };
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            // The terminal may be gone (a closed pipe, a detached session): the preview
            // goes on, so a failed log line is ignored rather than allowed to panic.
            let _ = writeln!(
                std::io::stdout(),
                "{}",
                t(
                    format!("已更新，用时 {ms:.1} 毫秒（{what}）；页面在打开时生成"),
                    format!("updated in {ms:.1} ms ({what}); pages render when opened"),
                )
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

fn set_error(state: &State, error: Option<String>) {
    if let Ok(mut slot) = state.error.lock() {
        *slot = error;
    }
}

fn spawn_watcher(options: BuildOptions, state: Arc<State>, site: Arc<LiveSite>) {
    std::thread::spawn(move || {
        let themes = options
            .content
            .parent()
            .map(|p| p.join("themes"))
            .unwrap_or_else(|| PathBuf::from("themes"));
        let mut watch = watch::Watch::new(&[options.content.as_path(), themes.as_path()]);
        loop {
            let changes = watch.wait();
            rebuild(&site, &state, &changes);
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

fn handle(mut stream: TcpStream, site: &LiveSite, state: &State) {
    let Some(request) = http::read_request(&stream) else {
        return;
    };
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        let _ = http::respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            t("只接受 GET 或 HEAD 请求\n", "GET or HEAD only\n").as_bytes(),
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
        path => serve_file(stream, site, state, path, head_only),
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

fn serve_file(mut stream: TcpStream, site: &LiveSite, state: &State, path: &str, head_only: bool) {
    let file = match site.file(path) {
        Ok(Some(file)) => file,
        Ok(None) => {
            let _ = http::respond(
                &mut stream,
                "404 Not Found",
                "text/plain; charset=utf-8",
                t("没有这个页面\n", "not found\n").as_bytes(),
                head_only,
            );
            return;
        }
        Err(error) => {
            // A part that fails to render is a build error like any other: shown over
            // every open page until an edit fixes it.
            let text = error.to_string();
            set_error(state, Some(text.clone()));
            broadcast(
                state,
                "error",
                &serde_json::to_string(&text).unwrap_or_default(),
            );
            let _ = http::respond(
                &mut stream,
                "500 Internal Server Error",
                "text/plain; charset=utf-8",
                text.as_bytes(),
                head_only,
            );
            return;
        }
    };
    let kind = http::content_type(std::path::Path::new(&file.path));
    let mut body = file.bytes;
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
