//! Diagnosis and planning one level down: the indicators (leaves below the sub-indices) of one
//! unit in one year, e.g. the ~100 survey indicators behind PCI's sub-indices.
//!
//! Every what-if is an evaluation of the year's engine (`engine::Engine`) with the unit's raw
//! indicator values changed (a scenario with perturbed raw columns): imputation, treatment, normalisation
//! (goalposts, or a field's minimum and maximum), missing-data rules and aggregation are the
//! ones `score` applies, so a plan applied to the data and re-scored gives the same composite.

use std::collections::HashMap;

use serde::Serialize;

use crate::data::Dataset;
use crate::diagnose::{analysis_year, find_row};
use crate::engine::{members_of_year, Engine, Kind, Scenario, Work};
use crate::error::{ComputeError, Error};
use crate::plan::{field, threshold_for_rank, Field, Target};
use crate::rank::rank_among;
use crate::score::{score, ScoreOptions};
use crate::spec::{Aggregation, Direction, IndexDefinition, IndexSpec, Labels, Range};
use crate::statistics::median;

/// One indicator of the unit diagnosed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorDiagnosis {
    /// Node id.
    pub id: String,
    /// Labels (PCI: the name VCCI printed that year).
    pub label: Labels,
    /// The sub-index (direct child of the root) it belongs to.
    pub sub_index: String,
    /// Whether a higher raw value is better.
    pub higher_is_better: bool,
    /// The unit's raw value.
    pub value: f64,
    /// Median raw value of the units that year.
    pub median: f64,
    /// Best raw value that year.
    pub best: f64,
    /// The unit with the best value (the first by name among ties).
    pub best_unit: String,
    /// Points of its sub-index the indicator gives (weight share × rescaled value), where the
    /// groups above it are weighted means or sums; `None` otherwise.
    pub contribution_to_sub_index: Option<f64>,
    /// Composite points it gives, on the same condition.
    pub contribution_to_composite: Option<f64>,
    /// Composite points gained if this indicator alone moved to the median (0 if better).
    pub gain_to_median: f64,
    /// Composite points gained if it alone moved to the best value.
    pub gain_to_best: f64,
    /// Raw value the year before, where the indicator (same id) was scored then.
    pub previous: Option<f64>,
    /// `value − previous`.
    pub change: Option<f64>,
    /// Composite points the change is worth this year: the composite now minus the composite
    /// with this indicator at its previous value (negative: it fell).
    pub change_effect: Option<f64>,
}

/// The indicators of one unit in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorsDiagnosis {
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
    /// The year compared with, when the data has it.
    pub previous_year: Option<i32>,
    /// Every indicator computed from the data, in spec order.
    pub indicators: Vec<IndicatorDiagnosis>,
    /// Ids of indicators that would gain the composite most by reaching the best value, most first.
    pub weakest: Vec<String>,
    /// Ids of indicators whose change since the year before cost the composite, costliest first.
    pub fell: Vec<String>,
}

/// Options of [`plan_indicators`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IndicatorPlanOptions {
    /// Cost of one raw unit of improvement per indicator id (default 1). Raw units differ
    /// (a share, days), so costs are how a user says which moves are cheap.
    pub costs: HashMap<String, f64>,
    /// Largest improvement (in raw units) allowed per indicator id, on top of the bounds.
    pub caps: HashMap<String, f64>,
    /// Let indicators go past the best value any unit reached that year, up to their natural
    /// range (the spec's `range`; unbounded where none is declared).
    pub beyond_best: bool,
    /// How the other units move.
    pub field: Field,
}

/// One indicator of an indicator plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorStep {
    /// Node id.
    pub id: String,
    /// Labels.
    pub label: Labels,
    /// Its sub-index.
    pub sub_index: String,
    /// Whether a higher raw value is better.
    pub higher_is_better: bool,
    /// Raw value now.
    pub current: f64,
    /// Raw value with the plan.
    pub planned: f64,
    /// The furthest value allowed (best of the year or natural range, and the user's cap).
    pub bound: f64,
    /// Cost per raw unit.
    pub cost: f64,
    /// Composite points per raw unit of improvement (through the engine, from the current
    /// value to the bound).
    pub points_per_unit: f64,
}

