//! The shared test vectors of `tests/vectors/`, also checked by the Python and JS suites.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;

use chiso::{compare, presets, score, CsvOptions, Dataset, Error, IndexDefinition, ScoreOptions};
use serde_json::Value;

fn vectors() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    let mut out: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path.file_name().unwrap().to_string_lossy().into_owned(), serde_json::from_str(&text).unwrap())
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 10, "expected the shared vectors in {}", dir.display());
    out
}

fn definition(case: &Value) -> Result<IndexDefinition, Error> {
    Ok(match (&case["index"], &case["spec"]) {
        (Value::String(id), _) => presets::get(id)?,
        (_, spec) => IndexDefinition::from_json(&spec.to_string())?,
    })
}

fn dataset(case: &Value) -> Result<Dataset, Error> {
    let mut options = CsvOptions::default();
    if let Some(column) = case["unit_column"].as_str() {
        options.unit_column = column.to_owned();
    }
    if let Some(text) = case["csv"].as_str() {
        return Ok(Dataset::from_csv_str(text, &options)?);
    }
    let records = common::records(&case["rows"]);
    Ok(Dataset::from_records(&records, &options)?)
}

fn run(case: &Value) -> Result<Value, Error> {
    let def = definition(case)?;
    let data = dataset(case)?;
    if let Some(p) = case.get("plan") {
        let target: chiso::plan::Target = p["target"].as_str().unwrap().parse()?;
        let year = p["year"].as_i64().map(|y| y as i32);
        let options = chiso::plan::PlanOptions::default();
        let plan = chiso::plan::plan(&def, &data, p["unit"].as_str().unwrap(), year, target, &options)?;
        return Ok(serde_json::to_value(plan).unwrap());
    }
    if let Some(d) = case.get("diagnose") {
        let year = d["year"].as_i64().map(|y| y as i32);
        let diagnosis = chiso::diagnose::diagnose(&def, &data, d["unit"].as_str().unwrap(), year, None)?;
        return Ok(serde_json::to_value(diagnosis).unwrap());
    }
    if let Some(cmp) = case.get("compare") {
        let from = cmp["from"].as_i64().unwrap() as i32;
        let to = cmp["to"].as_i64().unwrap() as i32;
        return Ok(serde_json::to_value(compare(&def, &data, from, to)?).unwrap());
    }
    let year = case["year"].as_i64().map(|y| y as i32);
    Ok(serde_json::to_value(score(&def, &data, &ScoreOptions { year, ..Default::default() })?).unwrap())
}

#[test]
fn every_vector_gives_the_expected_numbers_or_error() {
    for (name, case) in vectors() {
        let result = run(&case);
        if let Some(expected) = case.get("error") {
            let err = result.err().unwrap_or_else(|| panic!("{name}: expected an error"));
            assert_eq!(err.kind(), expected["kind"].as_str().unwrap(), "{name}: {err}");
            let message = err.to_string();
            for part in expected["contains"].as_array().unwrap() {
                assert!(message.contains(part.as_str().unwrap()), "{name}: '{message}' lacks {part}");
            }
            continue;
        }
        let result = result.unwrap_or_else(|e| panic!("{name}: {e}"));
        let tolerance = case["tolerance"].as_f64().unwrap();
        if case["expected"].is_object() {
            check_object(&name, &result, &case["expected"], tolerance);
            continue;
        }
        let rows = result["rows"].as_array().unwrap();
        let expected = case["expected"].as_array().unwrap();
        assert_eq!(rows.len(), expected.len(), "{name}: row count");
        for want in expected {
            let unit = want["unit"].as_str().unwrap();
            let got = rows.iter().find(|r| r["unit"] == unit).unwrap_or_else(|| panic!("{name}: no row for {unit}"));
            for field in ["score", "score_delta"] {
                if let Some(w) = want.get(field).and_then(Value::as_f64) {
                    let g = got[field].as_f64().unwrap();
                    assert!((g - w).abs() <= tolerance, "{name} {unit}: {field} {g} vs {w} (±{tolerance})");
                }
            }
            for field in ["rank", "rank_from", "rank_to", "rank_change", "year"] {
                if let Some(w) = want.get(field) {
                    assert_eq!(&got[field], w, "{name} {unit}: {field}");
                }
            }
            if let Some(w) = want.get("tier") {
                let g = &got["tier"]["label"]["vi"];
                let g = if got["tier"].is_null() { &Value::Null } else { g };
                assert_eq!(g, w, "{name} {unit}: tier");
            }
            // Every node below the root, when the case lists them: the same ids, scores within
            // the tolerance, ranks exactly.
            if let Some(components) = want.get("components").and_then(Value::as_array) {
                let got_components = got["components"].as_array().unwrap();
                assert_eq!(got_components.len(), components.len(), "{name} {unit}: number of components");
                for c in components {
                    let id = &c["id"];
                    let g = got_components.iter().find(|x| &x["id"] == id);
                    let g = g.unwrap_or_else(|| panic!("{name} {unit}: no component {id}"));
                    let (gs, ws) = (g["score"].as_f64().unwrap(), c["score"].as_f64().unwrap());
                    assert!((gs - ws).abs() <= tolerance, "{name} {unit} {id}: {gs} vs {ws} (±{tolerance})");
                    assert_eq!(g["rank"], c["rank"], "{name} {unit} {id}: rank");
                }
            }
        }
    }
}

/// Checks every field of `expected` in `got`: numbers within the tolerance (integers exactly),
/// arrays of objects matched by `id`.
fn check_object(name: &str, got: &Value, expected: &Value, tolerance: f64) {
    for (field, want) in expected.as_object().unwrap() {
        let g = &got[field];
        match want {
            Value::Number(n) if n.is_f64() => {
                let (g, w) = (g.as_f64().unwrap(), n.as_f64().unwrap());
                assert!((g - w).abs() <= tolerance, "{name}: {field} {g} vs {w} (±{tolerance})");
            }
            Value::Array(items) => {
                for item in items {
                    let id = &item["id"];
                    let found = g.as_array().unwrap().iter().find(|x| &x["id"] == id);
                    check_object(name, found.unwrap_or_else(|| panic!("{name}: no {id} in {field}")), item, tolerance);
                }
            }
            _ => assert_eq!(g, want, "{name}: {field}"),
        }
    }
}
