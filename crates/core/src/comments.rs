//! Comment moderation: one pipeline, in a fixed and documented order.
//!
//! Before the pipeline, the web layer drops bot submissions (honeypot), requires the
//! proof of work from guests, and rate-limits by client address and by account. Then:
//!
//! 1. comments closed on the article (by the editor, or after `close_after_days`) → reject
//! 2. banned commenter → reject
//! 3. empty, or longer than `max_chars` → reject
//! 4. a banned word → reject
//! 5. the same text from the same person within a day → reject (repeat post)
//! 6. staff → approve
//! 7. more links than `max_links` → hold for a moderator
//! 8. a suspect word → hold
//! 9. trusted commenter (enough approved comments before) → approve
//! 10. pre-moderation of new commenters, when the site asks for it → hold
//! 11. otherwise → approve

/// Where a comment stands in moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentStatus {
    /// Waiting for a moderator.
    Pending,
    /// Shown to readers.
    Approved,
    Rejected,
    Spam,
}

impl CommentStatus {
    pub const ALL: [CommentStatus; 4] = [
        CommentStatus::Pending,
        CommentStatus::Approved,
        CommentStatus::Rejected,
        CommentStatus::Spam,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Pending => "pending",
            CommentStatus::Approved => "approved",
            CommentStatus::Rejected => "rejected",
            CommentStatus::Spam => "spam",
        }
    }

    pub fn parse(text: &str) -> Option<CommentStatus> {
        CommentStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// How deep replies nest under a top-level comment. A reply to a comment at this depth
/// joins that comment's parent instead, so every acknowledged reply is shown.
pub const MAX_REPLY_DEPTH: usize = 8;

/// Top-level comments (each with its replies) on one page of a thread.
pub const THREADS_PER_PAGE: u32 = 50;

/// The order of a thread's top-level comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadOrder {
    Oldest,
    Newest,
}

impl ThreadOrder {
    pub fn parse(text: &str) -> Option<ThreadOrder> {
        match text {
            "oldest" => Some(ThreadOrder::Oldest),
            "newest" => Some(ThreadOrder::Newest),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ThreadOrder::Oldest => "oldest",
            ThreadOrder::Newest => "newest",
        }
    }
}

/// The site's moderation settings.
#[derive(Debug, Clone)]
pub struct Policy {
    pub max_chars: usize,
    pub max_links: usize,
    pub banned_words: Vec<String>,
    pub suspect_words: Vec<String>,
    /// Comments close this many days after publication (`None`: never).
    pub close_after_days: Option<i64>,
    /// Hold the comments of people without approved comments yet.
    pub premoderate_new: bool,
    /// Approved comments after which a commenter is trusted.
    pub trusted_after: i64,
    /// Guests (name and email, no reader account) may comment; each article may still
    /// ask for an account.
    pub guests_allowed: bool,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            max_chars: 5_000,
            max_links: 2,
            banned_words: Vec::new(),
            suspect_words: Vec::new(),
            close_after_days: None,
            premoderate_new: false,
            trusted_after: 3,
            guests_allowed: true,
        }
    }
}

/// What the pipeline knows about one comment.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub text: &'a str,
    pub is_staff: bool,
    pub banned: bool,
    pub comments_open: bool,
    /// Days since the article was published.
    pub article_age_days: i64,
    /// Comments approved before from the same reader account; 0 for guests, whose
    /// typed address proves nothing.
    pub approved_before: i64,
    pub repeated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Approve,
    /// Held for a moderator, with the reason moderators see.
    Hold(String),
    /// Refused, with the reason the commenter sees.
    Reject(String),
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn count_links(text: &str) -> usize {
    let lower = text.to_lowercase();
    lower.matches("http://").count()
        + lower.matches("https://").count()
        + lower.matches("www.").count()
}

