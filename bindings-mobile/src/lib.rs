//! UniFFI binding of peeker-core for Kotlin (`ai.peeker.core`) and Swift
//! (`PeekerCore`). Type and error conversion only; every rule lives in the core.
//!
//! - Per operation, per API object and per event, the records and functions
//!   are generated from the contract (`generated/`, by codegen from
//!   spec/openapi.yaml): typed `Client` builders, `parse_<operation>_response`,
//!   the API's objects, request bodies, `Event`. API data is never JSON text,
//!   except members of unknown shape (`<name>_json`).
//! - Hand-written here: errors, webhooks, canonical JSON, planning, dedupe
//!   and retry advice, and the order (`NewOrder`, order.rs).
//! - Counts are `i64` and statuses `i32` (Kotlin `Long`/`Int`, Swift
//!   `Int64`/`Int32`): unsigned types are awkward in Kotlin.
//! - `now` defaults to the device clock: the core reads no clock, its hosts do.

// `PeekerError` is the shape the foreign error classes get (UniFFI copies its
// fields into Kotlin/Swift): its fields stay inline rather than boxed.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use peeker_core::{DEFAULT_TOLERANCE_SECONDS, ErrorKind};
use serde_json::json;

uniffi::setup_scaffolding!();

/// `Debug` prints what `Display` prints, the redacted form: types that hold a
/// secret (the API key, a body with a password) never derive `Debug`.
macro_rules! debug_as_display {
    ($($type:ty),*) => {$(
        impl std::fmt::Debug for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(self, f)
            }
        }
    )*};
}
pub(crate) use debug_as_display;

debug_as_display!(HttpRequest, Client);

mod convert;
mod generated {
    pub mod events;
    pub mod inputs;
    pub mod models;
    pub mod operations;
}
mod order;
mod prepared;

pub use convert::NullableInt;
pub use generated::events::*;
pub use generated::inputs::*;
pub use generated::models::*;
pub use generated::operations::*;
pub use order::{NewOrder, new_order_from_json};
pub use prepared::PreparedAvailability;

use convert::{ToHost, json_arg, to_value};

// ---- Errors ------------------------------------------------------------------

/// Runs an export, turning a panic into `Internal` (`internal_error`) here
/// rather than leaving it to UniFFI's generic exception.
fn guard<T>(body: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body))
        .unwrap_or_else(|_| Err(internal("peeker-core failed unexpectedly; please report this")))
}

/// Panics on purpose inside `guard`: tests prove with it that a panic
/// reaches Kotlin and Swift as `Internal` with code `internal_error`. Not part of the API.
#[cfg(feature = "test-hooks")]
#[uniffi::export]
pub fn panic_for_tests() -> Result<String> {
    guard(|| Ok(peeker_core::host::panic_for_tests()?))
}

/// The one error of the SDK, one case per family of the core's codes. Every
/// case carries the stable snake_case `code` and a `detail` for people (not
/// `message`: Kotlin exceptions already have one). Neither ever holds a secret
/// nor a value of the input; where the problem is comes as structured fields.
#[derive(Debug, uniffi::Error)]
pub enum PeekerError {
    /// Bad arguments or configuration given by the developer (`invalid_api_key`,
    /// `invalid_base_url`, `invalid_argument`).
    Config { code: String, detail: String },
    /// Input that breaks the API's rules (`invalid_request`): `report` holds
    /// every violation with its `path`.
    Validation { code: String, detail: String, report: Report },
    /// JSON text that cannot be read; `line`/`column` are 1-based.
    Json { code: String, detail: String, line: Option<i32>, column: Option<i32> },
    /// A webhook delivery that is not authentic or cannot be read.
    Webhook { code: String, detail: String },
    /// An error response of the API: Peeker's own `code` (unknown codes kept as
    /// sent) or `unexpected_response`; `field` is the request field at fault,
    /// `details_json` Peeker's `error.details` (its shape depends on the code)
    /// as JSON text, `request_id` the `Peeker-Request-Id` to quote to support.
    /// For `retry_advice`: `Failure.Status(status, retry_after_seconds)`.
    Api {
        code: String,
        detail: String,
        status: i32,
        field: Option<String>,
        details_json: Option<String>,
        request_id: Option<String>,
        retry_after_seconds: Option<i64>,
    },
    /// A bug in the SDK.
    Internal { code: String, detail: String },
}

