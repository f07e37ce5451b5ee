//! Editing articles in the newsroom: new drafts, saves guarded by a version number, a
//! revision for every save, redirects from old slugs, share links. Status changes are in
//! `workflow.rs`.

use crate::ArticleStore;
use broadsheet_core::article::{Headline, RevisionKind, Status};
use broadsheet_core::body::{BodyFormat, RenderedBody};
use broadsheet_core::change::{Change, Dep};
use broadsheet_core::slug::Slug;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use super::article_change;
use crate::dialect::{Sql, parsed_column, unique_violation};
use crate::error::{StoreError, StoreResult};
use crate::{ArticleDraft, Store};

pub(crate) struct CheckedDraft {
    pub slug: Slug,
    pub rendered: RenderedBody,
    pub embeds_json: String,
}

/// Validates a draft's fields and renders its body (off the async threads).
pub(crate) async fn check_draft(store: &Store, draft: &ArticleDraft) -> StoreResult<CheckedDraft> {
    let headline = Headline::parse(&draft.headline)
        .map_err(|err| StoreError::invalid("headline", err.to_string()))?;
    let headline = headline.as_str();
    let slug = match draft
        .slug
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(slug) => Slug::parse(slug).map_err(|err| StoreError::Invalid {
            field: "slug",
            message: err.to_string(),
        })?,
        None => Slug::from_title(headline),
    };
    let rendered = store
        .render_body(&draft.body_source, draft.body_format)
        .await?;
    let embeds_json = serde_json::to_string(&rendered.embeds)
        .map_err(|err| StoreError::Internal(err.to_string()))?;
    Ok(CheckedDraft {
        slug,
        rendered,
        embeds_json,
    })
}

/// Refuses `slug` if it is the old address of another article (`article_id` is the
/// article being saved, if it exists): readers' links to the renamed article must keep
/// leading to it, not to whatever takes its old address.
pub(crate) async fn check_not_redirected(
    tx: &mut Transaction<'_, Any>,
    slug: &Slug,
    article_id: Option<i64>,
) -> StoreResult<()> {
    let owner: Option<i64> =
        sqlx::query_scalar("SELECT article_id FROM slug_redirects WHERE old_slug = $1")
            .bind(slug.as_str())
            .fetch_optional(&mut **tx)
            .await?;
    match owner {
        Some(owner) if Some(owner) != article_id => Err(StoreError::taken(
            "slug",
            format!(
                "`{slug}` is the old address of another article, and links to it still lead there; choose another slug"
            ),
        )),
        _ => Ok(()),
    }
}

pub(crate) fn slug_taken(slug: &Slug) -> StoreError {
    StoreError::Taken {
        field: "slug",
        message: format!("another article already uses the slug `{slug}`; choose another"),
    }
}

/// The most bylines or topics one article may carry.
pub const MAX_RELATIONS: usize = 50;

/// Refuses a draft that names a section, author, topic or photo that does not exist,
/// naming the field: the newsroom's selects only offer real ones, but the admin API and
/// a stale form can send anything, and a foreign-key failure deep in the write would say
/// nothing useful.
pub(crate) async fn check_references(
    tx: &mut Transaction<'_, Any>,
    draft: &ArticleDraft,
) -> StoreResult<()> {
    // The first of `ids` that `table` does not have (one query for the whole list).
    async fn first_missing(
        tx: &mut Transaction<'_, Any>,
        table: &str,
        ids: &[i64],
    ) -> StoreResult<Option<i64>> {
        if ids.is_empty() {
            return Ok(None);
        }
        let mut sql = Sql::new(format!("SELECT id FROM {table} WHERE id IN "));
        sql.bind_list(ids);
        let found: Vec<i64> = sql.query_scalar().fetch_all(&mut **tx).await?;
        Ok(ids.iter().copied().find(|id| !found.contains(id)))
    }
    let section: Vec<i64> = draft.section_id.into_iter().collect();
    let photo: Vec<i64> = draft.featured_media_id.into_iter().collect();
    for (field, table, ids, what) in [
        ("section_id", "sections", &section, "section"),
        ("featured_media_id", "media", &photo, "photo"),
        ("author_ids", "authors", &draft.author_ids, "author"),
        ("topic_ids", "topics", &draft.topic_ids, "topic"),
    ] {
        if ids.len() > MAX_RELATIONS {
            return Err(StoreError::invalid(
                field,
                format!("an article has at most {MAX_RELATIONS} of these"),
            ));
        }
        if let Some(id) = first_missing(tx, table, ids).await? {
            return Err(StoreError::invalid(
                field,
                format!("there is no {what} {id}"),
            ));
        }
    }
    Ok(())
}

