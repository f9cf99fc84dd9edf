//! Any text as a TOML specification: an error or a definition that round-trips, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match chiso::IndexDefinition::from_toml(text) {
        Ok(definition) => chiso_fuzz::check_definition(&definition),
        Err(e) => chiso_fuzz::check_error(&e.into()),
    }
});
