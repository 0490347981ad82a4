//! Any headers and body: verify and construct_event never panic; a body signed
//! with sign_webhook always verifies at its own timestamp.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use peeker_core::{construct_event, sign_webhook, verify_webhook};

#[derive(Arbitrary, Debug)]
struct Input {
    secret: String,
    timestamp: i64,
    body: Vec<u8>,
    headers: Vec<(String, String)>,
    now: i64,
    tolerance: i64,
}

fuzz_target!(|input: Input| {
    let secrets = [input.secret.as_str()];
    let _ = verify_webhook(&input.body, input.headers.iter().map(|(k, v)| (k, v)), &secrets, input.now, input.tolerance);
    let _ = construct_event(&input.body, input.headers.iter().map(|(k, v)| (k, v)), &secrets, input.now, input.tolerance);
    if let Ok(signature) = sign_webhook(&input.secret, input.timestamp, &input.body) {
        let headers = [("Peeker-Timestamp", input.timestamp.to_string()), ("Peeker-Signature", signature)];
        let verified = verify_webhook(&input.body, headers, &secrets, input.timestamp, 0);
        assert_eq!(verified.map(|v| v.timestamp), Ok(input.timestamp), "sign then verify must round-trip");
    }
});
