//! The JSON Schema of the spec file format ([`super::file::SpecFile`], JSON or TOML).
//!
//! [`JSON`] is the committed file `schema/chiso-spec.schema.json`, shipped in the crate, the
//! Python wheel (`chiso.spec_schema()`), the npm package (`chiso/chiso-spec.schema.json`) and
//! printed by `chiso schema`. It is generated from the Rust types with schemars (`schema`
//! feature, `generate`); `tests/schema.rs` fails when the committed file differs from what
//! the types give (`CHISO_BLESS=1 cargo test -p chiso --features schema --test schema`
//! rewrites it). Method names are listed as the builder accepts them (aliases included), so an
//! editor can complete them and flag a misspelt one. `docs/schema.md` shows how to use it in editors.
//!
//! ```
//! let schema: serde_json::Value = serde_json::from_str(chiso::spec::schema::JSON).unwrap();
//! assert_eq!(schema["title"], "chiso index specification");
//! assert_eq!(schema["required"], serde_json::json!(["id", "root", "nodes"]));
//! ```

/// The JSON Schema (draft 2020-12) of the spec file format, as committed.
pub const JSON: &str = include_str!("../../schema/chiso-spec.schema.json");

/// The JSON Schema generated from the spec file types (what [`JSON`] must equal).
#[cfg(feature = "schema")]
pub fn generate() -> serde_json::Value {
    let mut schema = schemars::schema_for!(super::file::SpecFile);
    schema.insert("title".into(), "chiso index specification".into());
    schema.insert(
        "description".into(),
        "A chiso index specification (JSON, or TOML read as JSON): a tree of nodes with weights, \
         scales and methods, optionally with editions by year. Generated from the Rust types \
         (crates/chiso/src/spec/file.rs); see docs/spec.md."
            .into(),
    );
    schema.to_value()
}

#[cfg(feature = "schema")]
use schemars::{json_schema, Schema, SchemaGenerator};

/// `{"type": "string", "enum": [...]}` from a comma-separated list of names.
#[cfg(feature = "schema")]
fn one_of(names: &str) -> Schema {
    let names: Vec<&str> = names.split(',').map(str::trim).collect();
    json_schema!({ "type": "string", "enum": names })
}

/// The schemas of the string fields that take one of a fixed set of names (the same sets the
/// TypeScript declarations list).
#[cfg(feature = "schema")]
macro_rules! names {
    ($($field:ident => $names:expr),* $(,)?) => {
        $(
            pub(crate) fn $field(_: &mut SchemaGenerator) -> Schema {
                one_of($names)
            }
        )*
    };
}

#[cfg(feature = "schema")]
/// The aggregation's names and the other spellings the reader accepts.
#[cfg(feature = "schema")]
pub(crate) fn node_aggregation(_: &mut SchemaGenerator) -> Schema {
    one_of(&format!("{}, {}", super::Aggregation::NAMES, super::Aggregation::ALIASES))
}

#[cfg(feature = "schema")]
names! {
    node_direction => "higher_is_better, lower_is_better",
    normalise_method => super::Normalisation::NAMES,
    missing_rule => "fail, available",
    missing_share_of => "count, weight",
    treat_method => "winsorise, winsorize, none",
    rank_on => "unrounded, rounded",
    rank_ties => "competition, dense",
    tiers_rule => "score_bands, rank_bands, quantile_groups",
    tiers_percentile => "linear, nearest_rank",
    tiers_ties => "upper, lower",
}

/// Imputation methods: a list of names.
#[cfg(feature = "schema")]
pub(crate) fn impute_methods(_: &mut SchemaGenerator) -> Schema {
    let item = one_of("mean, median, previous, value");
    json_schema!({ "type": "array", "items": item })
}
