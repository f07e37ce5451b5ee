//! Every change of an article's state (workflow steps, the scheduled-publish job,
//! seeding) as one write transaction that checks what it read: see `change_state`.

use broadsheet_core::article::{Status, check_publishable};
use broadsheet_core::body::BodyFormat;
use broadsheet_core::change::{Change, Dep};
use broadsheet_core::role::Role;
use broadsheet_core::workflow::{self, Action, Actor, ScheduleTime};
use sqlx::{Any, Row, Transaction};

use crate::ArticleStore;
use crate::dialect::Backend;
use crate::error::{StoreError, StoreResult};
use crate::jobs::NewJob;

/// The job kind that publishes a scheduled article.
pub const PUBLISH_SCHEDULED: &str = "publish_scheduled";

/// The newsroom user taking a workflow step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaffRef {
    pub user_id: i64,
    pub role: Role,
}

/// How many times a state change starts over when a save changes the body between its
/// render and its write.
const RENDER_ATTEMPTS: usize = 3;

/// What a state change reads of an article before it decides.
struct ArticleState {
    id: i64,
    status: Status,
    version: i64,
    scheduled_at: Option<i64>,
    created_by: Option<i64>,
    body_source: String,
    body_format: BodyFormat,
    section_id: Option<i64>,
}

/// A state change decided by a rule: where the article goes, its publication time if it
/// goes out now, and its slot if it is scheduled.
struct StateMove {
    to: Status,
    at: i64,
    scheduled_at: Option<i64>,
}

impl StateMove {
    /// Whether readers will (or may, on schedule) see the body: it must render cleanly.
    fn goes_out(&self) -> bool {
        matches!(self.to, Status::Published | Status::Scheduled)
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PublishScheduled {
    pub article_id: i64,
    pub at: i64,
}

impl ArticleStore<'_> {
    /// Takes a workflow step on an article as one write transaction: reads the article's
    /// state, applies the workflow rule for `by`, checks that every embed resolves when it
    /// would go out, and moves it only if nothing changed since the read (status and
    /// version). Scheduling queues, in the same transaction, the job that publishes it at
    /// `at`, which runs also after a restart and with no traffic. Returns the new status.
    pub async fn transition_article(
        &self,
        id: i64,
        by: StaffRef,
        action: Action,
        at: Option<i64>,
    ) -> StoreResult<Status> {
        let moved = self
            .change_state(id, |row, now| {
                let to = workflow::transition(
                    Actor::new(by.role, by.user_id, row.created_by),
                    row.status,
                    action,
                )?;
                let scheduled_at = match to {
                    Status::Scheduled => Some(
                        ScheduleTime::parse(at, now)
                            .map_err(|err| StoreError::invalid("scheduled_at", err.to_string()))?
                            .unix(),
                    ),
                    _ => None,
                };
                Ok(Some(StateMove {
                    to,
                    at: now,
                    scheduled_at,
                }))
            })
            .await?;
        moved.ok_or_else(|| StoreError::Internal("a workflow step decided nothing".into()))
    }

    /// Publishes an article at `at` (its first publication time is kept on re-publishing),
    /// whatever its state: for seeding and imports, where no newsroom user acts. Refused,
    /// with every problem listed by line, if an embed is malformed or points at nothing.
    pub async fn publish_article(&self, id: i64, at: i64) -> StoreResult<()> {
        self.change_state(id, |_, _| {
            Ok(Some(StateMove {
                to: Status::Published,
                at,
                scheduled_at: None,
            }))
        })
        .await?;
        Ok(())
    }

    /// Runs a `publish_scheduled` job: publishes the article if it is still scheduled for
    /// that time (it may have been unscheduled or moved since). The check and the move
    /// are one transaction, so an article pulled before the job's write is never
    /// published, and one pulled after it is reported as published to the editor.
    /// Idempotent.
    pub async fn publish_if_due(&self, job: &PublishScheduled) -> StoreResult<bool> {
        let moved = self
            .change_state(job.article_id, |row, now| {
                let due = row.status == Status::Scheduled
                    && row.scheduled_at == Some(job.at)
                    && job.at <= now;
                // The article goes out with the time it was scheduled for.
                Ok(due.then_some(StateMove {
                    to: Status::Published,
                    at: job.at,
                    scheduled_at: None,
                }))
            })
            .await;
        match moved {
            Ok(moved) => Ok(moved.is_some()),
            Err(StoreError::NotFound { .. }) => Ok(false),
            Err(err) => Err(err),
        }
    }

    /// The one way an article's state changes. `decide` is the rule: given the state read
    /// and the time, the move to make (or none). It runs twice: first on a plain read, so
    /// that the body of an article going out is rendered and checked *before* the write
    /// transaction (up to ~75 ms for a 1 MB body, too long to hold SQLite's write lock);
    /// then on the row read inside the transaction, which is what the move is made from.
    /// If a save changed the body in between, the render is stale and it starts over.
    async fn change_state(
        &self,
        id: i64,
        decide: impl Fn(&ArticleState, i64) -> StoreResult<Option<StateMove>>,
    ) -> StoreResult<Option<Status>> {
        for _ in 0..RENDER_ATTEMPTS {
            let seen = self
                .read_state(&mut *self.pool.acquire().await?, id, "")
                .await?;
            let rendered = match decide(&seen, self.now())? {
                Some(plan) if plan.goes_out() => Some(
                    self.render_body(&seen.body_source, seen.body_format)
                        .await?,
                ),
                _ => None,
            };
            let mut tx = self.begin_write().await?;
            let decided = async {
                let row = self.state_for_update(&mut tx, id).await?;
                let Some(plan) = decide(&row, self.now())? else {
                    return Ok(None);
                };
                if plan.goes_out() {
                    let same_body =
                        row.body_source == seen.body_source && row.body_format == seen.body_format;
                    let Some(rendered) = rendered.filter(|_| same_body) else {
                        return Ok(Some((row, None)));
                    };
                    let unresolved = self.unresolved_embeds(&rendered.embeds).await?;
                    check_publishable(&rendered.problems, unresolved)?;
                }
                Ok(Some((row, Some(plan))))
            }
            .await;
            match decided {
                Ok(Some((row, Some(plan)))) => {
                    self.move_article(tx, &row, &plan).await?;
                    return Ok(Some(plan.to));
                }
                // The body changed since it was rendered: start over.
                Ok(Some((_, None))) => tx.rollback().await?,
                // Rolled back at once rather than when the connection is next used: on
                // SQLite the write lock is held until then.
                Ok(None) => {
                    tx.rollback().await?;
                    return Ok(None);
                }
                Err(err) => {
                    tx.rollback().await?;
                    return Err(err);
                }
            }
        }
        Err(StoreError::Moved(
            "the article's text kept changing while it was being published; reload it and try again"
                .into(),
        ))
    }

    /// An article's workflow state, read inside a write transaction. On PostgreSQL the row
    /// stays locked until the transaction ends; on SQLite the transaction holds the
    /// database's write lock already (`begin_write`).
    async fn state_for_update(
        &self,
        tx: &mut Transaction<'static, Any>,
        id: i64,
    ) -> StoreResult<ArticleState> {
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        };
        self.read_state(tx, id, lock).await
    }

