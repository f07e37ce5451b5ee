//! Turning rendered pages into responses: the page cache, validators (ETag and
//! Last-Modified) and 304 answers to conditional requests.

use std::future::Future;
use std::hash::{Hash, Hasher};

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use broadsheet_core::change::Dep;
use broadsheet_core::dates;
use broadsheet_render::CachedPage;

use crate::app::App;
use crate::error::WebError;

/// A page drawn by a handler, with everything it shows.
pub struct Rendered {
    pub html: String,
    pub deps: Vec<Dep>,
    /// When the page must be drawn again regardless of writes (masthead date change).
    pub expires_at: i64,
}

/// Serves `key` from the cache, or draws it with `render` and keeps it.
pub async fn cached<F, Fut>(app: &App, key: &str, headers: &HeaderMap, render: F) -> Response
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Rendered, WebError>>,
{
    let now = broadsheet_store::now();
    if let Some(page) = app.cache.get(key, now) {
        return page_response(&page, headers);
    }
    let generation = app.cache.generation();
    let rendered = match render().await {
        Ok(rendered) => rendered,
        Err(err) => return err.into_response(),
    };
    let page = CachedPage {
        etag: etag_of(rendered.html.as_bytes()),
        body: rendered.html.into(),
        last_modified: now,
        expires_at: rendered.expires_at,
        status: 200,
    };
    let response = page_response(&page, headers);
    app.cache
        .insert(key.to_string(), page, rendered.deps, generation);
    response
}

fn etag_of(bytes: &[u8]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("\"{:016x}\"", hasher.finish())
}

fn not_modified(page: &CachedPage, headers: &HeaderMap) -> bool {
    if let Some(tags) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        return tags
            .split(',')
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .any(|tag| tag == page.etag || tag == "*");
    }
    headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(dates::parse_http_date)
        .is_some_and(|since| since.timestamp() >= page.last_modified)
}

pub fn page_response(page: &CachedPage, headers: &HeaderMap) -> Response {
    let status = if not_modified(page, headers) {
        StatusCode::NOT_MODIFIED
    } else {
        StatusCode::from_u16(page.status).unwrap_or(StatusCode::OK)
    };
    let body = if status == StatusCode::NOT_MODIFIED {
        Body::empty()
    } else {
        Body::from(page.body.clone())
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let out = response.headers_mut();
    out.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(etag) = HeaderValue::from_str(&page.etag) {
        out.insert(header::ETAG, etag);
    }
    if let Ok(modified) =
        HeaderValue::from_str(&dates::http_date(dates::from_unix(page.last_modified)))
    {
        out.insert(header::LAST_MODIFIED, modified);
    }
    // Browsers revalidate every time (cheap: a 304), so nobody keeps a stale masthead
    // date or a corrected article.
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
