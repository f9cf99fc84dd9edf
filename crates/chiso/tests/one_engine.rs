//! One engine behind every analysis: COINr's ASEM example (missing values, `available`
//! missing-data rule, lower-is-better indicators) runs through uncertainty, sensitivity and
//! audit as it runs through `score`; the uncertainty samples equal a brute-force loop that
//! edits the spec to each sample's choices and re-runs `score`; the planner ranks DDCI
//! districts within their kind.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chiso::audit::audit;
use chiso::plan::{plan, PlanOptions, Target};
use chiso::sensitivity::{sensitivity, SensitivityOptions};
use chiso::spec::Aggregation;
use chiso::uncertainty::{sample_choices, uncertainty, UncertainInput, UncertaintyOptions};
use chiso::{presets, score, CsvOptions, Dataset, IndexDefinition, ScoreOptions, Scores};

fn root() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../..")
}

fn asem() -> (IndexDefinition, Dataset) {
    let spec = std::fs::read_to_string(format!("{}/examples/coinr/asem.toml", root())).unwrap();
    let definition = IndexDefinition::from_toml(&spec).unwrap();
    let data = Dataset::from_csv_path(
        format!("{}/tests/coinr/asem_data.csv", root()),
        &CsvOptions { unit_column: "uCode".into(), ..CsvOptions::default() },
    )
    .unwrap();
    (definition, data)
}

/// A node's score per unit, from `score`'s rows (root or component).
fn column(scores: &Scores, node: &str) -> Vec<f64> {
    scores
        .rows
        .iter()
        .map(|r| {
            if node == "Index" {
                r.score
            } else {
                r.components.iter().find(|c| c.id == node).map_or(f64::NAN, |c| c.score)
            }
        })
        .collect()
}

#[test]
fn asem_has_missing_values_and_scores() {
    let (definition, data) = asem();
    let missing = data.column_names().filter_map(|c| data.values(c).ok()).flatten().filter(|v| v.is_none()).count();
    assert!(missing > 0, "the example must keep COINr's missing values");
    let scores = score(&definition, &data, &ScoreOptions::default()).unwrap();
    assert_eq!(scores.rows.len(), 51);
}

#[test]
fn uncertainty_nominal_results_equal_score_cell_by_cell() {
    let (definition, data) = asem();
    let scores = score(&definition, &data, &ScoreOptions::default()).unwrap();
    let inputs = [UncertainInput::Weights { pm: 0.2, groups: vec![] }];
    let result = uncertainty(&definition, &data, None, &inputs, &UncertaintyOptions { samples: 50, seed: 3 }).unwrap();
    assert_eq!(result.units.len(), scores.rows.len());
    for (u, row) in result.units.iter().zip(&scores.rows) {
        assert_eq!(u.unit, row.unit);
        assert_eq!(u.nominal_score.to_bits(), row.score.to_bits(), "{}", row.unit);
        assert_eq!(u.nominal_rank, row.rank, "{}", row.unit);
    }
}

#[test]
fn uncertainty_samples_equal_rescoring_an_edited_spec() {
    let (definition, data) = asem();
    let inputs = [
        UncertainInput::Weights { pm: 0.25, groups: vec![] },
        UncertainInput::Aggregation {
            alternatives: vec![Aggregation::WeightedMean, Aggregation::Median],
            groups: vec!["Physical".into(), "Social".into()],
        },
    ];
    let options = UncertaintyOptions { samples: 12, seed: 2026 };
    let result = uncertainty(&definition, &data, None, &inputs, &options).unwrap();
    let which: Vec<usize> = (0..options.samples).collect();
    let choices = sample_choices(&definition, &data, None, &inputs, &options, &which).unwrap();
    let nominal: serde_json::Value = serde_json::from_str(&definition.resolve(None).unwrap().to_json()).unwrap();
    let n = result.units.len();
    let mut medians = 0;
    for c in &choices {
        // The spec a user would write for this sample's choices, scored from scratch.
        let mut spec = nominal.clone();
        for node in spec["nodes"].as_array_mut().unwrap() {
            let id = node["id"].as_str().unwrap().to_owned();
            if let Some(w) = c.weights.get(&id) {
                node["weight"] = serde_json::json!(w);
            }
            if let Some(m) = c.aggregation.get(&id) {
                node["aggregation"] = serde_json::json!(m);
                medians += 1;
            }
        }
        let edited = IndexDefinition::from_json(&spec.to_string()).unwrap();
        let brute = score(&edited, &data, &ScoreOptions::default()).unwrap();
        let ranks = &result.ranks()[c.sample * n..(c.sample + 1) * n];
        let sampled = &result.scores()[c.sample * n..(c.sample + 1) * n];
        for (u, row) in brute.rows.iter().enumerate() {
            assert_eq!(result.units[u].unit, row.unit);
            assert_eq!(sampled[u].to_bits(), row.score.to_bits(), "sample {}, {}", c.sample, row.unit);
            assert_eq!(ranks[u], row.rank, "sample {}, {}", c.sample, row.unit);
        }
    }
    assert!(medians > 0, "some sample must switch an aggregation");
    // The intervals summarise exactly these per-sample ranks.
    let worst = (0..n).map(|u| (0..options.samples).map(|s| result.ranks()[s * n + u]).max().unwrap());
    for (u, w) in result.units.iter().zip(worst) {
        assert_eq!(u.rank_worst, w);
    }
}

