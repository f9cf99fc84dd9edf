//! How the work grows with hostile input: each operation timed at sizes n, 2n, 4n, 8n, with
//! the ratio of successive times (about 2 for linear work, 4 for quadratic).
//!
//! `cargo run --release -p chiso --example scaling` (a measurement, not a test: times vary
//! with the machine; the ratios are what to read).

use std::time::Instant;

use chiso::{diagnose, score, Cell, CsvOptions, Dataset, IndexDefinition, ScoreOptions, UnitMapping};

/// A root with `n` leaf children, as TOML.
fn wide_spec(n: usize) -> String {
    let children: Vec<String> = (0..n).map(|i| format!("\"c{i}\"")).collect();
    let mut t = format!("id = \"w\"\nroot = \"t\"\n[[nodes]]\nid = \"t\"\nchildren = [{}]\n", children.join(","));
    for i in 0..n {
        t.push_str(&format!("[[nodes]]\nid = \"c{i}\"\n"));
    }
    t
}

/// `rows` units × `columns` leaves, values 1..10, each row its own year when `years`.
fn csv(rows: usize, columns: usize, years: bool) -> String {
    let header: Vec<String> = (0..columns).map(|i| format!("c{i}")).collect();
    let mut t = format!("unit,{}{}\n", if years { "year," } else { "" }, header.join(","));
    for r in 0..rows {
        t.push_str(&format!("Đơn vị {r}"));
        if years {
            t.push_str(&format!(",{}", 1000 + r));
        }
        for c in 0..columns {
            t.push_str(&format!(",{}", 1 + (r * 7 + c * 3) % 9));
        }
        t.push('\n');
    }
    t
}

fn time(mut f: impl FnMut()) -> f64 {
    f(); // warm up
    let start = Instant::now();
    f();
    start.elapsed().as_secs_f64()
}

fn report(name: &str, base: usize, run: impl Fn(usize) -> f64) {
    let sizes = [base, 2 * base, 4 * base, 8 * base];
    let times: Vec<f64> = sizes.iter().map(|&n| run(n)).collect();
    let ratios: Vec<String> = times.windows(2).map(|w| format!("{:.1}", w[1] / w[0])).collect();
    println!(
        "{name:<52} n = {base:>6}: {:>8.1} ms … {:>8.1} ms at 8n; ratios {}",
        times[0] * 1e3,
        times[3] * 1e3,
        ratios.join(", ")
    );
}

fn main() -> Result<(), chiso::Error> {
    println!("time at n and at 8n; each doubling should about double the time (ratio ≈ 2)\n");
    report("spec: root with n children (TOML, validated)", 5_000, |n| {
        let text = wide_spec(n);
        time(|| {
            IndexDefinition::from_toml(&text).map(drop).unwrap_or_default();
        })
    });
    report("spec: n children × 10 editions", 1_000, |n| {
        let mut text = wide_spec(n);
        for y in 0..10 {
            text.push_str(&format!("[[editions]]\nfrom = {0}\nto = {0}\n", 2000 + y));
        }
        time(|| {
            IndexDefinition::from_toml(&text).map(drop).unwrap_or_default();
        })
    });
    report("CSV: n rows × 10 columns read", 20_000, |n| {
        let text = csv(n, 10, false);
        time(|| {
            Dataset::from_csv_str(&text, &CsvOptions::default()).map(drop).unwrap_or_default();
        })
    });
    report("records: n rows × 10 fields read", 20_000, |n| {
        let records: Vec<Vec<(String, Cell)>> = (0..n)
            .map(|r| {
                let mut rec = vec![("unit".to_owned(), Cell::Text(format!("u{r}")))];
                rec.extend((0..10).map(|c| (format!("c{c}"), Cell::Number((r + c) as f64))));
                rec
            })
            .collect();
        time(|| {
            Dataset::from_records(&records, &CsvOptions::default()).map(drop).unwrap_or_default();
        })
    });
    let ten = IndexDefinition::from_toml(&wide_spec(10))?;
    report("score: n rows × 10 leaves, one year", 20_000, |n| {
        let data = Dataset::from_csv_str(&csv(n, 10, false), &CsvOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        time(|| {
            score(&ten, &data, &ScoreOptions::default()).map(drop).unwrap_or_default();
        })
    });
    report("score: n rows, each its own year", 5_000, |n| {
        let data = Dataset::from_csv_str(&csv(n, 10, true), &CsvOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        time(|| {
            score(&ten, &data, &ScoreOptions::default()).map(drop).unwrap_or_default();
        })
    });
    report("score (strict): 20 rows, n columns and n nodes", 2_000, |n| {
        let spec = IndexDefinition::from_toml(&wide_spec(n)).unwrap_or_else(|e| panic!("{e}"));
        let data = Dataset::from_csv_str(&csv(20, n, false), &CsvOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        time(|| {
            score(&spec, &data, &ScoreOptions { strict: true, ..Default::default() }).map(drop).unwrap_or_default();
        })
    });
    report("diagnose: 20 rows, a root with n children", 1_000, |n| {
        let spec = IndexDefinition::from_toml(&wide_spec(n)).unwrap_or_else(|e| panic!("{e}"));
        let data = Dataset::from_csv_str(&csv(20, n, false), &CsvOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        time(|| {
            diagnose::diagnose(&spec, &data, "Đơn vị 3", None, None).map(drop).unwrap_or_default();
        })
    });
    report("compare: n units through a mapping of n renames", 5_000, |n| {
        let mut text = String::from("unit,year,c0\n");
        for r in 0..n {
            text.push_str(&format!("A{r},2020,{}\nB{r},2021,{}\n", 1 + r % 9, 1 + (r * 5) % 9));
        }
        let data = Dataset::from_csv_str(&text, &CsvOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        let mut mapping = String::from("old,new,effective_date\n");
        for r in 0..n {
            mapping.push_str(&format!("A{r},B{r},2021-01-01\n"));
        }
        let mapping = UnitMapping::from_csv_str(&mapping).unwrap_or_else(|e| panic!("{e}"));
        let one = IndexDefinition::from_toml(&wide_spec(1)).unwrap_or_else(|e| panic!("{e}"));
        time(|| {
            chiso::compare_mapped(&one, &data, 2020, 2021, Some(&mapping)).map(drop).unwrap_or_default();
        })
    });
    Ok(())
}
