//! Presets: the published indices as specification files embedded in the crate.
//!
//! Presets are data, validated by the same code as a user's spec.

use crate::error::SpecError;
use crate::spec::IndexDefinition;

/// (id, TOML source, the same as JSON) of every preset. The TOML files are the sources; build.rs
/// converts them to JSON, which is what [`get`] reads, so presets need no TOML parser.
const PRESETS: &[(&str, &str, &str)] = &[
    ("pci", include_str!("../presets/pci.toml"), include_str!(concat!(env!("OUT_DIR"), "/pci.json"))),
    ("papi", include_str!("../presets/papi.toml"), include_str!(concat!(env!("OUT_DIR"), "/papi.json"))),
    ("pgi", include_str!("../presets/pgi.toml"), include_str!(concat!(env!("OUT_DIR"), "/pgi.json"))),
    ("par_index", include_str!("../presets/par_index.toml"), include_str!(concat!(env!("OUT_DIR"), "/par_index.json"))),
    ("sipas", include_str!("../presets/sipas.toml"), include_str!(concat!(env!("OUT_DIR"), "/sipas.json"))),
    (
        "sipas_overall",
        include_str!("../presets/sipas_overall.toml"),
        include_str!(concat!(env!("OUT_DIR"), "/sipas_overall.json")),
    ),
    ("ddci", include_str!("../presets/ddci.toml"), include_str!(concat!(env!("OUT_DIR"), "/ddci.json"))),
    ("dgi", include_str!("../presets/dgi.toml"), include_str!(concat!(env!("OUT_DIR"), "/dgi.json"))),
    (
        "egov_district",
        include_str!("../presets/egov_district.toml"),
        include_str!(concat!(env!("OUT_DIR"), "/egov_district.json")),
    ),
    ("ict_index", include_str!("../presets/ict_index.toml"), include_str!(concat!(env!("OUT_DIR"), "/ict_index.json"))),
];

/// Ids of the presets shipped with this version.
pub fn ids() -> Vec<&'static str> {
    PRESETS.iter().map(|(id, _, _)| *id).collect()
}

/// The TOML source of a preset, to copy and adapt.
pub fn source(id: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(p, _, _)| *p == id).map(|(_, s, _)| *s)
}

/// A preset index definition by id (e.g. `pci`); resolve it for a year.
///
/// ```
/// let pci = chiso::presets::get("pci").unwrap();
/// assert_eq!(pci.editions().len(), 4);
/// assert!(chiso::presets::get("nope").is_err());
/// ```
pub fn get(id: &str) -> Result<IndexDefinition, SpecError> {
    let (_, _, json) = PRESETS
        .iter()
        .find(|(p, _, _)| *p == id)
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
