//! Forms editors define and embed (`[[form slug]]`), their submissions and CSV export.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use broadsheet_core::role::Capability;
use broadsheet_render::Value;
use broadsheet_store::{FormAdmin, FormField, NewForm, StoreError};
use serde::{Deserialize, Serialize};

use super::{Desk, Staff};
use crate::app::AppState;
use crate::error::WebError;
use crate::form;
use broadsheet_core::csv;
use broadsheet_core::forms::parse_fields;

fn fields_text(fields: &[FormField]) -> String {
    fields
        .iter()
        .map(|f| {
            let mut line = format!("{} | {} | {}", f.name, f.label, f.kind);
            if f.required || !f.options.is_empty() {
                line.push_str(if f.required {
                    " | required"
                } else {
                    " | optional"
                });
            }
            if !f.options.is_empty() {
                line.push_str(&format!(" | {}", f.options.join(", ")));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A form's definition as the editor typed it (or as stored), shown again with what is
/// wrong with it.
#[derive(Serialize, Deserialize, Default)]
#[serde(default)]
struct Definition {
    #[serde(deserialize_with = "form::trimmed")]
    title: String,
    /// Sent only when the form is created: a form keeps its slug, as embeds use it.
    #[serde(deserialize_with = "form::trimmed")]
    slug: String,
    #[serde(deserialize_with = "form::trimmed")]
    description: String,
    /// One field a line, `name | Label | kind`, defined by the editor.
    #[serde(deserialize_with = "form::multiline")]
    fields: String,
    #[serde(deserialize_with = "form::trimmed")]
    recipients: String,
    #[serde(deserialize_with = "form::trimmed")]
    thanks: String,
}

impl Definition {
    fn of(form: &FormAdmin) -> Definition {
        Definition {
            title: form.form.title.clone(),
            slug: form.form.slug.clone(),
            description: form.form.description.clone(),
            fields: fields_text(&form.form.fields),
            recipients: form.recipients.clone(),
            thanks: form.thanks.clone(),
        }
    }

    fn to_new_form(&self) -> Result<NewForm, (&'static str, String)> {
        let fields = parse_fields(&self.fields).map_err(|message| ("fields", message))?;
        Ok(NewForm {
            slug: self.slug.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            fields,
            recipients: self.recipients.clone(),
            thanks: self.thanks.clone(),
        })
    }
}

/// The delete button; `confirm` is added once the editor has seen where the form is
/// used.
#[derive(Deserialize, Default)]
#[serde(default)]
struct DeleteForm {
    #[serde(deserialize_with = "form::checkbox")]
    confirm: bool,
}

pub async fn list(desk: Desk) -> Result<Response, WebError> {
    let Desk { staff, .. } = &desk;
    staff.require(Capability::EditOthers)?;
    let blank = Definition {
        fields: "name | Your name | text | required\nemail | Email | email | required\nmessage | Message | textarea | required".into(),
        ..Definition::default()
    };
    list_page(&desk, &blank, BTreeMap::new(), StatusCode::OK).await
}

async fn list_page(
    desk: &Desk,
    values: &Definition,
    errors: BTreeMap<&str, String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let Desk { app, .. } = desk;
    let context = broadsheet_render::context! {
        forms => Value::from_serialize(app.store.forms().forms().await?),
        values => Value::from_serialize(values),
        errors => errors,
    };
    Ok((status, desk.screen("forms.html", "forms", context)?).into_response())
}

pub async fn create(desk: Desk, body: Bytes) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    staff.require(Capability::EditOthers)?;
    let values: Definition = form::parse(&body)?;
    let mut errors = BTreeMap::new();
    match values.to_new_form() {
        Ok(form) => match app.store.forms().create_form(&form).await {
            Ok(id) => return Ok(Redirect::to(&format!("/admin/forms/{id}")).into_response()),
            Err(StoreError::Invalid { field, message } | StoreError::Taken { field, message }) => {
                errors.insert(field, message);
            }
            Err(err) => return Err(err.into()),
        },
        Err((field, message)) => {
            errors.insert(field, message);
        }
    }
    list_page(&desk, &values, errors, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// What the editor typed and what is wrong with it.
struct Typed<'a> {
    values: Definition,
    errors: BTreeMap<&'a str, String>,
}

async fn item_page(
    desk: &Desk,
    form: &FormAdmin,
    typed: Typed<'_>,
    confirm_delete: bool,
    status: StatusCode,
) -> Result<Response, WebError> {
    let Desk { app, .. } = desk;
    let Typed { values, errors } = typed;
    let context = broadsheet_render::context! {
        edit => Value::from_serialize(form),
        submissions => Value::from_serialize(app.store.forms().submissions(form.form.id, 200).await?),
        uses => Value::from_serialize(app.store.forms().form_usage(&form.form.slug).await?),
        values => Value::from_serialize(&values),
        errors => errors,
        confirm_delete => confirm_delete,
    };
    Ok((status, desk.screen("form_item.html", "forms", context)?).into_response())
}

pub async fn show(desk: Desk, Path(id): Path<i64>) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    staff.require(Capability::EditOthers)?;
    let form = app
        .store
        .forms()
        .form_admin(id)
        .await?
        .ok_or(WebError::NotFound)?;
    item_page(
        &desk,
        &form,
        Typed {
            values: Definition::of(&form),
            errors: BTreeMap::new(),
        },
        false,
        StatusCode::OK,
    )
    .await
}

pub async fn update(desk: Desk, Path(id): Path<i64>, body: Bytes) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    staff.require(Capability::EditOthers)?;
    let existing = app
        .store
        .forms()
        .form_admin(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let mut values: Definition = form::parse(&body)?;
    values.slug = existing.form.slug.clone();
    let mut errors = BTreeMap::new();
    match values.to_new_form() {
        Ok(form) => match app.store.forms().update_form(id, &form).await {
            Ok(()) => return Ok(Redirect::to(&format!("/admin/forms/{id}")).into_response()),
            Err(StoreError::Invalid { field, message } | StoreError::Taken { field, message }) => {
                errors.insert(field, message);
            }
            Err(err) => return Err(err.into()),
        },
        Err((field, message)) => {
            errors.insert(field, message);
        }
    }
    item_page(
        &desk,
        &existing,
        Typed { values, errors },
        false,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

pub async fn delete(desk: Desk, Path(id): Path<i64>, body: Bytes) -> Result<Response, WebError> {
    let Desk { app, staff, .. } = &desk;
    staff.require(Capability::EditOthers)?;
    let form = app
        .store
        .forms()
        .form_admin(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let sent: DeleteForm = form::parse(&body)?;
    if !sent.confirm
        && !app
            .store
            .forms()
            .form_usage(&form.form.slug)
            .await?
            .is_empty()
    {
        return item_page(
            &desk,
            &form,
            Typed {
                values: Definition::of(&form),
                errors: BTreeMap::new(),
            },
            true,
            StatusCode::CONFLICT,
        )
        .await;
    }
    app.store.forms().delete_form(id).await?;
    Ok(Redirect::to("/admin/forms").into_response())
}

pub async fn export(
    State(app): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    staff.require(Capability::EditOthers)?;
    let form = app
        .store
        .forms()
        .form_admin(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let mut csv = csv::row(
        std::iter::once("submitted_at").chain(form.form.fields.iter().map(|f| f.name.as_str())),
    );
    for submission in app.store.forms().submissions(id, i64::MAX).await? {
        let submitted = broadsheet_core::dates::from_unix(submission.created_at).to_rfc3339();
        let values = form.form.fields.iter().map(|field| {
            submission
                .values
                .iter()
                .find(|(name, _)| name == &field.name)
                .map(|(_, v)| v.as_str())
                .unwrap_or("")
        });
        csv.push_str(&csv::row(std::iter::once(submitted.as_str()).chain(values)));
    }
    let disposition = format!(
        "attachment; filename=\"{}-submissions.csv\"",
        form.form.slug
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        csv,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_lines_round_trip() {
        let fields = parse_fields(
            "name | Your name | text | required\ntopic | Topic | select | optional | News, Sport\n",
        )
        .expect("fields");
        assert_eq!(fields.len(), 2);
        assert!(fields[0].required && !fields[1].required);
        assert_eq!(fields[1].options, vec!["News", "Sport"]);
        assert_eq!(parse_fields(&fields_text(&fields)).expect("again"), fields);
        assert!(parse_fields("just a name").is_err());
    }
}
