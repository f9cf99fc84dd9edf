//! The engine from raw indicators: every stage of the pipeline checked against arithmetic
//! done by hand in the comments.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chiso::{score, CellAction, CsvOptions, Dataset, Error, IndexDefinition, ScoreOptions};

fn data(csv: &str) -> Dataset {
    Dataset::from_csv_str(csv, &CsvOptions::default()).unwrap()
}

fn spec(toml: &str) -> IndexDefinition {
    IndexDefinition::from_toml(toml).unwrap()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} vs {b}");
}

fn node(row: &chiso::ScoreRow, id: &str) -> Option<f64> {
    row.components.iter().find(|c| c.id == id).map(|c| c.score)
}

/// Two pillars of two indicators each, one lower-is-better, min–max to 0–100.
const TWO_LEVELS: &str = r#"
id = "demo"
root = "index"
[[nodes]]
id = "index"
children = ["p1", "p2"]
[[nodes]]
id = "p1"
weight = 2
children = ["a", "b"]
[[nodes]]
id = "p2"
children = ["c", "d"]
[[nodes]]
id = "a"
normalise = { method = "min_max", low = 0, high = 100 }
[[nodes]]
id = "b"
direction = "lower_is_better"
normalise = { method = "min_max", low = 0, high = 100 }
[[nodes]]
id = "c"
weight = 3
normalise = { method = "min_max", low = 0, high = 100 }
[[nodes]]
id = "d"
normalise = { method = "min_max", low = 0, high = 100 }
"#;

const FOUR_UNITS: &str = "unit,a,b,c,d\nW,0,10,1,5\nX,5,20,2,6\nY,10,30,3,7\nZ,10,10,5,9\n";

#[test]
fn two_levels_by_hand() {
    let s = score(&spec(TWO_LEVELS), &data(FOUR_UNITS), &ScoreOptions::default()).unwrap();
    // a: 0, 50, 100, 100. b (lower better, 10..30): 100, 50, 0, 100.
    // c (1..5): 0, 25, 50, 100. d (5..9): 0, 25, 50, 100.
    // p1 = (a + b)/2: 50, 50, 50, 100. p2 = (3c + d)/4: 0, 25, 50, 100.
    // index = (2·p1 + p2)/3: 33.33, 41.67, 50, 100.
    let expected = [("W", 100.0 / 3.0, 4), ("X", 125.0 / 3.0, 3), ("Y", 50.0, 2), ("Z", 100.0, 1)];
    for (row, (unit, value, rank)) in s.rows.iter().zip(expected) {
        assert_eq!(row.unit, unit);
        close(row.score, value);
        assert_eq!(row.rank, rank);
    }
    // Ranks at every node: p1 ties W, X, Y at 50 (competition: 2, 2, 2).
    let p1_ranks: Vec<u32> = s.rows.iter().map(|r| r.components.iter().find(|c| c.id == "p1").unwrap().rank).collect();
    assert_eq!(p1_ranks, vec![2, 2, 2, 1]);
    // A lower-is-better indicator ranks its best (lowest raw, highest normalised) unit first.
    let b_ranks: Vec<u32> = s.rows.iter().map(|r| r.components.iter().find(|c| c.id == "b").unwrap().rank).collect();
    assert_eq!(b_ranks, vec![1, 3, 4, 1]);
    assert!(s.dropped.is_empty() && s.log.is_empty() && s.stages.is_none());
}

#[test]
fn stages_keep_raw_treated_and_normalised_values() {
    let options = ScoreOptions { stages: true, ..Default::default() };
    let s = score(&spec(TWO_LEVELS), &data(FOUR_UNITS), &options).unwrap();
    let stages = s.stages.unwrap();
    assert_eq!(stages.nodes, vec!["a", "b", "c", "d"]);
    assert_eq!(stages.raw[1], vec![Some(10.0), Some(20.0), Some(30.0), Some(10.0)]);
    assert_eq!(stages.treated, stages.raw);
    assert_eq!(stages.normalised[1], vec![Some(100.0), Some(50.0), Some(0.0), Some(100.0)]);
}

