//! Comments: stored with their moderation status; the article's comment count is kept
//! equal to its approved comments.

use crate::CommentStore;
use broadsheet_core::change::{Change, Dep};
use broadsheet_core::comments::{CommentStatus, MAX_REPLY_DEPTH, ThreadOrder};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::dialect::{Backend, Sql};
use crate::error::{StoreError, StoreResult};

#[derive(Debug, Clone)]
pub struct NewComment {
    pub article_id: i64,
    pub parent_id: Option<i64>,
    pub user_id: Option<i64>,
    /// The reader account it was posted from, if any.
    pub reader_id: Option<i64>,
    pub author_name: String,
    pub author_email: String,
    pub body_source: String,
    pub body_html: String,
    pub status: CommentStatus,
    pub reason: String,
    pub client_hash: String,
}

/// Who may comment on one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CommentAccess {
    /// Comments are open at all.
    pub open: bool,
    /// Guests (name and email, no account) may comment, if the site allows guests.
    pub guests: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    pub id: i64,
    pub article_id: i64,
    pub parent_id: Option<i64>,
    pub author_name: String,
    pub author_email: String,
    pub body_html: String,
    pub status: CommentStatus,
    pub reason: String,
    pub is_staff: bool,
    /// Posted from a reader account that holds a membership tier.
    pub is_member: bool,
    pub created_at: i64,
    pub article_headline: String,
}

/// One step of a comment's chain of parents.
struct Ancestor {
    id: i64,
    article_id: i64,
    approved: bool,
}

/// How long a ban on the client a spammer wrote from lasts.
pub const CLIENT_BAN_SECONDS: i64 = 30 * 86_400;

const SELECT: &str = "SELECT c.id, c.article_id, c.parent_id, c.author_name, c.author_email, c.body_html, \
     c.status, c.reason, c.user_id, c.created_at, a.headline AS article_headline, \
     (SELECT t.level FROM readers r JOIN membership_tiers t ON t.id = r.tier_id WHERE r.id = c.reader_id) AS member_level \
     FROM comments c JOIN articles a ON a.id = c.article_id";

fn comment_from_row(row: &AnyRow) -> StoreResult<Comment> {
    Ok(Comment {
        id: row.try_get("id")?,
        article_id: row.try_get("article_id")?,
        parent_id: row.try_get("parent_id")?,
        author_name: row.try_get("author_name")?,
        author_email: row.try_get("author_email")?,
        body_html: row.try_get("body_html")?,
        status: {
            let status: String = row.try_get("status")?;
            CommentStatus::parse(&status)
                .ok_or_else(|| StoreError::Internal(format!("a comment has status `{status}`")))?
        },
        reason: row.try_get("reason")?,
        is_staff: row.try_get::<Option<i64>, _>("user_id")?.is_some(),
        is_member: row
            .try_get::<Option<i64>, _>("member_level")?
            .is_some_and(|level| level >= 1),
        created_at: row.try_get("created_at")?,
        article_headline: row.try_get("article_headline")?,
    })
}

