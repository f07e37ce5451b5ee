//! Full-text search over articles: SQLite's FTS5 and PostgreSQL's `tsvector` side by
//! side (the one place the dialects differ this much).
//!
//! The index holds every article, in any state (the newsroom searches drafts); each
//! entry also says whether its article is published and members-only (SQLite: tokens in
//! a `facets` column; PostgreSQL: columns), so a reader's search reads the index alone.
//! Each entry is written in the same transaction as the article it indexes
//! ([`index_article`]), so a node never answers from an index that disagrees with the
//! articles. Members-only articles are found by a reader who is not a member only through
//! their headline, dek, bylines and topics, and their snippet is the dek: no word of a
//! locked body reaches such a reader, not even as a match.

use broadsheet_core::search::{self, MARK_END, MARK_START, SearchOrder, SearchQuery};
use serde::Serialize;
use sqlx::{Any, Row, Transaction};

use crate::SearchStore;
use crate::articles::{Membership, push_filter};
use crate::dialect::{Backend, Sql};
use crate::error::StoreResult;
use crate::read::{ArticleQuery, ArticleSummary};

/// Results are counted up to this many; beyond it a page says "more than" (and pages stop
/// there: past 50 pages a reader narrows the search or reads newest first). Counting a
/// common phrase exactly means checking the positions of every candidate: 10,000 of them
/// took 12 ms at 100,000 articles.
pub const COUNT_CAP: u64 = 1_000;

/// A reader's search.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: SearchQuery,
    pub order: SearchOrder,
    /// A section and its subsections; empty for all.
    pub sections: Vec<i64>,
    pub topic: Option<i64>,
    pub author: Option<i64>,
    /// Published at or after (Unix seconds).
    pub from: Option<i64>,
    /// Published before (Unix seconds).
    pub until: Option<i64>,
    /// Whether the reader may read members-only bodies (and so find words in them).
    pub member: bool,
    pub limit: u32,
    pub offset: u64,
}

/// One article found, with its headline and a snippet as HTML (escaped, matches in
/// `<mark>`).
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub article: ArticleSummary,
    pub headline_html: String,
    pub snippet_html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Matching articles, counted up to [`COUNT_CAP`].
    pub total: u64,
    /// `total` stopped at the cap: there are more.
    pub more: bool,
}

/// The FTS5 columns a reader who is not a member may match in a members-only article.
const OPEN_COLUMNS: &[&str] = &["headline", "dek", "names"];
/// The FTS5 columns of an article's text. The fifth, `facets`, holds the tokens a search
/// filters on: `zzu0` for an article not published, `zzl0` for a members-only one,
/// `zzs<section>`, `zzt<topic>`, `zza<author>`. The rare states are the tokens (`NOT
/// zzu0`), so a search never reads a doclist of every published article.
const TEXT_COLUMNS: &[&str] = &["headline", "dek", "names", "body"];
const UNLISTED: &str = "{facets} : \"zzu0\"";
const LOCKED: &str = "{facets} : \"zzl0\"";

/// Whether a typed word could match a facet token: only one that begins "zz" once
/// diacritics are removed (stemming only cuts endings). Such a query is matched in the
/// text columns by name, which is exact but slower; any other is matched unfiltered.
fn may_match_facets(word: &str) -> bool {
    let z_like = |c: char| {
        c.eq_ignore_ascii_case(&'z')
            || ('\u{00C0}'..='\u{024F}').contains(&c)
            || ('\u{0300}'..='\u{036F}').contains(&c)
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
    };
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(a), Some(b)) if z_like(a) && z_like(b))
}

/// Past this many matches, newest-first reads published articles in date order and
/// stops at the page (each checked against the matches); below it, sorting the matches
/// is cheaper than walking every article to find a few.
const WALK_AFTER: u64 = 300;
const PG_QUERY: &str = "websearch_to_tsquery('english', ";
const PG_SNIPPET: &str = "MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";

