//! The admin API under `/api/v1/admin`: a newsroom's other tools (a wire importer, a
//! liveblog tool, a script) read drafts, write articles, move them through the workflow
//! and upload photos, with a token made in the newsroom.
//!
//! Every request acts as the token's newsroom user and goes through the same store
//! calls and workflow rules as the newsroom's own screens: the role decides what may be
//! done to which article, the token's scopes narrow it further.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use broadsheet_core::api_token::Scope;
use broadsheet_core::article::{RevisionKind, Status};
use broadsheet_core::body::BodyFormat;
use broadsheet_core::dates::{from_unix, utc_rfc3339};
use broadsheet_core::role::Capability;
use broadsheet_core::urls;
use broadsheet_core::workflow::{self, Action, Actor};
use broadsheet_store::{Article, ArticleDraft, NewsroomQuery, StaffRef};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::auth::Token;
use super::{ApiError, ApiErrorBody, ApiResult, cursor, read_cursor};
use crate::app::{App, AppState};
use crate::newsroom::media::{MediaWords, store_upload};

// ---------------------------------------------------------------- what answers hold

/// The token the request was made with.
#[derive(Serialize, ToSchema)]
pub struct TokenOut {
    pub name: String,
    /// What the token may do.
    pub scopes: Vec<String>,
    /// The newsroom user the token acts as.
    pub acts_as: ActsAs,
    pub expires_at: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ActsAs {
    pub id: i64,
    pub name: String,
    /// `contributor`, `author`, `editor` or `administrator`.
    pub role: String,
}

/// An article as the newsroom sees it, in any state.
#[derive(Serialize, ToSchema)]
pub struct DraftOut {
    pub id: i64,
    /// `draft`, `pending`, `scheduled`, `published` or `unpublished`.
    pub status: String,
    /// Send this back as `version` when saving, so that a save over someone else's is
    /// caught (409 `changed_meanwhile`).
    pub version: i64,
    pub slug: String,
    pub headline: String,
    pub dek: String,
    /// `markdown` or `html`.
    pub body_format: String,
    /// The body as written.
    pub body: String,
    /// The body rendered and sanitised, as readers will get it.
    pub body_html: String,
    pub section_id: Option<i64>,
    pub author_ids: Vec<i64>,
    pub topic_ids: Vec<i64>,
    pub featured_media_id: Option<i64>,
    pub seo_title: String,
    pub seo_description: String,
    pub members_only: bool,
    pub created_at: String,
    pub modified_at: String,
    /// When it was first published, if it was.
    pub published_at: Option<String>,
    /// When it will be published, if it is scheduled.
    pub scheduled_at: Option<String>,
    /// Its address for readers, once published.
    pub url: Option<String>,
    /// The workflow steps this token may take now (`POST …/workflow`).
    pub actions: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct DraftCard {
    pub id: i64,
    pub status: String,
    pub version: i64,
    pub slug: String,
    pub headline: String,
    pub modified_at: String,
    pub published_at: Option<String>,
    pub scheduled_at: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct DraftList {
    pub data: Vec<DraftCard>,
    pub next_cursor: Option<String>,
}

/// A photo in the media library.
#[derive(Serialize, ToSchema)]
pub struct MediaOut {
    pub id: i64,
    /// Absolute address of the largest JPEG.
    pub url: String,
    pub width: i64,
    pub height: i64,
    pub alt_text: String,
    pub caption: String,
    pub credit: String,
}

// ---------------------------------------------------------------- what requests send

/// An article's fields. `headline` and `body` are required; everything else has a
/// default. When saving an existing article (`PUT`), every field is replaced and
/// `version` (from the last read) is required.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleIn {
    /// One line with a word in it; control characters are refused (422).
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub headline: String,
    #[serde(default)]
    pub dek: String,
    /// Taken from the headline when absent or empty.
    #[serde(default)]
    pub slug: Option<String>,
    /// Markdown or HTML (see `body_format`), at most 1 MiB.
    #[schema(max_length = 1048576)]
    pub body: String,
    #[serde(default)]
    pub body_format: BodyFormatIn,
    #[serde(default)]
    pub section_id: Option<i64>,
    /// Bylines, in the order printed.
    #[serde(default)]
    pub author_ids: Vec<i64>,
    #[serde(default)]
    pub topic_ids: Vec<i64>,
    #[serde(default)]
    pub featured_media_id: Option<i64>,
    #[serde(default)]
    pub seo_title: String,
    #[serde(default)]
    pub seo_description: String,
    #[serde(default)]
    pub members_only: bool,
    /// Required by `PUT`: the version the change was made from. Ignored by `POST`.
    #[serde(default)]
    pub version: Option<i64>,
}

#[derive(Deserialize, ToSchema, Default, Clone, Copy)]
#[serde(rename_all = "lowercase")]
pub enum BodyFormatIn {
    #[default]
    Markdown,
    Html,
}

/// A workflow step.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkflowIn {
    /// `submit` and `withdraw` need `write_articles`; `publish`, `schedule`,
    /// `unschedule` and `unpublish` need `publish`.
    #[schema(value_type = ActionParam)]
    pub action: String,
    /// For `schedule`: when (RFC 3339, in the future).
    #[serde(default)]
    pub publish_at: Option<String>,
}

/// A workflow step's name.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)] // Declares the values for the document; `Action::parse` reads them.
pub enum ActionParam {
    Submit,
    Withdraw,
    Publish,
    Schedule,
    Unschedule,
    Unpublish,
}

/// Filters and paging of the newsroom's article list.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Declares the parameters for the document; they are read by hand.
pub struct DraftsParams {
    /// Only articles in this state.
    status: Option<StatusParam>,
    /// Words to find (headline, dek, body, bylines, topics).
    q: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
    cursor: Option<String>,
}

#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum StatusParam {
    Draft,
    Pending,
    Scheduled,
    Published,
    Unpublished,
}

