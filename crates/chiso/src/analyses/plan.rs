//! The target planner: the smallest improvement of a unit's sub-indices that reaches a score,
//! a rank, the top N or a gain of places, with every other unit held fixed (or moved by its
//! own trend).
//!
//! For a weighted-mean or weighted-sum root, the composite is linear in the sub-indices:
//! minimising Σ cᵢgᵢ subject to Σ aᵢgᵢ ≥ Δ and 0 ≤ gᵢ ≤ capᵢ is a continuous knapsack, whose
//! optimum fills sub-indices in decreasing order of aᵢ/cᵢ (the exchange argument: moving a
//! point of gain from a lower to a higher ratio never costs more). For geometric and harmonic
//! means the feasible set is convex and the optimum satisfies the KKT conditions, solved by
//! bisection on the multiplier; minimum and maximum are solved directly.

use std::collections::HashMap;

use serde::Serialize;

use crate::data::Dataset;
use crate::diagnose::{analysis_year, component_values, composite, find_row, linear_shares};
use crate::error::{ComputeError, Error};
use crate::rank::{rank_among, round_half_away};
use crate::score::{score, ScoreOptions, Scores};
use crate::spec::{Aggregation, Direction, IndexDefinition, IndexSpec, Labels, RankBasis};

/// What the plan must reach.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Target {
    /// A composite score.
    Score(f64),
    /// A rank (1 = first) or better.
    Rank(u32),
    /// A gain of this many places on the current rank.
    Gain(u32),
}

impl std::str::FromStr for Target {
    type Err = ComputeError;

    /// Parses `score:70`, `rank:10`, `top:10` (= rank 10) or `gain:3`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || ComputeError::InvalidTarget {
            message: format!("target '{text}' is not one of score:S, rank:N, top:N, gain:K (e.g. top:10)"),
        };
        let (kind, value) = text.split_once(':').ok_or_else(bad)?;
        let value = value.trim().replace(',', ".");
        match kind.trim() {
            "score" => value.parse().ok().filter(|v: &f64| v.is_finite()).map(Target::Score).ok_or_else(bad),
            "rank" | "top" => value.parse().ok().filter(|&n| n >= 1).map(Target::Rank).ok_or_else(bad),
            "gain" => value.parse().ok().map(Target::Gain).ok_or_else(bad),
            _ => Err(bad()),
        }
    }
}

/// How the other units move while the planned unit improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Every other unit keeps its score of the year.
    #[default]
    Fixed,
    /// Every other unit moves by its own average yearly change over the years in the data.
    Trend,
}

/// Options for [`plan`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlanOptions {
    /// Largest gain allowed per sub-index id (on top of its scale maximum).
    pub caps: HashMap<String, f64>,
    /// Cost of one point per sub-index id (default 1: the fewest total points).
    pub costs: HashMap<String, f64>,
    /// How the other units move.
    pub field: Field,
}

/// One sub-index of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanStep {
    /// Node id.
    pub id: String,
    /// Labels.
    pub label: Labels,
    /// Score now.
    pub current: f64,
    /// Required gain (0 when untouched).
    pub gain: f64,
    /// `current + gain`.
    pub planned: f64,
    /// Largest gain allowed (scale maximum and user cap).
    pub max_gain: f64,
    /// Cost per point.
    pub cost: f64,
}

/// A plan and what it achieves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// Index id.
    pub index: String,
    /// Unit.
    pub unit: String,
    /// Year whose field is planned against.
    pub year: Option<i32>,
    /// The target.
    pub target: Target,
    /// The composite the target requires (unrounded; for rank targets, the score of the unit
    /// to reach, or the lowest value that rounds to it under a rounded rank rule).
    pub threshold: f64,
    /// Whether the target can be reached within the caps.
    pub reachable: bool,
    /// Composite now.
    pub score_now: f64,
    /// Composite with the plan (with every gain at its maximum when unreachable).
    pub score_planned: f64,
    /// Rank now.
    pub rank_now: u32,
    /// Rank with the plan, against the same field.
    pub rank_planned: u32,
    /// Units ranked.
    pub out_of: u32,
    /// Σ gains.
    pub total_gain: f64,
    /// Σ cost × gain.
    pub total_cost: f64,
    /// Every sub-index, in spec order.
    pub steps: Vec<PlanStep>,
}

