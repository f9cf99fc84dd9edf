//! Diagnostics for one unit and year: where each sub-index stands against the median and the
//! leader, what it costs the composite, what fell, and where the year's change came from.

use serde::Serialize;

use crate::aggregate::aggregate;
use crate::data::Dataset;
use crate::error::{DataError, Error};
use crate::rank::Tier;
use crate::score::{score, ScoreOptions, ScoreRow, Scores};
use crate::spec::{Aggregation, Direction, IndexDefinition, IndexSpec, Labels};

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

/// The composite from the root's children values, exactly as scoring computes it.
pub(crate) fn composite(spec: &IndexSpec, values: &[f64]) -> Option<f64> {
    let root = spec.root();
    let weights: Vec<f64> = root.children.iter().map(|&c| spec.nodes()[c].weight).collect();
    let method = root.aggregation.unwrap_or(Aggregation::WeightedMean);
    aggregate(method, values, &weights).ok().map(|v| v * root.multiplier)
}

/// The values of the root's children for one row (in spec order), if all were computed.
pub(crate) fn component_values(spec: &IndexSpec, row: &ScoreRow) -> Option<Vec<f64>> {
    spec.components().map(|n| row.components.iter().find(|c| c.id == n.id).map(|c| c.score)).collect()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
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
    let now = score(definition, data, &ScoreOptions { year, strict: false })?;
    let row = find_row(&now, unit, year)?;
    let spec = definition.resolve(year)?;
    let previous_year = previous.or_else(|| year.map(|y| y - 1).filter(|y| data.distinct_years().contains(y)));
    let before = match previous_year {
        Some(p) => Some(score(definition, data, &ScoreOptions { year: Some(p), strict: false })?),
        None => None,
    };
    let before_row = before.as_ref().and_then(|b| b.rows.iter().find(|r| r.unit == row.unit));
    let before_spec = previous_year.map(|p| definition.resolve(Some(p))).transpose()?;

    let values = component_values(&spec, row);
    let total_weight: f64 = spec.components().map(|n| n.weight).sum();
    let mut components = Vec::new();
    for (i, node) in spec.components().enumerate() {
        let Some(own) = row.components.iter().find(|c| c.id == node.id) else { continue };
        let field: Vec<(&str, f64)> = now
            .rows
            .iter()
            .filter_map(|r| r.components.iter().find(|c| c.id == node.id).map(|c| (r.unit.as_str(), c.score)))
            .collect();
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
        // Composite points if this sub-index alone rose to a level (exact for any aggregation).
        let gain_to = |level: f64| -> f64 {
            match &values {
                Some(v) if better(level, v[i]) => {
                    let mut raised = v.clone();
                    raised[i] = level;
                    match (composite(&spec, &raised), composite(&spec, v)) {
                        (Some(a), Some(b)) => a - b,
                        _ => 0.0,
                    }
                }
                _ => 0.0,
            }
        };
        let prev = before_row.and_then(|b| b.components.iter().find(|c| c.id == node.id));
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
            previous: prev.map(|p| p.score),
            change: prev.map(|p| own.score - p.score),
            rank_change: prev.map(|p| i64::from(p.rank) - i64::from(own.rank)),
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

fn decompose(spec: &IndexSpec, row: &ScoreRow, before_spec: &IndexSpec, before: &ScoreRow) -> Option<Decomposition> {
    let now_w: Vec<(String, f64)> = spec.components().map(|n| n.id.clone()).zip(linear_shares(spec)?).collect();
    let old_w: Vec<(String, f64)> =
        before_spec.components().map(|n| n.id.clone()).zip(linear_shares(before_spec)?).collect();
    let value = |r: &ScoreRow, id: &str| r.components.iter().find(|c| c.id == id).map(|c| c.score);
    let weight = |ws: &[(String, f64)], id: &str| ws.iter().find(|(i, _)| i == id).map_or(0.0, |(_, w)| *w);
    let mut contributions = Vec::new();
    let mut weight_effect = 0.0;
    for (id, w) in &now_w {
        let s = value(row, id)?;
        match value(before, id) {
            Some(p) if old_w.iter().any(|(i, _)| i == id) => {
                contributions.push((id.clone(), w * (s - p)));
                weight_effect += (w - weight(&old_w, id)) * p;
            }
            _ => weight_effect += w * s,
        }
    }
    for (id, w) in &old_w {
        if !now_w.iter().any(|(i, _)| i == id) {
            weight_effect -= w * value(before, id)?;
        }
    }
    Some(Decomposition { total: row.score - before.score, contributions, weight_effect })
}
