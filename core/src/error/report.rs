//! A validation report: every violation found, each with its stable code and
//! JSON-path-like place.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::{Error, Result, Rule, Severity};

/// One problem, at one place of the validated object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// Which rule is broken.
    pub code: Rule,
    /// `""` for the whole object, else like `personas[2].profile_picture_url`.
    pub path: String,
    /// For people; never quotes a value the caller passed (spec/DECISIONS.md D8).
    pub message: String,
    /// `code.severity()`, except for unknown query options (errors).
    pub severity: Severity,
}

/// Every violation found, in the order the input was walked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Errors and warnings together, in walk order.
    pub violations: Vec<Violation>,
}

impl Report {
    /// True when nothing at error level was found (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }

    /// The error-level violations.
    pub fn errors(&self) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(|v| v.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(|v| v.severity == Severity::Warning)
    }

    /// Records a violation of `code` at `path`, at the rule's severity.
    pub(crate) fn add(&mut self, code: Rule, path: impl ViolationPath, message: impl Into<String>) {
        self.add_with(code, code.severity(), path, message);
    }

    /// Records a violation at another severity than its rule's (an unknown
    /// query option is an error: spec/DECISIONS.md D12).
    pub(crate) fn add_with(
        &mut self,
        code: Rule,
        severity: Severity,
        path: impl ViolationPath,
        message: impl Into<String>,
    ) {
        self.violations.push(Violation { code, path: path.into_path(), message: message.into(), severity });
    }

    /// `Ok(())` when valid, else the validation error carrying this report.
    pub fn into_result(self) -> Result<()> {
        if self.is_valid() { Ok(()) } else { Err(Error::validation(self)) }
    }
}

/// Where a violation is: text, or a validator's path (`validate/walk.rs`),
/// which is written out only when a violation is recorded at it.
pub(crate) trait ViolationPath {
    fn into_path(self) -> String;
}

impl ViolationPath for &str {
    fn into_path(self) -> String {
        self.to_owned()
    }
}

/// `{code, path, message, severity}`.
impl Serialize for Violation {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Violation", 4)?;
        out.serialize_field("code", self.code.as_str())?;
        out.serialize_field("path", &self.path)?;
        out.serialize_field("message", &self.message)?;
        out.serialize_field("severity", self.severity.as_str())?;
        out.end()
    }
}

/// `{valid, violations}`.
impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Report", 2)?;
        out.serialize_field("valid", &self.is_valid())?;
        out.serialize_field("violations", &self.violations)?;
        out.end()
    }
}
