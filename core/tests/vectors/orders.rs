//! Vector ops for validation, sizing and planning, dedupe and events.

use libtest_mimic::Failed;
use peeker_core::host::{Context, prepare_availability};
use peeker_core::{
    DEFAULT_TOLERANCE_SECONDS, Event, Report, RequiredDomains, construct_event, dedupe_key, dedupe_window,
    estimate_required_domains, order_body, parse_event, plan_domains, validate_order,
};
use serde_json::{Value, json};

use super::{expect, int, text};

/// The report as `{valid, violations: [{code, path}]}`, violations sorted so
/// the comparison ignores walk order.
fn report_json(report: &Report) -> Value {
    super::marked::seen(|| report.violations.iter().map(|v| v.message.as_str()).collect::<Vec<_>>().join("\n"));
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

/// `{id, type, unknown_type?, data_id}` of the event as hosts see it, and
/// its `data` when the case gives one (compared exactly).
fn event_json(event: &Event, expected: &Value) -> Result<Value, Failed> {
    let mut got = serde_json::to_value(event)?;
    let data = got["data"].take();
    let mut summary = json!({"id": got["id"], "type": got["type"], "data_id": null});
    if let Some(unknown) = got.get("unknown_type") {
        summary["unknown_type"] = unknown.clone();
    } else {
        summary["data_id"] = data["id"].clone();
    }
    if expected.get("data").is_some() {
        summary["data"] = data;
    }
    Ok(summary)
}

pub(super) fn run(case: &Value) -> Result<(), Failed> {
    let input = &case["input"];
    let expected = &case["expect"];
    match text(case, "op")? {
        "validate_order" => {
            let (bundle, availability) = (case["context"].get("bundle").cloned(), case["context"].get("availability"));
            let plain = Context::new(bundle.clone(), availability);
            same(report_json(&validate_order(input, plain.get())), sorted(expected))?;
            // The same availability prepared once, used twice, gives the same report.
            let Some(availability) = availability else { return Ok(()) };
            let prepared = prepare_availability(availability)?;
            let context = Context::new(bundle, None).prepared(Some(&prepared));
            for _ in 0..2 {
                same(report_json(&validate_order(input, context.get())), sorted(expected))?;
            }
            Ok(())
        }
        "validate" => {
            let report = super::builders::validate(text(case, "kind")?, input).ok_or("no such validator")?;
            same(report_json(&report), sorted(expected))
        }
        "estimate_required_domains" => match estimate_required_domains(input) {
            Ok(required) => same(serde_json::to_value(required)?, expected.clone()),
            Err(err) => {
                super::marked::seen(|| super::marked::error(&err));
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
            let prepared = prepare_availability(&case["availability"])?;
            for _ in 0..2 {
                let plan = plan_domains(required, &picked, &prepared);
                let unusable: Vec<Value> = plan
                    .unusable
                    .iter()
                    .map(|(domain, why)| json!({"domain": domain, "reason": why.as_str()}))
                    .collect();
                let got = json!({"google": plan.google, "microsoft": plan.microsoft, "missing": plan.missing, "unusable": unusable});
                same(got, expected.clone())?;
            }
            Ok(())
        }
        "order_body" => expect(case, order_body(input), |expected, body| {
            expected["body"].as_str().map(str::as_bytes) == Some(body.as_slice())
                && expected["dedupe_key"].as_str() == Some(dedupe_key(&body).as_str())
        }),
        "dedupe_window" => {
            let window = dedupe_window(int(case, "first_sent_at")?, super::now_or_clock(case)?);
            same(super::expected_members(serde_json::to_value(window)?, expected), expected.clone())
        }
        "parse_event" => expect(case, parse_event(&super::body(case)?), |expected, event| {
            event_json(&event, expected).is_ok_and(|got| got == *expected)
        }),
        "construct_event" => {
            let headers = super::headers(case)?;
            let secrets: Vec<String> = serde_json::from_value(case["secrets"].clone())?;
            let body = &super::body(case)?;
            let result = construct_event(body, headers, &secrets, int(case, "now")?, DEFAULT_TOLERANCE_SECONDS);
            expect(case, result, |expected, event| event_json(&event, expected).is_ok_and(|got| got == *expected))
        }
        other => Err(format!("unknown op {other}").into()),
    }
}