/// SQLite: the query matched anywhere in an article's text — without a column filter
/// unless a typed word could reach the facets (filters cost a walk through every match's
/// positions).
fn fts5_anywhere(query: &SearchQuery) -> String {
    if query.every_word().any(may_match_facets) {
        query.to_fts5(Some(TEXT_COLUMNS))
    } else {
        query.to_fts5(None)
    }
}

/// SQLite: a reader's search as FTS5 expressions over the text and the facets, so that
/// counting, filtering and ordering read only the index. Relevance is three tiers, each
/// newest first, as on PostgreSQL: the query found in the headline, then in the dek,
/// bylines or topics, then only in the body. `tiers` exclude each other; `all` is what
/// they hold together, written so that the common case reads no column filter (they
/// cost a walk through every match's positions).
struct Fts5Search {
    tiers: [String; 3],
    all: String,
}

impl Fts5Search {
    fn new(request: &SearchRequest) -> Fts5Search {
        let mut filters = Vec::new();
        if !request.sections.is_empty() {
            let any: Vec<String> = request
                .sections
                .iter()
                .map(|s| format!("\"zzs{s}\""))
                .collect();
            filters.push(format!("({})", any.join(" OR ")));
        }
        if let Some(topic) = request.topic {
            filters.push(format!("\"zzt{topic}\""));
        }
        if let Some(author) = request.author {
            filters.push(format!("\"zza{author}\""));
        }
        let query = &request.query;
        let in_headline = query.fts5_terms(&["headline"]);
        let in_head = query.fts5_terms(OPEN_COLUMNS);
        let anywhere = fts5_anywhere(query);
        let left_out = query.fts5_left_out(TEXT_COLUMNS);
        // `expression`, in the filters' sections, topic and author, without `out` (and,
        // where `left_out`, without the query's left-out words).
        let narrowed = |expression: &str, out: &[&str], left_out_too: bool| {
            let mut expression = format!("({expression})");
            if !filters.is_empty() {
                expression = format!("{expression} AND {{facets}} : ({})", filters.join(" AND "));
            }
            let mut out: Vec<&str> = out.to_vec();
            if left_out_too {
                out.extend(left_out.as_deref());
            }
            format!("({expression}) NOT ({})", out.join(" OR "))
        };
        let headline = narrowed(&in_headline, &[UNLISTED], true);
        let head = narrowed(&in_head, &[UNLISTED, &in_headline], true);
        // A locked body is matched only by members; others find a locked article only
        // through its headline, dek and names. (`anywhere` carries its left-out words.)
        let (body, all) = if request.member {
            (
                narrowed(&anywhere, &[UNLISTED, &in_head], false),
                narrowed(&anywhere, &[UNLISTED], false),
            )
        } else {
            let open = narrowed(&anywhere, &[UNLISTED, LOCKED], false);
            let locked_head = narrowed(&format!("({in_head}) AND {LOCKED}"), &[UNLISTED], true);
            (
                narrowed(&anywhere, &[UNLISTED, LOCKED, &in_head], false),
                format!("({open}) OR ({locked_head})"),
            )
        };
        Fts5Search {
            tiers: [headline, head, body],
            all,
        }
    }

    fn part(&self, part: Part) -> &str {
        match part {
            Part::All => &self.all,
            Part::Tier(tier) => &self.tiers[tier],
        }
    }
}

/// Relevance tiers: the query in the headline; in the dek, bylines or topics; only in the
/// body.
const TIERS: usize = 3;

/// Which of a search's matches: all of them, or one relevance tier.
#[derive(Debug, Clone, Copy)]
enum Part {
    All,
    Tier(usize),
}

/// How each database finds a search's matches: SQLite's FTS5 expressions (every match, or
/// one tier); PostgreSQL's filters beside the `tsvector` match (every match: its
/// relevance order is one query over them).
enum Matches {
    Sqlite(Fts5Search),
    Postgres(ArticleQuery),
}

/// `AND` the date range of a search, on `a` (the articles table).
fn push_dates(sql: &mut Sql, request: &SearchRequest) {
    if let Some(from) = request.from {
        sql.push(" AND a.published_at >= ").bind(from);
    }
    if let Some(until) = request.until {
        sql.push(" AND a.published_at < ").bind(until);
    }
}

