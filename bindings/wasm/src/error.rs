//! Errors: a core [`chiso::Error`] crosses into JS as a plain object, which `index.js` turns
//! into a `SpecError`, `DataError` or `ComputeError` (all `ChisoError`, all `Error`).
//!
//! The object is `{ chisoError: { kind, message, node, row, unit, column, line } }`: `kind` is
//! the core's [`chiso::Error::kind`] (the JS `code`), `message` its `Display` text, unchanged,
//! and the location fields come from [`chiso::Error::location`] (`null` when not named).

use serde::Serialize;
use wasm_bindgen::JsValue;

/// What JS needs to rebuild a core error as a `ChisoError`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorInfo {
    /// `spec`, `data` or `compute`.
    pub kind: &'static str,
    /// The core's message.
    pub message: String,
    /// The spec node concerned.
    pub node: Option<String>,
    /// The 1-based data row.
    pub row: Option<usize>,
    /// The unit of that row.
    pub unit: Option<String>,
    /// The data column.
    pub column: Option<String>,
    /// The 1-based line of a file.
    pub line: Option<usize>,
}

impl From<&chiso::Error> for ErrorInfo {
    fn from(error: &chiso::Error) -> Self {
        let at = error.location();
        ErrorInfo {
            kind: error.kind(),
            message: error.to_string(),
            node: at.node,
            row: at.row,
            unit: at.unit,
            column: at.column,
            line: at.line,
        }
    }
}

/// The value thrown across the boundary; `index.js` recognises it by its one key.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Thrown<'a> {
    chiso_error: &'a ErrorInfo,
}

/// The JS value to throw for a core error.
pub fn to_js(error: impl Into<chiso::Error>) -> JsValue {
    let info = ErrorInfo::from(&error.into());
    crate::to_js(&Thrown { chiso_error: &info }).unwrap_or_else(|e| e)
}
