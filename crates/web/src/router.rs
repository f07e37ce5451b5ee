//! Composes the capabilities' routers and the layers every response passes through.

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::error::ErrorPage;
use crate::layout::frame;
use crate::reader;
use crate::respond::serve_from_cache;

pub fn router(app: AppState) -> Router {
    Router::new()
        .merge(reader::router())
        .merge(crate::syndication::router())
        .merge(crate::api::router())
        .merge(crate::accounts::router(app.clone()))
        .merge(crate::newsroom::router(app.clone()))
        .layer(middleware::from_fn(refuse_unstorable_forms))
        .layer(middleware::from_fn_with_state(app.clone(), error_pages))
        .layer(middleware::from_fn_with_state(app.clone(), front_door))
        .with_state(app)
}

/// Refuses a submitted form with a NUL character in any field, naming the field: no
/// database column can hold it (PostgreSQL refuses it outright), so it would otherwise
/// fail deep in a write. Checked once here for every form, public and newsroom alike.
async fn refuse_unstorable_forms(request: Request, next: Next) -> Response {
    if !crate::form::is_form(request.headers()) {
        return next.run(request).await;
    }
    let (request, bytes) = match crate::form::buffered(request).await {
        Ok(buffered) => buffered,
        Err(response) => return response,
    };
    let maybe_nul = bytes.contains(&0) || bytes.windows(3).any(|w| w.eq_ignore_ascii_case(b"%00"));
    if maybe_nul
        && let Some((field, _)) = form_urlencoded::parse(&bytes)
            .find(|(key, value)| key.contains('\0') || value.contains('\0'))
    {
        let field = field.replace('\0', "");
        return crate::WebError::Store(broadsheet_store::StoreError::invalid(
            "form",
            format!(
                "the field “{field}” contains a NUL character, which cannot be stored; remove it and send the form again"
            ),
        ))
        .into_response();
    }
    next.run(request).await
}

const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                   object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

/// Every request passes here first: cached pages are answered at once, and every
/// response gets the security headers.
async fn front_door(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = serve_from_cache(State(app), request, next).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    response
}

/// Draws a themed page for responses that carry an [`ErrorPage`]; if even that fails,
/// a plain sentence is sent, never internal details.
async fn error_pages(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let viewer = crate::accounts::Viewer::of(request.extensions());
    let response = next.run(request).await;
    let Some(page) = response.extensions().get::<ErrorPage>().cloned() else {
        return response;
    };
    let status = response.status();
    let drawn = async {
        let frame = frame(&app, &viewer, "/", "").await?;
        let context = broadsheet_render::context! { title => page.title, message => &page.message };
        let context = broadsheet_render::context! { ..context, ..frame.context };
        Ok::<_, crate::WebError>(app.renderer.render("error.html", context)?)
    };
    match drawn.await {
        Ok(html) => {
            let mut themed = (status, axum::response::Html(html)).into_response();
            themed
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            themed
        }
        Err(err) => {
            tracing::error!(%err, "cannot draw the error page");
            (status, page.message).into_response()
        }
    }
}
