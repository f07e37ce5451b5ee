//! API tokens: what a token may do (its scopes) and which scopes a newsroom role can
//! hand out. A token acts as one newsroom user; its scopes narrow what that user's role
//! allows, never widen it, and the role is read again on every request, so demoting or
//! disabling the user takes effect at once.

use crate::role::{Capability, Role};

/// One thing a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// Read articles in any state (drafts, scheduled, unpublished), as the newsroom does.
    ReadDrafts,
    /// Create drafts and save edits.
    WriteArticles,
    /// Publish, schedule, unschedule and unpublish.
    Publish,
    /// Upload photos to the media library.
    UploadMedia,
    /// Read members-only articles whole (without it, the public API gives their teaser).
    MembersContent,
}

/// The prefix every token carries, so that a leaked one is recognisable (secret scanners,
/// logs) and a token pasted where a password belongs is obvious.
pub const TOKEN_PREFIX: &str = "bst_";

impl Scope {
    pub const ALL: [Scope; 5] = [
        Scope::ReadDrafts,
        Scope::WriteArticles,
        Scope::Publish,
        Scope::UploadMedia,
        Scope::MembersContent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ReadDrafts => "read_drafts",
            Scope::WriteArticles => "write_articles",
            Scope::Publish => "publish",
            Scope::UploadMedia => "upload_media",
            Scope::MembersContent => "members_content",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Scope::ReadDrafts => "Read drafts",
            Scope::WriteArticles => "Write articles",
            Scope::Publish => "Publish",
            Scope::UploadMedia => "Upload media",
            Scope::MembersContent => "Read members-only articles",
        }
    }

    pub fn parse(text: &str) -> Option<Scope> {
        Scope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == text.trim())
    }

    /// What the acting user's role must allow for a token of theirs to hold this scope.
    pub fn needs(self) -> Capability {
        match self {
            Scope::ReadDrafts | Scope::WriteArticles | Scope::MembersContent => {
                Capability::WriteOwn
            }
            Scope::Publish => Capability::PublishOwn,
            Scope::UploadMedia => Capability::UploadMedia,
        }
    }
}

/// A token's scopes: a non-empty set, each allowed to the role the token acts as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scopes(Vec<Scope>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScopeError {
    #[error("choose at least one thing the token may do")]
    Empty,
    #[error(
        "“{0}” is not a scope; the scopes are read_drafts, write_articles, publish, upload_media and members_content"
    )]
    Unknown(String),
    #[error("a token acting as a {role} cannot be given “{scope}”: the role may not do that")]
    BeyondRole {
        role: &'static str,
        scope: &'static str,
    },
}

impl Scopes {
    /// Reads scope names (as stored, space-separated, or as a form's checkboxes send
    /// them) and checks each against the role the token will act as.
    pub fn parse<'a>(
        names: impl IntoIterator<Item = &'a str>,
        role: Role,
    ) -> Result<Scopes, ScopeError> {
        let mut scopes = Vec::new();
        for name in names.into_iter().map(str::trim).filter(|n| !n.is_empty()) {
            let scope = Scope::parse(name).ok_or_else(|| ScopeError::Unknown(name.into()))?;
            if !role.can(scope.needs()) {
                return Err(ScopeError::BeyondRole {
                    role: role.as_str(),
                    scope: scope.as_str(),
                });
            }
            if !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
        if scopes.is_empty() {
            return Err(ScopeError::Empty);
        }
        scopes.sort();
        Ok(Scopes(scopes))
    }

    /// Scopes as stored, without checking them against a role (a stored token is judged
    /// by its user's role at each request instead); unknown names are dropped.
    pub fn stored(text: &str) -> Scopes {
        let mut scopes: Vec<Scope> = text.split_whitespace().filter_map(Scope::parse).collect();
        scopes.sort();
        scopes.dedup();
        Scopes(scopes)
    }

    pub fn contains(&self, scope: Scope) -> bool {
        self.0.contains(&scope)
    }

    pub fn iter(&self) -> impl Iterator<Item = Scope> + '_ {
        self.0.iter().copied()
    }

    /// Space-separated, as stored.
    pub fn to_text(&self) -> String {
        self.0
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// How long a new token lasts, as the newsroom's form and the CLI offer it.
pub fn parse_lifetime_days(text: &str) -> Result<Option<i64>, String> {
    match text.trim() {
        "" | "never" => Ok(None),
        days => match days.parse::<i64>() {
            Ok(n) if (1..=3650).contains(&n) => Ok(Some(n)),
            _ => Err(format!(
                "a token lasts a number of days from 1 to 3650, or “never”, not “{days}”"
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_checked_against_the_role_they_act_as() {
        let scopes = Scopes::parse(["publish", "read_drafts", "publish"], Role::Author).unwrap();
        assert_eq!(scopes.to_text(), "read_drafts publish");
        assert_eq!(
            Scopes::parse(["publish"], Role::Contributor),
            Err(ScopeError::BeyondRole {
                role: "contributor",
                scope: "publish"
            })
        );
        assert_eq!(
            Scopes::parse(["upload_media"], Role::Contributor).unwrap_err(),
            ScopeError::BeyondRole {
                role: "contributor",
                scope: "upload_media"
            }
        );
        assert!(Scopes::parse(["read_drafts", "write_articles"], Role::Contributor).is_ok());
        assert_eq!(
            Scopes::parse(["", " "], Role::Editor),
            Err(ScopeError::Empty)
        );
        assert!(matches!(
            Scopes::parse(["admin"], Role::Administrator),
            Err(ScopeError::Unknown(_))
        ));
    }

    #[test]
    fn stored_scopes_read_back_and_ignore_what_this_binary_does_not_know() {
        let scopes = Scopes::stored("upload_media publish retired_scope publish");
        assert_eq!(scopes.to_text(), "publish upload_media");
        assert!(scopes.contains(Scope::Publish));
        assert!(!scopes.contains(Scope::ReadDrafts));
        for scope in Scope::ALL {
            assert_eq!(Scope::parse(scope.as_str()), Some(scope));
        }
    }

    #[test]
    fn lifetimes_are_days_or_never() {
        assert_eq!(parse_lifetime_days("90"), Ok(Some(90)));
        assert_eq!(parse_lifetime_days("never"), Ok(None));
        assert_eq!(parse_lifetime_days(""), Ok(None));
        assert!(parse_lifetime_days("0").is_err());
        assert!(parse_lifetime_days("-3").is_err());
        assert!(parse_lifetime_days("soon").is_err());
    }
}
