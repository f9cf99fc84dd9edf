//! Uncertainty and sensitivity analysis: estimators on functions with known Sobol indices,
//! invariants of the Monte Carlo results, equivalence of the fast pipeline with `score`, and
//! the PCI example (2016 rank intervals, 2015 → 2016 changes).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chiso::sensitivity::{saltelli_sample, sensitivity, sobol_indices, FirstOrder, SensitivityOptions, SobolOptions};
use chiso::spec::Aggregation;
use chiso::uncertainty::{rank_changes, uncertainty, ErrorSource, NodeError, UncertainInput, UncertaintyOptions};
use chiso::{presets, score, CsvOptions, Dataset, IndexDefinition, ScoreOptions};

fn pci_data() -> Dataset {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/pci/pci_subindices.csv");
    Dataset::from_csv_path(path, &CsvOptions { unit_column: "province".into(), ..CsvOptions::default() }).unwrap()
}

fn weights(pm: f64) -> Vec<UncertainInput> {
    vec![UncertainInput::Weights { pm, groups: vec![] }]
}

// --- estimators -------------------------------------------------------------------------

/// Ishigami, a = 7, b = 0.1, x uniform on [−π, π]³. Analytic indices (Sobol' & Levitan 1999):
/// V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2; V₁ = (1 + bπ⁴/5)²/2, V₂ = a²/8, V₁₃ = b²π⁸(1/18 − 1/50);
/// S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
#[test]
fn ishigami_indices_within_their_statistical_tolerance() {
    let (a, b) = (7.0f64, 0.1f64);
    let pi = std::f64::consts::PI;
    let v1 = (1.0 + b * pi.powi(4) / 5.0).powi(2) / 2.0;
    let v2 = a * a / 8.0;
    let v13 = b * b * pi.powi(8) * (1.0 / 18.0 - 1.0 / 50.0);
    let v = v1 + v2 + v13;
    let s = [v1 / v, v2 / v, 0.0];
    let st = [(v1 + v13) / v, v2 / v, v13 / v];
    assert!((s[0] - 0.3139).abs() < 1e-4 && (st[2] - 0.2437).abs() < 1e-4);

    let (n, d) = (8192, 3);
    let x = saltelli_sample(n, d, 2024);
    let y: Vec<f64> = x
        .iter()
        .map(|u| {
            let x: Vec<f64> = u.iter().map(|u| -pi + 2.0 * pi * u).collect();
            x[0].sin() + a * x[1].sin().powi(2) + b * x[2].powi(4) * x[0].sin()
        })
        .collect();
    for first_order in [FirstOrder::Jansen, FirstOrder::Saltelli] {
        let est = sobol_indices(&y, n, d, &SobolOptions { bootstrap: 200, first_order, seed: 7 }).unwrap();
        assert!((est.variance - v).abs() / v < 0.05, "variance {} vs {v}", est.variance);
        for i in 0..d {
            let e = &est.indices[i];
            let (s1, t) = (e.first_order.unwrap(), e.total_order.unwrap());
            // Tolerance: 4 bootstrap standard errors (the 5–95 % interval spans ±1.645 of them),
            // and never more than 0.05 absolute.
            let se_s1 = (e.first_order_p95.unwrap() - e.first_order_p05.unwrap()) / (2.0 * 1.645);
            let se_st = (e.total_order_p95.unwrap() - e.total_order_p05.unwrap()) / (2.0 * 1.645);
            assert!(
                (s1 - s[i]).abs() < (4.0 * se_s1).min(0.05),
                "{first_order:?} S{} = {s1}, expected {}",
                i + 1,
                s[i]
            );
            assert!(
                (t - st[i]).abs() < (4.0 * se_st).min(0.05),
                "{first_order:?} ST{} = {t}, expected {}",
                i + 1,
                st[i]
            );
            assert!(e.first_order_p05.unwrap() <= e.first_order_p95.unwrap());
        }
    }
}

