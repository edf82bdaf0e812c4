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
//! long. Each worker keeps its file thread from file to file, so the cost
//! is a hand-over through a channel per file, and a new thread only after
//! one is abandoned.
//!
//! A panic on the file's thread outside the reader's own guard is caught
//! here too: the file gets an error, the others are checked.

use std::cell::RefCell;
use std::sync::mpsc;
use std::time::Duration;

/// Why the work on a file did not give its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overrun {
    /// It did not finish within the budget (and was abandoned).
    TimedOut,
    /// It panicked.
    Failed,
}

/// A job for a file's thread.
type Job = Box<dyn FnOnce() + Send>;

thread_local! {
    /// The thread that checks files for this worker, reused from file to
    /// file (starting a thread costs more than a small workbook takes to
    /// check); replaced when one is abandoned.
    static RUNNER: RefCell<Option<mpsc::Sender<Job>>> = const { RefCell::new(None) };
}

/// A new file thread, taking jobs until its sender is dropped.
fn spawn_runner() -> Option<mpsc::Sender<Job>> {
    let (tx, rx) = mpsc::channel::<Job>();
    std::thread::Builder::new()
        .name("crossfoot-file".into())
        .spawn(move || {
            for job in rx {
                job();
            }
        })
        .ok()?;
    Some(tx)
}

/// Hands `job` to this worker's file thread (started if need be); gives
/// the job back when no thread can be had.
fn hand_over(job: Job) -> Result<(), Job> {
    RUNNER.with(|r| {
        let mut r = r.borrow_mut();
        let job = match r.as_ref() {
            Some(tx) => match tx.send(job) {
                Ok(()) => return Ok(()),
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        *r = spawn_runner();
        match r.as_ref() {
            Some(tx) => tx.send(job).map_err(|mpsc::SendError(job)| job),
            None => Err(job),
        }
    })
}

/// Runs `work` on a thread of its own and waits for it at most `budget`;
/// without a budget, runs it here (a panic is still caught).
///
/// # Errors
/// [`Overrun::TimedOut`] when the budget runs out first (the thread is left
/// to finish on its own, its result dropped, and the next file gets a new
/// thread); [`Overrun::Failed`] when the work panicked.
pub fn within<T: Send + 'static>(
    budget: Option<Duration>,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Overrun> {
    let Some(budget) = budget else {
        return crate::panic::catch(work).map_err(|_| Overrun::Failed);
    };
    let (tx, rx) = mpsc::sync_channel(1);
    let job: Job = Box::new(move || {
        // The receiver may be gone (the budget ran out): no matter.
        let _ = tx.send(crate::panic::catch(work));
    });
    if let Err(job) = hand_over(job) {
        // No thread to be had (a process limit): checked here, unguarded
        // in time, rather than not at all.
        job();
    }
    match rx.recv_timeout(budget) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(_)) | Err(mpsc::RecvTimeoutError::Disconnected) => Err(Overrun::Failed),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            // Abandoned: the next file gets a thread of its own.
            RUNNER.with(|r| r.borrow_mut().take());
            Err(Overrun::TimedOut)
        }
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
    fn after_an_abandoned_file_the_next_gets_a_thread_of_its_own() {
        let stall = within(Some(Duration::from_millis(50)), || {
            std::thread::sleep(Duration::from_secs(30));
        });
        assert_eq!(stall, Err(Overrun::TimedOut));
        let start = Instant::now();
        assert_eq!(within(Some(Duration::from_secs(20)), || 3), Ok(3));
        assert!(start.elapsed() < Duration::from_secs(10));
        // And that thread is kept for the file after.
        assert_eq!(within(Some(Duration::from_secs(20)), || 4), Ok(4));
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
