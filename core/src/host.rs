//! The JSON-text interface every binding shares: arguments and results cross
//! a host boundary as JSON text (the API's own snake_case shapes), so each
//! binding is a table of `host name -> function here` and no conversion logic
//! is written twice.

use serde::Serialize;
use serde_json::{Value, json};

use crate::client::Client;
use crate::error::{Code, Error, Result};
use crate::event::{Event, EventData};
use crate::plan::{AvailabilityRow, RequiredDomains};
use crate::request::HttpRequest;
use crate::response::{ApiError, Failure, Operation};
use crate::validate::{self, ImportMode, OrderContext, Report};

/// JSON text from a host, within the default limits (`too_large`, `too_deep`, ...).
fn parse(text: &str, _what: &str) -> Result<Value> {
    crate::canonical::parse_json(text, crate::canonical::Limits::default())
}

fn to_text(value: &impl Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::new(Code::InternalError, e.to_string()))
}

/// An error as `{kind, code, message, line?, column?, report?}`.
pub fn error_json(err: &Error) -> String {
    let mut out = serde_json::Map::new();
    out.insert("kind".into(), json!(err.kind().class_name()));
    out.insert("code".into(), json!(err.code.as_str()));
    out.insert("message".into(), json!(err.message));
    if let Some(position) = err.position {
        out.insert("line".into(), json!(position.line));
        out.insert("column".into(), json!(position.column));
    }
    if let Some(report) = &err.report {
        out.insert("report".into(), report_value(report));
    }
    Value::Object(out).to_string()
}

/// `{valid, violations: [{code, path, message, severity}]}`.
pub fn report_value(report: &Report) -> Value {
    // Strings and a bool: serializing cannot fail.
    serde_json::to_value(ReportOut::of(report)).unwrap_or_default()
}

/// [`report_value`] as JSON text, written straight from the report (a form
/// asks for one on every keystroke).
pub fn report_json(report: &Report) -> Result<String> {
    to_text(&ReportOut::of(report))
}

#[derive(Serialize)]
struct ReportOut<'a> {
    valid: bool,
    violations: Vec<ViolationOut<'a>>,
}

#[derive(Serialize)]
struct ViolationOut<'a> {
    code: &'a str,
    path: &'a str,
    message: &'a str,
    severity: &'a str,
}

impl<'a> ReportOut<'a> {
    fn of(report: &'a Report) -> Self {
        let violations = report.violations.iter().map(|v| ViolationOut {
            code: v.code.as_str(),
            path: &v.path,
            message: &v.message,
            severity: v.severity.as_str(),
        });
        ReportOut { valid: report.is_valid(), violations: violations.collect() }
    }
}

/// `context`: `{bundle?, availability?}` (availability: rows, or a whole
/// availability response).
pub fn validate_order(order: &str, context: &str) -> Result<String> {
    let report = validate_order_value(&parse(order, "the order")?, &parse(context, "the context")?);
    report_json(&report)
}

/// [`validate_order`] for a binding that builds the values from its own
/// objects (no JSON text to parse).
pub fn validate_order_value(order: &Value, context: &Value) -> Report {
    let rows = present(context, "availability").map(AvailabilityRow::parse_rows);
    validate::validate_order(order, OrderContext { bundle: present(context, "bundle"), availability: rows.as_deref() })
}

/// `kind`: bundle, bundle_patch, user, user_patch, availability_lookup,
/// import, import_job, forwarding, swap, user_name_swap, cancellation.
pub fn validate(kind: &str, input: &str) -> Result<String> {
    validate_value(kind, &parse(input, "the input")?).and_then(|report| report_json(&report))
}

/// [`validate`] for a binding that builds the value from its own objects.
pub fn validate_value(kind: &str, input: &Value) -> Result<Report> {
    Ok(match kind {
        "bundle" => validate::validate_bundle(input),
        "bundle_patch" => validate::validate_bundle_patch(input),
        "user" => validate::validate_user(input),
        "user_patch" => validate::validate_user_patch(input),
        "availability_lookup" => validate::validate_availability_lookup(input),
        "import" => validate::validate_import(input, ImportMode::Sync),
        "import_job" => validate::validate_import(input, ImportMode::Job),
        "forwarding" => validate::validate_forwarding(input),
        "swap" => validate::validate_swap(input),
        "user_name_swap" => validate::validate_user_name_swap(input),
        "cancellation" => validate::validate_cancellation(Some(input)),
        other => return Err(Error::new(Code::InvalidArgument, format!("there is no validator for {other:?}"))),
    })
}

/// `params`: the bundle fields as JSON; returns `{google, microsoft, total}`.
pub fn estimate_required_domains(params: &str) -> Result<String> {
    to_text(&crate::plan::estimate_required_domains(&parse(params, "the bundle parameters")?)?)
}

