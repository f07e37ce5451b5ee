//! The Readers screen: reader accounts, their membership tier, and deleting an account
//! for a reader who asks by letter or email. Personal data: administrators only.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use broadsheet_core::role::Capability;
use broadsheet_render::Value;
use serde::Deserialize;

use super::{Desk, Staff};
use crate::accounts::DeleteForm;
use crate::app::AppState;
use crate::error::WebError;
use crate::form;

const PER_PAGE: i64 = 50;

#[derive(Deserialize, Default)]
pub struct ReadersQuery {
    q: Option<String>,
    page: Option<i64>,
    done: Option<String>,
}

pub async fn list(desk: Desk, Query(query): Query<ReadersQuery>) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    staff.require(Capability::Administer)?;
    let search = query.q.clone().unwrap_or_default();
    let page = query.page.unwrap_or(1).clamp(1, 1_000_000);
    let (readers, total) = app
        .store
        .readers()
        .readers(&search, PER_PAGE, (page - 1) * PER_PAGE)
        .await?;
    let flash = match query.done.as_deref() {
        Some("tier") => "The membership is changed.",
        Some("deleted") => "The account is deleted.",
        _ => "",
    };
    let context = broadsheet_render::context! {
        readers => Value::from_serialize(&readers),
        tiers => Value::from_serialize(app.store.readers().membership_tiers().await?),
        total => total,
        q => search,
        q_encoded => form_urlencoded::byte_serialize(query.q.as_deref().unwrap_or("").as_bytes()).collect::<String>(),
        page => page,
        pages => (total + PER_PAGE - 1) / PER_PAGE,
        flash => flash,
    };
    Ok(desk
        .screen("readers.html", "readers", context)?
        .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TierForm {
    /// None takes the reader's tier away.
    #[serde(deserialize_with = "form::optional_id")]
    tier_id: Option<i64>,
}

pub async fn set_tier(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    staff.require(Capability::Administer)?;
    let TierForm { tier_id: tier } = form::parse(&body)?;
    match app.store.readers().set_reader_tier(id, tier).await {
        Ok(()) => {
            // Their pages follow the new tier at once on this node.
            app.reader_sessions.forget_reader(id);
            Ok(Redirect::to("/admin/readers?done=tier").into_response())
        }
        Err(
            broadsheet_store::StoreError::Invalid { message, .. }
            | broadsheet_store::StoreError::Taken { message, .. },
        ) => Err(WebError::BadRequest(message)),
        Err(err) => Err(err.into()),
    }
}

pub async fn delete(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    staff.require(Capability::Administer)?;
    let sent: DeleteForm = form::parse(&body)?;
    if !sent.confirm {
        return Err(WebError::BadRequest(
            "tick “Delete this account” to confirm; nothing was deleted".into(),
        ));
    }
    let comments = app
        .store
        .readers()
        .delete_reader(id, sent.delete_comments)
        .await?;
    app.reader_sessions.forget_reader(id);
    tracing::info!(
        reader = id,
        by = staff.0.id,
        comments,
        "an administrator deleted a reader account"
    );
    Ok(Redirect::to("/admin/readers?done=deleted").into_response())
}