/// How a photo is described; sent as query parameters beside the image's bytes.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct MediaParams {
    /// What the photo shows, for readers who cannot see it.
    alt_text: Option<String>,
    caption: Option<String>,
    /// Who took it.
    credit: Option<String>,
}

/// An image file's bytes (JPEG, PNG, WebP or GIF), judged by their content.
#[derive(ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct ImageBytes(Vec<u8>);

// ---------------------------------------------------------------- reading requests

/// A request body as axum read it; one over the limit is a JSON 413 like every other
/// answer, not axum's plain-text one.
type Body = Result<Bytes, BytesRejection>;

fn read_body(body: Body) -> Result<Bytes, ApiError> {
    body.map_err(|rejection| ApiError::rejected(rejection.status(), rejection.body_text()))
}

/// Reads a JSON body; anything that is not the schema is a 400 that says where, and so
/// is a string no column can hold, wherever it stands (named by its field).
fn json<T: serde::de::DeserializeOwned>(body: Body) -> Result<T, ApiError> {
    let not_fit =
        |err: serde_json::Error| ApiError::invalid(format!("the JSON body does not fit: {err}"));
    let value: serde_json::Value = serde_json::from_slice(&read_body(body)?).map_err(not_fit)?;
    all_storable("the body", &value)?;
    serde_json::from_value(value).map_err(not_fit)
}

fn all_storable(field: &str, value: &serde_json::Value) -> Result<(), ApiError> {
    match value {
        serde_json::Value::String(text) => storable(field, text),
        serde_json::Value::Array(items) => {
            items.iter().try_for_each(|item| all_storable(field, item))
        }
        serde_json::Value::Object(fields) => fields
            .iter()
            .try_for_each(|(name, item)| all_storable(name, item)),
        _ => Ok(()),
    }
}

/// Text no column can hold (PostgreSQL refuses NUL outright) is refused by field name.
fn storable(field: &str, text: &str) -> Result<(), ApiError> {
    if text.contains('\0') {
        return Err(ApiError::invalid(format!(
            "{field} contains a NUL character, which cannot be stored; remove it"
        )));
    }
    Ok(())
}

