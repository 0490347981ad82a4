//! UniFFI binding of peeker-core for Kotlin (`ai.peeker.core`) and Swift
//! (`PeekerCore`). A table of host names -> core functions plus type and error
//! conversion; every rule lives in the core.
//!
//! Conventions:
//! - JSON values (orders, bundles, query options, domain lists, API data) cross
//!   as JSON text, parsed with the core's parser as `peeker_core::host` parses
//!   them; a text that is not valid JSON (or repeats a key) is `invalid_argument`. An order can
//!   also be built as a `NewOrder` record and written with `orderJson` (order.rs).
//! - What the SDK computes crosses as typed records (`Report`, `Plan`, `Event`,
//!   `Response`, ...). Counts are `i64` and statuses `i32` (Kotlin `Long`/`Int`,
//!   Swift `Int64`/`Int32`) rather than unsigned types, which are awkward in Kotlin.
//! - `now` defaults to the device clock: the core reads no clock, its hosts do.

// `PeekerError` is the shape the foreign error classes get (UniFFI copies its
// fields into Kotlin/Swift): its fields stay inline rather than boxed.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use peeker_core::event::EventData;
use peeker_core::plan::AvailabilityRow;
use peeker_core::validate::{self, ImportMode, OrderContext};
use peeker_core::{DEFAULT_TOLERANCE_SECONDS, ErrorKind};
use serde_json::{Value, json};

uniffi::setup_scaffolding!();

/// `Debug` prints what `Display` prints, the redacted form: types that hold a
/// secret (the API key, a body with a password) never derive `Debug`.
macro_rules! debug_as_display {
    ($($type:ty),*) => {$(
        impl fmt::Debug for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self, f)
            }
        }
    )*};
}

debug_as_display!(HttpRequest, Client);

mod order;
pub use order::{DomainPick, NewOrder, Persona, Sequencer, order_json};

// ---- Errors ------------------------------------------------------------------

/// Runs an export, turning a panic into `Internal` (`internal_error`) here
/// rather than leaving it to UniFFI's generic exception.
fn guard<T>(body: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or_else(|_| {
        Err(PeekerError::Internal {
            code: "internal_error".to_owned(),
            detail: "peeker-core failed unexpectedly; please report this".to_owned(),
        })
    })
}

/// Panics on purpose inside [`guard`]: tests prove with it that a panic
/// reaches Kotlin and Swift as `Internal` with code `internal_error`. Not part of the API.
#[uniffi::export]
pub fn panic_for_tests() -> Result<String> {
    guard(|| Ok(peeker_core::host::panic_for_tests()?))
}

/// The one error of the SDK, one case per family of the core's codes. Every
/// case carries the stable snake_case `code` and a `detail` for people (not
/// `message`: Kotlin exceptions already have one). Neither ever holds a secret.
#[derive(Debug, uniffi::Error)]
pub enum PeekerError {
    /// Bad arguments or configuration given by the developer (`invalid_api_key`,
    /// `invalid_base_url`, `invalid_argument`).
    Config { code: String, detail: String },
    /// Input that breaks the API's rules (`invalid_request`): `report` holds
    /// every violation with its path.
    Validation { code: String, detail: String, report: Report },
    /// JSON text that cannot be canonicalized; `line`/`column` are 1-based.
    Json { code: String, detail: String, line: Option<i32>, column: Option<i32> },
    /// A webhook delivery that is not authentic or cannot be read.
    Webhook { code: String, detail: String },
    /// An error response of the API: Peeker's own `code` (unknown codes kept as
    /// sent) or `unexpected_response`. `details_json` is Peeker's `error.details`
    /// as JSON text; `request_id` the `Peeker-Request-Id` to quote to support.
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

/// Positions and counts fit easily; saturate anyway rather than wrap.
fn int32(n: impl TryInto<i32>) -> i32 {
    n.try_into().unwrap_or(i32::MAX)
}

fn int64(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
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
            details_json: err.details.map(|d| d.to_string()),
            request_id: err.request_id,
            retry_after_seconds: err.retry_after_seconds.map(int64),
        }
    }
}

