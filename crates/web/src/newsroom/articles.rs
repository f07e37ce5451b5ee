//! Articles in the newsroom: the list, the editor, saving, the workflow, notes and
//! previews.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use broadsheet_core::article::{NoteKind, Status};
use broadsheet_core::body::{self, BodyFormat, BodyPiece};
use broadsheet_core::embed::EmbedProblem;
use broadsheet_core::role::Capability;
use broadsheet_core::secrets::{sign, verify_signature};
use broadsheet_core::workflow::{self, Action, Actor, WorkflowError};
use broadsheet_core::{dates, urls};
use broadsheet_render::Value;
use broadsheet_store::{Article, NewNote, NewsroomQuery, StaffRef, StoreError};
use chrono::{NaiveDateTime, TimeZone};
use serde::Deserialize;

use super::editor_form::EditorForm;
use super::{Desk, Staff};
use crate::app::AppState;
use crate::error::WebError;
use crate::form;

const PER_PAGE: u32 = 50;
/// How long a draft's share link works.
const SHARE_FOR: i64 = 7 * 24 * 3600;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    q: Option<String>,
    status: Option<String>,
    section: Option<String>,
    author: Option<String>,
    topic: Option<String>,
    page: Option<String>,
}

fn id_of(text: &Option<String>) -> Option<i64> {
    text.as_deref()
        .and_then(|t| t.parse().ok())
        .filter(|id| *id > 0)
}

pub async fn list(desk: Desk, Query(query): Query<ListQuery>) -> Result<Html<String>, WebError> {
    let Desk { app, staff, .. } = &desk;
    let page = broadsheet_core::pagination::parse_page(query.page.as_deref())
        .map_err(|err| WebError::BadRequest(err.to_string()))?;
    let status = query.status.clone().filter(|s| Status::parse(s).is_some());
    let filter = NewsroomQuery {
        status,
        section_id: id_of(&query.section),
        author_id: id_of(&query.author),
        topic_id: id_of(&query.topic),
        // Without the right to edit others' work, one sees one's own.
        created_by: (!staff.0.role.can(Capability::EditOthers)).then_some(staff.0.id),
        text: query.q.clone(),
        limit: PER_PAGE,
        offset: u64::from(page - 1) * u64::from(PER_PAGE),
    };
    let total = app
        .store
        .articles()
        .count_newsroom_articles(&filter)
        .await?;
    let articles = app.store.articles().newsroom_articles(&filter).await?;
    let link = |n: u32| {
        let mut params: Vec<String> = [
            ("q", &query.q),
            ("status", &query.status),
            ("section", &query.section),
            ("author", &query.author),
            ("topic", &query.topic),
        ]
        .iter()
        .filter_map(|(key, value)| {
            value
                .as_deref()
                .filter(|v| !v.is_empty())
                .map(|v| format!("{key}={}", urls::encode_component(v)))
        })
        .collect();
        params.push(format!("page={n}"));
        format!("/admin/articles?{}", params.join("&"))
    };
    let pages = broadsheet_core::pagination::page_count(total, PER_PAGE);
    let context = broadsheet_render::context! {
        articles => Value::from_serialize(&articles),
        total => total,
        sections => Value::from_serialize(app.store.taxonomy().sections().await?),
        authors => Value::from_serialize(app.store.taxonomy().authors().await?),
        topics => Value::from_serialize(app.store.taxonomy().topics().await?),
        filter => broadsheet_render::context! {
            q => query.q.clone().unwrap_or_default(),
            status => query.status.clone().unwrap_or_default(),
            section => query.section.clone().unwrap_or_default(),
            author => query.author.clone().unwrap_or_default(),
            topic => query.topic.clone().unwrap_or_default(),
        },
        previous => (page > 1).then(|| link(page - 1)),
        next => (page < pages).then(|| link(page + 1)),
    };
    desk.screen("articles.html", "articles", context)
}

/// Everything the editor screen shows besides the form.
struct EditorView {
    article: Option<Article>,
    form: EditorForm,
    errors: BTreeMap<&'static str, String>,
    problems: Vec<broadsheet_core::embed::EmbedProblem>,
    flash: Option<String>,
    share: Option<(String, i64)>,
    status: StatusCode,
}

impl EditorView {
    /// The editor on a stored article, its fields as stored.
    fn of(article: Article) -> EditorView {
        let mut view = EditorView::new(EditorForm::from_article(&article));
        view.article = Some(article);
        view
    }