impl ArticleIn {
    fn to_draft(&self, created_by: Option<i64>) -> ArticleDraft {
        let mut draft = ArticleDraft::new(&self.headline, &self.body);
        draft.slug = self.slug.clone().filter(|s| !s.trim().is_empty());
        draft.dek = self.dek.trim().to_string();
        draft.body_format = match self.body_format {
            BodyFormatIn::Markdown => BodyFormat::Markdown,
            BodyFormatIn::Html => BodyFormat::Html,
        };
        draft.section_id = self.section_id;
        draft.author_ids = self.author_ids.clone();
        draft.topic_ids = self.topic_ids.clone();
        draft.featured_media_id = self.featured_media_id;
        draft.seo_title = self.seo_title.trim().to_string();
        draft.seo_description = self.seo_description.trim().to_string();
        draft.members_only = self.members_only;
        draft.created_by = created_by;
        draft
    }
}

fn parse_id(id: &str) -> Result<i64, ApiError> {
    id.parse()
        .map_err(|_| ApiError::invalid(format!("an article id is a number, not “{id}”")))
}

// ---------------------------------------------------------------- shaping

fn staff(token: &Token) -> StaffRef {
    StaffRef {
        user_id: token.0.user.id,
        role: token.0.user.role,
    }
}

/// The workflow steps the token may take: its user's role decides, its scopes narrow.
fn actions(token: &Token, who: Actor, status: Status) -> Vec<String> {
    workflow::available_actions(who, status)
        .into_iter()
        .filter(|action| token.0.scopes.contains(scope_for(*action)))
        .map(|action| action.as_str().to_string())
        .collect()
}

fn scope_for(action: Action) -> Scope {
    match action {
        Action::Submit | Action::Withdraw => Scope::WriteArticles,
        Action::Publish | Action::Schedule | Action::Unschedule | Action::Unpublish => {
            Scope::Publish
        }
    }
}

async fn draft_out(app: &App, token: &Token, opened: Opened) -> Result<DraftOut, ApiError> {
    let Opened { article, who, .. } = opened;
    let scheduled_at = app
        .store
        .articles()
        .article_scheduled_at(article.summary.id)
        .await?;
    let published = article.summary.published_at > 0;
    Ok(DraftOut {
        id: article.summary.id,
        status: article.status.as_str().to_string(),
        version: article.version,
        slug: article.summary.slug.clone(),
        headline: article.summary.headline.clone(),
        dek: article.summary.dek.clone(),
        body_format: article.body_format.as_str().to_string(),
        body: article.body_source.clone(),
        body_html: article.body_html.clone(),
        section_id: article.summary.section.as_ref().map(|s| s.id),
        author_ids: article.summary.bylines.iter().map(|b| b.id).collect(),
        topic_ids: article.topics.iter().map(|t| t.id).collect(),
        featured_media_id: article.summary.image.as_ref().map(|m| m.id),
        seo_title: article.seo_title.clone(),
        seo_description: article.seo_description.clone(),
        members_only: article.summary.members_only,
        created_at: utc_rfc3339(article.created_at),
        modified_at: utc_rfc3339(article.modified_at),
        published_at: published.then(|| utc_rfc3339(article.summary.published_at)),
        scheduled_at: scheduled_at.map(utc_rfc3339),
        url: (article.status == Status::Published).then(|| {
            app.absolute(&urls::article_path(
                from_unix(article.summary.published_at),
                &article.summary.slug,
                app.site().time_zone,
            ))
        }),
        actions: actions(token, who, article.status),
    })
}

/// The article, if the token's user may open it in the newsroom (their own, or anyone's
/// for editors and administrators); someone else's draft is a 404, not a 403, so that a
/// token cannot probe which ids exist.
async fn open(app: &App, token: &Token, id: i64) -> Result<Opened, ApiError> {
    let missing = || ApiError::not_found(format!("no article this token may open has the id {id}"));
    let (owner, _) = app
        .store
        .articles()
        .article_owner(id)
        .await?
        .ok_or_else(missing)?;
    let user = &token.0.user;
    let who = Actor::new(user.role, user.id, owner);
    if !who.owns && !user.role.can(Capability::EditOthers) {
        return Err(missing());
    }
    let article = app
        .store
        .articles()
        .article_by_id(id)
        .await?
        .ok_or_else(missing)?;
    Ok(Opened {
        article,
        who,
        owner,
    })
}

