//! Python arguments as Rust values, checked for their type before they reach
//! the core: a wrong type is a `ConfigError` (`invalid_argument`) naming the
//! argument and the type it got, never the value (a value may be a secret).

use std::time::{SystemTime, UNIX_EPOCH};

use peeker_core::canonical::{MAX_HOST_TREE_BYTES, TreeBudget};
use peeker_core::{Code, Error};
use pyo3::conversion::FromPyObjectOwned;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyMemoryView, PySequence, PyString,
    PyTuple,
};
use serde_json::{Map, Number, Value};

use crate::py_error;

/// Dicts and lists may nest this deep, as in the core; one more is `too_deep`
/// as there (D14). It also stops a value that holds itself.
const MAX_DEPTH: usize = peeker_core::canonical::DEFAULT_MAX_DEPTH;

/// How much of a path an error message shows.
const MAX_PATH_CHARS: usize = 60;

pub(crate) fn invalid_argument(py: Python<'_>, message: String) -> PyErr {
    py_error(py, Error::new(Code::InvalidArgument, message))
}

/// `type(obj).__name__`, for messages that never show the value itself
/// (a value may be a secret).
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_owned())
}

/// A Python `str` as Rust text; `None` when it is not a `str` or holds a lone
/// surrogate (which UTF-8 cannot carry).
pub(crate) fn text(obj: &Bound<'_, PyAny>) -> Option<String> {
    obj.cast::<PyString>().ok()?.to_cow().ok().map(|s| s.into_owned())
}

pub(crate) fn text_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    text(obj).ok_or_else(|| {
        invalid_argument(obj.py(), format!("`{name}` must be a str of valid Unicode, got {}", type_name(obj)))
    })
}

/// An `int` (never a `bool`, a likely mistake) that fits `T`.
pub(crate) fn int_arg<'py, T: FromPyObjectOwned<'py>>(obj: &Bound<'py, PyAny>, name: &str, what: &str) -> PyResult<T> {
    let value = if obj.is_instance_of::<PyBool>() { None } else { obj.extract::<T>().ok() };
    value.ok_or_else(|| invalid_argument(obj.py(), format!("`{name}` must be an int {what}, got {}", type_name(obj))))
}

pub(crate) fn seconds_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<i64> {
    int_arg(obj, name, "of Unix seconds (64 bits)")
}

/// A body as bytes: `bytes`, `bytearray` and `memoryview` as they are, `str`
/// as its UTF-8 encoding.
pub(crate) fn body_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if obj.is_instance_of::<PyString>() {
        return text_arg(obj, "body").map(String::into_bytes);
    }
    if obj.is_instance_of::<PyByteArray>() || obj.is_instance_of::<PyMemoryView>() {
        let bytes = obj.py().get_type::<PyBytes>().call1((obj,))?;
        return Ok(bytes.cast::<PyBytes>()?.as_bytes().to_vec());
    }
    Err(invalid_argument(
        obj.py(),
        format!(
            "`body` must be the raw request body as bytes or str, got {}: if a framework parsed the JSON, \
             read the raw body instead",
            type_name(obj)
        ),
    ))
}

/// Headers as `(name, value)` pairs from a mapping (anything with `.items()`,
/// which keeps repeated fields for multi-dicts) or an iterable of pairs.
pub(crate) fn headers_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let py = obj.py();
    let bad = |what: String| {
        invalid_argument(py, format!("`headers` must be a mapping or an iterable of (str, str) pairs: {what}"))
    };
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() {
        return Err(bad(format!("got {}", type_name(obj))));
    }
    let pairs = if obj.hasattr("items")? { obj.call_method0("items")? } else { obj.clone() };
    let iter = pairs.try_iter().map_err(|_| bad(format!("got {}", type_name(obj))))?;
    let mut headers = Vec::new();
    for item in iter {
        let item = item?;
        let pair = item.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>().ok();
        let Some((name, value)) = pair.and_then(|(n, v)| Some((text(&n)?, text(&v)?))) else {
            return Err(bad(format!("an item is {}", type_name(&item))));
        };
        headers.push((name, value));
    }
    Ok(headers)
}

