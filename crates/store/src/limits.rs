//! What keeps abuse out, shared by every node: spent spam-check answers, rate-limit
//! events, and their pruning.

use crate::LimitStore;
use crate::error::StoreResult;

impl LimitStore<'_> {
    /// Records a spam-check solution; `false` when it was already used (a replay).
    pub async fn use_pow_solution(&self, challenge: &str, expires_at: i64) -> StoreResult<bool> {
        sqlx::query("DELETE FROM pow_used WHERE expires_at < $1")
            .bind(self.now())
            .execute(&self.pool)
            .await?;
        let inserted = sqlx::query(
            "INSERT INTO pow_used (challenge, expires_at) VALUES ($1, $2) ON CONFLICT (challenge) DO NOTHING",
        )
        .bind(challenge)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(inserted.rows_affected() == 1)
    }

    /// Deletes the rate-limit events and failed sign-ins older than `keep_seconds`: no
    /// limit looks back that far, and without pruning a busy client fills the tables.
    /// Returns how many rows went.
    pub async fn prune_rate_records(&self, keep_seconds: i64) -> StoreResult<u64> {
        let before = self.now() - keep_seconds;
        let mut removed = 0;
        for sql in [
            "DELETE FROM rate_events WHERE at < $1",
            "DELETE FROM login_failures WHERE at < $1",
        ] {
            removed += sqlx::query(sql)
                .bind(before)
                .execute(&self.pool)
                .await?
                .rows_affected();
        }
        Ok(removed)
    }

    /// Counts an event under `key` and says how many there were since `since`
    /// (including this one), for rate limits shared by every node.
    pub async fn count_event(&self, key: &str, since: i64) -> StoreResult<i64> {
        sqlx::query("INSERT INTO rate_events (key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(self.now())
            .execute(&self.pool)
            .await?;
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM rate_events WHERE key = $1 AND at >= $2")
                .bind(key)
                .bind(since)
                .fetch_one(&self.pool)
                .await?,
        )
    }
}