    fn new(form: EditorForm) -> EditorView {
        EditorView {
            article: None,
            form,
            errors: BTreeMap::new(),
            problems: Vec::new(),
            flash: None,
            share: None,
            status: StatusCode::OK,
        }
    }
}

fn actor(staff: &Staff, created_by: Option<i64>) -> Actor {
    Actor::new(staff.0.role, staff.0.id, created_by)
}

async fn render_editor(desk: &Desk, view: EditorView) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = desk;
    let (preview_html, preview_problems) =
        preview(app, &view.form.body, view.form.body_format).await?;
    let mut problems = view.problems.clone();
    if problems.is_empty() && view.article.is_some() {
        problems = preview_problems;
    }
    let (actions, may_edit, may_publish, scheduled_at) = match &view.article {
        Some(article) => {
            let owner = app
                .store
                .articles()
                .article_owner(article.summary.id)
                .await?
                .and_then(|(owner, _)| owner);
            let who = actor(staff, owner);
            let status = article.status;
            let actions: Vec<_> = workflow::available_actions(who, status)
                .into_iter()
                .map(|a| broadsheet_render::context! { name => a.as_str(), label => a.label() })
                .collect();
            (
                actions,
                workflow::may_edit(who, status),
                who.may_publish(),
                app.store
                    .articles()
                    .article_scheduled_at(article.summary.id)
                    .await?,
            )
        }
        None => (Vec::new(), true, false, None),
    };
    let tz = app.site().time_zone;
    let schedule_value = scheduled_at
        .map(|at| {
            dates::from_unix(at)
                .with_timezone(&tz)
                .format("%Y-%m-%dT%H:%M")
                .to_string()
        })
        .unwrap_or_else(|| {
            (chrono::Utc::now() + chrono::Duration::hours(1))
                .with_timezone(&tz)
                .format("%Y-%m-%dT%H:00")
                .to_string()
        });
    let public_url = view.article.as_ref().map(|a| {
        urls::article_path(
            dates::from_unix(a.summary.published_at),
            &a.summary.slug,
            tz,
        )
    });
    let context = broadsheet_render::context! {
        article => view.article.as_ref().map(|a| broadsheet_render::context! {
            id => a.summary.id, status => &a.status, version => a.version,
        }),
        notes => view.article.as_ref().map(|a| Value::from_serialize(&a.notes)),
        form => Value::from_serialize(&view.form),
        errors => Value::from_serialize(&view.errors),
        problems => Value::from_serialize(&problems),
        sections => Value::from_serialize(app.store.taxonomy().sections().await?),
        authors => Value::from_serialize(app.store.taxonomy().authors().await?),
        topics => Value::from_serialize(app.store.taxonomy().topics().await?),
        media => Value::from_serialize(app.store.media().media_items(500).await?),
        actions => actions,
        may_edit => may_edit,
        may_publish => may_publish,
        scheduled_at => scheduled_at,
        schedule_value => schedule_value,
        public_url => public_url,
        preview_html => preview_html,
        flash => view.flash,
        share_link => view.share.as_ref().map(|(link, _)| link.clone()),
        comment_access => match &view.article {
            Some(a) => Value::from_serialize(app.store.comments().comment_access(a.summary.id).await?),
            None => Value::from(()),
        },
        share_until => view.share.as_ref().map(|(_, until)| *until),
    };
    let html = desk.screen(
        "editor.html",
        if view.article.is_some() {
            "articles"
        } else {
            "new"
        },
        context,
    )?;
    Ok((view.status, html).into_response())
}

/// The body as the preview pane shows it, with its embed problems; a body that cannot
/// be rendered (too long, nested too deep, or the newsroom is busy) shows why instead.
async fn preview(
    app: &AppState,
    source: &str,
    format: BodyFormat,
) -> Result<(String, Vec<EmbedProblem>), WebError> {
    match app.store.render_body(source, format).await {
        Ok(rendered) => Ok((preview_fragment(&rendered), rendered.problems)),
        Err(StoreError::Invalid { message, .. } | StoreError::Busy(message)) => Ok((
            format!(
                "<p class=\"embed-problem\">No preview: {}</p>",
                broadsheet_render::escape_html(&message)
            ),
            Vec::new(),
        )),
        Err(err) => Err(err.into()),
    }
}

