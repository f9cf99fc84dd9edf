//! Presets: the published indices shipped inside the core.

use pyo3::prelude::*;

use crate::error::run;
use crate::spec::Spec;

/// Ids of the presets shipped with this version, e.g. `["pci"]`.
#[pyfunction]
pub fn presets(py: Python<'_>) -> PyResult<Vec<&'static str>> {
    run(py, || Ok(chiso::presets::ids()))
}

/// A preset index by id. Without a year: the full definition with every edition (scoring
/// picks each row's edition by its year). With a year: the single edition for that year.
#[pyfunction]
#[pyo3(signature = (id, year=None))]
pub fn preset(py: Python<'_>, id: &str, year: Option<i32>) -> PyResult<Spec> {
    run(py, || {
        let definition = chiso::presets::get(id)?;
        Ok(Spec::new(match year {
            None => definition,
            Some(year) => chiso::IndexDefinition::from_spec(&definition.resolve(Some(year))?),
        }))
    })
}
