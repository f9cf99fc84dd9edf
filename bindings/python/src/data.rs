//! `Dataset`: conversion of Python input (columns, records, CSV files) to [`chiso::Dataset`].
//!
//! Every rule about the data (NFC unit names, year cells, duplicate rows, decimal commas,
//! which cells are numbers) is the core's; this module only turns Python objects into
//! [`Cell`]s and hands them over.

use std::path::PathBuf;

use chiso::{Cell, CsvOptions, DataError};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::error::{run, to_py_err};

/// A table of units (rows, optionally per year) and numeric columns, as the core reads it.
///
/// Make one with `Dataset.from_columns`, `Dataset.from_records`, `Dataset.from_csv` or
/// `Dataset.from_csv_path`; `chiso.score` also accepts DataFrames, dicts and paths directly.
#[pyclass(module = "chiso", name = "Dataset", frozen)]
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The core dataset.
    pub inner: chiso::Dataset,
}

fn csv_options(unit_column: &str, year_column: &str, delimiter: Option<&str>) -> PyResult<CsvOptions> {
    let delimiter = match delimiter {
        None => None,
        Some(d) if d.len() == 1 && d.is_ascii() => Some(d.as_bytes()[0]),
        Some(d) => {
            return Err(PyValueError::new_err(format!(
                "delimiter must be a single ASCII character such as ',' or ';', not {d:?}"
            )))
        }
    };
    Ok(CsvOptions {
        unit_column: unit_column.to_owned(),
        year_column: year_column.to_owned(),
        delimiter,
        ..CsvOptions::default()
    })
}

/// One Python value as a cell: None and NaN are missing, `str` is text, anything `float()`
/// accepts (int, float, bool, numpy scalars) is a number, anything else is its `str()`.
fn cell(value: &Bound<'_, PyAny>) -> PyResult<Cell> {
    if value.is_none() {
        return Ok(Cell::Missing);
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Cell::Text(text.extract()?));
    }
    match value.extract::<f64>() {
        Ok(number) if number.is_nan() => Ok(Cell::Missing),
        Ok(number) => Ok(Cell::Number(number)),
        Err(_) => Ok(Cell::Text(value.str()?.extract()?)),
    }
}

fn cells(name: &str, values: &Bound<'_, PyAny>) -> PyResult<Vec<Cell>> {
    if values.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!("column '{name}': expected a sequence of values, not a string")));
    }
    let iter = values.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "column '{name}': expected a sequence of values (list, tuple, numpy array, Series), not {}",
            values.get_type().name().map(|n| n.to_string()).unwrap_or_default()
        ))
    })?;
    iter.map(|value| cell(&value?)).collect()
}

/// A column of cells: numbers when no cell is text (missing stays missing), else text cells
/// parsed by the core, decimal commas included.
enum Values {
    Numbers(Vec<Option<f64>>),
    Texts(Vec<Option<String>>),
}

fn values(cells: Vec<Cell>) -> Values {
    if cells.iter().any(|c| matches!(c, Cell::Text(_))) {
        Values::Texts(
            cells
                .into_iter()
                .map(|c| match c {
                    Cell::Text(t) => Some(t),
                    Cell::Number(n) => Some(n.to_string()),
                    Cell::Missing => None,
                })
                .collect(),
        )
    } else {
        Values::Numbers(cells.into_iter().map(|c| if let Cell::Number(n) = c { Some(n) } else { None }).collect())
    }
}

/// `(name, values)` pairs from a mapping (its `items()`) or from an iterable of pairs.
fn named_columns<'py>(columns: &Bound<'py, PyAny>) -> PyResult<Vec<(String, Bound<'py, PyAny>)>> {
    let pairs = if columns.hasattr("items")? { columns.call_method0("items")? } else { columns.clone() };
    pairs
        .try_iter()
        .map_err(|_| PyTypeError::new_err("columns must be a mapping or an iterable of (name, values) pairs"))?
        .map(|pair| {
            let (name, values): (Bound<'py, PyAny>, Bound<'py, PyAny>) = pair?.extract()?;
            let name = match name.cast::<PyString>() {
                Ok(s) => s.extract()?,
                Err(_) => name.str()?.extract()?,
            };
            Ok((name, values))
        })
        .collect()
}

impl Dataset {
    fn build(py: Python<'_>, columns: Vec<(String, Vec<Cell>)>, options: CsvOptions) -> PyResult<Self> {
        run(py, move || {
            let names: Vec<&str> = columns.iter().map(|(n, _)| n.as_str()).collect();
            let Some(unit) = columns.iter().position(|(n, _)| *n == options.unit_column) else {
                return Err(DataError::MissingColumn {
                    column: options.unit_column.clone(),
                    hint: Some(format!(
                        "the unit names; columns found: {}; choose another with unit_column=",
                        names.join(", ")
                    )),
                }
                .into());
            };
            let year = columns.iter().position(|(n, _)| *n == options.year_column);
            // Units and years go through the core's record reader: it owns the rules for
            // empty names, NFC, year cells and repeated (unit, year) rows.
            let records: Vec<Vec<(String, Cell)>> = (0..columns[unit].1.len())
                .map(|row| {
                    let mut record = vec![(options.unit_column.clone(), columns[unit].1[row].clone())];
                    if let Some(year) = year {
                        let value = columns[year].1.get(row).cloned().unwrap_or(Cell::Missing);
                        record.push((options.year_column.clone(), value));
                    }
                    record
                })
                .collect();
            if let Some(year) = year {
                let (expected, got) = (columns[unit].1.len(), columns[year].1.len());
                if expected != got {
                    return Err(DataError::LengthMismatch { column: options.year_column.clone(), expected, got }.into());
                }
            }
            let mut data = chiso::Dataset::from_records(&records, &options)?;
            for (i, (name, cells)) in columns.into_iter().enumerate() {
                if i == unit || Some(i) == year {
                    continue;
                }
                if name == options.unit_column || name == options.year_column {
                    return Err(DataError::DuplicateColumn { column: name }.into());
                }
                match values(cells) {
                    Values::Numbers(numbers) => data.add_column(&name, numbers)?,
                    Values::Texts(texts) => {
                        let refs: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
                        data.add_text_column(&name, &refs, true)?
                    }
                }
            }
            Ok(Dataset { inner: data })
        })
    }
}

