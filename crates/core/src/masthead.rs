//! The masthead date line: today's date in one or more calendars.
//!
//! The Gregorian date turns over at local midnight in the paper's time zone. The Hebrew
//! date turns over at sunset at the paper's location (a Hebrew day runs from one evening
//! to the next), so on a Monday evening in New York after sunset the line reads
//! "Monday, March 18th | 9 Adar II 5784". Every result carries the instant it stops being
//! true, so a cached page that shows it can expire exactly then.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use icu_calendar::Date;
use icu_calendar::cal::Hebrew;
use icu_calendar::types::LeapStatus;

/// A calendar the masthead can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calendar {
    Gregorian,
    Hebrew,
}

impl Calendar {
    pub fn parse(name: &str) -> Option<Calendar> {
        match name.trim().to_ascii_lowercase().as_str() {
            "gregorian" => Some(Calendar::Gregorian),
            "hebrew" | "jewish" => Some(Calendar::Hebrew),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Calendar::Gregorian => "gregorian",
            Calendar::Hebrew => "hebrew",
        }
    }
}

/// Where the paper is, for sunset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Location {
    latitude: f64,
    longitude: f64,
}

impl Location {
    pub fn new(latitude: f64, longitude: f64) -> Option<Location> {
        let valid = (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude);
        valid.then_some(Location {
            latitude,
            longitude,
        })
    }

    pub fn latitude(&self) -> f64 {
        self.latitude
    }

    pub fn longitude(&self) -> f64 {
        self.longitude
    }

    /// Sunset on a civil date at this place, if the sun sets that day.
    pub fn sunset(&self, date: NaiveDate) -> Option<DateTime<Utc>> {
        let coordinates = sunrise::Coordinates::new(self.latitude, self.longitude)?;
        sunrise::SolarDay::new(coordinates, date).event_time(sunrise::SolarEvent::Sunset)
    }
}

/// The masthead date line at one instant, with the window in which it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct MastheadDate {
    /// Each calendar's date, in the configured order.
    pub parts: Vec<String>,
    /// The parts joined with " | ".
    pub line: String,
    /// The last instant at or before `at` when the line changed.
    pub since: DateTime<Utc>,
    /// The first instant after `at` when the line changes.
    pub until: DateTime<Utc>,
}

/// Computes the masthead date line at instant `at`.
pub fn masthead_date(
    at: DateTime<Utc>,
    time_zone: Tz,
    calendars: &[Calendar],
    location: Option<Location>,
) -> MastheadDate {
    let civil = at.with_timezone(&time_zone).date_naive();
    let mut since = local_midnight(civil, time_zone);
    let mut until = local_midnight(civil + Duration::days(1), time_zone);
    let mut parts = Vec::with_capacity(calendars.len());
    for calendar in calendars {
        match calendar {
            Calendar::Gregorian => parts.push(gregorian_long_date(civil)),
            Calendar::Hebrew => {
                let day = hebrew_day(at, civil, time_zone, location);
                since = since.max(day.starts);
                until = until.min(day.ends);
                parts.push(hebrew_date(day.civil_eve_of));
            }
        }
    }
    MastheadDate {
        line: parts.join(" | "),
        parts,
        since,
        until,
    }
}

/// "Monday, March 18th".
pub fn gregorian_long_date(date: NaiveDate) -> String {
    format!(
        "{}, {} {}",
        date.format("%A"),
        date.format("%B"),
        ordinal(date.day())
    )
}

/// 18 → "18th", 1 → "1st", 22 → "22nd", 11 → "11th".
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The Hebrew date of a civil date's daytime: "8 Adar II 5784".
pub fn hebrew_date(civil: NaiveDate) -> String {
    let Ok(iso) = Date::try_new_iso(civil.year(), civil.month() as u8, civil.day() as u8) else {
        return String::new();
    };
    let hebrew = iso.to_calendar(Hebrew);
    let month = hebrew.month();
    let name = match (month.number(), month.leap_status()) {
        (5, LeapStatus::Leap) => "Adar I",
        (6, _) if hebrew.is_in_leap_year() => "Adar II",
        (number, _) => HEBREW_MONTHS
            .get(usize::from(number).saturating_sub(1))
            .copied()
            .unwrap_or("Adar"),
    };
    format!(
        "{} {} {}",
        hebrew.day_of_month().0,
        name,
        hebrew.year().extended_year()
    )
}

const HEBREW_MONTHS: [&str; 12] = [
    "Tishrei", "Cheshvan", "Kislev", "Tevet", "Shevat", "Adar", "Nisan", "Iyar", "Sivan", "Tamuz",
    "Av", "Elul",
];

struct HebrewDay {
    /// The civil date whose daytime shares this Hebrew date.
    civil_eve_of: NaiveDate,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
}

