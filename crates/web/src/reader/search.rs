//! `GET /search`: readers' search, with filters, "newest first", pages and "did you
//! mean". Answers depend on who reads (members find words in members-only bodies), so
//! they are drawn for each request and never kept by the page cache or by browsers.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use broadsheet_core::masthead::local_midnight;
use broadsheet_core::pagination::{PageError, parse_page};
use broadsheet_core::search::{SearchOrder, SearchQuery};
use broadsheet_render::Value;
use broadsheet_store::{SearchRequest, SearchResults};
use chrono::NaiveDate;
use serde::Serialize;

use super::views::{form_flow_page, pager};
use crate::accounts::Viewer;
use crate::app::{App, AppState};
use crate::error::WebError;

/// What the search form sends, as typed. Unknown parameters are ignored; a repeated one
/// counts once (the first).
#[derive(Debug, Default, Serialize)]
struct Typed {
    q: String,
    order: String,
    section: String,
    topic: String,
    author: String,
    from: String,
    to: String,
}

impl Typed {
    fn read(raw: Option<&str>) -> (Typed, Option<String>) {
        let mut values = crate::form::first_values(raw);
        let mut take = |name: &str| values.remove(name).unwrap_or_default();
        let typed = Typed {
            q: take("q"),
            order: take("order"),
            section: take("section"),
            topic: take("topic"),
            author: take("author"),
            from: take("from"),
            to: take("to"),
        };
        let page = values.remove("page");
        (typed, page)
    }

    /// `/search?…` with these values (empty ones left out) and `page`.
    fn url(&self, q: &str, page: u32) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("q", q),
            ("section", &self.section),
            ("topic", &self.topic),
            ("author", &self.author),
            ("from", &self.from),
            ("to", &self.to),
            ("order", &self.order),
        ] {
            // Empty fields and the default order stay out of the address.
            let default = value.is_empty() || (key == "order" && value == "relevance");
            if !default {
                out.append_pair(key, value);
            }
        }
        if page > 1 {
            out.append_pair("page", &page.to_string());
        }
        format!("/search?{}", out.finish())
    }
}

/// A filter value that does not fit: shown above the form, with a 400.
struct Unfit(String);

fn day(text: &str, field: &str) -> Result<Option<NaiveDate>, Unfit> {
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            Unfit(format!(
                "The {field} date “{text}” is not a date: write it as year-month-day, like 2024-03-18."
            ))
        })
}

pub async fn search_page(
    State(app): State<AppState>,
    RawQuery(raw): RawQuery,
    viewer: Viewer,
) -> Response {
    match draw(&app, raw.as_deref(), &viewer).await {
        Ok(response) => response,
        Err(err) => err.into_response(),
    }
}

/// The filters of a search, checked: every name chosen exists, dates are dates.
struct Filters {
    order: SearchOrder,
    /// The section chosen and its subsections.
    sections: Vec<i64>,
    topic: Option<i64>,
    author: Option<i64>,
    from: Option<i64>,
    until: Option<i64>,
}

fn filters(
    typed: &Typed,
    navigation: &crate::app::Navigation,
    topics: &[broadsheet_store::Topic],
    authors: &[broadsheet_store::Author],
    tz: chrono_tz::Tz,
) -> Result<Filters, Unfit> {
    let order = SearchOrder::parse(&typed.order)
        .ok_or_else(|| Unfit("Order results by relevance or by newest first.".to_string()))?;
    let chosen = |typed: &str, kind: &str, found: Option<i64>| match (typed.is_empty(), found) {
        (true, _) => Ok(None),
        (false, Some(id)) => Ok(Some(id)),
        (false, None) => Err(Unfit(format!(
            "There is no {kind} “{typed}”: choose one from the list."
        ))),
    };
    let section = chosen(
        &typed.section,
        "section",
        navigation.section(&typed.section).map(|s| s.id),
    )?;
    let sections = section
        .map(|id| navigation.section_family(id))
        .unwrap_or_default();
    let topic = chosen(
        &typed.topic,
        "topic",
        topics.iter().find(|t| t.slug == typed.topic).map(|t| t.id),
    )?;
    let author = chosen(
        &typed.author,
        "author",
        authors
            .iter()
            .find(|a| a.slug == typed.author)
            .map(|a| a.id),
    )?;
    let from = day(&typed.from, "from")?;
    let to = day(&typed.to, "to")?;
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        return Err(Unfit(
            "The “to” date comes before the “from” date: swap them.".to_string(),
        ));
    }
    Ok(Filters {
        order,
        sections,
        topic,
        author,
        from: from.map(|d| local_midnight(d, tz).timestamp()),
        // Up to the end of the "to" day.
        until: to
            .and_then(|d| d.succ_opt())
            .map(|d| local_midnight(d, tz).timestamp()),
    })
}

