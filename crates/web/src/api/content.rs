//! Published content: articles (lists and one), sections, topics, authors, pages and
//! search. What each answer holds is declared once here, for the code and the OpenAPI
//! document alike.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use broadsheet_core::dates::{from_unix, utc_rfc3339};
use broadsheet_core::search::{SearchOrder, SearchQuery};
use broadsheet_core::urls;
use broadsheet_store::{Article, ArticleQuery, ArticleSummary, MediaItem, SearchRequest};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::auth::MaybeToken;
use super::{ApiError, ApiErrorBody, ApiResult, cursor, read_cursor};
use crate::app::{App, AppState};

const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 100;

// ---------------------------------------------------------------- what answers hold

#[derive(Serialize, ToSchema)]
pub struct Image {
    /// Absolute address of the largest JPEG.
    pub url: String,
    pub width: i64,
    pub height: i64,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

#[derive(Serialize, ToSchema)]
pub struct SectionRef {
    pub slug: String,
    pub name: String,
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct Byline {
    pub slug: String,
    pub name: String,
    pub url: String,
}

/// An article as lists give it.
#[derive(Serialize, ToSchema)]
pub struct ArticleCard {
    pub id: i64,
    pub url: String,
    pub slug: String,
    pub headline: String,
    pub dek: String,
    /// First publication (RFC 3339, UTC).
    pub published_at: String,
    /// The last editorial update shown to readers, if any.
    pub updated_at: Option<String>,
    pub section: Option<SectionRef>,
    pub authors: Vec<Byline>,
    pub image: Option<Image>,
    pub members_only: bool,
    pub comment_count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct TopicOut {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    /// Shown to readers as a story timeline.
    pub timeline: bool,
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct NoteOut {
    /// `correction` or `update`.
    pub kind: String,
    pub body: String,
    pub created_at: String,
}

/// One article whole.
#[derive(Serialize, ToSchema)]
pub struct ArticleOut {
    #[serde(flatten)]
    pub card: ArticleCard,
    /// Sanitised HTML. For a members-only article, only its teaser.
    pub body_html: String,
    /// `body_html` is the teaser of a members-only article, not the whole body.
    pub body_is_teaser: bool,
    pub word_count: i64,
    pub topics: Vec<TopicOut>,
    pub notes: Vec<NoteOut>,
}

#[derive(Serialize, ToSchema)]
pub struct ArticleList {
    pub data: Vec<ArticleCard>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SectionOut {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub parent_id: Option<i64>,
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct AuthorOut {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub job_title: String,
    pub bio: String,
    pub avatar: Option<Image>,
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct PageOut {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub path: String,
    pub title: String,
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct SearchHitOut {
    pub article: ArticleCard,
    /// Escaped HTML with the matched words in `<mark>`.
    pub snippet_html: String,
}

#[derive(Serialize, ToSchema)]
pub struct SearchList {
    pub data: Vec<SearchHitOut>,
    /// Matching articles, counted up to 1,000.
    pub total: u64,
    /// There are more than `total`.
    pub more: bool,
    pub next_cursor: Option<String>,
}

// ---------------------------------------------------------------- parameters

/// Filters and paging of `/api/v1/articles`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Declares the parameters for the document; they are read by `Params`.
pub struct ArticlesParams {
    /// A section's slug (its subsections included).
    section: Option<String>,
    /// A topic's slug.
    topic: Option<String>,
    /// An author's slug.
    author: Option<String>,
    /// Articles per page.
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
}

/// Query and filters of `/api/v1/search`.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SearchParams {
    /// Words to find; `"a phrase"`; `-word` leaves articles with it out.
    q: String,
    section: Option<String>,
    topic: Option<String>,
    author: Option<String>,
    order: Option<OrderParam>,
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
    cursor: Option<String>,
}

/// How search results are ordered: `relevance` (headline and dek matches first, newer
/// breaking ties; the default) or `newest`.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)] // Declares the values for the document; `SearchOrder::parse` reads them.
pub enum OrderParam {
    Relevance,
    Newest,
}

/// The query string as sent: the first value of each name.
pub(super) struct Params(HashMap<String, String>);

impl Params {
    pub(super) fn read(raw: Option<&str>) -> Params {
        Params(crate::form::first_values(raw))
    }

    pub(super) fn text(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A parameter with a closed set of values: absent is `None`; present, it must be one
    /// of them (empty included: `?order=` is not a choice).
    pub(super) fn choice<T>(
        &self,
        name: &str,
        parse: impl Fn(&str) -> Option<T>,
        values: &str,
    ) -> Result<Option<T>, ApiError> {
        match self.0.get(name) {
            None => Ok(None),
            Some(text) => parse(text)
                .filter(|_| !text.is_empty())
                .map(Some)
                .ok_or_else(|| ApiError::invalid(format!("{name} is {values}, not “{text}”"))),
        }
    }

    pub(super) fn limit(&self) -> Result<u32, ApiError> {
        // Present but empty is not a number either.
        match self.0.get("limit").map(String::as_str) {
            None => Ok(DEFAULT_LIMIT),
            Some(text) => match text.parse::<u32>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
                _ => Err(ApiError::invalid(format!(
                    "limit must be a whole number from 1 to {MAX_LIMIT}, not “{text}”"
                ))),
            },
        }
    }
}

// ---------------------------------------------------------------- shaping

fn image(app: &App, media: &MediaItem) -> Image {
    Image {
        url: app.absolute(&urls::media_path(&media.file_name)),
        width: media.width,
        height: media.height,
        alt: media.alt_text.clone(),
        caption: media.caption.clone(),
        credit: media.credit.clone(),
    }
}

fn card(app: &App, summary: &ArticleSummary) -> ArticleCard {
    let path = urls::article_path(
        from_unix(summary.published_at),
        &summary.slug,
        app.site().time_zone,
    );
    ArticleCard {
        id: summary.id,
        url: app.absolute(&path),
        slug: summary.slug.clone(),
        headline: summary.headline.clone(),
        dek: summary.dek.clone(),
        published_at: utc_rfc3339(summary.published_at),
        updated_at: summary.updated_at.map(utc_rfc3339),
        section: summary.section.as_ref().map(|s| SectionRef {
            slug: s.slug.clone(),
            name: s.name.clone(),
            url: app.absolute(&urls::section_path(&s.slug)),
        }),
        authors: summary
            .bylines
            .iter()
            .map(|b| Byline {
                slug: b.slug.clone(),
                name: b.name.clone(),
                url: app.absolute(&urls::author_path(&b.slug)),
            })
            .collect(),
        image: summary.image.as_ref().map(|m| image(app, m)),
        members_only: summary.members_only,
        comment_count: summary.comment_count,
    }
}

/// `members` is whether the reader may have members-only bodies whole (a token with
/// `members_content`); otherwise they get the teaser, as on the article page.
fn whole(app: &App, article: Article, members: bool) -> ArticleOut {
    let locked = article.summary.members_only && !members;
    let body_html = if locked {
        broadsheet_core::body::teaser(&article.body_html, app.config.teaser_paragraphs).to_string()
    } else {
        article.body_html.clone()
    };
    ArticleOut {
        card: card(app, &article.summary),
        // Embeds are drawn by the site's templates; the API gives the text around them.
        body_html: broadsheet_core::body::pieces(&body_html)
            .into_iter()
            .filter_map(|piece| match piece {
                broadsheet_core::body::BodyPiece::Html(html) => Some(html),
                broadsheet_core::body::BodyPiece::Embed(_) => None,
            })
            .collect(),
        body_is_teaser: locked,
        word_count: article.word_count,
        topics: article.topics.iter().map(|t| topic(app, t)).collect(),
        notes: article
            .notes
            .iter()
            .map(|n| NoteOut {
                kind: n.kind.as_str().to_string(),
                body: n.body.clone(),
                created_at: utc_rfc3339(n.created_at),
            })
            .collect(),
    }
}

fn topic(app: &App, topic: &broadsheet_store::Topic) -> TopicOut {
    TopicOut {
        id: topic.id,
        slug: topic.slug.clone(),
        name: topic.name.clone(),
        description: topic.description.clone(),
        timeline: topic.timeline,
        url: app.absolute(&urls::topic_path(&topic.slug)),
    }
}

/// The section, topic and author filters, by slug; a slug that names nothing is a 404,
/// as the list it asks for does not exist (the feeds answer the same).
async fn filters(app: &App, params: &Params) -> Result<ArticleQuery, ApiError> {
    let mut filter = ArticleQuery::default();
    if let Some(slug) = params.text("section") {
        let navigation = app.navigation().await?;
        let section = navigation
            .section(slug)
            .ok_or_else(|| ApiError::not_found(format!("there is no section “{slug}”")))?;
        filter.sections = navigation.section_family(section.id);
    }
    if let Some(slug) = params.text("topic") {
        let topic = app.store.taxonomy().topic_by_slug(slug).await?;
        let topic =
            topic.ok_or_else(|| ApiError::not_found(format!("there is no topic “{slug}”")))?;
        filter.topics.push(topic.id);
    }
    if let Some(slug) = params.text("author") {
        let author = app.store.taxonomy().author_by_slug(slug).await?;
        let author =
            author.ok_or_else(|| ApiError::not_found(format!("there is no author “{slug}”")))?;
        filter.author = Some(author.id);
    }
    Ok(filter)
}

// ---------------------------------------------------------------- handlers

/// Published articles, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/articles",
    params(ArticlesParams),
    security((), ("token" = [])),
    responses(
        (status = 200, description = "A page of articles", body = ArticleList),
        (status = 401, description = "A token was sent that is unknown, revoked or expired", body = ApiErrorBody),
        (status = 400, description = "A limit or cursor that does not fit", body = ApiErrorBody),
        (status = 404, description = "No section, topic or author has the slug given", body = ApiErrorBody),
    )
)]
pub async fn articles(
    State(app): State<AppState>,
    _token: MaybeToken,
    RawQuery(raw): RawQuery,
) -> ApiResult<ArticleList> {
    let params = Params::read(raw.as_deref());
    let limit = params.limit()?;
    let mut filter = filters(&app, &params).await?;
    // The filters are part of the cursor's kind: a cursor is good only for its own list.
    let kind = format!(
        "articles:{:?}:{:?}:{:?}",
        filter.sections, filter.topics, filter.author
    );
    if let Some(given) = params.text("cursor") {
        let position = read_cursor(&app, &kind, given)?;
        let (at, id) = position
            .split_once(':')
            .and_then(|(at, id)| Some((at.parse().ok()?, id.parse().ok()?)))
            .ok_or_else(ApiError::bad_cursor)?;
        filter.before = Some((at, id));
    }
    // One more than asked tells whether there is a next page.
    filter.limit = limit + 1;
    let mut found = app.store.articles().list_articles(&filter).await?;
    let next_cursor = if found.len() > limit as usize {
        found.truncate(limit as usize);
        found
            .last()
            .map(|last| cursor(&app, &kind, &format!("{}:{}", last.published_at, last.id)))
    } else {
        None
    };
    Ok(Json(ArticleList {
        data: found.iter().map(|s| card(&app, s)).collect(),
        next_cursor,
    }))
}

/// One published article.
#[utoipa::path(
    get,
    path = "/api/v1/articles/{id}",
    params(("id" = i64, Path, description = "The article's id")),
    security((), ("token" = [])),
    responses(
        (status = 200, description = "The article; a members-only one whole only for a token with `members_content`", body = ArticleOut),
        (status = 401, description = "A token was sent that is unknown, revoked or expired", body = ApiErrorBody),
        (status = 400, description = "An id that is not a number", body = ApiErrorBody),
        (status = 404, description = "No published article has this id", body = ApiErrorBody),
    )
)]
pub async fn article(
    State(app): State<AppState>,
    token: MaybeToken,
    Path(id): Path<String>,
) -> ApiResult<ArticleOut> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::invalid(format!("an article id is a number, not “{id}”")))?;
    let found = app.store.articles().article_by_id(id).await?;
    let article = found
        .filter(|a| a.status == broadsheet_core::article::Status::Published)
        .ok_or_else(|| ApiError::not_found(format!("no published article has the id {id}")))?;
    Ok(Json(whole(&app, article, token.reads_members_content())))
}

/// Every section, in menu order.
#[utoipa::path(
    get,
    path = "/api/v1/sections",
    security((), ("token" = [])),
    responses(
        (status = 200, body = Vec<SectionOut>),
        (status = 401, description = "A token was sent that is unknown, revoked or expired", body = ApiErrorBody),
    )
)]
pub async fn sections(
    State(app): State<AppState>,
    _token: MaybeToken,
) -> ApiResult<Vec<SectionOut>> {
    let navigation = app.navigation().await?;
    Ok(Json(
        navigation
            .sections
            .iter()
            .map(|s| SectionOut {
                id: s.id,
                slug: s.slug.clone(),
                name: s.name.clone(),
                description: s.description.clone(),
                parent_id: s.parent_id,
                url: app.absolute(&urls::section_path(&s.slug)),
            })
            .collect(),
    ))
}

