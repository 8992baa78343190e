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
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--port", "0"])
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
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .split('/')
                .next()
                .unwrap()
                .parse()
                .unwrap();
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
