//! WebAssembly binding of the `chiso` crate: composite indices (PCI, …)
//! scored, ranked and compared in the browser and in Node.
//!
//! Conversion only: every number comes from the `chiso` crate. The modules mirror the core's
//! ([`spec`], [`data`], [`score`], [`compare`], [`diagnose`], [`plan`], [`report`], [`display`],
//! [`error`]); JS values go in through `js_sys`/`serde-wasm-bindgen` and results come out as
//! plain objects with the field names of the core's serde output. The hand-written `index.js`
//! next to this crate initialises the module, turns the structured errors of [`error`] into
//! `ChisoError` subclasses and carries the TypeScript types (`index.d.ts`).

// Each module (`--no-default-features --features scoring` or `analysis`) uses only part of the
// shared readers; the native build, which has both features, is the one linted.
#![cfg_attr(not(all(feature = "scoring", feature = "analysis", feature = "excel")), allow(unused_imports, dead_code))]

use std::collections::HashMap;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use chiso::plan::{Field, Target};
use chiso::report::ReportFormat;

#[cfg(feature = "analysis")]
pub mod audit;
#[cfg(feature = "analysis")]
pub mod calibrate;
#[cfg(feature = "analysis")]
pub mod compare;
pub mod data;
#[cfg(feature = "analysis")]
pub mod diagnose;
#[cfg(feature = "scoring")]
pub mod display;
pub mod error;
pub mod limits;
#[cfg(feature = "analysis")]
pub mod plan;
#[cfg(feature = "analysis")]
pub mod profile;
#[cfg(feature = "analysis")]
pub mod report;
#[cfg(feature = "scoring")]
pub mod score;
#[cfg(feature = "analysis")]
pub mod sensitivity;
pub mod spec;
#[cfg(feature = "analysis")]
pub mod survey;
#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod types;
#[cfg(feature = "analysis")]
pub mod uncertainty;
#[cfg(feature = "excel")]
pub mod xlsx;

/// Runs once when the module is instantiated (and again after `index.js` resets it).
#[wasm_bindgen(start)]
pub fn start() {
    error::install_panic_hook();
}

/// Panics, for the binding's own tests only: proves that a panic in the core surfaces as a
/// `ChisoError` with code `internal` and that the module works again afterwards. Not part of
/// the API (`index.js` exports it as `_panic`, undocumented in `index.d.ts` but for this).
#[wasm_bindgen(js_name = _panic)]
pub fn panic_for_tests(message: String) {
    panic!("{message}");
}

/// Converts a result to a plain JS value: structs and maps become objects, `None` becomes
/// `null` (not `undefined`), so results read the same as the core's JSON.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let serializer =
        serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true).serialize_maps_as_objects(true);
    value.serialize(&serializer).map_err(JsValue::from)
}

/// Makes room for a computation of about `bytes` in one step. Rust's allocator grows WebAssembly
/// memory a 64 KiB page at a time, and each growth costs V8 about a millisecond: scoring 100,000
/// units × 50 indicators (~400 MB) spent three quarters of its first call growing memory.
/// Allocating the expected size once and freeing it leaves the allocator one large free block
/// (WebAssembly memory is never handed back), so the call grows memory once. Best effort: a
/// failed reservation is ignored, and the capped size only sets where page-by-page growth resumes.
pub(crate) fn reserve_memory(bytes: usize) {
    const CAP: usize = 1 << 30;
    let mut room: Vec<u8> = Vec::new();
    let _ = room.try_reserve_exact(bytes.min(CAP));
}

/// A JS `TypeError`: an argument of the wrong type (a programming error, not a data error).
pub(crate) fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// A whole-number year argument (`from`, `to`, `year`).
pub(crate) fn year_arg(value: &JsValue, name: &str) -> Result<i32, JsValue> {
    match value.as_f64() {
        Some(y) if y.fract() == 0.0 && y.abs() <= f64::from(i32::MAX) => Ok(y as i32),
        _ => Err(type_error(&format!("{name} must be a whole number (a year such as 2019)"))),
    }
}

/// An optional year argument: `undefined` or `null` is no year.
pub(crate) fn optional_year_arg(value: &JsValue, name: &str) -> Result<Option<i32>, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        year_arg(value, name).map(Some)
    }
}

