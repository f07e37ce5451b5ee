//! The moderation queue: approve, reject with a reason, mark as spam, ban; one comment
//! or many at once.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use broadsheet_core::comments::CommentStatus;
use broadsheet_core::role::Capability;
use broadsheet_render::Value;
use serde::Deserialize;

use super::{Desk, Staff};
use crate::app::AppState;
use crate::error::WebError;
use crate::form;
use broadsheet_store::CommentAccess;

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    status: Option<String>,
}

/// The queue shown: the status asked for, or the comments waiting.
fn valid_status(status: Option<&str>) -> CommentStatus {
    status
        .and_then(CommentStatus::parse)
        .unwrap_or(CommentStatus::Pending)
}

pub async fn queue(desk: Desk, Query(query): Query<QueueQuery>) -> Result<Html<String>, WebError> {
    let Desk { app, staff, .. } = &desk;
    staff.require(Capability::Moderate)?;
    let status = valid_status(query.status.as_deref());
    let context = broadsheet_render::context! {
        status => status.as_str(),
        comments => Value::from_serialize(app.store.comments().comments_by_status(status, 200).await?),
    };
    desk.screen("comments.html", "comments", context)
}

/// The queue: the comments ticked and what to do with them.
#[derive(Deserialize, Default)]
#[serde(default)]
struct ModerationForm {
    #[serde(deserialize_with = "form::ids")]
    ids: Vec<i64>,
    /// Kept with rejected comments.
    #[serde(deserialize_with = "form::trimmed")]
    reason: String,
    /// The queue to go back to.
    #[serde(deserialize_with = "form::trimmed")]
    status: String,
    /// The button pressed.
    #[serde(deserialize_with = "form::trimmed")]
    action: String,
}

pub async fn act(
    State(app): State<AppState>,
    staff: Staff,
    body: Bytes,
) -> Result<Response, WebError> {
    staff.require(Capability::Moderate)?;
    let ModerationForm {
        ids,
        reason,
        status,
        action,
    } = form::parse(&body)?;
    let back = format!(
        "/admin/comments?status={}",
        valid_status(Some(&status)).as_str()
    );
    match action.as_str() {
        "approve" => {
            app.store
                .comments()
                .moderate_comments(&ids, CommentStatus::Approved, "")
                .await?;
        }
        "reject" => {
            app.store
                .comments()
                .moderate_comments(&ids, CommentStatus::Rejected, &reason)
                .await?;
        }
        "spam" => {
            app.store
                .comments()
                .moderate_comments(&ids, CommentStatus::Spam, &reason)
                .await?;
        }
        "ban" => {
            app.store
                .comments()
                .ban_comment_authors(&ids, &reason)
                .await?;
        }
        _ => {
            return Err(WebError::BadRequest(
                "choose what to do with the selected comments".into(),
            ));
        }
    }
    Ok(Redirect::to(&back).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AccessForm {
    /// `everyone`, `accounts` or `closed`.
    #[serde(deserialize_with = "form::trimmed")]
    comments: String,
    /// The older switch's field, `1` for open.
    #[serde(deserialize_with = "form::trimmed")]
    open: String,
}

/// The editor's switch: who may comment on this article — everyone (guests too, when
/// the site allows guests), readers with an account, or nobody.
pub async fn switch(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, WebError> {
    staff.require(Capability::EditOthers)?;
    let sent: AccessForm = form::parse(&body)?;
    let access = match sent.comments.as_str() {
        "everyone" => CommentAccess {
            open: true,
            guests: true,
        },
        "accounts" => CommentAccess {
            open: true,
            guests: false,
        },
        "closed" => CommentAccess {
            open: false,
            guests: app.store.comments().comment_access(id).await?.guests,
        },
        // The older form: a plain open/close switch that keeps the guest setting.
        "" => CommentAccess {
            open: sent.open == "1",
            guests: app.store.comments().comment_access(id).await?.guests,
        },
        other => {
            return Err(WebError::BadRequest(format!(
                "`{other}` is not a comment setting: choose everyone, accounts or closed"
            )));
        }
    };
    app.store.comments().set_comment_access(id, access).await?;
    Ok(Redirect::to(&format!("/admin/articles/{id}?saved=1")).into_response())
}
