//! Newsroom accounts, for administrators.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use broadsheet_core::email::Email;
use broadsheet_core::role::{Capability, Role};
use broadsheet_core::secrets::hash_password;
use broadsheet_render::Value;
use broadsheet_store::{NewUser, StoreError};
use serde::{Deserialize, Serialize};

use super::{Desk, Staff};
use crate::app::AppState;
use crate::error::WebError;
use crate::form;

/// A new account, as typed; shown again (without the password) when something is wrong.
#[derive(Serialize, Deserialize, Default)]
#[serde(default)]
struct NewUserForm {
    #[serde(deserialize_with = "form::trimmed")]
    email: String,
    #[serde(deserialize_with = "form::trimmed")]
    name: String,
    #[serde(deserialize_with = "form::trimmed")]
    role: String,
    #[serde(deserialize_with = "form::multiline", skip_serializing)]
    password: String,
}

async fn page(
    desk: &Desk,
    form: &NewUserForm,
    errors: BTreeMap<&str, String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let Desk { app, .. } = desk;
    let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
    let context = broadsheet_render::context! {
        users => Value::from_serialize(app.store.users().users().await?),
        roles => roles,
        form => Value::from_serialize(form),
        errors => errors,
    };
    Ok((status, desk.screen("users.html", "users", context)?).into_response())
}

pub async fn list(desk: Desk) -> Result<Response, WebError> {
    let Desk { staff, .. } = &desk;
    staff.require(Capability::Administer)?;
    page(
        &desk,
        &NewUserForm {
            role: "author".into(),
            ..NewUserForm::default()
        },
        BTreeMap::new(),
        StatusCode::OK,
    )
    .await
}

pub async fn create(desk: Desk, body: Bytes) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    staff.require(Capability::Administer)?;
    let mut form: NewUserForm = form::parse(&body)?;
    let mut errors = BTreeMap::new();
    let email = Email::parse(&form.email).map_err(|err| err.to_string());
    let role = Role::parse(&form.role).ok_or("choose a role".to_string());
    let password = std::mem::take(&mut form.password);
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|_| WebError::BadRequest("the password could not be hashed".into()))?;
    if let Err(message) = &email {
        errors.insert("email", message.clone());
    }
    if let Err(err) = &hash {
        errors.insert("password", err.to_string());
    }
    if let Err(message) = &role {
        errors.insert("form", message.clone());
    }
    if let (Ok(email), Ok(role), Ok(hash)) = (email, role, hash) {
        let user = NewUser {
            email,
            name: form.name.clone(),
            role,
            password_hash: hash,
            author_id: None,
        };
        match app.store.users().create_user(&user).await {
            Ok(_) => return Ok(Redirect::to("/admin/users").into_response()),
            Err(StoreError::Invalid { field, message } | StoreError::Taken { field, message }) => {
                errors.insert(field, message);
            }
            Err(err) => return Err(err.into()),
        }
    }
    page(&desk, &form, errors, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// One account's row: its role, and whether it is disabled.
#[derive(Deserialize, Default)]
#[serde(default)]
struct AccountForm {
    #[serde(deserialize_with = "form::trimmed")]
    role: String,
    #[serde(deserialize_with = "form::checkbox")]
    disabled: bool,
}

pub async fn update(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, WebError> {
    staff.require(Capability::Administer)?;
    let sent: AccountForm = form::parse(&body)?;
    let role =
        Role::parse(&sent.role).ok_or_else(|| WebError::BadRequest("unknown role".into()))?;
    let disabled = sent.disabled;
    if id == staff.0.id && (disabled || role != Role::Administrator) {
        return Err(WebError::BadRequest(
            "you cannot remove your own administrator rights; ask another administrator".into(),
        ));
    }
    app.store.users().update_user(id, role, disabled).await?;
    Ok(Redirect::to("/admin/users").into_response())
}
