//! Cross-site request forgery protection for every newsroom and reader-account form.
//!
//! A random token lives in an HttpOnly, SameSite=Strict cookie and is repeated in every
//! form (hidden `_csrf` field), in the `x-csrf-token` header (scripts) or in the query
//! string (file uploads). A request that changes something without the matching token
//! is refused with 403 before any handler runs. Another site can make a browser send
//! the cookie but can neither read it nor guess it.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use broadsheet_core::secrets::{random_token, same};

use crate::app::AppState;
use crate::error::WebError;

pub const CSRF_COOKIE: &str = "bs_csrf";
/// Reader-account forms keep their own token: opening a sign-in link from an email (a
/// cross-site visit, which does not send SameSite=Strict cookies) sets a new token, and
/// that must not break a form left open in the newsroom.
pub const READER_CSRF_COOKIE: &str = "bs_rcsrf";

/// The request's CSRF token, for forms.
#[derive(Debug, Clone)]
pub struct Csrf(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Csrf {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Csrf>()
            .cloned()
            .ok_or(WebError::Csrf)
    }
}

/// A cookie's value from the request (parsed by the `cookie` crate: quoting, spacing and
/// several `Cookie` headers as browsers send them).
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name)
        .map(|cookie| cookie.value_trimmed().to_string())
}

/// A `Set-Cookie` value: HttpOnly, Path=/, Secure when the site is served over HTTPS.
/// `same_site` is `"Strict"` or `"Lax"`.
pub fn set_cookie(
    name: &str,
    value: &str,
    max_age: i64,
    same_site: &str,
    secure: bool,
) -> HeaderValue {
    let same_site = if same_site == "Strict" {
        cookie::SameSite::Strict
    } else {
        cookie::SameSite::Lax
    };
    header_value(
        cookie::Cookie::build((name, value))
            .path("/")
            .max_age(cookie::time::Duration::seconds(max_age))
            .http_only(true)
            .same_site(same_site)
            .secure(secure),
    )
}

/// A `Set-Cookie` value the page's own script may read (not HttpOnly): for harmless
/// display values only, such as the signed-in reader's name.
pub fn set_script_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> HeaderValue {
    header_value(
        cookie::Cookie::build((name, value))
            .path("/")
            .max_age(cookie::time::Duration::seconds(max_age))
            .same_site(cookie::SameSite::Lax)
            .secure(secure),
    )
}

fn header_value(cookie: cookie::CookieBuilder<'_>) -> HeaderValue {
    HeaderValue::from_str(&cookie.build().to_string())
        .unwrap_or_else(|_| HeaderValue::from_static("invalid=1; Max-Age=0"))
}

/// Whether a form post came from this site, by what the browser says: `Sec-Fetch-Site`
/// when sent, else `Origin` when sent (every current browser sends one or both with a
/// form post); a client that sends neither is not a browser carrying someone's cookies.
pub fn posted_from_this_site(app: &crate::app::App, headers: &HeaderMap) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    match header("origin") {
        None => true,
        Some(origin) => {
            let host = header("host").unwrap_or("");
            origin == app.config.base_url
                || origin
                    .split_once("://")
                    .is_some_and(|(_, authority)| !host.is_empty() && authority == host)
        }
    }
}

fn well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn query_token(request: &Request) -> Option<String> {
    request.uri().query().and_then(|query| {
        form_urlencoded::parse(query.as_bytes())
            .find(|(key, _)| key == "_csrf")
            .map(|(_, value)| value.into_owned())
    })
}

/// The newsroom's forms.
pub async fn protect(State(app): State<AppState>, request: Request, next: Next) -> Response {
    guard(&app, CSRF_COOKIE, request, next).await
}

/// Reader-account forms.
pub async fn protect_reader(State(app): State<AppState>, request: Request, next: Next) -> Response {
    guard(&app, READER_CSRF_COOKIE, request, next).await
}

async fn guard(app: &AppState, cookie_name: &str, request: Request, next: Next) -> Response {
    let existing = cookie(request.headers(), cookie_name).filter(|t| well_formed(t));
    let fresh = existing.is_none();
    let token = existing.unwrap_or_else(random_token);
    let changes_state = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let mut request = if changes_state {
        let header_token = request
            .headers()
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let mut submitted = header_token.or_else(|| query_token(&request));
        let request = if crate::form::is_form(request.headers()) {
            let (request, bytes) = match crate::form::buffered(request).await {
                Ok(buffered) => buffered,
                Err(response) => return response,
            };
            if submitted.is_none() {
                submitted = form_urlencoded::parse(&bytes)
                    .find(|(key, _)| key == "_csrf")
                    .map(|(_, value)| value.into_owned());
            }
            request
        } else {
            request
        };
        let valid = !fresh && submitted.is_some_and(|s| same(&s, &token));
        if !valid {
            return WebError::Csrf.into_response();
        }
        request
    } else {
        request
    };
    request.extensions_mut().insert(Csrf(token.clone()));
    let mut response = next.run(request).await;
    if fresh {
        let secure = app.serves_https();
        response.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(cookie_name, &token, 365 * 24 * 3600, "Strict", secure),
        );
    }
    response
}

#[cfg(test)]
mod cookie_tests {
    use super::*;

    #[test]
    fn cookies_are_read_as_browsers_send_them_and_written_with_their_attributes() {
        let mut headers = HeaderMap::new();
        headers.append(header::COOKIE, HeaderValue::from_static("a=1;b=2"));
        headers.append(
            header::COOKIE,
            HeaderValue::from_static(" bs_csrf=\"tok\" ; c=3"),
        );
        assert_eq!(cookie(&headers, "b").as_deref(), Some("2"));
        assert_eq!(cookie(&headers, "bs_csrf").as_deref(), Some("tok"));
        assert_eq!(cookie(&headers, "missing"), None);
        let set = set_cookie("bs_csrf", "tok", 60, "Strict", true);
        let text = set.to_str().unwrap();
        for part in [
            "bs_csrf=tok",
            "HttpOnly",
            "SameSite=Strict",
            "Secure",
            "Path=/",
            "Max-Age=60",
        ] {
            assert!(text.contains(part), "{text}");
        }
        let script = set_script_cookie("name", "Ana", 0, false);
        let text = script.to_str().unwrap();
        assert!(
            !text.contains("HttpOnly") && text.contains("Max-Age=0"),
            "{text}"
        );
    }
}
