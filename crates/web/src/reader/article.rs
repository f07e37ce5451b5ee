//! The article page.

use std::collections::HashMap;

use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use broadsheet_core::article::Status;
use broadsheet_core::body::{BodyPiece, pieces};
use broadsheet_core::change::Dep;
use broadsheet_core::comments::{MAX_REPLY_DEPTH, THREADS_PER_PAGE, ThreadOrder};
use broadsheet_core::urls;
use broadsheet_render::Value;
use broadsheet_store::{Article, ArticleQuery, ArticleSummary, ResolvedEmbed};
use serde::Serialize;

use super::views::{render, summary_deps};
use crate::accounts::Viewer;
use crate::app::{App, AppState};
use crate::error::WebError;
use crate::layout::frame;
use crate::respond::{Rendered, cached_since};

const RELATED: u32 = 4;

/// A piece of the body as the template draws it: HTML, or an embed.
#[derive(Serialize)]
pub struct BodyView<'a> {
    html: Option<&'a str>,
    embed: Option<&'a ResolvedEmbed>,
}

/// Draws a body with its embeds; embeds that no longer resolve draw nothing.
pub fn body_view<'a>(html: &'a str, embeds: &'a [ResolvedEmbed]) -> Vec<BodyView<'a>> {
    pieces(html)
        .into_iter()
        .filter_map(|piece| match piece {
            BodyPiece::Html(html) => Some(BodyView {
                html: Some(html),
                embed: None,
            }),
            BodyPiece::Embed(index) => match embeds.get(index) {
                Some(ResolvedEmbed::Missing) | None => None,
                Some(embed) => Some(BodyView {
                    html: None,
                    embed: Some(embed),
                }),
            },
        })
        .collect()
}

#[derive(Serialize)]
struct ShareLinks {
    url: String,
    facebook: String,
    x: String,
    whatsapp: String,
    telegram: String,
    linkedin: String,
    email: String,
}

fn share_links(url: &str, headline: &str) -> ShareLinks {
    let u = urls::encode_component(url);
    let h = urls::encode_component(headline);
    ShareLinks {
        url: url.to_string(),
        facebook: format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        x: format!("https://x.com/intent/post?url={u}&text={h}"),
        whatsapp: format!("https://wa.me/?text={h}%20{u}"),
        telegram: format!("https://t.me/share/url?url={u}&text={h}"),
        linkedin: format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        email: format!("mailto:?subject={h}&body={u}"),
    }
}

/// `key` is the request's cache key; `date` the year, month and day from the path.
pub async fn article_page(
    app: AppState,
    key: &str,
    [year, month, day]: [&str; 3],
    slug: &str,
    headers: &HeaderMap,
    viewer: &Viewer,
) -> Response {
    let requested = format!("/{year}/{month}/{day}/{slug}");
    let read_at = app.cache.generation();
    let article = match app.store.articles().published_article(slug).await {
        Ok(Some(article)) => article,
        Ok(None) => return moved_or_gone(&app, slug).await,
        Err(err) => return WebError::from(err).into_response(),
    };
    let canonical = app.article_path(&article.summary);
    if canonical != requested {
        return Redirect::permanent(&urls::encode_path(&canonical)).into_response();
    }
    let full = viewer.is_member();
    cached_since(&app, Some(read_at), key, headers, viewer, || {
        draw(&app, article, canonical, viewer, full)
    })
    .await
}

/// An address that no longer shows an article: a renamed article redirects to its
/// current address; an unpublished one is gone (410); anything else was never here.
async fn moved_or_gone(app: &AppState, slug: &str) -> Response {
    match app.store.articles().article_status_by_slug(slug).await {
        Ok(Some((Status::Published, current))) if current != slug => {
            match app.store.articles().published_article(&current).await {
                Ok(Some(article)) => {
                    let canonical = app.article_path(&article.summary);
                    Redirect::permanent(&urls::encode_path(&canonical)).into_response()
                }
                _ => WebError::NotFound.into_response(),
            }
        }
        Ok(Some((Status::Unpublished, _))) => WebError::Gone.into_response(),
        Ok(_) => WebError::NotFound.into_response(),
        Err(err) => WebError::from(err).into_response(),
    }
}

