//! Newsletter subscribers with double opt-in: nothing is sent to an address until its
//! owner confirms through a one-time link.

use crate::NewsletterStore;
use broadsheet_core::secrets::{hash_token, random_token};
use serde::Serialize;
use sqlx::Row;

use crate::error::{StoreError, StoreResult};
use crate::jobs::NewJob;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewsletterList {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subscriber {
    pub id: i64,
    pub email: String,
    pub status: String,
    pub lists: Vec<i64>,
}

/// What a confirmation link turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmation {
    Confirmed(i64),
    AlreadyUsed,
    Expired,
    Unknown,
}

impl NewsletterStore<'_> {
    pub async fn newsletter_lists(&self) -> StoreResult<Vec<NewsletterList>> {
        let rows = sqlx::query(
            "SELECT id, slug, name, description FROM newsletter_lists ORDER BY position, name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(NewsletterList {
                    id: row.try_get("id")?,
                    slug: row.try_get("slug")?,
                    name: row.try_get("name")?,
                    description: row.try_get("description")?,
                })
            })
            .collect()
    }

    /// Records a sign-up and returns the one-time confirmation token to email. The lists
    /// are applied only when the link is used.
    pub async fn request_subscription(
        &self,
        email: &str,
        lists: &[i64],
        valid_for: i64,
    ) -> StoreResult<String> {
        let known: Vec<i64> = self
            .newsletter_lists()
            .await?
            .iter()
            .map(|l| l.id)
            .collect();
        let lists: Vec<i64> = lists
            .iter()
            .copied()
            .filter(|l| known.contains(l))
            .collect();
        if lists.is_empty() {
            return Err(StoreError::Invalid {
                field: "lists",
                message: "choose at least one newsletter".into(),
            });
        }
        let token = random_token();
        let pending =
            serde_json::to_string(&lists).map_err(|err| StoreError::Internal(err.to_string()))?;
        let at = self.now();
        sqlx::query(
            "INSERT INTO subscribers (email, status, pending_lists, confirm_token_hash, confirm_expires_at, created_at) \
             VALUES ($1, 'pending', $2, $3, $4, $5) \
             ON CONFLICT (email) DO UPDATE SET pending_lists = excluded.pending_lists, \
             confirm_token_hash = excluded.confirm_token_hash, confirm_expires_at = excluded.confirm_expires_at, \
             status = CASE WHEN subscribers.status = 'confirmed' THEN 'confirmed' ELSE 'pending' END",
        )
        .bind(email)
        .bind(pending)
        .bind(hash_token(&token))
        .bind(at + valid_for)
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(token)
    }

    /// Uses a confirmation link: once, before it expires.
    pub async fn confirm_subscription(&self, token: &str) -> StoreResult<Confirmation> {
        let hash = hash_token(token);
        let row = sqlx::query(
            "SELECT id, pending_lists, confirm_expires_at FROM subscribers WHERE confirm_token_hash = $1",
        )
        .bind(&hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            // Used tokens are cleared; tell a used link from a mistyped one by its shape.
            return Ok(if token.len() == 43 {
                Confirmation::AlreadyUsed
            } else {
                Confirmation::Unknown
            });
        };
        let id: i64 = row.try_get("id")?;
        let expires: Option<i64> = row.try_get("confirm_expires_at")?;
        if expires.unwrap_or(0) < self.now() {
            return Ok(Confirmation::Expired);
        }
        let lists: String = row.try_get("pending_lists")?;
        let lists: Vec<i64> = serde_json::from_str(&lists).unwrap_or_default();
        let mut tx = self.begin_write().await?;
        let claimed = sqlx::query(
            "UPDATE subscribers SET status = 'confirmed', confirmed_at = $1, confirm_token_hash = NULL, \
             pending_lists = '[]', unsubscribed_at = NULL WHERE id = $2 AND confirm_token_hash = $3",
        )
        .bind(self.now())
        .bind(id)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() == 0 {
            return Ok(Confirmation::AlreadyUsed);
        }
        for list in lists {
            sqlx::query("INSERT INTO subscriptions (subscriber_id, list_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id)
                .bind(list)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Confirmation::Confirmed(id))
    }

    pub async fn subscriber(&self, id: i64) -> StoreResult<Option<Subscriber>> {
        let row = sqlx::query("SELECT id, email, status FROM subscribers WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let lists: Vec<i64> = sqlx::query_scalar(
            "SELECT list_id FROM subscriptions WHERE subscriber_id = $1 ORDER BY list_id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(Some(Subscriber {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            status: row.try_get("status")?,
            lists,
        }))
    }

    pub async fn subscriber_by_email(&self, email: &str) -> StoreResult<Option<Subscriber>> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM subscribers WHERE email = $1")
            .bind(email)
            .fetch_optional(&self.pool)
            .await?;
        match id {
            Some(id) => self.subscriber(id).await,
            None => Ok(None),
        }
    }

    /// Sets the lists of an address already proven to be the reader's (signed in by a
    /// link sent to it): no confirmation email is needed. Returns the subscriber.
    pub async fn set_verified_subscriptions(&self, email: &str, lists: &[i64]) -> StoreResult<i64> {
        let at = self.now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO subscribers (email, status, created_at, confirmed_at) \
             VALUES ($1, 'confirmed', $2, $2) \
             ON CONFLICT (email) DO UPDATE SET status = 'confirmed', pending_lists = '[]', \
             confirm_token_hash = NULL, confirm_expires_at = NULL, \
             confirmed_at = COALESCE(subscribers.confirmed_at, excluded.confirmed_at) \
             RETURNING id",
        )
        .bind(email)
        .bind(at)
        .fetch_one(&self.pool)
        .await?;
        self.set_subscriptions(id, lists).await?;
        Ok(id)
    }

    /// Replaces a confirmed subscriber's lists; none left means unsubscribed.
    pub async fn set_subscriptions(&self, id: i64, lists: &[i64]) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM subscriptions WHERE subscriber_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for list in lists {
            sqlx::query(
                "INSERT INTO subscriptions (subscriber_id, list_id) SELECT $1, id FROM newsletter_lists WHERE id = $2 \
                 ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(list)
            .execute(&mut *tx)
            .await?;
        }
        let status = if lists.is_empty() {
            "unsubscribed"
        } else {
            "confirmed"
        };
        sqlx::query(
            "UPDATE subscribers SET status = $1, unsubscribed_at = CASE WHEN $1 = 'unsubscribed' THEN $2 ELSE NULL END \
             WHERE id = $3 AND status <> 'pending'",
        )
        .bind(status)
        .bind(self.now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Unsubscribes from everything at once (the one-click link in every email).
    pub async fn unsubscribe_all(&self, id: i64) -> StoreResult<bool> {
        let exists = self.subscriber(id).await?.is_some();
        if exists {
            self.set_subscriptions(id, &[]).await?;
            sqlx::query("UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = $1 WHERE id = $2")
                .bind(self.now())
                .bind(id)
                .execute(&self.pool)
                .await?;
        }
        Ok(exists)
    }
}

/// The job kind that delivers one newsletter issue to one subscriber.
/// The job kind that sends an issue to every subscriber of its list, page by page.
pub const FAN_OUT_ISSUE: &str = "fan_out_issue";

/// An issue to send: which list, the email template (`breaking`, `digest`) and what it
/// shows, the same for every subscriber.
#[derive(Debug, Clone)]
pub struct NewIssue {
    pub list_id: i64,
    pub template: String,
    pub subject: String,
    pub article_id: Option<i64>,
    /// One issue per key, whichever node or worker asks first (`breaking:<article>`,
    /// `digest:<date>`).
    pub unique_key: String,
    pub context: serde_json::Value,
}

/// The payload of a `fan_out_issue` job.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FanOut {
    pub issue_id: i64,
    pub list_id: i64,
    pub subject: String,
    pub template: String,
    pub context: serde_json::Value,
}

