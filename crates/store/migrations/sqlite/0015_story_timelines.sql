-- Story timelines: a topic shown as its articles in date order, with an explainer pinned
-- first and the key moments an editor marks.
ALTER TABLE topics ADD COLUMN timeline INTEGER NOT NULL DEFAULT 0;
ALTER TABLE topics ADD COLUMN explainer_id INTEGER REFERENCES articles (id) ON DELETE SET NULL;

-- A key moment: an article of the topic marked with a few words ("The vote").
CREATE TABLE topic_moments (
    topic_id   INTEGER NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    label      TEXT    NOT NULL,
    PRIMARY KEY (topic_id, article_id)
);
