//! The compiled pipeline of one year: the spec's tree with the data's values, validated
//! once, evaluated many times with per-sample parameters and reused buffers.
//!
//! A [`Scenario`] holds one sample's parameters (weights, methods, normalisations, excluded
//! nodes, perturbed raw values) and marks what it changed; evaluation recomputes only the
//! nodes whose inputs changed and reads every other node's nominal values.

use crate::aggregate::{aggregate, AggregateIssue};
use crate::data::Dataset;
use crate::error::{ComputeError, DataError, Error};
use crate::normalise::{normalise, NormaliseIssue};
use crate::rank::{rank, round_half_away};
use crate::spec::{Aggregation, Direction, IndexSpec, Normalisation, RankBasis, RankRule, Scale, Ties};

/// A node of the compiled tree.
#[derive(Debug, Clone)]
pub(crate) enum Kind {
    /// Not computed (below a node read from its own column, or without data).
    Unavailable,
    /// Read from its column: raw values per unit, normalised.
    Leaf { normalise: Normalisation, direction: Direction, scale: Option<Scale> },
    /// Aggregated from its children.
    Group { children: Vec<usize>, method: Aggregation, multiplier: f64 },
}

/// One year's pipeline, ready to evaluate.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    pub(crate) ids: Vec<String>,
    pub(crate) kinds: Vec<Kind>,
    pub(crate) parent: Vec<Option<usize>>,
    pub(crate) depth: Vec<usize>,
    /// Nominal weight of each node among its siblings.
    pub(crate) weight: Vec<f64>,
    /// Groups in evaluation order (children first, root last).
    pub(crate) groups: Vec<usize>,
    /// Leaves (column-sourced nodes) in spec order.
    pub(crate) leaves: Vec<usize>,
    /// Raw values of leaves, per node (empty for other nodes).
    pub(crate) raw: Vec<Vec<f64>>,
    /// Nominal values of every computed node (empty for unavailable ones).
    pub(crate) nominal: Vec<Vec<f64>>,
    pub(crate) root: usize,
    pub(crate) direction: Direction,
    pub(crate) rule: RankRule,
    pub(crate) units: Vec<String>,
    /// Data row of each unit.
    pub(crate) rows: Vec<usize>,
    pub(crate) year: Option<i32>,
}

impl Model {
    /// Compiles `spec` with the rows of `year` (all rows when the data has no year column).
    pub(crate) fn compile(spec: &IndexSpec, data: &Dataset, year: Option<i32>) -> Result<Model, Error> {
        let rows: Vec<usize> = match (data.years(), year) {
            (Some(years), Some(y)) => (0..data.len()).filter(|&i| years[i] == y).collect(),
            _ => (0..data.len()).collect(),
        };
        let nodes = spec.nodes();
        let count = nodes.len();
        // Where values come from: the rule of `score` (children when all are available).
        let mut from_children = vec![false; count];
        let mut available = vec![false; count];
        for &n in spec.evaluation_order() {
            let node = &nodes[n];
            from_children[n] = !node.is_leaf() && node.children.iter().all(|&c| available[c]);
            available[n] = from_children[n] || data.has_column(&node.id);
        }
        let mut computed = vec![false; count];
        computed[spec.root_index()] = available[spec.root_index()];
        for &n in spec.evaluation_order().iter().rev() {
            if computed[n] && from_children[n] {
                for &c in &nodes[n].children {
                    computed[c] = true;
                }
            }
        }
        let units: Vec<String> = rows.iter().map(|&r| data.units()[r].clone()).collect();
        let mut kinds = vec![Kind::Unavailable; count];
        let mut raw = vec![Vec::new(); count];
        let mut nominal = vec![Vec::new(); count];
        let mut groups = Vec::new();
        let mut leaves = Vec::new();
        for &n in spec.evaluation_order() {
            if !computed[n] {
                continue;
            }
            let node = &nodes[n];
            if from_children[n] {
                kinds[n] = Kind::Group {
                    children: node.children.clone(),
                    method: node.aggregation.unwrap_or(Aggregation::WeightedMean),
                    multiplier: node.multiplier,
                };
                groups.push(n);
            } else {
                let column = data.values(&node.id)?;
                let mut values = Vec::with_capacity(rows.len());
                for &row in &rows {
                    values.push(column[row].ok_or_else(|| DataError::MissingValue {
                        row: row + 1,
                        unit: Some(data.units()[row].clone()),
                        column: node.id.clone(),
                    })?);
                }
                raw[n] = values;
                kinds[n] =
                    Kind::Leaf { normalise: node.normalise.clone(), direction: node.direction, scale: node.scale };
                leaves.push(n);
            }
        }
        leaves.sort_unstable();
        let mut model = Model {
            ids: nodes.iter().map(|n| n.id.clone()).collect(),
            kinds,
            parent: nodes.iter().map(|n| n.parent).collect(),
            depth: nodes.iter().map(|n| n.depth).collect(),
            weight: nodes.iter().map(|n| n.weight).collect(),
            groups,
            leaves,
            raw,
            nominal: Vec::new(),
            root: spec.root_index(),
            direction: spec.root().direction,
            rule: spec.rank_rule(),
            units,
            rows,
            year,
        };
        if !computed[model.root] {
            return Err(DataError::MissingColumn { column: spec.root().id.clone(), hint: None }.into());
        }
        let scenario = Scenario::nominal(&model);
        let mut work = Work::new(&model);
        model.evaluate(&scenario, &mut work)?;
        for (n, slot) in nominal.iter_mut().enumerate() {
            if !matches!(model.kinds[n], Kind::Unavailable) {
                *slot = std::mem::take(&mut work.values[n]);
            }
        }
        model.nominal = nominal;
        Ok(model)
    }

