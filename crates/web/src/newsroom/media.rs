//! The media library: upload (form or drag and drop), describe, see where an item is
//! used, delete with a warning.
//!
//! Uploads are judged by their bytes, not their names; refused before decoding when too
//! big in bytes or pixels; resized to several widths as JPEG and WebP re-encoded from
//! pixels, so that no served file carries the camera's metadata (GPS position, serial
//! numbers). The untouched upload is kept outside the served folder.

use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use broadsheet_core::role::{Capability, may_change_media};
use broadsheet_media::{DEFAULT_WIDTHS, Limits, MediaError, Processed};
use broadsheet_render::Value;
use broadsheet_store::{MediaItem, NewMedia};
use serde::Deserialize;

use super::{Desk, Staff};
use crate::app::AppState;
use crate::error::WebError;
use crate::form;

const PER_PAGE: i64 = 48;

/// How much a multipart upload may carry beyond the file itself (field names, the
/// other fields).
pub const UPLOAD_OVERHEAD: usize = 1024 * 1024;

#[derive(Deserialize, Default)]
pub struct LibraryQuery {
    q: Option<String>,
    page: Option<String>,
}

fn thumbnail(item: &MediaItem) -> Value {
    broadsheet_render::context! {
        id => item.id, alt_text => &item.alt_text, caption => &item.caption, file_name => &item.file_name,
        width => item.width, height => item.height, thumb => item.file_for_width(480),
    }
}

async fn library(
    desk: &Desk,
    query: &LibraryQuery,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let Desk { app, .. } = desk;
    let page = broadsheet_core::pagination::parse_page(query.page.as_deref())
        .map_err(|err| WebError::BadRequest(err.to_string()))?;
    let offset = i64::from(page - 1) * PER_PAGE;
    let (items, total) = app
        .store
        .media()
        .list_media(query.q.as_deref(), PER_PAGE, offset)
        .await?;
    let q = query.q.clone().unwrap_or_default();
    let link = |n: u32| {
        format!(
            "/admin/media?q={}&page={n}",
            broadsheet_core::urls::encode_component(&q)
        )
    };
    let limits = Limits::default();
    let context = broadsheet_render::context! {
        items => items.iter().map(thumbnail).collect::<Vec<_>>(),
        total => total,
        q => &q,
        error => error,
        max_mb => limits.max_bytes / (1024 * 1024),
        max_megapixels => limits.max_pixels / 1_000_000,
        previous => (page > 1).then(|| link(page - 1)),
        next => (offset + PER_PAGE < total).then(|| link(page + 1)),
    };
    Ok((status, desk.screen("media.html", "media", context)?).into_response())
}

pub async fn list(desk: Desk, Query(query): Query<LibraryQuery>) -> Result<Response, WebError> {
    let Desk { staff, .. } = &desk;
    staff.require(Capability::UploadMedia)?;
    library(&desk, &query, None, StatusCode::OK).await
}

struct Upload {
    name: String,
    bytes: Bytes,
}

/// Reads the form; a body over the limit is reported as the editor would put it.
async fn read_upload(mut multipart: Multipart) -> Result<(Vec<Upload>, MediaWords), String> {
    let mut files = Vec::new();
    let mut words = MediaWords::default();
    let too_big = || {
        format!(
            "the upload is larger than {} MB — export a smaller JPEG",
            Limits::default().max_bytes / (1024 * 1024)
        )
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) if err.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_big()),
            Err(err) => return Err(format!("the upload was interrupted: {}", err.body_text())),
        };
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().unwrap_or("").to_string();
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes,
            Err(err) if err.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_big()),
            Err(err) => return Err(format!("the upload was interrupted: {}", err.body_text())),
        };
        let text = || String::from_utf8_lossy(&bytes).trim().to_string();
        match name.as_str() {
            "file" if !bytes.is_empty() => files.push(Upload {
                name: file_name,
                bytes,
            }),
            "alt_text" => words.alt_text = text(),
            "caption" => words.caption = text(),
            "credit" => words.credit = text(),
            _ => {}
        }
    }
    if files.is_empty() {
        return Err("choose a photo to upload".into());
    }
    Ok((files, words))
}

