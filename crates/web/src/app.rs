//! The application state shared by every request.

use std::ops::Deref;
use std::sync::Arc;

use broadsheet_core::config::Config;
use broadsheet_render::{PageCache, RenderError, Renderer, ThemeConfig};
use broadsheet_store::Store;

pub struct App {
    pub config: Config,
    pub store: Store,
    pub renderer: Renderer,
    pub cache: PageCache,
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
    /// Builds the application and starts listening for writes that invalidate cached pages.
    /// Fails with the template and line if the theme does not compile.
    pub fn build(config: Config, store: Store) -> Result<AppState, RenderError> {
        let renderer = Renderer::new(ThemeConfig {
            templates_dir: config.templates_dir.clone(),
            theme_dir: config.themes_dir.join(&config.theme),
            reload: config.dev_reload_templates,
            time_zone: config.time_zone,
            base_url: config.base_url.clone(),
        })?;
        let cache = PageCache::new(config.page_cache, config.page_cache_entries);
        let app = AppState(Arc::new(App {
            config,
            store,
            renderer,
            cache,
        }));
        spawn_invalidation(app.clone());
        Ok(app)
    }
}

fn spawn_invalidation(app: AppState) {
    let mut changes = app.store.subscribe();
    let weak = Arc::downgrade(&app.0);
    drop(app);
    tokio::spawn(async move {
        loop {
            let change = changes.recv().await;
            let Some(app) = weak.upgrade() else { break };
            match change {
                Ok(change) => {
                    let dropped = app.cache.invalidate(change.deps.iter());
                    tracing::debug!(?change, dropped, "page cache invalidated");
                }
                // Missed messages: we cannot know what changed, so forget everything.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => app.cache.clear(),
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            }
        }
    });
}