    /// Number of units.
    pub(crate) fn len(&self) -> usize {
        self.units.len()
    }

    /// The node id `id`, or an error naming what the analysis can refer to.
    pub(crate) fn find(&self, id: &str, what: &str) -> Result<usize, Error> {
        self.ids.iter().position(|i| i == id).filter(|&n| !matches!(self.kinds[n], Kind::Unavailable)).ok_or_else(
            || {
                let known: Vec<&str> = self
                    .ids
                    .iter()
                    .enumerate()
                    .filter(|(n, _)| !matches!(self.kinds[*n], Kind::Unavailable))
                    .map(|(_, i)| i.as_str())
                    .collect();
                ComputeError::InvalidTarget {
                    message: format!("{what} '{id}' is not a computed node of this index; nodes: {}", known.join(", ")),
                }
                .into()
            },
        )
    }

    /// Evaluates every node the scenario changed (and their ancestors) into `work.values`;
    /// the root's values end up in `work.values[root]` when it is dirty, else in the nominal.
    pub(crate) fn evaluate(&self, scenario: &Scenario, work: &mut Work) -> Result<(), Error> {
        let n_units = self.len();
        // Leaves.
        for &leaf in &self.leaves {
            let dirty = scenario.changed[leaf];
            work.dirty[leaf] = dirty;
            if !dirty {
                continue;
            }
            let Kind::Leaf { direction, .. } = self.kinds[leaf] else { continue };
            let raw = if scenario.noisy[leaf] { &scenario.raw[leaf] } else { &self.raw[leaf] };
            let method = &scenario.normalise[leaf];
            let values = normalise(method, direction, raw).map_err(|issue| match issue {
                NormaliseIssue::Constant(value) => ComputeError::ConstantIndicator {
                    node: self.ids[leaf].clone(),
                    year: self.year,
                    value,
                    method: method.name(),
                },
                // Methods that need more than the values (a reference unit, points checks)
                // are scored by the full pipeline, not by this compiled model.
                _ => ComputeError::Unsupported {
                    node: self.ids[leaf].clone(),
                    method: method.name(),
                    operation: "uncertainty analysis",
                },
            })?;
            work.values[leaf] = values;
        }
        // Groups, children first.
        for &g in &self.groups {
            let Kind::Group { ref children, multiplier, .. } = self.kinds[g] else { continue };
            let dirty = scenario.changed[g] || children.iter().any(|&c| work.dirty[c]);
            work.dirty[g] = dirty;
            if !dirty {
                continue;
            }
            let method = scenario.method[g];
            let mut out = std::mem::take(&mut work.values[g]);
            out.clear();
            if let Aggregation::WeightedMean | Aggregation::WeightedSum = method {
                // Column by column, in the order `aggregate` sums (Σ vᵢwᵢ from −0.0, then ÷ Σwᵢ):
                // the same digits, without gathering each unit's children.
                out.resize(n_units, -0.0);
                let mut total = -0.0;
                for &c in children {
                    if scenario.excluded[c] {
                        continue;
                    }
                    let w = scenario.weight[c];
                    total += w;
                    let xs = if work.dirty[c] { &work.values[c] } else { &self.nominal[c] };
                    for (acc, x) in out.iter_mut().zip(xs) {
                        *acc += x * w;
                    }
                }
                for (u, v) in out.iter_mut().enumerate() {
                    if method == Aggregation::WeightedMean {
                        *v /= total;
                    }
                    *v *= multiplier;
                    if !v.is_finite() {
                        return Err(
                            ComputeError::NonFinite { node: self.ids[g].clone(), unit: self.units[u].clone() }.into()
                        );
                    }
                }
                work.values[g] = out;
                continue;
            }
            for u in 0..n_units {
                work.child_values.clear();
                work.child_weights.clear();
                work.child_index.clear();
                for &c in children {
                    if scenario.excluded[c] {
                        continue;
                    }
                    let v = if work.dirty[c] { work.values[c][u] } else { self.nominal[c][u] };
                    work.child_values.push(v);
                    work.child_weights.push(scenario.weight[c]);
                    work.child_index.push(c);
                }
                let value =
                    aggregate(method, &work.child_values, &work.child_weights).map_err(|issue| match issue {
                        AggregateIssue::NonPositive(i) => ComputeError::NonPositive {
                            node: self.ids[g].clone(),
                            unit: self.units[u].clone(),
                            child: self.ids[work.child_index[i]].clone(),
                            value: work.child_values[i],
                            method: method.name(),
                        },
                        // Copeland and missing children are for the full pipeline.
                        AggregateIssue::NoValues | AggregateIssue::NeedsAllUnits => ComputeError::Unsupported {
                            node: self.ids[g].clone(),
                            method: method.name(),
                            operation: "uncertainty analysis",
                        },
                    })? * multiplier;
                if !value.is_finite() {
                    return Err(
                        ComputeError::NonFinite { node: self.ids[g].clone(), unit: self.units[u].clone() }.into()
                    );
                }
                out.push(value);
            }
            work.values[g] = out;
        }
        Ok(())
    }

