//! The newsroom under `/admin`: sign-in, dashboard, articles and their workflow,
//! revisions, users and jobs. Server-rendered, usable without JavaScript; the small
//! script adds live preview and a formatting toolbar.
//!
//! Who may do what is decided in one place per screen: every handler takes `Staff`
//! (signed in) and asks `require` or the workflow rules; a test walks every route with
//! every role.

mod alerts;
mod api_tokens;
mod articles;
mod auth;
mod comments;
mod dashboard;
mod editor_form;
mod forms;
mod history;
mod jobs;
pub(crate) mod media;
mod readers;
mod settings;
mod subscribers;
mod topics;
mod users;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::handler::Handler;
use axum::middleware;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use broadsheet_core::role::Capability;
use broadsheet_render::{Builtins, Value};
use broadsheet_store::User;

use crate::app::AppState;
use crate::error::WebError;

pub use crate::csrf::Csrf;
pub use auth::{Staff, staff_from_headers};

/// The newsroom's templates, compiled into the binary (not themable).
pub const ADMIN_TEMPLATES: Builtins = &[
    (
        "layout.html",
        include_str!("../../admin/templates/layout.html"),
    ),
    (
        "login.html",
        include_str!("../../admin/templates/login.html"),
    ),
    (
        "message.html",
        include_str!("../../admin/templates/message.html"),
    ),
    (
        "dashboard.html",
        include_str!("../../admin/templates/dashboard.html"),
    ),
    (
        "articles.html",
        include_str!("../../admin/templates/articles.html"),
    ),
    (
        "editor.html",
        include_str!("../../admin/templates/editor.html"),
    ),
    (
        "conflict.html",
        include_str!("../../admin/templates/conflict.html"),
    ),
    (
        "diff_table.html",
        include_str!("../../admin/templates/diff_table.html"),
    ),
    (
        "revisions.html",
        include_str!("../../admin/templates/revisions.html"),
    ),
    (
        "compare.html",
        include_str!("../../admin/templates/compare.html"),
    ),
    (
        "users.html",
        include_str!("../../admin/templates/users.html"),
    ),
    (
        "api_tokens.html",
        include_str!("../../admin/templates/api_tokens.html"),
    ),
    ("jobs.html", include_str!("../../admin/templates/jobs.html")),
    (
        "password_reset.html",
        include_str!("../../admin/templates/password_reset.html"),
    ),
    (
        "settings.html",
        include_str!("../../admin/templates/settings.html"),
    ),
    (
        "media.html",
        include_str!("../../admin/templates/media.html"),
    ),
    (
        "media_item.html",
        include_str!("../../admin/templates/media_item.html"),
    ),
    (
        "forms.html",
        include_str!("../../admin/templates/forms.html"),
    ),
    (
        "topics.html",
        include_str!("../../admin/templates/topics.html"),
    ),
    (
        "topic.html",
        include_str!("../../admin/templates/topic.html"),
    ),
    (
        "form_editor.html",
        include_str!("../../admin/templates/form_editor.html"),
    ),
    (
        "form_item.html",
        include_str!("../../admin/templates/form_item.html"),
    ),
    (
        "comments.html",
        include_str!("../../admin/templates/comments.html"),
    ),
    (
        "subscribers.html",
        include_str!("../../admin/templates/subscribers.html"),
    ),
    (
        "readers.html",
        include_str!("../../admin/templates/readers.html"),
    ),
];

const ADMIN_CSS: &str = include_str!("../../admin/static/admin.css");
const ADMIN_JS: &str = include_str!("../../admin/static/admin.js");

/// Article forms carry a body of up to `MAX_BODY_BYTES`, which form encoding can make
/// three times longer (every byte outside ASCII becomes `%XX`), plus the other fields.
pub(crate) const ARTICLE_FORM_LIMIT: usize = 3 * broadsheet_core::body::MAX_BODY_BYTES + 64 * 1024;

