//! Signing in and out, sessions, and password resets.
//!
//! Messages never tell whether an address has an account: a wrong address and a wrong
//! password get the same answer in about the same time (a decoy hash is checked when
//! there is no account). Failed sign-ins are counted in the database per address and per
//! client address, so the limit holds across all app nodes.

use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use broadsheet_core::email::Email;
use broadsheet_core::secrets::{decoy_hash, hash_password, verify_password};
use broadsheet_core::urls::encode_component;
use broadsheet_render::Value;
use broadsheet_store::{NewJob, SESSION_IDLE, User};
use serde::Deserialize;

use super::{Csrf, screen};
use crate::app::AppState;
use crate::client::ClientAddr;
use crate::csrf::{cookie, set_cookie};
use crate::error::WebError;
use crate::form;

pub const SESSION_COOKIE: &str = "bs_session";
const FAILURE_WINDOW: i64 = 15 * 60;
const MAX_FAILURES_PER_ADDRESS: i64 = 5;
const MAX_FAILURES_PER_CLIENT: i64 = 30;
const RESET_VALID_FOR: i64 = 3600;

/// A signed-in newsroom user. Without a live session the request is sent to sign in.
pub struct Staff(pub User);

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(token) = cookie(&parts.headers, SESSION_COOKIE) {
            match app.store.users().session_user(&token).await {
                Ok(Some(user)) => return Ok(Staff(user)),
                Ok(None) => {}
                Err(err) => return Err(WebError::from(err).into_response()),
            }
        }
        let next = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/admin");
        Err(Redirect::to(&format!("/admin/login?next={}", encode_component(next))).into_response())
    }
}

/// The signed-in newsroom user of a request, if any (for pages outside `/admin`).
pub async fn staff_from_headers(
    app: &AppState,
    headers: &HeaderMap,
) -> Result<Option<User>, WebError> {
    match cookie(headers, SESSION_COOKIE) {
        Some(token) => Ok(app.store.users().session_user(&token).await?),
        None => Ok(None),
    }
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
}

/// Only newsroom addresses are followed after signing in (no open redirect): the
/// address as a browser would resolve it must be in the newsroom.
fn safe_next(next: &str) -> String {
    broadsheet_core::urls::local_path(next)
        .filter(|path| {
            path == "/admin" || path.starts_with("/admin/") || path.starts_with("/admin?")
        })
        .unwrap_or_else(|| "/admin".into())
}

fn login_page(
    app: &AppState,
    csrf: &Csrf,
    next: &str,
    email: &str,
    error: Option<&str>,
    status: StatusCode,
) -> Response {
    let page =
        broadsheet_render::context! { next => safe_next(next), email => email, error => error };
    match screen(app, None, csrf, "login.html", "login", page) {
        Ok(html) => (status, html).into_response(),
        Err(err) => err.into_response(),
    }
}

pub async fn login_form(
    State(app): State<AppState>,
    csrf: Csrf,
    Query(query): Query<NextQuery>,
) -> Response {
    login_page(
        &app,
        &csrf,
        query.next.as_deref().unwrap_or("/admin"),
        "",
        None,
        StatusCode::OK,
    )
}