    async fn read_state(
        &self,
        connection: &mut sqlx::AnyConnection,
        id: i64,
        lock: &str,
    ) -> StoreResult<ArticleState> {
        let row = sqlx::query(&format!(
            "SELECT status, version, scheduled_at, created_by, body_source, body_format, section_id \
             FROM articles WHERE id = $1{lock}"
        ))
        .bind(id)
        .fetch_optional(connection)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("article {id}")))?;
        let status: String = row.try_get("status")?;
        let format: String = row.try_get("body_format")?;
        Ok(ArticleState {
            id,
            status: Status::parse(&status).ok_or_else(|| {
                StoreError::Internal(format!("article {id} has status `{status}`"))
            })?,
            version: row.try_get("version")?,
            scheduled_at: row.try_get("scheduled_at")?,
            created_by: row.try_get("created_by")?,
            body_source: row.try_get("body_source")?,
            body_format: BodyFormat::parse(&format).unwrap_or(BodyFormat::Html),
            section_id: row.try_get("section_id")?,
        })
    }

    /// Moves the article read as `row` as `plan` says and commits, if its status and
    /// version are still those read. The publication time is kept if it was published
    /// before; `scheduled_at` is set for a scheduled article and cleared otherwise.
    async fn move_article(
        &self,
        mut tx: Transaction<'static, Any>,
        row: &ArticleState,
        plan: &StateMove,
    ) -> StoreResult<()> {
        let to = plan.to;
        let scheduled_at = plan.scheduled_at;
        let published_at = (to == Status::Published).then_some(plan.at);
        let updated = sqlx::query(
            "UPDATE articles SET status = $1, published_at = COALESCE(published_at, $2), \
             scheduled_at = $3, modified_at = $4, version = version + 1, \
             share_generation = share_generation + \
             CASE WHEN $6 = 'published' AND $1 <> 'published' THEN 1 ELSE 0 END \
             WHERE id = $5 AND status = $6 AND version = $7",
        )
        .bind(to.as_str())
        .bind(published_at)
        .bind(scheduled_at)
        .bind(self.now())
        .bind(row.id)
        .bind(row.status.as_str())
        .bind(row.version)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            tx.rollback().await?;
            return Err(StoreError::Moved(
                "the article was changed by someone else meanwhile; reload it and try again".into(),
            ));
        }
        crate::search::note_state(&mut tx, self.backend, row.id).await?;
        if let Some(at) = scheduled_at {
            let job = NewJob::new(
                PUBLISH_SCHEDULED,
                &PublishScheduled {
                    article_id: row.id,
                    at,
                },
                at,
            )
            .unique(format!("publish:{}:{at}", row.id));
            self.jobs().enqueue_in(&mut tx, &job).await?;
        }
        let change = self
            .article_deps_in(&mut tx, row.id, row.section_id)
            .await?;
        self.commit_change(tx, change).await
    }

    /// What a change of the article's state touches, read inside the transaction that
    /// makes it: the article, the stream of latest articles, and the lists it is on.
    async fn article_deps_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        id: i64,
        section_id: Option<i64>,
    ) -> StoreResult<Change> {
        let topics: Vec<i64> =
            sqlx::query_scalar("SELECT topic_id FROM article_topics WHERE article_id = $1")
                .bind(id)
                .fetch_all(&mut **tx)
                .await?;
        let authors: Vec<i64> =
            sqlx::query_scalar("SELECT author_id FROM article_bylines WHERE article_id = $1")
                .bind(id)
                .fetch_all(&mut **tx)
                .await?;
        Ok(Change::of(
            [Dep::Article(id), Dep::Latest]
                .into_iter()
                .chain(section_id.map(Dep::SectionList))
                .chain(topics.into_iter().map(Dep::TopicList))
                .chain(authors.into_iter().map(Dep::AuthorList)),
        ))
    }
}