/// One secret or a sequence of them. Messages name types only, never values.
pub(crate) fn secrets_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let py = obj.py();
    let bad = |what: String| invalid_argument(py, format!("`secrets` must be a str or a sequence of str: {what}"));
    if obj.is_instance_of::<PyString>() {
        return text(obj).map(|s| vec![s]).ok_or_else(|| bad("a secret is not valid Unicode".to_owned()));
    }
    if obj.is_instance_of::<PyBytes>() {
        return Err(bad("got bytes".to_owned()));
    }
    let iter = obj.try_iter().map_err(|_| bad(format!("got {}", type_name(obj))))?;
    iter.map(|item| {
        let item = item?;
        text(&item).ok_or_else(|| bad(format!("an item is {} or not valid Unicode", type_name(&item))))
    })
    .collect()
}

/// Why a Python value cannot be written as JSON, and where in it.
enum NotJson {
    Python(PyErr),
    /// More than the core builds from one input (D9): `too_large`.
    TooMany,
    /// Nested deeper than the core reads: `too_deep`.
    TooDeep,
    Shape {
        path: String,
        what: String,
    },
}

impl From<PyErr> for NotJson {
    fn from(err: PyErr) -> Self {
        NotJson::Python(err)
    }
}

impl NotJson {
    fn at(what: impl Into<String>) -> Self {
        NotJson::Shape { path: String::new(), what: what.into() }
    }

    /// The same problem, one level up (`segment` is `.key` or `[i]`).
    fn under(self, segment: String) -> Self {
        match self {
            NotJson::Shape { path, what } => NotJson::Shape { path: format!("{segment}{path}"), what },
            other => other,
        }
    }
}

/// A Python value as JSON: `None`, `bool`, `int`, `float` (finite), `str`,
/// `dict` and other mappings with `str` keys, `list`, `tuple` and other
/// sequences. Anything else is refused, naming its type and where it is.
/// Each part is charged to `budget` before it is built, so no tree past the
/// core's limit is made (a value costs far more here than in JSON text).
fn to_json(obj: &Bound<'_, PyAny>, depth: usize, budget: &TreeBudget) -> Result<Value, NotJson> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(flag) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(flag.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(small) = obj.extract::<i64>() {
            return Ok(small.into());
        }
        if let Ok(large) = obj.extract::<u64>() {
            return Ok(large.into());
        }
        // Beyond 64 bits: what a JSON reader makes of the digits (a double).
        let digits = obj.str()?.to_cow()?.into_owned();
        return serde_json::from_str(&digits).map_err(|_| NotJson::at("an int too large for JSON"));
    }
    if let Ok(float) = obj.cast::<PyFloat>() {
        return Number::from_f64(float.value())
            .map(Value::Number)
            .ok_or_else(|| NotJson::at("a float that is not finite (NaN or infinity)"));
    }
    if let Ok(string) = obj.cast::<PyString>() {
        let text = string.to_cow().map_err(|_| NotJson::at("a str holding a lone surrogate"))?;
        return if budget.text(text.len()) { Ok(Value::String(text.into_owned())) } else { Err(NotJson::TooMany) };
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        // `items()` is a snapshot: nothing here can change the dict mid-walk.
        return object(&dict.items(), depth, budget);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return array(obj, depth, budget);
    }
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        return Err(NotJson::at(format!("{} (decode it to str first)", type_name(obj))));
    }
    if let Ok(mapping) = obj.cast::<PyMapping>() {
        return object(&mapping.items()?, depth, budget);
    }
    if obj.cast::<PySequence>().is_ok() {
        return array(obj, depth, budget);
    }
    Err(NotJson::at(format!("a {}, which JSON cannot hold", type_name(obj))))
}

