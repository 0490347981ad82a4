//! The raw native surface, the same as bindings-wasm's: one export per core
//! function, with values crossing as JavaScript values (napi's serde
//! support), never as JSON text. `api.cjs` (built from
//! bindings-wasm/js/api.mjs) wraps it into the public API.
//!
//! Arguments whose JavaScript type may be wrong arrive as `Unknown` and are
//! converted here, so a wrong one is a coded `invalid_argument`. Errors are
//! thrown as the core's error object (`{kind, code, message, ...}`), and
//! every export is `catch_unwind`: a panic reaches JavaScript as an Error
//! (the wrapper makes it an InternalError), never as a crash of the process.

pub mod client;
pub mod validators;
mod value;

use napi::bindgen_prelude::{External, Uint8Array, Unknown};
use napi::{Env, Status, ValueType};
use napi_derive::napi;
use peeker_core::{Code, Error, Operation, PreparedAvailability, host};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

type Result<T> = napi::Result<T>;

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

const BEYOND_2_53: &str = "the result holds an integer beyond 2^53, which a JavaScript number cannot hold exactly";

/// JSON data that napi turns into plain objects, arrays and numbers. An
/// integer past 2^53 is refused, as bindings-wasm does (napi would make it a
/// BigInt), so both packages give the same values.
fn plain<T: Serialize + ?Sized>(value: &T) -> std::result::Result<Value, Error> {
    let value = serde_json::to_value(value).map_err(|e| Error::new(Code::InternalError, e.to_string()))?;
    if beyond_2_53(&value) { Err(Error::new(Code::NumberOutOfRange, BEYOND_2_53)) } else { Ok(value) }
}

fn beyond_2_53(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.as_i64().map_or(n.is_u64(), |i| i.unsigned_abs() > MAX_SAFE_INTEGER),
        Value::Array(items) => items.iter().any(beyond_2_53),
        Value::Object(members) => members.values().any(beyond_2_53),
        _ => false,
    }
}

/// A result as a JavaScript value.
fn to_js<T: Serialize + ?Sized>(env: &Env, value: &T) -> Result<Value> {
    plain(value).map_err(fail(env))
}

/// A core result, or its error thrown as an object.
fn out<T: Serialize>(env: &Env, result: std::result::Result<T, Error>) -> Result<Value> {
    result.map_err(fail(env)).and_then(|value| to_js(env, &value))
}

/// Throws a core error (for `map_err`).
fn fail(env: &Env) -> impl Fn(Error) -> napi::Error + '_ {
    move |err| thrown(env, &err)
}

/// Throws the error's serialized form itself (napi would wrap a returned
/// object in an Error with "[object Object]" as its message).
fn thrown<E: Serialize>(env: &Env, err: &E) -> napi::Error {
    let value = plain(err).or_else(|beyond| plain(&beyond));
    match value.map(|value| env.throw(value)) {
        Ok(Ok(())) => napi::Error::new(Status::PendingException, String::new()),
        Ok(Err(err)) => err,
        Err(err) => napi::Error::from_reason(err.message),
    }
}

/// `invalid_argument` naming the argument and what it must be, never its value.
fn invalid(env: &Env, name: &str, what: &str) -> napi::Error {
    thrown(env, &Error::new(Code::InvalidArgument, format!("`{name}` must be {what}")))
}

fn arg<T: DeserializeOwned>(env: &Env, value: Unknown<'_>, name: &str, what: &str) -> Result<T> {
    env.from_js_value(value).map_err(|_| invalid(env, name, what))
}

fn text(env: &Env, value: Unknown<'_>, name: &str) -> Result<String> {
    arg(env, value, name, "a string")
}

/// JSON data from JavaScript values (an `undefined` member reads as null),
/// built within the core's limits, so no large tree is ever made (D9).
fn json(env: &Env, value: Unknown<'_>, name: &str) -> Result<Value> {
    peeker_core::canonical::bounded_value(value::Js(value)).map_err(|err| match err {
        Some(limit) => fail(env)(limit),
        None => invalid(env, name, "JSON data: objects, arrays, strings, numbers, booleans or null"),
    })
}

fn is_none(value: &Unknown<'_>) -> Result<bool> {
    Ok(matches!(value.get_type()?, ValueType::Null | ValueType::Undefined))
}

/// An optional argument: `undefined` and `null` are none.
fn optional(env: &Env, value: Unknown<'_>, name: &str) -> Result<Option<Value>> {
    if is_none(&value)? { Ok(None) } else { json(env, value, name).map(Some) }
}

