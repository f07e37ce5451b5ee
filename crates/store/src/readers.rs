//! Reader accounts: one-time sign-in links, sessions, membership tiers, and deleting an
//! account with its traces (comments anonymised or deleted, newsletter address removed).

use crate::ReaderStore;
use broadsheet_core::change::{Change, Dep};
use broadsheet_core::email::Email;
use broadsheet_core::secrets::{hash_token, random_token};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::error::{StoreError, StoreResult};

/// A membership tier. Members-only articles need a tier of level 1 or more; paid tiers
/// later are rows with higher levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tier {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub level: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reader {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub created_at: i64,
    pub tier: Option<Tier>,
}

impl Reader {
    /// Whether the reader may read members-only articles.
    pub fn is_member(&self) -> bool {
        self.tier.as_ref().is_some_and(|t| t.level >= 1)
    }
}

/// What a sign-in link is good for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderLink {
    /// Usable: for this address (with its account, if it has one yet).
    Valid {
        email: String,
        return_to: String,
        reader: Option<Reader>,
    },
    Used,
    Expired,
    Unknown,
}

/// How long a reader stays signed in without visiting.
pub const READER_SESSION_IDLE: i64 = 60 * 24 * 3600;
const READER_SESSIONS: crate::sessions::Sessions = crate::sessions::Sessions {
    table: "reader_sessions",
    idle: READER_SESSION_IDLE,
    touch_after: 3600,
};

/// The longest display name.
pub const DISPLAY_NAME_MAX: usize = broadsheet_core::text::DisplayName::MAX_CHARS;

const READER_SELECT: &str = "SELECT r.id, r.email, r.display_name, r.created_at, \
     t.id AS tier_id, t.slug AS tier_slug, t.name AS tier_name, t.description AS tier_description, \
     t.level AS tier_level FROM readers r LEFT JOIN membership_tiers t ON t.id = r.tier_id";

fn reader_from_row(row: &AnyRow) -> StoreResult<Reader> {
    let tier = match row.try_get::<Option<i64>, _>("tier_id")? {
        Some(id) => Some(Tier {
            id,
            slug: row.try_get("tier_slug")?,
            name: row.try_get("tier_name")?,
            description: row.try_get("tier_description")?,
            level: row.try_get("tier_level")?,
        }),
        None => None,
    };
    Ok(Reader {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        created_at: row.try_get("created_at")?,
        tier,
    })
}

/// A display name as stored: trimmed, with inner runs of space made one.
pub fn clean_display_name(name: &str) -> Result<String, StoreError> {
    broadsheet_core::text::DisplayName::parse(name)
        .map(broadsheet_core::text::DisplayName::into_string)
        .map_err(|err| StoreError::invalid("display_name", err.to_string()))
}