/// Whether a value is a plain object (not `null`, not an array).
pub(crate) fn is_plain_object(value: &JsValue) -> bool {
    value.is_object() && !js_sys::Array::is_array(value)
}

/// Own enumerable `[key, value]` pairs of an object, in property order.
pub(crate) fn entries(value: &JsValue) -> Vec<(String, JsValue)> {
    let Some(object) = value.dyn_ref::<js_sys::Object>() else {
        return Vec::new();
    };
    js_sys::Object::entries(object)
        .iter()
        .map(|pair| {
            let pair: js_sys::Array = pair.unchecked_into();
            (pair.get(0).as_string().unwrap_or_default(), pair.get(1))
        })
        .collect()
}

/// The options object of one call (`{year, unitColumn, yearColumn, strict, delimiter, unitMap,
/// unit, from, target, caps, costs, field, lang, format}`), each function accepting only the
/// keys that apply to it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Options {
    /// `year`: score only this year.
    pub year: Option<i32>,
    /// `strict`: reject columns that are not node ids.
    pub strict: bool,
    /// `unitColumn`, `yearColumn`, `delimiter`.
    pub read: chiso::CsvOptions,
    /// `unitMap`: a shipped mapping's name or mapping CSV text (comparisons).
    pub unit_map: Option<String>,
    /// `unit`: the unit an analysis is about (diagnose, plan, report).
    pub unit: Option<String>,
    /// `from`: the year a diagnosis compares with.
    pub previous: Option<i32>,
    /// `target`: `top:N`, `rank:N`, `score:S` or `gain:K`, as the core parses it.
    pub target: Option<String>,
    /// `caps`: largest gain per sub-index id (plans).
    pub caps: HashMap<String, f64>,
    /// `costs`: cost of a point per sub-index id (plans).
    pub costs: HashMap<String, f64>,
    /// `field`: `fixed` or `trend` (plans).
    pub field: Field,
    /// `lang`: `vi` or `en` (reports).
    pub lang: Option<&'static str>,
    /// `format`: `md` or `html` (reports).
    pub format: Option<ReportFormat>,
    /// `level`: `sub_indices` (default) or `indicators` (diagnoses and plans).
    pub indicators: bool,
    /// `beyondBest`: indicator plans may pass the year's best values (up to natural ranges).
    pub beyond_best: bool,
}

/// Reads `{<sub-index id>: number}` (the `caps` and `costs` options).
fn number_map(value: &JsValue, function: &str, key: &str) -> Result<HashMap<String, f64>, JsValue> {
    let expected = || type_error(&format!("{function}: option '{key}' must be an object {{<sub-index id>: number}}"));
    if !is_plain_object(value) {
        return Err(expected());
    }
    entries(value)
        .into_iter()
        .filter(|(_, v)| !v.is_undefined())
        .map(|(id, v)| {
            v.as_f64()
                .map(|n| (id.clone(), n))
                .ok_or_else(|| type_error(&format!("{function}: option '{key}': the value of '{id}' must be a number")))
        })
        .collect()
}

