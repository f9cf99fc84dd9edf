//! Presets: the published indices as specification files embedded in the crate.
//!
//! Presets are data, validated by the same code as a user's spec.

use crate::error::SpecError;
use crate::spec::IndexDefinition;

/// Every preset: the TOML files are the sources; build.rs converts them to JSON, which is what
/// [`get`] reads, so presets need no TOML parser.
macro_rules! presets {
    ($($id:literal),* $(,)?) => {
        /// The presets as JSON, read without the `toml` feature.
        const PRESETS: &[(&str, &str)] = &[$(($id, include_str!(concat!(env!("OUT_DIR"), "/", $id, ".json")))),*];
        /// The hand-written TOML sources, with their comments (only with the `toml` feature: the
        /// WebAssembly package, built without it, does not carry them).
        #[cfg(feature = "toml")]
        const SOURCES: &[(&str, &str)] = &[$(($id, include_str!(concat!("../presets/", $id, ".toml")))),*];
    };
}

presets!("pci", "papi", "pgi", "par_index", "sipas", "sipas_overall", "ddci", "dgi", "egov_district", "ict_index");

/// A preset id as the presets spell it: the CLI contract's hyphenated spellings
/// (`par-index`, `egov-district`, `ict-index`) name the same presets as `par_index`, ….
pub fn canonical(id: &str) -> String {
    id.trim().replace('-', "_")
}

/// Ids of the presets shipped with this version (canonical spellings).
pub fn ids() -> Vec<&'static str> {
    PRESETS.iter().map(|(id, _)| *id).collect()
}

/// The TOML source of a preset, to copy and adapt (with the `toml` feature).
#[cfg(feature = "toml")]
pub fn source(id: &str) -> Option<&'static str> {
    let wanted = canonical(id);
    SOURCES.iter().find(|(p, _)| *p == wanted).map(|(_, s)| *s)
}

/// A preset index definition by id (e.g. `pci`); resolve it for a year.
///
/// ```
/// let pci = chiso::presets::get("pci").unwrap();
/// assert_eq!(pci.editions().len(), 4);
/// assert!(chiso::presets::get("nope").is_err());
/// assert_eq!(chiso::presets::get("par-index").unwrap().id(), "par_index");
/// ```
pub fn get(id: &str) -> Result<IndexDefinition, SpecError> {
    let wanted = canonical(id);
    let (_, json) = PRESETS
        .iter()
        .find(|(p, _)| *p == wanted)
        .ok_or_else(|| SpecError::UnknownPreset { id: id.into(), available: ids().join(", ") })?;
    IndexDefinition::from_json(json)
}

#[cfg(all(test, feature = "toml"))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The JSON that build.rs writes reads as the same definition as its TOML source.
    #[test]
    fn json_presets_equal_their_toml_sources() {
        for id in ids() {
            let from_toml = IndexDefinition::from_toml(source(id).unwrap()).unwrap();
            assert_eq!(get(id).unwrap(), from_toml, "{id}");
        }
    }
}
