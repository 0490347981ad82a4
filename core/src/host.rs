//! The argument shapes every host accepts, read in one place so each host
//! behaves the same (spec/DECISIONS.md D7 for the retry arguments). A
//! binding converts its native values to JSON values, calls these, and
//! converts the typed results back through their `Serialize` (their wire
//! shape); it holds no rule of its own.

use serde::Deserialize;
use serde_json::Value;

use crate::canonical::{Limits, parse_json};
use crate::dedupe::{DedupeWindow, dedupe_window};
use crate::error::{Code, Error, Result};
use crate::model::{AvailabilityRow, RequiredDomains};
use crate::plan::Plan;
use crate::response::Failure;
use crate::validate::{AvailabilityRows, OrderContext, PreparedAvailability};

/// What `validate_order` and `create_order` know besides the order: the
/// bundle and the availability rows (a list, or a whole availability
/// response, read for this call; or prepared once by the host), both
/// optional; JSON null is absent.
#[derive(Debug, Default)]
pub struct Context<'a> {
    bundle: Option<Value>,
    rows: Option<Vec<AvailabilityRow>>,
    prepared: Option<&'a PreparedAvailability>,
}

impl<'a> Context<'a> {
    /// From the two optional members as a host passed them.
    pub fn new(bundle: Option<Value>, availability: Option<&Value>) -> Self {
        let rows = availability.filter(|a| !a.is_null()).map(AvailabilityRow::parse_rows);
        Context { bundle: bundle.filter(|b| !b.is_null()), rows, prepared: None }
    }

    /// From `{bundle?, availability?}` (or null: no context).
    pub fn of(value: &Value) -> Self {
        Context::new(value.get("bundle").cloned(), value.get("availability"))
    }

    /// With availability the host prepared once, in place of any given as rows.
    pub fn prepared(self, prepared: Option<&'a PreparedAvailability>) -> Self {
        Context { prepared: prepared.or(self.prepared), ..self }
    }

    /// The validator's view of it.
    pub fn get(&self) -> OrderContext<'_> {
        let availability = match (self.prepared, &self.rows) {
            (Some(prepared), _) => Some(AvailabilityRows::Prepared(prepared)),
            (None, rows) => rows.as_deref().map(AvailabilityRows::Rows),
        };
        OrderContext { bundle: self.bundle.as_ref(), availability }
    }
}

/// `validate_order` from the JSON text of an order and of its context (or
/// `null`; `prepared` stands in for its availability), as the native Node
/// addon's JS writes it with `JSON.stringify` when that text reads back as
/// exactly the values (bindings-wasm/js/checks.mjs `asText`), and the report
/// as JSON text for `JSON.parse`: V8 writes and parses JSON far faster than a
/// binding reads or builds values one member at a time across the boundary.
pub fn validate_order_text(order: &str, context: &str, prepared: Option<&PreparedAvailability>) -> Result<String> {
    let order = parse_json(order, Limits::default())?;
    let context = parse_json(context, Limits::default())?;
    let report = crate::validate_order(&order, Context::of(&context).prepared(prepared).get());
    serde_json::to_string(&report).map_err(|e| Error::new(Code::InternalError, e.to_string()))
}

fn invalid(message: &str) -> Error {
    Error::new(Code::InvalidArgument, message)
}

/// `plan_domains` from host values: `required` as `{google, microsoft,
/// total}`, the picked names, and the availability (see [`prepare_availability`]).
pub fn plan_domains(required: &Value, domains: &Value, availability: &PreparedAvailability) -> Result<Plan> {
    let required = RequiredDomains::deserialize(required)
        .map_err(|_| invalid("`required` must be {google, microsoft, total} of whole numbers"))?;
    let picked = Vec::<String>::deserialize(domains).map_err(|_| invalid("`domains` must be a list of names"))?;
    Ok(crate::plan::plan_domains(required, &picked, availability))
}

