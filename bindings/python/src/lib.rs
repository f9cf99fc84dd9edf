//! Python bindings of [`chiso`]: the compiled module `chiso._chiso`.
//!
//! Conversion only: each file mirrors a module of the core (`spec`, `presets`, `data`,
//! `units`, `score`, `compare`, `diagnose`, `plan`, `report`, `error`) and turns Python values into
//! core values and back. The pandas conveniences (DataFrame in and out) live in the Python
//! package `chiso` (`python/chiso/__init__.py`).

use pyo3::prelude::*;

pub mod audit;
pub mod calibrate;
pub mod compare;
pub mod data;
pub mod datasets;
pub mod diagnose;
pub mod display;
pub mod error;
pub mod plan;
pub mod presets;
pub mod profile;
pub mod report;
pub mod score;
pub mod sensitivity;
pub mod spec;
pub mod survey;
pub mod uncertainty;
pub mod units;
pub mod xlsx;

/// A core result with nested structure as Python dicts and lists, through its serde JSON
/// form (the shape the WebAssembly binding gives too).
pub(crate) fn to_python<'py>(py: Python<'py>, value: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(|e| error::ChisoError::new_err(e.to_string()))?;
    py.import("json")?.call_method1("loads", (text,))
}

/// Raises the ChisoError a panic in the core would raise (for the binding's own tests).
#[pyfunction]
fn _panic(py: Python<'_>, message: &str) -> PyResult<()> {
    error::run(py, || -> Result<(), chiso::Error> { panic!("{message}") })
}

/// chiso's compiled core: specifications, datasets, scoring, comparison and analysis.
#[pymodule]
fn _chiso(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // Attributes, not exports: `__all__` lists the public API only.
    m.setattr("__version__", env!("CARGO_PKG_VERSION"))?;
    error::register(m)?;
    m.add_class::<spec::Spec>()?;
    m.add_class::<data::Dataset>()?;
    m.add_class::<units::UnitMapping>()?;
    m.add_function(wrap_pyfunction!(presets::presets, m)?)?;
    m.add_function(wrap_pyfunction!(presets::preset, m)?)?;
    m.add_function(wrap_pyfunction!(score::score_columns, m)?)?;
    m.add_function(wrap_pyfunction!(display::format_numbers, m)?)?;
    m.add_function(wrap_pyfunction!(compare::compare_columns, m)?)?;
    m.add_function(wrap_pyfunction!(diagnose::diagnose, m)?)?;
    m.add_function(wrap_pyfunction!(plan::plan, m)?)?;
    m.add_function(wrap_pyfunction!(report::report, m)?)?;
    m.add_function(wrap_pyfunction!(uncertainty::uncertainty_result, m)?)?;
    m.add_function(wrap_pyfunction!(uncertainty::rank_changes_result, m)?)?;
    m.add_function(wrap_pyfunction!(sensitivity::sensitivity_result, m)?)?;
    m.add_function(wrap_pyfunction!(audit::audit_result, m)?)?;
    m.add_function(wrap_pyfunction!(calibrate::calibrate_result, m)?)?;
    m.add_function(wrap_pyfunction!(xlsx::read_sheet, m)?)?;
    m.add_function(wrap_pyfunction!(xlsx::write_excel, m)?)?;
    m.add_function(wrap_pyfunction!(datasets::dataset_list, m)?)?;
    m.add_function(wrap_pyfunction!(datasets::dataset_csv, m)?)?;
    m.add_function(wrap_pyfunction!(datasets::spec_schema_json, m)?)?;
    m.add_class::<profile::ProfileResult>()?;
    m.add_function(wrap_pyfunction!(profile::profile_result, m)?)?;
    m.add_function(wrap_pyfunction!(profile::profile_manifest, m)?)?;
    m.add_function(wrap_pyfunction!(survey::survey_result, m)?)?;
    m.setattr("_panic", wrap_pyfunction!(_panic, m)?)?;
    Ok(())
}
