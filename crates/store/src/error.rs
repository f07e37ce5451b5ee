use crate::migrate::SchemaState;

pub type StoreResult<T> = Result<T, StoreError>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database {url}: {message}")]
    Connect { url: String, message: String },
    #[error("{0}")]
    Schema(SchemaState),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{what} not found")]
    NotFound { what: String },
    /// A value that must be unique is taken; `field` names the form field to flag.
    #[error("{field}: {message}")]
    Conflict {
        field: &'static str,
        message: String,
    },
    /// The input breaks a rule; the message says what to fix.
    #[error("{0}")]
    Invalid(String),
    /// Someone saved since this edit began; the attempt is kept as revision `kept_revision`.
    #[error(
        "this article was changed by someone else (now version {current_version}); your version is kept"
    )]
    Stale {
        current_version: i64,
        kept_revision: i64,
    },
    #[error(transparent)]
    Blocked(#[from] broadsheet_core::article::PublishBlocked),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    pub fn not_found(what: impl Into<String>) -> StoreError {
        StoreError::NotFound { what: what.into() }
    }
}
