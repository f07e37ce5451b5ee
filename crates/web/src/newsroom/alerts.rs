//! Breaking-news alerts: a published article emailed to the breaking-news list, once,
//! at the configured pace, each delivery a job of its own.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use broadsheet_core::article::Status;
use broadsheet_core::role::Capability;
use broadsheet_core::urls;
use broadsheet_store::{DELIVER_NEWSLETTER, Delivery, NewJob};

use super::Staff;
use crate::app::AppState;
use crate::error::WebError;
use crate::reader::newsletters::{list_headers, manage_path};

const BREAKING_LIST: &str = "breaking-news";

pub async fn send(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    staff.require(Capability::EditOthers)?;
    let article = app
        .store
        .article_by_id(id)
        .await?
        .ok_or(WebError::NotFound)?;
    if Status::parse(&article.status) != Some(Status::Published) {
        return Err(WebError::BadRequest(
            "publish the article before sending it as an alert".into(),
        ));
    }
    let list = app
        .store
        .newsletter_lists()
        .await?
        .into_iter()
        .find(|l| l.slug == BREAKING_LIST)
        .ok_or_else(|| WebError::BadRequest("there is no breaking-news list".into()))?;
    let subject = format!("Breaking: {}", article.summary.headline);
    let Some(issue) = app
        .store
        .create_issue(
            list.id,
            "breaking",
            &subject,
            Some(id),
            &format!("breaking:{id}"),
        )
        .await?
    else {
        return Ok(
            Redirect::to(&format!("/admin/articles/{id}?saved=alert-again")).into_response(),
        );
    };
    let url = format!(
        "{}{}",
        app.config.base_url,
        urls::encode_path(&app.article_path(&article.summary))
    );
    let rate = app.config.newsletter_per_second.max(1) as i64;
    let now = broadsheet_store::now();
    for (index, (subscriber, address)) in app
        .store
        .list_recipients(list.id)
        .await?
        .into_iter()
        .enumerate()
    {
        app.store.add_delivery(issue, subscriber).await?;
        let manage = format!("{}{}", app.config.base_url, manage_path(&app, subscriber));
        let context = broadsheet_render::context! {
            article => broadsheet_render::context! {
                headline => &article.summary.headline,
                dek => &article.summary.dek,
                url => &url,
            },
            manage => manage,
        };
        let email = crate::email::themed(
            &app,
            &address,
            subject.clone(),
            "breaking",
            context,
            list_headers(&app, subscriber),
        )?;
        let payload = Delivery {
            issue_id: issue,
            subscriber_id: subscriber,
            email: serde_json::to_value(&email)
                .map_err(|err| WebError::BadRequest(err.to_string()))?,
        };
        let job = NewJob::new(DELIVER_NEWSLETTER, &payload, now + index as i64 / rate)
            .unique(format!("deliver:{issue}:{subscriber}"))
            .attempts(8);
        app.store.enqueue(&job).await?;
    }
    Ok(Redirect::to(&format!("/admin/articles/{id}?saved=alert")).into_response())
}
