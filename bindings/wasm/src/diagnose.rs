//! Diagnostics of one unit: `diagnose(spec, rows, options)` and
//! `diagnoseCsv(spec, csvText, options)` → the core's [`chiso::diagnose::Diagnosis`].

use wasm_bindgen::prelude::*;

use chiso::{Dataset, IndexDefinition};

use crate::{data, error, spec, to_js, Options};

const ROW_OPTIONS: &[&str] = &["unit", "year", "from", "level", "unitColumn", "yearColumn"];
const CSV_OPTIONS: &[&str] = &["unit", "year", "from", "level", "unitColumn", "yearColumn", "delimiter"];

/// Diagnoses through the core and converts the result.
fn run(definition: &IndexDefinition, data: &Dataset, unit: &str, options: &Options) -> Result<JsValue, JsValue> {
    if options.indicators {
        let d = chiso::indicators::diagnose_indicators(definition, data, unit, options.year, options.previous)
            .map_err(error::to_js)?;
        return to_js(&d);
    }
    let diagnosis =
        chiso::diagnose::diagnose(definition, data, unit, options.year, options.previous).map_err(error::to_js)?;
    to_js(&diagnosis)
}

/// Diagnoses `options.unit` in `options.year` from rows given as objects: each sub-index
/// against the median and the leader, what fell since `options.from` (default: the year
/// before), and where the change came from.
#[wasm_bindgen(js_name = diagnose)]
pub fn diagnose_rows(spec: JsValue, rows: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = Options::from_js(&options, "diagnose", ROW_OPTIONS)?;
    let unit = options.unit("diagnose")?;
    let records = data::records(&rows)?;
    let definition = spec::definition(&spec)?;
    let data = data::from_records(&records, &options.read)?;
    run(&definition, &data, unit, &options)
}

/// Diagnoses `options.unit` in `options.year` from CSV text.
#[wasm_bindgen(js_name = diagnoseCsv)]
pub fn diagnose_csv(spec: JsValue, csv: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = Options::from_js(&options, "diagnoseCsv", CSV_OPTIONS)?;
    let unit = options.unit("diagnoseCsv")?;
    let csv = data::csv_text(&csv, "diagnoseCsv")?;
    let definition = spec::definition(&spec)?;
    let data = data::from_csv(&csv, &options.read)?;
    run(&definition, &data, unit, &options)
}
