//! Email addresses, parsed once at the boundary.

use std::fmt;

/// A plausible email address: one `@`, a local part of the characters an unquoted
/// address may hold (letters, digits, ``!#$%&'*+-/=?^_`{|}~`` and single dots between
/// them), a dotted domain of letters, digits and hyphens, at most 254 bytes. Letters
/// beyond ASCII are allowed (internationalised addresses), direction overrides are not.
/// The domain is lower-cased, the local part kept as typed. Quoted local parts and
/// address literals, which real readers do not use, are refused: an "address" such as
/// `=HYPERLINK('http://x')@x.org` is a trap for spreadsheets, not a mailbox.
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
        let local_char = |c: char| {
            c.is_ascii_alphanumeric()
                || "!#$%&'*+-/=?^_`{|}~".contains(c)
                || (!c.is_ascii() && c.is_alphanumeric())
        };
        let domain_char = |c: char| {
            c.is_ascii_alphanumeric() || c == '-' || (!c.is_ascii() && c.is_alphanumeric())
        };
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && local
                .split('.')
                .all(|atom| !atom.is_empty() && atom.chars().all(local_char));
        let domain_ok = domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(domain_char)
            });
        if !local_ok || !domain_ok {
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
        assert!(Email::parse("o'brien+news@mail.example.org").is_ok());
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.org",
            "ana@example",
            "a b@example.org",
            "ana@ex..org",
            "<a>@x.org",
            "=HYPERLINK('http://x')@x.org",
            "ana.@example.org",
            "a\u{202E}gro@example.org",
            "ana@exa_mple.org",
            "ana@example.org\0",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
        let long = format!("{}@example.org", "a".repeat(300));
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
    }
}
