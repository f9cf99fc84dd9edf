//! The whole pipeline on a structured random spec and data (decoded from the bytes as
//! libFuzzer's typed targets do): errors, or results whose invariants hold.
//! The harness is `chiso_fuzz::pipeline` (crates/chiso-fuzz), which `cargo test` also replays.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| chiso_fuzz::pipeline(data));