/// An article the token may open: the article, the token's user as its actor, and the
/// newsroom user who wrote it.
struct Opened {
    article: Article,
    who: Actor,
    owner: Option<i64>,
}

fn created(body: DraftOut, app: &App) -> Response {
    let location = app.absolute(&format!("/api/v1/admin/articles/{}", body.id));
    (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(body),
    )
        .into_response()
}

// ---------------------------------------------------------------- handlers

/// The token this request is made with: its name, scopes, and who it acts as.
#[utoipa::path(
    get,
    path = "/api/v1/admin/token",
    security(("token" = [])),
    responses(
        (status = 200, body = TokenOut),
        (status = 401, description = "No token, or one that is unknown, revoked or expired", body = ApiErrorBody),
    )
)]
pub async fn whoami(token: Token) -> ApiResult<TokenOut> {
    let grant = &token.0;
    Ok(Json(TokenOut {
        name: grant.name.clone(),
        scopes: grant
            .scopes
            .iter()
            .map(|s| s.as_str().to_string())
            .collect(),
        acts_as: ActsAs {
            id: grant.user.id,
            name: grant.user.name.clone(),
            role: grant.user.role.as_str().to_string(),
        },
        expires_at: grant.expires_at.map(utc_rfc3339),
    }))
}

/// Articles in any state, most recently changed first: the token user's own, or
/// everyone's for editors and administrators. Needs `read_drafts`.
#[utoipa::path(
    get,
    path = "/api/v1/admin/articles",
    params(DraftsParams),
    security(("token" = [])),
    responses(
        (status = 200, body = DraftList),
        (status = 400, description = "A status, limit or cursor that does not fit", body = ApiErrorBody),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "The token lacks `read_drafts`", body = ApiErrorBody),
    )
)]
pub async fn drafts(
    State(app): State<AppState>,
    token: Token,
    RawQuery(raw): RawQuery,
) -> ApiResult<DraftList> {
    token.require(Scope::ReadDrafts)?;
    let params = super::content::Params::read(raw.as_deref());
    let limit = params.limit()?;
    let status = params
        .choice(
            "status",
            Status::parse,
            "draft, pending, scheduled, published or unpublished",
        )?
        .map(|status| status.as_str().to_string());
    let user = &token.0.user;
    let text = params.text("q").map(str::to_string);
    let kind = format!("drafts:{}:{status:?}:{text:?}", user.id);
    let offset = match params.text("cursor") {
        Some(given) => read_cursor(&app, &kind, given)?
            .parse::<u64>()
            .map_err(|_| ApiError::bad_cursor())?,
        None => 0,
    };
    let filter = NewsroomQuery {
        status,
        created_by: (!user.role.can(Capability::EditOthers)).then_some(user.id),
        text,
        limit: limit + 1,
        offset,
        ..NewsroomQuery::default()
    };
    let mut found = app.store.articles().newsroom_articles(&filter).await?;
    let next_cursor = (found.len() > limit as usize).then(|| {
        found.truncate(limit as usize);
        cursor(&app, &kind, &(offset + u64::from(limit)).to_string())
    });
    Ok(Json(DraftList {
        data: found
            .into_iter()
            .map(|a| DraftCard {
                id: a.id,
                status: a.status.as_str().to_string(),
                version: a.version,
                slug: a.slug,
                headline: a.headline,
                modified_at: utc_rfc3339(a.modified_at),
                published_at: a.published_at.filter(|at| *at > 0).map(utc_rfc3339),
                scheduled_at: a.scheduled_at.map(utc_rfc3339),
            })
            .collect(),
        next_cursor,
    }))
}

/// One article in any state, with its body as written. Needs `read_drafts`.
#[utoipa::path(
    get,
    path = "/api/v1/admin/articles/{id}",
    params(("id" = i64, Path, description = "The article's id")),
    security(("token" = [])),
    responses(
        (status = 200, body = DraftOut),
        (status = 400, body = ApiErrorBody),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "The token lacks `read_drafts`", body = ApiErrorBody),
        (status = 404, description = "No article this token may open has the id", body = ApiErrorBody),
    )
)]
pub async fn draft(
    State(app): State<AppState>,
    token: Token,
    Path(id): Path<String>,
) -> ApiResult<DraftOut> {
    token.require(Scope::ReadDrafts)?;
    let opened = open(&app, &token, parse_id(&id)?).await?;
    Ok(Json(draft_out(&app, &token, opened).await?))
}

