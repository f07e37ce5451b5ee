//! The front page: lead story, top stories, latest, and a block per section.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use broadsheet_core::change::Dep;
use broadsheet_render::Value;
use broadsheet_store::{ArticleQuery, ArticleSummary, Section};
use serde::Serialize;

use super::views::{render, summary_deps};
use crate::accounts::Viewer;
use crate::app::{App, AppState};
use crate::error::WebError;
use crate::layout::frame;
use crate::respond::{Rendered, cached};

const TOP_STORIES: u32 = 4;
const LATEST: u32 = 10;
const PER_SECTION: u32 = 4;

#[derive(Serialize)]
struct SectionBlock {
    section: Section,
    articles: Vec<ArticleSummary>,
}

pub async fn front_page(
    State(app): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
) -> Response {
    cached(&app, "/", &headers, &viewer, || draw(&app, &viewer)).await
}

async fn draw(app: &App, viewer: &Viewer) -> Result<Rendered, WebError> {
    let frame = frame(app, viewer, "/", "home").await?;
    let store = &app.store;
    // Editors rank stories for the front; without rankings the newest photo story leads.
    let mut ranked = store
        .articles()
        .list_articles(&ArticleQuery {
            front_ranked: true,
            limit: TOP_STORIES + 1,
            ..Default::default()
        })
        .await?;
    if ranked.is_empty() {
        ranked = store
            .articles()
            .list_articles(&ArticleQuery {
                with_image: true,
                limit: 1,
                ..Default::default()
            })
            .await?;
    }
    let mut shown: Vec<i64> = ranked.iter().map(|a| a.id).collect();
    if ranked.len() < (TOP_STORIES + 1) as usize {
        let fill = store
            .articles()
            .list_articles(&ArticleQuery {
                exclude: shown.clone(),
                limit: TOP_STORIES + 1 - ranked.len() as u32,
                ..Default::default()
            })
            .await?;
        ranked.extend(fill);
        shown = ranked.iter().map(|a| a.id).collect();
    }
    let mut ranked = ranked.into_iter();
    let lead = ranked.next();
    let top: Vec<ArticleSummary> = ranked.collect();
    let latest = store
        .articles()
        .list_articles(&ArticleQuery {
            exclude: shown,
            limit: LATEST,
            ..Default::default()
        })
        .await?;

    let mut blocks = Vec::new();
    for section in frame
        .navigation
        .sections
        .iter()
        .filter(|s| s.parent_id.is_none())
    {
        let ids = frame.navigation.section_family(section.id);
        let articles = store
            .articles()
            .list_articles(&ArticleQuery {
                sections: ids,
                limit: PER_SECTION,
                ..Default::default()
            })
            .await?;
        if !articles.is_empty() {
            blocks.push(SectionBlock {
                section: section.clone(),
                articles,
            });
        }
    }

    let mut deps = frame.deps.clone();
    deps.push(Dep::Latest);
    summary_deps(lead.as_slice(), &mut deps);
    summary_deps(&top, &mut deps);
    summary_deps(&latest, &mut deps);
    for block in &blocks {
        deps.push(Dep::Section(block.section.id));
        summary_deps(&block.articles, &mut deps);
    }
    let page = broadsheet_render::context! {
        lead => Value::from_serialize(&lead),
        top => Value::from_serialize(&top),
        latest => Value::from_serialize(&latest),
        section_blocks => Value::from_serialize(&blocks),
    };
    Ok(Rendered {
        html: render(app, "front.html", &frame.context, page)?,
        deps,
        expires_at: frame.expires_at,
        content_type: crate::respond::HTML,
    })
}
