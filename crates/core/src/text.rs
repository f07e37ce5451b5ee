//! Text that people type into public forms: names shown beside their words, and the
//! characters no field may hold.

use std::fmt;

/// Characters that reorder the text around them (right-to-left and left-to-right
/// overrides and isolates). Written into a name, an address or a comment they make
/// `evil.exe` read as `exe.live` or turn a quote around; legitimate right-to-left text
/// needs none of them, since the browser orders it from the letters themselves.
pub fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Why a piece of text cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("it contains a NUL character, which cannot be stored; remove it")]
    Nul,
    #[error(
        "it contains a character that reverses the direction of the text around it (such as U+202E); remove it"
    )]
    DirectionOverride,
}

/// Refuses NUL characters (PostgreSQL cannot store them in text) and direction
/// overrides.
pub fn check_plain(text: &str) -> Result<(), TextError> {
    if text.contains('\0') {
        return Err(TextError::Nul);
    }
    if text.chars().any(is_direction_override) {
        return Err(TextError::DirectionOverride);
    }
    Ok(())
}

/// What is wrong with a line of text that must be plain: the parts of a rule that
/// names and headlines share; each says it in its own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    Empty,
    TooLong,
    Control,
    Text(TextError),
}

/// Checks one line of plain text (already trimmed): not empty, at most `max_chars`,
/// no NUL, direction override or other control character.
pub fn check_line(line: &str, max_chars: usize) -> Result<(), LineProblem> {
    if line.is_empty() {
        return Err(LineProblem::Empty);
    }
    if line.chars().count() > max_chars {
        return Err(LineProblem::TooLong);
    }
    check_plain(line).map_err(LineProblem::Text)?;
    if line.chars().any(char::is_control) {
        return Err(LineProblem::Control);
    }
    Ok(())
}

/// The name a person is shown under (a commenter, a reader account): runs of spaces
/// and line breaks made one space, 1 to [`DisplayName::MAX_CHARS`] characters, no
/// control characters or direction overrides.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct DisplayName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DisplayNameError {
    #[error("give the name to show with your comments")]
    Empty,
    #[error("give a name of up to {} characters", DisplayName::MAX_CHARS)]
    TooLong,
    #[error("the name contains a control character; remove it")]
    Control,
    #[error("the name {0}")]
    Text(TextError),
}

impl DisplayName {
    pub const MAX_CHARS: usize = 60;

    pub fn parse(text: &str) -> Result<DisplayName, DisplayNameError> {
        let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
        check_line(&name, Self::MAX_CHARS).map_err(|problem| match problem {
            LineProblem::Empty => DisplayNameError::Empty,
            LineProblem::TooLong => DisplayNameError::TooLong,
            LineProblem::Control => DisplayNameError::Control,
            LineProblem::Text(err) => DisplayNameError::Text(err),
        })?;
        Ok(DisplayName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_bounded_and_plain() {
        assert_eq!(
            DisplayName::parse("  Ana Ortiz ").unwrap().as_str(),
            "Ana Ortiz"
        );
        assert!(DisplayName::parse("דוד כהן").is_ok());
        assert_eq!(DisplayName::parse("   "), Err(DisplayNameError::Empty));
        assert_eq!(
            DisplayName::parse(&"a".repeat(61)),
            Err(DisplayNameError::TooLong)
        );
        assert_eq!(
            DisplayName::parse("Ana\n  Ortiz").unwrap().as_str(),
            "Ana Ortiz"
        );
        assert_eq!(
            DisplayName::parse("Ana\u{7}"),
            Err(DisplayNameError::Control)
        );
        assert_eq!(
            DisplayName::parse("Ana\u{202E}zitrO"),
            Err(DisplayNameError::Text(TextError::DirectionOverride))
        );
        assert_eq!(
            DisplayName::parse("Ana\0"),
            Err(DisplayNameError::Text(TextError::Nul))
        );
        assert!(
            DisplayName::parse("Ana\u{202E}")
                .unwrap_err()
                .to_string()
                .contains("U+202E")
        );
    }
}
