//! The JSON-text interface every binding shares: arguments and results cross
//! a host boundary as JSON text (the API's own snake_case shapes), so each
//! binding is a table of `host name -> function here` and no conversion logic
//! is written twice.

use serde::Serialize;
use serde_json::{Value, json};

use crate::error::{Code, Error, Result};
use crate::event::{Event, EventData};
use crate::plan::{AvailabilityRow, RequiredDomains};
use crate::validate::{self, ImportMode, OrderContext, Report};

fn parse(text: &str, what: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| Error::new(Code::InvalidArgument, format!("{what} is not JSON: {e}")))
}

fn to_text(value: &impl Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::new(Code::InternalError, e.to_string()))
}

/// An error as `{kind, code, message, line?, column?, report?}`.
pub fn error_json(err: &Error) -> String {
    let mut out = serde_json::Map::new();
    out.insert("kind".into(), json!(err.kind().class_name()));
    out.insert("code".into(), json!(err.code.as_str()));
    out.insert("message".into(), json!(err.message));
    if let Some(position) = err.position {
        out.insert("line".into(), json!(position.line));
        out.insert("column".into(), json!(position.column));
    }
    if let Some(report) = &err.report {
        out.insert("report".into(), report_value(report));
    }
    Value::Object(out).to_string()
}

/// `{valid, violations: [{code, path, message, severity}]}`.
pub fn report_value(report: &Report) -> Value {
    let violations: Vec<Value> = report
        .violations
        .iter()
        .map(
            |v| json!({"code": v.code.as_str(), "path": v.path, "message": v.message, "severity": v.severity.as_str()}),
        )
        .collect();
    json!({"valid": report.is_valid(), "violations": violations})
}

/// `context`: `{bundle?, availability?}` (availability: rows, or a whole
/// availability response).
pub fn validate_order(order: &str, context: &str) -> Result<String> {
    let order = parse(order, "the order")?;
    let context = parse(context, "the context")?;
    let rows = context.get("availability").filter(|a| !a.is_null()).map(AvailabilityRow::parse_rows);
    let bundle = context.get("bundle").filter(|b| !b.is_null());
    let report = validate::validate_order(&order, OrderContext { bundle, availability: rows.as_deref() });
    Ok(report_value(&report).to_string())
}

/// `kind`: bundle, bundle_patch, user, user_patch, availability_lookup,
/// import, import_job, forwarding, swap, user_name_swap, cancellation.
pub fn validate(kind: &str, input: &str) -> Result<String> {
    let input = parse(input, "the input")?;
    let report = match kind {
        "bundle" => validate::validate_bundle(&input),
        "bundle_patch" => validate::validate_bundle_patch(&input),
        "user" => validate::validate_user(&input),
        "user_patch" => validate::validate_user_patch(&input),
        "availability_lookup" => validate::validate_availability_lookup(&input),
        "import" => validate::validate_import(&input, ImportMode::Sync),
        "import_job" => validate::validate_import(&input, ImportMode::Job),
        "forwarding" => validate::validate_forwarding(&input),
        "swap" => validate::validate_swap(&input),
        "user_name_swap" => validate::validate_user_name_swap(&input),
        "cancellation" => validate::validate_cancellation(Some(&input)),
        other => return Err(Error::new(Code::InvalidArgument, format!("there is no validator for {other:?}"))),
    };
    Ok(report_value(&report).to_string())
}

pub fn estimate_required_domains(params: &str) -> Result<String> {
    to_text(&crate::plan::estimate_required_domains(&parse(params, "the bundle parameters")?)?)
}

