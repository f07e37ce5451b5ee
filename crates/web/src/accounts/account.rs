//! The reader's account page: the name shown with comments, newsletters, signing out,
//! and deleting the account.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use broadsheet_render::Value;
use broadsheet_store::{Reader, StoreError};
use serde::Deserialize;

use super::sign_in::{NameForm, capitalise, page};
use super::{READER_COOKIE, Viewer};
use crate::app::{App, AppState};
use crate::csrf::{Csrf, cookie, set_cookie};
use crate::error::WebError;
use crate::form;

#[derive(Deserialize, Default)]
pub struct SavedQuery {
    saved: Option<String>,
}

/// Where a reader who is not signed in is sent.
fn sign_in_first() -> Response {
    Redirect::to("/account/sign-in?return_to=/account").into_response()
}

/// A line at the top of the account page: what was saved, or what to fix (422).
enum Notice<'a> {
    Saved(&'a str),
    Problem(&'a str),
}

async fn account_page(
    app: &App,
    viewer: &Viewer,
    reader: &Reader,
    csrf: &Csrf,
    notice: Notice<'_>,
) -> Result<Response, WebError> {
    let (message, problem, status) = match notice {
        Notice::Saved(message) => (message, false, StatusCode::OK),
        Notice::Problem(message) => (message, true, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let subscribed = match app
        .store
        .newsletters()
        .subscriber_by_email(&reader.email)
        .await?
    {
        Some(subscriber) if subscriber.status == "confirmed" => subscriber.lists,
        _ => Vec::new(),
    };
    let context = broadsheet_render::context! {
        mode => "account",
        me => Value::from_serialize(reader),
        csrf => &csrf.0,
        lists => Value::from_serialize(app.store.newsletters().newsletter_lists().await?),
        subscribed => subscribed,
        message => message,
        problem => problem,
    };
    page(app, viewer, "Your account", context, status).await
}

pub async fn show(
    State(app): State<AppState>,
    viewer: Viewer,
    csrf: Csrf,
    Query(query): Query<SavedQuery>,
) -> Result<Response, WebError> {
    let Some(reader) = viewer.reader() else {
        return Ok(sign_in_first());
    };
    let message = match query.saved.as_deref() {
        Some("name") => "Your name is saved.",
        Some("newsletters") => "Your newsletters are saved.",
        _ => "",
    };
    account_page(&app, &viewer, reader, &csrf, Notice::Saved(message)).await
}

pub async fn rename(
    State(app): State<AppState>,
    viewer: Viewer,
    csrf: Csrf,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let Some(reader) = viewer.reader() else {
        return Ok(sign_in_first());
    };
    let sent: NameForm = form::parse(&body)?;
    match app
        .store
        .readers()
        .rename_reader(reader.id, &sent.display_name)
        .await
    {
        Ok(name) => {
            app.reader_sessions.forget_reader(reader.id);
            let mut response = Redirect::to("/account?saved=name").into_response();
            response
                .headers_mut()
                .append(header::SET_COOKIE, super::name_cookie(&app, Some(&name)));
            Ok(response)
        }
        Err(StoreError::Invalid { message, .. } | StoreError::Taken { message, .. }) => {
            let message = format!("{}.", capitalise(&message));
            account_page(&app, &viewer, reader, &csrf, Notice::Problem(&message)).await
        }
        Err(err) => Err(err.into()),
    }
}

/// The newsletters ticked.
#[derive(Deserialize, Default)]
#[serde(default)]
struct ListsForm {
    #[serde(deserialize_with = "form::ids")]
    lists: Vec<i64>,
}

/// The reader's address is proven (they signed in with a link sent to it), so lists
/// chosen here need no confirmation email.
pub async fn newsletters(
    State(app): State<AppState>,
    viewer: Viewer,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let Some(reader) = viewer.reader() else {
        return Ok(sign_in_first());
    };
    let ListsForm { lists } = form::parse(&body)?;
    let known = app
        .store
        .newsletters()
        .subscriber_by_email(&reader.email)
        .await?
        .is_some();
    if known || !lists.is_empty() {
        app.store
            .newsletters()
            .set_verified_subscriptions(&reader.email, &lists)
            .await?;
    }
    Ok(Redirect::to("/account?saved=newsletters").into_response())
}

fn signed_out(app: &App, to: Response) -> Response {
    let mut response = to;
    response
        .headers_mut()
        .append(header::SET_COOKIE, super::name_cookie(app, None));
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(READER_COOKIE, "", 0, "Lax", app.serves_https()),
    );
    response
}

pub async fn sign_out(
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    if let Some(token) = cookie(&headers, READER_COOKIE) {
        app.store.readers().end_reader_session(&token).await?;
        app.reader_sessions.forget(&token);
    }
    Ok(signed_out(&app, Redirect::to("/").into_response()))
}

/// Signs out of every browser, this one included (a lost phone, a shared computer).
pub async fn sign_out_everywhere(
    State(app): State<AppState>,
    viewer: Viewer,
) -> Result<Response, WebError> {
    if let Some(reader) = viewer.reader() {
        app.store
            .readers()
            .end_all_reader_sessions(reader.id)
            .await?;
        app.reader_sessions.forget_reader(reader.id);
    }
    Ok(signed_out(&app, Redirect::to("/").into_response()))
}

/// Deleting a reader account, by the reader (here) or by the newsroom: the same two
/// boxes on both forms.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct DeleteForm {
    #[serde(deserialize_with = "form::checkbox")]
    pub(crate) confirm: bool,
    #[serde(deserialize_with = "form::checkbox")]
    pub(crate) delete_comments: bool,
}

pub async fn delete(
    State(app): State<AppState>,
    viewer: Viewer,
    csrf: Csrf,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    let Some(reader) = viewer.reader() else {
        return Ok(sign_in_first());
    };
    let sent: DeleteForm = form::parse(&body)?;
    if !sent.confirm {
        return account_page(
            &app,
            &viewer,
            reader,
            &csrf,
            Notice::Problem("Tick “I want to delete my account” to delete it."),
        )
        .await;
    }
    let delete_comments = sent.delete_comments;
    let comments = app
        .store
        .readers()
        .delete_reader(reader.id, delete_comments)
        .await?;
    app.reader_sessions.forget_reader(reader.id);
    tracing::info!(
        reader = reader.id,
        comments,
        delete_comments,
        "a reader deleted their account"
    );
    let message = if delete_comments {
        "Your account, your comments and your newsletter subscriptions are deleted."
    } else {
        "Your account and your newsletter subscriptions are deleted. Your comments stay, without your name or email."
    };
    let context = broadsheet_render::context! { message => message };
    let anonymous = Viewer::default();
    let response = page(&app, &anonymous, "Account deleted", context, StatusCode::OK).await?;
    Ok(signed_out(&app, response))
}
