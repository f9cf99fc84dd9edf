//! Errors: the Python exception hierarchy and the mapping from [`chiso::Error`].
//!
//! ```text
//! ChisoError(Exception)
//! ├── SpecError(ChisoError, ValueError)                  the specification is invalid
//! │   └── SpecFileNotFoundError(SpecError, FileNotFoundError)   its file does not exist
//! ├── DataError(ChisoError, ValueError)                  the data is invalid
//! │   └── DataFileNotFoundError(DataError, FileNotFoundError)   its file does not exist
//! └── ComputeError(ChisoError)                           valid inputs, no meaningful result
//!     └── OptionError(ComputeError, ValueError)          a malformed or inapplicable target
//!                                                        or option (`"top10"`, a cap < 0)
//! ```
//!
//! The class is chosen by an exhaustive `match` on the core's variants (the core's
//! `exhaustive-errors` feature removes `#[non_exhaustive]`): a variant added to the core does
//! not compile here until it is given a class. Every exception carries `node`, `row`, `unit`,
//! `column` and `line` (None when the error does not name one), taken from
//! [`chiso::Error::location`], and `variant`, the core's [`chiso::Error::variant`]
//! (`TooDeep`, `BadNumber`, …); its message is the core's `Display` text, unchanged — the
//! text the CLI prints after `chiso: <kind> error: `. The file-not-found classes also set
//! `errno` (ENOENT). A panic in the core surfaces as a `ChisoError` with variant `Internal`
//! asking for a bug report, never as pyo3's `PanicException` (a `BaseException` that
//! `except Exception` would not catch).

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::{PyException, PyFileNotFoundError, PyValueError};
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

/// `ENOENT`, the `errno` of the file-not-found classes (the same on every platform Python runs).
const ENOENT: i32 = 2;

/// The classes with two bases, made with `type(name, bases, dict)` once per interpreter
/// (`create_exception!` takes a single base class).
struct Class {
    cell: PyOnceLock<Py<PyType>>,
    name: &'static str,
    doc: &'static str,
}

static SPEC_ERROR: Class = Class {
    cell: PyOnceLock::new(),
    name: "SpecError",
    doc: "The index specification is invalid (its file, its tree, its editions). Also a ValueError.",
};
static DATA_ERROR: Class = Class {
    cell: PyOnceLock::new(),
    name: "DataError",
    doc: "The input data is invalid (a file, a row, a column or a cell). Also a ValueError.",
};
static SPEC_FILE_NOT_FOUND: Class = Class {
    cell: PyOnceLock::new(),
    name: "SpecFileNotFoundError",
    doc: "The specification file does not exist. A SpecError and a FileNotFoundError.",
};
static DATA_FILE_NOT_FOUND: Class = Class {
    cell: PyOnceLock::new(),
    name: "DataFileNotFoundError",
    doc: "An input file (data, unit mapping) does not exist. A DataError and a FileNotFoundError.",
};
static OPTION_ERROR: Class = Class {
    cell: PyOnceLock::new(),
    name: "OptionError",
    doc: "A target or option that is malformed (`\"top10\"`) or cannot apply (a negative cap, an \
          unknown sub-index): the message is the chiso command line's. A ComputeError and a ValueError.",
};

impl Class {
    fn get<'py>(&'static self, py: Python<'py>, bases: &[Bound<'py, PyType>]) -> PyResult<Bound<'py, PyType>> {
        let class = self.cell.get_or_try_init(py, || -> PyResult<Py<PyType>> {
            let bases = PyTuple::new(py, bases)?;
            let namespace = PyDict::new(py);
            namespace.set_item("__module__", "chiso")?;
            namespace.set_item("__doc__", self.doc)?;
            let class = py.get_type::<PyType>().call1((self.name, bases, namespace))?;
            Ok(class.cast_into::<PyType>()?.unbind())
        })?;
        Ok(class.bind(py).clone())
    }
}

/// `SpecError(ChisoError, ValueError)`: the specification is invalid.
pub fn spec_error(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    SPEC_ERROR.get(py, &[py.get_type::<ChisoError>(), py.get_type::<PyValueError>()])
}

/// `DataError(ChisoError, ValueError)`: the input data is invalid.
pub fn data_error(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    DATA_ERROR.get(py, &[py.get_type::<ChisoError>(), py.get_type::<PyValueError>()])
}

/// `SpecFileNotFoundError(SpecError, FileNotFoundError)`.
pub fn spec_file_not_found(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    SPEC_FILE_NOT_FOUND.get(py, &[spec_error(py)?, py.get_type::<PyFileNotFoundError>()])
}

/// `DataFileNotFoundError(DataError, FileNotFoundError)`.
pub fn data_file_not_found(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    DATA_FILE_NOT_FOUND.get(py, &[data_error(py)?, py.get_type::<PyFileNotFoundError>()])
}