/// An indicator plan and what it achieves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorPlan {
    /// Index id.
    pub index: String,
    /// Unit.
    pub unit: String,
    /// Year.
    pub year: Option<i32>,
    /// The composite the target requires.
    pub threshold: f64,
    /// Whether the target is reached within the bounds.
    pub reachable: bool,
    /// Composite now.
    pub score_now: f64,
    /// Composite with the plan, computed by the engine (with every indicator at its bound
    /// when unreachable).
    pub score_planned: f64,
    /// Rank now.
    pub rank_now: u32,
    /// Rank with the plan against the same field.
    pub rank_planned: u32,
    /// Units ranked.
    pub out_of: u32,
    /// Σ cost × |planned − current|.
    pub total_cost: f64,
    /// Indicators moved, largest composite effect first.
    pub steps: Vec<IndicatorStep>,
}

/// The year's engine for one unit's what-ifs.
struct WhatIf<'d> {
    engine: Engine<'d>,
    scenario: Scenario,
    work: Work,
    member: usize,
    /// Indicator leaves (below a root child), in spec order.
    indicators: Vec<usize>,
}

impl<'d> WhatIf<'d> {
    fn new(spec: &IndexSpec, data: &'d Dataset, year: Option<i32>, unit: &str) -> Result<Self, Error> {
        let mut budget = data.limits().max_cells;
        let engine = Engine::compile(spec, data, year, members_of_year(data, year), &mut budget, true, false)?;
        let member = engine.units.iter().position(|u| u == unit).ok_or_else(|| ComputeError::InvalidTarget {
            message: format!("'{unit}' is not scored in {}", year.map_or("the data".into(), |y| y.to_string())),
        })?;
        let indicators: Vec<usize> = engine
            .leaves
            .iter()
            .copied()
            .filter(|&n| engine.depth[n] >= 2 && engine.raw[n].get(member).is_some_and(|v| v.is_finite()))
            .collect();
        if indicators.is_empty() {
            return Err(ComputeError::InvalidTarget {
                message: format!(
                    "{} has no indicators below its sub-indices in the data for {}: give the indicator columns (e.g. the pci_indicators preset with its wide table)",
                    spec.id(),
                    year.map_or("this year".into(), |y| y.to_string())
                ),
            }
            .into());
        }
        let scenario = Scenario::nominal(&engine);
        let work = Work::new(&engine);
        Ok(WhatIf { engine, scenario, work, member, indicators })
    }

    fn raw(&self, leaf: usize) -> f64 {
        self.engine.raw[leaf][self.member]
    }

    /// Every unit's composite with the unit's indicators set to `values` (leaf, raw value).
    fn evaluate(&mut self, values: &[(usize, f64)]) -> Result<&[f64], Error> {
        self.scenario.reset(&self.engine);
        for &(leaf, v) in values {
            let column = &mut self.scenario.raw[leaf];
            column.clear();
            column.extend_from_slice(&self.engine.raw[leaf]);
            column[self.member] = v;
            self.scenario.noisy[leaf] = true;
            self.scenario.changed[leaf] = true;
        }
        self.engine.evaluate(&self.scenario, &mut self.work)?;
        Ok(self.engine.root_values(&self.work))
    }

    /// The unit's composite with its indicators set to `values`.
    fn composite(&mut self, values: &[(usize, f64)]) -> Result<f64, Error> {
        let member = self.member;
        Ok(self.evaluate(values)?[member])
    }

    fn better(&self, leaf: usize) -> bool {
        self.engine.spec.nodes()[leaf].direction == Direction::HigherIsBetter
    }

