//! The settings an administrator changes on the newsroom's Settings screen, kept as
//! key/value rows over the configuration file's values. Every key is spelled here
//! only: the store keeps rows, and the web app and the worker read this type.

use crate::masthead::{Calendar, Location};

/// A link of the site's main menu, as an editor set it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MenuLink {
    pub label: String,
    pub url: String,
}

/// What the newsroom has set. `None` (or an empty menu) leaves the configuration
/// file's value or the built-in default.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteSettings {
    pub name: Option<String>,
    pub tagline: Option<String>,
    pub time_zone: Option<chrono_tz::Tz>,
    pub calendars: Option<Vec<Calendar>>,
    pub location: Option<Location>,
    /// Empty: the menu lists the top-level sections.
    pub menu: Vec<MenuLink>,
    /// As typed: words separated by commas or lines.
    pub banned_words: String,
    pub suspect_words: String,
    pub premoderate_new: bool,
    pub guests_allowed: bool,
    pub close_after_days: Option<u32>,
    /// Feeds carry whole articles (members-only ones always carry a summary).
    pub feed_full_text: bool,
}

impl Default for SiteSettings {
    fn default() -> SiteSettings {
        SiteSettings {
            name: None,
            tagline: None,
            time_zone: None,
            calendars: None,
            location: None,
            menu: Vec::new(),
            banned_words: String::new(),
            suspect_words: String::new(),
            premoderate_new: false,
            guests_allowed: true,
            close_after_days: None,
            feed_full_text: false,
        }
    }
}

const NAME: &str = "site.name";
const TAGLINE: &str = "site.tagline";
const TIME_ZONE: &str = "site.time_zone";
const CALENDARS: &str = "site.calendars";
const LATITUDE: &str = "site.latitude";
const LONGITUDE: &str = "site.longitude";
const MENU: &str = "site.menu";
const BANNED_WORDS: &str = "comments.banned_words";
const SUSPECT_WORDS: &str = "comments.suspect_words";
const PREMODERATE_NEW: &str = "comments.premoderate_new";
const GUESTS_ALLOWED: &str = "comments.guests_allowed";
const CLOSE_AFTER_DAYS: &str = "comments.close_after_days";
const FEED_FULL_TEXT: &str = "feeds.full_text";

impl SiteSettings {
    /// Reads the stored rows. A value that no longer parses is left out and described
    /// in the second part, for the log, rather than taking the site down.
    pub fn from_rows(rows: &[(String, String)]) -> (SiteSettings, Vec<String>) {
        let mut settings = SiteSettings::default();
        let mut problems = Vec::new();
        let (mut latitude, mut longitude) = (None, None);
        for (key, value) in rows {
            match key.as_str() {
                // Saved empty: not set.
                TIME_ZONE | CALENDARS | MENU if value.is_empty() => {}
                NAME => settings.name = Some(value.clone()).filter(|v| !v.trim().is_empty()),
                TAGLINE => settings.tagline = Some(value.clone()),
                TIME_ZONE => match value.parse() {
                    Ok(zone) => settings.time_zone = Some(zone),
                    Err(_) => problems.push(format!("stored time zone `{value}` is not valid")),
                },
                CALENDARS => {
                    let calendars: Option<Vec<Calendar>> = value
                        .split(',')
                        .filter(|c| !c.is_empty())
                        .map(Calendar::parse)
                        .collect();
                    match calendars {
                        Some(calendars) if !calendars.is_empty() => {
                            settings.calendars = Some(calendars)
                        }
                        _ => problems.push(format!("stored calendars `{value}` are not valid")),
                    }
                }
                LATITUDE => latitude = value.parse::<f64>().ok(),
                LONGITUDE => longitude = value.parse::<f64>().ok(),
                MENU => match serde_json::from_str(value) {
                    Ok(menu) => settings.menu = menu,
                    Err(_) => problems.push("the stored menu is not valid".into()),
                },
                BANNED_WORDS => settings.banned_words = value.clone(),
                SUSPECT_WORDS => settings.suspect_words = value.clone(),
                PREMODERATE_NEW => settings.premoderate_new = value == "1",
                GUESTS_ALLOWED => settings.guests_allowed = value == "1",
                FEED_FULL_TEXT => settings.feed_full_text = value == "1",
                CLOSE_AFTER_DAYS => {
                    settings.close_after_days = value.parse().ok().filter(|days| *days > 0)
                }
                _ => {}
            }
        }
        if let (Some(latitude), Some(longitude)) = (latitude, longitude) {
            settings.location = Location::new(latitude, longitude);
        }
        (settings, problems)
    }

