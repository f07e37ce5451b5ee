//! Published articles and lists of them, kept in memory between writes.
//!
//! A reader page is drawn from a handful of list queries and one article read. With
//! 10,000 articles each list costs SQLite 0.1–0.9 ms even through its index: more than
//! drawing the page, and paid again on every page the page cache does not hold (signed-in
//! tiers, deep pages, the moment after a write). The results are kept here and dropped by
//! the same announcements that drop cached pages (`Dep`), so they are never older than a
//! cached page may be: at once for this process's writes (before the writer returns),
//! within the change-log poll for other nodes' writes.
//!
//! Only what readers see goes through it (published articles and lists); the newsroom
//! and every write read the database.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use broadsheet_core::cache::DepCache;
use broadsheet_core::change::{Change, Dep};

use crate::comments::Comment;
use crate::read::{Article, ArticleQuery, ArticleSummary};

/// How many results are kept, and how many bytes they may take: enough for every list a
/// busy front, its sections and their first pages show, and the most read articles.
const LISTS_KEPT: usize = 2048;
const LISTS_BYTES: usize = 16 * 1024 * 1024;
const ARTICLES_KEPT: usize = 512;
const ARTICLES_BYTES: usize = 48 * 1024 * 1024;

/// Reads do not expire on their own; only changes drop them.
const NEVER: i64 = i64::MAX;

pub(crate) struct ReadCache {
    /// Off until the process follows the change log (`Store::cache_reads`): a process
    /// that does not (a CLI command, a separate worker) would never hear of other
    /// processes' writes.
    enabled: AtomicBool,
    lists: DepCache<Vec<ArticleSummary>>,
    counts: DepCache<u64>,
    articles: DepCache<Article>,
    /// A page of an article's comment threads, and how many threads it has.
    threads: DepCache<(Vec<Comment>, i64)>,
}

impl ReadCache {
    pub(crate) fn new() -> ReadCache {
        ReadCache {
            enabled: AtomicBool::new(false),
            lists: DepCache::new(true, LISTS_KEPT, LISTS_BYTES, |list| {
                list.iter().map(summary_bytes).sum()
            }),
            counts: DepCache::new(true, LISTS_KEPT, LISTS_BYTES, |_| 8),
            threads: DepCache::new(true, ARTICLES_KEPT, ARTICLES_BYTES, |(comments, _)| {
                comments
                    .iter()
                    .map(|c| 256 + c.body_html.len() + c.author_name.len())
                    .sum()
            }),
            articles: DepCache::new(true, ARTICLES_KEPT, ARTICLES_BYTES, |article| {
                summary_bytes(&article.summary)
                    + article.body_html.len()
                    + article.body_source.len()
            }),
        }
    }

    pub(crate) fn enable(&self) {
        self.enabled.store(true, Ordering::Release);
    }

    fn enabled(&self) -> bool {
        self.enabled.load(Ordering::Acquire)
    }

    /// Drops what `change` touched; `None` (a change this binary cannot read) drops all.
    pub(crate) fn forget(&self, change: Option<&Change>) {
        match change {
            Some(change) => {
                self.lists.invalidate(&change.deps);
                self.counts.invalidate(&change.deps);
                self.articles.invalidate(&change.deps);
                self.threads.invalidate(&change.deps);
            }
            None => {
                self.lists.clear();
                self.counts.clear();
                self.articles.clear();
                self.threads.clear();
            }
        }
    }

    /// What `key` holds in `cache`, if kept (and the cache is on); if not, the pending
    /// read to keep its result with: the generation is taken before the database is
    /// read, so a write landing meanwhile keeps it out.
    fn look<P: Clone>(&self, cache: &DepCache<P>, key: String) -> Result<P, Pending> {
        match cache.get(&key, 0).filter(|_| self.enabled()) {
            Some(value) => Ok(value.as_ref().clone()),
            None => Err(Pending {
                key,
                generation: cache.generation(),
            }),
        }
    }

    fn keep<P>(&self, cache: &DepCache<P>, pending: Pending, value: P, deps: Vec<Dep>) {
        if self.enabled() {
            cache.insert(
                pending.key,
                Arc::new(value),
                NEVER,
                deps,
                pending.generation,
            );
        }
    }

    /// The list `filter` asks for.
    pub(crate) fn list(&self, filter: &ArticleQuery) -> Result<Vec<ArticleSummary>, Pending> {
        self.look(&self.lists, format!("{filter:?}"))
    }

    pub(crate) fn keep_list(&self, pending: Pending, list: &[ArticleSummary]) {
        // Any publication, withdrawal or move changes which articles a list holds, and
        // every such write announces `Latest`.
        let mut deps = vec![Dep::Latest];
        for summary in list {
            summary_deps(summary, &mut deps);
        }
        self.keep(&self.lists, pending, list.to_vec(), deps);
    }

    /// How many articles `filter` matches.
    pub(crate) fn count(&self, filter: &ArticleQuery) -> Result<u64, Pending> {
        self.look(&self.counts, format!("{filter:?}"))
    }

    pub(crate) fn keep_count(&self, pending: Pending, count: u64) {
        self.keep(&self.counts, pending, count, vec![Dep::Latest]);
    }

    /// The published article with this slug. Only articles found are kept: an address
    /// that shows nothing yet may show an article published a moment later.
    pub(crate) fn article(&self, slug: &str) -> Result<Article, Pending> {
        self.look(&self.articles, slug.to_string())
    }

    pub(crate) fn keep_article(&self, pending: Pending, article: &Article) {
        let mut deps = Vec::new();
        summary_deps(&article.summary, &mut deps);
        deps.extend(article.topics.iter().map(|topic| Dep::Topic(topic.id)));
        self.keep(&self.articles, pending, article.clone(), deps);
    }

    /// A page of an article's threads (`key` names the page and its order).
    pub(crate) fn threads(&self, key: String) -> Result<(Vec<Comment>, i64), Pending> {
        self.look(&self.threads, key)
    }

    /// Keeps a page of `article_id`'s threads until its comments change (or the article:
    /// a reader renaming or deleting their account announces the articles they commented
    /// on).
    pub(crate) fn keep_threads(
        &self,
        pending: Pending,
        article_id: i64,
        threads: &(Vec<Comment>, i64),
    ) {
        let deps = vec![Dep::Comments(article_id), Dep::Article(article_id)];
        self.keep(&self.threads, pending, threads.clone(), deps);
    }
}

/// A read that missed: where to keep its result.
pub(crate) struct Pending {
    key: String,
    generation: u64,
}

/// Everything an article's summary shows, as the keys whose change makes it out of date.
fn summary_deps(summary: &ArticleSummary, deps: &mut Vec<Dep>) {
    deps.extend([Dep::Article(summary.id), Dep::Comments(summary.id)]);
    if let Some(section) = &summary.section {
        deps.push(Dep::Section(section.id));
    }
    if let Some(image) = &summary.image {
        deps.push(Dep::Media(image.id));
    }
    for byline in &summary.bylines {
        deps.push(Dep::Author(byline.id));
        if let Some(avatar) = &byline.avatar {
            deps.push(Dep::Media(avatar.id));
        }
    }
}

/// What a summary costs in memory, roughly: its text and a fixed part for the rest.
fn summary_bytes(summary: &ArticleSummary) -> usize {
    512 + summary.headline.len() + summary.dek.len() + summary.slug.len()
}
