#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Survey aggregation: exact shares and means by hand, and interval coverage by simulation.

use chiso::survey::{aggregate_survey, aggregate_survey_csv, SurveySpec};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const SPEC: &str = r#"
unit_column = "xa"
weight_column = "w"
cluster_column = "thon"
missing_codes = [9]
min_respondents = 3
bootstrap = { replicates = 200, seed = 7 }

[[indicators]]
id = "satisfied"
question = "q1"
statistic = "share"
success = [4, 5]
multiplier = 100

[[indicators]]
id = "mean_q2"
question = "q2"
statistic = "mean"
valid = [1, 2, 3, 4, 5]
"#;

// Unit A: four respondents in two villages; unit B: two respondents in one village.
const MICRO: &str = "xa;thon;w;q1;q2
A;v1;1;5;2
A;v1;2;3;9
A;v2;1;9;4
A;v2;3,5;4;7
B;v3;1;4;5
B;v3;1;1;
";

#[test]
fn weighted_share_and_mean_by_hand() {
    let spec = SurveySpec::from_toml(SPEC).unwrap();
    let r = aggregate_survey_csv(&spec, MICRO).unwrap();
    assert_eq!(r.indicators, vec!["satisfied", "mean_q2"]);
    assert_eq!(r.units, vec![("A".to_owned(), None), ("B".to_owned(), None)]);
    let a_share = &r.estimates[0];
    // Valid q1 answers in A: 5 (w1), 3 (w2), 4 (w3.5); code 9 excluded. Success weight 4.5 of 6.5.
    assert_eq!(a_share.n, 3);
    assert!((a_share.value.unwrap() - 100.0 * 4.5 / 6.5).abs() < 1e-12);
    // Kish: (6.5)² / (1 + 4 + 12.25).
    assert!((a_share.effective_n - 42.25 / 17.25).abs() < 1e-12);
    // Linearised SE by hand: p = 9/13; z_i = w_i (y_i − p)/Σw; cluster totals v1: (1·(1−p) + 2·(0−p))/6.5,
    // v2: 3.5·(1−p)/6.5; V = 2/1 · Σ (z_c − z̄)².
    let p: f64 = 4.5 / 6.5;
    let z1: f64 = (1.0 - p - 2.0 * p) / 6.5;
    let z2: f64 = 3.5 * (1.0 - p) / 6.5;
    let zbar: f64 = (z1 + z2) / 2.0;
    let se = (2.0 * ((z1 - zbar).powi(2) + (z2 - zbar).powi(2))).sqrt() * 100.0;
    assert!((a_share.se.unwrap() - se).abs() < 1e-9);
    let (lo, hi) = a_share.normal.unwrap();
    let v = a_share.value.unwrap();
    // The normal interval, clipped to 0–100 for a share (here the upper end is clipped).
    assert!((lo - (v - 1.959_963_985 * se).max(0.0)).abs() < 1e-6);
    assert!((hi - (v + 1.959_963_985 * se).min(100.0)).abs() < 1e-6);
    assert!(v + 1.959_963_985 * se > 100.0 && hi == 100.0);
    // q2 in A: valid codes only (9 and 7 are out): 2 (w1), 4 (w1) → 3.
    let a_mean = &r.estimates[1];
    assert_eq!(a_mean.n, 2);
    assert!((a_mean.value.unwrap() - 3.0).abs() < 1e-12);
    // B: one village → no interval, a warning; q1 shares 1 of 2.
    let b_share = &r.estimates[2];
    assert!((b_share.value.unwrap() - 50.0).abs() < 1e-12);
    assert!(b_share.se.is_none() && b_share.normal.is_none() && b_share.bootstrap.is_none());
    assert!(r.warnings.iter().any(|w| w.contains("unit 'B'") && w.contains("single cluster")));
    assert!(r.warnings.iter().any(|w| w.contains("unit 'B'") && w.contains("only 2 valid answers")));
    // Bootstrap interval lies within the range of possible values and contains the estimate here.
    let (blo, bhi) = a_share.bootstrap.unwrap();
    assert!(blo <= bhi && blo >= 0.0 && bhi <= 100.0);
    // The dataset for the index pipeline.
    let data = r.to_dataset().unwrap();
    assert_eq!(data.values("mean_q2").unwrap(), &[Some(3.0), Some(5.0)]);
    assert_eq!(r.replicate_count(), 200);
    assert_eq!(r.replicate_dataset(0).unwrap().len(), 2);
}

#[test]
fn unweighted_without_clusters_is_the_textbook_estimate() {
    let spec = SurveySpec::from_toml(
        "[[indicators]]\nid = \"m\"\nquestion = \"q\"\nstatistic = \"mean\"\nbootstrap = {}\n"
            .replace("bootstrap = {}\n", "")
            .as_str(),
    )
    .unwrap();
    let header = ["unit", "q"];
    let values = [2.0, 4.0, 4.0, 5.0, 10.0];
    let rows: Vec<Vec<String>> = values.iter().map(|v| vec!["X".to_owned(), v.to_string()]).collect();
    let r = aggregate_survey(&spec, &header, &rows).unwrap();
    let e = &r.estimates[0];
    assert!((e.value.unwrap() - 5.0).abs() < 1e-12);
    // s² = (9 + 1 + 1 + 0 + 25)/4 = 9, se = √(9/5).
    assert!((e.se.unwrap() - (9.0f64 / 5.0).sqrt()).abs() < 1e-12);
    assert!((e.effective_n - 5.0).abs() < 1e-12);
    // Five respondents are fewer than the default 30: a warning, not an error.
    assert!(r.warnings.iter().any(|w| w.contains("only 5 valid answers")));
}

