//! RFC 8785 JSON Canonicalization Scheme, and the one JSON parser for
//! untrusted text.
//!
//! serde_json does the parsing (with `float_roundtrip`, so every number is the
//! nearest double); this module adds what RFC 8785 asks on top: duplicate keys
//! rejected, numbers as IEEE doubles printed the ECMAScript way (`ryu-js`),
//! object keys sorted by UTF-16 code units, strings escaped as `JSON.stringify`
//! does. [`Limits`] bound the size and the nesting, so no input can exhaust the
//! stack or run unbounded.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use crate::error::{Code, Error, Position, Result};

/// Inputs above this size are refused with `too_large` before parsing (default).
pub const MAX_INPUT_BYTES: usize = crate::contract::MAX_INPUT_BYTES;
/// Arrays and objects may nest this deep by default; one more is `too_deep`.
pub const DEFAULT_MAX_DEPTH: usize = crate::contract::MAX_DEPTH;
/// The deepest nesting any [`Limits`] may allow: it bounds the parser's stack use.
pub const MAX_DEPTH_CEILING: usize = 512;

/// Keys longer than this are shortened in error messages.
const KEY_PREVIEW_CHARS: usize = 40;

/// Objects up to this many keys are checked for duplicates by scanning, larger
/// unsorted ones with a hash set.
const LINEAR_SCAN_MAX_KEYS: usize = 16;

/// Markers that tell our own errors apart from serde_json's errors.
const DUPLICATE_KEY_MARKER: &str = "duplicate key ";
const TOO_DEEP_MARKER: &str = "nested deeper than ";

/// Limits on untrusted JSON text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest text accepted, in bytes (`too_large` above it).
    pub max_bytes: usize,
    /// How deep arrays and objects may nest (`too_deep` beyond it); capped at [`MAX_DEPTH_CEILING`].
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_bytes: MAX_INPUT_BYTES, max_depth: DEFAULT_MAX_DEPTH }
    }
}

/// Canonicalize a JSON text (RFC 8785) within the default [`Limits`]. The
/// result is a fixed point: running it through `canonicalize` again returns it unchanged.
pub fn canonicalize(text: &str) -> Result<String> {
    canonicalize_with(text, Limits::default())
}

/// [`canonicalize`] within the given limits.
pub fn canonicalize_with(text: &str, limits: Limits) -> Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut scratch = String::new();
    run(text, limits, |depth_left| CanonicalSeed { out: &mut out, scratch: &mut scratch, depth_left, prefix: None })?;
    Ok(out)
}

/// Parse untrusted JSON text: within `limits`, duplicate keys refused, every
/// failure a coded error with its position.
pub fn parse_json(text: &str, limits: Limits) -> Result<Value> {
    run(text, limits, |depth_left| ValueSeed { depth_left })
}

/// Drive serde_json over `text` with a seed that counts the nesting itself
/// (against `limits`), and turn its errors into coded ones.
fn run<'de, S: DeserializeSeed<'de>>(
    text: &'de str,
    limits: Limits,
    seed: impl FnOnce(usize) -> S,
) -> Result<S::Value> {
    if text.len() > limits.max_bytes {
        let message = format!("JSON text is {} bytes; the limit is {}", text.len(), limits.max_bytes);
        return Err(Error::new(Code::TooLarge, message));
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    deserializer.disable_recursion_limit();
    let seed = seed(limits.max_depth.min(MAX_DEPTH_CEILING));
    let value = seed.deserialize(&mut deserializer).and_then(|value| deserializer.end().map(|()| value));
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
    } else if message.starts_with(TOO_DEEP_MARKER) {
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

/// Builds a `serde_json::Value`, counting the nesting and refusing duplicate keys.
struct ValueSeed {
    depth_left: usize,
}

/// The depth left one level down, or `too_deep`.
fn nested<E: de::Error>(depth_left: usize) -> std::result::Result<usize, E> {
    depth_left.checked_sub(1).ok_or_else(|| E::custom(format!("{TOO_DEEP_MARKER}the limit")))
}

fn duplicate<E: de::Error>(key: &str) -> E {
    E::custom(format!("{DUPLICATE_KEY_MARKER}{}", preview(key)))
}

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_u64<E>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_i64<E>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Value, E> {
        Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut items = Vec::new();
        let depth_left = nested(self.depth_left)?;
        while let Some(item) = seq.next_element_seed(ValueSeed { depth_left })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let mut members = Map::new();
        let depth_left = nested(self.depth_left)?;
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(ValueSeed { depth_left })?;
            match members.entry(key) {
                Entry::Vacant(slot) => {
                    slot.insert(value);
                }
                Entry::Occupied(taken) => return Err(duplicate(taken.key())),
            }
        }
        Ok(Value::Object(members))
    }
}

