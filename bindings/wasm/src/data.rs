//! Data: JS rows (`[{unit, year?, <node id>: number | string}]`) → [`chiso::Cell`] records →
//! [`Dataset::from_records`]; CSV text → [`Dataset::from_csv_str`], CSV bytes (a file a reader
//! uploaded, as a `Uint8Array`) → [`Dataset::from_csv_bytes`]; columns
//! (`{unit: string[], year?: number[], <node id>: Float64Array | number[]}`) →
//! [`Dataset::new`] + [`Dataset::add_column`], the fast path for large tables. The options
//! carry [`chiso::Limits::BROWSER`] (see `Options::from_js`).

use js_sys::{Array, Float64Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use chiso::{Cell, CsvOptions, DataError, Dataset};

use crate::{entries, error, is_plain_object, type_error};

/// One JS value as a cell: numbers stay numbers (NaN and ±Infinity included, which the core
/// reports as not finite if the column is used), strings are text the core parses (decimal
/// commas accepted), `null`/`undefined` are missing, and anything else is text the core
/// rejects with its row and column if the column is used.
fn cell(value: &JsValue) -> Cell {
    if let Some(n) = value.as_f64() {
        Cell::Number(n)
    } else if let Some(text) = value.as_string() {
        Cell::Text(text)
    } else if value.is_null() || value.is_undefined() {
        Cell::Missing
    } else if let Some(b) = value.as_bool() {
        Cell::Text(b.to_string())
    } else if value.is_bigint() {
        let text = value.clone().unchecked_into::<js_sys::BigInt>().to_string(10).map(String::from);
        Cell::Text(text.unwrap_or_default())
    } else if let Some(object) = value.dyn_ref::<js_sys::Object>() {
        Cell::Text(object.to_string().into())
    } else {
        Cell::Text(value.js_typeof().as_string().unwrap_or_default())
    }
}

/// Reads an array of plain objects into records (name, cell) in property order.
pub(crate) fn records(rows: &JsValue) -> Result<Vec<Vec<(String, Cell)>>, JsValue> {
    let Some(array) = rows.dyn_ref::<js_sys::Array>() else {
        return Err(type_error("rows must be an array of objects ({unit, year?, <node id>: value})"));
    };
    // About 160 bytes per cell at the peak: the records' keys and cells, then as for columns.
    let keys = array.get(0).dyn_ref::<js_sys::Object>().map_or(0, |first| js_sys::Object::keys(first).length());
    crate::reserve_memory((array.length() as usize).saturating_mul(keys as usize).saturating_mul(160));
    array
        .iter()
        .enumerate()
        .map(|(i, row)| {
            if !is_plain_object(&row) {
                return Err(type_error(&format!("rows[{i}] must be an object")));
            }
            Ok(entries(&row).into_iter().map(|(k, v)| (k, cell(&v))).collect())
        })
        .collect()
}

/// A dataset from records already read by [`records`].
pub(crate) fn from_records(records: &[Vec<(String, Cell)>], options: &CsvOptions) -> Result<Dataset, JsValue> {
    Dataset::from_records(records, options).map_err(error::to_js)
}

/// The CSV argument of a function: text, or the bytes of a file (checked to be UTF-8 by the core).
pub(crate) enum Csv {
    /// A JS string.
    Text(String),
    /// A `Uint8Array` (or `ArrayBuffer`).
    Bytes(Vec<u8>),
}

/// A dataset from CSV (`,` with `.` decimals, or `;`/tab with decimal commas; BOM allowed).
pub(crate) fn from_csv(csv: &Csv, options: &CsvOptions) -> Result<Dataset, JsValue> {
    // About ten bytes of memory at the peak per byte of CSV (a cell is ~10 characters, ~96 bytes).
    let bytes = match csv {
        Csv::Text(text) => text.len(),
        Csv::Bytes(bytes) => bytes.len(),
    };
    crate::reserve_memory(bytes.saturating_mul(10));
    match csv {
        Csv::Text(text) => Dataset::from_csv_str(text, options),
        Csv::Bytes(bytes) => Dataset::from_csv_bytes(bytes, options),
    }
    .map_err(error::to_js)
}

/// The CSV argument of `function`: a string, a `Uint8Array` or an `ArrayBuffer`.
pub(crate) fn csv_text(value: &JsValue, function: &str) -> Result<Csv, JsValue> {
    if let Some(text) = value.as_string() {
        return Ok(Csv::Text(text));
    }
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(Csv::Bytes(bytes.to_vec()));
    }
    if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(Csv::Bytes(js_sys::Uint8Array::new(buffer).to_vec()));
    }
    Err(type_error(&format!("{function}: the CSV must be a string, a Uint8Array or an ArrayBuffer")))
}

