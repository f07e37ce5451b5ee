//! Values kept in memory by key and dropped exactly when something they show changes:
//! the page cache (rendered pages, in the web layer) and the store's read cache
//! (published articles and lists) are both a `DepCache`.
//!
//! Each value records the keys ([`Dep`]) of everything it shows; a write announces the
//! keys it touched, and only values sharing a key are dropped. A value may also expire at
//! a set instant (a page when its masthead date turns over at sunset or midnight, so no
//! reader is shown yesterday's date). A value read before a write to something it shows
//! is served but not stored; writes to other things do not stop it being stored, so a
//! busy comment thread on one article does not keep every other page out of the cache.
//! No I/O: what to keep and when to drop it are rules, tested here.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use crate::change::Dep;

struct Entry<P> {
    page: Arc<P>,
    /// What the entry costs in memory, as counted against `max_bytes`.
    bytes: usize,
    /// Unix seconds after which the page must be drawn again.
    expires_at: i64,
    deps: Vec<Dep>,
    /// Its place in `order`: an older copy of the key there is skipped.
    seq: u64,
    /// Something it shows changed, but only in keys that may lag ([`Dep::may_lag`]):
    /// it is no longer served as fresh, only while a fresh copy is being drawn.
    lagging: bool,
}

struct Entries<P> {
    pages: HashMap<String, Entry<P>>,
    /// The sum of the entries' `bytes`.
    bytes: usize,
    by_dep: HashMap<Dep, HashSet<String>>,
    /// Keys oldest first, for eviction. Removing a page leaves its key here (finding it
    /// would be a scan under the write lock); eviction skips keys whose `seq` no longer
    /// matches, and the queue is compacted when such leftovers outnumber the pages.
    order: VecDeque<(u64, String)>,
    next_seq: u64,
    /// The write number at which each key last changed.
    changed: HashMap<Dep, u64>,
    /// Pages whose data was read before this write number are not kept, whatever they
    /// show: set by `clear`, and when `changed` is forgotten to bound its size.
    floor: u64,
}

impl<P> Default for Entries<P> {
    fn default() -> Self {
        Entries {
            pages: HashMap::new(),
            bytes: 0,
            by_dep: HashMap::new(),
            order: VecDeque::new(),
            next_seq: 0,
            changed: HashMap::new(),
            floor: 0,
        }
    }
}

impl<P> Entries<P> {
    /// Whether any of `deps` changed after write number `read_at` (or whether that is
    /// no longer known).
    fn changed_since<'a>(&self, deps: impl IntoIterator<Item = &'a Dep>, read_at: u64) -> bool {
        self.floor > read_at
            || deps
                .into_iter()
                .any(|dep| self.changed.get(dep).is_some_and(|at| *at > read_at))
    }
}

/// How many changed keys the cache remembers before it forgets them all and refuses
/// pages read before that moment instead (a few hundred bytes per thousand keys).
const CHANGED_KEYS_KEPT: usize = 4096;

/// What one entry costs beyond its page and key: the maps and lists that index it.
const ENTRY_OVERHEAD_BYTES: usize = 256;

/// Values of type `P` (ready-made response parts for pages; read models for the store)
/// by key, bounded both in entries and in bytes: the oldest make room.
pub struct DepCache<P> {
    enabled: bool,
    capacity: usize,
    max_bytes: usize,
    /// The size of a page in bytes.
    weigh: fn(&P) -> usize,
    entries: RwLock<Entries<P>>,
    /// Counts the writes seen; a page's data is stamped with it before it is read.
    writes: AtomicU64,
}