/// Creates a draft written by the token's user. Needs `write_articles`.
#[utoipa::path(
    post,
    path = "/api/v1/admin/articles",
    request_body = ArticleIn,
    security(("token" = [])),
    responses(
        (status = 201, description = "The new draft", body = DraftOut),
        (status = 400, description = "A body that is not the schema", body = ApiErrorBody),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "The token lacks `write_articles`", body = ApiErrorBody),
        (status = 409, description = "The slug is taken", body = ApiErrorBody),
        (status = 422, description = "A field breaks a rule (`invalid_field`, the message names it)", body = ApiErrorBody),
    )
)]
pub async fn create(
    State(app): State<AppState>,
    token: Token,
    body: Body,
) -> Result<Response, ApiError> {
    token.require(Scope::WriteArticles)?;
    let input: ArticleIn = json(body)?;
    let user_id = token.0.user.id;
    let id = app
        .store
        .articles()
        .create_article(&input.to_draft(Some(user_id)))
        .await?;
    let opened = open(&app, &token, id).await?;
    Ok(created(draft_out(&app, &token, opened).await?, &app))
}

/// Saves an article: every field is replaced. `version` must be the one last read; if
/// someone saved since, nothing is overwritten (409 `changed_meanwhile`; the attempt is
/// kept in the article's history). Needs `write_articles`.
#[utoipa::path(
    put,
    path = "/api/v1/admin/articles/{id}",
    params(("id" = i64, Path, description = "The article's id")),
    request_body = ArticleIn,
    security(("token" = [])),
    responses(
        (status = 200, description = "The article as saved", body = DraftOut),
        (status = 400, body = ApiErrorBody),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "The token lacks `write_articles`, or its user may not edit this article now", body = ApiErrorBody),
        (status = 404, body = ApiErrorBody),
        (status = 409, description = "Someone saved since `version`, or the slug is taken", body = ApiErrorBody),
        (status = 422, body = ApiErrorBody),
    )
)]
pub async fn save(
    State(app): State<AppState>,
    token: Token,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<DraftOut> {
    token.require(Scope::WriteArticles)?;
    let id = parse_id(&id)?;
    let opened = open(&app, &token, id).await?;
    if !workflow::may_edit(opened.who, opened.article.status) {
        return Err(ApiError::forbidden(
            "not_allowed",
            format!(
                "a {} cannot edit this article while it is {}",
                opened.who.role.as_str(),
                opened.article.status.as_str()
            ),
        ));
    }
    let input: ArticleIn = json(body)?;
    let version = input.version.ok_or_else(|| {
        ApiError::invalid("version is missing: send the version you read, so that no one else's save is overwritten")
    })?;
    // The writer stays who wrote it, whoever saves.
    app.store
        .articles()
        .save_article(
            id,
            &input.to_draft(opened.owner),
            version,
            Some(token.0.user.id),
            RevisionKind::Save,
        )
        .await?;
    let opened = open(&app, &token, id).await?;
    Ok(Json(draft_out(&app, &token, opened).await?))
}

/// Takes a workflow step (submit, withdraw, publish, schedule, unschedule, unpublish)
/// by the newsroom's rules. An article whose embeds do not work cannot be published
/// (422 `cannot_publish`, the message lists them).
#[utoipa::path(
    post,
    path = "/api/v1/admin/articles/{id}/workflow",
    params(("id" = i64, Path, description = "The article's id")),
    request_body = WorkflowIn,
    security(("token" = [])),
    responses(
        (status = 200, description = "The article after the step", body = DraftOut),
        (status = 400, body = ApiErrorBody),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "The token lacks the step's scope, or its user may not take it", body = ApiErrorBody),
        (status = 404, body = ApiErrorBody),
        (status = 409, description = "The step does not apply to the article's state, or it changed meanwhile", body = ApiErrorBody),
        (status = 422, description = "A schedule time that is not in the future, or embeds that do not work", body = ApiErrorBody),
    )
)]
pub async fn step(
    State(app): State<AppState>,
    token: Token,
    Path(id): Path<String>,
    body: Body,
) -> ApiResult<DraftOut> {
    let id = parse_id(&id)?;
    let input: WorkflowIn = json(body)?;
    let action = Action::parse(&input.action).ok_or_else(|| {
        ApiError::invalid(format!(
            "action is submit, withdraw, publish, schedule, unschedule or unpublish, not “{}”",
            input.action
        ))
    })?;
    token.require(scope_for(action))?;
    open(&app, &token, id).await?;
    let at = match (action, input.publish_at.as_deref()) {
        (Action::Schedule, Some(text)) => Some(
            chrono::DateTime::parse_from_rfc3339(text.trim())
                .map_err(|_| {
                    ApiError::invalid(format!(
                        "publish_at is a time such as 2026-03-18T19:30:00Z, not “{text}”"
                    ))
                })?
                .timestamp(),
        ),
        (Action::Schedule, None) => {
            return Err(ApiError::invalid("schedule needs publish_at (RFC 3339)"));
        }
        _ => None,
    };
    app.store
        .articles()
        .transition_article(id, staff(&token), action, at)
        .await?;
    let opened = open(&app, &token, id).await?;
    Ok(Json(draft_out(&app, &token, opened).await?))
}

