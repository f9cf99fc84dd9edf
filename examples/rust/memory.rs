//! Peak memory of scoring a large table, against the size of its input: 1,000,000 units × 50
//! indicators in 3 levels (set `CHISO_UNITS` for another size). Reads the process's peak
//! resident size (`VmHWM`, Linux) before and after `score_table`.
//!
//! `cargo run --release -p chiso --example memory` (a measurement, not a test).

use chiso::{score_table, Dataset, IndexDefinition, ScoreOptions};

fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN);
    kib / 1024.0
}

fn main() -> Result<(), chiso::Error> {
    let units: usize = std::env::var("CHISO_UNITS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let (indicators, pillars) = (50, 10);
    let mut toml =
        String::from("id = \"m\"\nroot = \"index\"\n[[nodes]]\nid = \"index\"\nchildren = [\"d0\", \"d1\"]\n");
    for d in 0..2 {
        let p: Vec<String> = (0..pillars / 2).map(|p| format!("\"p{}\"", d * pillars / 2 + p)).collect();
        toml.push_str(&format!("[[nodes]]\nid = \"d{d}\"\nchildren = [{}]\n", p.join(", ")));
    }
    for p in 0..pillars {
        let c: Vec<String> = (0..indicators / pillars).map(|i| format!("\"x{}\"", p * 5 + i)).collect();
        toml.push_str(&format!("[[nodes]]\nid = \"p{p}\"\nchildren = [{}]\n", c.join(", ")));
    }
    for i in 0..indicators {
        toml.push_str(&format!(
            "[[nodes]]\nid = \"x{i}\"\nnormalise = {{ method = \"min_max\", low = 0, high = 100 }}\n"
        ));
    }
    let definition = IndexDefinition::from_toml(&toml)?;
    let before_data = peak_mib();
    let mut data = Dataset::new((0..units).map(|u| format!("u{u}")).collect(), None)?;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for i in 0..indicators {
        let column = (0..units)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                Some((state >> 11) as f64 / (1u64 << 53) as f64 + i as f64)
            })
            .collect();
        data.add_column(&format!("x{i}"), column)?;
    }
    let mut limits = data.limits();
    limits.max_cells = usize::MAX;
    data.set_limits(limits);
    let with_data = peak_mib();
    let table = score_table(&definition, &data, &ScoreOptions::default())?;
    let after = peak_mib();
    let input = (units * indicators * 8) as f64 / (1024.0 * 1024.0);
    println!("{units} units × {indicators} indicators: input {input:.0} MiB as f64 values");
    println!("dataset held in {:.0} MiB (Option<f64> cells and unit names)", with_data - before_data);
    println!(
        "peak while scoring: +{:.0} MiB over the dataset ({:.1}× the input; {} nodes scored and ranked)",
        after - with_data,
        (after - with_data) / input,
        table.nodes.len()
    );
    Ok(())
}