/// Plans the smallest improvement of `unit`'s sub-indices in `year` that reaches `target`.
///
/// ```
/// use chiso::plan::{plan, PlanOptions, Target};
/// use chiso::{presets, CsvOptions, Dataset};
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/pci/pci_subindices.csv");
/// let data = Dataset::from_csv_path(path, &CsvOptions { unit_column: "province".into(), ..Default::default() })?;
/// let p = plan(&presets::get("pci")?, &data, "Nam Định", Some(2016), Target::Rank(10), &PlanOptions::default())?;
/// assert!(p.reachable && p.rank_planned <= 10);
/// # Ok::<(), chiso::Error>(())
/// ```
pub fn plan(
    definition: &IndexDefinition,
    data: &Dataset,
    unit: &str,
    year: Option<i32>,
    target: Target,
    options: &PlanOptions,
) -> Result<Plan, Error> {
    match target {
        Target::Score(s) if !s.is_finite() => {
            return Err(
                ComputeError::InvalidTarget { message: format!("target score {s} is not a finite number") }.into()
            )
        }
        Target::Rank(0) => {
            return Err(ComputeError::InvalidTarget { message: "target rank 0: ranks start at 1".into() }.into())
        }
        _ => {}
    }
    let year = analysis_year(data, year)?;
    let scores = score(definition, data, &ScoreOptions { year, ..Default::default() })?;
    let spec = definition.resolve(year)?;
    let row = find_row(&scores, unit, year)?;
    let root = spec.root();
    if root.direction == Direction::LowerIsBetter {
        return Err(ComputeError::Unsupported {
            node: root.id.clone(),
            method: root.aggregation.map_or("weighted_mean", Aggregation::name),
            operation: "planning for a lower-is-better headline",
        }
        .into());
    }
    for id in options.caps.keys().chain(options.costs.keys()) {
        if spec.components().all(|n| &n.id != id) {
            let known: Vec<&str> = spec.components().map(|n| n.id.as_str()).collect();
            return Err(ComputeError::InvalidTarget {
                message: format!("'{id}' is not a sub-index of {}; use one of {}", spec.id(), known.join(", ")),
            }
            .into());
        }
    }
    let current = component_values(&spec, row).ok_or_else(|| ComputeError::InvalidTarget {
        message: format!("the sub-indices of '{}' are not all computed from the data", row.unit),
    })?;
    let others = field(definition, data, &spec, &scores, &row.unit, year, options.field)?;
    let rank_with = |value: f64| rank_among(value, &others, Direction::HigherIsBetter, spec.rank_rule());
    let rank_now = rank_with(row.score);
    let threshold = match target {
        Target::Score(s) => s,
        Target::Rank(n) => threshold_for_rank(&spec, &others, n),
        Target::Gain(k) => threshold_for_rank(&spec, &others, rank_now.saturating_sub(k).max(1)),
    };

    let mut steps = Vec::with_capacity(current.len());
    for (node, &x) in spec.components().zip(&current) {
        let by_scale = node.scale.map_or(f64::INFINITY, |s| (s.max - x).max(0.0));
        let by_user = options.caps.get(&node.id).copied().unwrap_or(f64::INFINITY);
        let cost = options.costs.get(&node.id).copied().unwrap_or(1.0);
        if by_user.is_nan() || by_user < 0.0 || !(cost.is_finite() && cost > 0.0) {
            return Err(ComputeError::InvalidTarget {
                message: format!("'{}': caps must be ≥ 0 and costs finite and > 0", node.id),
            }
            .into());
        }
        steps.push(PlanStep {
            id: node.id.clone(),
            label: node.label.clone(),
            current: x,
            gain: 0.0,
            planned: x,
            max_gain: by_scale.min(by_user),
            cost,
        });
    }
    let evaluate = |gains: &[f64]| -> f64 {
        let values: Vec<f64> = current.iter().zip(gains).map(|(x, g)| x + g).collect();
        composite(&spec, &values).unwrap_or(f64::NEG_INFINITY)
    };
    let gains = if row.score >= threshold {
        vec![0.0; steps.len()]
    } else {
        solve(&spec, &current, &steps, threshold, &evaluate)?
    };
    if gains.iter().any(|g| !g.is_finite()) {
        // Only an uncapped sub-index can need this: a target beyond what any finite gain gives.
        return Err(ComputeError::InvalidTarget {
            message: format!(
                "target {threshold} for '{}' needs a gain beyond any finite number; give a target within the index's range or scales for its sub-indices",
                row.unit
            ),
        }
        .into());
    }
    let mut score_planned = evaluate(&gains);
    let reachable = score_planned >= threshold;
    if !score_planned.is_finite() {
        score_planned = row.score;
    }
    for (step, g) in steps.iter_mut().zip(&gains) {
        step.gain = *g;
        step.planned = step.current + g;
    }
    Ok(Plan {
        index: definition.id().to_owned(),
        unit: row.unit.clone(),
        year,
        target,
        threshold,
        reachable,
        score_now: row.score,
        score_planned,
        rank_now,
        rank_planned: rank_with(score_planned),
        out_of: row.out_of,
        total_gain: gains.iter().sum(),
        total_cost: steps.iter().map(|s| s.gain * s.cost).sum(),
        steps,
    })
}