fn preview(key: &str) -> String {
    let mut shown: String = key.chars().take(KEY_PREVIEW_CHARS).collect();
    if shown.len() < key.len() {
        shown.push_str("...");
    }
    format!("{shown:?}")
}

/// Writes the canonical form of one value straight into `out`, without
/// building a tree: only an object's members are remembered (as ranges of
/// `out`), to sort them when the input did not.
struct CanonicalSeed<'a> {
    out: &'a mut String,
    /// Where an unsorted object's members are put in order (reused).
    scratch: &'a mut String,
    depth_left: usize,
    /// Written first: the comma before an array's second and later items.
    prefix: Option<char>,
}

impl CanonicalSeed<'_> {
    fn number<E: de::Error>(self, v: f64) -> std::result::Result<(), E> {
        if !v.is_finite() {
            return Err(E::custom("number out of range"));
        }
        // Every number is an IEEE double, as in ECMAScript (2^53 + 1 -> 2^53).
        self.out.push_str(ryu_js::Buffer::new().format_finite(v));
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for CanonicalSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> std::result::Result<(), D::Error> {
        if let Some(prefix) = self.prefix {
            self.out.push(prefix);
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CanonicalSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> std::result::Result<(), E> {
        self.out.push_str("null");
        Ok(())
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<(), E> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<(), E> {
        self.number(v as f64)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<(), E> {
        self.number(v as f64)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<(), E> {
        self.number(v)
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<(), E> {
        write_raw_string(v, self.out);
        Ok(())
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<(), E> {
        write_string(v, self.out);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let depth_left = nested(self.depth_left)?;
        self.out.push('[');
        let mut prefix = None;
        let (out, scratch) = (self.out, self.scratch);
        while seq
            .next_element_seed(CanonicalSeed { out: &mut *out, scratch: &mut *scratch, depth_left, prefix })?
            .is_some()
        {
            prefix = Some(',');
        }
        out.push(']');
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let depth_left = nested(self.depth_left)?;
        let (out, scratch) = (self.out, self.scratch);
        out.push('{');
        let start = out.len();
        // Each member is written as it comes (`"key":value`), and its key and
        // range in `out` kept; `sorted` holds while the keys arrive in order.
        let mut members: Vec<(Key<'de>, Range<usize>)> = Vec::new();
        let mut sorted = true;
        // Built once an object is both unsorted and large: keys seen so far.
        let mut seen: Option<HashSet<Cow<'de, str>>> = None;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if !members.is_empty() {
                out.push(',');
            }
            let from = out.len();
            match &key.text {
                Cow::Borrowed(raw) => write_raw_string(raw, out),
                Cow::Owned(decoded) => write_string(decoded, out),
            }
            out.push(':');
            map.next_value_seed(CanonicalSeed { out: &mut *out, scratch: &mut *scratch, depth_left, prefix: None })?;
            sorted &= members.last().is_none_or(|(last, _)| last.cmp(&key).is_lt());
            let fresh = if sorted {
                true
            } else if members.len() < LINEAR_SCAN_MAX_KEYS {
                members.iter().all(|(seen, _)| seen.text != key.text)
            } else {
                let seen = seen.get_or_insert_with(|| members.iter().map(|(k, _)| k.text.clone()).collect());
                seen.insert(key.text.clone())
            };
            if !fresh {
                return Err(duplicate(&key.text));
            }
            members.push((key, from..out.len()));
        }
        if !sorted {
            members.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            scratch.clear();
            for (i, (_, range)) in members.iter().enumerate() {
                if i > 0 {
                    scratch.push(',');
                }
                scratch.push_str(out.get(range.clone()).unwrap_or_default());
            }
            out.truncate(start);
            out.push_str(scratch);
        }
        out.push('}');
        Ok(())
    }
}

/// An object key, borrowed from the input when it has no escapes.
struct Key<'de> {
    text: Cow<'de, str>,
    /// Holds U+E000..U+FFFF (lead byte 0xEE/0xEF): the only characters whose
    /// UTF-8 byte order differs from the UTF-16 code unit order RFC 8785 asks.
    bmp_high: bool,
}

impl<'de> Key<'de> {
    fn new(text: Cow<'de, str>) -> Self {
        Key { bmp_high: text.bytes().any(|b| b >= 0xEE), text }
    }

    fn cmp(&self, other: &Key<'_>) -> std::cmp::Ordering {
        if self.bmp_high || other.bmp_high {
            self.text.encode_utf16().cmp(other.text.encode_utf16())
        } else {
            self.text.as_bytes().cmp(other.text.as_bytes())
        }
    }
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Self::Value, E> {
        Ok(Key::new(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
        Ok(Key::new(Cow::Owned(v.to_owned())))
    }
}

/// A string serde_json could borrow from the input had no escape there, so it
/// holds no quote, backslash or control character (raw ones are invalid JSON):
/// it needs no escape here either.
fn write_raw_string(s: &str, out: &mut String) {
    out.push('"');
    out.push_str(s);
    out.push('"');
}

/// Escape as ECMAScript's `JSON.stringify`: the two-character forms where they
/// exist, `\u00xx` (lowercase hex) for other control characters, all else as is.
fn write_string(s: &str, out: &mut String) {
    out.push('"');
    // Runs of characters that need no escape are copied whole. Every character
    // that does is ASCII, so scanning bytes finds them at char boundaries.
    let mut run = 0;
    for (at, byte) in s.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(run..at).unwrap_or_default());
        if escape.is_empty() {
            use fmt::Write;
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.push_str(escape);
        }
        run = at + 1;
    }
    out.push_str(s.get(run..).unwrap_or_default());
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
        assert_eq!(code_of(&"[".repeat(100_000)), Code::TooDeep);
        assert_eq!(code_of(""), Code::InvalidJson);
        assert_eq!(code_of("[1] x"), Code::InvalidJson);
        // A raw control character is invalid JSON, so a string without escapes needs none.
        assert_eq!(code_of("[\"a\u{1}b\"]"), Code::InvalidJson);
    }

    #[test]
    fn sorts_and_checks_duplicates_in_objects_of_any_size() {
        let object = |keys: &[usize]| {
            let members: Vec<String> = keys.iter().map(|k| format!("\"k{k:03}\":{k}")).collect();
            format!("{{{}}}", members.join(","))
        };
        let ascending: Vec<usize> = (0..40).collect();
        let descending: Vec<usize> = (0..40).rev().collect();
        let expected = canonicalize(&object(&ascending));
        assert_eq!(canonicalize(&object(&descending)), expected);
        assert_eq!(expected.map(|out| out.matches(':').count()), Ok(40));
        // A duplicate among sorted keys, among a few unsorted ones, and among many.
        for keys in [vec![1, 2, 3, 3], vec![3, 1, 3], [descending.clone(), vec![7]].concat()] {
            assert_eq!(code_of(&object(&keys)), Code::DuplicateKey, "{keys:?}");
        }
    }

    #[test]
    fn refuses_oversized_input_before_parsing() {
        let big = format!("\"{}\"", "a".repeat(MAX_INPUT_BYTES));
        assert_eq!(code_of(&big), Code::TooLarge);
    }

    #[test]
    fn depth_limit_is_exact_and_configurable() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(canonicalize(&nested(DEFAULT_MAX_DEPTH)).is_ok());
        assert_eq!(code_of(&nested(DEFAULT_MAX_DEPTH + 1)), Code::TooDeep);
        let shallow = Limits { max_depth: 3, ..Limits::default() };
        assert!(canonicalize_with(&nested(3), shallow).is_ok());
        assert_eq!(canonicalize_with(&nested(4), shallow).map_err(|e| e.code), Err(Code::TooDeep));
        let deep = Limits { max_depth: usize::MAX, ..Limits::default() };
        let refused = canonicalize_with(&nested(MAX_DEPTH_CEILING + 1), deep).map_err(|e| e.code);
        assert_eq!(refused, Err(Code::TooDeep), "the ceiling holds whatever the limit");
        let small = Limits { max_bytes: 4, ..Limits::default() };
        assert_eq!(canonicalize_with("[1,2]", small).map_err(|e| e.code), Err(Code::TooLarge));
    }

    #[test]
    fn strings_are_escaped_like_json_stringify() {
        let out = canonicalize(r#"{"\u0001\t\"":"\u001f\\\/é\u00e9","plain":"a/b"}"#);
        assert_eq!(out, Ok(r#"{"\u0001\t\"":"\u001f\\/éé","plain":"a/b"}"#.to_owned()));
    }

    #[test]
    fn numbers_follow_ecmascript() {
        let out = canonicalize("[-0, 9007199254740993, 1e21, 1e-7, 0.1, 100]");
        assert_eq!(out, Ok("[0,9007199254740992,1e+21,1e-7,0.1,100]".to_owned()));
    }
}
