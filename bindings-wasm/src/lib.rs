//! The raw WebAssembly surface: one export per core function, with values
//! crossing as JavaScript values (serde-wasm-bindgen), never as JSON text.
//! `js/api.mjs` wraps it into the public API (argument checks, defaults,
//! error classes); nothing here holds a rule of the API.
//!
//! Arguments whose JavaScript type may be wrong arrive as `JsValue` and are
//! converted here, so a wrong one is a coded `invalid_argument`, never a trap.
//! Errors are thrown as the core's error object (`{kind, code, message, ...}`).

pub mod client;
pub mod validators;

use std::cell::RefCell;

use peeker_core::{Code, Error, Operation, host};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::prelude::*;

type JsResult<T = JsValue> = Result<T, JsValue>;

/// Plain objects, arrays and `null`, as `JSON.parse` would give.
const PLAIN: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::json_compatible();

/// A result as a JavaScript value.
fn to_js<T: Serialize + ?Sized>(value: &T) -> JsResult {
    // JSON-compatible serialization fails only for integers past 2^53.
    value.serialize(&PLAIN).map_err(|_| fail(Error::new(Code::NumberOutOfRange, BEYOND_2_53)))
}

const BEYOND_2_53: &str = "the result holds an integer beyond 2^53, which a JavaScript number cannot hold exactly";

/// A core result, or its error thrown as an object.
fn out<T: Serialize>(result: Result<T, Error>) -> JsResult {
    result.map_err(fail).and_then(|value| to_js(&value))
}

/// The error object to throw: the core error's serialized form.
fn fail(err: Error) -> JsValue {
    thrown(&err)
}

fn thrown<E: Serialize>(err: &E) -> JsValue {
    // Only an API error's `details` can fail (an integer past 2^53); what is left is still coded.
    err.serialize(&PLAIN)
        .unwrap_or_else(|_| Error::new(Code::NumberOutOfRange, BEYOND_2_53).serialize(&PLAIN).unwrap_or(JsValue::NULL))
}

/// `invalid_argument` naming the argument and what it must be, never its value.
fn invalid(name: &str, what: &str) -> JsValue {
    fail(Error::new(Code::InvalidArgument, format!("`{name}` must be {what}")))
}

fn arg<T: DeserializeOwned>(value: JsValue, name: &str, what: &str) -> JsResult<T> {
    serde_wasm_bindgen::from_value(value).map_err(|_| invalid(name, what))
}

fn text(value: JsValue, name: &str) -> JsResult<String> {
    arg(value, name, "a string")
}

/// JSON data from JavaScript values (an `undefined` member reads as null).
fn json(value: JsValue, name: &str) -> JsResult<Value> {
    arg(value, name, "JSON data: objects, arrays, strings, numbers, booleans or null")
}

/// An optional argument: `undefined` and `null` are none.
fn optional(value: JsValue, name: &str) -> JsResult<Option<Value>> {
    if value.is_null() || value.is_undefined() { Ok(None) } else { json(value, name).map(Some) }
}

/// The order context `{bundle?, availability?}` (none: no context).
fn order_context(value: JsValue) -> JsResult<host::Context> {
    match optional(value, "context")? {
        None => Ok(host::Context::default()),
        Some(value) if value.is_object() => Ok(host::Context::of(&value)),
        Some(_) => Err(invalid("context", "an object {bundle?, availability?}")),
    }
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

#[wasm_bindgen(js_name = parseEvent)]
pub fn parse_event(body: &[u8]) -> JsResult {
    out(peeker_core::parse_event(body))
}

#[wasm_bindgen(js_name = validateOrder)]
pub fn validate_order(order: JsValue, context: JsValue) -> JsResult {
    let order = json(order, "order")?;
    to_js(&peeker_core::validate_order(&order, order_context(context)?.get()))
}

#[wasm_bindgen(js_name = estimateRequiredDomains)]
pub fn estimate_required_domains(params: JsValue) -> JsResult {
    out(peeker_core::estimate_required_domains(&json(params, "params")?))
}

#[wasm_bindgen(js_name = planDomains)]
pub fn plan_domains(required: JsValue, domains: JsValue, availability: JsValue) -> JsResult {
    let (required, domains) = (json(required, "required")?, json(domains, "domains")?);
    out(host::plan_domains(&required, &domains, &json(availability, "availability")?))
}

#[wasm_bindgen(js_name = orderBody)]
pub fn order_body(order: JsValue) -> JsResult<Vec<u8>> {
    peeker_core::order_body(&json(order, "order")?).map_err(fail)
}

#[wasm_bindgen(js_name = dedupeKey)]
pub fn dedupe_key(body: &[u8]) -> String {
    peeker_core::dedupe_key(body)
}

#[wasm_bindgen(js_name = dedupeWindow)]
pub fn dedupe_window(first_sent_at: f64, now: f64) -> JsResult {
    to_js(&peeker_core::dedupe_window(first_sent_at as i64, now as i64))
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

#[wasm_bindgen]
pub fn version() -> String {
    peeker_core::VERSION.to_owned()
}

/// A configured client; `client.rs` adds one request builder per operation.
#[wasm_bindgen]
pub struct Client(peeker_core::Client);

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
    host::panic_for_tests().map_err(fail)
}
