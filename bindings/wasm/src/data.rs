//! Data: JS rows (`[{unit, year?, <node id>: number | string}]`) → [`chiso::Cell`] records →
//! [`Dataset::from_records`]; CSV text → [`Dataset::from_csv_str`], CSV bytes (a file a reader
//! uploaded, as a `Uint8Array`) → [`Dataset::from_csv_bytes`]. The options carry
//! [`chiso::Limits::BROWSER`] (see `Options::from_js`).

use wasm_bindgen::prelude::*;

use chiso::{Cell, CsvOptions, Dataset};

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
