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
    ($($variant:ident => $text:literal, $kind:ident;)*) => {
        /// A stable, snake_case error code: identical in every host, never renamed.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code { $($variant,)* }

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
    InvalidApiKey => "invalid_api_key", Config;
    InvalidBaseUrl => "invalid_base_url", Config;
    InvalidArgument => "invalid_argument", Config;
    InvalidRequest => "invalid_request", Validation;
    InvalidJson => "invalid_json", Json;
    DuplicateKey => "duplicate_key", Json;
    NumberOutOfRange => "number_out_of_range", Json;
    InvalidString => "invalid_string", Json;
    TooDeep => "too_deep", Json;
    TooLarge => "too_large", Json;
    MissingHeader => "missing_header", Webhook;
    InvalidHeader => "invalid_header", Webhook;
    TimestampTooOld => "timestamp_too_old", Webhook;
    TimestampInFuture => "timestamp_in_future", Webhook;
    SignatureMismatch => "signature_mismatch", Webhook;
    NoSupportedSignature => "no_supported_signature", Webhook;
    InvalidPayload => "invalid_payload", Webhook;
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
    pub line: usize,
    pub column: usize,
}

/// A coded failure. `message` is written for people and never holds a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub code: Code,
    pub message: String,
    /// Where in a JSON text the problem is (JSON errors only).
    pub position: Option<Position>,
    /// Every violation found (validation errors only).
    pub report: Option<Box<Report>>,
}

impl Error {
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

    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

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
