//! The editorial workflow: which state changes each role may make.
//!
//! ```text
//!   draft ──submit──▶ pending ──publish──▶ published ──unpublish──▶ unpublished
//!     ▲  ◀─withdraw──┘   │                     ▲                         │
//!     │                  └──schedule──▶ scheduled ──(its time)──┘        │
//!     └────────────── unschedule ──────────┘   ◀──── publish / schedule ─┘
//! ```
//! Contributors write and submit their own drafts; authors also publish and schedule
//! their own; editors and administrators do everything to every article. The rules are
//! enforced on the server, here, whatever the browser sent.

use crate::article::Status;
use crate::role::{Capability, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Submit,
    Withdraw,
    Publish,
    Schedule,
    Unschedule,
    Unpublish,
}

impl Action {
    pub fn parse(text: &str) -> Option<Action> {
        Some(match text {
            "submit" => Action::Submit,
            "withdraw" => Action::Withdraw,
            "publish" => Action::Publish,
            "schedule" => Action::Schedule,
            "unschedule" => Action::Unschedule,
            "unpublish" => Action::Unpublish,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Withdraw => "withdraw",
            Action::Publish => "publish",
            Action::Schedule => "schedule",
            Action::Unschedule => "unschedule",
            Action::Unpublish => "unpublish",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Action::Submit => "Submit for review",
            Action::Withdraw => "Return to draft",
            Action::Publish => "Publish now",
            Action::Schedule => "Schedule",
            Action::Unschedule => "Unschedule",
            Action::Unpublish => "Unpublish",
        }
    }
}

/// Who is acting on an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
    /// The actor wrote the article (created it).
    pub owns: bool,
}

impl Actor {
    /// The newsroom user `user_id` with `role`, acting on an article written by `created_by`.
    pub fn new(role: Role, user_id: i64, created_by: Option<i64>) -> Actor {
        Actor {
            role,
            owns: created_by == Some(user_id),
        }
    }

    /// May publish, schedule, unpublish, add notes and share previews of the article.
    pub fn may_publish(self) -> bool {
        self.role.can(Capability::EditOthers)
            || (self.owns && self.role.can(Capability::PublishOwn))
    }
}

/// When a scheduled article goes out: a time strictly in the future.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleTime(i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("choose when to publish")]
    Missing,
    #[error("that time has passed; choose a time in the future or publish now")]
    Past,
}

impl ScheduleTime {
    /// `at` (Unix seconds) if it is after `now`.
    pub fn parse(at: Option<i64>, now: i64) -> Result<ScheduleTime, ScheduleError> {
        match at {
            None => Err(ScheduleError::Missing),
            Some(at) if at <= now => Err(ScheduleError::Past),
            Some(at) => Ok(ScheduleTime(at)),
        }
    }