/// Reads columns `{<unit column>: string[], <year column>?: number[], <node id>: Float64Array |
/// number[]}` into a dataset: one copy per column, no per-cell JS values for typed arrays.
/// NaN, `null` and `undefined` are missing values (reported by the core if a score needs them).
/// With `limits`, the table is checked against them before it is copied and the dataset keeps
/// them (the `Dataset` class); without, it keeps the core's default limits (`scoreColumns`).
pub(crate) fn from_columns(
    value: &JsValue,
    options: &CsvOptions,
    function: &str,
    limits: Option<&chiso::Limits>,
) -> Result<Dataset, JsValue> {
    if !is_plain_object(value) {
        return Err(type_error(&format!(
            "{function}: columns must be an object {{unit: string[], year?: number[], <node id>: Float64Array | number[]}}"
        )));
    }
    let columns = entries(value);
    if !columns.iter().any(|(name, _)| *name == options.unit_column) {
        let found: Vec<&str> = columns.iter().map(|(name, _)| name.as_str()).collect();
        let hint = format!("the unit names; columns found: {}", found.join(", "));
        return Err(error::to_js(DataError::MissingColumn { column: options.unit_column.clone(), hint: Some(hint) }));
    }
    let rows = columns.iter().find(|(name, _)| *name == options.unit_column).map_or(0, |(_, units)| {
        js_sys::Reflect::get(units, &"length".into()).ok().and_then(|n| n.as_f64()).unwrap_or(0.0) as usize
    });
    if let Some(limits) = limits {
        limits.check_table(rows, columns.len()).map_err(error::to_js)?;
    }
    // `scoreColumns` scores in the same call: room for the whole computation. The `Dataset`
    // class only copies the columns (`Spec.score` makes room for scoring).
    let per_cell = if limits.is_some() { 16 } else { 96 };
    crate::reserve_memory(rows.saturating_mul(columns.len()).saturating_mul(per_cell));
    let mut units = Vec::new();
    let mut years = None;
    let mut numeric = Vec::new();
    for (name, column) in &columns {
        if *name == options.unit_column {
            units = unit_names(column, name, function)?;
        } else if *name == options.year_column {
            years = Some(year_values(column, name, function)?);
        } else {
            numeric.push((name, numbers(column, name, function)?));
        }
    }
    let mut data = Dataset::new(units, years).map_err(error::to_js)?;
    for (name, values) in numeric {
        data.add_column(name, values).map_err(error::to_js)?;
    }
    if let Some(limits) = limits {
        data.set_limits(*limits);
    }
    Ok(data)
}

