//! Numbers as text, rounded by the core's one formatter (half away from zero, as the CLI and
//! the JavaScript package show them), so a notebook's last digit matches theirs.

use pyo3::prelude::*;

/// `values` at `decimals` decimals (`""` for a missing value, NaN or None), with a decimal
/// comma when asked.
#[pyfunction]
#[pyo3(signature = (values, decimals, decimal_comma=false))]
pub fn format_numbers(values: Vec<Option<f64>>, decimals: u32, decimal_comma: bool) -> Vec<String> {
    values
        .into_iter()
        .map(|v| match v {
            Some(x) if !x.is_nan() => chiso::display::format_decimal(x, decimals, decimal_comma),
            _ => String::new(),
        })
        .collect()
}