pub fn router(app: AppState) -> Router<AppState> {
    let article_form = || axum::extract::DefaultBodyLimit::max(ARTICLE_FORM_LIMIT);
    Router::new()
        .route("/admin", get(dashboard::dashboard))
        .route("/admin/login", get(auth::login_form).post(auth::login))
        .route("/admin/logout", post(auth::logout))
        .route("/admin/logout-everywhere", post(auth::logout_everywhere))
        .route(
            "/admin/password-reset",
            get(auth::reset_request_form).post(auth::reset_request),
        )
        .route(
            "/admin/password-reset/{token}",
            get(auth::reset_form).post(auth::reset),
        )
        .route(
            "/admin/articles",
            get(articles::list).post(articles::create.layer(article_form())),
        )
        .route("/admin/articles/new", get(articles::new_form))
        .route(
            "/admin/articles/{id}",
            get(articles::edit_form).post(articles::save.layer(article_form())),
        )
        .route("/admin/articles/{id}/status", post(articles::change_status))
        .route("/admin/articles/{id}/notes", post(articles::add_note))
        .route("/admin/articles/{id}/preview", get(articles::staff_preview))
        .route("/admin/articles/{id}/share", post(articles::share_link))
        .route(
            "/admin/articles/{id}/share/revoke",
            post(articles::revoke_share_links),
        )
        .route("/admin/articles/{id}/revisions", get(history::revisions))
        .route("/admin/articles/{id}/compare", get(history::compare))
        .route(
            "/admin/articles/{id}/revisions/{revision}/restore",
            post(history::restore),
        )
        .route(
            "/admin/preview",
            post(articles::live_preview.layer(article_form())),
        )
        .route("/admin/users", get(users::list).post(users::create))
        .route("/admin/users/{id}", post(users::update))
        .route(
            "/admin/api-tokens",
            get(api_tokens::list).post(api_tokens::create),
        )
        .route("/admin/api-tokens/{id}/revoke", post(api_tokens::revoke))
        .route("/admin/settings", get(settings::show).post(settings::save))
        .route(
            "/admin/media",
            get(media::list)
                .post(media::upload)
                .layer(axum::extract::DefaultBodyLimit::max(
                    broadsheet_media::Limits::default().max_bytes as usize + media::UPLOAD_OVERHEAD,
                )),
        )
        .route("/admin/media/{id}", get(media::show).post(media::describe))
        .route("/admin/media/{id}/delete", post(media::delete))
        .route("/admin/comments", get(comments::queue).post(comments::act))
        .route("/admin/articles/{id}/comments", post(comments::switch))
        .route("/admin/articles/{id}/alert", post(alerts::send))
        .route("/admin/topics", get(topics::list))
        .route("/admin/topics/{id}", get(topics::show).post(topics::save))
        .route("/admin/forms", get(forms::list).post(forms::create))
        .route("/admin/forms/{id}", get(forms::show).post(forms::update))
        .route("/admin/forms/{id}/delete", post(forms::delete))
        .route("/admin/forms/{id}/submissions.csv", get(forms::export))
        .route("/admin/readers", get(readers::list))
        .route("/admin/readers/{id}/tier", post(readers::set_tier))
        .route("/admin/readers/{id}/delete", post(readers::delete))
        .route("/admin/subscribers", get(subscribers::list))
        .route("/admin/subscribers.csv", get(subscribers::export))
        .route(
            "/admin/subscribers/import",
            post(subscribers::import).layer(axum::extract::DefaultBodyLimit::max(
                subscribers::IMPORT_LIMIT + 64 * 1024,
            )),
        )
        .route("/admin/jobs", get(jobs::list))
        .route("/admin/jobs/{id}/retry", post(jobs::retry))
        .route(
            "/admin/static/admin.css",
            get(|| async { asset(ADMIN_CSS, "text/css; charset=utf-8") }),
        )
        .route(
            "/admin/static/admin.js",
            get(|| async { asset(ADMIN_JS, "text/javascript; charset=utf-8") }),
        )
        .route("/preview/{id}", get(articles::shared_preview))
        .layer(middleware::from_fn_with_state(app, crate::csrf::protect))
        .layer(middleware::map_response(not_stored))
}

/// Newsroom screens and exports show drafts and readers' personal data: no browser or
/// proxy may keep a copy (the admin stylesheet and script set their own caching).
async fn not_stored(mut response: Response) -> Response {
    response
        .headers_mut()
        .entry(axum::http::header::CACHE_CONTROL)
        .or_insert(axum::http::HeaderValue::from_static("no-store"));
    response
}

fn asset(body: &'static str, content_type: &'static str) -> Response {
    (
        [
            (axum::http::header::CONTENT_TYPE, content_type),
            (axum::http::header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// Renders a newsroom screen (signed-in screens draw through [`Desk::screen`]). Every
/// screen gets `me`, `csrf`, `site_name` and `section`.
pub(crate) fn screen(
    app: &AppState,
    me: Option<&User>,
    csrf: &Csrf,
    template: &str,
    section: &str,
    page: Value,
) -> Result<Html<String>, WebError> {
    let context = broadsheet_render::context! {
        ..page,
        ..broadsheet_render::context! {
            me => Value::from_serialize(me),
            csrf => &csrf.0,
            site_name => app.site().name.clone(),
            section => section,
            time_zone => app.site().time_zone.name(),
        }
    };
    Ok(Html(app.admin.render(template, context)?))
}

/// What every newsroom screen needs, taken from the request once: the app, the
/// signed-in user (without one the request is sent to sign in) and the form token.
pub struct Desk {
    pub app: AppState,
    pub staff: Staff,
    pub csrf: Csrf,
}

impl FromRequestParts<AppState> for Desk {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let staff = Staff::from_request_parts(parts, app).await?;
        let csrf = Csrf::from_request_parts(parts, app)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Desk {
            app: app.clone(),
            staff,
            csrf,
        })
    }
}

impl Desk {
    /// Draws a newsroom screen for the signed-in user (see [`screen`]).
    pub fn screen(
        &self,
        template: &str,
        section: &str,
        page: Value,
    ) -> Result<Html<String>, WebError> {
        screen(
            &self.app,
            Some(&self.staff.0),
            &self.csrf,
            template,
            section,
            page,
        )
    }
}

impl Staff {
    /// Refuses (403) unless the signed-in user's role has `capability`.
    pub fn require(&self, capability: Capability) -> Result<(), WebError> {
        if self.0.role.can(capability) {
            Ok(())
        } else {
            Err(WebError::Forbidden)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_admin_template_is_built_in() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("admin/templates");
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(folder).expect("templates folder") {
            let name = entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned();
            if !super::ADMIN_TEMPLATES
                .iter()
                .any(|(builtin, _)| *builtin == name)
            {
                missing.push(name);
            }
        }
        assert!(
            missing.is_empty(),
            "add these to ADMIN_TEMPLATES: {missing:?}"
        );
    }
}
