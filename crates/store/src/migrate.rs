//! Forward-only migrations, one folder per backend with matching names, built into the
//! binary. A database that has migrations this binary does not know was written by a
//! newer Broadsheet and is refused rather than damaged.

use std::borrow::Cow;

use sqlx::migrate::{Migration, MigrationType, Migrator};

use crate::Store;
use crate::dialect::Backend;
use crate::error::{StoreError, StoreResult};

/// (version, name, SQLite SQL, PostgreSQL SQL). Add new migrations at the end; never
/// edit one that has shipped.
const MIGRATIONS: &[(i64, &str, &str, &str)] = &[
    (
        1,
        "content",
        include_str!("../migrations/sqlite/0001_content.sql"),
        include_str!("../migrations/postgres/0001_content.sql"),
    ),
    (
        2,
        "change log",
        include_str!("../migrations/sqlite/0002_change_log.sql"),
        include_str!("../migrations/postgres/0002_change_log.sql"),
    ),
    (
        3,
        "newsroom",
        include_str!("../migrations/sqlite/0003_newsroom.sql"),
        include_str!("../migrations/postgres/0003_newsroom.sql"),
    ),
    (
        4,
        "media library",
        include_str!("../migrations/sqlite/0004_media_library.sql"),
        include_str!("../migrations/postgres/0004_media_library.sql"),
    ),
    (
        5,
        "form submissions",
        include_str!("../migrations/sqlite/0005_form_submissions.sql"),
        include_str!("../migrations/postgres/0005_form_submissions.sql"),
    ),
    (
        6,
        "spam checks",
        include_str!("../migrations/sqlite/0006_spam_checks.sql"),
        include_str!("../migrations/postgres/0006_spam_checks.sql"),
    ),
    (
        7,
        "comments",
        include_str!("../migrations/sqlite/0007_comments.sql"),
        include_str!("../migrations/postgres/0007_comments.sql"),
    ),
    (
        8,
        "newsletters",
        include_str!("../migrations/sqlite/0008_newsletters.sql"),
        include_str!("../migrations/postgres/0008_newsletters.sql"),
    ),
    (
        9,
        "newsletter issues",
        include_str!("../migrations/sqlite/0009_newsletter_issues.sql"),
        include_str!("../migrations/postgres/0009_newsletter_issues.sql"),
    ),
    (
        10,
        "reader accounts",
        include_str!("../migrations/sqlite/0010_readers.sql"),
        include_str!("../migrations/postgres/0010_readers.sql"),
    ),
    (
        11,
        "erased addresses",
        include_str!("../migrations/sqlite/0011_erased_addresses.sql"),
        include_str!("../migrations/postgres/0011_erased_addresses.sql"),
    ),
    (
        12,
        "share revocation and comment threads",
        include_str!("../migrations/sqlite/0012_share_revocation_and_threads.sql"),
        include_str!("../migrations/postgres/0012_share_revocation_and_threads.sql"),
    ),
    (
        13,
        "front rank index",
        include_str!("../migrations/sqlite/0013_front_rank_index.sql"),
        include_str!("../migrations/postgres/0013_front_rank_index.sql"),
    ),
    (
        14,
        "search and sitemaps",
        include_str!("../migrations/sqlite/0014_search_and_sitemaps.sql"),
        include_str!("../migrations/postgres/0014_search_and_sitemaps.sql"),
    ),
    (
        15,
        "story timelines",
        include_str!("../migrations/sqlite/0015_story_timelines.sql"),
        include_str!("../migrations/postgres/0015_story_timelines.sql"),
    ),
    (
        16,
        "search without joins",
        include_str!("../migrations/sqlite/0016_search_without_joins.sql"),
        include_str!("../migrations/postgres/0016_search_without_joins.sql"),
    ),
    (
        17,
        "api tokens",
        include_str!("../migrations/sqlite/0017_api_tokens.sql"),
        include_str!("../migrations/postgres/0017_api_tokens.sql"),
    ),
    (
        18,
        "search facets",
        include_str!("../migrations/sqlite/0018_search_facets.sql"),
        include_str!("../migrations/postgres/0018_search_facets.sql"),
    ),
];

/// The full-text index is by nature different on each database (an FTS5 virtual table
/// and its shadow tables on SQLite, a `tsvector` table on PostgreSQL), so the schema
/// comparison leaves it out; the search tests prove both give the same answers.
const FULL_TEXT_TABLE: &str = "article_search";

/// How the database's schema compares with this binary's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaState {
    UpToDate { version: i64 },
    Behind { current: i64, latest: i64 },
    Newer { current: i64, latest: i64 },
}

impl std::fmt::Display for SchemaState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SchemaState::UpToDate { version } => {
                write!(f, "the schema is up to date (version {version})")
            }
            SchemaState::Behind { current, latest } => write!(
                f,
                "the database schema is at version {current}, this binary needs {latest}: run `broadsheet migrate`"
            ),
            SchemaState::Newer { current, latest } => write!(
                f,
                "the database schema is at version {current}, newer than this binary knows ({latest}): \
                 it was written by a newer Broadsheet; upgrade this binary instead of using it on this database"
            ),
        }
    }
}

/// The outcome of `migrate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    pub applied: Vec<(i64, String)>,
    pub version: i64,
    /// Articles whose search index entry was written now (those that existed before the
    /// search migration, or whose bylines' or topics' names changed).
    pub indexed: u64,
}

