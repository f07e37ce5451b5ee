//! Readers commenting on an article, through the moderation pipeline
//! (`broadsheet_core::comments`), after the checks that stop bots: the honeypot, the
//! proof of work for guests, and rate limits per client and per account.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use broadsheet_core::article::Status;
use broadsheet_core::body::render_comment;
use broadsheet_core::change::Dep;
use broadsheet_core::comments::{
    CommentStatus, Facts, Policy, THREADS_PER_PAGE, ThreadOrder, Verdict, moderate,
};
use broadsheet_core::email::Email;
use broadsheet_core::secrets::hash_token;
use broadsheet_core::text::DisplayName;
use broadsheet_store::{NewComment, NewJob};
use serde::Deserialize;

use super::guard::{Limit, Sender, check_spam_proof, screen_sender};
use super::views::{pager, render};
use crate::app::AppState;
use crate::error::WebError;
use crate::form;
use crate::layout::frame;
use crate::respond::{Rendered, cache_key, cached};

/// Comments a newsroom user may post in ten minutes.
const STAFF_LIMIT: u64 = 60;

/// The site's moderation settings (newsroom Settings), kept in memory with the site.
pub fn policy_for(app: &crate::app::App) -> Policy {
    app.site().comment_policy.clone()
}

/// How the comment form shows for this viewer: `closed`, `reader` (signed in),
/// `guest` (name and email) or `sign-in` (the article or the site asks for an account).
pub fn comment_mode(
    app: &crate::app::App,
    article: &broadsheet_store::Article,
    viewer: &crate::accounts::Viewer,
) -> &'static str {
    let policy = policy_for(app);
    let age_days = (app.store.now() - article.summary.published_at) / 86_400;
    let open = article.comments.open && policy.close_after_days.is_none_or(|days| age_days <= days);
    if !open {
        "closed"
    } else if viewer.signed_in() {
        "reader"
    } else if policy.guests_allowed && article.comments.guests {
        "guest"
    } else {
        "sign-in"
    }
}

/// A published article, or not found: comments are read and written only there.
async fn published_article(
    app: &crate::app::App,
    article_id: i64,
) -> Result<broadsheet_store::Article, WebError> {
    app.store
        .articles()
        .article_by_id(article_id)
        .await?
        .filter(|a| a.status == Status::Published)
        .ok_or(WebError::NotFound)
}

/// The address of page `page` of an article's thread in `order`.
pub fn thread_path(article_id: i64, order: ThreadOrder, page: u32) -> String {
    let base = format!("/comments/{article_id}/{}", order.as_str());
    if page > 1 {
        format!("{base}?page={page}")
    } else {
        base
    }
}

/// A page of an article's comments, oldest or newest first: long threads are read
/// here, page by page, while the article shows the first page.
pub async fn thread_page(
    State(app): State<AppState>,
    Path((article_id, order)): Path<(i64, String)>,
    query: Query<super::PageQuery>,
    uri: Uri,
    headers: HeaderMap,
    viewer: crate::accounts::Viewer,
) -> Response {
    let Some(order) = ThreadOrder::parse(&order) else {
        return WebError::NotFound.into_response();
    };
    let page = match query.number() {
        Ok(page) => page,
        Err(err) => return err.into_response(),
    };
    cached(&app, &cache_key(&uri), &headers, &viewer, || {
        draw_thread(&app, &viewer, article_id, order, page)
    })
    .await
}

async fn draw_thread(
    app: &crate::app::App,
    viewer: &crate::accounts::Viewer,
    article_id: i64,
    order: ThreadOrder,
    page: u32,
) -> Result<Rendered, WebError> {
    let article = published_article(app, article_id).await?;
    let (comments, threads) = app
        .store
        .comments()
        .comment_threads(article_id, order, page, THREADS_PER_PAGE)
        .await?;
    let pager = pager(
        &thread_path(article_id, order, 1),
        page,
        u64::try_from(threads).unwrap_or(0),
        THREADS_PER_PAGE,
    )?;
    let back = app.article_path(&article.summary);
    let frame = frame(app, viewer, &thread_path(article_id, order, page), "").await?;
    let other = match order {
        ThreadOrder::Oldest => ThreadOrder::Newest,
        ThreadOrder::Newest => ThreadOrder::Oldest,
    };
    let context = broadsheet_render::context! {
        article_id => article_id,
        headline => &article.summary.headline,
        comment_count => article.summary.comment_count,
        back => broadsheet_core::urls::encode_path(&back),
        order => order.as_str(),
        other_order => thread_path(article_id, other, 1),
        comments => broadsheet_render::Value::from_serialize(super::article::comment_tree(comments)),
        pager => broadsheet_render::Value::from_serialize(&pager),
        comment_mode => comment_mode(app, &article, viewer),
    };
    let mut deps = frame.deps.clone();
    deps.extend([Dep::Article(article_id), Dep::Comments(article_id)]);
    Ok(Rendered {
        html: render(app, "comments.html", &frame.context, context)?,
        deps,
        expires_at: frame.expires_at,
        content_type: crate::respond::HTML,
    })
}

