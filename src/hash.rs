//! Stable hashing: one hasher for every hash that is written to disk or must
//! agree between runs and machines (cache entry names, content and run
//! fingerprints, shards).
//!
//! SipHash-2-4 with fixed keys. `std`'s `DefaultHasher` is not promised to
//! stay the same between Rust releases, so it serves only keys held in
//! memory ([`in_memory`]).

use std::hash::{Hash, Hasher};

/// The stable hash of a value.
pub fn of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = hasher();
    value.hash(&mut h);
    h.finish()
}

/// The stable hash of parts, hashed one after another (the same as [`of`]
/// for a single part).
pub fn of_parts<T: Hash>(parts: &[T]) -> u64 {
    let mut h = hasher();
    for p in parts {
        p.hash(&mut h);
    }
    h.finish()
}

/// A hash for keys held only in memory, never written anywhere (`std`'s
/// hasher, with its fixed keys; it may change between Rust releases).
pub fn in_memory<T: Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::BuildHasher;
    std::hash::BuildHasherDefault::<std::hash::DefaultHasher>::default().hash_one(value)
}

// `SipHasher` is deprecated in favour of hashers whose output may change;
// a stable output is what is wanted here.
#[allow(deprecated)]
fn hasher() -> std::hash::SipHasher {
    std::hash::SipHasher::new()
}

#[cfg(test)]
mod tests {
    /// Cache entries and shards written by earlier versions keep their names.
    #[test]
    fn hashes_do_not_change() {
        assert_eq!(super::of("县/预算.xlsx"), 14_973_665_523_912_331_353);
        assert_eq!(
            super::of_parts(&[&b"ab"[..], b"c"]),
            5_787_030_309_952_154_017
        );
        assert_eq!(super::of_parts(&[b"abc"]), super::of(&b"abc"[..]));
    }
}
