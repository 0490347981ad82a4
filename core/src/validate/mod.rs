//! Validation of everything a customer or partner types (SPEC.md section 7).
//!
//! Validators take raw JSON of any shape, walk all of it, and return a
//! [`Report`] with every violation, each tied to a JSON-path-like `path`. They
//! never fail on bad content: bad content is what they report.

mod fields;
mod order;
mod requests;
mod walk;

use std::fmt;

pub use fields::{Picture, normalize_domain};
pub use order::{OrderContext, validate_order};
pub use requests::{
    AVAILABILITY_BATCH, FORWARDING_BATCH, IMPORT_BATCH, IMPORT_JOB_BATCH, ImportMode, validate_availability_lookup,
    validate_bundle, validate_bundle_patch, validate_cancellation, validate_forwarding, validate_import, validate_swap,
    validate_user, validate_user_name_swap, validate_user_patch,
};

/// How serious a violation is: errors make the API refuse the request;
/// warnings point at probable mistakes the API accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! rules {
    ($($variant:ident => $text:literal, $severity:ident;)*) => {
        /// A stable violation code, identical in every host.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Rule { $($variant,)* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Rule::$variant => $text,)* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)* }
            }
        }
    };
}

rules! {
    Required => "required", Error;
    InvalidType => "invalid_type", Error;
    Empty => "empty", Error;
    InvalidEmail => "invalid_email", Error;
    InvalidUrl => "invalid_url", Error;
    InvalidDomain => "invalid_domain", Error;
    InvalidId => "invalid_id", Error;
    OutOfRange => "out_of_range", Error;
    TooFew => "too_few", Error;
    TooMany => "too_many", Error;
    Duplicate => "duplicate", Error;
    OrderShapeConflict => "order_shape_conflict", Error;
    PercentPair => "percent_pair", Error;
    UnsupportedProvider => "unsupported_provider", Error;
    LicensesNotWholeDomains => "licenses_not_whole_domains", Error;
    DomainCountMismatch => "domain_count_mismatch", Error;
    MicrosoftSplitUnmet => "microsoft_split_unmet", Error;
    DomainUnavailable => "domain_unavailable", Error;
    PremiumDomain => "premium_domain", Error;
    UnknownField => "unknown_field", Warning;
    PictureNotPublic => "picture_not_public", Warning;
    AvailabilityUnknown => "availability_unknown", Warning;
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem, at one place of the validated object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub code: Rule,
    /// `""` for the whole object, else like `personas[2].profile_picture_url`.
    pub path: String,
    /// For people; never holds a secret.
    pub message: String,
    pub severity: Severity,
}

/// Every violation found, in the order the input was walked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub violations: Vec<Violation>,
}

impl Report {
    /// True when nothing at error level was found (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(|v| v.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Violation> {
        self.violations.iter().filter(|v| v.severity == Severity::Warning)
    }

    pub(crate) fn add(&mut self, code: Rule, path: &str, message: impl Into<String>) {
        let severity = code.severity();
        self.violations.push(Violation { code, path: path.to_owned(), message: message.into(), severity });
    }

    /// `Ok(())` when valid, else the validation error carrying this report.
    pub fn into_result(self) -> crate::error::Result<()> {
        if self.is_valid() { Ok(()) } else { Err(crate::Error::validation(self)) }
    }
}
