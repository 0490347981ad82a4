//! Properties over generated input: canonical JSON is a fixed point, and an
//! order's bytes and dedupe key ignore key order and whitespace.

use peeker_core::canonical::{Limits, parse_json};
use peeker_core::{Error, canonicalize, dedupe_key, order_body};
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

/// Any JSON value: finite numbers (integers and fractions), any Unicode in
/// strings and keys, nested a few levels.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// `value` with every number as an IEEE double, as RFC 8785 reads them.
fn doubles(value: &Value) -> Value {
    match value {
        Value::Number(n) => n.as_f64().and_then(Number::from_f64).map_or(Value::Null, Value::Number),
        Value::Array(items) => Value::Array(items.iter().map(doubles).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), doubles(v))).collect()),
        other => other.clone(),
    }
}

/// `value` as JSON text with members in the order `rotate` gives and
/// `space` between tokens: the same JSON, written differently.
fn write(value: &Value, rotate: usize, space: &str) -> String {
    match value {
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|v| write(v, rotate, space)).collect();
            format!("[{space}{}{space}]", parts.join(&format!("{space},{space}")))
        }
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            if !members.is_empty() {
                let len = members.len();
                members.rotate_left(rotate % len);
            }
            let parts: Vec<String> = members
                .iter()
                .map(|(k, v)| format!("{}{space}:{space}{}", Value::String((*k).clone()), write(v, rotate, space)))
                .collect();
            format!("{{{space}{}{space}}}", parts.join(&format!("{space},{space}")))
        }
        other => other.to_string(),
    }
}

/// Orders with varied content: the example's shape with generated values.
fn order() -> impl Strategy<Value = Value> {
    let domain = "[a-z]{1,12}\\.(com|io|de)";
    (
        "[a-z]{1,10}@example\\.com",
        prop::collection::vec(domain, 1..12),
        any::<String>(),
        prop::collection::vec(("[A-Z][a-z]{0,8}", "[A-Z][a-z]{0,8}"), 1..4),
        any::<Option<u32>>(),
    )
        .prop_map(|(user, domains, password, names, client_id)| {
            let personas: Vec<Value> = names
                .into_iter()
                .map(|(first, last)| serde_json::json!({"first_name": first, "last_name": last, "profile_picture_url": ""}))
                .collect();
            serde_json::json!({
                "user": user, "bundle_id": "bun_123", "domains": domains, "personas": personas,
                "sequencer": {"provider": "smartlead", "client_id": client_id, "login_email": "l@example.com", "login_password": password},
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn canonical_form_is_a_fixed_point(value in json(), rotate in 0usize..8, space in "[ \t\n\r]{0,2}") {
        let once = canonicalize(&write(&value, rotate, &space));
        prop_assert!(once.is_ok(), "{:?}", once);
        let once = once.unwrap_or_default();
        prop_assert_eq!(canonicalize(&once), Ok(once.clone()));
        // It is the same JSON: every string and key kept, every number the same double.
        let back: Option<Value> = serde_json::from_str(&once).ok();
        prop_assert_eq!(back.as_ref().map(doubles), Some(doubles(&value)));
        // And the same JSON written another way gives the same canonical form.
        prop_assert_eq!(canonicalize(&value.to_string()), Ok(once));
    }

    #[test]
    fn order_bytes_ignore_key_order_and_whitespace(order in order(), rotate in 1usize..8, space in "[ \t\n]{1,3}") {
        // As text, the way hosts hand orders over: serde_json's map would sort keys itself.
        let from_text = |text: &str| -> Result<Vec<u8>, Error> { order_body(&parse_json(text, Limits::default())?) };
        let (a, b) = (from_text(&order.to_string()), from_text(&write(&order, rotate, &space)));
        prop_assert_eq!(&a, &order_body(&order));
        prop_assert!(a.is_ok());
        prop_assert_eq!(&a, &b);
        let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
        prop_assert_eq!(dedupe_key(&a), dedupe_key(&b));
    }
}

#[test]
fn object_keys_keep_insertion_order_in_the_writer() {
    // Guards the generator above: rotation must really reorder members.
    let mut map = Map::new();
    map.insert("a".into(), Value::Null);
    map.insert("b".into(), Value::Null);
    assert_eq!(write(&Value::Object(map), 1, ""), r#"{"b":null,"a":null}"#);
}
