//! API tokens: made in the newsroom (or with `broadsheet token`), shown once, kept as a
//! hash, revocable. Each acts as a newsroom user, narrowed to its scopes.

use crate::ApiTokenStore;
use broadsheet_core::api_token::{Scopes, TOKEN_PREFIX};
use broadsheet_core::secrets::{hash_token, random_token};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::error::{StoreError, StoreResult};
use crate::users::{User, user_columns_of_u, user_from_row};

/// How often a token's "last used" time is written: a busy integration must not turn
/// every read into a write.
const TOUCH_AFTER: i64 = 60;

/// The longest name a token may have (it labels a row in the newsroom's list).
pub const TOKEN_NAME_MAX_CHARS: usize = 80;

#[derive(Debug, Clone)]
pub struct NewApiToken {
    pub name: String,
    /// The newsroom user the token acts as.
    pub user_id: i64,
    pub scopes: Scopes,
    /// Who made it (`None` from the command line).
    pub created_by: Option<i64>,
    pub expires_at: Option<i64>,
}

/// A token as the newsroom lists it (never its secret).
#[derive(Debug, Clone, Serialize)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    /// The token's first characters, to tell it apart.
    pub hint: String,
    pub user_id: i64,
    pub user_name: String,
    #[serde(serialize_with = "scope_names")]
    pub scopes: Scopes,
    pub created_by_name: Option<String>,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

fn scope_names<S: serde::Serializer>(scopes: &Scopes, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(scopes.iter().map(|scope| scope.as_str()))
}

/// Why a token sent with a request does not sign it in: each is a 401 whose message
/// tells the tool's owner what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenRefusal {
    Unknown,
    Revoked,
    Expired,
    UserDisabled,
}

/// A token that signs a request in: who it acts as and what it may do.
#[derive(Debug, Clone)]
pub struct TokenGrant {
    pub name: String,
    pub user: User,
    pub scopes: Scopes,
    pub expires_at: Option<i64>,
}

fn token_from_row(row: &AnyRow) -> StoreResult<ApiToken> {
    Ok(ApiToken {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        hint: row.try_get("hint")?,
        user_id: row.try_get("user_id")?,
        user_name: row.try_get("user_name")?,
        scopes: Scopes::stored(&row.try_get::<String, _>("scopes")?),
        created_by_name: row.try_get("created_by_name")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        revoked_at: row.try_get("revoked_at")?,
        last_used_at: row.try_get("last_used_at")?,
    })
}

impl ApiTokenStore<'_> {
    /// Makes a token and returns its id and its secret: the only time the secret exists
    /// outside the tool that will use it.
    pub async fn create_token(&self, token: &NewApiToken) -> StoreResult<(i64, String)> {
        let name = token.name.trim();
        if name.is_empty() {
            return Err(StoreError::invalid(
                "name",
                "name the token after the tool that will use it (for example “Wire desk importer”)",
            ));
        }
        if name.chars().count() > TOKEN_NAME_MAX_CHARS {
            return Err(StoreError::invalid(
                "name",
                format!("keep the name under {TOKEN_NAME_MAX_CHARS} characters"),
            ));
        }
        let secret = format!("{TOKEN_PREFIX}{}", random_token());
        let hint: String = secret.chars().take(TOKEN_PREFIX.len() + 6).collect();
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO api_tokens (name, token_hash, hint, user_id, scopes, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(name)
        .bind(hash_token(&secret))
        .bind(&hint)
        .bind(token.user_id)
        .bind(token.scopes.to_text())
        .bind(token.created_by)
        .bind(self.now())
        .bind(token.expires_at)
        .fetch_one(&self.pool)
        .await?;
        Ok((id, secret))
    }

    /// Every token, newest first, revoked ones included (the list is the audit trail).
    pub async fn tokens(&self) -> StoreResult<Vec<ApiToken>> {
        let rows = sqlx::query(
            "SELECT t.id, t.name, t.hint, t.user_id, u.name AS user_name, t.scopes, \
             c.name AS created_by_name, t.created_at, t.expires_at, t.revoked_at, t.last_used_at \
             FROM api_tokens t JOIN users u ON u.id = t.user_id \
             LEFT JOIN users c ON c.id = t.created_by ORDER BY t.id DESC",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(token_from_row).collect()
    }

    /// Revokes a token at once; revoking one already revoked keeps the first time.
    /// Returns whether the token exists.
    pub async fn revoke_token(&self, id: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2",
        )
        .bind(self.now())
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The grant a token's secret carries, or why it carries none.
    pub async fn authenticate(
        &self,
        secret: &str,
    ) -> StoreResult<Result<TokenGrant, TokenRefusal>> {
        let columns = user_columns_of_u();
        let sql = format!(
            "SELECT t.id AS token_id, t.name AS token_name, t.scopes, t.expires_at, t.revoked_at, \
             t.last_used_at, {columns} FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1"
        );
        let Some(row) = sqlx::query(&sql)
            .bind(hash_token(secret))
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(Err(TokenRefusal::Unknown));
        };
        let now = self.now();
        let expires_at: Option<i64> = row.try_get("expires_at")?;
        if row.try_get::<Option<i64>, _>("revoked_at")?.is_some() {
            return Ok(Err(TokenRefusal::Revoked));
        }
        if expires_at.is_some_and(|at| at <= now) {
            return Ok(Err(TokenRefusal::Expired));
        }
        let user = user_from_row(&row)?;
        if user.disabled {
            return Ok(Err(TokenRefusal::UserDisabled));
        }
        let token_id: i64 = row.try_get("token_id")?;
        let last_used: Option<i64> = row.try_get("last_used_at")?;
        if last_used.is_none_or(|at| now - at > TOUCH_AFTER) {
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .bind(now)
                .bind(token_id)
                .execute(&self.pool)
                .await?;
        }
        Ok(Ok(TokenGrant {
            name: row.try_get("token_name")?,
            user,
            scopes: Scopes::stored(&row.try_get::<String, _>("scopes")?),
            expires_at,
        }))
    }
}