fn dated(request: &SearchRequest) -> bool {
    request.from.is_some() || request.until.is_some()
}

/// PostgreSQL: the articles matching a search, as `SELECT {select} …` with the filters
/// applied. It reads only `article_search`, which carries whether each article is
/// published, when, and whether it is members-only (kept by every write that changes
/// them): joining 20,000 matches of a common word to `articles` cost more than the
/// search. Filters on sections, topics, authors and dates narrow it by a subquery.
fn pg_matching(select: &str, request: &SearchRequest, filter: &ArticleQuery) -> Sql {
    let text = request.query.to_websearch();
    let mut sql = Sql::new(format!(
        "SELECT {select} FROM article_search x WHERE x.listed = 1 AND x.doc @@ {PG_QUERY}"
    ));
    sql.bind_text(&text).push(")");
    if !request.member {
        // A locked body is matched only through its headline, dek and names.
        sql.push(" AND (x.members_only = 0 OR x.head @@ ")
            .push(PG_QUERY)
            .bind_text(&text)
            .push("))");
    }
    let filtered = !filter.sections.is_empty()
        || !filter.topics.is_empty()
        || filter.author.is_some()
        || filter.from.is_some()
        || filter.until.is_some();
    if filtered {
        sql.push(" AND x.article_id IN (SELECT a.id FROM articles a");
        push_filter(&mut sql, filter, Membership::Collect);
        sql.push(")");
    }
    sql
}

fn limit_offset(sql: &mut Sql, limit: u32, offset: u64) {
    sql.push(" LIMIT ")
        .bind(i64::from(limit.max(1)))
        .push(" OFFSET ")
        .bind(i64::try_from(offset).unwrap_or(i64::MAX));
}

