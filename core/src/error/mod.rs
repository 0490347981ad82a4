//! The one error type of the core. Every failure has a stable [`Code`]; the
//! message is for people and never contains a secret, nor any value of the
//! input (spec/DECISIONS.md D8). Validation reports live here too: a
//! validation error carries one.

use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

mod codes;
mod report;

pub use codes::{Code, ErrorKind, RetryReason, Rule, Severity};
pub(crate) use report::ViolationPath;
pub use report::{Report, Violation};

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

/// The wire shape every host receives: `{kind, code, message}`, plus `line`
/// and `column` for JSON errors and `report` for validation errors.
impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("kind", self.kind().as_str())?;
        map.serialize_entry("code", self.code.as_str())?;
        map.serialize_entry("message", &self.message)?;
        if let Some(position) = self.position {
            map.serialize_entry("line", &position.line)?;
            map.serialize_entry("column", &position.column)?;
        }
        if let Some(report) = &self.report {
            map.serialize_entry("report", report)?;
        }
        map.end()
    }
}

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
        assert_eq!(err.kind(), ErrorKind::Json);
    }
}