    /// The root child above `leaf`.
    fn sub_index(&self, leaf: usize) -> usize {
        let mut n = leaf;
        while let Some(p) = self.engine.parent[n].filter(|&p| p != self.engine.root) {
            n = p;
        }
        n
    }

    /// The field of `leaf` that year: (median, best, best unit).
    fn field(&self, leaf: usize) -> (f64, f64, String) {
        let up = self.better(leaf);
        let values = self.engine.raw[leaf].iter().zip(&self.engine.units).filter(|(v, _)| v.is_finite());
        let mut all: Vec<f64> = values.clone().map(|(v, _)| *v).collect();
        let med = median(&mut all);
        // The best value, the first unit by name among ties (one pass, no sort).
        let mut best: Option<(f64, &str)> = None;
        for (&v, u) in values {
            let better = best.is_none_or(|(b, bu)| if up { v > b } else { v < b } || (v == b && u.as_str() < bu));
            if better {
                best = Some((v, u.as_str()));
            }
        }
        let (best, unit) = best.unwrap_or((f64::NAN, ""));
        (med, best, unit.to_owned())
    }

    /// Points of `ancestor` per unit of the rescaled value of `n`, when every group from `n`'s
    /// parent up to `ancestor` is a weighted mean or sum.
    fn linear_weight(&self, n: usize, ancestor: usize) -> Option<f64> {
        let mut factor = 1.0;
        let mut child = n;
        while child != ancestor {
            let parent = self.engine.parent[child]?;
            let Kind::Group { children, method, multiplier } = &self.engine.kinds[parent] else { return None };
            let weight = self.scenario.weight[child];
            let share = match method {
                Aggregation::WeightedMean => weight / children.iter().map(|&c| self.scenario.weight[c]).sum::<f64>(),
                Aggregation::WeightedSum => weight,
                _ => return None,
            };
            factor *= share * multiplier;
            child = parent;
        }
        Some(factor)
    }
}

