//! The raw WebAssembly surface. `js/api.mjs` wraps it into the public API
//! (error classes, header shapes, defaults); nothing here holds a rule.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

fn to_js(err: peeker_core::Error) -> JsValue {
    let js = js_sys::Error::new(&err.message);
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&js, &"code".into(), &err.js_tag().into());
    js.into()
}

#[wasm_bindgen]
pub fn canonicalize(text: &str) -> Result<String, JsValue> {
    peeker_core::canonicalize(text).map_err(to_js)
}

#[wasm_bindgen(js_name = signWebhook)]
pub fn sign_webhook(secret: &str, timestamp: f64, body: &[u8]) -> Result<String, JsValue> {
    peeker_core::sign_webhook(secret, timestamp as i64, body).map_err(to_js)
}

/// Headers arrive as two parallel lists; `now` and `tolerance` are whole
/// seconds already checked by the wrapper.
#[wasm_bindgen(js_name = verifyWebhook)]
pub fn verify_webhook(
    body: &[u8],
    names: Vec<String>,
    values: Vec<String>,
    secrets: Vec<String>,
    now: f64,
    tolerance: f64,
) -> Result<JsValue, JsValue> {
    let headers = names.iter().zip(values.iter());
    let verified = peeker_core::verify_webhook(body, headers, &secrets, now as i64, tolerance as i64)
        .map_err(to_js)?;
    let out = Object::new();
    let event_id = verified.event_id.map_or(JsValue::NULL, JsValue::from);
    let _ = Reflect::set(&out, &"timestamp".into(), &(verified.timestamp as f64).into());
    let _ = Reflect::set(&out, &"eventId".into(), &event_id);
    Ok(out.into())
}
