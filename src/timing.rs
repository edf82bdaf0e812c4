//! Phase timings for benchmarking: with `CROSSFOOT_TIMINGS=1` in the
//! environment, each phase of reading and checking a file (XML read, table
//! detection and its steps, checks) prints its wall time to stderr.
//!
//! Time a phase with [`time`] (a closure) or [`phase`] (a guard that notes
//! the time when dropped).

use std::sync::OnceLock;
use std::time::Instant;

/// True when `CROSSFOOT_TIMINGS` is set (to anything but `0`).
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("CROSSFOOT_TIMINGS").is_some_and(|v| v != "0"))
}

/// Prints how long the phase that began at `start` took, when enabled.
pub fn note(phase: &str, start: Instant) {
    if enabled() {
        eprintln!(
            "timing: {phase:<14} {:>9.1} ms",
            start.elapsed().as_secs_f64() * 1e3
        );
    }
}

/// A phase being timed: its time is noted when the guard is dropped.
#[must_use = "the phase is timed until this guard is dropped"]
pub struct Phase {
    name: &'static str,
    start: Instant,
}

impl Drop for Phase {
    fn drop(&mut self) {
        note(self.name, self.start);
    }
}

/// Starts timing a phase; it ends when the guard is dropped.
pub fn phase(name: &'static str) -> Phase {
    Phase {
        name,
        start: Instant::now(),
    }
}

/// Runs `f` as a timed phase.
pub fn time<T>(name: &'static str, f: impl FnOnce() -> T) -> T {
    let _phase = phase(name);
    f()
}
