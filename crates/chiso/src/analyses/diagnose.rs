//! Diagnostics for one unit and year: where each sub-index stands against the median and the
//! leader, what it costs the composite, what fell, and where the year's change came from.

use serde::Serialize;

use crate::data::Dataset;
use crate::error::{DataError, Error};
use crate::rank::Tier;
use crate::score::{score, ScoreOptions, ScoreRow, Scores};
use crate::spec::{Aggregation, Direction, IndexDefinition, IndexSpec, Labels};
use crate::statistics::median;

/// One sub-index (direct child of the root) of the unit diagnosed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentDiagnosis {
    /// Node id.
    pub id: String,
    /// Labels.
    pub label: Labels,
    /// Share of the weight among the root's children (PCI: wᵢ/100).
    pub weight: f64,
    /// The unit's score.
    pub score: f64,
    /// Its rank among all units that year.
    pub rank: u32,
    /// Median of all units that year.
    pub median: f64,
    /// Best score that year.
    pub leader: f64,
    /// The unit with the best score (the first by name among exact ties).
    pub leader_unit: String,
    /// `median − score` (positive: below the median).
    pub gap_to_median: f64,
    /// `leader − score`.
    pub gap_to_leader: f64,
    /// Composite points gained if this sub-index alone rose to the median (0 if above it).
    pub cost_to_median: f64,
    /// Composite points gained if this sub-index alone rose to the leader's score.
    pub cost_to_leader: f64,
    /// Score the previous year, if the unit and sub-index were scored then.
    pub previous: Option<f64>,
    /// `score − previous`.
    pub change: Option<f64>,
    /// Places gained on this sub-index (positive = up).
    pub rank_change: Option<i64>,
}

/// How the composite's year-over-year change splits into sub-index contributions
/// (exact for weighted-mean and weighted-sum roots):
/// `Δ = Σ m·wᵢᵗ·(sᵢᵗ − sᵢᵗ⁻¹) + Σ m·(wᵢᵗ − wᵢᵗ⁻¹)·sᵢᵗ⁻¹`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decomposition {
    /// Composite change.
    pub total: f64,
    /// `(id, m·wᵢᵗ·(sᵢᵗ − sᵢᵗ⁻¹))` per sub-index present both years.
    pub contributions: Vec<(String, f64)>,
    /// The effect of changed weights and of sub-indices added or dropped between editions.
    pub weight_effect: f64,
}

/// The diagnosis of one unit in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnosis {
    /// Index id.
    pub index: String,
    /// Unit.
    pub unit: String,
    /// Year.
    pub year: Option<i32>,
    /// Composite.
    pub score: f64,
    /// Rank.
    pub rank: u32,
    /// Units ranked.
    pub out_of: u32,
    /// Tier.
    pub tier: Option<Tier>,
    /// The year compared with, when the data has it.
    pub previous_year: Option<i32>,
    /// Composite the previous year.
    pub previous_score: Option<f64>,
    /// Rank the previous year.
    pub previous_rank: Option<u32>,
    /// Composite change.
    pub score_change: Option<f64>,
    /// Places gained (positive = up).
    pub rank_change: Option<i64>,
    /// Every sub-index, in spec order.
    pub components: Vec<ComponentDiagnosis>,
    /// Ids of sub-indices below the median, costliest first (then those below the leader).
    pub weakest: Vec<String>,
    /// Ids of sub-indices whose score fell, largest fall first.
    pub fell: Vec<String>,
    /// Year-over-year decomposition (linear roots only).
    pub decomposition: Option<Decomposition>,
}

/// The year an analysis is about: the one given, or the data's only year; data with several
/// years needs one.
pub(crate) fn analysis_year(data: &Dataset, year: Option<i32>) -> Result<Option<i32>, Error> {
    match (year, data.years()) {
        (Some(y), _) => Ok(Some(y)),
        (None, None) => Ok(None),
        (None, Some(_)) => match data.distinct_years().as_slice() {
            [only] => Ok(Some(*only)),
            years => Err(crate::error::ComputeError::InvalidTarget {
                message: format!(
                    "the data has several years ({}); give the year to analyse",
                    years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
                ),
            }
            .into()),
        },
    }
}