/// y = Σ aᵢxᵢ with x uniform: Sᵢ = STᵢ = aᵢ²/Σa²; an input with aᵢ = 0 has exactly zero indices.
#[test]
fn linear_model_indices() {
    let coefficients = [1.0, 2.0, 3.0, 0.0];
    let total: f64 = coefficients.iter().map(|a| a * a).sum();
    let (n, d) = (4096, 4);
    let x = saltelli_sample(n, d, 5);
    assert_eq!(x.len(), n * (d + 2));
    assert!(x.iter().flatten().all(|u| (0.0..1.0).contains(u)));
    // The design: B's row j and AB_i's row j share input i; AB_i's other inputs are A's.
    assert_eq!(x[2 * n + 7][0], x[n + 7][0]);
    assert_eq!(x[2 * n + 7][1], x[7][1]);
    let y: Vec<f64> = x.iter().map(|u| u.iter().zip(&coefficients).map(|(u, a)| u * a).sum()).collect();
    let est = sobol_indices(&y, n, d, &SobolOptions { bootstrap: 100, ..SobolOptions::default() }).unwrap();
    for (i, a) in coefficients.iter().enumerate() {
        let expected = a * a / total;
        let e = &est.indices[i];
        assert!((e.first_order.unwrap() - expected).abs() < 0.03, "S{i}");
        assert!((e.total_order.unwrap() - expected).abs() < 0.03, "ST{i}");
    }
    assert_eq!(est.indices[3].total_order, Some(0.0));
    // Jansen's first order of a null input is zero up to sampling: (V − Σ(f(B) − f(A))²/2N)/V.
    assert!(est.indices[3].first_order.unwrap().abs() < 0.03);
    // A constant output has no indices rather than NaN.
    let flat = sobol_indices(&vec![3.0; n * (d + 2)], n, d, &SobolOptions::default()).unwrap();
    assert!(flat.indices.iter().all(|e| e.first_order.is_none() && e.total_order.is_none()));
    assert!(sobol_indices(&y[1..], n, d, &SobolOptions::default()).is_err());
}

// --- uncertainty --------------------------------------------------------------------------

#[test]
fn pci_2016_weights_pm20_rank_intervals() {
    let data = pci_data();
    let pci = presets::get("pci").unwrap();
    let options = UncertaintyOptions { samples: 2000, seed: 42 };
    let result = uncertainty(&pci, &data, Some(2016), &weights(0.2), &options).unwrap();
    assert_eq!(result.units.len(), 63);
    assert_eq!(result.ranks().len(), 63 * 2000);
    let published = score(&pci, &data, &ScoreOptions { year: Some(2016), ..Default::default() }).unwrap();
    for (u, row) in result.units.iter().zip(&published.rows) {
        assert_eq!(u.unit, row.unit);
        assert_eq!(u.nominal_rank, row.rank);
        assert_eq!(u.nominal_score, row.score);
        assert!(u.rank_best as f64 <= u.rank_p05 && u.rank_p05 <= u.rank_median);
        assert!(u.rank_median <= u.rank_p95 && u.rank_p95 <= u.rank_worst as f64);
        assert!(u.score_p05 <= u.score_median && u.score_median <= u.score_p95);
        assert!((1..=63).contains(&u.rank_best) && (1..=63).contains(&u.rank_worst));
        // ±20 % of each weight moves a weighted mean by little: within ±2 points of 10–100.
        assert!((u.score_mean - u.nominal_score).abs() < 2.0);
    }
    // Every sample ranks 63 units 1..63 (no exact ties among these scores).
    for sample in result.ranks().chunks_exact(63).take(50) {
        let mut r = sample.to_vec();
        r.sort_unstable();
        assert_eq!(r, (1..=63).collect::<Vec<u32>>());
    }
    // The leader: Đà Nẵng (70.00) is ahead of Quảng Ninh (65.60) in every sample.
    assert_eq!(result.probability_above("Đà Nẵng", "Quảng Ninh").unwrap(), 1.0);
    let matrix = result.above_matrix();
    for (a, row) in matrix.iter().enumerate() {
        assert_eq!(row[a], 0.0);
        for (b, p) in row.iter().enumerate().take(a) {
            assert!((p + matrix[b][a] - 1.0).abs() < 1e-12);
        }
    }
    let widest = result.units.iter().map(|u| u.rank_p95 - u.rank_p05).fold(0.0, f64::max);
    assert!(widest >= 4.0, "±20 % weights should move someone by several places");
    assert!(result.mean_rank_shift > 0.0 && result.mean_rank_shift < 5.0);
}

#[test]
fn same_seed_same_result_any_thread_count() {
    let data = pci_data();
    let pci = presets::get("pci").unwrap();
    let inputs = vec![
        UncertainInput::WeightsDirichlet { concentration: 50.0, groups: vec![] },
        UncertainInput::SamplingError {
            errors: vec![NodeError { node: "transparency".into(), source: ErrorSource::StandardError { se: 0.15 } }],
        },
    ];
    let options = UncertaintyOptions { samples: 300, seed: 9 };
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| uncertainty(&pci, &data, Some(2016), &inputs, &options).unwrap())
    };
    let one = run(1);
    let three = run(3);
    assert_eq!(one, three);
    assert_eq!(one.scores(), three.scores());
    assert_ne!(
        one,
        uncertainty(&pci, &data, Some(2016), &inputs, &UncertaintyOptions { samples: 300, seed: 10 }).unwrap()
    );
}