/// `OptionError(ComputeError, ValueError)`: a malformed or inapplicable target or option.
pub fn option_error(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    OPTION_ERROR.get(py, &[py.get_type::<ComputeError>(), py.get_type::<PyValueError>()])
}

/// Converts a core error into the matching Python exception, with its location attributes.
pub fn to_py_err(py: Python<'_>, error: &chiso::Error) -> PyErr {
    build(py, error).unwrap_or_else(|e| e)
}

/// The exception class of each core error: one arm per variant, no wildcard.
fn class_of<'py>(py: Python<'py>, error: &chiso::Error) -> PyResult<Bound<'py, PyType>> {
    use chiso::{ComputeError as C, DataError as D, Error as E, SpecError as S};
    Ok(match error {
        E::Spec(S::NoSuchFile { .. }) => spec_file_not_found(py)?,
        E::Spec(
            S::Parse { .. }
            | S::DuplicateId { .. }
            | S::UnknownNode { .. }
            | S::NegativeWeight { .. }
            | S::NonFinite { .. }
            | S::ZeroWeights { .. }
            | S::EmptyGroup { .. }
            | S::Cycle { .. }
            | S::TooDeep { .. }
            | S::TooManyNodes { .. }
            | S::MultipleParents { .. }
            | S::Unreachable { .. }
            | S::UnknownMethod { .. }
            | S::InvalidParameter { .. }
            | S::UnreversedDirection { .. }
            | S::InvalidTiers { .. }
            | S::InvalidEdition { .. }
            | S::NoEdition { .. }
            | S::YearRequired { .. }
            | S::UnknownIndex { .. }
            | S::UnknownPreset { .. }
            | S::TooLarge { .. }
            | S::TooManyEditions { .. }
            | S::Unreadable { .. },
        ) => spec_error(py)?,
        E::Data(D::NoSuchFile { .. }) => data_file_not_found(py)?,
        E::Data(
            D::Encoding { .. }
            | D::Csv { .. }
            | D::Empty { .. }
            | D::NoRows
            | D::MissingColumn { .. }
            | D::DuplicateColumn { .. }
            | D::UnknownColumn { .. }
            | D::DuplicateRow { .. }
            | D::DuplicateCell { .. }
            | D::EmptyUnit { .. }
            | D::BadNumber { .. }
            | D::MissingValue { .. }
            | D::OutOfScale { .. }
            | D::BadYear { .. }
            | D::BadCell { .. }
            | D::UnknownUnit { .. }
            | D::NoRowsForYear { .. }
            | D::InvalidValue { .. }
            | D::LengthMismatch { .. }
            | D::TooLarge { .. }
            | D::UnknownMappedUnit { .. }
            | D::Unreadable { .. }
            | D::Workbook { .. }
            | D::NoSheet { .. }
            | D::SheetTable { .. }
            | D::SheetCell { .. }
            | D::NoYear { .. }
            | D::UnknownDataset { .. },
        ) => data_error(py)?,
        E::Compute(C::InvalidTarget { .. } | C::InvalidCalibration { .. }) => option_error(py)?,
        E::Compute(
            C::ConstantIndicator { .. }
            | C::NonPositiveIndicator { .. }
            | C::MissingReference { .. }
            | C::MissingChild { .. }
            | C::NonPositive { .. }
            | C::Unsupported { .. }
            | C::NonFinite { .. }
            | C::TooManySamples { .. }
            | C::TooFewUnits { .. }
            | C::CollinearChildren { .. }
            | C::CalibrationTooLarge { .. },
        ) => py.get_type::<ComputeError>(),
    })
}

fn build(py: Python<'_>, error: &chiso::Error) -> PyResult<PyErr> {
    let class = class_of(py, error)?;
    let exception = class.call1((error.to_string(),))?;
    exception.setattr("variant", error.variant())?;
    let chiso::error::Location { node, row, unit, column, line } = error.location();
    exception.setattr("node", node)?;
    exception.setattr("row", row)?;
    exception.setattr("unit", unit)?;
    exception.setattr("column", column)?;
    exception.setattr("line", line)?;
    if matches!(error, chiso::Error::Spec(chiso::SpecError::NoSuchFile { .. }))
        || matches!(error, chiso::Error::Data(chiso::DataError::NoSuchFile { .. }))
    {
        // errno alone: `filename` would change str(e) to "[Errno 2] …", and the message stays
        // the core's (it names the path).
        exception.setattr("errno", ENOENT)?;
    }
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
    module.add("SpecFileNotFoundError", spec_file_not_found(py)?)?;
    module.add("DataFileNotFoundError", data_file_not_found(py)?)?;
    module.add("OptionError", option_error(py)?)?;
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
