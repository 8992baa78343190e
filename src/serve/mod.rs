//! `gongkai serve`: build, serve the output on loopback, rebuild on change and reload the
//! browser; a failed rebuild keeps the last good site and shows the error over the page.

mod http;
pub mod live;
mod watch;

use crate::build::BuildOptions;
use crate::error::{Error, Result};
use crate::i18n::t;
use live::{Changes, LiveSite, Update};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const LIVE_JS: &str = include_str!("live.js");
const LIVE_JS_PATH: &str = "/__gongkai/live.js";
/// Connections served at once; more wait in the kernel's queue, or take the place of the
/// one that has been slowest to send its request.
const MAX_CONNECTIONS: usize = 256;
/// The time a client has to send its whole request head, however it trickles in.
const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// A connection still sending its head after this long may be closed to make room.
const SLOW_HEAD: Duration = Duration::from_millis(500);
/// The longest a write to a client may block (one that stops reading is dropped).
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Open event streams (one per open page); more pages are served without live reload.
const MAX_SUBSCRIBERS: usize = 128;
/// How often event streams are checked for pages that closed them.
const SWEEP: Duration = Duration::from_secs(1);
/// How often an event stream gets a comment line, so a peer gone without closing (a
/// machine that left the network) is noticed by the failed write.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

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
struct State {
    /// Open event streams.
    subscribers: Mutex<Vec<TcpStream>>,
    /// The current build error, shown to pages that connect while it stands.
    error: Mutex<Option<String>>,
    /// Connections being served.
    active: AtomicUsize,
    /// Connections still sending their request head, by arrival (oldest first), with the
    /// time they arrived: the slowest is closed when every place is taken.
    reading: Mutex<BTreeMap<u64, (Instant, TcpStream)>>,
    /// The address listened on; requests must name it (or loopback) as their host.
    bind: IpAddr,
}

/// Runs the preview server until the process is stopped.
pub fn serve(options: ServeOptions) -> Result<()> {
    let state = Arc::new(State {
        subscribers: Mutex::default(),
        error: Mutex::default(),
        active: AtomicUsize::new(0),
        reading: Mutex::default(),
        bind: options.bind,
    });
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
    println!(
        "{}",
        t(
            format!(
                "预览 {}：http://{address}/（在内存中生成；写出网站请用 `gongkai build`；按 Ctrl+C 停止）",
                options.build.content.display()
            ),
            format!(
                "serving {} on http://{address}/ from memory; `gongkai build` writes the site (Ctrl+C to stop)",
                options.build.content.display()
            ),
        )
    );
    let _ = std::io::stdout().flush();
    spawn_watcher(options.build.clone(), Arc::clone(&state), Arc::clone(&site));
    spawn_sweeper(Arc::clone(&state));
    accept(&listener, &state, &site);
    Ok(())
}

