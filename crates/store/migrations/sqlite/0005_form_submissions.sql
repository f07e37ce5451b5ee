-- Forms readers fill in: where submissions go, what readers see after sending, the
-- submissions themselves, and events counted for rate limits.
ALTER TABLE forms ADD COLUMN recipients TEXT NOT NULL DEFAULT '';
ALTER TABLE forms ADD COLUMN thanks TEXT NOT NULL DEFAULT '';

CREATE TABLE form_submissions (
    id         INTEGER PRIMARY KEY,
    form_id    INTEGER NOT NULL REFERENCES forms (id) ON DELETE CASCADE,
    data       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX form_submissions_by_form ON form_submissions (form_id, id);

CREATE TABLE rate_events (
    id  INTEGER PRIMARY KEY,
    key TEXT    NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX rate_events_by_key ON rate_events (key, at);
