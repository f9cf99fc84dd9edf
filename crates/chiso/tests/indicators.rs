//! Indicator-level diagnosis and planning: the planner against brute force on hand-made cases,
//! plans applied to the data and re-scored by `score`, and Nam Định 2018 on the
//! `pci_indicators` preset.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::PathBuf;

use chiso::indicators::{diagnose_indicators, plan_indicators, IndicatorPlan, IndicatorPlanOptions};
use chiso::plan::Target;
use chiso::{presets, score, CsvOptions, Dataset, IndexDefinition, ScoreOptions};

/// total = mean(2·g1, 1·g2) · 10; g1 = (1·a + 3·b)/4, g2 = c; a on 0–10, b lower-is-better
/// on 0–100, c on 0–1, each rescaled to 0–10 by fixed goalposts.
const SPEC: &str = r#"
id = "small"
root = "total"
[[nodes]]
id = "total"
multiplier = 10
children = ["g1", "g2"]
[[nodes]]
id = "g1"
weight = 2
children = ["a", "b"]
[[nodes]]
id = "g2"
children = ["c"]
[[nodes]]
id = "a"
normalise = { method = "min_max", low = 0, high = 10, min = 0, max = 10 }
range = { min = 0, max = 10 }
[[nodes]]
id = "b"
weight = 3
direction = "lower_is_better"
normalise = { method = "min_max", low = 0, high = 10, min = 0, max = 100 }
range = { min = 0 }
[[nodes]]
id = "c"
normalise = { method = "min_max", low = 0, high = 10, min = 0, max = 1 }
range = { min = 0, max = 1 }
"#;

const DATA: &str = "unit,a,b,c\nX,2,60,0.3\nY,7,20,0.5\nZ,5,40,0.9\nW,9,70,0.2\n";

/// The composite written out by hand (the brute force's own arithmetic, not chiso's).
fn total(a: f64, b: f64, c: f64) -> f64 {
    let g1 = (a + 3.0 * (10.0 - b / 10.0)) / 4.0;
    let g2 = 10.0 * c;
    (2.0 * g1 + g2) / 3.0 * 10.0
}

/// The cheapest grid point (a, b, c between X's values and the year's best) reaching `threshold`.
fn brute_force(threshold: f64, costs: [f64; 3]) -> Option<f64> {
    let steps = 120;
    let (a0, b0, c0) = (2.0, 60.0, 0.3);
    let (a1, b1, c1) = (9.0, 20.0, 0.9);
    let mut best: Option<f64> = None;
    for i in 0..=steps {
        let a = a0 + (a1 - a0) * f64::from(i) / f64::from(steps);
        for j in 0..=steps {
            let b = b0 + (b1 - b0) * f64::from(j) / f64::from(steps);
            for k in 0..=steps {
                let c = c0 + (c1 - c0) * f64::from(k) / f64::from(steps);
                if total(a, b, c) >= threshold {
                    let cost = costs[0] * (a - a0) + costs[1] * (b0 - b) + costs[2] * (c - c0);
                    best = Some(best.map_or(cost, |x: f64| x.min(cost)));
                }
            }
        }
    }
    best
}

/// The data with the plan's values written in for its unit.
fn applied(text: &str, plan: &IndicatorPlan, unit_column: &str) -> Dataset {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = |id: &str| header.iter().position(|h| *h == id).unwrap();
    let unit_at = at(unit_column);
    let mut out = vec![header.join(",")];
    for line in lines {
        let mut cells: Vec<String> = line.split(',').map(str::to_owned).collect();
        if cells[unit_at] == plan.unit
            && (!header.contains(&"year") || cells[at("year")] == plan.year.unwrap().to_string())
        {
            for s in &plan.steps {
                cells[at(&s.id)] = format!("{:?}", s.planned);
            }
        }
        out.push(cells.join(","));
    }
    let options = CsvOptions { unit_column: unit_column.into(), ..CsvOptions::default() };
    Dataset::from_csv_str(&(out.join("\n") + "\n"), &options).unwrap()
}

