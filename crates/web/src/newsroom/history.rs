//! An article's history: every save, a line-by-line comparison of any two, and restoring.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use broadsheet_render::Value;
use broadsheet_store::{Revision, StoreError};
use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};

use super::{Desk, Staff};
use crate::app::AppState;
use crate::error::WebError;
use crate::form;

#[derive(Serialize)]
pub struct DiffLine {
    tag: &'static str,
    old: String,
    new: String,
}

#[derive(Serialize)]
pub struct FieldDiff {
    label: String,
    changed: bool,
    lines: Vec<DiffLine>,
}

/// Line-by-line differences of each field (label, before, after).
pub fn diff_fields(fields: &[(&str, &str, &str)]) -> Vec<FieldDiff> {
    fields
        .iter()
        .map(|(label, old, new)| {
            let diff = TextDiff::from_lines(*old, *new);
            let lines = diff
                .iter_all_changes()
                .map(|change| {
                    let text = change.value().trim_end_matches('\n').to_string();
                    match change.tag() {
                        ChangeTag::Equal => DiffLine {
                            tag: "equal",
                            old: text.clone(),
                            new: text,
                        },
                        ChangeTag::Delete => DiffLine {
                            tag: "delete",
                            old: text,
                            new: String::new(),
                        },
                        ChangeTag::Insert => DiffLine {
                            tag: "insert",
                            old: String::new(),
                            new: text,
                        },
                    }
                })
                .collect();
            FieldDiff {
                label: label.to_string(),
                changed: old != new,
                lines,
            }
        })
        .collect()
}

fn revision_fields(r: &Revision) -> [(&'static str, String); 6] {
    [
        ("Headline", r.headline.clone()),
        ("Dek", r.dek.clone()),
        ("Slug", r.slug.clone()),
        ("Body", r.body_source.clone()),
        ("SEO title", r.seo_title.clone()),
        ("SEO description", r.seo_description.clone()),
    ]
}

async fn check_access(
    app: &AppState,
    staff: &Staff,
    id: i64,
) -> Result<broadsheet_store::Article, WebError> {
    let (owner, _) = app
        .store
        .articles()
        .article_owner(id)
        .await?
        .ok_or(WebError::NotFound)?;
    if owner != Some(staff.0.id)
        && !staff
            .0
            .role
            .can(broadsheet_core::role::Capability::EditOthers)
    {
        return Err(WebError::Forbidden);
    }
    app.store
        .articles()
        .article_by_id(id)
        .await?
        .ok_or(WebError::NotFound)
}

pub async fn revisions(desk: Desk, Path(id): Path<i64>) -> Result<Html<String>, WebError> {
    let Desk { app, staff, .. } = &desk;
    let article = check_access(app, staff, id).await?;
    let revisions = app.store.articles().revisions(id).await?;
    let context = broadsheet_render::context! {
        article => broadsheet_render::context! { id => id, headline => &article.summary.headline },
        revisions => Value::from_serialize(&revisions),
    };
    desk.screen("revisions.html", "articles", context)
}

#[derive(Deserialize)]
pub struct CompareQuery {
    from: Option<i64>,
    to: Option<i64>,
}

pub async fn compare(
    desk: Desk,
    Path(id): Path<i64>,
    Query(query): Query<CompareQuery>,
) -> Result<Html<String>, WebError> {
    let Desk { app, staff, .. } = &desk;
    let article = check_access(app, staff, id).await?;
    let load = |revision: Option<i64>| {
        let app = app.clone();
        async move {
            match revision {
                Some(rid) => match app.store.articles().revision(rid).await? {
                    Some(r) if r.article_id == id => Ok(Some(r)),
                    _ => Err(WebError::NotFound),
                },
                None => Ok(None),
            }
        }
    };
    let from = load(query.from)
        .await?
        .ok_or_else(|| WebError::BadRequest("choose a revision to compare from".into()))?;
    let to = load(query.to).await?;
    // The current text as a revision, to compare with; only its fields are shown.
    let current = broadsheet_store::Revision {
        headline: article.summary.headline.clone(),
        dek: article.summary.dek.clone(),
        slug: article.summary.slug.clone(),
        body_source: article.body_source.clone(),
        seo_title: article.seo_title.clone(),
        seo_description: article.seo_description.clone(),
        version: article.version,
        ..from.clone()
    };
    let to_label = match &to {
        Some(r) => format!(
            "revision {} (version {}, {})",
            r.id,
            r.version,
            r.kind.as_str()
        ),
        None => "the current version".to_string(),
    };
    let to = to.unwrap_or(current);
    let before = revision_fields(&from);
    let after = revision_fields(&to);
    let triples: Vec<(&str, &str, &str)> = before
        .iter()
        .zip(after.iter())
        .map(|((label, old), (_, new))| (*label, old.as_str(), new.as_str()))
        .collect();
    let diff = diff_fields(&triples);
    let context = broadsheet_render::context! {
        article => broadsheet_render::context! { id => id, version => article.version, headline => &article.summary.headline },
        from_label => format!("revision {} (version {}, {})", from.id, from.version, from.kind.as_str()),
        to_label => to_label,
        unchanged => diff.iter().all(|d| !d.changed),
        diff => Value::from_serialize(&diff),
        restore_id => from.id,
    };
    desk.screen("compare.html", "articles", context)
}

/// The version the page was drawn at, so that a restore over a newer save is caught.
#[derive(Deserialize, Default)]
#[serde(default)]
struct RestoreForm {
    #[serde(deserialize_with = "form::optional_id")]
    version: Option<i64>,
}

pub async fn restore(
    State(app): State<AppState>,
    staff: Staff,
    Path((id, revision)): Path<(i64, i64)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let article = check_access(&app, &staff, id).await?;
    let (owner, status) = app
        .store
        .articles()
        .article_owner(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let who = broadsheet_core::workflow::Actor {
        role: staff.0.role,
        owns: owner == Some(staff.0.id),
    };
    let status = broadsheet_core::article::Status::parse(&status)
        .unwrap_or(broadsheet_core::article::Status::Draft);
    if !broadsheet_core::workflow::may_edit(who, status) {
        return Err(WebError::Forbidden);
    }
    let revision = match app.store.articles().revision(revision).await? {
        Some(r) if r.article_id == id => r,
        _ => return Err(WebError::NotFound),
    };
    let sent: RestoreForm = form::parse(&body)?;
    let version = sent.version.unwrap_or(article.version);
    let mut draft = revision.to_draft();
    draft.created_by = owner;
    draft.members_only = article.summary.members_only;
    match app.store.articles().save_article(id, &draft, version, Some(staff.0.id), broadsheet_core::article::RevisionKind::Restore).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/articles/{id}?saved=restored")).into_response()),
        Err(StoreError::Stale { .. }) => Err(WebError::BadRequest(
            "the article changed since you opened this page; open the history again and restore from there".into(),
        )),
        Err(StoreError::Invalid { message, .. } | StoreError::Taken { message, .. }) => Err(WebError::BadRequest(message)),
        Err(err) => Err(err.into()),
    }
}
