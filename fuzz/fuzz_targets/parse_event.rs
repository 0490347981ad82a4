//! parse_event never panics, and an event it parses serializes for the hosts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(event) = peeker_core::parse_event(data) {
        assert!(serde_json::to_value(&event).is_ok());
    }
});
