//! The one error type of the core. Every failure has a stable [`Code`]; the
//! message is for people and never contains a secret.

use std::fmt;

use crate::validate::Report;

/// Which family an error belongs to. Hosts map each family to one error class
/// (`JsonError`, `WebhookError`, `ConfigError`, ...) under a common `PeekerError`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Bad arguments or configuration given by the developer.
    Config,
    /// Input that breaks the API's rules; the error carries the whole report.
    Validation,
    /// JSON text that cannot be canonicalized.
    Json,
    /// A webhook delivery that is not authentic or cannot be read.
    Webhook,
    /// A bug in the SDK (for example a caught panic).
    Internal,
}

impl ErrorKind {
    /// The host-side class name for this family.
    pub fn class_name(self) -> &'static str {
        match self {
            ErrorKind::Config => "ConfigError",
            ErrorKind::Validation => "ValidationError",
            ErrorKind::Json => "JsonError",
            ErrorKind::Webhook => "WebhookError",
            ErrorKind::Internal => "InternalError",
        }
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident => $text:literal, $kind:ident;)*) => {
        /// A stable, snake_case error code: identical in every host, never renamed.
        /// Each variant's text is the code; [`Code::kind`] gives its family.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code {
            $(
                $(#[$doc])*
                #[doc = concat!("\n\nCode `", $text, "`, family [`ErrorKind::", stringify!($kind), "`].")]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as every host spells it.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $text,)* }
            }

            /// The family the code belongs to.
            pub fn kind(self) -> ErrorKind {
                match self { $(Code::$variant => ErrorKind::$kind,)* }
            }
        }
    };
}

codes! {
    /// The API key does not start with `pk_live_` or `pk_test_`, has nothing
    /// after its prefix, or holds whitespace or control characters.
    InvalidApiKey => "invalid_api_key", Config;
    /// The base URL is not an absolute `https` URL with a host, or holds
    /// credentials, a query or a fragment.
    InvalidBaseUrl => "invalid_base_url", Config;
    /// A developer's mistake in an argument: a path id without its prefix, a
    /// `links.next` that leaves the API, an empty webhook secret, a negative
    /// tolerance, an unknown operation or validator name, text that is not JSON.
    InvalidArgument => "invalid_argument", Config;
    /// Input with error-level violations; [`Error::report`] holds all of them.
    InvalidRequest => "invalid_request", Validation;
    /// Not JSON (a syntax error, trailing text, an empty text); see [`Error::position`].
    InvalidJson => "invalid_json", Json;
    /// An object has the same key twice (RFC 8785 cannot order them).
    DuplicateKey => "duplicate_key", Json;
    /// A number that is not a finite IEEE double (e.g. `1e400`).
    NumberOutOfRange => "number_out_of_range", Json;
    /// A string with a lone surrogate escape or invalid UTF-8.
    InvalidString => "invalid_string", Json;
    /// Nested deeper than 128 levels.
    TooDeep => "too_deep", Json;
    /// A JSON text over [`crate::MAX_INPUT_BYTES`].
    TooLarge => "too_large", Json;
    /// `Peeker-Timestamp` or `Peeker-Signature` is absent.
    MissingHeader => "missing_header", Webhook;
    /// A webhook header is malformed: a timestamp that is not decimal Unix
    /// seconds (or differs between repeats), a signature entry that is not
    /// `label=<64 hex digits>`, an empty signature header.
    InvalidHeader => "invalid_header", Webhook;
    /// Signed more than the tolerance (default 300 s) before "now": a replay or a stale retry.
    TimestampTooOld => "timestamp_too_old", Webhook;
    /// Signed more than the tolerance after "now": a clock is wrong.
    TimestampInFuture => "timestamp_in_future", Webhook;
    /// No `v1` signature matches the body under any configured secret
    /// (usually a re-serialized body or the wrong secret).
    SignatureMismatch => "signature_mismatch", Webhook;
    /// The signature header has entries, but none labelled `v1`.
    NoSupportedSignature => "no_supported_signature", Webhook;
    /// A webhook body that is not an event envelope `{id, type, created_at, data}`
    /// or whose `data` does not fit its type.
    InvalidPayload => "invalid_payload", Webhook;
    /// A bug in the SDK (a caught panic, a value that would not serialize).
    InternalError => "internal_error", Internal;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in a JSON text an error was found (1-based, as editors count).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters, from 1.
    pub column: usize,
}

/// A coded failure. `message` is written for people and never holds a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// What went wrong; branch on this, never on `message`.
    pub code: Code,
    /// For people: may change between versions, never holds a secret.
    pub message: String,
    /// Where in a JSON text the problem is (JSON errors only).
    pub position: Option<Position>,
    /// Every violation found (validation errors only).
    pub report: Option<Box<Report>>,
}

impl Error {
    /// An error with `code` and `message` and no position or report.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Error { code, message: message.into(), position: None, report: None }
    }

    /// The error a request builder returns for input with error-level violations.
    pub fn validation(report: Report) -> Self {
        let errors = report.errors().count();
        let first = report.errors().next().map(|v| format!(" (first: {} at `{}`)", v.code, v.path));
        let message = format!("{errors} validation error(s){}", first.unwrap_or_default());
        Error { report: Some(Box::new(report)), ..Error::new(Code::InvalidRequest, message) }
    }

    /// The same error, pointing at `position` of the JSON text.
    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    /// The family of the error's code.
    pub fn kind(&self) -> ErrorKind {
        self.code.kind()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for Error {}

/// The core's result type: `T` or a coded [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "duplicate code {text}");
            assert!(text.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{text}");
        }
    }

    #[test]
    fn display_leads_with_the_code() {
        let err = Error::new(Code::TooDeep, "nested too deeply");
        assert_eq!(err.to_string(), "too_deep: nested too deeply");
        assert_eq!(err.kind().class_name(), "JsonError");
    }
}
