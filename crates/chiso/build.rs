//! Converts the preset specifications (`presets/*.toml`, written by hand) to JSON in `OUT_DIR`,
//! so the crate reads its presets with `serde_json` and builds without the `toml` feature
//! (the WebAssembly package leaves the TOML parser out to stay small).

use std::{env, fs, path::Path};

fn main() {
    println!("cargo::rerun-if-changed=presets");
    println!("cargo::rerun-if-env-changed=CARGO_FEATURE_XLSX");
    println!("cargo::rerun-if-env-changed=CARGO_FEATURE_PRESET_NOTES");
    let out_dir = env::var_os("OUT_DIR").unwrap_or_default();
    let mut files: Vec<_> = fs::read_dir("presets")
        .unwrap_or_else(|e| panic!("presets/: {e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for path in files {
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if env::var_os("CARGO_FEATURE_XLSX").is_none() {
            strip_aliases(&mut value);
        }
        if env::var_os("CARGO_FEATURE_PRESET_NOTES").is_none() {
            strip_notes(&mut value);
        }
        let json = serde_json::to_string(&value).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.with_extension("json");
        let name = name.file_name().unwrap_or_default();
        fs::write(Path::new(&out_dir).join(name), json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

/// Header and unit-name aliases serve the spreadsheet reader only: a build without it (the
/// WebAssembly scoring module, whose size budget has no room for them) embeds the presets
/// without them.
fn strip_aliases(value: &mut toml::Value) {
    let Some(table) = value.as_table_mut() else { return };
    table.remove("unit_aliases");
    if let Some(nodes) = table.get_mut("nodes").and_then(toml::Value::as_array_mut) {
        for node in nodes.iter_mut().filter_map(toml::Value::as_table_mut) {
            node.remove("aliases");
        }
    }
}

/// The presets' prose (descriptions and notes), which no computation reads: a build without the
/// `preset-notes` feature (the WebAssembly scoring module) embeds the presets without it.
fn strip_notes(value: &mut toml::Value) {
    let Some(table) = value.as_table_mut() else { return };
    table.remove("description");
    for list in ["editions", "tiers"] {
        if let Some(items) = table.get_mut(list).and_then(toml::Value::as_array_mut) {
            for item in items.iter_mut().filter_map(toml::Value::as_table_mut) {
                item.remove("note");
            }
        }
    }
}
