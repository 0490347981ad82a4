//! Maps keyed by domain names (an order's picks, prepared availability rows, a
//! request's list): hash maps, where a B-tree compared each name with ~9 others
//! that often share long prefixes (~0.7 M of the 1.55 M instructions of a
//! 500-domain order with its rows).
//!
//! A hash map is only as good as its keys are secret: with keys an attacker
//! knows, a list crafted so that every name lands in one bucket makes each
//! insert scan all the names before it (quadratic; a list holds up to 10,000
//! names and the rows of a response more). So the keys are random: std's
//! `RandomState` where the target has randomness; in wasm32-unknown-unknown
//! std's keys are two memory addresses, the same in every instance of a build
//! (anyone can read them from the published .wasm), so there the host hands a
//! random source ([`set_random_source`]), read once, when the first map is made
//! (not at start: Cloudflare Workers refuse random values outside a request).

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
pub(crate) type Keys = std::hash::RandomState;

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub(crate) use seeded::Keys;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub use seeded::set_random_source;

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
