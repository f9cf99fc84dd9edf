#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `Dataset::from_long`: long ("tidy") columns pivoted into the dataset the scorer reads.

use chiso::{presets, score, Cell, CsvOptions, DataError, Dataset, ScoreOptions};

fn text(values: &[&str]) -> Vec<Cell> {
    values.iter().map(|v| Cell::Text((*v).into())).collect()
}

fn names(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

#[test]
fn pivots_in_order_of_first_appearance_with_missing_cells() {
    // "Hà Nội" typed with combining marks is the same unit as the precomposed spelling.
    let nfd = "Ha\u{300} No\u{323}\u{302}i";
    let units = text(&["Hà Nội", "Huế", nfd, "Hà Nội", "Huế"]);
    let years = [2019.0, 2019.0, 2019.0, 2020.0, 2020.0].map(Cell::Number);
    let variables = names(&["b", "b", "a", "b", "a"]);
    let values = vec![Cell::Number(1.0), Cell::Number(2.0), Cell::Text("3,5".into()), Cell::Number(4.0), Cell::Missing];
    let data = Dataset::from_long(&units, Some(&years), &variables, &values, &CsvOptions::default()).unwrap();
    assert_eq!(data.units(), ["Hà Nội", "Huế", "Hà Nội", "Huế"]);
    assert_eq!(data.years().unwrap(), [2019, 2019, 2020, 2020]);
    assert_eq!(data.column_names().collect::<Vec<_>>(), ["b", "a"]);
    assert_eq!(data.values("b").unwrap(), &[Some(1.0), Some(2.0), Some(4.0), None]);
    assert_eq!(data.values("a").unwrap(), &[Some(3.5), None, None, None]);
}

#[test]
fn a_repeated_unit_year_and_variable_names_both_rows() {
    let units = text(&["A", "B", "A"]);
    let years = [2019.0, 2019.0, 2019.0].map(Cell::Number);
    let variables = names(&["x", "x", "x"]);
    let values = [1.0, 2.0, 3.0].map(Cell::Number);
    let error = Dataset::from_long(&units, Some(&years), &variables, &values, &CsvOptions::default()).unwrap_err();
    assert_eq!(
        error,
        DataError::DuplicateCell { unit: "A".into(), year: Some(2019), column: "x".into(), first_row: 1, row: 3 }
    );
    assert_eq!(error.to_string(), "row 3: unit 'A' in 2019, variable 'x' has a value already (first at row 1)");
    let at = chiso::Error::from(error).location();
    assert_eq!((at.row, at.unit.as_deref(), at.column.as_deref()), (Some(3), Some("A"), Some("x")));
}

#[test]
fn bad_rows_are_named_with_the_configured_columns() {
    let options = CsvOptions { unit_column: "province".into(), year_column: "nam".into(), delimiter: None };
    let variables = names(&["x", "x"]);
    let values = [1.0, 2.0].map(Cell::Number);
    let error = Dataset::from_long(&[Cell::Text("A".into()), Cell::Missing], None, &variables, &values, &options);
    assert_eq!(error.unwrap_err(), DataError::EmptyUnit { row: 2, column: "province".into() });
    let years = [Cell::Number(2019.0), Cell::Text("20x9".into())];
    let error = Dataset::from_long(&text(&["A", "B"]), Some(&years), &variables, &values, &options);
    assert_eq!(error.unwrap_err(), DataError::BadYear { row: 2, column: "nam".into(), text: "20x9".into() });
    let error = Dataset::from_long(&text(&["A"]), None, &variables, &values, &options);
    assert_eq!(error.unwrap_err(), DataError::LengthMismatch { column: "variable".into(), expected: 1, got: 2 });
    let error = Dataset::from_long(&[], None, &[], &[], &options);
    assert_eq!(error.unwrap_err(), DataError::NoRows);
    let error = Dataset::from_long(&text(&["A"]), None, &names(&["province"]), &[Cell::Number(1.0)], &options);
    assert_eq!(error.unwrap_err(), DataError::DuplicateColumn { column: "province".into() });
}

#[test]
fn long_pci_data_scores_as_the_wide_table() {
    // Quảng Ninh, PCI 2019 as published: 73.40 from sub-indices rounded to 2 decimals.
    let ids = [
        "entry_costs",
        "land_access",
        "transparency",
        "time_costs",
        "informal_charges",
        "policy_bias",
        "proactivity",
        "business_support",
        "labor_policy",
        "legal_institutions",
    ];
    let values = [7.16, 7.00, 7.20, 7.89, 7.10, 7.69, 7.96, 6.68, 7.95, 7.58].map(Cell::Number);
    let units = vec![Cell::Text("Quảng Ninh".into()); ids.len()];
    let data = Dataset::from_long(&units, None, &names(&ids), &values, &CsvOptions::default()).unwrap();
    let options = ScoreOptions { year: Some(2019), strict: true, ..Default::default() };
    let scores = score(&presets::get("pci").unwrap(), &data, &options).unwrap();
    assert!((scores.rows[0].score - 73.40).abs() < 0.005);
}
