//! Python binding of peeker-core (`peeker_core._native`).
//!
//! A table of `Python name -> core function`, plus conversion of argument
//! types and of core errors into the exception classes of `peeker_core`.
//! No rule of the API lives here: every check is in the core.

use std::time::{SystemTime, UNIX_EPOCH};

use peeker_core::{Code, DEFAULT_TOLERANCE_SECONDS, Error};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyString};

/// The Python module that defines `PeekerError` and its subclasses.
const ERRORS_MODULE: &str = "peeker_core._errors";

/// A core error as an instance of `peeker_core.<ConfigError|JsonError|...>`,
/// the class named by the error's kind.
fn py_error(py: Python<'_>, err: Error) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let class = py.import(ERRORS_MODULE)?.getattr(err.kind().class_name())?;
        let kwargs = PyDict::new(py);
        if let Some(position) = err.position {
            kwargs.set_item("line", position.line)?;
            kwargs.set_item("column", position.column)?;
        }
        if let Some(report) = &err.report {
            let report = peeker_core::host::report_value(report).to_string();
            kwargs.set_item("report", py.import("json")?.call_method1("loads", (report,))?)?;
        }
        let value = class.call((err.code.as_str(), &err.message), Some(&kwargs))?;
        Ok(PyErr::from_value(value))
    };
    // If the classes cannot be built (a broken install), raise why.
    build().unwrap_or_else(|failure| failure)
}

fn invalid_argument(py: Python<'_>, message: String) -> PyErr {
    py_error(py, Error::new(Code::InvalidArgument, message))
}

/// `type(obj).__name__`, for messages that never show the value itself
/// (a value may be a secret).
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_owned())
}

/// A Python `str` as Rust text; `None` when it is not a `str` or holds a lone
/// surrogate (which UTF-8 cannot carry).
fn text(obj: &Bound<'_, PyAny>) -> Option<String> {
    obj.cast::<PyString>().ok()?.to_cow().ok().map(|s| s.into_owned())
}

fn text_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    text(obj).ok_or_else(|| {
        invalid_argument(obj.py(), format!("`{name}` must be a str of valid Unicode, got {}", type_name(obj)))
    })
}

/// An `int` that fits the core's 64-bit seconds; `bool` is refused as a likely mistake.
fn int_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<i64> {
    let value = if obj.is_instance_of::<PyBool>() { None } else { obj.extract::<i64>().ok() };
    value.ok_or_else(|| {
        invalid_argument(obj.py(), format!("`{name}` must be an int of at most 64 bits, got {}", type_name(obj)))
    })
}

/// A body as bytes: `bytes` as is, `str` as its UTF-8 encoding.
fn body_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if obj.is_instance_of::<PyString>() {
        return text_arg(obj, "body").map(String::into_bytes);
    }
    Err(invalid_argument(obj.py(), format!("`body` must be bytes or str, got {}", type_name(obj))))
}

/// Headers as `(name, value)` pairs from a mapping (anything with `.items()`,
/// which keeps repeated fields for multi-dicts) or an iterable of pairs.
fn headers_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
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
fn secrets_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
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

/// The host clock in Unix seconds, for `now=None`.
fn clock_now() -> i64 {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    i64::try_from(seconds).unwrap_or(i64::MAX)
}

/// A verified delivery: the signed timestamp and the event id, when present.
#[pyclass(frozen, eq, module = "peeker_core", name = "Verified")]
#[derive(PartialEq)]
struct Verified {
    #[pyo3(get)]
    timestamp: i64,
    #[pyo3(get)]
    event_id: Option<String>,
}

#[pymethods]
impl Verified {
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("timestamp", self.timestamp)?;
        dict.set_item("event_id", &self.event_id)?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // Python's own repr of the id, so it reads like a Python literal.
        let event_id = match &self.event_id {
            Some(id) => PyString::new(py, id).repr()?.to_string(),
            None => "None".to_owned(),
        };
        Ok(format!("Verified(timestamp={}, event_id={event_id})", self.timestamp))
    }
}

/// RFC 8785 canonical form of a JSON text. Raises JsonError.
#[pyfunction]
fn canonicalize(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    // A str with a lone surrogate cannot reach the core as UTF-8: that is the
    // core's own `invalid_string` case, so it keeps that code.
    if text.cast::<PyString>().is_ok_and(|s| s.to_cow().is_err()) {
        return Err(py_error(py, Error::new(Code::InvalidString, "the text holds a lone surrogate")));
    }
    let text = text_arg(text, "text")?;
    peeker_core::canonicalize(&text).map_err(|e| py_error(py, e))
}

/// The Peeker-Signature value (`v1=<hex>`) for body signed at timestamp.
#[pyfunction]
fn sign_webhook(
    py: Python<'_>,
    secret: &Bound<'_, PyAny>,
    timestamp: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let secret = text(secret)
        .ok_or_else(|| invalid_argument(py, format!("`secret` must be a str, got {}", type_name(secret))))?;
    let (timestamp, body) = (int_arg(timestamp, "timestamp")?, body_arg(body)?);
    peeker_core::sign_webhook(&secret, timestamp, &body).map_err(|e| py_error(py, e))
}

/// Check a delivery's signature and timestamp; `now` defaults to the host clock.
/// Raises WebhookError (not authentic or unreadable) or ConfigError (bad arguments).
#[pyfunction]
#[pyo3(
    signature = (body, headers, secrets, now = None, tolerance = None),
    text_signature = "(body, headers, secrets, now=None, tolerance=300)"
)]
fn verify_webhook(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    headers: &Bound<'_, PyAny>,
    secrets: &Bound<'_, PyAny>,
    now: Option<&Bound<'_, PyAny>>,
    tolerance: Option<&Bound<'_, PyAny>>,
) -> PyResult<Verified> {
    let (body, headers, secrets) = (body_arg(body)?, headers_arg(headers)?, secrets_arg(secrets)?);
    // PyO3 maps both an omitted and an explicit `None` to Rust's `None`.
    let now = match now {
        Some(now) => int_arg(now, "now")?,
        None => clock_now(),
    };
    let tolerance = match tolerance {
        Some(t) => int_arg(t, "tolerance")?,
        None => DEFAULT_TOLERANCE_SECONDS,
    };
    let verified =
        peeker_core::verify_webhook(&body, headers, &secrets, now, tolerance).map_err(|e| py_error(py, e))?;
    Ok(Verified { timestamp: verified.timestamp, event_id: verified.event_id })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(canonicalize, m)?)?;
    m.add_function(wrap_pyfunction!(sign_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(verify_webhook, m)?)?;
    m.add_class::<Verified>()?;
    m.add("DEFAULT_TOLERANCE_SECONDS", DEFAULT_TOLERANCE_SECONDS)?;
    m.add("VERSION", peeker_core::VERSION)?;
    Ok(())
}
