//! Comparison of two years: `compare(spec, rows, from, to, options?)` and
//! `compareCsv(spec, csvText, from, to, options?)` → the core's [`chiso::Comparison`],
//! optionally through a unit mapping (`options.unitMap`).

use wasm_bindgen::prelude::*;

use chiso::{Dataset, IndexDefinition, UnitMapping};

use crate::{data, error, spec, to_js, type_error, year_arg, Options};

const ROW_OPTIONS: &[&str] = &["unitColumn", "yearColumn", "unitMap"];
const CSV_OPTIONS: &[&str] = &["unitColumn", "yearColumn", "delimiter", "unitMap"];

/// The shipped mapping of Vietnam's provinces, by the name the CLI also uses.
const VIETNAM_PROVINCES: &str = "vn-provinces";

/// The `unitMap` option: the name of a shipped mapping, or mapping CSV text
/// (`old_province,new_province,effective_date[,change_type]`).
pub(crate) fn mapping(unit_map: Option<&str>, function: &str) -> Result<Option<UnitMapping>, JsValue> {
    let Some(text) = unit_map else {
        return Ok(None);
    };
    if text.trim() == VIETNAM_PROVINCES {
        return Ok(Some(UnitMapping::vietnam_provinces()));
    }
    if !text.contains([',', '\n']) {
        return Err(type_error(&format!(
            "{function}: option 'unitMap' must be '{VIETNAM_PROVINCES}' or mapping CSV text \
             (old_province,new_province,effective_date[,change_type]); got '{text}'"
        )));
    }
    UnitMapping::from_csv_str(text).map(Some).map_err(error::to_js)
}

/// Compares through the core and converts the result.
fn run(
    definition: &IndexDefinition,
    data: &Dataset,
    (from, to): (i32, i32),
    mapping: Option<&UnitMapping>,
) -> Result<JsValue, JsValue> {
    let comparison = chiso::compare_mapped(definition, data, from, to, mapping).map_err(error::to_js)?;
    to_js(&comparison)
}

/// Compares years `from` and `to` of rows given as objects (each year with its own edition).
#[wasm_bindgen(js_name = compare)]
pub fn compare_rows(
    spec: JsValue,
    rows: JsValue,
    from: JsValue,
    to: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = Options::from_js(&options, "compare", ROW_OPTIONS)?;
    let years = (year_arg(&from, "compare: from")?, year_arg(&to, "compare: to")?);
    let records = data::records(&rows)?;
    let definition = spec::definition(&spec)?;
    let data = data::from_records(&records, &options.read)?;
    let mapping = mapping(options.unit_map.as_deref(), "compare")?;
    run(&definition, &data, years, mapping.as_ref())
}

/// Compares years `from` and `to` of CSV text (each year with its own edition).
#[wasm_bindgen(js_name = compareCsv)]
pub fn compare_csv(
    spec: JsValue,
    csv: JsValue,
    from: JsValue,
    to: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = Options::from_js(&options, "compareCsv", CSV_OPTIONS)?;
    let years = (year_arg(&from, "compareCsv: from")?, year_arg(&to, "compareCsv: to")?);
    let csv = data::csv_text(&csv, "compareCsv")?;
    let definition = spec::definition(&spec)?;
    let data = data::from_csv(&csv, &options.read)?;
    let mapping = mapping(options.unit_map.as_deref(), "compareCsv")?;
    run(&definition, &data, years, mapping.as_ref())
}
