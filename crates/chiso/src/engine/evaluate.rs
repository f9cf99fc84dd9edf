//! Evaluating a compiled engine: leaves (impute → treat → normalise) and groups (aggregate
//! under the node's missing-data rule), only where a scenario changed something.

use super::{Engine, Kind, Scenario, Work};
use crate::aggregate::{aggregate, copeland, AggregateIssue};
use crate::error::{ComputeError, DataError, Error};
use crate::impute::{impute, Column};
use crate::normalise::{normalise_in, Context, NormaliseIssue};
use crate::score::{CellAction, CellNote};
use crate::spec::{Aggregation, Bounds, IndexSpec, MissingRule, Node, Normalisation, ShareOf};
use crate::treat::treat;

/// What the nominal evaluation keeps besides the values: the cell log and treated values.
#[derive(Debug, Default)]
pub(crate) struct Record {
    pub(crate) log: Vec<CellNote>,
    /// Treated values of each leaf (empty for other nodes), when `keep_treated`.
    pub(crate) treated: Vec<Vec<f64>>,
    pub(crate) keep_treated: bool,
}

impl<'d> Engine<'d> {
    /// Evaluates every node the scenario changed (and their ancestors) into `work.values`;
    /// other nodes keep their nominal values (see [`Engine::values`]).
    pub(crate) fn evaluate(&self, scenario: &Scenario, work: &mut Work) -> Result<(), Error> {
        self.evaluate_recorded(scenario, work, None)
    }

    /// [`Self::evaluate`], keeping the cell log and treated values in `record`.
    pub(crate) fn evaluate_recorded(
        &self,
        scenario: &Scenario,
        work: &mut Work,
        mut record: Option<&mut Record>,
    ) -> Result<(), Error> {
        if let Some(r) = record.as_deref_mut() {
            r.treated.resize(self.ids.len(), Vec::new());
        }
        for &leaf in &self.leaves {
            let dirty = scenario.changed[leaf];
            work.dirty[leaf] = dirty;
            if dirty {
                work.values[leaf] = self.evaluate_leaf(leaf, scenario, record.as_deref_mut())?;
            }
        }
        for &g in &self.groups {
            let Kind::Group { children, .. } = &self.kinds[g] else { continue };
            let dirty = scenario.changed[g] || children.iter().any(|&c| work.dirty[c]);
            work.dirty[g] = dirty;
            if dirty {
                let out = self.evaluate_group(g, scenario, work)?;
                work.values[g] = out;
            }
        }
        Ok(())
    }

