//! The places where SQLite and PostgreSQL differ, side by side.

use crate::error::{StoreError, StoreResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn from_url(url: &str) -> StoreResult<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::Connect {
                url: crate::redact(url),
                message: "the database URL must start with sqlite:// or postgres://".into(),
            })
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// The unique constraint a database error violated, if any, as `table.column`
/// (SQLite) or the constraint name (PostgreSQL).
pub fn unique_violation(err: &sqlx::Error) -> Option<String> {
    let sqlx::Error::Database(db) = err else {
        return None;
    };
    let message = db.message();
    if let Some(rest) = message.strip_prefix("UNIQUE constraint failed: ") {
        return Some(rest.split(',').next().unwrap_or(rest).trim().to_string());
    }
    if db.code().as_deref() == Some("23505") {
        return Some(db.constraint().unwrap_or("unique").to_string());
    }
    None
}

/// A statement built at run time with numbered `$N` placeholders, which both databases
/// accept (sqlx's own `QueryBuilder` emits `?` through the `Any` driver, which
/// PostgreSQL rejects).
#[derive(Debug, Default)]
pub(crate) struct Sql {
    text: String,
    values: Vec<Value>,
}

#[derive(Debug)]
enum Value {
    Int(Option<i64>),
    Text(String),
}

impl Sql {
    pub(crate) fn new(text: impl Into<String>) -> Sql {
        Sql {
            text: text.into(),
            values: Vec::new(),
        }
    }

    /// Puts `text` before what is written so far (a SELECT before a shared FROM ... WHERE).
    pub(crate) fn text_prefix(&mut self, text: &str) -> &mut Sql {
        self.text.insert_str(0, text);
        self
    }

    pub(crate) fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    pub(crate) fn bind(&mut self, value: impl Into<Option<i64>>) -> &mut Sql {
        self.push_value(Value::Int(value.into()))
    }

    pub(crate) fn bind_text(&mut self, value: &str) -> &mut Sql {
        self.push_value(Value::Text(value.to_string()))
    }

    fn push_value(&mut self, value: Value) -> &mut Sql {
        self.values.push(value);
        self.text.push('$');
        self.text.push_str(&self.values.len().to_string());
        self
    }

    /// `(v1, v2, ...)` as placeholders.
    pub(crate) fn bind_list(&mut self, values: &[i64]) -> &mut Sql {
        self.text.push('(');
        for (index, value) in values.iter().enumerate() {
            if index > 0 {
                self.text.push_str(", ");
            }
            self.bind(*value);
        }
        self.text.push(')');
        self
    }

    /// `('a', 'b', ...)` as placeholders.
    pub(crate) fn bind_text_list(&mut self, values: &[String]) -> &mut Sql {
        self.text.push('(');
        for (index, value) in values.iter().enumerate() {
            if index > 0 {
                self.text.push_str(", ");
            }
            self.bind_text(value);
        }
        self.text.push(')');
        self
    }

    pub(crate) fn query(&self) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
        let mut query = sqlx::query(&self.text);
        for value in &self.values {
            query = match value {
                Value::Int(number) => query.bind(*number),
                Value::Text(text) => query.bind(text.as_str()),
            };
        }
        query
    }

    pub(crate) fn query_scalar<T>(
        &self,
    ) -> sqlx::query::QueryScalar<'_, sqlx::Any, T, sqlx::any::AnyArguments<'_>>
    where
        (T,): for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        let mut query = sqlx::query_scalar(&self.text);
        for value in &self.values {
            query = match value {
                Value::Int(number) => query.bind(*number),
                Value::Text(text) => query.bind(text.as_str()),
            };
        }
        query
    }
}

/// A case-insensitive "contains" pattern for `LOWER(column) LIKE $n ESCAPE '\'`
/// ([`LIKE_ESCAPE`]): what was typed, lower-cased, with `%`, `_` and `\` matched as
/// themselves. `None` when nothing was typed.
pub(crate) fn contains_pattern(typed: &str) -> Option<String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    let escaped = typed
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Some(format!("%{escaped}%"))
}

/// The escape clause that goes with [`contains_pattern`].
pub(crate) const LIKE_ESCAPE: &str = " ESCAPE '\\'";

/// A scalar subquery returning the rows of `from` (a `FROM ... WHERE ...` clause) as a
/// JSON array text of objects with `fields` (`(key, expression)`), ordered by `order_by`.
/// One query then brings an article with its bylines, topics and notes, instead of one
/// round trip for each.
pub(crate) fn json_rows(
    backend: Backend,
    fields: &[(&str, &str)],
    from: &str,
    order_by: &str,
) -> String {
    let pairs = fields
        .iter()
        .map(|(key, expression)| format!("'{key}', {expression}"))
        .collect::<Vec<_>>()
        .join(", ");
    match backend {
        Backend::Sqlite => format!(
            "(SELECT COALESCE(json_group_array(json_object({pairs}) ORDER BY {order_by}), '[]') {from})"
        ),
        Backend::Postgres => format!(
            "(SELECT COALESCE(json_agg(json_build_object({pairs}) ORDER BY {order_by})::text, '[]') {from})"
        ),
    }
}

/// The `status` column of an article or page row, which only the workflow writes.
pub(crate) fn status_column(
    row: &sqlx::any::AnyRow,
) -> crate::StoreResult<broadsheet_core::article::Status> {
    parsed_column(row, "status", broadsheet_core::article::Status::parse)
}

/// A text column holding one of a core enum's stored names (a status, a kind, a body
/// format). Only this program writes them, so a name it cannot read is an internal
/// error, not a default.
pub(crate) fn parsed_column<T>(
    row: &sqlx::any::AnyRow,
    column: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> crate::StoreResult<T> {
    use sqlx::Row;
    let text: String = row.try_get(column)?;
    parse(&text).ok_or_else(|| {
        crate::StoreError::Internal(format!(
            "the `{column}` column holds the unknown value `{text}`"
        ))
    })
}
