//! Runs every case of tests/vectors/ against the Rust API, one trial per case.
// serde_json indexes `Value` by key without panicking (a missing key is Null).
#![allow(clippy::indexing_slicing)]

use std::fs;
use std::path::{Path, PathBuf};

mod builders;
mod http;
mod marked;
mod orders;

use libtest_mimic::{Arguments, Failed, Trial};
use peeker_core::{DEFAULT_TOLERANCE_SECONDS, Error, canonicalize, sign_webhook, verify_webhook};
use serde_json::Value;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn read(path: &Path) -> Result<String, Failed> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn text<'a>(case: &'a Value, key: &str) -> Result<&'a str, Failed> {
    case[key].as_str().ok_or_else(|| format!("case has no string {key:?}").into())
}

/// A text the case gives as a string, or as `{"parts": [[text, count], ...]}`
/// (repeated pieces, for inputs too big to store).
fn spec(value: &Value) -> Result<String, Failed> {
    if let Some(text) = value.as_str() {
        return Ok(text.to_owned());
    }
    let parts = value["parts"].as_array().ok_or("expected a string or {parts}")?;
    let mut out = String::new();
    for part in parts {
        let count = usize::try_from(part[1].as_u64().ok_or("bad part count")?)?;
        out.push_str(&part[0].as_str().ok_or("bad part text")?.repeat(count));
    }
    Ok(out)
}

/// The case's body bytes: `body` (text or parts) or `body_base64`.
fn body(case: &Value) -> Result<Vec<u8>, Failed> {
    match case["body_base64"].as_str() {
        Some(encoded) => Ok(base64::Engine::decode(&base64::engine::general_purpose::STANDARD, encoded)?),
        None => Ok(spec(&case["body"])?.into_bytes()),
    }
}

/// Headers as `[[name, value]]`, values as text or parts.
fn headers(case: &Value) -> Result<Vec<(String, String)>, Failed> {
    let list = case["headers"].as_array().ok_or("case has no headers")?;
    list.iter().map(|pair| Ok((pair[0].as_str().ok_or("bad header name")?.to_owned(), spec(&pair[1])?))).collect()
}

fn int(case: &Value, key: &str) -> Result<i64, Failed> {
    case[key].as_i64().ok_or_else(|| format!("case has no integer {key:?}").into())
}

/// `now` of a case, or this host's clock when the case leaves it out.
fn now_or_clock(case: &Value) -> Result<i64, Failed> {
    match case.get("now") {
        Some(_) => int(case, "now"),
        None => Ok(i64::try_from(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs())?),
    }
}

/// The members of `got` that `expected` names (a case without `now` cannot
/// pin what depends on the clock).
fn expected_members(got: Value, expected: &Value) -> Value {
    match (got, expected) {
        (Value::Object(mut got), Value::Object(expected)) => {
            got.retain(|key, _| expected.contains_key(key));
            Value::Object(got)
        }
        (got, _) => got,
    }
}

/// Compare a result with the case's `expect`: `{error: code}` or a value check.
fn expect<T>(case: &Value, result: Result<T, Error>, check: impl FnOnce(&Value, T) -> bool) -> Result<(), Failed>
where
    T: std::fmt::Debug,
{
    let expected = &case["expect"];
    if let Err(err) = &result {
        marked::seen(|| marked::error(err));
    }
    match (result, expected["error"].as_str()) {
        (Err(err), Some(code)) if err.code.as_str() == code => Ok(()),
        (Err(err), _) => Err(format!("unexpected error {err}").into()),
        (Ok(value), Some(code)) => Err(format!("expected error {code}, got {value:?}").into()),
        (Ok(value), None) => {
            let shown = format!("{value:?}");
            if check(expected, value) { Ok(()) } else { Err(format!("got {shown}").into()) }
        }
    }
}

fn run(case: &Value) -> Result<(), Failed> {
    match text(case, "op")? {
        "canonicalize" => expect(case, canonicalize(&spec(&case["input"])?), |expected, out| {
            expected["output"].as_str() == Some(out.as_str())
        }),
        "sign" => {
            let body = body(case)?;
            let result = sign_webhook(text(case, "secret")?, int(case, "timestamp")?, &body);
            expect(case, result, |expected, signature| expected["signature"].as_str() == Some(signature.as_str()))
        }
        "verify" => {
            let secrets: Vec<String> = serde_json::from_value(case["secrets"].clone()).map_err(|e| e.to_string())?;
            let tolerance = case["tolerance"].as_i64().unwrap_or(DEFAULT_TOLERANCE_SECONDS);
            let result = verify_webhook(&body(case)?, headers(case)?, &secrets, int(case, "now")?, tolerance);
            expect(case, result, |expected, verified| {
                serde_json::to_value(verified).ok().as_ref() == Some(&expected["ok"])
            })
        }
        "validate_order"
        | "validate"
        | "estimate_required_domains"
        | "plan_domains"
        | "order_body"
        | "dedupe_window"
        | "parse_event"
        | "construct_event" => orders::run(case),
        "client" => http::client(case),
        "build_request" => http::build_request(case),
        "parse_response" => http::parse_response(case),
        "retry_advice" => http::retry_advice(case),
        other => Err(format!("unknown op {other}").into()),
    }
}

