//! Helpers shared by the reader pages.

use broadsheet_core::change::Dep;
use broadsheet_core::pagination::page_count;
use broadsheet_render::Value;
use broadsheet_store::ArticleSummary;
use serde::Serialize;

use crate::app::App;
use crate::error::WebError;

/// Everything a card shows, as cache keys.
pub fn summary_deps(summaries: &[ArticleSummary], deps: &mut Vec<Dep>) {
    for summary in summaries {
        deps.push(Dep::Article(summary.id));
        deps.push(Dep::Comments(summary.id));
        if let Some(image) = &summary.image {
            deps.push(Dep::Media(image.id));
        }
        if let Some(section) = &summary.section {
            deps.push(Dep::Section(section.id));
        }
        deps.extend(summary.bylines.iter().map(|b| Dep::Author(b.id)));
    }
}

#[derive(Serialize)]
pub struct Pager {
    pub page: u32,
    pub pages: u32,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// The pager for page `page` of `total` items at `base`; a page past the end is a 404.
pub fn pager(base: &str, page: u32, total: u64, per_page: u32) -> Result<Pager, WebError> {
    let pages = page_count(total, per_page);
    if page > pages {
        return Err(WebError::NotFound);
    }
    let link = |n: u32| {
        if n == 1 {
            base.to_string()
        } else {
            format!("{base}?page={n}")
        }
    };
    Ok(Pager {
        page,
        pages,
        previous: (page > 1).then(|| link(page - 1)),
        next: (page < pages).then(|| link(page + 1)),
    })
}

/// Renders `template` with the frame's context plus `page`.
pub fn render(app: &App, template: &str, frame: &Value, page: Value) -> Result<String, WebError> {
    let context = broadsheet_render::context! { ..page, ..frame.clone() };
    Ok(app.renderer.render(template, context)?)
}

/// The canonical path of a list page: its base, plus `?page=N` after the first.
pub fn canonical_for(base: &str, page: u32) -> String {
    if page > 1 {
        format!("{base}?page={page}")
    } else {
        base.to_string()
    }
}

/// A page of a form flow (newsletters, reader accounts): `template` drawn in the frame
/// with `title`, never stored by browsers or proxies (such pages carry addresses, tokens
/// and answers meant for one reader).
pub async fn form_flow_page(
    app: &App,
    viewer: &crate::accounts::Viewer,
    canonical: &str,
    template: &str,
    title: &str,
    context: Value,
    status: axum::http::StatusCode,
) -> Result<axum::response::Response, WebError> {
    use axum::response::IntoResponse;
    let frame = crate::layout::frame(app, viewer, canonical, "").await?;
    let page = broadsheet_render::context! { title => title, ..context };
    let html = render(app, template, &frame.context, page)?;
    Ok((
        status,
        [(axum::http::header::CACHE_CONTROL, "private, no-store")],
        axum::response::Html(html),
    )
        .into_response())
}
