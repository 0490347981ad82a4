//! What only a server or an edge function uses, left out of the form module
//! (`--no-default-features`): canonical JSON text, webhooks, responses and
//! retries, and the client (its request builders are in `client.rs`).

use js_sys::{Function, Uint8Array};
use peeker_core::webhook::SIGNATURE_BYTES;
use peeker_core::{Code, Error, Operation, host};
use wasm_bindgen::prelude::*;

use crate::{JsResult, arg, fail, json, optional, out, thrown, to_js};

pub(crate) fn text(value: JsValue, name: &str) -> JsResult<String> {
    arg(value, name, "a string")
}

fn operation(value: JsValue) -> JsResult<Operation> {
    text(value, "operation")?.parse().map_err(fail)
}

/// Header names and values as parallel lists.
fn pairs<'a>(names: &'a [String], values: &'a [String]) -> impl Iterator<Item = (&'a String, &'a String)> {
    names.iter().zip(values)
}

#[wasm_bindgen]
pub fn canonicalize(json: JsValue) -> JsResult<String> {
    peeker_core::canonicalize(&text(json, "json")?).map_err(fail)
}

#[wasm_bindgen(js_name = signWebhook)]
pub fn sign_webhook(secret: JsValue, timestamp: f64, body: &[u8]) -> JsResult<String> {
    peeker_core::sign_webhook(&text(secret, "secret")?, timestamp as i64, body).map_err(fail)
}

#[wasm_bindgen(js_name = verifyWebhook)]
pub fn verify_webhook(
    body: &[u8],
    names: Vec<String>,
    values: Vec<String>,
    secrets: Vec<String>,
    now: f64,
    tolerance: f64,
) -> JsResult {
    out(peeker_core::verify_webhook(body, pairs(&names, &values), &secrets, now as i64, tolerance as i64))
}

#[wasm_bindgen(js_name = constructEvent)]
pub fn construct_event(
    body: &[u8],
    names: Vec<String>,
    values: Vec<String>,
    secrets: Vec<String>,
    now: f64,
    tolerance: f64,
) -> JsResult {
    out(peeker_core::construct_event(body, pairs(&names, &values), &secrets, now as i64, tolerance as i64))
}

/// `verifyWebhook` with the MAC from the host, which keeps the body (it never
/// enters linear memory): `mac(index, timestamp)` returns the HMAC-SHA256 of
/// `"<timestamp>.<body>"` under `secrets[index]` as 32 bytes (the Node entry:
/// node:crypto, ~4x SHA-256 in WebAssembly). The index, not the secret, crosses.
#[wasm_bindgen(js_name = verifyWebhookWith)]
pub fn verify_webhook_with(
    names: Vec<String>,
    values: Vec<String>,
    secrets: Vec<String>,
    now: f64,
    tolerance: f64,
    mac: &Function,
) -> JsResult {
    out(peeker_core::verify_webhook_with(pairs(&names, &values), &secrets, now as i64, tolerance as i64, host_mac(mac)))
}

/// `constructEvent` with the MAC from the host (the body is still parsed here).
#[wasm_bindgen(js_name = constructEventWith)]
pub fn construct_event_with(
    body: &[u8],
    names: Vec<String>,
    values: Vec<String>,
    secrets: Vec<String>,
    now: f64,
    tolerance: f64,
    mac: &Function,
) -> JsResult {
    let (now, tolerance) = (now as i64, tolerance as i64);
    out(peeker_core::construct_event_with(body, pairs(&names, &values), &secrets, now, tolerance, host_mac(mac)))
}

/// The core's MAC callback over the host's: anything but 32 bytes back is the SDK's bug.
fn host_mac(mac: &Function) -> impl FnMut(usize, &str, &str) -> Result<[u8; SIGNATURE_BYTES], Error> + '_ {
    move |index, _secret, timestamp| {
        let tag = mac.call2(&JsValue::NULL, &JsValue::from(index as u32), &JsValue::from_str(timestamp));
        match tag.ok().and_then(|tag| tag.dyn_into::<Uint8Array>().ok()) {
            Some(tag) if tag.length() as usize == SIGNATURE_BYTES => {
                let mut bytes = [0; SIGNATURE_BYTES];
                tag.copy_to(&mut bytes);
                Ok(bytes)
            }
            _ => Err(Error::new(Code::InternalError, "the host's HMAC did not give 32 bytes; please report this")),
        }
    }
}

#[wasm_bindgen(js_name = parseEvent)]
pub fn parse_event(body: &[u8]) -> JsResult {
    out(peeker_core::parse_event(body))
}

/// A parsed success `{status, request_id, data, next_link}`; an error
/// answer is thrown as the `ApiError` object (`kind: "api"`).
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(
    operation: JsValue,
    status: u16,
    names: Vec<String>,
    values: Vec<String>,
    body: &[u8],
) -> JsResult {
    let response = peeker_core::parse_response(self::operation(operation)?, status, pairs(&names, &values), body);
    response.map_err(|err| thrown(&err)).and_then(|response| to_js(&response))
}

/// `clock` is the host's "now", used when `dedupe` leaves `now` out.
#[wasm_bindgen(js_name = retryAdvice)]
pub fn retry_advice(
    operation: JsValue,
    failure: JsValue,
    attempt: u32,
    jitter: f64,
    dedupe: JsValue,
    clock: f64,
) -> JsResult {
    let operation = self::operation(operation)?;
    let failure = host::failure(&json(failure, "failure")?).map_err(fail)?;
    let dedupe = host::dedupe(&optional(dedupe, "dedupe")?.unwrap_or_default(), clock as i64).map_err(fail)?;
    to_js(&peeker_core::retry_advice(operation, failure, attempt, jitter, dedupe))
}

/// A configured client; `client.rs` adds one request builder per operation.
#[wasm_bindgen]
pub struct Client(pub(crate) peeker_core::Client);

#[wasm_bindgen]
impl Client {
    #[wasm_bindgen(constructor)]
    pub fn new(api_key: JsValue, base_url: JsValue, user_agent: JsValue) -> JsResult<Client> {
        let optional_text = |value: JsValue, name| {
            if value.is_null() || value.is_undefined() { Ok(None) } else { text(value, name).map(Some) }
        };
        let options = peeker_core::ClientOptions {
            base_url: optional_text(base_url, "baseUrl")?,
            user_agent: optional_text(user_agent, "userAgent")?,
        };
        peeker_core::Client::new(&text(api_key, "apiKey")?, options).map(Client).map_err(fail)
    }

    pub fn environment(&self) -> String {
        self.0.environment().as_str().to_owned()
    }

    #[wasm_bindgen(js_name = nextPage)]
    pub fn next_page(&self, links_next: JsValue) -> JsResult {
        out(self.0.next_page(&text(links_next, "linksNext")?))
    }
}
