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
    /// The input breaks a rule; `field` names the form field to flag and the message
    /// says what to fix.
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// A value that must be unique is taken by another row.
    #[error("{field}: {message}")]
    Taken {
        field: &'static str,
        message: String,
    },
    /// The row changed between the read and the write of a state change (another editor,
    /// or the scheduled-publish job, got there first); nothing was written.
    #[error("{0}")]
    Moved(String),
    /// A workflow step the actor may not take, or not from the article's state.
    #[error(transparent)]
    Workflow(#[from] broadsheet_core::workflow::WorkflowError),
    /// Something stored cannot be read back or written out: a bug or a damaged row, not
    /// the user's input.
    #[error("{0}")]
    Internal(String),
    /// Someone saved since this edit began; the attempt is kept as revision `kept_revision`.
    #[error(
        "this article was changed by someone else (now version {current_version}); your version is kept"
    )]
    Stale {
        current_version: i64,
        kept_revision: i64,
    },
    /// Too much work in flight to take this on now; worth retrying shortly.
    #[error("{0}")]
    Busy(String),
    #[error(transparent)]
    Blocked(#[from] broadsheet_core::article::PublishBlocked),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    pub fn not_found(what: impl Into<String>) -> StoreError {
        StoreError::NotFound { what: what.into() }
    }

    /// Input that breaks a rule, flagged on `field`.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            field,
            message: message.into(),
        }
    }

    /// A unique value (`field`) already used elsewhere.
    pub fn taken(field: &'static str, message: impl Into<String>) -> StoreError {
        StoreError::Taken {
            field,
            message: message.into(),
        }
    }

    /// The input error's field and message, for re-showing a form; `None` for errors that
    /// are not the user's to fix.
    pub fn field_message(&self) -> Option<(&'static str, String)> {
        match self {
            StoreError::Invalid { field, message } | StoreError::Taken { field, message } => {
                Some((field, message.clone()))
            }
            StoreError::Moved(message) => Some(("form", message.clone())),
            StoreError::Workflow(
                err @ broadsheet_core::workflow::WorkflowError::WrongState { .. },
            ) => Some(("form", err.to_string())),
            _ => None,
        }
    }
}
