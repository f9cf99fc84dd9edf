//! Survey aggregation: `survey(specText, csvText, options)` → the core's estimates with
//! intervals ([`chiso::survey`]), or with `options.index` every node's bootstrap interval.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{entries, error, is_plain_object, spec, to_js, type_error};

/// The intervals of an index's nodes, with the aggregation's warnings.
#[derive(Serialize)]
struct Intervals<'a> {
    intervals: Vec<chiso::survey::NodeInterval>,
    warnings: &'a [String],
}

/// Aggregates microdata (CSV text) as the survey spec (JSON text or object) says. Options:
/// `seed`, `replicates` (override the spec's bootstrap), `index` (a preset id or spec: score
/// the estimates and every replicate with it).
#[wasm_bindgen(js_name = survey)]
pub fn survey_js(spec_value: JsValue, csv: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = match spec_value.as_string() {
        Some(text) => text,
        None if is_plain_object(&spec_value) => js_sys::JSON::stringify(&spec_value)
            .map(String::from)
            .map_err(|_| type_error("survey: the survey spec object cannot be written as JSON"))?,
        None => return Err(type_error("survey: the survey spec must be JSON text or an object")),
    };
    let mut survey = chiso::survey::SurveySpec::from_text(&text).map_err(error::to_js)?;
    let mut index = None;
    if !(options.is_undefined() || options.is_null()) {
        if !is_plain_object(&options) {
            return Err(type_error("survey: options must be an object {seed?, replicates?, index?}"));
        }
        for (key, v) in entries(&options) {
            if v.is_undefined() {
                continue;
            }
            let whole = |name: &str| {
                v.as_f64()
                    .filter(|x| x.fract() == 0.0 && *x >= 0.0 && *x <= 9_007_199_254_740_991.0)
                    .ok_or_else(|| type_error(&format!("survey: option '{name}' must be a whole number ≥ 0")))
            };
            match key.as_str() {
                "seed" => survey.bootstrap.seed = whole("seed")? as u64,
                "replicates" => {
                    let r = whole("replicates")?;
                    survey.bootstrap.replicates =
                        u32::try_from(r as u64).map_err(|_| type_error("survey: option 'replicates' is too large"))?;
                }
                "index" => index = Some(spec::definition(&v)?),
                _ => {
                    return Err(type_error(&format!(
                        "survey: unknown option '{key}'; expected one of: seed, replicates, index"
                    )))
                }
            }
        }
    }
    let csv = crate::data::csv_text(&csv, "survey")?;
    let csv = match csv {
        crate::data::Csv::Text(text) => text,
        crate::data::Csv::Bytes(bytes) => String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count();
            error::to_js(chiso::DataError::Encoding { line })
        })?,
    };
    let result = chiso::survey::aggregate_survey_csv(&survey, &csv).map_err(error::to_js)?;
    match index {
        Some(definition) => {
            let options = chiso::ScoreOptions::default();
            let intervals = chiso::survey::node_intervals(&definition, &result, &options, survey.confidence)
                .map_err(error::to_js)?;
            to_js(&Intervals { intervals, warnings: &result.warnings })
        }
        None => to_js(&result),
    }
}
