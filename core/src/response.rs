//! What the host hands back after sending a request: the status, headers and
//! body bytes. Success bodies become typed models, error bodies an
//! [`ApiError`] with Peeker's own code, and [`retry_advice`] says whether and
//! when to send again (spec/DECISIONS.md D7).

use std::fmt;
use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::dedupe::DedupeWindow;
use crate::error::{Code, Error};
use crate::model::{
    AvailabilityRow, Bundle, CancellationReceipt, Domain, Extra, ForwardingJob, ImportJob, Me, Order, Page,
    PendingAction, Swap, User, UserNameSwaps, null_as_default,
};
use crate::request::Method;

/// Every response carries it (`req_...`): quote it to Peeker's support.
pub const HEADER_REQUEST_ID: &str = "Peeker-Request-Id";
/// Seconds to wait, when a server or proxy sends it (HTTP dates are ignored: the core has no clock).
pub const HEADER_RETRY_AFTER: &str = "Retry-After";
const HEADER_CONTENT_TYPE: &str = "Content-Type";
/// The [`ApiError::code`] of a body that is not Peeker's (an HTML page from a
/// proxy, an empty or truncated body, a success without `data`).
pub const UNEXPECTED_RESPONSE: &str = "unexpected_response";

/// Retry policy (spec/DECISIONS.md D7). Attempts are counted from 1; after the
/// `MAX_ATTEMPTS`th has failed, the advice is to stop.
pub const MAX_ATTEMPTS: u32 = 5;
/// Backoff before the second attempt; it doubles with each attempt...
pub const RETRY_BASE_DELAY_MS: u64 = 1_000;
/// ...up to this cap.
pub const RETRY_MAX_DELAY_MS: u64 = 30_000;
/// At most this much jitter is added to a 429's `retry_after_seconds`, so
/// clients told to wait the same time do not all come back at once.
pub const RATE_LIMIT_JITTER_MS: u64 = 1_000;
/// An order retry must reach Peeker this long before the dedupe window
/// closes: room for clock skew between the host and Peeker.
pub const DEDUPE_RETRY_MARGIN_SECONDS: i64 = 300;

/// Whether sending a request twice can do its work twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Repeat {
    /// Reads, updates, deletes, lookups, and POSTs the API deduplicates itself.
    Harmless,
    /// `POST /orders`: deduplicated by body for 24 hours only.
    DedupeWindow,
    /// Creates something each time: retried only when it surely did not run (429).
    Duplicates,
}

macro_rules! operations {
    ($($variant:ident => $text:literal, $method:ident $path:literal, $repeat:ident;)*) => {
        /// An endpoint of the API, named like its builder on [`crate::Client`].
        /// Give it to [`parse_response`] with the response of that builder's
        /// request (the pages of a list come from `next_page`: use the list's operation).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Operation {
            $(#[doc = concat!("`", stringify!($method), " ", $path, "`")] $variant,)*
        }

        impl Operation {
            /// Every operation, in the order of the contract (spec/openapi.yaml).
            pub const ALL: &'static [Operation] = &[$(Operation::$variant,)*];

            /// The snake_case name every host uses (`create_order`).
            pub fn as_str(self) -> &'static str {
                match self { $(Operation::$variant => $text,)* }
            }

            /// The operation called `name`, if there is one.
            pub fn parse(name: &str) -> Option<Operation> {
                match name { $($text => Some(Operation::$variant),)* _ => None }
            }

            /// The HTTP method of its request.
            pub fn method(self) -> Method {
                match self { $(Operation::$variant => Method::$method,)* }
            }

            fn repeat(self) -> Repeat {
                match self { $(Operation::$variant => Repeat::$repeat,)* }
            }
        }
    };
}

