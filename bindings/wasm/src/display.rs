//! Presentation: the core's rounding and formatting, so JS shows the digits Rust and Python show.

use wasm_bindgen::prelude::*;

/// Checks a `decimals` argument (0–12, like a spec's precision).
fn decimals_arg(decimals: f64) -> Result<u32, JsValue> {
    if decimals.fract() == 0.0 && (0.0..=12.0).contains(&decimals) {
        Ok(decimals as u32)
    } else {
        Err(crate::type_error("decimals must be a whole number from 0 to 12"))
    }
}

/// `value` with `decimals` decimals, rounded half away from zero (`63.0149` → `"63.01"`;
/// `"63,01"` with `decimalComma`).
#[wasm_bindgen(js_name = formatDecimal)]
pub fn format_decimal(value: f64, decimals: f64, decimal_comma: Option<bool>) -> Result<String, JsValue> {
    Ok(chiso::display::format_decimal(value, decimals_arg(decimals)?, decimal_comma.unwrap_or(false)))
}

/// A signed change: `+1.58`, `-0.50`, `0.00`.
#[wasm_bindgen(js_name = formatDelta)]
pub fn format_delta(value: f64, decimals: f64, decimal_comma: Option<bool>) -> Result<String, JsValue> {
    Ok(chiso::display::format_delta(value, decimals_arg(decimals)?, decimal_comma.unwrap_or(false)))
}
