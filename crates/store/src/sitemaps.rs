//! What sitemaps list: published articles by month (and the last two days' for news
//! sitemaps), and when each section, topic, author and page last changed.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::SitemapStore;
use crate::dialect::{Backend, Sql};
use crate::error::StoreResult;
use crate::media::media_from_prefixed_row;
use crate::read::MediaItem;

/// A month's published articles (months are UTC, `YYYY-MM`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMonth {
    pub month: String,
    pub count: u64,
    /// When the newest change to one of them was made (Unix seconds).
    pub last_modified: i64,
}

/// An article as a sitemap lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct SitemapArticle {
    pub id: i64,
    pub slug: String,
    pub headline: String,
    pub published_at: i64,
    /// The last change to what the article says (never earlier than its publication).
    pub modified_at: i64,
    pub image: Option<MediaItem>,
}

/// A listed page with when its content last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    pub id: i64,
    /// A slug, or a static page's path.
    pub key: String,
    pub last_modified: Option<i64>,
}

/// The later of publication and the last edit.
const CHANGED: &str =
    "CASE WHEN a.modified_at > a.published_at THEN a.modified_at ELSE a.published_at END";

fn month_of(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "strftime('%Y-%m', a.published_at, 'unixepoch')",
        Backend::Postgres => "to_char(to_timestamp(a.published_at) AT TIME ZONE 'UTC', 'YYYY-MM')",
    }
}

fn article_from_row(row: &AnyRow) -> StoreResult<SitemapArticle> {
    Ok(SitemapArticle {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        headline: row.try_get("headline")?,
        published_at: row.try_get("published_at")?,
        modified_at: row.try_get("changed")?,
        image: media_from_prefixed_row(row, "m_")?,
    })
}

fn articles_query() -> String {
    format!(
        "SELECT a.id, a.slug, a.headline, a.published_at, {CHANGED} AS changed, \
         m.id AS m_id, m.file_name AS m_file_name, m.mime_type AS m_mime_type, \
         m.width AS m_width, m.height AS m_height, m.alt_text AS m_alt_text, \
         m.caption AS m_caption, m.credit AS m_credit, m.variant_widths AS m_variant_widths \
         FROM articles a LEFT JOIN media m ON m.id = a.featured_media_id \
         WHERE a.status = 'published'"
    )
}

impl SitemapStore<'_> {
    /// Every month with published articles, oldest first.
    pub async fn article_months(&self) -> StoreResult<Vec<ArticleMonth>> {
        let month = month_of(self.backend);
        let rows = sqlx::query(&format!(
            "SELECT {month} AS month, COUNT(*) AS n, MAX({CHANGED}) AS last FROM articles a \
             WHERE a.status = 'published' GROUP BY {month} ORDER BY {month}"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ArticleMonth {
                    month: row.try_get("month")?,
                    count: row.try_get::<i64, _>("n")?.max(0) as u64,
                    last_modified: row.try_get::<Option<i64>, _>("last")?.unwrap_or(0),
                })
            })
            .collect()
    }

    /// When the newest published article came out (an index lookup, not a scan).
    pub async fn newest_publication(&self) -> StoreResult<Option<i64>> {
        Ok(
            sqlx::query_scalar("SELECT MAX(published_at) FROM articles WHERE status = 'published'")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Published articles with `from <= published_at < until`, oldest first.
    pub async fn articles_between(
        &self,
        from: i64,
        until: i64,
        offset: u64,
        limit: u32,
    ) -> StoreResult<Vec<SitemapArticle>> {
        let mut sql = Sql::new(articles_query());
        sql.push(" AND a.published_at >= ")
            .bind(from)
            .push(" AND a.published_at < ")
            .bind(until)
            .push(" ORDER BY a.published_at, a.id LIMIT ")
            .bind(i64::from(limit))
            .push(" OFFSET ")
            .bind(i64::try_from(offset).unwrap_or(i64::MAX));
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter().map(article_from_row).collect()
    }

    /// Articles published at or after `since`, newest first (news sitemaps).
    pub async fn articles_since(&self, since: i64, limit: u32) -> StoreResult<Vec<SitemapArticle>> {
        let mut sql = Sql::new(articles_query());
        sql.push(" AND a.published_at >= ")
            .bind(since)
            .push(" ORDER BY a.published_at DESC, a.id DESC LIMIT ")
            .bind(i64::from(limit));
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter().map(article_from_row).collect()
    }

    /// Sections, topics or authors with the newest publication among their articles.
    pub async fn sections(&self) -> StoreResult<Vec<Dated>> {
        self.dated(
            "SELECT s.id, s.slug AS key, \
             (SELECT MAX(a.published_at) FROM articles a \
              WHERE a.section_id = s.id AND a.status = 'published') AS last \
             FROM sections s ORDER BY s.id",
        )
        .await
    }

    pub async fn topics(&self) -> StoreResult<Vec<Dated>> {
        self.dated(
            "SELECT t.id, t.slug AS key, \
             (SELECT MAX(a.published_at) FROM article_topics x JOIN articles a ON a.id = x.article_id \
              WHERE x.topic_id = t.id AND a.status = 'published') AS last \
             FROM topics t ORDER BY t.id",
        )
        .await
    }

    pub async fn authors(&self) -> StoreResult<Vec<Dated>> {
        self.dated(
            "SELECT au.id, au.slug AS key, \
             (SELECT MAX(a.published_at) FROM article_bylines x JOIN articles a ON a.id = x.article_id \
              WHERE x.author_id = au.id AND a.status = 'published') AS last \
             FROM authors au ORDER BY au.id",
        )
        .await
    }

    /// Published static pages by path, with their last edit.
    pub async fn pages(&self) -> StoreResult<Vec<Dated>> {
        self.dated(
            "SELECT id, path AS key, modified_at AS last FROM pages \
             WHERE status = 'published' ORDER BY path",
        )
        .await
    }

    async fn dated(&self, sql: &str) -> StoreResult<Vec<Dated>> {
        let rows = sqlx::query(sql).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                Ok(Dated {
                    id: row.try_get("id")?,
                    key: row.try_get("key")?,
                    last_modified: row.try_get("last")?,
                })
            })
            .collect()
    }
}
