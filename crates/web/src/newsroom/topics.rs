//! Topics as story timelines: which topics are shown as a timeline, the explainer pinned
//! first, and the key moments marked along it. Editors and administrators.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use broadsheet_core::role::Capability;
use broadsheet_render::Value;
use broadsheet_store::{MOMENT_MAX_CHARS, StoreError, TimelineSettings, Topic};
use serde::Deserialize;

use super::Desk;
use crate::error::WebError;
use crate::form;

pub async fn list(desk: Desk) -> Result<Response, WebError> {
    desk.staff.require(Capability::EditOthers)?;
    let topics: Vec<_> = desk
        .app
        .store
        .taxonomy()
        .topics_with_counts()
        .await?
        .into_iter()
        .map(|(topic, articles)| {
            broadsheet_render::context! {
                topic => Value::from_serialize(&topic),
                articles => articles,
            }
        })
        .collect();
    let context = broadsheet_render::context! { topics => topics };
    Ok(desk
        .screen("topics.html", "topics", context)?
        .into_response())
}

/// The timeline form: every row is an article of the topic (`moment_article`) with the
/// label typed beside it (`moment_label`), in the same order.
#[derive(Deserialize, Default)]
#[serde(default)]
struct TimelineForm {
    #[serde(deserialize_with = "form::checkbox")]
    timeline: bool,
    #[serde(deserialize_with = "form::optional_id")]
    explainer_id: Option<i64>,
    #[serde(deserialize_with = "form::ids")]
    moment_article: Vec<i64>,
    #[serde(deserialize_with = "form::text_column")]
    moment_label: Vec<String>,
}

async fn topic_page(
    desk: &Desk,
    topic: &Topic,
    typed: Option<&TimelineSettings>,
    errors: BTreeMap<&str, String>,
    saved: bool,
    status: StatusCode,
) -> Result<Response, WebError> {
    let mut articles = desk.app.store.taxonomy().topic_articles(topic.id).await?;
    let mut shown = topic.clone();
    if let Some(typed) = typed {
        // Shown again as typed, so nothing is lost to a refusal.
        shown.timeline = typed.timeline;
        shown.explainer_id = typed.explainer_id;
        for article in &mut articles {
            article.moment = typed
                .moments
                .iter()
                .find(|(id, _)| *id == article.id)
                .map(|(_, label)| label.clone())
                .filter(|label| !label.is_empty());
        }
    }
    let context = broadsheet_render::context! {
        topic => Value::from_serialize(&shown),
        articles => Value::from_serialize(&articles),
        errors => errors,
        saved => saved,
        moment_max => MOMENT_MAX_CHARS,
    };
    Ok((status, desk.screen("topic.html", "topics", context)?).into_response())
}

async fn find(desk: &Desk, id: i64) -> Result<Topic, WebError> {
    desk.app
        .store
        .taxonomy()
        .topic(id)
        .await?
        .ok_or(WebError::NotFound)
}

pub async fn show(
    desk: Desk,
    Path(id): Path<i64>,
    query: axum::extract::Query<Saved>,
) -> Result<Response, WebError> {
    desk.staff.require(Capability::EditOthers)?;
    let topic = find(&desk, id).await?;
    let saved = query.saved.is_some();
    topic_page(&desk, &topic, None, BTreeMap::new(), saved, StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

pub async fn save(desk: Desk, Path(id): Path<i64>, body: Bytes) -> Result<Response, WebError> {
    desk.staff.require(Capability::EditOthers)?;
    let topic = find(&desk, id).await?;
    let typed: TimelineForm = form::parse(&body)?;
    if typed.moment_article.len() != typed.moment_label.len() {
        return Err(WebError::BadRequest(
            "The key moments arrived out of step with their articles; reload the page and try again."
                .into(),
        ));
    }
    let settings = TimelineSettings {
        timeline: typed.timeline,
        explainer_id: typed.explainer_id,
        moments: typed
            .moment_article
            .into_iter()
            .zip(typed.moment_label)
            .collect(),
    };
    match desk.app.store.taxonomy().save_timeline(id, &settings).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/topics/{id}?saved=1")).into_response()),
        Err(StoreError::Invalid { field, message }) => {
            let errors = BTreeMap::from([(field, message)]);
            topic_page(
                &desk,
                &topic,
                Some(&settings),
                errors,
                false,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(err) => Err(err.into()),
    }
}