impl PeekerError {
    fn code_and_detail(&self) -> (&str, &str) {
        match self {
            Self::Config { code, detail }
            | Self::Validation { code, detail, .. }
            | Self::Json { code, detail, .. }
            | Self::Webhook { code, detail }
            | Self::Api { code, detail, .. }
            | Self::Internal { code, detail } => (code, detail),
        }
    }
}

impl fmt::Display for PeekerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (code, detail) = self.code_and_detail();
        write!(f, "{code}: {detail}")
    }
}

impl std::error::Error for PeekerError {}

/// Positions fit easily; saturate anyway rather than wrap.
fn int32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl From<peeker_core::Error> for PeekerError {
    fn from(err: peeker_core::Error) -> Self {
        let (code, detail) = (err.code.as_str().to_owned(), err.message);
        match err.code.kind() {
            ErrorKind::Config => Self::Config { code, detail },
            ErrorKind::Validation => {
                Self::Validation { code, detail, report: err.report.map(|r| Report::from(&*r)).unwrap_or_default() }
            }
            ErrorKind::Json => Self::Json {
                code,
                detail,
                line: err.position.map(|p| int32(p.line)),
                column: err.position.map(|p| int32(p.column)),
            },
            ErrorKind::Webhook => Self::Webhook { code, detail },
            // The core answers for the API with `ApiError`; an `Error` of this family has no response.
            ErrorKind::Api => Self::Api {
                code,
                detail,
                status: 0,
                field: None,
                details_json: None,
                request_id: None,
                retry_after_seconds: None,
            },
            ErrorKind::Internal => Self::Internal { code, detail },
        }
    }
}

impl From<peeker_core::ApiError> for PeekerError {
    fn from(err: peeker_core::ApiError) -> Self {
        Self::Api {
            code: err.code,
            detail: err.message,
            status: i32::from(err.status),
            field: err.field,
            details_json: err.details.to_host(),
            request_id: err.request_id,
            retry_after_seconds: err.retry_after_seconds.to_host(),
        }
    }
}

type Result<T> = std::result::Result<T, PeekerError>;

fn invalid_argument(detail: impl Into<String>) -> PeekerError {
    PeekerError::Config { code: peeker_core::Code::InvalidArgument.as_str().to_owned(), detail: detail.into() }
}

fn internal(detail: impl Into<String>) -> PeekerError {
    PeekerError::Internal { code: peeker_core::Code::InternalError.as_str().to_owned(), detail: detail.into() }
}

/// The device clock in Unix seconds.
fn unix_now() -> i64 {
    let secs = |d: std::time::Duration| i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => secs(since),
        Err(before) => -secs(before.duration()),
    }
}

// The defaults in the export attributes must be literals; keep them tied to the core.
const _: () = assert!(DEFAULT_TOLERANCE_SECONDS == 300);

// ---- Results -----------------------------------------------------------------

/// Whether a violation blocks the request (`Error`) or is advice (`Warning`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem at one place of the validated object.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Violation {
    /// Stable snake_case code (`required`, `invalid_email`, `domain_count_mismatch`, ...).
    pub code: String,
    /// JSON-path-like: `""` for the whole object, `personas[2].profile_picture_url`.
    pub path: String,
    /// For people; never holds a secret.
    pub message: String,
    pub severity: Severity,
}

/// Every violation found (never only the first). `valid` is true when none is
/// at error level (warnings allowed).
#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct Report {
    pub valid: bool,
    pub violations: Vec<Violation>,
}

impl From<&peeker_core::Report> for Report {
    fn from(report: &peeker_core::Report) -> Self {
        let violations = report
            .violations
            .iter()
            .map(|v| Violation {
                code: v.code.as_str().to_owned(),
                path: v.path.clone(),
                message: v.message.clone(),
                severity: match v.severity {
                    peeker_core::Severity::Error => Severity::Error,
                    peeker_core::Severity::Warning => Severity::Warning,
                },
            })
            .collect();
        Report { valid: report.is_valid(), violations }
    }
}

