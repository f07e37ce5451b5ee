//! Editing articles in the newsroom: saves guarded by a version number, a revision for
//! every save, redirects from old slugs, and status changes (publish, schedule,
//! unpublish) with the durable job that publishes a scheduled article on time.

use broadsheet_core::article::{Status, check_publishable};
use broadsheet_core::body::{self, BodyFormat, RenderedBody};
use broadsheet_core::change::{Change, Dep};
use broadsheet_core::slug::Slug;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use crate::articles::article_change;
use crate::error::{StoreError, StoreResult};
use crate::jobs::NewJob;
use crate::read::Article;
use crate::{ArticleDraft, Store, now};

pub(crate) struct CheckedDraft {
    pub slug: Slug,
    pub rendered: RenderedBody,
    pub embeds_json: String,
}

/// Validates a draft's fields and renders its body.
pub(crate) fn check_draft(draft: &ArticleDraft) -> StoreResult<CheckedDraft> {
    let headline = draft.headline.trim();
    if headline.is_empty() {
        return Err(StoreError::Conflict {
            field: "headline",
            message: "the headline is empty".into(),
        });
    }
    if headline.chars().count() > 300 {
        return Err(StoreError::Conflict {
            field: "headline",
            message: "the headline is longer than 300 characters".into(),
        });
    }
    let slug = match draft
        .slug
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(slug) => Slug::parse(slug).map_err(|err| StoreError::Conflict {
            field: "slug",
            message: err.to_string(),
        })?,
        None => Slug::from_title(headline),
    };
    let rendered = body::render(&draft.body_source, draft.body_format);
    let embeds_json = serde_json::to_string(&rendered.embeds)
        .map_err(|err| StoreError::Invalid(err.to_string()))?;
    Ok(CheckedDraft {
        slug,
        rendered,
        embeds_json,
    })
}