/// Diagnoses `unit`'s indicators in `year`, compared with `previous` (default: the year before,
/// when the data has it).
pub fn diagnose_indicators(
    definition: &IndexDefinition,
    data: &Dataset,
    unit: &str,
    year: Option<i32>,
    previous: Option<i32>,
) -> Result<IndicatorsDiagnosis, Error> {
    let year = analysis_year(data, year)?;
    let scores = score(definition, data, &ScoreOptions { year, ..Default::default() })?;
    let row = find_row(&scores, unit, year)?;
    let spec = definition.resolve(year)?;
    let mut what = WhatIf::new(&spec, data, year, &row.unit)?;
    // The year before by default, when the data and the definition both have it (a spec of
    // one year, e.g. the npm package's pci_indicators specs, has no edition for it).
    let previous_year = previous.or_else(|| {
        year.and_then(|y| y.checked_sub(1))
            .filter(|y| data.distinct_years().contains(y) && definition.resolve(Some(*y)).is_ok())
    });
    // The unit's raw values the year before, for the ids that edition scores as indicators too.
    let mut before: HashMap<String, f64> = HashMap::new();
    if let (Some(p), Some(years)) = (previous_year, data.years()) {
        let old = definition.resolve(Some(p))?;
        if let Some(i) = (0..data.len()).find(|&i| years[i] == p && data.units()[i] == row.unit) {
            for n in old.nodes().iter().filter(|n| n.is_leaf() && n.depth >= 2) {
                if let Some(v) = data.values(&n.id).ok().and_then(|column| column[i]).filter(|v| v.is_finite()) {
                    before.insert(n.id.clone(), v);
                }
            }
        }
    }
    let now = row.score;
    let mut indicators = Vec::with_capacity(what.indicators.len());
    for leaf in what.indicators.clone() {
        let node = &spec.nodes()[leaf];
        let value = what.raw(leaf);
        let (med, best, best_unit) = what.field(leaf);
        let up = what.better(leaf);
        let worse_than = |level: f64| if up { value < level } else { value > level };
        let gain_to = |what: &mut WhatIf, level: f64| -> Result<f64, Error> {
            Ok(if worse_than(level) { what.composite(&[(leaf, level)])? - now } else { 0.0 })
        };
        let gain_to_median = gain_to(&mut what, med)?;
        let gain_to_best = gain_to(&mut what, best)?;
        let sub = what.sub_index(leaf);
        let rescaled = what.engine.nominal[leaf][what.member];
        let contribution_to_sub_index = what.linear_weight(leaf, sub).map(|w| w * rescaled);
        let contribution_to_composite = what.linear_weight(leaf, what.engine.root).map(|w| w * rescaled);
        let previous = before.get(&node.id).copied();
        let change_effect = match previous {
            Some(p) => Some(now - what.composite(&[(leaf, p)])?),
            None => None,
        };
        indicators.push(IndicatorDiagnosis {
            id: node.id.clone(),
            label: node.label.clone(),
            sub_index: spec.nodes()[sub].id.clone(),
            higher_is_better: up,
            value,
            median: med,
            best,
            best_unit,
            contribution_to_sub_index,
            contribution_to_composite,
            gain_to_median,
            gain_to_best,
            previous,
            change: previous.map(|p| value - p),
            change_effect,
        });
    }
    let gains: Vec<f64> = indicators.iter().map(|i| i.gain_to_best).collect();
    let weakest: Vec<&IndicatorDiagnosis> =
        largest_first(&gains).into_iter().filter(|&k| gains[k] > 0.0).map(|k| &indicators[k]).collect();
    let losses: Vec<f64> = indicators.iter().map(|i| -i.change_effect.unwrap_or(0.0)).collect();
    let fell: Vec<&IndicatorDiagnosis> =
        largest_first(&losses).into_iter().filter(|&k| losses[k] > 0.0).map(|k| &indicators[k]).collect();
    Ok(IndicatorsDiagnosis {
        index: definition.id().to_owned(),
        unit: row.unit.clone(),
        year,
        score: row.score,
        rank: row.rank,
        out_of: row.out_of,
        previous_year,
        weakest: weakest.iter().map(|i| i.id.clone()).collect(),
        fell: fell.iter().map(|i| i.id.clone()).collect(),
        indicators,
    })
}

