//! Background jobs as an editor sees them: what is queued, what failed and why.

use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use broadsheet_core::role::Capability;
use broadsheet_render::Value;

use super::{Desk, Staff};
use crate::app::AppState;
use crate::error::WebError;

pub async fn list(desk: Desk) -> Result<Html<String>, WebError> {
    let Desk { app, staff, .. } = &desk;
    staff.require(Capability::EditOthers)?;
    let group = |title: &str, jobs, retry: bool| {
        broadsheet_render::context! { title => title, jobs => Value::from_serialize(&jobs), retry => retry }
    };
    let groups = vec![
        group("Failed", app.store.jobs().jobs("failed", 100).await?, true),
        group("Queued", app.store.jobs().jobs("queued", 100).await?, false),
        group(
            "Running",
            app.store.jobs().jobs("running", 100).await?,
            false,
        ),
    ];
    desk.screen(
        "jobs.html",
        "jobs",
        broadsheet_render::context! { groups => groups },
    )
}

pub async fn retry(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    staff.require(Capability::EditOthers)?;
    app.store.jobs().retry_job(id).await?;
    Ok(Redirect::to("/admin/jobs").into_response())
}