/// Replaces an article's bylines and topics.
pub(crate) async fn write_relations(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    draft: &ArticleDraft,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM article_bylines WHERE article_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM article_topics WHERE article_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    let mut seen = std::collections::HashSet::new();
    for (position, author_id) in draft
        .author_ids
        .iter()
        .filter(|a| seen.insert(**a))
        .enumerate()
    {
        sqlx::query(
            "INSERT INTO article_bylines (article_id, author_id, position) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(author_id)
        .bind(position as i64)
        .execute(&mut **tx)
        .await?;
    }
    for topic_id in &draft.topic_ids {
        sqlx::query(
            "INSERT INTO article_topics (article_id, topic_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(topic_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// One entry of an article's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    pub id: i64,
    pub article_id: i64,
    pub version: i64,
    pub kind: RevisionKind,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    pub created_at: i64,
    pub headline: String,
    pub dek: String,
    pub slug: String,
    pub body_format: BodyFormat,
    pub body_source: String,
    pub section_id: Option<i64>,
    pub topic_ids: Vec<i64>,
    pub author_ids: Vec<i64>,
    pub featured_media_id: Option<i64>,
    pub seo_title: String,
    pub seo_description: String,
}

impl Revision {
    /// The revision as a draft, to restore it.
    pub fn to_draft(&self) -> ArticleDraft {
        ArticleDraft {
            slug: Some(self.slug.clone()).filter(|s| !s.is_empty()),
            headline: self.headline.clone(),
            dek: self.dek.clone(),
            body_format: self.body_format,
            body_source: self.body_source.clone(),
            section_id: self.section_id,
            topic_ids: self.topic_ids.clone(),
            author_ids: self.author_ids.clone(),
            featured_media_id: self.featured_media_id,
            seo_title: self.seo_title.clone(),
            seo_description: self.seo_description.clone(),
            members_only: false,
            created_at: self.created_at,
            created_by: None,
        }
    }
}

fn revision_from_row(row: &AnyRow) -> StoreResult<Revision> {
    let ids = |column: &str| -> StoreResult<Vec<i64>> {
        let text: String = row.try_get(column)?;
        Ok(serde_json::from_str(&text).unwrap_or_default())
    };
    Ok(Revision {
        id: row.try_get("id")?,
        article_id: row.try_get("article_id")?,
        version: row.try_get("version")?,
        kind: parsed_column(row, "kind", RevisionKind::parse)?,
        user_id: row.try_get("user_id")?,
        user_name: row.try_get("user_name")?,
        created_at: row.try_get("created_at")?,
        headline: row.try_get("headline")?,
        dek: row.try_get("dek")?,
        slug: row.try_get("slug")?,
        body_format: parsed_column(row, "body_format", BodyFormat::parse)?,
        body_source: row.try_get("body_source")?,
        section_id: row.try_get("section_id")?,
        topic_ids: ids("topic_ids")?,
        author_ids: ids("author_ids")?,
        featured_media_id: row.try_get("featured_media_id")?,
        seo_title: row.try_get("seo_title")?,
        seo_description: row.try_get("seo_description")?,
    })
}

const REVISION_SELECT: &str = "SELECT r.id, r.article_id, r.version, r.kind, r.user_id, \
     u.name AS user_name, r.created_at, r.headline, r.dek, r.slug, r.body_format, r.body_source, \
     r.section_id, r.topic_ids, r.author_ids, r.featured_media_id, r.seo_title, r.seo_description \
     FROM article_revisions r LEFT JOIN users u ON u.id = r.user_id";

impl ArticleStore<'_> {
    /// Stores what a save wrote (or tried to write, for `conflict`).
    pub(crate) async fn insert_revision<'c, E>(
        &self,
        executor: E,
        article_id: i64,
        version: i64,
        kind: RevisionKind,
        user_id: Option<i64>,
        draft: &ArticleDraft,
    ) -> StoreResult<i64>
    where
        E: sqlx::Executor<'c, Database = Any>,
    {
        let ids = |ids: &[i64]| serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO article_revisions (article_id, version, kind, user_id, created_at, headline, dek, \
             slug, body_format, body_source, section_id, topic_ids, author_ids, featured_media_id, \
             seo_title, seo_description) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
        )
        .bind(article_id)
        .bind(version)
        .bind(kind.as_str())
        .bind(user_id)
        .bind(self.now())
        .bind(draft.headline.trim())
        .bind(draft.dek.trim())
        .bind(draft.slug.clone().unwrap_or_default())
        .bind(draft.body_format.as_str())
        .bind(&draft.body_source)
        .bind(draft.section_id)
        .bind(ids(&draft.topic_ids))
        .bind(ids(&draft.author_ids))
        .bind(draft.featured_media_id)
        .bind(&draft.seo_title)
        .bind(&draft.seo_description)
        .fetch_one(executor)
        .await?)
    }

    /// Saves a new draft. The body is rendered and sanitised now; embed problems do not
    /// stop a draft from being saved, only from being published.
    pub async fn create_article(&self, draft: &ArticleDraft) -> StoreResult<i64> {
        let checked = check_draft(self, draft).await?;
        let mut tx = self.begin_write().await?;
        check_references(&mut tx, draft).await?;
        check_not_redirected(&mut tx, &checked.slug, None).await?;
        let inserted = sqlx::query_scalar::<_, i64>(
            "INSERT INTO articles (slug, headline, dek, body_format, body_source, body_html, embeds, \
             word_count, status, section_id, featured_media_id, seo_title, seo_description, \
             members_only, created_at, modified_at, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16) RETURNING id",
        )
        .bind(checked.slug.as_str())
        .bind(draft.headline.trim())
        .bind(draft.dek.trim())
        .bind(draft.body_format.as_str())
        .bind(&draft.body_source)
        .bind(&checked.rendered.html)
        .bind(&checked.embeds_json)
        .bind(checked.rendered.word_count as i64)
        .bind(Status::Draft.as_str())
        .bind(draft.section_id)
        .bind(draft.featured_media_id)
        .bind(&draft.seo_title)
        .bind(&draft.seo_description)
        .bind(i64::from(draft.members_only))
        .bind(draft.created_at)
        .bind(draft.created_by)
        .fetch_one(&mut *tx)
        .await;
        let id = match inserted {
            Ok(id) => id,
            Err(err) if unique_violation(&err).is_some() => {
                return Err(slug_taken(&checked.slug));
            }
            Err(err) => return Err(err.into()),
        };
        write_relations(&mut tx, id, draft).await?;
        crate::search::index_article(&mut tx, self.backend, id).await?;
        self.insert_revision(&mut *tx, id, 1, RevisionKind::Save, draft.created_by, draft)
            .await?;
        tx.commit().await?;
        // A draft is on no public page yet, so there is nothing to announce.
        Ok(id)
    }

    /// Saves an edit made from `expected_version`. If someone saved in between, nothing is
    /// overwritten: the attempt is kept as a `conflict` revision and `Stale` is returned
    /// with the current version, for a side-by-side view.
    pub async fn save_article(
        &self,
        id: i64,
        draft: &ArticleDraft,
        expected_version: i64,
        user_id: Option<i64>,
        kind: RevisionKind,
    ) -> StoreResult<i64> {
        let checked = check_draft(self, draft).await?;
        let before = self
            .article_by_id(id)
            .await?
            .ok_or_else(|| StoreError::not_found(format!("article {id}")))?;
        let mut draft = draft.clone();
        draft.slug = Some(checked.slug.to_string());
        if before.version != expected_version {
            let conflict = self
                .insert_revision(
                    &self.pool,
                    id,
                    before.version,
                    RevisionKind::Conflict,
                    user_id,
                    &draft,
                )
                .await?;
            return Err(StoreError::Stale {
                current_version: before.version,
                kept_revision: conflict,
            });
        }
        let mut tx = self.begin_write().await?;
        check_references(&mut tx, &draft).await?;
        if before.summary.slug != checked.slug.as_str() {
            check_not_redirected(&mut tx, &checked.slug, Some(id)).await?;
        }
        let updated = sqlx::query(
            "UPDATE articles SET slug = $1, headline = $2, dek = $3, body_format = $4, body_source = $5, \
             body_html = $6, embeds = $7, word_count = $8, section_id = $9, featured_media_id = $10, \
             seo_title = $11, seo_description = $12, members_only = $13, modified_at = $14, \
             version = version + 1 WHERE id = $15 AND version = $16",
        )
        .bind(checked.slug.as_str())
        .bind(draft.headline.trim())
        .bind(draft.dek.trim())
        .bind(draft.body_format.as_str())
        .bind(&draft.body_source)
        .bind(&checked.rendered.html)
        .bind(&checked.embeds_json)
        .bind(checked.rendered.word_count as i64)
        .bind(draft.section_id)
        .bind(draft.featured_media_id)
        .bind(&draft.seo_title)
        .bind(&draft.seo_description)
        .bind(i64::from(draft.members_only))
        .bind(self.now())
        .bind(id)
        .bind(expected_version)
        .execute(&mut *tx)
        .await;
        let updated = match updated {
            Ok(done) => done,
            Err(err) if crate::dialect::unique_violation(&err).is_some() => {
                return Err(slug_taken(&checked.slug));
            }
            Err(err) => return Err(err.into()),
        };
        if updated.rows_affected() == 0 {
            // Lost a race with another save between the check and the update.
            tx.rollback().await?;
            let current = self
                .article_by_id(id)
                .await?
                .map(|a| a.version)
                .unwrap_or(0);
            let conflict = self
                .insert_revision(
                    &self.pool,
                    id,
                    current,
                    RevisionKind::Conflict,
                    user_id,
                    &draft,
                )
                .await?;
            return Err(StoreError::Stale {
                current_version: current,
                kept_revision: conflict,
            });
        }
        write_relations(&mut tx, id, &draft).await?;
        crate::search::index_article(&mut tx, self.backend, id).await?;
        let new_version = expected_version + 1;
        self.insert_revision(&mut *tx, id, new_version, kind, user_id, &draft)
            .await?;
        if before.summary.slug != checked.slug.as_str() {
            // Every address the article was published under keeps working; taking back
            // one of its own old addresses ends that redirect.
            sqlx::query("DELETE FROM slug_redirects WHERE old_slug = $1 AND article_id = $2")
                .bind(checked.slug.as_str())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if before.summary.published_at > 0 {
                sqlx::query(
                    "INSERT INTO slug_redirects (old_slug, article_id) VALUES ($1, $2) \
                     ON CONFLICT (old_slug) DO UPDATE SET article_id = excluded.article_id",
                )
                .bind(&before.summary.slug)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            }
        }
        let mut change = article_change(&before.summary, &before.topics);
        change.deps.extend(
            draft
                .topic_ids
                .iter()
                .map(|t| Dep::TopicList(*t))
                .chain(draft.author_ids.iter().map(|a| Dep::AuthorList(*a)))
                .chain(draft.section_id.map(Dep::SectionList)),
        );
        self.commit_change(tx, change).await?;
        Ok(new_version)
    }

    /// Ends every share link made for an article so far (they carry the generation
    /// they were made in). Unpublishing does the same.
    pub async fn revoke_share_links(&self, id: i64) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE articles SET share_generation = share_generation + 1 WHERE id = $1",
        )
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(format!("article {id}")));
        }
        Ok(())
    }

    /// The generation of share links that open an article now (`None`: no article).
    pub async fn share_generation(&self, id: i64) -> StoreResult<Option<i64>> {
        Ok(
            sqlx::query_scalar::<_, i64>("SELECT share_generation FROM articles WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// An article's history, newest first.
    pub async fn revisions(&self, article_id: i64) -> StoreResult<Vec<Revision>> {
        let sql = format!("{REVISION_SELECT} WHERE r.article_id = $1 ORDER BY r.id DESC");
        let rows = sqlx::query(&sql)
            .bind(article_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(revision_from_row).collect()
    }

    pub async fn revision(&self, id: i64) -> StoreResult<Option<Revision>> {
        let sql = format!("{REVISION_SELECT} WHERE r.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(revision_from_row).transpose()
    }

    /// The status of the article that has (or had) this slug, and its current slug.
    pub async fn article_status_by_slug(
        &self,
        slug: &str,
    ) -> StoreResult<Option<(Status, String)>> {
        let row = sqlx::query(
            "SELECT a.status, a.slug FROM articles a WHERE a.slug = $1 \
             UNION ALL SELECT a.status, a.slug FROM slug_redirects r JOIN articles a ON a.id = r.article_id \
             WHERE r.old_slug = $1",
        )
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let status: String = row.try_get("status")?;
        let current: String = row.try_get("slug")?;
        Ok(Status::parse(&status).map(|status| (status, current)))
    }

    /// Drops what depends on an article everywhere (used after out-of-band changes).
    pub async fn touch_article(&self, id: i64) -> StoreResult<()> {
        let tx = self.begin_write().await?;
        self.commit_change(tx, Change::of([Dep::Article(id), Dep::Latest]))
            .await
    }
}