/// Rows the JS side has laid out as columns (`index.js`, `Dataset.fromRows`): `names` in
/// first-seen order, `first_rows` (the row where each name first appears), and per name a
/// `Float64Array` (numbers, NaN where the row lacks the field or holds `null`/`undefined`) or an
/// array of the rows' own values (`undefined` where a row lacks the field). Read by
/// [`Dataset::from_record_columns`], so the result and every error are those of the row objects
/// themselves (as [`Dataset::from_records`] reads them), without one call across the boundary
/// per cell.
pub(crate) fn from_laid_out_rows(
    names: &Array,
    first_rows: &[u32],
    columns: &Array,
    rows: usize,
    options: &CsvOptions,
) -> Result<Dataset, JsValue> {
    let names: Vec<String> = names.iter().map(|n| n.as_string().unwrap_or_default()).collect();
    crate::reserve_memory(rows.saturating_mul(names.len()).saturating_mul(64));
    let cells: Vec<Vec<Cell>> = columns
        .iter()
        .map(|column| match column.dyn_ref::<Float64Array>() {
            Some(numbers) => {
                numbers.to_vec().into_iter().map(|v| if v.is_nan() { Cell::Missing } else { Cell::Number(v) }).collect()
            }
            None => column.unchecked_into::<Array>().iter().map(|v| cell(&v)).collect(),
        })
        .collect();
    let first_rows: Vec<usize> = first_rows.iter().map(|&r| r as usize).collect();
    Dataset::from_record_columns(&names, &first_rows, cells, rows, options).map_err(error::to_js)
}

/// A column as an `Array` (plain arrays) or `None` (typed arrays), or a `TypeError`.
fn array_like(column: &JsValue, name: &str, function: &str) -> Result<Option<Array>, JsValue> {
    if Array::is_array(column) {
        Ok(Some(column.clone().unchecked_into()))
    } else if column.is_instance_of::<Float64Array>()
        || column.is_instance_of::<js_sys::Float32Array>()
        || column.is_instance_of::<js_sys::Int32Array>()
        || column.is_instance_of::<js_sys::Uint32Array>()
        || column.is_instance_of::<js_sys::Int16Array>()
        || column.is_instance_of::<js_sys::Uint16Array>()
        || column.is_instance_of::<js_sys::Int8Array>()
        || column.is_instance_of::<js_sys::Uint8Array>()
    {
        Ok(None)
    } else {
        Err(type_error(&format!("{function}: column '{name}' must be an array or a typed array")))
    }
}

/// Unit names: an array of strings.
fn unit_names(column: &JsValue, name: &str, function: &str) -> Result<Vec<String>, JsValue> {
    let Some(array) = array_like(column, name, function)? else {
        return Err(type_error(&format!("{function}: column '{name}' (unit names) must be an array of strings")));
    };
    array
        .iter()
        .enumerate()
        .map(|(i, v)| {
            v.as_string()
                .ok_or_else(|| type_error(&format!("{function}: column '{name}'[{i}] must be a string (a unit name)")))
        })
        .collect()
}

/// Years: whole numbers; anything else is the core's `BadYear` with its row.
fn year_values(column: &JsValue, name: &str, function: &str) -> Result<Vec<i32>, JsValue> {
    let values = match array_like(column, name, function)? {
        Some(array) => array.iter().map(|v| v.as_f64().unwrap_or(f64::NAN)).collect(),
        None => Float64Array::new(column).to_vec(),
    };
    values
        .into_iter()
        .enumerate()
        .map(|(i, y)| {
            if y.fract() == 0.0 && y.abs() < 1e6 {
                Ok(y as i32)
            } else {
                let text = if y.is_nan() { String::new() } else { y.to_string() };
                Err(error::to_js(DataError::BadYear { row: i + 1, column: name.to_owned(), text }))
            }
        })
        .collect()
}

/// Values of a numeric column: typed arrays are copied at once; plain arrays take numbers,
/// `null` and `undefined` (missing). NaN is missing either way. Text cells (`"7,5"`) belong in
/// `score` rows or CSV, where the core parses them: here they are a `TypeError`.
fn numbers(column: &JsValue, name: &str, function: &str) -> Result<Vec<Option<f64>>, JsValue> {
    let present = |x: f64| (!x.is_nan()).then_some(x);
    match array_like(column, name, function)? {
        None => Ok(Float64Array::new(column).to_vec().into_iter().map(present).collect()),
        Some(array) => array
            .iter()
            .enumerate()
            .map(|(i, v)| match v.as_f64() {
                Some(x) => Ok(present(x)),
                None if v.is_null() || v.is_undefined() => Ok(None),
                None => Err(type_error(&format!(
                    "{function}: column '{name}'[{i}] must be a number, null or undefined (text cells such as \
                     \"7,5\" go through rows or CSV)"
                ))),
            })
            .collect(),
    }
}