/// The body as the preview pane shows it: sanitised HTML, embeds as labelled boxes.
fn preview_fragment(rendered: &body::RenderedBody) -> String {
    let mut html = String::new();
    for piece in body::pieces(&rendered.html) {
        match piece {
            BodyPiece::Html(text) => html.push_str(text),
            BodyPiece::Embed(index) => {
                if let Some(embed) = rendered.embeds.get(index) {
                    html.push_str(&format!(
                        "<div class=\"embed-placeholder\">{}</div>",
                        broadsheet_render::escape_html(&embed.source)
                    ));
                }
            }
        }
    }
    html
}

pub async fn new_form(desk: Desk) -> Result<Response, WebError> {
    let Desk { staff, .. } = &desk;
    let form = EditorForm {
        author_ids: staff.0.author_id.into_iter().collect(),
        ..EditorForm::default()
    };
    render_editor(&desk, EditorView::new(form)).await
}

fn field_error(view: &mut EditorView, err: StoreError) -> Result<(), WebError> {
    view.status = match &err {
        StoreError::Moved(_) | StoreError::Workflow(_) => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    if let StoreError::Blocked(blocked) = err {
        view.problems = blocked.problems;
        return Ok(());
    }
    match err.field_message() {
        Some((field, message)) => {
            view.errors.insert(field, message);
            Ok(())
        }
        None => Err(err.into()),
    }
}

pub async fn create(desk: Desk, body: Bytes) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    staff.require(Capability::WriteOwn)?;
    let form: EditorForm = form::parse(&body)?;
    match app
        .store
        .articles()
        .create_article(&form.to_draft(Some(staff.0.id)))
        .await
    {
        Ok(id) => Ok(Redirect::to(&format!("/admin/articles/{id}?saved=1")).into_response()),
        Err(err) => {
            let mut view = EditorView::new(form);
            field_error(&mut view, err)?;
            render_editor(&desk, view).await
        }
    }
}

/// The article, if the signed-in user may open it in the newsroom.
async fn open(app: &AppState, staff: &Staff, id: i64) -> Result<(Article, Actor), WebError> {
    let (owner, _) = app
        .store
        .articles()
        .article_owner(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let who = actor(staff, owner);
    if !who.owns && !staff.0.role.can(Capability::EditOthers) {
        return Err(WebError::Forbidden);
    }
    let article = app
        .store
        .articles()
        .article_by_id(id)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok((article, who))
}

#[derive(Deserialize, Default)]
pub struct EditQuery {
    saved: Option<String>,
}

pub async fn edit_form(
    desk: Desk,
    Path(id): Path<i64>,
    Query(query): Query<EditQuery>,
) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    let (article, _) = open(app, staff, id).await?;
    let mut view = EditorView::new(EditorForm::from_article(&article));
    view.flash = query.saved.map(|what| match what.as_str() {
        "status" => "The article's status is changed.".to_string(),
        "note" => "The note is added and shown on the article.".to_string(),
        "restored" => "The earlier version is restored as a new save.".to_string(),
        "alert" => "The breaking-news alert is on its way to the list's subscribers.".to_string(),
        "alert-again" => {
            "This article was already sent as an alert; it is never sent twice.".to_string()
        }
        _ => "Saved.".to_string(),
    });
    view.article = Some(article);
    render_editor(&desk, view).await
}

pub async fn save(desk: Desk, Path(id): Path<i64>, body: Bytes) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    let (article, who) = open(app, staff, id).await?;
    let status = article.status;
    if !workflow::may_edit(who, status) {
        return Err(WebError::Forbidden);
    }
    let form: EditorForm = form::parse(&body)?;
    let version = form
        .version
        .ok_or_else(|| WebError::BadRequest("the form has no version; reload the editor".into()))?;
    let owner = app
        .store
        .articles()
        .article_owner(id)
        .await?
        .and_then(|(owner, _)| owner);
    match app
        .store
        .articles()
        .save_article(
            id,
            &form.to_draft(owner),
            version,
            Some(staff.0.id),
            broadsheet_core::article::RevisionKind::Save,
        )
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/admin/articles/{id}?saved=1")).into_response()),
        Err(StoreError::Stale { kept_revision, .. }) => {
            let current = app
                .store
                .articles()
                .article_by_id(id)
                .await?
                .ok_or(WebError::NotFound)?;
            conflict_view(&desk, &current, &form, kept_revision).await
        }
        Err(err) => {
            let mut view = EditorView::new(form);
            field_error(&mut view, err)?;
            view.article = Some(article);
            render_editor(&desk, view).await
        }
    }
}

