//! Articles: writing, publishing and reading them.

pub(crate) mod editing;
mod embeds;
pub(crate) mod newsroom;
pub(crate) mod workflow;

use crate::ArticleStore;
use broadsheet_core::article::NoteKind;
use broadsheet_core::body::BodyFormat;
use broadsheet_core::embed::Embed;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::dialect::{Backend, Sql, json_rows};
use crate::error::{StoreError, StoreResult};
use crate::media;
use crate::read::{
    Article, ArticleQuery, ArticleSummary, AuthorRef, MediaItem, Note, SectionRef, Topic,
};
use broadsheet_core::change::{Change, Dep};

/// A new article, saved as a draft.
#[derive(Debug, Clone)]
pub struct ArticleDraft {
    /// Taken from the headline when not given.
    pub slug: Option<String>,
    pub headline: String,
    pub dek: String,
    pub body_format: BodyFormat,
    pub body_source: String,
    pub section_id: Option<i64>,
    pub topic_ids: Vec<i64>,
    /// Bylines in the order they are printed.
    pub author_ids: Vec<i64>,
    pub featured_media_id: Option<i64>,
    pub seo_title: String,
    pub seo_description: String,
    pub members_only: bool,
    pub created_at: i64,
    /// The newsroom user who wrote it (owns it in the workflow).
    pub created_by: Option<i64>,
}

impl ArticleDraft {
    pub fn new(headline: &str, body_source: &str) -> ArticleDraft {
        ArticleDraft {
            slug: None,
            headline: headline.to_string(),
            dek: String::new(),
            body_format: BodyFormat::Markdown,
            body_source: body_source.to_string(),
            section_id: None,
            topic_ids: Vec::new(),
            author_ids: Vec::new(),
            featured_media_id: None,
            seo_title: String::new(),
            seo_description: String::new(),
            members_only: false,
            created_at: crate::now(),
            created_by: None,
        }
    }
}

/// Fields an edit may change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ArticleEdit {
    pub front_rank: Option<Option<i64>>,
    pub updated_at: Option<Option<i64>>,
    pub comment_count: Option<i64>,
}

/// A correction or update note.
#[derive(Debug, Clone)]
pub struct NewNote {
    pub kind: NoteKind,
    pub body: String,
    pub created_at: i64,
}

const SUMMARY_COLUMNS: &str = "a.id, a.slug, a.headline, a.dek, a.published_at, a.updated_at, \
     a.comment_count, a.members_only, a.front_rank, \
     s.id AS s_id, s.slug AS s_slug, s.name AS s_name, \
     m.id AS m_id, m.file_name AS m_file_name, m.mime_type AS m_mime_type, m.width AS m_width, \
     m.height AS m_height, m.alt_text AS m_alt_text, m.caption AS m_caption, m.credit AS m_credit, \
     m.variant_widths AS m_variant_widths";

/// The columns of an article summary, with its bylines as JSON.
fn summary_columns(backend: Backend) -> String {
    let bylines = json_rows(
        backend,
        &[
            ("id", "au.id"),
            ("slug", "au.slug"),
            ("name", "au.name"),
            ("avatar_id", "am.id"),
            ("avatar_file_name", "am.file_name"),
            ("avatar_mime_type", "am.mime_type"),
            ("avatar_width", "am.width"),
            ("avatar_height", "am.height"),
            ("avatar_alt_text", "am.alt_text"),
            ("avatar_caption", "am.caption"),
            ("avatar_credit", "am.credit"),
            ("avatar_variant_widths", "am.variant_widths"),
        ],
        "FROM article_bylines b JOIN authors au ON au.id = b.author_id \
         LEFT JOIN media am ON am.id = au.avatar_media_id WHERE b.article_id = a.id",
        "b.position",
    );
    format!("{SUMMARY_COLUMNS}, {bylines} AS bylines_json")
}

/// A byline as the JSON subquery gives it.
#[derive(serde::Deserialize)]
struct BylineRow {
    id: i64,
    slug: String,
    name: String,
    avatar_id: Option<i64>,
    avatar_file_name: Option<String>,
    avatar_mime_type: Option<String>,
    avatar_width: Option<i64>,
    avatar_height: Option<i64>,
    avatar_alt_text: Option<String>,
    avatar_caption: Option<String>,
    avatar_credit: Option<String>,
    avatar_variant_widths: Option<String>,
}

