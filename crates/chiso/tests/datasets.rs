//! The bundled datasets (`datasets` feature): each file's columns and rows are the ones its
//! description names, the PCI table holds every published year with its composite and rank,
//! the tables score, and the npm package's index (`bindings/wasm/datasets.json`) is up to date
//! (`CHISO_BLESS=1 cargo test -p chiso --features datasets --test datasets` rewrites it).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use chiso::{datasets, presets, score, CsvOptions, DataError, ScoreOptions};

fn records(name: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let csv = datasets::load(name).unwrap().csv();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    (header, reader.records().map(Result::unwrap).collect())
}

#[test]
fn every_dataset_has_the_columns_and_rows_it_describes() {
    let names: Vec<_> = datasets::list().iter().map(|d| d.name).collect();
    assert_eq!(
        names,
        [
            "pci",
            "pci_top_2019_2020",
            "pci_indicators",
            "pci_indicator_names",
            "papi",
            "papi_subdimensions",
            "asem",
            "asem_meta",
            "provinces_2025",
            "provinces_2008"
        ]
    );
    for info in datasets::list() {
        let (header, rows) = records(info.name);
        let described: Vec<_> = info.columns.iter().map(|c| c.name).collect();
        assert_eq!(header, described, "{}", info.name);
        assert_eq!(rows.len(), info.rows, "{}", info.name);
        assert!(!info.source.is_empty() && !info.licence.is_empty() && !info.title.is_empty(), "{}", info.name);
        assert!(info.columns.iter().all(|c| !c.description.is_empty()), "{}", info.name);
    }
}

/// The files are the ones the project tests against, byte for byte.
#[test]
fn datasets_are_the_repository_files() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    for (name, path) in [
        ("pci", "examples/data/pci/pci_subindices.csv"),
        ("pci_indicators", "examples/data/pci/pci_indicators.csv"),
        ("papi", "examples/data/papi/papi_dimensions.csv"),
        ("asem", "tests/coinr/asem_data.csv"),
        ("provinces_2025", "crates/chiso/units/provinces_2025.csv"),
    ] {
        assert_eq!(datasets::load(name).unwrap().csv(), std::fs::read_to_string(root.join(path)).unwrap(), "{name}");
    }
}

#[test]
fn pci_holds_every_published_year_with_composite_and_rank() {
    let (header, rows) = records("pci");
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (year, province, composite, rank) = (at("year"), at("province"), at("pci_published"), at("rank_published"));
    let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
    let mut first: BTreeMap<i32, (String, f64)> = BTreeMap::new();
    for row in &rows {
        let y: i32 = row[year].parse().unwrap();
        *per_year.entry(y).or_default() += 1;
        let value: f64 = row[composite].parse().unwrap();
        let r: u32 = row[rank].parse().unwrap();
        assert!((1..=64).contains(&r) && (30.0..90.0).contains(&value), "{y} {}", &row[province]);
        if r == 1 {
            first.insert(y, (row[province].to_owned(), value));
        }
    }
    assert_eq!(
        per_year,
        BTreeMap::from([(2006, 64), (2013, 63), (2014, 63), (2015, 63), (2016, 63), (2017, 63), (2018, 63)])
    );
    // The leaders as VCCI published them.
    assert_eq!(first[&2006].0, "Bình Dương");
    assert!((first[&2006].1 - 76.23340820540244).abs() < 1e-12);
    assert_eq!(first[&2013].0, "Đà Nẵng");
    assert_eq!(first[&2018].0, "Quảng Ninh");
    assert_eq!(format!("{:.2}", first[&2018].1), "70.36");
}

#[test]
fn pci_scored_with_its_preset_gives_the_published_composites_and_ranks() {
    let pci = datasets::load("pci").unwrap();
    let data = pci.to_dataset(&CsvOptions { unit_column: "province".into(), ..Default::default() }).unwrap();
    let scores = score(&presets::get("pci").unwrap(), &data, &ScoreOptions::default()).unwrap();
    let (header, rows) = records("pci");
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let truth: BTreeMap<(String, i32), (f64, u32)> = rows
        .iter()
        .map(|r| {
            (
                (r[at("province")].to_owned(), r[at("year")].parse().unwrap()),
                (r[at("pci_published")].parse().unwrap(), r[at("rank_published")].parse().unwrap()),
            )
        })
        .collect();
    assert_eq!(scores.rows.len(), 442);
    for row in &scores.rows {
        let (composite, rank) = truth[&(row.unit.clone(), row.year.unwrap())];
        assert!((row.score - composite).abs() < 2e-5, "{} {:?}", row.unit, row.year);
        assert_eq!(row.rank, rank, "{} {:?}", row.unit, row.year);
    }
}

#[test]
fn other_tables_read_as_datasets() {
    let asem = datasets::load("asem").unwrap();
    let data = asem.to_dataset(&CsvOptions { unit_column: "uCode".into(), ..Default::default() }).unwrap();
    assert_eq!(data.len(), 51);
    let papi = datasets::load("papi").unwrap();
    let data = papi.to_dataset(&CsvOptions { unit_column: "province".into(), ..Default::default() }).unwrap();
    assert_eq!(data.len(), 560);
    let (header, rows) = records("papi");
    let year = header.iter().position(|h| h == "year").unwrap();
    let years: BTreeSet<i32> = rows.iter().map(|r| r[year].parse().unwrap()).collect();
    assert_eq!(years, BTreeSet::from([2011, 2012, 2013, 2016, 2019, 2021, 2022, 2023, 2024]));
}

#[test]
fn an_unknown_name_lists_the_known_ones() {
    let error = datasets::load("PCI").unwrap_err();
    assert!(matches!(&error, DataError::UnknownDataset { name, .. } if name == "PCI"));
    assert_eq!(error.variant(), "UnknownDataset");
    assert_eq!(
        error.to_string(),
        "no bundled dataset 'PCI'; available datasets: pci, pci_top_2019_2020, pci_indicators, \
         pci_indicator_names, papi, papi_subdimensions, asem, asem_meta, provinces_2025, provinces_2008"
    );
}

/// The npm package reads the descriptions from `bindings/wasm/datasets.json` (its CSV files
/// are copied beside it by build.sh): the file must equal the core's list.
#[test]
fn the_npm_index_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bindings/wasm/datasets.json");
    let expected = serde_json::to_string_pretty(datasets::list()).unwrap() + "\n";
    if std::env::var_os("CHISO_BLESS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "{} is out of date: run CHISO_BLESS=1 cargo test -p chiso --features datasets --test datasets",
        path.display()
    );
}