/// Finds a unit's row in a year, or an error that suggests similar names.
pub(crate) fn find_row<'a>(scores: &'a Scores, unit: &str, year: Option<i32>) -> Result<&'a ScoreRow, Error> {
    let unit = crate::data::normalise_unit(unit);
    if let Some(row) = scores.rows.iter().find(|r| r.unit == unit && r.year == year) {
        return Ok(row);
    }
    // Match without case and diacritics, so "Nam Dinh" suggests "Nam Định".
    let fold = crate::data::fold_unit;
    let wanted = fold(&unit);
    let mut suggestions: Vec<String> = scores
        .rows
        .iter()
        .filter(|r| r.year == year)
        .filter(|r| {
            let name = fold(&r.unit);
            name.contains(&wanted) || wanted.contains(&name)
        })
        .map(|r| r.unit.clone())
        .collect();
    suggestions.truncate(5);
    Err(DataError::UnknownUnit { unit, year, suggestions }.into())
}

/// The weight share of each root child and the root's linear coefficient multiplier, when
/// the root aggregates linearly.
pub(crate) fn linear_shares(spec: &IndexSpec) -> Option<Vec<f64>> {
    let root = spec.root();
    let weights: Vec<f64> = root.children.iter().map(|&c| spec.nodes()[c].weight).collect();
    let total: f64 = weights.iter().sum();
    match root.aggregation? {
        Aggregation::WeightedMean => Some(weights.iter().map(|w| root.multiplier * w / total).collect()),
        Aggregation::WeightedSum => Some(weights.iter().map(|w| root.multiplier * w).collect()),
        _ => None,
    }
}

/// The composite from the root's children values (in spec order), computed by the engine's
/// own aggregation of one unit (method, weights, missing-data rule, points maximum,
/// multiplier); `None` where it is undefined (too few children, or a method such as Copeland
/// that compares units).
pub(crate) fn composite(spec: &IndexSpec, values: &[f64]) -> Option<f64> {
    crate::engine::node_value(spec, spec.root_index(), "", values).ok().filter(|v| !v.is_nan())
}

/// The values of the root's children for one row (in spec order), if all were computed.
pub(crate) fn component_values(spec: &IndexSpec, row: &ScoreRow) -> Option<Vec<f64>> {
    spec.components().map(|n| row.components.iter().find(|c| c.id == n.id).map(|c| c.score)).collect()
}

