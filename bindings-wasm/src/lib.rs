//! The raw WebAssembly surface: a table of JS names -> `peeker_core::host`
//! functions. `js/api.mjs` wraps it into the public API (error classes, JS
//! shapes, defaults); nothing here holds a rule.

use std::cell::RefCell;

use peeker_core::host;
use wasm_bindgen::prelude::*;

type JsResult<T> = Result<T, JsValue>;

/// Errors cross as a JS Error whose message is the error as JSON.
fn to_js(err: peeker_core::Error) -> JsValue {
    js_sys::Error::new(&host::error_json(&err)).into()
}

fn pairs<'a>(names: &'a [String], values: &'a [String]) -> impl Iterator<Item = (&'a String, &'a String)> {
    names.iter().zip(values)
}

#[wasm_bindgen]
pub fn canonicalize(text: &str) -> JsResult<String> {
    peeker_core::canonicalize(text).map_err(to_js)
}

#[wasm_bindgen(js_name = signWebhook)]
pub fn sign_webhook(secret: &str, timestamp: f64, body: &[u8]) -> JsResult<String> {
    peeker_core::sign_webhook(secret, timestamp as i64, body).map_err(to_js)
}

#[wasm_bindgen(js_name = verifyWebhook)]
pub fn verify_webhook(
    body: &[u8],
    names: Vec<String>,
    values: Vec<String>,
    secrets: Vec<String>,
    now: f64,
    tolerance: f64,
) -> JsResult<String> {
    host::verify_webhook(body, pairs(&names, &values), &secrets, now as i64, tolerance as i64).map_err(to_js)
}

#[wasm_bindgen(js_name = constructEvent)]
pub fn construct_event(
    body: &[u8],
    names: Vec<String>,
    values: Vec<String>,
    secrets: Vec<String>,
    now: f64,
    tolerance: f64,
) -> JsResult<String> {
    host::construct_event(body, pairs(&names, &values), &secrets, now as i64, tolerance as i64).map_err(to_js)
}

#[wasm_bindgen(js_name = parseEvent)]
pub fn parse_event(body: &[u8]) -> JsResult<String> {
    host::parse_event(body).map_err(to_js)
}

#[wasm_bindgen(js_name = validateOrder)]
pub fn validate_order(order: &str, context: &str) -> JsResult<String> {
    host::validate_order(order, context).map_err(to_js)
}

#[wasm_bindgen]
pub fn validate(kind: &str, input: &str) -> JsResult<String> {
    host::validate(kind, input).map_err(to_js)
}

#[wasm_bindgen(js_name = estimateRequiredDomains)]
pub fn estimate_required_domains(params: &str) -> JsResult<String> {
    host::estimate_required_domains(params).map_err(to_js)
}

#[wasm_bindgen(js_name = planDomains)]
pub fn plan_domains(required: &str, domains: &str, availability: &str) -> JsResult<String> {
    host::plan_domains(required, domains, availability).map_err(to_js)
}

#[wasm_bindgen(js_name = orderBody)]
pub fn order_body(order: &str) -> JsResult<Vec<u8>> {
    host::order_body(order).map_err(to_js)
}

#[wasm_bindgen(js_name = dedupeKey)]
pub fn dedupe_key(body: &[u8]) -> String {
    peeker_core::dedupe_key(body)
}

#[wasm_bindgen(js_name = dedupeWindow)]
pub fn dedupe_window(first_sent_at: f64, now: f64) -> String {
    host::dedupe_window(first_sent_at as i64, now as i64)
}

/// The builder table of `host::BUILDERS` as JSON `[[name, [arg, ...], batch], ...]`.
#[wasm_bindgen]
pub fn builders() -> String {
    host::builders_json()
}

/// A configured client; requests are built by builder name with JSON arguments.
#[wasm_bindgen]
pub struct Client(peeker_core::Client);

#[wasm_bindgen]
impl Client {
    #[wasm_bindgen(constructor)]
    pub fn new(api_key: &str, base_url: Option<String>, user_agent: Option<String>) -> JsResult<Client> {
        peeker_core::Client::new(api_key, peeker_core::ClientOptions { base_url, user_agent })
            .map(Client)
            .map_err(to_js)
    }

    pub fn environment(&self) -> String {
        self.0.environment().as_str().to_owned()
    }

    pub fn build(&self, name: &str, args: &str) -> JsResult<String> {
        host::build_requests_json(&self.0, name, args).map_err(to_js)
    }
}

#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(
    operation: &str,
    status: u16,
    names: Vec<String>,
    values: Vec<String>,
    body: &[u8],
) -> JsResult<String> {
    host::parse_response(operation, status, pairs(&names, &values), body)
        .map_err(|e| js_sys::Error::new(&e.json()).into())
}

#[wasm_bindgen(js_name = retryAdvice)]
pub fn retry_advice(operation: &str, failure: &str, attempt: u32, jitter: f64, dedupe: &str) -> JsResult<String> {
    host::retry_advice(operation, failure, attempt, jitter, dedupe).map_err(to_js)
}

#[wasm_bindgen]
pub fn version() -> String {
    peeker_core::VERSION.to_owned()
}

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic aborts WebAssembly with a bare "unreachable": keep its message so
/// the wrapper can say what happened.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| LAST_PANIC.with(|last| *last.borrow_mut() = Some(info.to_string()))));
}

/// The message of the last panic, once.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|last| last.borrow_mut().take())
}

/// Panics on purpose (tests prove the message survives). Not API.
#[wasm_bindgen(js_name = panicForTests)]
pub fn panic_for_tests() -> JsResult<String> {
    host::panic_for_tests().map_err(to_js)
}