/// `{google, microsoft, missing, unusable: [{domain, reason}]}`.
pub fn plan_domains(required: &str, domains: &str, availability: &str) -> Result<String> {
    let required: RequiredDomains = serde_json::from_value(parse(required, "required")?).map_err(|e| {
        Error::new(Code::InvalidArgument, format!("required must be {{google, microsoft, total}}: {e}"))
    })?;
    let picked: Vec<String> = serde_json::from_value(parse(domains, "domains")?)
        .map_err(|_| Error::new(Code::InvalidArgument, "domains must be a list of names"))?;
    let rows = AvailabilityRow::parse_rows(&parse(availability, "availability")?);
    let plan = crate::plan::plan_domains(required, &picked, &rows);
    let unusable: Vec<Value> =
        plan.unusable.iter().map(|(domain, why)| json!({"domain": domain, "reason": why.as_str()})).collect();
    to_text(&json!({"google": plan.google, "microsoft": plan.microsoft, "missing": plan.missing, "unusable": unusable}))
}

/// The exact bytes to POST for `order` (JSON text); see [`crate::order_body`].
pub fn order_body(order: &str) -> Result<Vec<u8>> {
    crate::dedupe::order_body(&parse(order, "the order")?)
}

/// `{inside, expires_at, remaining_seconds}`.
pub fn dedupe_window(first_sent_at: i64, now: i64) -> String {
    let window = crate::dedupe::dedupe_window(first_sent_at, now);
    json!({"inside": window.inside, "expires_at": window.expires_at, "remaining_seconds": window.remaining_seconds})
        .to_string()
}

/// `{id, type, created_at, kind, data, extra}`: `kind` is the data's family
/// (order, domain, domain_import, swap, unknown); `data` the typed object as JSON.
pub fn event_json(event: &Event) -> Result<String> {
    let (kind, data) = match &event.data {
        EventData::Order(order) => ("order", serde_json::to_value(order)),
        EventData::Domain(domain) => ("domain", serde_json::to_value(domain)),
        EventData::DomainImport(job) => ("domain_import", serde_json::to_value(job)),
        EventData::Swap(swap) => ("swap", serde_json::to_value(swap)),
        EventData::Unknown(raw) => ("unknown", Ok(raw.clone())),
    };
    let data = data.map_err(|e| Error::new(Code::InternalError, e.to_string()))?;
    to_text(&json!({
        "id": event.id, "type": event.event_type.as_str(), "created_at": event.created_at,
        "kind": kind, "data": data, "extra": event.extra,
    }))
}

/// `{timestamp, event_id}`.
pub fn verify_webhook<K: AsRef<str>, V: AsRef<str>, S: AsRef<str>>(
    body: &[u8],
    headers: impl IntoIterator<Item = (K, V)>,
    secrets: &[S],
    now: i64,
    tolerance: i64,
) -> Result<String> {
    let verified = crate::webhook::verify_webhook(body, headers, secrets, now, tolerance)?;
    to_text(&json!({"timestamp": verified.timestamp, "event_id": verified.event_id}))
}

/// An unverified event body as [`event_json`].
pub fn parse_event(body: &[u8]) -> Result<String> {
    event_json(&crate::event::parse_event(body)?)
}

/// Verify a delivery, then parse it, as [`event_json`].
pub fn construct_event<K: AsRef<str>, V: AsRef<str>, S: AsRef<str>>(
    body: &[u8],
    headers: impl IntoIterator<Item = (K, V)>,
    secrets: &[S],
    now: i64,
    tolerance: i64,
) -> Result<String> {
    event_json(&crate::event::construct_event(body, headers, secrets, now, tolerance)?)
}

/// One request builder of [`Client`], as hosts see it.
pub struct Builder {
    /// The operation's name (`create_order`); hosts derive their method names from it.
    pub name: &'static str,
    /// The names of its arguments, in order.
    pub params: &'static [&'static str],
    /// Whether it may split its input into several requests (the API's caps).
    pub batch: bool,
    build: fn(&Client, &Value) -> Result<Vec<HttpRequest>>,
}

fn one(result: Result<HttpRequest>) -> Result<Vec<HttpRequest>> {
    result.map(|request| vec![request])
}

fn text<'a>(args: &'a Value, key: &str) -> &'a str {
    args.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn value<'a>(args: &'a Value, key: &str) -> &'a Value {
    args.get(key).unwrap_or(&Value::Null)
}

fn present<'a>(args: &'a Value, key: &str) -> Option<&'a Value> {
    args.get(key).filter(|v| !v.is_null())
}