impl From<BylineRow> for AuthorRef {
    fn from(row: BylineRow) -> AuthorRef {
        let avatar = row.avatar_id.map(|id| {
            MediaItem {
                id,
                file_name: row.avatar_file_name.unwrap_or_default(),
                mime_type: row.avatar_mime_type.unwrap_or_default(),
                width: row.avatar_width.unwrap_or(0),
                height: row.avatar_height.unwrap_or(0),
                alt_text: row.avatar_alt_text.unwrap_or_default(),
                caption: row.avatar_caption.unwrap_or_default(),
                credit: row.avatar_credit.unwrap_or_default(),
                widths: Vec::new(),
                stem: None,
            }
            .with_variants(row.avatar_variant_widths.as_deref().unwrap_or(""))
        });
        AuthorRef {
            id: row.id,
            slug: row.slug,
            name: row.name,
            avatar,
        }
    }
}

/// Parses a JSON column written by a `json_rows` subquery.
fn json_column<T: serde::de::DeserializeOwned>(row: &AnyRow, column: &str) -> StoreResult<Vec<T>> {
    let text: String = row.try_get(column)?;
    serde_json::from_str(&text).map_err(|err| {
        StoreError::Internal(format!("unreadable {column} from the database: {err}"))
    })
}

const SUMMARY_FROM: &str = "FROM articles a \
     LEFT JOIN sections s ON s.id = a.section_id \
     LEFT JOIN media m ON m.id = a.featured_media_id";

fn summary_from_row(row: &AnyRow) -> StoreResult<ArticleSummary> {
    let section = match row.try_get::<Option<i64>, _>("s_id")? {
        Some(id) => Some(SectionRef {
            id,
            slug: row.try_get("s_slug")?,
            name: row.try_get("s_name")?,
        }),
        None => None,
    };
    Ok(ArticleSummary {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        headline: row.try_get("headline")?,
        dek: row.try_get("dek")?,
        published_at: row.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0),
        updated_at: row.try_get("updated_at")?,
        section,
        image: media::media_from_prefixed_row(row, "m_")?,
        bylines: json_column::<BylineRow>(row, "bylines_json")?
            .into_iter()
            .map(AuthorRef::from)
            .collect(),
        comment_count: row.try_get("comment_count")?,
        members_only: row.try_get::<i64, _>("members_only")? != 0,
        front_rank: row.try_get("front_rank")?,
    })
}

