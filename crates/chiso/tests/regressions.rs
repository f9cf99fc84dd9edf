//! Inputs that once broke an invariant, found by fuzzing (`scripts/fuzz.sh`) or while writing
//! the property tests, kept so they stay fixed. Each test says what went wrong.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chiso::IndexDefinition;

const TREE: &str = "id = \"x\"\nroot = \"t\"\n[[nodes]]\nid = \"t\"\nchildren = [\"a\", \"b\"]\n\
                    [[nodes]]\nid = \"a\"\n[[nodes]]\nid = \"b\"\n";

/// A NaN or infinite number in a part of the file no edition uses (the weight of a node every
/// edition removes, an edition weight of a removed node) was accepted from TOML, but the JSON
/// form of the definition then had `null` there and could not be read back. Every number of
/// the file is now checked, used or not.
#[test]
fn non_finite_numbers_are_refused_even_where_no_edition_uses_them() {
    let edition_weight = format!("{TREE}[[editions]]\nfrom = 1\nto = 2\nremove = [\"a\"]\nweights = {{ a = nan }}\n");
    let err = IndexDefinition::from_toml(&edition_weight).unwrap_err();
    assert_eq!(err.to_string(), "node 'a' has a non-finite edition weight; give a finite number");

    let removed_node = TREE.replace("id = \"b\"\n", "id = \"b\"\nweight = inf\n")
        + "[[editions]]\nfrom = 1\nto = 2\nremove = [\"b\"]\n";
    let err = IndexDefinition::from_toml(&removed_node).unwrap_err();
    assert_eq!(err.to_string(), "node 'b' has a non-finite weight; give a finite number");

    let negative = format!("{TREE}[[editions]]\nfrom = 1\nto = 2\nremove = [\"a\"]\nweights = {{ a = -1 }}\n");
    assert!(IndexDefinition::from_toml(&negative).unwrap_err().to_string().contains("node 'a' has weight -1"));

    // What is accepted round-trips through JSON.
    let kept = format!("{TREE}[[editions]]\nfrom = 1\nto = 2\nremove = [\"a\"]\nweights = {{ a = 2 }}\n");
    let definition = IndexDefinition::from_toml(&kept).unwrap();
    assert_eq!(IndexDefinition::from_json(&definition.to_json()).unwrap(), definition);
}

/// serde_json's default float parser may land one ulp off for 17-digit values: an edition
/// weight of 3.6789047721712658 read back from the spec's own JSON as 3.6789047721712653
/// (found by the round-trip property). The workspace enables serde_json's `float_roundtrip`.
#[test]
fn every_float_of_a_spec_reads_back_exactly_from_its_json() {
    for weight in [3.6789047721712658f64, 0.1 + 0.2, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308] {
        let toml = format!("{TREE}[[editions]]\nfrom = 1\nto = 2\nweights = {{ a = {weight:?} }}\n");
        let definition = IndexDefinition::from_toml(&toml).unwrap();
        let back = IndexDefinition::from_json(&definition.to_json()).unwrap();
        assert_eq!(back.file().editions[0].weights["a"].to_bits(), weight.to_bits(), "{weight:?}");
        assert_eq!(back, definition);
    }
}

/// Planning towards a NaN score (possible through the Rust API, which takes a `Target`
/// directly) or towards a score no finite gain reaches (sub-indices without a scale) gave a
/// plan with infinite gains (found by the pipeline fuzz target); rank 0 underflowed an index.
/// All are now an `InvalidTarget` error.
#[test]
fn plans_never_hold_infinite_gains() {
    use chiso::plan::{plan, PlanOptions, Target};
    let definition = IndexDefinition::from_toml(TREE).unwrap();
    let data = chiso::Dataset::from_csv_str("unit,a,b\nX,0,1\nY,2,3\n", &chiso::CsvOptions::default()).unwrap();
    for target in [Target::Score(f64::NAN), Target::Score(f64::INFINITY), Target::Score(1e308), Target::Rank(0)] {
        let err = plan(&definition, &data, "X", None, target, &PlanOptions::default()).unwrap_err();
        assert_eq!(err.variant(), "InvalidTarget", "{target:?}: {err}");
    }
    // A reachable target still plans: X (0.5) to Y's 2.5 needs 4 points, all on one sub-index.
    let p = plan(&definition, &data, "X", None, Target::Rank(1), &PlanOptions::default()).unwrap();
    assert!(p.reachable && p.steps.iter().all(|s| s.gain.is_finite()));
    assert!((p.total_gain - 4.0).abs() < 1e-9, "{p:?}");
}

