//! One error type for the web layer. Internal errors are logged and never shown; every
//! error becomes a themed page (drawn by the `error_pages` layer in `router`).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use broadsheet_core::workflow::WorkflowError;
use broadsheet_render::RenderError;
use broadsheet_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("not found")]
    NotFound,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("gone")]
    Gone,
    #[error("forbidden")]
    Forbidden,
    #[error("the form's security token is missing or wrong")]
    Csrf,
    #[error("too many requests: {0}")]
    TooManyRequests(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// What the error page should say; attached to the response for the error-page layer.
#[derive(Debug, Clone)]
pub struct ErrorPage {
    pub title: &'static str,
    pub message: String,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, title, message) = match &self {
            WebError::NotFound => (
                StatusCode::NOT_FOUND,
                "Page not found",
                "We could not find that page. It may have moved, or the address may be mistyped."
                    .to_string(),
            ),
            WebError::BadRequest(message) => {
                (StatusCode::BAD_REQUEST, "Bad request", message.clone())
            }
            WebError::Gone => (
                StatusCode::GONE,
                "This article has been removed",
                "The article that was here is no longer published.".to_string(),
            ),
            WebError::Forbidden => (
                StatusCode::FORBIDDEN,
                "Not allowed",
                "Your account may not do this. Ask an editor or an administrator if you need to.".to_string(),
            ),
            WebError::Csrf => (
                StatusCode::FORBIDDEN,
                "This form has expired",
                "The form was old or sent from another site. Go back, reload the page and try again.".to_string(),
            ),
            WebError::TooManyRequests(message) => (StatusCode::TOO_MANY_REQUESTS, "Too many attempts", message.clone()),
            // A form that re-shows itself handles these first; wherever it does not, the
            // writer still gets what to fix rather than an apology.
            WebError::Store(
                err @ (StoreError::Invalid { .. } | StoreError::Taken { .. } | StoreError::Blocked(_)),
            ) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "Please check the form",
                err.to_string(),
            ),
            WebError::Store(
                err @ (StoreError::Moved(_)
                | StoreError::Stale { .. }
                | StoreError::Workflow(WorkflowError::WrongState { .. })),
            ) => (StatusCode::CONFLICT, "Changed meanwhile", err.to_string()),
            WebError::Store(StoreError::Workflow(WorkflowError::NotAllowed { .. })) => (
                StatusCode::FORBIDDEN,
                "Not allowed",
                "Your account may not do this. Ask an editor or an administrator if you need to.".to_string(),
            ),
            WebError::Store(StoreError::Busy(message)) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Busy",
                message.clone(),
            ),
            WebError::Store(StoreError::NotFound { .. }) => (
                StatusCode::NOT_FOUND,
                "Page not found",
                "We could not find that page.".to_string(),
            ),
            WebError::Store(_) | WebError::Render(_) => {
                tracing::error!(error = %self, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    "We could not show this page just now. Please try again in a moment."
                        .to_string(),
                )
            }
        };
        // Messages are written to follow "Bad request:" in logs; on the page they open a
        // sentence.
        let message = sentence(message);
        let mut response = (status, message.clone()).into_response();
        response
            .extensions_mut()
            .insert(ErrorPage { title, message });
        response
    }
}

/// `text` with its first letter capitalised.
fn sentence(text: String) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text,
    }
}