#[test]
fn the_planner_matches_brute_force_on_small_cases() {
    let definition = IndexDefinition::from_toml(SPEC).unwrap();
    let data = Dataset::from_csv_str(DATA, &CsvOptions::default()).unwrap();
    let now = total(2.0, 60.0, 0.3);
    let scored = score(&definition, &data, &ScoreOptions::default()).unwrap();
    assert!((scored.rows[0].score - now).abs() < 1e-9, "the hand formula is the spec's");
    for (target, costs) in [
        (now + 5.0, [1.0, 1.0, 1.0]),
        (now + 5.0, [1.0, 0.01, 50.0]),
        (now + 12.0, [3.0, 0.2, 4.0]),
        (now + 40.0, [1.0, 1.0, 1.0]),
        (now + 60.0, [1.0, 1.0, 1.0]),
    ] {
        let options = IndicatorPlanOptions {
            costs: [("a", costs[0]), ("b", costs[1]), ("c", costs[2])].map(|(k, v)| (k.to_owned(), v)).into(),
            ..Default::default()
        };
        let plan = plan_indicators(&definition, &data, "X", None, Target::Score(target), &options).unwrap();
        let brute = brute_force(target, costs);
        match brute {
            None => assert!(!plan.reachable, "{target}: brute force finds nothing, the planner {plan:?}"),
            Some(cheapest) => {
                assert!(plan.reachable, "{target}");
                // Never dearer than the best grid point, and not cheaper than the grid allows.
                let slack = costs.iter().sum::<f64>() * 70.0 / 120.0;
                assert!(plan.total_cost <= cheapest + 1e-9, "{target} {costs:?}: {} vs {cheapest}", plan.total_cost);
                assert!(plan.total_cost >= cheapest - slack, "{target} {costs:?}: {} vs {cheapest}", plan.total_cost);
                // Applied to the data and re-scored, the plan reaches the target.
                let rescored = score(&definition, &applied(DATA, &plan, "unit"), &ScoreOptions::default()).unwrap();
                let x = rescored.rows.iter().find(|r| r.unit == "X").unwrap();
                assert!(x.score >= target - 1e-9, "{target}: re-scored {}", x.score);
                assert!((x.score - plan.score_planned).abs() < 1e-9);
                let a = plan.steps.iter().find(|s| s.id == "a").map_or(2.0, |s| s.planned);
                let b = plan.steps.iter().find(|s| s.id == "b").map_or(60.0, |s| s.planned);
                let c = plan.steps.iter().find(|s| s.id == "c").map_or(0.3, |s| s.planned);
                assert!((total(a, b, c) - plan.score_planned).abs() < 1e-9);
                // Within the year's best values (W's a, Y's b, Z's c).
                assert!((2.0..=9.0).contains(&a) && (20.0..=60.0).contains(&b) && (0.3..=0.9).contains(&c));
            }
        }
    }
    // now + 60 is beyond every best value together (a 9, b 20, c 0.9: 7·5/3 + 40·1/2 + 0.6·100/3
    // = now + 51.67), so the plan puts every indicator at its best and says unreachable.
    assert!((total(9.0, 20.0, 0.9) - now - (35.0 / 3.0 + 40.0)).abs() < 1e-9);
    let short = plan_indicators(&definition, &data, "X", None, Target::Score(now + 60.0), &Default::default()).unwrap();
    assert!((short.score_planned - total(9.0, 20.0, 0.9)).abs() < 1e-9);
    let mut at_best: Vec<(&str, f64)> = short.steps.iter().map(|s| (s.id.as_str(), s.planned)).collect();
    at_best.sort_by(|x, y| x.0.cmp(y.0));
    assert_eq!(at_best, [("a", 9.0), ("b", 20.0), ("c", 0.9)]);
    assert!(!short.reachable);
    // Past the best values, up to the natural ranges (a ≤ 10, b ≥ 0, c ≤ 1: at most now + 66.7).
    let beyond = IndicatorPlanOptions { beyond_best: true, ..Default::default() };
    let plan = plan_indicators(&definition, &data, "X", None, Target::Score(now + 60.0), &beyond).unwrap();
    assert!(plan.reachable && plan.score_planned >= now + 60.0);
    let within = |id: &str, lo: f64, hi: f64| {
        plan.steps.iter().filter(|s| s.id == id).all(|s| lo <= s.planned && s.planned <= hi)
    };
    assert!(within("a", 2.0, 10.0) && within("b", 0.0, 60.0) && within("c", 0.3, 1.0));
    assert!(plan.steps.iter().any(|s| s.id == "b" && s.planned < 20.0));
}

#[test]
fn rank_targets_over_indicators_reach_the_rank_when_re_scored() {
    let definition = IndexDefinition::from_toml(SPEC).unwrap();
    let data = Dataset::from_csv_str(DATA, &CsvOptions::default()).unwrap();
    for target in [Target::Rank(1), Target::Rank(2), Target::Gain(1)] {
        let plan = plan_indicators(&definition, &data, "X", None, target, &IndicatorPlanOptions::default()).unwrap();
        let rescored = score(&definition, &applied(DATA, &plan, "unit"), &ScoreOptions::default()).unwrap();
        let x = rescored.rows.iter().find(|r| r.unit == "X").unwrap();
        assert_eq!(x.rank, plan.rank_planned, "{target:?}");
        let wanted = match target {
            Target::Rank(n) => n,
            _ => plan.rank_now - 1,
        };
        assert!(plan.reachable && x.rank <= wanted, "{target:?}: rank {} ({plan:?})", x.rank);
        // With unit costs the best buy per raw unit is c (1/3·10·10 = 33.3 points per unit of
        // the share), then a (2/3·10·1/4 = 1.67), then b (2/3·10·3/4·10/100 = 0.5 per day).
        let ids: Vec<&str> = plan.steps.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids[0], "c", "{target:?}");
        assert!((plan.steps[0].points_per_unit - 100.0 / 3.0).abs() < 1e-9);
    }
    let bad = plan_indicators(
        &definition,
        &data,
        "X",
        None,
        Target::Rank(1),
        &IndicatorPlanOptions { costs: [("zz".to_owned(), 1.0)].into(), ..Default::default() },
    );
    assert!(bad.unwrap_err().to_string().contains("'zz' is not an indicator of small"));
}

