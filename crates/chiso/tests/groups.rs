//! PAPI's four groups per dimension as well as for the total: each dimension's quartiles
//! (linear percentiles, ties to the better group), computed here by hand.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chiso::groups::node_groups;
use chiso::{presets, score, CsvOptions, Dataset, ScoreOptions};

fn papi() -> Dataset {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/papi/papi_dimensions.csv");
    Dataset::from_csv_path(path, &CsvOptions { unit_column: "province".into(), ..Default::default() }).unwrap()
}

/// The p-quantile by linear interpolation between order statistics (position (n − 1)·p).
fn linear(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let (lo, frac) = (h.floor() as usize, h - h.floor());
    if lo + 1 < sorted.len() {
        sorted[lo] + frac * (sorted[lo + 1] - sorted[lo])
    } else {
        sorted[lo]
    }
}

#[test]
fn papi_2019_groups_for_the_total_and_each_dimension() {
    let definition = presets::get("papi").unwrap();
    let data = papi();
    let groups = node_groups(&definition, &data, Some(2019)).unwrap();
    let ids: Vec<&str> = groups.iter().map(|g| g.node.as_str()).collect();
    assert_eq!(
        ids,
        [
            "papi",
            "participation",
            "transparency",
            "vertical_accountability",
            "control_of_corruption",
            "public_admin_procedures",
            "public_service_delivery",
            "environmental_governance",
            "e_governance"
        ]
    );
    // The total's groups are the scores' tiers (16/16/15/16 of 63 in 2019).
    let scores = score(&definition, &data, &ScoreOptions { year: Some(2019), ..Default::default() }).unwrap();
    for u in &groups[0].units {
        let row = scores.rows.iter().find(|r| r.unit == u.unit).unwrap();
        assert_eq!(u.tier, row.tier, "{}", u.unit);
    }
    let count = |g: &chiso::groups::NodeGroups, level| {
        g.units.iter().filter(|u| u.tier.as_ref().unwrap().level == level).count()
    };
    assert_eq!(
        (count(&groups[0], 0), count(&groups[0], 1), count(&groups[0], 2), count(&groups[0], 3)),
        (16, 16, 15, 16)
    );
    // Each dimension: its own quartiles, by hand.
    for g in &groups[1..] {
        assert_eq!(g.units.len(), 63, "{}", g.node);
        let mut sorted: Vec<f64> = g.units.iter().map(|u| u.score).collect();
        sorted.sort_by(f64::total_cmp);
        let cuts = [0.25, 0.5, 0.75].map(|p| linear(&sorted, p));
        for u in &g.units {
            let above = cuts.iter().filter(|&&c| u.score >= c).count();
            assert_eq!(u.tier.as_ref().unwrap().level, 3 - above, "{} {}", g.node, u.unit);
        }
    }
}

#[test]
fn indices_without_a_tier_rule_say_so() {
    let definition = presets::get("pci").unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/pci/pci_subindices.csv");
    let data =
        Dataset::from_csv_path(path, &CsvOptions { unit_column: "province".into(), ..Default::default() }).unwrap();
    let err = node_groups(&definition, &data, Some(2018)).unwrap_err().to_string();
    assert!(err.contains("no tier rule for 2018"), "{err}");
}
