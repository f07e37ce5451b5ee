//! API tokens, for administrators: make one for a tool (shown once), see every token
//! with who it acts as and when it was last used, revoke one at once.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use broadsheet_core::api_token::{Scope, Scopes, parse_lifetime_days};
use broadsheet_core::role::Capability;
use broadsheet_render::Value;
use broadsheet_store::{NewApiToken, StoreError};
use serde::{Deserialize, Serialize};

use super::{Desk, Staff};
use crate::app::AppState;
use crate::error::WebError;
use crate::form;

/// A new token, as typed; shown again when something is wrong.
#[derive(Serialize, Deserialize, Default)]
#[serde(default)]
struct NewTokenForm {
    #[serde(deserialize_with = "form::trimmed")]
    name: String,
    #[serde(deserialize_with = "form::optional_id")]
    user_id: Option<i64>,
    scope: Vec<String>,
    #[serde(deserialize_with = "form::trimmed")]
    lifetime: String,
}

/// What the page shows besides the lists: the form, its errors, and a secret just made.
struct TokenPage {
    form: NewTokenForm,
    errors: BTreeMap<&'static str, String>,
    made: Option<(String, String)>,
    status: StatusCode,
}

async fn page(desk: &Desk, shown: TokenPage) -> Result<Response, WebError> {
    let Desk { app, .. } = desk;
    let now = app.store.now();
    let tokens: Vec<Value> = app
        .store
        .api_tokens()
        .tokens()
        .await?
        .into_iter()
        .map(|token| {
            let state = if token.revoked_at.is_some() {
                "revoked"
            } else if token.expires_at.is_some_and(|at| at <= now) {
                "expired"
            } else {
                "active"
            };
            broadsheet_render::context! { ..Value::from_serialize(&token), ..broadsheet_render::context! { state => state } }
        })
        .collect();
    let users: Vec<Value> = app
        .store
        .users()
        .users()
        .await?
        .into_iter()
        .filter(|u| !u.disabled)
        .map(
            |u| broadsheet_render::context! { id => u.id, name => u.name, role => u.role.as_str() },
        )
        .collect();
    let scopes: Vec<Value> = Scope::ALL
        .iter()
        .map(|s| broadsheet_render::context! { name => s.as_str(), label => s.label() })
        .collect();
    let context = broadsheet_render::context! {
        tokens => tokens,
        users => users,
        scopes => scopes,
        form => Value::from_serialize(&shown.form),
        errors => shown.errors,
        made => shown.made.map(|(name, secret)| broadsheet_render::context! { name => name, secret => secret }),
    };
    // The page may hold a secret shown once; like every newsroom screen it is sent
    // `no-store` (`newsroom::not_stored`), so no cache keeps it.
    Ok((
        shown.status,
        desk.screen("api_tokens.html", "api-tokens", context)?,
    )
        .into_response())
}

pub async fn list(desk: Desk) -> Result<Response, WebError> {
    desk.staff.require(Capability::Administer)?;
    let form = NewTokenForm {
        user_id: Some(desk.staff.0.id),
        lifetime: "90".into(),
        ..NewTokenForm::default()
    };
    page(
        &desk,
        TokenPage {
            form,
            errors: BTreeMap::new(),
            made: None,
            status: StatusCode::OK,
        },
    )
    .await
}

pub async fn create(desk: Desk, body: Bytes) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    staff.require(Capability::Administer)?;
    let form: NewTokenForm = form::parse(&body)?;
    let mut errors = BTreeMap::new();
    let user = match form.user_id {
        Some(id) => app.store.users().user(id).await?.filter(|u| !u.disabled),
        None => None,
    };
    let lifetime = parse_lifetime_days(&form.lifetime);
    if let Err(message) = &lifetime {
        errors.insert("lifetime", message.clone());
    }
    let scopes = match &user {
        None => {
            errors.insert(
                "user_id",
                "choose the newsroom user the token acts as".into(),
            );
            None
        }
        Some(user) => match Scopes::parse(form.scope.iter().map(String::as_str), user.role) {
            Ok(scopes) => Some(scopes),
            Err(err) => {
                errors.insert("scope", err.to_string());
                None
            }
        },
    };
    if let (Some(user), Some(scopes), Ok(days)) = (user, scopes, lifetime) {
        let token = NewApiToken {
            name: form.name.clone(),
            user_id: user.id,
            scopes,
            created_by: Some(staff.0.id),
            expires_at: days.map(|d| app.store.now() + d * 24 * 3600),
        };
        match app.store.api_tokens().create_token(&token).await {
            Ok((_, secret)) => {
                let shown = TokenPage {
                    made: Some((token.name.trim().to_string(), secret)),
                    form: NewTokenForm {
                        user_id: Some(staff.0.id),
                        lifetime: "90".into(),
                        ..NewTokenForm::default()
                    },
                    errors,
                    status: StatusCode::CREATED,
                };
                return page(&desk, shown).await;
            }
            Err(StoreError::Invalid { field, message }) => {
                errors.insert(field, message);
            }
            Err(err) => return Err(err.into()),
        }
    }
    let shown = TokenPage {
        form,
        errors,
        made: None,
        status: StatusCode::UNPROCESSABLE_ENTITY,
    };
    page(&desk, shown).await
}

pub async fn revoke(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    staff.require(Capability::Administer)?;
    if !app.store.api_tokens().revoke_token(id).await? {
        return Err(WebError::NotFound);
    }
    Ok(Redirect::to("/admin/api-tokens").into_response())
}
