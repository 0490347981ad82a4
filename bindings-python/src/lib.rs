//! Python binding of peeker-core (`peeker_core._native`).
//!
//! Each function converts its Python arguments (`convert`: checked for their
//! type, a wrong one is a coded `ConfigError` naming the argument) and calls
//! the core's typed function. Results cross as Python objects built from the
//! core's `Serialize` (pythonize): dicts of the API's own shape, which the
//! package's Python layer wraps in its dataclasses or hands out as its
//! TypedDicts; validation reports and dedupe windows, asked for on every
//! keystroke or retry, cross as tuples. Core errors become the exception
//! classes of `peeker_core`, built here from their fields. The client and
//! the validators, one per contract operation and validator, are generated
//! (`client.rs`). No rule of the API lives here: every check is in the core.

mod client;
mod convert;
mod prepared;

use std::panic::{AssertUnwindSafe, catch_unwind};

use peeker_core::{ApiError, Code, DEFAULT_TOLERANCE_SECONDS, Error, HttpRequest, Operation, Report, host};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyString};
use serde::Serialize;
use serde_json::Value;

use convert::{
    body_arg, clock_now, headers_arg, int_arg, invalid_argument, json_len_up_to, now_arg, optional_value, seconds_arg,
    secrets_arg, text, text_arg, type_name, value_arg,
};

/// The Python module that holds the exception classes, `BY_KIND` naming
/// them by the core's error kinds.
const ERRORS_MODULE: &str = "peeker_core._errors";
/// The Python module of `Report`, which a `ValidationError` carries.
const TYPES_MODULE: &str = "peeker_core._types";

/// The exception of a core error, constructed with its fields: code and
/// message, the report of a validation error, the position of a JSON error.
fn py_error(py: Python<'_>, err: Error) -> PyErr {
    let Error { code, message, position, report } = err;
    let build = || -> PyResult<PyErr> {
        let class = py.import(ERRORS_MODULE)?.getattr("BY_KIND")?.get_item(code.kind().as_str())?;
        let value = match (report, position) {
            (Some(report), _) => class.call1((code.as_str(), message, report_object(py, *report)?))?,
            (None, Some(at)) => class.call1((code.as_str(), message, at.line, at.column))?,
            (None, None) => class.call1((code.as_str(), message))?,
        };
        Ok(PyErr::from_value(value))
    };
    // If the classes cannot be built (a broken install), raise why.
    build().unwrap_or_else(|failure| failure)
}

/// The `ApiError` exception of an error answer, with all its fields.
fn api_error(py: Python<'_>, err: ApiError) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let details = err.details.as_ref().map(|d| to_py(py, d)).transpose()?;
        let class = py.import(ERRORS_MODULE)?.getattr("ApiError")?;
        let args = (err.code, err.message, err.status, err.field, details, err.request_id, err.retry_after_seconds);
        Ok(PyErr::from_value(class.call1(args)?))
    };
    build().unwrap_or_else(|failure| failure)
}

/// Runs `body`, turning a panic (a bug) into `InternalError` instead of
/// PyO3's `PanicException`, so callers only ever see `PeekerError`s.
fn guarded<T>(py: Python<'_>, body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| Err(internal(py)))
}

/// Inputs at least this long are worked on with the GIL released: other
/// threads run meanwhile. Below it, releasing and retaking the GIL would cost
/// more than the work.
pub(crate) const DETACH_BYTES: usize = 4096;

/// Core work on an input of `len` bytes, already copied out of Python
/// objects (the closure cannot touch them without the GIL).
pub(crate) fn core_work<T: Send>(py: Python<'_>, len: usize, work: impl FnOnce() -> T + Send) -> T {
    if len >= DETACH_BYTES { py.detach(work) } else { work() }
}

fn internal(py: Python<'_>) -> PyErr {
    py_error(py, Error::new(Code::InternalError, "peeker-core failed unexpectedly; please report this"))
}

/// A core value as Python objects, through its `Serialize` (its wire shape).
fn to_py<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|_| internal(py))
}

/// A built request, or the error of its builder.
fn one<'py>(py: Python<'py>, request: peeker_core::error::Result<HttpRequest>) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &request.map_err(|e| py_error(py, e))?)
}

/// The requests of a batch builder, or its error.
fn many<'py>(py: Python<'py>, requests: peeker_core::error::Result<Vec<HttpRequest>>) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &requests.map_err(|e| py_error(py, e))?)
}

/// A report as `(valid, [(code, path, message, severity), ...])`, which
/// `Report._native` takes as it is: no dict per violation to build and read.
type ReportTuple = (bool, Vec<(&'static str, String, String, &'static str)>);

