//! Sections, topics and authors: how articles are filed and who wrote them.

use crate::TaxonomyStore;
use broadsheet_core::slug::Slug;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::dialect::unique_violation;
use crate::error::{StoreError, StoreResult};
use crate::media;
use crate::read::{Author, Section, Topic};
use broadsheet_core::change::{Change, Dep};

#[derive(Debug, Clone)]
pub struct NewSection {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub parent_id: Option<i64>,
    pub position: i64,
}

#[derive(Debug, Clone)]
pub struct NewTopic {
    pub slug: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone)]
pub struct NewAuthor {
    pub slug: String,
    pub name: String,
    pub job_title: String,
    pub bio: String,
    pub avatar_media_id: Option<i64>,
}

pub(crate) fn topic_from_row(row: &AnyRow) -> StoreResult<Topic> {
    Ok(Topic {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        timeline: row.try_get::<i64, _>("timeline")? != 0,
        explainer_id: row.try_get("explainer_id")?,
    })
}

fn section_from_row(row: &AnyRow) -> StoreResult<Section> {
    Ok(Section {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        parent_id: row.try_get("parent_id")?,
        position: row.try_get("position")?,
    })
}

fn author_from_row(row: &AnyRow) -> StoreResult<Author> {
    Ok(Author {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        name: row.try_get("name")?,
        job_title: row.try_get("job_title")?,
        bio: row.try_get("bio")?,
        avatar: media::media_from_prefixed_row(row, "m_")?,
    })
}

fn checked_slug(slug: &str) -> StoreResult<Slug> {
    Slug::parse(slug).map_err(|err| StoreError::Invalid {
        field: "slug",
        message: err.to_string(),
    })
}

fn taken(what: &str, slug: &str) -> impl FnOnce(sqlx::Error) -> StoreError {
    let message = format!("another {what} already uses the slug `{slug}`");
    move |err| match unique_violation(&err) {
        Some(_) => StoreError::Taken {
            field: "slug",
            message,
        },
        None => err.into(),
    }
}

const AUTHOR_SELECT: &str = "SELECT au.id, au.slug, au.name, au.job_title, au.bio, \
     m.id AS m_id, m.file_name AS m_file_name, m.mime_type AS m_mime_type, m.width AS m_width, \
     m.height AS m_height, m.alt_text AS m_alt_text, m.caption AS m_caption, m.credit AS m_credit, \
     m.variant_widths AS m_variant_widths FROM authors au LEFT JOIN media m ON m.id = au.avatar_media_id";

impl TaxonomyStore<'_> {
    pub async fn create_section(&self, section: &NewSection) -> StoreResult<i64> {
        let slug = checked_slug(&section.slug)?;
        if section.name.trim().is_empty() {
            return Err(StoreError::invalid("name", "the section name is empty"));
        }
        let mut tx = self.begin_write().await?;
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO sections (slug, name, description, parent_id, position) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(slug.as_str())
        .bind(section.name.trim())
        .bind(&section.description)
        .bind(section.parent_id)
        .bind(section.position)
        .fetch_one(&mut *tx)
        .await
        .map_err(taken("section", slug.as_str()))?;
        self.commit_change(tx, Change::of([Dep::Navigation, Dep::Section(id)]))
            .await?;
        Ok(id)
    }

    /// Every section, parents before their children, in menu order.
    pub async fn sections(&self) -> StoreResult<Vec<Section>> {
        let rows = sqlx::query(
            "SELECT id, slug, name, description, parent_id, position FROM sections \
             ORDER BY position, name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(section_from_row).collect()
    }

    pub async fn create_topic(&self, topic: &NewTopic) -> StoreResult<i64> {
        let slug = checked_slug(&topic.slug)?;
        let mut tx = self.begin_write().await?;
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO topics (slug, name, description) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(slug.as_str())
        .bind(topic.name.trim())
        .bind(&topic.description)
        .fetch_one(&mut *tx)
        .await
        .map_err(taken("topic", slug.as_str()))?;
        self.commit_change(tx, Change::of([Dep::Topic(id)])).await?;
        Ok(id)
    }

    pub async fn topic_by_slug(&self, slug: &str) -> StoreResult<Option<Topic>> {
        let row = sqlx::query("SELECT id, slug, name, description, timeline, explainer_id FROM topics WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(topic_from_row).transpose()
    }

    pub async fn topics(&self) -> StoreResult<Vec<Topic>> {
        let rows = sqlx::query(
            "SELECT id, slug, name, description, timeline, explainer_id FROM topics ORDER BY name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(topic_from_row).collect()
    }

    pub async fn create_author(&self, author: &NewAuthor) -> StoreResult<i64> {
        let slug = checked_slug(&author.slug)?;
        if author.name.trim().is_empty() {
            return Err(StoreError::invalid("name", "the author's name is empty"));
        }
        let mut tx = self.begin_write().await?;
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO authors (slug, name, job_title, bio, avatar_media_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(slug.as_str())
        .bind(author.name.trim())
        .bind(&author.job_title)
        .bind(&author.bio)
        .bind(author.avatar_media_id)
        .bind(self.now())
        .fetch_one(&mut *tx)
        .await
        .map_err(taken("author", slug.as_str()))?;
        self.commit_change(tx, Change::of([Dep::Author(id)]))
            .await?;
        Ok(id)
    }

    pub async fn author_by_slug(&self, slug: &str) -> StoreResult<Option<Author>> {
        let sql = format!("{AUTHOR_SELECT} WHERE au.slug = $1");
        let row = sqlx::query(&sql)
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(author_from_row).transpose()
    }

    pub async fn authors(&self) -> StoreResult<Vec<Author>> {
        let sql = format!("{AUTHOR_SELECT} ORDER BY au.name");
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
        rows.iter().map(author_from_row).collect()
    }
}
