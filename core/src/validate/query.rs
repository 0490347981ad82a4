//! Query options of list endpoints (spec/DECISIONS.md D12): each option is
//! checked like a body field, and an unknown option is an error, not a
//! warning, because the API would ignore the filter and return everything.

use serde_json::Value;

use super::fields::{is_email, is_opaque_id};
use super::{Report, Rule, Severity};
use crate::contract::{MAX_PER_PAGE, MIN_PER_PAGE, prefix};
use crate::error::Result;

/// What a query option's value must be.
#[derive(Clone, Copy)]
pub(crate) enum Filter {
    /// One of the documented values.
    OneOf(&'static [&'static str]),
    /// Any non-empty text (values Peeker does not document).
    Text,
    /// An id with this prefix.
    Id(&'static str),
    Email,
    /// A `usr_` id or an email address.
    UserRef,
    /// `MIN_PER_PAGE..=MAX_PER_PAGE`.
    PerPage,
    /// Opaque: sent exactly as given.
    PageToken,
}

/// The options an endpoint takes, in the order they are written to the URL
/// (the contract's order, so every host builds the same URL).
pub(crate) type QuerySpec = &'static [(&'static str, Filter)];

/// The query pairs for `query` (a JSON object, or `None`/null for none):
/// null members are skipped, strings trimmed (except `page_token`).
pub(crate) fn query_pairs(spec: QuerySpec, query: Option<&Value>) -> Result<Vec<(&'static str, String)>> {
    let mut report = Report::default();
    let map = match query {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Object(map)) => map,
        Some(_) => {
            report.add(Rule::InvalidType, "", "query options must be an object");
            return Err(crate::Error::validation(report));
        }
    };
    for key in map.keys().filter(|key| !spec.iter().any(|(name, _)| name == key)) {
        // An error here (see the module docs), not the bodies' warning.
        report.add_with(Rule::UnknownField, Severity::Error, key.as_str(), "is not a query option of this endpoint");
    }
    let mut pairs = Vec::new();
    for (key, filter) in spec {
        let Some(value) = map.get(*key).filter(|v| !v.is_null()) else {
            continue;
        };
        if let Some(text) = filter.check(value, key, &mut report) {
            pairs.push((*key, text));
        }
    }
    report.into_result()?;
    Ok(pairs)
}

impl Filter {
    /// The value as it goes in the URL, or `None` with the violation reported.
    fn check(self, value: &Value, key: &str, report: &mut Report) -> Option<String> {
        if let Filter::PerPage = self {
            return per_page(value, key, report);
        }
        let Some(raw) = value.as_str() else {
            report.add(Rule::InvalidType, key, "expected a string");
            return None;
        };
        let text = if let Filter::PageToken = self { raw } else { raw.trim() };
        if text.trim().is_empty() {
            report.add(Rule::Empty, key, "must not be empty");
            return None;
        }
        let ok = match self {
            Filter::OneOf(values) => {
                let known = values.contains(&text);
                if !known {
                    report.add(Rule::OutOfRange, key, format!("must be one of: {}", values.join(", ")));
                }
                known
            }
            Filter::Id(prefix) => check_id(text, key, prefix, report),
            Filter::Email => check_email(text, key, report),
            Filter::UserRef if text.starts_with(prefix::USER) => check_id(text, key, prefix::USER, report),
            Filter::UserRef => check_email(text, key, report),
            Filter::Text | Filter::PageToken | Filter::PerPage => true,
        };
        ok.then(|| text.to_owned())
    }
}

fn per_page(value: &Value, key: &str, report: &mut Report) -> Option<String> {
    let Some(number) = value.as_u64().or_else(|| value.as_i64().map(|_| 0)) else {
        report.add(Rule::InvalidType, key, "expected a whole number");
        return None;
    };
    if !(MIN_PER_PAGE as u64..=MAX_PER_PAGE as u64).contains(&number) {
        report.add(Rule::OutOfRange, key, format!("must be between {MIN_PER_PAGE} and {MAX_PER_PAGE}"));
        return None;
    }
    Some(number.to_string())
}

fn check_id(text: &str, key: &str, prefix: &str, report: &mut Report) -> bool {
    let ok = is_opaque_id(text, prefix);
    if !ok {
        report.add(Rule::InvalidId, key, format!("must be an id starting with `{prefix}`"));
    }
    ok
}

fn check_email(text: &str, key: &str, report: &mut Report) -> bool {
    let ok = is_email(text);
    if !ok {
        report.add(Rule::InvalidEmail, key, "is not an email address");
    }
    ok
}
