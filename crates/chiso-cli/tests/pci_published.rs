//! The PCI check of the CLI contract, inside the project: the logic of CI's
//! `../shared/tools/check_pci_cli.py`, against the bundled published tables
//! (`examples/data/pci/pci_subindices.csv`), so a clone on its own tests the same.
//!
//! Each year of the table is written as its own CSV (`unit`, `year` and the sub-indices that
//! year has), fed to `chiso score --index pci --input F --year Y --format csv`, and every
//! province's unrounded composite must be within 1e-4 of the published one and its rank exactly
//! the published rank. The output is read as the script reads it: by column name.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::Command;

const IDS: [&str; 10] = [
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

fn table() -> Vec<HashMap<String, String>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/pci/pci_subindices.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| header.iter().zip(r.unwrap().iter()).map(|(h, v)| (h.into(), v.into())).collect())
        .collect()
}

#[test]
fn every_published_province_and_year_through_the_command_line() {
    let mut years: BTreeMap<String, Vec<HashMap<String, String>>> = BTreeMap::new();
    for row in table() {
        years.entry(row["year"].clone()).or_default().push(row);
    }
    let dir = std::env::temp_dir().join(format!("chiso-pci-published-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (mut total, mut problems) = (0, Vec::new());
    for (year, rows) in &years {
        let ids: Vec<&str> = IDS.iter().copied().filter(|id| !rows[0][*id].is_empty()).collect();
        let path = dir.join(format!("{year}.csv"));
        let mut writer = csv::Writer::from_path(&path).unwrap();
        writer.write_record(["unit", "year"].iter().chain(&ids)).unwrap();
        for r in rows {
            let cells = [r["province"].as_str(), year.as_str()].into_iter().chain(ids.iter().map(|id| r[*id].as_str()));
            writer.write_record(cells).unwrap();
        }
        writer.flush().unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_chiso"))
            .args(["score", "--index", "pci", "--input", path.to_str().unwrap(), "--year", year, "--format", "csv"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{year}: {}", String::from_utf8_lossy(&out.stderr));
        let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
        let header = reader.headers().unwrap().clone();
        let got: HashMap<String, HashMap<String, String>> = reader
            .records()
            .map(|r| {
                let r: HashMap<String, String> =
                    header.iter().zip(r.unwrap().iter()).map(|(h, v)| (h.into(), v.into())).collect();
                (r["unit"].clone(), r)
            })
            .collect();
        assert_eq!(got.len(), rows.len(), "{year}: one output row per province");
        for r in rows {
            total += 1;
            let Some(g) = got.get(&r["province"]) else {
                problems.push(format!("{year} {}: missing in output", r["province"]));
                continue;
            };
            let (score, published): (f64, f64) = (g["score"].parse().unwrap(), r["pci_published"].parse().unwrap());
            if (score - published).abs() > 1e-4 {
                problems.push(format!("{year} {}: score {score} vs {published}", r["province"]));
            }
            let (rank, published): (f64, f64) = (g["rank"].parse().unwrap(), r["rank_published"].parse().unwrap());
            if rank != published {
                problems.push(format!("{year} {}: rank {rank} vs {published}", r["province"]));
            }
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
    // The bundled table: PCI 2006 (64 provinces) and 2013–2018 (63 each).
    assert_eq!(
        years.keys().map(String::as_str).collect::<Vec<_>>(),
        ["2006", "2013", "2014", "2015", "2016", "2017", "2018"]
    );
    assert_eq!(total, 442);
    assert!(problems.is_empty(), "{} of {total} rows differ:\n{}", problems.len(), problems.join("\n"));
}
