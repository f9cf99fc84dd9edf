//! The committed JSON Schema (`schema/chiso-spec.schema.json`, `chiso::spec::schema::JSON`)
//! equals the one generated from the spec file types; `CHISO_BLESS=1 cargo test -p chiso
//! --features schema --test schema` rewrites it. (The presets and example specs are validated
//! against it with a JSON Schema validator in the Python tests, `test_schema.py`.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use chiso::spec::schema;

#[test]
fn the_committed_schema_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/chiso-spec.schema.json");
    let expected = serde_json::to_string_pretty(&schema::generate()).unwrap() + "\n";
    if std::env::var_os("CHISO_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    assert!(
        schema::JSON == expected,
        "{} is out of date: run CHISO_BLESS=1 cargo test -p chiso --features schema --test schema",
        path.display()
    );
}

#[test]
fn the_schema_names_every_method_the_builder_accepts() {
    let schema: serde_json::Value = serde_json::from_str(schema::JSON).unwrap();
    let defs = &schema["$defs"];
    let names = |list: &serde_json::Value| -> Vec<String> {
        list.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
    };
    // Every aggregation name the schema lists parses, and every canonical name is listed.
    let aggregation = names(&defs["NodeFile"]["properties"]["aggregation"]["enum"]);
    assert!(aggregation.iter().all(|n| chiso::spec::Aggregation::from_name(n).is_some()), "{aggregation:?}");
    for name in chiso::spec::Aggregation::NAMES.split(", ") {
        assert!(aggregation.iter().any(|n| n == name), "{name}");
    }
    assert!(aggregation.iter().any(|n| n == "sum"), "{aggregation:?}");
    let normalise = names(&defs["NormaliseFile"]["properties"]["method"]["enum"]);
    assert_eq!(normalise[..3], ["none", "min_max", "z_score"]);
    // Unknown fields are errors in the reader, so the schema forbids them too.
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(defs["NodeFile"]["additionalProperties"], false);
    assert_eq!(defs["NodeFile"]["required"], serde_json::json!(["id"]));
}
