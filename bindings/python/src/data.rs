//! `Dataset`: conversion of Python input (columns, records, CSV files) to [`chiso::Dataset`].
//!
//! Every rule about the data (NFC unit names, year cells, duplicate rows, decimal commas,
//! which cells are numbers) is the core's; this module only turns Python objects into
//! [`Cell`]s and hands them over.

use std::path::PathBuf;

use chiso::{Cell, CsvOptions, DataError};
use numpy::{PyArray1, PyArrayMethods, PyUntypedArray, PyUntypedArrayMethods};
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
    Ok(CsvOptions { unit_column: unit_column.to_owned(), year_column: year_column.to_owned(), delimiter })
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

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map(|n| n.to_string()).unwrap_or_default()
}

/// A column as it crosses from Python: numbers (a numeric numpy array, read as one buffer, or
/// Python numbers), or cells, some of them text for the core to parse (`"63,01"`).
enum Values {
    Numbers(Vec<Option<f64>>),
    Cells(Vec<Cell>),
}

/// NaN is pandas' and numpy's missing value.
fn number(x: f64) -> Option<f64> {
    (!x.is_nan()).then_some(x)
}

/// The values of a 1-D numeric numpy array, converted in one pass without Python objects.
fn numeric_array(values: &Bound<'_, PyAny>) -> Option<Vec<Option<f64>>> {
    fn read<T: numpy::Element + Copy>(
        values: &Bound<'_, PyAny>,
        convert: impl Fn(T) -> Option<f64>,
    ) -> Option<Vec<Option<f64>>> {
        let array = values.cast::<PyArray1<T>>().ok()?.readonly();
        Some(match array.as_slice() {
            Ok(slice) => slice.iter().map(|&x| convert(x)).collect(),
            Err(_) => array.as_array().iter().map(|&x| convert(x)).collect(),
        })
    }
    read::<f64>(values, number)
        .or_else(|| read::<f32>(values, |x| number(f64::from(x))))
        .or_else(|| read::<i64>(values, |x| Some(x as f64)))
        .or_else(|| read::<i32>(values, |x| Some(f64::from(x))))
        .or_else(|| read::<u32>(values, |x| Some(f64::from(x))))
}

fn column(name: &str, values: &Bound<'_, PyAny>) -> PyResult<Values> {
    if let Ok(array) = values.cast::<PyUntypedArray>() {
        if array.ndim() != 1 {
            return Err(PyTypeError::new_err(format!(
                "column '{name}': expected a 1-D array, not one with shape {:?}",
                array.shape()
            )));
        }
        if let Some(numbers) = numeric_array(values) {
            return Ok(Values::Numbers(numbers));
        }
    }
    if values.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!("column '{name}': expected a sequence of values, not a string")));
    }
    let iter = values.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "column '{name}': expected a sequence of values (list, tuple, numpy array, Series), not {}",
            type_name(values)
        ))
    })?;
    let cells = iter.map(|value| cell(&value?)).collect::<PyResult<Vec<Cell>>>()?;
    if cells.iter().any(|c| matches!(c, Cell::Text(_))) {
        Ok(Values::Cells(cells))
    } else {
        Ok(Values::Numbers(cells.into_iter().map(|c| if let Cell::Number(n) = c { Some(n) } else { None }).collect()))
    }
}

impl Values {
    fn len(&self) -> usize {
        match self {
            Values::Numbers(v) => v.len(),
            Values::Cells(v) => v.len(),
        }
    }

    fn cell(&self, row: usize) -> Cell {
        match self {
            Values::Numbers(v) => v.get(row).copied().flatten().map_or(Cell::Missing, Cell::Number),
            Values::Cells(v) => v.get(row).cloned().unwrap_or(Cell::Missing),
        }
    }

    fn into_cells(self) -> Vec<Cell> {
        match self {
            Values::Numbers(v) => v.into_iter().map(|x| x.map_or(Cell::Missing, Cell::Number)).collect(),
            Values::Cells(v) => v,
        }
    }

    /// Unit names when every cell is a non-blank string (the core then checks NFC duplicates);
    /// None sends the column through the core's record reader, which words every other case.
    fn plain_units(&self) -> Option<Vec<String>> {
        let Values::Cells(cells) = self else { return None };
        cells
            .iter()
            .map(|c| match c {
                Cell::Text(t) if !t.trim().is_empty() => Some(t.clone()),
                _ => None,
            })
            .collect()
    }

    /// Years when every value is a whole number the core accepts; None as for `plain_units`.
    fn plain_years(&self) -> Option<Vec<i32>> {
        let Values::Numbers(numbers) = self else { return None };
        numbers
            .iter()
            .map(|x| match x {
                Some(x) if x.fract() == 0.0 && x.abs() < 1e6 => Some(*x as i32),
                _ => None,
            })
            .collect()
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

/// The first column whose length differs from the unit column's.
fn check_lengths<'a>(expected: usize, columns: impl Iterator<Item = (&'a str, usize)>) -> Result<(), chiso::Error> {
    for (column, got) in columns {
        if got != expected {
            return Err(DataError::LengthMismatch { column: column.to_owned(), expected, got }.into());
        }
    }
    Ok(())
}

