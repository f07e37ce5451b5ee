-- PostgreSQL's search index gains the columns a search reads (see the PostgreSQL file of
-- this migration). SQLite's FTS5 index is read first and joined by row id, which is
-- cheap: nothing changes here.
SELECT 1;