/// Runs the pipeline.
pub fn moderate(facts: &Facts<'_>, policy: &Policy) -> Verdict {
    let closed_by_age = policy
        .close_after_days
        .is_some_and(|days| facts.article_age_days > days);
    if !facts.comments_open || closed_by_age {
        return Verdict::Reject("comments are closed on this article".into());
    }
    if facts.banned {
        return Verdict::Reject("you cannot comment on this site".into());
    }
    let text = facts.text.trim();
    if text.is_empty() {
        return Verdict::Reject("the comment is empty".into());
    }
    if text.chars().count() > policy.max_chars {
        return Verdict::Reject(format!(
            "the comment is longer than {} characters",
            policy.max_chars
        ));
    }
    if let Err(err) = crate::text::check_plain(text) {
        return Verdict::Reject(format!("the comment {err}"));
    }
    let found = words(text);
    let has = |list: &[String]| {
        list.iter()
            .find(|bad| found.iter().any(|w| w == &bad.to_lowercase()))
            .cloned()
    };
    if has(&policy.banned_words).is_some() {
        return Verdict::Reject("the comment uses words this site does not publish".into());
    }
    if facts.repeated {
        return Verdict::Reject("you have already posted this comment".into());
    }
    if facts.is_staff {
        return Verdict::Approve;
    }
    let links = count_links(text);
    if links > policy.max_links {
        return Verdict::Hold(format!("{links} links"));
    }
    if let Some(word) = has(&policy.suspect_words) {
        return Verdict::Hold(format!("suspect word “{word}”"));
    }
    if facts.approved_before >= policy.trusted_after {
        return Verdict::Approve;
    }
    if policy.premoderate_new && facts.approved_before == 0 {
        return Verdict::Hold("new commenter".into());
    }
    Verdict::Approve
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Facts<'_> {
        Facts {
            text,
            is_staff: false,
            banned: false,
            comments_open: true,
            article_age_days: 1,
            approved_before: 0,
            repeated: false,
        }
    }

    #[test]
    fn the_pipeline_runs_in_its_documented_order() {
        let policy = Policy {
            banned_words: vec!["scam".into()],
            suspect_words: vec!["crypto".into()],
            premoderate_new: true,
            close_after_days: Some(30),
            ..Policy::default()
        };
        assert_eq!(
            moderate(
                &Facts {
                    comments_open: false,
                    ..facts("fine")
                },
                &policy
            ),
            Verdict::Reject("comments are closed on this article".into())
        );
        assert!(matches!(
            moderate(
                &Facts {
                    article_age_days: 31,
                    ..facts("fine")
                },
                &policy
            ),
            Verdict::Reject(_)
        ));
        assert!(matches!(
            moderate(
                &Facts {
                    banned: true,
                    ..facts("fine")
                },
                &policy
            ),
            Verdict::Reject(_)
        ));
        assert!(matches!(
            moderate(&facts("   "), &policy),
            Verdict::Reject(_)
        ));
        assert!(matches!(
            moderate(&facts(&"x".repeat(5_001)), &policy),
            Verdict::Reject(_)
        ));
        assert!(matches!(
            moderate(&facts("What a SCAM."), &policy),
            Verdict::Reject(_)
        ));
        assert!(matches!(
            moderate(
                &Facts {
                    repeated: true,
                    ..facts("fine")
                },
                &policy
            ),
            Verdict::Reject(_)
        ));
        // Staff pass the holds but not the bans.
        assert_eq!(
            moderate(
                &Facts {
                    is_staff: true,
                    ..facts("see https://a.example https://b.example https://c.example")
                },
                &policy
            ),
            Verdict::Approve
        );
        assert!(matches!(
            moderate(
                &Facts {
                    is_staff: true,
                    ..facts("a scam")
                },
                &policy
            ),
            Verdict::Reject(_)
        ));
        assert_eq!(
            moderate(
                &facts("https://a.example https://b.example www.c.example"),
                &policy
            ),
            Verdict::Hold("3 links".into())
        );
        assert!(matches!(
            moderate(&facts("buy crypto now"), &policy),
            Verdict::Hold(_)
        ));
        assert_eq!(
            moderate(&facts("Good reporting."), &policy),
            Verdict::Hold("new commenter".into())
        );
        assert_eq!(
            moderate(
                &Facts {
                    approved_before: 1,
                    ..facts("Good reporting.")
                },
                &policy
            ),
            Verdict::Approve
        );
        let open = Policy::default();
        assert_eq!(moderate(&facts("Good reporting."), &open), Verdict::Approve);
    }
}
