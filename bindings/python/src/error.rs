//! Errors: the Python exception hierarchy and the mapping from [`chiso::Error`].
//!
//! ```text
//! ChisoError(Exception)
//! ├── SpecError(ChisoError, ValueError)    the specification is invalid
//! ├── DataError(ChisoError, ValueError)    the data is invalid
//! └── ComputeError(ChisoError)             valid inputs, no meaningful result
//! ```
//!
//! Every exception carries `node`, `row`, `unit`, `column` and `line` (None when the error
//! does not name one), taken from [`chiso::Error::location`], and `variant`, the core's
//! [`chiso::Error::variant`] (`TooDeep`, `BadNumber`, …); its message is the core's `Display`
//! text, unchanged. A panic in the core surfaces as a `ChisoError` with variant `Internal`
//! asking for a bug report, never as pyo3's `PanicException` (a `BaseException` that
//! `except Exception` would not catch).

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

pyo3::create_exception!(
    chiso,
    ChisoError,
    PyException,
    "Base class of every chiso error. Attributes `node`, `row`, `unit`, `column` and `line` \
     say where the problem is (None when the error does not name one)."
);
pyo3::create_exception!(
    chiso,
    ComputeError,
    ChisoError,
    "A computation that cannot give a finite, meaningful result on valid inputs."
);

/// The attributes every exception instance carries (class attributes default them to None).
pub const LOCATION_ATTRIBUTES: [&str; 5] = ["node", "row", "unit", "column", "line"];

static SPEC_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATA_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `SpecError(ChisoError, ValueError)`: the specification is invalid.
///
/// `create_exception!` takes a single base class, so the two bad-input errors, which are
/// also `ValueError`s, are made with `type(name, bases, dict)` once per interpreter.
pub fn spec_error(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    value_error_class(
        py,
        &SPEC_ERROR,
        "SpecError",
        "The index specification is invalid (its file, its tree, its editions). \
         Also a ValueError.",
    )
}

/// `DataError(ChisoError, ValueError)`: the input data is invalid.
pub fn data_error(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    value_error_class(
        py,
        &DATA_ERROR,
        "DataError",
        "The input data is invalid (a file, a row, a column or a cell). Also a ValueError.",
    )
}

fn value_error_class<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyType>>,
    name: &str,
    doc: &str,
) -> PyResult<Bound<'py, PyType>> {
    let class = cell.get_or_try_init(py, || -> PyResult<Py<PyType>> {
        let bases = PyTuple::new(py, [py.get_type::<ChisoError>(), py.get_type::<PyValueError>()])?;
        let namespace = PyDict::new(py);
        namespace.set_item("__module__", "chiso")?;
        namespace.set_item("__doc__", doc)?;
        let class = py.get_type::<PyType>().call1((name, bases, namespace))?;
        Ok(class.cast_into::<PyType>()?.unbind())
    })?;
    Ok(class.bind(py).clone())
}

/// Converts a core error into the matching Python exception, with its location attributes.
pub fn to_py_err(py: Python<'_>, error: &chiso::Error) -> PyErr {
    build(py, error).unwrap_or_else(|e| e)
}

fn build(py: Python<'_>, error: &chiso::Error) -> PyResult<PyErr> {
    // `chiso::Error` is non_exhaustive: its `kind()` names the concern. A kind added to the
    // core lands in the last arm, as a plain ChisoError, until this match learns it.
    let class = match error.kind() {
        "spec" => spec_error(py)?,
        "data" => data_error(py)?,
        "compute" => py.get_type::<ComputeError>(),
        _ => py.get_type::<ChisoError>(),
    };
    let exception = class.call1((error.to_string(),))?;
    exception.setattr("variant", error.variant())?;
    let chiso::error::Location { node, row, unit, column, line } = error.location();
    exception.setattr("node", node)?;
    exception.setattr("row", row)?;
    exception.setattr("unit", unit)?;
    exception.setattr("column", column)?;
    exception.setattr("line", line)?;
    Ok(PyErr::from_value(exception))
}

/// The text of a panic payload (`panic!` with a literal or with a formatted message).
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "unknown panic".to_owned()
    }
}

/// The message of a `ChisoError` raised for a panic in the core.
pub fn internal_error_message(panic: &str) -> String {
    format!(
        "internal error in chiso {}: {panic}. This is a bug in chiso, not in your input; please \
         report it at {}/issues with the specification and data that caused it",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_REPOSITORY")
    )
}

/// Runs a core computation without holding the interpreter (so other Python threads run
/// meanwhile), converting its error, and a panic, into Python exceptions.
pub fn run<T, F>(py: Python<'_>, work: F) -> PyResult<T>
where
    F: Send + FnOnce() -> Result<T, chiso::Error>,
    T: Send,
{
    match py.detach(|| catch_unwind(AssertUnwindSafe(work))) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(to_py_err(py, &error)),
        Err(payload) => Err(internal_error(py, &panic_message(payload.as_ref()))),
    }
}

/// The `ChisoError` (variant `Internal`) for a panic with this message.
pub fn internal_error(py: Python<'_>, panic: &str) -> PyErr {
    let error = ChisoError::new_err(internal_error_message(panic));
    // Setting an attribute on a fresh exception instance does not fail in practice; if it
    // did, the error would still be the ChisoError, without its variant.
    let _ = error.value(py).setattr("variant", "Internal");
    error
}

/// Adds the exception classes to the module and defaults their location attributes to None.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    let base = py.get_type::<ChisoError>();
    for attribute in LOCATION_ATTRIBUTES {
        base.setattr(attribute, py.None())?;
    }
    base.setattr("variant", py.None())?;
    module.add("ChisoError", base)?;
    module.add("SpecError", spec_error(py)?)?;
    module.add("DataError", data_error(py)?)?;
    module.add("ComputeError", py.get_type::<ComputeError>())?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn panic_payloads_become_a_bug_report_message() {
        let literal = catch_unwind(|| panic!("boom")).unwrap_err();
        assert_eq!(panic_message(literal.as_ref()), "boom");
        let formatted = catch_unwind(|| panic!("row {}", 3)).unwrap_err();
        assert_eq!(panic_message(formatted.as_ref()), "row 3");
        let message = internal_error_message("boom");
        assert!(message.contains("boom") && message.contains("bug") && message.contains("report"));
    }
}
