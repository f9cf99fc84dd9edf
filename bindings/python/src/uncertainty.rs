//! Uncertainty analysis ([`chiso::uncertainty`]): rank intervals, pairwise probabilities and
//! rank changes against their intervals, as plain dicts (the Python layer makes DataFrames).

use chiso::uncertainty::{InputsSpec, UncertaintyOptions};
use pyo3::prelude::*;

use crate::data::Dataset;
use crate::error::run;
use crate::spec::Spec;

/// The core's uncertain inputs from their JSON form (`{"weights_pm": 20, ...}`).
pub(crate) fn inputs(json: &str) -> Result<Vec<chiso::uncertainty::UncertainInput>, chiso::Error> {
    InputsSpec::from_json(json)?.inputs()
}

/// Rank intervals of every unit of `year` under the uncertain inputs `inputs_json`.
///
/// Returns the core's result as dicts and lists (`index`, `year`, `samples`, `seed`,
/// `inputs`, `mean_rank_shift`, `units`: one dict per unit), plus `above` (the matrix of
/// P(row unit ranks above column unit)) with `pairwise=True` and `ranks` (every sample's
/// ranks, sample-major) with `keep_samples=True`.
#[pyfunction]
#[pyo3(signature = (spec, data, inputs_json, *, year=None, samples=1000, seed=0, pairwise=false, keep_samples=false))]
#[allow(clippy::too_many_arguments)]
pub fn uncertainty_result<'py>(
    py: Python<'py>,
    spec: &Bound<'py, Spec>,
    data: &Bound<'py, Dataset>,
    inputs_json: &str,
    year: Option<i32>,
    samples: usize,
    seed: u64,
    pairwise: bool,
    keep_samples: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let (definition, dataset) = (&spec.get().inner, &data.get().inner);
    let options = UncertaintyOptions { samples, seed };
    let value = run(py, || {
        let result = chiso::uncertainty::uncertainty(definition, dataset, year, &inputs(inputs_json)?, &options)?;
        let mut value = serde_json::to_value(&result).unwrap_or_default();
        if pairwise {
            value["above"] = serde_json::to_value(result.above_matrix()).unwrap_or_default();
        }
        if keep_samples {
            value["ranks"] = serde_json::to_value(result.ranks()).unwrap_or_default();
        }
        Ok(value)
    })?;
    crate::to_python(py, &value)
}

/// Each unit's rank change from `from_year` to `to_year` with both years' rank intervals
/// and the probability that the change has the observed sign (the core's `RankChanges`).
#[pyfunction]
#[pyo3(signature = (spec, data, inputs_json, *, from_year, to_year, samples=1000, seed=0, mapping=None))]
#[allow(clippy::too_many_arguments)]
pub fn rank_changes_result<'py>(
    py: Python<'py>,
    spec: &Bound<'py, Spec>,
    data: &Bound<'py, Dataset>,
    inputs_json: &str,
    from_year: i32,
    to_year: i32,
    samples: usize,
    seed: u64,
    mapping: Option<&Bound<'py, crate::units::UnitMapping>>,
) -> PyResult<Bound<'py, PyAny>> {
    let (definition, dataset) = (&spec.get().inner, &data.get().inner);
    let options = UncertaintyOptions { samples, seed };
    let mapping = mapping.map(|m| &m.get().inner);
    let changes = run(py, || {
        let inputs = inputs(inputs_json)?;
        chiso::uncertainty::rank_changes_mapped(definition, dataset, from_year, to_year, &inputs, &options, mapping)
    })?;
    crate::to_python(py, &changes)
}
