//! What newsroom and reader sessions share: only the token's hash is stored, and use
//! slides the expiry forward.

use crate::UserStore;
use broadsheet_core::secrets::hash_token;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::error::StoreResult;

/// A table of sessions (`token_hash`, `expires_at`, `last_seen_at`).
pub(crate) struct Sessions {
    pub table: &'static str,
    /// How long a session lives without use, in seconds.
    pub idle: i64,
    /// How stale `last_seen_at` may get before it is written again: writing on every
    /// request would put every page view behind the database's one writer.
    pub touch_after: i64,
}

impl UserStore<'_> {
    /// The row `select` finds for a live session (`select` joins the session as `s`,
    /// takes the token hash as `$1` and the time as `$2`, and returns `s.last_seen_at`),
    /// after sliding that session's expiry.
    pub(crate) async fn live_session(
        &self,
        sessions: &Sessions,
        select: &str,
        token: &str,
    ) -> StoreResult<Option<AnyRow>> {
        let at = self.now();
        let hash = hash_token(token);
        let Some(row) = sqlx::query(select)
            .bind(&hash)
            .bind(at)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let last_seen: i64 = row.try_get("last_seen_at")?;
        if at - last_seen > sessions.touch_after {
            sqlx::query(&format!(
                "UPDATE {} SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3",
                sessions.table
            ))
            .bind(at)
            .bind(at + sessions.idle)
            .bind(&hash)
            .execute(&self.pool)
            .await?;
        }
        Ok(Some(row))
    }

    pub(crate) async fn end_session_in(&self, sessions: &Sessions, token: &str) -> StoreResult<()> {
        sqlx::query(&format!(
            "DELETE FROM {} WHERE token_hash = $1",
            sessions.table
        ))
        .bind(hash_token(token))
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