impl ArticleStore<'_> {
    /// Adds a correction or update note; an update also sets the "Updated" time readers see.
    pub async fn add_note(&self, article_id: i64, note: &NewNote) -> StoreResult<i64> {
        let text = note.body.trim();
        if text.is_empty() {
            return Err(StoreError::invalid("body", "the note is empty"));
        }
        let mut tx = self.begin_write().await?;
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO article_notes (article_id, kind, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(article_id)
        .bind(note.kind.as_str())
        .bind(text)
        .bind(note.created_at)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE articles SET updated_at = CASE WHEN $1 = 'update' THEN $2 ELSE updated_at END, \
             modified_at = $3 WHERE id = $4",
        )
        .bind(note.kind.as_str())
        .bind(note.created_at)
        .bind(self.now())
        .bind(article_id)
        .execute(&mut *tx)
        .await?;
        self.commit_change(tx, Change::of([Dep::Article(article_id)]))
            .await?;
        Ok(id)
    }

    /// Small editorial changes that do not touch the text (front-page placement,
    /// counters maintained elsewhere).
    pub async fn edit_article(&self, id: i64, edit: &ArticleEdit) -> StoreResult<()> {
        let mut sql = Sql::new("UPDATE articles SET modified_at = ");
        sql.bind(self.now());
        if let Some(rank) = edit.front_rank {
            sql.push(", front_rank = ").bind(rank);
        }
        if let Some(updated) = edit.updated_at {
            sql.push(", updated_at = ").bind(updated);
        }
        if let Some(count) = edit.comment_count {
            sql.push(", comment_count = ").bind(count);
        }
        sql.push(" WHERE id = ").bind(id);
        let mut tx = self.begin_write().await?;
        let done = sql.query().execute(&mut *tx).await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(format!("article {id}")));
        }
        self.commit_change(tx, Change::of([Dep::Article(id), Dep::Latest]))
            .await
    }

    pub async fn article_by_id(&self, id: i64) -> StoreResult<Option<Article>> {
        self.article_where("a.id = $1", id.to_string(), false).await
    }

    /// A published article by its slug.
    pub async fn published_article(&self, slug: &str) -> StoreResult<Option<Article>> {
        let pending = match self.read_cache.article(slug) {
            Ok(article) => return Ok(Some(article)),
            Err(pending) => pending,
        };
        let article = self
            .article_where("a.slug = $1", slug.to_string(), true)
            .await?;
        if let Some(article) = &article {
            self.read_cache.keep_article(pending, article);
        }
        Ok(article)
    }

    async fn article_where(
        &self,
        condition: &str,
        value: String,
        published_only: bool,
    ) -> StoreResult<Option<Article>> {
        let topics = json_rows(
            self.backend,
            &[
                ("id", "t.id"),
                ("slug", "t.slug"),
                ("name", "t.name"),
                ("description", "t.description"),
                ("timeline", "t.timeline"),
                ("explainer_id", "t.explainer_id"),
            ],
            "FROM article_topics x JOIN topics t ON t.id = x.topic_id WHERE x.article_id = a.id",
            "t.name",
        );
        let notes = json_rows(
            self.backend,
            &[
                ("id", "n.id"),
                ("kind", "n.kind"),
                ("body", "n.body"),
                ("created_at", "n.created_at"),
            ],
            "FROM article_notes n WHERE n.article_id = a.id",
            "n.created_at, n.id",
        );
        let sql = format!(
            "SELECT {}, {topics} AS topics_json, {notes} AS notes_json, a.status, a.body_format, \
             a.body_source, a.body_html, a.embeds, a.word_count, a.seo_title, a.seo_description, \
             a.created_at, a.modified_at, a.version, a.comments_open, a.comments_guests {SUMMARY_FROM} WHERE {condition}{}",
            summary_columns(self.backend),
            if published_only {
                " AND a.status = 'published'"
            } else {
                ""
            }
        );
        let query = sqlx::query(&sql);
        let query = match value.parse::<i64>() {
            Ok(id) if condition.starts_with("a.id") => query.bind(id),
            _ => query.bind(value),
        };
        let Some(row) = query.fetch_optional(&self.pool).await? else {
            return Ok(None);
        };
        let summary = summary_from_row(&row)?;
        let embeds_json: String = row.try_get("embeds")?;
        let embeds: Vec<Embed> = serde_json::from_str(&embeds_json).unwrap_or_default();
        let topics: Vec<Topic> = json_column(&row, "topics_json")?;
        let notes: Vec<Note> = json_column(&row, "notes_json")?;
        Ok(Some(Article {
            summary,
            status: crate::dialect::status_column(&row)?,
            body_format: BodyFormat::parse(&row.try_get::<String, _>("body_format")?)
                .unwrap_or(BodyFormat::Html),
            body_source: row.try_get("body_source")?,
            body_html: row.try_get("body_html")?,
            embeds,
            word_count: row.try_get("word_count")?,
            topics,
            notes,
            seo_title: row.try_get("seo_title")?,
            seo_description: row.try_get("seo_description")?,
            created_at: row.try_get("created_at")?,
            modified_at: row.try_get("modified_at")?,
            version: row.try_get("version")?,
            comments: crate::CommentAccess {
                open: row.try_get::<i64, _>("comments_open")? != 0,
                guests: row.try_get::<i64, _>("comments_guests")? != 0,
            },
        }))
    }

    /// Published articles, newest first, with their bylines.
    pub async fn list_articles(&self, filter: &ArticleQuery) -> StoreResult<Vec<ArticleSummary>> {
        let pending = match self.read_cache.list(filter) {
            Ok(list) => return Ok(list),
            Err(pending) => pending,
        };
        let mut sql = Sql::new(format!(
            "SELECT {} {SUMMARY_FROM}",
            summary_columns(self.backend)
        ));
        let membership = if filter.offset == 0 && !filter.front_ranked {
            Membership::Probe
        } else {
            Membership::Collect
        };
        push_filter(&mut sql, filter, membership);
        if filter.front_ranked {
            sql.push(" ORDER BY a.front_rank, a.published_at DESC, a.id DESC");
        } else {
            sql.push(" ORDER BY a.published_at DESC, a.id DESC");
        }
        sql.push(" LIMIT ").bind(i64::from(filter.limit.max(1)));
        sql.push(" OFFSET ")
            .bind(i64::try_from(filter.offset).unwrap_or(i64::MAX));
        let rows = sql.query().fetch_all(&self.pool).await?;
        let list = rows
            .iter()
            .map(summary_from_row)
            .collect::<StoreResult<Vec<_>>>()?;
        self.read_cache.keep_list(pending, &list);
        Ok(list)
    }

    /// How many published articles match (for pagination).
    pub async fn count_articles(&self, filter: &ArticleQuery) -> StoreResult<u64> {
        let pending = match self.read_cache.count(filter) {
            Ok(count) => return Ok(count),
            Err(pending) => pending,
        };
        let mut sql = Sql::new("SELECT COUNT(*) FROM articles a");
        push_filter(&mut sql, filter, Membership::Collect);
        let count: i64 = sql.query_scalar().fetch_one(&self.pool).await?;
        let count = count.max(0) as u64;
        self.read_cache.keep_count(pending, count);
        Ok(count)
    }

    /// A published article's summary by slug, for cards and links.
    pub async fn article_summary(&self, slug: &str) -> StoreResult<Option<ArticleSummary>> {
        let sql = format!(
            "SELECT {} {SUMMARY_FROM} WHERE a.slug = $1 AND a.status = 'published'",
            summary_columns(self.backend)
        );
        let Some(row) = sqlx::query(&sql)
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        Ok(Some(summary_from_row(&row)?))
    }

    /// Published articles' summaries by id, in the order of `ids` (search results).
    pub(crate) async fn published_summaries(
        &self,
        ids: &[i64],
    ) -> StoreResult<Vec<ArticleSummary>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        // SQLite without statistics would walk every published article by the status
        // index to find these few (14 ms at 100,000); `+` keeps it on the primary key.
        let status = match self.backend {
            Backend::Sqlite => "+a.status",
            Backend::Postgres => "a.status",
        };
        let mut sql = Sql::new(format!(
            "SELECT {} {SUMMARY_FROM} WHERE {status} = 'published' AND a.id IN ",
            summary_columns(self.backend)
        ));
        sql.bind_list(ids);
        let rows = sql.query().fetch_all(&self.pool).await?;
        let mut found = rows
            .iter()
            .map(|row| summary_from_row(row).map(|summary| (summary.id, summary)))
            .collect::<StoreResult<std::collections::HashMap<_, _>>>()?;
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    /// Whether a slug belongs to an article in any state (published or not).
    pub async fn article_slug_taken(&self, slug: &str) -> StoreResult<bool> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM articles WHERE slug = $1")
            .bind(slug)
            .fetch_one(&self.pool)
            .await?;
        Ok(count > 0)
    }

    /// The earliest and latest publication times, for archive navigation.
    pub async fn publication_span(&self) -> StoreResult<Option<(i64, i64)>> {
        let row = sqlx::query(
            "SELECT MIN(published_at) AS first, MAX(published_at) AS last FROM articles WHERE status = 'published'",
        )
        .fetch_one(&self.pool)
        .await?;
        let first: Option<i64> = row.try_get("first")?;
        let last: Option<i64> = row.try_get("last")?;
        Ok(first.zip(last))
    }
}

