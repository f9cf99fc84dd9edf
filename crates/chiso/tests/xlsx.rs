//! Spreadsheets: VCCI's PCI summary sheets of 2013–2018, read as published, reproduce the
//! published composites and ranks (`examples/data/pci/pci_subindices.csv`); scores written
//! to a workbook read back with the same numbers.
//!
//! The copies in `tests/data/xlsx/` are VCCI's summary sheets cell for cell
//! (`examples/rust/make_xlsx_fixtures.rs`); where `../shared/data/pci/workbooks/` is present
//! (CI), the whole published workbooks are read too.
#![cfg(feature = "xlsx")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::PathBuf;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use chiso::io::xlsx::{read_sheet, read_sheet_path, write_scores, SheetData, SheetOptions};
use chiso::{presets, score, CsvOptions, Dataset, IndexDefinition, ScoreOptions};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Published (composite, rank) of each province in a year.
fn published(year: i32) -> HashMap<String, (f64, u32)> {
    let options = CsvOptions { unit_column: "province".into(), ..Default::default() };
    let data = Dataset::from_csv_path(root().join("examples/data/pci/pci_subindices.csv"), &options).unwrap();
    let (pci, rank) = (data.values("pci_published").unwrap(), data.values("rank_published").unwrap());
    let years = data.years().unwrap();
    (0..data.len())
        .filter(|&i| years[i] == year)
        .map(|i| (data.units()[i].clone(), (pci[i].unwrap(), rank[i].unwrap() as u32)))
        .collect()
}

fn sheet_of(year: i32) -> &'static str {
    if (2014..=2016).contains(&year) {
        "Summary_VN"
    } else {
        "Summary"
    }
}

fn options(year: i32, unit_column: &str) -> SheetOptions {
    SheetOptions {
        sheet: Some(sheet_of(year).into()),
        unit_column: unit_column.into(),
        year: Some(year),
        ..Default::default()
    }
}

fn unit_column(year: i32) -> &'static str {
    match year {
        2014..=2016 => "Tỉnh",
        _ => "Province",
    }
}

/// Scores a read sheet and checks every province against the published table.
fn check_year(year: i32, read: &SheetData, pci: &IndexDefinition) {
    let expected = published(year);
    assert_eq!(read.dataset.len(), 63, "{year}: 63 provinces, no row below the table");
    let scores = score(pci, &read.dataset, &ScoreOptions { year: Some(year), ..Default::default() }).unwrap();
    assert_eq!(scores.rows.len(), 63, "{year}");
    for row in &scores.rows {
        let (composite, rank) = expected
            .get(&row.unit)
            .unwrap_or_else(|| panic!("{year}: '{}' is not a published province name", row.unit));
        assert!((row.score - composite).abs() < 2e-5, "{year} {}: {} vs published {composite}", row.unit, row.score);
        assert_eq!(row.rank, *rank, "{year} {}: rank", row.unit);
    }
}

#[test]
fn every_bundled_summary_sheet_reproduces_the_published_composites_and_ranks() {
    let pci = presets::get("pci").unwrap();
    for year in 2013..=2018 {
        let path = root().join(format!("tests/data/xlsx/PCI_{year}_summary.xlsx"));
        let read = read_sheet_path(&path, &options(year, unit_column(year)), Some(&pci)).unwrap();
        check_year(year, &read, &pci);
        // Every sub-index header is matched to its node.
        for id in ["entry_costs", "transparency", "business_support", "labor_policy", "legal_institutions"] {
            assert!(read.dataset.has_column(id), "{year}: {id} in {:?}", read.columns);
        }
    }
}

