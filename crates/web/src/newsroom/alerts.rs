//! Breaking-news alerts: a published article emailed to the breaking-news list, once.
//! The worker fans the issue out (`broadsheet_jobs`), at the configured pace, each
//! delivery a job of its own.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use broadsheet_core::article::Status;
use broadsheet_core::role::Capability;
use broadsheet_store::NewIssue;

use super::Staff;
use crate::app::AppState;
use crate::error::WebError;

const BREAKING_LIST: &str = "breaking-news";

pub async fn send(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    staff.require(Capability::EditOthers)?;
    let article = app
        .store
        .articles()
        .article_by_id(id)
        .await?
        .ok_or(WebError::NotFound)?;
    if article.status != Status::Published {
        return Err(WebError::BadRequest(
            "publish the article before sending it as an alert".into(),
        ));
    }
    let list = app
        .store
        .newsletters()
        .newsletter_lists()
        .await?
        .into_iter()
        .find(|l| l.slug == BREAKING_LIST)
        .ok_or_else(|| WebError::BadRequest("there is no breaking-news list".into()))?;
    let url = app.absolute(&app.article_path(&article.summary));
    // The request only records the issue and its fan-out job: the worker draws and queues
    // one email per subscriber, so the editor is answered at once whatever the list size.
    let issue = app
        .store
        .newsletters()
        .create_issue(&NewIssue {
            list_id: list.id,
            template: "breaking".into(),
            subject: format!("Breaking: {}", article.summary.headline),
            article_id: Some(id),
            unique_key: format!("breaking:{id}"),
            context: serde_json::json!({
                "article": {
                    "headline": &article.summary.headline,
                    "dek": &article.summary.dek,
                    "url": url,
                },
            }),
        })
        .await?;
    let saved = if issue.is_some() {
        "alert"
    } else {
        "alert-again"
    };
    Ok(Redirect::to(&format!("/admin/articles/{id}?saved={saved}")).into_response())
}