fn client_key(client: &ClientAddr) -> Option<String> {
    client.0.map(|addr| format!("ip:{}", addr.ip()))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginForm {
    #[serde(deserialize_with = "form::trimmed")]
    email: String,
    #[serde(deserialize_with = "form::multiline")]
    password: String,
    /// Where to go once signed in (checked by `safe_next`).
    #[serde(deserialize_with = "form::trimmed")]
    next: String,
}

pub async fn login(
    State(app): State<AppState>,
    csrf: Csrf,
    client: ClientAddr,
    body: Bytes,
) -> Result<Response, WebError> {
    let LoginForm {
        email: typed,
        password,
        next,
    } = form::parse(&body)?;
    let wrong = "That email and password do not match an account. Check both and try again.";
    let Ok(email) = Email::parse(&typed) else {
        return Ok(login_page(
            &app,
            &csrf,
            &next,
            &typed,
            Some(wrong),
            StatusCode::UNAUTHORIZED,
        ));
    };
    let address_key = format!("email:{}", email.key());
    let client = client_key(&client);
    // Wrong passwords for an address count per client: someone guessing from one
    // place must not lock the account's owner out everywhere else.
    let attempt_key = format!(
        "{address_key}|{}",
        client.as_deref().unwrap_or("ip:unknown")
    );
    let since = app.store.now() - FAILURE_WINDOW;
    let mut limited = app
        .store
        .users()
        .login_failures(&attempt_key, since)
        .await?
        >= MAX_FAILURES_PER_ADDRESS;
    if let Some(client) = &client {
        limited |=
            app.store.users().login_failures(client, since).await? >= MAX_FAILURES_PER_CLIENT;
    }
    if limited {
        let message = "Too many failed sign-ins. Wait 15 minutes, or reset your password.";
        return Ok(login_page(
            &app,
            &csrf,
            &next,
            &typed,
            Some(message),
            StatusCode::TOO_MANY_REQUESTS,
        ));
    }
    let account = app.store.users().user_for_login(&email).await?;
    // Hashing takes a while on purpose; keep it off the async threads.
    let checked = {
        let password = password.clone();
        let stored = account
            .as_ref()
            .map(|(_, hash)| hash.clone())
            .unwrap_or_else(|| decoy_hash().to_string());
        tokio::task::spawn_blocking(move || verify_password(&password, &stored))
            .await
            .unwrap_or(false)
    };
    let user = match account {
        Some((user, _)) if checked && !user.disabled => user,
        _ => {
            let mut keys = vec![attempt_key];
            keys.extend(client);
            app.store.users().record_login_failure(&keys).await?;
            return Ok(login_page(
                &app,
                &csrf,
                &next,
                &typed,
                Some(wrong),
                StatusCode::UNAUTHORIZED,
            ));
        }
    };
    app.store.users().clear_login_failures(&attempt_key).await?;
    let token = app.store.users().create_session(user.id).await?;
    let mut response = Redirect::to(&safe_next(&next)).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            SESSION_COOKIE,
            &token,
            SESSION_IDLE,
            "Lax",
            app.serves_https(),
        ),
    );
    // A new form token with the new session: one planted before sign-in is worthless.
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            crate::csrf::CSRF_COOKIE,
            &broadsheet_core::secrets::random_token(),
            365 * 24 * 3600,
            "Strict",
            app.serves_https(),
        ),
    );
    Ok(response)
}

fn signed_out(app: &AppState) -> Response {
    let mut response = Redirect::to("/admin/login").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, "", 0, "Lax", app.serves_https()),
    );
    response
}

pub async fn logout(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, WebError> {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        app.store.users().end_session(&token).await?;
    }
    Ok(signed_out(&app))
}

pub async fn logout_everywhere(
    State(app): State<AppState>,
    Staff(me): Staff,
) -> Result<Response, WebError> {
    app.store.users().end_all_sessions(me.id).await?;
    Ok(signed_out(&app))
}

pub async fn reset_request_form(
    State(app): State<AppState>,
    csrf: Csrf,
) -> Result<Response, WebError> {
    Ok(screen(
        &app,
        None,
        &csrf,
        "password_reset.html",
        "reset",
        Value::UNDEFINED,
    )?
    .into_response())
}

/// Reset emails one address may be sent per hour, and reset requests one client may
/// make per hour.
const RESETS_PER_ADDRESS: i64 = 3;
const RESETS_PER_CLIENT: i64 = 10;
/// Every answer to a reset request takes at least this long, so that the time taken
/// does not tell whether the address has an account (sending takes a little longer).
const RESET_ANSWER_FLOOR: std::time::Duration = std::time::Duration::from_millis(150);

#[derive(Deserialize, Default)]
#[serde(default)]
struct ResetRequestForm {
    #[serde(deserialize_with = "form::trimmed")]
    email: String,
}

