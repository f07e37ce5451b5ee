//! Who a request to the API is: nobody (the public API), or the newsroom user an API
//! token acts as, narrowed to the token's scopes.
//!
//! A token is sent as `Authorization: Bearer bst_…`. A request without one is a reader's;
//! one with a token that does not sign in (unknown, revoked, expired, its user disabled)
//! is refused with 401 rather than served as a reader's, so a tool with a dead token
//! learns at once instead of silently getting less.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use broadsheet_core::api_token::Scope;
use broadsheet_store::{TokenGrant, TokenRefusal};

use super::ApiError;
use crate::app::AppState;

/// The token a request carries, if any. Every public endpoint takes it, so that a dead
/// token is refused everywhere; some give more to some scopes.
pub struct MaybeToken(pub Option<TokenGrant>);

impl MaybeToken {
    /// Whether members-only articles may be given whole.
    pub fn reads_members_content(&self) -> bool {
        self.0
            .as_ref()
            .is_some_and(|grant| grant.scopes.contains(Scope::MembersContent))
    }
}

/// A token that signed the request in (admin endpoints).
pub struct Token(pub TokenGrant);

impl Token {
    /// Refuses (403) unless the token holds `scope`.
    pub fn require(&self, scope: Scope) -> Result<(), ApiError> {
        if self.0.scopes.contains(scope) {
            Ok(())
        } else {
            Err(ApiError::forbidden(
                "insufficient_scope",
                format!(
                    "this token may not do this: it needs the scope `{}`; an administrator makes tokens in the newsroom at /admin/api-tokens",
                    scope.as_str()
                ),
            ))
        }
    }
}

fn refusal_message(refusal: TokenRefusal) -> &'static str {
    match refusal {
        TokenRefusal::Unknown => "the API token is not one this site gave out",
        TokenRefusal::Revoked => "the API token was revoked; ask an administrator for a new one",
        TokenRefusal::Expired => "the API token has expired; ask an administrator for a new one",
        TokenRefusal::UserDisabled => {
            "the newsroom account this API token acts as is disabled; ask an administrator"
        }
    }
}

async fn read_token(parts: &Parts, app: &AppState) -> Result<Option<TokenGrant>, ApiError> {
    let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let secret = value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            ApiError::unauthorized("send the API token as `Authorization: Bearer <token>`")
        })?;
    match app.store.api_tokens().authenticate(secret).await? {
        Ok(grant) => Ok(Some(grant)),
        Err(refusal) => Err(ApiError::unauthorized(refusal_message(refusal))),
    }
}

impl FromRequestParts<AppState> for MaybeToken {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, ApiError> {
        Ok(MaybeToken(read_token(parts, app).await?))
    }
}

impl FromRequestParts<AppState> for Token {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, ApiError> {
        read_token(parts, app).await?.map(Token).ok_or_else(|| {
            ApiError::unauthorized(
                "this needs an API token, sent as `Authorization: Bearer <token>`; an administrator makes one in the newsroom at /admin/api-tokens",
            )
        })
    }
}
