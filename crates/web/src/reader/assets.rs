//! Theme assets and media files.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use broadsheet_render::content_type;

use crate::app::AppState;
use crate::error::WebError;

fn file_response(
    bytes: impl Into<Body>,
    content_type: &'static str,
    max_age: &'static str,
) -> Response {
    let mut response = Response::new(bytes.into());
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(max_age));
    response
}

pub async fn theme_asset(State(app): State<AppState>, Path(path): Path<String>) -> Response {
    match app.renderer.static_asset(&path) {
        Some(asset) => file_response(asset.bytes, asset.content_type, "public, max-age=3600"),
        None => WebError::NotFound.into_response(),
    }
}

/// Media are stored under names that never change content, so browsers may keep them.
pub async fn media_file(State(app): State<AppState>, Path(path): Path<String>) -> Response {
    let safe = !path.is_empty()
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != ".." && part != "." && !part.starts_with('.'))
        && !path.chars().any(|c| c.is_control() || c == '\\');
    if !safe {
        return WebError::NotFound.into_response();
    }
    match tokio::fs::read(app.config.media_dir.join(&path)).await {
        Ok(bytes) => file_response(bytes, content_type(&path), "public, max-age=604800"),
        Err(err)
            if matches!(
                err.kind(),
                std::io::ErrorKind::NotFound
                    | std::io::ErrorKind::IsADirectory
                    | std::io::ErrorKind::NotADirectory
                    | std::io::ErrorKind::InvalidInput
            ) =>
        {
            WebError::NotFound.into_response()
        }
        Err(err) => {
            tracing::error!(%err, path, "cannot read media file");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
