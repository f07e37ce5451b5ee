//! Section, topic and author pages: paginated lists of articles.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Response};
use broadsheet_core::change::Dep;
use broadsheet_core::urls;
use broadsheet_render::Value;
use broadsheet_store::ArticleQuery;

use super::PageQuery;
use super::structured;
use super::views::{canonical_for, pager, render, summary_deps};
use crate::accounts::Viewer;
use crate::app::{App, AppState};
use crate::error::WebError;
use crate::layout::frame;
use crate::respond::{Rendered, cache_key, cached};
use crate::syndication::{Format, feed_path};

pub async fn section_page(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    query: Query<PageQuery>,
    uri: Uri,
    headers: HeaderMap,
    viewer: Viewer,
) -> Response {
    let page = match query.number() {
        Ok(page) => page,
        Err(err) => return err.into_response(),
    };
    cached(&app, &cache_key(&uri), &headers, &viewer, || {
        draw_section(&app, &viewer, slug, page)
    })
    .await
}

async fn draw_section(
    app: &App,
    viewer: &Viewer,
    slug: String,
    page: u32,
) -> Result<Rendered, WebError> {
    let base = urls::section_path(&slug);
    let frame = frame(app, viewer, &canonical_for(&base, page), &slug).await?;
    let section = frame
        .navigation
        .sections
        .iter()
        .find(|s| s.slug == slug)
        .cloned()
        .ok_or(WebError::NotFound)?;
    let children: Vec<_> = frame
        .navigation
        .sections
        .iter()
        .filter(|s| s.parent_id == Some(section.id))
        .cloned()
        .collect();
    let parent = section.parent_id.and_then(|id| {
        frame
            .navigation
            .sections
            .iter()
            .find(|s| s.id == id)
            .cloned()
    });
    let ids = frame.navigation.section_family(section.id);
    let mut deps = frame.deps.clone();
    deps.extend(ids.iter().map(|id| Dep::SectionList(*id)));
    deps.push(Dep::Section(section.id));
    let filter = ArticleQuery {
        sections: ids,
        ..Default::default()
    };
    let (articles, pager) = paginate(app, filter, &base, page, &mut deps).await?;
    let context = broadsheet_render::context! {
        heading => &section.name,
        description => &section.description,
        page_feed => page_feed(&base, &section.name),
        json_ld => structured::collection(app, &section.name, &section.description, &base, Some(&section.slug), &frame.navigation),
        parent => Value::from_serialize(&parent),
        children => Value::from_serialize(&children),
        articles => articles,
        pager => Value::from_serialize(&pager),
    };
    Ok(Rendered {
        html: render(app, "list.html", &frame.context, context)?,
        deps,
        expires_at: frame.expires_at,
        content_type: crate::respond::HTML,
    })
}

/// The feeds of a list page, for `<link rel="alternate">`.
fn page_feed(base: &str, title: &str) -> Value {
    broadsheet_render::context! {
        title => title,
        rss => feed_path(base, &Format::Rss),
        atom => feed_path(base, &Format::Atom),
    }
}

/// One page of a list, with its pager; registers what it shows.
pub async fn paginate(
    app: &App,
    mut filter: ArticleQuery,
    base: &str,
    page: u32,
    deps: &mut Vec<Dep>,
) -> Result<(Value, super::views::Pager), WebError> {
    let per_page = app.config.articles_per_page;
    let total = app.store.articles().count_articles(&filter).await?;
    let pager = pager(base, page, total, per_page)?;
    filter.limit = per_page;
    filter.offset = u64::from(page - 1) * u64::from(per_page);
    let articles = app.store.articles().list_articles(&filter).await?;
    summary_deps(&articles, deps);
    Ok((Value::from_serialize(&articles), pager))
}

