//! Python binding of peeker-core (`peeker_core._native`).
//!
//! A table of `Python name -> peeker_core::host function`: Python values go in
//! as JSON (converted here, strictly: only what JSON can hold), results come
//! back as the core's JSON text (validation reports, which a form asks for on
//! every keystroke, and the dedupe window as tuples), and core errors become the exception classes
//! of `peeker_core` (built from `host::error_json` by `peeker_core._errors`).
//! The package's Python layer (`peeker_core/_api.py`) turns the JSON into
//! typed objects. No rule of the API lives here: every check is in the core.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{SystemTime, UNIX_EPOCH};

use peeker_core::{Code, DEFAULT_TOLERANCE_SECONDS, Error, host};
use pyo3::conversion::FromPyObjectOwned;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyMemoryView, PySequence, PyString,
    PyTuple,
};
use serde_json::{Map, Number, Value};

/// The Python module that builds exceptions from the core's error JSON.
const ERRORS_MODULE: &str = "peeker_core._errors";

/// Deeper Python values are refused before they reach the core (whose JSON
/// reader stops at this depth too); it also stops a value that holds itself.
const MAX_DEPTH: usize = 128;

/// How much of a path an error message shows.
const MAX_PATH_CHARS: usize = 60;

/// The exception for an error given as the core's error JSON (`host::error_json`
/// or `host::api_error_json`), built by `peeker_core._errors.error_from_json`.
fn raise_json(py: Python<'_>, json: String) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let value = py.import(ERRORS_MODULE)?.call_method1("error_from_json", (json,))?;
        Ok(PyErr::from_value(value))
    };
    // If the classes cannot be built (a broken install), raise why.
    build().unwrap_or_else(|failure| failure)
}

fn py_error(py: Python<'_>, err: Error) -> PyErr {
    raise_json(py, host::error_json(&err))
}

fn invalid_argument(py: Python<'_>, message: String) -> PyErr {
    py_error(py, Error::new(Code::InvalidArgument, message))
}

/// Runs `body`, turning a panic (a bug) into `InternalError` instead of
/// PyO3's `PanicException`, so callers only ever see `PeekerError`s.
fn guarded<T>(py: Python<'_>, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| {
        Err(py_error(py, Error::new(Code::InternalError, "peeker-core failed unexpectedly; please report this")))
    })
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

/// An `int` (never a `bool`, a likely mistake) that fits `T`.
fn int_arg<'py, T: FromPyObjectOwned<'py>>(obj: &Bound<'py, PyAny>, name: &str, what: &str) -> PyResult<T> {
    let value = if obj.is_instance_of::<PyBool>() { None } else { obj.extract::<T>().ok() };
    value.ok_or_else(|| invalid_argument(obj.py(), format!("`{name}` must be an int {what}, got {}", type_name(obj))))
}

fn seconds_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<i64> {
    int_arg(obj, name, "of Unix seconds (64 bits)")
}

/// A body as bytes: `bytes`, `bytearray` and `memoryview` as they are, `str`
/// as its UTF-8 encoding.
fn body_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
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

/// Why a Python value cannot be written as JSON, and where in it.
enum NotJson {
    Python(PyErr),
    Shape { path: String, what: String },
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
fn to_json(obj: &Bound<'_, PyAny>, depth: usize) -> Result<Value, NotJson> {
    if depth > MAX_DEPTH {
        return Err(NotJson::at(format!("nested more than {MAX_DEPTH} levels deep (or holds itself)")));
    }
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
        return string
            .to_cow()
            .map(|s| Value::String(s.into_owned()))
            .map_err(|_| NotJson::at("a str holding a lone surrogate"));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        // `items()` is a snapshot: nothing here can change the dict mid-walk.
        return object(&dict.items(), depth);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return array(obj, depth);
    }
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        return Err(NotJson::at(format!("{} (decode it to str first)", type_name(obj))));
    }
    if let Ok(mapping) = obj.cast::<PyMapping>() {
        return object(&mapping.items()?, depth);
    }
    if obj.cast::<PySequence>().is_ok() {
        return array(obj, depth);
    }
    Err(NotJson::at(format!("a {}, which JSON cannot hold", type_name(obj))))
}

