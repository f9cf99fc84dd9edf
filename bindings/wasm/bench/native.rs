//! Native side of the scoring benchmark (`bindings/wasm/bench/score.mjs` runs it): reads the
//! spec and data the script generated, then times `Dataset::new` + `add_column` (building the
//! dataset from columns), `chiso::score` and dropping its result (as the WebAssembly call
//! does before it returns), each the median of several runs, and prints one JSON line with the
//! times and checksums the script compares with the WebAssembly results.
//!
//! Run: `cargo run --release -p chiso-wasm --example bench_native -- DIR [RUNS]`, where DIR
//! holds `spec.json`, `meta.json` (`{"units": [...], "ids": [...]}`) and `values.f64` (the
//! columns of `ids`, one after the other, little-endian f64).

use std::error::Error;
use std::time::Instant;

use chiso::{score, Dataset, IndexDefinition, ScoreOptions};

/// `{"units": [...], "ids": [...]}`.
#[derive(serde::Deserialize)]
struct Meta {
    units: Vec<String>,
    ids: Vec<String>,
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().ok_or("usage: bench_native DIR [RUNS]")?);
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(5).max(1);
    let spec = IndexDefinition::from_json(&std::fs::read_to_string(dir.join("spec.json"))?)?;
    let meta: Meta = serde_json::from_str(&std::fs::read_to_string(dir.join("meta.json"))?)?;
    let bytes = std::fs::read(dir.join("values.f64"))?;
    let n = meta.units.len();
    if bytes.len() != 8 * n * meta.ids.len() {
        return Err(format!("values.f64 has {} bytes, expected {}", bytes.len(), 8 * n * meta.ids.len()).into());
    }
    let columns: Vec<Vec<f64>> = bytes
        .chunks_exact(8 * n)
        .map(|column| column.chunks_exact(8).map(|b| f64::from_le_bytes(b.try_into().unwrap_or_default())).collect())
        .collect();

    let (mut build_ms, mut score_ms, mut drop_ms) = (Vec::new(), Vec::new(), Vec::new());
    let mut checksum = (0.0, 0u64, 0.0);
    for _ in 0..runs {
        let start = Instant::now();
        let mut data = Dataset::new(meta.units.clone(), None)?;
        for (id, values) in meta.ids.iter().zip(&columns) {
            data.add_column(id, values.iter().map(|&v| Some(v)).collect())?;
        }
        build_ms.push(start.elapsed().as_secs_f64() * 1e3);
        let start = Instant::now();
        let scores = score(&spec, &data, &ScoreOptions::default())?;
        score_ms.push(start.elapsed().as_secs_f64() * 1e3);
        checksum = (
            scores.rows.iter().map(|r| r.score).sum::<f64>(),
            scores.rows.iter().map(|r| u64::from(r.rank)).sum::<u64>(),
            scores.rows.first().map_or(f64::NAN, |r| r.score),
        );
        let start = Instant::now();
        drop(scores);
        drop(data);
        drop_ms.push(start.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "{{\"runs\": {runs}, \"build_ms\": {:.3}, \"score_ms\": {:.3}, \"drop_ms\": {:.3}, \"score_sum\": {}, \"rank_sum\": {}, \"first_score\": {}}}",
        median(build_ms),
        median(score_ms),
        median(drop_ms),
        checksum.0,
        checksum.1,
        checksum.2
    );
    Ok(())
}
