//! The published tables bundled with the core (`chiso::datasets`) and the spec file format's
//! JSON Schema (`chiso::spec::schema`): `chiso.datasets` builds the DataFrames.

use pyo3::prelude::*;

use crate::error::run;

/// Every bundled table's description (name, file, title, description, source, licence, rows,
/// columns as `{"name", "description"}`), as dicts.
#[pyfunction]
pub fn dataset_list(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    crate::to_python(py, &chiso::datasets::list())
}

/// The CSV text of the bundled table `name`; an unknown name raises `DataError` listing the
/// known ones.
#[pyfunction]
pub fn dataset_csv(py: Python<'_>, name: &str) -> PyResult<&'static str> {
    run(py, || Ok(chiso::datasets::load(name)?.csv()))
}

/// The JSON Schema of spec files, as JSON text (the committed `chiso-spec.schema.json`).
#[pyfunction]
pub fn spec_schema_json() -> &'static str {
    chiso::spec::schema::JSON
}
