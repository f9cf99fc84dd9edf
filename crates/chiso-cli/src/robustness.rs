//! `chiso uncertainty`, `chiso sensitivity` and `chiso audit`: the uncertain inputs from
//! the command line, and the printing of their results. Every number comes from the core.

use std::collections::BTreeMap;

use chiso::audit::Audit;
use chiso::display::format_decimal;
use chiso::sensitivity::{Sensitivity, SobolIndex};
use chiso::uncertainty::{ErrorSpec, Exclude, InputsSpec, RankChanges, Uncertainty};

/// The uncertain inputs of `uncertainty` and `sensitivity`.
#[derive(clap::Args, Clone)]
pub struct Uncertain {
    /// Each weight varies uniformly within ± this many percent (e.g. 20).
    #[arg(long, value_name = "PERCENT")]
    pub weights_pm: Option<f64>,
    /// Weights drawn from a Dirichlet distribution around the nominal shares, with this
    /// concentration (larger: closer to nominal; e.g. 100).
    #[arg(long, value_name = "CONCENTRATION")]
    pub weights_dirichlet: Option<f64>,
    /// Groups whose children's weights vary (repeatable; default: every group).
    #[arg(long = "weights-group", value_name = "NODE")]
    pub weights_groups: Vec<String>,
    /// Alternative aggregation methods, comma-separated, drawn uniformly (list the nominal
    /// one too), e.g. `weighted_mean,geometric_mean`.
    #[arg(long, value_name = "METHODS", value_delimiter = ',')]
    pub aggregation: Vec<String>,
    /// Alternative normalisations of the leaves, comma-separated: `none`, `min_max`,
    /// `min_max:LOW:HIGH`.
    #[arg(long, value_name = "METHODS", value_delimiter = ',')]
    pub normalisation: Vec<String>,
    /// Leave one leaf out (or nothing), drawn uniformly.
    #[arg(long)]
    pub exclude_one: bool,
    /// Sampling error of a leaf: `NODE=SE` (one standard error for every unit) or
    /// `NODE=COLUMN` (a data column of per-unit standard errors). Repeatable.
    #[arg(long = "se", value_name = "NODE=SE|COLUMN")]
    pub se: Vec<String>,
    /// Sampling error from published 95 % intervals: `NODE=LOW_COLUMN:HIGH_COLUMN`. Repeatable.
    #[arg(long = "ci", value_name = "NODE=LOW:HIGH")]
    pub ci: Vec<String>,
    /// Number of samples (sensitivity: base samples N; the index runs N·(inputs + 2) times).
    #[arg(long, default_value_t = 1000)]
    pub samples: usize,
    /// Seed: the same seed gives the same result on every machine.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
}

fn bad(message: String) -> chiso::Error {
    chiso::ComputeError::InvalidTarget { message }.into()
}

impl Uncertain {
    /// The inputs in the core's declarative form.
    pub fn spec(&self) -> Result<InputsSpec, chiso::Error> {
        let mut sampling_error = BTreeMap::new();
        for item in &self.se {
            let (node, value) =
                item.split_once('=').ok_or_else(|| bad(format!("--se '{item}' is not NODE=SE or NODE=COLUMN")))?;
            let spec = match value.trim().replace(',', ".").parse::<f64>() {
                Ok(se) => ErrorSpec::StandardError(se),
                Err(_) => ErrorSpec::Column(value.trim().to_owned()),
            };
            sampling_error.insert(node.trim().to_owned(), spec);
        }
        for item in &self.ci {
            let parsed = item.split_once('=').and_then(|(node, v)| v.split_once(':').map(|(l, h)| (node, l, h)));
            let (node, low, high) =
                parsed.ok_or_else(|| bad(format!("--ci '{item}' is not NODE=LOW_COLUMN:HIGH_COLUMN")))?;
            sampling_error.insert(
                node.trim().to_owned(),
                ErrorSpec::Interval { low: low.trim().into(), high: high.trim().into() },
            );
        }
        Ok(InputsSpec {
            weights_pm: self.weights_pm,
            weights_dirichlet: self.weights_dirichlet,
            weights_groups: self.weights_groups.clone(),
            aggregation: self.aggregation.clone(),
            normalisation: self.normalisation.clone(),
            exclude_one: self.exclude_one.then_some(Exclude::Any(true)),
            sampling_error,
            ..InputsSpec::default()
        })
    }
}

fn f(v: f64) -> String {
    v.to_string()
}

fn o(v: Option<f64>) -> String {
    v.map(f).unwrap_or_default()
}

