//! The application state shared by every request.

use std::ops::Deref;
use std::sync::{Arc, RwLock};

use broadsheet_core::cache::DepCache;
use broadsheet_core::change::{Change, Dep};
use broadsheet_core::config::Config;
use broadsheet_core::masthead::{Calendar, Location};
use broadsheet_render::{RenderError, Renderer, SharedTz, ThemeConfig};
use broadsheet_store::StoreError;

/// Why the application could not start.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Theme(#[from] RenderError),
    #[error(transparent)]
    Store(#[from] StoreError),
}
use broadsheet_store::{PageLink, Section, Store, StoreResult};

use crate::respond::Page;

pub struct App {
    /// The configuration file's settings. For what the newsroom can change while the
    /// site runs (name, time zone, masthead, menu), use [`App::site`].
    pub config: Config,
    pub store: Store,
    pub renderer: Renderer,
    /// The newsroom's own screens (built in, not themable).
    pub admin: Renderer,
    /// Signs share links; shared by every node through the database.
    pub secret: String,
    pub cache: DepCache<Page>,
    /// Sections and pages for menus: on every page, changed rarely, so kept in memory and
    /// dropped on any `Dep::Navigation` change.
    navigation: RwLock<Option<Arc<Navigation>>>,
    site: RwLock<Arc<Site>>,
    time_zone: SharedTz,
    /// Resizing an upload takes a core and hundreds of MB for the largest images: one
    /// at a time, so readers are still served while the newsroom uploads.
    pub media_slots: tokio::sync::Semaphore,
    /// One render at a time per page address: readers who ask for a page while it is
    /// being drawn wait for that drawing instead of drawing it again.
    pub render_gates: crate::respond::RenderGates,
    /// Reader sessions seen in the last seconds (see `accounts::SessionMemory`).
    pub reader_sessions: crate::accounts::SessionMemory,
    /// The last change-log entry this node has applied (see [`App::follow_once`]).
    change_log_cursor: tokio::sync::Mutex<i64>,
}

pub use broadsheet_core::settings::MenuLink;
use broadsheet_core::settings::SiteSettings;

/// The settings an administrator edits in the newsroom, over the configuration file.
#[derive(Debug, Clone)]
pub struct Site {
    pub name: String,
    pub tagline: String,
    pub time_zone: chrono_tz::Tz,
    pub calendars: Vec<Calendar>,
    pub location: Option<Location>,
    /// Empty: the menu lists the top-level sections.
    pub menu: Vec<MenuLink>,
    /// Comment moderation settings (banned and suspect words, pre-moderation, closing).
    pub comment_policy: broadsheet_core::comments::Policy,
    /// Feeds carry whole articles rather than summaries.
    pub feed_full_text: bool,
}

/// Words separated by commas or lines.
fn word_list(text: &str) -> Vec<String> {
    text.split([',', '\n'])
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

impl Site {
    fn from_config(config: &Config) -> Site {
        Site {
            name: config.site_name.clone(),
            tagline: config.tagline.clone(),
            time_zone: config.time_zone,
            calendars: config.masthead_calendars.clone(),
            location: config.location,
            menu: Vec::new(),
            comment_policy: broadsheet_core::comments::Policy::default(),
            feed_full_text: false,
        }
    }

    /// Applies what the newsroom has set over the configuration file.
    fn apply(&mut self, stored: &SiteSettings) {
        if let Some(name) = &stored.name {
            self.name = name.clone();
        }
        if let Some(tagline) = &stored.tagline {
            self.tagline = tagline.clone();
        }
        if let Some(zone) = stored.time_zone {
            self.time_zone = zone;
        }
        if let Some(calendars) = &stored.calendars {
            self.calendars = calendars.clone();
        }
        self.location = stored.location.or(self.location);
        self.menu = stored.menu.clone();
        self.feed_full_text = stored.feed_full_text;
        let policy = &mut self.comment_policy;
        policy.banned_words = word_list(&stored.banned_words);
        policy.suspect_words = word_list(&stored.suspect_words);
        policy.premoderate_new = stored.premoderate_new;
        policy.guests_allowed = stored.guests_allowed;
        policy.close_after_days = stored.close_after_days.map(i64::from);
        if self.calendars.contains(&Calendar::Hebrew) && self.location.is_none() {
            self.calendars.retain(|c| *c != Calendar::Hebrew);
        }
    }
}

/// The site's menus.
pub struct Navigation {
    pub sections: Vec<Section>,
    pub pages: Vec<PageLink>,
}

impl Navigation {
    /// The section with this slug.
    pub fn section(&self, slug: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.slug == slug)
    }

    /// A section's id and its subsections' ids: what "in this section" lists.
    pub fn section_family(&self, section_id: i64) -> Vec<i64> {
        std::iter::once(section_id)
            .chain(
                self.sections
                    .iter()
                    .filter(|s| s.parent_id == Some(section_id))
                    .map(|s| s.id),
            )
            .collect()
    }
}

