//! Workbooks, the third module (`excel` feature, `pkg/chiso_excel`): `readExcel(bytes, spec?, options?)` reads a sheet with the
//! core's reader (headers matched to the spec's nodes, units through its aliases) and gives its
//! rows, which `index.js` turns into a `Dataset` of the scoring module; `writeExcel(spec, rows,
//! options?)` scores with the core and returns the core's formatted workbook as bytes.
//! Conversion only; the workbook code stays out of the scoring and analysis modules.

use wasm_bindgen::prelude::*;

use chiso::io::xlsx::{read_sheet, write_scores, SheetOptions};
use chiso::{Cell, ScoreOptions};

use crate::{data, entries, error, is_plain_object, spec, to_js, type_error, Options};

const READ_OPTIONS: &[&str] = &["sheet", "unitColumn", "yearColumn", "year"];
const WRITE_OPTIONS: &[&str] = &["year", "strict", "unitColumn", "yearColumn"];

/// The bytes of a `Uint8Array` or `ArrayBuffer`.
fn bytes(value: &JsValue, function: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(array.to_vec());
    }
    if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(buffer).to_vec());
    }
    Err(type_error(&format!("{function}: the workbook must be a Uint8Array or an ArrayBuffer (the file's bytes)")))
}

fn sheet_options(value: &JsValue) -> Result<SheetOptions, JsValue> {
    let mut options = SheetOptions { limits: chiso::Limits::BROWSER, ..Default::default() };
    if value.is_undefined() || value.is_null() {
        return Ok(options);
    }
    if !is_plain_object(value) {
        return Err(type_error("readExcel: options must be an object"));
    }
    for (key, v) in entries(value) {
        if v.is_undefined() || v.is_null() {
            continue;
        }
        let text = || v.as_string().ok_or_else(|| type_error(&format!("readExcel: option '{key}' must be a string")));
        match key.as_str() {
            "sheet" => options.sheet = Some(text()?),
            "unitColumn" => options.unit_column = text()?,
            "yearColumn" => options.year_column = text()?,
            "year" => options.year = Some(crate::year_arg(&v, "readExcel: option 'year'")?),
            other => {
                return Err(type_error(&format!(
                    "readExcel: unknown option '{other}'; expected one of: {}",
                    READ_OPTIONS.join(", ")
                )))
            }
        }
    }
    Ok(options)
}

/// A column's name, its cells as text, and its numbers unless it holds text.
type ColumnCells = (String, Vec<Option<String>>, Option<Vec<Option<f64>>>);

/// A workbook's sheet as `{ unitColumn, yearColumn, rows, report }`: rows of
/// `{<unit column>, <year column>?, <column>: number | string | null}` in sheet order, and the
/// core's report (`sheet`, `columns`, `unit_aliases`, `notes`).
#[wasm_bindgen(js_name = readExcel)]
pub fn read_excel(workbook: JsValue, spec: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let bytes = bytes(&workbook, "readExcel")?;
    let options = sheet_options(&options)?;
    let definition = if spec.is_undefined() || spec.is_null() { None } else { Some(spec::definition(&spec)?) };
    let read = read_sheet(&bytes, &options, definition.as_ref()).map_err(error::to_js)?;
    let dataset = &read.dataset;
    let columns: Vec<ColumnCells> = dataset
        .column_names()
        .map(|name| {
            let numbers = if dataset.is_text(name) { None } else { dataset.values(name).ok().map(<[_]>::to_vec) };
            (name.to_owned(), dataset.labels(name).unwrap_or_default(), numbers)
        })
        .collect();
    let rows = js_sys::Array::new();
    for (i, unit) in dataset.units().iter().enumerate() {
        let row = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&row, &JsValue::from_str(k), v);
        set(&options.unit_column, &JsValue::from_str(unit))?;
        if let Some(years) = dataset.years() {
            set(&options.year_column, &JsValue::from_f64(f64::from(years[i])))?;
        }
        for (name, labels, numbers) in &columns {
            // Numbers cross as numbers (exactly); a column with text keeps its cells as text,
            // for the scoring module to read (and refuse) as the core does.
            let value = match numbers {
                Some(n) => n[i].map_or(JsValue::NULL, JsValue::from_f64),
                None => labels[i].as_deref().map_or(JsValue::NULL, JsValue::from_str),
            };
            set(name, &value)?;
        }
        rows.push(&row);
    }
    let result = js_sys::Object::new();
    js_sys::Reflect::set(&result, &"unitColumn".into(), &JsValue::from_str(&options.unit_column))?;
    js_sys::Reflect::set(&result, &"yearColumn".into(), &JsValue::from_str(&options.year_column))?;
    js_sys::Reflect::set(&result, &"rows".into(), &rows)?;
    js_sys::Reflect::set(&result, &"report".into(), &to_js(&read)?)?;
    Ok(result.into())
}

/// Scores rows (as `score` does) and returns the core's workbook of the results as bytes.
#[wasm_bindgen(js_name = writeExcel)]
pub fn write_excel(spec: JsValue, rows: JsValue, options: JsValue) -> Result<js_sys::Uint8Array, JsValue> {
    let options = Options::from_js(&options, "writeExcel", WRITE_OPTIONS)?;
    let records: Vec<Vec<(String, Cell)>> = data::records(&rows)?;
    let definition = spec::definition(&spec)?;
    let dataset = data::from_records(&records, &options.read)?;
    let score_options = ScoreOptions { year: options.year, strict: options.strict, ..Default::default() };
    let scores = chiso::score(&definition, &dataset, &score_options).map_err(error::to_js)?;
    let bytes = write_scores(&scores, &definition, None).map_err(error::to_js)?;
    Ok(js_sys::Uint8Array::from(bytes.as_slice()))
}
