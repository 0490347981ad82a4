//! The raw WebAssembly surface: one export per core function, with values
//! crossing as JavaScript values (serde-wasm-bindgen), never as JSON text.
//! `js/api.mjs` wraps it into the public API (argument checks, defaults,
//! error classes); nothing here holds a rule of the API.
//!
//! Arguments whose JavaScript type may be wrong arrive as `JsValue` and are
//! converted here, so a wrong one is a coded `invalid_argument`, never a trap.
//! Errors are thrown as the core's error object (`{kind, code, message, ...}`).

#[cfg(feature = "full")]
pub mod client;
#[cfg(not(feature = "idna-reference"))]
mod idna;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod random;
#[cfg(feature = "full")]
pub mod server;
pub mod validators;

#[cfg(feature = "full")]
pub use server::Client;

use peeker_core::{Code, Error, host};
use serde::Serialize;
#[cfg(feature = "full")]
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::prelude::*;

type JsResult<T = JsValue> = Result<T, JsValue>;

/// Plain objects, arrays and `null`, as `JSON.parse` would give.
const PLAIN: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::json_compatible();

/// The instance's linear memory in bytes. It never shrinks, so after a call
/// it is at least that call's peak; `js/api.mjs` replaces an instance left large.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

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

#[cfg(feature = "full")]
fn arg<T: DeserializeOwned>(value: JsValue, name: &str, what: &str) -> JsResult<T> {
    serde_wasm_bindgen::from_value(value).map_err(|_| invalid(name, what))
}

/// JSON data from JavaScript values (an `undefined` member reads as null).
/// Built within the core's limits, so no large tree is ever made (D9).
fn json(value: JsValue, name: &str) -> JsResult<Value> {
    peeker_core::canonical::bounded_value(serde_wasm_bindgen::Deserializer::from(value)).map_err(|err| match err {
        Some(limit) => fail(limit),
        None => invalid(name, "JSON data: objects, arrays, strings, numbers, booleans or null"),
    })
}

/// An optional argument: `undefined` and `null` are none.
fn optional(value: JsValue, name: &str) -> JsResult<Option<Value>> {
    if value.is_null() || value.is_undefined() { Ok(None) } else { json(value, name).map(Some) }
}

/// The order context `{bundle?, availability?}` (none: no context).
fn order_context(value: JsValue) -> JsResult<host::Context<'static>> {
    match optional(value, "context")? {
        None => Ok(host::Context::default()),
        Some(value) if value.is_object() => Ok(host::Context::of(&value)),
        Some(_) => Err(invalid("context", "an object {bundle?, availability?}")),
    }
}

#[wasm_bindgen(js_name = validateOrder)]
pub fn validate_order(order: JsValue, context: JsValue) -> JsResult {
    report(order, context, None)
}

/// The report of an order, with `prepared` in place of the context's availability when given.
fn report(order: JsValue, context: JsValue, prepared: Option<&peeker_core::PreparedAvailability>) -> JsResult {
    let order = json(order, "order")?;
    to_js(&peeker_core::validate_order(&order, order_context(context)?.prepared(prepared).get()))
}

#[wasm_bindgen(js_name = estimateRequiredDomains)]
pub fn estimate_required_domains(params: JsValue) -> JsResult {
    out(peeker_core::estimate_required_domains(&json(params, "params")?))
}

#[wasm_bindgen(js_name = planDomains)]
pub fn plan_domains(required: JsValue, domains: JsValue, availability: JsValue) -> JsResult {
    plan(required, domains, &peeker_core::PreparedAvailability::parse(&json(availability, "availability")?))
}

fn plan(required: JsValue, domains: JsValue, availability: &peeker_core::PreparedAvailability) -> JsResult {
    let (required, domains) = (json(required, "required")?, json(domains, "domains")?);
    out(host::plan_domains(&required, &domains, availability))
}

/// Availability rows prepared once (`prepareAvailability`), for any number of calls.
#[wasm_bindgen]
pub struct PreparedAvailability(peeker_core::PreparedAvailability);

#[wasm_bindgen(js_name = prepareAvailability)]
pub fn prepare_availability(availability: JsValue) -> JsResult<PreparedAvailability> {
    Ok(PreparedAvailability(host::prepare_availability(&json(availability, "availability")?).map_err(fail)?))
}

/// `validateOrder` with prepared availability (the context's is not read).
#[wasm_bindgen(js_name = validateOrderPrepared)]
pub fn validate_order_prepared(order: JsValue, context: JsValue, availability: &PreparedAvailability) -> JsResult {
    report(order, context, Some(&availability.0))
}

/// `planDomains` with prepared availability.
#[wasm_bindgen(js_name = planDomainsPrepared)]
pub fn plan_domains_prepared(required: JsValue, domains: JsValue, availability: &PreparedAvailability) -> JsResult {
    plan(required, domains, &availability.0)
}

#[wasm_bindgen(js_name = orderBody)]
pub fn order_body(order: JsValue) -> JsResult<Vec<u8>> {
    peeker_core::order_body(&json(order, "order")?).map_err(fail)
}

#[wasm_bindgen(js_name = dedupeKey)]
pub fn dedupe_key(body: &[u8]) -> String {
    peeker_core::dedupe_key(body)
}

/// `[inside (1 or 0), expires_at, remaining_seconds]` as a Float64Array: a third of
/// the cost of an object built property by property across the boundary.
#[wasm_bindgen(js_name = dedupeWindow)]
pub fn dedupe_window(first_sent_at: f64, now: f64) -> JsResult<Box<[f64]>> {
    host::dedupe_window_numbers(first_sent_at, now).map(Box::from).map_err(fail)
}

#[wasm_bindgen]
pub fn version() -> String {
    peeker_core::VERSION.to_owned()
}

/// A panic aborts WebAssembly with a bare "unreachable": the hook throws its
/// message to JavaScript instead (the wrapper then replaces the instance, whose
/// memory a panic leaves untrustworthy, and never calls into it again).
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| wasm_bindgen::throw_str(&format!("peeker-core {info}"))));
    #[cfg(not(feature = "idna-reference"))]
    peeker_core::uts46::set_to_ascii(idna::to_ascii);
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    peeker_core::validate::set_random_source(random::keys);
}

/// The IDNA answers of one input (`peeker_core::validate::idna_for_tests`), for
/// the tests that compare the form module's engine IDNA with the full module's
/// `idna`. Not API: only in the tests' builds, never in the npm package.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen(js_name = idnaForTests)]
pub fn idna_for_tests(input: &str) -> JsResult {
    to_js(&peeker_core::validate::idna_for_tests(input))
}

/// Panics on purpose (tests prove the message survives and the next call
/// works). Not API: only in the tests' build, never in the npm package.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen(js_name = panicForTests)]
pub fn panic_for_tests() -> JsResult<String> {
    host::panic_for_tests().map_err(fail)
}