impl CommentStore<'_> {
    /// Keeps `articles.comment_count` equal to the approved comments, inside `tx`.
    /// Takes the article's row before its comments change, so that transactions
    /// changing comments on one article take turns on PostgreSQL and each recount reads
    /// the others' committed comments (a count inside the UPDATE alone would use a
    /// snapshot from before the wait and miss them). First in the transaction: the
    /// comment insert's own key-share lock on the row would otherwise deadlock with
    /// another transaction's. SQLite's write lock already serialises writers.
    pub(crate) async fn lock_for_recount(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        article_ids: &[i64],
    ) -> StoreResult<()> {
        if self.backend == Backend::Postgres {
            let mut ids = article_ids.to_vec();
            ids.sort_unstable();
            for id in ids {
                sqlx::query("SELECT id FROM articles WHERE id = $1 FOR UPDATE")
                    .bind(id)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        Ok(())
    }

    /// Sets an article's comment count from its approved comments (after
    /// [`Store::lock_for_recount`]).
    pub(crate) async fn recount(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        article_id: i64,
    ) -> StoreResult<()> {
        sqlx::query(
            "UPDATE articles SET comment_count = \
             (SELECT COUNT(*) FROM comments WHERE article_id = $1 AND status = 'approved') WHERE id = $1",
        )
        .bind(article_id)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    pub async fn add_comment(&self, comment: &NewComment) -> StoreResult<i64> {
        let mut comment = comment.clone();
        if let Some(parent) = comment.parent_id {
            let same_article: Option<i64> = sqlx::query_scalar(
                "SELECT article_id FROM comments WHERE id = $1 AND status = 'approved'",
            )
            .bind(parent)
            .fetch_optional(&self.pool)
            .await?;
            if same_article != Some(comment.article_id) {
                return Err(StoreError::Invalid {
                    field: "parent_id",
                    message: "the comment you reply to is not on this article".into(),
                });
            }
            comment.parent_id = Some(self.reply_parent(parent).await?);
        }
        let mut tx = self.begin_write().await?;
        if comment.status == CommentStatus::Approved {
            self.lock_for_recount(&mut tx, &[comment.article_id])
                .await?;
        }
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO comments (article_id, parent_id, user_id, reader_id, author_name, author_email, \
             body_source, body_html, status, reason, client_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(comment.article_id)
        .bind(comment.parent_id)
        .bind(comment.user_id)
        .bind(comment.reader_id)
        .bind(&comment.author_name)
        .bind(&comment.author_email)
        .bind(&comment.body_source)
        .bind(&comment.body_html)
        .bind(comment.status.as_str())
        .bind(&comment.reason)
        .bind(&comment.client_hash)
        .bind(self.now())
        .fetch_one(&mut *tx)
        .await?;
        // Only an approved comment changes what readers see: the article's thread and
        // the cards that show its comment count.
        if comment.status == CommentStatus::Approved {
            self.recount(&mut tx, comment.article_id).await?;
            self.commit_change(tx, Change::of([Dep::Comments(comment.article_id)]))
                .await?;
        } else {
            tx.commit().await?;
        }
        Ok(id)
    }

    /// Where a reply to `parent` goes: under it, unless that would nest deeper than
    /// [`MAX_REPLY_DEPTH`]; then under the deepest ancestor that leaves room.
    async fn reply_parent(&self, parent: i64) -> StoreResult<i64> {
        let chain = self.ancestry(parent).await?;
        // `parent` sits at depth `chain.len() - 1`; a reply at most at MAX_REPLY_DEPTH.
        let too_deep = chain.len().saturating_sub(MAX_REPLY_DEPTH);
        Ok(chain
            .get(too_deep.min(chain.len().saturating_sub(1)))
            .map_or(parent, |link| link.id))
    }

    /// A comment and its ancestors up to its top-level comment (at most
    /// [`MAX_REPLY_DEPTH`] steps up), the comment first: one query, whatever the depth.
    async fn ancestry(&self, comment_id: i64) -> StoreResult<Vec<Ancestor>> {
        let rows = sqlx::query(
            "WITH RECURSIVE up(id, parent_id, article_id, status, steps) AS ( \
             SELECT id, parent_id, article_id, status, 0 FROM comments WHERE id = $1 \
             UNION ALL SELECT c.id, c.parent_id, c.article_id, c.status, up.steps + 1 \
             FROM comments c JOIN up ON c.id = up.parent_id WHERE up.steps < $2) \
             SELECT id, article_id, status FROM up ORDER BY steps",
        )
        .bind(comment_id)
        .bind(MAX_REPLY_DEPTH as i64)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let status: String = row.try_get("status")?;
                Ok(Ancestor {
                    id: row.try_get("id")?,
                    article_id: row.try_get("article_id")?,
                    approved: status == CommentStatus::Approved.as_str(),
                })
            })
            .collect()
    }

    /// One page of an article's thread: `per_page` top-level comments (those whose
    /// parent is not shown) in `order`, each with all its approved replies, and how
    /// many top-level comments there are in all. The page's size depends on the page,
    /// not on the thread's.
    pub async fn comment_threads(
        &self,
        article_id: i64,
        order: ThreadOrder,
        page: u32,
        per_page: u32,
    ) -> StoreResult<(Vec<Comment>, i64)> {
        let key = format!("{article_id} {order:?} {page} {per_page}");
        let pending = match self.read_cache.threads(key) {
            Ok(threads) => return Ok(threads),
            Err(pending) => pending,
        };
        let threads = self.read_threads(article_id, order, page, per_page).await?;
        self.read_cache.keep_threads(pending, article_id, &threads);
        Ok(threads)
    }

    async fn read_threads(
        &self,
        article_id: i64,
        order: ThreadOrder,
        page: u32,
        per_page: u32,
    ) -> StoreResult<(Vec<Comment>, i64)> {
        const TOP_LEVEL: &str = "c.article_id = $1 AND c.status = 'approved' AND NOT EXISTS \
             (SELECT 1 FROM comments p WHERE p.id = c.parent_id AND p.status = 'approved')";
        let threads: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM comments c WHERE {TOP_LEVEL}"
        ))
        .bind(article_id)
        .fetch_one(&self.pool)
        .await?;
        let direction = match order {
            ThreadOrder::Oldest => "ASC",
            ThreadOrder::Newest => "DESC",
        };
        let rows = sqlx::query(&format!(
            "{SELECT} WHERE {TOP_LEVEL} ORDER BY c.id {direction} LIMIT $2 OFFSET $3"
        ))
        .bind(article_id)
        .bind(i64::from(per_page))
        .bind(i64::from(page.saturating_sub(1)) * i64::from(per_page))
        .fetch_all(&self.pool)
        .await?;
        let mut comments: Vec<Comment> = rows
            .iter()
            .map(comment_from_row)
            .collect::<StoreResult<_>>()?;
        if comments.is_empty() {
            return Ok((comments, threads));
        }
        let mut replies =
            Sql::new("WITH RECURSIVE thread(id) AS (SELECT id FROM comments WHERE id IN ");
        replies
            .bind_list(&comments.iter().map(|c| c.id).collect::<Vec<_>>())
            .push(
                " UNION ALL SELECT r.id FROM comments r JOIN thread t ON r.parent_id = t.id \
                 WHERE r.status = 'approved') ",
            )
            .push(SELECT)
            .push(
                " WHERE c.id IN (SELECT id FROM thread) AND c.parent_id IS NOT NULL ORDER BY c.id",
            );
        let rows = replies.query().fetch_all(&self.pool).await?;
        let roots: std::collections::HashSet<i64> = comments.iter().map(|c| c.id).collect();
        for row in &rows {
            let reply = comment_from_row(row)?;
            if !roots.contains(&reply.id) {
                comments.push(reply);
            }
        }
        Ok((comments, threads))
    }

    /// Where an approved comment is shown: its article and the 1-based page of the
    /// oldest-first thread that holds its top-level comment.
    pub async fn comment_page(
        &self,
        comment_id: i64,
        per_page: u32,
    ) -> StoreResult<Option<(i64, u32)>> {
        let chain = self.ancestry(comment_id).await?;
        let Some(comment) = chain.first().filter(|c| c.approved) else {
            return Ok(None);
        };
        // Up to the top-level comment: the first ancestor that is not shown ends the
        // climb (its replies are shown at the top level).
        let top = chain
            .iter()
            .take_while(|link| link.approved)
            .last()
            .unwrap_or(comment);
        let before: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM comments c WHERE c.article_id = $1 AND c.status = 'approved' \
             AND c.id < $2 AND NOT EXISTS \
             (SELECT 1 FROM comments p WHERE p.id = c.parent_id AND p.status = 'approved')",
        )
        .bind(comment.article_id)
        .bind(top.id)
        .fetch_one(&self.pool)
        .await?;
        let page = u32::try_from(before / i64::from(per_page.max(1)) + 1).unwrap_or(u32::MAX);
        Ok(Some((comment.article_id, page)))
    }

    /// An article's approved comments, oldest first.
    pub async fn approved_comments(&self, article_id: i64) -> StoreResult<Vec<Comment>> {
        let sql =
            format!("{SELECT} WHERE c.article_id = $1 AND c.status = 'approved' ORDER BY c.id");
        let rows = sqlx::query(&sql)
            .bind(article_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(comment_from_row).collect()
    }

    /// The moderation queue: comments in a status, newest first.
    pub async fn comments_by_status(
        &self,
        status: CommentStatus,
        limit: i64,
    ) -> StoreResult<Vec<Comment>> {
        let sql = format!("{SELECT} WHERE c.status = $1 ORDER BY c.id DESC LIMIT $2");
        let rows = sqlx::query(&sql)
            .bind(status.as_str())
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(comment_from_row).collect()
    }

    pub async fn comment(&self, id: i64) -> StoreResult<Option<Comment>> {
        let sql = format!("{SELECT} WHERE c.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(comment_from_row).transpose()
    }

    /// Moves comments to a status (approved, rejected, spam) with a reason; the counts
    /// and pages of their articles follow.
    pub async fn moderate_comments(
        &self,
        ids: &[i64],
        status: CommentStatus,
        reason: &str,
    ) -> StoreResult<usize> {
        if ids.is_empty() {
            return Ok(0);
        }
        let mut tx = self.begin_write().await?;
        let moved = self
            .set_comment_status(&mut tx, ids, status, reason)
            .await?;
        self.commit_change(tx, moved.1).await?;
        Ok(moved.0)
    }

    /// Marks comments as spam and bans, in the same transaction, whoever wrote them:
    /// their address, their reader account if they had one, and for
    /// [`CLIENT_BAN_SECONDS`] the client they wrote from (an address alone is changed
    /// in a second).
    pub async fn ban_comment_authors(&self, ids: &[i64], reason: &str) -> StoreResult<usize> {
        if ids.is_empty() {
            return Ok(0);
        }
        let mut tx = self.begin_write().await?;
        for (key, present) in [
            ("'email:' || author_email", "author_email <> ''"),
            ("'client:' || client_hash", "client_hash <> ''"),
            (
                "'reader:' || CAST(reader_id AS TEXT)",
                "reader_id IS NOT NULL",
            ),
        ] {
            let mut ban = Sql::new(format!(
                "INSERT INTO comment_bans (key, reason, created_at) SELECT DISTINCT {key}, "
            ));
            ban.bind_text(reason)
                .push(", ")
                .bind(self.now())
                .push(&format!(" FROM comments WHERE {present} AND id IN "))
                .bind_list(ids)
                .push(
                    " ON CONFLICT (key) DO UPDATE SET reason = excluded.reason, \
                     created_at = excluded.created_at",
                );
            ban.query().execute(&mut *tx).await?;
        }
        let reason = if reason.is_empty() { "banned" } else { reason };
        let moved = self
            .set_comment_status(&mut tx, ids, CommentStatus::Spam, reason)
            .await?;
        self.commit_change(tx, moved.1).await?;
        Ok(moved.0)
    }

    /// Sets the status of comments and recounts their articles, inside `tx`; returns
    /// how many moved and the change to record.
    async fn set_comment_status(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        ids: &[i64],
        status: CommentStatus,
        reason: &str,
    ) -> StoreResult<(usize, Change)> {
        let mut select = Sql::new("SELECT DISTINCT article_id FROM comments WHERE id IN ");
        select.bind_list(ids);
        let articles: Vec<i64> = select.query_scalar().fetch_all(&mut **tx).await?;
        self.lock_for_recount(tx, &articles).await?;
        let mut update = Sql::new("UPDATE comments SET status = ");
        update
            .bind_text(status.as_str())
            .push(", reason = ")
            .bind_text(reason)
            .push(", moderated_at = ")
            .bind(self.now())
            .push(" WHERE id IN ")
            .bind_list(ids);
        let done = update.query().execute(&mut **tx).await?;
        for article in &articles {
            self.recount(tx, *article).await?;
        }
        let deps = articles.iter().map(|a| Dep::Comments(*a));
        Ok((done.rows_affected() as usize, Change::of(deps)))
    }

    /// How many comments a reader account has had approved (trusted commenters). Only
    /// accounts count: their address was proven by a sign-in link, while a guest's
    /// typed address could be anyone's.
    pub async fn approved_comment_count(&self, reader_id: i64) -> StoreResult<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM comments WHERE reader_id = $1 AND status = 'approved'",
        )
        .bind(reader_id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Whether the same text came from the same person or client since `since`.
    pub async fn comment_repeated(
        &self,
        email: &str,
        client_hash: &str,
        text: &str,
        since: i64,
    ) -> StoreResult<bool> {
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM comments WHERE body_source = $1 AND created_at >= $2 \
             AND (author_email = $3 OR client_hash = $4)",
        )
        .bind(text)
        .bind(since)
        .bind(email)
        .bind(client_hash)
        .fetch_one(&self.pool)
        .await?;
        Ok(count > 0)
    }

    /// Whether any of `keys` (`email:…`, `reader:…`, `client:…`) is banned. A client ban
    /// lapses after [`CLIENT_BAN_SECONDS`]: addresses are shared and change hands.
    pub async fn is_banned(&self, keys: &[String]) -> StoreResult<bool> {
        let mut query = Sql::new(
            "SELECT COUNT(*) FROM comment_bans WHERE (key NOT LIKE 'client:%' OR created_at >= ",
        );
        query
            .bind(self.now() - CLIENT_BAN_SECONDS)
            .push(") AND key IN ")
            .bind_text_list(keys);
        let count: i64 = query.query_scalar().fetch_one(&self.pool).await?;
        Ok(count > 0)
    }

    /// Addresses of newsroom users bylined on an article (to tell them of new comments).
    pub async fn byline_user_emails(&self, article_id: i64) -> StoreResult<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT u.email FROM users u JOIN article_bylines b ON b.author_id = u.author_id \
             WHERE b.article_id = $1 AND u.disabled = 0",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Who may comment on an article: the editor's switches.
    pub async fn comment_access(&self, article_id: i64) -> StoreResult<CommentAccess> {
        let row = sqlx::query("SELECT comments_open, comments_guests FROM articles WHERE id = $1")
            .bind(article_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(match row {
            Some(row) => CommentAccess {
                open: row.try_get::<i64, _>("comments_open")? != 0,
                guests: row.try_get::<i64, _>("comments_guests")? != 0,
            },
            None => CommentAccess {
                open: false,
                guests: false,
            },
        })
    }

    pub async fn set_comment_access(
        &self,
        article_id: i64,
        access: CommentAccess,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE articles SET comments_open = $1, comments_guests = $2 WHERE id = $3")
            .bind(i64::from(access.open))
            .bind(i64::from(access.guests))
            .bind(article_id)
            .execute(&mut *tx)
            .await?;
        self.commit_change(tx, Change::of([Dep::Article(article_id)]))
            .await
    }
}
