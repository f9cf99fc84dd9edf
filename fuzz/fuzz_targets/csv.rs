//! Any bytes as a CSV data file and as a unit mapping: an error naming the problem, or a
//! dataset whose invariants hold.
//! The harness is `chiso_fuzz::csv` (crates/chiso-fuzz), which `cargo test` also replays.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| chiso_fuzz::csv(data));
