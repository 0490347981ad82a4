//! The demonstration: canonicalize Peeker's example order, then sign a
//! webhook for it and verify the delivery (and a tampered copy).

// serde_json indexes `Value` by key without panicking (a missing key is Null).
#![allow(clippy::indexing_slicing)]

use peeker_core::{DEFAULT_TOLERANCE_SECONDS, canonicalize, sign_webhook, verify_webhook};

const ORDER: &str = include_str!("../../examples/order.json");
const SECRET: &str = "whsec_demo_secret";

fn main() -> Result<(), peeker_core::Error> {
    let body = canonicalize(ORDER)?;
    // The body is what to POST; it holds the Smartlead password, so mask it for display.
    let order: serde_json::Value = serde_json::from_str(ORDER).unwrap_or_default();
    let password = order["sequencer"]["login_password"].as_str().unwrap_or_default();
    let shown = body.replace(&format!("\"{password}\""), "\"[redacted]\"");
    println!("canonical order ({} bytes, password masked here): {shown}", body.len());

    let now = 1_767_225_600;
    let signature = sign_webhook(SECRET, now, body.as_bytes())?;
    let headers = [("Peeker-Timestamp", now.to_string()), ("Peeker-Signature", signature.clone())];
    println!("signed webhook: {signature}");

    let verified = verify_webhook(body.as_bytes(), headers.clone(), &[SECRET], now + 5, DEFAULT_TOLERANCE_SECONDS)?;
    println!("verified: timestamp {}", verified.timestamp);

    let tampered = body.replace("Sam", "Eve");
    match verify_webhook(tampered.as_bytes(), headers, &[SECRET], now + 5, DEFAULT_TOLERANCE_SECONDS) {
        Ok(_) => println!("tampered body verified (this is a bug)"),
        Err(err) => println!("tampered body rejected: {}", err.code),
    }
    Ok(())
}