/// Availability prepared once from the rows or a whole availability response,
/// as a host passed them: a list, or an object with `domains` (or
/// `data.domains`) that is a list; anything else is `invalid_argument`.
/// Rows that are not objects with a `domain` are skipped, as everywhere.
pub fn prepare_availability(value: &Value) -> Result<PreparedAvailability> {
    if AvailabilityRow::rows_list(value).is_none() {
        return Err(invalid("`availability` must be a list of availability rows or an availability response"));
    }
    Ok(PreparedAvailability::parse(value))
}

/// [`prepare_availability`] from JSON text (the native Node addon: see [`validate_order_text`]).
pub fn prepare_availability_text(text: &str) -> Result<PreparedAvailability> {
    prepare_availability(&parse_json(text, Limits::default())?)
}

/// A failed attempt as hosts describe it: `"network"`, or an object with
/// `status` and an optional `retry_after_seconds` (which is what the
/// `ApiError` of every host carries).
pub fn failure(value: &Value) -> Result<Failure> {
    let wrong = || invalid("`failure` must be \"network\", an ApiError, or {status, retry_after_seconds?}");
    if value.as_str() == Some("network") {
        return Ok(Failure::Network);
    }
    let status = value.get("status").and_then(Value::as_u64).and_then(|s| u16::try_from(s).ok()).ok_or_else(wrong)?;
    let retry_after_seconds = value.get("retry_after_seconds").and_then(crate::response::seconds);
    Ok(Failure::Status { status, retry_after_seconds })
}

/// The dedupe window of a retry, from `{first_sent_at, now?}` (null: none);
/// `clock` is the host's "now", used when `now` is left out.
pub fn dedupe(value: &Value, clock: i64) -> Result<Option<DedupeWindow>> {
    if value.is_null() {
        return Ok(None);
    }
    let seconds = |key: &str| value.get(key).filter(|v| !v.is_null()).map(|v| v.as_i64());
    let first =
        seconds("first_sent_at").flatten().ok_or_else(|| invalid("`dedupe.first_sent_at` must be Unix seconds"))?;
    let now = seconds("now").unwrap_or(Some(clock)).ok_or_else(|| invalid("`dedupe.now` must be Unix seconds"))?;
    Ok(Some(dedupe_window(first, now)))
}

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// [`dedupe_window`] for the JavaScript bindings as `[inside (1 or 0),
/// expires_at, remaining_seconds]`, the arguments being JavaScript numbers:
/// one array crosses the boundary for a fraction of what an object built
/// field by field costs (the shared wrapper names the fields). A value past
/// 2^53, which a JavaScript number cannot hold exactly, is `number_out_of_range`.
pub fn dedupe_window_numbers(first_sent_at: f64, now: f64) -> Result<[f64; 3]> {
    let window = dedupe_window(first_sent_at as i64, now as i64);
    let exact = |n: i64| {
        if n.unsigned_abs() > MAX_SAFE_INTEGER {
            return Err(Error::new(
                Code::NumberOutOfRange,
                "the result holds an integer beyond 2^53, which a JavaScript number cannot hold exactly",
            ));
        }
        Ok(n as f64)
    };
    Ok([f64::from(u8::from(window.inside)), exact(window.expires_at)?, exact(window.remaining_seconds)?])
}

