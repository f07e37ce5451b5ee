-- The newsroom: people and their sessions, revisions, old slugs, the job queue, and
-- settings shared by every node.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('contributor', 'author', 'editor', 'administrator')),
    password_hash TEXT    NOT NULL,
    author_id     INTEGER REFERENCES authors (id) ON DELETE SET NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    last_login_at INTEGER
);

CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE login_failures (
    id  INTEGER PRIMARY KEY,
    key TEXT    NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at);

CREATE TABLE password_resets (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);

ALTER TABLE articles ADD COLUMN created_by INTEGER REFERENCES users (id) ON DELETE SET NULL;

CREATE TABLE article_revisions (
    id                INTEGER PRIMARY KEY,
    article_id        INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version           INTEGER NOT NULL,
    kind              TEXT    NOT NULL CHECK (kind IN ('save', 'restore', 'conflict')),
    user_id           INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at        INTEGER NOT NULL,
    headline          TEXT    NOT NULL,
    dek               TEXT    NOT NULL,
    slug              TEXT    NOT NULL,
    body_format       TEXT    NOT NULL,
    body_source       TEXT    NOT NULL,
    section_id        INTEGER,
    topic_ids         TEXT    NOT NULL DEFAULT '[]',
    author_ids        TEXT    NOT NULL DEFAULT '[]',
    featured_media_id INTEGER,
    seo_title         TEXT    NOT NULL DEFAULT '',
    seo_description   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX article_revisions_by_article ON article_revisions (article_id, id);

CREATE TABLE slug_redirects (
    old_slug   TEXT    PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);

CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    unique_key   TEXT    UNIQUE,
    state        TEXT    NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    run_at       INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 5,
    locked_until INTEGER,
    last_error   TEXT,
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER
);
CREATE INDEX jobs_due ON jobs (state, run_at);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