fn report_tuple(report: Report) -> ReportTuple {
    let valid = report.is_valid();
    let violations = report.violations.into_iter();
    (valid, violations.map(|v| (v.code.as_str(), v.path, v.message, v.severity.as_str())).collect())
}

fn report_object(py: Python<'_>, report: Report) -> PyResult<Bound<'_, PyAny>> {
    py.import(TYPES_MODULE)?.getattr("Report")?.call_method1("_native", report_tuple(report))
}

/// An operation of the contract by its name.
fn operation_arg(obj: &Bound<'_, PyAny>) -> PyResult<Operation> {
    text_arg(obj, "operation")?.parse().map_err(|e| py_error(obj.py(), e))
}

/// The Python `Client`'s state: the core's client. The methods, one per
/// operation, are generated (`client.rs`); its repr never shows the key.
#[pyclass(frozen, module = "peeker_core._native", name = "Client")]
struct Client {
    inner: peeker_core::Client,
}

impl Client {
    fn create(
        py: Python<'_>,
        api_key: &Bound<'_, PyAny>,
        base_url: Option<&Bound<'_, PyAny>>,
        user_agent: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
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
    }

    fn repr(&self, py: Python<'_>) -> PyResult<String> {
        let base_url = PyString::new(py, self.inner.base_url()).repr()?;
        Ok(format!("Client(environment='{}', base_url={base_url})", self.inner.environment().as_str()))
    }
}

// ---- Canonical JSON and webhooks ------------------------------------------------

/// Panics inside the core on purpose: tests prove that it raises
/// InternalError (`internal_error`) and the interpreter lives on. Not API.
#[cfg(feature = "test-hooks")]
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
        core_work(py, text.len(), || peeker_core::canonicalize(&text)).map_err(|e| py_error(py, e))
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

/// `{timestamp}` of an authentic delivery (only what the signature covers); raises WebhookError.
#[pyfunction]
#[pyo3(signature = (body, headers, secrets, now = None, tolerance = None))]
fn verify_webhook<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
    headers: &Bound<'py, PyAny>,
    secrets: &Bound<'py, PyAny>,
    now: Option<&Bound<'py, PyAny>>,
    tolerance: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(py, || {
        let (body, headers, secrets, now, tolerance) = delivery(body, headers, secrets, now, tolerance)?;
        let verify = || peeker_core::verify_webhook(&body, headers, &secrets, now, tolerance);
        let verified = core_work(py, body.len(), verify);
        to_py(py, &verified.map_err(|e| py_error(py, e))?)
    })
}

/// The event of an authentic delivery as `{id, type, unknown_type?, created_at?, data, extra?}`.
#[pyfunction]
#[pyo3(signature = (body, headers, secrets, now = None, tolerance = None))]
fn construct_event<'py>(
    py: Python<'py>,
    body: &Bound<'py, PyAny>,
    headers: &Bound<'py, PyAny>,
    secrets: &Bound<'py, PyAny>,
    now: Option<&Bound<'py, PyAny>>,
    tolerance: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(py, || {
        let (body, headers, secrets, now, tolerance) = delivery(body, headers, secrets, now, tolerance)?;
        let event =
            core_work(py, body.len(), || peeker_core::construct_event(&body, headers, &secrets, now, tolerance));
        to_py(py, &event.map_err(|e| py_error(py, e))?)
    })
}

/// An event body parsed without verifying it.
#[pyfunction]
fn parse_event<'py>(py: Python<'py>, body: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    guarded(py, || {
        let body = body_arg(body)?;
        to_py(py, &core_work(py, body.len(), || peeker_core::parse_event(&body)).map_err(|e| py_error(py, e))?)
    })
}

// ---- Sizing, planning, dedupe ------------------------------------------------------

/// `{google, microsoft, total}` for the sizing fields; raises ValidationError.
#[pyfunction]
fn estimate_required_domains<'py>(py: Python<'py>, params: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    guarded(py, || {
        let required = peeker_core::estimate_required_domains(&value_arg(params, "params")?);
        to_py(py, &required.map_err(|e| py_error(py, e))?)
    })
}

/// `{google, microsoft, missing, unusable}`.
#[pyfunction]
fn plan_domains<'py>(
    py: Python<'py>,
    required: &Bound<'py, PyAny>,
    domains: &Bound<'py, PyAny>,
    availability: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(py, || {
        let (required, domains) = (value_arg(required, "required")?, value_arg(domains, "domains")?);
        let plan = prepared::with_availability(availability, |prepared| {
            host::plan_domains(&required, &domains, prepared).map_err(|e| py_error(py, e))
        })?;
        to_py(py, &plan)
    })
}