/// How to match an article's topics and bylines. `Probe` checks each article as the
/// newest-first index walk reaches it, which finds the first page at once (related
/// coverage, page 1 of a topic); `Collect` gathers the topic's or author's article ids
/// first, which is cheaper for counting and for deep pages.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Membership {
    Probe,
    Collect,
}

pub(crate) fn push_filter(sql: &mut Sql, filter: &ArticleQuery, membership: Membership) {
    sql.push(" WHERE a.status = 'published'");
    if !filter.sections.is_empty() {
        sql.push(" AND a.section_id IN ")
            .bind_list(&filter.sections);
    }
    let (topics, bylines) = match membership {
        Membership::Probe => (
            " AND EXISTS (SELECT 1 FROM article_topics x WHERE x.article_id = a.id AND x.topic_id IN ",
            " AND EXISTS (SELECT 1 FROM article_bylines x WHERE x.article_id = a.id AND x.author_id = ",
        ),
        Membership::Collect => (
            " AND a.id IN (SELECT article_id FROM article_topics WHERE topic_id IN ",
            " AND a.id IN (SELECT article_id FROM article_bylines WHERE author_id = ",
        ),
    };
    if !filter.topics.is_empty() {
        sql.push(topics).bind_list(&filter.topics).push(")");
    }
    if let Some(author) = filter.author {
        sql.push(bylines).bind(author).push(")");
    }
    if let Some(from) = filter.from {
        sql.push(" AND a.published_at >= ").bind(from);
    }
    if let Some(until) = filter.until {
        sql.push(" AND a.published_at < ").bind(until);
    }
    if let Some((at, id)) = filter.before {
        sql.push(" AND (a.published_at < ")
            .bind(at)
            .push(" OR (a.published_at = ")
            .bind(at)
            .push(" AND a.id < ")
            .bind(id)
            .push("))");
    }
    if !filter.exclude.is_empty() {
        sql.push(" AND a.id NOT IN ").bind_list(&filter.exclude);
    }
    if filter.with_image {
        sql.push(" AND a.featured_media_id IS NOT NULL");
    }
    if filter.front_ranked {
        sql.push(" AND a.front_rank IS NOT NULL");
    }
}

/// The keys a change to a published article touches: its page, every list it is in.
pub(crate) fn article_change(summary: &ArticleSummary, topics: &[Topic]) -> Change {
    let mut deps = vec![Dep::Article(summary.id), Dep::Latest];
    if let Some(section) = &summary.section {
        deps.push(Dep::SectionList(section.id));
    }
    deps.extend(topics.iter().map(|topic| Dep::TopicList(topic.id)));
    deps.extend(
        summary
            .bylines
            .iter()
            .map(|author| Dep::AuthorList(author.id)),
    );
    Change::of(deps)
}