/// A picked domain that serves neither provider the order still needs, and
/// why (`invalid`, `duplicate`, `unknown`, `premium`, `not_needed`, or the
/// availability row's reason such as `taken`).
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct UnusableDomain {
    pub domain: String,
    pub reason: String,
}

/// Which picked domains serve Google and which Microsoft, what is still
/// missing, and which picks cannot be used.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct Plan {
    pub google: Vec<String>,
    pub microsoft: Vec<String>,
    pub missing: RequiredDomains,
    pub unusable: Vec<UnusableDomain>,
}

/// Whether a retry sent now is still inside Peeker's 24-hour order dedupe window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Record)]
pub struct DedupeWindow {
    pub inside: bool,
    /// Unix seconds when the window closes: from then on the same body places a new order.
    pub expires_at: i64,
    /// Seconds left, 0 once closed.
    pub remaining_seconds: i64,
}

impl From<peeker_core::DedupeWindow> for DedupeWindow {
    fn from(w: peeker_core::DedupeWindow) -> Self {
        DedupeWindow { inside: w.inside, expires_at: w.expires_at, remaining_seconds: w.remaining_seconds }
    }
}

/// When the first attempt of an order was sent, for `retry_advice`; `now`
/// defaults to the device clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Dedupe {
    /// Unix seconds.
    pub first_sent_at: i64,
    /// Unix seconds; null for the device clock.
    #[uniffi(default = None)]
    pub now: Option<i64>,
}

/// What a successful verification learned: only what the signature covers
/// (dedupe on the verified event's `id`, spec/DECISIONS.md D6).
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Verified {
    /// The signed Unix timestamp (seconds).
    pub timestamp: i64,
}

/// How an attempt failed, for `retry_advice`.
#[derive(Clone, Copy, Debug, PartialEq, uniffi::Enum)]
pub enum Failure {
    /// No response: connection refused or reset, timeout, DNS failure.
    Network,
    /// An HTTP response with a failure status: a `PeekerError.Api` passes its
    /// `status` and `retry_after_seconds`. The wait is in seconds as a server
    /// may write it (a fraction is rounded up, like in every host).
    Status { status: i32, retry_after_seconds: Option<f64> },
}

/// Whether to send the same request again (for an order: the same bytes), and after how long.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct RetryAdvice {
    pub retry: bool,
    /// Wait this long first (0 when `retry` is false).
    pub delay_ms: i64,
    /// Stable snake_case reason (`rate_limited`, `server_error`, `dedupe_window_closed`, ...).
    pub reason: String,
    /// The reason for people.
    pub message: String,
}

/// Which Peeker environment a key belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum Environment {
    /// `pk_live_` keys: real provisioning, billed.
    Live,
    /// `pk_test_` keys: the sandbox.
    Test,
}

/// One HTTP request, ready to send as it is: copy the method, the URL, every
/// header and the body bytes (byte for byte: an order's bytes are what Peeker's
/// 24-hour dedupe compares). `toString()`/`description` never show the API key
/// (`Authorization` is redacted) nor the body (it may hold a password).
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug, Display)]
pub struct HttpRequest {
    /// `GET`, `POST`, `PATCH` or `DELETE`.
    pub method: String,
    /// The absolute URL, query string included.
    pub url: String,
    /// Header names and values (the `Authorization` value holds the key in clear: it must).
    pub headers: HashMap<String, String>,
    /// The body (UTF-8 JSON), or null for requests without one.
    pub body: Option<Vec<u8>>,
}

impl From<peeker_core::HttpRequest> for HttpRequest {
    fn from(request: peeker_core::HttpRequest) -> Self {
        HttpRequest {
            method: request.method.as_str().to_owned(),
            url: request.url,
            headers: request.headers.into_iter().collect(),
            body: request.body,
        }
    }
}