    /// The root's values after [`Self::evaluate`].
    pub(crate) fn root_values<'a>(&'a self, work: &'a Work) -> &'a [f64] {
        if work.dirty[self.root] {
            &work.values[self.root]
        } else {
            &self.nominal[self.root]
        }
    }

    /// Ranks of root values under the spec's rule.
    pub(crate) fn rank(&self, scores: &[f64]) -> Vec<u32> {
        rank(scores, self.direction, self.rule)
    }

    /// [`crate::rank::rank`] into `out`, reusing `work`'s buffers (the per-sample path).
    pub(crate) fn rank_into(&self, scores: &[f64], work: &mut Work, out: &mut [u32]) {
        let keys = &mut work.keys;
        keys.clear();
        keys.extend(scores.iter().map(|&s| {
            let s = match self.rule.basis {
                RankBasis::Unrounded => s,
                RankBasis::Rounded(d) => round_half_away(s, d),
            };
            match self.direction {
                Direction::HigherIsBetter => -s,
                Direction::LowerIsBetter => s,
            }
        }));
        let order = &mut work.order;
        order.clear();
        order.extend(0..scores.len());
        order.sort_unstable_by(|&a, &b| keys[a].total_cmp(&keys[b]));
        let (mut current, mut distinct) = (0u32, 0u32);
        for (position, &i) in order.iter().enumerate() {
            if position == 0 || keys[order[position - 1]] != keys[i] {
                distinct += 1;
                current = match self.rule.ties {
                    Ties::Competition => position as u32 + 1,
                    Ties::Dense => distinct,
                };
            }
            out[i] = current;
        }
    }
}