// **[decision]** Which POSTs are harmless to repeat: `create_user` (the email is
// unique, a repeat cannot make a second user), availability lookups, imports
// (the same set returns the same job), forwarding (sets the same URL again) and
// cancellations (the same cancellation). Bundles and swaps would be created twice.
operations! {
    GetMe => "get_me", Get "/me", Harmless;
    CreateUser => "create_user", Post "/users", Harmless;
    ListUsers => "list_users", Get "/users", Harmless;
    GetUser => "get_user", Get "/users/{id}", Harmless;
    UpdateUser => "update_user", Patch "/users/{id}", Harmless;
    DeleteUser => "delete_user", Delete "/users/{id}", Harmless;
    CreateBundle => "create_bundle", Post "/bundles", Duplicates;
    ListBundles => "list_bundles", Get "/bundles", Harmless;
    GetBundle => "get_bundle", Get "/bundles/{id}", Harmless;
    UpdateBundle => "update_bundle", Patch "/bundles/{id}", Harmless;
    DeleteBundle => "delete_bundle", Delete "/bundles/{id}", Harmless;
    ListDomains => "list_domains", Get "/domains", Harmless;
    CheckAvailability => "check_availability", Post "/domains/availability", Harmless;
    ImportDomains => "import_domains", Post "/domains/import", Harmless;
    ImportDomainsJob => "import_domains_job", Post "/domains/import/jobs", Harmless;
    GetImport => "get_import", Get "/domains/import/{id}", Harmless;
    GetImportJob => "get_import_job", Get "/domains/import/jobs/{id}", Harmless;
    FindImports => "find_imports", Get "/domains/import?domains=...", Harmless;
    UpdateForwarding => "update_forwarding", Post "/domains/forwarding", Harmless;
    GetForwardingJob => "get_forwarding_job", Get "/domains/forwarding/{id}", Harmless;
    CreateOrder => "create_order", Post "/orders", DedupeWindow;
    ListOrders => "list_orders", Get "/orders", Harmless;
    GetOrder => "get_order", Get "/orders/{id}", Harmless;
    ListPendingActions => "list_pending_actions", Get "/orders/pending", Harmless;
    CancelOrder => "cancel_order", Post "/orders/{id}/cancel", Harmless;
    CreateSwap => "create_swap", Post "/swaps", Duplicates;
    ListSwaps => "list_swaps", Get "/swaps", Harmless;
    GetSwap => "get_swap", Get "/swaps/{id}", Harmless;
    SwapUserNames => "swap_user_names", Post "/swaps/user_names", Duplicates;
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Operation {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self, Error> {
        Operation::parse(name).ok_or_else(|| Error::new(Code::InvalidArgument, format!("`{name}` is not an operation")))
    }
}

/// `POST /domains/availability`: one row per name asked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Availability {
    /// The rows, in no promised order.
    #[serde(default, deserialize_with = "null_as_default")]
    pub domains: Vec<AvailabilityRow>,
    /// Members this SDK does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A success's `data`, typed by operation. Serializes back to the JSON shape
/// of `data` (lists: the whole page, `{data, links, meta}`; `Empty`: null).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Data {
    /// `get_me`.
    Me(Me),
    /// `create_user`, `get_user`, `update_user`, `delete_user`.
    User(User),
    /// `list_users`.
    Users(Page<User>),
    /// `create_bundle`, `get_bundle`, `update_bundle`, `delete_bundle`.
    Bundle(Bundle),
    /// `list_bundles`.
    Bundles(Page<Bundle>),
    /// `list_domains`.
    Domains(Page<Domain>),
    /// `check_availability`.
    Availability(Availability),
    /// `import_domains`, `import_domains_job`, `get_import`, `get_import_job`.
    ImportJob(ImportJob),
    /// `find_imports`.
    ImportJobs(Vec<ImportJob>),
    /// `update_forwarding`, `get_forwarding_job`.
    ForwardingJob(ForwardingJob),
    /// `create_order` (the lean receipt), `get_order` (the full order).
    Order(Order),
    /// `list_orders`.
    Orders(Page<Order>),
    /// `list_pending_actions`.
    PendingActions(Page<PendingAction>),
    /// `cancel_order`.
    Cancellation(CancellationReceipt),
    /// `create_swap`, `get_swap`.
    Swap(Swap),
    /// `list_swaps`.
    Swaps(Page<Swap>),
    /// `swap_user_names`.
    UserNameSwaps(UserNameSwaps),
    /// A deletion answered without a body (or with `data: null`).
    Empty,
}

impl Data {
    /// A page's `links.next`, to give to `Client::next_page`; `None` on the
    /// last page and for data that is not a page.
    pub fn next_link(&self) -> Option<&str> {
        let links = match self {
            Data::Users(page) => &page.links,
            Data::Bundles(page) => &page.links,
            Data::Domains(page) => &page.links,
            Data::Orders(page) => &page.links,
            Data::PendingActions(page) => &page.links,
            Data::Swaps(page) => &page.links,
            _ => return None,
        };
        links.next.as_deref()
    }
}