/// `HttpRequest(method=POST, url=..., headers={Authorization=[redacted], ...}, body=<412 bytes>)`.
impl fmt::Display for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut headers: Vec<(&String, &String)> = self.headers.iter().collect();
        headers.sort();
        write!(f, "HttpRequest(method={}, url={}, headers={{", self.method, self.url)?;
        for (i, (name, value)) in headers.into_iter().enumerate() {
            let secret = name.eq_ignore_ascii_case(peeker_core::request::HEADER_AUTHORIZATION);
            let shown = if secret { "[redacted]" } else { value.as_str() };
            write!(f, "{}{name}={shown}", if i == 0 { "" } else { ", " })?;
        }
        match &self.body {
            Some(body) => write!(f, "}}, body=<{} bytes>)", body.len()),
            None => write!(f, "}}, body=null)"),
        }
    }
}

fn many(requests: Vec<peeker_core::HttpRequest>) -> Vec<HttpRequest> {
    requests.into_iter().map(HttpRequest::from).collect()
}

// ---- Canonical JSON and webhooks ----------------------------------------------

/// Canonicalize a JSON text (RFC 8785).
#[uniffi::export]
pub fn canonicalize(text: String) -> Result<String> {
    guard(|| Ok(peeker_core::canonicalize(&text)?))
}

/// The `Peeker-Signature` value (`v1=<hex>`) for `body` signed at `timestamp`
/// (for tests and local tools: Peeker signs real deliveries).
#[uniffi::export]
pub fn sign_webhook(secret: String, timestamp: i64, body: Vec<u8>) -> Result<String> {
    guard(|| Ok(peeker_core::sign_webhook(&secret, timestamp, &body)?))
}

/// Verify a webhook delivery from its RAW body bytes (exactly as received: a
/// body parsed and re-serialized no longer matches) and its headers (names
/// case-insensitive; join repeated headers with ", "). `secrets`: every
/// secret currently valid (rotation). `now`: Unix seconds, default the device
/// clock; `tolerance` in seconds.
#[uniffi::export(default(now = None, tolerance = 300))]
pub fn verify_webhook(
    body: Vec<u8>,
    headers: HashMap<String, String>,
    secrets: Vec<String>,
    now: Option<i64>,
    tolerance: i64,
) -> Result<Verified> {
    guard(|| {
        let now = now.unwrap_or_else(unix_now);
        let verified = peeker_core::verify_webhook(&body, headers, &secrets, now, tolerance)?;
        Ok(Verified { timestamp: verified.timestamp })
    })
}

/// `verify_webhook`, then parse the body into an [`Event`]: what a webhook
/// handler calls with the raw request body.
#[uniffi::export(default(now = None, tolerance = 300))]
pub fn construct_event(
    body: Vec<u8>,
    headers: HashMap<String, String>,
    secrets: Vec<String>,
    now: Option<i64>,
    tolerance: i64,
) -> Result<Event> {
    guard(|| {
        let now = now.unwrap_or_else(unix_now);
        peeker_core::construct_event(&body, headers, &secrets, now, tolerance)?.try_into()
    })
}

/// Parse an event body WITHOUT verifying it: only for bodies verified
/// elsewhere or replayed from storage (anyone can post to a webhook URL).
#[uniffi::export]
pub fn parse_event(body: Vec<u8>) -> Result<Event> {
    guard(|| peeker_core::parse_event(&body)?.try_into())
}

// ---- Orders, sizing, planning, dedupe ------------------------------------------

/// What the order validator knows besides the order, from records.
fn order_context(
    bundle: Option<Bundle>,
    availability: Option<Vec<AvailabilityRow>>,
) -> Result<peeker_core::host::Context<'static>> {
    let bundle = bundle.map(|b| to_value(&b, "bundle")).transpose()?;
    let rows = availability.map(|rows| to_value(&rows, "availability")).transpose()?;
    Ok(peeker_core::host::Context::new(bundle, rows.as_ref()))
}

