//! The content API under `/api/v1`: published content as JSON for other tools (apps,
//! aggregators, a newsroom's own scripts). Read-only; every error is JSON with a stable
//! code; lists page with opaque, signed cursors; the OpenAPI 3.1 document is generated
//! from the handlers (`utoipa`) and served at `/api/v1/openapi.json`.
//!
//! Members-only articles follow the article page's rule: their body is the teaser.

mod admin;
mod auth;
mod content;

use axum::Json;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use broadsheet_core::workflow::WorkflowError;
use broadsheet_store::StoreError;

use crate::app::{App, AppState};

/// An error as every API answer gives it: `{"error": {"code": …, "message": …}}`. Codes
/// are stable (clients branch on them); messages say what to fix.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiErrorDetail {
    /// `invalid_parameter`, `invalid_cursor`, `invalid_field`, `not_found`,
    /// `unauthorized`, `insufficient_scope`, `not_allowed`, `taken`, `changed_meanwhile`,
    /// `wrong_state`, `cannot_publish`, `too_large`, `invalid_body`, `busy`, `internal`.
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

impl ApiError {
    /// No token, or one that does not sign in (401).
    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::UNAUTHORIZED,
            code: "unauthorized",
            message: message.into(),
        }
    }

    /// Well-formed, but not something this site can take (422).
    pub fn unprocessable(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "invalid_field",
            message: message.into(),
        }
    }

    /// A body axum could not read (too large, interrupted), as JSON.
    pub fn rejected(status: StatusCode, message: String) -> ApiError {
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
            "too_large"
        } else {
            "invalid_body"
        };
        ApiError {
            status,
            code,
            message,
        }
    }

    /// Something failed on the server's side; the cause is logged where it happened.
    pub fn internal() -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: "something went wrong on our side; try again in a moment".into(),
        }
    }

    /// A token that signs in but may not do this (403).
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::FORBIDDEN,
            code,
            message: message.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> ApiError {
        let (status, code) = match &err {
            StoreError::Invalid { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_field"),
            StoreError::Taken { .. } => (StatusCode::CONFLICT, "taken"),
            StoreError::Blocked(_) => (StatusCode::UNPROCESSABLE_ENTITY, "cannot_publish"),
            StoreError::Stale { .. } | StoreError::Moved(_) => {
                (StatusCode::CONFLICT, "changed_meanwhile")
            }
            StoreError::Workflow(WorkflowError::WrongState { .. }) => {
                (StatusCode::CONFLICT, "wrong_state")
            }
            StoreError::Workflow(WorkflowError::NotAllowed { .. }) => {
                (StatusCode::FORBIDDEN, "not_allowed")
            }
            StoreError::NotFound { .. } => (StatusCode::NOT_FOUND, "not_found"),
            StoreError::Busy(_) => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            _ => {
                // Logged, never shown: a database message may name tables or values.
                tracing::error!(%err, "API request failed");
                return ApiError::internal();
            }
        };
        ApiError {
            status,
            code,
            message: err.to_string(),
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
        let mut response = (self.status, Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer realm=\"broadsheet\""),
            );
        }
        response
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
        title = "Broadsheet API",
        version = "1",
        description = "Published articles, sections, topics, authors, pages and search, as JSON, \
                       for anyone; and under `/api/v1/admin`, drafts, saves, workflow steps and \
                       photo uploads for a newsroom's own tools, with a token an administrator \
                       makes in the newsroom (/admin/api-tokens), sent as \
                       `Authorization: Bearer bst_…`. Lists page with the `next_cursor` of the \
                       previous answer. Errors are `{\"error\": {\"code\", \"message\"}}` with a \
                       stable code."
    ),
    paths(
        content::articles,
        content::article,
        content::sections,
        content::topics,
        content::authors,
        content::pages,
        content::search,
        admin::whoami,
        admin::drafts,
        admin::draft,
        admin::create,
        admin::save,
        admin::step,
        admin::upload,
    ),
    components(schemas(
        ApiErrorBody,
        ApiErrorDetail,
        content::OrderParam,
        admin::StatusParam,
        admin::ActionParam
    )),
    modifiers(&TokenScheme)
)]
struct ApiDoc;

/// Declares the bearer token the admin endpoints (and members-only reading) take.
struct TokenScheme;

impl utoipa::Modify for TokenScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token made in the newsroom (/admin/api-tokens) or with `broadsheet token add`",
                    ))
                    .build(),
            ),
        );
    }
}

async fn openapi() -> Response {
    Json(ApiDoc::openapi()).into_response()
}

async fn unknown() -> ApiError {
    ApiError::not_found("no such API address; see /api/v1/openapi.json")
}

/// An answer given to a token may hold drafts or members-only text: no shared cache may
/// keep it, and caches must tell answers with and without a token apart.
async fn private_when_signed(request: Request, next: Next) -> Response {
    let signed = request.headers().contains_key(header::AUTHORIZATION);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("Authorization"));
    if signed {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

pub fn router() -> Router<AppState> {
    let upload_limit =
        usize::try_from(broadsheet_media::Limits::default().max_bytes).unwrap_or(usize::MAX);
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/articles", get(content::articles))
        .route("/api/v1/articles/{id}", get(content::article))
        .route("/api/v1/sections", get(content::sections))
        .route("/api/v1/topics", get(content::topics))
        .route("/api/v1/authors", get(content::authors))
        .route("/api/v1/pages", get(content::pages))
        .route("/api/v1/search", get(content::search))
        .route("/api/v1/admin/token", get(admin::whoami))
        .route(
            "/api/v1/admin/articles",
            get(admin::drafts).post(admin::create),
        )
        .route(
            "/api/v1/admin/articles/{id}",
            get(admin::draft).put(admin::save),
        )
        .route("/api/v1/admin/articles/{id}/workflow", post(admin::step))
        .route(
            "/api/v1/admin/media",
            post(admin::upload).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .layer(DefaultBodyLimit::max(crate::newsroom::ARTICLE_FORM_LIMIT))
        .route("/api/v1", get(unknown))
        .route("/api/v1/{*rest}", get(unknown))
        .layer(middleware::from_fn(private_when_signed))
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
            "/api/v1/admin/token",
            "/api/v1/admin/articles",
            "/api/v1/admin/articles/{id}",
            "/api/v1/admin/articles/{id}/workflow",
            "/api/v1/admin/media",
        ] {
            assert!(paths.iter().any(|p| *p == path), "{path} in {paths:?}");
        }
    }
}
