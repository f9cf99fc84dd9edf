//! Diagnostics of one unit and year ([`chiso::diagnose::diagnose`]).

use pyo3::prelude::*;

use crate::data::Dataset;
use crate::error::run;
use crate::spec::Spec;

/// Where each sub-index of `unit` stands in `year` against the median and the leader, what
/// it costs the composite, what fell since `previous_year` (default: the year before, when
/// the data has it) and where the composite's change came from.
///
/// With `level="indicators"`, the indicators below the sub-indices instead
/// ([`chiso::indicators::diagnose_indicators`]).
///
/// Returns the core's result as plain dicts and lists (its JSON form).
#[pyfunction]
#[pyo3(signature = (spec, data, unit, *, year=None, previous_year=None, level="sub_indices"))]
pub fn diagnose<'py>(
    py: Python<'py>,
    spec: &Bound<'py, Spec>,
    data: &Bound<'py, Dataset>,
    unit: &str,
    year: Option<i32>,
    previous_year: Option<i32>,
    level: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let (definition, dataset) = (&spec.get().inner, &data.get().inner);
    if indicators(level)? {
        let d = run(py, || chiso::indicators::diagnose_indicators(definition, dataset, unit, year, previous_year))?;
        return crate::to_python(py, &d);
    }
    let diagnosis = run(py, || chiso::diagnose::diagnose(definition, dataset, unit, year, previous_year))?;
    crate::to_python(py, &diagnosis)
}

/// Whether `level` asks for the indicators (`"indicators"`) rather than the sub-indices.
pub fn indicators(level: &str) -> PyResult<bool> {
    match level {
        "sub_indices" => Ok(false),
        "indicators" => Ok(true),
        other => Err(pyo3::exceptions::PyValueError::new_err(format!(
            "level must be 'sub_indices' or 'indicators', not {other:?}"
        ))),
    }
}
