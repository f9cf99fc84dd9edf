//! Comparisons across unit changes: the shipped mapping of Vietnam's provinces, 2004–2025.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chiso::units::{ChangeKind, Successor};
use chiso::{compare_mapped, presets, CsvOptions, Dataset, Presence, UnitMapping};

#[test]
fn the_shipped_mapping_has_every_change() {
    let m = UnitMapping::vietnam_provinces();
    let count = |k: ChangeKind| m.changes().iter().filter(|c| c.kind == k).count();
    // 2004: three splits (6 rows); 2008: one merger (2 rows); 2025: Huế renamed twice over
    // (January city status, listed again in July) and 52 units merged into 23.
    assert_eq!(count(ChangeKind::Split), 6);
    assert_eq!(count(ChangeKind::Merge), 2 + 52);
    let merged_2025: std::collections::HashSet<&str> = m
        .changes()
        .iter()
        .filter(|c| c.effective == "2025-07-01" && c.kind == ChangeKind::Merge)
        .map(|c| c.new.as_str())
        .collect();
    assert_eq!(merged_2025.len(), 23);
}

#[test]
fn successors_follow_merges_splits_and_renames() {
    let m = UnitMapping::vietnam_provinces();
    assert_eq!(
        m.successor("Hà Tây", 2006, 2013),
        Successor::MergedInto { name: "Hà Nội".into(), effective: "2008-08-01".into() }
    );
    match m.successor("Hà Nội", 2006, 2013) {
        Successor::Continues { name, note } => {
            assert_eq!(name, "Hà Nội");
            assert_eq!(note.as_deref(), Some("absorbed Hà Tây on 2008-08-01"));
        }
        other => panic!("{other:?}"),
    }
    // No change between 2013 and 2016.
    assert_eq!(m.successor("Hà Tây", 2013, 2016), Successor::Continues { name: "Hà Tây".into(), note: None });
    match m.successor("Thừa Thiên Huế", 2024, 2026) {
        Successor::Continues { name, .. } => assert_eq!(name, "Huế"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        m.successor("Hà Giang", 2024, 2026),
        Successor::MergedInto { name: "Tuyên Quang".into(), effective: "2025-07-01".into() }
    );
    assert_eq!(m.origin("Hậu Giang", 2003, 2006).as_deref(), Some("split from Cần Thơ on 2004-01-01"));
}

#[test]
fn comparing_2006_with_2013_reports_the_merger_instead_of_dropping_ha_tay() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/pci/pci_subindices.csv");
    let data =
        Dataset::from_csv_path(path, &CsvOptions { unit_column: "province".into(), ..CsvOptions::default() }).unwrap();
    let pci = presets::get("pci").unwrap();
    let mapping = UnitMapping::vietnam_provinces();
    let cmp = compare_mapped(&pci, &data, 2006, 2013, Some(&mapping)).unwrap();
    assert_eq!(cmp.rows.len(), 64);
    let ha_tay = cmp.rows.iter().find(|c| c.unit == "Hà Tây").unwrap();
    assert_eq!(ha_tay.presence, Presence::OnlyFrom);
    assert_eq!(ha_tay.note.as_deref(), Some("merged into Hà Nội on 2008-08-01"));
    let ha_noi = cmp.rows.iter().find(|c| c.unit == "Hà Nội").unwrap();
    assert_eq!(ha_noi.presence, Presence::Both);
    assert_eq!(ha_noi.note.as_deref(), Some("absorbed Hà Tây on 2008-08-01"));
    assert!(cmp.rows.iter().filter(|c| c.unit != "Hà Tây").all(|c| c.presence == Presence::Both));
}

#[test]
fn a_mapping_file_without_change_types_infers_them() {
    let text =
        "old_province,new_province,effective_date\nA,A,2025-07-01\nB,A,2025-07-01\nC,D,2025-07-01\nE,E,2025-07-01\n";
    let m = UnitMapping::from_csv_str(text).unwrap();
    let kinds: Vec<(&str, ChangeKind)> = m.changes().iter().map(|c| (c.old.as_str(), c.kind)).collect();
    assert_eq!(kinds, vec![("A", ChangeKind::Merge), ("B", ChangeKind::Merge), ("C", ChangeKind::Rename)]);
    let err = UnitMapping::from_csv_str("old,new,effective_date\nA,B,July 2025\n").unwrap_err().to_string();
    assert_eq!(err, "row 1, column 'effective_date': 'July 2025' is not a date YYYY-MM-DD");
}