/// Validate an order given as JSON text of any shape, and return ALL
/// violations. `bundle` (its `required_domains` size the order) and the
/// `availability` rows of the picked domains are checked against when given.
/// For a `NewOrder`: `order.validate_against(bundle, availability)`.
#[uniffi::export(default(bundle = None, availability = None))]
pub fn validate_order(
    order: String,
    bundle: Option<Bundle>,
    availability: Option<Vec<AvailabilityRow>>,
) -> Result<Report> {
    guard(|| report_of(&order, &order_context(bundle, availability)?))
}

/// The report of an order given as JSON text.
fn report_of(order: &str, context: &peeker_core::host::Context<'_>) -> Result<Report> {
    Ok(Report::from(&peeker_core::validate_order(&json_arg(order, "order")?, context.get())))
}

/// The domains an order needs, from the sizing fields of a bundle
/// (`monthly_sending_volume`, the percents, `send_on_weekends`,
/// `google_inboxes_per_domain`) as JSON text: a pricing form before the
/// bundle exists, or `bundle.to_json()`. Invalid fields: `PeekerError.Validation`.
#[uniffi::export]
pub fn estimate_required_domains(params: String) -> Result<RequiredDomains> {
    guard(|| Ok(peeker_core::estimate_required_domains(&json_arg(&params, "params")?)?.to_host()))
}

/// Assign the `picked` domains to Microsoft and Google, given the
/// availability rows (`check_availability`'s `data.domains`).
#[uniffi::export]
pub fn plan_domains(
    required: RequiredDomains,
    picked: Vec<String>,
    availability: Vec<AvailabilityRow>,
) -> Result<Plan> {
    guard(|| {
        let rows = to_value(&availability, "availability")?;
        plan_of(required, picked, &peeker_core::PreparedAvailability::parse(&rows))
    })
}

fn plan_of(
    required: RequiredDomains,
    picked: Vec<String>,
    availability: &peeker_core::PreparedAvailability,
) -> Result<Plan> {
    let plan = peeker_core::host::plan_domains(&to_value(&required, "required")?, &json!(picked), availability)?;
    let unusable = plan
        .unusable
        .iter()
        .map(|(domain, why)| UnusableDomain { domain: domain.clone(), reason: why.as_str().to_owned() })
        .collect();
    Ok(Plan { google: plan.google, microsoft: plan.microsoft, missing: plan.missing.to_host(), unusable })
}

/// The exact bytes to POST for an order (normalized, RFC 8785): the same
/// content always gives the same bytes, so a retry is deduplicated by Peeker.
#[uniffi::export]
pub fn order_body(order: NewOrder) -> Result<Vec<u8>> {
    guard(|| Ok(peeker_core::order_body(&to_value(&order, "order")?)?))
}

/// The lowercase hex SHA-256 of a body: a stable name for "this order".
#[uniffi::export]
pub fn dedupe_key(body: Vec<u8>) -> String {
    peeker_core::dedupe_key(&body)
}

/// The dedupe window as the core reads `{first_sent_at, now?}`, `now`
/// defaulting to the device clock.
fn window(first_sent_at: i64, now: Option<i64>) -> Result<peeker_core::DedupeWindow> {
    let value = json!({"first_sent_at": first_sent_at, "now": now});
    peeker_core::host::dedupe(&value, unix_now())?.ok_or_else(|| internal("no dedupe window for a first send time"))
}

/// Whether a retry at `now` (default: the device clock) of an order first
/// sent at `first_sent_at` (Unix seconds) is still deduplicated.
#[uniffi::export(default(now = None))]
pub fn dedupe_window(first_sent_at: i64, now: Option<i64>) -> Result<DedupeWindow> {
    guard(|| Ok(window(first_sent_at, now)?.into()))
}

// ---- Responses and retries ---------------------------------------------------

/// The core's parse of a response to `operation` (for the generated
/// `parse_<operation>_response`).
fn parse(
    operation: peeker_core::Operation,
    status: i32,
    headers: HashMap<String, String>,
    body: &[u8],
) -> Result<peeker_core::Response> {
    let status = u16::try_from(status).map_err(|_| invalid_argument("`status` must be an HTTP status"))?;
    Ok(peeker_core::parse_response(operation, status, headers, body)?)
}