/// Draws an article that may not be published (newsroom preview and share links): never
/// cached, and dated now if it has no publication time yet.
pub async fn preview_article(
    app: &App,
    mut article: Article,
    canonical: &str,
) -> Result<String, WebError> {
    if article.summary.published_at == 0 {
        article.summary.published_at = app.store.now();
    }
    let staff = Viewer::default();
    Ok(draw(app, article, canonical.to_string(), &staff, true)
        .await?
        .html)
}

/// A comment as readers see it (never the commenter's email), with its replies.
#[derive(Serialize)]
pub(crate) struct CommentView {
    id: i64,
    author_name: String,
    body_html: String,
    is_staff: bool,
    is_member: bool,
    created_at: i64,
    replies: Vec<CommentView>,
}

/// Approved comments as threads: the top-level comments in the order given (those
/// whose parent is not among them), each with its replies, oldest first. Linear in the
/// number of comments.
pub(crate) fn comment_tree(comments: Vec<broadsheet_store::Comment>) -> Vec<CommentView> {
    let present: std::collections::HashSet<i64> = comments.iter().map(|c| c.id).collect();
    let mut children: HashMap<i64, Vec<broadsheet_store::Comment>> = HashMap::new();
    let mut roots = Vec::new();
    for comment in comments {
        match comment.parent_id.filter(|p| present.contains(p)) {
            Some(parent) => children.entry(parent).or_default().push(comment),
            None => roots.push(comment),
        }
    }
    fn build(
        comment: broadsheet_store::Comment,
        children: &mut HashMap<i64, Vec<broadsheet_store::Comment>>,
        depth: usize,
    ) -> CommentView {
        let mut replies = children.remove(&comment.id).unwrap_or_default();
        replies.sort_by_key(|c| c.id);
        CommentView {
            id: comment.id,
            author_name: comment.author_name,
            body_html: comment.body_html,
            is_staff: comment.is_staff,
            is_member: comment.is_member,
            created_at: comment.created_at,
            // Deeper replies are not stored (they join an ancestor), so the bound only
            // guards the recursion against damaged data.
            replies: if depth < MAX_REPLY_DEPTH {
                replies
                    .into_iter()
                    .map(|reply| build(reply, children, depth + 1))
                    .collect()
            } else {
                Vec::new()
            },
        }
    }
    roots
        .into_iter()
        .map(|root| build(root, &mut children, 0))
        .collect()
}

/// Related coverage: articles sharing a topic, then the newest from the same part of the
/// paper (the article's top-level section and its subsections).
async fn related(
    app: &App,
    article: &Article,
    sections: &[broadsheet_store::Section],
) -> Result<Vec<ArticleSummary>, WebError> {
    let mut related = Vec::new();
    if !article.topics.is_empty() {
        related = app
            .store
            .articles()
            .list_articles(&ArticleQuery {
                topics: article.topics.iter().map(|t| t.id).collect(),
                exclude: vec![article.summary.id],
                limit: RELATED,
                ..Default::default()
            })
            .await?;
    }
    if related.len() < RELATED as usize
        && let Some(section) = &article.summary.section
    {
        let mut exclude: Vec<i64> = related.iter().map(|a| a.id).collect();
        exclude.push(article.summary.id);
        let more = app
            .store
            .articles()
            .list_articles(&ArticleQuery {
                sections: section_family(section.id, sections),
                exclude,
                limit: RELATED - related.len() as u32,
                ..Default::default()
            })
            .await?;
        related.extend(more);
    }
    Ok(related)
}