#[test]
fn nothing_uncertain_gives_the_nominal_ranking() {
    let data = pci_data();
    let pci = presets::get("pci").unwrap();
    let zero_error = UncertainInput::SamplingError {
        errors: vec![NodeError { node: "land_access".into(), source: ErrorSource::HalfWidth95 { half_width: 0.0 } }],
    };
    for inputs in [weights(0.0), vec![zero_error], vec![]] {
        let result =
            uncertainty(&pci, &data, Some(2015), &inputs, &UncertaintyOptions { samples: 20, seed: 1 }).unwrap();
        for u in &result.units {
            assert_eq!((u.rank_p05, u.rank_p95), (u.nominal_rank as f64, u.nominal_rank as f64));
            assert_eq!(u.score_sd, 0.0);
        }
        assert_eq!(result.mean_rank_shift, 0.0);
    }
}

/// A spec with a node changed, through its JSON form (what a user would do by hand).
fn edited(spec: &chiso::IndexSpec, edit: impl Fn(&mut serde_json::Value)) -> IndexDefinition {
    let mut json: serde_json::Value = serde_json::from_str(&IndexDefinition::from_spec(spec).to_json()).unwrap();
    edit(&mut json);
    IndexDefinition::from_json(&json.to_string()).unwrap()
}

#[test]
fn methodological_alternatives_equal_scoring_the_edited_spec() {
    let data = pci_data();
    let pci = presets::get("pci").unwrap();
    let spec = pci.resolve(Some(2014)).unwrap();
    let options = UncertaintyOptions { samples: 3, seed: 0 };
    let nodes = |json: &mut serde_json::Value| -> Vec<serde_json::Value> { json["nodes"].as_array().unwrap().clone() };
    // Geometric mean at the root.
    let geometric = UncertainInput::Aggregation { alternatives: vec![Aggregation::GeometricMean], groups: vec![] };
    let result = uncertainty(&pci, &data, Some(2014), &[geometric], &options).unwrap();
    let def = edited(&spec, |j| {
        let mut n = nodes(j);
        n.iter_mut().find(|n| n["id"] == "pci").unwrap()["aggregation"] = "geometric_mean".into();
        j["nodes"] = n.into();
    });
    let expected = score(&def, &data, &ScoreOptions { year: Some(2014), ..Default::default() }).unwrap();
    for s in 0..3 {
        for (u, row) in expected.rows.iter().enumerate() {
            assert_eq!(result.scores()[s * 63 + u], row.score);
            assert_eq!(result.ranks()[s * 63 + u], row.rank);
        }
    }
    // Leaving transparency out.
    let exclude = UncertainInput::ExcludeOne { nodes: vec!["transparency".into()], keep_all: false };
    let result = uncertainty(&pci, &data, Some(2014), &[exclude], &options).unwrap();
    let def = edited(&spec, |j| {
        let mut n = nodes(j);
        n.retain(|n| n["id"] != "transparency");
        let root = n.iter_mut().find(|n| n["id"] == "pci").unwrap();
        let children: Vec<serde_json::Value> =
            root["children"].as_array().unwrap().iter().filter(|c| *c != "transparency").cloned().collect();
        root["children"] = children.into();
        j["nodes"] = n.into();
    });
    let expected = score(&def, &data, &ScoreOptions { year: Some(2014), ..Default::default() }).unwrap();
    for (u, row) in expected.rows.iter().enumerate() {
        assert!((result.scores()[u] - row.score).abs() < 1e-12);
        assert_eq!(result.ranks()[u], row.rank);
    }
}

#[test]
fn sampling_error_from_interval_columns_per_cell() {
    // Two units, one leaf each side of a tie: wide intervals for A, none for B.
    let csv = "unit,a,b,a_lo,a_hi\nA,5,5,4,6\nB,5.1,5,5.1,5.1\n";
    let data = Dataset::from_csv_str(csv, &CsvOptions::default()).unwrap();
    let def = IndexDefinition::from_json(
        r#"{"id":"t","root":"t","nodes":[{"id":"t","children":["a","b"]},{"id":"a","scale":{"min":1,"max":10}},{"id":"b"}]}"#,
    )
    .unwrap();
    let inputs = [UncertainInput::SamplingError {
        errors: vec![NodeError {
            node: "a".into(),
            source: ErrorSource::Interval95Columns { low: "a_lo".into(), high: "a_hi".into() },
        }],
    }];
    let result = uncertainty(&def, &data, None, &inputs, &UncertaintyOptions { samples: 4000, seed: 3 }).unwrap();
    // A's a ~ N(5, (1/1.96)²), B fixed at 5.1: P(A above B) = P(Z > 0.1·1.96) ≈ 0.4223.
    let p = result.probability_above("A", "B").unwrap();
    assert!((p - 0.4223).abs() < 0.03, "{p}");
    let b = &result.units[1];
    assert_eq!((b.score_p05, b.score_p95), (5.05, 5.05));
    // A bad column is reported with its name.
    let missing = [UncertainInput::SamplingError {
        errors: vec![NodeError {
            node: "a".into(),
            source: ErrorSource::StandardErrorColumn { column: "a_se".into() },
        }],
    }];
    let err = uncertainty(&def, &data, None, &missing, &UncertaintyOptions::default()).unwrap_err();
    assert!(err.to_string().contains("a_se"), "{err}");
    let unknown = [UncertainInput::Weights { pm: 0.1, groups: vec!["nope".into()] }];
    let err = uncertainty(&def, &data, None, &unknown, &UncertaintyOptions::default()).unwrap_err();
    assert!(err.to_string().contains("'nope'"), "{err}");
    let bad = [UncertainInput::Weights { pm: 1.5, groups: vec![] }];
    assert!(uncertainty(&def, &data, None, &bad, &UncertaintyOptions::default()).is_err());
}