impl SearchStore<'_> {
    /// Published articles matching a reader's search, one page of them.
    pub async fn search(&self, request: &SearchRequest) -> StoreResult<SearchResults> {
        let (total, ids) = self.page(request).await?;
        let summaries = self.articles().published_summaries(&ids).await?;
        let locked: Vec<i64> = summaries
            .iter()
            .filter(|s| s.members_only && !request.member)
            .map(|s| s.id)
            .collect();
        let mut marked = self.marked(&request.query, &ids, &locked).await?;
        let hits = summaries
            .into_iter()
            .map(|article| {
                let (headline, snippet) = marked.remove(&article.id).unwrap_or_default();
                SearchHit {
                    headline_html: if headline.is_empty() {
                        search::snippet_html(&article.headline)
                    } else {
                        search::snippet_html(&headline)
                    },
                    snippet_html: search::snippet_html(snippet.trim()),
                    article,
                }
            })
            .collect();
        Ok(SearchResults {
            hits,
            total: total.min(COUNT_CAP),
            more: total > COUNT_CAP,
        })
    }

    /// How many match (up to the cap) and the page's article ids, in order. Newest first
    /// reads every match by date; relevance reads tier after tier, skipping whole tiers
    /// the offset passes, each newest first.
    async fn page(&self, request: &SearchRequest) -> StoreResult<(u64, Vec<i64>)> {
        let matches = match self.backend {
            Backend::Sqlite => Matches::Sqlite(Fts5Search::new(request)),
            Backend::Postgres => Matches::Postgres(ArticleQuery {
                sections: request.sections.clone(),
                topics: request.topic.into_iter().collect(),
                author: request.author,
                from: request.from,
                until: request.until,
                ..Default::default()
            }),
        };
        let total = self
            .count_part(&matches, Part::All, request, COUNT_CAP + 1)
            .await?;
        let ids = match (request.order, &matches) {
            (SearchOrder::Newest, _) => {
                self.newest_part(
                    &matches,
                    Part::All,
                    total,
                    request,
                    request.limit,
                    request.offset,
                )
                .await?
            }
            // PostgreSQL orders by the tiers in one query: its planner cannot estimate a
            // tier's predicate (no index on `head`), and walking the date index for a
            // sparse tier read every listed article (measured: a rare word 1.8 → 242 ms).
            (SearchOrder::Relevance, Matches::Postgres(filter)) => {
                let text = request.query.to_websearch();
                let mut ranked = pg_matching("x.article_id", request, filter);
                ranked
                    .push(" ORDER BY ts_filter(x.head, '{a}') @@ ")
                    .push(PG_QUERY)
                    .bind_text(&text)
                    .push(") DESC, x.head @@ ")
                    .push(PG_QUERY)
                    .bind_text(&text)
                    .push(") DESC, x.published_at DESC, x.article_id DESC");
                limit_offset(&mut ranked, request.limit, request.offset);
                ranked.query_scalar().fetch_all(&self.pool).await?
            }
            (SearchOrder::Relevance, Matches::Sqlite(_)) => {
                let mut ids = Vec::new();
                let mut skip = request.offset;
                for tier in 0..TIERS {
                    let wanted = request.limit.max(1) as usize - ids.len();
                    if wanted == 0 {
                        break;
                    }
                    // Enough to choose between walking and sorting (a dense tier stops
                    // counting early); exact only when the offset may pass the tier.
                    let part = Part::Tier(tier);
                    let mut size = self
                        .count_part(&matches, part, request, WALK_AFTER + 1)
                        .await?;
                    if skip > 0 && size > WALK_AFTER {
                        size = self
                            .count_part(&matches, part, request, COUNT_CAP + 1)
                            .await?;
                    }
                    if skip >= size {
                        skip -= size;
                        continue;
                    }
                    let page = self
                        .newest_part(&matches, part, size, request, wanted as u32, skip)
                        .await?;
                    ids.extend(page);
                    skip = 0;
                }
                ids
            }
        };
        Ok((total, ids))
    }

    /// How many published articles are in `part` of the matches, up to `most`.
    async fn count_part(
        &self,
        matches: &Matches,
        part: Part,
        request: &SearchRequest,
        most: u64,
    ) -> StoreResult<u64> {
        let mut count = match matches {
            Matches::Sqlite(fts) if dated(request) => {
                let mut sql = Sql::new(
                    "SELECT 1 FROM article_search CROSS JOIN articles a \
                     ON a.id = article_search.rowid WHERE article_search MATCH ",
                );
                sql.bind_text(fts.part(part));
                push_dates(&mut sql, request);
                sql
            }
            Matches::Sqlite(fts) => {
                let mut sql = Sql::new("SELECT 1 FROM article_search WHERE article_search MATCH ");
                sql.bind_text(fts.part(part));
                sql
            }
            // PostgreSQL is asked only for all of its matches (its relevance is one query).
            Matches::Postgres(filter) => pg_matching("1", request, filter),
        };
        count
            .text_prefix("SELECT COUNT(*) FROM (")
            .push(" LIMIT ")
            .bind(i64::try_from(most).unwrap_or(i64::MAX))
            .push(") AS found");
        let total: i64 = count.query_scalar().fetch_one(&self.pool).await?;
        Ok(total.max(0) as u64)
    }

    /// `part` of the matches, newest first. On SQLite, many matches: read published
    /// articles in date order and keep those in the match set, stopping at the page;
    /// few: sort the matches. PostgreSQL's planner makes the same choice itself (by the
    /// index of listed articles by date).
    async fn newest_part(
        &self,
        matches: &Matches,
        part: Part,
        size: u64,
        request: &SearchRequest,
        limit: u32,
        offset: u64,
    ) -> StoreResult<Vec<i64>> {
        let mut sql = match matches {
            Matches::Sqlite(fts) if size > WALK_AFTER => {
                let mut sql = Sql::new("SELECT a.id FROM articles a WHERE a.status = 'published'");
                push_dates(&mut sql, request);
                sql.push(
                    " AND a.id IN (SELECT rowid FROM article_search WHERE article_search MATCH ",
                )
                .bind_text(fts.part(part))
                .push(") ORDER BY a.published_at DESC, a.id DESC");
                sql
            }
            Matches::Sqlite(fts) => {
                let mut sql = Sql::new(
                    "SELECT a.id FROM article_search CROSS JOIN articles a ON a.id = article_search.rowid \
                     WHERE article_search MATCH ",
                );
                sql.bind_text(fts.part(part))
                    .push(" AND a.status = 'published'");
                push_dates(&mut sql, request);
                sql.push(" ORDER BY a.published_at DESC, a.id DESC");
                sql
            }
            Matches::Postgres(filter) => {
                let mut sql = pg_matching("x.article_id", request, filter);
                sql.push(" ORDER BY x.published_at DESC, x.article_id DESC");
                sql
            }
        };
        limit_offset(&mut sql, limit, offset);
        Ok(sql.query_scalar().fetch_all(&self.pool).await?)
    }

    /// Headlines and snippets with the matches marked, by article id. `locked` articles'
    /// snippets come from the dek, never the body.
    async fn marked(
        &self,
        query: &SearchQuery,
        ids: &[i64],
        locked: &[i64],
    ) -> StoreResult<std::collections::HashMap<i64, (String, String)>> {
        if ids.is_empty() {
            return Ok(Default::default());
        }
        let start = MARK_START.to_string();
        let end = MARK_END.to_string();
        // An id that is never an article's stands in for an empty list (`IN ()` is not
        // valid on PostgreSQL).
        let locked = if locked.is_empty() { &[0][..] } else { locked };
        let sql = match self.backend {
            Backend::Sqlite => {
                let mut sql = Sql::new("SELECT rowid AS id, highlight(article_search, 0, ");
                sql.bind_text(&start)
                    .push(", ")
                    .bind_text(&end)
                    .push(") AS headline, snippet(article_search, CASE WHEN rowid IN ")
                    .bind_list(locked)
                    .push(" THEN 1 ELSE 3 END, ")
                    .bind_text(&start)
                    .push(", ")
                    .bind_text(&end)
                    .push(", '…', 30) AS snippet FROM article_search WHERE article_search MATCH ")
                    .bind_text(&fts5_anywhere(query))
                    .push(" AND rowid IN ")
                    .bind_list(ids);
                sql
            }
            Backend::Postgres => {
                let marks = format!("StartSel=\"{start}\", StopSel=\"{end}\"");
                let mut sql =
                    Sql::new("SELECT x.article_id AS id, ts_headline('english', x.headline, q, ");
                sql.bind_text(&format!("{marks}, HighlightAll=true"))
                    .push(
                        ") AS headline, ts_headline('english', \
                         CASE WHEN x.article_id IN ",
                    )
                    .bind_list(locked)
                    .push(" THEN x.dek ELSE x.body END, q, ")
                    .bind_text(&format!("{marks}, {PG_SNIPPET}"))
                    .push(") AS snippet FROM article_search_text x, ")
                    .push(PG_QUERY)
                    .bind_text(&query.to_websearch())
                    .push(") AS q WHERE x.article_id IN ")
                    .bind_list(ids);
                sql
            }
        };
        let rows = sql.query().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                Ok((
                    row.try_get::<i64, _>("id")?,
                    (row.try_get("headline")?, row.try_get("snippet")?),
                ))
            })
            .collect()
    }

    /// A query close to `query` that finds something, when `query` finds nothing
    /// because of a typing slip: each looked-for word that is not a known word is
    /// swapped for the closest known one.
    pub async fn suggest(&self, request: &SearchRequest) -> StoreResult<Option<SearchQuery>> {
        let mut corrected = request.query.clone();
        let mut changed = false;
        let words: Vec<String> = request.query.included_words().map(str::to_string).collect();
        for word in words.iter().take(4) {
            let Some(first) = word.chars().next() else {
                continue;
            };
            let known: Option<String> =
                sqlx::query_scalar("SELECT word FROM search_words WHERE word = $1")
                    .bind(word)
                    .fetch_optional(&self.pool)
                    .await?;
            if known.is_some() {
                continue;
            }
            // Candidates share the first letter: slips there are rare, and it keeps the
            // candidates to an index range.
            let next = char::from_u32(u32::from(first) + 1).unwrap_or(char::MAX);
            let candidates: Vec<String> = sqlx::query_scalar(
                "SELECT word FROM search_words WHERE word >= $1 AND word < $2 ORDER BY word LIMIT 20000",
            )
            .bind(first.to_string())
            .bind(next.to_string())
            .fetch_all(&self.pool)
            .await?;
            if let Some(close) = search::closest_word(word, candidates.iter().map(String::as_str)) {
                corrected = corrected.replacing(word, close);
                changed = true;
            }
        }
        if !changed {
            return Ok(None);
        }
        let mut retry = request.clone();
        retry.query = corrected;
        retry.limit = 1;
        retry.offset = 0;
        Ok((self.search(&retry).await?.total > 0).then_some(retry.query))
    }

    /// Writes the index entries still owed (articles that existed before search, or
    /// whose names changed), in batches. Returns how many were written.
    pub async fn catch_up(&self) -> StoreResult<u64> {
        let mut written = 0u64;
        loop {
            let ids: Vec<i64> = sqlx::query_scalar(
                "SELECT article_id FROM search_pending ORDER BY article_id LIMIT 200",
            )
            .fetch_all(&self.pool)
            .await?;
            if ids.is_empty() {
                return Ok(written);
            }
            let mut tx = self.begin_write().await?;
            for id in &ids {
                index_article(&mut tx, self.backend, *id).await?;
                sqlx::query("DELETE FROM search_pending WHERE article_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            written += ids.len() as u64;
            if written % 10_000 < 200 {
                tracing::info!(written, "search index: articles indexed");
            }
        }
    }
}

/// `AND a.id` is one of the articles (any state) matching `typed`, for the newsroom's
/// article list. Text with no word in it filters nothing.
pub(crate) fn push_newsroom_match(sql: &mut Sql, backend: Backend, typed: &str) {
    let Some(query) = SearchQuery::parse(typed) else {
        return;
    };
    match backend {
        Backend::Sqlite => sql
            .push(" AND a.id IN (SELECT rowid FROM article_search WHERE article_search MATCH ")
            .bind_text(&fts5_anywhere(&query))
            .push(")"),
        Backend::Postgres => sql
            .push(" AND a.id IN (SELECT article_id FROM article_search WHERE doc @@ ")
            .push(PG_QUERY)
            .bind_text(&query.to_websearch())
            .push("))"),
    };
}

/// Writes an article's index entry from what the transaction sees: its headline, dek,
/// body text, bylines and topics. Called by every write that changes one of those.
pub(crate) async fn index_article(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    id: i64,
) -> StoreResult<()> {
    let row = sqlx::query(
        "SELECT headline, dek, body_html, status, published_at, members_only, section_id \
         FROM articles WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    let delete = match backend {
        Backend::Sqlite => "DELETE FROM article_search WHERE rowid = $1",
        Backend::Postgres => "DELETE FROM article_search WHERE article_id = $1",
    };
    let Some(row) = row else {
        sqlx::query(delete).bind(id).execute(&mut **tx).await?;
        return Ok(());
    };
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT au.name FROM article_bylines b JOIN authors au ON au.id = b.author_id \
         WHERE b.article_id = $1 \
         UNION ALL SELECT t.name FROM article_topics x JOIN topics t ON t.id = x.topic_id \
         WHERE x.article_id = $1",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    let headline = search::index_text(&row.try_get::<String, _>("headline")?, usize::MAX);
    let dek = search::index_text(&row.try_get::<String, _>("dek")?, usize::MAX);
    let names = search::index_text(&names.join(" · "), usize::MAX);
    let body_html: String = row.try_get("body_html")?;
    let body = search::index_text(
        &broadsheet_core::body::plain_text(&body_html),
        search::MAX_BODY_CHARS,
    );
    let listed = i64::from(row.try_get::<String, _>("status")? == "published");
    let published_at: Option<i64> = row.try_get("published_at")?;
    let members_only: i64 = row.try_get("members_only")?;
    match backend {
        Backend::Sqlite => {
            // What a reader's search filters on, as tokens matched by column name.
            let mut facets: Vec<String> = sqlx::query_scalar(
                "SELECT 'zza' || author_id FROM article_bylines WHERE article_id = $1 \
                 UNION ALL SELECT 'zzt' || topic_id FROM article_topics WHERE article_id = $1",
            )
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
            if listed == 0 {
                facets.push("zzu0".into());
            }
            if members_only != 0 {
                facets.push("zzl0".into());
            }
            if let Some(section) = row.try_get::<Option<i64>, _>("section_id")? {
                facets.push(format!("zzs{section}"));
            }
            // FTS5 has no upsert: the old entry goes first.
            sqlx::query(delete).bind(id).execute(&mut **tx).await?;
            sqlx::query(
                "INSERT INTO article_search (rowid, headline, dek, names, body, facets) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(&headline)
            .bind(&dek)
            .bind(&names)
            .bind(&body)
            .bind(facets.join(" "))
            .execute(&mut **tx)
            .await?;
        }
        Backend::Postgres => {
            // The narrow row a search reads, weighed as it is written; the texts for
            // snippets beside it.
            sqlx::query(
                "INSERT INTO article_search (article_id, head, doc, listed, published_at, members_only) \
                 VALUES ($1, \
                 setweight(to_tsvector('english', $2), 'A') \
                 || setweight(to_tsvector('english', $3), 'B') \
                 || setweight(to_tsvector('english', $4), 'B'), \
                 setweight(to_tsvector('english', $2), 'A') \
                 || setweight(to_tsvector('english', $3), 'B') \
                 || setweight(to_tsvector('english', $4), 'B') \
                 || setweight(to_tsvector('english', $5), 'D'), $6, $7, $8) \
                 ON CONFLICT (article_id) DO UPDATE SET head = excluded.head, doc = excluded.doc, \
                 listed = excluded.listed, published_at = excluded.published_at, \
                 members_only = excluded.members_only",
            )
            .bind(id)
            .bind(&headline)
            .bind(&dek)
            .bind(&names)
            .bind(&body)
            .bind(listed)
            .bind(published_at)
            .bind(members_only)
            .execute(&mut **tx)
            .await?;
            sqlx::query(
                "INSERT INTO article_search_text (article_id, headline, dek, names, body) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (article_id) DO UPDATE SET \
                 headline = excluded.headline, dek = excluded.dek, names = excluded.names, \
                 body = excluded.body",
            )
            .bind(id)
            .bind(&headline)
            .bind(&dek)
            .bind(&names)
            .bind(&body)
            .execute(&mut **tx)
            .await?;
        }
    }
    let mut known: Vec<String> = search::words(&format!("{headline} {dek} {names}"))
        .filter(|word| search::suggestible(word))
        .collect();
    known.sort();
    known.dedup();
    for chunk in known.chunks(100) {
        let mut sql = Sql::new("INSERT INTO search_words (word) VALUES ");
        for (index, word) in chunk.iter().enumerate() {
            if index > 0 {
                sql.push(", ");
            }
            sql.push("(").bind_text(word).push(")");
        }
        sql.push(" ON CONFLICT (word) DO NOTHING");
        sql.query().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Keeps an article's index entry in step with its state and publication time. Called
/// in the transaction of every change of state. PostgreSQL updates the entry's columns;
/// SQLite writes the entry again (its facets say whether the article is published).
pub(crate) async fn note_state(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    id: i64,
) -> StoreResult<()> {
    match backend {
        Backend::Sqlite => index_article(tx, backend, id).await,
        Backend::Postgres => {
            sqlx::query(
                "UPDATE article_search SET \
                 listed = CASE WHEN a.status = 'published' THEN 1 ELSE 0 END, \
                 published_at = a.published_at, members_only = a.members_only \
                 FROM articles a WHERE a.id = article_search.article_id AND a.id = $1",
            )
            .bind(id)
            .execute(&mut **tx)
            .await?;
            Ok(())
        }
    }
}
