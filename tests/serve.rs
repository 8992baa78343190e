//! `gongkai serve` as an author uses it: the page is served on loopback, an edit to the YAML
//! rebuilds the site, the reload event arrives and the served page changes; a broken edit
//! sends an error event and keeps the last good page.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (
        head.lines().next().unwrap_or("").to_string(),
        body.to_string(),
    )
}

fn next_event(reader: &mut BufReader<TcpStream>) -> String {
    let mut line = String::new();
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        if let Some(name) = line.strip_prefix("event: ") {
            return name.trim().to_string();
        }
    }
}

#[test]
fn edit_rebuilds_and_reloads() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    let init = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["init"])
        .current_dir(site)
        .output()
        .unwrap();
    assert!(init.status.success());
    let (server, port) = start_serve(site);
    let page = "/programmes/example-programme/index.html";
    let (status, body) = get(port, page);
    assert!(status.contains("200"), "{status}");
    assert!(
        body.contains("示例：某县医疗服务能力提升实施方案") && body.contains("/__gongkai/live.js")
    );
    let (status, _) = get(port, "/../../etc/passwd");
    assert!(status.contains("404"), "traversal refused: {status}");
    let (status, _) = get(port, "/%2e%2e/%2e%2e/etc/passwd");
    assert!(
        status.contains("404"),
        "encoded traversal refused: {status}"
    );

    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        events,
        "GET /__gongkai/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut reader = BufReader::new(events);

    let yaml = site.join("content/programmes/example-programme/programme.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::thread::sleep(Duration::from_millis(50));
    let edited = Instant::now();
    std::fs::write(
        &yaml,
        text.replace("示例：某县医疗服务能力提升实施方案", "已修改的标题"),
    )
    .unwrap();
    assert_eq!(next_event(&mut reader), "reload");
    eprintln!("edit → reload event: {} ms", edited.elapsed().as_millis());
    let (_, body) = get(port, page);
    assert!(body.contains("已修改的标题"), "served page changed");
    for listing in ["/", "/regions/", "/years/", "/feed.xml"] {
        let (_, body) = get(port, listing);
        assert!(
            body.contains("已修改的标题"),
            "{listing} shows the new title"
        );
    }
    assert!(
        !site.join("output").exists(),
        "the preview renders in memory and writes no output"
    );

    std::fs::write(
        &yaml,
        text.replace("value: 4 ", "value: 12 ")
            .replace("    value: 4\n", "    value: 12\n"),
    )
    .unwrap();
    assert_eq!(next_event(&mut reader), "error");
    let mut data = String::new();
    reader.read_line(&mut data).unwrap();
    assert!(
        data.contains("targets[1].value") && data.contains("programme.yaml"),
        "{data}"
    );
    let (_, body) = get(port, page);
    assert!(body.contains("已修改的标题"), "last good page still served");

    std::fs::write(&yaml, &text).unwrap();
    assert_eq!(next_event(&mut reader), "reload");
    drop(server);
}

fn start_serve(site: &std::path::Path) -> (Server, u16) {
    start_serve_with(site, &[])
}

/// `gongkai serve --port 0 EXTRA…` in `site`; the server and the port it printed.
fn start_serve_with(site: &std::path::Path, extra: &[&str]) -> (Server, u16) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .current_dir(site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    let port = loop {
        let line = lines.next().unwrap().unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            let address = rest.split('/').next().unwrap();
            break address.rsplit(':').next().unwrap().parse().unwrap();
        }
    };
    (server, port)
}

