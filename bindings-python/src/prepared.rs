//! `PreparedAvailability`: availability rows read and indexed once, for a
//! form that validates the same order on every keystroke (spec/DECISIONS.md D16).

use peeker_core::host::{self, Context};
use pyo3::prelude::*;

use crate::{guarded, optional_value, py_error, value_arg};

/// Availability rows prepared once: made by ``prepare_availability``, taken
/// as ``availability`` by ``validate_order``, ``Client.create_order`` and
/// ``plan_domains``. Immutable, so one instance serves many threads.
#[pyclass(frozen, module = "peeker_core._native")]
pub(crate) struct PreparedAvailability(peeker_core::PreparedAvailability);

#[pymethods]
impl PreparedAvailability {
    /// How many distinct domain names have a row.
    fn __len__(&self) -> usize {
        self.0.len()
    }

    fn __repr__(&self) -> String {
        format!("PreparedAvailability({} names)", self.0.len())
    }
}

/// Prepares the rows (a list) or a whole availability response; raises
/// ``ConfigError`` (``invalid_argument``) for anything else.
#[pyfunction]
pub(crate) fn prepare_availability(py: Python<'_>, availability: &Bound<'_, PyAny>) -> PyResult<PreparedAvailability> {
    guarded(py, || {
        let value = value_arg(availability, "availability")?;
        host::prepare_availability(&value).map(PreparedAvailability).map_err(|e| py_error(py, e))
    })
}

/// The order context from `bundle` and `availability`: rows, a response
/// (prepared for this call) or a `PreparedAvailability`.
pub(crate) fn order_context<'a>(
    bundle: &Bound<'_, PyAny>,
    availability: &'a Bound<'_, PyAny>,
) -> PyResult<Context<'a>> {
    let bundle = optional_value(bundle, "bundle")?;
    match availability.cast::<PreparedAvailability>() {
        Ok(prepared) => Ok(Context::new(bundle, None).prepared(Some(&prepared.get().0))),
        Err(_) => Ok(Context::new(bundle, optional_value(availability, "availability")?.as_ref())),
    }
}

/// The prepared availability of `plan_domains`: as given, or prepared for this call.
pub(crate) fn with_availability<T>(
    availability: &Bound<'_, PyAny>,
    run: impl FnOnce(&peeker_core::PreparedAvailability) -> PyResult<T>,
) -> PyResult<T> {
    match availability.cast::<PreparedAvailability>() {
        Ok(prepared) => run(&prepared.get().0),
        Err(_) => run(&peeker_core::PreparedAvailability::parse(&value_arg(availability, "availability")?)),
    }
}
