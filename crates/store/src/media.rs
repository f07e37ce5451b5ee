//! Media items: files in the media folder, with alt text, caption and credit.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::Store;
use crate::dialect::unique_violation;
use crate::error::{StoreError, StoreResult};
use crate::read::MediaItem;
use broadsheet_core::change::{Change, Dep};

#[derive(Debug, Clone)]
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
}

const MEDIA_COLUMNS: &str = "id, file_name, mime_type, width, height, alt_text, caption, credit";

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
    Ok(Some(MediaItem {
        id,
        file_name: row.try_get(column("file_name").as_str())?,
        mime_type: row.try_get(column("mime_type").as_str())?,
        width: row.try_get(column("width").as_str())?,
        height: row.try_get(column("height").as_str())?,
        alt_text: row.try_get(column("alt_text").as_str())?,
        caption: row.try_get(column("caption").as_str())?,
        credit: row.try_get(column("credit").as_str())?,
    }))
}

impl Store {
    pub async fn create_media(&self, media: &NewMedia) -> StoreResult<i64> {
        if media.file_name.contains("..") || media.file_name.starts_with('/') {
            return Err(StoreError::Invalid(format!(
                "media file name `{}` must be a plain relative path",
                media.file_name
            )));
        }
        let result = sqlx::query_scalar::<_, i64>(
            "INSERT INTO media (file_name, mime_type, width, height, byte_size, content_hash, \
             alt_text, caption, credit, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
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
        .fetch_one(&self.pool)
        .await;
        match result {
            Ok(id) => Ok(id),
            Err(err) if unique_violation(&err).is_some() => Err(StoreError::Conflict {
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

    /// Changes the words that go with a photo; every page showing it is refreshed.
    pub async fn describe_media(
        &self,
        id: i64,
        alt_text: &str,
        caption: &str,
        credit: &str,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
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
