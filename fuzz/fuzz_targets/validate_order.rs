//! validate_order never panics on any JSON, and every violation's path points
//! into the input (its parent always; itself unless the code is `required`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use peeker_core::{validate_order, OrderContext, Rule};
use serde_json::Value;

/// Resolves `a.b[2].c` in `value`; None when a step is missing.
fn resolve<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    let mut current = value;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, indexes) = part.split_once('[').map_or((part, ""), |(k, rest)| (k, rest));
        if !key.is_empty() {
            current = current.get(key)?;
        }
        for index in indexes.split('[').filter(|i| !i.is_empty()) {
            current = current.get(index.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(current)
}

/// Keys made of path characters would make paths ambiguous: skip such inputs.
fn plain_keys(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.iter().all(|(k, v)| !k.is_empty() && !k.contains(['.', '[', ']']) && plain_keys(v)),
        Value::Array(items) => items.iter().all(plain_keys),
        _ => true,
    }
}

fn parent(path: &str) -> &str {
    match path.rfind(['.', '[']) {
        Some(at) => &path[..at],
        None => "",
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(order) = serde_json::from_slice::<Value>(data) else { return };
    let report = validate_order(&order, OrderContext::default());
    if !plain_keys(&order) {
        return;
    }
    for violation in &report.violations {
        assert!(resolve(&order, parent(&violation.path)).is_some(), "parent of {} missing", violation.path);
        if violation.code != Rule::Required {
            assert!(resolve(&order, &violation.path).is_some(), "{} ({}) missing", violation.path, violation.code);
        }
    }
});