/// The core parsed a response into another operation's type: a bug.
fn unexpected_data() -> PeekerError {
    internal("the response's data does not have its operation's type")
}

/// Whether to retry `operation` after attempt number `attempt` (from 1)
/// failed. `jitter`: a random number in 0..1 drawn by the caller. For
/// `create_order`, `dedupe` says when the FIRST attempt was sent: an order is
/// retried only inside Peeker's 24-hour dedupe window (without it, never).
#[uniffi::export(default(attempt = 1, dedupe = None))]
pub fn retry_advice(
    operation: Operation,
    failure: Failure,
    attempt: i32,
    jitter: f64,
    dedupe: Option<Dedupe>,
) -> Result<RetryAdvice> {
    guard(|| {
        let failure = peeker_core::host::failure(&match failure {
            Failure::Network => json!("network"),
            Failure::Status { status, retry_after_seconds } => {
                json!({"status": status, "retry_after_seconds": retry_after_seconds})
            }
        })?;
        let attempt = u32::try_from(attempt).map_err(|_| invalid_argument("`attempt` must not be negative"))?;
        let dedupe = dedupe.map(|d| window(d.first_sent_at, d.now)).transpose()?;
        let advice = peeker_core::retry_advice(operation.into(), failure, attempt, jitter, dedupe);
        Ok(RetryAdvice {
            retry: advice.retry,
            delay_ms: advice.delay_ms.to_host(),
            reason: advice.reason.as_str().to_owned(),
            message: advice.message,
        })
    })
}

/// The core's version (the `User-Agent` carries `peeker-core/<version>`).
#[uniffi::export]
pub fn version() -> String {
    peeker_core::VERSION.to_owned()
}

// ---- Client ------------------------------------------------------------------

/// Builds the requests of the Peeker partner API; holds no connection. Every
/// builder validates first and throws (`PeekerError.Validation` with the whole
/// report, or `Config` for a malformed id) instead of building an invalid
/// request; batch builders split what the API caps into several requests.
/// `toString()`/`description` never show the key.
#[derive(uniffi::Object)]
#[uniffi::export(Debug, Display)]
pub struct Client {
    inner: peeker_core::Client,
}

/// `Client(environment=test, base_url=https://..., api_key=[redacted])`.
impl fmt::Display for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let environment = self.inner.environment().as_str();
        write!(f, "Client(environment={environment}, base_url={}, api_key=[redacted])", self.inner.base_url())
    }
}

#[uniffi::export]
impl Client {
    /// A client for `api_key` (`pk_live_...` or `pk_test_...`); `base_url`
    /// defaults to `https://api.peeker.ai/partner/v1`; `user_agent` is appended
    /// to `peeker-core/<version>`.
    #[uniffi::constructor(default(base_url = None, user_agent = None))]
    pub fn new(api_key: String, base_url: Option<String>, user_agent: Option<String>) -> Result<Self> {
        guard(|| {
            let options = peeker_core::ClientOptions { base_url, user_agent };
            Ok(Client { inner: peeker_core::Client::new(&api_key, options)? })
        })
    }

    /// Live or test, from the key's prefix.
    pub fn environment(&self) -> Environment {
        match self.inner.environment() {
            peeker_core::Environment::Live => Environment::Live,
            peeker_core::Environment::Test => Environment::Test,
        }
    }

