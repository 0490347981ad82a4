//! The canonical writer: RFC 8785 output produced while serde_json parses,
//! without a tree, or while it walks a `Value` already in memory.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::LINEAR_SCAN_MAX_KEYS;
use super::tree::{duplicate, nested};

/// Writes the canonical form of one value straight into `out`, without
/// building a tree: only an object's members are remembered (as ranges of
/// `out`), to sort them when the input did not.
pub(super) struct CanonicalSeed<'a> {
    out: &'a mut String,
    /// Where an unsorted object's members are put in order (reused).
    scratch: &'a mut String,
    depth_left: usize,
    /// Written first: the comma before an array's second and later items.
    prefix: Option<char>,
    /// Borrowed strings come from JSON text, where serde_json only borrows
    /// what has no escape; a `Value`'s strings may need escaping.
    from_text: bool,
}

impl<'a> CanonicalSeed<'a> {
    /// A writer of one top-level value into `out`; `from_text` when serde_json parses it from text.
    pub(super) fn new(out: &'a mut String, scratch: &'a mut String, depth_left: usize, from_text: bool) -> Self {
        CanonicalSeed { out, scratch, depth_left, prefix: None, from_text }
    }

    /// The writer of an item or member value one level down.
    fn inner(
        out: &'a mut String,
        scratch: &'a mut String,
        depth_left: usize,
        prefix: Option<char>,
        from_text: bool,
    ) -> Self {
        CanonicalSeed { out, scratch, depth_left, prefix, from_text }
    }

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
        if self.from_text {
            write_raw_string(v, self.out)
        } else {
            write_string(v, self.out)
        }
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
        let (out, scratch, from_text) = (self.out, self.scratch, self.from_text);
        while seq
            .next_element_seed(CanonicalSeed::inner(&mut *out, &mut *scratch, depth_left, prefix, from_text))?
            .is_some()
        {
            prefix = Some(',');
        }
        out.push(']');
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let depth_left = nested(self.depth_left)?;
        let (out, scratch, from_text) = (self.out, self.scratch, self.from_text);
        out.push('{');
        let start = out.len();
        // Each member is written as it comes (`"key":value`), and its key and
        // range in `out` kept; `sorted` holds while the keys arrive in order.
        let mut members: Vec<(Key<'de>, Range<usize>)> = Vec::new();
        let mut sorted = true;
        // Built once an object is both unsorted and large: keys seen so far.
        // A B-tree: no hash keys an attacker could predict in WebAssembly.
        let mut seen: Option<BTreeSet<Cow<'de, str>>> = None;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if !members.is_empty() {
                out.push(',');
            }
            let from = out.len();
            match &key.text {
                Cow::Borrowed(raw) if from_text => write_raw_string(raw, out),
                text => write_string(text, out),
            }
            out.push(':');
            map.next_value_seed(CanonicalSeed::inner(&mut *out, &mut *scratch, depth_left, None, from_text))?;
            sorted &= members.last().is_none_or(|(last, _)| last.cmp(&key).is_lt());
            let fresh = if sorted {
                true
            } else if members.len() < LINEAR_SCAN_MAX_KEYS {
                members.iter().all(|(seen, _)| seen.text != key.text)
            } else {
                // Inserted one by one: `collect` would sort them first, and that
                // sort's code costs the form .wasm ~4 KB.
                let seen = seen.get_or_insert_with(|| {
                    let mut seen = BTreeSet::new();
                    members.iter().for_each(|(k, _)| _ = seen.insert(k.text.clone()));
                    seen
                });
                seen.insert(key.text.clone())
            };
            if !fresh {
                return Err(duplicate());
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
