#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Points with maxima, percent of maximum, quantile groups, per-edition rank rules, ranks
//! published for the leading N only, and separate rankings within one dataset.

use chiso::{score, CsvOptions, Dataset, IndexDefinition, ScoreOptions};

fn data(csv: &str) -> Dataset {
    Dataset::from_csv_str(csv, &CsvOptions::default()).unwrap()
}

fn run(spec: &str, csv: &str) -> chiso::Scores {
    score(&IndexDefinition::from_toml(spec).unwrap(), &data(csv), &ScoreOptions::default()).unwrap()
}

const POINTS: &str = r#"
id = "par"
root = "par"
[[nodes]]
id = "par"
percent_of_max = true
children = ["area1", "area2"]
[[nodes]]
id = "area1"
aggregation = "sum"
children = ["c1", "c2"]
[[nodes]]
id = "c1"
max = 2
[[nodes]]
id = "c2"
max = 8
[[nodes]]
id = "area2"
max = 15.5
"#;

#[test]
fn points_over_maximum_as_a_percentage() {
    let scores = run(POINTS, "unit,c1,c2,area2\nA,2,6,12\nB,1,8,15.5\n");
    // A: (2 + 6 + 12) / (2 + 8 + 15.5) = 20 / 25.5.
    assert!((scores.rows[0].score - 100.0 * 20.0 / 25.5).abs() < 1e-12);
    assert!((scores.rows[1].score - 100.0 * 24.5 / 25.5).abs() < 1e-12);
    assert_eq!(scores.rows[1].rank, 1);
    // The area's maximum is the sum of its criteria's, and it is checked on data used as is.
    let def = IndexDefinition::from_toml(POINTS).unwrap();
    let spec = def.resolve(None).unwrap();
    assert_eq!(spec.node("area1").unwrap().max, Some(10.0));
    assert_eq!(spec.node("par").unwrap().max, Some(100.0));
    let err = score(&def, &data("unit,c1,c2,area2\nA,3,6,12\n"), &ScoreOptions::default()).unwrap_err();
    assert!(err.to_string().contains("c1") && err.to_string().contains('3'), "{err}");
    // Published area results as a percentage: a group read from its column also has 0..max.
    let scores = run(POINTS, "unit,area1,area2\nA,9,15.5\n");
    assert!((scores.rows[0].score - 100.0 * 24.5 / 25.5).abs() < 1e-12);
}

#[test]
fn percent_of_max_needs_every_maximum() {
    let bad = POINTS.replace("id = \"c2\"\nmax = 8", "id = \"c2\"");
    let err = IndexDefinition::from_toml(&bad).unwrap_err().to_string();
    assert!(err.contains("area1"), "{err}");
    let bad = POINTS.replace("percent_of_max = true", "percent_of_max = true\naggregation = \"mean\"");
    assert!(IndexDefinition::from_toml(&bad).unwrap_err().to_string().contains("percent_of_max"));
}

const QUARTILES: &str = r#"
id = "q"
root = "total"
[[nodes]]
id = "total"
aggregation = "sum"
children = ["a", "b"]
[[nodes]]
id = "a"
[[nodes]]
id = "b"
[[tiers]]
rule = "quantile_groups"
bands = [
  { label = { vi = "Nhóm cao nhất", en = "Best performers" } },
  { label = { vi = "Nhóm trung bình cao", en = "High average" } },
  { label = { vi = "Nhóm trung bình thấp", en = "Low average" } },
  { label = { vi = "Nhóm thấp nhất", en = "Poor performers" } },
]
"#;

