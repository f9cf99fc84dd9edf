//! Survey aggregation ([`chiso::survey`]): microdata → weighted indicators with intervals, and
//! optionally the intervals of every node of an index scored on them.

use pyo3::prelude::*;

use crate::error::run;

/// The intervals of an index's nodes, with the aggregation's warnings.
#[derive(serde::Serialize)]
struct Intervals<'a> {
    intervals: Vec<chiso::survey::NodeInterval>,
    warnings: &'a [String],
}
use crate::spec::Spec;

/// Aggregates survey microdata (CSV text) as the survey spec (TOML or JSON text) says;
/// `seed` and `replicates` override its bootstrap. With `spec_index`, returns the bootstrap
/// intervals of every node of that index scored on the estimates instead.
#[pyfunction]
#[pyo3(signature = (spec_text, csv_text, *, seed=None, replicates=None, spec_index=None))]
pub fn survey_result<'py>(
    py: Python<'py>,
    spec_text: &str,
    csv_text: &str,
    seed: Option<u64>,
    replicates: Option<u32>,
    spec_index: Option<&Bound<'py, Spec>>,
) -> PyResult<Bound<'py, PyAny>> {
    let definition = spec_index.map(|s| s.get().inner.clone());
    let (spec_text, csv_text) = (spec_text.to_owned(), csv_text.to_owned());
    let (intervals, result) = run(py, move || {
        let mut spec = chiso::survey::SurveySpec::from_text(&spec_text)?;
        if let Some(seed) = seed {
            spec.bootstrap.seed = seed;
        }
        if let Some(r) = replicates {
            spec.bootstrap.replicates = r;
        }
        let result = chiso::survey::aggregate_survey_csv(&spec, &csv_text)?;
        let intervals = match definition {
            Some(d) => {
                Some(chiso::survey::node_intervals(&d, &result, &chiso::ScoreOptions::default(), spec.confidence)?)
            }
            None => None,
        };
        Ok((intervals, result))
    })?;
    match intervals {
        Some(intervals) => crate::to_python(py, &Intervals { intervals, warnings: &result.warnings }),
        None => crate::to_python(py, &result),
    }
}
