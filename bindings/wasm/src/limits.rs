//! Limits: the `limits` option → [`chiso::Limits`]. Everything a page is given is read within
//! [`Limits::BROWSER`] unless the caller raises it explicitly: `limits: "default"` takes the
//! limits of the CLI and Python ([`Limits::DEFAULT`]), and an object such as
//! `{max_rows: 1_000_000, max_cells: 100_000_000}` changes only the limits it names (the others
//! stay the browser's). `browserLimits()` and `defaultLimits()` return both sets as objects.

use wasm_bindgen::prelude::*;

use chiso::Limits;

use crate::{is_plain_object, to_js, type_error};

/// The `limits` option of `function`: `undefined`/`null`/`"browser"`, `"default"`, or an object
/// of [`Limits`] fields (whole numbers ≥ 0) over the browser limits.
pub(crate) fn from_js(value: &JsValue, function: &str) -> Result<Limits, JsValue> {
    let expected = || {
        type_error(&format!(
            "{function}: option 'limits' must be \"browser\", \"default\" or an object such as {{max_cells: 10000000}}"
        ))
    };
    if value.is_undefined() || value.is_null() {
        return Ok(Limits::BROWSER);
    }
    if let Some(name) = value.as_string() {
        return match name.as_str() {
            "browser" => Ok(Limits::BROWSER),
            "default" => Ok(Limits::DEFAULT),
            _ => Err(expected()),
        };
    }
    if !is_plain_object(value) {
        return Err(expected());
    }
    let mut limits = Limits::BROWSER;
    for (key, v) in crate::entries(value) {
        if v.is_undefined() {
            continue;
        }
        let slot = match key.as_str() {
            "max_bytes" => &mut limits.max_bytes,
            "max_depth" => &mut limits.max_depth,
            "max_nodes" => &mut limits.max_nodes,
            "max_rows" => &mut limits.max_rows,
            "max_columns" => &mut limits.max_columns,
            "max_cells" => &mut limits.max_cells,
            "max_samples" => &mut limits.max_samples,
            _ => {
                return Err(type_error(&format!(
                    "{function}: unknown limit '{key}'; expected one of: max_bytes, max_depth, max_nodes, max_rows, \
                     max_columns, max_cells, max_samples"
                )))
            }
        };
        *slot = match v.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=9.007_199_254_740_991e15).contains(&n) => n as usize,
            _ => return Err(type_error(&format!("{function}: limit '{key}' must be a whole number ≥ 0"))),
        };
    }
    Ok(limits)
}

/// The limits every function applies unless told otherwise ([`Limits::BROWSER`]).
#[wasm_bindgen(js_name = browserLimits)]
pub fn browser_limits() -> Result<JsValue, JsValue> {
    to_js(&Limits::BROWSER)
}

/// The limits of the CLI, Python and Rust ([`Limits::DEFAULT`]), which `limits: "default"` selects.
#[wasm_bindgen(js_name = defaultLimits)]
pub fn default_limits() -> Result<JsValue, JsValue> {
    to_js(&Limits::DEFAULT)
}
