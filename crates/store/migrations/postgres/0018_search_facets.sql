-- SQLite's index gains its facets column (see the SQLite migration); PostgreSQL's index
-- table already carries what a search filters on (listed, published_at, members_only).
-- Listed articles by date: a search ordered newest first can read matches in date order
-- and stop at the page, instead of sorting every match.
CREATE INDEX article_search_listed_by_date ON article_search (published_at DESC, article_id DESC)
    WHERE listed = 1;