fn object(items: &Bound<'_, PyList>, depth: usize) -> Result<Value, NotJson> {
    let mut map = Map::new();
    for item in items.iter() {
        let (key, value) = item.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()?;
        let Some(name) = text(&key) else {
            let what = format!("a mapping with a key of type {} (JSON keys are str)", type_name(&key));
            return Err(NotJson::at(what));
        };
        let value = to_json(&value, depth + 1).map_err(|e| e.under(format!(".{name}")))?;
        map.insert(name, value);
    }
    Ok(Value::Object(map))
}

fn array(obj: &Bound<'_, PyAny>, depth: usize) -> Result<Value, NotJson> {
    let mut list = Vec::new();
    for (index, item) in obj.try_iter()?.enumerate() {
        list.push(to_json(&item?, depth + 1).map_err(|e| e.under(format!("[{index}]")))?);
    }
    Ok(Value::Array(list))
}

/// `obj` as JSON text for a `host` function; `name` is the argument's name in messages.
fn json_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    value_arg(obj, name).map(|value| value.to_string())
}

/// `obj` as a JSON value, for the `host` functions that take one (no text to
/// write and parse again; a dict cannot hold a key twice, and `to_json` bounds
/// the depth as the parser would).
fn value_arg(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Value> {
    match to_json(obj, 0) {
        Ok(value) => Ok(value),
        Err(NotJson::Python(err)) => Err(err),
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

/// The host clock in Unix seconds, for `now=None`.
fn clock_now() -> i64 {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    i64::try_from(seconds).unwrap_or(i64::MAX)
}

fn now_arg(now: Option<&Bound<'_, PyAny>>) -> PyResult<i64> {
    // PyO3 maps both an omitted and an explicit `None` to Rust's `None`.
    now.map_or_else(|| Ok(clock_now()), |now| seconds_arg(now, "now"))
}

// ---- Canonical JSON and webhooks ------------------------------------------------

/// Panics inside the core on purpose: tests prove that it raises
/// InternalError (`internal_error`) and the interpreter lives on. Not API.
#[pyfunction]
fn _panic_for_tests(py: Python<'_>) -> PyResult<String> {
    guarded(py, || host::panic_for_tests().map_err(|e| py_error(py, e)))
}

/// RFC 8785 canonical form of a JSON text. Raises JsonError.
#[pyfunction]
fn canonicalize(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    guarded(py, || {
        // A str with a lone surrogate cannot reach the core as UTF-8: that is the
        // core's own `invalid_string` case, so it keeps that code.
        if text.cast::<PyString>().is_ok_and(|s| s.to_cow().is_err()) {
            return Err(py_error(py, Error::new(Code::InvalidString, "the text holds a lone surrogate")));
        }
        let text = text_arg(text, "text")?;
        peeker_core::canonicalize(&text).map_err(|e| py_error(py, e))
    })
}

/// The Peeker-Signature value (`v1=<hex>`) for body signed at timestamp.
#[pyfunction]
fn sign_webhook(
    py: Python<'_>,
    secret: &Bound<'_, PyAny>,
    timestamp: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
) -> PyResult<String> {
    guarded(py, || {
        let secret = text(secret)
            .ok_or_else(|| invalid_argument(py, format!("`secret` must be a str, got {}", type_name(secret))))?;
        let (timestamp, body) = (seconds_arg(timestamp, "timestamp")?, body_arg(body)?);
        peeker_core::sign_webhook(&secret, timestamp, &body).map_err(|e| py_error(py, e))
    })
}

/// The arguments of a delivery: body, headers, secrets, now, tolerance.
type Delivery = (Vec<u8>, Vec<(String, String)>, Vec<String>, i64, i64);

fn delivery(
    body: &Bound<'_, PyAny>,
    headers: &Bound<'_, PyAny>,
    secrets: &Bound<'_, PyAny>,
    now: Option<&Bound<'_, PyAny>>,
    tolerance: Option<&Bound<'_, PyAny>>,
) -> PyResult<Delivery> {
    let tolerance = tolerance.map_or(Ok(DEFAULT_TOLERANCE_SECONDS), |t| seconds_arg(t, "tolerance"))?;
    Ok((body_arg(body)?, headers_arg(headers)?, secrets_arg(secrets)?, now_arg(now)?, tolerance))
}

/// `{timestamp, event_id}` of an authentic delivery; raises WebhookError.
#[pyfunction]
#[pyo3(signature = (body, headers, secrets, now = None, tolerance = None))]
fn verify_webhook(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    headers: &Bound<'_, PyAny>,
    secrets: &Bound<'_, PyAny>,
    now: Option<&Bound<'_, PyAny>>,
    tolerance: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    guarded(py, || {
        let (body, headers, secrets, now, tolerance) = delivery(body, headers, secrets, now, tolerance)?;
        host::verify_webhook(&body, headers, &secrets, now, tolerance).map_err(|e| py_error(py, e))
    })
}

/// The event of an authentic delivery as `{id, type, created_at, kind, data, extra}`.
#[pyfunction]
#[pyo3(signature = (body, headers, secrets, now = None, tolerance = None))]
fn construct_event(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    headers: &Bound<'_, PyAny>,
    secrets: &Bound<'_, PyAny>,
    now: Option<&Bound<'_, PyAny>>,
    tolerance: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    guarded(py, || {
        let (body, headers, secrets, now, tolerance) = delivery(body, headers, secrets, now, tolerance)?;
        host::construct_event(&body, headers, &secrets, now, tolerance).map_err(|e| py_error(py, e))
    })
}

/// An event body parsed without verifying it.
#[pyfunction]
fn parse_event(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<String> {
    guarded(py, || host::parse_event(&body_arg(body)?).map_err(|e| py_error(py, e)))
}

// ---- Validation, sizing, planning, dedupe ----------------------------------------

/// A report as `(valid, [(code, path, message, severity), ...])`, which
/// `_api.py` turns into a `Report` without a JSON round trip.
type ReportTuple = (bool, Vec<(&'static str, String, String, &'static str)>);

fn report_tuple(report: peeker_core::Report) -> ReportTuple {
    let valid = report.is_valid();
    let violations = report.violations.into_iter();
    (valid, violations.map(|v| (v.code.as_str(), v.path, v.message, v.severity.as_str())).collect())
}

/// The report of an order against `context` (`{bundle, availability}`).
#[pyfunction]
fn validate_order(py: Python<'_>, order: &Bound<'_, PyAny>, context: &Bound<'_, PyAny>) -> PyResult<ReportTuple> {
    guarded(py, || {
        let (order, context) = (value_arg(order, "order")?, value_arg(context, "context")?);
        Ok(report_tuple(host::validate_order_value(&order, &context)))
    })
}

/// The report of a request body of `kind` (see `host::validate`).
#[pyfunction]
fn validate(py: Python<'_>, kind: &Bound<'_, PyAny>, input: &Bound<'_, PyAny>) -> PyResult<ReportTuple> {
    guarded(py, || {
        let (kind, input) = (text_arg(kind, "kind")?, value_arg(input, "input")?);
        host::validate_value(&kind, &input).map(report_tuple).map_err(|e| py_error(py, e))
    })
}

/// `{google, microsoft, total}` for bundle fields; raises ValidationError.
#[pyfunction]
fn estimate_required_domains(py: Python<'_>, params: &Bound<'_, PyAny>) -> PyResult<String> {
    guarded(py, || host::estimate_required_domains(&json_arg(params, "params")?).map_err(|e| py_error(py, e)))
}

/// `{google, microsoft, missing, unusable}`.
#[pyfunction]
fn plan_domains(
    py: Python<'_>,
    required: &Bound<'_, PyAny>,
    domains: &Bound<'_, PyAny>,
    availability: &Bound<'_, PyAny>,
) -> PyResult<String> {
    guarded(py, || {
        let required = json_arg(required, "required")?;
        let (domains, availability) = (json_arg(domains, "domains")?, json_arg(availability, "availability")?);
        host::plan_domains(&required, &domains, &availability).map_err(|e| py_error(py, e))
    })
}

/// The exact bytes to POST for an order.
#[pyfunction]
fn order_body<'py>(py: Python<'py>, order: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    guarded(py, || {
        let body = host::order_body(&json_arg(order, "order")?).map_err(|e| py_error(py, e))?;
        Ok(PyBytes::new(py, &body))
    })
}

/// The lowercase hex SHA-256 of a body.
#[pyfunction]
fn dedupe_key(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<String> {
    guarded(py, || Ok(peeker_core::dedupe_key(&body_arg(body)?)))
}

/// `(inside, expires_at, remaining_seconds)`: a tuple, not JSON text, because
/// this is called per retry decision and the JSON round trip cost most of it.
#[pyfunction]
#[pyo3(signature = (first_sent_at, now = None))]
fn dedupe_window(
    py: Python<'_>,
    first_sent_at: &Bound<'_, PyAny>,
    now: Option<&Bound<'_, PyAny>>,
) -> PyResult<(bool, i64, i64)> {
    guarded(py, || {
        let window = peeker_core::dedupe_window(seconds_arg(first_sent_at, "first_sent_at")?, now_arg(now)?);
        Ok((window.inside, window.expires_at, window.remaining_seconds))
    })
}

// ---- Responses and retries -------------------------------------------------------

/// `{status, request_id, data}`; raises ApiError (or ConfigError for a bad operation name).
#[pyfunction]
fn parse_response(
    py: Python<'_>,
    operation: &Bound<'_, PyAny>,
    status: &Bound<'_, PyAny>,
    headers: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
) -> PyResult<String> {
    guarded(py, || {
        let operation = text_arg(operation, "operation")?;
        let status: u16 = int_arg(status, "status", "HTTP status code")?;
        let (headers, body) = (headers_arg(headers)?, body_arg(body)?);
        host::parse_response(&operation, status, headers, &body).map_err(|e| raise_json(py, e.json()))
    })
}

/// `{retry, delay_ms, reason, message}`.
#[pyfunction]
fn retry_advice(
    py: Python<'_>,
    operation: &Bound<'_, PyAny>,
    failure: &Bound<'_, PyAny>,
    attempt: &Bound<'_, PyAny>,
    jitter: &Bound<'_, PyAny>,
    dedupe: &Bound<'_, PyAny>,
) -> PyResult<String> {
    guarded(py, || {
        let operation = text_arg(operation, "operation")?;
        let (failure, dedupe) = (json_arg(failure, "failure")?, json_arg(dedupe, "dedupe")?);
        let attempt: u32 = int_arg(attempt, "attempt", "of at least 0")?;
        let jitter = if jitter.is_instance_of::<PyBool>() { None } else { jitter.extract::<f64>().ok() };
        let jitter = jitter.filter(|j| j.is_finite()).ok_or_else(|| {
            invalid_argument(py, "`jitter` must be a finite number from 0 to 1 (e.g. random.random())".to_owned())
        })?;
        host::retry_advice(&operation, &failure, attempt, jitter, &dedupe).map_err(|e| py_error(py, e))
    })
}

// ---- The client -------------------------------------------------------------------

/// The API key, base URL and user agent; `build` calls a request builder of
/// `host::BUILDERS`. Its repr never shows the key.
#[pyclass(frozen, module = "peeker_core._native", name = "Client")]
struct Client {
    inner: peeker_core::Client,
}

#[pymethods]
impl Client {
    #[new]
    #[pyo3(signature = (api_key, base_url = None, user_agent = None))]
    fn new(
        py: Python<'_>,
        api_key: &Bound<'_, PyAny>,
        base_url: Option<&Bound<'_, PyAny>>,
        user_agent: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        guarded(py, || {
            let api_key = text(api_key).ok_or_else(|| {
                let message =
                    format!("the API key must be a str (`pk_live_...` or `pk_test_...`), got {}", type_name(api_key));
                py_error(py, Error::new(Code::InvalidApiKey, message))
            })?;
            let options = peeker_core::ClientOptions {
                base_url: base_url.map(|url| text_arg(url, "base_url")).transpose()?,
                user_agent: user_agent.map(|agent| text_arg(agent, "user_agent")).transpose()?,
            };
            let inner = peeker_core::Client::new(&api_key, options).map_err(|e| py_error(py, e))?;
            Ok(Client { inner })
        })
    }

    #[getter]
    fn environment(&self) -> &'static str {
        self.inner.environment().as_str()
    }

    #[getter]
    fn base_url(&self) -> &str {
        self.inner.base_url()
    }

    #[getter]
    fn user_agent(&self) -> &str {
        self.inner.user_agent()
    }

    /// The requests of builder `name` for `args` (a dict of its argument names)
    /// as a JSON list of `{method, url, headers, body}`.
    fn build(&self, py: Python<'_>, name: &Bound<'_, PyAny>, args: &Bound<'_, PyAny>) -> PyResult<String> {
        guarded(py, || {
            let (name, args) = (text_arg(name, "name")?, json_arg(args, "arguments")?);
            host::build_requests_json(&self.inner, &name, &args).map_err(|e| py_error(py, e))
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let base_url = PyString::new(py, self.inner.base_url()).repr()?;
        Ok(format!("Client(environment='{}', base_url={base_url})", self.environment()))
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    m.add_function(wrap_pyfunction!(canonicalize, m)?)?;
    m.add_function(wrap_pyfunction!(sign_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(verify_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(construct_event, m)?)?;
    m.add_function(wrap_pyfunction!(parse_event, m)?)?;
    m.add_function(wrap_pyfunction!(validate_order, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(estimate_required_domains, m)?)?;
    m.add_function(wrap_pyfunction!(plan_domains, m)?)?;
    m.add_function(wrap_pyfunction!(order_body, m)?)?;
    m.add_function(wrap_pyfunction!(dedupe_key, m)?)?;
    m.add_function(wrap_pyfunction!(dedupe_window, m)?)?;
    m.add_function(wrap_pyfunction!(parse_response, m)?)?;
    m.add_function(wrap_pyfunction!(retry_advice, m)?)?;
    m.add_class::<Client>()?;
    let builders: Vec<(&str, Vec<&str>)> = host::BUILDERS.iter().map(|b| (b.name, b.params.to_vec())).collect();
    let builders = builders
        .into_iter()
        .map(|(name, args)| Ok((name, PyTuple::new(m.py(), args)?)))
        .collect::<PyResult<Vec<_>>>()?;
    m.add("BUILDERS", PyTuple::new(m.py(), builders)?)?;
    m.add("DEFAULT_TOLERANCE_SECONDS", DEFAULT_TOLERANCE_SECONDS)?;
    m.add("DEDUPE_WINDOW_SECONDS", peeker_core::DEDUPE_WINDOW_SECONDS)?;
    m.add("DEFAULT_BASE_URL", peeker_core::DEFAULT_BASE_URL)?;
    m.add("VERSION", peeker_core::VERSION)?;
    Ok(())
}
