-- Search reads only its index: each entry gains a `facets` column of tokens that say
-- what a reader's search filters on — `zzu0` (not published), `zzl0` (members-only), and
-- `zzs<id>`, `zzt<id>`, `zza<id>` for its section, topics and authors — so that counting
-- and ordering the matches of a common word never look up 20,000 articles one by one.
-- FTS5 tables cannot gain a column: the table is made again and every article queued
-- for indexing (drained after migrating, as in migration 14).
DROP TABLE article_search;
CREATE VIRTUAL TABLE article_search USING fts5 (
    headline, dek, names, body, facets,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT OR IGNORE INTO search_pending (article_id) SELECT id FROM articles;
