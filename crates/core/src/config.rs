//! `broadsheet.toml`: the site's configuration, parsed strictly.
//!
//! Every key is top-level and can be overridden by an environment variable named
//! `BROADSHEET_` + the key in upper case (`listen` → `BROADSHEET_LISTEN`). Unknown or
//! malformed keys are errors that name the file, the line and the key, so a typo never
//! silently falls back to a default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::masthead::{Calendar, Location};

/// Text direction of the site language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The direction a language is written in, from its primary subtag.
    pub fn of_language(language: &str) -> Direction {
        let primary = language.split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "ar" | "he" | "iw" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" | "dv" | "ckb" => {
                Direction::Rtl
            }
            _ => Direction::Ltr,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Declares every key once: its name, its type (how the environment's text becomes
/// it), the comment and value `broadsheet init` writes (a value of `None` is written
/// commented out, as an example), from which come the raw file struct (`RawConfig`,
/// every field optional so that defaults and the environment fill in, unknown keys an
/// error), the list of keys, the environment overrides and the default file.
macro_rules! config_keys {
    ($( $(#[doc = $help:literal])* $name:ident : $ty:ty = $env:ident, $shown:expr ; )*) => {
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawConfig {
            $( $name: Option<$ty>, )*
        }

        /// Every key the configuration file accepts, in the order `init` writes them.
        pub const KEYS: &[&str] = &[ $( stringify!($name) ),* ];

        /// Sets `key` from an environment variable's text; `Ok(false)` for a key that
        /// does not exist.
        fn set_from_env(raw: &mut RawConfig, key: &str, value: &str) -> Result<bool, String> {
            match key {
                $( stringify!($name) => raw.$name = Some(env_value::$env(value)?), )*
                _ => return Ok(false),
            }
            Ok(true)
        }

        /// The commented file `broadsheet init` writes: every key with its default, or
        /// an example to uncomment.
        pub fn default_file(site_name: &str) -> String {
            let mut out = String::from(FILE_HEADER);
            $(
                let help: &[&str] = &[ $( $help ),* ];
                for line in help.iter().map(|line| line.replace("{site_name}", site_name)) {
                    match line.strip_prefix(' ') {
                        // `///` with nothing after it: a blank line between groups.
                        _ if line.is_empty() => out.push('\n'),
                        Some(text) => { out.push_str("# "); out.push_str(text); out.push('\n'); }
                        None => { out.push('#'); out.push_str(&line); out.push('\n'); }
                    }
                }
                let shown: Option<&str> = $shown;
                match shown {
                    Some(value) => out.push_str(&format!("{} = {}\n", stringify!($name), value.replace("{site_name}", site_name))),
                    None => {}
                }
            )*
            out
        }
    };
}

const FILE_HEADER: &str = "# Broadsheet configuration.
# Every key can be overridden by an environment variable: BROADSHEET_ + the key in
# upper case, e.g. BROADSHEET_LISTEN=0.0.0.0:8080 or BROADSHEET_PAGE_CACHE=false.
# Relative paths are resolved against the folder holding this file.
";

/// How an environment variable's text becomes a key's value.
mod env_value {
    pub fn text(value: &str) -> Result<String, String> {
        Ok(value.to_string())
    }

    pub fn float(value: &str) -> Result<f64, String> {
        value
            .trim()
            .parse()
            .map_err(|_| format!("`{value}` is not a number"))
    }

    pub fn boolean(value: &str) -> Result<bool, String> {
        match value.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => Ok(true),
            "0" | "false" | "no" | "off" => Ok(false),
            _ => Err(format!("`{value}` is not true or false")),
        }
    }

    pub fn count(value: &str) -> Result<u64, String> {
        value
            .trim()
            .parse()
            .map_err(|_| format!("`{value}` is not a whole number"))
    }

    /// A comma-separated list.
    pub fn list(value: &str) -> Result<Vec<String>, String> {
        Ok(value
            .split(',')
            .map(|item| item.trim().to_string())
            .filter(|item| !item.is_empty())
            .collect())
    }

    pub fn direction(value: &str) -> Result<super::Direction, String> {
        match value.trim() {
            "ltr" => Ok(super::Direction::Ltr),
            "rtl" => Ok(super::Direction::Rtl),
            _ => Err("expected `ltr` or `rtl`".into()),
        }
    }
}

config_keys! {
    ///
    /// The paper's name and tagline, shown in the masthead and in share previews.
    site_name: String = text, Some("\"{site_name}\"");
    tagline: String = text, Some("\"\"");
    /// The public address of the site, used for canonical URLs, feeds and share links.
    base_url: String = text, Some("\"http://127.0.0.1:8080\"");
    /// Language tag of the site. Text direction follows the language (he, ar, fa... are
    /// right-to-left) unless text_direction = "ltr" or "rtl" says otherwise.
    language: String = text, Some("\"en\"");
    /// text_direction = "rtl"
    text_direction: Direction = direction, None;
    /// IANA time zone of the newsroom: publication times and the masthead date use it.
    time_zone: String = text, Some("\"America/New_York\"");
    ///
    /// Calendars shown in the masthead date line, in order: "gregorian", "hebrew".
    /// The Hebrew date turns over at sunset at the paper's location, so it needs both
    /// latitude and longitude (decimal degrees, north and east positive).
    masthead_calendars: Vec<String> = list, Some("[\"gregorian\"]");
    /// latitude = 40.7128
    latitude: f64 = float, None;
    /// longitude = -74.0060
    longitude: f64 = float, None;
    ///
    /// Storage. SQLite by default; use postgres://user@host/db to run several app nodes.
    data_dir: String = text, Some("\"data\"");
    /// database_url = "sqlite://data/broadsheet.db"
    database_url: String = text, None;
    /// media_dir = "data/media"
    media_dir: String = text, None;
    ///
    /// Address the web server listens on.
    listen: String = text, Some("\"127.0.0.1:8080\"");
    ///
    /// Themes: templates are looked up in templates_dir (site overrides), then in
    /// themes_dir/<theme>/templates, then in the templates built into the binary.
    theme: String = text, Some("\"default\"");
    themes_dir: String = text, Some("\"themes\"");
    templates_dir: String = text, Some("\"templates\"");
    /// Re-read templates on every request (for theme development; slower).
    dev_reload_templates: bool = boolean, Some("false");
    ///
    /// Rendered pages are kept in memory and dropped exactly when their content changes.
    page_cache: bool = boolean, Some("true");
    /// The cache is bounded both in pages and in memory; the oldest pages make room.
    page_cache_entries: u64 = count, Some("5000");
    page_cache_megabytes: u64 = count, Some("128");
    articles_per_page: u64 = count, Some("20");
    /// Paragraphs of a members-only article shown to everyone before the invitation to join
    /// (never more than half of the article).
    teaser_paragraphs: u64 = count, Some("3");
    ///
    /// Where the masthead's Subscribe link and the membership call point.
    subscribe_url: String = text, Some("\"/subscribe\"");
    membership_url: String = text, Some("\"/join\"");
    ///
    /// Outgoing email (password resets, newsletters and notifications). Nothing is
    /// sent until smtp_host is set. smtp_tls: "starttls" (port 587), "tls" (465) or "none".
    /// smtp_host = "smtp.example.org"
    smtp_host: String = text, None;
    /// smtp_port = 587
    smtp_port: u64 = count, None;
    /// smtp_tls = "starttls"
    smtp_tls: String = text, None;
    /// smtp_username = "newsroom@example.org"
    smtp_username: String = text, None;
    /// smtp_password = "..."            # better: BROADSHEET_SMTP_PASSWORD in the environment
    smtp_password: String = text, None;
    /// mail_from = "{site_name} <newsroom@example.org>"
    mail_from: String = text, None;
    /// Without smtp_host, write each email as a .eml file into this folder instead (for the
    /// demo and for development; nothing is sent).
    /// mail_outbox = "data/outbox"
    mail_outbox: String = text, None;
    ///
    /// Spam protection for readers' forms and comments: a proof of work solved by the
    /// reader's browser (no third party, no cookies). Higher is harder for spammers and
    /// slower for readers: 100000 takes well under a second on a phone.
    pow_max_number: u64 = count, Some("100000");
    /// Comments one client address may post in ten minutes (staff are not limited by this).
    comments_per_client: u64 = count, Some("5");
    /// Newsletter emails sent per second at most (your mail provider's limit).
    newsletter_per_second: u64 = count, Some("5");
    /// When the daily digest of the day's articles goes out (24-hour, the paper's time zone);
    /// empty to send none.
    digest_time: String = text, Some("\"18:00\"");
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain text (only for a server on this machine or a trusted network).
    None,
    /// STARTTLS on the submission port (587), required.
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// The outgoing mail server.
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<String>,
    /// The sender, e.g. `The Hudson Ledger <newsroom@example.org>`.
    pub from: String,
}

/// The validated configuration. Paths are resolved against the folder holding the file.
#[derive(Debug, Clone)]
pub struct Config {
    pub site_name: String,
    pub tagline: String,
    /// Absolute base URL without a trailing slash, e.g. `https://example.org`.
    pub base_url: String,
    pub language: String,
    pub direction: Direction,
    pub time_zone: chrono_tz::Tz,
    pub masthead_calendars: Vec<Calendar>,
    pub location: Option<Location>,
    pub database_url: String,
    pub data_dir: PathBuf,
    pub media_dir: PathBuf,
    pub listen: String,
    pub theme: String,
    pub themes_dir: PathBuf,
    /// Site-level template overrides, searched before the theme.
    pub templates_dir: PathBuf,
    pub page_cache: bool,
    pub page_cache_entries: usize,
    /// Memory the cached pages may take, in bytes; the oldest make room.
    pub page_cache_bytes: usize,
    pub dev_reload_templates: bool,
    pub subscribe_url: String,
    pub membership_url: String,
    pub articles_per_page: u32,
    /// Paragraphs of a members-only article that everyone may read.
    pub teaser_paragraphs: usize,
    /// `None` when no SMTP server is configured: nothing can be emailed then.
    pub smtp: Option<SmtpConfig>,
    /// Without an SMTP server, emails are written to this folder as `.eml` files
    /// instead (the demo, development): nothing leaves the machine.
    pub mail_outbox: Option<PathBuf>,
    /// How hard the anti-spam proof of work is: the largest secret number a browser may
    /// have to find (about half of it is tried on average).
    pub pow_max_number: u64,
    /// Comments one client address may post in ten minutes.
    pub comments_per_client: u64,
    /// Newsletter emails handed to the SMTP server per second at most.
    pub newsletter_per_second: u64,
    /// When the daily digest goes out, in the paper's time zone; `None`: never.
    pub digest_time: Option<chrono::NaiveTime>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{file}:{line}: {message}")]
    Invalid {
        file: String,
        line: usize,
        message: String,
    },
    #[error("environment variable {var}: {message}")]
    Env { var: String, message: String },
    #[error("{file}: {message}")]
    Value { file: String, message: String },
}

impl Config {
    /// Parses a configuration file's text. `file` is used in messages and `base` is the
    /// folder relative paths are resolved against. `env` holds `BROADSHEET_*` overrides.
    pub fn parse(
        text: &str,
        file: &str,
        base: &Path,
        env: &BTreeMap<String, String>,
    ) -> Result<Config, ConfigError> {
        let mut raw: RawConfig = toml::from_str(text).map_err(|err| {
            let line = err
                .span()
                .map(|span| line_of(text, span.start))
                .unwrap_or(1);
            ConfigError::Invalid {
                file: file.to_string(),
                line,
                message: describe_toml_error(&err),
            }
        })?;
        apply_env(&mut raw, env)?;
        raw.validate(file, base)
    }

    /// The configuration used when no file exists: everything default, plus the environment.
    pub fn defaults(base: &Path, env: &BTreeMap<String, String>) -> Result<Config, ConfigError> {
        Config::parse("", "(defaults)", base, env)
    }

    pub fn masthead_location(&self) -> Option<Location> {
        self.location
    }
}

fn describe_toml_error(err: &toml::de::Error) -> String {
    // toml's message already names the key ("unknown field `foo`, expected one of ...");
    // keep its first line, which is the useful part, without the source excerpt.
    let message = err.message().trim();
    if let Some(unknown) = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
    {
        return format!("unknown key `{unknown}` (see `broadsheet init` for the valid keys)");
    }
    message.lines().next().unwrap_or(message).to_string()
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn apply_env(raw: &mut RawConfig, env: &BTreeMap<String, String>) -> Result<(), ConfigError> {
    for (var, value) in env {
        let Some(key) = var.strip_prefix("BROADSHEET_") else {
            continue;
        };
        let key = key.to_ascii_lowercase();
        let bad = |message: String| ConfigError::Env {
            var: var.clone(),
            message,
        };
        // Variables that configure the command line or the test harness, not the site.
        if key == "config" || key == "log" || key.starts_with("test_") {
            continue;
        }
        if !set_from_env(raw, &key, value).map_err(bad)? {
            return Err(bad(format!(
                "unknown setting `{key}`; valid settings are {}",
                KEYS.join(", ")
            )));
        }
    }
    Ok(())
}

impl RawConfig {
    fn validate(self, file: &str, base: &Path) -> Result<Config, ConfigError> {
        let bad = |message: String| ConfigError::Value {
            file: file.to_string(),
            message,
        };
        let resolve = |path: String| {
            let path = PathBuf::from(path);
            if path.is_absolute() {
                path
            } else {
                base.join(path)
            }
        };

        let time_zone_name = self
            .time_zone
            .unwrap_or_else(|| "America/New_York".to_string());
        let time_zone: chrono_tz::Tz = time_zone_name.parse().map_err(|_| {
            bad(format!(
                "time_zone `{time_zone_name}` is not an IANA time zone name such as `Europe/London`"
            ))
        })?;

        let calendar_names = self
            .masthead_calendars
            .unwrap_or_else(|| vec!["gregorian".into()]);
        let mut masthead_calendars = Vec::new();
        for name in &calendar_names {
            let calendar = Calendar::parse(name).ok_or_else(|| {
                bad(format!(
                    "masthead_calendars: unknown calendar `{name}`; use `gregorian` and/or `hebrew`"
                ))
            })?;
            masthead_calendars.push(calendar);
        }
        if masthead_calendars.is_empty() {
            return Err(bad(
                "masthead_calendars must name at least one calendar".into()
            ));
        }

        let location = match (self.latitude, self.longitude) {
            (Some(latitude), Some(longitude)) => Some(
                Location::new(latitude, longitude).ok_or_else(|| {
                    bad(format!(
                        "latitude {latitude} / longitude {longitude} are out of range (-90..90, -180..180)"
                    ))
                })?,
            ),
            (None, None) => None,
            _ => return Err(bad("set both latitude and longitude, or neither".into())),
        };
        if masthead_calendars.contains(&Calendar::Hebrew) && location.is_none() {
            return Err(bad(
                "the hebrew masthead calendar turns over at sunset: set latitude and longitude of the paper"
                    .into(),
            ));
        }

        let base_url = self
            .base_url
            .unwrap_or_else(|| "http://127.0.0.1:8080".into())
            .trim_end_matches('/')
            .to_string();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(bad(format!(
                "base_url `{base_url}` must start with http:// or https://"
            )));
        }

        let language = self.language.unwrap_or_else(|| "en".into());
        if language.is_empty()
            || !language
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(bad(format!(
                "language `{language}` is not a language tag such as `en` or `he-IL`"
            )));
        }
        let direction = self
            .text_direction
            .unwrap_or_else(|| Direction::of_language(&language));

        let data_dir = resolve(self.data_dir.unwrap_or_else(|| "data".into()));
        let database_url = match self.database_url {
            Some(url) => url,
            None => format!("sqlite://{}", data_dir.join("broadsheet.db").display()),
        };
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(bad(format!(
                "database_url `{database_url}` must start with sqlite: or postgres://"
            )));
        }
        let media_dir = match self.media_dir {
            Some(dir) => resolve(dir),
            None => data_dir.join("media"),
        };
        let mail_outbox = self
            .mail_outbox
            .clone()
            .filter(|dir| !dir.trim().is_empty())
            .map(resolve);
        let themes_dir = resolve(self.themes_dir.unwrap_or_else(|| "themes".into()));
        let templates_dir = resolve(self.templates_dir.unwrap_or_else(|| "templates".into()));

        let listen = self.listen.unwrap_or_else(|| "127.0.0.1:8080".into());
        if listen.parse::<std::net::SocketAddr>().is_err() {
            return Err(bad(format!(
                "listen `{listen}` is not an address such as 127.0.0.1:8080"
            )));
        }

        let articles_per_page = self.articles_per_page.unwrap_or(20);
        if !(1..=200).contains(&articles_per_page) {
            return Err(bad("articles_per_page must be between 1 and 200".into()));
        }
        let teaser_paragraphs = self.teaser_paragraphs.unwrap_or(3);
        if teaser_paragraphs > 20 {
            return Err(bad("teaser_paragraphs must be between 0 and 20".into()));
        }

        let smtp = match self.smtp_host.filter(|h| !h.trim().is_empty()) {
            None => None,
            Some(host) => {
                let tls = match self.smtp_tls.as_deref().unwrap_or("starttls") {
                    "none" => SmtpTls::None,
                    "starttls" => SmtpTls::StartTls,
                    "tls" => SmtpTls::Tls,
                    other => {
                        return Err(bad(format!(
                            "smtp_tls `{other}` must be `starttls` (port 587), `tls` (port 465) or `none`"
                        )));
                    }
                };
                let default_port = match tls {
                    SmtpTls::Tls => 465,
                    SmtpTls::StartTls => 587,
                    SmtpTls::None => 25,
                };
                let port = match self.smtp_port {
                    Some(port) => u16::try_from(port)
                        .map_err(|_| bad(format!("smtp_port {port} is not a port number")))?,
                    None => default_port,
                };
                let from = self.mail_from.clone().ok_or_else(|| {
                    bad("mail_from is needed with smtp_host, e.g. \"The Paper <newsroom@example.org>\"".into())
                })?;
                if self.smtp_username.is_some() != self.smtp_password.is_some() {
                    return Err(bad(
                        "set both smtp_username and smtp_password, or neither".into()
                    ));
                }
                Some(SmtpConfig {
                    host: host.trim().to_string(),
                    port,
                    tls,
                    username: self.smtp_username,
                    password: self.smtp_password,
                    from,
                })
            }
        };

        let pow_max_number = self.pow_max_number.unwrap_or(100_000);
        if !(1_000..=10_000_000).contains(&pow_max_number) {
            return Err(bad(format!(
                "pow_max_number {pow_max_number} must be between 1000 and 10000000"
            )));
        }

        let comments_per_client = self.comments_per_client.unwrap_or(5);
        if comments_per_client == 0 {
            return Err(bad("comments_per_client must be at least 1".into()));
        }

        let newsletter_per_second = self.newsletter_per_second.unwrap_or(5);
        if newsletter_per_second == 0 {
            return Err(bad("newsletter_per_second must be at least 1".into()));
        }

        let digest_time = match self.digest_time.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(chrono::NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| {
                bad(format!("digest_time `{text}` is not a time such as 18:00 (24-hour, the paper's time zone)"))
            })?),
        };

        Ok(Config {
            digest_time,
            newsletter_per_second,
            comments_per_client,
            pow_max_number,
            smtp,
            site_name: self.site_name.unwrap_or_else(|| "Broadsheet".into()),
            tagline: self.tagline.unwrap_or_default(),
            base_url,
            language,
            direction,
            time_zone,
            masthead_calendars,
            location,
            database_url,
            data_dir,
            media_dir,
            mail_outbox,
            listen,
            theme: self.theme.unwrap_or_else(|| "default".into()),
            themes_dir,
            templates_dir,
            page_cache: self.page_cache.unwrap_or(true),
            page_cache_entries: self.page_cache_entries.unwrap_or(5_000) as usize,
            page_cache_bytes: (self.page_cache_megabytes.unwrap_or(128) as usize)
                .saturating_mul(1024 * 1024),
            dev_reload_templates: self.dev_reload_templates.unwrap_or(false),
            subscribe_url: self.subscribe_url.unwrap_or_else(|| "/subscribe".into()),
            membership_url: self.membership_url.unwrap_or_else(|| "/join".into()),
            articles_per_page: articles_per_page as u32,
            teaser_paragraphs: teaser_paragraphs as usize,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(
            text,
            "broadsheet.toml",
            Path::new("/srv/paper"),
            &BTreeMap::new(),
        )
    }

    #[test]
    fn every_key_is_in_the_default_file_and_settable_from_the_environment() {
        let file = default_file("The Test Times");
        for key in KEYS {
            let written = file
                .lines()
                .filter(|line| {
                    line.trim_start_matches("# ")
                        .starts_with(&format!("{key} = "))
                })
                .count();
            assert_eq!(written, 1, "{key} is written once by init");
            let mut raw = RawConfig::default();
            let example = match *key {
                "text_direction" => "rtl",
                "latitude" | "longitude" => "1.5",
                _ if KEYS_TAKING_COUNTS.contains(key) => "7",
                "page_cache" | "dev_reload_templates" => "true",
                _ => "x",
            };
            assert_eq!(set_from_env(&mut raw, key, example), Ok(true), "{key}");
        }
        assert_eq!(
            set_from_env(&mut RawConfig::default(), "no_such_key", "x"),
            Ok(false)
        );
    }

    const KEYS_TAKING_COUNTS: &[&str] = &[
        "page_cache_entries",
        "page_cache_megabytes",
        "articles_per_page",
        "teaser_paragraphs",
        "smtp_port",
        "pow_max_number",
        "comments_per_client",
        "newsletter_per_second",
    ];

    #[test]
    fn the_default_file_parses() {
        let config = parse(&default_file("The Test Times")).expect("default file parses");
        assert_eq!(config.site_name, "The Test Times");
        assert_eq!(config.time_zone, chrono_tz::America::New_York);
        assert_eq!(config.data_dir, PathBuf::from("/srv/paper/data"));
        assert_eq!(
            config.database_url,
            "sqlite:///srv/paper/data/broadsheet.db"
        );
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let err = parse("site_name = \"x\"\n\nsite_nmae = \"y\"\n").unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("broadsheet.toml:3:"), "{message}");
        assert!(message.contains("site_nmae"), "{message}");
    }

    #[test]
    fn wrong_type_names_line_and_key() {
        let err = parse("listen = \"127.0.0.1:1\"\npage_cache = \"maybe\"\n").unwrap_err();
        let message = err.to_string();
        assert!(message.starts_with("broadsheet.toml:2:"), "{message}");
        assert!(
            message.contains("page_cache") || message.contains("bool"),
            "{message}"
        );
    }

    #[test]
    fn bad_time_zone_is_explained() {
        let err = parse("time_zone = \"Mars/Olympus\"").unwrap_err();
        assert!(err.to_string().contains("Mars/Olympus"));
    }

    #[test]
    fn hebrew_calendar_needs_a_location() {
        let err = parse("masthead_calendars = [\"gregorian\", \"hebrew\"]").unwrap_err();
        assert!(err.to_string().contains("latitude"));
        let ok = parse(
            "masthead_calendars = [\"gregorian\", \"hebrew\"]\nlatitude = 40.7\nlongitude = -74.0",
        )
        .expect("with a location it parses");
        assert_eq!(
            ok.masthead_calendars,
            vec![Calendar::Gregorian, Calendar::Hebrew]
        );
    }

    #[test]
    fn environment_overrides_the_file() {
        let mut env = BTreeMap::new();
        env.insert("BROADSHEET_LISTEN".to_string(), "0.0.0.0:9000".to_string());
        env.insert("BROADSHEET_PAGE_CACHE".to_string(), "false".to_string());
        env.insert(
            "BROADSHEET_SITE_NAME".to_string(),
            "Env Gazette".to_string(),
        );
        let config = Config::parse(
            "listen = \"127.0.0.1:1\"\nsite_name = \"File Gazette\"",
            "f",
            Path::new("/"),
            &env,
        )
        .expect("parses");
        assert_eq!(config.listen, "0.0.0.0:9000");
        assert!(!config.page_cache);
        assert_eq!(config.site_name, "Env Gazette");
    }

    #[test]
    fn unknown_environment_setting_is_an_error() {
        let mut env = BTreeMap::new();
        env.insert("BROADSHEET_LISTN".to_string(), "x".to_string());
        let err = Config::defaults(Path::new("/"), &env).unwrap_err();
        assert!(err.to_string().contains("BROADSHEET_LISTN"));
    }

    #[test]
    fn smtp_settings_are_checked() {
        assert!(parse("").expect("no smtp").smtp.is_none());
        let config =
            parse("smtp_host = \"mail.example.org\"\nmail_from = \"Paper <a@example.org>\"")
                .expect("smtp");
        let smtp = config.smtp.expect("configured");
        assert_eq!((smtp.port, smtp.tls), (587, SmtpTls::StartTls));
        let err = parse("smtp_host = \"mail.example.org\"").unwrap_err();
        assert!(err.to_string().contains("mail_from"));
        let err =
            parse("smtp_host = \"h\"\nmail_from = \"a@b.org\"\nsmtp_tls = \"ssl\"").unwrap_err();
        assert!(err.to_string().contains("starttls"));
    }

    #[test]
    fn rtl_languages_get_rtl_direction() {
        let config = parse("language = \"he\"").expect("parses");
        assert_eq!(config.direction, Direction::Rtl);
        let config = parse("language = \"en-GB\"").expect("parses");
        assert_eq!(config.direction, Direction::Ltr);
    }
}