/// A link to one comment: leads to the page of the thread that shows it.
pub async fn find_comment(
    State(app): State<AppState>,
    Path((article_id, comment_id)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    let (found_on, page) = app
        .store
        .comments()
        .comment_page(comment_id, THREADS_PER_PAGE)
        .await?
        .filter(|(article, _)| *article == article_id)
        .ok_or(WebError::NotFound)?;
    let article = published_article(&app, found_on).await?;
    let page_path = if page == 1 {
        broadsheet_core::urls::encode_path(&app.article_path(&article.summary))
    } else {
        thread_path(article_id, ThreadOrder::Oldest, page)
    };
    Ok(Redirect::to(&format!("{page_path}#comment-{comment_id}")).into_response())
}

/// The page for replying to one comment: the comment, then the form. A link from each
/// comment leads here, so an article page carries one comment form, not one per comment.
pub async fn reply_page(
    State(app): State<AppState>,
    Path((article_id, comment_id)): Path<(i64, i64)>,
    viewer: crate::accounts::Viewer,
) -> Result<Response, WebError> {
    let article = published_article(&app, article_id).await?;
    let comment = app
        .store
        .comments()
        .comment(comment_id)
        .await?
        .filter(|c| c.article_id == article_id && c.status == CommentStatus::Approved)
        .ok_or(WebError::NotFound)?;
    let back = app.article_path(&article.summary);
    let frame = frame(&app, &viewer, &back, "").await?;
    let page = broadsheet_render::context! {
        article_id => article_id,
        headline => &article.summary.headline,
        back => &back,
        comment => broadsheet_render::context! {
            id => comment.id,
            author_name => &comment.author_name,
            body_html => &comment.body_html,
            is_staff => comment.is_staff,
            is_member => comment.is_member,
            created_at => comment.created_at,
        },
        comment_mode => comment_mode(&app, &article, &viewer),
    };
    Ok(Html(render(&app, "comment_reply.html", &frame.context, page)?).into_response())
}

/// A comment or a reply. Name and email come from guests only: an account's or a
/// newsroom user's are used instead.
#[derive(Deserialize, Default)]
#[serde(default)]
struct CommentForm {
    /// The comment replied to; none for a new thread.
    #[serde(deserialize_with = "form::optional_id")]
    parent_id: Option<i64>,
    #[serde(deserialize_with = "form::trimmed")]
    name: String,
    #[serde(deserialize_with = "form::trimmed")]
    email: String,
    #[serde(deserialize_with = "form::trimmed")]
    body: String,
    /// The spam-check widget's answer (guests only).
    #[serde(deserialize_with = "form::trimmed")]
    altcha: String,
    /// The honeypot (`guard::HONEYPOT`): people never see it, bots fill it in.
    #[serde(deserialize_with = "form::trimmed")]
    website: String,
}

pub async fn submit(
    State(app): State<AppState>,
    Path(article_id): Path<i64>,
    headers: HeaderMap,
    request: axum::extract::Request,
) -> Result<Response, WebError> {
    let client = crate::client::ClientAddr::of(request.extensions()).ip();
    let viewer = crate::accounts::Viewer::of(request.extensions());
    let client_hash = hash_token(&client);
    let body: Bytes = axum::body::to_bytes(request.into_body(), 64 * 1024)
        .await
        .map_err(|_| WebError::BadRequest("the comment is too large".into()))?;
    let sent: CommentForm = form::parse(&body)?;

    let article = app
        .store
        .articles()
        .article_by_id(article_id)
        .await?
        .ok_or(WebError::NotFound)?;
    if article.status != Status::Published {
        return Err(WebError::NotFound);
    }
    let back = app.article_path(&article.summary);
    // A staff member signed in to the newsroom comments as staff.
    let staff = crate::newsroom::staff_from_headers(&app, &headers).await?;
    let frame = frame(&app, &viewer, &back, "").await?;
    let reply = |title: &str, message: String, status: StatusCode| -> Result<Response, WebError> {
        let page = broadsheet_render::context! { title => title, thanks => message, back => &back };
        Ok((
            status,
            Html(render(&app, "form.html", &frame.context, page)?),
        )
            .into_response())
    };
    // A reader signed in to their account comments under its name, without the proof
    // of work; staff signed in to the newsroom comment as staff.
    let reader = viewer.reader().filter(|_| staff.is_none());
    // Posting under an account rides on its cookie: the form must come from this site
    // (shared pages cannot carry a per-reader token, so the browser's word is checked).
    if (staff.is_some() || reader.is_some()) && !crate::csrf::posted_from_this_site(&app, &headers)
    {
        return Err(WebError::Csrf);
    }
    let (rate_key, times) = match (&staff, reader) {
        (Some(user), _) => (format!("comment:user:{}", user.id), STAFF_LIMIT),
        (None, Some(reader)) => (
            format!("comment:reader:{}", reader.id),
            app.config.comments_per_client,
        ),
        (None, None) => (
            format!("comment:client:{client_hash}"),
            app.config.comments_per_client,
        ),
    };
    let limit = Limit::per_ten_minutes(
        i64::try_from(times).unwrap_or(i64::MAX),
        "You have commented many times in a few minutes. Please wait a while.",
    );
    if screen_sender(&app, &sent.website, &rate_key, &limit).await? == Sender::Bot {
        return reply(
            "Thank you",
            "Your comment was received.".into(),
            StatusCode::OK,
        );
    }
    let policy = policy_for(&app);
    let (name, email) = match (&staff, reader) {
        (Some(user), _) => (user.name.clone(), user.email.clone()),
        (None, Some(reader)) => (reader.display_name.clone(), reader.email.clone()),
        (None, None) if !(policy.guests_allowed && article.comments.guests) => {
            return reply(
                "Sign in to comment",
                "Comments on this article are for readers with an account: sign in or create a free account, then post your comment.".into(),
                StatusCode::FORBIDDEN,
            );
        }
        (None, None) => {
            if let Some(problem) = check_spam_proof(&app, Some(sent.altcha.clone())).await? {
                return reply(
                    "Your comment was not sent",
                    format!("Spam check: {problem}."),
                    StatusCode::UNPROCESSABLE_ENTITY,
                );
            }
            let name = match DisplayName::parse(&sent.name) {
                Ok(name) => name.into_string(),
                Err(err) => {
                    return reply(
                        "Your comment was not sent",
                        format!("Name: {err}."),
                        StatusCode::UNPROCESSABLE_ENTITY,
                    );
                }
            };
            match Email::parse(&sent.email) {
                Ok(email) => (name, email.key()),
                Err(err) => {
                    return reply(
                        "Your comment was not sent",
                        format!("Email: {err}."),
                        StatusCode::UNPROCESSABLE_ENTITY,
                    );
                }
            }
        }
    };
    let text = sent.body;
    let since = app.store.now() - 24 * 3600;
    let facts = Facts {
        text: &text,
        is_staff: staff.is_some(),
        banned: match (&staff, reader) {
            // Staff are known by their account and never banned here.
            (Some(_), _) => false,
            // A reader is known by their account; the client they share with others
            // (an office, a café) is not held against them.
            (None, Some(reader)) => {
                app.store
                    .comments()
                    .is_banned(&[format!("email:{email}"), format!("reader:{}", reader.id)])
                    .await?
            }
            (None, None) => {
                app.store
                    .comments()
                    .is_banned(&[format!("email:{email}"), format!("client:{client_hash}")])
                    .await?
            }
        },
        comments_open: article.comments.open,
        article_age_days: (app.store.now() - article.summary.published_at) / 86_400,
        approved_before: match reader {
            Some(reader) => {
                app.store
                    .comments()
                    .approved_comment_count(reader.id)
                    .await?
            }
            None => 0,
        },
        repeated: app
            .store
            .comments()
            .comment_repeated(&email, &client_hash, &text, since)
            .await?,
    };
    let (status, reason) = match moderate(&facts, &policy) {
        Verdict::Approve => (CommentStatus::Approved, String::new()),
        Verdict::Hold(reason) => (CommentStatus::Pending, reason),
        Verdict::Reject(reason) => {
            return reply(
                "Your comment was not published",
                format!("It was not accepted: {reason}."),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let parent_id = sent.parent_id;
    let id = app
        .store
        .comments()
        .add_comment(&NewComment {
            article_id,
            parent_id,
            user_id: staff.as_ref().map(|u| u.id),
            reader_id: reader.map(|r| r.id),
            author_name: name.clone(),
            author_email: email,
            body_source: text.clone(),
            body_html: render_comment(&text),
            status,
            reason,
            client_hash,
        })
        .await
        .map_err(|err| match err {
            broadsheet_store::StoreError::Invalid { message, .. }
            | broadsheet_store::StoreError::Taken { message, .. } => WebError::BadRequest(message),
            other => other.into(),
        })?;
    if status == CommentStatus::Approved {
        for to in app.store.comments().byline_user_emails(article_id).await? {
            let email = broadsheet_mail::Email {
                to: to.clone(),
                subject: format!("New comment on “{}”", article.summary.headline),
                text: format!(
                    "{name} wrote:\n\n{text}\n\n{}/comments/{article_id}/find/{id}\n",
                    app.config.base_url
                ),
                html: None,
                headers: Vec::new(),
            };
            let job = NewJob::new(broadsheet_mail::SEND_EMAIL_JOB, &email, app.store.now())
                .unique(format!("comment-notice:{id}:{to}"));
            app.store.jobs().enqueue(&job).await?;
        }
        reply(
            "Thank you",
            "Your comment is published.".into(),
            StatusCode::OK,
        )
    } else {
        reply(
            "Thank you",
            "Your comment will appear once a moderator has read it.".into(),
            StatusCode::OK,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_honeypot_is_read_from_its_field() {
        let sent: CommentForm =
            form::parse(format!("{}=x", crate::reader::guard::HONEYPOT).as_bytes()).expect("form");
        assert_eq!(sent.website, "x");
    }
}