/// The other units ranked with `unit` (the whole year, or its `rank_within` group): their
/// scores as they are, or moved by each one's average yearly change.
pub(crate) fn field(
    definition: &IndexDefinition,
    data: &Dataset,
    spec: &IndexSpec,
    scores: &Scores,
    unit: &str,
    year: Option<i32>,
    mode: Field,
) -> Result<Vec<f64>, Error> {
    let group = rank_group(spec, data, unit, year)?;
    let now = scores
        .rows
        .iter()
        .filter(|r| r.year == year && r.unit != unit)
        .filter(|r| group.as_ref().is_none_or(|(mine, labels)| labels.get(r.unit.as_str()) == Some(mine)));
    match (mode, year) {
        (Field::Fixed, _) | (Field::Trend, None) => Ok(now.map(|r| r.score).collect()),
        (Field::Trend, Some(y)) => {
            let history = score(definition, data, &ScoreOptions::default())?;
            // Each unit's earliest scored year before `y`, in one pass over the history.
            let mut earliest: std::collections::HashMap<&str, (i32, f64)> = std::collections::HashMap::new();
            for h in &history.rows {
                if let Some(hy) = h.year.filter(|&hy| hy < y) {
                    let entry = earliest.entry(h.unit.as_str()).or_insert((hy, h.score));
                    if hy < entry.0 {
                        *entry = (hy, h.score);
                    }
                }
            }
            Ok(now
                .map(|r| match earliest.get(r.unit.as_str()).map(|&(fy, s0)| (s0, fy)) {
                    Some((s0, y0)) => r.score + (r.score - s0) / (f64::from(y) - f64::from(y0)),
                    None => r.score,
                })
                .collect())
        }
    }
}

/// Under `rank_within`: the unit's group label and every unit's label in the year.
#[allow(clippy::type_complexity)]
fn rank_group<'a>(
    spec: &IndexSpec,
    data: &'a Dataset,
    unit: &str,
    year: Option<i32>,
) -> Result<Option<(String, HashMap<&'a str, String>)>, Error> {
    let Some(labels) = crate::engine::rank_labels(spec, data)? else { return Ok(None) };
    let mut by_unit = HashMap::new();
    for row in crate::engine::members_of_year(data, year) {
        if let Some(label) = &labels[row] {
            by_unit.insert(data.units()[row].as_str(), label.clone());
        }
    }
    Ok(by_unit.get(unit).cloned().map(|mine| (mine, by_unit)))
}

/// The lowest composite that ranks `n` or better among `others` under the spec's rank rule
/// (ties and rounding as the ranking applies them): a score equal to the best such other
/// unit's, or under a rounded rule the lowest value that rounds to it.
pub(crate) fn threshold_for_rank(spec: &IndexSpec, others: &[f64], n: u32) -> f64 {
    let rule = spec.rank_rule();
    let rank_of = |v: f64| rank_among(v, others, Direction::HigherIsBetter, rule);
    if rank_of(f64::NEG_INFINITY) <= n {
        return f64::NEG_INFINITY;
    }
    let mut sorted = others.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    // Ranks grow as the value falls: the last candidate (best first) that still ranks ≤ n.
    let reach = sorted.partition_point(|&v| rank_of(v) <= n);
    let Some(&to_reach) = reach.checked_sub(1).and_then(|i| sorted.get(i)) else { return f64::INFINITY };
    match rule.basis {
        RankBasis::Unrounded => to_reach,
        RankBasis::Rounded(d) => round_half_away(to_reach, d) - 0.5 * 10f64.powi(-(d as i32)),
    }
}