/// `AppState(Arc<App>)`: cheap to clone into every handler.
#[derive(Clone)]
pub struct AppState(pub Arc<App>);

impl Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}

impl App {
    /// Whether the site is served over HTTPS: cookies are then marked `Secure`.
    pub fn serves_https(&self) -> bool {
        self.config.base_url.starts_with("https://")
    }

    /// A published article's address in the paper's time zone (the date in its path).
    pub fn article_path(&self, article: &broadsheet_store::ArticleSummary) -> String {
        broadsheet_core::urls::article_path(
            broadsheet_core::dates::from_unix(article.published_at),
            &article.slug,
            self.site().time_zone,
        )
    }

    /// Builds the application and starts listening for writes that invalidate cached pages.
    /// Fails with the template and line if the theme does not compile.
    pub async fn build(config: Config, store: Store) -> Result<AppState, BuildError> {
        let mut site = Site::from_config(&config);
        site.apply(&store.settings().site_settings().await?);
        let time_zone: SharedTz = Arc::new(RwLock::new(site.time_zone));
        let theme = ThemeConfig::from_config(&config, time_zone.clone());
        let renderer = Renderer::new(theme.clone())?;
        let admin = Renderer::builtin_only(theme, crate::newsroom::ADMIN_TEMPLATES)?;
        let secret = store
            .settings()
            .setting_or_init("signing_secret", broadsheet_core::secrets::random_token)
            .await?;
        let cache = DepCache::new(
            config.page_cache,
            config.page_cache_entries,
            config.page_cache_bytes,
            Page::weight,
        );
        // Writes committed before this node existed are in no page it could have cached.
        let change_log_cursor = tokio::sync::Mutex::new(store.latest_change_id().await?);
        // From here this process follows the change log, so the store may keep what
        // readers see in memory: other nodes' writes reach it through the log.
        store.cache_reads();
        let app = AppState(Arc::new(App {
            config,
            store,
            renderer,
            admin,
            secret,
            cache,
            navigation: RwLock::new(None),
            site: RwLock::new(Arc::new(site)),
            time_zone,
            media_slots: tokio::sync::Semaphore::new(1),
            render_gates: crate::respond::RenderGates::default(),
            reader_sessions: crate::accounts::SessionMemory::default(),
            change_log_cursor,
        }));
        spawn_invalidation(app.clone());
        spawn_change_log_follower(app.clone());
        Ok(app)
    }
}