/// A parsed success.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Response {
    /// The HTTP status (2xx).
    pub status: u16,
    /// The `Peeker-Request-Id` header, when present.
    pub request_id: Option<String>,
    /// The typed `data`.
    pub data: Data,
}

/// A failed request, as Peeker described it. Branch on `code`, never on
/// `message`. Unknown codes are kept as sent; a body that is not Peeker's
/// error shape has the code [`UNEXPECTED_RESPONSE`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ApiError {
    /// Peeker's `error.code` (`invalid_request`, `rate_limited`, ...) or `unexpected_response`.
    pub code: String,
    /// The HTTP status.
    pub status: u16,
    /// Peeker's message, for people.
    pub message: String,
    /// The request field at fault (`invalid_request`).
    pub field: Option<String>,
    /// Peeker's `error.details`, as sent (e.g. `required_count` of `domain_count_mismatch`).
    pub details: Option<Value>,
    /// The `Peeker-Request-Id` header.
    pub request_id: Option<String>,
    /// From `details.retry_after_seconds`, else a `Retry-After` header in seconds.
    pub retry_after_seconds: Option<u64>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (HTTP {}): {}", self.code, self.status, self.message)?;
        if let Some(field) = &self.field {
            write!(f, " [field `{field}`]")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// The headers a response parse reads, found case-insensitively.
#[derive(Default)]
struct ResponseHeaders {
    request_id: Option<String>,
    retry_after: Option<u64>,
    content_type: Option<String>,
}

impl ResponseHeaders {
    fn collect<K: AsRef<str>, V: AsRef<str>>(headers: impl IntoIterator<Item = (K, V)>) -> Self {
        let mut found = ResponseHeaders::default();
        for (name, value) in headers {
            let (name, value) = (name.as_ref().trim(), value.as_ref().trim());
            if value.is_empty() {
                continue;
            }
            if name.eq_ignore_ascii_case(HEADER_REQUEST_ID) {
                found.request_id = Some(value.to_owned());
            } else if name.eq_ignore_ascii_case(HEADER_RETRY_AFTER) {
                found.retry_after = value.parse().ok();
            } else if name.eq_ignore_ascii_case(HEADER_CONTENT_TYPE) {
                found.content_type = Some(value.to_owned());
            }
        }
        found
    }

    fn unexpected(&self, status: u16, message: String) -> ApiError {
        ApiError {
            code: UNEXPECTED_RESPONSE.to_owned(),
            status,
            message,
            field: None,
            details: None,
            request_id: self.request_id.clone(),
            retry_after_seconds: self.retry_after,
        }
    }

    /// What the body looked like, without quoting it.
    fn describe(&self, status: u16, body: &[u8], expected: &str) -> String {
        if body.iter().all(u8::is_ascii_whitespace) {
            return format!("HTTP {status} with an empty body, expected {expected}");
        }
        let kind = self.content_type.as_deref().map(|t| format!("{t}, ")).unwrap_or_default();
        format!("HTTP {status} with a body that is not {expected} ({kind}{} bytes)", body.len())
    }
}

/// Parse a response to `operation`'s request from its status, headers (names
/// compared case-insensitively) and raw body bytes. 2xx: `{"data": ...}` into
/// the operation's type (unknown fields and enum values kept); a deletion may
/// have no body. Anything else: the [`ApiError`] Peeker sent, or
/// `unexpected_response` with the status.
// An error response is an ordinary outcome here, not a rare path: returned by value.
#[allow(clippy::result_large_err)]
pub fn parse_response<K, V>(
    operation: Operation,
    status: u16,
    headers: impl IntoIterator<Item = (K, V)>,
    body: &[u8],
) -> Result<Response, ApiError>
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    let headers = ResponseHeaders::collect(headers);
    if !(200..300).contains(&status) {
        return Err(parse_error(status, &headers, body));
    }
    let deletion = operation.method() == Method::Delete;
    let respond = |data| Response { status, request_id: headers.request_id.clone(), data };
    if deletion && body.iter().all(u8::is_ascii_whitespace) {
        return Ok(respond(Data::Empty));
    }
    let expected = "a Peeker response with `data`";
    let json: Value = serde_json::from_slice(body)
        .map_err(|_| headers.unexpected(status, headers.describe(status, body, expected)))?;
    match json.get("data") {
        None => Err(headers.unexpected(status, headers.describe(status, body, expected))),
        Some(Value::Null) if deletion => Ok(respond(Data::Empty)),
        Some(_) => typed(operation, json).map(respond).map_err(|err| {
            headers.unexpected(status, format!("the `data` of a {operation} response has an unexpected shape: {err}"))
        }),
    }
}