fn section_family(id: i64, sections: &[broadsheet_store::Section]) -> Vec<i64> {
    let mut top = id;
    while let Some(parent) = sections
        .iter()
        .find(|s| s.id == top)
        .and_then(|s| s.parent_id)
    {
        if parent == id {
            break;
        }
        top = parent;
    }
    let mut family = vec![top];
    family.extend(
        sections
            .iter()
            .filter(|s| s.parent_id == Some(top))
            .map(|s| s.id),
    );
    family
}

/// Draws an article; `full` says whether the viewer may read a members-only body whole.
/// Otherwise only its teaser reaches the template, so no theme can print the rest.
async fn draw(
    app: &App,
    mut article: Article,
    canonical: String,
    viewer: &Viewer,
    full: bool,
) -> Result<Rendered, WebError> {
    let locked = article.summary.members_only && !full;
    // Templates draw the rendered body; the source would only be copied for nothing.
    article.body_source.clear();
    if locked {
        article.body_html =
            broadsheet_core::body::teaser(&article.body_html, app.config.teaser_paragraphs)
                .to_string();
        // Embeds are numbered in the order they appear, so the teaser holds the first
        // few; the others (a pull quote's words, say) must not reach the template either.
        let shown = pieces(&article.body_html)
            .into_iter()
            .filter_map(|piece| match piece {
                BodyPiece::Embed(index) => Some(index + 1),
                BodyPiece::Html(_) => None,
            })
            .max()
            .unwrap_or(0);
        article.embeds.truncate(shown);
    }
    let section_slug = article
        .summary
        .section
        .as_ref()
        .map(|s| s.slug.clone())
        .unwrap_or_default();
    let frame = frame(app, viewer, &canonical, &section_slug).await?;
    let related = related(app, &article, &frame.navigation.sections).await?;
    let (embeds, embed_deps) = app.store.articles().resolve_embeds(&article.embeds).await?;
    let url = app.absolute(&canonical);

    let mut deps = frame.deps.clone();
    deps.extend(embed_deps);
    summary_deps(std::slice::from_ref(&article.summary), &mut deps);
    summary_deps(&related, &mut deps);
    deps.extend(article.topics.iter().map(|t| Dep::Topic(t.id)));
    deps.extend(article.topics.iter().map(|t| Dep::TopicList(t.id)));
    if let Some(section) = &article.summary.section {
        let family = section_family(section.id, &frame.navigation.sections);
        deps.extend(family.into_iter().map(Dep::SectionList));
    }

    let body = body_view(&article.body_html, &embeds);
    let comment_mode = super::comments::comment_mode(app, &article, viewer);
    let comments_open = comment_mode != "closed";
    // The count is kept with the article: most articles have no comments to read. The
    // page shows the first page of the thread, so it stays the same size whatever the
    // thread's length; the rest are on the comment pages.
    let (comments, threads) = if article.summary.comment_count > 0 {
        let (comments, threads) = app
            .store
            .comments()
            .comment_threads(article.summary.id, ThreadOrder::Oldest, 1, THREADS_PER_PAGE)
            .await?;
        (comment_tree(comments), threads)
    } else {
        (Vec::new(), 0)
    };
    let more_comments = (threads > i64::from(THREADS_PER_PAGE))
        .then(|| super::comments::thread_path(article.summary.id, ThreadOrder::Oldest, 2));
    let page = broadsheet_render::context! {
        article => Value::from_serialize(&article),
        body => Value::from_serialize(&body),
        related => Value::from_serialize(&related),
        share => Value::from_serialize(share_links(&url, &article.summary.headline)),
        json_ld => super::structured::article(app, &article, &url, &*app.navigation().await?),
        comments => Value::from_serialize(&comments),
        more_comments => more_comments,
        newest_comments => (article.summary.comment_count > 1)
            .then(|| super::comments::thread_path(article.summary.id, ThreadOrder::Newest, 1)),
        comments_open => comments_open,
        comment_mode => comment_mode,
        locked => locked,
    };
    Ok(Rendered {
        html: render(app, "article.html", &frame.context, page)?,
        deps,
        expires_at: frame.expires_at,
        content_type: crate::respond::HTML,
    })
}
