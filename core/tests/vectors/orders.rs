//! Vector ops for validation, sizing and planning, dedupe and events.

use libtest_mimic::Failed;
use peeker_core::plan::AvailabilityRow;
use peeker_core::{
    DEFAULT_TOLERANCE_SECONDS, Event, EventData, OrderContext, Report, RequiredDomains, construct_event, dedupe_key,
    dedupe_window, estimate_required_domains, host, order_body, parse_event, plan_domains, validate_order,
};
use serde_json::{Value, json};

use super::{expect, int, text};

/// The report as `{valid, violations: [{code, path}]}`, violations sorted so
/// the comparison ignores walk order.
fn report_json(report: &Report) -> Value {
    let mut pairs: Vec<(&str, &str)> = report.violations.iter().map(|v| (v.code.as_str(), v.path.as_str())).collect();
    pairs.sort_unstable();
    let violations: Vec<Value> = pairs.iter().map(|(code, path)| json!({"code": code, "path": path})).collect();
    json!({"valid": report.is_valid(), "violations": violations})
}

fn sorted(expected: &Value) -> Value {
    let mut pairs: Vec<(String, String)> = expected["violations"]
        .as_array()
        .map(|list| list.iter().map(|v| (v["code"].to_string(), v["path"].to_string())).collect())
        .unwrap_or_default();
    pairs.sort_unstable();
    let violations: Vec<Value> =
        pairs.iter().map(|(code, path)| json!({"code": serde_json::from_str::<Value>(code).unwrap_or_default(), "path": serde_json::from_str::<Value>(path).unwrap_or_default()})).collect();
    json!({"valid": expected["valid"], "violations": violations})
}

fn same(got: Value, want: Value) -> Result<(), Failed> {
    if got == want { Ok(()) } else { Err(format!("got {got}\nwant {want}").into()) }
}

fn rows(value: &Value) -> Vec<AvailabilityRow> {
    AvailabilityRow::parse_rows(value)
}

fn event_json(event: &Event) -> Value {
    let (kind, data_id) = match &event.data {
        EventData::Order(order) => ("order", Some(order.id.as_str())),
        EventData::Domain(domain) => ("domain", Some(domain.id.as_str())),
        EventData::DomainImport(job) => ("domain_import", Some(job.id.as_str())),
        EventData::Swap(swap) => ("swap", Some(swap.id.as_str())),
        EventData::Unknown(_) => ("unknown", None),
    };
    json!({"id": event.id, "type": event.event_type.as_str(), "kind": kind, "data_id": data_id})
}

pub(super) fn run(case: &Value) -> Result<(), Failed> {
    let input = &case["input"];
    let expected = &case["expect"];
    match text(case, "op")? {
        "validate_order" => {
            let availability = case["context"].get("availability").map(rows);
            let context = OrderContext { bundle: case["context"].get("bundle"), availability: availability.as_deref() };
            same(report_json(&validate_order(input, context)), sorted(expected))
        }
        "validate" => same(report_json(&host::validate_value(text(case, "kind")?, input)?), sorted(expected)),
        "estimate_required_domains" => match estimate_required_domains(input) {
            Ok(required) => same(serde_json::to_value(required)?, expected.clone()),
            Err(err) => {
                let report = err.report.map(|r| report_json(&r)).unwrap_or_default();
                same(
                    json!([err.code.as_str(), report["violations"]]),
                    json!([expected["error"], sorted(expected)["violations"]]),
                )
            }
        },
        "plan_domains" => {
            let required: RequiredDomains = serde_json::from_value(case["required"].clone())?;
            let picked: Vec<String> = serde_json::from_value(case["domains"].clone())?;
            let plan = plan_domains(required, &picked, &rows(&case["availability"]));
            let unusable: Vec<Value> =
                plan.unusable.iter().map(|(domain, why)| json!({"domain": domain, "reason": why.as_str()})).collect();
            let got = json!({"google": plan.google, "microsoft": plan.microsoft, "missing": plan.missing, "unusable": unusable});
            same(got, expected.clone())
        }
        "order_body" => expect(case, order_body(input), |expected, body| {
            expected["body"].as_str().map(str::as_bytes) == Some(body.as_slice())
                && expected["dedupe_key"].as_str() == Some(dedupe_key(&body).as_str())
        }),
        "dedupe_window" => {
            let window = dedupe_window(int(case, "first_sent_at")?, int(case, "now")?);
            let got = json!({"inside": window.inside, "expires_at": window.expires_at, "remaining_seconds": window.remaining_seconds});
            same(got, expected.clone())
        }
        "parse_event" => {
            expect(case, parse_event(&super::body(case)?), |expected, event| event_json(&event) == *expected)
        }
        "construct_event" => {
            let headers = super::headers(case)?;
            let secrets: Vec<String> = serde_json::from_value(case["secrets"].clone())?;
            let body = &super::body(case)?;
            let result = construct_event(body, headers, &secrets, int(case, "now")?, DEFAULT_TOLERANCE_SECONDS);
            expect(case, result, |expected, event| event_json(&event) == *expected)
        }
        other => Err(format!("unknown op {other}").into()),
    }
}
