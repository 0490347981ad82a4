//! The raw native surface, the same table as bindings-wasm's: JS names ->
//! `peeker_core::host` functions. `api.cjs` (built from bindings-wasm/js/api.mjs)
//! wraps it into the public API.

use napi::bindgen_prelude::Uint8Array;
use napi_derive::napi;
use peeker_core::host;

// Every export is `catch_unwind`: a panic reaches JavaScript as an Error (the
// wrapper makes it an InternalError), never as a crash of the process.

/// Errors cross as a JS Error whose message is the error as JSON.
fn to_js(err: peeker_core::Error) -> napi::Error {
    napi::Error::from_reason(host::error_json(&err))
}

type Result<T> = napi::Result<T>;

fn pairs<'a>(names: &'a [String], values: &'a [String]) -> impl Iterator<Item = (&'a String, &'a String)> {
    names.iter().zip(values)
}

#[napi(catch_unwind)]
pub fn canonicalize(text: String) -> Result<String> {
    peeker_core::canonicalize(&text).map_err(to_js)
}

#[napi(catch_unwind)]
pub fn sign_webhook(secret: String, timestamp: f64, body: Uint8Array) -> Result<String> {
    peeker_core::sign_webhook(&secret, timestamp as i64, &body).map_err(to_js)
}

#[napi(catch_unwind)]
pub fn verify_webhook(
    body: Uint8Array,
    names: Vec<String>,
    values: Vec<String>,
    secrets: Vec<String>,
    now: f64,
    tolerance: f64,
) -> Result<String> {
    host::verify_webhook(&body, pairs(&names, &values), &secrets, now as i64, tolerance as i64).map_err(to_js)
}

#[napi(catch_unwind)]
pub fn construct_event(
    body: Uint8Array,
    names: Vec<String>,
    values: Vec<String>,
    secrets: Vec<String>,
    now: f64,
    tolerance: f64,
) -> Result<String> {
    host::construct_event(&body, pairs(&names, &values), &secrets, now as i64, tolerance as i64).map_err(to_js)
}

#[napi(catch_unwind)]
pub fn parse_event(body: Uint8Array) -> Result<String> {
    host::parse_event(&body).map_err(to_js)
}

#[napi(catch_unwind)]
pub fn validate_order(order: String, context: String) -> Result<String> {
    host::validate_order(&order, &context).map_err(to_js)
}

#[napi(catch_unwind)]
pub fn validate(kind: String, input: String) -> Result<String> {
    host::validate(&kind, &input).map_err(to_js)
}

#[napi(catch_unwind)]
pub fn estimate_required_domains(params: String) -> Result<String> {
    host::estimate_required_domains(&params).map_err(to_js)
}

#[napi(catch_unwind)]
pub fn plan_domains(required: String, domains: String, availability: String) -> Result<String> {
    host::plan_domains(&required, &domains, &availability).map_err(to_js)
}

#[napi(catch_unwind)]
pub fn order_body(order: String) -> Result<Uint8Array> {
    host::order_body(&order).map(Uint8Array::from).map_err(to_js)
}

#[napi(catch_unwind)]
pub fn dedupe_key(body: Uint8Array) -> String {
    peeker_core::dedupe_key(&body)
}

#[napi(catch_unwind)]
pub fn dedupe_window(first_sent_at: f64, now: f64) -> String {
    host::dedupe_window(first_sent_at as i64, now as i64)
}

/// The builder table of `host::BUILDERS` as JSON `[[name, [arg, ...], batch], ...]`.
#[napi(catch_unwind)]
pub fn builders() -> String {
    host::builders_json()
}

/// A configured client; requests are built by builder name with JSON arguments.
#[napi]
pub struct Client(peeker_core::Client);

#[napi]
impl Client {
    #[napi(constructor, catch_unwind)]
    pub fn new(api_key: String, base_url: Option<String>, user_agent: Option<String>) -> Result<Client> {
        peeker_core::Client::new(&api_key, peeker_core::ClientOptions { base_url, user_agent })
            .map(Client)
            .map_err(to_js)
    }

    #[napi(catch_unwind)]
    pub fn environment(&self) -> String {
        self.0.environment().as_str().to_owned()
    }

    #[napi(catch_unwind)]
    pub fn build(&self, name: String, args: String) -> Result<String> {
        host::build_requests_json(&self.0, &name, &args).map_err(to_js)
    }
}

#[napi(catch_unwind)]
pub fn parse_response(
    operation: String,
    status: u32,
    names: Vec<String>,
    values: Vec<String>,
    body: Uint8Array,
) -> Result<String> {
    let status = u16::try_from(status).unwrap_or(u16::MAX);
    host::parse_response(&operation, status, pairs(&names, &values), &body)
        .map_err(|e| napi::Error::from_reason(e.json()))
}

#[napi(catch_unwind)]
pub fn retry_advice(operation: String, failure: String, attempt: u32, jitter: f64, dedupe: String) -> Result<String> {
    host::retry_advice(&operation, &failure, attempt, jitter, &dedupe).map_err(to_js)
}

#[napi(catch_unwind)]
pub fn version() -> String {
    peeker_core::VERSION.to_owned()
}

/// Panics on purpose (tests prove it becomes an InternalError). Not API.
#[napi(catch_unwind)]
pub fn panic_for_tests() -> Result<String> {
    host::panic_for_tests().map_err(to_js)
}
