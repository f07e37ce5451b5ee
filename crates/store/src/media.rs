//! Media items: files in the media folder, with alt text, caption and credit.

use crate::MediaStore;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::dialect::unique_violation;
use crate::error::{StoreError, StoreResult};
use crate::read::MediaItem;
use broadsheet_core::change::{Change, Dep};

#[derive(Debug, Clone, Default)]
pub struct NewMedia {
    /// Path relative to the media folder.
    pub file_name: String,
    pub mime_type: String,
    pub width: u32,
    pub height: u32,
    pub byte_size: u64,
    pub content_hash: Option<String>,
    pub alt_text: String,
    pub caption: String,
    pub credit: String,
    pub created_at: i64,
    /// Comma-separated widths of resized variants (`{stem}-{width}.jpg/.webp`).
    pub variant_widths: String,
    pub uploaded_by: Option<i64>,
    /// Where the untouched upload is kept (outside the served media folder).
    pub original_file: Option<String>,
}

/// A place that shows a media item.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MediaUse {
    pub kind: &'static str,
    pub title: String,
    /// Where to fix it in the newsroom, if anywhere.
    pub link: Option<String>,
}

const MEDIA_COLUMNS: &str =
    "id, file_name, mime_type, width, height, alt_text, caption, credit, variant_widths";

/// A media item from columns named `{prefix}id`, `{prefix}file_name`, ...; `None` when
/// the joined row has no media.
pub(crate) fn media_from_prefixed_row(
    row: &AnyRow,
    prefix: &str,
) -> StoreResult<Option<MediaItem>> {
    let column = |name: &str| format!("{prefix}{name}");
    let Some(id) = row.try_get::<Option<i64>, _>(column("id").as_str())? else {
        return Ok(None);
    };
    Ok(Some(
        MediaItem {
            id,
            file_name: row.try_get(column("file_name").as_str())?,
            mime_type: row.try_get(column("mime_type").as_str())?,
            width: row.try_get(column("width").as_str())?,
            height: row.try_get(column("height").as_str())?,
            alt_text: row.try_get(column("alt_text").as_str())?,
            caption: row.try_get(column("caption").as_str())?,
            credit: row.try_get(column("credit").as_str())?,
            widths: Vec::new(),
            stem: None,
        }
        .with_variants(&row.try_get::<String, _>(column("variant_widths").as_str())?),
    ))
}