/// Plans the cheapest move of `unit`'s indicators in `year` that reaches `target`: each
/// indicator between its current value and its bound (by default the best value any unit
/// reached that year, within its natural `range`), costs per raw unit.
///
/// Each indicator's effect on the composite is measured by the engine (its value moved to
/// the bound); where the composite is linear in the indicators (weighted means and sums of
/// rescaled values, as in PCI) minimising Σ cⱼgⱼ subject to Σ aⱼgⱼ ≥ Δ, 0 ≤ gⱼ ≤ capⱼ is a
/// continuous knapsack, filled in decreasing order of aⱼ/cⱼ. The plan is then evaluated by
/// the engine, and a shortfall (a nonlinear method) is closed by further steps along the same
/// order, so the reported composite is always the engine's.
pub fn plan_indicators(
    definition: &IndexDefinition,
    data: &Dataset,
    unit: &str,
    year: Option<i32>,
    target: Target,
    options: &IndicatorPlanOptions,
) -> Result<IndicatorPlan, Error> {
    if let Target::Rank(0) = target {
        return Err(ComputeError::InvalidTarget { message: "target rank 0: ranks start at 1".into() }.into());
    }
    if let Target::Score(s) = target {
        if !s.is_finite() {
            return Err(
                ComputeError::InvalidTarget { message: format!("target score {s} is not a finite number") }.into()
            );
        }
    }
    let year = analysis_year(data, year)?;
    let scores = score(definition, data, &ScoreOptions { year, ..Default::default() })?;
    let spec = definition.resolve(year)?;
    let row = find_row(&scores, unit, year)?;
    if spec.root().direction == Direction::LowerIsBetter {
        return Err(ComputeError::Unsupported {
            node: spec.root().id.clone(),
            method: spec.root().aggregation.map_or("weighted_mean", Aggregation::name),
            operation: "planning for a lower-is-better headline",
        }
        .into());
    }
    let mut what = WhatIf::new(&spec, data, year, &row.unit)?;
    let ids: HashMap<&str, usize> = what.indicators.iter().map(|&n| (spec.nodes()[n].id.as_str(), n)).collect();
    for (id, v) in options.costs.iter().chain(&options.caps) {
        if !ids.contains_key(id.as_str()) {
            let known: Vec<&str> = what.indicators.iter().map(|&n| spec.nodes()[n].id.as_str()).collect();
            return Err(ComputeError::InvalidTarget {
                message: format!(
                    "'{id}' is not an indicator of {} in the data; use one of {}",
                    spec.id(),
                    known.join(", ")
                ),
            }
            .into());
        }
        if v.is_nan() || *v < 0.0 || options.costs.get(id).is_some_and(|c| !(c.is_finite() && *c > 0.0)) {
            return Err(ComputeError::InvalidTarget {
                message: format!("'{id}': caps must be ≥ 0 and costs finite and > 0 (got {v})"),
            }
            .into());
        }
    }
    let others = field(definition, data, &spec, &scores, &row.unit, year, options.field)?;
    let rank_with = |value: f64| rank_among(value, &others, Direction::HigherIsBetter, spec.rank_rule());
    let threshold = match target {
        Target::Score(s) => s,
        Target::Rank(n) => threshold_for_rank(&spec, &others, n),
        Target::Gain(k) => threshold_for_rank(&spec, &others, rank_with(row.score).saturating_sub(k).max(1)),
    };

    // Each indicator's room (raw units, in its better direction) and effect per unit.
    struct Room {
        leaf: usize,
        sign: f64,
        room: f64,
        slope: f64,
        cost: f64,
        bound: f64,
    }
    impl Room {
        /// The raw value after a gain `g` (the bound itself at the full room).
        fn value_at(&self, current: f64, g: f64) -> f64 {
            if g >= self.room {
                self.bound
            } else {
                current + self.sign * g
            }
        }
    }
    let now = what.composite(&[])?;
    let mut rooms = Vec::with_capacity(what.indicators.len());
    for leaf in what.indicators.clone() {
        let node = &spec.nodes()[leaf];
        let value = what.raw(leaf);
        let sign = if what.better(leaf) { 1.0 } else { -1.0 };
        let natural = node.range.unwrap_or(Range { min: None, max: None });
        let limit = if options.beyond_best {
            if sign > 0.0 { natural.max } else { natural.min }.unwrap_or(sign * f64::INFINITY)
        } else {
            natural.clamp(what.field(leaf).1)
        };
        let cap = options.caps.get(&node.id).copied().unwrap_or(f64::INFINITY);
        let room = (sign * (limit - value)).max(0.0).min(cap);
        // The bound itself where the plan may reach it (value + room can miss it by an ulp).
        let bound =
            if room < cap && limit.is_finite() && sign * (limit - value) > 0.0 { limit } else { value + sign * room };
        let cost = options.costs.get(&node.id).copied().unwrap_or(1.0);
        // Effect per unit from the engine: over the whole room, or one unit when it is unbounded.
        let probe = if room.is_finite() { room } else { 1.0 };
        let slope = if probe > 0.0 { (what.composite(&[(leaf, value + sign * probe)])? - now) / probe } else { 0.0 };
        rooms.push(Room { leaf, sign, room, slope, cost, bound });
    }
    let open: Vec<bool> = rooms.iter().map(|r| r.slope > 0.0 && r.room > 0.0).collect();
    let ratios: Vec<f64> = rooms.iter().map(|r| r.slope / r.cost).collect();
    let order: Vec<usize> = largest_first(&ratios).into_iter().filter(|&k| open[k]).collect();
    let mut gains = vec![0.0; rooms.len()];
    let values_of = |gains: &[f64], what: &WhatIf| -> Vec<(usize, f64)> {
        rooms
            .iter()
            .zip(gains)
            .filter(|(_, g)| **g > 0.0)
            .map(|(r, g)| (r.leaf, r.value_at(what.raw(r.leaf), *g)))
            .collect()
    };
    let mut planned = now;
    if now < threshold {
        let mut missing = threshold - now;
        for &i in &order {
            if missing <= 0.0 {
                break;
            }
            let g = (missing / rooms[i].slope).min(rooms[i].room);
            gains[i] = g;
            missing -= g * rooms[i].slope;
        }
        planned = what.composite(&values_of(&gains, &what))?;
        // Close what linear steps left (rounding, or a nonlinear method), along the same order.
        for _ in 0..64 {
            let shortfall = threshold - planned;
            let Some(&i) = order.iter().find(|&&i| gains[i] < rooms[i].room) else { break };
            if shortfall <= 0.0 {
                break;
            }
            let step = (shortfall / rooms[i].slope).max(f64::EPSILON * threshold.abs().max(1.0)) * 2.0;
            gains[i] = (gains[i] + step).min(rooms[i].room);
            if !gains[i].is_finite() {
                break;
            }
            planned = what.composite(&values_of(&gains, &what))?;
        }
    }
    if gains.iter().any(|g| !g.is_finite()) {
        return Err(ComputeError::InvalidTarget {
            message: format!(
                "target {threshold} for '{}' needs an indicator beyond any finite value; declare ranges or give caps",
                row.unit
            ),
        }
        .into());
    }
    let planned_values = values_of(&gains, &what);
    let field_after = what.evaluate(&planned_values)?.to_vec();
    let others_after: Vec<f64> =
        field_after.iter().enumerate().filter(|(m, _)| *m != what.member).map(|(_, v)| *v).collect();
    let effects: Vec<f64> = rooms.iter().zip(&gains).map(|(r, g)| r.slope * g).collect();
    let steps: Vec<IndicatorStep> = largest_first(&effects)
        .into_iter()
        .filter(|&k| gains[k] > 0.0)
        .map(|k| {
            let (r, g) = (&rooms[k], &gains[k]);
            let node = &spec.nodes()[r.leaf];
            let current = what.raw(r.leaf);
            IndicatorStep {
                id: node.id.clone(),
                label: node.label.clone(),
                sub_index: spec.nodes()[what.sub_index(r.leaf)].id.clone(),
                higher_is_better: r.sign > 0.0,
                current,
                planned: r.value_at(current, *g),
                bound: r.bound,
                cost: r.cost,
                points_per_unit: r.slope,
            }
        })
        .collect();
    Ok(IndicatorPlan {
        index: definition.id().to_owned(),
        unit: row.unit.clone(),
        year,
        threshold,
        reachable: planned >= threshold,
        score_now: row.score,
        score_planned: planned,
        rank_now: rank_with(row.score),
        // Against the field as the engine leaves it (a normalisation over the field moves the
        // others too), or as their trend moves it.
        rank_planned: match options.field {
            Field::Fixed => rank_among(planned, &others_after, Direction::HigherIsBetter, spec.rank_rule()),
            Field::Trend => rank_with(planned),
        },
        out_of: row.out_of,
        total_cost: rooms.iter().zip(&gains).map(|(r, g)| r.cost * g).sum(),
        steps,
    })
}

/// Positions of `keys`, largest first (ties in input order). One sort routine for every
/// ordering here: each `sort_by` closure is compiled into a copy of the sort, which the
/// WebAssembly analysis module pays for in size.
fn largest_first(keys: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[b].total_cmp(&keys[a]));
    order
}