#[test]
fn the_2018_summary_matches_headers_units_and_reports_the_rows_below() {
    let pci = presets::get("pci").unwrap();
    let path = root().join("tests/data/xlsx/PCI_2018_summary.xlsx");
    let read = read_sheet_path(&path, &options(2018, "Province"), Some(&pci)).unwrap();
    let transparency = read.columns.iter().find(|c| c.header == "Sub-Index 3: Transparency").unwrap();
    assert_eq!((transparency.letter.as_str(), transparency.name.as_str()), ("F", "transparency"));
    assert_eq!(transparency.matched_by, Some("alias"));
    let alias = |w: &str| read.unit_aliases.iter().find(|a| a.written == w).map(|a| a.unit.as_str());
    assert_eq!(alias("BRVT"), Some("Bà Rịa - Vũng Tàu"));
    assert_eq!(alias("HCMC"), Some("TP. Hồ Chí Minh"));
    assert_eq!(alias("TT-Hue"), Some("Thừa Thiên Huế"));
    assert_eq!(alias("Bac Giang"), Some("Bắc Giang"));
    // Row 66 repeats Ha Noi with formulas; 67–69 are Min, Median, Max.
    let rows: Vec<usize> = read.notes.iter().map(|n| n.row).collect();
    assert_eq!(rows, [66, 67, 68, 69], "{:?}", read.notes);
    assert!(read.notes[0].text.contains("repeated row of 'Ha Noi'"), "{:?}", read.notes[0]);
    assert!(read.notes[2].text.contains("summary row ('Median')"), "{:?}", read.notes[2]);
    // Full precision of the sheet's cell: An Giang's entry costs.
    let i = read.dataset.units().iter().position(|u| u == "An Giang").unwrap();
    assert_eq!(read.dataset.values("entry_costs").unwrap()[i], Some(6.962630271911621));
}

#[test]
fn the_2013_summary_sorted_column_by_column_is_put_back_together_by_province() {
    let pci = presets::get("pci").unwrap();
    let path = root().join("tests/data/xlsx/PCI_2013_summary.xlsx");
    let read = read_sheet_path(&path, &options(2013, "Province"), Some(&pci)).unwrap();
    let land = read.columns.iter().find(|c| c.name == "land_access").unwrap();
    assert_eq!((land.letter.as_str(), land.units_from.as_deref()), ("E", Some("D")));
    // Column A ('No', the position in each sorted column) belongs to no unit.
    assert!(read.notes.iter().any(|n| n.text.contains("column A ('No')")), "{:?}", read.notes);
    // Tây Ninh is 4th in entry costs (C5) and 2nd in land access (E3).
    let i = read.dataset.units().iter().position(|u| u == "Tây Ninh").unwrap();
    assert_eq!(read.dataset.values("entry_costs").unwrap()[i], Some(8.48689));
    assert_eq!(read.dataset.values("land_access").unwrap()[i], Some(8.077405));
}

#[test]
fn a_sheet_without_a_year_column_needs_the_year() {
    let pci = presets::get("pci").unwrap();
    let path = root().join("tests/data/xlsx/PCI_2018_summary.xlsx");
    let options = SheetOptions { year: None, ..options(2018, "Province") };
    let bytes = std::fs::read(&path).unwrap();
    let error = chiso::io::xlsx::read_sheet(&bytes, &options, Some(&pci)).unwrap_err();
    assert_eq!(error.variant(), "NoYear");
    assert!(error.to_string().contains("sheet 'Summary' has no 'year' column"), "{error}");
    // From a file, a single year in the name (VCCI's PCI_2018.xlsx) is the year, said in a note.
    let read = read_sheet_path(&path, &options, Some(&pci)).unwrap();
    assert_eq!(read.dataset.years().map(|y| y[0]), Some(2018));
    assert!(read.notes[0].text.contains("the year 2018 is taken from the file name 'PCI_2018_summary.xlsx'"));
}

#[test]
fn the_published_workbooks_are_read_as_published() {
    let dir = root().join("../shared/data/pci/workbooks");
    if !dir.exists() {
        eprintln!("skipped: {} is not present", dir.display());
        return;
    }
    let pci = presets::get("pci").unwrap();
    for year in 2013..=2018 {
        let path = dir.join(format!("PCI_{year}.xlsx"));
        let read = read_sheet_path(&path, &options(year, unit_column(year)), Some(&pci)).unwrap();
        check_year(year, &read, &pci);
    }
}