type Result<T> = std::result::Result<T, PeekerError>;

fn invalid_argument(detail: String) -> PeekerError {
    PeekerError::Config { code: peeker_core::Code::InvalidArgument.as_str().to_owned(), detail }
}

fn internal(detail: String) -> PeekerError {
    PeekerError::Internal { code: peeker_core::Code::InternalError.as_str().to_owned(), detail }
}

/// A JSON-text argument as a value, read by the core's parser as every JSON
/// text is: a key given twice is refused (not silently the last value wins),
/// within the size limits. Its messages give the position and quote at most a
/// repeated key, never a value (which may be a password).
fn json_arg(text: &str, name: &str) -> Result<Value> {
    let parsed = peeker_core::canonical::parse_json(text, peeker_core::canonical::Limits::default());
    parsed.map_err(|e| invalid_argument(format!("`{name}` is not valid JSON text: {}", e.message)))
}

fn json_text(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| internal(e.to_string()))
}

/// The device clock in Unix seconds.
fn unix_now() -> i64 {
    let secs = |d: std::time::Duration| int64(d.as_secs());
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => secs(since),
        Err(before) => -secs(before.duration()),
    }
}

// The defaults in the export attributes must be literals; keep them tied to the core.
const _: () = assert!(DEFAULT_TOLERANCE_SECONDS == 300);

// ---- Records -----------------------------------------------------------------

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

/// Domains an order needs, per provider (`total` = google + microsoft).
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Record)]
pub struct RequiredDomains {
    pub google: i64,
    pub microsoft: i64,
    pub total: i64,
}

impl From<peeker_core::RequiredDomains> for RequiredDomains {
    fn from(r: peeker_core::RequiredDomains) -> Self {
        RequiredDomains { google: int64(r.google), microsoft: int64(r.microsoft), total: int64(r.total) }
    }
}

impl TryFrom<RequiredDomains> for peeker_core::RequiredDomains {
    type Error = PeekerError;

    fn try_from(r: RequiredDomains) -> Result<Self> {
        let count = |n: i64, name: &str| {
            u64::try_from(n).map_err(|_| invalid_argument(format!("required.{name} must not be negative")))
        };
        Ok(peeker_core::RequiredDomains {
            google: count(r.google, "google")?,
            microsoft: count(r.microsoft, "microsoft")?,
            total: count(r.total, "total")?,
        })
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
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
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

/// What a successful verification learned from the headers.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Verified {
    /// The signed Unix timestamp (seconds).
    pub timestamp: i64,
    /// `Peeker-Event-Id`, when present: handlers dedupe on it.
    pub event_id: Option<String>,
}

/// A webhook event `{id, type, created_at, data}`. Deliveries repeat and
/// arrive out of order: dedupe on `id`.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Event {
    /// `evt_...`.
    pub id: String,
    /// `order.completed`, ...; unknown types are kept as sent.
    pub r#type: String,
    pub created_at: Option<String>,
    /// The data's family: `order`, `domain`, `domain_import`, `swap`, or
    /// `unknown` (a type this SDK does not know; `data_json` is then the raw data).
    pub kind: String,
    /// The id of the order, domain, import job or swap (null for `unknown`).
    pub data_id: Option<String>,
    /// The typed data as JSON text (for `order.completed`: the full order).
    pub data_json: String,
    /// Envelope members this SDK does not know, as a JSON object text.
    pub extra_json: String,
}

impl TryFrom<peeker_core::Event> for Event {
    type Error = PeekerError;

