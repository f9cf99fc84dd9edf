//! Diagnostics and the target planner on the bundled PCI data, with brute-force and
//! property checks of the planner's optimality.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chiso::diagnose::diagnose;
use chiso::plan::{plan, Field, Plan, PlanOptions, Target};
use chiso::{presets, score, CsvOptions, Dataset, IndexDefinition, ScoreOptions};
use proptest::prelude::*;

fn pci_data() -> Dataset {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/pci/pci_subindices.csv");
    Dataset::from_csv_path(path, &CsvOptions { unit_column: "province".into(), ..CsvOptions::default() }).unwrap()
}

/// The data with `unit`'s sub-indices in `year` replaced by the plan's values.
fn apply(data: &Dataset, p: &Plan) -> Dataset {
    let mut out = Dataset::new(data.units().to_vec(), data.years().map(<[i32]>::to_vec)).unwrap();
    for name in data.column_names().map(str::to_owned).collect::<Vec<_>>() {
        let Ok(values) = data.values(&name) else { continue };
        let mut values = values.to_vec();
        if let Some(step) = p.steps.iter().find(|s| s.id == name) {
            for (i, v) in values.iter_mut().enumerate() {
                if data.units()[i] == p.unit && data.years().map(|y| y[i]) == p.year {
                    *v = Some(step.planned);
                }
            }
        }
        out.add_column(&name, values).unwrap();
    }
    out
}

fn rescored_rank(def: &IndexDefinition, data: &Dataset, p: &Plan) -> u32 {
    let scores = score(def, &apply(data, p), &ScoreOptions { year: p.year, ..Default::default() }).unwrap();
    scores.rows.iter().find(|r| r.unit == p.unit).unwrap().rank
}

/// Exact optimum of min Σcᵢgᵢ s.t. Σaᵢgᵢ ≥ Δ, 0 ≤ gᵢ ≤ capᵢ by enumerating the vertices of the
/// polytope: every variable at a bound except at most one.
fn brute_force_cost(a: &[f64], costs: &[f64], caps: &[f64], delta: f64) -> Option<f64> {
    let n = a.len();
    let mut best: Option<f64> = None;
    for mask in 0..(1u32 << n) {
        let at = |i: usize| if mask & (1 << i) != 0 { caps[i] } else { 0.0 };
        let base: f64 = (0..n).map(|i| a[i] * at(i)).sum();
        let base_cost: f64 = (0..n).map(|i| costs[i] * at(i)).sum();
        if base >= delta - 1e-12 {
            best = Some(best.map_or(base_cost, |b: f64| b.min(base_cost)));
        }
        for free in (0..n).filter(|&i| mask & (1 << i) == 0 && a[i] > 0.0) {
            let g = (delta - base) / a[free];
            if g >= 0.0 && g <= caps[free] {
                let cost = base_cost + costs[free] * g;
                best = Some(best.map_or(cost, |b: f64| b.min(cost)));
            }
        }
    }
    best
}

#[test]
fn diagnosis_of_nam_dinh_2016() {
    let data = pci_data();
    let pci = presets::get("pci").unwrap();
    let d = diagnose(&pci, &data, "Nam Định", Some(2016), None).unwrap();
    assert_eq!((d.rank, d.out_of, d.previous_year, d.previous_rank), (30, 63, Some(2015), Some(17)));
    assert_eq!(d.rank_change, Some(-13));
    assert_eq!(d.components.len(), 10);
    // Medians and leaders, recomputed here from the raw column.
    let land = data.values("land_access").unwrap();
    let mut field: Vec<f64> =
        (0..data.len()).filter(|&i| data.years().unwrap()[i] == 2016).map(|i| land[i].unwrap()).collect();
    field.sort_by(f64::total_cmp);
    let c = d.components.iter().find(|c| c.id == "land_access").unwrap();
    assert_eq!(c.median, field[31]);
    assert_eq!(c.leader, field[62]);
    assert!((c.cost_to_median - 10.0 * 0.05 * (field[31] - c.score).max(0.0)).abs() < 1e-9);
    // Weakest: ordered by cost to the median, all below the leader.
    let costs: Vec<f64> =
        d.weakest.iter().map(|id| d.components.iter().find(|c| &c.id == id).unwrap().cost_to_median).collect();
    assert!(costs.windows(2).all(|w| w[0] >= w[1]), "{costs:?}");
    // The decomposition adds up to the change (same edition: no weight effect).
    let parts = d.decomposition.unwrap();
    let sum: f64 = parts.contributions.iter().map(|(_, c)| c).sum();
    assert!((sum - d.score_change.unwrap()).abs() < 1e-9);
    assert!(parts.weight_effect.abs() < 1e-12);
    assert!(d.fell.iter().all(|id| d.components.iter().find(|c| &c.id == id).unwrap().change.unwrap() < 0.0));
}