/// The order context `{bundle?, availability?}` (none: no context).
fn order_context(env: &Env, value: Unknown<'_>) -> Result<host::Context<'static>> {
    match optional(env, value, "context")? {
        None => Ok(host::Context::default()),
        Some(value) if value.is_object() => Ok(host::Context::of(&value)),
        Some(_) => Err(invalid(env, "context", "an object {bundle?, availability?}")),
    }
}

fn operation(env: &Env, value: Unknown<'_>) -> Result<Operation> {
    text(env, value, "operation")?.parse().map_err(fail(env))
}

/// Header names and values as parallel lists.
fn pairs<'a>(names: &'a [String], values: &'a [String]) -> impl Iterator<Item = (&'a String, &'a String)> {
    names.iter().zip(values)
}

#[napi(catch_unwind)]
pub fn canonicalize(env: &Env, json: Unknown<'_>) -> Result<String> {
    peeker_core::canonicalize(&text(env, json, "json")?).map_err(fail(env))
}

#[napi(catch_unwind)]
pub fn sign_webhook(env: &Env, secret: Unknown<'_>, timestamp: f64, body: Uint8Array) -> Result<String> {
    peeker_core::sign_webhook(&text(env, secret, "secret")?, timestamp as i64, &body).map_err(fail(env))
}

#[napi(catch_unwind)]
pub fn verify_webhook(
    env: &Env,
    body: Uint8Array,
    names: Vec<String>,
    values: Vec<String>,
    secrets: Vec<String>,
    now: f64,
    tolerance: f64,
) -> Result<Value> {
    let verified = peeker_core::verify_webhook(&body, pairs(&names, &values), &secrets, now as i64, tolerance as i64);
    out(env, verified)
}

#[napi(catch_unwind)]
pub fn construct_event(
    env: &Env,
    body: Uint8Array,
    names: Vec<String>,
    values: Vec<String>,
    secrets: Vec<String>,
    now: f64,
    tolerance: f64,
) -> Result<Value> {
    let event = peeker_core::construct_event(&body, pairs(&names, &values), &secrets, now as i64, tolerance as i64);
    out(env, event)
}

#[napi(catch_unwind)]
pub fn parse_event(env: &Env, body: Uint8Array) -> Result<Value> {
    out(env, peeker_core::parse_event(&body))
}

#[napi(catch_unwind)]
pub fn validate_order(env: &Env, order: Unknown<'_>, context: Unknown<'_>) -> Result<Value> {
    report(env, order, context, None)
}

/// The report of an order, with `prepared` in place of the context's availability when given.
fn report(
    env: &Env,
    order: Unknown<'_>,
    context: Unknown<'_>,
    prepared: Option<&PreparedAvailability>,
) -> Result<Value> {
    let order = json(env, order, "order")?;
    to_js(env, &peeker_core::validate_order(&order, order_context(env, context)?.prepared(prepared).get()))
}

/// `validateOrder` with JSON text in and out (`api.cjs` passes text when it
/// reads back as exactly the values).
#[napi(catch_unwind)]
pub fn validate_order_text(env: &Env, order: String, context: String) -> Result<String> {
    host::validate_order_text(&order, &context, None).map_err(fail(env))
}

/// Availability rows prepared once (`prepareAvailability`), for any number of calls: an
/// External, not a class, since napi checks an External's Rust type when it is passed back
/// (it would unwrap an instance of any class as the class asked for).
#[napi(catch_unwind)]
pub fn prepare_availability(env: &Env, availability: Unknown<'_>) -> Result<External<PreparedAvailability>> {
    host::prepare_availability(&json(env, availability, "availability")?).map(External::new).map_err(fail(env))
}

/// `prepareAvailability` from JSON text (`api.cjs` passes text when it reads back as exactly the values).
#[napi(catch_unwind)]
pub fn prepare_availability_text(env: &Env, availability: String) -> Result<External<PreparedAvailability>> {
    host::prepare_availability_text(&availability).map(External::new).map_err(fail(env))
}

/// `validateOrder` with prepared availability (the context's is not read).
#[napi(catch_unwind)]
pub fn validate_order_prepared(
    env: &Env,
    order: Unknown<'_>,
    context: Unknown<'_>,
    availability: &External<PreparedAvailability>,
) -> Result<Value> {
    report(env, order, context, Some(availability.as_ref()))
}

/// `validateOrderText` with prepared availability.
#[napi(catch_unwind)]
pub fn validate_order_text_prepared(
    env: &Env,
    order: String,
    context: String,
    availability: &External<PreparedAvailability>,
) -> Result<String> {
    host::validate_order_text(&order, &context, Some(availability.as_ref())).map_err(fail(env))
}

#[napi(catch_unwind)]
pub fn estimate_required_domains(env: &Env, params: Unknown<'_>) -> Result<Value> {
    out(env, peeker_core::estimate_required_domains(&json(env, params, "params")?))
}

