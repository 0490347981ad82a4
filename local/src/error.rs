//! Error answers: `{"error": {code, message, field?, details?}}` with the
//! contract's codes. Messages are the server's own words: they never quote a
//! value of the request, nor a key or secret (spec/DECISIONS.md D8).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use peeker_core::{Report, Rule};
use serde_json::{Value, json};

/// An error answer.
#[derive(Debug)]
pub struct ApiErr {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub field: Option<String>,
    pub details: Option<Value>,
    pub retry_after: Option<u64>,
}

impl ApiErr {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiErr {
        ApiErr { status, code, message: message.into(), field: None, details: None, retry_after: None }
    }

    /// 400 `invalid_request`.
    pub fn bad_request(message: impl Into<String>) -> ApiErr {
        ApiErr::new(StatusCode::BAD_REQUEST, "invalid_request", message)
    }

    /// 400 `invalid_request` about one field.
    pub fn bad_field(field: &str, message: impl Into<String>) -> ApiErr {
        ApiErr::bad_request(message).field(field)
    }

    /// 401 `unauthorized`.
    pub fn unauthorized(message: impl Into<String>) -> ApiErr {
        ApiErr::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    /// 404 `not_found`.
    pub fn not_found(what: &str) -> ApiErr {
        ApiErr::new(StatusCode::NOT_FOUND, "not_found", format!("no {what} with that id in this account"))
    }

    /// 409 `conflict`.
    pub fn conflict(message: impl Into<String>) -> ApiErr {
        ApiErr::new(StatusCode::CONFLICT, "conflict", message)
    }

    /// 413 `invalid_request`: the body is over the limit.
    pub fn too_large() -> ApiErr {
        ApiErr::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "invalid_request",
            format!("the body is larger than {} bytes", peeker_core::contract::MAX_INPUT_BYTES),
        )
    }

    /// 429 `rate_limited`, with the wait in the body and in `Retry-After`.
    pub fn rate_limited(seconds: u64, message: impl Into<String>) -> ApiErr {
        let mut err = ApiErr::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", message);
        err.details = Some(json!({"retry_after_seconds": seconds}));
        err.retry_after = Some(seconds);
        err
    }

    /// 500 `server_error`: the store failed (never expected).
    pub fn internal() -> ApiErr {
        ApiErr::new(StatusCode::INTERNAL_SERVER_ERROR, "server_error", "the local server failed; see its log")
    }

    pub fn field(mut self, field: &str) -> ApiErr {
        self.field = Some(field.to_owned());
        self
    }

    pub fn details(mut self, details: Value) -> ApiErr {
        self.details = Some(details);
        self
    }

    /// A validation report with errors: Peeker's own codes for the order's
    /// shape and domain count (400), else 422 `invalid_request`. Every
    /// violation (warnings too) is in `details.violations`, with the SDK's codes.
    pub fn validation(report: &Report) -> ApiErr {
        let violations = serde_json::to_value(&report.violations).unwrap_or(Value::Null);
        let first = report.errors().next();
        let errors = report.errors().count();
        let has = |rule: Rule| report.errors().find(|v| v.code == rule);
        let mut err = if let Some(v) = has(Rule::OrderShapeConflict) {
            ApiErr::new(StatusCode::BAD_REQUEST, "order_shape_conflict", v.message.clone())
        } else {
            let message = format!(
                "{errors} validation error(s); first: {} at `{}`",
                first.map_or("", |v| v.code.as_str()),
                first.map_or("", |v| v.path.as_str())
            );
            ApiErr::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_request", message)
        };
        err.field = first.map(|v| v.path.clone()).filter(|p| !p.is_empty());
        err.details = Some(json!({"violations": violations}));
        err
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        let mut error = json!({"code": self.code, "message": self.message});
        if let (Some(field), Value::Object(map)) = (&self.field, &mut error) {
            map.insert("field".into(), field.clone().into());
        }
        if let (Some(details), Value::Object(map)) = (&self.details, &mut error) {
            map.insert("details".into(), details.clone());
        }
        json!({ "error": error })
    }
}

impl From<rusqlite::Error> for ApiErr {
    fn from(err: rusqlite::Error) -> ApiErr {
        eprintln!("peeker-local: state error: {err}");
        ApiErr::internal()
    }
}

/// A JSON response.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

impl IntoResponse for ApiErr {
    fn into_response(self) -> Response {
        let mut response = json_response(self.status, &self.body());
        if let Some(seconds) = self.retry_after {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

/// The result of a handler.
pub type ApiResult = Result<Response, ApiErr>;