#[test]
fn decomposition_across_editions_includes_the_weight_effect() {
    let pci = presets::get("pci").unwrap();
    let d = diagnose(&pci, &pci_data(), "Đà Nẵng", Some(2013), Some(2006)).unwrap();
    let parts = d.decomposition.unwrap();
    let sum: f64 = parts.contributions.iter().map(|(_, c)| c).sum::<f64>() + parts.weight_effect;
    assert!((sum - parts.total).abs() < 1e-9, "{sum} vs {}", parts.total);
    assert!(parts.weight_effect.abs() > 0.1, "weights changed between 2006 and 2013");
}

#[test]
fn top_ten_plans_reach_rank_ten_when_applied_and_cost_no_more_than_brute_force() {
    let data = pci_data();
    let pci = presets::get("pci").unwrap();
    let spec = pci.resolve(Some(2016)).unwrap();
    let a: Vec<f64> = spec.component_shares().iter().map(|(_, w)| 10.0 * w).collect();
    let scores = score(&pci, &data, &ScoreOptions { year: Some(2016), ..Default::default() }).unwrap();
    let mut planned = 0;
    for row in scores.rows.iter().filter(|r| r.rank > 10) {
        let p = plan(&pci, &data, &row.unit, Some(2016), Target::Rank(10), &PlanOptions::default()).unwrap();
        assert!(p.reachable, "{}", row.unit);
        assert!(p.rank_planned <= 10, "{}: {}", row.unit, p.rank_planned);
        assert_eq!(rescored_rank(&pci, &data, &p), p.rank_planned, "{}", row.unit);
        let caps: Vec<f64> = p.steps.iter().map(|s| s.max_gain).collect();
        let costs: Vec<f64> = p.steps.iter().map(|s| s.cost).collect();
        let best = brute_force_cost(&a, &costs, &caps, p.threshold - p.score_now).unwrap();
        assert!(p.total_cost <= best + 1e-9, "{}: {} vs optimum {best}", row.unit, p.total_cost);
        planned += 1;
    }
    assert_eq!(planned, 53);
}

#[test]
fn caps_costs_and_unreachable_targets() {
    let data = pci_data();
    let pci = presets::get("pci").unwrap();
    let mut options = PlanOptions::default();
    for id in [
        "entry_costs",
        "land_access",
        "transparency",
        "time_costs",
        "informal_charges",
        "policy_bias",
        "proactivity",
        "business_support",
        "labor_policy",
        "legal_institutions",
    ] {
        options.caps.insert(id.to_owned(), 0.5);
    }
    options.costs.insert("transparency".into(), 3.0);
    let p = plan(&pci, &data, "Nam Định", Some(2016), Target::Rank(1), &options).unwrap();
    assert!(!p.reachable);
    assert!(p.steps.iter().all(|s| (s.gain - 0.5).abs() < 1e-12), "unreachable: every gain at its cap");
    assert!((p.score_planned - (p.score_now + 10.0 * 0.5)).abs() < 1e-9);
    assert_eq!(rescored_rank(&pci, &data, &p), p.rank_planned);

    let p = plan(&pci, &data, "Nam Định", Some(2016), Target::Gain(5), &options).unwrap();
    assert!(p.reachable && p.rank_planned <= 25, "{p:?}");
    let transparency = p.steps.iter().find(|s| s.id == "transparency").unwrap();
    // At cost 3 transparency (weight 20 %) is worth 2/3 point per unit of cost, below the
    // 20 % sub-indices at cost 1: it is used last.
    let used_others = p.steps.iter().filter(|s| s.id != "transparency" && s.gain > 0.0).count();
    assert!(transparency.gain == 0.0 || used_others >= 2, "{p:?}");

    let p = plan(&pci, &data, "Nam Định", Some(2016), Target::Score(60.0), &PlanOptions::default()).unwrap();
    assert!(p.reachable && p.score_planned >= 60.0 && p.score_planned < 60.0 + 1e-9);
    // Fewest points: all into the heaviest sub-indices (20 %: transparency, business support, labour).
    let heavy: f64 = p
        .steps
        .iter()
        .filter(|s| ["transparency", "business_support", "labor_policy"].contains(&s.id.as_str()))
        .map(|s| s.gain)
        .sum();
    assert!((heavy - p.total_gain).abs() < 1e-9);

    let err =
        plan(&pci, &data, "Nam Dinh", Some(2016), Target::Rank(10), &PlanOptions::default()).unwrap_err().to_string();
    assert!(err.contains("unit 'Nam Dinh' is not in the data for 2016; did you mean Nam Định?"), "{err}");
    let err = "top:ten".parse::<Target>().unwrap_err().to_string();
    assert!(err.contains("score:S, rank:N, top:N, gain:K"), "{err}");
}

