//! Uncertainty analysis: `uncertainty(spec, rows, options)` / `uncertaintyCsv(spec, csvText,
//! options)` → the core's [`chiso::uncertainty::Uncertainty`] (plus `above` with
//! `pairwise: true`), and `rankChanges` / `rankChangesCsv` → [`chiso::uncertainty::RankChanges`].
//!
//! Options: `{inputs, samples, seed, year | from + to, pairwise, unitColumn, yearColumn,
//! delimiter}`; `inputs` is the core's declarative [`chiso::uncertainty::InputsSpec`]
//! (`{weights_pm: 20, exclude_one: true, …}`). The build has no threads and gives the same
//! numbers as Rust and Python for a seed.

use wasm_bindgen::prelude::*;

use chiso::uncertainty::{InputsSpec, UncertainInput, UncertaintyOptions};
use chiso::{Dataset, IndexDefinition};

use crate::{data, error, spec, to_js, type_error, Options};

/// The keys every robustness function takes besides its own.
pub(crate) const READ: &[&str] = &["unitColumn", "yearColumn", "limits"];

/// A property of the options object, `undefined` when absent.
pub(crate) fn get(options: &JsValue, key: &str) -> JsValue {
    if options.is_object() {
        js_sys::Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// A whole, non-negative number option with a default.
pub(crate) fn count(options: &JsValue, function: &str, key: &str, default: u64) -> Result<u64, JsValue> {
    let v = get(options, key);
    if v.is_undefined() || v.is_null() {
        return Ok(default);
    }
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=9.007_199_254_740_991e15).contains(&n) => Ok(n as u64),
        _ => Err(type_error(&format!("{function}: option '{key}' must be a whole number ≥ 0"))),
    }
}

/// The `inputs` option, read by the core from its JSON text.
pub(crate) fn inputs(options: &JsValue, function: &str) -> Result<Vec<UncertainInput>, JsValue> {
    let v = get(options, "inputs");
    if v.is_undefined() || v.is_null() {
        return Ok(Vec::new());
    }
    if !crate::is_plain_object(&v) {
        return Err(type_error(&format!("{function}: option 'inputs' must be an object such as {{weights_pm: 20}}")));
    }
    let text: String = js_sys::JSON::stringify(&v).map_err(|_| type_error("inputs cannot be written as JSON"))?.into();
    InputsSpec::from_json(&text).and_then(|s| s.inputs()).map_err(error::to_js)
}

/// Reads the data and the common options of a robustness function.
pub(crate) fn load(
    spec_value: &JsValue,
    source: &JsValue,
    options: &JsValue,
    function: &str,
    csv: bool,
    own: &[&str],
) -> Result<(IndexDefinition, Dataset, Options), JsValue> {
    let mut allowed: Vec<&str> = READ.to_vec();
    allowed.extend_from_slice(own);
    if csv {
        allowed.push("delimiter");
    }
    let parsed = Options::from_js(options, function, &allowed)?;
    let definition = spec::definition_with(spec_value, &parsed.read.limits)?;
    let dataset = if csv {
        data::from_csv(&data::csv_text(source, function)?, &parsed.read)?
    } else {
        data::from_records(&data::records(source)?, &parsed.read)?
    };
    Ok((definition, dataset, parsed))
}

const UNCERTAINTY: &[&str] = &["year", "inputs", "samples", "seed", "pairwise"];

fn run_uncertainty(
    spec_value: JsValue,
    source: JsValue,
    options: JsValue,
    function: &str,
    csv: bool,
) -> Result<JsValue, JsValue> {
    let (definition, dataset, parsed) = load(&spec_value, &source, &options, function, csv, UNCERTAINTY)?;
    let inputs = inputs(&options, function)?;
    let settings = UncertaintyOptions {
        samples: count(&options, function, "samples", 1000)? as usize,
        seed: count(&options, function, "seed", 0)?,
    };
    let result = chiso::uncertainty::uncertainty(&definition, &dataset, parsed.year, &inputs, &settings)
        .map_err(error::to_js)?;
    let out = to_js(&result)?;
    if get(&options, "pairwise").as_bool() == Some(true) {
        js_sys::Reflect::set(&out, &JsValue::from_str("above"), &to_js(&result.above_matrix())?)?;
    }
    Ok(out)
}

/// Rank intervals of every unit under the uncertain `options.inputs`, from rows.
#[wasm_bindgen(js_name = uncertainty)]
pub fn uncertainty_rows(spec: JsValue, rows: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    run_uncertainty(spec, rows, options, "uncertainty", false)
}

/// Rank intervals of every unit under the uncertain `options.inputs`, from CSV text.
#[wasm_bindgen(js_name = uncertaintyCsv)]
pub fn uncertainty_csv(spec: JsValue, csv: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    run_uncertainty(spec, csv, options, "uncertaintyCsv", true)
}

const CHANGES: &[&str] = &["from", "to", "inputs", "samples", "seed", "unitMap"];

fn run_changes(
    spec_value: JsValue,
    source: JsValue,
    options: JsValue,
    function: &str,
    csv: bool,
) -> Result<JsValue, JsValue> {
    let (definition, dataset, parsed) = load(&spec_value, &source, &options, function, csv, CHANGES)?;
    let from = parsed.previous.ok_or_else(|| type_error(&format!("{function}: option 'from' (a year) is required")))?;
    let to = crate::year_arg(&get(&options, "to"), &format!("{function}: option 'to'"))?;
    let inputs = inputs(&options, function)?;
    let settings = UncertaintyOptions {
        samples: count(&options, function, "samples", 1000)? as usize,
        seed: count(&options, function, "seed", 0)?,
    };
    let mapping = crate::compare::mapping(parsed.unit_map.as_deref(), function)?;
    let changes =
        chiso::uncertainty::rank_changes_mapped(&definition, &dataset, from, to, &inputs, &settings, mapping.as_ref())
            .map_err(error::to_js)?;
    to_js(&changes)
}

/// Rank changes from `options.from` to `options.to` against their intervals, from rows.
#[wasm_bindgen(js_name = rankChanges)]
pub fn rank_changes_rows(spec: JsValue, rows: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    run_changes(spec, rows, options, "rankChanges", false)
}

/// Rank changes from `options.from` to `options.to` against their intervals, from CSV text.
#[wasm_bindgen(js_name = rankChangesCsv)]
pub fn rank_changes_csv(spec: JsValue, csv: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    run_changes(spec, csv, options, "rankChangesCsv", true)
}