    /// The rows that store these settings.
    pub fn to_rows(&self) -> Vec<(String, String)> {
        let flag = |on: bool| if on { "1" } else { "0" }.to_string();
        let calendars = self.calendars.as_ref().map(|calendars| {
            calendars
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(",")
        });
        [
            (NAME, self.name.clone().unwrap_or_default()),
            (TAGLINE, self.tagline.clone().unwrap_or_default()),
            (
                TIME_ZONE,
                self.time_zone
                    .map(|zone| zone.name().to_string())
                    .unwrap_or_default(),
            ),
            (CALENDARS, calendars.unwrap_or_default()),
            (
                LATITUDE,
                self.location
                    .map(|l| l.latitude().to_string())
                    .unwrap_or_default(),
            ),
            (
                LONGITUDE,
                self.location
                    .map(|l| l.longitude().to_string())
                    .unwrap_or_default(),
            ),
            (
                MENU,
                serde_json::to_string(&self.menu).unwrap_or_else(|_| "[]".into()),
            ),
            (BANNED_WORDS, self.banned_words.clone()),
            (SUSPECT_WORDS, self.suspect_words.clone()),
            (PREMODERATE_NEW, flag(self.premoderate_new)),
            (GUESTS_ALLOWED, flag(self.guests_allowed)),
            (FEED_FULL_TEXT, flag(self.feed_full_text)),
            (
                CLOSE_AFTER_DAYS,
                self.close_after_days
                    .map(|days| days.to_string())
                    .unwrap_or_default(),
            ),
        ]
        .into_iter()
        .map(|(key, value)| (key.to_string(), value))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_survive_a_round_trip_through_rows() {
        let settings = SiteSettings {
            name: Some("The Ledger".into()),
            tagline: Some("On the record".into()),
            time_zone: Some(chrono_tz::Europe::London),
            calendars: Some(vec![Calendar::Gregorian, Calendar::Hebrew]),
            location: Location::new(51.5, -0.12),
            menu: vec![MenuLink {
                label: "News".into(),
                url: "/section/news".into(),
            }],
            banned_words: "scam, spam".into(),
            suspect_words: "crypto".into(),
            premoderate_new: true,
            guests_allowed: false,
            close_after_days: Some(14),
            feed_full_text: true,
        };
        let (read, problems) = SiteSettings::from_rows(&settings.to_rows());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(read, settings);
        let (nothing, _) = SiteSettings::from_rows(&[]);
        assert_eq!(nothing, SiteSettings::default());
        assert!(
            nothing.guests_allowed,
            "guests may comment unless switched off"
        );
    }

    #[test]
    fn damaged_rows_are_left_out_and_reported() {
        let rows = [
            (TIME_ZONE.to_string(), "Mars/Olympus".to_string()),
            (MENU.to_string(), "{".to_string()),
            (NAME.to_string(), "Kept".to_string()),
        ];
        let (read, problems) = SiteSettings::from_rows(&rows);
        assert_eq!(read.name.as_deref(), Some("Kept"));
        assert_eq!(
            (read.time_zone, read.menu.len(), problems.len()),
            (None, 0, 2)
        );
    }
}