/// The exact bytes to POST for an order.
#[pyfunction]
fn order_body<'py>(py: Python<'py>, order: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    guarded(py, || {
        let order = value_arg(order, "order")?;
        let len = json_len_up_to(&order, DETACH_BYTES);
        let body = core_work(py, len, || peeker_core::order_body(&order)).map_err(|e| py_error(py, e))?;
        Ok(PyBytes::new(py, &body))
    })
}

/// The lowercase hex SHA-256 of a body.
#[pyfunction]
fn dedupe_key(py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<String> {
    guarded(py, || {
        let body = body_arg(body)?;
        Ok(core_work(py, body.len(), || peeker_core::dedupe_key(&body)))
    })
}

/// `(inside, expires_at, remaining_seconds)`: a tuple, because this is called
/// per retry decision and building a dict cost most of it.
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

/// `{status, request_id, data, next_link}`; raises ApiError (or ConfigError
/// for a name that is not an operation).
#[pyfunction]
fn parse_response<'py>(
    py: Python<'py>,
    operation: &Bound<'py, PyAny>,
    status: &Bound<'py, PyAny>,
    headers: &Bound<'py, PyAny>,
    body: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(py, || {
        let operation = operation_arg(operation)?;
        let status: u16 = int_arg(status, "status", "HTTP status code")?;
        let (headers, body) = (headers_arg(headers)?, body_arg(body)?);
        // Boxed: ApiError is too large to return by value from a closure (clippy::result_large_err).
        let parse = || peeker_core::parse_response(operation, status, headers, &body).map_err(Box::new);
        to_py(py, &core_work(py, body.len(), parse).map_err(|e| api_error(py, *e))?)
    })
}

/// `{retry, delay_ms, reason, message}`. `failure` is `"network"` or
/// `{status, retry_after_seconds?}`; `dedupe` is `{first_sent_at, now?}` or
/// None, `now` defaulting to the clock.
#[pyfunction]
fn retry_advice<'py>(
    py: Python<'py>,
    operation: &Bound<'py, PyAny>,
    failure: &Bound<'py, PyAny>,
    attempt: &Bound<'py, PyAny>,
    jitter: &Bound<'py, PyAny>,
    dedupe: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    guarded(py, || {
        let operation = operation_arg(operation)?;
        let failure = host::failure(&value_arg(failure, "failure")?).map_err(|e| py_error(py, e))?;
        let attempt: u32 = int_arg(attempt, "attempt", "of at least 0")?;
        let jitter = if jitter.is_instance_of::<PyBool>() { None } else { jitter.extract::<f64>().ok() };
        let jitter = jitter.filter(|j| j.is_finite()).ok_or_else(|| {
            invalid_argument(py, "`jitter` must be a finite number from 0 to 1 (e.g. random.random())".to_owned())
        })?;
        let dedupe = host::dedupe(&optional_value(dedupe, "dedupe")?.unwrap_or(Value::Null), clock_now())
            .map_err(|e| py_error(py, e))?;
        to_py(py, &peeker_core::retry_advice(operation, failure, attempt, jitter, dedupe))
    })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    #[cfg(feature = "test-hooks")]
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    m.add_function(wrap_pyfunction!(canonicalize, m)?)?;
    m.add_function(wrap_pyfunction!(sign_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(verify_webhook, m)?)?;
    m.add_function(wrap_pyfunction!(construct_event, m)?)?;
    m.add_function(wrap_pyfunction!(parse_event, m)?)?;
    m.add_function(wrap_pyfunction!(estimate_required_domains, m)?)?;
    m.add_function(wrap_pyfunction!(plan_domains, m)?)?;
    m.add_function(wrap_pyfunction!(prepared::prepare_availability, m)?)?;
    m.add_class::<prepared::PreparedAvailability>()?;
    m.add_function(wrap_pyfunction!(order_body, m)?)?;
    m.add_function(wrap_pyfunction!(dedupe_key, m)?)?;
    m.add_function(wrap_pyfunction!(dedupe_window, m)?)?;
    m.add_function(wrap_pyfunction!(parse_response, m)?)?;
    m.add_function(wrap_pyfunction!(retry_advice, m)?)?;
    client::register(m)?;
    m.add("DEFAULT_TOLERANCE_SECONDS", DEFAULT_TOLERANCE_SECONDS)?;
    m.add("DEDUPE_WINDOW_SECONDS", peeker_core::DEDUPE_WINDOW_SECONDS)?;
    m.add("DEFAULT_BASE_URL", peeker_core::DEFAULT_BASE_URL)?;
    m.add("VERSION", peeker_core::VERSION)?;
    Ok(())
}
