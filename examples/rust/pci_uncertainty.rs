//! Is a rank move real? PCI 2016 rank intervals under weights ±20 %, and how many of the
//! 2015 → 2016 rank changes are larger than their uncertainty.
//!
//! Run: `cargo run --release -p chiso --example pci_uncertainty`

use chiso::uncertainty::{rank_changes, uncertainty, UncertainInput, UncertaintyOptions};
use chiso::{presets, CsvOptions, Dataset};

fn main() -> Result<(), chiso::Error> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/pci/pci_subindices.csv");
    let data = Dataset::from_csv_path(path, &CsvOptions { unit_column: "province".into(), ..CsvOptions::default() })?;
    let pci = presets::get("pci")?;
    let inputs = [UncertainInput::Weights { pm: 0.2, groups: vec![] }];
    let options = UncertaintyOptions { samples: 10_000, seed: 2016 };

    let result = uncertainty(&pci, &data, Some(2016), &inputs, &options)?;
    let mut units: Vec<_> = result.units.iter().collect();
    units.sort_by_key(|u| u.nominal_rank);
    println!("PCI 2016, weights ±20 %, {} samples: rank, median, 5–95 % interval", options.samples);
    for u in &units {
        println!("{:>3}  {:<18} {:>5}  {:>4}–{:<4}", u.nominal_rank, u.unit, u.rank_median, u.rank_p05, u.rank_p95);
    }

    let changes = rank_changes(&pci, &data, 2015, 2016, &inputs, &options)?;
    println!(
        "\n2015 → 2016: {} of {} provinces changed rank. {} moved beyond their 2016 interval (2015 rank \
         outside the 2016 5–95 % interval); {} have disjoint 2015 and 2016 intervals; {} keep the sign \
         of their change in at least 95 % of the samples.",
        changes.moved,
        changes.changes.len(),
        changes.moved_outside_interval,
        changes.moved_disjoint,
        changes.moved_sign_95
    );
    Ok(())
}
