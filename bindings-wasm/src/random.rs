//! Random keys for the core's hash maps of names (peeker_core validate/names.rs):
//! std has no randomness in wasm32-unknown-unknown, the JavaScript engine does.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(words: &mut [u32]) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_namespace = Math)]
    fn random() -> Result<f64, JsValue>;
}

/// 128 bits from `crypto.getRandomValues`; from `Math.random` where the engine
/// has no global `crypto` (Node before 19) or refuses the call. Either is out
/// of an attacker's sight, which is all the hash keys need. Should both throw,
/// the keys are zero: no worse than std's here, and validation still works.
pub(crate) fn keys() -> [u64; 2] {
    let mut words = [0u32; 4];
    if get_random_values(&mut words).is_err() {
        words = words.map(|_| random().map_or(0, |r| (r * 4_294_967_296.0) as u32));
    }
    let [a, b, c, d] = words.map(u64::from);
    [a << 32 | b, c << 32 | d]
}
