//! What the newsroom's screens list: articles in every state, with filters.

use crate::ArticleStore;
use broadsheet_core::article::Status;
use serde::Serialize;
use sqlx::Row;

use crate::dialect::{Backend, Sql};
use crate::error::StoreResult;

/// Filters of the newsroom's article list. Empty filters do not filter.
#[derive(Debug, Clone, Default)]
pub struct NewsroomQuery {
    pub status: Option<String>,
    pub section_id: Option<i64>,
    /// Articles bylined to this author profile.
    pub author_id: Option<i64>,
    pub topic_id: Option<i64>,
    /// Articles written by this newsroom user.
    pub created_by: Option<i64>,
    /// Words to find (the search index: headline, dek, body, bylines, topics).
    pub text: Option<String>,
    pub limit: u32,
    pub offset: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewsroomArticle {
    pub id: i64,
    pub slug: String,
    pub headline: String,
    pub status: Status,
    pub section: Option<String>,
    pub created_by: Option<i64>,
    pub created_by_name: Option<String>,
    pub published_at: Option<i64>,
    pub scheduled_at: Option<i64>,
    pub modified_at: i64,
    pub version: i64,
}

fn push_filter(sql: &mut Sql, query: &NewsroomQuery, backend: Backend) {
    sql.push(" WHERE 1 = 1");
    if let Some(status) = &query.status {
        // Statuses are a closed set, checked by the caller; bound as text below.
        sql.push(" AND a.status = ").bind_text(status);
    }
    if let Some(section) = query.section_id {
        sql.push(" AND (a.section_id = ")
            .bind(section)
            .push(" OR a.section_id IN (SELECT id FROM sections WHERE parent_id = ")
            .bind(section)
            .push("))");
    }
    if let Some(author) = query.author_id {
        sql.push(" AND a.id IN (SELECT article_id FROM article_bylines WHERE author_id = ")
            .bind(author)
            .push(")");
    }
    if let Some(topic) = query.topic_id {
        sql.push(" AND a.id IN (SELECT article_id FROM article_topics WHERE topic_id = ")
            .bind(topic)
            .push(")");
    }
    if let Some(user) = query.created_by {
        sql.push(" AND a.created_by = ").bind(user);
    }
    if let Some(text) = &query.text {
        crate::search::push_newsroom_match(sql, backend, text);
    }
}

impl ArticleStore<'_> {
    /// Articles in any state, most recently changed first.
    pub async fn newsroom_articles(
        &self,
        query: &NewsroomQuery,
    ) -> StoreResult<Vec<NewsroomArticle>> {
        let mut sql = Sql::new(
            "SELECT a.id, a.slug, a.headline, a.status, s.name AS section, a.created_by, \
             u.name AS created_by_name, a.published_at, a.scheduled_at, a.modified_at, a.version \
             FROM articles a LEFT JOIN sections s ON s.id = a.section_id \
             LEFT JOIN users u ON u.id = a.created_by",
        );
        push_filter(&mut sql, query, self.backend);
        sql.push(" ORDER BY a.modified_at DESC, a.id DESC LIMIT ")
            .bind(i64::from(query.limit.max(1)))
            .push(" OFFSET ")
            .bind(i64::try_from(query.offset).unwrap_or(i64::MAX));
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                Ok(NewsroomArticle {
                    id: row.try_get("id")?,
                    slug: row.try_get("slug")?,
                    headline: row.try_get("headline")?,
                    status: crate::dialect::status_column(row)?,
                    section: row.try_get("section")?,
                    created_by: row.try_get("created_by")?,
                    created_by_name: row.try_get("created_by_name")?,
                    published_at: row.try_get("published_at")?,
                    scheduled_at: row.try_get("scheduled_at")?,
                    modified_at: row.try_get("modified_at")?,
                    version: row.try_get("version")?,
                })
            })
            .collect()
    }

    pub async fn count_newsroom_articles(&self, query: &NewsroomQuery) -> StoreResult<u64> {
        let mut sql = Sql::new("SELECT COUNT(*) FROM articles a");
        push_filter(&mut sql, query, self.backend);
        let count: i64 = sql.query_scalar().fetch_one(&self.pool).await?;
        Ok(count.max(0) as u64)
    }

    /// Who created an article (its owner in the workflow) and its status.
    pub async fn article_owner(&self, id: i64) -> StoreResult<Option<(Option<i64>, String)>> {
        let row = sqlx::query("SELECT created_by, status FROM articles WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(row) => Ok(Some((row.try_get("created_by")?, row.try_get("status")?))),
            None => Ok(None),
        }
    }

    /// The scheduled time of an article, if it is scheduled.
    pub async fn article_scheduled_at(&self, id: i64) -> StoreResult<Option<i64>> {
        let at: Option<Option<i64>> =
            sqlx::query_scalar("SELECT scheduled_at FROM articles WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(at.flatten())
    }
}