    /// One leaf: its raw values (perturbed, if the scenario says so) imputed, checked against
    /// its parent's missing-data rule, treated, capped and normalised.
    fn evaluate_leaf(&self, n: usize, scenario: &Scenario, mut record: Option<&mut Record>) -> Result<Vec<f64>, Error> {
        let nodes = self.spec.nodes();
        let node = &nodes[n];
        let units = self.data.units();
        let mut x = if scenario.noisy[n] {
            scenario.raw[n].clone()
        } else if self.raw[n].is_empty() && !self.rows.is_empty() {
            let column = self.data.values(&node.id)?;
            self.rows.iter().map(|&row| column[row].unwrap_or(f64::NAN)).collect()
        } else {
            self.raw[n].clone()
        };
        let note = |m: usize, action: CellAction| CellNote {
            unit: self.units[m].clone(),
            year: self.year,
            node: node.id.clone(),
            action,
        };
        if let Some(rule) = &node.impute {
            let column = Column {
                values: self.data.values(&node.id)?,
                units,
                years: self.data.years(),
                groups: self.impute_groups[n].as_deref(),
            };
            let filled = impute(rule, &column, &self.rows, &mut x);
            if let Some(r) = record.as_deref_mut() {
                for f in filled {
                    r.log.push(note(f.member, CellAction::Imputed { method: f.method, value: f.value }));
                }
            }
        }
        let parent_rule = node.parent.map_or(MissingRule::Fail, |p| nodes[p].missing);
        if parent_rule == MissingRule::Fail {
            if let Some(m) = x.iter().position(|v| v.is_nan()) {
                let row = self.rows[m];
                return Err(DataError::MissingValue {
                    row: row + 1,
                    unit: Some(units[row].clone()),
                    column: node.id.clone(),
                }
                .into());
            }
        }
        if let Some(rule) = &node.treat {
            let t = treat(&x, rule);
            if let Some(r) = record.as_deref_mut() {
                if t.log_transformed {
                    for (m, (&from, &to)) in x.iter().zip(&t.values).enumerate().filter(|(_, (f, _))| !f.is_nan()) {
                        r.log.push(note(m, CellAction::LogTransformed { from, to }));
                    }
                }
                for &(m, from) in &t.winsorised {
                    r.log.push(note(m, CellAction::Winsorised { from, to: t.values[m] }));
                }
            }
            x = t.values;
        }
        let method = &scenario.normalise[n];
        if let (Normalisation::Points { max }, Some(r)) = (method, record.as_deref_mut()) {
            for (m, &from) in x.iter().enumerate().filter(|(_, v)| **v > *max) {
                r.log.push(note(m, CellAction::Capped { from, to: *max }));
            }
        }
        let values = self.normalise_leaf(node, method, &x)?;
        // A rescaling can overflow (huge raw values, tiny ranges): refused here, by the node
        // and unit, rather than as an infinity further up.
        if let Some(m) = values.iter().position(|v| v.is_infinite()) {
            return Err(ComputeError::NonFinite { node: node.id.clone(), unit: self.units[m].clone() }.into());
        }
        if let Some(r) = record.filter(|r| r.keep_treated) {
            r.treated[n] = x;
        }
        Ok(values)
    }

    /// Normalises one indicator's treated values `x` (aligned with the members).
    fn normalise_leaf(&self, node: &Node, method: &Normalisation, x: &[f64]) -> Result<Vec<f64>, Error> {
        let units = self.data.units();
        // Pooled bounds: this year's treated values and the raw values of earlier years.
        let mut pool: Option<Vec<f64>> = None;
        if let (Normalisation::MinMax { bounds: Bounds::Pooled { years: window }, .. }, Some(y), Some(years)) =
            (method, self.year, self.data.years())
        {
            let column = self.data.values(&node.id)?;
            let first = y - *window as i32 + 1;
            let mut p: Vec<f64> = x.to_vec();
            p.extend((0..self.data.len()).filter(|&r| years[r] >= first && years[r] < y).filter_map(|r| column[r]));
            pool = Some(p);
        }
        let mut reference = None;
        if let Normalisation::DistanceToReference { unit, .. } = method {
            let m = self.rows.iter().position(|&row| &units[row] == unit).ok_or_else(|| DataError::UnknownUnit {
                unit: unit.clone(),
                year: self.year,
                suggestions: Vec::new(),
            })?;
            reference = Some(x[m]);
        }
        let context = Context { pool: pool.as_deref(), reference };
        normalise_in(method, node.direction, x, &context).map_err(|issue| {
            let name = method.name();
            let unit_with = |value: f64| {
                x.iter()
                    .position(|v| *v == value)
                    .map(|m| self.rows[m])
                    .map_or((String::new(), 0), |r| (units[r].clone(), r))
            };
            match issue {
                NormaliseIssue::Constant(value) => {
                    ComputeError::ConstantIndicator { node: node.id.clone(), year: self.year, value, method: name }
                        .into()
                }
                NormaliseIssue::NonPositive(value) => ComputeError::NonPositiveIndicator {
                    node: node.id.clone(),
                    unit: unit_with(value).0,
                    year: self.year,
                    value,
                    method: name,
                }
                .into(),
                NormaliseIssue::NegativePoints(value) => {
                    let (unit, row) = unit_with(value);
                    DataError::InvalidValue {
                        row: row + 1,
                        unit: Some(unit),
                        column: node.id.clone(),
                        value,
                        expected: "points cannot be negative",
                    }
                    .into()
                }
                NormaliseIssue::NoReference => {
                    let unit = match method {
                        Normalisation::DistanceToReference { unit, .. } => unit.clone(),
                        _ => String::new(),
                    };
                    ComputeError::MissingReference { node: node.id.clone(), unit, year: self.year }.into()
                }
            }
        })
    }