/// Diagnoses `unit` in `year`, compared with `previous` (default: the year before, when the
/// data has it).
///
/// ```
/// use chiso::{diagnose::diagnose, presets, CsvOptions, Dataset};
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/pci/pci_subindices.csv");
/// let data = Dataset::from_csv_path(path, &CsvOptions { unit_column: "province".into(), ..Default::default() })?;
/// let d = diagnose(&presets::get("pci")?, &data, "Nam Định", Some(2016), None)?;
/// assert_eq!((d.rank, d.previous_rank), (30, Some(17)));
/// let parts = d.decomposition.unwrap();
/// let sum: f64 = parts.contributions.iter().map(|(_, c)| c).sum::<f64>() + parts.weight_effect;
/// assert!((sum - parts.total).abs() < 1e-9);
/// # Ok::<(), chiso::Error>(())
/// ```
pub fn diagnose(
    definition: &IndexDefinition,
    data: &Dataset,
    unit: &str,
    year: Option<i32>,
    previous: Option<i32>,
) -> Result<Diagnosis, Error> {
    let year = analysis_year(data, year)?;
    let now = score(definition, data, &ScoreOptions { year, ..Default::default() })?;
    let row = find_row(&now, unit, year)?;
    let spec = definition.resolve(year)?;
    let previous_year =
        previous.or_else(|| year.and_then(|y| y.checked_sub(1)).filter(|y| data.distinct_years().contains(y)));
    let before = match previous_year {
        Some(p) => Some(score(definition, data, &ScoreOptions { year: Some(p), ..Default::default() })?),
        None => None,
    };
    let before_row = before.as_ref().and_then(|b| b.rows.iter().find(|r| r.unit == row.unit));
    let before_spec = previous_year.map(|p| definition.resolve(Some(p))).transpose()?;

    let values = component_values(&spec, row);
    let total_weight: f64 = spec.components().map(|n| n.weight).sum();
    // Where each node sits in a row's components: the same place in every row of the year
    // (one spec), so the field of a sub-index is read without searching every row.
    let position: std::collections::HashMap<&str, usize> =
        row.components.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
    let find = |r: &'_ ScoreRow, id: &str| -> Option<(f64, u32)> {
        let at = position.get(id).and_then(|&i| r.components.get(i)).filter(|c| c.id == id);
        at.or_else(|| r.components.iter().find(|c| c.id == id)).map(|c| (c.score, c.rank))
    };
    let raise = values.as_deref().and_then(|v| Raise::new(&spec, v));
    let mut components = Vec::new();
    for (i, node) in spec.components().enumerate() {
        let Some(own) = row.components.iter().find(|c| c.id == node.id) else { continue };
        let field: Vec<(&str, f64)> =
            now.rows.iter().filter_map(|r| find(r, &node.id).map(|(score, _)| (r.unit.as_str(), score))).collect();
        let mut all: Vec<f64> = field.iter().map(|(_, s)| *s).collect();
        let med = median(&mut all);
        let better = |a: f64, b: f64| match node.direction {
            Direction::HigherIsBetter => a > b,
            Direction::LowerIsBetter => a < b,
        };
        let (leader_unit, leader) = field.iter().fold((field[0].0, field[0].1), |best, &(u, s)| {
            if better(s, best.1) || (s == best.1 && u < best.0) {
                (u, s)
            } else {
                best
            }
        });
        // Composite points if this sub-index alone rose to a level (for any aggregation).
        let gain_to = |level: f64| -> f64 {
            match (&values, &raise) {
                (Some(v), Some(raise)) if better(level, v[i]) => raise.gain(i, level),
                _ => 0.0,
            }
        };
        let prev = before_row.and_then(|b| find(b, &node.id));
        components.push(ComponentDiagnosis {
            id: node.id.clone(),
            label: node.label.clone(),
            weight: node.weight / total_weight,
            score: own.score,
            rank: own.rank,
            median: med,
            leader,
            leader_unit: leader_unit.to_owned(),
            gap_to_median: med - own.score,
            gap_to_leader: leader - own.score,
            cost_to_median: gain_to(med),
            cost_to_leader: gain_to(leader),
            previous: prev.map(|p| p.0),
            change: prev.map(|p| own.score - p.0),
            rank_change: prev.map(|p| i64::from(p.1) - i64::from(own.rank)),
        });
    }
    let mut weakest: Vec<&ComponentDiagnosis> = components.iter().filter(|c| c.cost_to_leader > 0.0).collect();
    weakest.sort_by(|a, b| {
        b.cost_to_median.total_cmp(&a.cost_to_median).then(b.cost_to_leader.total_cmp(&a.cost_to_leader))
    });
    let mut fell: Vec<&ComponentDiagnosis> = components.iter().filter(|c| c.change.is_some_and(|d| d < 0.0)).collect();
    fell.sort_by(|a, b| a.change.unwrap_or(0.0).total_cmp(&b.change.unwrap_or(0.0)));

    let decomposition = match (before_row, &before_spec) {
        (Some(b), Some(bspec)) => decompose(&spec, row, bspec, b),
        _ => None,
    };
    Ok(Diagnosis {
        index: definition.id().to_owned(),
        unit: row.unit.clone(),
        year,
        score: row.score,
        rank: row.rank,
        out_of: row.out_of,
        tier: row.tier.clone(),
        previous_year,
        previous_score: before_row.map(|b| b.score),
        previous_rank: before_row.map(|b| b.rank),
        score_change: before_row.map(|b| row.score - b.score),
        rank_change: before_row.map(|b| i64::from(b.rank) - i64::from(row.rank)),
        weakest: weakest.iter().map(|c| c.id.clone()).collect(),
        fell: fell.iter().map(|c| c.id.clone()).collect(),
        components,
        decomposition,
    })
}

/// The composite gained by moving one child of the root to another level, in constant time
/// per child from sums prepared once (a root may have thousands of children, and asking the
/// aggregation again for each would be quadratic). Equal to re-aggregating up to rounding for
/// the weighted and power means, exactly for minimum and maximum; the median is re-aggregated.
struct Raise<'a> {
    spec: &'a IndexSpec,
    values: &'a [f64],
    weights: Vec<f64>,
    total: f64,
    /// The root's method when a shortcut holds for it; `None`: re-aggregate by the engine.
    method: Option<Aggregation>,
    multiplier: f64,
    /// Σ wᵢxᵢ, Σ wᵢ ln xᵢ or Σ wᵢ/xᵢ, by method.
    sum: f64,
    /// The two smallest and two largest children (indexes), for minimum and maximum.
    lowest: [Option<usize>; 2],
    highest: [Option<usize>; 2],
    now: f64,
}