/// Serves each connection on its own thread, at most [`MAX_CONNECTIONS`] at once.
fn accept(listener: &TcpListener, state: &Arc<State>, site: &Arc<LiveSite>) {
    let mut next_id = 0u64;
    loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of descriptors or memory: wait for connections to finish, don't spin.
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        let arrived = Instant::now();
        make_room(state);
        next_id += 1;
        let id = next_id;
        state.active.fetch_add(1, Ordering::AcqRel);
        let (thread_state, site) = (Arc::clone(state), Arc::clone(site));
        let spawned = std::thread::Builder::new().spawn(move || {
            connection(stream, id, arrived, &site, &thread_state);
            thread_state.active.fetch_sub(1, Ordering::AcqRel);
        });
        if spawned.is_err() {
            state.active.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

/// Waits until a connection may start: when every place is taken, closes the connection
/// that has spent longest (at least [`SLOW_HEAD`]) sending its request head, so clients
/// that trickle their requests cannot keep everyone else out.
fn make_room(state: &State) {
    while state.active.load(Ordering::Acquire) >= MAX_CONNECTIONS {
        let slowest = state.reading.lock().ok().and_then(|mut reading| {
            let (&id, (since, _)) = reading.first_key_value()?;
            (since.elapsed() >= SLOW_HEAD).then(|| reading.remove(&id))?
        });
        match slowest {
            Some((_, stream)) => {
                let _ = stream.shutdown(Shutdown::Both);
                // Its thread ends as its read fails; give it a moment before looking again.
                let until = Instant::now() + Duration::from_millis(100);
                while state.active.load(Ordering::Acquire) >= MAX_CONNECTIONS
                    && Instant::now() < until
                {
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
            None => std::thread::sleep(Duration::from_millis(2)),
        }
    }
}

/// Reads one request from a connection (registered meanwhile as still reading) and
/// answers it.
fn connection(stream: TcpStream, id: u64, arrived: Instant, site: &LiveSite, state: &State) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    if let (Ok(clone), Ok(mut reading)) = (stream.try_clone(), state.reading.lock()) {
        reading.insert(id, (arrived, clone));
    }
    let head = http::read_request(&stream, arrived + HEAD_DEADLINE);
    if let Ok(mut reading) = state.reading.lock() {
        reading.remove(&id);
    }
    let _ = stream.set_read_timeout(Some(HEAD_DEADLINE));
    handle(stream, head, site, state);
}

/// Brings the site up to date with `changes`, then tells every open page to reload, or to
/// show the error.
fn rebuild(site: &LiveSite, state: &State, changes: &Changes) {
    let started = Instant::now();
    match site.update(changes) {
        Ok(update) => {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            let line = match update {
                Update::Full { programmes } => t(
                    format!("已更新，用时 {ms:.1} 毫秒（重读全部 {programmes} 个项目）；页面在打开时生成"),
                    format!("updated in {ms:.1} ms (read all {programmes} programmes); pages render when opened"),
                ),
                Update::Programmes(slugs) => t(
                    format!("已更新，用时 {ms:.1} 毫秒（重读：{}）；页面在打开时生成", slugs.join("、")),
                    format!("updated in {ms:.1} ms (read again: {}); pages render when opened", slugs.join(", ")),
                ),
            };
            // The terminal may be gone (a closed pipe, a detached session): the preview
            // goes on, so a failed log line is ignored rather than allowed to panic.
            let _ = writeln!(std::io::stdout(), "{line}");
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

/// Every [`SWEEP`], drops the event streams whose pages have closed them (each holds a
/// descriptor; waiting for a rebuild's write to fail kept them open for hours), and every
/// [`KEEP_ALIVE`] writes them a comment line.
fn spawn_sweeper(state: Arc<State>) {
    std::thread::spawn(move || {
        let mut last_comment = Instant::now();
        loop {
            std::thread::sleep(SWEEP);
            let comment = last_comment.elapsed() >= KEEP_ALIVE;
            if comment {
                last_comment = Instant::now();
            }
            if let Ok(mut subscribers) = state.subscribers.lock() {
                subscribers.retain_mut(|s| {
                    !peer_gone(s)
                        && (!comment
                            || s.write_all(b": keep-alive\n\n")
                                .and_then(|_| s.flush())
                                .is_ok())
                });
            }
        }
    });
}

/// Whether the page at the other end of an event stream has closed it (or it failed),
/// seen without waiting: a page sends nothing on its event stream, so the end of the
/// stream, an error or a flood of bytes all mean it is no longer a live page.
fn peer_gone(stream: &mut TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let mut buf = [0u8; 1024];
    let mut gone = true;
    for _ in 0..16 {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                gone = false;
                break;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        }
    }
    gone || stream.set_nonblocking(false).is_err()
}

/// Answers a request head: an error status for a broken or foreign request, else the
/// file, the live-reload script or the event stream.
fn handle(
    mut stream: TcpStream,
    head: std::result::Result<http::Request, http::HeadError>,
    site: &LiveSite,
    state: &State,
) {
    let request = match head {
        Ok(request) => request,
        Err(http::HeadError::Closed) => return,
        Err(http::HeadError::TimedOut) => {
            let text = t(
                "请求没有在 10 秒内发完。\n",
                "The request did not arrive within 10 seconds.\n",
            );
            return refuse(&mut stream, "408 Request Timeout", &text, false);
        }
        Err(http::HeadError::TooLarge) => {
            let text = t("请求头太长。\n", "The request's headers are too long.\n");
            return refuse(
                &mut stream,
                "431 Request Header Fields Too Large",
                &text,
                false,
            );
        }
        Err(http::HeadError::Malformed) => {
            let text = t(
                "请求有误：地址中的 % 转义不完整或不是 UTF-8，或请求行、Host 头不对。\n",
                "Bad request: a %-escape in the address is incomplete or not UTF-8, or the request line or Host header is malformed.\n",
            );
            return refuse(&mut stream, "400 Bad Request", &text, false);
        }
    };
    let head_only = request.method == "HEAD";
    match &request.host {
        None if !request.http10 => {
            let text = t("请求缺少 Host 头。\n", "The request has no Host header.\n");
            return refuse(&mut stream, "400 Bad Request", &text, head_only);
        }
        Some(host) if !http::host_allowed(host, state.bind) => {
            let text = t(
                "这个预览只接受用 localhost 或 IP 地址打开（例如 http://127.0.0.1:端口/），以免其他网站借自己的域名读取它。\n",
                "This preview answers only to localhost or an IP address (e.g. http://127.0.0.1:PORT/), so that no other website can read it under its own domain name.\n",
            );
            return refuse(&mut stream, "403 Forbidden", &text, head_only);
        }
        _ => {}
    }
    if request.method != "GET" && !head_only {
        let text = t("只支持 GET 和 HEAD 请求。\n", "GET or HEAD only.\n");
        return refuse(&mut stream, "405 Method Not Allowed", &text, false);
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

/// Answers with `status` and a plain-text explanation.
fn refuse(stream: &mut TcpStream, status: &str, text: &str, head_only: bool) {
    let _ = http::respond(
        stream,
        status,
        "text/plain; charset=utf-8",
        text.as_bytes(),
        head_only,
    );
}

/// Keeps the connection as an event stream for live reload (the current error, if any,
/// first), unless [`MAX_SUBSCRIBERS`] pages already have one.
fn subscribe(mut stream: TcpStream, state: &State) {
    let _ = stream.set_read_timeout(None);
    let Ok(mut subscribers) = state.subscribers.lock() else {
        return;
    };
    if subscribers.len() >= MAX_SUBSCRIBERS {
        subscribers.retain_mut(|s| !peer_gone(s));
    }
    if subscribers.len() >= MAX_SUBSCRIBERS {
        let text = t(
            "打开的预览页面太多；这个页面不会自动刷新。\n",
            "Too many preview pages are open; this one will not reload by itself.\n",
        );
        return refuse(&mut stream, "503 Service Unavailable", &text, false);
    }
    let mut hello = String::from("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\r\nretry: 500\n\n");
    if let Ok(Some(error)) = state.error.lock().map(|e| e.clone()) {
        hello.push_str(&format!(
            "event: error\ndata: {}\n\n",
            serde_json::to_string(&error).unwrap_or_default()
        ));
    }
    if stream.write_all(hello.as_bytes()).is_ok() {
        subscribers.push(stream);
    }
}

fn serve_file(mut stream: TcpStream, site: &LiveSite, state: &State, path: &str, head_only: bool) {
    let file = match site.file(path) {
        Ok(Some(file)) => file,
        Ok(None) => {
            let text = t("没有这个页面。\n", "Not found.\n");
            return refuse(&mut stream, "404 Not Found", &text, head_only);
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
