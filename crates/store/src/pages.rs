//! Static pages ("About us", "Contact"), arranged in a tree: a child's URL is its
//! parent's URL plus its own slug.

use crate::PageStore;
use broadsheet_core::body::BodyFormat;
use broadsheet_core::embed::Embed;
use broadsheet_core::slug::{RESERVED_PAGE_SLUGS, Slug};
use sqlx::Row;

use crate::dialect::unique_violation;
use crate::error::{StoreError, StoreResult};
use crate::read::{Page, PageLink};
use broadsheet_core::change::{Change, Dep};

#[derive(Debug, Clone)]
pub struct NewPage {
    pub slug: String,
    pub parent_id: Option<i64>,
    pub title: String,
    pub body_format: BodyFormat,
    pub body_source: String,
    pub position: i64,
    pub publish: bool,
}

impl PageStore<'_> {
    pub async fn create_page(&self, page: &NewPage) -> StoreResult<i64> {
        let slug = Slug::parse(&page.slug).map_err(|err| StoreError::Invalid {
            field: "slug",
            message: err.to_string(),
        })?;
        let path = match page.parent_id {
            Some(parent) => {
                let parent_path: Option<String> =
                    sqlx::query_scalar("SELECT path FROM pages WHERE id = $1")
                        .bind(parent)
                        .fetch_optional(&self.pool)
                        .await?;
                let parent_path = parent_path
                    .ok_or_else(|| StoreError::not_found(format!("parent page {parent}")))?;
                format!("{parent_path}/{slug}")
            }
            None => {
                if RESERVED_PAGE_SLUGS.contains(&slug.as_str())
                    || slug.as_str().starts_with(|c: char| c.is_ascii_digit())
                {
                    return Err(StoreError::Invalid {
                        field: "slug",
                        message: format!(
                            "`{slug}` is taken by the site itself (or looks like a date archive); choose another slug"
                        ),
                    });
                }
                slug.to_string()
            }
        };
        let rendered = self
            .render_body(&page.body_source, page.body_format)
            .await?;
        if page.publish {
            let unresolved = self.articles().unresolved_embeds(&rendered.embeds).await?;
            broadsheet_core::article::check_publishable(&rendered.problems, unresolved)?;
        }
        let embeds = serde_json::to_string(&rendered.embeds)
            .map_err(|err| StoreError::Internal(err.to_string()))?;
        let at = self.now();
        let mut tx = self.begin_write().await?;
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO pages (parent_id, slug, path, title, body_format, body_source, body_html, \
             embeds, status, position, published_at, modified_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(page.parent_id)
        .bind(slug.as_str())
        .bind(&path)
        .bind(page.title.trim())
        .bind(page.body_format.as_str())
        .bind(&page.body_source)
        .bind(&rendered.html)
        .bind(embeds)
        .bind(if page.publish { "published" } else { "draft" })
        .bind(page.position)
        .bind(page.publish.then_some(at))
        .bind(at)
        .fetch_one(&mut *tx)
        .await
        .map_err(|err| match unique_violation(&err) {
            Some(_) => StoreError::Taken {
                field: "slug",
                message: format!("another page already has the address /{path}"),
            },
            None => err.into(),
        })?;
        self.commit_change(tx, Change::of([Dep::Page(id), Dep::Navigation]))
            .await?;
        Ok(id)
    }

    /// A published page by its path without slashes at the ends, e.g. `about/staff`.
    pub async fn published_page(&self, path: &str) -> StoreResult<Option<Page>> {
        let row = sqlx::query(
            "SELECT id, parent_id, slug, path, title, body_html, embeds, status, published_at, \
             modified_at FROM pages WHERE path = $1 AND status = 'published'",
        )
        .bind(path)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let embeds: String = row.try_get("embeds")?;
        let embeds: Vec<Embed> = serde_json::from_str(&embeds).unwrap_or_default();
        Ok(Some(Page {
            id: row.try_get("id")?,
            parent_id: row.try_get("parent_id")?,
            slug: row.try_get("slug")?,
            path: row.try_get("path")?,
            title: row.try_get("title")?,
            body_html: row.try_get("body_html")?,
            embeds,
            status: crate::dialect::status_column(&row)?,
            published_at: row.try_get("published_at")?,
            modified_at: row.try_get("modified_at")?,
        }))
    }

    /// Published pages for navigation, parents before children.
    pub async fn page_links(&self) -> StoreResult<Vec<PageLink>> {
        let rows = sqlx::query(
            "SELECT id, parent_id, path, title FROM pages WHERE status = 'published' \
             ORDER BY position, title",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(PageLink {
                    id: row.try_get("id")?,
                    parent_id: row.try_get("parent_id")?,
                    path: row.try_get("path")?,
                    title: row.try_get("title")?,
                })
            })
            .collect()
    }
}