/// One RFC 8785 sample: input canonicalizes to output, byte for byte (outhex).
fn rfc8785(name: &str) -> Result<(), Failed> {
    let dir = vectors_dir().join("rfc8785");
    let out = canonicalize(&read(&dir.join(format!("input/{name}.json")))?).map_err(|e| e.to_string())?;
    let expected = read(&dir.join(format!("output/{name}.json")))?;
    let outhex = read(&dir.join(format!("outhex/{name}.txt")))?;
    let hex: String = outhex.split_whitespace().collect();
    if out != expected || hex::encode(out.as_bytes()) != hex {
        return Err(format!("got {out}").into());
    }
    Ok(())
}

/// Every line of es6-numbers.txt: the double with those IEEE bits, written in
/// Rust's shortest round-trip form, canonicalizes to the ECMAScript form.
fn es6_numbers(file: &str) -> Result<(), Failed> {
    let text = read(&vectors_dir().join(file))?;
    let mut checked = 0;
    for line in text.lines() {
        let (bits, expected) = line.split_once(',').ok_or_else(|| format!("bad line {line}"))?;
        let value = f64::from_bits(u64::from_str_radix(bits, 16).map_err(|e| e.to_string())?);
        let out = canonicalize(&format!("{value:e}")).map_err(|e| e.to_string())?;
        if out != expected {
            return Err(format!("{bits}: got {out}, expected {expected}").into());
        }
        checked += 1;
    }
    if checked < 20_000 { Err(format!("only {checked} lines").into()) } else { Ok(()) }
}

/// What every host checks of the contract (tests/vectors/contract.json):
/// each operation has its builder, a request vector and a response vector;
/// each event type, validator and code has a vector that uses it.
fn coverage(cases: &[Value]) -> Result<(), Failed> {
    let contract: Value = serde_json::from_str(&read(&vectors_dir().join("contract.json"))?)?;
    let list = |key: &str| -> Vec<String> {
        let items = contract[key].as_array().cloned().unwrap_or_default();
        items.iter().map(|item| item.get("name").unwrap_or(item).as_str().unwrap_or_default().to_owned()).collect()
    };
    let used = |op: &str, key: &str, value: &str| {
        cases.iter().any(|c| c["op"] == op && (c[key] == value || c.get("call").is_some_and(|call| call == value)))
    };
    let mut missing = Vec::new();
    for operation in list("operations") {
        if !builders::OPERATIONS.contains(&operation.as_str()) {
            missing.push(format!("{operation}: no builder"));
        }
        for op in ["build_request", "parse_response"] {
            if !used(op, "operation", &operation) {
                missing.push(format!("{operation}: no {op} vector"));
            }
        }
    }
    for event in list("events") {
        if !cases.iter().any(|c| c["op"] == "parse_event" && c["expect"]["type"] == event.as_str()) {
            missing.push(format!("{event}: no event vector"));
        }
    }
    for validator in list("validators") {
        let op = if validator == "order" { "validate_order" } else { "validate" };
        if !cases.iter().any(|c| c["op"] == op && (op == "validate_order" || c["kind"] == validator.as_str())) {
            missing.push(format!("validator {validator}: no vector"));
        }
    }
    if missing.is_empty() { Ok(()) } else { Err(missing.join("\n").into()) }
}

fn main() -> Result<(), Failed> {
    let index: Value = serde_json::from_str(&read(&vectors_dir().join("index.json"))?)?;
    let names = |key: &str| -> Vec<String> {
        let list = index[key].as_array().cloned().unwrap_or_default();
        list.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()
    };
    let mut trials = Vec::new();
    let mut all = Vec::new();
    for file in names("files") {
        let list: Vec<Value> = serde_json::from_str(&read(&vectors_dir().join(&file))?)?;
        if list.is_empty() {
            return Err(format!("no cases in {file}").into());
        }
        all.extend(list.iter().cloned());
        for case in list {
            let name = format!("{file}: {}", case["name"].as_str().unwrap_or("?"));
            trials.push(Trial::test(name, move || run(&case)));
        }
    }
    for name in names("samples") {
        trials.push(Trial::test(format!("rfc8785: {name}.json"), move || rfc8785(&name)));
    }
    trials.push(Trial::test("contract.json: every operation, event and validator is covered", move || coverage(&all)));
    let (file, marker) = (text(&index, "marked")?.to_owned(), text(&index, "marker")?.to_owned());
    let cases: Vec<Value> = serde_json::from_str(&read(&vectors_dir().join(&file))?)?;
    trials.push(Trial::test(format!("{file}: no error shows a value of its input"), move || {
        marked::run(&cases, &marker)
    }));
    let numbers = index["numbers"].as_str().unwrap_or_default().to_owned();
    trials.push(Trial::test(numbers.clone(), move || es6_numbers(&numbers)));
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}
