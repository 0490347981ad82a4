//! UniFFI binding of peeker-core for Kotlin (`ai.peeker.core`) and Swift
//! (`PeekerCore`). A table of host names -> core functions plus type and error
//! conversion; every rule lives in the core.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use peeker_core::{DEFAULT_TOLERANCE_SECONDS, ErrorKind};

uniffi::setup_scaffolding!();

/// The one error of the SDK, one case per family of the core's codes. Every
/// case carries the stable snake_case `code` and a `detail` for people (not
/// `message`: Kotlin exceptions already have one).
#[derive(Debug, uniffi::Error)]
pub enum PeekerError {
    /// Bad arguments or configuration given by the developer.
    Config { code: String, detail: String },
    /// Input that breaks the API's rules (the violations are not exposed here yet).
    Validation { code: String, detail: String },
    /// JSON text that cannot be canonicalized; `line`/`column` are 1-based.
    Json { code: String, detail: String, line: Option<i32>, column: Option<i32> },
    /// A webhook delivery that is not authentic or cannot be read.
    Webhook { code: String, detail: String },
    /// A bug in the SDK.
    Internal { code: String, detail: String },
}

impl std::fmt::Display for PeekerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (Self::Config { code, detail }
        | Self::Validation { code, detail }
        | Self::Json { code, detail, .. }
        | Self::Webhook { code, detail }
        | Self::Internal { code, detail }) = self;
        write!(f, "{code}: {detail}")
    }
}

impl std::error::Error for PeekerError {}

impl From<peeker_core::Error> for PeekerError {
    fn from(err: peeker_core::Error) -> Self {
        let (code, detail) = (err.code.as_str().to_owned(), err.message);
        // Positions are bounded by the 10 MiB input limit; saturate anyway.
        let int = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
        match err.code.kind() {
            ErrorKind::Config => Self::Config { code, detail },
            ErrorKind::Validation => Self::Validation { code, detail },
            ErrorKind::Json => Self::Json {
                code,
                detail,
                line: err.position.map(|p| int(p.line)),
                column: err.position.map(|p| int(p.column)),
            },
            ErrorKind::Webhook => Self::Webhook { code, detail },
            ErrorKind::Internal => Self::Internal { code, detail },
        }
    }
}

type Result<T> = std::result::Result<T, PeekerError>;

/// What a successful verification learned from the headers.
#[derive(Debug, uniffi::Record)]
pub struct Verified {
    /// The signed Unix timestamp (seconds).
    pub timestamp: i64,
    /// `Peeker-Event-Id`, when present: handlers dedupe on it.
    pub event_id: Option<String>,
}

/// Canonicalize a JSON text (RFC 8785).
#[uniffi::export]
pub fn canonicalize(text: String) -> Result<String> {
    Ok(peeker_core::canonicalize(&text)?)
}

/// The `Peeker-Signature` value (`v1=<hex>`) for `body` signed at `timestamp`.
#[uniffi::export]
pub fn sign_webhook(secret: String, timestamp: i64, body: Vec<u8>) -> Result<String> {
    Ok(peeker_core::sign_webhook(&secret, timestamp, &body)?)
}

/// Verify a webhook delivery from its raw body and headers. `now` is Unix
/// seconds (default: the device clock); `tolerance` is in seconds.
#[uniffi::export(default(now = None, tolerance = 300))]
pub fn verify_webhook(
    body: Vec<u8>,
    headers: HashMap<String, String>,
    secrets: Vec<String>,
    now: Option<i64>,
    tolerance: i64,
) -> Result<Verified> {
    let now = now.unwrap_or_else(unix_now);
    let verified = peeker_core::verify_webhook(&body, headers, &secrets, now, tolerance)?;
    Ok(Verified { timestamp: verified.timestamp, event_id: verified.event_id })
}

/// The device clock in Unix seconds: the core reads no clock, its hosts do.
fn unix_now() -> i64 {
    let secs = |d: std::time::Duration| i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => secs(since),
        Err(before) => -secs(before.duration()),
    }
}

// The default in the export attribute must be a literal; keep it tied to the core.
const _: () = assert!(DEFAULT_TOLERANCE_SECONDS == 300);

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
}