fn resident_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// 64 clients at once, 10,240 requests in all: every one answered 200 with the whole page,
/// and the server's memory does not grow from one round of load to the next.
#[test]
fn survives_64_concurrent_clients() {
    let dir = tempfile::tempdir().unwrap();
    let init = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["init"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(init.status.success());
    let (server, port) = start_serve(dir.path());
    let round = |requests_each: usize| {
        let clients: Vec<_> = (0..64)
            .map(|i| {
                std::thread::spawn(move || {
                    let path = if i % 2 == 0 {
                        "/index.html"
                    } else {
                        "/programmes/example-programme/index.html"
                    };
                    let mut failures = 0;
                    for _ in 0..requests_each {
                        let (status, body) = get(port, path);
                        if !status.contains("200") || !body.contains("</html>") {
                            failures += 1;
                        }
                    }
                    failures
                })
            })
            .collect();
        clients
            .into_iter()
            .map(|c| c.join().unwrap())
            .sum::<usize>()
    };
    assert_eq!(round(20), 0, "warm-up requests failed");
    let before = resident_kb(server.0.id());
    assert_eq!(round(140), 0, "requests failed under load");
    let after = resident_kb(server.0.id());
    eprintln!("server memory: {before} kB after warm-up, {after} kB after 8,960 more requests");
    assert!(
        after <= before + 4096,
        "server memory grew from {before} kB to {after} kB"
    );
}

/// A fresh `gongkai init` site in a temp dir.
fn init_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let init = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["init"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(init.status.success());
    dir
}

/// The status line of the answer to a raw request `head` (empty when none came within 5 s).
fn status_of(port: u16, head: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response);
    response.lines().next().unwrap_or("").to_string()
}

fn open_descriptors(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .count()
}

/// A page view opens an event stream; closing the page closes it. 100 page views (page,
/// script, event stream, then the tab is closed) leave the server's descriptors as they were:
/// a closed stream is dropped without waiting for a rebuild to write to it.
#[test]
fn closed_event_streams_release_their_descriptors() {
    let dir = init_site();
    let (server, port) = start_serve(dir.path());
    let pid = server.0.id();
    let (status, _) = get(port, "/");
    assert!(status.contains("200"), "{status}");
    let before = open_descriptors(pid);
    for _ in 0..100 {
        let (status, _) = get(port, "/programmes/example-programme/index.html");
        assert!(status.contains("200"), "{status}");
        let (status, _) = get(port, "/__gongkai/live.js");
        assert!(status.contains("200"), "{status}");
        let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            events,
            "GET /__gongkai/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(events);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.contains("200"), "{line}");
    }
    // The server notices closed streams within a few seconds.
    let started = Instant::now();
    let mut after = open_descriptors(pid);
    while after > before + 5 && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(100));
        after = open_descriptors(pid);
    }
    eprintln!(
        "descriptors: {before} before, {after} after 100 page views ({} ms to settle)",
        started.elapsed().as_millis()
    );
    assert!(
        after <= before + 5,
        "descriptors grew from {before} to {after} after 100 closed page views"
    );
    // An open page still gets its reload event.
    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        events,
        "GET /__gongkai/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut reader = BufReader::new(events);
    std::thread::sleep(Duration::from_millis(1500));
    let yaml = dir
        .path()
        .join("content/programmes/example-programme/programme.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, text.replace("示例：", "示例二：")).unwrap();
    assert_eq!(next_event(&mut reader), "reload");
}

