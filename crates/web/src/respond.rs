//! Turning rendered pages into responses: the page cache, validators (ETag and
//! Last-Modified) and 304 answers to conditional requests.

use std::collections::HashMap;
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use broadsheet_core::change::Dep;
use broadsheet_core::dates;

use crate::app::{App, AppState};
use crate::error::WebError;

/// The type of the site's pages.
pub const HTML: &str = "text/html; charset=utf-8";

/// A page drawn by a handler, with everything it shows.
pub struct Rendered {
    /// The document: HTML for pages, XML for feeds and sitemaps.
    pub html: String,
    pub deps: Vec<Dep>,
    /// When the page must be drawn again regardless of writes (masthead date change).
    pub expires_at: i64,
    pub content_type: &'static str,
}

/// A page ready to send: the body and its validators, computed once when it is drawn.
pub struct Page {
    body: Bytes,
    content_type: &'static str,
    etag: HeaderValue,
    last_modified: i64,
    last_modified_header: HeaderValue,
}

impl Page {
    /// Bytes the page takes in the cache.
    pub fn weight(&self) -> usize {
        self.body.len() + std::mem::size_of::<Page>()
    }

    fn new(html: String, now: i64, content_type: &'static str) -> Page {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        html.as_bytes().hash(&mut hasher);
        let etag = HeaderValue::from_str(&format!("\"{:016x}\"", hasher.finish()))
            .unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
        let last_modified_header = HeaderValue::from_str(&dates::http_date(dates::from_unix(now)))
            .unwrap_or_else(|_| HeaderValue::from_static("Thu, 01 Jan 1970 00:00:00 GMT"));
        Page {
            body: Bytes::from(html),
            content_type,
            etag,
            last_modified: now,
            last_modified_header,
        }
    }
}

/// The cache key of a request: the request as the handlers read it, not as it was
/// spelled. The path is percent-decoded and encoded again one way (`%61` and `a` are
/// one page; a decoded `?` stays encoded, so a path can never pose as a query) and the
/// page number is the one the handlers parse (`pag%65=2`, `page=+2` and `page=2` are
/// page 2; page 1 has no number). Other query parameters do not change what is drawn,
/// so they do not split the cache, and no spelling can store one page under another's
/// address.
pub fn cache_key(uri: &Uri) -> String {
    let path = match broadsheet_core::urls::decode_path(uri.path()) {
        Some(decoded) => broadsheet_core::urls::encode_path(&decoded).replace('?', "%3F"),
        None => uri.path().replace('?', "%3F"),
    };
    let page = axum::extract::Query::<crate::reader::PageQuery>::try_from_uri(uri)
        .ok()
        .and_then(|query| query.number().ok())
        .filter(|page| *page > 1);
    match page {
        Some(page) => format!("{path}?page={page}"),
        None => path,
    }
}

/// The key of the copy of a page this reader gets: anonymous readers share one copy,
/// signed-in readers one per tier level (`#` never appears in a request's path, so the
/// keys cannot collide).
fn variant_key(key: &str, viewer: Option<&crate::accounts::Viewer>) -> String {
    match viewer.and_then(crate::accounts::Viewer::cache_variant) {
        None => key.to_string(),
        Some(level) => format!("{key}#tier:{level}"),
    }
}

fn viewer_of(request: &Request) -> Option<&crate::accounts::Viewer> {
    request.extensions().get::<crate::accounts::Viewer>()
}

