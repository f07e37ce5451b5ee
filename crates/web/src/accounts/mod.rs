//! Reader accounts: sign-up and sign-in by a one-time link sent by email (no passwords
//! to leak or forget), the account page (name, newsletters, sign out, delete), and who
//! is reading ([`Viewer`]) for every page.
//!
//! Pages hold nothing personal, so signed-in readers share cached pages by membership
//! tier (`respond::variant_key`): a members-only article's full text is only in the
//! copies for tiers that may read it, and never in the anonymous copy.

mod account;
mod sign_in;

pub(crate) use account::DeleteForm;

use std::sync::Arc;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::middleware;
use axum::routing::{get, post};
use broadsheet_store::Reader;

use crate::app::{App, AppState};
use crate::csrf::cookie;

pub const READER_COOKIE: &str = "bs_reader";

/// Who is reading: a signed-in reader, or anonymous.
#[derive(Debug, Clone, Default)]
pub struct Viewer(Option<Arc<Reader>>);

impl Viewer {
    pub fn reader(&self) -> Option<&Reader> {
        self.0.as_deref()
    }

    pub fn signed_in(&self) -> bool {
        self.0.is_some()
    }

    /// Who the front door found reading this request (anonymous if it did not look).
    pub fn of(extensions: &axum::http::Extensions) -> Viewer {
        extensions.get::<Viewer>().cloned().unwrap_or_default()
    }

    /// Whether members-only articles are shown whole.
    pub fn is_member(&self) -> bool {
        self.reader().is_some_and(Reader::is_member)
    }

    /// What every page may show about the reader: that they are signed in, and their
    /// tier. Nothing personal: pages are shared by all readers of the same tier (the
    /// name is filled in by the browser from the `bs_reader_name` cookie).
    pub fn public(&self) -> Option<PublicReader<'_>> {
        self.reader().map(|reader| PublicReader {
            signed_in: true,
            tier: reader.tier.as_ref(),
        })
    }

    /// Which shared copy of a page this reader gets: anonymous readers one, signed-in
    /// readers one per tier level (0 without a tier).
    pub fn cache_variant(&self) -> Option<i64> {
        self.reader()
            .map(|reader| reader.tier.as_ref().map_or(0, |tier| tier.level))
    }
}

/// The reader as shared pages see them.
#[derive(Debug, serde::Serialize)]
pub struct PublicReader<'a> {
    pub signed_in: bool,
    pub tier: Option<&'a broadsheet_store::Tier>,
}

/// The cookie the browser reads to show the reader's name on shared pages.
pub const NAME_COOKIE: &str = "bs_reader_name";

/// The `Set-Cookie` that lets the page's script show `name` (percent-encoded), or
/// removes it (`None`).
pub fn name_cookie(app: &crate::app::App, name: Option<&str>) -> axum::http::HeaderValue {
    let secure = app.serves_https();
    match name {
        Some(name) => crate::csrf::set_script_cookie(
            NAME_COOKIE,
            &broadsheet_core::urls::encode_component(name),
            broadsheet_store::READER_SESSION_IDLE,
            secure,
        ),
        None => crate::csrf::set_script_cookie(NAME_COOKIE, "", 0, secure),
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Viewer::of(&parts.extensions))
    }
}

/// The reader signed in by the request's cookie. A missing, unknown or expired session
/// is an anonymous reader; a database error is logged and treated the same, so the
/// site keeps answering.
pub async fn identify(app: &App, headers: &HeaderMap) -> Viewer {
    let Some(token) = cookie(headers, READER_COOKIE).filter(|t| t.len() == 43) else {
        return Viewer::default();
    };
    if let Some(known) = app.reader_sessions.get(&token) {
        return known;
    }
    match app.store.readers().session_reader(&token).await {
        Ok(reader) => {
            let viewer = Viewer(reader.map(Arc::new));
            app.reader_sessions.keep(token, viewer.clone());
            viewer
        }
        Err(err) => {
            tracing::error!(%err, "cannot read the reader's session");
            Viewer::default()
        }
    }
}

/// Sessions looked up in the last few seconds, so that a member reading page after page
/// costs no database query each time (unknown tokens too, so junk cookies cannot make
/// every request query). Sign-outs and deletions on this node forget at once; on other
/// nodes they take effect within `REMEMBER_FOR`.
#[derive(Default)]
pub struct SessionMemory(std::sync::Mutex<Remembered>);

/// Session token → who it signed in (or nobody), and when that was looked up.
type Remembered = std::collections::HashMap<String, (Viewer, std::time::Instant)>;

const REMEMBER_FOR: std::time::Duration = std::time::Duration::from_secs(10);
const REMEMBER_AT_MOST: usize = 50_000;

impl SessionMemory {
    fn lock(&self) -> std::sync::MutexGuard<'_, Remembered> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn get(&self, token: &str) -> Option<Viewer> {
        let sessions = self.lock();
        let (viewer, at) = sessions.get(token)?;
        (at.elapsed() < REMEMBER_FOR).then(|| viewer.clone())
    }

    fn keep(&self, token: String, viewer: Viewer) {
        let mut sessions = self.lock();
        if sessions.len() >= REMEMBER_AT_MOST {
            sessions.retain(|_, (_, at)| at.elapsed() < REMEMBER_FOR);
            if sessions.len() >= REMEMBER_AT_MOST {
                sessions.clear();
            }
        }
        sessions.insert(token, (viewer, std::time::Instant::now()));
    }

    /// Forgets one session (signed out here).
    pub fn forget(&self, token: &str) {
        self.lock().remove(token);
    }

    /// Forgets every session of a reader (signed out everywhere, deleted, renamed or
    /// given another tier).
    pub fn forget_reader(&self, reader_id: i64) {
        self.lock()
            .retain(|_, (viewer, _)| viewer.reader().is_none_or(|r| r.id != reader_id));
    }
}

pub fn router(app: AppState) -> Router<AppState> {
    let protected = Router::new()
        .route("/account", get(account::show))
        .route(
            "/account/link/{token}",
            get(sign_in::landing).post(sign_in::redeem),
        )
        .route("/account/profile", post(account::rename))
        .route("/account/newsletters", post(account::newsletters))
        .route("/account/sign-out", post(account::sign_out))
        .route(
            "/account/sign-out-everywhere",
            post(account::sign_out_everywhere),
        )
        .route("/account/delete", post(account::delete))
        .layer(middleware::from_fn_with_state(
            app,
            crate::csrf::protect_reader,
        ));
    // Asking for a link needs no CSRF token, so the form can sit in cached pages (the
    // members-only teaser): the link only ever goes to the address typed, and the
    // proof of work and rate limits stop abuse.
    Router::new()
        .route("/join", get(sign_in::join))
        .route(
            "/account/sign-in",
            get(sign_in::form).post(sign_in::request),
        )
        .merge(protected)
}

/// Where to go after signing in: a path on this site, never another site.
pub fn safe_return(path: &str) -> String {
    // A path a browser would resolve to something else was written to mislead.
    broadsheet_core::urls::local_path(path)
        .filter(|local| local == path && local.len() <= 500)
        .unwrap_or_else(|| "/".into())
}

#[cfg(test)]
mod tests {
    use super::safe_return;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_return("/2024/03/18/story"), "/2024/03/18/story");
        assert_eq!(safe_return("//evil.example/"), "/");
        assert_eq!(safe_return("/.//evil.example/"), "/");
        assert_eq!(safe_return("https://evil.example/"), "/");
        assert_eq!(safe_return("/\\evil.example"), "/");
        assert_eq!(safe_return("/a\nb"), "/");
        assert_eq!(safe_return(""), "/");
    }
}