/// One sample's parameters, reset to the nominal ones before each sample.
#[derive(Debug, Clone)]
pub(crate) struct Scenario {
    pub(crate) weight: Vec<f64>,
    pub(crate) method: Vec<Aggregation>,
    pub(crate) normalise: Vec<Normalisation>,
    pub(crate) excluded: Vec<bool>,
    pub(crate) noisy: Vec<bool>,
    /// Perturbed raw values of noisy leaves (buffers kept between samples).
    pub(crate) raw: Vec<Vec<f64>>,
    /// Nodes whose own parameters differ from the nominal ones.
    pub(crate) changed: Vec<bool>,
}

impl Scenario {
    /// The nominal parameters.
    pub(crate) fn nominal(model: &Model) -> Scenario {
        let count = model.ids.len();
        let mut s = Scenario {
            weight: model.weight.clone(),
            method: vec![Aggregation::WeightedMean; count],
            normalise: vec![Normalisation::None; count],
            excluded: vec![false; count],
            noisy: vec![false; count],
            raw: vec![Vec::new(); count],
            changed: vec![false; count],
        };
        s.reset(model);
        // The nominal evaluation computes everything.
        for n in 0..count {
            s.changed[n] = !matches!(model.kinds[n], Kind::Unavailable);
        }
        s
    }

    /// Back to the nominal parameters, keeping the buffers.
    pub(crate) fn reset(&mut self, model: &Model) {
        self.weight.copy_from_slice(&model.weight);
        for (n, kind) in model.kinds.iter().enumerate() {
            match kind {
                Kind::Group { method, .. } => self.method[n] = *method,
                Kind::Leaf { normalise, .. } => self.normalise[n] = normalise.clone(),
                Kind::Unavailable => {}
            }
        }
        self.excluded.fill(false);
        self.noisy.fill(false);
        self.changed.fill(false);
    }
}

/// Buffers of one evaluating thread.
#[derive(Debug, Clone)]
pub(crate) struct Work {
    pub(crate) values: Vec<Vec<f64>>,
    pub(crate) dirty: Vec<bool>,
    child_values: Vec<f64>,
    child_weights: Vec<f64>,
    child_index: Vec<usize>,
    keys: Vec<f64>,
    order: Vec<usize>,
}

impl Work {
    pub(crate) fn new(model: &Model) -> Work {
        let count = model.ids.len();
        Work {
            values: (0..count).map(|_| Vec::with_capacity(model.len())).collect(),
            dirty: vec![false; count],
            child_values: Vec::new(),
            child_weights: Vec::new(),
            child_index: Vec::new(),
            keys: Vec::new(),
            order: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{RankBasis, RankRule, Ties};

    #[test]
    fn buffered_ranking_equals_rank() {
        let scores = [3.0, 1.25, 3.0, 7.5, 1.249_999_999_9, 7.5, 0.0, 3.0];
        let data = Dataset::from_csv_str("unit,x\nA,1\nB,2\n", &crate::data::CsvOptions::default())
            .unwrap_or_else(|_| unreachable!());
        let def = crate::spec::IndexDefinition::from_json(
            r#"{"id":"t","root":"t","nodes":[{"id":"t","children":["x"]},{"id":"x"}]}"#,
        )
        .unwrap_or_else(|_| unreachable!());
        let spec = def.resolve(None).unwrap_or_else(|_| unreachable!());
        let mut model = Model::compile(&spec, &data, None).unwrap_or_else(|_| unreachable!());
        let mut work = Work::new(&model);
        for direction in [Direction::HigherIsBetter, Direction::LowerIsBetter] {
            for ties in [Ties::Competition, Ties::Dense] {
                for basis in [RankBasis::Unrounded, RankBasis::Rounded(2)] {
                    model.direction = direction;
                    model.rule = RankRule { basis, ties };
                    let mut out = vec![0; scores.len()];
                    model.rank_into(&scores, &mut work, &mut out);
                    assert_eq!(out, rank(&scores, direction, model.rule));
                }
            }
        }
    }
}