/// `{google, microsoft, missing, unusable: [{domain, reason}]}`.
pub fn plan_domains(required: &str, domains: &str, availability: &str) -> Result<String> {
    let required: RequiredDomains = serde_json::from_value(parse(required, "required")?).map_err(|e| {
        Error::new(Code::InvalidArgument, format!("required must be {{google, microsoft, total}}: {e}"))
    })?;
    let picked: Vec<String> = serde_json::from_value(parse(domains, "domains")?)
        .map_err(|_| Error::new(Code::InvalidArgument, "domains must be a list of names"))?;
    let rows = AvailabilityRow::parse_rows(&parse(availability, "availability")?);
    let plan = crate::plan::plan_domains(required, &picked, &rows);
    let unusable: Vec<Value> =
        plan.unusable.iter().map(|(domain, why)| json!({"domain": domain, "reason": why.as_str()})).collect();
    to_text(&json!({"google": plan.google, "microsoft": plan.microsoft, "missing": plan.missing, "unusable": unusable}))
}

pub fn order_body(order: &str) -> Result<Vec<u8>> {
    crate::dedupe::order_body(&parse(order, "the order")?)
}

/// `{inside, expires_at, remaining_seconds}`.
pub fn dedupe_window(first_sent_at: i64, now: i64) -> String {
    let window = crate::dedupe::dedupe_window(first_sent_at, now);
    json!({"inside": window.inside, "expires_at": window.expires_at, "remaining_seconds": window.remaining_seconds})
        .to_string()
}

/// `{id, type, created_at, kind, data, extra}`: `kind` is the data's family
/// (order, domain, domain_import, swap, unknown); `data` the typed object as JSON.
pub fn event_json(event: &Event) -> Result<String> {
    let (kind, data) = match &event.data {
        EventData::Order(order) => ("order", serde_json::to_value(order)),
        EventData::Domain(domain) => ("domain", serde_json::to_value(domain)),
        EventData::DomainImport(job) => ("domain_import", serde_json::to_value(job)),
        EventData::Swap(swap) => ("swap", serde_json::to_value(swap)),
        EventData::Unknown(raw) => ("unknown", Ok(raw.clone())),
    };
    let data = data.map_err(|e| Error::new(Code::InternalError, e.to_string()))?;
    to_text(&json!({
        "id": event.id, "type": event.event_type.as_str(), "created_at": event.created_at,
        "kind": kind, "data": data, "extra": event.extra,
    }))
}

/// `{timestamp, event_id}`.
pub fn verify_webhook<K: AsRef<str>, V: AsRef<str>, S: AsRef<str>>(
    body: &[u8],
    headers: impl IntoIterator<Item = (K, V)>,
    secrets: &[S],
    now: i64,
    tolerance: i64,
) -> Result<String> {
    let verified = crate::webhook::verify_webhook(body, headers, secrets, now, tolerance)?;
    to_text(&json!({"timestamp": verified.timestamp, "event_id": verified.event_id}))
}

pub fn parse_event(body: &[u8]) -> Result<String> {
    event_json(&crate::event::parse_event(body)?)
}

pub fn construct_event<K: AsRef<str>, V: AsRef<str>, S: AsRef<str>>(
    body: &[u8],
    headers: impl IntoIterator<Item = (K, V)>,
    secrets: &[S],
    now: i64,
    tolerance: i64,
) -> Result<String> {
    event_json(&crate::event::construct_event(body, headers, secrets, now, tolerance)?)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // serde_json's Value indexing returns Null, never panics
mod tests {
    use super::*;

    #[test]
    fn errors_travel_as_json_with_their_report() {
        let err = crate::plan::estimate_required_domains(&json!({}))
            .err()
            .unwrap_or_else(|| Error::new(Code::InternalError, ""));
        let value: Value = serde_json::from_str(&error_json(&err)).unwrap_or_default();
        assert_eq!(value["kind"], "ValidationError");
        assert_eq!(value["code"], "invalid_request");
        assert_eq!(value["report"]["violations"][0]["code"], "required");
    }

    #[test]
    fn unknown_validator_is_a_config_error() {
        assert_eq!(validate("order_form", "{}").map_err(|e| e.code), Err(Code::InvalidArgument));
    }
}
