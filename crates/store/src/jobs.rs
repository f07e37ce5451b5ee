//! The durable job queue: work that must happen even if the process restarts or no
//! request arrives (publishing scheduled articles, sending email).
//!
//! Jobs are rows. A worker claims the oldest due job by setting a lease
//! (`locked_until`); PostgreSQL uses `FOR UPDATE SKIP LOCKED` so several workers never
//! take the same job, SQLite serialises writers anyway. A job whose worker died is
//! claimed again when its lease runs out. Failures are retried with exponential backoff
//! and, after the last attempt, kept as `failed` with their error for an operator to see
//! and retry. Jobs with a `unique_key` are enqueued once (idempotent).

use crate::JobStore;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use crate::dialect::Backend;
use crate::error::{StoreError, StoreResult};

/// A job to enqueue.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: String,
    pub payload: String,
    pub run_at: i64,
    pub unique_key: Option<String>,
    pub max_attempts: i64,
}

impl NewJob {
    pub fn new(kind: &str, payload: &impl Serialize, run_at: i64) -> NewJob {
        NewJob {
            kind: kind.to_string(),
            payload: serde_json::to_string(payload).unwrap_or_else(|_| "null".into()),
            run_at,
            unique_key: None,
            max_attempts: 5,
        }
    }

    /// Enqueue at most once under `key` (while the earlier one is queued or running).
    pub fn unique(mut self, key: String) -> NewJob {
        self.unique_key = Some(key);
        self
    }

    pub fn attempts(mut self, max_attempts: i64) -> NewJob {
        self.max_attempts = max_attempts.max(1);
        self
    }
}

/// A claimed job.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub state: String,
    pub run_at: i64,
    pub attempts: i64,
    pub max_attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
}

impl Job {
    pub fn payload<T: serde::de::DeserializeOwned>(&self) -> StoreResult<T> {
        serde_json::from_str(&self.payload).map_err(|err| {
            StoreError::Internal(format!("job {} has an unreadable payload: {err}", self.id))
        })
    }
}

const JOB_COLUMNS: &str =
    "id, kind, payload, state, run_at, attempts, max_attempts, last_error, created_at";

fn job_from_row(row: &AnyRow) -> StoreResult<Job> {
    Ok(Job {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        payload: row.try_get("payload")?,
        state: row.try_get("state")?,
        run_at: row.try_get("run_at")?,
        attempts: row.try_get("attempts")?,
        max_attempts: row.try_get("max_attempts")?,
        last_error: row.try_get("last_error")?,
        created_at: row.try_get("created_at")?,
    })
}

const INSERT_JOB: &str = "INSERT INTO jobs (kind, payload, unique_key, state, run_at, max_attempts, created_at) \
     VALUES ($1, $2, $3, 'queued', $4, $5, $6) \
     ON CONFLICT (unique_key) DO UPDATE SET state = 'queued', run_at = excluded.run_at, \
     attempts = 0, last_error = NULL, payload = excluded.payload \
     WHERE jobs.state IN ('done', 'failed')";

/// Seconds to wait before attempt `attempts + 1`: 30 s, 2 min, 8 min, ... capped at 6 h.
pub fn backoff(attempts: i64) -> i64 {
    let exponent = attempts.clamp(1, 10) as u32 - 1;
    (30 * 4_i64.pow(exponent)).min(6 * 3600)
}

impl JobStore<'_> {
    /// Enqueues inside a caller's transaction, so the job exists exactly if the write does.
    pub(crate) async fn enqueue_in(
        &self,
        tx: &mut Transaction<'_, Any>,
        job: &NewJob,
    ) -> StoreResult<()> {
        sqlx::query(INSERT_JOB)
            .bind(&job.kind)
            .bind(&job.payload)
            .bind(job.unique_key.as_deref())
            .bind(job.run_at)
            .bind(job.max_attempts)
            .bind(self.now())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    pub async fn enqueue(&self, job: &NewJob) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        self.enqueue_in(&mut tx, job).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Claims the oldest due job for `lease` seconds, or `None` when nothing is due.
    pub async fn claim_job(&self, lease: i64) -> StoreResult<Option<Job>> {
        let at = self.now();
        let pick = match self.backend {
            Backend::Sqlite => {
                "SELECT id FROM jobs WHERE (state = 'queued' AND run_at <= $1) \
                 OR (state = 'running' AND locked_until < $1) ORDER BY run_at, id LIMIT 1"
            }
            Backend::Postgres => {
                "SELECT id FROM jobs WHERE (state = 'queued' AND run_at <= $1) \
                 OR (state = 'running' AND locked_until < $1) ORDER BY run_at, id LIMIT 1 \
                 FOR UPDATE SKIP LOCKED"
            }
        };
        let sql = format!(
            "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_until = $2 \
             WHERE id = ({pick}) RETURNING {JOB_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(at)
            .bind(at + lease)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(job_from_row).transpose()
    }

    pub async fn complete_job(&self, id: i64) -> StoreResult<()> {
        sqlx::query(
            "UPDATE jobs SET state = 'done', locked_until = NULL, finished_at = $1 WHERE id = $2",
        )
        .bind(self.now())
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records a failed attempt: retried later with backoff, or kept as failed.
    pub async fn fail_job(&self, job: &Job, error: &str) -> StoreResult<()> {
        let at = self.now();
        let last = job.attempts >= job.max_attempts;
        sqlx::query(
            "UPDATE jobs SET state = $1, run_at = $2, locked_until = NULL, last_error = $3, \
             finished_at = $4 WHERE id = $5",
        )
        .bind(if last { "failed" } else { "queued" })
        .bind(at + backoff(job.attempts))
        .bind(error)
        .bind(last.then_some(at))
        .bind(job.id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// When the next queued job is due, if any.
    pub async fn next_job_at(&self) -> StoreResult<Option<i64>> {
        Ok(
            sqlx::query_scalar("SELECT MIN(run_at) FROM jobs WHERE state = 'queued'")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Jobs in a state (`queued`, `running`, `done`, `failed`), newest first.
    pub async fn jobs(&self, state: &str, limit: i64) -> StoreResult<Vec<Job>> {
        let sql =
            format!("SELECT {JOB_COLUMNS} FROM jobs WHERE state = $1 ORDER BY id DESC LIMIT $2");
        let rows = sqlx::query(&sql)
            .bind(state)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(job_from_row).collect()
    }

    /// Makes a queued job due now (tests use it instead of waiting for the backoff).
    #[doc(hidden)]
    pub async fn retry_job_now_for_tests(&self, id: i64) -> StoreResult<()> {
        sqlx::query("UPDATE jobs SET run_at = $1 WHERE id = $2 AND state = 'queued'")
            .bind(self.now())
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Puts a failed job back in the queue, now.
    pub async fn retry_job(&self, id: i64) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE jobs SET state = 'queued', attempts = 0, run_at = $1, last_error = NULL \
             WHERE id = $2 AND state = 'failed'",
        )
        .bind(self.now())
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(format!("failed job {id}")));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), 30);
        assert_eq!(backoff(2), 120);
        assert_eq!(backoff(3), 480);
        assert_eq!(backoff(10), 6 * 3600);
    }
}