fn create_order(client: &Client, args: &Value) -> Result<Vec<HttpRequest>> {
    let context = value(args, "context");
    let rows = present(context, "availability").map(AvailabilityRow::parse_rows);
    let context = OrderContext { bundle: present(context, "bundle"), availability: rows.as_deref() };
    one(client.create_order(value(args, "order"), context))
}

macro_rules! builder {
    ($name:literal, [$($param:literal),*], $batch:literal, $build:expr) => {
        Builder { name: $name, params: &[$($param),*], batch: $batch, build: $build }
    };
}

/// Every request builder, with its argument names: hosts generate their
/// client methods from this table and [`build_requests`] dispatches on it.
pub const BUILDERS: &[Builder] = &[
    builder!("get_me", [], false, |c, _| one(c.get_me())),
    builder!("create_user", ["body"], false, |c, a| one(c.create_user(value(a, "body")))),
    builder!("list_users", ["query"], false, |c, a| one(c.list_users(present(a, "query")))),
    builder!("get_user", ["id"], false, |c, a| one(c.get_user(text(a, "id")))),
    builder!("update_user", ["id", "body"], false, |c, a| one(c.update_user(text(a, "id"), value(a, "body")))),
    builder!("delete_user", ["id"], false, |c, a| one(c.delete_user(text(a, "id")))),
    builder!("create_bundle", ["body"], false, |c, a| one(c.create_bundle(value(a, "body")))),
    builder!("list_bundles", ["query"], false, |c, a| one(c.list_bundles(present(a, "query")))),
    builder!("get_bundle", ["id"], false, |c, a| one(c.get_bundle(text(a, "id")))),
    builder!("update_bundle", ["id", "body"], false, |c, a| one(c.update_bundle(text(a, "id"), value(a, "body")))),
    builder!("delete_bundle", ["id"], false, |c, a| one(c.delete_bundle(text(a, "id")))),
    builder!("list_domains", ["query"], false, |c, a| one(c.list_domains(present(a, "query")))),
    builder!("check_availability", ["domains"], true, |c, a| c.check_availability(value(a, "domains"))),
    builder!("import_domains", ["domains"], true, |c, a| c.import_domains(value(a, "domains"))),
    builder!("import_domains_job", ["domains"], true, |c, a| c.import_domains_job(value(a, "domains"))),
    builder!("get_import", ["id"], false, |c, a| one(c.get_import(text(a, "id")))),
    builder!("get_import_job", ["id"], false, |c, a| one(c.get_import_job(text(a, "id")))),
    builder!("find_imports", ["domains"], false, |c, a| one(c.find_imports(value(a, "domains")))),
    builder!("update_forwarding", ["domains", "forwarding_url"], true, |c, a| {
        c.update_forwarding(value(a, "domains"), text(a, "forwarding_url"))
    }),
    builder!("get_forwarding_job", ["id"], false, |c, a| one(c.get_forwarding_job(text(a, "id")))),
    builder!("create_order", ["order", "context"], false, create_order),
    builder!("list_orders", ["query"], false, |c, a| one(c.list_orders(present(a, "query")))),
    builder!("get_order", ["id"], false, |c, a| one(c.get_order(text(a, "id")))),
    builder!("list_pending_actions", ["query"], false, |c, a| one(c.list_pending_actions(present(a, "query")))),
    builder!("cancel_order", ["id", "body"], false, |c, a| one(c.cancel_order(text(a, "id"), present(a, "body")))),
    builder!("create_swap", ["body"], false, |c, a| one(c.create_swap(value(a, "body")))),
    builder!("list_swaps", ["query"], false, |c, a| one(c.list_swaps(present(a, "query")))),
    builder!("get_swap", ["id"], false, |c, a| one(c.get_swap(text(a, "id")))),
    builder!("swap_user_names", ["body"], false, |c, a| one(c.swap_user_names(value(a, "body")))),
    builder!("next_page", ["links_next"], false, |c, a| one(c.next_page(text(a, "links_next")))),
];

/// [`BUILDERS`] as JSON `[[name, [arg, ...], batch], ...]`.
pub fn builders_json() -> String {
    let table: Vec<Value> = BUILDERS.iter().map(|b| json!([b.name, b.params, b.batch])).collect();
    Value::Array(table).to_string()
}

/// Calls the builder `name` with named `args` (see [`BUILDERS`]); batch
/// builders give several requests, the others one.
pub fn build_requests(client: &Client, name: &str, args: &Value) -> Result<Vec<HttpRequest>> {
    match BUILDERS.iter().find(|b| b.name == name) {
        Some(builder) => (builder.build)(client, args),
        None => Err(Error::new(Code::InvalidArgument, format!("there is no request builder {name:?}"))),
    }
}

