//! `Dataset::from_record_columns` (records laid out as columns, as the JS package passes row
//! objects) gives the dataset and the error `Dataset::from_records` gives on the same records.

#![allow(clippy::unwrap_used)]

use chiso::{Cell, CsvOptions, Dataset, Limits};

/// Records and how to read them.
type Case = (Vec<Vec<(String, Cell)>>, CsvOptions);

/// The records as (names in first-seen order, first record of each name, columns of cells).
fn lay_out(records: &[Vec<(String, Cell)>]) -> (Vec<String>, Vec<usize>, Vec<Vec<Cell>>) {
    let mut names: Vec<String> = Vec::new();
    let mut first = Vec::new();
    let mut columns: Vec<Vec<Cell>> = Vec::new();
    for (i, record) in records.iter().enumerate() {
        for (name, cell) in record {
            let k = match names.iter().position(|n| n == name) {
                Some(k) => k,
                None => {
                    names.push(name.clone());
                    first.push(i);
                    columns.push(vec![Cell::Missing; records.len()]);
                    names.len() - 1
                }
            };
            columns[k][i] = cell.clone();
        }
    }
    (names, first, columns)
}

/// What a dataset holds, as text (NaN cells compare equal as text; the column index is a map).
fn contents(data: &Dataset) -> String {
    let columns: Vec<String> =
        data.column_names().map(|name| format!("{name}: {:?} {:?}", data.values(name), data.labels(name))).collect();
    format!("{:?} {:?} {columns:?} {:?}", data.units(), data.years(), data.limits())
}

fn record(cells: &[(&str, Cell)]) -> Vec<(String, Cell)> {
    cells.iter().map(|(n, c)| ((*n).to_owned(), c.clone())).collect()
}

fn text(t: &str) -> Cell {
    Cell::Text(t.into())
}

#[test]
fn same_dataset_and_same_errors_as_from_records() {
    let n = Cell::Number;
    let cases: Vec<Case> = vec![
        // Text cells with decimal commas, a field first seen late, a missing cell.
        (
            vec![
                record(&[("unit", text("Huế")), ("year", n(2019.0)), ("a", n(1.0))]),
                record(&[("unit", text(" Hà Nội ")), ("year", text("2019")), ("a", text("7,5")), ("b", n(2.0))]),
                record(&[("unit", n(3.0)), ("year", n(2019.0)), ("b", Cell::Missing)]),
            ],
            CsvOptions::default(),
        ),
        // No unit field at all; an empty unit; a bad year; a NaN number.
        (vec![record(&[("name", text("X")), ("a", n(1.0))])], CsvOptions::default()),
        (vec![record(&[("unit", text("X"))]), record(&[("a", n(1.0))])], CsvOptions::default()),
        (vec![record(&[("unit", text("X")), ("year", n(2019.5))])], CsvOptions::default()),
        (vec![record(&[("unit", text("X")), ("year", text("năm"))])], CsvOptions::default()),
        (vec![record(&[("unit", text("X")), ("a", n(f64::NAN))])], CsvOptions::default()),
        (vec![record(&[("unit", text("X"))]), record(&[("unit", text("X"))])], CsvOptions::default()),
        // Other unit and year columns.
        (
            vec![record(&[("tinh", text("X")), ("nam", n(2020.0)), ("a", n(1.0))])],
            CsvOptions { unit_column: "tinh".into(), year_column: "nam".into(), ..Default::default() },
        ),
    ];
    let mut all = cases;
    // Limits: rows, columns, and values counted as records arrive.
    let wide: Vec<Vec<(String, Cell)>> = (0..4)
        .map(|i| {
            let mut r = record(&[("unit", text(&format!("u{i}")))]);
            r.extend((0..=i).map(|k| (format!("c{k}"), n(1.0))));
            r
        })
        .collect();
    for limits in [
        Limits { max_rows: 3, ..Limits::BROWSER },
        Limits { max_columns: 3, ..Limits::BROWSER },
        Limits { max_cells: 9, ..Limits::BROWSER },
        Limits { max_cells: 11, ..Limits::BROWSER },
        Limits::BROWSER,
    ] {
        all.push((wide.clone(), CsvOptions { limits, ..Default::default() }));
    }
    for (i, (records, options)) in all.iter().enumerate() {
        let (names, first, columns) = lay_out(records);
        let expected = Dataset::from_records(records, options);
        let got = Dataset::from_record_columns(&names, &first, columns, records.len(), options);
        match (&expected, &got) {
            (Ok(a), Ok(b)) => assert_eq!(contents(a), contents(b), "case {i}"),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "case {i}"),
            _ => panic!("case {i}: {expected:?} vs {got:?}"),
        }
    }
    assert!(Dataset::from_record_columns(&[], &[], Vec::new(), 0, &CsvOptions::default()).is_err());
    // Records without any field: the unit column is missing, as from_records says.
    let empty = vec![Vec::new(), Vec::new()];
    assert_eq!(
        Dataset::from_records(&empty, &CsvOptions::default()).unwrap_err().to_string(),
        Dataset::from_record_columns(&[], &[], Vec::new(), 2, &CsvOptions::default()).unwrap_err().to_string()
    );
}
