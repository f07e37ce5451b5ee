-- Searching a common word at 100,000 articles took a quarter of a second on PostgreSQL:
-- ranking detoasted every matching article's whole tsvector, every match was joined to
-- `articles` for its status and date, and the rows read were wide with the texts kept
-- for snippets. The index table now holds only what a search reads: a small tsvector of
-- the headline, dek and names (`head`, which ranks), whether the article is published
-- (`listed`, kept by every change of state), when, and whether it is members-only. The
-- texts move to `article_search_text`, read only for the page of results shown.
CREATE TABLE article_search_text (
    article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    headline   TEXT NOT NULL,
    dek        TEXT NOT NULL,
    names      TEXT NOT NULL,
    body       TEXT NOT NULL
);
INSERT INTO article_search_text (article_id, headline, dek, names, body)
    SELECT article_id, headline, dek, names, body FROM article_search;

-- Written anew rather than altered, so that the narrow rows sit packed together (an
-- update in place would leave each on the page of its wide predecessor). A row over
-- 512 bytes has its largest values (the body's `doc`) stored apart: left to the default
-- (2 kB), most docs stayed in the row, three rows to a page.
CREATE TABLE article_search_narrow (
    article_id   BIGINT   PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    head         tsvector NOT NULL,
    doc          tsvector NOT NULL,
    listed       BIGINT   NOT NULL DEFAULT 0,
    published_at BIGINT,
    members_only BIGINT   NOT NULL DEFAULT 0
) WITH (toast_tuple_target = 512);
INSERT INTO article_search_narrow (article_id, head, doc, listed, published_at, members_only)
    SELECT x.article_id,
           setweight(to_tsvector('english', x.headline), 'A')
               || setweight(to_tsvector('english', x.dek), 'B')
               || setweight(to_tsvector('english', x.names), 'B'),
           x.doc,
           CASE WHEN a.status = 'published' THEN 1 ELSE 0 END,
           a.published_at,
           a.members_only
    FROM article_search x JOIN articles a ON a.id = x.article_id
    ORDER BY x.article_id;
DROP TABLE article_search;
ALTER TABLE article_search_narrow RENAME TO article_search;
ALTER TABLE article_search RENAME CONSTRAINT article_search_narrow_pkey TO article_search_pkey;
ALTER TABLE article_search RENAME CONSTRAINT article_search_narrow_article_id_fkey TO article_search_article_id_fkey;
CREATE INDEX article_search_doc ON article_search USING GIN (doc);
