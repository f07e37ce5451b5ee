//! Email addresses, parsed once at the boundary.

use std::fmt;

/// A plausible email address: one `@`, a non-empty local part, a dotted domain, no
/// spaces or control characters, at most 254 bytes. Unicode is allowed (internationalised
/// addresses); the domain is lower-cased, the local part kept as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Email(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("the email address is empty")]
    Empty,
    #[error("the email address is longer than 254 characters")]
    TooLong,
    #[error("`{0}` is not an email address such as name@example.org")]
    Invalid(String),
}

impl Email {
    pub fn parse(text: &str) -> Result<Email, EmailError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(EmailError::Empty);
        }
        if text.len() > 254 {
            return Err(EmailError::TooLong);
        }
        let invalid = || EmailError::Invalid(text.to_string());
        let (local, domain) = text.rsplit_once('@').ok_or_else(invalid)?;
        let bad_char = |c: char| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | ',' | ';' | '@' | '\\')
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .split('.')
                .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'));
        if local.is_empty()
            || local.len() > 64
            || local.chars().any(bad_char)
            || domain.chars().any(bad_char)
            || !domain_ok
        {
            return Err(invalid());
        }
        Ok(Email(format!("{local}@{}", domain.to_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form used to find an account: case does not distinguish people.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(
            Email::parse(" Ana@Example.ORG ").map(|e| e.to_string()),
            Ok("Ana@example.org".to_string())
        );
        assert_eq!(
            Email::parse("Ana@Example.ORG").map(|e| e.key()),
            Ok("ana@example.org".to_string())
        );
        assert!(Email::parse("דוד@דוגמה.ישראל").is_ok());
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.org",
            "ana@example",
            "a b@example.org",
            "ana@ex..org",
            "<a>@x.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        let long = format!("{}@example.org", "a".repeat(300));
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
    }
}
