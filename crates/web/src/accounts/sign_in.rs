//! Joining and signing in: the reader types an address and gets a one-time link. The
//! same link creates the account for a new address (so no account exists for an
//! address nobody confirmed) and signs in an existing one. Answers never say whether an
//! address has an account.
//!
//! Opening the link shows a button; only pressing it (a POST) uses the link, so mail
//! scanners that open every link in an email do not burn it or sign anyone in.

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use broadsheet_core::email::Email;
use broadsheet_core::secrets::hash_token;
use broadsheet_render::Value;
use broadsheet_store::{NewJob, READER_SESSION_IDLE, ReaderLink, StoreError};
use serde::Deserialize;

use super::{READER_COOKIE, Viewer, safe_return};
use crate::app::{App, AppState};
use crate::client::ClientAddr;
use crate::csrf::{Csrf, set_cookie};
use crate::error::WebError;
use crate::form;
use crate::reader::guard::within_limit;
use crate::reader::{Limit, Sender, check_spam_proof, client_key, screen_sender};

/// How long a sign-in link works.
const LINK_VALID_FOR: i64 = 30 * 60;
/// Sign-in links asked for from one client in ten minutes.
const CLIENT_LIMIT: Limit = Limit::per_ten_minutes(
    10,
    "Many sign-in links were asked for from your connection just now. Please wait a few minutes.",
);
/// Sign-in links sent to one address in an hour.
const ADDRESS_LIMIT: Limit = Limit {
    times: 5,
    seconds: 3600,
    message: "Several sign-in links were sent to this address in the last hour. Use the newest one, or wait a while.",
};

/// Draws `account.html` in one of its modes.
pub(super) async fn page(
    app: &App,
    viewer: &Viewer,
    title: &str,
    context: Value,
    status: StatusCode,
) -> Result<Response, WebError> {
    crate::reader::form_flow_page(
        app,
        viewer,
        "/account",
        "account.html",
        title,
        context,
        status,
    )
    .await
}

#[derive(Deserialize, Default)]
pub struct ReturnQuery {
    return_to: Option<String>,
}

/// The membership page: the tiers, and the form that creates a free account.
pub async fn join(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(query): Query<ReturnQuery>,
) -> Result<Response, WebError> {
    let tiers = app.store.readers().membership_tiers().await?;
    let context = broadsheet_render::context! {
        mode => "join",
        tiers => Value::from_serialize(&tiers),
        return_to => safe_return(query.return_to.as_deref().unwrap_or("/account")),
    };
    page(&app, &viewer, "Become a member", context, StatusCode::OK).await
}

pub async fn form(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(query): Query<ReturnQuery>,
) -> Result<Response, WebError> {
    if viewer.signed_in() {
        return Ok(Redirect::to("/account").into_response());
    }
    let context = broadsheet_render::context! {
        mode => "sign-in",
        return_to => safe_return(query.return_to.as_deref().unwrap_or("/account")),
    };
    page(&app, &viewer, "Sign in or join", context, StatusCode::OK).await
}

/// The sign-in form (the sign-in page's, and the one beside comments).
#[derive(Deserialize, Default)]
#[serde(default)]
struct LinkRequestForm {
    #[serde(deserialize_with = "form::trimmed")]
    email: String,
    #[serde(deserialize_with = "form::trimmed")]
    return_to: String,
    /// The spam-check widget's answer.
    #[serde(deserialize_with = "form::trimmed")]
    altcha: String,
    /// The honeypot (`guard::HONEYPOT`): people never see it, bots fill it in.
    #[serde(deserialize_with = "form::trimmed")]
    website: String,
}