impl Options {
    /// Reads `value` (`undefined`, `null` or an object) for `function`, which takes `allowed`.
    /// A key `function` does not take is a `TypeError`, so a typo (`unit_column`) is not
    /// silently ignored; keys set to `undefined` count as absent.
    pub(crate) fn from_js(value: &JsValue, function: &str, allowed: &[&str]) -> Result<Self, JsValue> {
        let mut options = Options::default();
        // A page reads what its readers upload: the tighter limits of the browser build.
        options.read.limits = chiso::Limits::BROWSER;
        if value.is_undefined() || value.is_null() {
            return Ok(options);
        }
        if !is_plain_object(value) {
            return Err(type_error(&format!("{function}: options must be an object")));
        }
        for (key, v) in entries(value) {
            if v.is_undefined() {
                continue;
            }
            if !allowed.contains(&key.as_str()) {
                return Err(type_error(&format!(
                    "{function}: unknown option '{key}'; expected one of: {}",
                    allowed.join(", ")
                )));
            }
            let text = |v: &JsValue| {
                v.as_string().ok_or_else(|| type_error(&format!("{function}: option '{key}' must be a string")))
            };
            match key.as_str() {
                "year" => options.year = optional_year_arg(&v, &format!("{function}: option 'year'"))?,
                "strict" => {
                    options.strict = v
                        .as_bool()
                        .ok_or_else(|| type_error(&format!("{function}: option 'strict' must be a boolean")))?
                }
                "unitColumn" => options.read.unit_column = text(&v)?,
                "yearColumn" => options.read.year_column = text(&v)?,
                // The options of the analyses (the scoring module never allows them).
                #[cfg(feature = "analysis")]
                "unitMap" => options.unit_map = Some(text(&v)?),
                #[cfg(feature = "analysis")]
                "unit" => options.unit = Some(text(&v)?),
                #[cfg(feature = "analysis")]
                "from" => options.previous = optional_year_arg(&v, &format!("{function}: option 'from'"))?,
                #[cfg(feature = "analysis")]
                "target" => options.target = Some(text(&v)?),
                #[cfg(feature = "analysis")]
                "level" => {
                    options.indicators = match text(&v)?.as_str() {
                        "sub_indices" => false,
                        "indicators" => true,
                        _ => {
                            return Err(type_error(&format!(
                                "{function}: option 'level' must be 'sub_indices' or 'indicators'"
                            )))
                        }
                    }
                }
                #[cfg(feature = "analysis")]
                "beyondBest" => {
                    options.beyond_best = v
                        .as_bool()
                        .ok_or_else(|| type_error(&format!("{function}: option 'beyondBest' must be a boolean")))?
                }
                #[cfg(feature = "analysis")]
                "caps" => options.caps = number_map(&v, function, "caps")?,
                #[cfg(feature = "analysis")]
                "costs" => options.costs = number_map(&v, function, "costs")?,
                #[cfg(feature = "analysis")]
                "field" => {
                    options.field = match text(&v)?.as_str() {
                        "fixed" => Field::Fixed,
                        "trend" => Field::Trend,
                        _ => return Err(type_error(&format!("{function}: option 'field' must be 'fixed' or 'trend'"))),
                    }
                }
                #[cfg(feature = "analysis")]
                "lang" => {
                    options.lang = Some(match text(&v)?.as_str() {
                        "vi" => "vi",
                        "en" => "en",
                        _ => return Err(type_error(&format!("{function}: option 'lang' must be 'vi' or 'en'"))),
                    })
                }
                #[cfg(feature = "analysis")]
                "format" => {
                    options.format = Some(match text(&v)?.as_str() {
                        "md" => ReportFormat::Markdown,
                        "html" => ReportFormat::Html,
                        _ => return Err(type_error(&format!("{function}: option 'format' must be 'md' or 'html'"))),
                    })
                }
                "limits" => options.read.limits = limits::from_js(&v, function)?,
                "delimiter" => {
                    options.read.delimiter = match text(&v)?.as_str() {
                        "," => Some(b','),
                        ";" => Some(b';'),
                        "\t" => Some(b'\t'),
                        _ => {
                            return Err(type_error(&format!(
                                "{function}: option 'delimiter' must be ',', ';' or '\\t'"
                            )))
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(options)
    }

    /// The core's scoring options.
    pub(crate) fn score(&self) -> chiso::ScoreOptions {
        chiso::ScoreOptions { year: self.year, strict: self.strict, ..Default::default() }
    }

    /// The `unit` option, which the analyses of one unit require.
    pub(crate) fn unit(&self, function: &str) -> Result<&str, JsValue> {
        self.unit.as_deref().ok_or_else(|| {
            type_error(&format!("{function}: option 'unit' is required (the unit's name, e.g. \"Nam Định\")"))
        })
    }

    /// The `target` option parsed by the core (a malformed target is the core's
    /// `ComputeError`), or `None` when it is absent.
    pub(crate) fn target(&self) -> Result<Option<Target>, JsValue> {
        self.target.as_deref().map(str::parse::<Target>).transpose().map_err(error::to_js)
    }

    /// The core's planning options.
    pub(crate) fn plan(&self) -> chiso::plan::PlanOptions {
        chiso::plan::PlanOptions { caps: self.caps.clone(), costs: self.costs.clone(), field: self.field }
    }

    #[cfg(feature = "analysis")]
    pub(crate) fn indicator_plan(&self) -> chiso::indicators::IndicatorPlanOptions {
        chiso::indicators::IndicatorPlanOptions {
            caps: self.caps.clone(),
            costs: self.costs.clone(),
            beyond_best: self.beyond_best,
            field: self.field,
        }
    }
}