impl App {
    /// The site's current settings (the file's, with the newsroom's changes).
    pub fn site(&self) -> Arc<Site> {
        match self.site.read() {
            Ok(site) => Arc::clone(&site),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// The absolute address of a path on this site (for feeds, sitemaps, structured
    /// data and the API, which are read away from the site).
    pub fn absolute(&self, path: &str) -> String {
        format!(
            "{}{}",
            self.config.base_url,
            broadsheet_core::urls::encode_path(path)
        )
    }

    /// Reads the newsroom's settings again (after a save here or on another node).
    pub async fn reload_site(&self) -> StoreResult<()> {
        let mut site = Site::from_config(&self.config);
        site.apply(&self.store.settings().site_settings().await?);
        if let Ok(mut zone) = self.time_zone.write() {
            *zone = site.time_zone;
        }
        if let Ok(mut slot) = self.site.write() {
            *slot = Arc::new(site);
        }
        self.cache.clear();
        Ok(())
    }

    /// The sections and pages for menus, read from the database when not in memory.
    pub async fn navigation(&self) -> StoreResult<Arc<Navigation>> {
        if let Ok(slot) = self.navigation.read()
            && let Some(navigation) = slot.as_ref()
        {
            return Ok(Arc::clone(navigation));
        }
        let generation = self.cache.generation();
        let navigation = Arc::new(Navigation {
            sections: self.store.taxonomy().sections().await?,
            pages: self.store.pages().page_links().await?,
        });
        // Keep it only if the menus did not change while they were read.
        if let Ok(mut slot) = self.navigation.write()
            && !self.cache.changed_since(&[Dep::Navigation], generation)
        {
            *slot = Some(Arc::clone(&navigation));
        }
        Ok(navigation)
    }

    /// Drops what a committed change makes stale; `None` means "unknown: drop everything".
    fn forget(self: &Arc<Self>, change: Option<&Change>) {
        if change.is_none_or(|c| c.deps.contains(&Dep::Settings)) {
            let app = Arc::clone(self);
            tokio::spawn(async move {
                if let Err(err) = app.reload_site().await {
                    tracing::warn!(%err, "cannot read the site settings");
                }
            });
        }
        let navigation_changed = match change {
            Some(change) => {
                let dropped = self.cache.invalidate(change.deps.iter());
                tracing::debug!(?change, dropped, "page cache invalidated");
                change.deps.contains(&Dep::Navigation)
            }
            None => {
                self.cache.clear();
                true
            }
        };
        if navigation_changed && let Ok(mut slot) = self.navigation.write() {
            *slot = None;
        }
    }
}

/// Writes made by this process drop cached pages before they return.
fn spawn_invalidation(app: AppState) {
    let weak = Arc::downgrade(&app.0);
    app.store.on_change(move |change| {
        if let Some(app) = weak.upgrade() {
            app.forget(Some(change));
        }
    });
}

/// How often a node reads the shared change log for writes made by other processes
/// (other app nodes, or a CLI command writing while the server runs).
const CHANGE_LOG_POLL: std::time::Duration = std::time::Duration::from_secs(1);
/// Change-log entries are kept this long (seconds); every node has read them by then.
const CHANGE_LOG_KEEP: i64 = 24 * 3600;

fn spawn_change_log_follower(app: AppState) {
    let weak = Arc::downgrade(&app.0);
    drop(app);
    tokio::spawn(async move {
        let mut ticks: u64 = 0;
        let mut interval = tokio::time::interval(CHANGE_LOG_POLL);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            let Some(app) = weak.upgrade() else { break };
            if let Err(err) = app.follow_once().await {
                tracing::warn!(%err, "cannot read the change log");
            }
            ticks += 1;
            if ticks.is_multiple_of(3600) {
                let _ = app
                    .store
                    .prune_changes(app.store.now() - CHANGE_LOG_KEEP)
                    .await;
            }
        }
    });
}

impl App {
    /// Reads the change log once and drops what other processes' writes made stale. The
    /// follower task calls it every second; tests call it instead of waiting for that.
    pub async fn follow_once(self: &Arc<Self>) -> StoreResult<()> {
        let mut cursor = self.change_log_cursor.lock().await;
        let (last, changes) = self.store.follow_changes(*cursor).await?;
        for change in &changes {
            self.forget(change.as_ref());
        }
        *cursor = last;
        Ok(())
    }
}