/// The Hebrew day containing `at`: from the sunset before it to the sunset after it.
/// Where the sun does not set (polar summer or winter) the day falls back to running
/// from local midnight to local midnight.
fn hebrew_day(
    at: DateTime<Utc>,
    civil: NaiveDate,
    tz: Tz,
    location: Option<Location>,
) -> HebrewDay {
    let sunset = |date: NaiveDate| {
        location
            .and_then(|place| place.sunset(date))
            .unwrap_or_else(|| local_midnight(date + Duration::days(1), tz))
    };
    let yesterday = civil - Duration::days(1);
    let tomorrow = civil + Duration::days(1);
    let today_sunset = sunset(civil);
    if at >= today_sunset {
        HebrewDay {
            civil_eve_of: tomorrow,
            starts: today_sunset,
            ends: sunset(tomorrow),
        }
    } else {
        HebrewDay {
            civil_eve_of: civil,
            starts: sunset(yesterday),
            ends: today_sunset,
        }
    }
}

/// The first instant of a civil date in a time zone (DST gaps move it forward).
pub fn local_midnight(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let mut time = NaiveTime::MIN;
    for _ in 0..4 {
        if let Some(instant) = tz.from_local_datetime(&date.and_time(time)).earliest() {
            return instant.with_timezone(&Utc);
        }
        time += Duration::minutes(30);
    }
    Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_york() -> Option<Location> {
        Location::new(40.7128, -74.0060)
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("valid instant")
            .with_timezone(&Utc)
    }

    const BOTH: &[Calendar] = &[Calendar::Gregorian, Calendar::Hebrew];

    #[test]
    fn reference_page_evening_date() {
        // Monday 18 March 2024, 19:30 in New York, after sunset (about 19:05 EDT).
        let date = masthead_date(
            at("2024-03-18T19:30:00-04:00"),
            chrono_tz::America::New_York,
            BOTH,
            new_york(),
        );
        assert_eq!(date.line, "Monday, March 18th | 9 Adar II 5784");
    }

    #[test]
    fn same_day_before_sunset_is_the_previous_hebrew_date() {
        let date = masthead_date(
            at("2024-03-18T12:00:00-04:00"),
            chrono_tz::America::New_York,
            BOTH,
            new_york(),
        );
        assert_eq!(date.line, "Monday, March 18th | 8 Adar II 5784");
        // Valid until sunset that evening, which is a little after 19:00 local time.
        let until = date.until.with_timezone(&chrono_tz::America::New_York);
        assert_eq!(
            until.date_naive(),
            NaiveDate::from_ymd_opt(2024, 3, 18).unwrap()
        );
        assert!((19..=19).contains(&until.format("%H").to_string().parse::<u32>().unwrap()));
        assert!(date.since < at("2024-03-18T12:00:00-04:00"));
    }

    #[test]
    fn after_sunset_valid_until_midnight() {
        let date = masthead_date(
            at("2024-03-18T20:00:00-04:00"),
            chrono_tz::America::New_York,
            BOTH,
            new_york(),
        );
        assert_eq!(date.until, at("2024-03-19T00:00:00-04:00"));
        let next = masthead_date(date.until, chrono_tz::America::New_York, BOTH, new_york());
        assert_eq!(next.line, "Tuesday, March 19th | 9 Adar II 5784");
    }

    #[test]
    fn adar_one_in_a_leap_year_and_plain_adar_otherwise() {
        // 5784 is a leap year: 1 March 2024 is 21 Adar I.
        assert_eq!(
            hebrew_date(NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()),
            "21 Adar I 5784"
        );
        // 5785 is not: 14 March 2025 is 14 Adar (Purim).
        assert_eq!(
            hebrew_date(NaiveDate::from_ymd_opt(2025, 3, 14).unwrap()),
            "14 Adar 5785"
        );
        // Rosh Hashanah 5785: 3 October 2024.
        assert_eq!(
            hebrew_date(NaiveDate::from_ymd_opt(2024, 10, 3).unwrap()),
            "1 Tishrei 5785"
        );
    }

    #[test]
    fn gregorian_only_turns_over_at_local_midnight() {
        let date = masthead_date(
            at("2024-07-04T03:30:00Z"),
            chrono_tz::America::New_York,
            &[Calendar::Gregorian],
            None,
        );
        // 03:30 UTC is still 3 July in New York.
        assert_eq!(date.line, "Wednesday, July 3rd");
        assert_eq!(date.until, at("2024-07-04T00:00:00-04:00"));
    }

    #[test]
    fn ordinals() {
        let cases = [
            (1, "1st"),
            (2, "2nd"),
            (3, "3rd"),
            (4, "4th"),
            (11, "11th"),
            (12, "12th"),
            (13, "13th"),
            (21, "21st"),
            (22, "22nd"),
            (23, "23rd"),
            (31, "31st"),
        ];
        for (n, text) in cases {
            assert_eq!(ordinal(n), text);
        }
    }

    #[test]
    fn polar_night_falls_back_to_midnight() {
        // Tromsø in December: the sun does not set (it never rises).
        let tromso = Location::new(69.65, 18.96);
        let date = masthead_date(
            at("2024-12-20T12:00:00Z"),
            chrono_tz::Europe::Oslo,
            BOTH,
            tromso,
        );
        assert!(date.line.starts_with("Friday, December 20th | "));
        assert!(date.until > at("2024-12-20T12:00:00Z"));
    }
}
