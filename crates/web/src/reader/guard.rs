//! One guard for every public form (comments, embedded forms, newsletter sign-ups,
//! reader sign-in links): the honeypot that people never see and bots fill in, rate
//! limits shared by every node (client addresses kept only as hashes), and the
//! proof-of-work spam check. No third party is asked anything.

use broadsheet_core::secrets::hash_token;

use crate::app::App;
use crate::error::WebError;

/// The field people never see and bots fill in. Each public form's struct reads it as
/// its `website` field (serde needs the name written out); their tests hold them to
/// this name.
#[cfg(test)]
pub const HONEYPOT: &str = "website";

/// How often something may be done: `times` in `seconds`, and what to tell someone who
/// went past it.
pub struct Limit {
    pub times: i64,
    pub seconds: i64,
    pub message: &'static str,
}

impl Limit {
    /// The ten-minute window of every per-client limit on public forms.
    pub const fn per_ten_minutes(times: i64, message: &'static str) -> Limit {
        Limit {
            times,
            seconds: 10 * 60,
            message,
        }
    }
}

/// Who sent a form, as far as the guard can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender {
    /// The honeypot was filled in: thank them and keep nothing.
    Bot,
    Person,
}

/// The rate-limit key for `scope` from this client (its address hashed).
pub fn client_key(scope: &str, client_ip: &str) -> String {
    format!("{scope}:client:{}", hash_token(client_ip))
}

/// The honeypot, then one more event under `key` against `limit` (past it: 429 with the
/// limit's message).
pub async fn screen_sender(
    app: &App,
    honeypot: &str,
    key: &str,
    limit: &Limit,
) -> Result<Sender, WebError> {
    if !honeypot.trim().is_empty() {
        return Ok(Sender::Bot);
    }
    within_limit(app, key, limit).await?;
    Ok(Sender::Person)
}

/// Counts one more event under `key`; past `limit` it is refused with its message.
pub async fn within_limit(app: &App, key: &str, limit: &Limit) -> Result<(), WebError> {
    let recent = app
        .store
        .limits()
        .count_event(key, app.store.now() - limit.seconds)
        .await?;
    if recent > limit.times {
        return Err(WebError::TooManyRequests(limit.message.into()));
    }
    Ok(())
}

/// Checks the spam-check widget's answer: `None` if it is a fresh, correct solution
/// (now used up), otherwise what went wrong, to show the sender.
pub async fn check_spam_proof(
    app: &App,
    payload: Option<String>,
) -> Result<Option<String>, WebError> {
    let payload = payload.unwrap_or_default();
    match broadsheet_core::pow::verify(&app.secret, &payload, app.store.now()) {
        Ok(solved) => {
            if app
                .store
                .limits()
                .use_pow_solution(&solved.challenge, solved.expires_at)
                .await?
            {
                Ok(None)
            } else {
                Ok(Some(
                    "this spam check was already used; reload the page and send again".into(),
                ))
            }
        }
        Err(err) => Ok(Some(err.to_string())),
    }
}