/// Options of the `Dataset` constructors.
#[cfg(feature = "scoring")]
const DATASET_OPTIONS: &[&str] = &["unitColumn", "yearColumn", "limits"];

/// A table of units (optionally per year) and numeric columns, read and checked once, to be
/// scored with any number of specs (`Dataset.fromColumns`, `Dataset.fromRows`, `Dataset.fromCsv`).
/// Read within `options.limits` (default: the browser limits), which scoring keeps to.
#[cfg(feature = "scoring")]
#[wasm_bindgen(js_name = Dataset)]
pub struct DatasetHandle {
    pub(crate) data: Dataset,
}

#[cfg(feature = "scoring")]
#[wasm_bindgen(js_class = Dataset)]
impl DatasetHandle {
    /// From columns `{unit: string[], year?: number[], <node id>: Float64Array | number[]}`.
    #[wasm_bindgen(js_name = fromColumns)]
    pub fn from_columns(columns: JsValue, options: JsValue) -> Result<DatasetHandle, JsValue> {
        let function = "Dataset.fromColumns";
        let options = crate::Options::from_js(&options, function, DATASET_OPTIONS)?;
        let limits = options.read.limits;
        Ok(DatasetHandle { data: from_columns(&columns, &options.read, function, Some(&limits))? })
    }

    /// From rows laid out as columns by `index.js` (see [`from_laid_out_rows`]); not part of
    /// the API (`Dataset.fromRows` in `index.js` calls it).
    #[wasm_bindgen(js_name = _fromLaidOutRows)]
    pub fn from_laid_out_rows(
        names: Array,
        first_rows: Vec<u32>,
        columns: Array,
        rows: usize,
        options: JsValue,
    ) -> Result<DatasetHandle, JsValue> {
        let options = crate::Options::from_js(&options, "Dataset.fromRows", DATASET_OPTIONS)?;
        Ok(DatasetHandle { data: from_laid_out_rows(&names, &first_rows, &columns, rows, &options.read)? })
    }

    /// From CSV text or bytes (`,` with `.` decimals, `;`/tab with decimal commas; BOM allowed).
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(csv: JsValue, options: JsValue) -> Result<DatasetHandle, JsValue> {
        let function = "Dataset.fromCsv";
        let options =
            crate::Options::from_js(&options, function, &["unitColumn", "yearColumn", "limits", "delimiter"])?;
        Ok(DatasetHandle { data: from_csv(&csv_text(&csv, function)?, &options.read)? })
    }

    /// Number of rows.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.data.len()
    }

    /// Unit names (trimmed, NFC), one per row.
    #[wasm_bindgen(getter)]
    pub fn units(&self) -> Array {
        self.data.units().iter().map(|u| JsValue::from_str(u)).collect()
    }

    /// Years, one per row, or `null` without a year column.
    #[wasm_bindgen(getter)]
    pub fn years(&self) -> JsValue {
        self.data.years().map_or(JsValue::NULL, |y| js_sys::Int32Array::from(y).into())
    }

    /// Names of the data columns (units and years excluded).
    #[wasm_bindgen(getter)]
    pub fn columns(&self) -> Array {
        self.data.column_names().map(JsValue::from_str).collect()
    }

    /// A column's values (NaN = missing), or the core's `DataError` for an unknown column or a
    /// column with a cell that is not a number.
    pub fn column(&self, name: &str) -> Result<Float64Array, JsValue> {
        let values = self.data.values(name).map_err(error::to_js)?;
        let values: Vec<f64> = values.iter().map(|v| v.unwrap_or(f64::NAN)).collect();
        Ok(Float64Array::from(values.as_slice()))
    }

    /// The limits the dataset was read with, which scoring keeps to.
    #[wasm_bindgen(getter)]
    pub fn limits(&self) -> Result<JsValue, JsValue> {
        crate::to_js(&self.data.limits())
    }
}
