//! The site's URL scheme, in one place so that links and routes agree.
//!
//! - `/2024/03/18/council-votes` an article (date of first publication, paper's time zone)
//! - `/2024/`, `/2024/03/`, `/2024/03/18/` date archives
//! - `/section/news`, `/topic/housing`, `/author/ana-ortiz`
//! - `/about`, `/about/staff` static pages
//! - `/media/<file>` media, `/static/<file>` theme assets

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;

pub fn article_path(published_at: DateTime<Utc>, slug: &str, tz: Tz) -> String {
    let local = published_at.with_timezone(&tz);
    format!(
        "/{:04}/{:02}/{:02}/{}",
        local.year(),
        local.month(),
        local.day(),
        slug
    )
}

pub fn section_path(slug: &str) -> String {
    format!("/section/{slug}")
}

pub fn topic_path(slug: &str) -> String {
    format!("/topic/{slug}")
}

pub fn author_path(slug: &str) -> String {
    format!("/author/{slug}")
}

pub fn page_path(path: &str) -> String {
    format!("/{path}")
}

pub fn media_path(file_name: &str) -> String {
    format!("/media/{file_name}")
}

/// A path on this site that is safe to send a browser to (after signing in, a trailing
/// slash, `next=` or `return_to=`), normalised as a browser would resolve it: dot
/// segments (also spelled `%2e`) resolved and repeated slashes collapsed, so that no
/// spelling (`//host`, `/./\/host`, `/admin/..//host`) can leave the site. `None` for
/// anything that is not a plain local path (another scheme or host, a backslash, a
/// control character, or over 2,000 bytes).
pub fn local_path(target: &str) -> Option<String> {
    if !target.starts_with('/')
        || target.len() > 2000
        || target.chars().any(|c| c.is_control() || c == '\\')
    {
        return None;
    }
    let (path, rest) = match target.find(['?', '#']) {
        Some(at) => target.split_at(at),
        None => (target, ""),
    };
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment.to_ascii_lowercase().replace("%2e", ".").as_str() {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            _ => segments.push(segment),
        }
    }
    let mut out = format!("/{}", segments.join("/"));
    if path.ends_with('/') && out.len() > 1 {
        out.push('/');
    }
    out.push_str(rest);
    Some(out)
}

/// Percent-encodes what may not stand raw in a URL (spaces, quotes, non-ASCII), for
/// canonical links and share URLs. `/`, the query characters `?=&` and the unreserved
/// characters stay as they are.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b'/'
            | b'?'
            | b'='
            | b'&' => out.push(byte as char),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn article_dates_are_local() {
        // 02:00 UTC on the 19th is still the 18th in New York.
        let at = Utc.with_ymd_and_hms(2024, 3, 19, 2, 0, 0).unwrap();
        assert_eq!(
            article_path(at, "late-vote", chrono_tz::America::New_York),
            "/2024/03/18/late-vote"
        );
    }

    #[test]
    fn unicode_is_encoded() {
        assert_eq!(
            encode_path("/topic/שלום"),
            "/topic/%D7%A9%D7%9C%D7%95%D7%9D"
        );
        assert_eq!(encode_path("/a b"), "/a%20b");
    }
}

/// Percent-encodes a query-string value: everything but the unreserved characters.
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// Decodes `%XX` escapes in a request path. `None` when the result is not UTF-8 or an
/// escape is malformed, so a bad URL is a 404 and never a panic.
pub fn decode_path(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = bytes.get(index + 1..index + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod decode_tests {
    use super::*;

    #[test]
    fn local_paths_never_leave_the_site() {
        assert_eq!(
            local_path("/2024/03/18/story?x=1").as_deref(),
            Some("/2024/03/18/story?x=1")
        );
        assert_eq!(local_path("/admin/").as_deref(), Some("/admin/"));
        for spelling in [
            "//evil.example/",
            "///evil.example/",
            "/admin/..//evil.example/",
            "/.//evil.example/",
            "/%2e%2E//evil.example",
        ] {
            let path = local_path(spelling).expect("a local path");
            assert!(
                path.starts_with('/') && !path.starts_with("//"),
                "{spelling} -> {path}"
            );
        }
        for bad in [
            "https://evil.example/",
            "/\\evil.example",
            "evil.example",
            "/a\nb",
        ] {
            assert_eq!(local_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn round_trip() {
        let path = "/topic/שלום-עולם";
        assert_eq!(decode_path(&encode_path(path)).as_deref(), Some(path));
        assert_eq!(decode_path("/%ZZ"), None);
        assert_eq!(decode_path("/%ff"), None);
        assert_eq!(encode_component("a b&c"), "a%20b%26c");
    }
}