fn pci_data() -> (String, Dataset) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/pci_indicators/pci_indicators_wide.csv");
    let text = std::fs::read_to_string(path).unwrap();
    let options = CsvOptions { unit_column: "province".into(), ..CsvOptions::default() };
    let data = Dataset::from_csv_str(&text, &options).unwrap();
    (text, data)
}

/// Nam Định 2018 (63.01, 35th): `top:10` over indicators is reachable within the year's best
/// values, and the plan written into the data and re-scored ranks 10th or better.
#[test]
fn nam_dinh_2018_top_10_over_indicators() {
    let definition = presets::get("pci_indicators").unwrap();
    let (text, data) = pci_data();
    let plan =
        plan_indicators(&definition, &data, "Nam Định", Some(2018), Target::Rank(10), &IndicatorPlanOptions::default())
            .unwrap();
    assert_eq!(plan.rank_now, 35);
    assert!((plan.score_now - 63.00968).abs() < 1e-4);
    assert!(plan.reachable && plan.rank_planned <= 10, "{plan:?}");
    let spec = definition.resolve(Some(2018)).unwrap();
    for s in &plan.steps {
        let node = spec.nodes().iter().find(|n| n.id == s.id).unwrap();
        let range = node.range.unwrap();
        assert!(range.clamp(s.planned) == s.planned, "{}: {} outside its range", s.id, s.planned);
        // Between the current value and the best of the year (the bound).
        let (lo, hi) = if s.higher_is_better { (s.current, s.bound) } else { (s.bound, s.current) };
        assert!(lo <= s.planned && s.planned <= hi, "{}", s.id);
    }
    let rescored = score(
        &definition,
        &applied(&text, &plan, "province"),
        &ScoreOptions { year: Some(2018), ..Default::default() },
    )
    .unwrap();
    let row = rescored.rows.iter().find(|r| r.unit == "Nam Định").unwrap();
    assert!(row.rank <= 10 && (row.score - plan.score_planned).abs() < 1e-9, "{} {}", row.rank, row.score);
    assert!(row.score >= plan.threshold);
}

/// Nam Định 2018's indicators: contributions add up to each computed sub-index and to the
/// composite, and the changes since 2017 are the data's.
#[test]
fn nam_dinh_2018_indicator_diagnosis() {
    let definition = presets::get("pci_indicators").unwrap();
    let (_, data) = pci_data();
    let d = diagnose_indicators(&definition, &data, "Nam Định", Some(2018), None).unwrap();
    assert_eq!((d.rank, d.previous_year), (35, Some(2017)));
    let scores = score(&definition, &data, &ScoreOptions { year: Some(2018), ..Default::default() }).unwrap();
    let row = scores.rows.iter().find(|r| r.unit == "Nam Định").unwrap();
    let sub = |id: &str| row.components.iter().find(|c| c.id == id).unwrap().score;
    let mut to_composite = 0.0;
    for id in [
        "entry_costs",
        "land_access",
        "transparency",
        "time_costs",
        "informal_charges",
        "policy_bias",
        "proactivity",
        "legal_institutions",
    ] {
        let parts: Vec<_> = d.indicators.iter().filter(|i| i.sub_index == id).collect();
        assert!(!parts.is_empty(), "{id}");
        let sum: f64 = parts.iter().map(|i| i.contribution_to_sub_index.unwrap()).sum();
        assert!((sum - sub(id)).abs() < 1e-9, "{id}: {sum} vs {}", sub(id));
        to_composite += parts.iter().map(|i| i.contribution_to_composite.unwrap()).sum::<f64>();
    }
    // Business support and labor policy take their published columns (20 % each, × 10).
    to_composite += 2.0 * sub("business_support") + 2.0 * sub("labor_policy");
    assert!((to_composite - d.score).abs() < 1e-9, "{to_composite} vs {}", d.score);
    assert!(d.indicators.iter().all(|i| i.sub_index != "business_support" && i.sub_index != "labor_policy"));
    // Business registration days (entry_costs_i01): the long table's 2017 and 2018 values.
    let long = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/pci/pci_indicators.csv");
    let mut values: HashMap<i32, f64> = HashMap::new();
    for line in std::fs::read_to_string(long).unwrap().lines() {
        let cells: Vec<&str> = line.split(',').collect();
        if cells[1] == "entry_costs" && cells[2] == "1" && cells[3] == "Nam Định" {
            values.insert(cells[0].parse().unwrap(), cells[4].parse().unwrap());
        }
    }
    let days = d.indicators.iter().find(|i| i.id == "entry_costs_i01").unwrap();
    assert_eq!((days.value, days.previous), (values[&2018], Some(values[&2017])));
    assert!(!days.higher_is_better);
    // Weakest: the largest composite gain at the best value first, each positive.
    let gain = |id: &String| d.indicators.iter().find(|i| &i.id == id).unwrap().gain_to_best;
    assert!(d.weakest.windows(2).all(|w| gain(&w[0]) >= gain(&w[1])) && gain(&d.weakest[0]) > 0.0);
    // What fell: each change cost composite points, and only ids scored in 2017 have one.
    for id in &d.fell {
        let i = d.indicators.iter().find(|i| &i.id == id).unwrap();
        assert!(i.change_effect.unwrap() < 0.0 && i.previous.is_some());
        let worse = if i.higher_is_better { i.change.unwrap() < 0.0 } else { i.change.unwrap() > 0.0 };
        assert!(worse, "{id}");
    }
    assert!(!d.fell.is_empty());
}