// --- sensitivity on the index ---------------------------------------------------------------

#[test]
fn pci_sensitivity_an_input_that_changes_nothing_has_zero_indices() {
    let data = pci_data();
    let pci = presets::get("pci").unwrap();
    let inputs = vec![
        UncertainInput::Weights { pm: 0.25, groups: vec![] },
        // Two "alternatives" that are the same method: no effect (COINr's own test of this).
        UncertainInput::Aggregation {
            alternatives: vec![Aggregation::WeightedMean, Aggregation::WeightedMean],
            groups: vec![],
        },
        UncertainInput::ExcludeOne { nodes: vec![], keep_all: true },
    ];
    let options = SensitivityOptions { samples: 200, seed: 11, bootstrap: 50, first_order: FirstOrder::Jansen };
    let result = sensitivity(&pci, &data, Some(2016), &inputs, &options).unwrap();
    assert_eq!(result.runs, 200 * 5);
    assert_eq!(result.inputs, ["weights", "aggregation", "exclude_one"]);
    let shift = &result.mean_rank_shift.indices;
    assert_eq!(shift[1].total_order, Some(0.0));
    // Jansen's first order of a null input is (V − Σ(f(B) − f(A))²/2N)/V: zero up to sampling.
    assert!(shift[1].first_order.unwrap().abs() < 0.15);
    for e in shift {
        let (s, t) = (e.first_order.unwrap(), e.total_order.unwrap());
        assert!(t >= -1e-12 && s <= t + 0.15, "{e:?}");
    }
    // Leaving out a 20 %-weight sub-index moves ranks more than ±25 % weights.
    assert!(shift[2].total_order.unwrap() > shift[0].total_order.unwrap());
    assert_eq!(result.units.len(), 63);
    assert_eq!(result.rank_stats.len(), 63);
    let same = sensitivity(&pci, &data, Some(2016), &inputs, &options).unwrap();
    assert_eq!(result, same);
}

// --- the PCI example ------------------------------------------------------------------------

/// PCI 2015 → 2016, weights ±20 %, 10,000 samples: how many of the published rank changes are
/// larger than their uncertainty. Definitions: a change is *outside its interval* when the
/// 2015 rank lies outside the 2016 5–95 % rank interval; *disjoint* when the two years'
/// intervals do not overlap.
#[test]
fn pci_2015_2016_rank_changes_against_their_intervals() {
    let data = pci_data();
    let pci = presets::get("pci").unwrap();
    let options = UncertaintyOptions { samples: 10_000, seed: 2016 };
    let changes = rank_changes(&pci, &data, 2015, 2016, &weights(0.2), &options).unwrap();
    assert_eq!(changes.changes.len(), 63);
    assert!(changes.only_from.is_empty() && changes.only_to.is_empty());
    let compared = chiso::compare(&pci, &data, 2015, 2016).unwrap();
    for c in &changes.changes {
        let row = compared.rows.iter().find(|r| r.unit == c.unit).unwrap();
        assert_eq!(Some(c.change), row.rank_change, "{}", c.unit);
        assert_eq!(c.outside_interval, (c.rank_from as f64) < c.to_p05 || (c.rank_from as f64) > c.to_p95);
        assert_eq!(c.disjoint, c.from_p95 < c.to_p05 || c.to_p95 < c.from_p05);
        if c.disjoint {
            assert_ne!(c.change, 0);
        }
        assert!((0.0..=1.0).contains(&c.p_same_sign));
    }
    println!(
        "PCI 2015→2016, weights ±20 %, {} samples: {} of {} provinces moved; {} outside the 2016 interval, {} with disjoint intervals, {} keep their sign in ≥ 95 % of samples",
        options.samples, changes.moved, changes.changes.len(), changes.moved_outside_interval, changes.moved_disjoint, changes.moved_sign_95
    );
    // The seeded result (10,000 samples; a different seed moves these by a unit or two at most).
    assert_eq!(
        (changes.moved, changes.moved_outside_interval, changes.moved_disjoint, changes.moved_sign_95),
        (55, 36, 21, 36)
    );
}