fn solve(
    spec: &IndexSpec,
    current: &[f64],
    steps: &[PlanStep],
    threshold: f64,
    evaluate: &dyn Fn(&[f64]) -> f64,
) -> Result<Vec<f64>, Error> {
    let root = spec.root();
    let method = root.aggregation.unwrap_or(Aggregation::WeightedMean);
    let caps: Vec<f64> = steps.iter().map(|s| s.max_gain).collect();
    let costs: Vec<f64> = steps.iter().map(|s| s.cost).collect();
    let at_caps = || caps.iter().map(|c| if c.is_finite() { *c } else { 0.0 }).collect::<Vec<f64>>();
    let gains = match method {
        Aggregation::WeightedMean | Aggregation::WeightedSum => {
            let coefficients = linear_shares(spec).unwrap_or_default();
            let mut order: Vec<usize> = (0..steps.len()).filter(|&i| coefficients[i] > 0.0).collect();
            order.sort_by(|&a, &b| (coefficients[b] / costs[b]).total_cmp(&(coefficients[a] / costs[a])));
            let mut gains = vec![0.0; steps.len()];
            let mut missing = threshold - evaluate(&gains);
            for &i in &order {
                if missing <= 0.0 {
                    break;
                }
                let g = (missing / coefficients[i]).min(caps[i]);
                gains[i] = g;
                missing -= g * coefficients[i];
            }
            if missing > 0.0 && order.iter().all(|&i| gains[i] >= caps[i]) {
                return Ok(at_caps());
            }
            gains
        }
        Aggregation::GeometricMean | Aggregation::HarmonicMean => {
            if let Some(i) = current.iter().position(|&x| x <= 0.0) {
                return Err(ComputeError::NonPositive {
                    node: root.id.clone(),
                    unit: String::new(),
                    child: steps[i].id.clone(),
                    value: current[i],
                    method: method.name(),
                }
                .into());
            }
            if caps.iter().all(|c| c.is_finite()) && evaluate(&caps) < threshold {
                return Ok(at_caps());
            }
            let weights: Vec<f64> = spec.components().map(|n| n.weight).collect();
            // KKT: the level yᵢ of each sub-index is a decreasing function of the multiplier λ.
            let level = |lambda: f64, i: usize| -> f64 {
                let y = match method {
                    Aggregation::GeometricMean => weights[i] / (lambda * costs[i]),
                    _ => (weights[i] / (lambda * costs[i])).sqrt(),
                };
                y.clamp(current[i], current[i] + caps[i])
            };
            let gains_at =
                |lambda: f64| (0..current.len()).map(|i| level(lambda, i) - current[i]).collect::<Vec<f64>>();
            let (mut lo, mut hi) = (-60.0f64, 60.0f64); // ln λ
            for _ in 0..200 {
                let mid = (lo + hi) / 2.0;
                if evaluate(&gains_at(mid.exp())) >= threshold {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            gains_at(lo.exp())
        }
        Aggregation::Minimum => {
            let needed = threshold / root.multiplier;
            let gains: Vec<f64> = current.iter().map(|&x| (needed - x).max(0.0)).collect();
            if gains.iter().zip(&caps).any(|(g, c)| g > c) {
                return Ok(at_caps());
            }
            gains
        }
        Aggregation::Maximum => {
            let needed = threshold / root.multiplier;
            let best = (0..current.len())
                .filter(|&i| needed - current[i] <= caps[i])
                .min_by(|&a, &b| ((needed - current[a]) * costs[a]).total_cmp(&((needed - current[b]) * costs[b])));
            let mut gains = vec![0.0; current.len()];
            match best {
                Some(i) => gains[i] = needed - current[i],
                None => return Ok(at_caps()),
            }
            gains
        }
        other => {
            return Err(ComputeError::Unsupported {
                node: root.id.clone(),
                method: other.name(),
                operation: "planning",
            }
            .into())
        }
    };
    Ok(nudge(gains, &caps, threshold, evaluate))
}

/// Closes a shortfall of a few ulps left by floating-point arithmetic, so that applying the
/// plan and re-scoring always reaches the threshold.
fn nudge(mut gains: Vec<f64>, caps: &[f64], threshold: f64, evaluate: &dyn Fn(&[f64]) -> f64) -> Vec<f64> {
    for _ in 0..64 {
        let shortfall = threshold - evaluate(&gains);
        if shortfall <= 0.0 {
            break;
        }
        let open = |i: &usize| gains[*i] < caps[*i];
        let Some(i) =
            (0..gains.len()).rev().find(|i| open(i) && gains[*i] > 0.0).or_else(|| (0..gains.len()).find(open))
        else {
            break;
        };
        let step = shortfall.max(f64::EPSILON * threshold.abs().max(1.0)) * 2.0;
        gains[i] = (gains[i] + step).min(caps[i]);
    }
    gains
}
