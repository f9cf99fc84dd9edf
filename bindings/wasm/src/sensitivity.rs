//! Sensitivity analysis: `sensitivity(spec, rows, options)` / `sensitivityCsv(…)` → the core's
//! [`chiso::sensitivity::Sensitivity`]. Options: `{inputs, samples, seed, bootstrap,
//! firstOrder: "jansen" | "saltelli", year, unitColumn, yearColumn, delimiter}`.

use wasm_bindgen::prelude::*;

use chiso::sensitivity::{FirstOrder, SensitivityOptions};

use crate::uncertainty::{count, get, inputs, load};
use crate::{error, to_js, type_error};

const OWN: &[&str] = &["year", "inputs", "samples", "seed", "bootstrap", "firstOrder"];

fn run(spec: JsValue, source: JsValue, options: JsValue, function: &str, csv: bool) -> Result<JsValue, JsValue> {
    let (definition, dataset, parsed) = load(&spec, &source, &options, function, csv, OWN)?;
    let first_order = match get(&options, "firstOrder").as_string().as_deref() {
        None | Some("jansen") => FirstOrder::Jansen,
        Some("saltelli") => FirstOrder::Saltelli,
        Some(_) => return Err(type_error(&format!("{function}: option 'firstOrder' must be 'jansen' or 'saltelli'"))),
    };
    let settings = SensitivityOptions {
        samples: count(&options, function, "samples", 500)? as usize,
        seed: count(&options, function, "seed", 0)?,
        bootstrap: count(&options, function, "bootstrap", 100)? as usize,
        first_order,
    };
    let inputs = inputs(&options, function)?;
    let result = chiso::sensitivity::sensitivity(&definition, &dataset, parsed.year, &inputs, &settings)
        .map_err(error::to_js)?;
    to_js(&result)
}

/// First- and total-order indices of each uncertain input, from rows.
#[wasm_bindgen(js_name = sensitivity)]
pub fn sensitivity_rows(spec: JsValue, rows: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    run(spec, rows, options, "sensitivity", false)
}

/// First- and total-order indices of each uncertain input, from CSV text.
#[wasm_bindgen(js_name = sensitivityCsv)]
pub fn sensitivity_csv(spec: JsValue, csv: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    run(spec, csv, options, "sensitivityCsv", true)
}
