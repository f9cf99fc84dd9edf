//! Specifications: preset ids, spec objects and JSON text → [`IndexDefinition`];
//! presets and validation for JS. The package is built without the core's `toml` feature, so
//! TOML text gets the core's error saying so.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use chiso::spec::{Labels, YearRange};
use chiso::{presets, IndexDefinition, Limits, SpecError};

use crate::error::{self, ErrorInfo};
use crate::{is_plain_object, optional_year_arg, to_js, type_error};

/// Whether a string names a preset rather than holding a spec: one word, no `{`, `=` or
/// line break (JSON and TOML texts always have one of them).
fn is_preset_id(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && !text.contains(['{', '=', '\n', '\r', ' ', '\t'])
}

/// Reads the `spec` argument of every function: a preset id (`"pci"`), a spec object (the
/// JSON file form), or JSON text (TOML text gets the core's "built without `toml`" error). A
/// spec object is read as JSON text, so its errors are the core's JSON errors. Specs a page is
/// given are read within [`Limits::BROWSER`].
#[cfg_attr(not(feature = "scoring"), allow(dead_code))]
pub(crate) fn definition(spec: &JsValue) -> Result<IndexDefinition, JsValue> {
    definition_with(spec, &Limits::BROWSER)
}

/// Like [`definition`], within `limits` (the `limits` option).
pub(crate) fn definition_with(spec: &JsValue, limits: &Limits) -> Result<IndexDefinition, JsValue> {
    read(spec, limits)?.map_err(error::to_js)
}

/// Like [`definition_with`], keeping the spec error as a value (for [`validate_spec`]).
fn read(spec: &JsValue, limits: &Limits) -> Result<Result<IndexDefinition, SpecError>, JsValue> {
    if let Some(text) = spec.as_string() {
        return Ok(if is_preset_id(&text) {
            presets::get(text.trim())
        } else {
            IndexDefinition::from_text_with(&text, None, limits)
        });
    }
    if is_plain_object(spec) {
        let json = js_sys::JSON::stringify(spec)
            .map_err(|_| type_error("spec: the object cannot be written as JSON (a cycle or a BigInt?)"))?;
        return Ok(IndexDefinition::from_json_with(&String::from(json), limits));
    }
    Err(type_error("spec must be a preset id (e.g. \"pci\"), a spec object, or JSON text"))
}

/// Ids of the presets shipped with this version (e.g. `["pci"]`).
#[cfg(feature = "scoring")]
#[wasm_bindgen(js_name = presets)]
pub fn preset_ids() -> Result<JsValue, JsValue> {
    to_js(&presets::ids())
}

/// A preset as a spec object (the JSON file form): every edition without `year`, or the
/// standalone spec of the edition covering `year` (with that year's tier rule).
#[cfg(feature = "scoring")]
#[wasm_bindgen(js_name = preset)]
pub fn preset(id: JsValue, year: JsValue) -> Result<JsValue, JsValue> {
    let id = id.as_string().ok_or_else(|| type_error("preset: id must be a string such as \"pci\""))?;
    let year = optional_year_arg(&year, "preset: year")?;
    let definition = presets::get(&id).map_err(error::to_js)?;
    let json = match year {
        None => definition.to_json(),
        Some(y) => definition.resolve(Some(y)).map_err(error::to_js)?.to_json(),
    };
    js_sys::JSON::parse(&json)
}

/// The result of [`validate_spec`]: findings are data, not exceptions.
#[cfg(feature = "scoring")]
#[derive(Serialize)]
struct Validation {
    valid: bool,
    id: Option<String>,
    label: Option<Labels>,
    editions: Vec<YearRange>,
    error: Option<ErrorInfo>,
}

/// Validates a spec (object, JSON text, or preset id) with the core's checks:
/// `{valid, id, label, editions, error}`, where `error` describes the first problem found.
#[cfg(feature = "scoring")]
#[wasm_bindgen(js_name = validateSpec)]
pub fn validate_spec(spec: JsValue) -> Result<JsValue, JsValue> {
    let report = match read(&spec, &Limits::BROWSER)? {
        Ok(definition) => Validation {
            valid: true,
            id: Some(definition.id().to_owned()),
            label: Some(definition.label()),
            editions: definition.editions(),
            error: None,
        },
        Err(e) => Validation {
            valid: false,
            id: None,
            label: None,
            editions: Vec::new(),
            error: Some(ErrorInfo::from(&chiso::Error::from(e))),
        },
    };
    to_js(&report)
}

/// A specification parsed and checked once, to score many datasets (`new Spec(spec, {limits?})`).
#[cfg(feature = "scoring")]
#[wasm_bindgen(js_name = Spec)]
pub struct SpecHandle {
    pub(crate) definition: IndexDefinition,
}

#[cfg(feature = "scoring")]
#[wasm_bindgen(js_class = Spec)]
impl SpecHandle {
    /// Reads a preset id, a spec object or JSON text, within `options.limits` (default: the
    /// browser limits).
    #[wasm_bindgen(constructor)]
    pub fn new(spec: JsValue, options: JsValue) -> Result<SpecHandle, JsValue> {
        let options = crate::Options::from_js(&options, "Spec", &["limits"])?;
        Ok(SpecHandle { definition: definition_with(&spec, &options.read.limits)? })
    }

    /// The index id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.definition.id().to_owned()
    }

    /// The index name `{vi, en}`.
    #[wasm_bindgen(getter)]
    pub fn label(&self) -> Result<JsValue, JsValue> {
        to_js(&self.definition.label())
    }

    /// The year ranges of the editions (`[]` for a spec without editions).
    #[wasm_bindgen(getter)]
    pub fn editions(&self) -> Result<JsValue, JsValue> {
        to_js(&self.definition.editions())
    }

    /// The spec in its file form (every edition), or the standalone spec of the edition
    /// covering `year`.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self, year: JsValue) -> Result<JsValue, JsValue> {
        let year = optional_year_arg(&year, "Spec.toJSON: year")?;
        let json = match year {
            None => self.definition.to_json(),
            Some(y) => self.definition.resolve(Some(y)).map_err(error::to_js)?.to_json(),
        };
        js_sys::JSON::parse(&json)
    }
}

#[cfg(test)]
mod tests {
    use super::is_preset_id;

    #[test]
    fn preset_ids_are_told_from_spec_texts() {
        assert!(is_preset_id("pci"));
        assert!(is_preset_id(" pci "));
        assert!(is_preset_id("nope"));
        assert!(!is_preset_id("{\"id\": \"x\"}"));
        assert!(!is_preset_id("id = \"x\"\nroot = \"t\""));
        assert!(!is_preset_id(""));
    }
}
