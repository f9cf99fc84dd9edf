//! The fuzz harnesses of chiso: one function per target, taking the raw bytes libFuzzer
//! generates and asserting what must hold for any input (an error that names the problem, or
//! a result whose invariants hold; never a panic, a NaN or a lost row).
//!
//! Two callers: the cargo-fuzz targets in `fuzz/fuzz_targets/` (nightly, libFuzzer; see
//! `scripts/fuzz.sh`), and `tests/replay.rs`, which runs every committed corpus and seed file
//! (`fuzz/corpus/<target>`, `fuzz/seeds/<target>`) through the same function on stable Rust,
//! so CI checks the targets still build and no fixed crash comes back.
//!
//! | target | input | checks |
//! |---|---|---|
//! | `spec_json` | any text as a JSON specification | an error, or a definition whose editions resolve and whose JSON and TOML forms read back equal |
//! | `spec_toml` | any text as a TOML specification | the same |
//! | `csv` | any bytes as CSV data (the first byte picks delimiter and unit column) and as a unit mapping | an error, or units trimmed, NFC and unique per year, values finite |
//! | `pipeline` | a structured random spec written as JSON or TOML and random rows written as CSV | errors, or one finite score per row, competition ranks, a comparison listing every unit once, diagnosis, a plan with gains between 0 and their caps, a report |

// A harness asserts: its panics are the findings, not bugs of the harness.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod csv;
mod pipeline;

use chiso::{Error, IndexDefinition, Scores};

pub use csv::csv;
pub use pipeline::{pipeline, pipeline_input, pipeline_texts, PipelineInput};

/// A fuzz target: its name (the folder under `fuzz/corpus/` and `fuzz/seeds/`) and harness.
pub type Target = (&'static str, fn(&[u8]));

/// Every target, in the order `scripts/fuzz.sh` runs them.
pub const TARGETS: [Target; 4] =
    [("spec_json", spec_json), ("spec_toml", spec_toml), ("csv", csv), ("pipeline", pipeline)];

/// Any text as a JSON specification: an error, or a definition that round-trips.
pub fn spec_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match IndexDefinition::from_json(text) {
        Ok(definition) => check_definition(&definition),
        Err(e) => check_error(&e.into()),
    }
}

/// Any text as a TOML specification: an error, or a definition that round-trips.
pub fn spec_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match IndexDefinition::from_toml(text) {
        Ok(definition) => check_definition(&definition),
        Err(e) => check_error(&e.into()),
    }
}

/// A definition chiso accepted: every edition resolves, and the JSON and TOML forms read back
/// to the same definition.
pub fn check_definition(definition: &IndexDefinition) {
    for range in definition.editions() {
        definition.resolve(Some(range.from)).expect("an edition's first year resolves");
        definition.resolve(Some(range.to)).expect("an edition's last year resolves");
    }
    if definition.editions().len() <= 1 {
        definition.resolve(None).expect("a single edition resolves without a year");
    }
    let json = definition.to_json();
    let back = IndexDefinition::from_json(&json).unwrap_or_else(|e| panic!("JSON round trip: {e}\n{json}"));
    assert_eq!(&back, definition, "JSON round trip changed the definition\n{json}");
    let toml = definition.to_toml().unwrap_or_else(|e| panic!("TOML output: {e}"));
    let back = IndexDefinition::from_toml(&toml).unwrap_or_else(|e| panic!("TOML round trip: {e}\n{toml}"));
    assert_eq!(&back, definition, "TOML round trip changed the definition\n{toml}");
}

/// An error is reported, with a message, a kind and a variant, never a panic while formatting it.
pub fn check_error(error: &Error) {
    let message = error.to_string();
    assert!(!message.is_empty());
    assert!(["spec", "data", "compute"].contains(&error.kind()));
    assert!(!error.variant().is_empty());
    let _ = error.location();
}

/// A scored result: finite numbers, ranks within 1..=out_of, one row per `expected_rows`
/// (competition ranking on unrounded scores is checked by the caller that knows the rule).
pub fn check_scores(scores: &Scores, expected_rows: usize) {
    assert_eq!(scores.rows.len(), expected_rows, "one output row per input row");
    for row in &scores.rows {
        assert!(row.score.is_finite(), "score of {} is {}", row.unit, row.score);
        assert!(row.rank >= 1 && row.rank <= row.out_of, "rank {} of {}", row.rank, row.out_of);
        for c in &row.components {
            assert!(c.score.is_finite(), "{} of {} is {}", c.id, row.unit, c.score);
            assert!(c.rank >= 1 && c.rank <= row.out_of);
        }
    }
}
