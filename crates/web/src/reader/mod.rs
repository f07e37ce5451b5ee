//! The reader site: front page, articles, sections, topics, authors, date archives,
//! static pages, and the files they use.

mod archive;
pub(crate) mod article;
mod assets;
mod comments;
mod forms;
mod front;
pub(crate) mod guard;
mod lists;
pub(crate) mod newsletters;
mod pages;
mod search;
mod structured;
mod views;

pub(crate) use article::preview_article;
pub(crate) use guard::{Limit, Sender, check_spam_proof, client_key, screen_sender};
pub(crate) use views::form_flow_page;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use broadsheet_core::pagination::{PageError, parse_page};
use broadsheet_core::urls::decode_path;
use serde::Deserialize;

use crate::app::AppState;
use crate::error::WebError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(front::front_page))
        .route("/section/{slug}", get(lists::section_page))
        .route("/topic/{slug}", get(lists::topic_page))
        .route("/author/{slug}", get(lists::author_page))
        .route("/search", get(search::search_page))
        .route("/static/{*path}", get(assets::theme_asset))
        .route("/media/{*path}", get(assets::media_file))
        .route("/forms/{slug}", axum::routing::post(forms::submit))
        .route("/altcha/challenge", get(forms::challenge))
        .route(
            "/comments/{article_id}",
            axum::routing::post(comments::submit),
        )
        .route(
            "/comments/{article_id}/reply/{comment_id}",
            get(comments::reply_page),
        )
        .route("/comments/{article_id}/{order}", get(comments::thread_page))
        .route(
            "/comments/{article_id}/find/{comment_id}",
            get(comments::find_comment),
        )
        .route(
            "/subscribe",
            get(newsletters::form).post(newsletters::subscribe),
        )
        .route("/subscribe/confirm/{token}", get(newsletters::confirm))
        .route(
            "/newsletters/{id}/{signature}",
            get(newsletters::manage).post(newsletters::save),
        )
        .route(
            "/newsletters/{id}/{signature}/unsubscribe",
            get(newsletters::unsubscribe_page).post(newsletters::unsubscribe),
        )
        .route("/healthz", get(|| async { "ok" }))
        .fallback(get(by_path))
}

/// `?page=N` on list pages.
#[derive(Debug, Deserialize, Default)]
pub struct PageQuery {
    page: Option<String>,
}

impl PageQuery {
    pub fn number(&self) -> Result<u32, WebError> {
        parse_page(self.page.as_deref()).map_err(|err| match err {
            PageError::NotANumber(_) => WebError::BadRequest(err.to_string()),
            PageError::OutOfRange(_) => WebError::NotFound,
        })
    }
}

/// Paths that are not fixed routes: articles and date archives (they start with a
/// year) and static pages (anything else).
async fn by_path(
    State(app): State<AppState>,
    uri: Uri,
    query: Query<PageQuery>,
    headers: HeaderMap,
    viewer: crate::accounts::Viewer,
) -> Response {
    let raw = uri.path();
    if raw.len() > 1 && raw.ends_with('/') {
        // Resolved as a browser would, so `//host/` cannot become `Location: //host`.
        let trimmed = raw.trim_end_matches('/');
        let target = match uri.query() {
            Some(q) => format!("{trimmed}?{q}"),
            None => trimmed.to_string(),
        };
        return match broadsheet_core::urls::local_path(&target) {
            Some(target) => Redirect::permanent(&target).into_response(),
            None => WebError::NotFound.into_response(),
        };
    }
    let Some(path) = decode_path(raw) else {
        return WebError::NotFound.into_response();
    };
    let key = crate::respond::cache_key(&uri);
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let is_year = |s: &str| s.len() == 4 && s.chars().all(|c| c.is_ascii_digit());
    match segments.as_slice() {
        [year, rest @ ..] if is_year(year) => match rest {
            [month, day, slug] => {
                article::article_page(app, &key, [year, month, day], slug, &headers, &viewer).await
            }
            [] | [_] | [_, _] => {
                archive::archive_page(app, &key, &segments, query.0, &headers, &viewer).await
            }
            _ => WebError::NotFound.into_response(),
        },
        _ => pages::static_page(app, &key, &path, &headers, &viewer).await,
    }
}
