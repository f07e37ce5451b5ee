//! Forms that editors define and embed in articles and pages.

use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::dialect::unique_violation;
use crate::error::{StoreError, StoreResult};
use crate::read::Form;
use crate::{Store, now};
use broadsheet_core::change::{Change, Dep};

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormField {
    /// The submitted name: lower-case letters, digits and underscores.
    pub name: String,
    pub label: String,
    /// text, email, textarea, select or checkbox.
    pub kind: String,
    #[serde(default)]
    pub required: bool,
    /// The choices of a select.
    #[serde(default)]
    pub options: Vec<String>,
}

const FIELD_KINDS: &[&str] = &["text", "email", "textarea", "select", "checkbox"];

#[derive(Debug, Clone)]
pub struct NewForm {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub fields: Vec<FormField>,
}

fn form_from_row(row: &AnyRow) -> StoreResult<Form> {
    let fields: String = row.try_get("fields")?;
    Ok(Form {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        fields: serde_json::from_str(&fields).unwrap_or_default(),
    })
}

/// Checks a form's fields, naming the first one that is wrong.
pub fn validate_fields(fields: &[FormField]) -> Result<(), String> {
    if fields.is_empty() {
        return Err("a form needs at least one field".into());
    }
    let mut names = std::collections::HashSet::new();
    for (index, field) in fields.iter().enumerate() {
        let number = index + 1;
        let valid_name = !field.name.is_empty()
            && field
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid_name {
            return Err(format!(
                "field {number}: the name `{}` may contain only a-z, 0-9 and _",
                field.name
            ));
        }
        if !names.insert(field.name.as_str()) {
            return Err(format!(
                "field {number}: the name `{}` is used twice",
                field.name
            ));
        }
        if !FIELD_KINDS.contains(&field.kind.as_str()) {
            return Err(format!(
                "field {number}: unknown kind `{}`; use {}",
                field.kind,
                FIELD_KINDS.join(", ")
            ));
        }
        if field.label.trim().is_empty() {
            return Err(format!("field {number}: the label is empty"));
        }
        if field.kind == "select" && field.options.is_empty() {
            return Err(format!("field {number}: a select needs options"));
        }
    }
    Ok(())
}

impl Store {
    pub async fn create_form(&self, form: &NewForm) -> StoreResult<i64> {
        broadsheet_core::slug::Slug::parse(&form.slug).map_err(|err| StoreError::Conflict {
            field: "slug",
            message: err.to_string(),
        })?;
        validate_fields(&form.fields).map_err(StoreError::Invalid)?;
        let fields = serde_json::to_string(&form.fields)
            .map_err(|err| StoreError::Invalid(err.to_string()))?;
        let at = now();
        let mut tx = self.pool.begin().await?;
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO forms (slug, title, description, fields, created_at, modified_at) \
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
        )
        .bind(&form.slug)
        .bind(form.title.trim())
        .bind(&form.description)
        .bind(fields)
        .bind(at)
        .fetch_one(&mut *tx)
        .await
        .map_err(|err| match unique_violation(&err) {
            Some(_) => StoreError::Conflict {
                field: "slug",
                message: format!("another form already uses the slug `{}`", form.slug),
            },
            None => err.into(),
        })?;
        self.commit_change(tx, Change::of([Dep::Form(id)])).await?;
        Ok(id)
    }

    pub async fn form_by_slug(&self, slug: &str) -> StoreResult<Option<Form>> {
        let row =
            sqlx::query("SELECT id, slug, title, description, fields FROM forms WHERE slug = $1")
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?;
        row.as_ref().map(form_from_row).transpose()
    }
}
