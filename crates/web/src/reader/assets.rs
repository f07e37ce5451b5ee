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
            match path.strip_prefix(CROPS) {
                Some(crop) => crop_on_first_request(&app, crop).await,
                None => WebError::NotFound.into_response(),
            }
        }
        Err(err) => {
            tracing::error!(%err, path, "cannot read media file");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Where the crops structured data points at live, under the media folder.
const CROPS: &str = "crops/";
/// Crops are at most this wide (what Google asks of an article's images).
const CROP_WIDTH: u32 = 1200;

/// The path of an image's crop in a shape (`16x9`, `4x3`, `1x1`), under `/media/`. Only
/// JPEG variants get crops; other files are used as they are.
pub fn crop_path(file_name: &str, ratio: (u32, u32)) -> Option<String> {
    file_name
        .ends_with(".jpg")
        .then(|| format!("{CROPS}{}x{}/{file_name}", ratio.0, ratio.1))
}

/// `crops/16x9/uploads/…jpg`: cut from the library's file the first time it is asked
/// for, kept beside it, and served from the folder from then on. Only the listed shapes
/// of files that exist are made, so requests cannot fill the disk.
async fn crop_on_first_request(app: &AppState, crop: &str) -> Response {
    let Some((shape, source)) = crop.split_once('/') else {
        return WebError::NotFound.into_response();
    };
    let Some(&ratio) = broadsheet_media::CROPS
        .iter()
        .find(|(w, h)| format!("{w}x{h}") == shape)
    else {
        return WebError::NotFound.into_response();
    };
    if !source.ends_with(".jpg") {
        return WebError::NotFound.into_response();
    }
    let Ok(bytes) = tokio::fs::read(app.config.media_dir.join(source)).await else {
        return WebError::NotFound.into_response();
    };
    let cut = {
        let Ok(_slot) = app.media_slots.acquire().await else {
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        };
        tokio::task::spawn_blocking(move || {
            broadsheet_media::crop(
                &bytes,
                &broadsheet_media::Limits::default(),
                ratio,
                CROP_WIDTH,
            )
        })
        .await
    };
    let jpeg = match cut {
        Ok(Ok(jpeg)) => jpeg,
        Ok(Err(err)) => {
            tracing::warn!(%err, source, "cannot crop media file");
            return WebError::NotFound.into_response();
        }
        Err(err) => {
            tracing::error!(%err, source, "cropping failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    // Written whole under another name and then renamed: a reader never gets half a file,
    // and two first requests at once both end with the same complete crop.
    let target = app.config.media_dir.join(CROPS).join(crop);
    let stored = async {
        if let Some(folder) = target.parent() {
            tokio::fs::create_dir_all(folder).await?;
        }
        static PARTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let part = PARTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let partial = target.with_extension(format!("{}-{part}.part", std::process::id()));
        tokio::fs::write(&partial, &jpeg).await?;
        tokio::fs::rename(&partial, &target).await
    };
    if let Err(err) = stored.await {
        tracing::warn!(%err, path = %target.display(), "cannot keep a crop; it will be cut again");
    }
    file_response(jpeg, "image/jpeg", "public, max-age=604800")
}
