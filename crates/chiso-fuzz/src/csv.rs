//! The `csv` target: any bytes as a CSV data file (the first byte picks the reading options)
//! and as a unit mapping.

use std::collections::HashSet;

use chiso::{CsvOptions, Dataset, UnitMapping};
use unicode_normalization::UnicodeNormalization;

use crate::check_error;

/// An error naming the problem, or a dataset whose invariants hold: units non-empty, trimmed,
/// NFC and unique per year, every value finite.
pub fn csv(data: &[u8]) {
    let Some((&options, bytes)) = data.split_first() else { return };
    let delimiter = [None, Some(b','), Some(b';'), Some(b'\t')][usize::from(options & 3)];
    let unit_column = if options & 4 == 0 { "unit" } else { "province" };
    let read = CsvOptions { unit_column: unit_column.into(), delimiter, ..CsvOptions::default() };
    match Dataset::from_csv_bytes(bytes, &read) {
        Ok(dataset) => {
            assert!(!dataset.is_empty());
            let mut seen = HashSet::new();
            for (i, unit) in dataset.units().iter().enumerate() {
                assert!(!unit.is_empty() && unit.trim() == unit);
                assert_eq!(unit.nfc().collect::<String>(), *unit);
                let year = dataset.years().map(|y| y[i]);
                assert!(seen.insert((unit.clone(), year)), "duplicate row accepted");
            }
            let names: Vec<String> = dataset.column_names().map(str::to_owned).collect();
            for name in &names {
                match dataset.values(name) {
                    Ok(values) => {
                        assert_eq!(values.len(), dataset.len());
                        assert!(values.iter().flatten().all(|v| v.is_finite()));
                    }
                    Err(e) => check_error(&e.into()),
                }
            }
        }
        Err(e) => check_error(&e.into()),
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if let Ok(mapping) = UnitMapping::from_csv_str(text) {
            for change in mapping.changes().iter().take(8) {
                let _ = mapping.successor(&change.old, 1900, 2100);
                let _ = mapping.origin(&change.new, 1900, 2100);
            }
        }
    }
}
