-- Full-text search over articles (every state: the newsroom searches drafts too; readers'
-- searches join `articles` for the status). Written by the store in the same transaction
-- as the article (store/src/search.rs). `doc` weighs the headline A, the dek and names
-- B, the body D; the texts are kept for snippets (ts_headline).
-- The 'english' configuration stems English; other scripts are kept word for word.
CREATE TABLE article_search (
    article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    headline   TEXT     NOT NULL,
    dek        TEXT     NOT NULL,
    names      TEXT     NOT NULL,
    body       TEXT     NOT NULL,
    doc        tsvector NOT NULL
);
CREATE INDEX article_search_doc ON article_search USING GIN (doc);

-- Articles whose index entry is to be (re)written: filled here for the articles that
-- exist, and by renames of what an entry holds (author and topic names); drained by
-- the store after migrating.
CREATE TABLE search_pending (
    article_id BIGINT PRIMARY KEY
);
INSERT INTO search_pending (article_id) SELECT id FROM articles;

-- Words of headlines, deks, bylines and topics, for "did you mean".
CREATE TABLE search_words (
    word TEXT PRIMARY KEY
);

-- Sitemaps group published articles by month with their newest change: this index
-- holds all they read.
CREATE INDEX articles_for_sitemaps ON articles (status, published_at, modified_at);
