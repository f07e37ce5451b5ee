//! Filters the templates use to print dates and build links, in the paper's time zone.

use broadsheet_core::{dates, urls};
use chrono_tz::Tz;
use minijinja::{Environment, Error, ErrorKind, Value};

/// What the picture filters read of a media item. Read field by field, not through
/// serde: a card's picture filter runs on every card of every page drawn, and a serde
/// pass walks the whole object (caption, credit, alt text...) each time.
struct Picture {
    file_name: String,
    widths: Vec<i64>,
    stem: Option<String>,
}

impl Picture {
    fn from_value(media: &Value) -> Result<Picture, Error> {
        let widths = media.get_attr("widths")?;
        Ok(Picture {
            file_name: text_attr(media, "file_name")?
                .ok_or_else(|| missing("a media item", "file_name"))?,
            widths: if widths.is_undefined() || widths.is_none() {
                Vec::new()
            } else {
                widths
                    .try_iter()?
                    .map(i64::try_from)
                    .collect::<Result<_, _>>()?
            },
            stem: text_attr(media, "stem")?,
        })
    }

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

/// A string attribute, `None` when absent.
fn text_attr(value: &Value, name: &str) -> Result<Option<String>, Error> {
    let attr = value.get_attr(name)?;
    if attr.is_undefined() || attr.is_none() {
        return Ok(None);
    }
    attr.as_str()
        .map(|text| Some(text.to_string()))
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("`{name}` is not text")))
}

fn missing(what: &str, name: &str) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        format!("{what} without `{name}` was given to the filter"),
    )
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
    env.add_filter("article_url", move |article: Value| {
        let slug = text_attr(&article, "slug")?.ok_or_else(|| missing("an article", "slug"))?;
        let published = article.get_attr("published_at")?;
        let published_at = if published.is_undefined() || published.is_none() {
            0
        } else {
            i64::try_from(published)?
        };
        Ok::<_, Error>(urls::article_path(
            dates::from_unix(published_at),
            &slug,
            zone(&tz_handle),
        ))
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
    env.add_filter("media_file", |media: Value, width: i64| {
        Ok::<_, Error>(urls::media_path(
            &Picture::from_value(&media)?.file_for(width),
        ))
    });
    env.add_filter("srcset", |media: Value, extension: String| {
        Ok::<_, Error>(Picture::from_value(&media)?.srcset(&extension))
    });
    env.add_filter("reading_minutes", |words: i64| (words / 230).max(1));
    let tz_handle = shared.clone();
    env.add_function("now_year", move || {
        Value::from(chrono::Datelike::year(
            &chrono::Utc::now().with_timezone(&zone(&tz_handle)),
        ))
    });
}