/// Every topic, by name.
#[utoipa::path(
    get,
    path = "/api/v1/topics",
    security((), ("token" = [])),
    responses(
        (status = 200, body = Vec<TopicOut>),
        (status = 401, description = "A token was sent that is unknown, revoked or expired", body = ApiErrorBody),
    )
)]
pub async fn topics(State(app): State<AppState>, _token: MaybeToken) -> ApiResult<Vec<TopicOut>> {
    let topics = app.store.taxonomy().topics().await?;
    Ok(Json(topics.iter().map(|t| topic(&app, t)).collect()))
}

/// Every author, by name.
#[utoipa::path(
    get,
    path = "/api/v1/authors",
    security((), ("token" = [])),
    responses(
        (status = 200, body = Vec<AuthorOut>),
        (status = 401, description = "A token was sent that is unknown, revoked or expired", body = ApiErrorBody),
    )
)]
pub async fn authors(State(app): State<AppState>, _token: MaybeToken) -> ApiResult<Vec<AuthorOut>> {
    let authors = app.store.taxonomy().authors().await?;
    Ok(Json(
        authors
            .iter()
            .map(|a| AuthorOut {
                id: a.id,
                slug: a.slug.clone(),
                name: a.name.clone(),
                job_title: a.job_title.clone(),
                bio: a.bio.clone(),
                avatar: a.avatar.as_ref().map(|m| image(&app, m)),
                url: app.absolute(&urls::author_path(&a.slug)),
            })
            .collect(),
    ))
}