impl ReaderStore<'_> {
    pub async fn membership_tiers(&self) -> StoreResult<Vec<Tier>> {
        let rows = sqlx::query(
            "SELECT id, slug, name, description, level FROM membership_tiers ORDER BY level, name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Tier {
                    id: row.try_get("id")?,
                    slug: row.try_get("slug")?,
                    name: row.try_get("name")?,
                    description: row.try_get("description")?,
                    level: row.try_get("level")?,
                })
            })
            .collect()
    }

    pub async fn reader(&self, id: i64) -> StoreResult<Option<Reader>> {
        let sql = format!("{READER_SELECT} WHERE r.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(reader_from_row).transpose()
    }

    pub async fn reader_by_email(&self, email: &str) -> StoreResult<Option<Reader>> {
        let sql = format!("{READER_SELECT} WHERE r.email = $1");
        let row = sqlx::query(&sql)
            .bind(email)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(reader_from_row).transpose()
    }

    /// Records a one-time sign-in link for `email` and returns its token (only the
    /// hash is kept). `return_to` is where the reader goes once signed in.
    pub async fn create_reader_link(
        &self,
        email: &Email,
        return_to: &str,
        valid_for: i64,
    ) -> StoreResult<String> {
        let token = random_token();
        let at = self.now();
        // Old links are of no use to anyone: keep the table small.
        sqlx::query("DELETE FROM reader_links WHERE expires_at < $1")
            .bind(at - 24 * 3600)
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "INSERT INTO reader_links (token_hash, email, return_to, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(hash_token(&token))
        .bind(email.key())
        .bind(return_to)
        .bind(at)
        .bind(at + valid_for)
        .execute(&self.pool)
        .await?;
        Ok(token)
    }

    /// What a sign-in link is good for, without using it (opening the link shows a
    /// button; only pressing it signs in, so mail scanners that open links do not).
    pub async fn reader_link(&self, token: &str) -> StoreResult<ReaderLink> {
        let row = sqlx::query(
            "SELECT email, return_to, expires_at, used_at FROM reader_links WHERE token_hash = $1",
        )
        .bind(hash_token(token))
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(ReaderLink::Unknown);
        };
        if row.try_get::<Option<i64>, _>("used_at")?.is_some() {
            return Ok(ReaderLink::Used);
        }
        if row.try_get::<i64, _>("expires_at")? <= self.now() {
            return Ok(ReaderLink::Expired);
        }
        let email: String = row.try_get("email")?;
        let reader = self.reader_by_email(&email).await?;
        Ok(ReaderLink::Valid {
            email,
            return_to: row.try_get("return_to")?,
            reader,
        })
    }

    /// Uses a sign-in link, once: returns the reader (created with `display_name` and
    /// the open tier if the address has no account yet) and where to go next.
    pub async fn redeem_reader_link(
        &self,
        token: &str,
        display_name: &str,
    ) -> StoreResult<Result<(Reader, String), ReaderLink>> {
        let hash = hash_token(token);
        let at = self.now();
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(
            "UPDATE reader_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
             AND expires_at > $1 RETURNING email, return_to",
        )
        .bind(at)
        .bind(&hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            drop(tx);
            return Ok(Err(self.reader_link(token).await?));
        };
        let email: String = row.try_get("email")?;
        let return_to: String = row.try_get("return_to")?;
        // One link used: the others sent to the address are of no more use.
        sqlx::query("UPDATE reader_links SET used_at = $1 WHERE email = $2 AND used_at IS NULL")
            .bind(at)
            .bind(&email)
            .execute(&mut *tx)
            .await?;
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM readers WHERE email = $1")
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
        let id = match existing {
            Some(id) => id,
            None => {
                let name = clean_display_name(display_name)?;
                let tier: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM membership_tiers WHERE open_signup = 1 ORDER BY level, id LIMIT 1",
                )
                .fetch_optional(&mut *tx)
                .await?;
                // Two links redeemed at once for a new address: the second finds the
                // account the first created.
                let created: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO readers (email, display_name, tier_id, created_at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (email) DO NOTHING RETURNING id",
                )
                .bind(&email)
                .bind(name)
                .bind(tier)
                .bind(at)
                .fetch_optional(&mut *tx)
                .await?;
                match created {
                    Some(id) => id,
                    None => {
                        sqlx::query_scalar("SELECT id FROM readers WHERE email = $1")
                            .bind(&email)
                            .fetch_one(&mut *tx)
                            .await?
                    }
                }
            }
        };
        tx.commit().await?;
        let reader = self
            .reader(id)
            .await?
            .ok_or_else(|| StoreError::not_found(format!("reader {id}")))?;
        Ok(Ok((reader, return_to)))
    }

    /// Starts a reader's session; returns the cookie's token.
    pub async fn create_reader_session(&self, reader_id: i64) -> StoreResult<String> {
        let token = random_token();
        let at = self.now();
        sqlx::query(
            "INSERT INTO reader_sessions (token_hash, reader_id, created_at, expires_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $3)",
        )
        .bind(hash_token(&token))
        .bind(reader_id)
        .bind(at)
        .bind(at + READER_SESSION_IDLE)
        .execute(&self.pool)
        .await?;
        sqlx::query("UPDATE readers SET last_login_at = $1 WHERE id = $2")
            .bind(at)
            .bind(reader_id)
            .execute(&self.pool)
            .await?;
        Ok(token)
    }

    /// The reader signed in with `token`, if the session is live. Use keeps it alive.
    pub async fn session_reader(&self, token: &str) -> StoreResult<Option<Reader>> {
        let sql = format!(
            "{READER_SELECT} JOIN reader_sessions s ON s.reader_id = r.id \
             WHERE s.token_hash = $1 AND s.expires_at > $2"
        )
        .replace("SELECT r.id,", "SELECT s.last_seen_at, r.id,");
        self.users()
            .live_session(&READER_SESSIONS, &sql, token)
            .await?
            .as_ref()
            .map(reader_from_row)
            .transpose()
    }

    pub async fn end_reader_session(&self, token: &str) -> StoreResult<()> {
        self.users().end_session_in(&READER_SESSIONS, token).await
    }

    /// Signs a reader out of every browser (a lost phone).
    pub async fn end_all_reader_sessions(&self, reader_id: i64) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM reader_sessions WHERE reader_id = $1")
            .bind(reader_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Changes the name shown with a reader's comments, on the comments already
    /// published too.
    pub async fn rename_reader(&self, id: i64, display_name: &str) -> StoreResult<String> {
        let name = clean_display_name(display_name)?;
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE readers SET display_name = $1 WHERE id = $2")
            .bind(&name)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let articles: Vec<i64> =
            sqlx::query_scalar("SELECT DISTINCT article_id FROM comments WHERE reader_id = $1")
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
        sqlx::query("UPDATE comments SET author_name = $1 WHERE reader_id = $2")
            .bind(&name)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        self.commit_change(tx, Change::of(articles.into_iter().map(Dep::Article)))
            .await?;
        Ok(name)
    }

    /// Deletes a reader's account, sessions, sign-in links and newsletter address. Their
    /// comments (posted signed in, or as a guest from the same address) are deleted
    /// when `delete_comments`, otherwise kept with the name and address removed.
    /// Returns how many comments were deleted or anonymised.
    pub async fn delete_reader(&self, id: i64, delete_comments: bool) -> StoreResult<u64> {
        let Some(reader) = self.reader(id).await? else {
            return Err(StoreError::not_found(format!("reader {id}")));
        };
        let mut tx = self.begin_write().await?;
        let mine = "(reader_id = $1 OR (author_email = $2 AND user_id IS NULL))";
        let touched: Vec<i64> = if delete_comments {
            sqlx::query_scalar(&format!(
                "DELETE FROM comments WHERE {mine} RETURNING article_id"
            ))
            .bind(id)
            .bind(&reader.email)
            .fetch_all(&mut *tx)
            .await?
        } else {
            sqlx::query_scalar(&format!(
                "UPDATE comments SET author_name = 'Former reader', author_email = '', \
                 client_hash = '', reader_id = NULL WHERE {mine} RETURNING article_id"
            ))
            .bind(id)
            .bind(&reader.email)
            .fetch_all(&mut *tx)
            .await?
        };
        let mut articles = touched.clone();
        articles.sort_unstable();
        articles.dedup();
        self.comments().lock_for_recount(&mut tx, &articles).await?;
        for article in &articles {
            self.comments().recount(&mut tx, *article).await?;
        }
        for sql in [
            "DELETE FROM subscribers WHERE email = $1",
            "DELETE FROM reader_links WHERE email = $1",
        ] {
            sqlx::query(sql)
                .bind(&reader.email)
                .execute(&mut *tx)
                .await?;
        }
        // Only a hash stays, so that an import never subscribes the address again.
        sqlx::query(
            "INSERT INTO erased_addresses (email_hash, erased_at) VALUES ($1, $2) \
             ON CONFLICT (email_hash) DO NOTHING",
        )
        .bind(hash_token(&reader.email))
        .bind(self.now())
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM readers WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        self.commit_change(tx, Change::of(articles.into_iter().map(Dep::Article)))
            .await?;
        Ok(touched.len() as u64)
    }
}

