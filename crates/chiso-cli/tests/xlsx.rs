//! The check on workbooks: `chiso score --index pci --input PCI_2018.xlsx --sheet
//! Summary --unit-column Province --year 2018` reproduces the published composites and ranks
//! (`examples/data/pci/pci_subindices.csv`); the 2014 summary (`Summary_VN`, provinces in
//! Vietnamese, each column sorted on its own) too; `--output x.xlsx` writes a workbook that
//! reads back with the same numbers. Bundled copies of VCCI's summary sheets
//! (`tests/data/xlsx/`) always; the published workbooks in `../shared` where present (CI).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chiso::io::xlsx::{read_sheet_path, SheetOptions};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Published (composite, rank) by province for a year.
fn published(year: &str) -> HashMap<String, (f64, u32)> {
    let mut reader = csv::Reader::from_path(root().join("examples/data/pci/pci_subindices.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (y, p, c, r) = (at("year"), at("province"), at("pci_published"), at("rank_published"));
    reader
        .records()
        .map(Result::unwrap)
        .filter(|rec| &rec[y] == year)
        .map(|rec| (rec[p].to_owned(), (rec[c].parse().unwrap(), rec[r].parse().unwrap())))
        .collect()
}

fn chiso(args: &[&str]) -> (String, String, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_chiso")).args(args).current_dir(root()).output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.success())
}

fn check(workbook: &Path, sheet: &str, unit_column: &str, year: &str) {
    let path = workbook.to_str().unwrap();
    let args = ["score", "--index", "pci", "--input", path, "--sheet", sheet, "--unit-column", unit_column];
    let (out, err, ok) = chiso(&[&args[..], &["--year", year, "--format", "csv"]].concat());
    assert!(ok, "{err}");
    let expected = published(year);
    let mut lines = out.lines();
    assert!(lines.next().unwrap().starts_with("unit,year,score,rank"));
    let mut n = 0;
    for line in lines {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(line.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        let (composite, rank) = expected[&record[0]];
        let score: f64 = record[2].parse().unwrap();
        assert!((score - composite).abs() < 2e-5, "{year} {}: {score} vs {composite}", &record[0]);
        assert_eq!(record[3].parse::<u32>().unwrap(), rank, "{year} {}", &record[0]);
        n += 1;
    }
    assert_eq!(n, 63);
    // What the reader decided is reported.
    assert!(err.contains("below the table; not scored"), "{err}");
}

#[test]
fn the_2018_and_2014_summaries_reproduce_the_published_composites_and_ranks() {
    check(&root().join("tests/data/xlsx/PCI_2018_summary.xlsx"), "Summary", "Province", "2018");
    check(&root().join("tests/data/xlsx/PCI_2014_summary.xlsx"), "Summary_VN", "Tỉnh", "2014");
    let shared = root().join("../shared/data/pci/workbooks/PCI_2018.xlsx");
    if shared.exists() {
        check(&shared, "Summary", "Province", "2018");
    }
}

#[test]
fn a_workbook_without_the_year_or_the_sheet_is_a_clear_error() {
    // The year from the file's name, with a note: the command as written.
    let path = "tests/data/xlsx/PCI_2018_summary.xlsx";
    let base = ["score", "--index", "pci", "--input", path, "--unit-column", "Province"];
    let (out, err, ok) = chiso(&base);
    assert!(ok, "{err}");
    assert!(out.starts_with("PCI 2018 —"), "{out}");
    assert!(err.contains("the year 2018 is taken from the file name 'PCI_2018_summary.xlsx'"), "{err}");
    // Without a year in the name either: a clear error.
    let dir = std::env::temp_dir().join(format!("chiso-no-year-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plain = dir.join("summary.xlsx");
    std::fs::copy(root().join(path), &plain).unwrap();
    let (_, err, ok) =
        chiso(&["score", "--index", "pci", "--input", plain.to_str().unwrap(), "--unit-column", "Province"]);
    assert!(!ok);
    assert!(err.contains("sheet 'Summary' has no 'year' column") && err.contains("--year 2018"), "{err}");
    let (_, err, ok) = chiso(&[&base[..], &["--year", "2018", "--sheet", "Tóm tắt"]].concat());
    assert!(!ok);
    assert!(err.contains("the workbook has no sheet 'Tóm tắt'; its sheets: 'Summary'"), "{err}");
}

#[test]
fn output_xlsx_reads_back_with_the_same_numbers() {
    let dir = std::env::temp_dir().join(format!("chiso-cli-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("pci_2018.xlsx");
    let input = "tests/data/xlsx/PCI_2018_summary.xlsx";
    let args = ["score", "--index", "pci", "--input", input, "--sheet", "Summary", "--unit-column", "Province"];
    let (csv, err, ok) =
        chiso(&[&args[..], &["--year", "2018", "--format", "csv", "--output", out.to_str().unwrap()]].concat());
    assert!(ok, "{err}");
    let read =
        read_sheet_path(&out, &SheetOptions { sheet: Some("Index".into()), ..Default::default() }, None).unwrap();
    let (scores, ranks) = (read.dataset.values("pci").unwrap(), read.dataset.values("pci_rank").unwrap());
    let expected = published("2018");
    for (i, line) in csv.lines().skip(1).enumerate() {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(read.dataset.units()[i], fields[0].trim_matches('"'));
        // The CSV prints the shortest exact decimal: the workbook's cell is the same f64.
        assert_eq!(scores[i], Some(fields[2].parse::<f64>().unwrap()));
        assert_eq!(ranks[i], Some(f64::from(expected[&read.dataset.units()[i]].1)));
    }
    let (_, err, ok) =
        chiso(&[&args[..], &["--year", "2018", "--output", dir.join("x.csv").to_str().unwrap()]].concat());
    assert!(!ok && err.contains("must end in .xlsx"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