async fn conflict_view(
    desk: &Desk,
    current: &Article,
    yours: &EditorForm,
    kept_revision: i64,
) -> Result<Response, WebError> {
    let Desk { app, .. } = desk;
    let last_by = app
        .store
        .articles()
        .revisions(current.summary.id)
        .await?
        .into_iter()
        .find(|r| r.kind != broadsheet_core::article::RevisionKind::Conflict)
        .and_then(|r| r.user_name);
    let diff = super::history::diff_fields(&[
        ("Headline", &current.summary.headline, &yours.headline),
        ("Dek", &current.summary.dek, &yours.dek),
        ("Body", &current.body_source, &yours.body),
    ]);
    let context = broadsheet_render::context! {
        current => broadsheet_render::context! {
            id => current.summary.id, version => current.version, headline => &current.summary.headline, body_source => &current.body_source,
        },
        yours => Value::from_serialize(yours),
        theirs_by => last_by,
        kept_revision => kept_revision,
        diff => Value::from_serialize(&diff),
    };
    let html = desk.screen("conflict.html", "articles", context)?;
    Ok((StatusCode::CONFLICT, html).into_response())
}

/// Reads a `datetime-local` value in the paper's time zone.
fn parse_local_time(text: &str, tz: chrono_tz::Tz) -> Result<i64, String> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| "give a date and time such as 2026-03-18T19:30".to_string())?;
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(at) => Ok(at.timestamp()),
        chrono::LocalResult::Ambiguous(..) => {
            Err("that time happens twice as the clocks go back; choose another".into())
        }
        chrono::LocalResult::None => {
            Err("that time does not exist as the clocks go forward; choose another".into())
        }
    }
}

/// The workflow buttons; "schedule" comes with its time.
#[derive(Deserialize, Default)]
#[serde(default)]
struct StatusForm {
    #[serde(deserialize_with = "form::trimmed")]
    action: String,
    #[serde(deserialize_with = "form::trimmed")]
    scheduled_at: String,
}

pub async fn change_status(
    desk: Desk,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    let (article, _) = open(app, staff, id).await?;
    let sent: StatusForm = form::parse(&body)?;
    let action = Action::parse(&sent.action)
        .ok_or_else(|| WebError::BadRequest("unknown workflow action".into()))?;
    let mut view = EditorView::new(EditorForm::from_article(&article));
    view.article = Some(article);
    let at = match action {
        Action::Schedule => match parse_local_time(&sent.scheduled_at, app.site().time_zone) {
            Ok(at) => Some(at),
            Err(message) => {
                view.errors.insert("scheduled_at", message);
                view.status = StatusCode::UNPROCESSABLE_ENTITY;
                return render_editor(&desk, view).await;
            }
        },
        _ => None,
    };
    let by = StaffRef {
        user_id: staff.0.id,
        role: staff.0.role,
    };
    match app
        .store
        .articles()
        .transition_article(id, by, action, at)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/admin/articles/{id}?saved=status")).into_response()),
        Err(StoreError::Workflow(WorkflowError::NotAllowed { .. })) => Err(WebError::Forbidden),
        Err(err) => {
            field_error(&mut view, err)?;
            render_editor(&desk, view).await
        }
    }
}

/// A correction or update shown on the article.
#[derive(Deserialize, Default)]
#[serde(default)]
struct NoteForm {
    #[serde(deserialize_with = "form::trimmed")]
    kind: String,
    #[serde(deserialize_with = "form::trimmed")]
    body: String,
}

pub async fn add_note(desk: Desk, Path(id): Path<i64>, body: Bytes) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    let (article, who) = open(app, staff, id).await?;
    if !who.may_publish() {
        return Err(WebError::Forbidden);
    }
    let sent: NoteForm = form::parse(&body)?;
    let kind = NoteKind::parse(&sent.kind).unwrap_or(NoteKind::Correction);
    let note = NewNote {
        kind,
        body: sent.body,
        created_at: app.store.now(),
    };
    match app.store.articles().add_note(id, &note).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/articles/{id}?saved=note")).into_response()),
        Err(err) => {
            let mut view = EditorView::new(EditorForm::from_article(&article));
            field_error(&mut view, err)?;
            view.article = Some(article);
            render_editor(&desk, view).await
        }
    }
}

