//! Any text as a JSON specification: an error or a definition that round-trips, never a panic.
//! The harness is `chiso_fuzz::spec_json` (crates/chiso-fuzz), which `cargo test` also replays.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| chiso_fuzz::spec_json(data));
