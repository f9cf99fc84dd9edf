//! Variance-based sensitivity analysis ([`chiso::sensitivity`]) as plain dicts.

use chiso::sensitivity::{FirstOrder, SensitivityOptions};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::data::Dataset;
use crate::error::run;
use crate::spec::Spec;

/// First- and total-order indices of each uncertain input on the mean absolute rank shift and
/// on each unit's rank (the core's `Sensitivity`: `mean_rank_shift`, `units`, `rank_stats`).
#[pyfunction]
#[pyo3(signature = (spec, data, inputs_json, *, year=None, samples=500, seed=0, bootstrap=100, first_order="jansen"))]
#[allow(clippy::too_many_arguments)]
pub fn sensitivity_result<'py>(
    py: Python<'py>,
    spec: &Bound<'py, Spec>,
    data: &Bound<'py, Dataset>,
    inputs_json: &str,
    year: Option<i32>,
    samples: usize,
    seed: u64,
    bootstrap: usize,
    first_order: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let first_order = match first_order {
        "jansen" => FirstOrder::Jansen,
        "saltelli" => FirstOrder::Saltelli,
        other => {
            return Err(PyValueError::new_err(format!("first_order must be 'jansen' or 'saltelli', not {other:?}")))
        }
    };
    let (definition, dataset) = (&spec.get().inner, &data.get().inner);
    let options = SensitivityOptions { samples, seed, bootstrap, first_order };
    let result = run(py, || {
        chiso::sensitivity::sensitivity(definition, dataset, year, &crate::uncertainty::inputs(inputs_json)?, &options)
    })?;
    crate::to_python(py, &result)
}