/// Answers GET requests for cached pages before routing: the hot path of the site.
pub async fn serve_from_cache(
    State(app): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    // Files and spam-check challenges are the same for everyone: no session lookup.
    let path = request.uri().path();
    let viewer = if ["/static/", "/media/", "/altcha/", "/admin/static/"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
    {
        crate::accounts::Viewer::default()
    } else {
        crate::accounts::identify(&app, request.headers()).await
    };
    let anonymous = !viewer.signed_in();
    request.extensions_mut().insert(viewer);
    if app.cache.enabled()
        && (request.method() == Method::GET || request.method() == Method::HEAD)
        && let Some(page) = kept_page(
            &app,
            &variant_key(&cache_key(request.uri()), viewer_of(&request)),
        )
    {
        let mut response = page_response(&page, request.headers());
        if !anonymous {
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
        }
        return response;
    }
    let mut response = next.run(request).await;
    if !anonymous {
        // Drawn for this reader alone: not for shared caches, and not kept in the
        // browser after they sign out.
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

/// The page to answer with before any handler runs: the kept copy if it is fresh, or if
/// it lags only on comments while another request is drawing it already (a handler would
/// read the database only to end up serving that same copy).
fn kept_page(app: &App, key: &str) -> Option<Arc<Page>> {
    let now = app.store.now();
    app.cache.get(key, now).or_else(|| {
        app.render_gates
            .drawing(key)
            .then(|| app.cache.get_lagging(key, now))
            .flatten()
    })
}

/// Per-address locks for drawing pages. When a popular page is dropped from the cache
/// (a comment was approved, say), the readers asking for it meanwhile would all draw it
/// at once and compete for the same cores; with a gate, one draws it and the others get
/// the result from the cache a moment later.
#[derive(Default)]
pub struct RenderGates(std::sync::Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>);

/// A turn at drawing one address; the gate is forgotten when the last turn ends, also
/// when the request is cancelled mid-drawing.
struct Turn<'a> {
    gates: &'a RenderGates,
    key: &'a str,
    gate: Arc<tokio::sync::Mutex<()>>,
}

impl RenderGates {
    /// Whether a request is drawing (or waiting to draw) `key` now.
    fn drawing(&self, key: &str) -> bool {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .contains_key(key)
    }

    fn turn<'a>(&'a self, key: &'a str) -> Turn<'a> {
        let mut gates = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let gate = gates.entry(key.to_string()).or_default().clone();
        Turn {
            gates: self,
            key,
            gate,
        }
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut gates = self
            .gates
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // The map's copy and this one: nobody else is waiting.
        if Arc::strong_count(&self.gate) <= 2 {
            gates.remove(self.key);
        }
    }
}

/// Serves `key` from the cache, or draws it with `render` and keeps it. Signed-in
/// readers get the copy for their tier (see `variant_key`): pages hold nothing personal.
pub async fn cached<F, Fut>(
    app: &App,
    key: &str,
    headers: &HeaderMap,
    viewer: &crate::accounts::Viewer,
    render: F,
) -> Response
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Rendered, WebError>>,
{
    cached_since(app, None, key, headers, viewer, render).await
}

/// [`cached`] for a handler that read what it draws before calling: `read_at` is the
/// cache generation from before that read, so that a write landing in between keeps the
/// drawn page out of the cache instead of storing something already out of date.
pub async fn cached_since<F, Fut>(
    app: &App,
    read_at: Option<u64>,
    key: &str,
    headers: &HeaderMap,
    viewer: &crate::accounts::Viewer,
    render: F,
) -> Response
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Rendered, WebError>>,
{
    let now = app.store.now();
    let key = &variant_key(key, Some(viewer));
    if let Some(page) = app.cache.get(key, now) {
        return page_response(&page, headers);
    }
    if !app.cache.enabled() {
        let generation = read_at.unwrap_or_else(|| app.cache.generation());
        return draw_and_keep(app, key, headers, now, generation, render).await;
    }
    let turn = app.render_gates.turn(key);
    let _drawing = match turn.gate.try_lock() {
        Ok(drawing) => drawing,
        Err(_) => {
            // Another request is drawing this page. If the copy kept is behind only on
            // its comments, readers get it at once rather than queue behind the redraw.
            if let Some(page) = app.cache.get_lagging(key, now) {
                return page_response(&page, headers);
            }
            turn.gate.lock().await
        }
    };
    match app.cache.get(key, app.store.now()) {
        // Drawn by another request while this one waited.
        Some(page) => page_response(&page, headers),
        None => {
            let generation = read_at.unwrap_or_else(|| app.cache.generation());
            draw_and_keep(app, key, headers, now, generation, render).await
        }
    }
}

async fn draw_and_keep<F, Fut>(
    app: &App,
    key: &str,
    headers: &HeaderMap,
    now: i64,
    generation: u64,
    render: F,
) -> Response
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<Rendered, WebError>>,
{
    let rendered = match render().await {
        Ok(rendered) => rendered,
        Err(err) => return err.into_response(),
    };
    let page = Arc::new(Page::new(rendered.html, now, rendered.content_type));
    let response = page_response(&page, headers);
    app.cache.insert(
        key.to_string(),
        page,
        rendered.expires_at,
        rendered.deps,
        generation,
    );
    response
}

fn not_modified(page: &Page, headers: &HeaderMap) -> bool {
    if let Some(tags) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        let ours = page.etag.as_bytes();
        return tags
            .split(',')
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .any(|tag| tag.as_bytes() == ours || tag == "*");
    }
    headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(dates::parse_http_date)
        .is_some_and(|since| since.timestamp() >= page.last_modified)
}

pub fn page_response(page: &Page, headers: &HeaderMap) -> Response {
    respond(page, headers, page.content_type)
}

fn respond(page: &Page, headers: &HeaderMap, content_type: &'static str) -> Response {
    let fresh = not_modified(page, headers);
    let mut response = if fresh {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        response
    } else {
        Response::new(Body::from(page.body.clone()))
    };
    let out = response.headers_mut();
    out.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    out.insert(header::ETAG, page.etag.clone());
    out.insert(header::LAST_MODIFIED, page.last_modified_header.clone());
    // Browsers revalidate every time (cheap: a 304), so nobody keeps a stale masthead
    // date or a corrected article.
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    // Signed-in readers get other pages at the same address.
    out.insert(header::VARY, HeaderValue::from_static("Cookie"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_only_the_page_number() {
        let key = |uri: &str| cache_key(&uri.parse::<Uri>().expect("uri"));
        assert_eq!(key("/section/news"), "/section/news");
        assert_eq!(key("/section/news?page=1"), "/section/news");
        // Every spelling of one request is one key; no spelling reaches another's key.
        assert_eq!(key("/section/news?pag%65=2"), "/section/news?page=2");
        assert_eq!(key("/section/news?page=+2"), "/section/news?page=2");
        assert_eq!(key("/section/news?page=2%20"), "/section/news?page=2");
        assert_eq!(key("/section/%6Eews"), "/section/news");
        assert_eq!(key("/section/news?page=x"), "/section/news");
        assert_eq!(key("/section/news%3Fpage=2"), "/section/news%3Fpage=2");
        assert_eq!(
            key("/section/news?utm_source=x&page=3"),
            "/section/news?page=3"
        );
        assert_eq!(key("/2024/03/18/%D7%A9"), "/2024/03/18/%D7%A9");
    }
}
