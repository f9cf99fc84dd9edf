//! Presets: the published indices as specification files embedded in the crate.
//!
//! Presets are data, validated by the same code as a user's spec.

use crate::error::SpecError;
use crate::spec::IndexDefinition;

/// (id, TOML source) of every preset.
const PRESETS: &[(&str, &str)] = &[
    ("pci", include_str!("../presets/pci.toml")),
    ("papi", include_str!("../presets/papi.toml")),
    ("pgi", include_str!("../presets/pgi.toml")),
    ("par_index", include_str!("../presets/par_index.toml")),
    ("sipas", include_str!("../presets/sipas.toml")),
    ("sipas_overall", include_str!("../presets/sipas_overall.toml")),
    ("ddci", include_str!("../presets/ddci.toml")),
    ("dgi", include_str!("../presets/dgi.toml")),
    ("egov_district", include_str!("../presets/egov_district.toml")),
    ("ict_index", include_str!("../presets/ict_index.toml")),
];

/// Ids of the presets shipped with this version.
pub fn ids() -> Vec<&'static str> {
    PRESETS.iter().map(|(id, _)| *id).collect()
}

/// The TOML source of a preset, to copy and adapt.
pub fn source(id: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(p, _)| *p == id).map(|(_, s)| *s)
}

/// A preset index definition by id (e.g. `pci`); resolve it for a year.
///
/// ```
/// let pci = chiso::presets::get("pci").unwrap();
/// assert_eq!(pci.editions().len(), 4);
/// assert!(chiso::presets::get("nope").is_err());
/// ```
pub fn get(id: &str) -> Result<IndexDefinition, SpecError> {
    let text = source(id).ok_or_else(|| SpecError::UnknownPreset { id: id.into(), available: ids().join(", ") })?;
    IndexDefinition::from_toml(text)
}
