//! The content API under `/api/v1`: published content as JSON for other tools (apps,
//! aggregators, a newsroom's own scripts). Read-only; every error is JSON with a stable
//! code; lists page with opaque, signed cursors; the OpenAPI 3.1 document is generated
//! from the handlers (`utoipa`) and served at `/api/v1/openapi.json`.
//!
//! Members-only articles follow the article page's rule: their body is the teaser.

mod content;

use axum::Json;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::app::{App, AppState};

/// An error as every API answer gives it: `{"error": {"code": …, "message": …}}`. Codes
/// are stable (clients branch on them); messages say what to fix.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiErrorDetail {
    /// `invalid_parameter`, `invalid_cursor`, `not_found`, `internal`.
    pub code: String,
    pub message: String,
}

#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    pub fn invalid(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_parameter",
            message: message.into(),
        }
    }

    pub fn bad_cursor() -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_cursor",
            message: "the cursor is not one this API gave out (or belongs to another query); \
                      start again without it"
                .into(),
        }
    }

    pub fn not_found(what: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: what.into(),
        }
    }
}

impl From<broadsheet_store::StoreError> for ApiError {
    fn from(err: broadsheet_store::StoreError) -> ApiError {
        // Logged, never shown: a database message may name tables or values.
        tracing::error!(%err, "API request failed");
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: "something went wrong on our side; try again in a moment".into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ApiErrorBody {
            error: ApiErrorDetail {
                code: self.code.into(),
                message: self.message,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

pub type ApiResult<T> = Result<Json<T>, ApiError>;

/// Cursors are what the server needs to continue a list (`kind` names the list and its
/// query, `position` where it stopped), signed so that a client cannot forge one or
/// carry one over to another query.
pub fn cursor(app: &App, kind: &str, position: &str) -> String {
    let payload = format!("{kind}|{position}");
    let signature = broadsheet_core::secrets::sign(&app.secret, &payload);
    format!("{}.{signature}", URL_SAFE_NO_PAD.encode(payload))
}

/// The position a cursor holds, if it is genuine and was made for `kind`.
pub fn read_cursor(app: &App, kind: &str, cursor: &str) -> Result<String, ApiError> {
    let (payload, signature) = cursor.split_once('.').ok_or_else(ApiError::bad_cursor)?;
    let payload = URL_SAFE_NO_PAD
        .decode(payload)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(ApiError::bad_cursor)?;
    if !broadsheet_core::secrets::verify_signature(&app.secret, &payload, signature) {
        return Err(ApiError::bad_cursor());
    }
    let (made_for, position) = payload.split_once('|').ok_or_else(ApiError::bad_cursor)?;
    if made_for != kind {
        return Err(ApiError::bad_cursor());
    }
    Ok(position.to_string())
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Broadsheet content API",
        version = "1",
        description = "Published articles, sections, topics, authors, pages and search, as JSON. \
                       Lists page with the `next_cursor` of the previous answer. Errors are \
                       `{\"error\": {\"code\", \"message\"}}` with a stable code."
    ),
    paths(
        content::articles,
        content::article,
        content::sections,
        content::topics,
        content::authors,
        content::pages,
        content::search,
    ),
    components(schemas(ApiErrorBody, ApiErrorDetail))
)]
struct ApiDoc;

async fn openapi() -> Response {
    Json(ApiDoc::openapi()).into_response()
}

async fn unknown() -> ApiError {
    ApiError::not_found("no such API address; see /api/v1/openapi.json")
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/articles", get(content::articles))
        .route("/api/v1/articles/{id}", get(content::article))
        .route("/api/v1/sections", get(content::sections))
        .route("/api/v1/topics", get(content::topics))
        .route("/api/v1/authors", get(content::authors))
        .route("/api/v1/pages", get(content::pages))
        .route("/api/v1/search", get(content::search))
        .route("/api/v1", get(unknown))
        .route("/api/v1/{*rest}", get(unknown))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_document_lists_every_route() {
        use utoipa::OpenApi;
        let doc = super::ApiDoc::openapi();
        let paths: Vec<&String> = doc.paths.paths.keys().collect();
        for path in [
            "/api/v1/articles",
            "/api/v1/articles/{id}",
            "/api/v1/sections",
            "/api/v1/topics",
            "/api/v1/authors",
            "/api/v1/pages",
            "/api/v1/search",
        ] {
            assert!(paths.iter().any(|p| *p == path), "{path} in {paths:?}");
        }
    }
}