/// 300 clients that send one header line every 3 s (never finishing their request) do not
/// keep a normal visitor waiting, and none of them holds a connection past the 10 s
/// allowed for a request's head.
#[test]
fn slow_clients_do_not_block_others() {
    let dir = init_site();
    let (_server, port) = start_serve(dir.path());
    let (status, _) = get(port, "/");
    assert!(status.contains("200"), "{status}");
    let opened = Instant::now();
    let mut slow: Vec<TcpStream> = (0..300)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\n").unwrap();
            s
        })
        .collect();
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    let mut clones: Vec<TcpStream> = slow.iter().map(|s| s.try_clone().unwrap()).collect();
    let trickle = std::thread::spawn(move || {
        let mut n = 0;
        while stopped.recv_timeout(Duration::from_secs(3)).is_err() {
            n += 1;
            for s in &mut clones {
                let _ = write!(s, "X-Slow-{n}: 1\r\n");
            }
        }
    });
    std::thread::sleep(Duration::from_millis(500));
    for round in 0..5 {
        let asked = Instant::now();
        let status = status_of(port, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
        let took = asked.elapsed();
        eprintln!(
            "normal request {round} with 300 slow clients: {} ms",
            took.as_millis()
        );
        assert!(
            status.contains("200"),
            "normal request answered: {status:?}"
        );
        assert!(
            took < Duration::from_secs(2),
            "normal request took {took:?}"
        );
        std::thread::sleep(Duration::from_millis(700));
    }
    // Every slow client is closed (timed out or made room for) by 10 s and a margin.
    for s in &mut slow {
        s.set_nonblocking(true).unwrap();
    }
    let mut closed = vec![false; slow.len()];
    while closed.contains(&false) && opened.elapsed() < Duration::from_secs(15) {
        for (s, closed) in slow.iter_mut().zip(&mut closed) {
            let mut buf = [0u8; 256];
            loop {
                match s.read(&mut buf) {
                    Ok(0) => *closed = true,
                    Ok(_) => continue, // a 408 answer before the close
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                    Err(_) => *closed = true,
                }
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let open = closed.iter().filter(|c| !**c).count();
    let _ = stop.send(());
    trickle.join().unwrap();
    eprintln!(
        "slow clients still open after {} ms: {open}",
        opened.elapsed().as_millis()
    );
    assert_eq!(open, 0, "slow clients held past the request-head deadline");
}

/// A malformed percent-escape, an escape that is not UTF-8 and a broken request line are
/// answered 400, not dropped.
#[test]
fn malformed_requests_get_400() {
    let dir = init_site();
    let (_server, port) = start_serve(dir.path());
    for path in ["/%zz", "/%E5", "/%", "/%ff%fe", "/a%2"] {
        let status = status_of(
            port,
            &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n"),
        );
        assert!(status.contains(" 400 "), "{path}: {status:?}");
    }
    let status = status_of(port, "GARBAGE\r\nHost: localhost\r\n\r\n");
    assert!(status.contains(" 400 "), "request line: {status:?}");
    let status = status_of(port, "GET / HTTP/1.1\r\n\r\n");
    assert!(
        status.contains(" 400 "),
        "HTTP/1.1 without Host: {status:?}"
    );
}

/// DNS rebinding: a page of another site whose name the attacker points at 127.0.0.1 must
/// not read the preview. Only loopback names are accepted by default; with `--bind` the
/// bound address too, and with an all-interfaces bind any IP address (never a name).
#[test]
fn only_loopback_host_names_are_served() {
    let dir = init_site();
    let (_server, port) = start_serve(dir.path());
    let ask = |host: &str, path: &str| {
        status_of(
            port,
            &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n"),
        )
    };
    for host in [
        "localhost",
        "LOCALHOST:8000",
        "localhost.",
        "127.0.0.1",
        &format!("127.0.0.1:{port}"),
        "[::1]",
        "[::1]:80",
    ] {
        let status = ask(host, "/");
        assert!(status.contains(" 200 "), "{host}: {status:?}");
    }
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "localhost.evil.example",
        "127.0.0.1.evil.example",
        "192.168.1.5",
        "[::1]evil",
        "",
    ] {
        for path in ["/", "/__gongkai/events", "/data.json"] {
            let status = ask(host, path);
            assert!(status.contains(" 403 "), "{host:?} {path}: {status:?}");
        }
    }

    let (_server, port) = start_serve_with(dir.path(), &["--bind", "0.0.0.0"]);
    let ask = |host: &str| status_of(port, &format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n"));
    for host in ["localhost", "192.168.1.5:8000", "0.0.0.0", "[fe80::1]:80"] {
        assert!(ask(host).contains(" 200 "), "bound to 0.0.0.0: {host}");
    }
    assert!(
        ask("evil.example").contains(" 403 "),
        "bound to 0.0.0.0: a name"
    );
}
