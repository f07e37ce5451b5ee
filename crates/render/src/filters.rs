//! Filters the templates use to print dates and build links, in the paper's time zone.

use broadsheet_core::{dates, urls};
use chrono_tz::Tz;
use minijinja::value::ViaDeserialize;
use minijinja::{Environment, Value};

#[derive(serde::Deserialize)]
struct Picture {
    file_name: String,
    #[serde(default)]
    widths: Vec<i64>,
    #[serde(default)]
    stem: Option<String>,
}

impl Picture {
    /// The smallest stored size at least `width` wide, else the largest.
    fn file_for(&self, width: i64) -> String {
        match (
            &self.stem,
            self.widths
                .iter()
                .find(|w| **w >= width)
                .or(self.widths.last()),
        ) {
            (Some(stem), Some(w)) => format!("{stem}-{w}.jpg"),
            _ => self.file_name.clone(),
        }
    }

    /// `srcset` entries of one format.
    fn srcset(&self, extension: &str) -> String {
        let Some(stem) = &self.stem else {
            return String::new();
        };
        self.widths
            .iter()
            .map(|w| {
                format!(
                    "{} {w}w",
                    urls::media_path(&format!("{stem}-{w}.{extension}"))
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(serde::Deserialize)]
struct Linkable {
    slug: String,
    #[serde(default)]
    published_at: i64,
}

/// The paper's time zone, changeable while the site runs (the newsroom's settings).
pub type SharedTz = std::sync::Arc<std::sync::RwLock<Tz>>;

fn zone(shared: &SharedTz) -> Tz {
    shared.read().map(|tz| *tz).unwrap_or(Tz::UTC)
}

pub fn register(env: &mut Environment<'static>, shared: SharedTz, base_url: String) {
    let tz_handle = shared.clone();
    env.add_filter("datetime", move |ts: i64| {
        dates::format_datetime(dates::from_unix(ts), zone(&tz_handle))
    });
    let tz_handle = shared.clone();
    env.add_filter("date", move |ts: i64| {
        dates::format_date(dates::from_unix(ts), zone(&tz_handle))
    });
    let tz_handle = shared.clone();
    env.add_filter("time", move |ts: i64| {
        dates::format_time(dates::from_unix(ts), zone(&tz_handle))
    });
    let tz_handle = shared.clone();
    env.add_filter("iso", move |ts: i64| {
        dates::rfc3339(dates::from_unix(ts), zone(&tz_handle))
    });
    let tz_handle = shared.clone();
    env.add_filter("article_url", move |article: ViaDeserialize<Linkable>| {
        urls::article_path(
            dates::from_unix(article.published_at),
            &article.slug,
            zone(&tz_handle),
        )
    });
    env.add_filter("section_url", |slug: String| urls::section_path(&slug));
    env.add_filter("topic_url", |slug: String| urls::topic_path(&slug));
    env.add_filter("author_url", |slug: String| urls::author_path(&slug));
    env.add_filter("page_url", |path: String| urls::page_path(&path));
    env.add_filter("media_url", |file_name: String| {
        urls::media_path(&file_name)
    });
    env.add_filter("absolute", move |path: String| {
        format!("{base_url}{}", urls::encode_path(&path))
    });
    env.add_filter(
        "media_file",
        |media: ViaDeserialize<Picture>, width: i64| urls::media_path(&media.file_for(width)),
    );
    env.add_filter(
        "srcset",
        |media: ViaDeserialize<Picture>, extension: String| media.srcset(&extension),
    );
    env.add_filter("reading_minutes", |words: i64| (words / 230).max(1));
    let tz_handle = shared.clone();
    env.add_function("now_year", move || {
        Value::from(chrono::Datelike::year(
            &chrono::Utc::now().with_timezone(&zone(&tz_handle)),
        ))
    });
}
