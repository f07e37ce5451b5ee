//! Readers sending an embedded form: validated, stored, emailed to the form's
//! recipients through the job queue, and answered with a thank-you page.
//!
//! Spam protection without third parties: `guard` (the honeypot, a per-client rate
//! limit shared by every node, the proof-of-work check).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use broadsheet_core::forms::Answers;
use broadsheet_render::Value;
use broadsheet_store::NewJob;

use super::guard::{Limit, Sender, check_spam_proof, client_key, screen_sender};
use super::views::render;
use crate::app::AppState;
use crate::error::WebError;
use crate::form::{self, Pairs};
use crate::layout::frame;

/// Sends of one form from one client in ten minutes.
const FORM_LIMIT: Limit = Limit::per_ten_minutes(
    10,
    "You have sent this form many times in a few minutes. Please wait a while and try again.",
);

/// How long a spam-check challenge can be solved and used.
const CHALLENGE_VALID: i64 = 20 * 60;

/// A fresh proof-of-work challenge for the widget. Never cached.
pub async fn challenge(State(app): State<AppState>) -> Response {
    let max = app.config.pow_max_number;
    let challenge = broadsheet_core::pow::create_challenge(
        &app.secret,
        max,
        app.store.now() + CHALLENGE_VALID,
        &broadsheet_core::secrets::random_token()[..16],
        broadsheet_core::secrets::random_below(max + 1),
    );
    let body = serde_json::to_string(&challenge).unwrap_or_else(|_| "{}".into());
    (
        [
            (axum::http::header::CACHE_CONTROL, "no-store"),
            (axum::http::header::CONTENT_TYPE, "application/json"),
        ],
        body,
    )
        .into_response()
}

/// The fields every embedded form has besides the editor's (read as [`Pairs`], as only
/// the form's definition names them).
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct GuardFields {
    /// The spam-check widget's answer.
    #[serde(deserialize_with = "form::trimmed")]
    altcha: String,
    /// The honeypot (`guard::HONEYPOT`): people never see it, bots fill it in.
    #[serde(deserialize_with = "form::trimmed")]
    website: String,
}

pub async fn submit(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    request: axum::extract::Request,
) -> Result<Response, WebError> {
    let client = crate::client::ClientAddr::of(request.extensions()).ip();
    let viewer = crate::accounts::Viewer::of(request.extensions());
    let body: Bytes = axum::body::to_bytes(request.into_body(), 256 * 1024)
        .await
        .map_err(|_| WebError::BadRequest("the form is too large".into()))?;
    let form = app
        .store
        .forms()
        .form_by_slug(&slug)
        .await?
        .ok_or(WebError::NotFound)?;
    let settings = app
        .store
        .forms()
        .form_admin(form.id)
        .await?
        .ok_or(WebError::NotFound)?;
    let guarded: GuardFields = form::parse(&body)?;
    let answers = Pairs::parse(&body);

    let frame = frame(&app, &viewer, &format!("/forms/{slug}"), "").await?;
    let site = app.site();
    let title = form.title.clone();
    let thanks = if settings.thanks.trim().is_empty() {
        format!("Thank you. {} has received your message.", site.name)
    } else {
        settings.thanks.clone()
    };
    let sender = screen_sender(
        &app,
        &guarded.website,
        &client_key(&format!("form:{}", form.id), &client),
        &FORM_LIMIT,
    )
    .await?;
    if sender == Sender::Bot {
        let page = broadsheet_render::context! { title => &title, thanks => &thanks };
        return Ok(Html(render(&app, "form.html", &frame.context, page)?).into_response());
    }
    let mut checked = Answers::parse(&form.fields, &|name| answers.first(name));
    if let Some(problem) = check_spam_proof(&app, Some(guarded.altcha)).await? {
        let mut errors = checked.err().unwrap_or_default();
        errors.insert("altcha".to_string(), problem);
        checked = Err(errors);
    }
    match checked {
        Ok(values) => {
            let id = app.store.forms().add_submission(form.id, &values).await?;
            let text = values
                .values()
                .iter()
                .map(|(name, value)| {
                    let label = form
                        .fields
                        .iter()
                        .find(|f| &f.name == name)
                        .map(|f| f.label.as_str())
                        .unwrap_or(name);
                    format!("{label}:\n{value}\n")
                })
                .collect::<Vec<_>>()
                .join("\n");
            for recipient in settings
                .recipients
                .split(',')
                .map(str::trim)
                .filter(|r| !r.is_empty())
            {
                let email = broadsheet_mail::Email {
                    to: recipient.to_string(),
                    subject: format!("New submission to “{}”", form.title),
                    text: format!("{text}\n—\nSubmission {id}, sent through {}.\n", site.name),
                    html: None,
                    headers: Vec::new(),
                };
                let job = NewJob::new(broadsheet_mail::SEND_EMAIL_JOB, &email, app.store.now())
                    .unique(format!("form-submission:{id}:{recipient}"));
                app.store.jobs().enqueue(&job).await?;
            }
            let page = broadsheet_render::context! { title => &title, thanks => &thanks };
            Ok(Html(render(&app, "form.html", &frame.context, page)?).into_response())
        }
        Err(errors) => {
            let values = answers.into_map();
            let page = broadsheet_render::context! {
                title => &title,
                form => Value::from_serialize(&form),
                errors => errors,
                values => values,
            };
            let html = render(&app, "form.html", &frame.context, page)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_honeypot_is_read_from_its_field() {
        let sent: GuardFields =
            form::parse(format!("{}=x", crate::reader::guard::HONEYPOT).as_bytes()).expect("form");
        assert_eq!(sent.website, "x");
    }
}
