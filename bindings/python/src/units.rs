//! `UnitMapping`: unit changes (splits, merges, renames) for comparisons across them
//! ([`chiso::UnitMapping`]).

use std::path::PathBuf;

use chiso::units::ChangeKind;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::error::run;

/// Unit changes with their dates, so that a comparison across a merger or a split says what
/// happened instead of silently matching names.
///
/// `UnitMapping.vietnam_provinces()` is the shipped 2004–2025 provincial mapping; read your
/// own with `UnitMapping.from_csv` (columns `old`, `new`, `effective`, optional `change_type`).
#[pyclass(module = "chiso", name = "UnitMapping", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct UnitMapping {
    /// The core mapping.
    pub inner: chiso::UnitMapping,
}

fn kind_name(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Split => "split",
        ChangeKind::Merge => "merge",
        ChangeKind::Rename => "rename",
    }
}

#[pymethods]
impl UnitMapping {
    /// The provincial changes of 2004–2025 shipped with chiso (the 2004 splits, the 2008
    /// Hà Tây merger, the 2025 reorganisation into 34 units).
    #[staticmethod]
    fn vietnam_provinces(py: Python<'_>) -> PyResult<Self> {
        run(py, || Ok(UnitMapping { inner: chiso::UnitMapping::vietnam_provinces() }))
    }

    /// Reads a mapping CSV with columns `old_province` (or `old`), `new_province` (or `new`),
    /// `effective_date` (`YYYY-MM-DD`) and optionally `change_type` (split, merge, rename).
    #[staticmethod]
    fn from_csv(py: Python<'_>, text: &str) -> PyResult<Self> {
        run(py, || Ok(UnitMapping { inner: chiso::UnitMapping::from_csv_str(text)? }))
    }

    /// Reads a mapping CSV file (UTF-8); see `UnitMapping.from_csv`.
    #[staticmethod]
    fn from_csv_path(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        run(py, || Ok(UnitMapping { inner: chiso::UnitMapping::from_csv_path(&path)? }))
    }

    /// The changes by effective date: dicts with `old`, `new`, `effective` and `kind`.
    #[getter]
    fn changes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let rows = self
            .inner
            .changes()
            .iter()
            .map(|c| {
                let row = PyDict::new(py);
                row.set_item("old", &c.old)?;
                row.set_item("new", &c.new)?;
                row.set_item("effective", &c.effective)?;
                row.set_item("kind", kind_name(c.kind))?;
                Ok(row)
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, rows)
    }

    fn __len__(&self) -> usize {
        self.inner.changes().len()
    }

    fn __repr__(&self) -> String {
        format!("<chiso.UnitMapping: {} changes>", self.inner.changes().len())
    }
}
