//! Maps keyed by domain names (an order's picks, prepared availability rows, a
//! request's list): hash maps, where a B-tree compared each name with ~9 others
//! that often share long prefixes (~0.7 M of the 1.55 M instructions of a
//! 500-domain order with its rows).
//!
//! A hash map is only as good as its keys are secret: with keys an attacker
//! knows, a list crafted so that every name lands in one bucket makes each
//! insert scan all the names before it (quadratic; a list holds up to 10,000
//! names and the rows of a response more). So the keys are random, drawn once
//! per process (instance) when the first map is made.
//!
//! Natively the hash is foldhash's `fast` variant (std's SipHash-1-3 was ~15%
//! of a 500-domain call; this is 14% faster in Node). Its docs claim "minimal"
//! HashDoS resistance: every multiply mixes in secret seeds, so colliding
//! inputs cannot be built without them, and each map has its own seed; they
//! disclaim an interactive attacker who reads the seeds back from hash outputs,
//! timings or iteration order. Nothing here shows a hash or an iteration order
//! (reports follow the input), and what timing could leak is bounded: one call
//! reads at most 10,000 names or the 10 MiB text, so a flood costs that call,
//! not the process. The seeds come from std's `RandomState` (the OS's
//! randomness), not foldhash's own (addresses and the clock).
//!
//! In wasm32-unknown-unknown std's keys are two memory addresses, the same in
//! every instance of a build (anyone can read them from the published .wasm),
//! so there the host hands a random source ([`set_random_source`]), read when
//! the first map is made, not at start: Cloudflare Workers refuse random values
//! outside a request. The hash there stays SipHash-1-3: foldhash made the form
//! module 1.1 KB gzip larger (over its ceiling) for 6% of the 500-domain call.

use std::borrow::Cow;
use std::collections::HashMap;

/// A map from (normalized) names, borrowed from the input where it holds them
/// in that form already.
pub(crate) type NameMap<'a, V> = HashMap<Cow<'a, str>, V, Keys>;

/// An empty map with room for `capacity` names.
pub(crate) fn name_map<'a, V>(capacity: usize) -> NameMap<'a, V> {
    HashMap::with_capacity_and_hasher(capacity, Keys::default())
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub(crate) use folded::Keys;

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub(crate) use seeded::Keys;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub use seeded::set_random_source;

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod folded {
    use std::hash::BuildHasher;
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU64, Ordering};

    use foldhash::SharedSeed;
    use foldhash::fast::{FoldHasher, SeedableRandomState};

    /// The seed shared by every map and the first map's own, drawn once.
    static SEEDS: OnceLock<(SharedSeed, u64)> = OnceLock::new();
    /// Maps made so far: each map's seed differs, so names read from one map in
    /// its order never pile up in another's buckets.
    static MAPS: AtomicU64 = AtomicU64::new(0);

    /// foldhash under random seeds.
    #[derive(Clone, Debug)]
    pub(crate) struct Keys(SeedableRandomState);

    impl Default for Keys {
        fn default() -> Self {
            let (shared, first) = SEEDS.get_or_init(|| {
                // Two words of std's SipHash under its OS-random keys.
                let std = std::hash::RandomState::new();
                (SharedSeed::from_u64(std.hash_one(0_u8)), std.hash_one(1_u8))
            });
            let map = MAPS.fetch_add(1, Ordering::Relaxed);
            Keys(SeedableRandomState::with_seed(first.wrapping_add(map), shared))
        }
    }

    impl BuildHasher for Keys {
        type Hasher = FoldHasher<'static>;

        fn build_hasher(&self) -> Self::Hasher {
            self.0.build_hasher()
        }
    }

    #[cfg(test)]
    mod tests {
        use std::hash::BuildHasher;

        use super::Keys;

        #[test]
        fn each_map_hashes_a_name_its_own_way() {
            let (one, two) = (Keys::default(), Keys::default());
            let name = "bench-domain-001.com";
            assert_eq!(one.hash_one(name), one.clone().hash_one(name));
            assert_ne!(one.hash_one(name), two.hash_one(name));
        }
    }
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod seeded {
    use std::hash::BuildHasher;
    use std::sync::OnceLock;

    use siphasher::sip::SipHasher13;

    static SOURCE: OnceLock<fn() -> [u64; 2]> = OnceLock::new();
    static KEYS: OnceLock<[u64; 2]> = OnceLock::new();

    /// Installs the host's source of random keys for the validators' hash maps
    /// (the WebAssembly binding: `crypto.getRandomValues`); later calls keep the
    /// first. Without one the keys are fixed, no more predictable than std's here.
    pub fn set_random_source(source: fn() -> [u64; 2]) {
        // Ignored when already set: the first source stays.
        let _ = SOURCE.set(source);
    }

    /// SipHash-1-3 (std's hash) under the host's keys, drawn once per instance.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Keys([u64; 2]);

    impl Default for Keys {
        fn default() -> Self {
            Keys(*KEYS.get_or_init(|| SOURCE.get().map_or([1, 2], |source| source())))
        }
    }

    impl BuildHasher for Keys {
        type Hasher = SipHasher13;

        fn build_hasher(&self) -> SipHasher13 {
            let [k0, k1] = self.0;
            SipHasher13::new_with_keys(k0, k1)
        }
    }
}