#[test]
fn missing_values_fail_by_default_and_name_the_cell() {
    let csv = "unit,a,b,c,d\nW,0,10,1,5\nX,,20,2,6\nY,10,30,3,7\n";
    let err = score(&spec(TWO_LEVELS), &data(csv), &ScoreOptions::default()).unwrap_err();
    assert_eq!(err.to_string(), "row 2 (X), column 'a': the value is missing");
}

#[test]
fn available_rule_renormalises_weights_above_the_threshold() {
    let toml = TWO_LEVELS.replace(
        "root = \"index\"",
        "root = \"index\"\nmissing = { rule = \"available\", min_share = 0.5, share_of = \"count\" }",
    );
    // X misses a; Y misses c and d (so p2 has nothing and the index uses p1 alone).
    let csv = "unit,a,b,c,d\nW,0,10,1,5\nX,,20,2,6\nY,10,30,,\nZ,10,10,5,9\n";
    let s = score(&spec(&toml), &data(csv), &ScoreOptions::default()).unwrap();
    // a over W, Y, Z: 0, 100, 100 (X missing). b: 100, 50, 0, 100. c over W, X, Z (1, 2, 5): 0, 25, 100.
    // d over W, X, Z (5, 6, 9): 0, 25, 100.
    // X: p1 = b only = 50; p2 = (3·25 + 25)/4 = 25; index = (2·50 + 25)/3 = 41.67.
    // Y: p1 = (100 + 0)/2 = 50; p2 has no value; index = p1 = 50 (share of count 1/2 ≥ 0.5).
    let x = &s.rows[1];
    close(node(x, "p1").unwrap(), 50.0);
    close(x.score, 125.0 / 3.0);
    let y = &s.rows[2];
    assert_eq!(node(y, "p2"), None);
    close(y.score, 50.0);
    assert_eq!(y.out_of, 4);
}

#[test]
fn units_below_the_threshold_are_reported_not_lost() {
    let toml =
        TWO_LEVELS.replace("root = \"index\"", "root = \"index\"\nmissing = { rule = \"available\", min_share = 0.6 }");
    let csv = "unit,a,b,c,d\nW,0,10,1,5\nX,5,20,2,6\nY,10,30,,\nZ,10,10,5,9\n";
    let s = score(&spec(&toml), &data(csv), &ScoreOptions::default()).unwrap();
    // Y: p2 empty → the index has 2/3 of its weight (p1), above 0.6: scored.
    assert_eq!(s.rows.len(), 4);
    let toml = toml.replace("min_share = 0.6", "min_share = 0.7");
    let s = score(&spec(&toml), &data(csv), &ScoreOptions::default()).unwrap();
    // Now 2/3 < 0.7: Y is dropped with a reason and the others are ranked among 3.
    assert_eq!(s.rows.iter().map(|r| r.unit.as_str()).collect::<Vec<_>>(), vec!["W", "X", "Z"]);
    assert_eq!(s.rows[0].out_of, 3);
    assert_eq!(s.dropped.len(), 1);
    assert_eq!(s.dropped[0].unit, "Y");
    assert_eq!(s.dropped[0].row, 3);
    assert!(s.dropped[0].reason.contains("too few"), "{}", s.dropped[0].reason);
}

#[test]
fn normalised_lower_is_better_indicators_rank_the_best_unit_first() {
    let s = score(&spec(TWO_LEVELS), &data(FOUR_UNITS), &ScoreOptions::default()).unwrap();
    // b (lower is better) raw 10, 20, 30, 10 → normalised 100, 50, 0, 100: W and Z are best.
    let b: Vec<(f64, u32)> =
        s.rows.iter().map(|r| r.components.iter().find(|c| c.id == "b").map(|c| (c.score, c.rank)).unwrap()).collect();
    assert_eq!(b, vec![(100.0, 1), (50.0, 3), (0.0, 4), (100.0, 1)]);
}