/// The operation's type, from a body known to have `data`.
fn typed(operation: Operation, body: Value) -> serde_json::Result<Data> {
    fn one<T: DeserializeOwned>(body: Value) -> serde_json::Result<T> {
        let data = match body {
            Value::Object(mut map) => map.remove("data").unwrap_or_default(),
            _ => Value::Null,
        };
        serde_json::from_value(data)
    }
    fn page<T: DeserializeOwned>(body: Value) -> serde_json::Result<Page<T>> {
        serde_json::from_value(body)
    }
    use Operation as O;
    Ok(match operation {
        O::GetMe => Data::Me(one(body)?),
        O::CreateUser | O::GetUser | O::UpdateUser | O::DeleteUser => Data::User(one(body)?),
        O::ListUsers => Data::Users(page(body)?),
        O::CreateBundle | O::GetBundle | O::UpdateBundle | O::DeleteBundle => Data::Bundle(one(body)?),
        O::ListBundles => Data::Bundles(page(body)?),
        O::ListDomains => Data::Domains(page(body)?),
        O::CheckAvailability => Data::Availability(one(body)?),
        O::ImportDomains | O::ImportDomainsJob | O::GetImport | O::GetImportJob => Data::ImportJob(one(body)?),
        O::FindImports => Data::ImportJobs(one(body)?),
        O::UpdateForwarding | O::GetForwardingJob => Data::ForwardingJob(one(body)?),
        O::CreateOrder | O::GetOrder => Data::Order(one(body)?),
        O::ListOrders => Data::Orders(page(body)?),
        O::ListPendingActions => Data::PendingActions(page(body)?),
        O::CancelOrder => Data::Cancellation(one(body)?),
        O::CreateSwap | O::GetSwap => Data::Swap(one(body)?),
        O::ListSwaps => Data::Swaps(page(body)?),
        O::SwapUserNames => Data::UserNameSwaps(one(body)?),
    })
}

/// `{"error": {code, message, field?, details?}}`, or `unexpected_response`.
fn parse_error(status: u16, headers: &ResponseHeaders, body: &[u8]) -> ApiError {
    let json: Option<Value> = serde_json::from_slice(body).ok();
    let error = json.as_ref().and_then(|b| b.get("error")).and_then(Value::as_object);
    let code = error.and_then(|e| e.get("code")).and_then(Value::as_str).filter(|c| !c.trim().is_empty());
    let (Some(error), Some(code)) = (error, code) else {
        return headers.unexpected(status, headers.describe(status, body, "a Peeker error"));
    };
    let details = error.get("details").filter(|d| !d.is_null()).cloned();
    let retry_after = details.as_ref().and_then(|d| d.get("retry_after_seconds")).and_then(seconds);
    ApiError {
        code: code.to_owned(),
        status,
        message: error.get("message").and_then(Value::as_str).map_or_else(|| format!("HTTP {status}"), str::to_owned),
        field: error.get("field").and_then(Value::as_str).map(str::to_owned),
        details,
        request_id: headers.request_id.clone(),
        retry_after_seconds: retry_after.or(headers.retry_after),
    }
}

/// A number of seconds: a whole number, a fraction (rounded up) or digits in a string.
fn seconds(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => {
            n.as_u64().or_else(|| n.as_f64().filter(|f| f.is_finite() && *f >= 0.0).map(|f| f.ceil() as u64))
        }
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

// ---- Retries -------------------------------------------------------------------

/// How an attempt failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Failure {
    /// An HTTP response with a failure status.
    Status {
        /// The HTTP status.
        status: u16,
        /// [`ApiError::retry_after_seconds`], when known.
        retry_after_seconds: Option<u64>,
    },
    /// No response: connection refused or reset, timeout, DNS failure. The
    /// request may or may not have reached Peeker.
    Network,
}

impl From<&ApiError> for Failure {
    fn from(error: &ApiError) -> Self {
        Failure::Status { status: error.status, retry_after_seconds: error.retry_after_seconds }
    }
}

