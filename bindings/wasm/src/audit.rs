//! Statistical audit: `audit(spec, rows, options?)` / `auditCsv(…)` → the core's
//! [`chiso::audit::Audit`]. Options: `{year, unitColumn, yearColumn, delimiter}`.

use wasm_bindgen::prelude::*;

use crate::uncertainty::load;
use crate::{error, to_js};

fn run(spec: JsValue, source: JsValue, options: JsValue, function: &str, csv: bool) -> Result<JsValue, JsValue> {
    let (definition, dataset, parsed) = load(&spec, &source, &options, function, csv, &["year"])?;
    to_js(&chiso::audit::audit(&definition, &dataset, parsed.year).map_err(error::to_js)?)
}

/// Correlations, Cronbach's alpha, principal components and effective weights, from rows.
#[wasm_bindgen(js_name = audit)]
pub fn audit_rows(spec: JsValue, rows: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    run(spec, rows, options, "audit", false)
}

/// Correlations, Cronbach's alpha, principal components and effective weights, from CSV text.
#[wasm_bindgen(js_name = auditCsv)]
pub fn audit_csv(spec: JsValue, csv: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    run(spec, csv, options, "auditCsv", true)
}
