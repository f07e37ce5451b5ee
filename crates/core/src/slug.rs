//! Slugs: the readable last part of a URL. Unicode letters are kept (a Hebrew or Arabic
//! headline gives a Hebrew or Arabic slug), everything else becomes single hyphens.

use std::fmt;

/// Longest slug we accept, in characters.
pub const MAX_SLUG_CHARS: usize = 120;

/// First path segments that belong to the application, so no static page may take them.
pub const RESERVED_PAGE_SLUGS: &[&str] = &[
    "admin",
    "api",
    "author",
    "authors",
    "feed",
    "feeds",
    "media",
    "page",
    "search",
    "section",
    "sections",
    "sitemap.xml",
    "robots.txt",
    "static",
    "topic",
    "topics",
    "subscribe",
    "join",
    "login",
    "logout",
    "account",
    "favicon.ico",
    "healthz",
];

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Slug(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("the slug is empty; use letters, digits and hyphens")]
    Empty,
    #[error("the slug is longer than {MAX_SLUG_CHARS} characters")]
    TooLong,
    #[error(
        "the slug `{0}` may contain only lower-case letters, digits and single hyphens, \
         and may not start or end with a hyphen"
    )]
    Invalid(String),
}

impl Slug {
    /// Accepts a slug exactly as given, or says what is wrong with it.
    pub fn parse(text: &str) -> Result<Slug, SlugError> {
        if text.is_empty() {
            return Err(SlugError::Empty);
        }
        if text.chars().count() > MAX_SLUG_CHARS {
            return Err(SlugError::TooLong);
        }
        let well_formed = !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--")
            && text.chars().all(|c| c == '-' || is_slug_char(c));
        if !well_formed {
            return Err(SlugError::Invalid(text.to_string()));
        }
        Ok(Slug(text.to_string()))
    }

    /// Makes a slug from a headline or name: "Mayor's Plan: 5 Things" → "mayors-plan-5-things".
    pub fn from_title(title: &str) -> Slug {
        let mut slug = String::with_capacity(title.len());
        let mut pending_hyphen = false;
        let mut chars = 0;
        for c in title.chars().flat_map(char::to_lowercase) {
            if c == '\'' || c == '’' || is_combining_mark(c) {
                continue;
            }
            if is_slug_char(c) {
                if pending_hyphen && !slug.is_empty() {
                    slug.push('-');
                    chars += 1;
                }
                pending_hyphen = false;
                if chars >= MAX_SLUG_CHARS {
                    break;
                }
                slug.push(c);
                chars += 1;
            } else {
                pending_hyphen = true;
            }
        }
        let slug = slug.trim_end_matches('-').to_string();
        if slug.is_empty() {
            Slug("untitled".to_string())
        } else {
            Slug(slug)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_slug_char(c: char) -> bool {
    (c.is_alphanumeric() && !c.is_uppercase()) || is_combining_mark(c)
}

/// Hebrew points and Arabic vowel marks are dropped by `from_title` but tolerated by
/// `parse`, so slugs imported from elsewhere still work.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0591}'..='\u{05C7}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0300}'..='\u{036F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_readable_slugs() {
        assert_eq!(
            Slug::from_title("Mayor's Plan: 5 Things to Know!").as_str(),
            "mayors-plan-5-things-to-know"
        );
        assert_eq!(Slug::from_title("  --  ").as_str(), "untitled");
        assert_eq!(Slug::from_title("Ça va? Déjà vu").as_str(), "ça-va-déjà-vu");
    }

    #[test]
    fn hebrew_and_arabic_titles_keep_their_letters() {
        assert_eq!(Slug::from_title("שלום עולם").as_str(), "שלום-עולם");
        assert_eq!(Slug::from_title("مرحبا بالعالم").as_str(), "مرحبا-بالعالم");
        assert!(Slug::parse("שלום-עולם").is_ok());
    }

    #[test]
    fn parse_rejects_what_from_title_would_never_produce() {
        assert_eq!(Slug::parse(""), Err(SlugError::Empty));
        assert!(Slug::parse("Upper").is_err());
        assert!(Slug::parse("-lead").is_err());
        assert!(Slug::parse("a--b").is_err());
        assert!(Slug::parse("a b").is_err());
        assert!(Slug::parse("a/b").is_err());
        assert!(Slug::parse(&"x".repeat(MAX_SLUG_CHARS + 1)).is_err());
        assert!(Slug::parse("city-council-2024").is_ok());
    }

    #[test]
    fn long_titles_are_cut() {
        let slug = Slug::from_title(&"word ".repeat(100));
        assert!(slug.as_str().chars().count() <= MAX_SLUG_CHARS);
        assert!(Slug::parse(slug.as_str()).is_ok());
    }
}
