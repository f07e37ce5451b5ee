-- Reader accounts: signed in by a one-time link sent by email, never by password.
-- Membership is a tier row: a paid tier later is a new row with a higher level, not a
-- new design. Members-only articles need any tier of level 1 or more.
CREATE TABLE membership_tiers (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    level       INTEGER NOT NULL,
    -- New accounts get the open tier of the lowest level.
    open_signup INTEGER NOT NULL DEFAULT 0
);
INSERT INTO membership_tiers (slug, name, description, level, open_signup)
VALUES ('member', 'Member', 'Free with a reader account: members-only articles and a member badge on your comments.', 1, 1);

CREATE TABLE readers (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    tier_id       INTEGER REFERENCES membership_tiers (id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL,
    last_login_at INTEGER
);

CREATE TABLE reader_sessions (
    token_hash   TEXT    PRIMARY KEY,
    reader_id    INTEGER NOT NULL REFERENCES readers (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX reader_sessions_by_reader ON reader_sessions (reader_id);

-- Sign-in links: one-time, short-lived; the account is created when a link for a new
-- address is used, so an address nobody confirmed never has an account.
CREATE TABLE reader_links (
    token_hash TEXT    PRIMARY KEY,
    email      TEXT    NOT NULL,
    return_to  TEXT    NOT NULL DEFAULT '/',
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX reader_links_by_email ON reader_links (email, created_at);

ALTER TABLE comments ADD COLUMN reader_id INTEGER REFERENCES readers (id) ON DELETE SET NULL;
CREATE INDEX comments_by_reader ON comments (reader_id);

-- Per article: may guests (name and email, no account) comment?
ALTER TABLE articles ADD COLUMN comments_guests INTEGER NOT NULL DEFAULT 1;
