//! Articles: their editorial status and the rule for what may be published.

use serde::Serialize;

use crate::embed::EmbedProblem;

/// Where an article stands in the editorial workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Pending,
    Scheduled,
    Published,
    Unpublished,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Pending => "pending",
            Status::Scheduled => "scheduled",
            Status::Published => "published",
            Status::Unpublished => "unpublished",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Some(match text {
            "draft" => Status::Draft,
            "pending" => Status::Pending,
            "scheduled" => Status::Scheduled,
            "published" => Status::Published,
            "unpublished" => Status::Unpublished,
            _ => return None,
        })
    }
}

/// Why a revision of an article was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RevisionKind {
    /// A save from the editor.
    Save,
    /// An earlier version brought back from the history.
    Restore,
    /// A save refused because someone else saved first; kept so nothing typed is lost.
    Conflict,
}

impl RevisionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RevisionKind::Save => "save",
            RevisionKind::Restore => "restore",
            RevisionKind::Conflict => "conflict",
        }
    }

    pub fn parse(text: &str) -> Option<RevisionKind> {
        match text {
            "save" => Some(RevisionKind::Save),
            "restore" => Some(RevisionKind::Restore),
            "conflict" => Some(RevisionKind::Conflict),
            _ => None,
        }
    }
}

/// Corrections and updates appended to a published article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteKind {
    Correction,
    Update,
}

impl NoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Correction => "correction",
            NoteKind::Update => "update",
        }
    }

    pub fn parse(text: &str) -> Option<NoteKind> {
        match text {
            "correction" => Some(NoteKind::Correction),
            "update" => Some(NoteKind::Update),
            _ => None,
        }
    }
}

/// Why a body cannot be published: every embed that is malformed or points at nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", describe(.problems))]
pub struct PublishBlocked {
    pub problems: Vec<EmbedProblem>,
}

fn describe(problems: &[EmbedProblem]) -> String {
    let mut text = String::from("cannot publish: the body has embeds that do not work");
    for problem in problems {
        text.push_str("\n  ");
        text.push_str(&problem.to_string());
    }
    text
}

/// The publishing rule: a body may go out only when every embed in it is well formed
/// and resolves. `unresolved` are the problems found by looking the embeds up.
/// An article's headline: trimmed, 1 to [`Headline::MAX_CHARS`] characters, no
/// control characters or direction overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeadlineError {
    #[error("the headline is empty")]
    Empty,
    #[error("the headline is longer than {} characters", Headline::MAX_CHARS)]
    TooLong,
    #[error("the headline contains a line break or another control character; remove it")]
    Control,
    #[error("the headline {0}")]
    Text(crate::text::TextError),
}

impl Headline {
    pub const MAX_CHARS: usize = 300;

    pub fn parse(text: &str) -> Result<Headline, HeadlineError> {
        use crate::text::{LineProblem, check_line};
        let headline = text.trim();
        check_line(headline, Self::MAX_CHARS).map_err(|problem| match problem {
            LineProblem::Empty => HeadlineError::Empty,
            LineProblem::TooLong => HeadlineError::TooLong,
            LineProblem::Control => HeadlineError::Control,
            LineProblem::Text(err) => HeadlineError::Text(err),
        })?;
        Ok(Headline(headline.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub fn check_publishable(
    syntax_problems: &[EmbedProblem],
    unresolved: Vec<EmbedProblem>,
) -> Result<(), PublishBlocked> {
    let mut problems: Vec<EmbedProblem> = syntax_problems.to_vec();
    problems.extend(unresolved);
    problems.sort_by_key(|problem| problem.line);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(PublishBlocked { problems })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_round_trips() {
        for status in [
            Status::Draft,
            Status::Pending,
            Status::Scheduled,
            Status::Published,
            Status::Unpublished,
        ] {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert_eq!(Status::parse("live"), None);
    }

    #[test]
    fn blocked_publishing_lists_every_problem_by_line() {
        let problem = |line: usize, message: &str| EmbedProblem {
            line,
            source: format!("[[form x{line}]]"),
            message: message.to_string(),
        };
        let err =
            check_publishable(&[problem(9, "bad")], vec![problem(3, "no such form")]).unwrap_err();
        let text = err.to_string();
        assert!(
            text.find("line 3").unwrap() < text.find("line 9").unwrap(),
            "{text}"
        );
        assert!(check_publishable(&[], vec![]).is_ok());
    }

    #[test]
    fn headlines_are_trimmed_bounded_and_plain() {
        assert_eq!(
            Headline::parse("  Pier reopens ").unwrap().as_str(),
            "Pier reopens"
        );
        assert_eq!(Headline::parse(" "), Err(HeadlineError::Empty));
        assert_eq!(
            Headline::parse(&"a".repeat(301)),
            Err(HeadlineError::TooLong)
        );
        assert_eq!(Headline::parse("Two\nlines"), Err(HeadlineError::Control));
        assert!(matches!(
            Headline::parse("evil\u{202E}txt"),
            Err(HeadlineError::Text(_))
        ));
    }
}
