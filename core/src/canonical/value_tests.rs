//! Differential: `canonicalize_value` against the text path it replaces
//! (`canonicalize(serde_json::to_string(value))`), results and errors alike,
//! over generated values (thousands) and the edges of the limits.

use proptest::prelude::*;
use serde_json::{Map, Number, Value, json};

use super::*;

fn text_path(value: &Value) -> Result<String> {
    let text = serde_json::to_string(value).map_err(|e| Error::new(Code::InvalidArgument, e.to_string()))?;
    canonicalize(&text)
}

fn same(value: &Value) {
    assert_eq!(canonicalize_value(value), text_path(value), "{value}");
}

/// Strings that exercise the escaping and the key order: quotes, backslashes,
/// control characters, U+E000..U+FFFF (UTF-8 and UTF-16 orders differ), astral.
fn text() -> impl Strategy<Value = String> {
    let special = prop_oneof![
        Just('"'),
        Just('\\'),
        Just('/'),
        prop::char::range('\u{0}', '\u{1f}'),
        prop::char::range('\u{e000}', '\u{ffff}'),
        prop::char::range('\u{10000}', '\u{10ffff}'),
        prop::char::range('a', 'e'),
        any::<char>(),
    ];
    prop::collection::vec(special, 0..8).prop_map(|chars| chars.into_iter().collect())
}

fn number() -> impl Strategy<Value = Number> {
    prop_oneof![
        any::<u64>().prop_map(Number::from),
        any::<i64>().prop_map(Number::from),
        (0u64..1 << 12).prop_map(|n| Number::from((1u64 << 53) - 2048 + n)),
        any::<f64>().prop_filter_map("finite", Number::from_f64),
        (-330i32..310, -9.0f64..9.0).prop_filter_map("finite", |(e, m)| Number::from_f64(m * 10f64.powi(e))),
        Just(Number::from_f64(-0.0).unwrap_or_else(|| Number::from(0))),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number().prop_map(Value::Number),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(text(), inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// `inner` inside `depth` containers, arrays or objects as `kinds` picks
/// (bit i: level i is an object), each with `siblings` before it.
fn nest(inner: Value, depth: usize, kinds: u64, siblings: &Value) -> Value {
    (0..depth).fold(inner, |value, level| {
        if kinds >> (level % 64) & 1 == 1 {
            let mut map = Map::new();
            map.insert("\"k\\".to_owned(), siblings.clone());
            map.insert("z".to_owned(), value);
            Value::Object(map)
        } else {
            Value::Array(vec![siblings.clone(), value])
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn same_as_the_text_path(value in value()) {
        same(&value);
    }

    #[test]
    fn same_errors_at_the_depth_limit(
        depth in DEFAULT_MAX_DEPTH - 3..DEFAULT_MAX_DEPTH + 3,
        kinds in any::<u64>(),
        inner in prop_oneof![Just(json!([])), Just(json!({})), Just(json!([1])), Just(json!({"a": {}})), value()],
        siblings in prop_oneof![Just(Value::Null), Just(json!("a]\"[{")), value()],
    ) {
        same(&nest(inner, depth, kinds, &siblings));
    }
}

#[test]
fn same_error_over_the_size_limit() {
    for len in [MAX_INPUT_BYTES - 2, MAX_INPUT_BYTES - 1] {
        let value = Value::String("a".repeat(len));
        same(&value);
    }
    assert_eq!(canonicalize_value(&json!(["a".repeat(MAX_INPUT_BYTES)])).map_err(|e| e.code), Err(Code::TooLarge));
}

#[test]
fn too_deep_is_reported_with_its_position() {
    for inner in [json!([]), json!([1]), json!({}), json!({"a": 1})] {
        let value = nest(inner, DEFAULT_MAX_DEPTH, 0b1010, &json!("]"));
        let err = canonicalize_value(&value).err();
        assert_eq!(err.as_ref().map(|e| e.code), Some(Code::TooDeep));
        assert!(err.and_then(|e| e.position).is_some_and(|p| p.line == 1 && p.column > DEFAULT_MAX_DEPTH));
        same(&value);
    }
}
