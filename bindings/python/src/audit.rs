//! The statistical audit ([`chiso::audit`]) as plain dicts.

use pyo3::prelude::*;

use crate::data::Dataset;
use crate::error::run;
use crate::spec::Spec;

/// Correlations within and across levels, Cronbach's alpha, principal components and
/// effective weights of every group of `year` (the core's `Audit`).
#[pyfunction]
#[pyo3(signature = (spec, data, *, year=None))]
pub fn audit_result<'py>(
    py: Python<'py>,
    spec: &Bound<'py, Spec>,
    data: &Bound<'py, Dataset>,
    year: Option<i32>,
) -> PyResult<Bound<'py, PyAny>> {
    let (definition, dataset) = (&spec.get().inner, &data.get().inner);
    let result = run(py, || chiso::audit::audit(definition, dataset, year))?;
    crate::to_python(py, &result)
}
