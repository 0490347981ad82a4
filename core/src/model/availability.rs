//! What the core reads from the sizing and availability models: a bundle's
//! required counts, and whether an availability row can serve an order.

use serde::Deserialize;
use serde_json::Value;

use super::{AvailabilityRow, Provider, RequiredDomains};

impl RequiredDomains {
    /// The counts for `google` and `microsoft` domains, `total` their (saturating) sum.
    pub fn new(google: u64, microsoft: u64) -> Self {
        RequiredDomains { google, microsoft, total: google.saturating_add(microsoft) }
    }

    /// A bundle's authoritative `required_domains`, if it has a well-formed one.
    pub fn from_bundle(bundle: &Value) -> Option<Self> {
        let required = RequiredDomains::deserialize(bundle.get("required_domains")?).ok()?;
        (required.google.checked_add(required.microsoft) == Some(required.total)).then_some(required)
    }
}

impl AvailabilityRow {
    /// The rows' list in what a host passes as availability: an availability
    /// response's `domains` (or `data.domains`), or the value itself; `None`
    /// when that is not a list.
    pub(crate) fn rows_list(value: &Value) -> Option<&[Value]> {
        let list = value.get("domains").or_else(|| value.get("data").and_then(|d| d.get("domains"))).unwrap_or(value);
        list.as_array().map(Vec::as_slice)
    }

    /// Rows from an availability response's `domains` list, or from a bare
    /// list; rows that are not objects with a `domain` are skipped.
    pub fn parse_rows(value: &Value) -> Vec<AvailabilityRow> {
        let rows = AvailabilityRow::rows_list(value).unwrap_or_default();
        rows.iter()
            .filter_map(|row| AvailabilityRow::deserialize(row).ok()) // from &Value: no clone
            .filter(|row| !row.domain.is_empty())
            .collect()
    }

    /// Whether the API will take this domain in an order.
    pub fn orderable(&self) -> bool {
        self.available && !self.premium
    }

    /// Whether `usable_for` lists `provider`.
    pub fn serves(&self, provider: &Provider) -> bool {
        self.usable_for.contains(provider)
    }

    /// Why the domain cannot be ordered, if it cannot.
    pub fn problem(&self) -> Option<Unusable> {
        if self.premium || self.reason.as_deref() == Some("premium") {
            Some(Unusable::Premium)
        } else if !self.available {
            Some(Unusable::Unavailable(self.reason.clone().unwrap_or_else(|| "unavailable".to_owned())))
        } else {
            None
        }
    }
}

/// Why a picked domain cannot serve the order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unusable {
    /// Not a valid domain name.
    Invalid,
    /// The same domain was picked before.
    Duplicate,
    /// No availability row covers it.
    Unknown,
    /// Premium domains cannot be ordered through the API.
    Premium,
    /// The row says it is not available (`taken`, `errored`, ...).
    Unavailable(String),
    /// It serves neither provider the order still needs.
    NotNeeded,
}

impl Unusable {
    /// The reason as every host spells it (`invalid`, `duplicate`, `unknown`,
    /// `premium`, `not_needed`, or the row's own reason such as `taken`).
    pub fn as_str(&self) -> &str {
        match self {
            Unusable::Invalid => "invalid",
            Unusable::Duplicate => "duplicate",
            Unusable::Unknown => "unknown",
            Unusable::Premium => "premium",
            Unusable::Unavailable(reason) => reason,
            Unusable::NotNeeded => "not_needed",
        }
    }
}