fn preview_response(html: String) -> Response {
    let mut response = Html(html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        "x-robots-tag",
        HeaderValue::from_static("noindex, nofollow"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

pub async fn staff_preview(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let (article, _) = open(&app, &staff, id).await?;
    let html =
        crate::reader::preview_article(&app, article, &format!("/admin/articles/{id}/preview"))
            .await?;
    Ok(preview_response(html))
}

fn share_message(id: i64, until: i64, generation: i64) -> String {
    format!("preview:{id}:{until}:{generation}")
}

pub async fn share_link(desk: Desk, Path(id): Path<i64>) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    let article = open_for_sharing(app, staff, id).await?;
    let until = app.store.now() + SHARE_FOR;
    let generation = app
        .store
        .articles()
        .share_generation(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let signature = sign(&app.secret, &share_message(id, until, generation));
    let link = format!(
        "{}/preview/{id}?until={until}&sig={signature}",
        app.config.base_url
    );
    let mut view = EditorView::of(article);
    view.share = Some((link, until));
    render_editor(&desk, view).await
}

/// The article for a share-link action: those who may publish it may share it.
async fn open_for_sharing(app: &AppState, staff: &Staff, id: i64) -> Result<Article, WebError> {
    let (article, who) = open(app, staff, id).await?;
    if !who.may_publish() {
        return Err(WebError::Forbidden);
    }
    Ok(article)
}

/// Ends every share link of an article made so far.
pub async fn revoke_share_links(desk: Desk, Path(id): Path<i64>) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    let article = open_for_sharing(app, staff, id).await?;
    app.store.articles().revoke_share_links(id).await?;
    let mut view = EditorView::of(article);
    view.flash = Some("Every share link made so far is revoked.".into());
    render_editor(&desk, view).await
}

#[derive(Deserialize)]
pub struct ShareQuery {
    until: Option<i64>,
    sig: Option<String>,
}

/// A draft opened through a signed, expiring share link: no sign-in needed.
pub async fn shared_preview(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    Query(query): Query<ShareQuery>,
) -> Result<Response, WebError> {
    let (Some(until), Some(signature)) = (query.until, query.sig) else {
        return Err(WebError::Forbidden);
    };
    let generation = app
        .store
        .articles()
        .share_generation(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let signed = |generation| {
        verify_signature(
            &app.secret,
            &share_message(id, until, generation),
            &signature,
        )
    };
    if !signed(generation) {
        // Signed for an earlier generation: revoked, or the article was unpublished.
        return Err(
            if (generation.saturating_sub(100)..generation).any(signed) {
                WebError::Gone
            } else {
                WebError::Forbidden
            },
        );
    }
    if until < app.store.now() {
        return Err(WebError::Gone);
    }
    let article = app
        .store
        .articles()
        .article_by_id(id)
        .await?
        .ok_or(WebError::NotFound)?;
    // A share link is for reading a draft before it is out. Once published, the article
    // is read at its address, as everyone reads it (members-only text stays for members).
    if article.status == Status::Published {
        let path = app.article_path(&article.summary);
        return Ok(Redirect::to(&broadsheet_core::urls::encode_path(&path)).into_response());
    }
    let html = crate::reader::preview_article(&app, article, &format!("/preview/{id}")).await?;
    Ok(preview_response(html))
}

/// The live preview pane: the body as it would render, embeds as labelled boxes.
pub async fn live_preview(
    State(app): State<AppState>,
    _staff: Staff,
    body: Bytes,
) -> Result<Response, WebError> {
    // The editor's script sends the editor's body and format, nothing else.
    let typed: EditorForm = form::parse(&body)?;
    let (mut html, problems) = preview(&app, &typed.body, typed.body_format).await?;
    for problem in &problems {
        html.push_str(&format!(
            "<p class=\"embed-problem\">line {}: {}</p>",
            problem.line,
            broadsheet_render::escape_html(&problem.message)
        ));
    }
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_in_the_papers_zone() {
        let ny = chrono_tz::America::New_York;
        assert_eq!(parse_local_time("2024-03-18T19:30", ny), Ok(1_710_804_600));
        assert!(
            parse_local_time("2024-03-10T02:30", ny)
                .unwrap_err()
                .contains("does not exist")
        );
        assert!(
            parse_local_time("2024-11-03T01:30", ny)
                .unwrap_err()
                .contains("twice")
        );
        assert!(parse_local_time("tomorrow", ny).is_err());
    }
}
