//! Presentation helpers: numbers are rounded only here, never in computation.

/// Formats a number with a fixed number of decimals, with a decimal comma for Vietnamese.
///
/// ```
/// assert_eq!(chiso::display::format_decimal(63.0149, 2, true), "63,01");
/// assert_eq!(chiso::display::format_decimal(63.0151, 2, false), "63.02");
/// ```
pub fn format_decimal(value: f64, decimals: u32, decimal_comma: bool) -> String {
    let rounded = crate::rank::round_half_away(value, decimals);
    let text = format!("{:.*}", decimals as usize, rounded);
    let text = if text.starts_with('-') && rounded == 0.0 { text[1..].to_owned() } else { text };
    if decimal_comma {
        text.replace('.', ",")
    } else {
        text
    }
}

/// Formats a signed change (`+1.58`, `−0.50` written with an ASCII minus, `0.00`).
pub fn format_delta(value: f64, decimals: u32, decimal_comma: bool) -> String {
    let text = format_decimal(value, decimals, decimal_comma);
    if text.starts_with('-') || crate::rank::round_half_away(value, decimals) == 0.0 {
        text
    } else {
        format!("+{text}")
    }
}
