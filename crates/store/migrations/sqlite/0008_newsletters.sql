-- Newsletters: lists readers subscribe to, with double opt-in.
CREATE TABLE newsletter_lists (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO newsletter_lists (slug, name, description, position)
VALUES ('daily-digest', 'Daily digest', 'The day''s stories, every evening.', 1),
       ('breaking-news', 'Breaking news', 'An email when big news breaks.', 2);

CREATE TABLE subscribers (
    id                 INTEGER PRIMARY KEY,
    email              TEXT    NOT NULL UNIQUE,
    status             TEXT    NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
    pending_lists      TEXT    NOT NULL DEFAULT '[]',
    confirm_token_hash TEXT,
    confirm_expires_at INTEGER,
    created_at         INTEGER NOT NULL,
    confirmed_at       INTEGER,
    unsubscribed_at    INTEGER
);
CREATE INDEX subscribers_by_token ON subscribers (confirm_token_hash);

CREATE TABLE subscriptions (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    list_id       INTEGER NOT NULL REFERENCES newsletter_lists (id) ON DELETE CASCADE,
    PRIMARY KEY (subscriber_id, list_id)
);
