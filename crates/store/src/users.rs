//! Newsroom accounts, their sign-in sessions, failed sign-ins and password resets.

use crate::UserStore;
use broadsheet_core::email::Email;
use broadsheet_core::role::Role;
use broadsheet_core::secrets::{hash_token, random_token};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::dialect::unique_violation;
use crate::error::{StoreError, StoreResult};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    #[serde(serialize_with = "role_name")]
    pub role: Role,
    pub author_id: Option<i64>,
    pub disabled: bool,
    pub created_at: i64,
    pub last_login_at: Option<i64>,
}

fn role_name<S: serde::Serializer>(role: &Role, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(role.as_str())
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub name: String,
    pub role: Role,
    /// Already hashed (argon2id).
    pub password_hash: String,
    pub author_id: Option<i64>,
}

pub(crate) const USER_COLUMNS: &str =
    "id, email, name, role, author_id, disabled, created_at, last_login_at";

/// The user columns as read through the alias `u` (a join of sessions or tokens to users).
pub(crate) fn user_columns_of_u() -> String {
    USER_COLUMNS
        .split(", ")
        .map(|c| format!("u.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn user_from_row(row: &AnyRow) -> StoreResult<User> {
    let role: String = row.try_get("role")?;
    Ok(User {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        role: Role::parse(&role).ok_or_else(|| {
            StoreError::Internal(format!("unknown role `{role}` in the database"))
        })?,
        author_id: row.try_get("author_id")?,
        disabled: row.try_get::<i64, _>("disabled")? != 0,
        created_at: row.try_get("created_at")?,
        last_login_at: row.try_get("last_login_at")?,
    })
}

/// How long a sign-in lasts without being used, in seconds.
pub const SESSION_IDLE: i64 = 14 * 24 * 3600;

const STAFF_SESSIONS: crate::sessions::Sessions = crate::sessions::Sessions {
    table: "sessions",
    idle: SESSION_IDLE,
    touch_after: 300,
};

impl UserStore<'_> {
    pub async fn create_user(&self, user: &NewUser) -> StoreResult<i64> {
        if user.name.trim().is_empty() {
            return Err(StoreError::Invalid {
                field: "name",
                message: "the name is empty".into(),
            });
        }
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO users (email, name, role, password_hash, author_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(user.email.key())
        .bind(user.name.trim())
        .bind(user.role.as_str())
        .bind(&user.password_hash)
        .bind(user.author_id)
        .bind(self.now())
        .fetch_one(&self.pool)
        .await
        .map_err(|err| match unique_violation(&err) {
            Some(_) => StoreError::Taken {
                field: "email",
                message: format!("there is already an account for {}", user.email),
            },
            None => err.into(),
        })
    }

    pub async fn user(&self, id: i64) -> StoreResult<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// The account and its password hash, for signing in.
    pub async fn user_for_login(&self, email: &Email) -> StoreResult<Option<(User, String)>> {
        let sql = format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE email = $1");
        let row = sqlx::query(&sql)
            .bind(email.key())
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(row) => Ok(Some((user_from_row(&row)?, row.try_get("password_hash")?))),
            None => Ok(None),
        }
    }

    pub async fn users(&self) -> StoreResult<Vec<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY name");
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await?;
        rows.iter().map(user_from_row).collect()
    }

    pub async fn update_user(&self, id: i64, role: Role, disabled: bool) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("UPDATE users SET role = $1, disabled = $2 WHERE id = $3")
            .bind(role.as_str())
            .bind(i64::from(disabled))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(format!("user {id}")));
        }
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn set_password(&self, user_id: i64, password_hash: &str) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        // A new password signs every browser out.
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn count_users(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&self.pool)
            .await?)
    }

    /// Starts a session and returns the token for the cookie (only its hash is stored).
    pub async fn create_session(&self, user_id: i64) -> StoreResult<String> {
        let token = random_token();
        let at = self.now();
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $3)",
        )
        .bind(hash_token(&token))
        .bind(user_id)
        .bind(at)
        .bind(at + SESSION_IDLE)
        .execute(&self.pool)
        .await?;
        sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
            .bind(at)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(token)
    }

    /// The signed-in user of a session token, if the session is live and the account
    /// enabled. Sliding expiry: use keeps a session alive.
    pub async fn session_user(&self, token: &str) -> StoreResult<Option<User>> {
        let sql = format!(
            "SELECT {}, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
            user_columns_of_u()
        );
        self.live_session(&STAFF_SESSIONS, &sql, token)
            .await?
            .as_ref()
            .map(user_from_row)
            .transpose()
    }

    pub async fn end_session(&self, token: &str) -> StoreResult<()> {
        self.end_session_in(&STAFF_SESSIONS, token).await
    }

    /// Signs a user out of every browser.
    pub async fn end_all_sessions(&self, user_id: i64) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Records a failed sign-in under each key (e.g. the address and the IP).
    pub async fn record_login_failure(&self, keys: &[String]) -> StoreResult<()> {
        let at = self.now();
        for key in keys {
            sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
                .bind(key)
                .bind(at)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Failed sign-ins under `key` since `since`.
    pub async fn login_failures(&self, key: &str, since: i64) -> StoreResult<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2")
                .bind(key)
                .bind(since)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    pub async fn clear_login_failures(&self, key: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM login_failures WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A one-time password-reset token, valid for `valid_for` seconds.
    pub async fn create_password_reset(&self, user_id: i64, valid_for: i64) -> StoreResult<String> {
        let token = random_token();
        sqlx::query(
            "INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)",
        )
        .bind(hash_token(&token))
        .bind(user_id)
        .bind(self.now() + valid_for)
        .execute(&self.pool)
        .await?;
        Ok(token)
    }

    /// Uses a reset token: the user it belongs to, once, before it expires.
    pub async fn redeem_password_reset(&self, token: &str) -> StoreResult<Option<i64>> {
        let at = self.now();
        let user: Option<i64> = sqlx::query_scalar(
            "UPDATE password_resets SET used_at = $1 \
             WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
        )
        .bind(at)
        .bind(hash_token(token))
        .fetch_optional(&self.pool)
        .await?;
        Ok(user)
    }

    /// Whether a reset token would still work (for showing the form).
    pub async fn password_reset_valid(&self, token: &str) -> StoreResult<bool> {
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(hash_token(token))
        .bind(self.now())
        .fetch_one(&self.pool)
        .await?;
        Ok(count > 0)
    }
}