/// Why the advice is what it is. Stable snake_case codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RetryReason {
    /// 429: retry after `retry_after_seconds` plus jitter.
    RateLimited,
    /// 5xx: retry with backoff.
    ServerError,
    /// No response: retry with backoff.
    NetworkError,
    /// 4xx other than 429: fix the request, the key or its permissions.
    ClientError,
    /// Not a failure status (1xx-3xx) or not HTTP (600+): nothing to retry.
    UnexpectedStatus,
    /// The request may have run, and running it again would create a second bundle or swap.
    NotIdempotent,
    /// An order retry, but the host did not say when the first attempt was sent.
    DedupeWindowUnknown,
    /// An order retry would land after the 24-hour dedupe window: it would place a second order.
    DedupeWindowClosed,
    /// [`MAX_ATTEMPTS`] attempts have failed.
    AttemptsExhausted,
}

impl RetryReason {
    /// The reason as every host spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            RetryReason::RateLimited => "rate_limited",
            RetryReason::ServerError => "server_error",
            RetryReason::NetworkError => "network_error",
            RetryReason::ClientError => "client_error",
            RetryReason::UnexpectedStatus => "unexpected_status",
            RetryReason::NotIdempotent => "not_idempotent",
            RetryReason::DedupeWindowUnknown => "dedupe_window_unknown",
            RetryReason::DedupeWindowClosed => "dedupe_window_closed",
            RetryReason::AttemptsExhausted => "attempts_exhausted",
        }
    }
}

/// Whether to send the same request again, and after how long.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RetryAdvice {
    /// Send it again (the very same request: for an order, the same bytes).
    pub retry: bool,
    /// Wait this long first (0 when `retry` is false).
    pub delay_ms: u64,
    /// Why.
    pub reason: RetryReason,
    /// The reason for people.
    pub message: String,
}

impl RetryAdvice {
    fn stop(reason: RetryReason, message: &str) -> Self {
        RetryAdvice { retry: false, delay_ms: 0, reason, message: message.to_owned() }
    }
}

/// Whether to retry `operation` after attempt number `attempt` (from 1)
/// failed with `failure`. `jitter` is a random number in `0..=1` the host
/// draws (the core draws none; out-of-range values are clamped). For
/// `create_order`, `dedupe` is `dedupe_window(first_sent_at, now)` of the
/// FIRST attempt: the order is retried only while the retry still lands
/// inside Peeker's 24-hour dedupe window (with [`DEDUPE_RETRY_MARGIN_SECONDS`]
/// to spare), because after it the same body places a second order.
///
/// - 4xx other than 429: never.
/// - 429: after `retry_after_seconds` plus up to [`RATE_LIMIT_JITTER_MS`]
///   (backoff when unknown). A 429 did not run, so it is retried even for
///   bundles and swaps.
/// - 5xx and network failures: exponential backoff from
///   [`RETRY_BASE_DELAY_MS`], doubling, capped at [`RETRY_MAX_DELAY_MS`],
///   half of it jittered; not for `create_bundle`, `create_swap` and
///   `swap_user_names`, which may have run (list them to check first).
/// - never after [`MAX_ATTEMPTS`] attempts.
pub fn retry_advice(
    operation: Operation,
    failure: Failure,
    attempt: u32,
    jitter: f64,
    dedupe: Option<DedupeWindow>,
) -> RetryAdvice {
    use RetryReason as R;
    let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.0 };
    let attempt = attempt.max(1);
    let backoff = backoff_ms(attempt, jitter);
    // What failed, how long to wait, and whether the request may have run.
    let (reason, delay_ms, may_have_run) = match failure {
        Failure::Status { status: 429, retry_after_seconds } => {
            let jitter_ms = (jitter * RATE_LIMIT_JITTER_MS as f64) as u64;
            let delay = retry_after_seconds.map(|s| s.saturating_mul(1_000).saturating_add(jitter_ms));
            (R::RateLimited, delay.unwrap_or(backoff), false)
        }
        Failure::Status { status: 500..=599, .. } => (R::ServerError, backoff, true),
        Failure::Network => (R::NetworkError, backoff, true),
        Failure::Status { status: 400..=499, .. } => {
            return RetryAdvice::stop(
                R::ClientError,
                "the request will fail again: fix it (401: the key; 403: needs a `full` key)",
            );
        }
        Failure::Status { .. } => {
            return RetryAdvice::stop(R::UnexpectedStatus, "not a failure status: nothing to retry");
        }
    };
    match (operation.repeat(), dedupe) {
        (Repeat::Duplicates, _) if may_have_run => {
            return RetryAdvice::stop(
                R::NotIdempotent,
                "the request may have run and a repeat would create a second one: list them to check before sending again",
            );
        }
        (Repeat::DedupeWindow, None) => {
            return RetryAdvice::stop(
                R::DedupeWindowUnknown,
                "pass dedupe_window(first_sent_at, now) of the first attempt: without it a retry could place a second order",
            );
        }
        (Repeat::DedupeWindow, Some(window)) if !lands_inside(window, delay_ms) => {
            return RetryAdvice::stop(
                R::DedupeWindowClosed,
                "the 24-hour dedupe window is (nearly) over: resending would place a second order; check list_orders first",
            );
        }
        _ => {}
    }
    if attempt >= MAX_ATTEMPTS {
        return RetryAdvice::stop(R::AttemptsExhausted, "too many attempts have failed");
    }
    let message = match reason {
        R::RateLimited => "rate limited: wait, then send the same request again",
        _ => "send the same request again after the delay",
    };
    RetryAdvice { retry: true, delay_ms, reason, message: message.to_owned() }
}

