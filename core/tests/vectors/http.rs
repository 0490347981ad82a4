//! Vector ops for the HTTP side: the client and its request builders
//! (requests.json), response parsing and retry advice (responses.json).
//!
//! Conventions every host follows for these files:
//! - `build_request`: `expect.requests` lists every request in order; each
//!   request's `headers` is the complete set, names compared
//!   case-insensitively (written lowercase), and `{version}` in a value
//!   stands for the core's version. `body` is the exact body text or null.
//! - errors: `expect.error` is the code; `expect.violations`, when given, is
//!   the exact set of `{code, path}` pairs (order ignored).
//! - `parse_response`: `expect` is a subset of the parsed response
//!   `{status, request_id, data, next_link}` or of the `api_error`: objects may
//!   leave out members (a member given as null must be null or absent), lists
//!   must have the same length, numbers compare by value. With `exact: true`
//!   the response's `data` must equal `expect.data`.

use libtest_mimic::Failed;
use peeker_core::{Client, ClientOptions, Error, Failure, HttpRequest, Operation, VERSION, dedupe_window};
use serde_json::{Map, Value, json};

use super::{int, text};

fn same(got: Value, want: Value) -> Result<(), Failed> {
    if got == want { Ok(()) } else { Err(format!("got  {got}\nwant {want}").into()) }
}

/// Whether `got` has everything `want` has (see the module docs).
fn contains(got: &Value, want: &Value) -> bool {
    match (got, want) {
        (Value::Object(got), Value::Object(want)) => {
            want.iter().all(|(key, value)| contains(got.get(key).unwrap_or(&Value::Null), value))
        }
        (Value::Array(got), Value::Array(want)) => {
            got.len() == want.len() && got.iter().zip(want).all(|(g, w)| contains(g, w))
        }
        (Value::Number(got), Value::Number(want)) => got.as_f64() == want.as_f64(),
        _ => got == want,
    }
}

fn subset(got: Value, want: &Value) -> Result<(), Failed> {
    if contains(&got, want) { Ok(()) } else { Err(format!("got  {got}\nwant {want} (subset)").into()) }
}

fn operation(case: &Value) -> Result<Operation, Failed> {
    text(case, "operation")?.parse().map_err(|e: Error| e.to_string().into())
}

fn client_of(case: &Value) -> Result<Client, Error> {
    let config = &case["client"];
    let option = |key: &str| config[key].as_str().map(str::to_owned);
    let options = ClientOptions { base_url: option("base_url"), user_agent: option("user_agent") };
    Client::new(config["api_key"].as_str().unwrap_or_default(), options)
}

/// `{error, violations?}`: the violations sorted, and only when the case lists them.
fn error_json(err: &Error, expected: &Value) -> Value {
    super::marked::seen(|| super::marked::error(err));
    let mut got = json!({"error": err.code.as_str()});
    if expected.get("violations").is_some() {
        let pairs =
            err.report.as_ref().map(|r| r.violations.iter().map(|v| (v.code.as_str(), v.path.clone())).collect());
        got["violations"] = sorted_pairs(pairs.unwrap_or_default());
    }
    got
}

fn sorted_pairs(mut pairs: Vec<(&str, String)>) -> Value {
    pairs.sort_unstable();
    pairs.iter().map(|(code, path)| json!({"code": code, "path": path})).collect()
}

/// The case's expectation with header names lowercased, `{version}`
/// replaced and violations sorted, to compare with [`request_json`].
fn normalized(expected: &Value) -> Value {
    let mut want = expected.clone();
    let requests = want.get_mut("requests").and_then(Value::as_array_mut);
    for request in requests.map(Vec::as_mut_slice).unwrap_or_default() {
        let headers = request["headers"].as_object().cloned().unwrap_or_default();
        let headers: Map<String, Value> = headers
            .into_iter()
            .map(|(name, value)| {
                let value = value.as_str().map_or(value.clone(), |v| json!(v.replace("{version}", VERSION)));
                (name.to_ascii_lowercase(), value)
            })
            .collect();
        request["headers"] = Value::Object(headers);
    }
    if let Some(list) = want["violations"].as_array() {
        let pairs = list
            .iter()
            .map(|v| (v["code"].as_str().unwrap_or_default(), v["path"].as_str().unwrap_or_default().to_owned()));
        want["violations"] = sorted_pairs(pairs.collect());
    }
    want
}

