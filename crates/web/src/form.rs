//! Reading `application/x-www-form-urlencoded` bodies, including repeated keys
//! (checkbox groups, ordered bylines).

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

use crate::error::WebError;

/// The largest form body read before a handler: an article form at its limit (form
/// encoding can triple a body's length) with room to spare.
const FORM_LIMIT: usize = 8 * 1024 * 1024;

/// Whether a request carries an `application/x-www-form-urlencoded` body.
pub fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// Reads a form's body into memory, for a layer that must look inside it before the
/// handler does; returns the request to pass on (with the same body) and the bytes.
pub async fn buffered(request: Request) -> Result<(Request, Bytes), Response> {
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, FORM_LIMIT)
        .await
        .map_err(|_| WebError::BadRequest("the form is too large".into()).into_response())?;
    Ok((Request::from_parts(parts, Body::from(bytes.clone())), bytes))
}

pub struct FormData(Vec<(String, String)>);

impl FormData {
    pub fn parse(body: &Bytes) -> FormData {
        FormData(form_urlencoded::parse(body).into_owned().collect())
    }

    /// The first value of `key`, trimmed; empty when absent.
    pub fn text(&self, key: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    }

    /// The first value of `key` exactly as sent (article bodies keep their whitespace).
    pub fn raw(&self, key: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.replace("\r\n", "\n"))
            .unwrap_or_default()
    }

    pub fn id(&self, key: &str) -> Option<i64> {
        self.text(key).parse().ok().filter(|id| *id > 0)
    }

    /// Every non-empty value of `key` that is an id, in order.
    pub fn ids(&self, key: &str) -> Vec<i64> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .filter_map(|(_, v)| v.trim().parse().ok())
            .filter(|id| *id > 0)
            .collect()
    }

    /// Every non-empty value of `key`, in order.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }

    pub fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, v)| k == key && !v.is_empty())
    }
}