#[test]
fn nodes_are_ranked_among_every_unit_with_a_value_for_them() {
    // docs/spec.md step 6 and COINr's ranks: a unit dropped for lack of a headline score still
    // counts in the ranks of the nodes it has a value for.
    let toml =
        TWO_LEVELS.replace("root = \"index\"", "root = \"index\"\nmissing = { rule = \"available\", min_share = 0.7 }");
    let csv = "unit,a,b,c,d\nW,0,10,1,5\nX,5,20,2,6\nY,10,10,,\nZ,10,30,5,9\n";
    let s = score(&spec(&toml), &data(csv), &ScoreOptions::default()).unwrap();
    // a: 0, 50, 100, 100; b (lower better): 100, 50, 100, 0 → p1 = 50, 50, 100, 50.
    // Y has no p2 (2/3 of the weight < 0.7): dropped, but its p1 of 100 ranks first.
    assert_eq!(s.dropped.iter().map(|d| d.unit.as_str()).collect::<Vec<_>>(), vec!["Y"]);
    let p1: Vec<(&str, u32)> =
        s.rows.iter().map(|r| (r.unit.as_str(), r.components.iter().find(|c| c.id == "p1").unwrap().rank)).collect();
    assert_eq!(p1, vec![("W", 2), ("X", 2), ("Z", 2)]);
    // The headline is ranked among the units that have one: W 33.3, X 41.7, Z 66.7.
    assert_eq!(s.rows.iter().map(|r| (r.rank, r.out_of)).collect::<Vec<_>>(), vec![(3, 3), (2, 3), (1, 3)]);
}

#[test]
fn imputation_previous_then_group_mean_is_logged() {
    let toml = TWO_LEVELS.replace(
        "root = \"index\"",
        "root = \"index\"\nimpute = { methods = [\"previous\", \"mean\"], group_column = \"region\" }",
    );
    let csv = "unit,year,region,a,b,c,d\n\
        W,2019,N,1,10,1,5\n\
        W,2020,N,,10,1,5\n\
        X,2020,N,5,20,2,6\n\
        Y,2020,S,10,30,3,\n\
        Z,2020,S,10,10,5,9\n";
    let s = score(&spec(&toml), &data(csv), &ScoreOptions { year: Some(2020), stages: true, ..Default::default() })
        .unwrap();
    // W's a comes from 2019 (1); Y's d from the mean of region S in 2020 (Z only: 9).
    let stages = s.stages.as_ref().unwrap();
    assert_eq!(stages.raw[0][0], None);
    assert_eq!(stages.treated[0][0], Some(1.0));
    assert_eq!(stages.treated[3][2], Some(9.0));
    let imputed: Vec<(&str, &str, f64)> = s
        .log
        .iter()
        .map(|n| match n.action {
            CellAction::Imputed { method, value } => (n.unit.as_str(), method, value),
            _ => panic!("unexpected {n:?}"),
        })
        .collect();
    assert_eq!(imputed, vec![("W", "previous", 1.0), ("Y", "mean", 9.0)]);
    // The group column is text and survives as labels; a missing group column is named.
    let bad = toml.replace("group_column = \"region\"", "group_column = \"zone\"");
    let err = score(&spec(&bad), &data(csv), &ScoreOptions { year: Some(2020), ..Default::default() }).unwrap_err();
    assert!(err.to_string().contains("missing column 'zone'"), "{err}");
}

#[test]
fn screening_drops_units_with_too_little_data() {
    let toml = TWO_LEVELS.replace(
        "root = \"index\"",
        "root = \"index\"\nscreen = { min_share = 0.75 }\nmissing = { rule = \"available\", min_share = 0 }",
    );
    let csv = "unit,a,b,c,d\nW,0,10,1,5\nX,5,,,6\nY,10,30,3,7\nZ,10,10,5,\n";
    let s = score(&spec(&toml), &data(csv), &ScoreOptions::default()).unwrap();
    // X has 2 of 4 indicators (50 %) and is screened out before normalisation; Z has 75 %.
    assert_eq!(s.rows.iter().map(|r| r.unit.as_str()).collect::<Vec<_>>(), vec!["W", "Y", "Z"]);
    assert_eq!(s.dropped[0].reason, "screened out: 2 of 4 indicators have data (50%), below the required 75%");
    // a is normalised over W, Y, Z only: 0, 100, 100.
    assert_eq!(s.rows[0].rank, 3);
}

