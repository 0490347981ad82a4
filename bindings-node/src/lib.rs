//! The raw native surface, the same as bindings-wasm's: `api.cjs` (built from
//! bindings-wasm/js/api.mjs) wraps it into the public API.

use napi::bindgen_prelude::Uint8Array;
use napi_derive::napi;

/// Errors carry `Class:code` in the JS error's `code` property.
type Result<T> = napi::Result<T, String>;

fn to_js(err: peeker_core::Error) -> napi::Error<String> {
    napi::Error::new(err.js_tag(), err.message)
}

#[napi(object)]
pub struct Verified {
    pub timestamp: f64,
    pub event_id: Option<String>,
}

#[napi]
pub fn canonicalize(text: String) -> Result<String> {
    peeker_core::canonicalize(&text).map_err(to_js)
}

#[napi]
pub fn sign_webhook(secret: String, timestamp: f64, body: Uint8Array) -> Result<String> {
    peeker_core::sign_webhook(&secret, timestamp as i64, &body).map_err(to_js)
}

#[napi]
pub fn verify_webhook(
    body: Uint8Array,
    names: Vec<String>,
    values: Vec<String>,
    secrets: Vec<String>,
    now: f64,
    tolerance: f64,
) -> Result<Verified> {
    let headers = names.iter().zip(values.iter());
    let verified = peeker_core::verify_webhook(&body, headers, &secrets, now as i64, tolerance as i64)
        .map_err(to_js)?;
    Ok(Verified { timestamp: verified.timestamp as f64, event_id: verified.event_id })
}