/// A rank statistic for tables: `3`, or `3.5` between two ranks.
fn rank_text(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// Rank interval for tables: `3–7`.
fn interval(lo: f64, hi: f64) -> String {
    format!("{}–{}", rank_text(lo), rank_text(hi))
}

pub fn uncertainty_csv(u: &Uncertainty, raw: bool) -> String {
    let header = [
        "unit",
        "rank_nominal",
        "rank_median",
        "rank_p05",
        "rank_p95",
        "rank_mean",
        "rank_best",
        "rank_worst",
        "score_nominal",
        "score_mean",
        "score_sd",
        "score_p05",
        "score_median",
        "score_p95",
    ];
    let mut rows: Vec<&chiso::uncertainty::UnitUncertainty> = u.units.iter().collect();
    rows.sort_by(|a, b| (a.nominal_rank, &a.unit).cmp(&(b.nominal_rank, &b.unit)));
    let rows = rows
        .into_iter()
        .map(|r| {
            vec![
                r.unit.clone(),
                r.nominal_rank.to_string(),
                f(r.rank_median),
                f(r.rank_p05),
                f(r.rank_p95),
                f(r.rank_mean),
                r.rank_best.to_string(),
                r.rank_worst.to_string(),
                f(r.nominal_score),
                f(r.score_mean),
                f(r.score_sd),
                f(r.score_p05),
                f(r.score_median),
                f(r.score_p95),
            ]
        })
        .collect();
    crate::output::csv_text(header.map(String::from).to_vec(), rows, raw)
}

pub fn uncertainty_table(u: &Uncertainty, precision: u32) -> String {
    let year = u.year.map(|y| format!(" {y}")).unwrap_or_default();
    let mut out = format!(
        "{}{year}: rank intervals over {} samples (seed {}; inputs: {})\n\n",
        u.index.to_uppercase(),
        u.samples,
        u.seed,
        if u.inputs.is_empty() { "none".into() } else { u.inputs.join(", ") }
    );
    let header: Vec<String> = ["Rank", "Unit", "Median", "5–95 %", "Score", "Score 5–95 %"].map(String::from).to_vec();
    let mut units: Vec<&chiso::uncertainty::UnitUncertainty> = u.units.iter().collect();
    units.sort_by(|a, b| (a.nominal_rank, &a.unit).cmp(&(b.nominal_rank, &b.unit)));
    let rows: Vec<Vec<String>> = units
        .iter()
        .map(|r| {
            vec![
                r.nominal_rank.to_string(),
                r.unit.clone(),
                rank_text(r.rank_median),
                interval(r.rank_p05, r.rank_p95),
                format_decimal(r.nominal_score, precision, false),
                format!(
                    "{}–{}",
                    format_decimal(r.score_p05, precision, false),
                    format_decimal(r.score_p95, precision, false)
                ),
            ]
        })
        .collect();
    out.push_str(&crate::output::render(&header, &rows, &[true, false, true, true, true, true]));
    out.push_str(&format!("\nMean absolute rank shift: {:.2} places\n", u.mean_rank_shift));
    out
}

pub fn changes_csv(c: &RankChanges, raw: bool) -> String {
    let header = [
        "unit",
        "rank_from",
        "rank_to",
        "rank_change",
        "from_p05",
        "from_p95",
        "to_p05",
        "to_p95",
        "p_same_sign",
        "outside_interval",
        "disjoint",
    ];
    let rows = c
        .changes
        .iter()
        .map(|r| {
            vec![
                r.unit.clone(),
                r.rank_from.to_string(),
                r.rank_to.to_string(),
                r.change.to_string(),
                f(r.from_p05),
                f(r.from_p95),
                f(r.to_p05),
                f(r.to_p95),
                f(r.p_same_sign),
                r.outside_interval.to_string(),
                r.disjoint.to_string(),
            ]
        })
        .collect();
    crate::output::csv_text(header.map(String::from).to_vec(), rows, raw)
}

pub fn changes_table(c: &RankChanges) -> String {
    let mut out = format!(
        "{} {} → {}: rank changes against their intervals ({} samples, seed {}; inputs: {})\n\n",
        c.index.to_uppercase(),
        c.from,
        c.to,
        c.samples,
        c.seed,
        c.inputs.join(", ")
    );
    let header: Vec<String> = ["Unit", "From", "To", "Change", &format!("{} 5–95 %", c.to), "P(same sign)", "Beyond"]
        .map(String::from)
        .to_vec();
    let mut changes: Vec<&chiso::uncertainty::RankChange> = c.changes.iter().collect();
    changes.sort_by(|a, b| (a.rank_to, &a.unit).cmp(&(b.rank_to, &b.unit)));
    let rows: Vec<Vec<String>> = changes
        .iter()
        .map(|r| {
            vec![
                r.unit.clone(),
                r.rank_from.to_string(),
                r.rank_to.to_string(),
                format!("{:+}", r.change),
                interval(r.to_p05, r.to_p95),
                format!("{:.2}", r.p_same_sign),
                match (r.disjoint, r.outside_interval) {
                    (true, _) => "disjoint".into(),
                    (false, true) => "outside".into(),
                    _ => String::new(),
                },
            ]
        })
        .collect();
    out.push_str(&crate::output::render(&header, &rows, &[false, true, true, true, true, true, false]));
    out.push_str(&format!(
        "\n{} of {} units moved; {} moved beyond the {} interval (the {} rank outside it), {} with disjoint intervals, {} keep the sign of their change in ≥ 95 % of samples.\n",
        c.moved,
        c.changes.len(),
        c.moved_outside_interval,
        c.to,
        c.from,
        c.moved_disjoint,
        c.moved_sign_95
    ));
    out
}

fn index_cells(target: &str, e: &SobolIndex) -> Vec<String> {
    vec![
        target.to_owned(),
        e.input.clone(),
        o(e.first_order),
        o(e.first_order_p05),
        o(e.first_order_p95),
        o(e.total_order),
        o(e.total_order_p05),
        o(e.total_order_p95),
    ]
}

pub fn sensitivity_csv(s: &Sensitivity, raw: bool) -> String {
    let header = [
        "target",
        "input",
        "first_order",
        "first_order_p05",
        "first_order_p95",
        "total_order",
        "total_order_p05",
        "total_order_p95",
    ];
    let mut rows: Vec<Vec<String>> =
        s.mean_rank_shift.indices.iter().map(|e| index_cells("mean_rank_shift", e)).collect();
    for u in &s.units {
        rows.extend(u.indices.iter().map(|e| index_cells(&u.unit, e)));
    }
    crate::output::csv_text(header.map(String::from).to_vec(), rows, raw)
}

pub fn sensitivity_table(s: &Sensitivity) -> String {
    let year = s.year.map(|y| format!(" {y}")).unwrap_or_default();
    let mut out = format!(
        "{}{year}: sensitivity of the mean absolute rank shift (N = {}, {} runs, seed {}, {} bootstrap resamples)\n\n",
        s.index.to_uppercase(),
        s.samples,
        s.runs,
        s.seed,
        s.bootstrap
    );
    let header: Vec<String> = ["Input", "First order", "90 % CI", "Total order", "90 % CI"].map(String::from).to_vec();
    let two = |v: Option<f64>| v.map(|v| format!("{v:.3}")).unwrap_or_else(|| "–".into());
    let rows: Vec<Vec<String>> = s
        .mean_rank_shift
        .indices
        .iter()
        .map(|e| {
            vec![
                e.input.clone(),
                two(e.first_order),
                format!("{}–{}", two(e.first_order_p05), two(e.first_order_p95)),
                two(e.total_order),
                format!("{}–{}", two(e.total_order_p05), two(e.total_order_p95)),
            ]
        })
        .collect();
    out.push_str(&crate::output::render(&header, &rows, &[false, true, true, true, true]));
    out.push_str("\nPer-unit indices: --format csv or json.\n");
    out
}

pub fn audit_csv(a: &Audit, raw: bool) -> String {
    let header = [
        "group",
        "node",
        "weight_share",
        "effective_weight",
        "pearson_group",
        "spearman_group",
        "pearson_index",
        "negative",
        "importance",
        "variance_share",
        "pca_weight",
        "equal_influence_weight",
        "group_cronbach_alpha",
        "group_pc1_explained",
    ];
    let mut rows = Vec::new();
    for g in &a.groups {
        for c in &g.children {
            let effective = a.nodes.iter().find(|n| n.id == c.id).map(|n| n.effective_weight);
            rows.push(vec![
                g.id.clone(),
                c.id.clone(),
                f(c.weight_share),
                o(effective),
                o(c.pearson_group),
                o(c.spearman_group),
                o(c.pearson_index),
                c.negative.to_string(),
                o(c.importance),
                o(c.variance_share),
                o(c.pca_weight),
                o(c.equal_influence_weight),
                o(g.cronbach_alpha),
                o(g.pca.as_ref().map(|p| p.explained[0])),
            ]);
        }
    }
    crate::output::csv_text(header.map(String::from).to_vec(), rows, raw)
}

pub fn audit_table(a: &Audit) -> String {
    let year = a.year.map(|y| format!(" {y}")).unwrap_or_default();
    let mut out = format!("{}{year}: statistical audit ({} units)\n", a.index.to_uppercase(), a.units);
    let p = |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "–".into());
    let pct = |v: Option<f64>| v.map(|v| format!("{:.1} %", 100.0 * v)).unwrap_or_else(|| "–".into());
    for g in &a.groups {
        out.push_str(&format!(
            "\nGroup {} ({}): Cronbach's α {}, first principal component explains {}\n\n",
            g.id,
            g.aggregation,
            p(g.cronbach_alpha),
            pct(g.pca.as_ref().map(|x| x.explained[0]))
        ));
        let header: Vec<String> = [
            "Node",
            "Weight",
            "r(group)",
            "ρ(group)",
            "r(index)",
            "Importance",
            "Var. share",
            "PCA w",
            "Equal-infl. w",
            "Flag",
        ]
        .map(String::from)
        .to_vec();
        let rows: Vec<Vec<String>> = g
            .children
            .iter()
            .map(|c| {
                vec![
                    c.id.clone(),
                    pct(Some(c.weight_share)),
                    p(c.pearson_group),
                    p(c.spearman_group),
                    p(c.pearson_index),
                    pct(c.importance),
                    pct(c.variance_share),
                    pct(c.pca_weight),
                    pct(c.equal_influence_weight),
                    if c.negative { "negative".into() } else { String::new() },
                ]
            })
            .collect();
        out.push_str(&crate::output::render(
            &header,
            &rows,
            &[false, true, true, true, true, true, true, true, true, false],
        ));
    }
    out
}

pub fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}
