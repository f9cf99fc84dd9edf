//! Uncertainty of rank changes across unit changes: a renamed unit is compared with its
//! predecessor, a unit merged away is reported as such, and the nominal change is the
//! published one.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chiso::uncertainty::{rank_changes, rank_changes_mapped, UncertainInput, UncertaintyOptions};
use chiso::{presets, CsvOptions, Dataset, UnitMapping};

/// PCI 2017–2018 with Nam Định spelt as a new name in 2018, and a mapping saying so.
fn renamed() -> (Dataset, UnitMapping) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/pci/pci_subindices.csv");
    let text = std::fs::read_to_string(path).unwrap().replace("2018,Nam Định,", "2018,Nam Định mới,");
    let options = CsvOptions { unit_column: "province".into(), ..Default::default() };
    let mapping = UnitMapping::from_csv_str("old,new,effective\nNam Định,Nam Định mới,2018-01-01\n").unwrap();
    (Dataset::from_csv_str(&text, &options).unwrap(), mapping)
}

#[test]
fn a_renamed_unit_keeps_its_published_change() {
    let (data, mapping) = renamed();
    let pci = presets::get("pci").unwrap();
    let inputs = [UncertainInput::Weights { pm: 0.2, groups: vec![] }];
    let options = UncertaintyOptions { samples: 200, seed: 17 };
    let mapped = rank_changes_mapped(&pci, &data, 2017, 2018, &inputs, &options, Some(&mapping)).unwrap();
    let nd = mapped.changes.iter().find(|c| c.unit == "Nam Định mới").unwrap();
    // Published: 41st in 2017, 35th in 2018 (+6 places).
    assert_eq!((nd.rank_from, nd.rank_to, nd.change), (41, 35, 6));
    assert!(nd.note.as_deref().unwrap().contains("renamed Nam Định mới"));
    assert_eq!(mapped.changes.len(), 63);
    assert!(mapped.only_from.is_empty() && mapped.only_to.is_empty());

    // Without the mapping the two names are not matched, and say so, rather than guessing.
    let plain = rank_changes(&pci, &data, 2017, 2018, &inputs, &options).unwrap();
    assert_eq!(plain.changes.len(), 62);
    assert_eq!(
        (plain.only_from.as_slice(), plain.only_to.as_slice()),
        (&["Nam Định".to_owned()][..], &["Nam Định mới".to_owned()][..])
    );
    // Every other unit's numbers are the same either way (same seed, same samples).
    for c in &plain.changes {
        assert_eq!(Some(c), mapped.changes.iter().find(|m| m.unit == c.unit));
    }
}

/// PCI 2006 → 2013 through the shipped mapping: Hà Tây, merged into Hà Nội in 2008, is in
/// `only_from`; Hà Nội is compared with its own 2006 rank and noted as having absorbed it.
#[test]
fn a_merger_across_the_shipped_mapping() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/pci/pci_subindices.csv");
    let data =
        Dataset::from_csv_path(path, &CsvOptions { unit_column: "province".into(), ..Default::default() }).unwrap();
    let pci = presets::get("pci").unwrap();
    let inputs = [UncertainInput::Weights { pm: 0.1, groups: vec![] }];
    let options = UncertaintyOptions { samples: 100, seed: 1 };
    let mapping = UnitMapping::vietnam_provinces();
    let r = rank_changes_mapped(&pci, &data, 2006, 2013, &inputs, &options, Some(&mapping)).unwrap();
    assert_eq!(r.only_from, ["Hà Tây"]);
    let hn = r.changes.iter().find(|c| c.unit == "Hà Nội").unwrap();
    assert!(hn.note.as_deref().unwrap().contains("absorbed Hà Tây"));
    let compared = chiso::compare_mapped(&pci, &data, 2006, 2013, Some(&mapping)).unwrap();
    let row = compared.rows.iter().find(|c| c.unit == "Hà Nội").unwrap();
    assert_eq!(Some(hn.change), row.rank_change);
}