#[test]
fn quartile_groups_split_63_units_16_16_15_16() {
    let mut csv = String::from("unit,a,b\n");
    for i in 0..63 {
        csv.push_str(&format!("u{i},{},{}\n", 10 + i, (i * 7) % 5));
    }
    let scores = run(QUARTILES, &csv);
    let count = |level| scores.rows.iter().filter(|r| r.tier.as_ref().unwrap().level == level).count();
    assert_eq!([count(0), count(1), count(2), count(3)], [16, 16, 15, 16]);
    // Better scores never fall in a worse group.
    for x in &scores.rows {
        for y in &scores.rows {
            if x.score > y.score {
                assert!(x.tier.as_ref().unwrap().level <= y.tier.as_ref().unwrap().level);
            }
        }
    }
    // Lower ties and nearest-rank percentiles are options.
    let lower = QUARTILES.replace("rule = \"quantile_groups\"", "rule = \"quantile_groups\"\nties = \"lower\"");
    let scores = run(&lower, "unit,a,b\nA,1,0\nB,2,0\nC,3,0\nD,4,0\nE,5,0\n");
    let levels: Vec<usize> = scores.rows.iter().map(|r| r.tier.as_ref().unwrap().level).collect();
    // Cuts at 2, 3, 4: with lower ties a score equal to a cut stays below it.
    assert_eq!(levels, vec![3, 3, 2, 1, 0]);
    let bad = QUARTILES.replace("rule = \"quantile_groups\"", "rule = \"quantile_groups\"\npercentile = \"type9\"");
    assert!(IndexDefinition::from_toml(&bad).unwrap_err().to_string().contains("type9"));
}

#[test]
fn rank_rule_and_published_leaders_per_edition() {
    let spec = r#"
id = "ict"
root = "ict"
published_top = 2
[[nodes]]
id = "ict"
children = ["x"]
[[nodes]]
id = "x"
[[editions]]
from = 2016
to = 2017
rank = { on = "rounded", decimals = 3 }
precision = 3
[[editions]]
from = 2018
to = 2030
"#;
    let csv = "unit,year,x\nP,2017,0.6700\nQ,2017,0.6334\nR,2017,0.6326\nS,2017,0.6200\n\
               P,2018,0.6700\nQ,2018,0.6334\nR,2018,0.6326\nS,2018,0.6200\n";
    let scores = run(spec, csv);
    let ranks = |year| scores.year(Some(year)).map(|r| r.rank).collect::<Vec<_>>();
    // 2017 ranks on 3 decimals: 0.633 and 0.633 tie (competition ranking), the next is 4th.
    assert_eq!(ranks(2017), vec![1, 2, 2, 4]);
    assert_eq!(ranks(2018), vec![1, 2, 3, 4]);
    // Ranks beyond the leading two are computed but not published.
    let published: Vec<Option<u32>> = scores.year(Some(2018)).map(|r| r.published_rank()).collect();
    assert_eq!(published, vec![Some(1), Some(2), None, None]);
}

#[test]
fn districts_and_departments_are_ranked_separately() {
    let spec = r#"
id = "ddci"
root = "ddci"
rank_within = "kind"
[[nodes]]
id = "ddci"
children = ["x"]
[[nodes]]
id = "x"
[[tiers]]
rule = "rank_bands"
bands = [{ max_rank = 1, label = { vi = "Dẫn đầu", en = "Leader" } }, { label = { vi = "Khác", en = "Other" } }]
"#;
    let csv = "unit,kind,x\nD1,district,50\nS1,department,90\nD2,district,70\nS2,department,60\nS3,department,80\n";
    let scores = run(spec, csv);
    let got: Vec<(u32, u32, usize)> =
        scores.rows.iter().map(|r| (r.rank, r.out_of, r.tier.as_ref().unwrap().level)).collect();
    assert_eq!(got, vec![(2, 2, 1), (1, 3, 0), (1, 2, 0), (3, 3, 1), (2, 3, 1)]);
    let err = score(&IndexDefinition::from_toml(spec).unwrap(), &data("unit,x\nA,1\n"), &ScoreOptions::default())
        .unwrap_err();
    assert!(err.to_string().contains("kind"), "{err}");
}