fn migrator(backend: Backend) -> Migrator {
    let migrations = MIGRATIONS
        .iter()
        .map(|(version, name, sqlite, postgres)| {
            let sql = match backend {
                Backend::Sqlite => sqlite,
                Backend::Postgres => postgres,
            };
            Migration::new(
                *version,
                Cow::Borrowed(*name),
                MigrationType::Simple,
                Cow::Borrowed(*sql),
                false,
            )
        })
        .collect::<Vec<_>>();
    Migrator {
        migrations: Cow::Owned(migrations),
        ..Migrator::DEFAULT
    }
}

pub fn latest_version() -> i64 {
    MIGRATIONS.last().map(|m| m.0).unwrap_or(0)
}

impl Store {
    /// Compares the database with the migrations built into this binary.
    pub async fn schema_state(&self) -> StoreResult<SchemaState> {
        let exists: Option<i64> = sqlx::query_scalar(match self.backend {
            Backend::Sqlite => {
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
            }
            Backend::Postgres => {
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '_sqlx_migrations' AND table_schema = current_schema()"
            }
        })
        .fetch_optional(&self.pool)
        .await?;
        let current: i64 = if exists.unwrap_or(0) > 0 {
            sqlx::query_scalar::<_, i64>(
                "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success = TRUE",
            )
            .fetch_one(&self.pool)
            .await?
        } else {
            0
        };
        let latest = latest_version();
        Ok(match current.cmp(&latest) {
            std::cmp::Ordering::Equal => SchemaState::UpToDate { version: current },
            std::cmp::Ordering::Less => SchemaState::Behind { current, latest },
            std::cmp::Ordering::Greater => SchemaState::Newer { current, latest },
        })
    }

    /// Applies the migrations the database lacks. Refuses a database from a newer binary.
    pub async fn migrate(&self) -> StoreResult<MigrationStatus> {
        let before = match self.schema_state().await? {
            state @ SchemaState::Newer { .. } => return Err(StoreError::Schema(state)),
            SchemaState::UpToDate { version } => version,
            SchemaState::Behind { current, .. } => current,
        };
        migrator(self.backend).run(&self.pool).await?;
        let indexed = self.search().catch_up().await?;
        let applied = MIGRATIONS
            .iter()
            .filter(|m| m.0 > before)
            .map(|m| (m.0, m.1.to_string()))
            .collect();
        Ok(MigrationStatus {
            indexed,
            applied,
            version: latest_version(),
        })
    }

    /// Fails unless the schema matches this binary exactly.
    pub async fn ensure_schema_current(&self) -> StoreResult<()> {
        match self.schema_state().await? {
            SchemaState::UpToDate { .. } => Ok(()),
            state => Err(StoreError::Schema(state)),
        }
    }
}

/// A table as the migrations left it: its columns, and its indexes with their columns
/// (indexes that back a primary key or unique constraint are the constraint's business
/// and left out; an expression in an index shows as `(expression)`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableOutline {
    pub columns: std::collections::BTreeSet<String>,
    pub indexes: std::collections::BTreeMap<String, Vec<String>>,
}

impl Store {
    /// Every table of the schema (but the migrator's own) with its columns and indexes,
    /// to prove that both databases' migrations build the same schema.
    pub async fn schema_outline(
        &self,
    ) -> StoreResult<std::collections::BTreeMap<String, TableOutline>> {
        use sqlx::Row;
        let (tables_sql, columns_sql, indexes_sql) = match self.backend {
            Backend::Sqlite => (
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
                "SELECT name FROM pragma_table_info($1)",
                // Automatic indexes (constraints) have no SQL; `cid` -2 is an expression.
                "SELECT m.name AS index_name, \
                 CASE WHEN i.cid = -2 THEN '(expression)' ELSE i.name END AS column_name \
                 FROM sqlite_master m JOIN pragma_index_xinfo(m.name) i \
                 WHERE m.type = 'index' AND m.tbl_name = $1 AND m.sql IS NOT NULL AND i.key = 1 \
                 ORDER BY m.name, i.seqno",
            ),
            Backend::Postgres => (
                "SELECT table_name::text AS name FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
                 AND table_name <> '_sqlx_migrations'",
                "SELECT column_name::text AS name FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1",
                "SELECT ic.relname::text AS index_name, \
                 COALESCE(a.attname::text, '(expression)') AS column_name \
                 FROM pg_index x \
                 JOIN pg_class ic ON ic.oid = x.indexrelid \
                 JOIN pg_class t ON t.oid = x.indrelid \
                 JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema() \
                 CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, position) \
                 LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0 \
                 WHERE t.relname = $1 \
                 AND k.position <= x.indnkeyatts \
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) \
                 ORDER BY ic.relname, k.position",
            ),
        };
        let tables: Vec<String> = sqlx::query_scalar(tables_sql).fetch_all(&self.pool).await?;
        let mut outline = std::collections::BTreeMap::new();
        let full_text = |table: &str| {
            table == FULL_TEXT_TABLE
                || table
                    .strip_prefix(FULL_TEXT_TABLE)
                    .is_some_and(|rest| rest.starts_with('_'))
        };
        for table in tables.into_iter().filter(|table| !full_text(table)) {
            let mut entry = TableOutline::default();
            let columns: Vec<String> = sqlx::query_scalar(columns_sql)
                .bind(&table)
                .fetch_all(&self.pool)
                .await?;
            entry.columns.extend(columns);
            for row in sqlx::query(indexes_sql)
                .bind(&table)
                .fetch_all(&self.pool)
                .await?
            {
                let index: String = row.try_get("index_name")?;
                let column: String = row.try_get("column_name")?;
                entry.indexes.entry(index).or_default().push(column);
            }
            outline.insert(table, entry);
        }
        Ok(outline)
    }
}