/// Uploads a photo to the media library: the request body is the image file itself;
/// alt text, caption and credit are query parameters. It is judged by its bytes,
/// resized, and stripped of camera metadata, as newsroom uploads are; the same photo
/// twice gives the item already in the library. Needs `upload_media`.
#[utoipa::path(
    post,
    path = "/api/v1/admin/media",
    params(MediaParams),
    request_body(content = ImageBytes, content_type = "application/octet-stream"),
    security(("token" = [])),
    responses(
        (status = 201, description = "The photo in the library", body = MediaOut),
        (status = 400, description = "A description with a character that cannot be stored", body = ApiErrorBody),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "The token lacks `upload_media`, or its user may not upload", body = ApiErrorBody),
        (status = 413, description = "Larger than the upload limit", body = ApiErrorBody),
        (status = 422, description = "Not an image this site takes, or too many pixels", body = ApiErrorBody),
    )
)]
pub async fn upload(
    State(app): State<AppState>,
    token: Token,
    RawQuery(raw): RawQuery,
    body: Body,
) -> Result<Response, ApiError> {
    token.require(Scope::UploadMedia)?;
    let body = read_body(body)?;
    if !token.0.user.role.can(Capability::UploadMedia) {
        return Err(ApiError::forbidden(
            "not_allowed",
            format!(
                "a {} cannot upload to the media library",
                token.0.user.role.as_str()
            ),
        ));
    }
    let params = super::content::Params::read(raw.as_deref());
    let word = |name: &str| -> Result<String, ApiError> {
        let text = params.text(name).unwrap_or("").trim().to_string();
        storable(name, &text)?;
        Ok(text)
    };
    let words = MediaWords {
        alt_text: word("alt_text")?,
        caption: word("caption")?,
        credit: word("credit")?,
    };
    if body.is_empty() {
        return Err(ApiError::unprocessable(
            "the request body is empty: send the image file's bytes",
        ));
    }
    let id = match store_upload(&app, token.0.user.id, &body, &words).await {
        Ok(Ok(id)) => id,
        Ok(Err(message)) => return Err(ApiError::unprocessable(message)),
        Err(err) => {
            tracing::error!(%err, "API upload failed");
            return Err(ApiError::internal());
        }
    };
    let item = app
        .store
        .media()
        .media_item(id)
        .await?
        .ok_or_else(ApiError::internal)?;
    let out = MediaOut {
        id: item.id,
        url: app.absolute(&urls::media_path(&item.file_name)),
        width: item.width,
        height: item.height,
        alt_text: item.alt_text,
        caption: item.caption,
        credit: item.credit,
    };
    Ok((StatusCode::CREATED, Json(out)).into_response())
}