#[napi(catch_unwind)]
pub fn plan_domains(
    env: &Env,
    required: Unknown<'_>,
    domains: Unknown<'_>,
    availability: Unknown<'_>,
) -> Result<Value> {
    let availability = PreparedAvailability::parse(&json(env, availability, "availability")?);
    plan(env, required, domains, &availability)
}

fn plan(env: &Env, required: Unknown<'_>, domains: Unknown<'_>, availability: &PreparedAvailability) -> Result<Value> {
    let (required, domains) = (json(env, required, "required")?, json(env, domains, "domains")?);
    out(env, host::plan_domains(&required, &domains, availability))
}

/// `planDomains` with prepared availability.
#[napi(catch_unwind)]
pub fn plan_domains_prepared(
    env: &Env,
    required: Unknown<'_>,
    domains: Unknown<'_>,
    availability: &External<PreparedAvailability>,
) -> Result<Value> {
    plan(env, required, domains, availability)
}

#[napi(catch_unwind)]
pub fn order_body(env: &Env, order: Unknown<'_>) -> Result<Uint8Array> {
    peeker_core::order_body(&json(env, order, "order")?).map(Uint8Array::from).map_err(fail(env))
}

#[napi(catch_unwind)]
pub fn dedupe_key(body: Uint8Array) -> String {
    peeker_core::dedupe_key(&body)
}

/// `[inside (1 or 0), expires_at, remaining_seconds]`: an array costs a third of an object here.
#[napi(catch_unwind)]
pub fn dedupe_window(env: &Env, first_sent_at: f64, now: f64) -> Result<Vec<f64>> {
    host::dedupe_window_numbers(first_sent_at, now).map(Vec::from).map_err(fail(env))
}

/// A parsed success `{status, request_id, data, next_link}`; an error
/// answer is thrown as the `ApiError` object (`kind: "api"`).
#[napi(catch_unwind)]
pub fn parse_response(
    env: &Env,
    operation: Unknown<'_>,
    status: u32,
    names: Vec<String>,
    values: Vec<String>,
    body: Uint8Array,
) -> Result<Value> {
    let status = u16::try_from(status).unwrap_or(u16::MAX);
    let response = peeker_core::parse_response(self::operation(env, operation)?, status, pairs(&names, &values), &body);
    response.map_err(|err| thrown(env, &err)).and_then(|response| to_js(env, &response))
}

/// `clock` is the host's "now", used when `dedupe` leaves `now` out.
#[napi(catch_unwind)]
pub fn retry_advice(
    env: &Env,
    operation: Unknown<'_>,
    failure: Unknown<'_>,
    attempt: u32,
    jitter: f64,
    dedupe: Unknown<'_>,
    clock: f64,
) -> Result<Value> {
    let operation = self::operation(env, operation)?;
    let failure = host::failure(&json(env, failure, "failure")?).map_err(fail(env))?;
    let dedupe = optional(env, dedupe, "dedupe")?.unwrap_or_default();
    let dedupe = host::dedupe(&dedupe, clock as i64).map_err(fail(env))?;
    to_js(env, &peeker_core::retry_advice(operation, failure, attempt, jitter, dedupe))
}

#[napi(catch_unwind)]
pub fn version() -> String {
    peeker_core::VERSION.to_owned()
}

/// A configured client; `client.rs` adds one request builder per operation.
#[napi]
pub struct Client(peeker_core::Client);

#[napi]
impl Client {
    #[napi(constructor, catch_unwind)]
    pub fn new(env: &Env, api_key: Unknown<'_>, base_url: Unknown<'_>, user_agent: Unknown<'_>) -> Result<Client> {
        let optional_text = |value: Unknown<'_>, name| {
            if is_none(&value)? { Ok(None) } else { text(env, value, name).map(Some) }
        };
        let options = peeker_core::ClientOptions {
            base_url: optional_text(base_url, "baseUrl")?,
            user_agent: optional_text(user_agent, "userAgent")?,
        };
        peeker_core::Client::new(&text(env, api_key, "apiKey")?, options).map(Client).map_err(fail(env))
    }

    #[napi(catch_unwind)]
    pub fn environment(&self) -> String {
        self.0.environment().as_str().to_owned()
    }

    #[napi(catch_unwind)]
    pub fn next_page(&self, env: &Env, links_next: Unknown<'_>) -> Result<Value> {
        out(env, self.0.next_page(&text(env, links_next, "linksNext")?))
    }
}

/// Panics on purpose (tests prove it becomes an InternalError). Not API.
#[cfg(feature = "test-hooks")]
#[napi(catch_unwind)]
pub fn panic_for_tests(env: &Env) -> Result<String> {
    host::panic_for_tests().map_err(fail(env))
}