    /// The base URL in use.
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }

    /// The `User-Agent` every request carries.
    pub fn user_agent(&self) -> String {
        self.inner.user_agent().to_owned()
    }

    /// The next page of a list: `links_next` is a page response's
    /// `next_link`, used as it is (it must stay on the API's host and path).
    pub fn next_page(&self, links_next: String) -> Result<HttpRequest> {
        guard(|| Ok(self.inner.next_page(&links_next)?.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_keep_code_and_position() {
        let err = canonicalize("[1,]".to_owned()).err();
        assert!(
            matches!(&err, Some(PeekerError::Json { code, line: Some(1), .. }) if code == "invalid_json"),
            "{err:?}"
        );
        let err = sign_webhook(String::new(), 1, Vec::new()).err();
        assert!(matches!(&err, Some(PeekerError::Config { code, .. }) if code == "invalid_argument"));
    }

    #[test]
    fn verify_defaults_to_the_clock() {
        let now = unix_now();
        let body = b"{}".to_vec();
        let signature = sign_webhook("whsec_x".to_owned(), now, body.clone()).unwrap_or_default();
        let headers = HashMap::from([
            ("Peeker-Timestamp".to_owned(), now.to_string()),
            ("Peeker-Signature".to_owned(), signature),
        ]);
        let verified = verify_webhook(body, headers, vec!["whsec_x".to_owned()], None, 300);
        assert_eq!(verified.map(|v| v.timestamp).ok(), Some(now));
    }

    #[test]
    fn requests_print_without_the_key_or_the_body() {
        let client = Client::new("pk_test_do_not_print".to_owned(), None, None);
        let request = client.and_then(|c| c.get_user("usr_1".to_owned())).map(|r| format!("{r} {r:?}"));
        let shown = request.unwrap_or_default();
        assert!(shown.contains("Authorization=[redacted]") && !shown.contains("do_not_print"), "{shown}");
    }

    #[test]
    fn validation_errors_carry_the_report() {
        let body =
            UserCreate { email: " ".to_owned(), first_name: None, last_name: None, sequencer: None, extra_json: None };
        let err = Client::new("pk_test_x1".to_owned(), None, None).and_then(|c| c.create_user(body));
        let report = match err {
            Err(PeekerError::Validation { report, .. }) => report,
            _ => Report::default(),
        };
        assert!(report.violations.iter().any(|v| v.code == "empty" && v.path == "email"), "{report:?}");
        assert!(!report.valid);
    }

    #[test]
    fn api_errors_keep_peekers_code() {
        let body = br#"{"error":{"code":"rate_limited","message":"slow down","details":{"retry_after_seconds":7}}}"#;
        let err = parse_get_me_response(429, HashMap::new(), body.to_vec()).err();
        assert!(
            matches!(&err, Some(PeekerError::Api { code, status: 429, retry_after_seconds: Some(7), .. }) if code == "rate_limited"),
            "{err:?}"
        );
    }

    #[test]
    fn responses_are_typed_and_absent_members_stay_null() -> Result<()> {
        let body = br#"{"data": {"id": "ord_2", "status": "in_progress", "note": "kept"}}"#;
        let response = parse_get_order_response(200, HashMap::new(), body.to_vec())?;
        assert_eq!((response.data.id.as_str(), &response.data.status), ("ord_2", &Some(OrderStatus::InProgress)));
        assert_eq!((&response.data.personas, &response.data.costs), (&None, &None));
        assert_eq!(response.data.extra_json.as_deref(), Some(r#"{"note":"kept"}"#));
        assert_eq!(response.data.to_json()?, r#"{"id":"ord_2","note":"kept","status":"in_progress"}"#);
        let page = br#"{"data": [], "links": {"next": "/users?page_token=x"}, "meta": {}}"#;
        let response = parse_list_users_response(200, HashMap::new(), page.to_vec())?;
        assert_eq!(response.next_link.as_deref(), Some("/users?page_token=x"));
        let deleted = parse_delete_user_response(204, HashMap::new(), Vec::new())?;
        assert_eq!(deleted.data, None);
        Ok(())
    }

    #[test]
    fn retry_advice_reads_the_dedupe_window_from_the_clock() -> Result<()> {
        let failure = Failure::Status { status: 503, retry_after_seconds: None };
        let recent = Dedupe { first_sent_at: unix_now() - 60, now: None };
        let advice = retry_advice(Operation::CreateOrder, failure, 1, 0.0, Some(recent))?;
        assert_eq!((advice.retry, advice.reason.as_str()), (true, "server_error"));
        let advice = retry_advice(Operation::CreateOrder, failure, 1, 0.0, None)?;
        assert_eq!(advice.reason, "dedupe_window_unknown");
        assert!(matches!(retry_advice(Operation::GetMe, failure, -1, 0.0, None), Err(PeekerError::Config { .. })));
        Ok(())
    }
}
