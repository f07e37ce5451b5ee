//! Storage for Broadsheet: one SQL layer over SQLite (the embedded default) and
//! PostgreSQL (scale-out).
//!
//! Queries are written once with `$1` placeholders and run on both databases through
//! sqlx's `Any` driver; the few places where the dialects differ live in [`dialect`].
//! Times are Unix seconds in integer columns. Every write runs in one transaction and
//! then announces a [`Change`] so that caches drop exactly what the write affected.

mod api_tokens;
mod articles;
mod clock;
mod comments;
mod jobs;
mod limits;
mod users;

pub mod dialect;
mod error;
mod forms;
mod media;
mod migrate;
mod newsletters;
mod pages;
mod read;
mod read_cache;
mod readers;
mod rendering;
mod search;
mod sessions;
mod settings;
mod sitemaps;
mod taxonomy;
mod timelines;

use std::str::FromStr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Connection, Executor, Row};
use tokio::sync::broadcast;

pub use api_tokens::{ApiToken, NewApiToken, TOKEN_NAME_MAX_CHARS, TokenGrant, TokenRefusal};
pub use articles::editing::Revision;
pub use articles::newsroom::{NewsroomArticle, NewsroomQuery};
pub use articles::workflow::{PUBLISH_SCHEDULED, PublishScheduled, StaffRef};
pub use articles::{ArticleDraft, ArticleEdit, NewNote};
pub use broadsheet_core::change::{Change, Dep};
pub use clock::Clock;
pub use comments::{Comment, CommentAccess, NewComment};
pub use dialect::Backend;
pub use error::{StoreError, StoreResult};
pub use forms::{FormAdmin, FormField, NewForm, Submission};
pub use jobs::{Job, NewJob, backoff};
pub use media::{MediaUse, NewMedia};
pub use migrate::{MigrationStatus, SchemaState, TableOutline};
pub use newsletters::{
    Confirmation, DELIVER_NEWSLETTER, Delivery, FAN_OUT_ISSUE, FanOut, Imported, NewIssue,
    NewsletterList, Subscriber, SubscriberQuery, SubscriberRow,
};
pub use pages::NewPage;
pub use read::*;
pub use readers::{
    DISPLAY_NAME_MAX, READER_SESSION_IDLE, Reader, ReaderLink, ReaderRow, Tier, clean_display_name,
};
pub use search::{COUNT_CAP, SearchHit, SearchRequest, SearchResults};
pub use sitemaps::{ArticleMonth, Dated, SitemapArticle};
pub use taxonomy::{NewAuthor, NewSection, NewTopic};
pub use timelines::{MOMENT_MAX_CHARS, TimelineEntry, TimelineSettings, TopicArticle};
pub use users::{NewUser, SESSION_IDLE, User};

/// One handle per area of the store: `store.articles()`, `store.comments()`… Each borrows
/// the `Store` (pool, clock, change announcements) and holds that area's queries, so a
/// caller names the area it works in and each file's `impl` is one area's.
macro_rules! store_areas {
    ($($(#[$doc:meta])* $accessor:ident -> $handle:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy)]
        pub struct $handle<'s>(&'s Store);

        impl std::ops::Deref for $handle<'_> {
            type Target = Store;
            fn deref(&self) -> &Store {
                self.0
            }
        }

        impl Store {
            $(#[$doc])*
            pub fn $accessor(&self) -> $handle<'_> {
                $handle(self)
            }
        }
    )*};
}

store_areas! {
    /// Articles: drafts, saves and revisions, workflow steps, published reads, embeds,
    /// the newsroom's lists.
    articles -> ArticleStore;
    /// Comments: posting, threads and paging, moderation, bans, who may comment.
    comments -> CommentStore;
    /// Forms editors build and the submissions readers send.
    forms -> FormStore;
    /// What keeps abuse out: spent spam-check answers, rate-limit events.
    limits -> LimitStore;
    /// The durable job queue.
    jobs -> JobStore;
    /// The media library.
    media -> MediaStore;
    /// Newsletter lists, subscribers, issues and deliveries.
    newsletters -> NewsletterStore;
    /// Static pages.
    pages -> PageStore;
    /// Reader accounts, sign-in links, sessions, tiers.
    readers -> ReaderStore;
    /// Sections, topics (and their story timelines) and authors.
    taxonomy -> TaxonomyStore;
    /// Newsroom users, their sessions, sign-in failures and password resets.
    users -> UserStore;
    /// Settings stored in the database.
    settings -> SettingsStore;
    /// Full-text search over articles (readers' search, the newsroom's article list).
    search -> SearchStore;
    /// API tokens for the admin API: made, listed, revoked, and checked on each request.
    api_tokens -> ApiTokenStore;
    /// What sitemaps list.
    sitemaps -> SitemapStore;
}

