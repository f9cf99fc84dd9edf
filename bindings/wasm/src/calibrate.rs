//! Calibration: `calibrate(data, options)` → the core's [`chiso::calibrate::Calibration`]
//! plus `spec`, the calibrated node as a spec object (`null` when the fit depends on no
//! child) that `score` takes.
//!
//! `data` is rows (an array of objects) or CSV text (a string, `Uint8Array` or
//! `ArrayBuffer`). Options: `{target, columns, method, year, tolerance, scale: [low, high],
//! worst, dropCollinear, unitColumn, yearColumn, delimiter}`; `target` is required.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use chiso::calibrate::{CalibrateOptions, CalibrationMethod};

use crate::uncertainty::{count, get};
use crate::{data, error, to_js, type_error, Options};

const OPTIONS: &[&str] = &[
    "target",
    "columns",
    "method",
    "year",
    "tolerance",
    "scale",
    "worst",
    "dropCollinear",
    "unitColumn",
    "yearColumn",
    "delimiter",
];

/// Fits `options.target` as an affine function of the other columns (or `options.columns`).
#[wasm_bindgen(js_name = calibrate)]
pub fn calibrate(data: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    const F: &str = "calibrate";
    let parsed = Options::from_js(&options, F, OPTIONS)?;
    let target = parsed.target.clone().ok_or_else(|| {
        type_error("calibrate: option 'target' is required (the column with the node's published scores)")
    })?;
    let columns = match get(&options, "columns") {
        v if v.is_undefined() || v.is_null() => None,
        v => Some(
            v.dyn_into::<js_sys::Array>()
                .ok()
                .and_then(|a| a.iter().map(|c| c.as_string()).collect::<Option<Vec<String>>>())
                .ok_or_else(|| type_error("calibrate: option 'columns' must be an array of column names"))?,
        ),
    };
    let method = match get(&options, "method") {
        v if v.is_undefined() || v.is_null() => CalibrationMethod::WeightedMean,
        v => {
            let name = v.as_string().ok_or_else(|| type_error("calibrate: option 'method' must be a string"))?;
            CalibrationMethod::from_name(&name, &target).map_err(error::to_js)?
        }
    };
    let tolerance = match get(&options, "tolerance") {
        v if v.is_undefined() || v.is_null() => 1e-4,
        v => v.as_f64().ok_or_else(|| type_error("calibrate: option 'tolerance' must be a number"))?,
    };
    let scale = match get(&options, "scale") {
        v if v.is_undefined() || v.is_null() => None,
        v => {
            let pair = v.dyn_into::<js_sys::Array>().ok().filter(|a| a.length() == 2);
            let pair = pair.and_then(|a| Some((a.get(0).as_f64()?, a.get(1).as_f64()?)));
            Some(pair.ok_or_else(|| type_error("calibrate: option 'scale' must be [low, high]"))?)
        }
    };
    let worst = count(&options, F, "worst", 10)? as usize;
    let drop_collinear = match get(&options, "dropCollinear") {
        v if v.is_undefined() || v.is_null() => false,
        v => v.as_bool().ok_or_else(|| type_error("calibrate: option 'dropCollinear' must be a boolean"))?,
    };
    let dataset = if data.is_string()
        || data.is_instance_of::<js_sys::Uint8Array>()
        || data.is_instance_of::<js_sys::ArrayBuffer>()
    {
        data::from_csv(&data::csv_text(&data, F)?, &parsed.read)?
    } else {
        data::from_records(&data::records(&data)?, &parsed.read)?
    };
    let settings =
        CalibrateOptions { target, columns, method, year: parsed.year, tolerance, scale, worst, drop_collinear };
    let fit = chiso::calibrate::calibrate(&dataset, &settings).map_err(error::to_js)?;
    let out = to_js(&fit)?;
    let spec = match fit.to_definition() {
        Ok(definition) => js_sys::JSON::parse(&definition.to_json())?,
        Err(_) => JsValue::NULL,
    };
    js_sys::Reflect::set(&out, &JsValue::from_str("spec"), &spec)?;
    Ok(out)
}