pub const DELIVER_NEWSLETTER: &str = "deliver_newsletter";

/// A delivery job's payload: the message is built when the issue is queued.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Delivery {
    pub issue_id: i64,
    pub subscriber_id: i64,
    pub email: serde_json::Value,
}

impl NewsletterStore<'_> {
    /// Creates an issue of a list and, in the same transaction, the job that sends it
    /// to every subscriber (`FAN_OUT_ISSUE`, see [`FanOut`]). `None` when an issue with
    /// this `unique_key` exists already (an alert is never sent twice).
    pub async fn create_issue(&self, issue: &NewIssue) -> StoreResult<Option<i64>> {
        let mut tx = self.begin_write().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO newsletter_issues (list_id, kind, subject, article_id, unique_key, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (unique_key) DO NOTHING RETURNING id",
        )
        .bind(issue.list_id)
        .bind(&issue.template)
        .bind(&issue.subject)
        .bind(issue.article_id)
        .bind(&issue.unique_key)
        .bind(self.now())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else { return Ok(None) };
        let fan_out = FanOut {
            issue_id: id,
            list_id: issue.list_id,
            subject: issue.subject.clone(),
            template: issue.template.clone(),
            context: issue.context.clone(),
        };
        let job = NewJob::new(FAN_OUT_ISSUE, &fan_out, self.now()).unique(format!("fan-out:{id}"));
        self.jobs().enqueue_in(&mut tx, &job).await?;
        tx.commit().await?;
        Ok(Some(id))
    }

    /// Up to `limit` confirmed subscribers of a list with ids above `after`, in id order,
    /// with their addresses: one page of a fan-out.
    pub async fn recipients_page(
        &self,
        list_id: i64,
        after: i64,
        limit: i64,
    ) -> StoreResult<Vec<(i64, String)>> {
        let rows = sqlx::query(
            "SELECT s.id, s.email FROM subscribers s JOIN subscriptions x ON x.subscriber_id = s.id \
             WHERE x.list_id = $1 AND s.status = 'confirmed' AND s.id > $2 ORDER BY s.id LIMIT $3",
        )
        .bind(list_id)
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("id")?, row.try_get("email")?)))
            .collect()
    }

    /// Records deliveries of an issue and queues their jobs, in one transaction. Both are
    /// idempotent, so a fan-out that is run again after a crash adds nothing twice.
    pub async fn queue_deliveries(
        &self,
        issue_id: i64,
        deliveries: &[(i64, NewJob)],
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        for (subscriber_id, job) in deliveries {
            sqlx::query(
                "INSERT INTO deliveries (issue_id, subscriber_id, status) VALUES ($1, $2, 'queued') \
                 ON CONFLICT DO NOTHING",
            )
            .bind(issue_id)
            .bind(subscriber_id)
            .execute(&mut *tx)
            .await?;
            self.jobs().enqueue_in(&mut tx, job).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Takes a delivery for sending; `false` when it is sent, or being sent, already
    /// (a retried or duplicated job then sends nothing).
    pub async fn start_delivery(&self, issue_id: i64, subscriber_id: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE deliveries SET status = 'sending' WHERE issue_id = $1 AND subscriber_id = $2 AND status = 'queued'",
        )
        .bind(issue_id)
        .bind(subscriber_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// After the SMTP server answered: sent, or (refused) back in the queue for a retry.
    pub async fn finish_delivery(
        &self,
        issue_id: i64,
        subscriber_id: i64,
        sent: bool,
    ) -> StoreResult<()> {
        sqlx::query(
            "UPDATE deliveries SET status = $1, sent_at = $2 WHERE issue_id = $3 AND subscriber_id = $4",
        )
        .bind(if sent { "sent" } else { "queued" })
        .bind(sent.then(|| self.now()))
        .bind(issue_id)
        .bind(subscriber_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// (queued, sending, sent) counts of an issue.
    pub async fn delivery_counts(&self, issue_id: i64) -> StoreResult<(i64, i64, i64)> {
        let count = |status: &'static str| {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM deliveries WHERE issue_id = $1 AND status = $2",
            )
            .bind(issue_id)
            .bind(status)
            .fetch_one(&self.pool)
        };
        Ok((
            count("queued").await?,
            count("sending").await?,
            count("sent").await?,
        ))
    }
}

/// A subscriber as the subscribers screen lists them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubscriberRow {
    pub id: i64,
    pub email: String,
    pub status: String,
    /// Slugs of the lists they receive.
    pub lists: Vec<String>,
    pub created_at: i64,
    pub confirmed_at: Option<i64>,
    pub unsubscribed_at: Option<i64>,
}

/// Which subscribers to list: part of the address, and a status.
#[derive(Debug, Clone, Default)]
pub struct SubscriberQuery {
    pub search: String,
    pub status: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

/// What importing one address did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    Created,
    /// Waiting for confirmation here: now confirmed, with the imported lists added.
    Confirmed,
    /// Already confirmed here: their choice of lists is theirs and is kept as it is.
    Kept,
    /// The address unsubscribed (at this time) and is not added back: only its owner
    /// can subscribe it again.
    Unsubscribed(Option<i64>),
    /// Its owner deleted their reader account: not added back.
    Erased,
}

/// Rows imported per transaction, so that a large file never holds the database's
/// writer for long.
const IMPORT_BATCH: usize = 500;

impl NewsletterStore<'_> {
    fn subscriber_filter(query: &SubscriberQuery) -> crate::dialect::Sql {
        let mut sql = crate::dialect::Sql::new(" FROM subscribers s WHERE 1 = 1");
        if let Some(pattern) = crate::dialect::contains_pattern(&query.search) {
            sql.push(" AND LOWER(s.email) LIKE ")
                .bind_text(&pattern)
                .push(crate::dialect::LIKE_ESCAPE);
        }
        if let Some(status) = &query.status {
            sql.push(" AND s.status = ").bind_text(status);
        }
        sql
    }

    /// Subscribers matching `query`, newest first, and how many match in all.
    pub async fn subscribers(
        &self,
        query: &SubscriberQuery,
    ) -> StoreResult<(Vec<SubscriberRow>, i64)> {
        let mut count = Self::subscriber_filter(query);
        count.text_prefix("SELECT COUNT(*)");
        let total: i64 = count.query_scalar().fetch_one(&self.pool).await?;
        let mut select = Self::subscriber_filter(query);
        select.text_prefix(
            "SELECT s.id, s.email, s.status, s.created_at, s.confirmed_at, s.unsubscribed_at",
        );
        select
            .push(" ORDER BY s.id DESC LIMIT ")
            .bind(query.limit)
            .push(" OFFSET ")
            .bind(query.offset);
        let rows = select.query().fetch_all(&self.pool).await?;
        let mut subscribers = rows
            .iter()
            .map(|row| {
                Ok(SubscriberRow {
                    id: row.try_get("id")?,
                    email: row.try_get("email")?,
                    status: row.try_get("status")?,
                    lists: Vec::new(),
                    created_at: row.try_get("created_at")?,
                    confirmed_at: row.try_get("confirmed_at")?,
                    unsubscribed_at: row.try_get("unsubscribed_at")?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let ids: Vec<i64> = subscribers.iter().map(|s| s.id).collect();
        if !ids.is_empty() {
            let mut lists = crate::dialect::Sql::new(
                "SELECT x.subscriber_id, l.slug FROM subscriptions x \
                 JOIN newsletter_lists l ON l.id = x.list_id WHERE x.subscriber_id IN ",
            );
            lists.bind_list(&ids).push(" ORDER BY l.position, l.slug");
            for row in lists.query().fetch_all(&self.pool).await? {
                let id: i64 = row.try_get("subscriber_id")?;
                let slug: String = row.try_get("slug")?;
                if let Some(subscriber) = subscribers.iter_mut().find(|s| s.id == id) {
                    subscriber.lists.push(slug);
                }
            }
        }
        Ok((subscribers, total))
    }

    /// How many subscribers have each status.
    pub async fn subscriber_counts(&self) -> StoreResult<Vec<(String, i64)>> {
        let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM subscribers GROUP BY status")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("status")?, row.try_get("n")?)))
            .collect()
    }

    /// Imports addresses whose owners already asked for the newsletters (for example
    /// on the paper's previous service), a batch of rows per transaction.
    pub async fn import_subscribers(
        &self,
        rows: &[(String, Vec<i64>)],
    ) -> StoreResult<Vec<Imported>> {
        let at = self.now();
        let mut outcomes = Vec::with_capacity(rows.len());
        for batch in rows.chunks(IMPORT_BATCH) {
            let mut tx = self.begin_write().await?;
            for (email, lists) in batch {
                let erased: Option<i64> = sqlx::query_scalar(
                    "SELECT erased_at FROM erased_addresses WHERE email_hash = $1",
                )
                .bind(hash_token(email))
                .fetch_optional(&mut *tx)
                .await?;
                let existing = sqlx::query(
                    "SELECT id, status, unsubscribed_at FROM subscribers WHERE email = $1",
                )
                .bind(email)
                .fetch_optional(&mut *tx)
                .await?;
                let (id, outcome) = match existing {
                    None if erased.is_some() => {
                        outcomes.push(Imported::Erased);
                        continue;
                    }
                    None => {
                        let id: i64 = sqlx::query_scalar(
                            "INSERT INTO subscribers (email, status, created_at, confirmed_at) \
                             VALUES ($1, 'confirmed', $2, $2) RETURNING id",
                        )
                        .bind(email)
                        .bind(at)
                        .fetch_one(&mut *tx)
                        .await?;
                        (id, Imported::Created)
                    }
                    Some(row) => match row.try_get::<String, _>("status")?.as_str() {
                        "unsubscribed" => {
                            outcomes.push(Imported::Unsubscribed(row.try_get("unsubscribed_at")?));
                            continue;
                        }
                        "confirmed" => {
                            outcomes.push(Imported::Kept);
                            continue;
                        }
                        _ => {
                            let id: i64 = row.try_get("id")?;
                            sqlx::query(
                                "UPDATE subscribers SET status = 'confirmed', confirmed_at = $1, \
                                 confirm_token_hash = NULL, confirm_expires_at = NULL, \
                                 pending_lists = '[]' WHERE id = $2",
                            )
                            .bind(at)
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                            (id, Imported::Confirmed)
                        }
                    },
                };
                for list in lists {
                    sqlx::query(
                        "INSERT INTO subscriptions (subscriber_id, list_id) VALUES ($1, $2) \
                         ON CONFLICT DO NOTHING",
                    )
                    .bind(id)
                    .bind(list)
                    .execute(&mut *tx)
                    .await?;
                }
                outcomes.push(outcome);
            }
            tx.commit().await?;
        }
        Ok(outcomes)
    }
}
