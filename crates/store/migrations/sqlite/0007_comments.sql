-- Readers' comments, moderated; commenters banned by address or client.
CREATE TABLE comments (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    parent_id    INTEGER REFERENCES comments (id) ON DELETE SET NULL,
    user_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    author_name  TEXT    NOT NULL,
    author_email TEXT    NOT NULL,
    body_source  TEXT    NOT NULL,
    body_html    TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'spam')),
    reason       TEXT    NOT NULL DEFAULT '',
    client_hash  TEXT    NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    moderated_at INTEGER
);
CREATE INDEX comments_by_article ON comments (article_id, status, id);
CREATE INDEX comments_by_status ON comments (status, id);
CREATE INDEX comments_by_email ON comments (author_email, status);

CREATE TABLE comment_bans (
    key        TEXT    PRIMARY KEY,
    reason     TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

ALTER TABLE articles ADD COLUMN comments_open INTEGER NOT NULL DEFAULT 1;