impl MediaStore<'_> {
    pub async fn create_media(&self, media: &NewMedia) -> StoreResult<i64> {
        if media.file_name.contains("..") || media.file_name.starts_with('/') {
            return Err(StoreError::Internal(format!(
                "media file name `{}` must be a plain relative path",
                media.file_name
            )));
        }
        let result = sqlx::query_scalar::<_, i64>(
            "INSERT INTO media (file_name, mime_type, width, height, byte_size, content_hash, \
             alt_text, caption, credit, created_at, variant_widths, uploaded_by, original_file) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(&media.file_name)
        .bind(&media.mime_type)
        .bind(i64::from(media.width))
        .bind(i64::from(media.height))
        .bind(i64::try_from(media.byte_size).unwrap_or(i64::MAX))
        .bind(media.content_hash.as_deref())
        .bind(&media.alt_text)
        .bind(&media.caption)
        .bind(&media.credit)
        .bind(media.created_at)
        .bind(&media.variant_widths)
        .bind(media.uploaded_by)
        .bind(media.original_file.as_deref())
        .fetch_one(&self.pool)
        .await;
        match result {
            Ok(id) => Ok(id),
            Err(err) if unique_violation(&err).is_some() => Err(StoreError::Taken {
                field: "file",
                message: format!("a media item already uses the file `{}`", media.file_name),
            }),
            Err(err) => Err(err.into()),
        }
    }

    /// The newest media items, for pickers.
    pub async fn media_items(&self, limit: i64) -> StoreResult<Vec<MediaItem>> {
        let sql = format!("SELECT {MEDIA_COLUMNS} FROM media ORDER BY id DESC LIMIT $1");
        let rows = sqlx::query(&sql).bind(limit).fetch_all(&self.pool).await?;
        rows.iter()
            .filter_map(|row| media_from_prefixed_row(row, "").transpose())
            .collect()
    }

    pub async fn media_item(&self, id: i64) -> StoreResult<Option<MediaItem>> {
        let sql = format!("SELECT {MEDIA_COLUMNS} FROM media WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(row) => media_from_prefixed_row(&row, ""),
            None => Ok(None),
        }
    }

    /// Who uploaded a media item: `None` if there is no such item, `Some(None)` if the
    /// uploader is unknown (seeded, imported, or their account was deleted).
    pub async fn media_uploader(&self, id: i64) -> StoreResult<Option<Option<i64>>> {
        Ok(
            sqlx::query_scalar::<_, Option<i64>>("SELECT uploaded_by FROM media WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Changes the words that go with a photo; every page showing it is refreshed.
    pub async fn describe_media(
        &self,
        id: i64,
        alt_text: &str,
        caption: &str,
        credit: &str,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let done =
            sqlx::query("UPDATE media SET alt_text = $1, caption = $2, credit = $3 WHERE id = $4")
                .bind(alt_text)
                .bind(caption)
                .bind(credit)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(format!("media item {id}")));
        }
        self.commit_change(tx, Change::of([Dep::Media(id)])).await
    }
}

impl MediaStore<'_> {
    /// The item already holding exactly these bytes, if any (duplicate uploads).
    pub async fn media_by_hash(&self, hash: &str) -> StoreResult<Option<MediaItem>> {
        let sql = format!(
            "SELECT {MEDIA_COLUMNS} FROM media WHERE content_hash = $1 ORDER BY id LIMIT 1"
        );
        let row = sqlx::query(&sql)
            .bind(hash)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(row) => media_from_prefixed_row(&row, ""),
            None => Ok(None),
        }
    }

    /// The library, newest first, optionally filtered by words in the alt text,
    /// caption or credit.
    pub async fn list_media(
        &self,
        text: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<(Vec<MediaItem>, i64)> {
        let pattern = text
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| format!("%{}%", t.to_lowercase().replace(['%', '_'], "")));
        let filter = if pattern.is_some() {
            " WHERE LOWER(alt_text) LIKE $1 OR LOWER(caption) LIKE $1 OR LOWER(credit) LIKE $1"
        } else {
            " WHERE $1 = $1"
        };
        let bound = pattern.unwrap_or_default();
        let sql = format!(
            "SELECT {MEDIA_COLUMNS} FROM media{filter} ORDER BY id DESC LIMIT $2 OFFSET $3"
        );
        let rows = sqlx::query(&sql)
            .bind(&bound)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?;
        let items = rows
            .iter()
            .filter_map(|row| media_from_prefixed_row(row, "").transpose())
            .collect::<StoreResult<Vec<_>>>()?;
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM media{filter}"))
            .bind(&bound)
            .fetch_one(&self.pool)
            .await?;
        Ok((items, total))
    }

    /// Every place that shows a media item: featured photos, embeds in article and page
    /// bodies, author portraits.
    pub async fn media_usage(&self, id: i64) -> StoreResult<Vec<MediaUse>> {
        let mut uses = Vec::new();
        let embedded = format!("%\"media_id\":{id},%");
        let rows = sqlx::query(
            "SELECT id, headline, featured_media_id FROM articles \
             WHERE featured_media_id = $1 OR embeds LIKE $2 ORDER BY id",
        )
        .bind(id)
        .bind(&embedded)
        .fetch_all(&self.pool)
        .await?;
        for row in rows {
            let article: i64 = row.try_get("id")?;
            let featured: Option<i64> = row.try_get("featured_media_id")?;
            uses.push(MediaUse {
                kind: if featured == Some(id) {
                    "featured photo of"
                } else {
                    "embedded in"
                },
                title: row.try_get("headline")?,
                link: Some(format!("/admin/articles/{article}")),
            });
        }
        for row in sqlx::query("SELECT title FROM pages WHERE embeds LIKE $1 ORDER BY id")
            .bind(&embedded)
            .fetch_all(&self.pool)
            .await?
        {
            uses.push(MediaUse {
                kind: "embedded in the page",
                title: row.try_get("title")?,
                link: None,
            });
        }
        for row in sqlx::query("SELECT name FROM authors WHERE avatar_media_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&self.pool)
            .await?
        {
            uses.push(MediaUse {
                kind: "portrait of",
                title: row.try_get("name")?,
                link: None,
            });
        }
        Ok(uses)
    }

    /// Deletes a media item; returns the files (relative to the media folder) and the
    /// original upload to remove. Pages that showed it are drawn again without it.
    pub async fn delete_media(&self, id: i64) -> StoreResult<(Vec<String>, Option<String>)> {
        let item = self
            .media_item(id)
            .await?
            .ok_or_else(|| StoreError::not_found(format!("media item {id}")))?;
        let original: Option<Option<String>> =
            sqlx::query_scalar("SELECT original_file FROM media WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        let featured_in: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM articles WHERE featured_media_id = $1")
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM media WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let mut deps: Vec<Dep> = vec![Dep::Media(id)];
        deps.extend(featured_in.into_iter().map(Dep::Article));
        self.commit_change(tx, Change::of(deps)).await?;
        let mut files = vec![item.file_name.clone()];
        if let Some(stem) = &item.stem {
            for width in &item.widths {
                files.push(format!("{stem}-{width}.jpg"));
                files.push(format!("{stem}-{width}.webp"));
            }
        }
        files.sort();
        files.dedup();
        Ok((files, original.flatten()))
    }
}
