-- The content model: media, authors, sections, topics, articles, pages, forms.
-- Times are Unix seconds (UTC) in INTEGER columns so that both databases share SQL.

CREATE TABLE media (
    id            INTEGER PRIMARY KEY,
    file_name     TEXT    NOT NULL UNIQUE,
    mime_type     TEXT    NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    byte_size     INTEGER NOT NULL,
    content_hash  TEXT,
    alt_text      TEXT    NOT NULL DEFAULT '',
    caption       TEXT    NOT NULL DEFAULT '',
    credit        TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL
);
CREATE INDEX media_content_hash ON media (content_hash);

CREATE TABLE authors (
    id              INTEGER PRIMARY KEY,
    slug            TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    job_title       TEXT    NOT NULL DEFAULT '',
    bio             TEXT    NOT NULL DEFAULT '',
    avatar_media_id INTEGER REFERENCES media (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL
);

CREATE TABLE sections (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    parent_id   INTEGER REFERENCES sections (id) ON DELETE RESTRICT,
    position    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE topics (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE articles (
    id                INTEGER PRIMARY KEY,
    slug              TEXT    NOT NULL UNIQUE,
    headline          TEXT    NOT NULL,
    dek               TEXT    NOT NULL DEFAULT '',
    body_format       TEXT    NOT NULL CHECK (body_format IN ('markdown', 'html')),
    body_source       TEXT    NOT NULL,
    body_html         TEXT    NOT NULL,
    embeds            TEXT    NOT NULL DEFAULT '[]',
    word_count        INTEGER NOT NULL DEFAULT 0,
    status            TEXT    NOT NULL CHECK (status IN ('draft', 'pending', 'scheduled', 'published', 'unpublished')),
    section_id        INTEGER REFERENCES sections (id) ON DELETE SET NULL,
    featured_media_id INTEGER REFERENCES media (id) ON DELETE SET NULL,
    seo_title         TEXT    NOT NULL DEFAULT '',
    seo_description   TEXT    NOT NULL DEFAULT '',
    front_rank        INTEGER,
    members_only      INTEGER NOT NULL DEFAULT 0,
    comment_count     INTEGER NOT NULL DEFAULT 0,
    published_at      INTEGER,
    updated_at        INTEGER,
    scheduled_at      INTEGER,
    created_at        INTEGER NOT NULL,
    modified_at       INTEGER NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX articles_by_status_published ON articles (status, published_at DESC);
CREATE INDEX articles_by_section ON articles (section_id, status, published_at DESC);
CREATE INDEX articles_by_front_rank ON articles (front_rank);

CREATE TABLE article_bylines (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES authors (id) ON DELETE RESTRICT,
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, author_id)
);
CREATE INDEX article_bylines_by_author ON article_bylines (author_id, article_id);

CREATE TABLE article_topics (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    topic_id   INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, topic_id)
);
CREATE INDEX article_topics_by_topic ON article_topics (topic_id, article_id);

CREATE TABLE article_notes (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('correction', 'update')),
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX article_notes_by_article ON article_notes (article_id, created_at);

CREATE TABLE pages (
    id           INTEGER PRIMARY KEY,
    parent_id    INTEGER REFERENCES pages (id) ON DELETE RESTRICT,
    slug         TEXT    NOT NULL,
    path         TEXT    NOT NULL UNIQUE,
    title        TEXT    NOT NULL,
    body_format  TEXT    NOT NULL CHECK (body_format IN ('markdown', 'html')),
    body_source  TEXT    NOT NULL,
    body_html    TEXT    NOT NULL,
    embeds       TEXT    NOT NULL DEFAULT '[]',
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'published')),
    position     INTEGER NOT NULL DEFAULT 0,
    published_at INTEGER,
    modified_at  INTEGER NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE forms (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    fields      TEXT    NOT NULL DEFAULT '[]',
    created_at  INTEGER NOT NULL,
    modified_at INTEGER NOT NULL
);
