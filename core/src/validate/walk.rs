//! Small helpers that read one JSON value and report what is wrong with it.

use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::{Report, Rule};
use crate::error::ViolationPath;

/// The longest list any validator walks (a domains list has no documented cap).
pub const MAX_LIST_ITEMS: usize = 10_000;

/// A place in the input (`personas[2].first_name`), written out only when a
/// violation is recorded there: a valid input formats no path at all.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Path<'a> {
    /// The whole input: `""`.
    Root,
    /// `parent.key`, or `key` at the root.
    Key(&'a Path<'a>, &'a str),
    /// `parent[index]`.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// A member of the root.
    pub fn top(key: &'a str) -> Self {
        Path::Key(&Path::Root, key)
    }

    pub fn key(&'a self, key: &'a str) -> Self {
        Path::Key(self, key)
    }

    pub fn index(&'a self, index: usize) -> Self {
        Path::Index(self, index)
    }
}

impl ViolationPath for Path<'_> {
    fn into_path(self) -> String {
        // Sized first: grown piece by piece through `fmt`, the string was reallocated
        // several times per path (a third of the 8-violation call went to paths).
        let mut out = String::with_capacity(self.written_len());
        self.write_to(&mut out);
        out
    }
}

impl Path<'_> {
    fn written_len(&self) -> usize {
        match self {
            Path::Root => 0,
            Path::Key(Path::Root, key) => key.len(),
            Path::Key(parent, key) => parent.written_len() + 1 + key.len(),
            Path::Index(parent, index) => parent.written_len() + 3 + index.checked_ilog10().unwrap_or(0) as usize,
        }
    }

    fn write_to(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(Path::Root, key) => out.push_str(key),
            Path::Key(parent, key) => {
                parent.write_to(out);
                out.push('.');
                out.push_str(key);
            }
            Path::Index(parent, index) => {
                parent.write_to(out);
                // Writing to a String cannot fail.
                let _ = write!(out, "[{index}]");
            }
        }
    }
}

/// JSON type names as people know them, for messages.
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// One object being walked: its members and its path.
pub(crate) struct Object<'a> {
    pub map: &'a Map<String, Value>,
    pub path: Path<'a>,
}

impl<'a> Object<'a> {
    /// The value as an object, or `invalid_type` at `path`.
    pub fn of(value: &'a Value, path: Path<'a>, report: &mut Report) -> Option<Self> {
        match value {
            Value::Object(map) => Some(Object { map, path }),
            other => {
                report.add(Rule::InvalidType, path, format!("expected an object, got {}", type_name(other)));
                None
            }
        }
    }

    pub fn path<'k>(&'k self, key: &'k str) -> Path<'k> {
        self.path.key(key)
    }

    /// A member that is present and not null.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A member that must be present and not null, else `required`.
    pub fn required(&self, key: &str, report: &mut Report) -> Option<&'a Value> {
        let value = self.get(key);
        if value.is_none() {
            report.add(Rule::Required, self.path(key), format!("`{key}` is required"));
        }
        value
    }

    /// `unknown_field` warnings for members the API does not define.
    pub fn unknown_fields(&self, known: &[&str], report: &mut Report) {
        for key in self.map.keys().filter(|k| !known.contains(&k.as_str())) {
            report.add(Rule::UnknownField, self.path(key), format!("`{key}` is not a field of this object (a typo?)"));
        }
    }
}

/// `text.trim()`, without decoding characters when both ends are visible
/// ASCII (typed values almost always): no whitespace character holds such a byte.
pub(crate) fn trim(text: &str) -> &str {
    let visible = |byte: Option<&u8>| byte.is_some_and(u8::is_ascii_graphic);
    if visible(text.as_bytes().first()) && visible(text.as_bytes().last()) { text } else { text.trim() }
}

/// A non-empty string, trimmed; else `invalid_type` or `empty`.
pub(crate) fn text<'a>(value: &'a Value, path: Path<'_>, report: &mut Report) -> Option<&'a str> {
    match value {
        Value::String(s) => match trim(s) {
            "" => {
                report.add(Rule::Empty, path, "must not be empty");
                None
            }
            text => Some(text),
        },
        other => {
            report.add(Rule::InvalidType, path, format!("expected a string, got {}", type_name(other)));
            None
        }
    }
}

/// A whole number; else `invalid_type`.
pub(crate) fn integer(value: &Value, path: Path<'_>, report: &mut Report) -> Option<i64> {
    let number = value.as_i64().or_else(|| value.as_u64().map(|_| i64::MAX));
    if number.is_none() {
        let got = if value.is_number() { "a fraction" } else { type_name(value) };
        report.add(Rule::InvalidType, path, format!("expected a whole number, got {got}"));
    }
    number
}

/// A whole number within `min..=max`; else `invalid_type` or `out_of_range`.
pub(crate) fn integer_in(value: &Value, path: Path<'_>, min: i64, max: i64, report: &mut Report) -> Option<i64> {
    let number = integer(value, path, report)?;
    if number < min || number > max {
        let range = if max == i64::MAX { format!("at least {min}") } else { format!("between {min} and {max}") };
        report.add(Rule::OutOfRange, path, format!("must be {range}"));
        return None;
    }
    Some(number)
}

/// A list with `min..=max` items; else `invalid_type`, `too_few` or `too_many`.
/// The items are returned even when the count is wrong, so they are checked too.
pub(crate) fn list<'a>(
    value: &'a Value,
    path: Path<'_>,
    min: usize,
    max: usize,
    report: &mut Report,
) -> Option<&'a [Value]> {
    let Value::Array(items) = value else {
        report.add(Rule::InvalidType, path, format!("expected a list, got {}", type_name(value)));
        return None;
    };
    if items.len() < min {
        report.add(Rule::TooFew, path, format!("needs at least {min} item(s), has {}", items.len()));
    } else if items.len() > max.min(MAX_LIST_ITEMS) {
        report.add(
            Rule::TooMany,
            path,
            format!("takes at most {} items, has {}", max.min(MAX_LIST_ITEMS), items.len()),
        );
    }
    // Items past MAX_LIST_ITEMS are not walked: the list is refused anyway,
    // and walking a million entries would only grow the report. (Items past a
    // smaller `max` are: batch builders split such lists and check every name.)
    Some(items.get(..items.len().min(MAX_LIST_ITEMS)).unwrap_or(items))
}

/// A boolean; else `invalid_type`.
pub(crate) fn boolean(value: &Value, path: Path<'_>, report: &mut Report) -> Option<bool> {
    let flag = value.as_bool();
    if flag.is_none() {
        report.add(Rule::InvalidType, path, format!("expected true or false, got {}", type_name(value)));
    }
    flag
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// ASCII and Unicode whitespace (U+0085, U+00A0, U+2028, U+3000) at either end.
        #[test]
        fn trim_is_str_trim(text in "[ \\t\\n\\x0b\\x0c\\r\\u{85}\\u{a0}\\u{2028}\\u{3000}a-z~!é]{0,8}") {
            prop_assert_eq!(super::trim(&text), text.trim());
        }
    }
}