impl Dataset {
    fn build(py: Python<'_>, mut columns: Vec<(String, Values)>, options: CsvOptions) -> PyResult<Self> {
        run(py, move || {
            let Some(unit) = columns.iter().position(|(n, _)| *n == options.unit_column) else {
                let names: Vec<&str> = columns.iter().map(|(n, _)| n.as_str()).collect();
                return Err(DataError::MissingColumn {
                    column: options.unit_column.clone(),
                    hint: Some(format!(
                        "the unit names; columns found: {}; choose another with unit_column=",
                        names.join(", ")
                    )),
                }
                .into());
            };
            let rows = columns[unit].1.len();
            check_lengths(rows, columns.iter().map(|(n, v)| (n.as_str(), v.len())))?;
            if rows == 0 {
                return Err(DataError::NoRows.into());
            }
            let year = columns.iter().position(|(n, _)| *n == options.year_column);
            let mut data = match (columns[unit].1.plain_units(), year.map(|y| columns[y].1.plain_years())) {
                // The common case (str units, integer years) goes straight to the core's
                // constructor; anything else through its record reader, which owns the rules
                // for empty names, numbers as names and year cells.
                (Some(units), None) => chiso::Dataset::new(units, None)?,
                (Some(units), Some(Some(years))) => chiso::Dataset::new(units, Some(years))?,
                _ => {
                    let records: Vec<Vec<(String, Cell)>> = (0..rows)
                        .map(|row| {
                            let mut record = vec![(options.unit_column.clone(), columns[unit].1.cell(row))];
                            if let Some(year) = year {
                                record.push((options.year_column.clone(), columns[year].1.cell(row)));
                            }
                            record
                        })
                        .collect();
                    chiso::Dataset::from_records(&records, &options)?
                }
            };
            for (i, (name, values)) in columns.drain(..).enumerate() {
                if i == unit || Some(i) == year {
                    continue;
                }
                if name == options.unit_column || name == options.year_column {
                    return Err(DataError::DuplicateColumn { column: name }.into());
                }
                match values {
                    Values::Numbers(numbers) => data.add_column(&name, numbers)?,
                    Values::Cells(cells) => {
                        let texts: Vec<Option<String>> = cells
                            .into_iter()
                            .map(|c| match c {
                                Cell::Text(t) => Some(t),
                                Cell::Number(n) => Some(n.to_string()),
                                Cell::Missing => None,
                            })
                            .collect();
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
                let values = column(&name, &values)?;
                Ok((name, values))
            })
            .collect::<PyResult<Vec<_>>>()?;
        Self::build(py, columns, csv_options(unit_column, year_column, None)?)
    }

    /// Builds a dataset from long columns, one value per row: `units`, `variables` (column
    /// names), `values` and optionally `years`, as `pandas.melt` or a database export gives
    /// them. Rows are the (unit, year) pairs in order of first appearance; a repeated unit,
    /// year and variable is a DataError naming both rows.
    #[staticmethod]
    #[pyo3(signature = (units, variables, values, *, years=None, unit_column="unit", year_column="year"))]
    fn from_long(
        py: Python<'_>,
        units: &Bound<'_, PyAny>,
        variables: &Bound<'_, PyAny>,
        values: &Bound<'_, PyAny>,
        years: Option<&Bound<'_, PyAny>>,
        unit_column: &str,
        year_column: &str,
    ) -> PyResult<Self> {
        let options = csv_options(unit_column, year_column, None)?;
        let units = column(unit_column, units)?.into_cells();
        let years = years.map(|y| column(year_column, y)).transpose()?.map(Values::into_cells);
        let variables = column("variable", variables)?
            .into_cells()
            .into_iter()
            .enumerate()
            .map(|(row, cell)| match cell {
                Cell::Text(t) if !t.trim().is_empty() => Ok(t.trim().to_owned()),
                Cell::Number(x) => Ok(x.to_string()),
                other => Err((row, other)),
            })
            .collect::<Result<Vec<String>, _>>();
        let values = column("value", values)?.into_cells();
        run(py, move || {
            let variables = variables.map_err(|(row, cell)| DataError::BadCell {
                row: row + 1,
                column: "variable".into(),
                text: if let Cell::Text(t) = cell { t } else { String::new() },
                expected: "a variable name (the column the value belongs to)",
            })?;
            let data = chiso::Dataset::from_long(&units, years.as_deref(), &variables, &values, &options)?;
            Ok(Dataset { inner: data })
        })
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
