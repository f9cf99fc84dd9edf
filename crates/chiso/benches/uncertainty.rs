//! Uncertainty analysis speed: the compiled pipeline against the naive approach of editing
//! the spec and re-running `score()` per sample (what re-running a pipeline per replication,
//! as COINr does, amounts to), in the same run.
//!
//! Run: `cargo bench -p chiso --bench uncertainty` (add `-- --quick` for a short run).
//! Cases: PCI 2016 (63 provinces, 10 sub-indices) with weights ±20 %, and a COINr-like index
//! (50 units × 50 indicators → 10 pillars → 2 sub-indices → index) with weights ±25 %, two
//! normalisations and two aggregations, at N = 1,000 and 10,000.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

use chiso::sensitivity::{sensitivity, SensitivityOptions};
use chiso::spec::{Aggregation, Normalisation};
use chiso::uncertainty::{uncertainty, UncertainInput, UncertaintyOptions};
use chiso::{presets, score, CsvOptions, Dataset, IndexDefinition, ScoreOptions};

/// xorshift64*: a throwaway generator for the naive loop and the synthetic data.
struct Xs(u64);
impl Xs {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn pci() -> (IndexDefinition, Dataset) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/pci/pci_subindices.csv");
    let data =
        Dataset::from_csv_path(path, &CsvOptions { unit_column: "province".into(), ..CsvOptions::default() }).unwrap();
    (presets::get("pci").unwrap(), data)
}

/// A COINr-like index: 50 units, 50 raw indicators (min–max to 1–100), 10 pillars of 5,
/// 2 sub-indices of 5 pillars, an index of the 2; correlated indicators (a unit effect).
fn coinr_like() -> (IndexDefinition, Dataset) {
    let mut nodes = vec![serde_json::json!({"id": "index", "children": ["sub1", "sub2"]})];
    for s in 0..2 {
        let pillars: Vec<String> = (0..5).map(|p| format!("p{}", s * 5 + p)).collect();
        nodes.push(serde_json::json!({"id": format!("sub{}", s + 1), "children": pillars}));
    }
    for p in 0..10 {
        let indicators: Vec<String> = (0..5).map(|i| format!("i{}", p * 5 + i)).collect();
        nodes.push(serde_json::json!({"id": format!("p{p}"), "children": indicators}));
    }
    for i in 0..50 {
        nodes.push(serde_json::json!({"id": format!("i{i}"), "weight": 1 + i % 3,
            "normalise": {"method": "min_max", "low": 1, "high": 100}}));
    }
    let spec = serde_json::json!({"id": "asem_like", "root": "index", "nodes": nodes});
    let definition = IndexDefinition::from_json(&spec.to_string()).unwrap();
    let mut rng = Xs(0x9E37_79B9_7F4A_7C15);
    let units: Vec<String> = (0..50).map(|u| format!("unit{u}")).collect();
    let effect: Vec<f64> = (0..50).map(|_| rng.next()).collect();
    let mut data = Dataset::new(units, None).unwrap();
    for i in 0..50 {
        let column = (0..50).map(|u| Some(effect[u] * 50.0 + rng.next() * 50.0)).collect();
        data.add_column(&format!("i{i}"), column).unwrap();
    }
    (definition, data)
}

/// The naive loop: per sample, edit every weight in the spec's JSON, parse it, `score()`.
fn naive(definition: &IndexDefinition, data: &Dataset, year: Option<i32>, pm: f64, samples: usize) -> u64 {
    let spec = definition.resolve(year).unwrap();
    let base: serde_json::Value = serde_json::from_str(&IndexDefinition::from_spec(&spec).to_json()).unwrap();
    let mut rng = Xs(42);
    let mut checksum = 0u64;
    for _ in 0..samples {
        let mut edited = base.clone();
        for node in edited["nodes"].as_array_mut().unwrap() {
            let w = node.get("weight").and_then(serde_json::Value::as_f64).unwrap_or(1.0);
            node["weight"] = (w * (1.0 + pm * (2.0 * rng.next() - 1.0))).into();
        }
        let def = IndexDefinition::from_json(&edited.to_string()).unwrap();
        let scores = score(&def, data, &ScoreOptions { year, ..Default::default() }).unwrap();
        checksum += u64::from(scores.rows[0].rank);
    }
    checksum
}

fn bench(c: &mut Criterion) {
    let (pci, pci_data) = pci();
    let weights = |pm: f64| vec![UncertainInput::Weights { pm, groups: vec![] }];
    let mut group = c.benchmark_group("pci_2016_weights_pm20");
    group.sample_size(10).measurement_time(Duration::from_secs(10)).warm_up_time(Duration::from_secs(1));
    group.bench_function(BenchmarkId::new("compiled", 10_000), |b| {
        b.iter(|| {
            uncertainty(&pci, &pci_data, Some(2016), &weights(0.2), &UncertaintyOptions { samples: 10_000, seed: 1 })
                .unwrap()
        })
    });
    group.bench_function(BenchmarkId::new("naive_score_per_sample", 10_000), |b| {
        b.iter(|| naive(&pci, &pci_data, Some(2016), 0.2, 10_000))
    });
    group.finish();

    let (asem, asem_data) = coinr_like();
    let inputs = vec![
        UncertainInput::Weights { pm: 0.25, groups: vec![] },
        UncertainInput::Normalisation {
            alternatives: vec![Normalisation::min_max(1.0, 100.0), Normalisation::min_max(10.0, 100.0)],
            nodes: vec![],
        },
        UncertainInput::Aggregation {
            alternatives: vec![Aggregation::WeightedMean, Aggregation::GeometricMean],
            groups: vec![],
        },
    ];
    let mut group = c.benchmark_group("coinr_like_50x50");
    group.sample_size(10).measurement_time(Duration::from_secs(10)).warm_up_time(Duration::from_secs(1));
    for samples in [1_000, 10_000] {
        group.bench_function(BenchmarkId::new("uncertainty", samples), |b| {
            b.iter(|| uncertainty(&asem, &asem_data, None, &inputs, &UncertaintyOptions { samples, seed: 1 }).unwrap())
        });
    }
    group.bench_function(BenchmarkId::new("weights_only_compiled", 1_000), |b| {
        b.iter(|| {
            uncertainty(&asem, &asem_data, None, &weights(0.25), &UncertaintyOptions { samples: 1_000, seed: 1 })
                .unwrap()
        })
    });
    group.bench_function(BenchmarkId::new("weights_only_naive", 1_000), |b| {
        b.iter(|| naive(&asem, &asem_data, None, 0.25, 1_000))
    });
    group.bench_function(BenchmarkId::new("sensitivity_n1000_5000_runs", 1_000), |b| {
        let options = SensitivityOptions { samples: 1_000, seed: 1, bootstrap: 100, ..SensitivityOptions::default() };
        b.iter(|| sensitivity(&asem, &asem_data, None, &inputs, &options).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