/// The host form of a request, header names lowercased.
fn request_json(request: &HttpRequest) -> Value {
    let mut value = serde_json::to_value(request).unwrap_or_default();
    let headers = value["headers"].as_object().cloned().unwrap_or_default();
    value["headers"] = headers.into_iter().map(|(name, v)| (name.to_ascii_lowercase(), v)).collect();
    value
}

/// op `client`: `expect {environment}` or `{error}`.
pub(super) fn client(case: &Value) -> Result<(), Failed> {
    let got = match client_of(case) {
        Ok(client) => json!({"environment": client.environment().as_str()}),
        Err(err) => error_json(&err, &case["expect"]),
    };
    same(got, normalized(&case["expect"]))
}

/// op `build_request`: `expect {requests}` or `{error, violations?}`.
pub(super) fn build_request(case: &Value) -> Result<(), Failed> {
    let outcome = match client_of(case) {
        Ok(client) => super::builders::build(&client, text(case, "call")?, &case["args"]),
        Err(err) => Err(err),
    };
    let got = match outcome {
        Ok(requests) => json!({"requests": requests.iter().map(request_json).collect::<Vec<_>>()}),
        Err(err) => error_json(&err, &case["expect"]),
    };
    same(got, normalized(&case["expect"]))
}

/// op `parse_response`: `expect` a subset of the response, or `{api_error}`.
pub(super) fn parse_response(case: &Value) -> Result<(), Failed> {
    let status = u16::try_from(int(case, "status")?)?;
    let headers: Vec<(String, String)> = serde_json::from_value(case["headers"].clone())?;
    let body = text(case, "body")?.as_bytes();
    let expected = &case["expect"];
    let response = peeker_core::parse_response(operation(case)?, status, headers, body);
    if let Err(error) = &response {
        super::marked::seen(|| super::marked::error(error));
    }
    match (response, expected.get("api_error")) {
        (Ok(response), None) => {
            let got = serde_json::to_value(&response)?;
            if case["exact"] == true {
                same(got["data"].clone(), expected["data"].clone())?;
            }
            subset(got, expected)
        }
        (Err(error), Some(want)) => subset(serde_json::to_value(&error)?, want),
        (Ok(response), Some(_)) => Err(format!("expected an API error, got {response:?}").into()),
        (Err(error), None) => Err(format!("unexpected API error {error}").into()),
    }
}

/// op `retry_advice`: `expect {retry, delay_ms, reason}`.
pub(super) fn retry_advice(case: &Value) -> Result<(), Failed> {
    let failure = match (&case["failure"], case.get("failure_response")) {
        (_, Some(response)) => {
            let (status, headers) = (u16::try_from(int(response, "status")?)?, super::headers(response)?);
            let parsed =
                peeker_core::parse_response(operation(response)?, status, headers, text(response, "body")?.as_bytes());
            Failure::from(&parsed.err().ok_or("the failure response parsed as a success")?)
        }
        (failure, None) => peeker_core::host::failure(failure)?,
    };
    let dedupe = match case.get("dedupe") {
        Some(window) => Some(dedupe_window(int(window, "first_sent_at")?, super::now_or_clock(window)?)),
        None => None,
    };
    let attempt = u32::try_from(int(case, "attempt")?)?;
    let jitter = case["jitter"].as_f64().ok_or("case has no number \"jitter\"")?;
    let advice = peeker_core::retry_advice(operation(case)?, failure, attempt, jitter, dedupe);
    let got = json!({"retry": advice.retry, "delay_ms": advice.delay_ms, "reason": advice.reason.as_str()});
    same(got, case["expect"].clone())
}
