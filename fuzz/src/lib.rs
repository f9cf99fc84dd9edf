//! Shared checks of the fuzz targets: what must hold for any input chiso accepts.

use chiso::{Error, IndexDefinition, Scores};

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

/// An error is reported, with a message and a kind, never a panic while formatting it.
pub fn check_error(error: &Error) {
    let message = error.to_string();
    assert!(!message.is_empty());
    assert!(["spec", "data", "compute"].contains(&error.kind()));
    assert!(!error.variant().is_empty());
    let _ = error.location();
}

/// A scored result: finite numbers, ranks within 1..=out_of and consistent with the scores of
/// each year (competition ranking on unrounded scores is checked by the caller that knows
/// the rule), one row per `expected_rows`.
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
