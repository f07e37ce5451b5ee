-- Share links carry the generation they were made in; revoking them, or unpublishing
-- the article, starts a new one.
ALTER TABLE articles ADD COLUMN share_generation BIGINT NOT NULL DEFAULT 0;
-- Comment threads are read from their top-level comments down.
CREATE INDEX comments_by_parent ON comments (parent_id);
