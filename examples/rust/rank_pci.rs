//! Ranks the 63 provinces on PCI 2016 from the bundled published sub-indices, then shows one
//! province's year-over-year change, as provincial reports state it.
//!
//! Run: `cargo run -p chiso --example rank_pci`

use chiso::display::{format_decimal, format_delta};
use chiso::{compare, presets, score, CsvOptions, Dataset, ScoreOptions};

fn main() -> Result<(), chiso::Error> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/pci/pci_subindices.csv");
    let options = CsvOptions { unit_column: "province".into(), ..CsvOptions::default() };
    let data = Dataset::from_csv_path(path, &options)?;
    let pci = presets::get("pci")?;

    let scores = score(&pci, &data, &ScoreOptions { year: Some(2016), ..Default::default() })?;
    println!("PCI 2016, top 10 of {}:", scores.rows.len());
    for &i in scores.ranking_order().iter().take(10) {
        let row = &scores.rows[i];
        let tier = row.tier.as_ref().map(|t| t.label.vi.as_str()).unwrap_or("");
        println!("{:>3}  {:<18} {:>6}  {}", row.rank, row.unit, format_decimal(row.score, 2, false), tier);
    }

    let change = compare(&pci, &data, 2015, 2016)?;
    let province = "Nam Định";
    if let Some(c) = change.rows.iter().find(|c| c.unit == province) {
        if let (Some(score_to), Some(delta), Some(rank_to), Some(places)) =
            (c.score_to, c.score_delta, c.rank_to, c.rank_change)
        {
            println!(
                "\n{province} 2016: {} điểm, hạng {rank_to}/63, {} điểm và {places:+} bậc so với 2015",
                format_decimal(score_to, 2, true),
                format_delta(delta, 2, true),
            );
        }
    }
    Ok(())
}