#[pymethods]
impl Dataset {
    /// Builds a dataset from columns: a mapping of name → values (list, tuple, numpy array,
    /// pandas Series) or an iterable of `(name, values)` pairs.
    ///
    /// Missing values are None or NaN. A column with any `str` cell is parsed like CSV text,
    /// decimal commas included (`"63,01"`); other columns are numbers. The unit column is
    /// required; the year column is optional.
    #[staticmethod]
    #[pyo3(signature = (columns, *, unit_column="unit", year_column="year"))]
    fn from_columns(
        py: Python<'_>,
        columns: &Bound<'_, PyAny>,
        unit_column: &str,
        year_column: &str,
    ) -> PyResult<Self> {
        let columns = named_columns(columns)?
            .into_iter()
            .map(|(name, values)| {
                let cells = cells(&name, &values)?;
                Ok((name, cells))
            })
            .collect::<PyResult<Vec<_>>>()?;
        Self::build(py, columns, csv_options(unit_column, year_column, None)?)
    }

    /// Builds a dataset from records (one mapping of column → value per row), as JSON rows
    /// give them. A column absent from a record is a missing cell.
    #[staticmethod]
    #[pyo3(signature = (records, *, unit_column="unit", year_column="year"))]
    fn from_records(
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        unit_column: &str,
        year_column: &str,
    ) -> PyResult<Self> {
        let rows = records
            .try_iter()?
            .map(|record| -> PyResult<Vec<(String, Cell)>> {
                let record = record?;
                named_columns(&record)?.into_iter().map(|(name, value)| Ok((name, cell(&value)?))).collect()
            })
            .collect::<PyResult<Vec<_>>>()?;
        let options = csv_options(unit_column, year_column, None)?;
        run(py, || Ok(Dataset { inner: chiso::Dataset::from_records(&rows, &options)? }))
    }

    /// Reads CSV text: `,`-separated with `.` decimals, or `;`/tab-separated with `.` or `,`
    /// decimals (detected from the header unless `delimiter` is given).
    #[staticmethod]
    #[pyo3(signature = (text, *, unit_column="unit", year_column="year", delimiter=None))]
    fn from_csv(
        py: Python<'_>,
        text: &str,
        unit_column: &str,
        year_column: &str,
        delimiter: Option<&str>,
    ) -> PyResult<Self> {
        let options = csv_options(unit_column, year_column, delimiter)?;
        run(py, || Ok(Dataset { inner: chiso::Dataset::from_csv_str(text, &options)? }))
    }

    /// Reads a CSV file (UTF-8, optional BOM); see `Dataset.from_csv`.
    #[staticmethod]
    #[pyo3(signature = (path, *, unit_column="unit", year_column="year", delimiter=None))]
    fn from_csv_path(
        py: Python<'_>,
        path: PathBuf,
        unit_column: &str,
        year_column: &str,
        delimiter: Option<&str>,
    ) -> PyResult<Self> {
        let options = csv_options(unit_column, year_column, delimiter)?;
        run(py, || Ok(Dataset { inner: chiso::Dataset::from_csv_path(&path, &options)? }))
    }

    /// Unit names (trimmed, NFC), one per row.
    #[getter]
    fn units(&self) -> Vec<String> {
        self.inner.units().to_vec()
    }

    /// Years, one per row, or None without a year column.
    #[getter]
    fn years(&self) -> Option<Vec<i32>> {
        self.inner.years().map(<[i32]>::to_vec)
    }

    /// Column names (without the unit and year columns), in input order.
    #[getter]
    fn columns(&self) -> Vec<String> {
        self.inner.column_names().map(str::to_owned).collect()
    }

    /// A column's values (None = missing); a DataError names its first cell that is not a number.
    fn values<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyList>> {
        let values = self.inner.values(name).map_err(|e| to_py_err(py, &e.into()))?;
        PyList::new(py, values)
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        let years = self.inner.distinct_years();
        let years = match (years.first(), years.last()) {
            (Some(first), Some(last)) if first != last => format!(", years {first}–{last}"),
            (Some(year), _) => format!(", year {year}"),
            _ => String::new(),
        };
        format!("<chiso.Dataset: {} rows, {} columns{years}>", self.inner.len(), self.inner.column_names().count())
    }
}
