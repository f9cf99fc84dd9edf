//! The full pipeline on 1,000,000 units × 50 indicators in 3 levels (indicators → 10 pillars
//! → 2 dimensions → index), against one plain pass that sums the same input: the ratio is
//! what the engine costs over merely touching the data.
//!
//! `cargo bench -p chiso --bench pipeline` (set `CHISO_BENCH_UNITS` for another size).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;

use chiso::{score, score_table, Dataset, IndexDefinition, ScoreOptions};
use criterion::{criterion_group, criterion_main, Criterion};

const INDICATORS: usize = 50;
const PILLARS: usize = 10;

fn spec() -> IndexDefinition {
    let mut toml = String::from("id = \"bench\"\nroot = \"index\"\n");
    toml.push_str("[[nodes]]\nid = \"index\"\nchildren = [\"d0\", \"d1\"]\n");
    for d in 0..2 {
        let pillars: Vec<String> = (0..PILLARS / 2).map(|p| format!("\"p{}\"", d * PILLARS / 2 + p)).collect();
        toml.push_str(&format!("[[nodes]]\nid = \"d{d}\"\nchildren = [{}]\n", pillars.join(", ")));
    }
    let per = INDICATORS / PILLARS;
    for p in 0..PILLARS {
        let children: Vec<String> = (0..per).map(|i| format!("\"x{}\"", p * per + i)).collect();
        toml.push_str(&format!(
            "[[nodes]]\nid = \"p{p}\"\nweight = {}\nchildren = [{}]\n",
            1 + p % 3,
            children.join(", ")
        ));
    }
    for i in 0..INDICATORS {
        let direction = if i % 4 == 3 { "lower_is_better" } else { "higher_is_better" };
        toml.push_str(&format!(
            "[[nodes]]\nid = \"x{i}\"\ndirection = \"{direction}\"\nnormalise = {{ method = \"min_max\", low = 0, high = 100 }}\n"
        ));
    }
    IndexDefinition::from_toml(&toml).unwrap()
}

/// Deterministic pseudo-random columns (xorshift), no missing values.
fn data(units: usize) -> (Dataset, Vec<Vec<f64>>) {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let names: Vec<String> = (0..units).map(|u| format!("unit {u}")).collect();
    let mut dataset = Dataset::new(names, None).unwrap();
    let mut columns = Vec::with_capacity(INDICATORS);
    for i in 0..INDICATORS {
        let column: Vec<f64> = (0..units).map(|_| 10.0 * next() + i as f64).collect();
        dataset.add_column(&format!("x{i}"), column.iter().map(|&v| Some(v)).collect()).unwrap();
        columns.push(column);
    }
    (dataset, columns)
}

fn bench(c: &mut Criterion) {
    let units: usize = std::env::var("CHISO_BENCH_UNITS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let definition = spec();
    let (dataset, columns) = data(units);
    let mut group = c.benchmark_group(format!("{units} units x {INDICATORS} indicators"));
    group.sample_size(10);
    group.bench_function("plain sum of the input", |b| {
        b.iter(|| black_box(&columns).iter().map(|c| c.iter().sum::<f64>()).sum::<f64>())
    });
    group.bench_function("chiso score_table (normalise, 3 levels, rank every node; columns)", |b| {
        b.iter(|| score_table(&definition, black_box(&dataset), &ScoreOptions::default()).unwrap())
    });
    group.bench_function("chiso score (the same, as rows)", |b| {
        b.iter(|| score(&definition, black_box(&dataset), &ScoreOptions::default()).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
