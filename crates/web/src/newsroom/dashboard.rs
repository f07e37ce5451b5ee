//! The newsroom's front page: my drafts, what awaits review, what is scheduled, what
//! went out recently.

use axum::response::Html;
use broadsheet_core::role::Capability;
use broadsheet_render::Value;
use broadsheet_store::NewsroomQuery;

use super::Desk;
use crate::error::WebError;

pub async fn dashboard(desk: Desk) -> Result<Html<String>, WebError> {
    let Desk { app, staff, .. } = &desk;
    let me = &staff.0;
    // Without the right to edit others' work, one sees one's own only.
    let scope = (!me.role.can(Capability::EditOthers)).then_some(me.id);
    let list = |status: &str, created_by: Option<i64>, limit: u32| NewsroomQuery {
        status: Some(status.to_string()),
        created_by,
        limit,
        ..Default::default()
    };
    let store = &app.store;
    let context = broadsheet_render::context! {
        my_drafts => Value::from_serialize(store.articles().newsroom_articles(&list("draft", Some(me.id), 10)).await?),
        pending => Value::from_serialize(store.articles().newsroom_articles(&list("pending", scope, 20)).await?),
        scheduled => Value::from_serialize(store.articles().newsroom_articles(&list("scheduled", scope, 20)).await?),
        published => Value::from_serialize(store.articles().newsroom_articles(&list("published", scope, 10)).await?),
    };
    desk.screen("dashboard.html", "dashboard", context)
}