impl<P> DepCache<P> {
    pub fn new(
        enabled: bool,
        capacity: usize,
        max_bytes: usize,
        weigh: fn(&P) -> usize,
    ) -> DepCache<P> {
        DepCache {
            enabled,
            capacity: capacity.max(1),
            max_bytes,
            weigh,
            entries: RwLock::new(Entries::default()),
            writes: AtomicU64::new(0),
        }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Take this before reading the data a page shows; pass it to `insert`.
    pub fn generation(&self) -> u64 {
        self.writes.load(Ordering::Acquire)
    }

    /// Whether any of `deps` changed since `generation` was taken: data read before then
    /// may be stale.
    pub fn changed_since<'a>(
        &self,
        deps: impl IntoIterator<Item = &'a Dep>,
        generation: u64,
    ) -> bool {
        match self.entries.read() {
            Ok(entries) => entries.changed_since(deps, generation),
            Err(_) => true,
        }
    }

    /// The page kept for `key`, if it is still up to date.
    pub fn get(&self, key: &str, now: i64) -> Option<Arc<P>> {
        self.lookup(key, now, false)
    }

    /// The page kept for `key`, also if it lags behind a change that may lag (a new
    /// comment): to serve while another request draws the fresh copy.
    pub fn get_lagging(&self, key: &str, now: i64) -> Option<Arc<P>> {
        self.lookup(key, now, true)
    }

    fn lookup(&self, key: &str, now: i64, lagging_too: bool) -> Option<Arc<P>> {
        if !self.enabled {
            return None;
        }
        let entries = self.entries.read().ok()?;
        let entry = entries.pages.get(key)?;
        (now < entry.expires_at && (lagging_too || !entry.lagging)).then(|| Arc::clone(&entry.page))
    }

    pub fn insert(
        &self,
        key: String,
        page: Arc<P>,
        expires_at: i64,
        deps: Vec<Dep>,
        generation: u64,
    ) {
        if !self.enabled {
            return;
        }
        let Ok(mut entries) = self.entries.write() else {
            return;
        };
        // Checked under the lock: invalidation also takes it, so no write can slip in
        // between this check and the insert.
        if entries.changed_since(&deps, generation) {
            return;
        }
        if entries.pages.contains_key(&key) {
            remove(&mut entries, &key);
        }
        let bytes = (self.weigh)(&page) + key.len() + ENTRY_OVERHEAD_BYTES;
        if bytes > self.max_bytes {
            return;
        }
        while entries.pages.len() >= self.capacity || entries.bytes + bytes > self.max_bytes {
            let Some((seq, oldest)) = entries.order.pop_front() else {
                break;
            };
            if entries
                .pages
                .get(&oldest)
                .is_some_and(|entry| entry.seq == seq)
            {
                remove(&mut entries, &oldest);
            }
        }
        for dep in &deps {
            entries.by_dep.entry(*dep).or_default().insert(key.clone());
        }
        let seq = entries.next_seq;
        entries.next_seq += 1;
        entries.order.push_back((seq, key.clone()));
        entries.bytes += bytes;
        entries.pages.insert(
            key,
            Entry {
                page,
                bytes,
                expires_at,
                deps,
                seq,
                lagging: false,
            },
        );
        if entries.order.len() > 2 * entries.pages.len() + 64 {
            let Entries { order, pages, .. } = &mut *entries;
            order.retain(|(seq, key)| pages.get(key).is_some_and(|entry| entry.seq == *seq));
        }
    }