#[test]
fn written_scores_round_trip_through_calamine_with_the_same_numbers() {
    let pci = presets::get("pci").unwrap();
    // Two years, so that the workbook has changes.
    let mut datasets = Vec::new();
    for year in [2017, 2018] {
        let path = root().join(format!("tests/data/xlsx/PCI_{year}_summary.xlsx"));
        datasets.push(read_sheet_path(&path, &options(year, "Province"), Some(&pci)).unwrap().dataset);
    }
    let mut data_csv = String::from("unit,year");
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
    for id in ids {
        data_csv.push_str(&format!(",{id}"));
    }
    for (d, year) in datasets.iter().zip([2017, 2018]) {
        for (i, unit) in d.units().iter().enumerate() {
            data_csv.push_str(&format!("\n\"{unit}\",{year}"));
            for id in ids {
                data_csv.push_str(&format!(",{}", d.values(id).unwrap()[i].unwrap()));
            }
        }
    }
    let data = Dataset::from_csv_str(&data_csv, &CsvOptions::default()).unwrap();
    let scores = score(&pci, &data, &ScoreOptions::default()).unwrap();
    let bytes = write_scores(&scores, &pci, Some("PCI_2017/2018_summary.xlsx")).unwrap();

    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(book.sheet_names(), ["Index", "Level 1", "About"]);
    let index = book.worksheet_range("Index").unwrap();
    let header: Vec<String> = index.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, ["unit", "year", "pci", "pci_rank", "out_of", "pci_change", "pci_rank_change"]);
    let published_2018 = published(2018);
    let mut checked = 0;
    let mut previous_rank = (0.0, 0);
    for row in index.rows().skip(1) {
        let r = scores
            .rows
            .iter()
            .find(|r| Data::String(r.unit.clone()) == row[0] && Data::Float(f64::from(r.year.unwrap())) == row[1])
            .unwrap();
        // Each year's units by rank.
        let key = (f64::from(r.year.unwrap()), r.rank);
        assert!(key > previous_rank, "{key:?} after {previous_rank:?}");
        previous_rank = key;
        assert_eq!(row[2], Data::Float(r.score), "the full value is kept: {}", r.unit);
        assert_eq!(row[3], Data::Float(f64::from(r.rank)));
        if r.year == Some(2018) {
            let before = scores.rows.iter().find(|p| p.unit == r.unit && p.year == Some(2017)).unwrap();
            assert_eq!(row[5], Data::Float(r.score - before.score));
            assert_eq!(row[6], Data::Float(f64::from(before.rank) - f64::from(r.rank)));
            assert!((r.score - published_2018[&r.unit].0).abs() < 2e-5);
            checked += 1;
        } else {
            assert_eq!(row[5], Data::Empty);
        }
    }
    assert_eq!(checked, 63);
    // Nam Định: 2017 41st → 2018 35th, +1.58 points.
    let nam_dinh =
        index.rows().find(|r| r[0] == Data::String("Nam Định".into()) && r[1] == Data::Float(2018.0)).unwrap();
    assert_eq!(nam_dinh[6], Data::Float(6.0));
    assert!(matches!(nam_dinh[5], Data::Float(x) if (x - 1.58).abs() < 0.005));

    // The sub-index sheet reads back through chiso's reader with the same numbers.
    let options = SheetOptions { sheet: Some("Level 1".into()), ..Default::default() };
    let back = read_sheet(&bytes, &options, Some(&pci)).unwrap();
    assert_eq!(back.dataset.len(), scores.rows.len());
    let years = back.dataset.years().unwrap();
    for id in ids {
        let ranks = back.dataset.values(&format!("{id}_rank")).unwrap();
        for (i, unit) in back.dataset.units().iter().enumerate() {
            let row = scores.rows.iter().find(|r| &r.unit == unit && r.year == Some(years[i])).unwrap();
            let c = row.components.iter().find(|c| c.id == id).unwrap();
            assert_eq!(back.dataset.values(id).unwrap()[i], Some(c.score), "{id} {unit}");
            assert_eq!(ranks[i], Some(f64::from(c.rank)));
        }
    }
    let about = book.worksheet_range("About").unwrap();
    let item = |name: &str| about.rows().find(|r| r[0] == Data::String(name.into())).map(|r| r[1].to_string());
    assert_eq!(item("index").as_deref(), Some("pci"));
    assert_eq!(item("edition for 2018").as_deref(), Some("the edition of 2013–2021"));
}

#[test]
fn a_formula_in_the_table_gives_its_saved_result() {
    let pci = presets::get("pci").unwrap();
    let path = root().join("tests/bad_inputs/xlsx/formula_with_result.xlsx");
    let read = read_sheet_path(&path, &options(2018, "Province"), Some(&pci)).unwrap();
    // E3 is `=E2+0.5` saved as 7.25 (BRVT's transparency); E2 is a plain number.
    assert_eq!(read.dataset.units()[1], "Bà Rịa - Vũng Tàu");
    assert_eq!(read.dataset.values("transparency").unwrap(), &[Some(6.96 - 0.4), Some(7.25), Some(7.34 - 0.4)]);
}
