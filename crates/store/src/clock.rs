//! Where the store's "now" comes from: the system clock in production, a clock the test
//! moves by hand otherwise, so that no test waits for time to pass.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// Unix seconds, either from the system or set by hand. Clones share one hand-set time.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    manual: Option<Arc<AtomicI64>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock { manual: None }
    }

    /// A clock that stands at `at` until moved with [`Clock::set`] or [`Clock::advance`].
    pub fn manual(at: i64) -> Clock {
        Clock {
            manual: Some(Arc::new(AtomicI64::new(at))),
        }
    }

    /// Seconds since the Unix epoch.
    pub fn now(&self) -> i64 {
        match &self.manual {
            Some(at) => at.load(Ordering::Acquire),
            None => system_now(),
        }
    }

    /// Moves a hand-set clock to `at`; the system clock cannot be moved (returns false).
    pub fn set(&self, at: i64) -> bool {
        match &self.manual {
            Some(slot) => {
                slot.store(at, Ordering::Release);
                true
            }
            None => false,
        }
    }

    /// Moves a hand-set clock forward by `seconds`; the system clock cannot be moved.
    pub fn advance(&self, seconds: i64) -> bool {
        match &self.manual {
            Some(slot) => {
                slot.fetch_add(seconds, Ordering::AcqRel);
                true
            }
            None => false,
        }
    }
}

/// Seconds since the Unix epoch by the system clock.
pub(crate) fn system_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let clock = Clock::manual(1_000);
        let shared = clock.clone();
        assert_eq!(clock.now(), 1_000);
        assert!(shared.advance(5));
        assert_eq!(clock.now(), 1_005);
        assert!(clock.set(2_000));
        assert_eq!(shared.now(), 2_000);
        assert!(!Clock::system().advance(1));
        assert!(Clock::system().now() > 1_700_000_000);
    }
}
