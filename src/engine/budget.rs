//! The per-file time budget: a file whose check has not finished within it
//! gets an error of its own, and the run goes on without it.
//!
//! Why a watchdog thread and not a child process (as Apache Tika runs its
//! parsers): a child process is for parsers that can take the whole process
//! down, and ours cannot. Reader panics are caught
//! ([`crate::panic::catch`]), every size a file claims is checked before it
//! is allocated, and the loops calamine could fall into on truncated input
//! are fixed at their source (`vendor/calamine`, marked `crossfoot:`). What
//! remains is a stall we have not foreseen, and for that a thread is
//! enough: the file is checked on a thread of its own while the run's
//! worker waits for it at most the budget. A thread cannot be killed, so
//! one that overruns is abandoned: its result is dropped when it comes, it
//! ends with the process, and the file is reported as having taken too
//! long. The cost is one thread started per file checked (tens of
//! microseconds, against the milliseconds a workbook takes to read).
//!
//! A panic on the file's thread outside the reader's own guard is caught
//! here too: the file gets an error, the others are checked.

use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

/// Why the work on a file did not give its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overrun {
    /// It did not finish within the budget (and was abandoned).
    TimedOut,
    /// It panicked.
    Failed,
}

/// Runs `work` on a thread of its own and waits for it at most `budget`;
/// without a budget, runs it here (a panic is still caught).
///
/// # Errors
/// [`Overrun::TimedOut`] when the budget runs out first (the thread is left
/// to finish on its own, its result dropped); [`Overrun::Failed`] when the
/// work panicked.
pub fn within<T: Send + 'static>(
    budget: Option<Duration>,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Overrun> {
    let Some(budget) = budget else {
        return crate::panic::catch(work).map_err(|_| Overrun::Failed);
    };
    // The work waits in a slot, so that it can still be run here if no
    // thread can be had (a process limit): unguarded in time, rather than
    // not at all.
    let slot = Arc::new(Mutex::new(Some(work)));
    let theirs = Arc::clone(&slot);
    let (tx, rx) = mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name("crossfoot-file".into())
        .spawn(move || {
            let work = theirs.lock().ok().and_then(|mut w| w.take());
            if let Some(work) = work {
                // The receiver may be gone (the budget ran out): no matter.
                let _ = tx.send(crate::panic::catch(work));
            }
        });
    if spawned.is_err() {
        let work = slot.lock().ok().and_then(|mut w| w.take());
        return match work {
            Some(work) => crate::panic::catch(work).map_err(|_| Overrun::Failed),
            None => Err(Overrun::Failed),
        };
    }
    match rx.recv_timeout(budget) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => Err(Overrun::Failed),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Overrun::TimedOut),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_stall_becomes_an_overrun_within_the_budget() {
        let start = Instant::now();
        let r = within(Some(Duration::from_millis(100)), || {
            std::thread::sleep(Duration::from_secs(30));
            1
        });
        assert_eq!(r, Err(Overrun::TimedOut));
        assert!(start.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn work_that_finishes_gives_its_result() {
        assert_eq!(within(Some(Duration::from_secs(30)), || 7), Ok(7));
        assert_eq!(within(None, || 8), Ok(8));
    }

    #[test]
    fn a_panic_is_a_failure_not_a_crash() {
        let boom = || -> u8 { panic!("boom") };
        assert_eq!(
            within(Some(Duration::from_secs(30)), boom),
            Err(Overrun::Failed)
        );
        assert_eq!(within(None, boom), Err(Overrun::Failed));
    }
}
