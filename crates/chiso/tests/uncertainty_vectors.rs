//! The Monte Carlo vectors of `tests/vectors/uncertainty/`, also checked by the Python and JS
//! suites: the seeded result must be reproduced bit for bit, and satisfy its invariants.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use chiso::uncertainty::{uncertainty, InputsSpec, UncertaintyOptions};
use chiso::{presets, CsvOptions, Dataset};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/uncertainty");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let cases: Vec<Value> =
        paths.iter().map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()).collect();
    assert!(cases.len() >= 2, "expected the uncertainty vectors in {}", dir.display());
    cases
}

fn dataset(case: &Value) -> Dataset {
    let records = common::records(&case["rows"]);
    Dataset::from_records(&records, &CsvOptions::default()).unwrap()
}

#[test]
fn seeded_results_are_reproduced_bit_for_bit() {
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        let inputs = InputsSpec::from_json(&case["inputs"].to_string()).unwrap().inputs().unwrap();
        let options = UncertaintyOptions {
            samples: case["samples"].as_u64().unwrap() as usize,
            seed: case["seed"].as_u64().unwrap(),
        };
        let year = case["year"].as_i64().map(|y| y as i32);
        let result = uncertainty(
            &presets::get(case["index"].as_str().unwrap()).unwrap(),
            &dataset(&case),
            year,
            &inputs,
            &options,
        )
        .unwrap();
        for unit in &result.units {
            assert_eq!(i64::from(unit.nominal_rank), case["nominal_ranks"][&unit.unit].as_i64().unwrap(), "{name}");
            assert!(unit.rank_p05 <= unit.rank_median && unit.rank_median <= unit.rank_p95, "{name} {}", unit.unit);
        }
        let got = serde_json::to_value(&result).unwrap();
        assert_eq!(got["units"], case["expected"]["units"], "{name}");
        assert_eq!(got["mean_rank_shift"], case["expected"]["mean_rank_shift"], "{name}");
    }
}