pub(crate) fn slug_taken(slug: &Slug) -> StoreError {
    StoreError::Conflict {
        field: "slug",
        message: format!("another article already uses the slug `{slug}`; choose another"),
    }
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

/// Stores what a save wrote (or tried to write, for `conflict`).
pub(crate) async fn insert_revision<'c, E>(
    executor: E,
    article_id: i64,
    version: i64,
    kind: &str,
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
    .bind(kind)
    .bind(user_id)
    .bind(now())
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

/// One entry of an article's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    pub id: i64,
    pub article_id: i64,
    pub version: i64,
    /// `save`, `restore`, or `conflict` (a save refused because it was stale; kept so
    /// nothing typed is lost).
    pub kind: String,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    pub created_at: i64,
    pub headline: String,
    pub dek: String,
    pub slug: String,
    pub body_format: String,
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
            body_format: BodyFormat::parse(&self.body_format).unwrap_or(BodyFormat::Markdown),
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
        kind: row.try_get("kind")?,
        user_id: row.try_get("user_id")?,
        user_name: row.try_get("user_name")?,
        created_at: row.try_get("created_at")?,
        headline: row.try_get("headline")?,
        dek: row.try_get("dek")?,
        slug: row.try_get("slug")?,
        body_format: row.try_get("body_format")?,
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

/// The job kind that publishes a scheduled article.
pub const PUBLISH_SCHEDULED: &str = "publish_scheduled";

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PublishScheduled {
    pub article_id: i64,
    pub at: i64,
}

impl Store {
    /// Saves an edit made from `expected_version`. If someone saved in between, nothing is
    /// overwritten: the attempt is kept as a `conflict` revision and `Stale` is returned
    /// with the current version, for a side-by-side view.
    pub async fn save_article(
        &self,
        id: i64,
        draft: &ArticleDraft,
        expected_version: i64,
        user_id: Option<i64>,
        kind: &str,
    ) -> StoreResult<i64> {
        let checked = check_draft(draft)?;
        let before = self
            .article_by_id(id)
            .await?
            .ok_or_else(|| StoreError::not_found(format!("article {id}")))?;
        let mut draft = draft.clone();
        draft.slug = Some(checked.slug.to_string());
        if before.version != expected_version {
            let conflict =
                insert_revision(&self.pool, id, before.version, "conflict", user_id, &draft)
                    .await?;
            return Err(StoreError::Stale {
                current_version: before.version,
                kept_revision: conflict,
            });
        }
        let mut tx = self.pool.begin().await?;
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
        .bind(now())
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
            drop(tx);
            let current = self
                .article_by_id(id)
                .await?
                .map(|a| a.version)
                .unwrap_or(0);
            let conflict =
                insert_revision(&self.pool, id, current, "conflict", user_id, &draft).await?;
            return Err(StoreError::Stale {
                current_version: current,
                kept_revision: conflict,
            });
        }
        write_relations(&mut tx, id, &draft).await?;
        let new_version = expected_version + 1;
        insert_revision(&mut *tx, id, new_version, kind, user_id, &draft).await?;
        if before.summary.slug != checked.slug.as_str() {
            // Every address the article was published under keeps working.
            sqlx::query("DELETE FROM slug_redirects WHERE old_slug = $1")
                .bind(checked.slug.as_str())
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

    /// Moves an article to `to` (already allowed by the workflow rules). Publishing and
    /// scheduling check that every embed resolves; scheduling queues the job that
    /// publishes it at `at`, which runs also after a restart and with no traffic.
    pub async fn change_status(&self, id: i64, to: Status, at: Option<i64>) -> StoreResult<()> {
        let article = self
            .article_by_id(id)
            .await?
            .ok_or_else(|| StoreError::not_found(format!("article {id}")))?;
        match to {
            Status::Published => return self.publish_article(id, now()).await,
            Status::Scheduled => {
                let at = at.ok_or_else(|| StoreError::Conflict {
                    field: "scheduled_at",
                    message: "choose when to publish".into(),
                })?;
                if at <= now() {
                    return Err(StoreError::Conflict {
                        field: "scheduled_at",
                        message: "that time has passed; choose a time in the future or publish now"
                            .into(),
                    });
                }
                self.check_embeds(&article).await?;
                let mut tx = self.pool.begin().await?;
                sqlx::query("UPDATE articles SET status = $1, scheduled_at = $2, modified_at = $3 WHERE id = $4")
                    .bind(Status::Scheduled.as_str())
                    .bind(at)
                    .bind(now())
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                let job = NewJob::new(
                    PUBLISH_SCHEDULED,
                    &PublishScheduled { article_id: id, at },
                    at,
                )
                .unique(format!("publish:{id}:{at}"));
                crate::jobs::enqueue_in(&mut tx, &job).await?;
                self.commit_change(tx, article_change(&article.summary, &article.topics))
                    .await
            }
            Status::Draft | Status::Pending | Status::Unpublished => {
                let mut tx = self.pool.begin().await?;
                sqlx::query("UPDATE articles SET status = $1, scheduled_at = NULL, modified_at = $2 WHERE id = $3")
                    .bind(to.as_str())
                    .bind(now())
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                self.commit_change(tx, article_change(&article.summary, &article.topics))
                    .await
            }
        }
    }

    async fn check_embeds(&self, article: &Article) -> StoreResult<()> {
        let rendered = body::render(
            &article.body_source,
            BodyFormat::parse(&article.body_format).unwrap_or(BodyFormat::Html),
        );
        let unresolved = self.unresolved_embeds(&rendered.embeds).await?;
        check_publishable(&rendered.problems, unresolved)?;
        Ok(())
    }

    /// Runs a `publish_scheduled` job: publishes the article if it is still scheduled for
    /// that time (it may have been unscheduled or moved since). Idempotent.
    pub async fn publish_if_due(&self, job: &PublishScheduled) -> StoreResult<bool> {
        let row = sqlx::query("SELECT status, scheduled_at FROM articles WHERE id = $1")
            .bind(job.article_id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(false) };
        let status: String = row.try_get("status")?;
        let scheduled_at: Option<i64> = row.try_get("scheduled_at")?;
        if status != Status::Scheduled.as_str() || scheduled_at != Some(job.at) || job.at > now() {
            return Ok(false);
        }
        // The article goes out with the time it was scheduled for.
        self.publish_article(job.article_id, job.at).await?;
        Ok(true)
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
        let tx = self.pool.begin().await?;
        self.commit_change(tx, Change::of([Dep::Article(id), Dep::Latest]))
            .await
    }
}