pub async fn topic_page(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    query: Query<PageQuery>,
    uri: Uri,
    headers: HeaderMap,
    viewer: Viewer,
) -> Response {
    let page = match query.number() {
        Ok(page) => page,
        Err(err) => return err.into_response(),
    };
    let base = urls::topic_path(&slug);
    cached(&app, &cache_key(&uri), &headers, &viewer, || async {
        let frame = frame(&app, &viewer, &canonical_for(&base, page), "").await?;
        let topic = app
            .store
            .taxonomy()
            .topic_by_slug(&slug)
            .await?
            .ok_or(WebError::NotFound)?;
        let mut deps = frame.deps.clone();
        deps.extend([Dep::Topic(topic.id), Dep::TopicList(topic.id)]);
        let filter = ArticleQuery {
            topics: vec![topic.id],
            ..Default::default()
        };
        if topic.timeline {
            let html = timeline(&app, &frame, &topic, &base, page, filter, &mut deps).await?;
            return Ok(Rendered {
                html,
                deps,
                expires_at: frame.expires_at,
                content_type: crate::respond::HTML,
            });
        }
        let (articles, pager) = paginate(&app, filter, &base, page, &mut deps).await?;
        let context = broadsheet_render::context! {
            heading => &topic.name,
            description => &topic.description,
            page_feed => page_feed(&base, &topic.name),
            json_ld => structured::collection(&app, &topic.name, &topic.description, &base, None, &frame.navigation),
            articles => articles,
            pager => Value::from_serialize(&pager),
        };
        Ok(Rendered {
            html: render(&app, "list.html", &frame.context, context)?,
            deps,
            expires_at: frame.expires_at,
            content_type: crate::respond::HTML,
        })
    })
    .await
}

/// Entries a timeline page shows.
const TIMELINE_PAGE: u32 = 50;

/// A topic as a story timeline: the explainer first, then its articles oldest first with
/// their key moments, fifty to a page.
async fn timeline(
    app: &App,
    frame: &crate::layout::Frame,
    topic: &broadsheet_store::Topic,
    base: &str,
    page: u32,
    filter: ArticleQuery,
    deps: &mut Vec<Dep>,
) -> Result<String, WebError> {
    let taxonomy = app.store.taxonomy();
    let total = app.store.articles().count_articles(&filter).await?;
    let pager = pager(base, page, total, TIMELINE_PAGE)?;
    let latest_url = canonical_for(base, pager.pages.max(1));
    let offset = u64::from(page - 1) * u64::from(TIMELINE_PAGE);
    let entries = taxonomy
        .timeline_entries(topic.id, TIMELINE_PAGE, offset)
        .await?;
    let summaries: Vec<_> = entries.iter().map(|e| e.article.clone()).collect();
    summary_deps(&summaries, deps);
    let explainer = match topic.explainer_id {
        Some(id) => {
            deps.push(Dep::Article(id));
            let found = app.store.articles().article_by_id(id).await?;
            found
                .filter(|a| a.status == broadsheet_core::article::Status::Published)
                .map(|a| a.summary)
        }
        None => None,
    };
    if let Some(explainer) = &explainer {
        summary_deps(std::slice::from_ref(explainer), deps);
    }
    let context = broadsheet_render::context! {
        topic => Value::from_serialize(topic),
        explainer => Value::from_serialize(&explainer),
        entries => Value::from_serialize(&entries),
        pager => Value::from_serialize(&pager),
        latest_url => latest_url,
        page_feed => page_feed(base, &topic.name),
        json_ld => structured::collection(app, &topic.name, &topic.description, base, None, &frame.navigation),
    };
    render(app, "timeline.html", &frame.context, context)
}

pub async fn author_page(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    query: Query<PageQuery>,
    uri: Uri,
    headers: HeaderMap,
    viewer: Viewer,
) -> Response {
    let page = match query.number() {
        Ok(page) => page,
        Err(err) => return err.into_response(),
    };
    let base = urls::author_path(&slug);
    cached(&app, &cache_key(&uri), &headers, &viewer, || async {
        let frame = frame(&app, &viewer, &canonical_for(&base, page), "").await?;
        let author = app
            .store
            .taxonomy()
            .author_by_slug(&slug)
            .await?
            .ok_or(WebError::NotFound)?;
        let mut deps = frame.deps.clone();
        deps.extend([Dep::Author(author.id), Dep::AuthorList(author.id)]);
        if let Some(avatar) = &author.avatar {
            deps.push(Dep::Media(avatar.id));
        }
        let filter = ArticleQuery {
            author: Some(author.id),
            ..Default::default()
        };
        let (articles, pager) = paginate(&app, filter, &base, page, &mut deps).await?;
        let context = broadsheet_render::context! {
            author => Value::from_serialize(&author),
            page_feed => page_feed(&base, &author.name),
            json_ld => structured::profile(&app, &author),
            articles => articles,
            pager => Value::from_serialize(&pager),
        };
        Ok(Rendered {
            html: render(&app, "author.html", &frame.context, context)?,
            deps,
            expires_at: frame.expires_at,
            content_type: crate::respond::HTML,
        })
    })
    .await
}