    /// One group for every member, with the scenario's weights, method and exclusions.
    fn evaluate_group(&self, g: usize, scenario: &Scenario, work: &mut Work) -> Result<Vec<f64>, Error> {
        let nodes = self.spec.nodes();
        let node = &nodes[g];
        let Kind::Group { children, multiplier, .. } = &self.kinds[g] else { return Ok(Vec::new()) };
        let multiplier = *multiplier;
        let method = scenario.method[g];
        let active: Vec<usize> = children.iter().copied().filter(|&c| !scenario.excluded[c]).collect();
        let column = |c: usize| -> &[f64] {
            if work.dirty[c] {
                &work.values[c]
            } else {
                &self.nominal[c]
            }
        };
        let n_units = self.len();
        let mut out = Vec::with_capacity(n_units);
        let linear = matches!(method, Aggregation::WeightedMean | Aggregation::WeightedSum);
        let total: f64 = active.iter().map(|&c| scenario.weight[c]).sum();
        if linear && !node.percent_of_max && total > 0.0 {
            // Column by column, in the order `aggregate` sums (Σ vᵢwᵢ from −0.0, then ÷ Σwᵢ):
            // the same digits as one unit at a time, without gathering each unit's children.
            out.resize(n_units, -0.0);
            for &c in &active {
                let w = scenario.weight[c];
                for (acc, x) in out.iter_mut().zip(column(c)) {
                    *acc += x * w;
                }
            }
            // Values and weights are finite, so a NaN sum means a missing child: those units
            // follow the missing-data rule, one at a time below.
            if !out.iter().any(|v| v.is_nan()) {
                for (u, v) in out.iter_mut().enumerate() {
                    if method == Aggregation::WeightedMean {
                        *v /= total;
                    }
                    *v *= multiplier;
                    if !v.is_finite() {
                        return Err(
                            ComputeError::NonFinite { node: node.id.clone(), unit: self.units[u].clone() }.into()
                        );
                    }
                }
                return Ok(out);
            }
            out.clear();
        }
        let weights: Vec<f64> = active.iter().map(|&c| scenario.weight[c]).collect();
        if method == Aggregation::Copeland && !node.percent_of_max {
            let columns: Vec<Vec<f64>> = active.iter().map(|&c| column(c).to_vec()).collect();
            let scores = copeland(&columns, &weights);
            let mut buffer = vec![0.0; active.len()];
            for (u, score) in scores.into_iter().enumerate() {
                for (slot, col) in buffer.iter_mut().zip(&columns) {
                    *slot = col[u];
                }
                let all_missing = buffer.iter().all(|v| v.is_nan());
                let unit = Unit { name: &self.units[u], year: self.year };
                let ok = !all_missing && enough(nodes, node, &active, &buffer, &weights, &unit)?;
                out.push(if ok { score * multiplier } else { f64::NAN });
            }
            return Ok(out);
        }
        let mut buffer = std::mem::take(&mut work.child_values);
        buffer.resize(active.len(), 0.0);
        for u in 0..n_units {
            for (slot, &c) in buffer.iter_mut().zip(&active) {
                *slot = column(c)[u];
            }
            let unit = Unit { name: &self.units[u], year: self.year };
            out.push(combine(nodes, node, method, &active, &buffer, &weights, &unit)?);
        }
        work.child_values = buffer;
        Ok(out)
    }
}

