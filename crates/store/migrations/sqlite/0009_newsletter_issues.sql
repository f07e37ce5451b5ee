-- Newsletter issues and their deliveries, one row per (issue, subscriber): a delivery is
-- marked `sending` before the SMTP conversation, so a worker that dies mid-send never
-- causes a second copy.
CREATE TABLE newsletter_issues (
    id         INTEGER PRIMARY KEY,
    list_id    INTEGER NOT NULL REFERENCES newsletter_lists (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    unique_key TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE deliveries (
    issue_id      INTEGER NOT NULL REFERENCES newsletter_issues (id) ON DELETE CASCADE,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    status        TEXT    NOT NULL CHECK (status IN ('queued', 'sending', 'sent')),
    sent_at       INTEGER,
    PRIMARY KEY (issue_id, subscriber_id)
);