    /// Drops every page that shows any of `deps`; a change only to keys that may lag
    /// marks those pages lagging instead. Returns how many pages it touched.
    pub fn invalidate<'a>(&self, deps: impl IntoIterator<Item = &'a Dep>) -> usize {
        let Ok(mut entries) = self.entries.write() else {
            return 0;
        };
        let write = self.writes.fetch_add(1, Ordering::AcqRel) + 1;
        let mut keys = HashSet::new();
        let mut may_lag = true;
        for dep in deps {
            may_lag &= dep.may_lag();
            entries.changed.insert(*dep, write);
            if let Some(pages) = entries.by_dep.get(dep) {
                keys.extend(pages.iter().cloned());
            }
        }
        if entries.changed.len() > CHANGED_KEYS_KEPT {
            entries.changed.clear();
            entries.floor = write;
        }
        for key in &keys {
            match entries.pages.get_mut(key) {
                Some(entry) if may_lag => entry.lagging = true,
                _ => remove(&mut entries, key),
            }
        }
        keys.len()
    }

    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.write() {
            let write = self.writes.fetch_add(1, Ordering::AcqRel) + 1;
            *entries = Entries {
                floor: write,
                ..Entries::default()
            };
        }
    }

    pub fn len(&self) -> usize {
        self.entries.read().map(|e| e.pages.len()).unwrap_or(0)
    }

    /// The bytes the cached pages take, as counted against the bound.
    pub fn bytes(&self) -> usize {
        self.entries.read().map(|e| e.bytes).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn remove<P>(entries: &mut Entries<P>, key: &str) {
    if let Some(entry) = entries.pages.remove(key) {
        entries.bytes -= entry.bytes;
        for dep in entry.deps {
            if let Some(keys) = entries.by_dep.get_mut(&dep) {
                keys.remove(key);
                if keys.is_empty() {
                    entries.by_dep.remove(&dep);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Arc<String> {
        Arc::new(text.to_string())
    }

    fn cache(capacity: usize) -> DepCache<String> {
        DepCache::new(true, capacity, usize::MAX, String::len)
    }

    #[test]
    fn only_pages_showing_a_changed_thing_are_dropped() {
        let cache = cache(10);
        let g = cache.generation();
        cache.insert(
            "/a".into(),
            page("a"),
            100,
            vec![Dep::Article(1), Dep::Latest],
            g,
        );
        cache.insert("/b".into(), page("b"), 100, vec![Dep::Article(2)], g);
        assert_eq!(cache.invalidate(&[Dep::Article(1)]), 1);
        assert!(cache.get("/a", 0).is_none());
        assert!(cache.get("/b", 0).is_some());
    }

    #[test]
    fn a_page_behind_on_comments_is_kept_to_serve_while_redrawn_and_nothing_else_is() {
        let cache = cache(10);
        let g = cache.generation();
        let deps = vec![Dep::Article(1), Dep::Comments(1)];
        cache.insert("/a".into(), page("a"), 100, deps.clone(), g);
        assert_eq!(cache.invalidate(&[Dep::Comments(1)]), 1);
        assert!(cache.get("/a", 0).is_none(), "not fresh any more");
        assert_eq!(
            cache.get_lagging("/a", 0).as_deref().map(String::as_str),
            Some("a")
        );
        // A change to the article itself drops it, lagging or not.
        cache.invalidate(&[Dep::Article(1), Dep::Comments(1)]);
        assert!(cache.get_lagging("/a", 0).is_none());
        // A fresh copy replaces a lagging one.
        cache.insert(
            "/a".into(),
            page("a"),
            100,
            deps.clone(),
            cache.generation(),
        );
        cache.invalidate(&[Dep::Comments(1)]);
        cache.insert("/a".into(), page("a2"), 100, deps, cache.generation());
        assert_eq!(
            cache.get("/a", 0).as_deref().map(String::as_str),
            Some("a2")
        );
        // Lagging pages expire like the others.
        cache.invalidate(&[Dep::Comments(1)]);
        assert!(cache.get_lagging("/a", 100).is_none());
    }

    #[test]
    fn eviction_order_survives_removals_and_replacements() {
        let cache = cache(3);
        let g = cache.generation();
        for round in 0..200 {
            let key = format!("/{}", round % 5);
            cache.insert(key, page("x"), 100, vec![Dep::Article(round % 5)], g);
            if round % 3 == 0 {
                cache.invalidate(&[Dep::Article(round % 5)]);
            }
        }
        assert!(cache.len() <= 3);
        let entries = cache.entries.read().unwrap();
        assert!(entries.order.len() <= 2 * entries.pages.len() + 64);
        for (key, entry) in &entries.pages {
            assert!(
                entries.order.contains(&(entry.seq, key.clone())),
                "{key} is in the order"
            );
        }
    }

    #[test]
    fn pages_expire_when_the_masthead_date_turns() {
        let cache = cache(10);
        cache.insert("/a".into(), page("a"), 100, vec![], cache.generation());
        assert!(cache.get("/a", 99).is_some());
        assert!(cache.get("/a", 100).is_none());
    }

    #[test]
    fn a_page_rendered_during_a_write_is_not_kept() {
        let cache = cache(10);
        let before = cache.generation();
        cache.invalidate(&[Dep::Article(7)]);
        cache.insert("/a".into(), page("a"), 100, vec![Dep::Article(7)], before);
        assert!(cache.get("/a", 0).is_none());
    }

    #[test]
    fn a_write_to_something_else_does_not_stop_a_page_being_kept() {
        let cache = cache(10);
        let before = cache.generation();
        cache.invalidate(&[Dep::Article(8)]);
        cache.insert("/a".into(), page("a"), 100, vec![Dep::Article(7)], before);
        assert!(cache.get("/a", 0).is_some());
        assert!(cache.changed_since(&[Dep::Article(8)], before));
        assert!(!cache.changed_since(&[Dep::Article(7)], before));
    }

    #[test]
    fn after_a_clear_nothing_read_before_it_is_kept() {
        let cache = cache(10);
        let before = cache.generation();
        cache.clear();
        cache.insert("/a".into(), page("a"), 100, vec![Dep::Article(7)], before);
        assert!(cache.get("/a", 0).is_none());
        let after = cache.generation();
        cache.insert("/a".into(), page("a"), 100, vec![Dep::Article(7)], after);
        assert!(cache.get("/a", 0).is_some());
    }

    #[test]
    fn forgetting_changed_keys_errs_on_the_safe_side() {
        let cache = cache(10);
        let before = cache.generation();
        for id in 0..=CHANGED_KEYS_KEPT as i64 {
            cache.invalidate(&[Dep::Media(id)]);
        }
        cache.insert("/a".into(), page("a"), 100, vec![Dep::Article(-1)], before);
        assert!(
            cache.get("/a", 0).is_none(),
            "read before the keys were forgotten"
        );
    }

    #[test]
    fn the_oldest_page_makes_room() {
        let cache = cache(2);
        let g = cache.generation();
        cache.insert("/1".into(), page("1"), 100, vec![Dep::Latest], g);
        cache.insert("/2".into(), page("2"), 100, vec![Dep::Latest], g);
        cache.insert("/3".into(), page("3"), 100, vec![Dep::Latest], g);
        assert_eq!(cache.len(), 2);
        assert!(cache.get("/1", 0).is_none());
        assert_eq!(cache.invalidate(&[Dep::Latest]), 2);
    }

    #[test]
    fn a_disabled_cache_keeps_nothing() {
        let cache = DepCache::<String>::new(false, 2, usize::MAX, String::len);
        cache.insert("/1".into(), page("1"), 100, vec![], cache.generation());
        assert!(cache.get("/1", 0).is_none());
    }

    #[test]
    fn the_cache_is_bounded_in_bytes_and_the_oldest_pages_make_room() {
        let cache = DepCache::<String>::new(true, 1000, 10_000, String::len);
        let g = cache.generation();
        let big = "x".repeat(3_000);
        for n in 0..10 {
            cache.insert(format!("/{n}"), page(&big), 100, vec![Dep::Latest], g);
        }
        assert!(cache.bytes() <= 10_000, "{}", cache.bytes());
        assert_eq!(cache.len(), 3);
        assert!(cache.get("/9", 0).is_some() && cache.get("/6", 0).is_none());
        // A page bigger than the whole bound is served but never kept.
        cache.insert("/huge".into(), page(&"x".repeat(20_000)), 100, vec![], g);
        assert!(cache.get("/huge", 0).is_none());
        assert_eq!(cache.invalidate(&[Dep::Latest]), 3);
        assert_eq!(cache.bytes(), 0);
    }
}
