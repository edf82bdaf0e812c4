//! Freeing big values off the critical path.
//!
//! A 500,000-row sheet leaves millions of small allocations behind
//! (calamine's shared strings, row labels); freeing them takes tens of
//! milliseconds that the check need not wait for. [`later`] hands such a
//! value to one background thread. The hand-over waits while that thread
//! is still busy with an earlier value, so at most two are ever pending:
//! memory stays bounded however many big files a run reads.

use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::OnceLock;

type Parcel = Box<dyn Send>;

/// Cells from which a sheet is worth freeing in the background (a hand-over
/// costs a few microseconds; freeing a small sheet, less).
pub const BIG_SHEET: usize = 200_000;

/// Drops `value` on the background thread (on this one if that thread
/// cannot be started).
pub fn later<T: Send + 'static>(value: T) {
    static TX: OnceLock<Option<SyncSender<Parcel>>> = OnceLock::new();
    let tx = TX.get_or_init(|| {
        let (tx, rx) = sync_channel::<Parcel>(1);
        std::thread::Builder::new()
            .name("crossfoot-free".into())
            .spawn(move || rx.into_iter().for_each(drop))
            .ok()
            .map(|_| tx)
    });
    let parcel: Parcel = Box::new(value);
    match tx {
        Some(tx) => {
            if let Err(e) = tx.send(parcel) {
                drop(e.0);
            }
        }
        None => drop(parcel),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    struct Counted(Arc<AtomicUsize>);
    impl Drop for Counted {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn every_value_is_dropped() {
        let dropped = Arc::new(AtomicUsize::new(0));
        for _ in 0..10 {
            super::later(Counted(dropped.clone()));
        }
        let t0 = std::time::Instant::now();
        while dropped.load(Ordering::SeqCst) < 10 {
            assert!(t0.elapsed().as_secs() < 10, "values left undropped");
            std::thread::yield_now();
        }
    }
}
