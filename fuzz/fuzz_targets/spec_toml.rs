//! Any text as a TOML specification: an error or a definition that round-trips, never a panic.
//! The harness is `chiso_fuzz::spec_toml` (crates/chiso-fuzz), which `cargo test` also replays.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| chiso_fuzz::spec_toml(data));
