//! The `pci_indicators` preset (PCI 2013–2018 down to its indicators, ids stable across years)
//! against VCCI's published sub-indices, composites and ranks, and its id matching against the
//! printed names (`examples/pci_indicators/pci_indicator_ids.csv`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use chiso::{presets, score_table, CsvOptions, Dataset, ScoreOptions};

fn file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(path)
}

const SUB_INDICES: [&str; 10] = [
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

/// The sub-index-years that are not exact linear functions of their printed indicators
/// (examples/data/pci/README.md; `tests/calibrate.rs` finds them from the data).
fn inexact(year: i32, sub_index: &str) -> bool {
    (year == 2013 && sub_index == "entry_costs")
        || (year >= 2014 && (sub_index == "business_support" || sub_index == "labor_policy"))
}

fn rows(path: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(file(path)).unwrap();
    reader.deserialize::<HashMap<String, String>>().map(Result::unwrap).collect()
}

/// Every year 2013–2018 scored from the indicator table: each exactly linear sub-index is
/// computed from its indicators and matches the published one to 1e-4; the inexact ones take
/// the published column; the composites match to 1e-4 and the ranks exactly.
#[test]
fn every_year_reproduces_published_sub_indices_composites_and_ranks() {
    let definition = presets::get("pci_indicators").unwrap();
    let options = CsvOptions { unit_column: "province".into(), ..CsvOptions::default() };
    let data = Dataset::from_csv_path(file("pci_indicators/pci_indicators_wide.csv"), &options).unwrap();
    let truth: HashMap<(i32, String), HashMap<String, String>> = rows("data/pci/pci_subindices.csv")
        .into_iter()
        .map(|r| ((r["year"].parse().unwrap(), r["province"].clone()), r))
        .collect();
    let mut exact_years = 0;
    for year in 2013..=2018 {
        let spec = definition.resolve(Some(year)).unwrap();
        let table = score_table(&definition, &data, &ScoreOptions { year: Some(year), ..Default::default() }).unwrap();
        assert_eq!(table.units.len(), 63, "{year}");
        let column = |id: &str| table.nodes.iter().position(|n| n == id).unwrap();
        let (mut worst_sub, mut worst_pci): (f64, f64) = (0.0, 0.0);
        for sub in SUB_INDICES {
            let node = spec.nodes().iter().find(|n| n.id == sub).unwrap();
            // Computed from indicators exactly where the fit is exact; a leaf elsewhere.
            assert_eq!(node.children.is_empty(), inexact(year, sub), "{year} {sub}");
            exact_years += usize::from(!inexact(year, sub));
            for (row, unit) in table.units.iter().enumerate() {
                let published: f64 = truth[&(year, unit.clone())][sub].parse().unwrap();
                let got = table.scores[column(sub)][row];
                worst_sub = worst_sub.max((got - published).abs());
                assert!((got - published).abs() <= 1e-4, "{year} {unit} {sub}: {got} vs {published}");
            }
        }
        for (row, unit) in table.units.iter().enumerate() {
            let r = &truth[&(year, unit.clone())];
            let published: f64 = r["pci_published"].parse().unwrap();
            worst_pci = worst_pci.max((table.scores[0][row] - published).abs());
            assert!((table.scores[0][row] - published).abs() <= 1e-4, "{year} {unit}");
            assert_eq!(table.ranks[0][row], r["rank_published"].parse::<u32>().unwrap(), "{year} {unit}");
        }
        // The figures the preset's README quotes.
        assert!(worst_sub < 2e-6, "{year}: largest sub-index difference {worst_sub}");
        assert!(worst_pci < 1e-5, "{year}: largest composite difference {worst_pci}");
    }
    assert_eq!(exact_years, 49);
}

/// Ids and labels: every (year, position) of VCCI's sheets has one id, the edition of that year
/// holds exactly those ids under the right sub-index with the name VCCI printed, and links
/// spot-checked by hand keep their id (across both language switches and the 2018 rewording).
#[test]
fn ids_follow_the_matching_table_and_labels_are_the_printed_names() {
    let definition = presets::get("pci_indicators").unwrap();
    let table = rows("pci_indicators/pci_indicator_ids.csv");
    let names: HashMap<(String, String, String), String> = rows("data/pci/pci_indicator_names.csv")
        .into_iter()
        .map(|r| ((r["year"].clone(), r["sub_index"].clone(), r["indicator_no"].clone()), r["indicator"].clone()))
        .collect();
    assert_eq!(table.len(), names.len());
    let mut id_of = HashMap::new();
    for year in 2013..=2018 {
        let spec = definition.resolve(Some(year)).unwrap();
        let here: Vec<_> = table.iter().filter(|r| r["year"] == year.to_string()).collect();
        let ids: HashSet<&str> = here.iter().map(|r| r["id"].as_str()).collect();
        assert_eq!(ids.len(), here.len(), "{year}: an id used twice");
        let leaves: HashSet<&str> = spec.nodes().iter().filter(|n| n.depth == 2).map(|n| n.id.as_str()).collect();
        let expected: HashSet<&str> =
            here.iter().filter(|r| !inexact(year, &r["sub_index"])).map(|r| r["id"].as_str()).collect();
        assert_eq!(leaves, expected, "{year}");
        for r in &here {
            let key = (r["year"].clone(), r["sub_index"].clone(), r["indicator_no"].clone());
            assert_eq!(r["indicator"], names[&key]);
            id_of.insert((year, r["sub_index"].clone(), r["indicator_no"].parse::<u32>().unwrap()), r["id"].clone());
            if let Some(node) = spec.nodes().iter().find(|n| n.id == r["id"]) {
                assert_eq!(node.label.en, names[&key], "{year} {}", r["id"]);
                assert_eq!(spec.nodes()[node.parent.unwrap()].id, r["sub_index"]);
            }
        }
    }
    let same = |sub: &str, a: (i32, u32), b: (i32, u32)| {
        assert_eq!(id_of[&(a.0, sub.to_owned(), a.1)], id_of[&(b.0, sub.to_owned(), b.1)], "{sub} {a:?} {b:?}");
    };
    // Business re-registration days: 2013 #2 (English), 2014 #3 (Vietnamese), 2017 and 2018 #2.
    same("entry_costs", (2013, 2), (2014, 3));
    same("entry_costs", (2014, 3), (2016, 2));
    same("entry_costs", (2016, 2), (2018, 2));
    // Budget documents detailed enough: 2013 #9 → 2016 #9 → 2017 #3 (coefficient equal).
    same("transparency", (2013, 9), (2017, 3));
    // "Ratio of economic cases solved": 2014 #12 ("new in 2014") → 2017 #13 → 2018 #13.
    same("legal_institutions", (2014, 12), (2018, 13));
    // Expropriation risk: the 2017 scale runs the other way, so it is a new id.
    assert_ne!(id_of[&(2016, "land_access".into(), 3)], id_of[&(2017, "land_access".into(), 3)]);
}

/// The edition fields the preset relies on, on a hand-computed case: `nodes` replaces a node's
/// rescaling and label for the edition, and `leaves` makes a group take its own
/// column; the base tree is untouched in other years and the definition round-trips as JSON.
#[test]
fn edition_nodes_and_leaves() {
    let toml = r#"
id = "demo"
root = "total"
[[nodes]]
id = "total"
children = ["g", "c"]
[[nodes]]
id = "g"
children = ["a", "b"]
[[nodes]]
id = "a"
label = { vi = "A gốc", en = "A base" }
normalise = { method = "min_max", low = 0, high = 10, min = 0, max = 100 }
[[nodes]]
id = "b"
[[nodes]]
id = "c"
[[editions]]
from = 2020
to = 2020
[[editions.nodes]]
id = "a"
normalise = { method = "min_max", low = 0, high = 10, min = 0, max = 50 }
label = { vi = "A năm 2020", en = "A in 2020" }
[[editions]]
from = 2021
to = 2021
leaves = ["g"]
[[editions]]
from = 2022
to = 2022
"#;
    let definition = chiso::IndexDefinition::from_toml(toml).unwrap();
    assert_eq!(chiso::IndexDefinition::from_json(&definition.to_json()).unwrap(), definition);
    let data = Dataset::from_csv_str(
        "unit,year,a,b,c,g\nX,2020,20,4,6,9\nX,2021,20,4,6,9\nX,2022,20,4,6,9\n",
        &CsvOptions::default(),
    )
    .unwrap();
    let value = |year: i32, id: &str| {
        let t = score_table(&definition, &data, &ScoreOptions { year: Some(year), ..Default::default() }).unwrap();
        t.scores[t.nodes.iter().position(|n| n == id).unwrap()][0]
    };
    // 2020: a = 20 on 0–50 → 4; g = (4 + 4) / 2 = 4; total = (4 + 6) / 2 = 5.
    assert_eq!((value(2020, "g"), value(2020, "total")), (4.0, 5.0));
    // 2021: g is a leaf and takes its column, 9; total = (9 + 6) / 2 = 7.5.
    assert_eq!((value(2021, "g"), value(2021, "total")), (9.0, 7.5));
    // 2022: the base tree, a = 20 on 0–100 → 2; g = 3; total = 4.5.
    assert_eq!((value(2022, "g"), value(2022, "total")), (3.0, 4.5));
    let label = |year: i32| {
        let spec = definition.resolve(Some(year)).unwrap();
        spec.nodes().iter().find(|n| n.id == "a").map(|n| n.label.en.clone())
    };
    assert_eq!(label(2020).as_deref(), Some("A in 2020"));
    assert_eq!(label(2021), None);
    assert_eq!(label(2022).as_deref(), Some("A base"));
}

/// The npm package's `data/pci_indicators.json` (copied by `bindings/wasm/build.sh`): each
/// year's edition of the preset resolved into a spec of its own, without the node ranges —
/// the WebAssembly modules, built without `indicator-presets`, read neither editions' `nodes`
/// and `leaves` nor `range`. `CHISO_BLESS=1` rewrites the file; otherwise it must be current.
#[test]
fn the_per_year_specs_of_the_js_package_are_current() {
    let definition = presets::get("pci_indicators").unwrap();
    let mut years = serde_json::Map::new();
    for year in 2013..=2018 {
        let spec = definition.resolve(Some(year)).unwrap();
        let mut value: serde_json::Value = serde_json::from_str(&spec.to_json()).unwrap();
        for node in value["nodes"].as_array_mut().unwrap() {
            node.as_object_mut().unwrap().remove("range");
        }
        // Read back without ranges, it is the same tree and scores the same way.
        let back = chiso::IndexDefinition::from_json(&value.to_string()).unwrap().resolve(Some(year)).unwrap();
        assert_eq!(back.nodes().len(), spec.nodes().len());
        assert!(back
            .nodes()
            .iter()
            .zip(spec.nodes())
            .all(|(a, b)| a.id == b.id && a.normalise == b.normalise && a.weight == b.weight && a.label == b.label));
        years.insert(year.to_string(), value);
    }
    let text = serde_json::to_string(&serde_json::Value::Object(years)).unwrap() + "\n";
    let path = file("pci_indicators/pci_indicators_by_year.json");
    if std::env::var_os("CHISO_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{} is out of date: CHISO_BLESS=1 cargo test -p chiso --test pci_indicators",
        path.display()
    );
}
