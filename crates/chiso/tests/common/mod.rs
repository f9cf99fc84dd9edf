//! Helpers shared by the test files that read the JSON vectors.
#![allow(clippy::unwrap_used, dead_code)]

use chiso::Cell;
use serde_json::Value;

/// A vector's `rows` (JSON objects) as records for `Dataset::from_records`.
pub fn records(rows: &Value) -> Vec<Vec<(String, Cell)>> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|row| {
            row.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| {
                    let cell = match v {
                        Value::Number(n) => Cell::Number(n.as_f64().unwrap()),
                        Value::String(s) => Cell::Text(s.clone()),
                        _ => Cell::Missing,
                    };
                    (k.clone(), cell)
                })
                .collect()
        })
        .collect()
}