    pub fn unix(self) -> i64 {
        self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    #[error("a {role} cannot {action} this article")]
    NotAllowed {
        role: &'static str,
        action: &'static str,
    },
    #[error("an article that is {from} cannot be {verb}")]
    WrongState {
        from: &'static str,
        verb: &'static str,
    },
}

/// The state `action` leads to from `from`, if `actor` may take it.
pub fn transition(actor: Actor, from: Status, action: Action) -> Result<Status, WorkflowError> {
    use Status::*;
    let allowed = match action {
        Action::Submit | Action::Withdraw => actor.owns || actor.role.can(Capability::EditOthers),
        Action::Publish | Action::Schedule | Action::Unschedule | Action::Unpublish => {
            actor.may_publish()
        }
    };
    if !allowed {
        return Err(WorkflowError::NotAllowed {
            role: actor.role.as_str(),
            action: action.as_str(),
        });
    }
    let to = match (action, from) {
        (Action::Submit, Draft | Unpublished) => Pending,
        (Action::Withdraw, Pending) => Draft,
        (Action::Publish, Draft | Pending | Scheduled | Unpublished) => Published,
        (Action::Schedule, Draft | Pending | Scheduled | Unpublished) => Scheduled,
        (Action::Unschedule, Scheduled) => Draft,
        (Action::Unpublish, Published) => Unpublished,
        _ => {
            let verb = match action {
                Action::Submit => "submitted",
                Action::Withdraw => "returned to draft",
                Action::Publish => "published",
                Action::Schedule => "scheduled",
                Action::Unschedule => "unscheduled",
                Action::Unpublish => "unpublished",
            };
            return Err(WorkflowError::WrongState {
                from: from.as_str(),
                verb,
            });
        }
    };
    Ok(to)
}

/// Whether `actor` may change the text of an article in state `status`.
pub fn may_edit(actor: Actor, status: Status) -> bool {
    if actor.role.can(Capability::EditOthers) {
        return true;
    }
    if !actor.owns {
        return false;
    }
    match status {
        Status::Draft | Status::Pending => true,
        Status::Scheduled | Status::Published | Status::Unpublished => {
            actor.role.can(Capability::PublishOwn)
        }
    }
}

/// The actions worth offering `actor` on an article in state `status`.
pub fn available_actions(actor: Actor, status: Status) -> Vec<Action> {
    [
        Action::Submit,
        Action::Withdraw,
        Action::Publish,
        Action::Schedule,
        Action::Unschedule,
        Action::Unpublish,
    ]
    .into_iter()
    .filter(|action| transition(actor, status, *action).is_ok())
    .filter(|action| {
        // Someone who may publish does not need to ask for review.
        !(matches!(action, Action::Submit) && actor.may_publish())
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, owns: bool) -> Actor {
        Actor { role, owns }
    }

    #[test]
    fn contributors_submit_but_never_publish() {
        let me = actor(Role::Contributor, true);
        assert_eq!(
            transition(me, Status::Draft, Action::Submit),
            Ok(Status::Pending)
        );
        assert_eq!(
            transition(me, Status::Pending, Action::Withdraw),
            Ok(Status::Draft)
        );
        assert!(matches!(
            transition(me, Status::Pending, Action::Publish),
            Err(WorkflowError::NotAllowed { .. })
        ));
        assert!(matches!(
            transition(me, Status::Draft, Action::Schedule),
            Err(WorkflowError::NotAllowed { .. })
        ));
        assert!(may_edit(me, Status::Draft));
        assert!(!may_edit(me, Status::Published));
        assert!(!may_edit(actor(Role::Contributor, false), Status::Draft));
    }

    #[test]
    fn authors_publish_their_own_only() {
        assert_eq!(
            transition(actor(Role::Author, true), Status::Draft, Action::Publish),
            Ok(Status::Published)
        );
        assert!(transition(actor(Role::Author, false), Status::Draft, Action::Publish).is_err());
        assert!(!may_edit(actor(Role::Author, false), Status::Draft));
    }

    #[test]
    fn editors_do_everything_in_the_right_order() {
        let editor = actor(Role::Editor, false);
        assert_eq!(
            transition(editor, Status::Pending, Action::Schedule),
            Ok(Status::Scheduled)
        );
        assert_eq!(
            transition(editor, Status::Scheduled, Action::Unschedule),
            Ok(Status::Draft)
        );
        assert_eq!(
            transition(editor, Status::Published, Action::Unpublish),
            Ok(Status::Unpublished)
        );
        assert_eq!(
            transition(editor, Status::Unpublished, Action::Publish),
            Ok(Status::Published)
        );
        assert!(matches!(
            transition(editor, Status::Published, Action::Submit),
            Err(WorkflowError::WrongState { .. })
        ));
        assert!(matches!(
            transition(editor, Status::Draft, Action::Unpublish),
            Err(WorkflowError::WrongState { .. })
        ));
    }

    #[test]
    fn a_schedule_time_lies_in_the_future() {
        assert_eq!(ScheduleTime::parse(None, 100), Err(ScheduleError::Missing));
        assert_eq!(
            ScheduleTime::parse(Some(100), 100),
            Err(ScheduleError::Past)
        );
        assert_eq!(
            ScheduleTime::parse(Some(101), 100).map(ScheduleTime::unix),
            Ok(101)
        );
    }

    #[test]
    fn offered_actions_fit_the_role() {
        let offered = available_actions(actor(Role::Contributor, true), Status::Draft);
        assert_eq!(offered, vec![Action::Submit]);
        let offered = available_actions(actor(Role::Editor, false), Status::Pending);
        assert_eq!(
            offered,
            vec![Action::Withdraw, Action::Publish, Action::Schedule]
        );
    }
}