/// Panics on purpose. Hosts call it in their tests to prove that a panic
/// reaches their users as a coded `internal_error` and never crashes the
/// process; it is not part of the SDK's API.
#[doc(hidden)]
#[cfg(feature = "test-hooks")]
#[allow(clippy::panic)] // the one panic, on purpose
pub fn panic_for_tests() -> Result<String> {
    panic!("peeker-core panicked on purpose (panic_for_tests)")
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // serde_json's Value indexing returns Null, never panics
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn errors_serialize_with_their_family_and_report() -> std::result::Result<(), serde_json::Error> {
        let err = crate::validate::estimate_required_domains(&json!({})).err();
        let value = serde_json::to_value(err)?;
        assert_eq!((value["kind"].as_str(), value["code"].as_str()), (Some("validation"), Some("invalid_request")));
        assert_eq!(value["report"]["violations"][0]["code"], "required");
        Ok(())
    }

    #[test]
    fn order_text_gives_the_report_of_the_values() -> Result<()> {
        let order = json!({"user": "a@example.com", "domains": ["a.com", "A.com", "b.com"], "personas": []});
        let context = json!({"availability": [{"domain": "b.com", "available": false, "reason": "taken"}]});
        let report = crate::validate_order(&order, Context::of(&context).get());
        assert!(report.violations.len() >= 3);
        let want = serde_json::to_string(&report).map_err(|e| Error::new(Code::InternalError, e.to_string()))?;
        assert_eq!(validate_order_text(&order.to_string(), &context.to_string(), None)?, want);
        // Prepared availability stands in for the context's rows.
        let prepared = prepare_availability(&context["availability"])?;
        assert_eq!(validate_order_text(&order.to_string(), "null", Some(&prepared))?, want);
        assert_eq!(validate_order_text("{", "null", None).map_err(|e| e.code), Err(Code::InvalidJson));
        assert_eq!(prepare_availability_text(&context["availability"].to_string())?, prepared);
        assert_eq!(prepare_availability_text("[").map_err(|e| e.code), Err(Code::InvalidJson));
        Ok(())
    }

    #[test]
    fn availability_to_prepare_must_be_rows_or_a_response() -> Result<()> {
        let row = json!({"domain": "a.com", "available": true});
        for value in [json!([row]), json!({"domains": [row]}), json!({"data": {"domains": [row]}})] {
            assert_eq!(prepare_availability(&value)?.len(), 1);
        }
        for value in [json!(5), json!(null), json!({"domains": 1}), json!({"rows": []}), json!("a.com")] {
            assert_eq!(prepare_availability(&value).map_err(|e| e.code), Err(Code::InvalidArgument));
        }
        Ok(())
    }

    #[test]
    fn failures_take_every_host_shape() -> Result<()> {
        assert_eq!(failure(&json!("network"))?, Failure::Network);
        let api_error = json!({"kind": "api", "code": "rate_limited", "status": 429, "retry_after_seconds": 12});
        assert_eq!(failure(&api_error)?, Failure::Status { status: 429, retry_after_seconds: Some(12) });
        assert_eq!(failure(&json!({"status": "500"})).map_err(|e| e.code), Err(Code::InvalidArgument));
        Ok(())
    }

    #[test]
    fn dedupe_now_defaults_to_the_clock() -> Result<()> {
        assert_eq!(dedupe(&json!({"first_sent_at": 0}), 10)?, Some(dedupe_window(0, 10)));
        assert_eq!(dedupe(&json!({"first_sent_at": 0, "now": 5}), 10)?, Some(dedupe_window(0, 5)));
        assert_eq!(dedupe(&json!(null), 10)?, None);
        assert_eq!(dedupe(&json!({"now": 5}), 10).map_err(|e| e.code), Err(Code::InvalidArgument));
        Ok(())
    }

    #[test]
    fn dedupe_numbers_are_the_window_within_2_53() -> Result<()> {
        assert_eq!(dedupe_window_numbers(0.0, 1.0)?, [1.0, 86400.0, 86399.0]);
        assert_eq!(dedupe_window_numbers(0.0, 86400.0)?, [0.0, 86400.0, 0.0]);
        let last = MAX_SAFE_INTEGER as f64;
        assert_eq!(dedupe_window_numbers(last - 86400.0, 0.0)?, [1.0, last, last]);
        assert_eq!(dedupe_window_numbers(last, 0.0).map_err(|e| e.code), Err(Code::NumberOutOfRange));
        assert_eq!(dedupe_window_numbers(-last, 0.0)?, [0.0, 86400.0 - last, 0.0]);
        Ok(())
    }
}
