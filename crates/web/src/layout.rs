//! What every page shows around its content: the masthead, navigation and site details.

use broadsheet_core::change::Dep;
use broadsheet_core::masthead::masthead_date;
use broadsheet_render::Value;
use broadsheet_store::{PageLink, Section};
use chrono::Utc;
use serde::Serialize;

use crate::app::App;
use crate::error::WebError;

#[derive(Serialize)]
struct Site<'a> {
    name: &'a str,
    tagline: &'a str,
    language: &'a str,
    dir: &'static str,
    base_url: &'a str,
    subscribe_url: &'a str,
    membership_url: &'a str,
}

#[derive(Serialize)]
struct Masthead {
    line: String,
    parts: Vec<String>,
    iso_date: String,
}

#[derive(Serialize)]
struct Nav<'a> {
    sections: Vec<&'a Section>,
    pages: Vec<&'a PageLink>,
    /// The editor-defined main menu; empty when the sections are the menu.
    menu: &'a [crate::app::MenuLink],
}

/// The surroundings of one page, and what they make the page depend on.
pub struct Frame {
    pub context: Value,
    /// Unix seconds at which the masthead date changes: the page must be drawn again.
    pub expires_at: i64,
    pub deps: Vec<Dep>,
    /// All sections and pages, for handlers that need them too.
    pub navigation: std::sync::Arc<crate::app::Navigation>,
}

/// Builds the frame for a page at `canonical` (a path), highlighting `current` in the menu;
/// `viewer` is who reads it: a signed-in reader sees their name in the masthead.
pub async fn frame(
    app: &App,
    viewer: &crate::accounts::Viewer,
    canonical: &str,
    current: &str,
) -> Result<Frame, WebError> {
    let config = &app.config;
    let settings = app.site();
    let now = Utc::now();
    let date = masthead_date(
        now,
        settings.time_zone,
        &settings.calendars,
        settings.location,
    );
    let navigation = app.navigation().await?;
    let nav = Nav {
        sections: navigation
            .sections
            .iter()
            .filter(|s| s.parent_id.is_none())
            .collect(),
        pages: navigation
            .pages
            .iter()
            .filter(|p| p.parent_id.is_none())
            .collect(),
        menu: &settings.menu,
    };
    let site = Site {
        name: &settings.name,
        tagline: &settings.tagline,
        language: &config.language,
        dir: config.direction.as_str(),
        base_url: &config.base_url,
        subscribe_url: &config.subscribe_url,
        membership_url: &config.membership_url,
    };
    let masthead = Masthead {
        iso_date: now
            .with_timezone(&settings.time_zone)
            .date_naive()
            .to_string(),
        line: date.line,
        parts: date.parts,
    };
    let context = broadsheet_render::context! {
        site => Value::from_serialize(&site),
        nav => Value::from_serialize(&nav),
        masthead => Value::from_serialize(&masthead),
        canonical => canonical,
        nav_current => current,
        reader => Value::from_serialize(viewer.public()),
    };
    Ok(Frame {
        context,
        expires_at: date.until.timestamp(),
        deps: vec![Dep::Navigation],
        navigation,
    })
}