#[test]
fn trend_field_moves_the_other_units() {
    let data = pci_data();
    let pci = presets::get("pci").unwrap();
    let fixed = plan(&pci, &data, "Nam Định", Some(2016), Target::Rank(10), &PlanOptions::default()).unwrap();
    let trend = PlanOptions { field: Field::Trend, ..PlanOptions::default() };
    let moved = plan(&pci, &data, "Nam Định", Some(2016), Target::Rank(10), &trend).unwrap();
    assert_ne!(fixed.threshold, moved.threshold);
}

fn geometric_spec(n: usize) -> IndexDefinition {
    let mut toml = String::from(
        "id = \"g\"\nroot = \"total\"\n[[nodes]]\nid = \"total\"\naggregation = \"geometric_mean\"\nchildren = [",
    );
    toml.push_str(&(0..n).map(|i| format!("\"c{i}\"")).collect::<Vec<_>>().join(","));
    toml.push_str("]\n");
    for i in 0..n {
        toml.push_str(&format!("[[nodes]]\nid = \"c{i}\"\nweight = {}\nscale = {{ min = 1, max = 10 }}\n", i + 1));
    }
    IndexDefinition::from_toml(&toml).unwrap()
}

#[test]
fn geometric_plans_reach_the_target_and_beat_a_grid_search() {
    let def = geometric_spec(3);
    let data = Dataset::from_csv_str("unit,c0,c1,c2\nA,4,5,6\nB,6,6,6\nC,7,5,8\n", &CsvOptions::default()).unwrap();
    let p = plan(&def, &data, "A", None, Target::Rank(1), &PlanOptions::default()).unwrap();
    assert!(p.reachable && p.rank_planned == 1);
    assert_eq!(rescored_rank(&def, &data, &p), 1);
    let spec = def.resolve(None).unwrap();
    let w = [1.0, 2.0, 3.0];
    let value = |g: [f64; 3]| {
        let logs: f64 = (0..3).map(|i| w[i] * ([4.0, 5.0, 6.0][i] + g[i]).ln()).sum::<f64>() / 6.0;
        logs.exp()
    };
    assert!((value([p.steps[0].gain, p.steps[1].gain, p.steps[2].gain]) - p.score_planned).abs() < 1e-9);
    let mut best = f64::INFINITY;
    let step = 0.02;
    for i in 0..=300 {
        for j in 0..=250 {
            let (g0, g1) = (i as f64 * step, j as f64 * step);
            // Smallest g2 reaching the threshold, by bisection.
            let (mut lo, mut hi) = (0.0, 4.0);
            if value([g0, g1, hi]) < p.threshold {
                continue;
            }
            for _ in 0..60 {
                let mid = (lo + hi) / 2.0;
                if value([g0, g1, mid]) >= p.threshold {
                    hi = mid
                } else {
                    lo = mid
                }
            }
            best = best.min(g0 + g1 + hi);
        }
    }
    assert!(p.total_gain <= best + 1e-6, "{} vs grid {best}", p.total_gain);
    assert_eq!(spec.components().count(), 3);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_linear_fields_plans_are_feasible_and_optimal(
        weights in proptest::collection::vec(0u32..10, 2..6),
        own in proptest::collection::vec(1.0f64..10.0, 6),
        others in proptest::collection::vec(proptest::collection::vec(1.0f64..10.0, 6), 3..12),
        costs in proptest::collection::vec(0.5f64..3.0, 6),
        cap in 0.2f64..5.0,
        target in 1u32..4,
    ) {
        prop_assume!(weights.iter().any(|&w| w > 0));
        let n = weights.len();
        let mut toml = String::from("id = \"r\"\nroot = \"total\"\n[[nodes]]\nid = \"total\"\nmultiplier = 10\nchildren = [");
        toml.push_str(&(0..n).map(|i| format!("\"c{i}\"")).collect::<Vec<_>>().join(","));
        toml.push_str("]\n");
        for (i, w) in weights.iter().enumerate() {
            toml.push_str(&format!("[[nodes]]\nid = \"c{i}\"\nweight = {w}\nscale = {{ min = 1, max = 10 }}\n"));
        }
        let def = IndexDefinition::from_toml(&toml).unwrap();
        let mut csv = String::from("unit");
        for i in 0..n { csv.push_str(&format!(",c{i}")); }
        csv.push('\n');
        for (u, row) in std::iter::once(&own).chain(others.iter()).enumerate() {
            csv.push_str(&format!("u{u}"));
            for v in &row[..n] { csv.push_str(&format!(",{v}")); }
            csv.push('\n');
        }
        let data = Dataset::from_csv_str(&csv, &CsvOptions::default()).unwrap();
        let mut options = PlanOptions::default();
        for (i, cost) in costs.iter().enumerate().take(n) {
            options.caps.insert(format!("c{i}"), cap);
            options.costs.insert(format!("c{i}"), *cost);
        }
        let p = plan(&def, &data, "u0", None, Target::Rank(target), &options).unwrap();
        let total: f64 = weights.iter().map(|&w| f64::from(w)).sum();
        let a: Vec<f64> = weights.iter().map(|&w| 10.0 * f64::from(w) / total).collect();
        let caps: Vec<f64> = p.steps.iter().map(|s| s.max_gain).collect();
        let step_costs: Vec<f64> = p.steps.iter().map(|s| s.cost).collect();
        let rescored = rescored_rank(&def, &data, &p);
        prop_assert_eq!(rescored, p.rank_planned);
        match brute_force_cost(&a, &step_costs, &caps, p.threshold - p.score_now) {
            Some(best) => {
                prop_assert!(p.reachable);
                prop_assert!(p.rank_planned <= target);
                prop_assert!(p.total_cost <= best + 1e-9, "{} vs {}", p.total_cost, best);
            }
            None => {
                prop_assert!(!p.reachable);
                let by_caps: Vec<f64> = caps.clone();
                prop_assert!(p.steps.iter().zip(&by_caps).all(|(s, c)| (s.gain - c).abs() < 1e-12));
            }
        }
    }
}

#[test]
fn analyses_need_a_year_when_the_data_has_several() {
    let pci = presets::get("pci").unwrap();
    let err = diagnose(&pci, &pci_data(), "Nam Định", None, None).unwrap_err().to_string();
    assert!(err.contains("several years (2006, 2013, 2014, 2015, 2016, 2017, 2018); give the year"), "{err}");
    let one_year = Dataset::from_csv_str("unit,year,a,b\nX,2020,1,2\nY,2020,2,1\n", &CsvOptions::default()).unwrap();
    let def = IndexDefinition::from_toml(
        "id = \"d\"\nroot = \"t\"\n[[nodes]]\nid = \"t\"\nchildren = [\"a\", \"b\"]\n[[nodes]]\nid = \"a\"\n[[nodes]]\nid = \"b\"\nweight = 2\n",
    )
    .unwrap();
    let d = diagnose(&def, &one_year, "X", None, None).unwrap();
    assert_eq!((d.year, d.rank), (Some(2020), 1));
}