/// The unit an aggregation is for, to name it in errors.
struct Unit<'a> {
    name: &'a str,
    year: Option<i32>,
}

/// Whether a unit has enough of the group's children under its missing-data rule; under
/// `fail`, a missing child is an error naming it.
fn enough(
    nodes: &[Node],
    node: &Node,
    children: &[usize],
    values: &[f64],
    weights: &[f64],
    unit: &Unit<'_>,
) -> Result<bool, Error> {
    let Some(missing) = values.iter().position(|v| v.is_nan()) else { return Ok(true) };
    match node.missing {
        MissingRule::Fail => Err(ComputeError::MissingChild {
            node: node.id.clone(),
            unit: unit.name.to_owned(),
            year: unit.year,
            child: nodes[children[missing]].id.clone(),
        }
        .into()),
        MissingRule::Available { min_share, share_of } => {
            let share = match share_of {
                ShareOf::Count => values.iter().filter(|v| !v.is_nan()).count() as f64 / values.len() as f64,
                ShareOf::Weight => {
                    let total: f64 = weights.iter().sum();
                    values.iter().zip(weights).filter(|(v, _)| !v.is_nan()).map(|(_, w)| w).sum::<f64>() / total
                }
            };
            Ok(share + 1e-12 >= min_share)
        }
    }
}

/// One unit's value of group `node` from its children's `values` (aligned with `children`
/// and `weights`): the node's method, missing-data rule, points maximum and multiplier.
/// `NaN` when too few children are present under an `available` rule.
fn combine(
    nodes: &[Node],
    node: &Node,
    method: Aggregation,
    children: &[usize],
    values: &[f64],
    weights: &[f64],
    unit: &Unit<'_>,
) -> Result<f64, Error> {
    if !enough(nodes, node, children, values, weights, unit)? {
        return Ok(f64::NAN);
    }
    if node.percent_of_max {
        // Points obtained over points possible among the children present.
        let (mut got, mut possible) = (0.0, 0.0);
        for ((v, w), &c) in values.iter().zip(weights).zip(children) {
            if !v.is_nan() {
                got += w * v;
                possible += w * nodes[c].max.unwrap_or(f64::NAN);
            }
        }
        return Ok(if possible > 0.0 { 100.0 * got / possible * node.multiplier } else { f64::NAN });
    }
    let value = match aggregate(method, values, weights) {
        Ok(v) => v * node.multiplier,
        Err(AggregateIssue::NoValues) => f64::NAN,
        Err(AggregateIssue::NonPositive(i)) => {
            return Err(ComputeError::NonPositive {
                node: node.id.clone(),
                unit: unit.name.to_owned(),
                child: nodes[children[i]].id.clone(),
                value: values[i],
                method: method.name(),
            }
            .into())
        }
        Err(AggregateIssue::NeedsAllUnits) => {
            return Err(ComputeError::Unsupported {
                node: node.id.clone(),
                method: method.name(),
                operation: "scoring one unit (Copeland compares units: re-score the whole year instead)",
            }
            .into())
        }
    };
    if !value.is_finite() {
        return Err(ComputeError::NonFinite { node: node.id.clone(), unit: unit.name.to_owned() }.into());
    }
    Ok(value)
}

/// One unit's value of node `n` from its children's values (in spec order), with the node's
/// nominal method and weights: what diagnosis and the planner ask "what if these sub-indices
/// were…". `NaN` when too few children are present under an `available` rule.
pub(crate) fn node_value(spec: &IndexSpec, n: usize, unit: &str, values: &[f64]) -> Result<f64, Error> {
    let nodes = spec.nodes();
    let node = &nodes[n];
    let weights: Vec<f64> = node.children.iter().map(|&c| nodes[c].weight).collect();
    let method = node.aggregation.unwrap_or(Aggregation::WeightedMean);
    combine(nodes, node, method, &node.children, values, &weights, &Unit { name: unit, year: None })
}