#[test]
fn results_are_deterministic_and_seed_dependent() {
    let spec = SurveySpec::from_toml(SPEC).unwrap();
    let a = aggregate_survey_csv(&spec, MICRO).unwrap();
    let b = aggregate_survey_csv(&spec, MICRO).unwrap();
    assert_eq!(a, b);
    let other = SurveySpec::from_toml(&SPEC.replace("seed = 7", "seed = 8")).unwrap();
    let c = aggregate_survey_csv(&other, MICRO).unwrap();
    assert_eq!(a.estimates[0].value, c.estimates[0].value);
    assert_ne!(a.replicates, c.replicates);
}

#[test]
fn bad_specs_and_data_are_errors_with_names() {
    let no_success = "[[indicators]]\nid = \"s\"\nquestion = \"q\"\nstatistic = \"share\"\n";
    assert!(SurveySpec::from_toml(no_success).unwrap_err().to_string().contains("success"));
    let unknown = "[[indicators]]\nid = \"s\"\nquestion = \"q\"\nstatistic = \"median\"\n";
    assert!(SurveySpec::from_toml(unknown).unwrap_err().to_string().contains("median"));
    let spec = SurveySpec::from_toml(SPEC).unwrap();
    let err = aggregate_survey_csv(&spec, "xa;thon;w;q1\nA;v;1;5\n").unwrap_err().to_string();
    assert!(err.contains("q2"), "{err}");
    let err = aggregate_survey_csv(&spec, "xa;thon;w;q1;q2\nA;v;0;5;1\n").unwrap_err().to_string();
    assert!(err.contains("weights must be positive"), "{err}");
    let err = aggregate_survey_csv(&spec, "xa;thon;w;q1;q2\nA;v;1;abc;1\n").unwrap_err().to_string();
    assert!(err.contains("row 1") && err.contains("q1"), "{err}");
}

/// Simulates one unit: `clusters` villages of `size` respondents; village v has its own
/// probability p_v = 0.6 + u_v (u_v uniform ±0.15, so answers are correlated within villages),
/// respondents get weights uniform on 0.5–2 independent of the answer. The true share of the
/// superpopulation is 0.6.
fn simulate(rng: &mut ChaCha8Rng, clusters: usize, size: usize) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for v in 0..clusters {
        let p = 0.6 + rng.gen_range(-0.15..0.15);
        for _ in 0..size {
            let yes = rng.gen_bool(p);
            let w: f64 = rng.gen_range(0.5..2.0);
            rows.push(vec!["U".to_owned(), format!("v{v}"), w.to_string(), if yes { "5" } else { "2" }.to_owned()]);
        }
    }
    rows
}

/// 200 simulated surveys of 30 villages × 8 respondents: how often do the 95 % intervals
/// cover the true 0.6? With 200 repetitions the coverage estimate has a standard error of
/// √(0.95·0.05/200) ≈ 1.5 points, and with 30 clusters both intervals are known to
/// under-cover slightly (the percentile bootstrap and the normal interval with a variance
/// estimated on 29 degrees of freedom): 90–99 % is the accepted band, about ±3 standard errors.
#[test]
fn intervals_cover_the_true_share_about_95_percent_of_the_time() {
    let spec = SurveySpec::from_toml(
        r#"
cluster_column = "village"
weight_column = "w"
bootstrap = { replicates = 400, seed = 2024 }
[[indicators]]
id = "s"
question = "q"
statistic = "share"
success = [4, 5]
"#,
    )
    .unwrap();
    let header = ["unit", "village", "w", "q"];
    let mut rng = ChaCha8Rng::seed_from_u64(12345);
    let reps = 200;
    let (mut normal_hits, mut boot_hits) = (0, 0);
    for _ in 0..reps {
        let rows = simulate(&mut rng, 30, 8);
        let r = aggregate_survey(&spec, &header, &rows).unwrap();
        let e = &r.estimates[0];
        let (lo, hi) = e.normal.unwrap();
        normal_hits += usize::from(lo <= 0.6 && 0.6 <= hi);
        let (lo, hi) = e.bootstrap.unwrap();
        boot_hits += usize::from(lo <= 0.6 && 0.6 <= hi);
    }
    let normal = normal_hits as f64 / reps as f64;
    let boot = boot_hits as f64 / reps as f64;
    eprintln!("coverage over {reps} repetitions: normal {normal:.3}, bootstrap {boot:.3}");
    assert!((0.90..=0.99).contains(&normal), "normal coverage {normal}");
    assert!((0.90..=0.99).contains(&boot), "bootstrap coverage {boot}");
}
