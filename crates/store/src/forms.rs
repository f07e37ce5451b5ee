//! Forms that editors define and embed in articles and pages.

use crate::FormStore;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use broadsheet_core::forms::{Answers, validate_fields};

use crate::dialect::unique_violation;
use crate::error::{StoreError, StoreResult};
use crate::read::Form;
use broadsheet_core::change::{Change, Dep};

pub use broadsheet_core::forms::FormField;

#[derive(Debug, Clone, Default)]
pub struct NewForm {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub fields: Vec<FormField>,
    /// Comma-separated addresses that receive each submission by email.
    pub recipients: String,
    /// What a reader sees after sending; a default sentence when empty.
    pub thanks: String,
}

/// A form with its newsroom-only settings, for the editor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormAdmin {
    #[serde(flatten)]
    pub form: Form,
    pub recipients: String,
    pub thanks: String,
    pub submissions: i64,
}

/// One reader's submission: (field name, value) in the form's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Submission {
    pub id: i64,
    pub created_at: i64,
    pub values: Vec<(String, String)>,
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

impl FormStore<'_> {
    pub async fn create_form(&self, form: &NewForm) -> StoreResult<i64> {
        broadsheet_core::slug::Slug::parse(&form.slug).map_err(|err| StoreError::Invalid {
            field: "slug",
            message: err.to_string(),
        })?;
        validate_fields(&form.fields).map_err(|message| StoreError::Invalid {
            field: "fields",
            message,
        })?;
        check_recipients(&form.recipients)?;
        let fields = serde_json::to_string(&form.fields)
            .map_err(|err| StoreError::Internal(err.to_string()))?;
        let at = self.now();
        let mut tx = self.begin_write().await?;
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO forms (slug, title, description, fields, created_at, modified_at, recipients, thanks) \
             VALUES ($1, $2, $3, $4, $5, $5, $6, $7) RETURNING id",
        )
        .bind(&form.slug)
        .bind(form.title.trim())
        .bind(&form.description)
        .bind(fields)
        .bind(at)
        .bind(&form.recipients)
        .bind(&form.thanks)
        .fetch_one(&mut *tx)
        .await
        .map_err(|err| match unique_violation(&err) {
            Some(_) => StoreError::Taken {
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

fn check_recipients(recipients: &str) -> StoreResult<()> {
    for address in recipients
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        broadsheet_core::email::Email::parse(address).map_err(|err| StoreError::Invalid {
            field: "recipients",
            message: err.to_string(),
        })?;
    }
    Ok(())
}

impl FormStore<'_> {
    /// Every form with its settings and how many submissions it has.
    pub async fn forms(&self) -> StoreResult<Vec<FormAdmin>> {
        self.forms_where("1 = $1", 1).await
    }

    pub async fn form_admin(&self, id: i64) -> StoreResult<Option<FormAdmin>> {
        Ok(self.forms_where("f.id = $1", id).await?.pop())
    }

    async fn forms_where(&self, condition: &str, value: i64) -> StoreResult<Vec<FormAdmin>> {
        let sql = format!(
            "SELECT f.id, f.slug, f.title, f.description, f.fields, f.recipients, f.thanks, \
             (SELECT COUNT(*) FROM form_submissions s WHERE s.form_id = f.id) AS submissions \
             FROM forms f WHERE {condition} ORDER BY f.title"
        );
        let rows = sqlx::query(&sql).bind(value).fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                Ok(FormAdmin {
                    form: form_from_row(row)?,
                    recipients: row.try_get("recipients")?,
                    thanks: row.try_get("thanks")?,
                    submissions: row.try_get("submissions")?,
                })
            })
            .collect()
    }

    /// Changes a form. Pages that embed it are drawn again.
    pub async fn update_form(&self, id: i64, form: &NewForm) -> StoreResult<()> {
        validate_fields(&form.fields).map_err(|message| StoreError::Invalid {
            field: "fields",
            message,
        })?;
        check_recipients(&form.recipients)?;
        let fields = serde_json::to_string(&form.fields)
            .map_err(|err| StoreError::Internal(err.to_string()))?;
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE forms SET title = $1, description = $2, fields = $3, recipients = $4, thanks = $5, \
             modified_at = $6 WHERE id = $7",
        )
        .bind(form.title.trim())
        .bind(&form.description)
        .bind(fields)
        .bind(&form.recipients)
        .bind(&form.thanks)
        .bind(self.now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(format!("form {id}")));
        }
        self.commit_change(tx, Change::of([Dep::Form(id)])).await
    }

    /// Articles and pages whose bodies embed the form with this slug.
    pub async fn form_usage(&self, slug: &str) -> StoreResult<Vec<crate::media::MediaUse>> {
        let pattern = format!(
            "%\"kind\":\"form\",\"slug\":{}%",
            serde_json::to_string(slug).unwrap_or_default()
        );
        let mut uses = Vec::new();
        for row in sqlx::query("SELECT id, headline FROM articles WHERE embeds LIKE $1 ORDER BY id")
            .bind(&pattern)
            .fetch_all(&self.pool)
            .await?
        {
            let id: i64 = row.try_get("id")?;
            uses.push(crate::media::MediaUse {
                kind: "embedded in",
                title: row.try_get("headline")?,
                link: Some(format!("/admin/articles/{id}")),
            });
        }
        for row in sqlx::query("SELECT title FROM pages WHERE embeds LIKE $1 ORDER BY id")
            .bind(&pattern)
            .fetch_all(&self.pool)
            .await?
        {
            uses.push(crate::media::MediaUse {
                kind: "embedded in the page",
                title: row.try_get("title")?,
                link: None,
            });
        }
        Ok(uses)
    }

    /// Deletes a form and its submissions; pages that embedded it show nothing there.
    pub async fn delete_form(&self, id: i64) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("DELETE FROM forms WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(format!("form {id}")));
        }
        self.commit_change(tx, Change::of([Dep::Form(id), Dep::Latest]))
            .await
    }

    /// Keeps a reader's answers, checked against the form's fields.
    pub async fn add_submission(&self, form_id: i64, answers: &Answers) -> StoreResult<i64> {
        let data = serde_json::to_string(answers.values())
            .map_err(|err| StoreError::Internal(err.to_string()))?;
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO form_submissions (form_id, data, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(form_id)
        .bind(data)
        .bind(self.now())
        .fetch_one(&self.pool)
        .await?)
    }

    /// Submissions, newest first.
    pub async fn submissions(&self, form_id: i64, limit: i64) -> StoreResult<Vec<Submission>> {
        let rows = sqlx::query(
            "SELECT id, data, created_at FROM form_submissions WHERE form_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(form_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let data: String = row.try_get("data")?;
                Ok(Submission {
                    id: row.try_get("id")?,
                    created_at: row.try_get("created_at")?,
                    values: serde_json::from_str(&data).unwrap_or_default(),
                })
            })
            .collect()
    }
}
