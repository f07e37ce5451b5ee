//! Newsletter sign-up with double opt-in, subscription management from a link in every
//! email, and one-click unsubscribe (RFC 8058: a POST with no cookie and no further step).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use broadsheet_core::email::Email;
use broadsheet_core::secrets::verify_signature;
use broadsheet_render::Value;
use broadsheet_store::{Confirmation, NewJob};

use super::guard::{Limit, Sender, check_spam_proof, client_key, screen_sender};
use crate::accounts::Viewer;
use crate::app::{App, AppState};
use crate::error::WebError;
use crate::form;

/// How long a confirmation link works.
const CONFIRM_FOR: i64 = 48 * 3600;
/// Sign-ups from one client in ten minutes.
const SUBSCRIBE_LIMIT: Limit = Limit::per_ten_minutes(
    10,
    "Many sign-ups came from your connection just now. Please wait a few minutes.",
);

pub(crate) fn manage_path(app: &App, subscriber: i64) -> String {
    broadsheet_core::newsletter::manage_path(&app.secret, subscriber)
}

/// The unsubscribe headers every newsletter email carries.
pub fn list_headers(app: &App, subscriber: i64) -> Vec<(String, String)> {
    let from = app
        .config
        .smtp
        .as_ref()
        .map(|s| s.from.clone())
        .unwrap_or_default();
    broadsheet_core::newsletter::list_headers(&app.secret, &app.config.base_url, &from, subscriber)
}

async fn page(
    app: &AppState,
    viewer: &Viewer,
    title: &str,
    context: Value,
    status: StatusCode,
) -> Result<Response, WebError> {
    super::views::form_flow_page(
        app,
        viewer,
        "/subscribe",
        "newsletter.html",
        title,
        context,
        status,
    )
    .await
}

#[derive(serde::Deserialize, Default)]
pub struct FormQuery {
    email: Option<String>,
}

/// The sign-up page; the footer form of every page arrives here with the address typed.
pub async fn form(
    State(app): State<AppState>,
    viewer: Viewer,
    axum::extract::Query(query): axum::extract::Query<FormQuery>,
) -> Result<Response, WebError> {
    let lists = app.store.newsletters().newsletter_lists().await?;
    let email: String = query.email.unwrap_or_default().chars().take(254).collect();
    let context = broadsheet_render::context! {
        mode => "subscribe",
        lists => Value::from_serialize(&lists),
        email => email,
    };
    page(
        &app,
        &viewer,
        "Subscribe to our newsletters",
        context,
        StatusCode::OK,
    )
    .await
}

/// A sign-up: the sign-up page's form, or one embedded in an article.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct SubscribeForm {
    #[serde(deserialize_with = "form::trimmed")]
    email: String,
    /// The lists ticked (an embed for one list sends it as a hidden field).
    #[serde(deserialize_with = "form::ids")]
    lists: Vec<i64>,
    /// The spam-check widget's answer.
    #[serde(deserialize_with = "form::trimmed")]
    altcha: String,
    /// The honeypot (`guard::HONEYPOT`): people never see it, bots fill it in.
    #[serde(deserialize_with = "form::trimmed")]
    website: String,
}

