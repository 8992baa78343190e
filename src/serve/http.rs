//! A small HTTP/1.1 server for previews: GET and HEAD only, the site's files only (see
//! `live`), plus the live-reload event stream. Not for production hosting.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv6Addr, TcpStream};
use std::path::Path;
use std::time::Instant;

/// Address of the live-reload event stream.
pub const EVENTS_PATH: &str = "/__gongkai/events";
/// The longest request head (request line and headers) read.
const MAX_HEAD: u64 = 16 * 1024;

/// A parsed request head.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    /// GET or HEAD.
    pub method: String,
    /// The decoded path, without query.
    pub path: String,
    /// The `Host` header's value, when there is one.
    pub host: Option<String>,
    /// True for HTTP/1.0 (and older), where `Host` may be missing.
    pub http10: bool,
}

/// Why no request could be read.
#[derive(Debug, PartialEq, Eq)]
pub enum HeadError {
    /// The client closed the connection (or it failed) before the head was complete.
    Closed,
    /// The head did not arrive before the deadline.
    TimedOut,
    /// The head is longer than the server reads.
    TooLarge,
    /// The head is not a valid request (bad request line, escape or `Host` header).
    Malformed,
}

/// Reads the request line and headers, within `deadline` for the whole head (not per
/// read, so a client sending a byte now and then cannot hold the connection) and
/// [`MAX_HEAD`] bytes (so it cannot hold unbounded memory).
pub fn read_request(stream: &TcpStream, deadline: Instant) -> Result<Request, HeadError> {
    let timed = Timed { stream, deadline };
    let mut reader = BufReader::new(timed).take(MAX_HEAD);
    let request_line = read_line(&mut reader)?;
    let mut host = None;
    loop {
        let header = read_line(&mut reader)?;
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("host") {
                if host.is_some() {
                    // Two Host headers: which one a proxy or browser meant is unknown.
                    return Err(HeadError::Malformed);
                }
                host = Some(value.trim().to_string());
            }
        }
    }
    parse_request_line(&request_line, host)
}

/// One line of the head without its line ending; an error when the head ends early or
/// runs past its limit.
fn read_line<R: BufRead>(reader: &mut std::io::Take<R>) -> Result<String, HeadError> {
    let mut line = Vec::new();
    match reader.read_until(b'\n', &mut line) {
        Ok(_) if line.ends_with(b"\n") => {}
        Ok(_) if reader.limit() == 0 => return Err(HeadError::TooLarge),
        Ok(_) => return Err(HeadError::Closed),
        Err(e) if is_timeout(&e) => return Err(HeadError::TimedOut),
        Err(_) => return Err(HeadError::Closed),
    }
    line.pop();
    if line.ends_with(b"\r") {
        line.pop();
    }
    Ok(String::from_utf8_lossy(&line).into_owned())
}

fn is_timeout(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
    )
}

/// `METHOD TARGET VERSION` into a request; the target's escapes decoded.
fn parse_request_line(line: &str, host: Option<String>) -> Result<Request, HeadError> {
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Malformed);
    };
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" | "HTTP/0.9" => true,
        _ => return Err(HeadError::Malformed),
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(HeadError::Malformed);
    }
    let raw = target.split(['?', '#']).next().unwrap_or("/");
    Ok(Request {
        method: method.to_string(),
        path: percent_decode(raw).ok_or(HeadError::Malformed)?,
        host,
        http10,
    })
}

/// Reads from a stream with the time left before a deadline as each read's timeout.
struct Timed<'a> {
    stream: &'a TcpStream,
    deadline: Instant,
}

impl Read for Timed<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

/// Decodes %XX escapes; None for malformed escapes or invalid UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether a `Host` header names this server in a way no other site can: `localhost`, a
/// loopback address, the address it is bound to, or — bound to all interfaces — any IP
/// address. A name other than `localhost` is refused: that is how DNS rebinding reaches
/// a local server (a page of `evil.example`, whose name now points to 127.0.0.1, reading
/// the preview as its own). Any port is accepted.
pub fn host_allowed(host: &str, bind: IpAddr) -> bool {
    let Some(name) = host_name(host) else {
        return false;
    };
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let ip = match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(v6) => v6.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
        None => name.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4),
    };
    ip.is_some_and(|ip| ip.is_loopback() || ip == bind || bind.is_unspecified())
}

/// The host part of a `Host` value (`[::1]` of `[::1]:80`); None when the port is not a
/// number or the value is empty.
fn host_name(host: &str) -> Option<&str> {
    let (name, port) = if host.starts_with('[') {
        let end = host.find(']')? + 1;
        let rest = &host[end..];
        let port = if rest.is_empty() {
            None
        } else {
            Some(rest.strip_prefix(':')?)
        };
        (&host[..end], port)
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    (port_ok && !name.is_empty()).then_some(name)
}

/// Content type by extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

/// Writes a complete response.
pub fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    #[test]
    fn decodes_utf8_escapes() {
        assert_eq!(percent_decode("/%E5%8C%BB").as_deref(), Some("/医"));
        for bad in ["/%zz", "/%E5", "/%", "/%2", "/%+1", "/%ff"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn request_lines() {
        let request = parse_request_line("GET /a%20b?x=1 HTTP/1.1", None).unwrap();
        assert_eq!(request.path, "/a b");
        assert!(!request.http10);
        for bad in [
            "GET",
            "GET /",
            "GET / HTTP/2.0",
            "GET  / HTTP/1.1",
            "get / HTTP/1.1",
            "GET /%zz HTTP/1.1",
        ] {
            assert_eq!(
                parse_request_line(bad, None),
                Err(HeadError::Malformed),
                "{bad}"
            );
        }
    }

    #[test]
    fn hosts() {
        let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);
        for good in [
            "localhost",
            "Localhost:1",
            "localhost.",
            "127.0.0.1:8000",
            "127.3.4.5",
            "[::1]",
            "[::1]:9",
        ] {
            assert!(host_allowed(good, loopback), "{good}");
        }
        for bad in [
            "",
            ":80",
            "evil.example",
            "localhost:x",
            "localhost:",
            "[::1]x",
            "[::1",
            "10.0.0.2",
            "localhost.evil",
            "::1",
        ] {
            assert!(!host_allowed(bad, loopback), "{bad:?}");
        }
        let lan = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));
        assert!(host_allowed("10.0.0.2:8000", lan));
        assert!(!host_allowed("10.0.0.3", lan));
        let any = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
        assert!(host_allowed("10.0.0.3", any) && host_allowed("[fe80::1]", any));
        assert!(!host_allowed("evil.example", any));
    }
}