/// A request as `{method, url, headers: {name: value}, body: text | null}`.
pub fn request_value(request: &HttpRequest) -> Value {
    let headers: serde_json::Map<String, Value> =
        request.headers.iter().map(|(name, value)| (name.clone(), json!(value))).collect();
    json!({"method": request.method.as_str(), "url": request.url, "headers": headers, "body": request.body_text()})
}

/// [`build_requests`] with JSON-text arguments and a JSON list of requests.
pub fn build_requests_json(client: &Client, name: &str, args: &str) -> Result<String> {
    let requests = build_requests(client, name, &parse(args, "the arguments")?)?;
    to_text(&requests.iter().map(request_value).collect::<Vec<_>>())
}

/// An API error as `{kind: "ApiError", code, status, message, field, details, request_id, retry_after_seconds}`.
pub fn api_error_json(err: &ApiError) -> String {
    let mut value = serde_json::to_value(err).unwrap_or_else(|_| json!({"code": err.code, "status": err.status}));
    if let Value::Object(map) = &mut value {
        map.insert("kind".into(), json!("ApiError"));
    }
    value.to_string()
}

/// What [`parse_response`] fails with: the SDK's own error (a bad
/// operation name) or the API's.
#[derive(Debug)]
pub enum ResponseError {
    /// The SDK refused the call (`invalid_argument`: an unknown operation name).
    Sdk(Error),
    /// Peeker's error, or `unexpected_response`.
    Api(Box<ApiError>),
}

impl ResponseError {
    /// The error as JSON (`error_json` or `api_error_json`).
    pub fn json(&self) -> String {
        match self {
            ResponseError::Sdk(err) => error_json(err),
            ResponseError::Api(err) => api_error_json(err),
        }
    }
}

/// `{status, request_id, data}` for a response to `operation` (an operation name).
pub fn parse_response<K: AsRef<str>, V: AsRef<str>>(
    operation: &str,
    status: u16,
    headers: impl IntoIterator<Item = (K, V)>,
    body: &[u8],
) -> std::result::Result<String, ResponseError> {
    let operation: Operation = operation.parse().map_err(ResponseError::Sdk)?;
    let response = crate::response::parse_response(operation, status, headers, body)
        .map_err(|e| ResponseError::Api(Box::new(e)))?;
    to_text(&response).map_err(ResponseError::Sdk)
}

/// `failure`: `"network"` or `{status, retry_after_seconds?}`; `dedupe`:
/// null or `{first_sent_at, now}`. Returns `{retry, delay_ms, reason, message}`.
pub fn retry_advice(operation: &str, failure: &str, attempt: u32, jitter: f64, dedupe: &str) -> Result<String> {
    let operation: Operation = operation.parse()?;
    let failure = match parse(failure, "failure")? {
        Value::String(kind) if kind == "network" => Failure::Network,
        value => Failure::Status {
            status: value.get("status").and_then(Value::as_u64).and_then(|s| u16::try_from(s).ok()).ok_or_else(
                || Error::new(Code::InvalidArgument, "failure must be \"network\" or {status, retry_after_seconds?}"),
            )?,
            retry_after_seconds: value.get("retry_after_seconds").and_then(Value::as_u64),
        },
    };
    let dedupe = parse(dedupe, "dedupe")?;
    let window = match (dedupe.get("first_sent_at").and_then(Value::as_i64), dedupe.get("now").and_then(Value::as_i64))
    {
        (Some(first), Some(now)) => Some(crate::dedupe::dedupe_window(first, now)),
        _ => None,
    };
    let advice = crate::response::retry_advice(operation, failure, attempt, jitter, window);
    to_text(
        &json!({"retry": advice.retry, "delay_ms": advice.delay_ms, "reason": advice.reason.as_str(), "message": advice.message}),
    )
}

/// Panics on purpose. Hosts call it in their tests to prove that a panic
/// reaches their users as a coded `internal_error` and never crashes the
/// process; it is not part of the SDK's API.
#[doc(hidden)]
#[allow(clippy::panic)] // the one panic, on purpose
pub fn panic_for_tests() -> Result<String> {
    panic!("peeker-core panicked on purpose (panic_for_tests)")
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // serde_json's Value indexing returns Null, never panics
mod tests {
    use super::*;

    #[test]
    fn errors_travel_as_json_with_their_report() {
        let err = crate::plan::estimate_required_domains(&json!({}))
            .err()
            .unwrap_or_else(|| Error::new(Code::InternalError, ""));
        let value: Value = serde_json::from_str(&error_json(&err)).unwrap_or_default();
        assert_eq!(value["kind"], "ValidationError");
        assert_eq!(value["code"], "invalid_request");
        assert_eq!(value["report"]["violations"][0]["code"], "required");
    }

    #[test]
    fn unknown_validator_is_a_config_error() {
        assert_eq!(validate("order_form", "{}").map_err(|e| e.code), Err(Code::InvalidArgument));
    }
}
