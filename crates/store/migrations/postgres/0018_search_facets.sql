-- SQLite's index gains its facets column (see the SQLite migration); PostgreSQL's index
-- table already carries what a search filters on (listed, published_at, members_only).
SELECT 1;