    fn try_from(event: peeker_core::Event) -> Result<Self> {
        let (kind, data_id, data_json) = match &event.data {
            EventData::Order(order) => ("order", Some(order.id.clone()), json_text(order)?),
            EventData::Domain(domain) => ("domain", Some(domain.id.clone()), json_text(domain)?),
            EventData::DomainImport(job) => ("domain_import", Some(job.id.clone()), json_text(job)?),
            EventData::Swap(swap) => ("swap", Some(swap.id.clone()), json_text(swap)?),
            EventData::Unknown(raw) => ("unknown", None, json_text(raw)?),
        };
        Ok(Event {
            id: event.id,
            r#type: event.event_type.as_str().to_owned(),
            created_at: event.created_at,
            kind: kind.to_owned(),
            data_id,
            data_json,
            extra_json: json_text(&event.extra)?,
        })
    }
}

/// A parsed success response.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Response {
    /// The HTTP status (2xx).
    pub status: i32,
    /// The `Peeker-Request-Id` header, when present.
    pub request_id: Option<String>,
    /// The typed `data` as JSON text (a list: the whole page `{data, links,
    /// meta}`; a deletion without a body: `null`). Unknown fields are kept.
    pub data_json: String,
    /// A page's `links.next`, for `Client.nextPage`; null on the last page and
    /// for data that is not a page.
    pub next_link: Option<String>,
}

/// How an attempt failed, for `retry_advice`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum Failure {
    /// No response: connection refused or reset, timeout, DNS failure.
    Network,
    /// An HTTP response with a failure status (`PeekerError.Api` carries both fields).
    Status { status: i32, retry_after_seconds: Option<i64> },
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
        Ok(Verified { timestamp: verified.timestamp, event_id: verified.event_id })
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

// ---- Validation --------------------------------------------------------------

fn report(input: &str, validate: impl FnOnce(&Value) -> peeker_core::Report) -> Result<Report> {
    Ok(Report::from(&validate(&json_arg(input, "input")?)))
}

/// A JSON-text argument that may be absent; JSON `null` counts as absent.
fn optional_arg(text: Option<String>, name: &str) -> Result<Option<Value>> {
    Ok(text.map(|t| json_arg(&t, name)).transpose()?.filter(|v| !v.is_null()))
}

/// Validate an order (JSON text of any shape) and return ALL violations.
/// `bundle`: the bundle JSON (its `required_domains` sizes the order);
/// `availability`: the availability rows, or a whole availability response.
#[uniffi::export(default(bundle = None, availability = None))]
pub fn validate_order(order: String, bundle: Option<String>, availability: Option<String>) -> Result<Report> {
    guard(|| {
        let order = json_arg(&order, "order")?;
        let bundle = optional_arg(bundle, "bundle")?;
        let rows = optional_arg(availability, "availability")?.map(|a| AvailabilityRow::parse_rows(&a));
        let context = OrderContext { bundle: bundle.as_ref(), availability: rows.as_deref() };
        Ok(Report::from(&validate::validate_order(&order, context)))
    })
}

/// The body of `POST /bundles`.
#[uniffi::export]
pub fn validate_bundle(input: String) -> Result<Report> {
    guard(|| report(&input, validate::validate_bundle))
}

/// The body of `PATCH /bundles/{id}`.
#[uniffi::export]
pub fn validate_bundle_patch(input: String) -> Result<Report> {
    guard(|| report(&input, validate::validate_bundle_patch))
}

/// The body of `POST /users`.
#[uniffi::export]
pub fn validate_user(input: String) -> Result<Report> {
    guard(|| report(&input, validate::validate_user))
}

/// The body of `PATCH /users/{id}`.
#[uniffi::export]
pub fn validate_user_patch(input: String) -> Result<Report> {
    guard(|| report(&input, validate::validate_user_patch))
}

/// The body of `POST /domains/availability`.
#[uniffi::export]
pub fn validate_availability_lookup(input: String) -> Result<Report> {
    guard(|| report(&input, validate::validate_availability_lookup))
}

/// The body of `POST /domains/import` (`job = false`, 1..25 domains) or of
/// `POST /domains/import/jobs` (`job = true`, 1..500).
#[uniffi::export(default(job = false))]
pub fn validate_import(input: String, job: bool) -> Result<Report> {
    guard(|| {
        let mode = if job { ImportMode::Job } else { ImportMode::Sync };
        report(&input, |value| validate::validate_import(value, mode))
    })
}

