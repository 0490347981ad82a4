//! RFC 8785 JSON Canonicalization Scheme.
//!
//! serde_json does the parsing (with `float_roundtrip`, so every number is the
//! nearest double); this module adds what RFC 8785 asks on top: duplicate keys
//! rejected, numbers as IEEE doubles printed the ECMAScript way (`ryu-js`),
//! object keys sorted by UTF-16 code units, strings escaped as `JSON.stringify`
//! does. serde_json's recursion limit (128 levels) bounds the nesting, so no
//! input can overflow the stack.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::error::{Code, Error, Position, Result};

/// Inputs above this size are refused with `too_large` before parsing.
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;

/// Keys longer than this are shortened in error messages.
const KEY_PREVIEW_CHARS: usize = 40;

/// Marker that tells our own duplicate-key error apart from serde_json's errors.
const DUPLICATE_KEY_MARKER: &str = "duplicate key ";

/// Canonicalize a JSON text (RFC 8785). The result is a fixed point: running it
/// through `canonicalize` again returns it unchanged.
pub fn canonicalize(text: &str) -> Result<String> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::new(
            Code::TooLarge,
            format!("JSON text is {} bytes; the limit is {MAX_INPUT_BYTES}", text.len()),
        ));
    }
    let value = parse(text)?;
    let mut out = String::with_capacity(text.len());
    write_value(&value, &mut out);
    Ok(out)
}

/// A parsed JSON value in the form RFC 8785 needs: every number a double,
/// object members in input order (sorted when written).
enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

fn parse(text: &str) -> Result<Json> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = JsonSeed.deserialize(&mut deserializer).and_then(|value| deserializer.end().map(|()| value));
    value.map_err(|err| {
        let message = err.to_string();
        Error::new(classify(&message), message).at(position(text, err.line(), err.column()))
    })
}

/// serde_json reports an error found at a line break as column 0 of the next
/// line; point at the end of the line where the problem is instead.
fn position(text: &str, line: usize, column: usize) -> Position {
    if column > 0 || line < 2 {
        return Position { line, column };
    }
    let previous = text.split('\n').nth(line - 2).unwrap_or_default();
    Position { line: line - 1, column: previous.chars().count() + 1 }
}

/// Map serde_json's error text to our stable code. serde_json exposes no error
/// enum, so its fixed messages are matched; the vectors pin each of them.
fn classify(message: &str) -> Code {
    if message.starts_with(DUPLICATE_KEY_MARKER) {
        Code::DuplicateKey
    } else if message.starts_with("recursion limit exceeded") {
        Code::TooDeep
    } else if message.starts_with("number out of range") {
        Code::NumberOutOfRange
    } else if message.starts_with("lone leading surrogate")
        || message.starts_with("unexpected end of hex escape")
        || message.starts_with("invalid unicode code point")
    {
        Code::InvalidString
    } else {
        Code::InvalidJson
    }
}

struct JsonSeed;

impl<'de> DeserializeSeed<'de> for JsonSeed {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Json, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> std::result::Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<Json, E> {
        Ok(Json::Bool(v))
    }

    // Integers become the nearest double, as in ECMAScript (2^53 + 1 -> 2^53).
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Json, E> {
        Ok(Json::Number(v as f64))
    }

    fn visit_i64<E>(self, v: i64) -> std::result::Result<Json, E> {
        Ok(Json::Number(v as f64))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Json, E> {
        if v.is_finite() { Ok(Json::Number(v)) } else { Err(E::custom("number out of range")) }
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Json, E> {
        Ok(Json::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> std::result::Result<Json, E> {
        Ok(Json::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(JsonSeed)? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Json, A::Error> {
        let mut members: Vec<(String, Json)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(JsonSeed)?;
            members.push((key, value));
        }
        members.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        if let Some(pair) = members.windows(2).find(|pair| matches!(pair, [a, b] if a.0 == b.0)) {
            let key = pair.first().map(|(key, _)| key.as_str()).unwrap_or_default();
            return Err(de::Error::custom(format!("{DUPLICATE_KEY_MARKER}{}", preview(key))));
        }
        Ok(Json::Object(members))
    }
}

fn preview(key: &str) -> String {
    let mut shown: String = key.chars().take(KEY_PREVIEW_CHARS).collect();
    if shown.len() < key.len() {
        shown.push_str("...");
    }
    format!("{shown:?}")
}

fn write_value(value: &Json, out: &mut String) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(true) => out.push_str("true"),
        Json::Bool(false) => out.push_str("false"),
        Json::Number(n) => out.push_str(ryu_js::Buffer::new().format_finite(*n)),
        Json::String(s) => write_string(s, out),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        // Members were sorted by UTF-16 code units when parsed.
        Json::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_value(item, out);
            }
            out.push('}');
        }
    }
}

/// Escape as ECMAScript's `JSON.stringify`: the two-character forms where they
/// exist, `\u00xx` (lowercase hex) for other control characters, all else as is.
fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                use fmt::Write;
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(text: &str) -> Code {
        match canonicalize(text) {
            Ok(out) => unreachable!("expected an error, got {out}"),
            Err(err) => err.code,
        }
    }

    #[test]
    fn sorts_keys_by_utf16_not_by_utf8() {
        // U+1F600 is D83D DE00 in UTF-16, so it sorts before U+FB01 there,
        // although its UTF-8 bytes sort after.
        let out = canonicalize("{\"\u{fb01}\":1,\"\u{1f600}\":2}");
        assert_eq!(out, Ok("{\"\u{1f600}\":2,\"\u{fb01}\":1}".to_owned()));
    }

    #[test]
    fn reports_positions_for_malformed_json() {
        let err = canonicalize("{\"a\": tru}").err();
        let position = err.as_ref().and_then(|e| e.position);
        assert_eq!(err.map(|e| e.code), Some(Code::InvalidJson));
        assert_eq!(position, Some(Position { line: 1, column: 10 }));
        let err = canonicalize("{\n  \"a\": tru\n}").err();
        assert_eq!(err.and_then(|e| e.position), Some(Position { line: 2, column: 11 }));
    }

    #[test]
    fn rejects_what_rfc_8785_cannot_represent() {
        assert_eq!(code_of("{\"a\":1,\"b\":2,\"a\":3}"), Code::DuplicateKey);
        assert_eq!(code_of("[\"\\ud800\"]"), Code::InvalidString);
        assert_eq!(code_of("[\"\\udc00\"]"), Code::InvalidString);
        assert_eq!(code_of("[1e400]"), Code::NumberOutOfRange);
        assert_eq!(code_of(&"[".repeat(200)), Code::TooDeep);
        assert_eq!(code_of(""), Code::InvalidJson);
        assert_eq!(code_of("[1] x"), Code::InvalidJson);
    }

    #[test]
    fn refuses_oversized_input_before_parsing() {
        let big = format!("\"{}\"", "a".repeat(MAX_INPUT_BYTES));
        assert_eq!(code_of(&big), Code::TooLarge);
    }

    #[test]
    fn numbers_follow_ecmascript() {
        let out = canonicalize("[-0, 9007199254740993, 1e21, 1e-7, 0.1, 100]");
        assert_eq!(out, Ok("[0,9007199254740992,1e+21,1e-7,0.1,100]".to_owned()));
    }
}