impl<'a> Raise<'a> {
    fn new(spec: &'a IndexSpec, values: &'a [f64]) -> Option<Self> {
        let root = spec.root();
        let weights: Vec<f64> = root.children.iter().map(|&c| spec.nodes()[c].weight).collect();
        // The shortcuts hold for the plain methods on complete values; anything else (points
        // maxima, missing children, Copeland) is re-aggregated by the engine.
        let plain = !root.percent_of_max && !values.iter().any(|v| v.is_nan());
        let method = plain.then(|| root.aggregation.unwrap_or(Aggregation::WeightedMean));
        let sum = match method {
            Some(Aggregation::GeometricMean) => values.iter().zip(&weights).map(|(v, w)| w * v.ln()).sum(),
            Some(Aggregation::HarmonicMean) => values.iter().zip(&weights).map(|(v, w)| w / v).sum(),
            _ => values.iter().zip(&weights).map(|(v, w)| v * w).sum(),
        };
        let two = |better: &dyn Fn(f64, f64) -> bool| {
            let mut best: [Option<usize>; 2] = [None, None];
            for (i, &v) in values.iter().enumerate() {
                if best[0].is_none_or(|b| better(v, values[b])) {
                    best = [Some(i), best[0]];
                } else if best[1].is_none_or(|b| better(v, values[b])) {
                    best[1] = Some(i);
                }
            }
            best
        };
        Some(Raise {
            now: composite(spec, values)?,
            total: weights.iter().sum(),
            lowest: two(&|a, b| a < b),
            highest: two(&|a, b| a > b),
            spec,
            values,
            weights,
            method,
            multiplier: root.multiplier,
            sum,
        })
    }

    /// The composite with child `i` at `level`, minus the composite now (0 where undefined).
    fn gain(&self, i: usize, level: f64) -> f64 {
        let (w, x) = (self.weights[i], self.values[i]);
        let other = |best: &[Option<usize>; 2]| if best[0] == Some(i) { best[1] } else { best[0] };
        let value = match self.method {
            Some(Aggregation::WeightedMean) => (self.sum - w * x + w * level) / self.total,
            Some(Aggregation::WeightedSum) => self.sum - w * x + w * level,
            Some(Aggregation::GeometricMean) if level > 0.0 => {
                ((self.sum - w * x.ln() + w * level.ln()) / self.total).exp()
            }
            Some(Aggregation::HarmonicMean) if level > 0.0 => self.total / (self.sum - w / x + w / level),
            Some(Aggregation::GeometricMean | Aggregation::HarmonicMean) => return 0.0,
            Some(Aggregation::Minimum) => other(&self.lowest).map_or(level, |j| level.min(self.values[j])),
            Some(Aggregation::Maximum) => other(&self.highest).map_or(level, |j| level.max(self.values[j])),
            _ => {
                let mut raised = self.values.to_vec();
                raised[i] = level;
                return composite(self.spec, &raised).map_or(0.0, |a| a - self.now);
            }
        };
        value * self.multiplier - self.now
    }
}

fn decompose(spec: &IndexSpec, row: &ScoreRow, before_spec: &IndexSpec, before: &ScoreRow) -> Option<Decomposition> {
    let now_w: Vec<(String, f64)> = spec.components().map(|n| n.id.clone()).zip(linear_shares(spec)?).collect();
    let old_w: Vec<(String, f64)> =
        before_spec.components().map(|n| n.id.clone()).zip(linear_shares(before_spec)?).collect();
    // Hashed lookups: a root may have thousands of children.
    use std::collections::HashMap;
    fn scores(r: &ScoreRow) -> HashMap<&str, f64> {
        r.components.iter().map(|c| (c.id.as_str(), c.score)).collect()
    }
    let (now_scores, old_scores) = (scores(row), scores(before));
    let old_weights: HashMap<&str, f64> = old_w.iter().map(|(i, w)| (i.as_str(), *w)).collect();
    let mut contributions = Vec::new();
    let mut weight_effect = 0.0;
    for (id, w) in &now_w {
        let s = *now_scores.get(id.as_str())?;
        match (old_scores.get(id.as_str()), old_weights.get(id.as_str())) {
            (Some(&p), Some(&old)) => {
                contributions.push((id.clone(), w * (s - p)));
                weight_effect += (w - old) * p;
            }
            _ => weight_effect += w * s,
        }
    }
    let current: std::collections::HashSet<&str> = now_w.iter().map(|(i, _)| i.as_str()).collect();
    for (id, w) in &old_w {
        if !current.contains(id.as_str()) {
            weight_effect -= w * *old_scores.get(id.as_str())?;
        }
    }
    Some(Decomposition { total: row.score - before.score, contributions, weight_effect })
}