#[test]
fn outlier_treatment_winsorises_and_logs() {
    let mut csv = String::from("unit,a,b,c,d\n");
    for i in 1..=20 {
        csv.push_str(&format!("U{i},{i},{},{},{}\n", 21 - i, i % 7, i % 5));
    }
    csv.push_str("U21,1000,1,3,3\n");
    let toml = TWO_LEVELS.replace("root = \"index\"", "root = \"index\"\ntreat = { method = \"winsorise\" }");
    let s = score(&spec(&toml), &data(&csv), &ScoreOptions { stages: true, ..Default::default() }).unwrap();
    let stages = s.stages.unwrap();
    // a's outlier 1000 is pulled in to 20; so U20 and U21 both normalise to 100.
    assert_eq!(stages.treated[0][20], Some(20.0));
    assert_eq!(stages.normalised[0][20], Some(100.0));
    assert_eq!(stages.normalised[0][19], Some(100.0));
    let winsorised: Vec<_> = s.log.iter().filter(|n| matches!(n.action, CellAction::Winsorised { .. })).collect();
    assert_eq!(winsorised.len(), 1);
    assert_eq!((winsorised[0].unit.as_str(), winsorised[0].node.as_str()), ("U21", "a"));
}

#[test]
fn pooled_bounds_use_the_window_of_years() {
    let toml = r#"
id = "ddci_like"
root = "index"
[[nodes]]
id = "index"
children = ["a"]
[[nodes]]
id = "a"
normalise = { method = "min_max", low = 0, high = 100, pool_years = 3 }
"#;
    let csv = "unit,year,a\nX,2017,0\nY,2017,50\nX,2018,100\nY,2018,20\nX,2019,40\nY,2019,60\nX,2020,50\nY,2020,70\n";
    let s = score(&spec(toml), &data(csv), &ScoreOptions { year: Some(2020), ..Default::default() }).unwrap();
    // Window 2018–2020: min 20, max 100 → X: (50 − 20)/80 = 37.5, Y: 62.5.
    close(s.rows[0].score, 37.5);
    close(s.rows[1].score, 62.5);
    let s = score(&spec(toml), &data(csv), &ScoreOptions { year: Some(2017), ..Default::default() }).unwrap();
    // 2017 has no earlier years: its own range 0–50.
    close(s.rows[1].score, 100.0);
}

#[test]
fn copeland_ranks_by_pairwise_majorities() {
    let toml = TWO_LEVELS.replace("id = \"index\"\nchildren", "id = \"index\"\naggregation = \"copeland\"\nchildren");
    let s = score(&spec(&toml), &data(FOUR_UNITS), &ScoreOptions::default()).unwrap();
    // p1: 50, 50, 50, 100; p2: 0, 25, 50, 100; weights 2 : 1 (p1 decides unless tied).
    // W vs X: p1 tie (1/3 each side) + p2 X → W's share 1/3 → X wins. Likewise every later unit
    // beats every earlier: W −3, X −1, Y +1, Z +3.
    let scores: Vec<f64> = s.rows.iter().map(|r| r.score).collect();
    assert_eq!(scores, vec![-3.0, -1.0, 1.0, 3.0]);
}

#[test]
fn other_normalisations_through_the_pipeline() {
    let with = |method: &str| {
        let toml = format!(
            "id = \"t\"\nroot = \"i\"\n[[nodes]]\nid = \"i\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\nnormalise = {method}\n"
        );
        let s = score(&spec(&toml), &data("unit,a\nP,2\nQ,4\nR,6\n"), &ScoreOptions::default());
        s.map(|s| s.rows.iter().map(|r| r.score).collect::<Vec<f64>>())
    };
    assert_eq!(with("{ method = \"z_score\", mean = 10, sd = 2 }").unwrap(), vec![8.0, 10.0, 12.0]);
    assert_eq!(with("{ method = \"rank\" }").unwrap(), vec![1.0, 2.0, 3.0]);
    assert_eq!(with("{ method = \"percentile_rank\", high = 100 }").unwrap(), vec![0.0, 50.0, 100.0]);
    assert_eq!(with("{ method = \"goalposts\", low = 0, high = 5 }").unwrap(), vec![40.0, 80.0, 100.0]);
    assert_eq!(with("{ method = \"distance_to_reference\", unit = \"Q\" }").unwrap(), vec![0.0, 1.0, 2.0]);
    assert_eq!(with("{ method = \"ratio_to_max\" }").unwrap(), vec![2.0 / 6.0, 4.0 / 6.0, 1.0]);
    assert_eq!(with("{ method = \"points\", max = 5 }").unwrap(), vec![2.0, 4.0, 5.0]);
    let err = with("{ method = \"distance_to_reference\", unit = \"Hà Nội\" }").unwrap_err();
    assert_eq!(err.to_string(), "unit 'Hà Nội' is not in the data");
}

