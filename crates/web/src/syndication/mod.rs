//! What machines read: feeds (RSS and Atom), sitemaps and robots.txt.

mod feeds;
mod sitemaps;

pub(crate) use feeds::{Format, feed_path};

use axum::Router;
use axum::response::Redirect;
use axum::routing::get;

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feed", get(feeds::site_rss))
        .route("/feed/atom", get(feeds::site_atom))
        // Where feed readers and people look for a feed first.
        .route("/rss", get(|| async { Redirect::permanent("/feed") }))
        .route("/rss.xml", get(|| async { Redirect::permanent("/feed") }))
        .route("/feed.xml", get(|| async { Redirect::permanent("/feed") }))
        .route(
            "/atom.xml",
            get(|| async { Redirect::permanent("/feed/atom") }),
        )
        .route("/section/{slug}/feed", get(feeds::section_rss))
        .route("/section/{slug}/feed/atom", get(feeds::section_atom))
        .route("/topic/{slug}/feed", get(feeds::topic_rss))
        .route("/topic/{slug}/feed/atom", get(feeds::topic_atom))
        .route("/author/{slug}/feed", get(feeds::author_rss))
        .route("/author/{slug}/feed/atom", get(feeds::author_atom))
        .route("/robots.txt", get(sitemaps::robots))
        .route("/sitemap.xml", get(sitemaps::index))
        .route("/sitemaps/{name}", get(sitemaps::sitemap))
}