/// Sends a sign-in link to the address typed.
pub async fn request(
    State(app): State<AppState>,
    viewer: Viewer,
    client: ClientAddr,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let asked: LinkRequestForm = form::parse(&body)?;
    let return_to = safe_return(&asked.return_to);
    let sent = || {
        broadsheet_render::context! {
            message => "Check your inbox: we have sent you a link to sign in. It works once, for 30 minutes.",
        }
    };
    let sender = screen_sender(
        &app,
        &asked.website,
        &client_key("reader-link", &client.ip()),
        &CLIENT_LIMIT,
    )
    .await?;
    if sender == Sender::Bot {
        return page(&app, &viewer, "Check your inbox", sent(), StatusCode::OK).await;
    }
    let retry = async |message: String| {
        let context = broadsheet_render::context! {
            mode => "sign-in", return_to => &return_to, message => message, problem => true,
        };
        page(
            &app,
            &viewer,
            "Sign in or join",
            context,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await
    };
    let email = match Email::parse(&asked.email) {
        Ok(email) => email,
        Err(err) => return retry(format!("Email: {err}.")).await,
    };
    if let Some(problem) = check_spam_proof(&app, Some(asked.altcha.clone())).await? {
        return retry(format!("Spam check: {problem}.")).await;
    }
    within_limit(
        &app,
        &format!("reader-link:email:{}", hash_token(&email.key())),
        &ADDRESS_LIMIT,
    )
    .await?;
    let new_account = app
        .store
        .readers()
        .reader_by_email(&email.key())
        .await?
        .is_none();
    let token = app
        .store
        .readers()
        .create_reader_link(&email, &return_to, LINK_VALID_FOR)
        .await?;
    let site_name = app.site().name.clone();
    let subject = if new_account {
        format!("Finish creating your {site_name} account")
    } else {
        format!("Sign in to {site_name}")
    };
    let context = broadsheet_render::context! {
        link => format!("{}/account/link/{token}", app.config.base_url),
        new_account => new_account,
    };
    let message = crate::email::themed(
        &app,
        &email.to_string(),
        subject,
        "sign_in",
        context,
        Vec::new(),
    )?;
    app.store
        .jobs()
        .enqueue(&NewJob::new(
            broadsheet_mail::SEND_EMAIL_JOB,
            &message,
            app.store.now(),
        ))
        .await?;
    page(&app, &viewer, "Check your inbox", sent(), StatusCode::OK).await
}

async fn link_problem(app: &App, viewer: &Viewer, state: ReaderLink) -> Result<Response, WebError> {
    let (title, message) = match state {
        ReaderLink::Used => (
            "Link already used",
            "This sign-in link was already used. Ask for a new one below.",
        ),
        ReaderLink::Expired => (
            "Link expired",
            "This sign-in link has expired. Ask for a new one below.",
        ),
        ReaderLink::Unknown | ReaderLink::Valid { .. } => return Err(WebError::NotFound),
    };
    let context = broadsheet_render::context! {
        mode => "sign-in", return_to => "/account", message => message, problem => true,
    };
    page(app, viewer, title, context, StatusCode::GONE).await
}

async fn link_form(
    app: &App,
    viewer: &Viewer,
    csrf: &Csrf,
    token: &str,
    email: &str,
    new_account: bool,
    problem: Option<(String, String)>,
) -> Result<Response, WebError> {
    let (display_name, message) = problem.unwrap_or_default();
    let context = broadsheet_render::context! {
        mode => "link",
        action => format!("/account/link/{token}"),
        csrf => &csrf.0,
        email => email,
        new_account => new_account,
        display_name => display_name,
        message => message,
        problem => true,
    };
    let (title, status) = match (new_account, message.is_empty()) {
        (true, true) => ("Create your account", StatusCode::OK),
        (false, true) => ("Sign in", StatusCode::OK),
        (_, false) => ("Create your account", StatusCode::UNPROCESSABLE_ENTITY),
    };
    page(app, viewer, title, context, status).await
}

/// The link from the email: a button to press (and a name to choose, for a new account).
pub async fn landing(
    State(app): State<AppState>,
    viewer: Viewer,
    csrf: Csrf,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    match app.store.readers().reader_link(&token).await? {
        ReaderLink::Valid { email, reader, .. } => {
            link_form(&app, &viewer, &csrf, &token, &email, reader.is_none(), None).await
        }
        state => link_problem(&app, &viewer, state).await,
    }
}

/// The name shown with a reader's comments (chosen on joining, changed on the account
/// page).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct NameForm {
    #[serde(deserialize_with = "form::trimmed")]
    pub display_name: String,
}

/// Uses the link: creates the account if needed, signs in, and goes back to where the
/// reader was.
pub async fn redeem(
    State(app): State<AppState>,
    viewer: Viewer,
    csrf: Csrf,
    headers: axum::http::HeaderMap,
    Path(token): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let NameForm { display_name } = form::parse(&body)?;
    let (reader, return_to) = match app
        .store
        .readers()
        .redeem_reader_link(&token, &display_name)
        .await
    {
        Ok(Ok(done)) => done,
        Ok(Err(state)) => return link_problem(&app, &viewer, state).await,
        Err(StoreError::Invalid { message, .. } | StoreError::Taken { message, .. }) => {
            let email = match app.store.readers().reader_link(&token).await? {
                ReaderLink::Valid { email, .. } => email,
                state => return link_problem(&app, &viewer, state).await,
            };
            let problem = Some((display_name, format!("{}.", capitalise(&message))));
            return link_form(&app, &viewer, &csrf, &token, &email, true, problem).await;
        }
        Err(err) => return Err(err.into()),
    };
    // Signing in (perhaps as someone else) ends this browser's previous session.
    if let Some(old) = crate::csrf::cookie(&headers, READER_COOKIE) {
        app.store.readers().end_reader_session(&old).await?;
        app.reader_sessions.forget(&old);
    }
    let session = app.store.readers().create_reader_session(reader.id).await?;
    let mut response = Redirect::to(&safe_return(&return_to)).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            READER_COOKIE,
            &session,
            READER_SESSION_IDLE,
            "Lax",
            app.serves_https(),
        ),
    );
    response.headers_mut().append(
        header::SET_COOKIE,
        super::name_cookie(&app, Some(&reader.display_name)),
    );
    // A new form token with the new session: one planted before sign-in is worthless.
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            crate::csrf::READER_CSRF_COOKIE,
            &broadsheet_core::secrets::random_token(),
            365 * 24 * 3600,
            "Strict",
            app.serves_https(),
        ),
    );
    Ok(response)
}

pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::guard::HONEYPOT;

    #[test]
    fn the_honeypot_is_read_from_its_field() {
        let sent: LinkRequestForm = form::parse(format!("{HONEYPOT}=x").as_bytes()).expect("form");
        assert_eq!(sent.website, "x");
    }
}