/// `RETRY_BASE_DELAY_MS x 2^(attempt-1)`, capped; half fixed, half scaled by `jitter`.
fn backoff_ms(attempt: u32, jitter: f64) -> u64 {
    let doublings = attempt.saturating_sub(1).min(20);
    let full = RETRY_BASE_DELAY_MS.saturating_mul(1 << doublings).min(RETRY_MAX_DELAY_MS);
    let half = full / 2;
    half + (jitter * half as f64) as u64
}

/// Whether a retry sent `delay_ms` from the window's "now" reaches Peeker
/// with the safety margin left.
fn lands_inside(window: DedupeWindow, delay_ms: u64) -> bool {
    let needed_ms = i128::from(delay_ms) + i128::from(DEDUPE_RETRY_MARGIN_SECONDS) * 1_000;
    window.inside && i128::from(window.remaining_seconds) * 1_000 >= needed_ms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names_round_trip() {
        for operation in Operation::ALL {
            assert_eq!(operation.as_str().parse::<Operation>().ok(), Some(*operation));
        }
        assert_eq!("next_page".parse::<Operation>().map_err(|e| e.code), Err(Code::InvalidArgument));
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        assert_eq!(backoff_ms(1, 0.0), 500);
        assert_eq!(backoff_ms(2, 1.0), 2_000);
        assert_eq!(backoff_ms(40, 1.0), RETRY_MAX_DELAY_MS);
        assert_eq!(backoff_ms(u32::MAX, 0.5), 22_500);
    }

    #[test]
    fn unexpected_bodies_are_described_not_quoted() {
        let html = b"<html>secret-looking proxy page</html>";
        let err = parse_response(Operation::GetMe, 502, [("content-type", "text/html")], html).err();
        let message = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(message.starts_with("unexpected_response (HTTP 502)"), "{message}");
        assert!(message.contains("text/html") && !message.contains("proxy page"), "{message}");
    }

    #[test]
    fn null_lists_read_as_empty() {
        let body = br#"{"data": {"domains": null}}"#;
        let empty: [(&str, &str); 0] = [];
        let response = parse_response(Operation::CheckAvailability, 200, empty, body).map(|r| r.data);
        assert_eq!(response, Ok(Data::Availability(Availability::default())));
    }

    #[test]
    fn data_serializes_back_to_its_json() {
        let body = br#"{"data": [], "links": {"first": "/users", "next": null}, "meta": {"per_page": 25}}"#;
        let empty: [(&str, &str); 0] = [];
        let response = parse_response(Operation::ListUsers, 200, empty, body);
        let json = response.as_ref().ok().and_then(|r| serde_json::to_value(&r.data).ok());
        let expected = serde_json::json!({"data": [], "links": {"first": "/users", "next": null},
                                          "meta": {"path": null, "per_page": 25, "returned": null}});
        assert_eq!(json, Some(expected));
        assert_eq!(response.ok().and_then(|r| r.data.next_link().map(str::to_owned)), None);
    }
}
