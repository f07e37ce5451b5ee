//! What machines read: feeds (RSS and Atom), sitemaps and robots.txt.

mod feeds;
mod sitemaps;

pub(crate) use feeds::{Format, feed_path};

use axum::Router;
use axum::response::Redirect;
use axum::routing::get;
use feeds::{AUTHOR, SECTION, TOPIC, list_feed};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feed", get(feeds::site_feed::<false>))
        .route("/feed/atom", get(feeds::site_feed::<true>))
        // Where feed readers and people look for a feed first.
        .route("/rss", get(|| async { Redirect::permanent("/feed") }))
        .route("/rss.xml", get(|| async { Redirect::permanent("/feed") }))
        .route("/feed.xml", get(|| async { Redirect::permanent("/feed") }))
        .route(
            "/atom.xml",
            get(|| async { Redirect::permanent("/feed/atom") }),
        )
        .route("/section/{slug}/feed", get(list_feed::<SECTION, false>))
        .route("/section/{slug}/feed/atom", get(list_feed::<SECTION, true>))
        .route("/topic/{slug}/feed", get(list_feed::<TOPIC, false>))
        .route("/topic/{slug}/feed/atom", get(list_feed::<TOPIC, true>))
        .route("/author/{slug}/feed", get(list_feed::<AUTHOR, false>))
        .route("/author/{slug}/feed/atom", get(list_feed::<AUTHOR, true>))
        .route("/robots.txt", get(sitemaps::robots))
        .route("/sitemap.xml", get(sitemaps::index))
        .route("/sitemaps/{name}", get(sitemaps::sitemap))
}