#[test]
fn sensitivity_and_audit_run_on_asem() {
    let (definition, data) = asem();
    let inputs = [
        UncertainInput::Weights { pm: 0.2, groups: vec![] },
        UncertainInput::ExcludeOne { nodes: vec![], keep_all: true },
    ];
    let options = SensitivityOptions { samples: 64, bootstrap: 10, ..SensitivityOptions::default() };
    let s = sensitivity(&definition, &data, None, &inputs, &options).unwrap();
    assert_eq!(s.units.len(), 51);
    assert!(s.mean_rank_shift.variance > 0.0);

    let scores = score(&definition, &data, &ScoreOptions::default()).unwrap();
    let a = audit(&definition, &data, None).unwrap();
    assert_eq!(a.units, 51);
    // The audit's correlations are those of the scored columns (pairs with both present).
    let at = |id: &str| a.correlations.nodes.iter().position(|n| n == id).unwrap();
    for (x, y) in [("Index", "Physical"), ("Physical", "ConSpeed"), ("Conn", "Sust"), ("ForPort", "Goods")] {
        let want = chiso::statistics::pearson(&column(&scores, x), &column(&scores, y)).unwrap();
        let got = a.correlations.pearson[at(x)][at(y)].unwrap();
        assert!((got - want).abs() < 1e-12, "{x}–{y}: {got} vs {want}");
    }
    // No NaN anywhere in the report, though ConSpeed and ForPort have missing values.
    let json = serde_json::to_string(&a).unwrap();
    assert!(!json.contains("NaN") && !json.contains("null,null"), "{json}");
    let physical = a.groups.iter().find(|g| g.id == "Physical").unwrap();
    assert!(physical.cronbach_alpha.is_some() && physical.pca.is_some());
}

#[test]
fn a_method_that_cannot_vary_is_named() {
    let (definition, data) = asem();
    // Min–max indicators reach 0: a geometric mean of them is undefined, and the error says where.
    let inputs = [UncertainInput::Aggregation { alternatives: vec![Aggregation::GeometricMean], groups: vec![] }];
    let e = uncertainty(&definition, &data, None, &inputs, &UncertaintyOptions { samples: 2, seed: 1 }).unwrap_err();
    let message = e.to_string();
    assert!(message.contains("geometric_mean") && message.contains("node '"), "{message}");
}

/// Quảng Ninh DDCI 2020: 13 districts and 3 departments, ranked apart.
const QN_DDCI_2020: &str = "unit,kind,ddci\n\
Cẩm Phả,district,72.10\nCô Tô,district,71.17\nHải Hà,district,45.74\nVân Đồn,district,24.22\n\
D5,district,70\nD6,district,69\nD7,district,68\nD8,district,60\nD9,district,58\nD10,district,55\n\
D11,district,50\nD12,district,49\nD13,district,47\n\
Sở A,department,80\nSở B,department,75\nSở C,department,70\n";

#[test]
fn planner_ranks_ddci_districts_within_their_kind() {
    // The planner moves sub-indices: both at a tenth of the published composite (10 × mean).
    let mut text = String::from("unit,kind,transparency,time_costs\n");
    for line in QN_DDCI_2020.lines().skip(1) {
        let [unit, kind, ddci] = line.split(',').collect::<Vec<_>>()[..] else { unreachable!() };
        let x = ddci.parse::<f64>().unwrap() / 10.0;
        text.push_str(&format!("{unit},{kind},{x},{x}\n"));
    }
    let data = Dataset::from_csv_str(&text, &CsvOptions::default()).unwrap();
    let ddci = presets::get("ddci").unwrap();
    // Hải Hà is 12th of 13 districts; the departments (80, 75, 70) are not in its field.
    let p = plan(&ddci, &data, "Hải Hà", None, Target::Rank(10), &PlanOptions::default()).unwrap();
    assert_eq!((p.rank_now, p.out_of), (12, 13));
    // 10th of the districts means tying D12 (49), the 10th best other district; ranked
    // among all 15 other units it would need 58.
    assert_eq!(p.threshold, 49.0);
    assert!(p.reachable && p.rank_planned <= 10);
    // Sở C is 3rd of 3 departments; reaching 1st means tying Sở A, not any district.
    let p = plan(&ddci, &data, "Sở C", None, Target::Rank(1), &PlanOptions::default()).unwrap();
    assert_eq!((p.rank_now, p.out_of, p.threshold), (3, 3, 80.0));
}

#[test]
fn score_table_columns_equal_rows_and_headline_only_keeps_the_headline() {
    let (definition, data) = asem();
    let table = chiso::score_table(&definition, &data, &ScoreOptions::default()).unwrap();
    let rows = score(&definition, &data, &ScoreOptions::default()).unwrap();
    assert_eq!(table.nodes[0], "Index");
    assert_eq!(table.len(), rows.rows.len());
    for (i, row) in rows.rows.iter().enumerate() {
        assert_eq!(table.row(i), *row);
        for c in &row.components {
            let n = table.node_index(&c.id).unwrap();
            assert_eq!((table.score(n, i), table.ranks[n][i]), (Some(c.score), c.rank));
        }
    }
    // A node absent for a unit (ASEM has missing values under `available`) is absent in both.
    let absent = table.ranks.iter().flatten().filter(|&&r| r == 0).count();
    let present: usize = rows.rows.iter().map(|r| r.components.len() + 1).sum();
    assert_eq!(absent + present, table.nodes.len() * table.len());
    let headline =
        chiso::score_table(&definition, &data, &ScoreOptions { headline_only: true, ..Default::default() }).unwrap();
    assert_eq!(headline.nodes, ["Index"]);
    assert_eq!(headline.scores[0], table.scores[0]);
    assert_eq!(headline.ranks[0], table.ranks[0]);
}