pub async fn reset_request(
    State(app): State<AppState>,
    csrf: Csrf,
    client: ClientAddr,
    body: Bytes,
) -> Result<Response, WebError> {
    let answer_at = tokio::time::Instant::now() + RESET_ANSWER_FLOOR;
    let hour_ago = app.store.now() - 3600;
    let client = client_key(&client).unwrap_or_else(|| "ip:unknown".into());
    if app
        .store
        .limits()
        .count_event(&format!("reset-client:{client}"), hour_ago)
        .await?
        > RESETS_PER_CLIENT
    {
        return Err(WebError::TooManyRequests(
            "Too many password reset requests from here. Wait an hour and try again.".into(),
        ));
    }
    let sent: ResetRequestForm = form::parse(&body)?;
    let email = Email::parse(&sent.email).ok();
    // Counted for every address, known or not, so both take the same path.
    let within_limit = match &email {
        Some(email) => {
            app.store
                .limits()
                .count_event(&format!("reset:{}", email.key()), hour_ago)
                .await?
                <= RESETS_PER_ADDRESS
        }
        None => false,
    };
    if let Some(email) = email.filter(|_| within_limit)
        && let Some((user, _)) = app.store.users().user_for_login(&email).await?
        && !user.disabled
    {
        let token = app
            .store
            .users()
            .create_password_reset(user.id, RESET_VALID_FOR)
            .await?;
        let link = format!("{}/admin/password-reset/{token}", app.config.base_url);
        let message = broadsheet_mail::Email {
            html: None,
            headers: Vec::new(),
            to: user.email.clone(),
            subject: format!("Reset your {} newsroom password", app.site().name),
            text: format!(
                "Hello {},\n\nSomeone (hopefully you) asked to reset your password. This link works once, for one hour:\n\n{link}\n\nIf it was not you, ignore this email; your password stays as it is.\n",
                user.name
            ),
        };
        app.store
            .jobs()
            .enqueue(&NewJob::new(
                broadsheet_mail::SEND_EMAIL_JOB,
                &message,
                app.store.now(),
            ))
            .await?;
    }
    let page = broadsheet_render::context! {
        title => "Check your email",
        message => "If that address belongs to an account, a link to reset the password is on its way. It works once, for one hour.",
    };
    let response = screen(&app, None, &csrf, "message.html", "reset", page)?.into_response();
    tokio::time::sleep_until(answer_at).await;
    Ok(response)
}

pub async fn reset_form(
    State(app): State<AppState>,
    csrf: Csrf,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    if !app.store.users().password_reset_valid(&token).await? {
        return expired_reset(&app, &csrf);
    }
    let page = broadsheet_render::context! { token => token };
    Ok(screen(&app, None, &csrf, "password_reset.html", "reset", page)?.into_response())
}

fn expired_reset(app: &AppState, csrf: &Csrf) -> Result<Response, WebError> {
    let page = broadsheet_render::context! {
        title => "This link no longer works",
        message => "Reset links work once and for one hour. Ask for a new one.",
        link => broadsheet_render::context! { url => "/admin/password-reset", label => "Ask for a new link" },
    };
    Ok((
        StatusCode::GONE,
        screen(app, None, csrf, "message.html", "reset", page)?,
    )
        .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewPasswordForm {
    #[serde(deserialize_with = "form::multiline")]
    password: String,
}

pub async fn reset(
    State(app): State<AppState>,
    csrf: Csrf,
    Path(token): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let NewPasswordForm { password } = form::parse(&body)?;
    let hash = match tokio::task::spawn_blocking(move || hash_password(&password)).await {
        Ok(Ok(hash)) => hash,
        Ok(Err(err)) => {
            let page = broadsheet_render::context! { token => &token, error => err.to_string() };
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                screen(&app, None, &csrf, "password_reset.html", "reset", page)?,
            )
                .into_response());
        }
        Err(_) => {
            return Err(WebError::BadRequest(
                "the password could not be hashed".into(),
            ));
        }
    };
    let Some(user_id) = app.store.users().redeem_password_reset(&token).await? else {
        return expired_reset(&app, &csrf);
    };
    app.store.users().set_password(user_id, &hash).await?;
    let page = broadsheet_render::context! {
        title => "Your password is changed",
        message => "Every browser that was signed in has been signed out. Sign in with the new password.",
        link => broadsheet_render::context! { url => "/admin/login", label => "Sign in" },
    };
    Ok(screen(&app, None, &csrf, "message.html", "reset", page)?.into_response())
}
