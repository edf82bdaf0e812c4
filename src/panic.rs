//! A panic inside a third-party reader (calamine, the zip reader,
//! umya-spreadsheet) on a damaged file becomes that file's error, quietly:
//! no `thread … panicked at …` text beside the error line, and the other
//! files go on. Panics anywhere else still print as usual.
//!
//! Why catch instead of a child process per file (as Apache Tika's
//! watchdog does): a panic unwinds, so catching it costs nothing and keeps
//! the file's error in the report; what unwinding cannot stop (an abort on
//! a huge allocation, a hang) is prevented before the call, by checking the
//! sizes a file claims.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// True while this thread runs a [`catch`]ed call.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once, a hook that says nothing for panics inside [`catch`] on
/// the panicking thread and hands every other panic to the hook before it.
fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let before = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                before(info);
            }
        }));
    });
}

/// Runs `f`; a panic in it is returned as `Err` with its message, and is
/// not printed.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install();
    let was = QUIET.with(|q| q.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_is_an_error_and_the_next_call_runs() {
        let r: Result<(), String> = super::catch(|| panic!("damaged index {}", 7));
        assert_eq!(r.unwrap_err(), "damaged index 7");
        assert_eq!(super::catch(|| 5), Ok(5));
    }
}
