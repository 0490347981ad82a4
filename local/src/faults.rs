//! Fault injection: the next N calls of an operation answer 429, 500 or
//! 503, answer slowly, or have their connection dropped.

use std::sync::Mutex;

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::app::lock;
use crate::error::ApiErr;

/// What an injected fault does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// 429 `rate_limited` with `Retry-After` and `details.retry_after_seconds`.
    RateLimit,
    /// 500 `server_error`.
    ServerError,
    /// 503 `server_error` with `Retry-After`.
    Unavailable,
    /// The normal answer, after `delay_ms`.
    Slow,
    /// The connection is closed without an answer.
    Drop,
}

impl FaultKind {
    pub const ALL: [(FaultKind, &'static str); 5] = [
        (FaultKind::RateLimit, "rate_limit"),
        (FaultKind::ServerError, "server_error"),
        (FaultKind::Unavailable, "unavailable"),
        (FaultKind::Slow, "slow"),
        (FaultKind::Drop, "drop"),
    ];

    pub fn name(self) -> &'static str {
        FaultKind::ALL.iter().find(|(k, _)| *k == self).map_or("", |(_, n)| n)
    }

    fn parse(name: &str) -> Option<FaultKind> {
        FaultKind::ALL.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
    }
}

/// A fault armed for the next `remaining` calls of `operation` (`*`: any).
#[derive(Clone, Debug)]
pub struct Fault {
    pub operation: String,
    pub kind: FaultKind,
    pub remaining: u32,
    pub retry_after_seconds: u64,
    pub delay_ms: u64,
}

impl Fault {
    /// Reads `{operation, fault, count?, retry_after_seconds?, delay_ms?}`.
    pub fn from_json(body: &Value) -> Result<Fault, ApiErr> {
        let operation = body.get("operation").and_then(Value::as_str).unwrap_or("*");
        if operation != "*" && peeker_core::Operation::parse(operation).is_none() {
            return Err(ApiErr::bad_field(
                "operation",
                "must be an operation name of the contract (e.g. `create_order`) or `*`",
            ));
        }
        let Some(kind) = body.get("fault").and_then(Value::as_str).and_then(FaultKind::parse) else {
            return Err(ApiErr::bad_field(
                "fault",
                "must be `rate_limit`, `server_error`, `unavailable`, `slow` or `drop`",
            ));
        };
        let number = |key: &str, default: u64, max: u64| -> Result<u64, ApiErr> {
            match body.get(key) {
                None | Some(Value::Null) => Ok(default),
                Some(v) => v
                    .as_u64()
                    .filter(|n| *n <= max)
                    .ok_or_else(|| ApiErr::bad_field(key, format!("must be a whole number from 0 to {max}"))),
            }
        };
        Ok(Fault {
            operation: operation.to_owned(),
            kind,
            remaining: u32::try_from(number("count", 1, 1_000_000)?).unwrap_or(1),
            retry_after_seconds: number("retry_after_seconds", 1, 3600)?,
            delay_ms: number("delay_ms", 2000, 600_000)?,
        })
    }

    pub fn to_json(&self) -> Value {
        json!({"operation": self.operation, "fault": self.kind.name(), "remaining": self.remaining,
               "retry_after_seconds": self.retry_after_seconds, "delay_ms": self.delay_ms})
    }

    /// The error answer of a 429/500/503 fault.
    pub fn error(&self) -> ApiErr {
        match self.kind {
            FaultKind::RateLimit => {
                ApiErr::rate_limited(self.retry_after_seconds, "rate limited (a fault injected for testing)")
            }
            FaultKind::Unavailable => {
                let mut err = ApiErr::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "server_error",
                    "temporarily unavailable (a fault injected for testing)",
                );
                err.retry_after = Some(self.retry_after_seconds);
                err
            }
            _ => ApiErr::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "server_error",
                "internal error (a fault injected for testing)",
            ),
        }
    }
}

/// The fault for this call of `operation`, if one is armed (its count goes down).
pub fn take(faults: &Mutex<Vec<Fault>>, operation: &str) -> Option<Fault> {
    let mut faults = lock(faults);
    let index = faults.iter().position(|f| f.remaining > 0 && (f.operation == operation || f.operation == "*"))?;
    let fault = faults.get_mut(index)?;
    fault.remaining -= 1;
    let taken = fault.clone();
    faults.retain(|f| f.remaining > 0);
    Some(taken)
}