pub async fn subscribe(
    State(app): State<AppState>,
    viewer: Viewer,
    request: axum::extract::Request,
) -> Result<Response, WebError> {
    let client = crate::client::ClientAddr::of(request.extensions()).ip();
    let body: Bytes = axum::body::to_bytes(request.into_body(), 16 * 1024)
        .await
        .map_err(|_| WebError::BadRequest("the form is too large".into()))?;
    let signup: SubscribeForm = form::parse(&body)?;
    let all_lists = app.store.newsletters().newsletter_lists().await?;
    let retry = |message: String| {
        broadsheet_render::context! {
            mode => "subscribe", lists => Value::from_serialize(&all_lists), email => &signup.email,
            message => message, problem => true,
        }
    };
    let sent = broadsheet_render::context! {
        message => "Check your inbox: we have sent a link to confirm. Nothing else is sent until you do.",
    };
    let sender = screen_sender(
        &app,
        &signup.website,
        &client_key("subscribe", &client),
        &SUBSCRIBE_LIMIT,
    )
    .await?;
    if sender == Sender::Bot {
        return page(&app, &viewer, "Almost done", sent, StatusCode::OK).await;
    }
    let email = match Email::parse(&signup.email) {
        Ok(email) => email,
        Err(err) => {
            return page(
                &app,
                &viewer,
                "Subscribe to our newsletters",
                retry(format!("Email: {err}.")),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    if let Some(problem) = check_spam_proof(&app, Some(signup.altcha.clone())).await? {
        return page(
            &app,
            &viewer,
            "Subscribe to our newsletters",
            retry(format!("Spam check: {problem}.")),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let token = match app
        .store
        .newsletters()
        .request_subscription(&email.key(), &signup.lists, CONFIRM_FOR)
        .await
    {
        Ok(token) => token,
        Err(
            broadsheet_store::StoreError::Invalid { message, .. }
            | broadsheet_store::StoreError::Taken { message, .. },
        ) => {
            return page(
                &app,
                &viewer,
                "Subscribe to our newsletters",
                retry(format!("{message}.")),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        Err(err) => return Err(err.into()),
    };
    let site = app.site();
    let link = format!("{}/subscribe/confirm/{token}", app.config.base_url);
    let confirmation = crate::email::themed(
        &app,
        &email.to_string(),
        format!("Confirm your {} newsletter subscription", site.name),
        "confirm_subscription",
        broadsheet_render::context! { link => link },
        Vec::new(),
    )?;
    app.store
        .jobs()
        .enqueue(&NewJob::new(
            broadsheet_mail::SEND_EMAIL_JOB,
            &confirmation,
            app.store.now(),
        ))
        .await?;
    page(&app, &viewer, "Almost done", sent, StatusCode::OK).await
}

pub async fn confirm(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    match app.store.newsletters().confirm_subscription(&token).await? {
        Confirmation::Confirmed(id) => {
            if let Some(subscriber) = app.store.newsletters().subscriber(id).await? {
                let site = app.site();
                let manage = format!("{}{}", app.config.base_url, manage_path(&app, id));
                let welcome = crate::email::themed(
                    &app,
                    &subscriber.email,
                    format!("Welcome to {}'s newsletters", site.name),
                    "welcome",
                    broadsheet_render::context! { manage => manage },
                    list_headers(&app, id),
                )?;
                app.store
                    .jobs()
                    .enqueue(
                        &NewJob::new(broadsheet_mail::SEND_EMAIL_JOB, &welcome, app.store.now())
                            .unique(format!("welcome:{id}")),
                    )
                    .await?;
            }
            let context =
                broadsheet_render::context! { message => "You are subscribed. Thank you!" };
            page(
                &app,
                &viewer,
                "Subscription confirmed",
                context,
                StatusCode::OK,
            )
            .await
        }
        Confirmation::AlreadyUsed => {
            let context = broadsheet_render::context! { message => "This link was already used: your subscription is confirmed.", problem => true };
            page(
                &app,
                &viewer,
                "Link already used",
                context,
                StatusCode::GONE,
            )
            .await
        }
        Confirmation::Expired => {
            let context = broadsheet_render::context! { message => "This link has expired. Subscribe again to get a new one.", problem => true };
            page(&app, &viewer, "Link expired", context, StatusCode::GONE).await
        }
        Confirmation::Unknown => Err(WebError::NotFound),
    }
}

fn check(app: &App, id: i64, signature: &str) -> Result<(), WebError> {
    if verify_signature(&app.secret, &format!("subscriber:{id}"), signature) {
        Ok(())
    } else {
        Err(WebError::NotFound)
    }
}

pub async fn manage(
    State(app): State<AppState>,
    viewer: Viewer,
    Path((id, signature)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    check(&app, id, &signature)?;
    let subscriber = app
        .store
        .newsletters()
        .subscriber(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let context = broadsheet_render::context! {
        mode => "manage",
        subscriber => Value::from_serialize(&subscriber),
        lists => Value::from_serialize(app.store.newsletters().newsletter_lists().await?),
        manage_url => manage_path(&app, id),
    };
    page(&app, &viewer, "Your newsletters", context, StatusCode::OK).await
}

/// The lists kept ticked on the page a newsletter's link opens.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct ManageForm {
    #[serde(deserialize_with = "form::ids")]
    lists: Vec<i64>,
}

pub async fn save(
    State(app): State<AppState>,
    viewer: Viewer,
    Path((id, signature)): Path<(i64, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    check(&app, id, &signature)?;
    let ManageForm { lists } = form::parse(&body)?;
    app.store
        .newsletters()
        .set_subscriptions(id, &lists)
        .await?;
    let message = if lists.is_empty() {
        "You are unsubscribed from everything."
    } else {
        "Your newsletters are saved."
    };
    let context = broadsheet_render::context! { message => message };
    page(&app, &viewer, "Your newsletters", context, StatusCode::OK).await
}

/// The unsubscribe link opened in a browser: a button, so that link scanners that open
/// every link in an email never unsubscribe anyone.
pub async fn unsubscribe_page(
    State(app): State<AppState>,
    viewer: Viewer,
    Path((id, signature)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    check(&app, id, &signature)?;
    let context =
        broadsheet_render::context! { mode => "unsubscribe", manage_url => manage_path(&app, id) };
    page(&app, &viewer, "Unsubscribe", context, StatusCode::OK).await
}

/// One-click unsubscribe: the mail client's POST (`List-Unsubscribe=One-Click`), or the
/// button. No cookie, no token beyond the signed address, no further step.
pub async fn unsubscribe(
    State(app): State<AppState>,
    viewer: Viewer,
    Path((id, signature)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    check(&app, id, &signature)?;
    app.store.newsletters().unsubscribe_all(id).await?;
    let context = broadsheet_render::context! { message => "You are unsubscribed. No more newsletters will be sent to this address." };
    page(&app, &viewer, "Unsubscribed", context, StatusCode::OK).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_honeypot_is_read_from_its_field() {
        let sent: SubscribeForm =
            form::parse(format!("{}=x", crate::reader::guard::HONEYPOT).as_bytes()).expect("form");
        assert_eq!(sent.website, "x");
    }
}