async fn draw(app: &App, raw: Option<&str>, viewer: &Viewer) -> Result<Response, WebError> {
    let (typed, page) = Typed::read(raw);
    let page = parse_page(page.as_deref()).map_err(|err| match err {
        PageError::NotANumber(_) => WebError::BadRequest(err.to_string()),
        PageError::OutOfRange(_) => WebError::NotFound,
    })?;
    let navigation = app.navigation().await?;
    let topics = app.store.taxonomy().topics().await?;
    let authors = app.store.taxonomy().authors().await?;

    let tz = app.site().time_zone;
    let checked = filters(&typed, &navigation, &topics, &authors, tz);
    let query = SearchQuery::parse(&typed.q);
    let mut results = SearchResults {
        hits: Vec::new(),
        total: 0,
        more: false,
    };
    let mut suggestion = None;
    let mut pages = None;
    let (status, problem) = match (&checked, &query) {
        (Err(Unfit(message)), _) => (StatusCode::BAD_REQUEST, Some(message.clone())),
        (Ok(_), None) if !typed.q.is_empty() => (
            StatusCode::OK,
            Some("Type a word to search for: punctuation and symbols alone find nothing.".into()),
        ),
        (Ok(_), None) => (StatusCode::OK, None),
        (Ok(filters), Some(query)) => {
            let limit = app.config.articles_per_page;
            let request = SearchRequest {
                query: query.clone(),
                order: filters.order,
                sections: filters.sections.clone(),
                topic: filters.topic,
                author: filters.author,
                from: filters.from,
                until: filters.until,
                member: viewer.is_member(),
                limit,
                offset: u64::from(page - 1) * u64::from(limit),
            };
            results = app.store.search().search(&request).await?;
            if results.total == 0 {
                if page > 1 {
                    return Err(WebError::NotFound);
                }
                suggestion = app.store.search().suggest(&request).await?.map(|better| {
                    let text = better.display();
                    broadsheet_render::context! { url => typed.url(&text, 1), text => text }
                });
            } else {
                let base = typed.url(&typed.q, 1);
                let mut pager = pager(&base, page, results.total, limit)?;
                pager.previous = (page > 1).then(|| typed.url(&typed.q, page - 1));
                pager.next = pager.next.map(|_| typed.url(&typed.q, page + 1));
                pages = Some(pager);
            }
            (StatusCode::OK, None)
        }
    };
    let sections: Vec<_> = navigation.sections.iter().collect();
    let context = broadsheet_render::context! {
        typed => Value::from_serialize(&typed),
        searched => query.is_some() && checked.is_ok(),
        problem => problem,
        hits => Value::from_serialize(&results.hits),
        total => results.total,
        more => results.more,
        pager => Value::from_serialize(&pages),
        suggestion => suggestion,
        sections => Value::from_serialize(&sections),
        topics => Value::from_serialize(&topics),
        authors => Value::from_serialize(&authors),
    };
    let title = if typed.q.is_empty() {
        "Search".to_string()
    } else {
        format!("Search: {}", typed.q)
    };
    form_flow_page(
        app,
        viewer,
        "/search",
        "search.html",
        &title,
        context,
        status,
    )
    .await
}