/// The database and the channel on which writes announce what they changed.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    changes: broadcast::Sender<Change>,
    listeners: Arc<RwLock<Vec<Listener>>>,
    clock: Clock,
    /// Change-log entries this store wrote and has told its own listeners about: a node
    /// following the log skips them instead of dropping the same pages again.
    own_changes: Arc<std::sync::Mutex<std::collections::HashSet<i64>>>,
    renderer: rendering::Renderer,
    read_cache: Arc<read_cache::ReadCache>,
}

/// Called with every committed change, before the write returns to its caller.
type Listener = Arc<dyn Fn(&Change) + Send + Sync>;

impl Store {
    /// A transaction that will write; every write transaction begins here. On SQLite it
    /// takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a transaction that reads first and writes later could not
    /// upgrade if another connection wrote in between, and would fail at once instead of
    /// waiting its turn.
    pub(crate) async fn begin_write(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }
}

impl Store {
    /// Connects to `url` (`sqlite://path` or `postgres://...`). A SQLite file and its
    /// folder are created when missing, and the connection runs in WAL mode with foreign
    /// keys enforced and a busy timeout, so concurrent readers never see "database is
    /// locked".
    pub async fn connect(url: &str) -> StoreResult<Store> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let url = match backend {
            Backend::Sqlite => sqlite_url(url)?,
            Backend::Postgres => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url).map_err(|err| StoreError::Connect {
            url: redact(&url),
            message: err.to_string(),
        })?;
        // One direct attempt first: a pool only reports "timed out", while a single
        // connection says what is wrong (refused, unknown host, bad password...).
        let probe = sqlx::AnyConnection::connect_with(&options)
            .await
            .map_err(|err| StoreError::Connect {
                url: redact(&url),
                message: err.to_string(),
            })?;
        let _ = probe.close().await;
        let pool_options = AnyPoolOptions::new()
            .acquire_timeout(Duration::from_secs(10))
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            });
        let pool_options = match backend {
            Backend::Sqlite => pool_options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute(
                        "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                         PRAGMA synchronous = NORMAL; PRAGMA journal_mode = WAL; \
                         PRAGMA mmap_size = 268435456; PRAGMA cache_size = -16000;",
                    )
                    .await?;
                    Ok(())
                })
            }),
            Backend::Postgres => pool_options,
        };
        let pool = pool_options
            .connect_with(options)
            .await
            .map_err(|err| StoreError::Connect {
                url: redact(&url),
                message: err.to_string(),
            })?;
        let (changes, _) = broadcast::channel(1024);
        Ok(Store {
            pool,
            backend,
            changes,
            listeners: Arc::new(RwLock::new(Vec::new())),
            clock: Clock::system(),
            own_changes: Arc::default(),
            renderer: rendering::Renderer::new(),
            read_cache: Arc::new(read_cache::ReadCache::new()),
        })
    }

    /// The same store reading its time from `clock` (tests move a manual clock instead
    /// of waiting).
    pub fn with_clock(mut self, clock: Clock) -> Store {
        self.clock = clock;
        self
    }

    /// The clock every time the store writes comes from.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Unix seconds by the store's clock: the unit of every time column.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Writes announce here what they changed; the page cache listens.
    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.changes.subscribe()
    }

    /// Records a change inside the write's transaction, so that other processes learn of
    /// it exactly when it commits (see [`Store::follow_changes`]). Returns its log id.
    async fn record_change(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        change: &Change,
    ) -> StoreResult<i64> {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO change_log (deps, created_at) VALUES ($1, $2) RETURNING id",
        )
        .bind(change.encode())
        .bind(self.now())
        .fetch_one(&mut **tx)
        .await?)
    }

    /// Records `change`, commits, and tells this process's listeners.
    async fn commit_change(
        &self,
        mut tx: sqlx::Transaction<'_, sqlx::Any>,
        change: Change,
    ) -> StoreResult<()> {
        let id = self.record_change(&mut tx, &change).await?;
        tx.commit().await?;
        if let Ok(mut own) = self.own_changes.lock() {
            own.insert(id);
        }
        self.announce(change);
        Ok(())
    }

    /// Keeps published articles and lists in memory from now on, dropped as changes
    /// are announced. Only for a process that follows the change log
    /// ([`Store::follow_changes`], as the web app does): others' writes reach a store
    /// that does not only through the database.
    pub fn cache_reads(&self) {
        self.read_cache.enable();
    }

    /// Tells this process's read cache and listeners (the page cache) at once, after the
    /// commit: a request that follows the write can never be answered from before it.
    fn announce(&self, change: Change) {
        self.read_cache.forget(Some(&change));
        if let Ok(listeners) = self.listeners.read() {
            for listener in listeners.iter() {
                listener(&change);
            }
        }
        // No subscriber (a CLI command) is fine: nothing is cached then.
        let _ = self.changes.send(change);
    }

    /// Registers a function called synchronously with every change this process commits.
    pub fn on_change(&self, listener: impl Fn(&Change) + Send + Sync + 'static) {
        if let Ok(mut listeners) = self.listeners.write() {
            listeners.push(Arc::new(listener));
        }
    }

    /// The newest entry of the change log, to start following it from.
    pub async fn latest_change_id(&self) -> StoreResult<i64> {
        Ok(
            sqlx::query_scalar::<_, i64>("SELECT COALESCE(MAX(id), 0) FROM change_log")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Changes committed after `after` by other processes (or other `Store`s), oldest
    /// first, and the id to follow from next time. A change this binary cannot read comes
    /// back as `None`: drop everything then. Entries this store wrote are skipped: its
    /// listeners heard of them when they committed.
    pub async fn follow_changes(&self, after: i64) -> StoreResult<(i64, Vec<Option<Change>>)> {
        let rows =
            sqlx::query("SELECT id, deps FROM change_log WHERE id > $1 ORDER BY id LIMIT 1000")
                .bind(after)
                .fetch_all(&self.pool)
                .await?;
        let mut last = after;
        let mut changes = Vec::new();
        let mut own = self
            .own_changes
            .lock()
            .map_err(|_| StoreError::Internal("the change-log bookkeeping is poisoned".into()))?;
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            last = id;
            if own.remove(&id) {
                continue;
            }
            let deps: String = row.try_get("deps")?;
            let change = Change::decode(&deps);
            self.read_cache.forget(change.as_ref());
            changes.push(change);
        }
        // An id recorded after the log was read past it is forgotten on the next read.
        own.retain(|id| *id > last);
        Ok((last, changes))
    }

    /// Forgets change-log entries older than `before` (Unix seconds).
    pub async fn prune_changes(&self, before: i64) -> StoreResult<u64> {
        let done = sqlx::query("DELETE FROM change_log WHERE created_at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// `sqlite://relative/or/absolute/path` → a URL sqlx accepts, with the file created on
/// first use and its folder made here.
fn sqlite_url(url: &str) -> StoreResult<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path == ":memory:" {
        return Ok(url.to_string());
    }
    if let Some(folder) = std::path::Path::new(path).parent()
        && !folder.as_os_str().is_empty()
    {
        std::fs::create_dir_all(folder).map_err(|err| StoreError::Connect {
            url: url.to_string(),
            message: format!("cannot create the folder {}: {err}", folder.display()),
        })?;
    }
    let mut params: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    if !params.iter().any(|p| p.starts_with("mode=")) {
        params.push("mode=rwc");
    }
    Ok(format!("sqlite://{path}?{}", params.join("&")))
}

/// A database URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Seconds since the Unix epoch by the system clock. Code that has a [`Store`] asks
/// [`Store::now`] instead, so that tests can move time.
pub fn now() -> i64 {
    clock::system_now()
}

#[doc(hidden)]
impl Store {
    /// Runs one statement with a binary argument; only tests use it, to forge states
    /// that the public API rightly cannot produce.
    pub async fn execute_for_tests(&self, sql: &str, blob: Vec<u8>) -> StoreResult<()> {
        sqlx::query(sql).bind(blob).execute(&self.pool).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://bob:secret@db.example/paper"),
            "postgres://bob:***@db.example/paper"
        );
        assert_eq!(redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }

    #[test]
    fn sqlite_urls_create_the_file() {
        let url = sqlite_url("sqlite://data/paper.db").expect("valid");
        assert_eq!(url, "sqlite://data/paper.db?mode=rwc");
        let _ = std::fs::remove_dir("data");
    }
}
