//! Static pages such as `/about` and `/about/staff`.

use axum::http::HeaderMap;
use axum::response::Response;
use broadsheet_core::change::Dep;
use broadsheet_render::Value;

use super::article::body_view;
use super::views::render;
use crate::app::AppState;
use crate::error::WebError;
use crate::layout::frame;
use crate::respond::{Rendered, cached};

pub async fn static_page(
    app: AppState,
    key: &str,
    path: &str,
    headers: &HeaderMap,
    viewer: &crate::accounts::Viewer,
) -> Response {
    let path = path.trim_matches('/').to_string();
    cached(&app, key, headers, viewer, || async {
        if path.is_empty() {
            return Err(WebError::NotFound);
        }
        let page = app
            .store
            .pages()
            .published_page(&path)
            .await?
            .ok_or(WebError::NotFound)?;
        let frame = frame(&app, viewer, &format!("/{path}"), "").await?;
        let children: Vec<_> = frame
            .navigation
            .pages
            .iter()
            .filter(|p| p.parent_id == Some(page.id))
            .collect();
        let (embeds, embed_deps) = app.store.articles().resolve_embeds(&page.embeds).await?;
        let mut deps = frame.deps.clone();
        deps.push(Dep::Page(page.id));
        deps.extend(embed_deps);
        let body = body_view(&page.body_html, &embeds);
        let context = broadsheet_render::context! {
            page => Value::from_serialize(&page),
            body => Value::from_serialize(&body),
            children => Value::from_serialize(&children),
        };
        Ok(Rendered {
            html: render(&app, "page.html", &frame.context, context)?,
            deps,
            expires_at: frame.expires_at,
            content_type: crate::respond::HTML,
        })
    })
    .await
}
