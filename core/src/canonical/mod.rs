//! RFC 8785 JSON Canonicalization Scheme, and the one JSON parser for
//! untrusted text.
//!
//! serde_json does the parsing (with `float_roundtrip`, so every number is the
//! nearest double); this module adds what RFC 8785 asks on top: duplicate keys
//! rejected, numbers as IEEE doubles printed the ECMAScript way (`ryu-js`),
//! object keys sorted by UTF-16 code units, strings escaped as `JSON.stringify`
//! does. [`Limits`] bound the size and the nesting, so no input can exhaust the
//! stack or run unbounded.

use serde::de::{DeserializeSeed, Deserializer};
use serde_json::Value;

use crate::error::{Code, Error, Position, Result};

mod budget;
mod tree;
mod writer;

pub use budget::{MAX_HOST_TREE_BYTES, TreeBudget, tree_budget};

use tree::ValueSeed;
use writer::CanonicalSeed;

/// Inputs above this size are refused with `too_large` before parsing (default).
pub const MAX_INPUT_BYTES: usize = crate::contract::MAX_INPUT_BYTES;
/// Arrays and objects may nest this deep by default; one more is `too_deep`.
pub const DEFAULT_MAX_DEPTH: usize = crate::contract::MAX_DEPTH;
/// The deepest nesting any [`Limits`] may allow: it bounds the parser's stack use.
pub const MAX_DEPTH_CEILING: usize = 512;

/// Objects up to this many keys are checked for duplicates by scanning, larger
/// unsorted ones with an ordered set.
const LINEAR_SCAN_MAX_KEYS: usize = 16;

/// Markers that tell our own errors apart from serde_json's errors.
const DUPLICATE_KEY_MARKER: &str = "duplicate key ";
const TOO_DEEP_MARKER: &str = "nested deeper than ";
const TOO_MANY_MARKER: &str = "more memory than the limit of one input";

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
    run(text, limits, |depth_left| CanonicalSeed::new(&mut out, &mut scratch, depth_left, true))?;
    Ok(out)
}

/// What `canonicalize(serde_json::to_string(value))` returns, errors and
/// their positions alike, without parsing the text back: the form module
/// (`peeker-core/form`) then carries no JSON parser.
pub(crate) fn canonicalize_value(value: &Value) -> Result<String> {
    let text = serde_json::to_string(value).map_err(|e| Error::new(Code::InvalidArgument, e.to_string()))?;
    let limits = Limits::default();
    check_text_size(&text, limits)?;
    if let Some(column) = too_deep_at(&text, limits.max_depth) {
        // serde_json's message and position for this text (a single line).
        let message = format!("{TOO_DEEP_MARKER}the limit at line 1 column {column}");
        return Err(Error::new(Code::TooDeep, message).at(Position { line: 1, column }));
    }
    let mut out = String::with_capacity(text.len());
    let mut scratch = String::new();
    CanonicalSeed::new(&mut out, &mut scratch, limits.max_depth, false)
        .deserialize(value)
        .map_err(|err| Error::new(Code::InternalError, err.to_string()))?;
    Ok(out)
}

/// Where serde_json stops compact JSON text nested deeper than `max_depth`:
/// the column after the first bracket too deep, or after its closing one when
/// the container is empty (serde_json reads that before reporting).
fn too_deep_at(text: &str, max_depth: usize) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let bytes = text.as_bytes();
    for (at, &byte) in bytes.iter().enumerate() {
        if in_string {
            (in_string, escaped) = (escaped || byte != b'"', !escaped && byte == b'\\');
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' if depth == max_depth => {
                let empty = matches!((byte, bytes.get(at + 1)), (b'[', Some(b']')) | (b'{', Some(b'}')));
                return Some(at + 1 + usize::from(empty));
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Parse untrusted JSON text: within `limits`, duplicate keys refused, every
/// failure a coded error with its position.
pub fn parse_json(text: &str, limits: Limits) -> Result<Value> {
    let budget = TreeBudget::new(tree_budget(text.len()));
    run(text, limits, |depth_left| ValueSeed { depth_left, budget: &budget })
}

/// A JSON value from any serde deserializer (a binding's host values), within
/// the default depth and [`MAX_HOST_TREE_BYTES`], so no tree past the limits is built.
/// `Err(Some(_))` is the coded `too_large` or `too_deep`; `Err(None)` is any
/// other failure of `deserializer`, which the caller words itself.
pub fn bounded_value<'de, D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Value, Option<Error>> {
    let budget = TreeBudget::for_host();
    let seed = ValueSeed { depth_left: DEFAULT_MAX_DEPTH, budget: &budget };
    seed.deserialize(deserializer).map_err(|_| {
        budget.exceeded().map(|code| {
            let limit = if code == Code::TooDeep { "nested deeper than the limit" } else { TOO_MANY_MARKER };
            Error::new(code, limit)
        })
    })
}

/// `too_large` when a copy of `value` would pass [`MAX_HOST_TREE_BYTES`]:
/// for a value the caller built, before working on a copy of it.
pub fn check_size(value: &Value) -> Result<()> {
    if TreeBudget::for_host().tree(value) { Ok(()) } else { Err(Error::new(Code::TooLarge, TOO_MANY_MARKER)) }
}

/// Drive serde_json over `text` with a seed that counts the nesting itself
/// (against `limits`), and turn its errors into coded ones.
fn run<'de, S: DeserializeSeed<'de>>(
    text: &'de str,
    limits: Limits,
    seed: impl FnOnce(usize) -> S,
) -> Result<S::Value> {
    check_text_size(text, limits)?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    deserializer.disable_recursion_limit();
    let seed = seed(limits.max_depth.min(MAX_DEPTH_CEILING));
    let value = seed.deserialize(&mut deserializer).and_then(|value| deserializer.end().map(|()| value));
    value.map_err(|err| {
        let message = err.to_string();
        Error::new(classify(&message), message).at(position(text, err.line(), err.column()))
    })
}

/// `too_large` for text over the limit, refused before parsing.
fn check_text_size(text: &str, limits: Limits) -> Result<()> {
    if text.len() > limits.max_bytes {
        let message = format!("JSON text is {} bytes; the limit is {}", text.len(), limits.max_bytes);
        return Err(Error::new(Code::TooLarge, message));
    }
    Ok(())
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
    } else if message.starts_with(TOO_MANY_MARKER) {
        Code::TooLarge
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

#[cfg(test)]
mod value_tests;

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