/// The body of `POST /domains/forwarding`.
#[uniffi::export]
pub fn validate_forwarding(input: String) -> Result<Report> {
    guard(|| report(&input, validate::validate_forwarding))
}

/// The body of `POST /swaps`.
#[uniffi::export]
pub fn validate_swap(input: String) -> Result<Report> {
    guard(|| report(&input, validate::validate_swap))
}

/// The body of `POST /swaps/user_names`.
#[uniffi::export]
pub fn validate_user_name_swap(input: String) -> Result<Report> {
    guard(|| report(&input, validate::validate_user_name_swap))
}

/// The body of `POST /orders/{id}/cancel`.
#[uniffi::export]
pub fn validate_cancellation(input: String) -> Result<Report> {
    guard(|| report(&input, |value| validate::validate_cancellation(Some(value))))
}

// ---- Sizing, planning, dedupe ------------------------------------------------

/// The estimate for bundle fields (`monthly_sending_volume`, the percents,
/// `send_on_weekends`, `google_inboxes_per_domain`), for a pricing form before
/// the bundle exists. Invalid fields: `PeekerError.Validation` with the report.
#[uniffi::export]
pub fn estimate_required_domains(params: String) -> Result<RequiredDomains> {
    guard(|| Ok(peeker_core::estimate_required_domains(&json_arg(&params, "params")?)?.into()))
}

/// A bundle's own `required_domains` (authoritative), or null when the bundle
/// JSON has none that is well formed.
#[uniffi::export]
pub fn required_domains(bundle: String) -> Result<Option<RequiredDomains>> {
    guard(|| Ok(peeker_core::RequiredDomains::from_bundle(&json_arg(&bundle, "bundle")?).map(Into::into)))
}

/// Assign the `picked` domains to Microsoft and Google. `availability`: the
/// rows as JSON text, or a whole availability response's data.
#[uniffi::export]
pub fn plan_domains(required: RequiredDomains, picked: Vec<String>, availability: String) -> Result<Plan> {
    guard(|| {
        let rows = AvailabilityRow::parse_rows(&json_arg(&availability, "availability")?);
        let plan = peeker_core::plan_domains(required.try_into()?, &picked, &rows);
        let unusable = plan
            .unusable
            .iter()
            .map(|(domain, why)| UnusableDomain { domain: domain.clone(), reason: why.as_str().to_owned() })
            .collect();
        Ok(Plan { google: plan.google, microsoft: plan.microsoft, missing: plan.missing.into(), unusable })
    })
}

/// The exact bytes to POST for an order (normalized, RFC 8785): the same
/// content always gives the same bytes, so a retry is deduplicated by Peeker.
#[uniffi::export]
pub fn order_body(order: String) -> Result<Vec<u8>> {
    guard(|| Ok(peeker_core::order_body(&json_arg(&order, "order")?)?))
}

/// The lowercase hex SHA-256 of a body: a stable name for "this order".
#[uniffi::export]
pub fn dedupe_key(body: Vec<u8>) -> String {
    peeker_core::dedupe_key(&body)
}

/// Whether a retry at `now` (default: the device clock) of an order first
/// sent at `first_sent_at` (Unix seconds) is still deduplicated.
#[uniffi::export(default(now = None))]
pub fn dedupe_window(first_sent_at: i64, now: Option<i64>) -> DedupeWindow {
    peeker_core::dedupe_window(first_sent_at, now.unwrap_or_else(unix_now)).into()
}

// ---- Responses and retries ---------------------------------------------------