#[test]
fn spec_errors_name_the_node_and_parameter() {
    let with = |normalise: &str| {
        let toml = format!(
            "id = \"t\"\nroot = \"i\"\n[[nodes]]\nid = \"i\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\nnormalise = {normalise}\n"
        );
        IndexDefinition::from_toml(&toml).unwrap_err().to_string()
    };
    assert_eq!(
        with("{ method = \"min_max\", low = 0, high = 1, lo = 3 }"),
        "node 'a': min_max has no parameter 'lo'; it takes low, high, min, max, pool_years, if_constant"
    );
    assert_eq!(with("{ method = \"goalposts\", low = 0 }"), "node 'a': goalposts needs the parameter 'high'");
    assert_eq!(
        with("{ method = \"rank\", ties = \"first\" }"),
        "node 'a': unknown tie method 'first'; expected one of: average, min, max"
    );
    assert_eq!(
        with("{ method = \"z_score\", sd = \"2\" }"),
        "node 'a': z_score parameter 'sd' must be a finite number, not '2'"
    );
    assert_eq!(
        with("{ method = \"min_max\", low = 0, high = 1, min = 5 }"),
        "node 'a': min_max fixed bounds need both min and max"
    );
}

#[test]
fn constant_indicators_fail_unless_the_spec_maps_them() {
    let toml = "id = \"t\"\nroot = \"i\"\n[[nodes]]\nid = \"i\"\nchildren = [\"a\"]\n[[nodes]]\nid = \"a\"\nnormalise = { method = \"min_max\", low = 0, high = 100 }\n";
    let err: Error = score(&spec(toml), &data("unit,a\nP,3\nQ,3\n"), &ScoreOptions::default()).unwrap_err();
    assert!(
        err.to_string().starts_with("node 'a': every unit has the value 3, so min_max normalisation is undefined"),
        "{err}"
    );
    let mapped = toml.replace("high = 100 }", "high = 100, if_constant = 50 }");
    let s = score(&spec(&mapped), &data("unit,a\nP,3\nQ,3\n"), &ScoreOptions::default()).unwrap();
    assert_eq!((s.rows[0].score, s.rows[0].rank, s.rows[1].rank), (50.0, 1, 1));
}

#[test]
fn every_new_parameter_round_trips_through_json_and_toml() {
    let toml = r#"
id = "full"
root = "i"
screen = { min_share = 0.5 }
[[nodes]]
id = "i"
aggregation = "copeland"
missing = { rule = "available", min_share = 0.75, share_of = "count" }
children = ["g", "a", "b", "c", "d", "e", "f"]
[[nodes]]
id = "g"
aggregation = "geometric_mean"
children = ["h"]
[[nodes]]
id = "h"
normalise = { method = "min_max", low = 1, high = 100, min = 0, max = 10, if_constant = 50 }
impute = { methods = ["previous", "value"], value = 0 }
treat = { method = "winsorise", max_points = 3 }
[[nodes]]
id = "a"
normalise = { method = "z_score", mean = 100, sd = 10 }
impute = { methods = ["median"], group_column = "region" }
[[nodes]]
id = "b"
direction = "lower_is_better"
normalise = { method = "goalposts", low = 1, high = 9, scale = 10, clip = false }
[[nodes]]
id = "c"
normalise = { method = "percentile_rank", ties = "min" }
[[nodes]]
id = "d"
normalise = { method = "distance_to_reference", unit = "Hà Nội", cap = true }
[[nodes]]
id = "e"
normalise = { method = "points", max = 4 }
[[nodes]]
id = "f"
normalise = { method = "min_max", low = 0, high = 1, pool_years = 3 }
"#;
    let def = IndexDefinition::from_toml(toml).unwrap();
    let spec = def.resolve(None).unwrap();
    let via_json = IndexDefinition::from_json(&spec.to_json()).unwrap().resolve(None).unwrap();
    assert_eq!(via_json, spec);
    let via_toml = IndexDefinition::from_toml(&spec.to_toml().unwrap()).unwrap().resolve(None).unwrap();
    assert_eq!(via_toml, spec);
}
