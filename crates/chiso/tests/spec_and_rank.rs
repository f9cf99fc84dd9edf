//! Spec round trips, ranking rules and tier rules.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chiso::rank::{rank, round_half_away, tier};
use chiso::spec::{Direction, Labels, RankBasis, RankRule, TierRule, Ties};
use chiso::{presets, IndexDefinition};

#[test]
fn every_pci_edition_round_trips_through_json_and_toml() {
    let pci = presets::get("pci").unwrap();
    for year in [2006, 2010, 2015, 2023] {
        let spec = pci.resolve(Some(year)).unwrap();
        let from_json = IndexDefinition::from_json(&spec.to_json()).unwrap().resolve(Some(year)).unwrap();
        let from_toml = IndexDefinition::from_toml(&spec.to_toml().unwrap()).unwrap().resolve(Some(year)).unwrap();
        assert_eq!(from_json, spec, "{year} json");
        assert_eq!(from_toml, spec, "{year} toml");
        // A single edition refuses years outside its range rather than guessing.
        assert!(IndexDefinition::from_json(&spec.to_json()).unwrap().resolve(Some(2040)).is_err());
    }
    let whole = IndexDefinition::from_json(&pci.to_json()).unwrap();
    assert_eq!(whole, pci);
    assert_eq!(IndexDefinition::from_toml(&pci.to_toml().unwrap()).unwrap(), pci);
}

#[test]
fn a_multi_edition_index_needs_a_year() {
    let err = presets::get("pci").unwrap().resolve(None).unwrap_err().to_string();
    assert!(err.contains("give a year"), "{err}");
}

#[test]
fn competition_and_dense_ties() {
    let scores = [64.56, 70.0, 64.56, 60.0, 70.0];
    let competition = rank(&scores, Direction::HigherIsBetter, RankRule::default());
    assert_eq!(competition, vec![3, 1, 3, 5, 1]);
    let dense = rank(&scores, Direction::HigherIsBetter, RankRule { basis: RankBasis::Unrounded, ties: Ties::Dense });
    assert_eq!(dense, vec![2, 1, 2, 3, 1]);
    let lower = rank(&scores, Direction::LowerIsBetter, RankRule::default());
    assert_eq!(lower, vec![2, 4, 2, 1, 4]);
}

#[test]
fn unrounded_ranking_separates_what_rounded_ranking_ties() {
    // Two provinces both shown as 64.56 rank 20 and 21 in PCI, but tie on a rounded rule.
    let scores = [64.5649, 64.5551];
    assert_eq!(rank(&scores, Direction::HigherIsBetter, RankRule::default()), vec![1, 2]);
    let rounded = RankRule { basis: RankBasis::Rounded(2), ties: Ties::Competition };
    assert_eq!(rank(&scores, Direction::HigherIsBetter, rounded), vec![1, 1]);
    // The ministry's e-government rule: 3 decimals, 0.6325 and 0.633 tie (spreadsheet rounding).
    let e_gov = RankRule { basis: RankBasis::Rounded(3), ties: Ties::Competition };
    assert_eq!(rank(&[0.6325, 0.633, 0.7, 0.5], Direction::HigherIsBetter, e_gov), vec![2, 2, 1, 4]);
    assert_eq!(round_half_away(0.6325, 3), 0.633);
    assert_eq!(round_half_away(-2.5, 0), -3.0);
}

#[test]
fn tier_rules_by_score_and_by_rank() {
    let label = |t: &str| Labels::same(t);
    let bands = TierRule::ScoreBands(vec![(Some(90.0), label("A")), (Some(80.0), label("B")), (None, label("C"))]);
    assert_eq!(tier(&bands, 90.0, 1).unwrap().label.vi, "A");
    assert_eq!(tier(&bands, 89.99, 2).unwrap().level, 1);
    assert_eq!(tier(&bands, 10.0, 3).unwrap().label.vi, "C");
    let open = TierRule::ScoreBands(vec![(Some(90.0), label("A"))]);
    assert!(tier(&open, 50.0, 9).is_none(), "a score below every band has no tier");
    let top =
        TierRule::RankBands(vec![(Some(10), label("top 10")), (Some(20), label("top 20")), (None, label("other"))]);
    assert_eq!(tier(&top, 0.0, 10).unwrap().label.vi, "top 10");
    assert_eq!(tier(&top, 0.0, 11).unwrap().label.vi, "top 20");
    assert_eq!(tier(&top, 0.0, 63).unwrap().label.vi, "other");
}