/// The province report gains an indicator section (most to gain, the target planned over the
/// indicators) when the data has indicators, and only then.
#[test]
fn the_report_has_an_indicator_section_when_the_data_has_indicators() {
    use chiso::report::{report, ReportFormat};
    let definition = presets::get("pci_indicators").unwrap();
    let (_, data) = pci_data();
    let plan =
        plan_indicators(&definition, &data, "Nam Định", Some(2018), Target::Rank(10), &IndicatorPlanOptions::default())
            .unwrap();
    let md = report(&definition, &data, "Nam Định", Some(2018), None, "en", ReportFormat::Markdown).unwrap();
    let section = &md[md.find("\n## Indicators\n").expect("an indicator section")..];
    assert!(section.contains(&format!("{} indicators moved, score 63.01 → ", plan.steps.len())));
    assert!(section.contains(&format!("rank {}.", plan.rank_planned)));
    assert!(section.contains("| Percentage of firms have accessed provincial websites (%) | 0.541 | 0.795 |"));
    let html = report(&definition, &data, "Nam Định", Some(2018), None, "vi", ReportFormat::Html).unwrap();
    let at = html.find("<h2>Các chỉ tiêu thành phần</h2>").unwrap();
    assert!(at < html.find("</article>").unwrap());
    let published = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data/pci/pci_subindices.csv");
    let options = CsvOptions { unit_column: "province".into(), ..CsvOptions::default() };
    let sub_indices = Dataset::from_csv_path(published, &options).unwrap();
    let pci = presets::get("pci").unwrap();
    let plain = report(&pci, &sub_indices, "Nam Định", Some(2018), None, "en", ReportFormat::Markdown).unwrap();
    assert!(!plain.contains("## Indicators"));
}

/// One engine: each indicator what-if of the diagnosis (the composite with one indicator at
/// the best value of the year) equals `score` on the data with that value written in.
#[test]
fn indicator_what_ifs_equal_re_scoring() {
    let definition = presets::get("pci_indicators").unwrap();
    let (text, data) = pci_data();
    let d = diagnose_indicators(&definition, &data, "Nam Định", Some(2018), None).unwrap();
    for id in d.weakest.iter().take(4) {
        let i = d.indicators.iter().find(|i| &i.id == id).unwrap();
        let plan = IndicatorPlan {
            index: d.index.clone(),
            unit: d.unit.clone(),
            year: d.year,
            threshold: 0.0,
            reachable: true,
            score_now: d.score,
            score_planned: 0.0,
            rank_now: d.rank,
            rank_planned: d.rank,
            out_of: d.out_of,
            total_cost: 0.0,
            steps: vec![chiso::indicators::IndicatorStep {
                id: i.id.clone(),
                label: i.label.clone(),
                sub_index: i.sub_index.clone(),
                higher_is_better: i.higher_is_better,
                current: i.value,
                planned: i.best,
                bound: i.best,
                cost: 1.0,
                points_per_unit: 0.0,
            }],
        };
        let rescored = score(
            &definition,
            &applied(&text, &plan, "province"),
            &ScoreOptions { year: Some(2018), ..Default::default() },
        )
        .unwrap();
        let row = rescored.rows.iter().find(|r| r.unit == "Nam Định").unwrap();
        assert!(
            (row.score - d.score - i.gain_to_best).abs() < 1e-9,
            "{id}: {} vs {}",
            row.score - d.score,
            i.gain_to_best
        );
    }
}