/// Parse the response to a request built for `operation` (the builder's
/// snake_case name: `get_bundle`, `create_order`, ...; pages from `next_page`
/// use their list's name). Header names compare case-insensitively. A 2xx
/// gives the typed data; anything else throws `PeekerError.Api`.
#[uniffi::export]
pub fn parse_response(
    operation: String,
    status: i32,
    headers: HashMap<String, String>,
    body: Vec<u8>,
) -> Result<Response> {
    guard(|| {
        let operation: peeker_core::Operation = operation.parse()?;
        let status = u16::try_from(status).map_err(|_| invalid_argument(format!("{status} is not an HTTP status")))?;
        let response = peeker_core::parse_response(operation, status, headers, &body)?;
        Ok(Response {
            status: i32::from(response.status),
            request_id: response.request_id.clone(),
            next_link: response.data.next_link().map(str::to_owned),
            data_json: json_text(&response.data)?,
        })
    })
}

/// Whether to retry `operation` after attempt number `attempt` (from 1)
/// failed. `jitter`: a random number in 0..1 drawn by the caller. For
/// `create_order`, `dedupe` is `dedupe_window(first_sent_at)` of the FIRST
/// attempt: an order is retried only inside Peeker's 24-hour dedupe window.
#[uniffi::export(default(dedupe = None))]
pub fn retry_advice(
    operation: String,
    failure: Failure,
    attempt: i32,
    jitter: f64,
    dedupe: Option<DedupeWindow>,
) -> Result<RetryAdvice> {
    guard(|| {
        let operation: peeker_core::Operation = operation.parse()?;
        let failure = match failure {
            Failure::Network => peeker_core::Failure::Network,
            Failure::Status { status, retry_after_seconds } => peeker_core::Failure::Status {
                status: u16::try_from(status)
                    .map_err(|_| invalid_argument(format!("{status} is not an HTTP status")))?,
                retry_after_seconds: retry_after_seconds.and_then(|s| u64::try_from(s).ok()),
            },
        };
        let attempt =
            u32::try_from(attempt).map_err(|_| invalid_argument("the attempt must not be negative".into()))?;
        let dedupe = dedupe.map(|w| peeker_core::DedupeWindow {
            inside: w.inside,
            expires_at: w.expires_at,
            remaining_seconds: w.remaining_seconds,
        });
        let advice = peeker_core::retry_advice(operation, failure, attempt, jitter, dedupe);
        Ok(RetryAdvice {
            retry: advice.retry,
            delay_ms: int64(advice.delay_ms),
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
/// JSON arguments are JSON text. `toString()`/`description` never show the key.
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

impl Client {
    /// Calls the core's builder `name` (see `peeker_core::host::BUILDERS`) with named arguments.
    fn requests(&self, name: &str, args: Value) -> Result<Vec<HttpRequest>> {
        let requests = peeker_core::host::build_requests(&self.inner, name, &args)?;
        Ok(requests.into_iter().map(HttpRequest::from).collect())
    }

    fn request(&self, name: &str, args: Value) -> Result<HttpRequest> {
        let requests = self.requests(name, args)?;
        requests.into_iter().next().ok_or_else(|| internal(format!("{name} built no request")))
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

    /// `GET /me`.
    pub fn get_me(&self) -> Result<HttpRequest> {
        guard(|| self.request("get_me", json!({})))
    }

    /// `POST /users`.
    pub fn create_user(&self, body: String) -> Result<HttpRequest> {
        guard(|| self.request("create_user", json!({"body": json_arg(&body, "body")?})))
    }

    /// `GET /users`; `query`: `{email, status, per_page, page_token}`.
    #[uniffi::method(default(query = None))]
    pub fn list_users(&self, query: Option<String>) -> Result<HttpRequest> {
        guard(|| self.request("list_users", json!({"query": optional_arg(query, "query")?})))
    }

    /// `GET /users/{id}`.
    pub fn get_user(&self, id: String) -> Result<HttpRequest> {
        guard(|| self.request("get_user", json!({"id": id})))
    }

    /// `PATCH /users/{id}`.
    pub fn update_user(&self, id: String, body: String) -> Result<HttpRequest> {
        guard(|| self.request("update_user", json!({"id": id, "body": json_arg(&body, "body")?})))
    }

    /// `DELETE /users/{id}`.
    pub fn delete_user(&self, id: String) -> Result<HttpRequest> {
        guard(|| self.request("delete_user", json!({"id": id})))
    }

    /// `POST /bundles`.
    pub fn create_bundle(&self, body: String) -> Result<HttpRequest> {
        guard(|| self.request("create_bundle", json!({"body": json_arg(&body, "body")?})))
    }

    /// `GET /bundles`; `query`: `{status, per_page, page_token}`.
    #[uniffi::method(default(query = None))]
    pub fn list_bundles(&self, query: Option<String>) -> Result<HttpRequest> {
        guard(|| self.request("list_bundles", json!({"query": optional_arg(query, "query")?})))
    }

    /// `GET /bundles/{id}`.
    pub fn get_bundle(&self, id: String) -> Result<HttpRequest> {
        guard(|| self.request("get_bundle", json!({"id": id})))
    }

    /// `PATCH /bundles/{id}`.
    pub fn update_bundle(&self, id: String, body: String) -> Result<HttpRequest> {
        guard(|| self.request("update_bundle", json!({"id": id, "body": json_arg(&body, "body")?})))
    }

    /// `DELETE /bundles/{id}`.
    pub fn delete_bundle(&self, id: String) -> Result<HttpRequest> {
        guard(|| self.request("delete_bundle", json!({"id": id})))
    }

    /// `GET /domains`; `query`: `{category, user_id, user_email, usable_for, status, per_page, page_token}`.
    #[uniffi::method(default(query = None))]
    pub fn list_domains(&self, query: Option<String>) -> Result<HttpRequest> {
        guard(|| self.request("list_domains", json!({"query": optional_arg(query, "query")?})))
    }

    /// `POST /domains/availability`, one request per 50 names; `domains`: a JSON list of names.
    pub fn check_availability(&self, domains: String) -> Result<Vec<HttpRequest>> {
        guard(|| self.requests("check_availability", json!({"domains": json_arg(&domains, "domains")?})))
    }

    /// `POST /domains/import`, one request per 25 names; `domains`: a JSON list of root domains.
    pub fn import_domains(&self, domains: String) -> Result<Vec<HttpRequest>> {
        guard(|| self.requests("import_domains", json!({"domains": json_arg(&domains, "domains")?})))
    }

    /// `POST /domains/import/jobs`, one request per 500 names; `domains`: a JSON list.
    pub fn import_domains_job(&self, domains: String) -> Result<Vec<HttpRequest>> {
        guard(|| self.requests("import_domains_job", json!({"domains": json_arg(&domains, "domains")?})))
    }

    /// `GET /domains/import/{id}`.
    pub fn get_import(&self, id: String) -> Result<HttpRequest> {
        guard(|| self.request("get_import", json!({"id": id})))
    }

    /// `GET /domains/import/jobs/{id}`.
    pub fn get_import_job(&self, id: String) -> Result<HttpRequest> {
        guard(|| self.request("get_import_job", json!({"id": id})))
    }

    /// `GET /domains/import?domains=...`; `domains`: a JSON list.
    pub fn find_imports(&self, domains: String) -> Result<HttpRequest> {
        guard(|| self.request("find_imports", json!({"domains": json_arg(&domains, "domains")?})))
    }

    /// `POST /domains/forwarding`, one request per 25 domains (`dom_` ids or names, a JSON list).
    pub fn update_forwarding(&self, domains: String, forwarding_url: String) -> Result<Vec<HttpRequest>> {
        guard(|| {
            let args = json!({"domains": json_arg(&domains, "domains")?, "forwarding_url": forwarding_url});
            self.requests("update_forwarding", args)
        })
    }

    /// `GET /domains/forwarding/{id}`.
    pub fn get_forwarding_job(&self, id: String) -> Result<HttpRequest> {
        guard(|| self.request("get_forwarding_job", json!({"id": id})))
    }

    /// `POST /orders` with the order's exact bytes (`order_body`), validated
    /// first against the `bundle` and `availability` when given (see `validate_order`).
    #[uniffi::method(default(bundle = None, availability = None))]
    pub fn create_order(
        &self,
        order: String,
        bundle: Option<String>,
        availability: Option<String>,
    ) -> Result<HttpRequest> {
        guard(|| {
            let context = json!({
                "bundle": optional_arg(bundle, "bundle")?,
                "availability": optional_arg(availability, "availability")?,
            });
            self.request("create_order", json!({"order": json_arg(&order, "order")?, "context": context}))
        })
    }

    /// `GET /orders`; `query`: `{user_id, user_email, bundle_id, status, per_page, page_token}`.
    #[uniffi::method(default(query = None))]
    pub fn list_orders(&self, query: Option<String>) -> Result<HttpRequest> {
        guard(|| self.request("list_orders", json!({"query": optional_arg(query, "query")?})))
    }

    /// `GET /orders/{id}`: the full order.
    pub fn get_order(&self, id: String) -> Result<HttpRequest> {
        guard(|| self.request("get_order", json!({"id": id})))
    }

    /// `GET /orders/pending`; `query`: `{order_id, user, domain_id, status, per_page, page_token}`.
    #[uniffi::method(default(query = None))]
    pub fn list_pending_actions(&self, query: Option<String>) -> Result<HttpRequest> {
        guard(|| self.request("list_pending_actions", json!({"query": optional_arg(query, "query")?})))
    }

    /// `POST /orders/{id}/cancel`: the whole order, or `body` `{domains: [...]}`.
    #[uniffi::method(default(body = None))]
    pub fn cancel_order(&self, id: String, body: Option<String>) -> Result<HttpRequest> {
        guard(|| self.request("cancel_order", json!({"id": id, "body": optional_arg(body, "body")?})))
    }

    /// `POST /swaps`.
    pub fn create_swap(&self, body: String) -> Result<HttpRequest> {
        guard(|| self.request("create_swap", json!({"body": json_arg(&body, "body")?})))
    }

    /// `GET /swaps`; `query`: `{user_id, order_id, domain_id, status, per_page, page_token}`.
    #[uniffi::method(default(query = None))]
    pub fn list_swaps(&self, query: Option<String>) -> Result<HttpRequest> {
        guard(|| self.request("list_swaps", json!({"query": optional_arg(query, "query")?})))
    }

    /// `GET /swaps/{id}`.
    pub fn get_swap(&self, id: String) -> Result<HttpRequest> {
        guard(|| self.request("get_swap", json!({"id": id})))
    }

    /// `POST /swaps/user_names`.
    pub fn swap_user_names(&self, body: String) -> Result<HttpRequest> {
        guard(|| self.request("swap_user_names", json!({"body": json_arg(&body, "body")?})))
    }

    /// The next page of a list: `links_next` is a response's `next_link`,
    /// used as it is (it must stay on the API's host and path).
    pub fn next_page(&self, links_next: String) -> Result<HttpRequest> {
        guard(|| self.request("next_page", json!({"links_next": links_next})))
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
        let err = Client::new("pk_test_x1".to_owned(), None, None).and_then(|c| c.create_user("{}".to_owned()));
        let report = match err {
            Err(PeekerError::Validation { report, .. }) => report,
            _ => Report::default(),
        };
        assert!(report.violations.iter().any(|v| v.code == "required" && v.path == "email"), "{report:?}");
        assert!(!report.valid);
    }

    #[test]
    fn api_errors_keep_peekers_code() {
        let body = br#"{"error":{"code":"rate_limited","message":"slow down","details":{"retry_after_seconds":7}}}"#;
        let err = parse_response("get_me".to_owned(), 429, HashMap::new(), body.to_vec()).err();
        assert!(
            matches!(&err, Some(PeekerError::Api { code, status: 429, retry_after_seconds: Some(7), .. }) if code == "rate_limited"),
            "{err:?}"
        );
    }
}
