//! canonicalize never panics; its output is a fixed point; and it agrees with
//! serde_json_canonicalizer wherever both accept the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peeker_core::canonicalize;

/// serde_json_canonicalizer keeps integers above 2^53 exact where RFC 8785
/// (and this SDK) rounds them to doubles: skip inputs with long digit runs.
fn has_long_integer(text: &str) -> bool {
    text.as_bytes().split(|b| !b.is_ascii_digit()).any(|run| run.len() >= 16)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(once) = canonicalize(text) else { return };
    assert_eq!(canonicalize(&once).as_ref(), Ok(&once), "not a fixed point");
    if has_long_integer(text) {
        return;
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        if let Ok(theirs) = serde_json_canonicalizer::to_string(&value) {
            assert_eq!(once, theirs, "disagrees with serde_json_canonicalizer");
        }
    }
});
