//! Every bad input gets a specific error naming what is wrong, never a panic.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chiso::{presets, score, CsvOptions, Dataset, Error, IndexDefinition, ScoreOptions};

fn spec_err(toml: &str) -> String {
    match IndexDefinition::from_toml(toml) {
        Ok(_) => panic!("expected a spec error for:\n{toml}"),
        Err(e) => e.to_string(),
    }
}

fn assert_contains(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(message.contains(part), "'{message}' lacks '{part}'");
    }
}

const HEAD: &str = "id = \"demo\"\nroot = \"total\"\n";

#[test]
fn spec_tree_errors_name_the_node() {
    let cases: &[(&str, &[&str])] = &[
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\", \"a\"]\n[[nodes]]\nid = \"a\"\n[[nodes]]\nid = \"a\"\n", &["'a' is used twice"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\", \"zz\"]\n[[nodes]]\nid = \"a\"\n", &["node 'total' refers to node 'zz'", "not defined"]),
        ("[[nodes]]\nid = \"other\"\n", &["the root refers to node 'total'"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\", \"b\"]\n[[nodes]]\nid = \"a\"\nweight = -2\n[[nodes]]\nid = \"b\"\n", &["node 'a' has weight -2"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\", \"b\"]\n[[nodes]]\nid = \"a\"\nweight = 0\n[[nodes]]\nid = \"b\"\nweight = 0\n", &["all children of node 'total' have weight zero"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\nweight = nan\n", &["node 'a' has a non-finite weight"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\naggregation = \"weighted_mean\"\n", &["node 'a' declares an aggregation but has no children"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\nchildren = [\"b\"]\n[[nodes]]\nid = \"b\"\nchildren = [\"a\"]\n", &["cycle", "a -> b -> a"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"total\"]\n", &["cycle", "total -> total"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\", \"b\"]\n[[nodes]]\nid = \"a\"\nchildren = [\"c\"]\n[[nodes]]\nid = \"b\"\nchildren = [\"c\"]\n[[nodes]]\nid = \"c\"\n", &["node 'c' is a child of both 'a' and 'b'"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\n[[nodes]]\nid = \"stray\"\n", &["node 'stray' is not reachable from the root 'total'"]),
        ("[[nodes]]\nid = \"total\"\naggregation = \"average\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\n", &["node 'total'", "unknown aggregation method 'average'", "weighted_mean"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\nnormalise = { method = \"zscore\" }\n", &["node 'a'", "unknown normalisation method 'zscore'", "min_max"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\ndirection = \"up\"\n", &["node 'a'", "unknown direction method 'up'"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\ndirection = \"lower_is_better\"\n", &["node 'a' is lower-is-better but has no normalisation"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\nscale = { min = 10, max = 1 }\n", &["node 'a'", "scale minimum 10 must be below its maximum 1"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\nnormalise = { method = \"min_max\" }\n", &["node 'a'", "min_max needs a target range"]),
        ("rank = { on = \"rounded\" }\n[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\n", &["needs 'decimals'"]),
        ("rank = { ties = \"olympic\" }\n[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\n", &["unknown ties method 'olympic'", "competition, dense"]),
        ("[[tiers]]\nrule = \"quantiles\"\nbands = [{ label = { vi = \"A\" } }]\n[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\n", &["unknown tier rule method 'quantiles'"]),
        ("[[tiers]]\nrule = \"score_bands\"\nbands = [{ min = 50, label = { vi = \"A\" } }, { min = 60, label = { vi = \"B\" } }]\n[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\n", &["strictly decreasing", "'B'"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\nwieght = 3\n[[nodes]]\nid = \"a\"\n", &["toml", "unknown field `wieght`", "line 6"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\", \"b\"]\n[[nodes]]\nid = \"a\"\n[[nodes]]\nid = \"b\"\n[[editions]]\nfrom = 2010\nto = 2015\n[[editions]]\nfrom = 2015\nto = 2020\n", &["edition 2015–2020 overlaps edition 2010–2015"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\", \"b\"]\n[[nodes]]\nid = \"a\"\n[[nodes]]\nid = \"b\"\n[[editions]]\nfrom = 2010\nto = 2015\nremove = [\"a\", \"b\"]\n", &["node 'total' has no children left in this edition"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\n[[editions]]\nfrom = 2010\nto = 2015\nweights = { zz = 3 }\n", &["edition 2010–2015 refers to node 'zz'"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\n[[editions]]\nfrom = 2010\nto = 2015\nleaves = [\"zz\"]\n", &["edition 2010–2015 refers to node 'zz'"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\n[[editions]]\nfrom = 2010\nto = 2015\n[[editions.nodes]]\nid = \"zz\"\nlabel = { vi = \"Z\", en = \"Z\" }\n", &["edition 2010–2015 refers to node 'zz'"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\n[[editions]]\nfrom = 2010\nto = 2015\n[[editions.nodes]]\nid = \"a\"\nweight = 3\n", &["edition 2010–2015 changes the weight of node 'a'", "change only label and normalise"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\n[[editions]]\nfrom = 2010\nto = 2015\n[[editions.nodes]]\nid = \"a\"\nnormalise = { method = \"min_max\" }\n", &["node 'a'", "min_max needs a target range"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\n[[editions]]\nfrom = 2010\nto = 2015\nleaves = [\"total\"]\n", &["edition 2010–2015 lists node 'total' under leaves", "the root is always computed"]),
        ("[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\n[[editions]]\nfrom = 2010\nto = 2015\nleaves = [\"a\"]\n", &["lists node 'a' under leaves, but it has no children"]),
    ];
    for (body, parts) in cases {
        assert_contains(&spec_err(&format!("{HEAD}{body}")), parts);
    }
}

/// Weights each finite whose sum is not (1e308 + 1e308 = inf): a weighted mean would divide by
/// infinity and give 0 for every unit. Also through an edition's weights, and for the maximum a
/// weighted sum derives from its children's.
#[test]
fn weights_whose_sum_is_not_finite_are_refused() {
    let two = "[[nodes]]\nid = \"total\"\nchildren = [\"a\", \"b\"]\n[[nodes]]\nid = \"a\"\nweight = 1e308\n[[nodes]]\nid = \"b\"\nweight = 1e308\n";
    let error = IndexDefinition::from_toml(&format!("{HEAD}{two}")).unwrap_err();
    assert_eq!(error.variant(), "NonFinite");
    assert_eq!(error.location().node.as_deref(), Some("total"));
    assert_eq!(error.to_string(), "node 'total' has a non-finite sum of its children's weights; give a finite number");

    // Fine in the base tree, overflowing in the 2010–2015 edition only.
    let edition = "[[nodes]]\nid = \"total\"\nchildren = [\"a\", \"b\"]\n[[nodes]]\nid = \"a\"\nweight = 1e308\n[[nodes]]\nid = \"b\"\n[[editions]]\nfrom = 2010\nto = 2015\nweights = { b = 1.5e308 }\n";
    assert_contains(
        &spec_err(&format!("{HEAD}{edition}")),
        &["node 'total' has a non-finite sum of its children's weights"],
    );

    // A weighted sum of points: 1e300 points × weight 1e10 overflows the derived maximum.
    let points = "[[nodes]]\nid = \"total\"\naggregation = \"weighted_sum\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\nweight = 1e10\nmax = 1e300\n";
    assert_contains(
        &spec_err(&format!("{HEAD}{points}")),
        &["node 'total' has a non-finite maximum (the weighted sum of its children's maxima)"],
    );

    // Large but finite sums are fine: only the ratios matter to a weighted mean.
    let large = "[[nodes]]\nid = \"total\"\nchildren = [\"a\", \"b\"]\n[[nodes]]\nid = \"a\"\nweight = 1e300\n[[nodes]]\nid = \"b\"\nweight = 1e300\n";
    let definition = IndexDefinition::from_toml(&format!("{HEAD}{large}")).unwrap();
    let data = Dataset::from_csv_str("unit,a,b\nX,1,3\nY,2,2\n", &CsvOptions::default()).unwrap();
    let scores = score(&definition, &data, &ScoreOptions::default()).unwrap();
    assert_eq!(scores.rows.iter().map(|r| r.score).collect::<Vec<_>>(), [2.0, 2.0]);
}

#[test]
fn hostile_trees_are_refused_without_exhausting_the_stack() {
    let mut deep = String::from(HEAD);
    for i in 0..10_000 {
        let id = if i == 0 { "total".to_owned() } else { format!("n{i}") };
        deep.push_str(&format!("[[nodes]]\nid = \"{id}\"\nchildren = [\"n{}\"]\n", i + 1));
    }
    deep.push_str("[[nodes]]\nid = \"n10000\"\n");
    assert_contains(&spec_err(&deep), &["at depth 65", "at most 64 levels"]);

    let children: Vec<String> = (0..200_000).map(|i| format!("\"c{i}\"")).collect();
    let json_nodes: Vec<String> = (0..200_000).map(|i| format!("{{\"id\":\"c{i}\"}}")).collect();
    let json = format!(
        "{{\"id\":\"x\",\"root\":\"total\",\"nodes\":[{{\"id\":\"total\",\"children\":[{}]}},{}]}}",
        children.join(","),
        json_nodes.join(",")
    );
    let err = IndexDefinition::from_json(&json).unwrap_err().to_string();
    assert_contains(&err, &["200001 nodes", "at most 100000"]);
}

#[test]
fn json_parse_errors_give_line_and_column() {
    let err = IndexDefinition::from_json("{\"id\": \"x\",\n \"root\": }").unwrap_err().to_string();
    assert_contains(&err, &["json", "line 2"]);
}

fn pci_csv(rows: &str) -> String {
    format!("unit,year,entry_costs,land_access,transparency,time_costs,informal_charges,policy_bias,proactivity,business_support,labor_policy,legal_institutions\n{rows}")
}

const QN: &str = "Quảng Ninh,2019,7.16,7.00,7.20,7.89,7.10,7.69,7.96,6.68,7.95,7.58\n";

fn score_csv(text: &str) -> Result<chiso::Scores, Error> {
    let data = Dataset::from_csv_str(text, &CsvOptions::default())?;
    score(&presets::get("pci").unwrap(), &data, &ScoreOptions::default())
}

fn data_err(text: &str) -> String {
    match score_csv(text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => {
            assert_eq!(e.kind(), "data", "{e}");
            e.to_string()
        }
    }
}

#[test]
fn data_errors_name_row_unit_and_column() {
    let cases: Vec<(String, &[&str])> = vec![
        (String::new(), &["the input is empty"]),
        ("unit,year,entry_costs\n".into(), &["a header but no data rows"]),
        (pci_csv(&format!("{QN}{QN}")), &["row 2: unit 'Quảng Ninh' in 2019 appears again (first at row 1)"]),
        (
            pci_csv(&QN.replace("7.10", "11.1")),
            &["row 1 (Quảng Ninh), column 'informal_charges': 11.1 is outside the scale 1–10"],
        ),
        (pci_csv(&QN.replace("7.10", "0.5")), &["0.5 is outside the scale 1–10"]),
        (
            pci_csv(&QN.replace("7.10", "abc")),
            &["row 1 (Quảng Ninh), column 'informal_charges': 'abc' is not a number"],
        ),
        (pci_csv(&QN.replace("7.10", "NaN")), &["'NaN' is not a number", "leave the cell empty"]),
        (pci_csv(&QN.replace("7.10", "inf")), &["'inf' is not a number"]),
        (pci_csv(&QN.replace("7.10", "")), &["row 1 (Quảng Ninh), column 'informal_charges': the value is missing"]),
        (pci_csv(&QN.replace("7.10", "\"7,10\"")), &["decimal comma in a ','-separated file"]),
        (pci_csv(&QN.replace("2019", "2019b")), &["row 1, column 'year': '2019b' is not a year"]),
        (pci_csv(&QN.replace("2019", "2003")), &[]),
        (pci_csv(&QN.replace(",7.58", "")), &["line 2: the row has 11 fields but the header has 12"]),
        (pci_csv(&QN.replace("Quảng Ninh", " ")), &["row 1: the unit name in column 'unit' is empty"]),
        (QN.replace("Quảng Ninh,2019,", "province,year,").replace(".", "_"), &["missing column 'unit'", "unit-column"]),
        (pci_csv(QN).replace(",legal_institutions", ",legal_x"), &["missing column 'legal_institutions'"]),
        (
            pci_csv(QN).replace("unit,year,entry_costs", "unit,year,entry_costs,entry_costs") + "",
            &["column 'entry_costs' appears twice"],
        ),
    ];
    for (text, parts) in &cases {
        if parts.is_empty() {
            // A year without an edition is a spec error, tested below.
            continue;
        }
        assert_contains(&data_err(text), parts);
    }
    let err = score_csv(&pci_csv(&QN.replace("2019", "2003"))).unwrap_err();
    assert_eq!(err.kind(), "spec");
    assert_contains(&err.to_string(), &["no edition for 2003"]);
}

#[test]
fn semicolon_files_accept_decimal_commas_and_reject_thousands_separators() {
    let header = "\u{feff}unit;year;entry_costs;land_access;transparency;time_costs;informal_charges;policy_bias;proactivity;business_support;labor_policy;legal_institutions\n";
    let good = format!("{header}Quảng Ninh;2019;7,16;7,00;7,20;7,89;7,10;7,69;7,96;6,68;7,95;7,58\n");
    let scores = score_csv(&good).unwrap();
    assert!((scores.rows[0].score - 73.40).abs() < 0.055);
    let mixed = good.replace("7,16", "1.007,16");
    assert_contains(&data_err(&mixed), &["'1.007,16' is not a number", "thousands separators"]);
}

#[test]
fn invalid_utf8_names_the_line() {
    let mut bytes = pci_csv(QN).into_bytes();
    bytes.extend_from_slice(b"H\xe0 N\xf4i,2019,1,1,1,1,1,1,1,1,1,1\n");
    let err = Dataset::from_csv_bytes(&bytes, &CsvOptions::default()).unwrap_err().to_string();
    assert_contains(&err, &["line 3", "not valid UTF-8"]);
}

#[test]
fn unit_names_are_trimmed_and_nfc_normalised() {
    let nfd = "Qua\u{309}ng Ninh"; // "Quảng" with a combining hook above
    let scores = score_csv(&pci_csv(&QN.replace("Quảng Ninh", &format!("  {nfd} ")))).unwrap();
    assert_eq!(scores.rows[0].unit, "Quảng Ninh");
    // The NFD and NFC spellings are the same unit: a duplicate.
    let both = format!("{QN}{}", QN.replace("Quảng Ninh", nfd));
    assert_contains(&data_err(&pci_csv(&both)), &["appears again"]);
}

#[test]
fn strict_mode_rejects_columns_that_are_not_nodes() {
    let text = pci_csv(QN).replace("unit,year,", "unit,year,note,").replace("2019,", "2019,x,");
    let data = Dataset::from_csv_str(&text, &CsvOptions::default()).unwrap();
    let pci = presets::get("pci").unwrap();
    assert!(score(&pci, &data, &ScoreOptions::default()).is_ok(), "non-node columns are ignored by default");
    let err = score(&pci, &data, &ScoreOptions { strict: true, ..Default::default() }).unwrap_err().to_string();
    assert_contains(&err, &["column 'note' is not a node of index 'pci'"]);
}

#[test]
fn compute_errors_name_the_node() {
    let spec = IndexDefinition::from_toml(&format!(
        "{HEAD}[[nodes]]\nid = \"total\"\naggregation = \"geometric_mean\"\nchildren = [\"a\", \"b\"]\n\
         [[nodes]]\nid = \"a\"\n[[nodes]]\nid = \"b\"\n"
    ))
    .unwrap();
    let data = Dataset::from_csv_str("unit,a,b\nX,1,0\nY,2,3\n", &CsvOptions::default()).unwrap();
    let err = score(&spec, &data, &ScoreOptions::default()).unwrap_err();
    assert_eq!(err.kind(), "compute");
    assert_contains(
        &err.to_string(),
        &["node 'total', unit 'X'", "geometric_mean needs values above zero", "'b' is 0"],
    );

    let spec = IndexDefinition::from_toml(&format!(
        "{HEAD}[[nodes]]\nid = \"total\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\nnormalise = {{ method = \"min_max\", low = 1, high = 10 }}\n"
    ))
    .unwrap();
    let data = Dataset::from_csv_str("unit,year,a\nX,2020,5\nY,2020,5\n", &CsvOptions::default()).unwrap();
    let err = score(&spec, &data, &ScoreOptions::default()).unwrap_err().to_string();
    assert_contains(&err, &["node 'a' in 2020", "every unit has the value 5"]);
}

#[test]
fn asking_for_an_absent_year_lists_the_years_present() {
    let data = Dataset::from_csv_str(&pci_csv(QN), &CsvOptions::default()).unwrap();
    let err = score(&presets::get("pci").unwrap(), &data, &ScoreOptions { year: Some(2020), ..Default::default() })
        .unwrap_err()
        .to_string();
    assert_contains(&err, &["no rows for 2020", "years present: 2019"]);
}

#[test]
fn comparing_data_without_a_year_column_is_an_error() {
    let data =
        Dataset::from_csv_str(&pci_csv(QN).replace("unit,year,", "unit,").replace("2019,", ""), &CsvOptions::default())
            .unwrap();
    let err = chiso::compare(&presets::get("pci").unwrap(), &data, 2018, 2019).unwrap_err().to_string();
    assert_contains(&err, &["missing column 'year'", "needs a year column"]);
}