/// Every published static page.
#[utoipa::path(
    get,
    path = "/api/v1/pages",
    security((), ("token" = [])),
    responses(
        (status = 200, body = Vec<PageOut>),
        (status = 401, description = "A token was sent that is unknown, revoked or expired", body = ApiErrorBody),
    )
)]
pub async fn pages(State(app): State<AppState>, _token: MaybeToken) -> ApiResult<Vec<PageOut>> {
    let navigation = app.navigation().await?;
    Ok(Json(
        navigation
            .pages
            .iter()
            .map(|p| PageOut {
                id: p.id,
                parent_id: p.parent_id,
                path: p.path.clone(),
                title: p.title.clone(),
                url: app.absolute(&urls::page_path(&p.path)),
            })
            .collect(),
    ))
}

/// Search published articles (the site's search: the same index, ranking and rules).
#[utoipa::path(
    get,
    path = "/api/v1/search",
    params(SearchParams),
    security((), ("token" = [])),
    responses(
        (status = 401, description = "A token was sent that is unknown, revoked or expired", body = ApiErrorBody),
        (status = 200, description = "A page of matching articles", body = SearchList),
        (status = 400, description = "No q, or an order, limit or cursor that does not fit", body = ApiErrorBody),
        (status = 404, description = "No section, topic or author has the slug given", body = ApiErrorBody),
    )
)]
pub async fn search(
    State(app): State<AppState>,
    token: MaybeToken,
    RawQuery(raw): RawQuery,
) -> ApiResult<SearchList> {
    let params = Params::read(raw.as_deref());
    let limit = params.limit()?;
    let order = params
        .choice("order", SearchOrder::parse, "`relevance` or `newest`")?
        .unwrap_or(SearchOrder::Relevance);
    let Some(typed) = params.0.get("q") else {
        return Err(ApiError::invalid("q (the words to look for) is missing"));
    };
    // Text with no word in it (punctuation, symbols) finds nothing, as on the site.
    let Some(query) = SearchQuery::parse(typed) else {
        return Ok(Json(SearchList {
            data: Vec::new(),
            total: 0,
            more: false,
            next_cursor: None,
        }));
    };
    let filter = filters(&app, &params).await?;
    let kind = format!(
        "search:{}:{}:{:?}:{:?}:{:?}",
        query.display(),
        order.as_str(),
        filter.sections,
        filter.topics,
        filter.author
    );
    // Ranked results have no stable key to continue after: the cursor holds the offset.
    let offset = match params.text("cursor") {
        Some(given) => read_cursor(&app, &kind, given)?
            .parse::<u64>()
            .map_err(|_| ApiError::bad_cursor())?,
        None => 0,
    };
    let request = SearchRequest {
        query,
        order,
        sections: filter.sections.clone(),
        topic: filter.topics.first().copied(),
        author: filter.author,
        from: None,
        until: None,
        member: token.reads_members_content(),
        limit,
        offset,
    };
    let results = app.store.search().search(&request).await?;
    let shown = offset + results.hits.len() as u64;
    let next_cursor = (shown < results.total).then(|| cursor(&app, &kind, &shown.to_string()));
    Ok(Json(SearchList {
        data: results
            .hits
            .iter()
            .map(|hit| SearchHitOut {
                article: card(&app, &hit.article),
                snippet_html: hit.snippet_html.clone(),
            })
            .collect(),
        total: results.total,
        more: results.more,
        next_cursor,
    }))
}