/// A reader as the newsroom's Readers screen lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReaderRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub tier: Option<String>,
    pub tier_id: Option<i64>,
    pub created_at: i64,
    pub last_login_at: Option<i64>,
    pub comments: i64,
}

impl ReaderStore<'_> {
    /// Readers whose address or name contains `search`, newest first, and how many
    /// match in all.
    pub async fn readers(
        &self,
        search: &str,
        limit: i64,
        offset: i64,
    ) -> StoreResult<(Vec<ReaderRow>, i64)> {
        let pattern = crate::dialect::contains_pattern(search).unwrap_or_else(|| "%".into());
        let escape = crate::dialect::LIKE_ESCAPE;
        let filter = format!(
            "FROM readers r LEFT JOIN membership_tiers t ON t.id = r.tier_id \
             WHERE LOWER(r.email) LIKE $1{escape} OR LOWER(r.display_name) LIKE $1{escape}"
        );
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {filter}"))
            .bind(&pattern)
            .fetch_one(&self.pool)
            .await?;
        let rows = sqlx::query(&format!(
            "SELECT r.id, r.email, r.display_name, r.tier_id, t.name AS tier, r.created_at, \
             r.last_login_at, (SELECT COUNT(*) FROM comments c WHERE c.reader_id = r.id) AS comments \
             {filter} ORDER BY r.id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(&pattern)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        let readers = rows
            .iter()
            .map(|row| {
                Ok(ReaderRow {
                    id: row.try_get("id")?,
                    email: row.try_get("email")?,
                    display_name: row.try_get("display_name")?,
                    tier: row.try_get("tier")?,
                    tier_id: row.try_get("tier_id")?,
                    created_at: row.try_get("created_at")?,
                    last_login_at: row.try_get("last_login_at")?,
                    comments: row.try_get("comments")?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok((readers, total))
    }

    /// Gives a reader a tier, or none (`None`): what members-only articles and the
    /// member badge follow.
    pub async fn set_reader_tier(&self, id: i64, tier_id: Option<i64>) -> StoreResult<()> {
        if let Some(tier) = tier_id
            && !self.membership_tiers().await?.iter().any(|t| t.id == tier)
        {
            return Err(StoreError::Invalid {
                field: "tier",
                message: format!("there is no membership tier {tier}"),
            });
        }
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("UPDATE readers SET tier_id = $1 WHERE id = $2")
            .bind(tier_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(format!("reader {id}")));
        }
        // Their comments' member badges change.
        let articles: Vec<i64> =
            sqlx::query_scalar("SELECT DISTINCT article_id FROM comments WHERE reader_id = $1")
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
        self.commit_change(tx, Change::of(articles.into_iter().map(Dep::Article)))
            .await
    }
}
