//! What the host hands back after sending a request: the status, headers and
//! body bytes. Success bodies become typed models, error bodies an
//! [`ApiError`] with Peeker's own code, and [`retry_advice`] says whether and
//! when to send again (spec/DECISIONS.md D7).

mod operation;
mod retry;

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

pub use operation::{Data, Operation, Repeat};
pub use retry::{Failure, RetryAdvice, RetryReason, retry_advice};

use crate::contract::MAX_RETRY_AFTER_SECONDS;
use crate::error::Code;
use crate::model::{Page, WrongType, read};
use crate::request::Method;

/// Every response carries it (`req_...`): quote it to Peeker's support.
pub const HEADER_REQUEST_ID: &str = "Peeker-Request-Id";
/// Seconds to wait, when a server or proxy sends it (HTTP dates are ignored: the core has no clock).
pub const HEADER_RETRY_AFTER: &str = "Retry-After";
/// The [`ApiError::code`] of a body that is not Peeker's (an HTML page from a
/// proxy, an empty or truncated body, a success without `data`).
pub const UNEXPECTED_RESPONSE: &str = Code::UnexpectedResponse.as_str();

/// A parsed success. Serializes as `{status, request_id, data, next_link}`
/// (`next_link`: a page's `links.next`, else null).
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// The HTTP status (2xx).
    pub status: u16,
    /// The `Peeker-Request-Id` header, when present.
    pub request_id: Option<String>,
    /// The typed `data`.
    pub data: Data,
}

impl Serialize for Response {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("status", &self.status)?;
        map.serialize_entry("request_id", &self.request_id)?;
        map.serialize_entry("data", &self.data)?;
        map.serialize_entry("next_link", &self.data.next_link())?;
        map.end()
    }
}

/// A failed request, as Peeker described it. Branch on `code`, never on
/// `message`. Unknown codes are kept as sent; a body that is not Peeker's
/// error shape has the code [`UNEXPECTED_RESPONSE`]. Serializes with
/// `kind: "api"` beside its fields, like the core's own errors.
#[derive(Clone, Debug, PartialEq)]
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

impl Serialize for ApiError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(8))?;
        map.serialize_entry("kind", crate::error::ErrorKind::Api.as_str())?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("status", &self.status)?;
        map.serialize_entry("message", &self.message)?;
        map.serialize_entry("field", &self.field)?;
        map.serialize_entry("details", &self.details)?;
        map.serialize_entry("request_id", &self.request_id)?;
        map.serialize_entry("retry_after_seconds", &self.retry_after_seconds)?;
        map.end()
    }
}

/// The headers a response parse reads, found case-insensitively.
#[derive(Default)]
struct ResponseHeaders {
    request_id: Option<String>,
    retry_after: Option<u64>,
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
                found.retry_after = seconds(&Value::String(value.to_owned()));
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
        // Neither the body nor its Content-Type is quoted: a proxy page may echo the request (D8).
        format!("HTTP {status} with a body that is not {expected} ({} bytes)", body.len())
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
    let json = bounded(body).ok_or_else(|| headers.unexpected(status, headers.describe(status, body, expected)))?;
    match json.get("data") {
        None => Err(headers.unexpected(status, headers.describe(status, body, expected))),
        Some(Value::Null) if deletion => Ok(respond(Data::Empty)),
        Some(_) => operation.data(json).map(respond).map_err(|_| {
            let message = format!("the body of a {operation} response has a member of the wrong type for its model");
            headers.unexpected(status, message)
        }),
    }
}

/// The body as JSON within the limits of untrusted input (D9), or none.
fn bounded(body: &[u8]) -> Option<Value> {
    let text = std::str::from_utf8(body).ok()?;
    crate::canonical::parse_json(text, crate::canonical::Limits::default()).ok()
}

/// The `data` member of a success body.
fn one<T: DeserializeOwned>(body: Value) -> Result<T, WrongType> {
    let data = match body {
        Value::Object(mut map) => map.remove("data").unwrap_or_default(),
        _ => Value::Null,
    };
    read(data)
}

/// A list's whole body: `{data, links, meta}`.
fn page<T: DeserializeOwned>(body: Value) -> Result<Page<T>, WrongType> {
    read(body)
}

/// A `data` that is a list of objects.
fn list<T: DeserializeOwned>(body: Value) -> Result<Vec<T>, WrongType> {
    one(body)
}

/// `{"error": {code, message, field?, details?}}`, or `unexpected_response`.
fn parse_error(status: u16, headers: &ResponseHeaders, body: &[u8]) -> ApiError {
    let json = bounded(body);
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
/// A wait in seconds as any host or server may write it: a whole number, a
/// fraction (rounded up), `30.0`, or digits in a string; capped at
/// [`MAX_RETRY_AFTER_SECONDS`] so no host timer overflows (spec/DECISIONS.md D7).
pub(crate) fn seconds(value: &Value) -> Option<u64> {
    let seconds = match value {
        Value::Number(n) => n.as_f64().filter(|f| f.is_finite() && *f >= 0.0).map(f64::ceil)?,
        Value::String(s) => return decimal_seconds(s.trim()),
        _ => return None,
    };
    // In range by the cap, and whole by the ceil: the conversion is exact.
    Some(seconds.min(MAX_RETRY_AFTER_SECONDS as f64) as u64)
}

/// `Retry-After` digits, maybe with a fraction (`30.5`): rounded up and
/// capped like [`seconds`], read without a float parser (the WebAssembly
/// module would carry one only for this).
fn decimal_seconds(text: &str) -> Option<u64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) {
        return None;
    }
    let up = u64::from(fraction.bytes().any(|b| b != b'0'));
    let whole = whole.parse::<u64>().unwrap_or(u64::MAX);
    Some(whole.saturating_add(up).min(MAX_RETRY_AFTER_SECONDS.unsigned_abs()))
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
    fn unexpected_bodies_are_described_not_quoted() {
        let html = b"<html>secret-looking proxy page</html>";
        let err = parse_response(Operation::GetMe, 502, [("content-type", "text/html")], html).err();
        let message = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(message.starts_with("unexpected_response (HTTP 502)"), "{message}");
        assert!(!message.contains("text/html") && !message.contains("proxy page"), "{message}");
    }

    #[test]
    fn null_lists_read_as_empty() {
        let body = br#"{"data": {"domains": null}}"#;
        let empty: [(&str, &str); 0] = [];
        let response = parse_response(Operation::CheckAvailability, 200, empty, body).map(|r| r.data);
        assert_eq!(response, Ok(Data::Availability(crate::model::Availability::default())));
    }

    #[test]
    fn data_serializes_back_to_its_json() {
        let body = br#"{"data": [], "links": {"first": "/users", "next": null}, "meta": {"per_page": 25}}"#;
        let empty: [(&str, &str); 0] = [];
        let response = parse_response(Operation::ListUsers, 200, empty, body);
        let json = response.as_ref().ok().and_then(|r| serde_json::to_value(&r.data).ok());
        let expected = serde_json::json!({"data": [], "links": {"first": "/users"}, "meta": {"per_page": 25}});
        assert_eq!(json, Some(expected));
        assert_eq!(response.ok().and_then(|r| r.data.next_link().map(str::to_owned)), None);
    }
}
