-- Writes record what they changed, so that every app node (and a server running while a
-- CLI command writes) can drop exactly the cached pages that show it.
CREATE TABLE change_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    deps       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX change_log_by_time ON change_log (created_at);
