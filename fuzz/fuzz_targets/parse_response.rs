//! parse_response never panics for any operation, status, headers and body;
//! a success serializes for the hosts.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use peeker_core::response::{parse_response, Operation};

#[derive(Arbitrary, Debug)]
struct Input {
    operation: u8,
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fuzz_target!(|input: Input| {
    let Some(&operation) = Operation::ALL.get(usize::from(input.operation) % Operation::ALL.len()) else { return };
    if let Ok(response) = parse_response(operation, input.status, input.headers, &input.body) {
        assert!(serde_json::to_string(&response).is_ok());
    }
});
