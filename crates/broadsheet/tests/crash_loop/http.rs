//! A bare HTTP/1.1 client for the crash loop: one connection per request, cookies kept
//! like a browser's, nothing that could hide a dropped connection.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// HTTP/1.1 by hand, one connection per request, cookies kept like a browser's.
pub(crate) struct Client {
    pub(crate) port: u16,
    pub(crate) cookies: BTreeMap<String, String>,
}

pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
}

impl Reply {
    pub(crate) fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map_or("", |(_, value)| value.as_str())
    }
}

impl Client {
    pub(crate) fn new(port: u16) -> Client {
        Client {
            port,
            cookies: BTreeMap::new(),
        }
    }

    pub(crate) fn cookie(&self, name: &str) -> String {
        self.cookies.get(name).cloned().unwrap_or_default()
    }

    pub(crate) fn get(&mut self, path: &str) -> std::io::Result<Reply> {
        self.send("GET", path, None)
    }

    pub(crate) fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> std::io::Result<Reply> {
        let body = fields
            .iter()
            .map(|(key, value)| format!("{}={}", form_escape(key), form_escape(value)))
            .collect::<Vec<_>>()
            .join("&");
        self.send("POST", path, Some(body))
    }

    pub(crate) fn send(
        &mut self,
        method: &str,
        path: &str,
        body: Option<String>,
    ) -> std::io::Result<Reply> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(20)))?;
        stream.set_write_timeout(Some(Duration::from_secs(20)))?;
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n",
            self.port
        );
        if !self.cookies.is_empty() {
            let cookies: Vec<String> = self
                .cookies
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect();
            request += &format!("Cookie: {}\r\n", cookies.join("; "));
        }
        if let Some(body) = &body {
            request += &format!(
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
                body.len()
            );
        }
        request += "\r\n";
        if let Some(body) = &body {
            request += body;
        }
        stream.write_all(request.as_bytes())?;
        let mut raw = Vec::new();
        let read = stream.read_to_end(&mut raw);
        // A status line and headers that arrived count even if the connection then broke:
        // the server answers only after its handler has finished.
        let Some(head_end) = find(&raw, b"\r\n\r\n") else {
            return Err(read.err().unwrap_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "no answer")
            }));
        };
        let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|line| line.split(' ').nth(1))
            .and_then(|code| code.parse::<u16>().ok())
            .ok_or_else(|| std::io::Error::other(format!("not HTTP: {head}")))?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(key, value)| (key.trim().to_string(), value.trim().to_string()))
            .collect();
        let mut body = raw[head_end + 4..].to_vec();
        if headers.iter().any(|(key, value)| {
            key.eq_ignore_ascii_case("transfer-encoding") && value.eq_ignore_ascii_case("chunked")
        }) {
            body = dechunk(&body);
        }
        for (key, value) in &headers {
            if !key.eq_ignore_ascii_case("set-cookie") {
                continue;
            }
            let pair = value.split(';').next().unwrap_or("");
            if let Some((name, cookie)) = pair.split_once('=') {
                if value.contains("Max-Age=0") {
                    self.cookies.remove(name.trim());
                } else {
                    self.cookies
                        .insert(name.trim().to_string(), cookie.trim().to_string());
                }
            }
        }
        Ok(Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    }
}

pub(crate) fn form_escape(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(byte).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// A chunked body's data (as much of it as arrived).
pub(crate) fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = find(raw, b"\r\n") {
        let size_text = String::from_utf8_lossy(&raw[..line_end]);
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            break;
        };
        if size == 0 {
            break;
        }
        let start = line_end + 2;
        let end = (start + size).min(raw.len());
        out.extend_from_slice(&raw[start..end]);
        raw = &raw[(end + 2).min(raw.len())..];
    }
    out
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}
