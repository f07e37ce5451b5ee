-- Full-text search over articles (every state: the newsroom searches drafts too; readers'
-- searches join `articles` for the status). The row id is the article's id. Written by
-- the store in the same transaction as the article (store/src/search.rs).
-- Porter stemming for English; unicode61 splits every script into words, so Hebrew and
-- Arabic match word for word.
CREATE VIRTUAL TABLE article_search USING fts5 (
    headline, dek, names, body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Articles whose index entry is to be (re)written: filled here for the articles that
-- exist, and by renames of what an entry holds (author and topic names); drained by
-- the store after migrating.
CREATE TABLE search_pending (
    article_id INTEGER PRIMARY KEY
);
INSERT INTO search_pending (article_id) SELECT id FROM articles;

-- Words of headlines, deks, bylines and topics, for "did you mean".
CREATE TABLE search_words (
    word TEXT PRIMARY KEY
);

-- Sitemaps group published articles by month with their newest change: this index
-- holds all they read.
CREATE INDEX articles_for_sitemaps ON articles (status, published_at, modified_at);
