//! Dates and times as a newspaper prints them, in the paper's time zone.

use chrono::{DateTime, Datelike, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

/// A Unix timestamp (seconds) as UTC; out-of-range values clamp to the epoch.
pub fn from_unix(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(seconds, 0).single().unwrap_or_default()
}

/// "March 18, 2024, 7:05 p.m. EDT" (AP style).
pub fn format_datetime(at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    format!(
        "{} {}, {}, {}",
        local.format("%B"),
        local.day(),
        local.year(),
        format_time(at, tz)
    )
}

/// "7:05 p.m. EDT".
pub fn format_time(at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    let (pm, hour) = local.hour12();
    format!(
        "{}:{:02} {} {}",
        hour,
        local.minute(),
        if pm { "p.m." } else { "a.m." },
        local.format("%Z")
    )
}

/// "March 18, 2024".
pub fn format_date(at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    format!("{} {}, {}", local.format("%B"), local.day(), local.year())
}

/// RFC 3339 in the paper's time zone, for `<time datetime>` and structured data.
pub fn rfc3339(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).to_rfc3339()
}

/// RFC 3339 in UTC to the second (`2024-03-18T16:00:00Z`): what machines read (sitemaps,
/// the API).
pub fn utc_rfc3339(seconds: i64) -> String {
    from_unix(seconds).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// An HTTP date (`Last-Modified`), always GMT.
pub fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Parses an HTTP date as sent in `If-Modified-Since`.
pub fn parse_http_date(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc2822(text.trim())
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newspaper_style() {
        let at = from_unix(1_710_803_100); // 2024-03-18T23:05:00Z
        let ny = chrono_tz::America::New_York;
        assert_eq!(format_datetime(at, ny), "March 18, 2024, 7:05 p.m. EDT");
        assert_eq!(format_date(at, ny), "March 18, 2024");
        assert_eq!(rfc3339(at, ny), "2024-03-18T19:05:00-04:00");
        assert_eq!(http_date(at), "Mon, 18 Mar 2024 23:05:00 GMT");
        assert_eq!(parse_http_date("Mon, 18 Mar 2024 23:05:00 GMT"), Some(at));
    }
}