/// Years at the ends of `i32`: the diagnosis's "year before" and the planner's trend used
/// `y - 1` and `y - y0`, which overflow there (a panic in debug builds).
#[test]
fn extreme_years_do_not_overflow() {
    use chiso::plan::{plan, Field, PlanOptions, Target};
    let definition = IndexDefinition::from_toml(TREE).unwrap();
    let csv = "unit,year,a,b\nX,-2147483648,1,2\nY,-2147483648,2,3\nX,2147483647,1,1\nY,2147483647,2,3\n";
    let data = chiso::Dataset::from_csv_str(csv, &chiso::CsvOptions::default()).unwrap();
    let d = chiso::diagnose::diagnose(&definition, &data, "X", Some(i32::MIN), None).unwrap();
    assert_eq!(d.previous_year, None);
    let options = PlanOptions { field: Field::Trend, ..PlanOptions::default() };
    let p = plan(&definition, &data, "X", Some(i32::MAX), Target::Rank(1), &options).unwrap();
    // Y's trend is flat (2.5 both years): X (1.0, the mean of a and b) ties it with a = 4,
    // a gain of 3 points on one sub-index.
    assert!(p.reachable && (p.total_gain - 3.0).abs() < 1e-9, "{p:?}");
}

/// Each year is scored with its own copy of the tree: a file of many one-row years and a
/// large spec cost years × nodes, however small the result. The value budget
/// (`Limits::max_cells`) now counts every year's nodes, so such a file is refused early.
#[test]
fn many_years_of_a_large_spec_stay_within_the_value_budget() {
    use chiso::{CsvOptions, Dataset, Limits, ScoreOptions};
    let children: Vec<String> = (0..199).map(|i| format!("\"c{i}\"")).collect();
    let mut spec = format!("id = \"x\"\nroot = \"t\"\n[[nodes]]\nid = \"t\"\nchildren = [{}]\n", children.join(","));
    for i in 0..199 {
        spec.push_str(&format!("[[nodes]]\nid = \"c{i}\"\n"));
    }
    let definition = IndexDefinition::from_toml(&spec).unwrap();
    // The headline column only: one computed node per row, 200 nodes per year.
    let mut csv = String::from("unit,year,t\n");
    for y in 0..2_000 {
        csv.push_str(&format!("A,{y},1\n"));
    }
    let options = CsvOptions { limits: Limits { max_cells: 300_000, ..Limits::DEFAULT }, ..CsvOptions::default() };
    let data = Dataset::from_csv_str(&csv, &options).unwrap();
    let err = chiso::score(&definition, &data, &ScoreOptions::default()).unwrap_err();
    assert_eq!(err.variant(), "TooLarge", "{err}");
    assert!(err.to_string().contains("at most 300000"), "{err}");
    // 1,000 years fit: 1,000 × (1 value + 200 nodes) ≤ 300,000.
    let half: String = csv.lines().take(1_001).map(|l| format!("{l}\n")).collect();
    let data = Dataset::from_csv_str(&half, &options).unwrap();
    assert_eq!(chiso::score(&definition, &data, &ScoreOptions::default()).unwrap().rows.len(), 1_000);
}

/// A negative multiplier turned a higher-is-better headline upside down without its direction
/// saying so: the planner, aiming higher, asked a unit to lose a point (gain −1; found by the
/// pipeline fuzz target on a maximum root with multiplier −220.15). Multipliers must now be
/// above zero; reversing a node is what `direction` is for.
#[test]
fn multipliers_must_be_above_zero() {
    let spec =
        |m: &str| TREE.replace("id = \"t\"\n", &format!("id = \"t\"\naggregation = \"maximum\"\nmultiplier = {m}\n"));
    for m in ["-220.15", "0", "-0.0"] {
        let err = IndexDefinition::from_toml(&spec(m)).unwrap_err();
        assert_eq!(err.variant(), "InvalidParameter");
        assert!(err.to_string().starts_with("node 't': multiplier "), "{err}");
        assert!(err.to_string().contains("must be above zero"), "{err}");
    }
    let definition = IndexDefinition::from_toml(&spec("10")).unwrap();
    let data = chiso::Dataset::from_csv_str("unit,a,b\nX,1,1\nY,2,3\n", &chiso::CsvOptions::default()).unwrap();
    let p =
        chiso::plan::plan(&definition, &data, "X", None, chiso::plan::Target::Rank(1), &Default::default()).unwrap();
    // Y's maximum is 3 (30 points): X raises one sub-index from 1 to 3.
    assert!(p.reachable && p.steps.iter().all(|s| s.gain >= 0.0), "{p:?}");
    assert!((p.total_gain - 2.0).abs() < 1e-9, "{p:?}");
}