fn object(items: &Bound<'_, PyList>, depth: usize, budget: &TreeBudget) -> Result<Value, NotJson> {
    if depth >= MAX_DEPTH {
        return Err(NotJson::TooDeep);
    }
    let mut map = Map::new();
    for item in items.iter() {
        let (key, value) = item.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()?;
        let Some(name) = text(&key) else {
            let what = format!("a mapping with a key of type {} (JSON keys are str)", type_name(&key));
            return Err(NotJson::at(what));
        };
        if !budget.member(map.len(), name.len()) {
            return Err(NotJson::TooMany);
        }
        let value = to_json(&value, depth + 1, budget).map_err(|e| e.under(format!(".{name}")))?;
        map.insert(name, value);
    }
    Ok(Value::Object(map))
}

fn array(obj: &Bound<'_, PyAny>, depth: usize, budget: &TreeBudget) -> Result<Value, NotJson> {
    if depth >= MAX_DEPTH {
        return Err(NotJson::TooDeep);
    }
    let mut list = Vec::new();
    for (index, item) in obj.try_iter()?.enumerate() {
        let item = to_json(&item?, depth + 1, budget).map_err(|e| e.under(format!("[{index}]")))?;
        if !budget.item(list.len(), list.capacity()) {
            return Err(NotJson::TooMany);
        }
        list.push(item);
    }
    Ok(Value::Array(list))
}

/// `obj` as a JSON value for the core (a dict cannot hold a key twice, and
/// `to_json` bounds the depth as the core's JSON reader would).
pub(crate) fn value_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Value> {
    match to_json(obj, 0, &TreeBudget::for_host()) {
        Ok(value) => Ok(value),
        Err(NotJson::Python(err)) => Err(err),
        Err(NotJson::TooMany) => {
            let message = format!("`{name}` would take more than the {MAX_HOST_TREE_BYTES} bytes one input may");
            Err(py_error(obj.py(), Error::new(Code::TooLarge, message)))
        }
        // The core's own words for a JS host's value nested too deep.
        Err(NotJson::TooDeep) => Err(py_error(obj.py(), Error::new(Code::TooDeep, "nested deeper than the limit"))),
        Err(NotJson::Shape { mut path, what }) => {
            // A value nested very deep (or holding itself) would make a path of any length.
            if let Some((cut, _)) = path.char_indices().nth(MAX_PATH_CHARS) {
                path.truncate(cut);
                path.push_str("...");
            }
            let place = match path.strip_prefix('.') {
                Some(inner) => format!("`{name}.{inner}`"),
                None if path.is_empty() => format!("`{name}`"),
                None => format!("`{name}{path}`"),
            };
            Err(invalid_argument(obj.py(), format!("{place} cannot be sent as JSON: it is {what}")))
        }
    }
}

/// `obj` as a JSON value, `None` for Python's `None` (an argument the API
/// takes absent: a query, an optional body, an order's context).
pub(crate) fn optional_value(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Option<Value>> {
    if obj.is_none() { Ok(None) } else { value_arg(obj, name).map(Some) }
}

/// The host clock in Unix seconds, for `now=None`.
pub(crate) fn clock_now() -> i64 {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    i64::try_from(seconds).unwrap_or(i64::MAX)
}

pub(crate) fn now_arg(now: Option<&Bound<'_, PyAny>>) -> PyResult<i64> {
    // PyO3 maps both an omitted and an explicit `None` to Rust's `None`.
    now.map_or_else(|| Ok(clock_now()), |now| seconds_arg(now, "now"))
}

/// Roughly how long `value` is as JSON text (its strings and keys, a few bytes
/// a node), counted only up to `cap`: enough to tell a few KB from more
/// without walking a large value.
pub(crate) fn json_len_up_to(value: &Value, cap: usize) -> usize {
    let (mut len, mut stack) = (0, vec![value]);
    while let Some(node) = stack.pop() {
        if len >= cap {
            break;
        }
        len += match node {
            Value::String(text) => text.len() + 2,
            Value::Array(items) => {
                stack.extend(items.iter().take(cap));
                2
            }
            Value::Object(members) => {
                for (key, member) in members.iter().take(cap) {
                    len += key.len() + 3;
                    stack.push(member);
                }
                2
            }
            _ => 4,
        };
    }
    len.min(cap)
}
