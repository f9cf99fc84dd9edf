//! Workbooks: [`chiso::io::xlsx`]'s sheet reader and score writer, for `chiso.read_excel`,
//! `chiso.excel_sheet` and `chiso.to_excel`. Conversion only: reading, matching headers and
//! units, scoring and formatting are the core's.

use std::path::PathBuf;

use chiso::io::xlsx::{read_sheet_path, write_scores, SheetOptions};
use chiso::ScoreOptions;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::data::Dataset;
use crate::error::run;
use crate::spec::Spec;

/// Reads one sheet of a workbook (.xlsx, .xls, .ods) into a `Dataset`, with headers matched to
/// `spec`'s nodes and unit names read through its unit aliases. Returns the dataset and what
/// the reading decided: `sheet`, `columns`, `unit_aliases` and `notes` (rows below the table).
#[pyfunction]
#[pyo3(signature = (path, sheet=None, *, spec=None, unit_column="unit", year_column="year", year=None))]
pub fn read_sheet<'py>(
    py: Python<'py>,
    path: PathBuf,
    sheet: Option<String>,
    spec: Option<&Bound<'py, Spec>>,
    unit_column: &str,
    year_column: &str,
    year: Option<i32>,
) -> PyResult<(Dataset, Bound<'py, PyDict>)> {
    let options = SheetOptions {
        sheet,
        unit_column: unit_column.into(),
        year_column: year_column.into(),
        year,
        ..Default::default()
    };
    let definition = spec.map(|s| s.get().inner.clone());
    let read = run(py, || Ok(read_sheet_path(&path, &options, definition.as_ref())?))?;
    let report = crate::to_python(py, &read)?.cast_into::<PyDict>()?;
    Ok((Dataset { inner: read.dataset }, report))
}

/// Scores `data` with `spec` and writes the results to the workbook `path` (.xlsx): the
/// headline, one sheet per node level, changes since each unit's previous year, and a sheet
/// naming the spec and edition; scores shown at the index's precision, cells unrounded.
#[pyfunction]
#[pyo3(signature = (spec, data, path, *, year=None, strict=false, source=None))]
pub fn write_excel(
    py: Python<'_>,
    spec: &Bound<'_, Spec>,
    data: &Bound<'_, Dataset>,
    path: PathBuf,
    year: Option<i32>,
    strict: bool,
    source: Option<String>,
) -> PyResult<()> {
    let (definition, dataset) = (&spec.get().inner, &data.get().inner);
    run(py, || {
        let scores = chiso::score(definition, dataset, &ScoreOptions { year, strict, ..Default::default() })?;
        let bytes = write_scores(&scores, definition, source.as_deref())?;
        std::fs::write(&path, bytes).map_err(|e| chiso::DataError::Workbook {
            message: format!("cannot write '{}': {}", path.display(), e.kind()),
        })?;
        Ok(())
    })
}
