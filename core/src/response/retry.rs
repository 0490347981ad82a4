//! Whether and when to send a failed request again (spec/DECISIONS.md D7).

use serde::Serialize;
use serde::ser::Serializer;

use super::{ApiError, Operation, Repeat};
use crate::contract::{BASE_DELAY_MS, DEDUPE_MARGIN_SECONDS, MAX_ATTEMPTS, MAX_DELAY_MS, RATE_LIMIT_JITTER_MS};
use crate::dedupe::DedupeWindow;
pub use crate::error::RetryReason;

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

/// Whether to send the same request again, and after how long.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RetryAdvice {
    /// Send it again (the very same request: for an order, the same bytes).
    pub retry: bool,
    /// Wait this long first (0 when `retry` is false).
    pub delay_ms: u64,
    /// Why.
    #[serde(serialize_with = "reason_text")]
    pub reason: RetryReason,
    /// The reason for people.
    pub message: String,
}

fn reason_text<S: Serializer>(reason: &RetryReason, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(reason.as_str())
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
/// inside Peeker's 24-hour dedupe window (with [`DEDUPE_MARGIN_SECONDS`]
/// to spare), because after it the same body places a second order.
///
/// - 4xx other than 429: never.
/// - 429: after `retry_after_seconds` plus up to [`RATE_LIMIT_JITTER_MS`]
///   (backoff when unknown). A 429 did not run, so it is retried even for
///   bundles and swaps.
/// - 5xx and network failures: exponential backoff from
///   [`BASE_DELAY_MS`], doubling, capped at [`MAX_DELAY_MS`],
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

/// `BASE_DELAY_MS x 2^(attempt-1)`, capped; half fixed, half scaled by `jitter`.
fn backoff_ms(attempt: u32, jitter: f64) -> u64 {
    let doublings = attempt.saturating_sub(1).min(20);
    let full = BASE_DELAY_MS.saturating_mul(1 << doublings).min(MAX_DELAY_MS);
    let half = full / 2;
    half + (jitter * half as f64) as u64
}

/// Whether a retry sent `delay_ms` from the window's "now" reaches Peeker
/// with the safety margin left.
fn lands_inside(window: DedupeWindow, delay_ms: u64) -> bool {
    let needed_ms = i128::from(delay_ms) + i128::from(DEDUPE_MARGIN_SECONDS) * 1_000;
    window.inside && i128::from(window.remaining_seconds) * 1_000 >= needed_ms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        assert_eq!(backoff_ms(1, 0.0), 500);
        assert_eq!(backoff_ms(2, 1.0), 2_000);
        assert_eq!(backoff_ms(40, 1.0), MAX_DELAY_MS);
        assert_eq!(backoff_ms(u32::MAX, 0.5), 22_500);
    }
}