/// What describes a photo: alt text, caption, credit.
#[derive(Default)]
pub(crate) struct MediaWords {
    pub(crate) alt_text: String,
    pub(crate) caption: String,
    pub(crate) credit: String,
}

pub async fn upload(desk: Desk, multipart: Multipart) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    staff.require(Capability::UploadMedia)?;
    let (files, words) = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(message) => {
            return library(
                &desk,
                &LibraryQuery::default(),
                Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let mut last = None;
    for file in files {
        match store_upload(app, staff.0.id, &file.bytes, &words).await? {
            Ok(id) => last = Some(id),
            Err(message) => {
                let message = if file.name.is_empty() {
                    message
                } else {
                    format!("{}: {message}", file.name)
                };
                return library(
                    &desk,
                    &LibraryQuery::default(),
                    Some(message),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        }
    }
    match last {
        Some(id) => Ok(Redirect::to(&format!("/admin/media/{id}")).into_response()),
        None => Ok(Redirect::to("/admin/media").into_response()),
    }
}

/// Processes and stores one upload into the media library (the newsroom's form and the
/// admin API alike). The outer error is the server's; the inner one is the uploader's to
/// fix.
pub(crate) async fn store_upload(
    app: &AppState,
    uploaded_by: i64,
    bytes: &Bytes,
    words: &MediaWords,
) -> Result<Result<i64, String>, WebError> {
    let hash = broadsheet_media::content_hash(bytes);
    if let Some(existing) = app.store.media().media_by_hash(&hash).await? {
        // The same photo twice: use the one the library already has.
        return Ok(Ok(existing.id));
    }
    let processed: Result<Processed, MediaError> = {
        let _slot = app
            .media_slots
            .acquire()
            .await
            .map_err(|_| WebError::BadRequest("the server is shutting down".into()))?;
        let bytes = bytes.clone();
        tokio::task::spawn_blocking(move || {
            broadsheet_media::process(&bytes, &Limits::default(), DEFAULT_WIDTHS)
        })
        .await
        .map_err(|_| WebError::BadRequest("the image could not be processed".into()))?
    };
    let processed = match processed {
        Ok(processed) => processed,
        Err(err) => return Ok(Err(err.to_string())),
    };
    let now = chrono::Utc::now();
    let stem = format!(
        "uploads/{}/{}",
        now.format("%Y/%m"),
        &processed.sha256[..16]
    );
    let folder = app
        .config
        .media_dir
        .join(format!("uploads/{}", now.format("%Y/%m")));
    let originals = app.config.data_dir.join("originals");
    let write = |path: std::path::PathBuf, bytes: &[u8]| {
        std::fs::write(&path, bytes).map_err(|err| {
            tracing::error!(%err, path = %path.display(), "cannot write a media file");
            WebError::BadRequest("the file could not be saved; tell the site's operator".into())
        })
    };
    std::fs::create_dir_all(&folder)
        .and_then(|()| std::fs::create_dir_all(&originals))
        .map_err(|err| {
            tracing::error!(%err, "cannot create the media folders");
            WebError::BadRequest("the file could not be saved; tell the site's operator".into())
        })?;
    let mut widths: Vec<u32> = Vec::new();
    for variant in &processed.variants {
        write(
            app.config
                .media_dir
                .join(format!("{stem}-{}.{}", variant.width, variant.extension)),
            &variant.bytes,
        )?;
        if !widths.contains(&variant.width) {
            widths.push(variant.width);
        }
    }
    widths.sort_unstable();
    let largest = widths.last().copied().unwrap_or(processed.width);
    let height_of = |width: u32| {
        processed
            .variants
            .iter()
            .find(|v| v.width == width)
            .map(|v| v.height)
            .unwrap_or(processed.height)
    };
    let original = format!(
        "{}.{}",
        processed.sha256,
        processed.format.name().to_ascii_lowercase()
    );
    write(originals.join(&original), bytes)?;
    let id = app
        .store
        .media()
        .create_media(&NewMedia {
            file_name: format!("{stem}-{largest}.jpg"),
            mime_type: "image/jpeg".into(),
            width: largest,
            height: height_of(largest),
            byte_size: bytes.len() as u64,
            content_hash: Some(processed.sha256.clone()),
            alt_text: words.alt_text.clone(),
            caption: words.caption.clone(),
            credit: words.credit.clone(),
            created_at: app.store.now(),
            variant_widths: widths
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(","),
            uploaded_by: Some(uploaded_by),
            original_file: Some(original),
        })
        .await?;
    Ok(Ok(id))
}

async fn item_page(
    desk: &Desk,
    id: i64,
    confirm_delete: bool,
    status: StatusCode,
) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = desk;
    let item = app
        .store
        .media()
        .media_item(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let uses = app.store.media().media_usage(id).await?;
    let uploaded_by = app.store.media().media_uploader(id).await?.flatten();
    let may_change = may_change_media(staff.0.role, staff.0.id, uploaded_by);
    let context = broadsheet_render::context! {
        may_change => may_change,
        item => broadsheet_render::context! {
            ..Value::from_serialize(&item),
            ..broadsheet_render::context! { preview => item.file_for_width(960) }
        },
        uses => Value::from_serialize(&uses),
        confirm_delete => confirm_delete,
    };
    Ok((status, desk.screen("media_item.html", "media", context)?).into_response())
}

pub async fn show(desk: Desk, Path(id): Path<i64>) -> Result<Response, WebError> {
    let Desk { staff, .. } = &desk;
    staff.require(Capability::UploadMedia)?;
    item_page(&desk, id, false, StatusCode::OK).await
}

/// Authors may change only what they uploaded; editors and administrators anything.
async fn require_may_change(app: &AppState, staff: &Staff, id: i64) -> Result<(), WebError> {
    staff.require(Capability::UploadMedia)?;
    let uploader = app.store.media().media_uploader(id).await?;
    // A missing item is nobody's own: an author is refused as for any other's item.
    if !may_change_media(staff.0.role, staff.0.id, uploader.flatten()) {
        return Err(WebError::Forbidden);
    }
    uploader.map(|_| ()).ok_or(WebError::NotFound)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DescriptionForm {
    #[serde(deserialize_with = "form::trimmed")]
    alt_text: String,
    #[serde(deserialize_with = "form::trimmed")]
    caption: String,
    #[serde(deserialize_with = "form::trimmed")]
    credit: String,
}

pub async fn describe(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, WebError> {
    require_may_change(&app, &staff, id).await?;
    let sent: DescriptionForm = form::parse(&body)?;
    app.store
        .media()
        .describe_media(id, &sent.alt_text, &sent.caption, &sent.credit)
        .await?;
    Ok(Redirect::to(&format!("/admin/media/{id}")).into_response())
}

/// The delete button; `confirm` is added once the editor has seen where the photo is
/// used.
#[derive(Deserialize, Default)]
#[serde(default)]
struct DeleteForm {
    #[serde(deserialize_with = "form::checkbox")]
    confirm: bool,
}

pub async fn delete(desk: Desk, Path(id): Path<i64>, body: Bytes) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    require_may_change(app, staff, id).await?;
    let sent: DeleteForm = form::parse(&body)?;
    if !sent.confirm && !app.store.media().media_usage(id).await?.is_empty() {
        return item_page(&desk, id, true, StatusCode::CONFLICT).await;
    }
    let (files, original) = app.store.media().delete_media(id).await?;
    for file in files {
        let _ = std::fs::remove_file(app.config.media_dir.join(file));
    }
    if let Some(original) = original {
        let _ = std::fs::remove_file(app.config.data_dir.join("originals").join(original));
    }
    Ok(Redirect::to("/admin/media").into_response())
}
