//! Errors: a core [`chiso::Error`] crosses into JS as a plain object, which `index.js` turns
//! into a `SpecError`, `DataError` or `ComputeError` (all `ChisoError`, all `Error`).
//!
//! The object is `{ chisoError: { kind, variant, message, node, row, unit, column, line } }`:
//! `kind` is the core's [`chiso::Error::kind`] (the JS `code`), `variant` its
//! [`chiso::Error::variant`], `message` its `Display` text, unchanged, and the location fields
//! come from [`chiso::Error::location`] (`null` when not named).
//!
//! A panic cannot unwind out of the release build (`panic = "abort"`): it traps, and JS sees a
//! `WebAssembly.RuntimeError`. The panic hook installed here keeps the panic's message, which
//! `index.js` reads with `lastPanic()` before it resets the module and throws a `ChisoError`
//! with code `internal`.

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::JsValue;

/// What JS needs to rebuild a core error as a `ChisoError`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorInfo {
    /// `spec`, `data` or `compute`.
    pub kind: &'static str,
    /// The core's variant name ([`chiso::Error::variant`]), e.g. `TooDeep`.
    pub variant: &'static str,
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
            variant: error.variant(),
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

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keeps the message of a panic for [`last_panic`] (the module is single-threaded).
pub(crate) fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        // `try_with`: a panic while the thread-local is torn down keeps no message.
        let _ = LAST_PANIC.try_with(|last| {
            if let Ok(mut last) = last.try_borrow_mut() {
                *last = Some(format!("{message}{at}"));
            }
        });
    }));
}

/// The message of the panic that trapped the last call, if any; `index.js` reads it before
/// resetting the module.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.try_with(|last| last.try_borrow_mut().ok().and_then(|mut l| l.take())).ok().flatten()
}
