//! Scoring: `score(spec, rows, options?)` and `scoreCsv(spec, csvText, options?)` → the core's
//! [`chiso::Scores`] as a plain object (`{index, precision, has_tiers, rows}`).

use wasm_bindgen::prelude::*;

use crate::{data, error, spec, to_js, Options};

const ROW_OPTIONS: &[&str] = &["year", "unitColumn", "yearColumn", "strict"];
const CSV_OPTIONS: &[&str] = &["year", "unitColumn", "yearColumn", "strict", "delimiter"];

/// Scores rows given as objects: every year with its own edition, or only `options.year`.
#[wasm_bindgen(js_name = score)]
pub fn score_rows(spec: JsValue, rows: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = Options::from_js(&options, "score", ROW_OPTIONS)?;
    let records = data::records(&rows)?;
    let definition = spec::definition(&spec)?;
    let data = data::from_records(&records, &options.read)?;
    let scores = chiso::score(&definition, &data, &options.score()).map_err(error::to_js)?;
    to_js(&scores)
}

/// Scores CSV text: every year with its own edition, or only `options.year`.
#[wasm_bindgen(js_name = scoreCsv)]
pub fn score_csv(spec: JsValue, csv: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = Options::from_js(&options, "scoreCsv", CSV_OPTIONS)?;
    let csv = data::csv_text(&csv, "scoreCsv")?;
    let definition = spec::definition(&spec)?;
    let data = data::from_csv(&csv, &options.read)?;
    let scores = chiso::score(&definition, &data, &options.score()).map_err(error::to_js)?;
    to_js(&scores)
}
