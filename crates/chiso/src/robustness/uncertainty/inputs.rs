//! Uncertain inputs: what a plan declares, checked against the compiled tree, and how each
//! sample draws it.

use super::random::Stream;
use crate::data::Dataset;
use crate::engine::{Engine, Kind, Scenario};
use crate::error::{ComputeError, DataError, Error};
use crate::spec::{Aggregation, Normalisation};

/// `z` of a two-sided 95 % normal interval: a published 95 % CI is `estimate ± 1.96·se`.
pub const Z95: f64 = 1.959_963_984_540_054;

/// One uncertain input of an uncertainty or sensitivity analysis.
///
/// Each input is one *factor* of a sensitivity analysis, however many numbers it draws (the
/// weights input perturbs every weight at once). Node lists left empty mean "every group"
/// (weights, aggregation), "every leaf" (normalisation, exclusion).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum UncertainInput {
    /// Each child weight of the groups multiplied by `1 + pm·(2u − 1)`, `u` uniform on [0, 1]:
    /// weights ±`pm` (0.2 = ±20 %) independently, as COINr's `get_noisy_weights`.
    Weights {
        /// Relative half-width, 0 ≤ pm < 1.
        pm: f64,
        /// Groups whose children's weights vary (empty: every group).
        groups: Vec<String>,
    },
    /// The children's weights of each group drawn from a Dirichlet distribution centred on the
    /// nominal shares, `Dir(c·w/Σw)`, and scaled back to the nominal total: larger `c`, closer
    /// to the nominal weights (the variance of a share `s` is `s(1 − s)/(c + 1)`).
    WeightsDirichlet {
        /// Concentration `c` > 0.
        concentration: f64,
        /// Groups whose children's weights vary (empty: every group).
        groups: Vec<String>,
    },
    /// One aggregation method drawn uniformly among the alternatives (list the nominal one too
    /// if it should stay possible) and applied to all the groups.
    Aggregation {
        /// Methods to choose from.
        alternatives: Vec<Aggregation>,
        /// Groups it applies to (empty: every group).
        groups: Vec<String>,
    },
    /// One normalisation drawn uniformly among the alternatives and applied to the leaves.
    Normalisation {
        /// Methods to choose from.
        alternatives: Vec<Normalisation>,
        /// Leaves it applies to (empty: every leaf).
        nodes: Vec<String>,
    },
    /// One node drawn uniformly among the candidates and left out of its group (with
    /// `keep_all`, "leave nothing out" is one more equally likely choice).
    ExcludeOne {
        /// Candidates (empty: every leaf whose group has another child).
        nodes: Vec<String>,
        /// Whether the nominal tree (nothing excluded) is one of the choices.
        keep_all: bool,
    },
    /// Survey sampling error: each unit's raw value of each listed leaf is redrawn as
    /// `x + se·z`, `z` standard normal, and clamped to the node's scale if it has one.
    SamplingError {
        /// The leaves and their errors.
        errors: Vec<NodeError>,
    },
}

/// The sampling error of one leaf.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeError {
    /// The leaf's id.
    pub node: String,
    /// Where its standard errors come from.
    pub source: ErrorSource,
}

/// Standard errors of a leaf, for every unit alike or per unit from data columns.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorSource {
    /// One standard error for every unit.
    StandardError {
        /// The standard error (≥ 0).
        se: f64,
    },
    /// One 95 % CI half-width for every unit (`se = half_width / 1.96`).
    HalfWidth95 {
        /// Half the width of the published 95 % interval.
        half_width: f64,
    },
    /// Per-unit standard errors in a data column.
    StandardErrorColumn {
        /// The column.
        column: String,
    },
    /// Per-unit 95 % intervals in two data columns: `se = (high − low) / (2·1.96)`.
    Interval95Columns {
        /// Column of lower bounds.
        low: String,
        /// Column of upper bounds.
        high: String,
    },
}

impl UncertainInput {
    /// Short name used in results (`weights`, `aggregation`, …).
    pub fn name(&self) -> &'static str {
        match self {
            UncertainInput::Weights { .. } => "weights",
            UncertainInput::WeightsDirichlet { .. } => "weights_dirichlet",
            UncertainInput::Aggregation { .. } => "aggregation",
            UncertainInput::Normalisation { .. } => "normalisation",
            UncertainInput::ExcludeOne { .. } => "exclude_one",
            UncertainInput::SamplingError { .. } => "sampling_error",
        }
    }

    /// Whether the input is about the data of a year (drawn independently per year) rather
    /// than a methodological choice (drawn alike in every year of a comparison).
    pub(crate) fn is_data(&self) -> bool {
        matches!(self, UncertainInput::SamplingError { .. })
    }
}

/// Names of the inputs, made unique with `_2`, `_3` suffixes.
pub(crate) fn input_names(inputs: &[UncertainInput]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(inputs.len());
    for input in inputs {
        let base = input.name();
        let seen = inputs.iter().take(names.len()).filter(|i| i.name() == base).count();
        names.push(if seen == 0 { base.to_owned() } else { format!("{base}_{}", seen + 1) });
    }
    names
}

/// An input checked against a model: node indexes and per-unit errors.
#[derive(Debug, Clone)]
pub(crate) enum Resolved {
    Weights { pm: f64, groups: Vec<usize> },
    Dirichlet { concentration: f64, groups: Vec<usize> },
    Aggregation { alternatives: Vec<Aggregation>, groups: Vec<usize> },
    Normalisation { alternatives: Vec<Normalisation>, leaves: Vec<usize> },
    Exclude { choices: Vec<Option<usize>> },
    Noise { leaves: Vec<(usize, Vec<f64>)> },
}

fn invalid(message: String) -> Error {
    ComputeError::InvalidTarget { message }.into()
}

fn groups_of(model: &Engine<'_>, ids: &[String], what: &str) -> Result<Vec<usize>, Error> {
    if ids.is_empty() {
        return Ok(model.groups.clone());
    }
    ids.iter()
        .map(|id| {
            let n = model.find(id, what)?;
            match model.kinds[n] {
                Kind::Group { .. } => Ok(n),
                _ => Err(invalid(format!("{what} '{id}' is not a group (it has no children to weigh or aggregate)"))),
            }
        })
        .collect()
}

fn leaves_of(model: &Engine<'_>, ids: &[String], what: &str) -> Result<Vec<usize>, Error> {
    if ids.is_empty() {
        return Ok(model.leaves.clone());
    }
    ids.iter()
        .map(|id| {
            let n = model.find(id, what)?;
            match model.kinds[n] {
                Kind::Leaf { .. } => Ok(n),
                _ => {
                    Err(invalid(format!("{what} '{id}' is not read from the data (it is computed from its children)")))
                }
            }
        })
        .collect()
}

fn column_values(model: &Engine<'_>, data: &Dataset, column: &str) -> Result<Vec<f64>, Error> {
    let values = data.values(column).map_err(|e| match e {
        DataError::MissingColumn { column, .. } => DataError::MissingColumn {
            column,
            hint: Some("the standard errors or interval bounds named in the sampling-error input".into()),
        },
        other => other,
    })?;
    model
        .rows
        .iter()
        .map(|&row| {
            values[row].ok_or_else(|| {
                DataError::MissingValue { row: row + 1, unit: Some(data.units()[row].clone()), column: column.into() }
                    .into()
            })
        })
        .collect()
}

impl Resolved {
    /// Checks `input` against the model and reads its data columns.
    pub(crate) fn new(input: &UncertainInput, model: &Engine<'_>, data: &Dataset) -> Result<Resolved, Error> {
        Ok(match input {
            UncertainInput::Weights { pm, groups } => {
                if !(pm.is_finite() && (0.0..1.0).contains(pm)) {
                    return Err(invalid(format!(
                        "the weights' relative spread must be at least 0 and below 1 (0.2 for ±20 %), not {pm}"
                    )));
                }
                Resolved::Weights { pm: *pm, groups: groups_of(model, groups, "weights group")? }
            }
            UncertainInput::WeightsDirichlet { concentration, groups } => {
                if !(concentration.is_finite() && *concentration > 0.0) {
                    return Err(invalid(format!(
                        "the Dirichlet concentration must be a positive number (e.g. 100), not {concentration}"
                    )));
                }
                Resolved::Dirichlet {
                    concentration: *concentration,
                    groups: groups_of(model, groups, "weights group")?,
                }
            }
            UncertainInput::Aggregation { alternatives, groups } => {
                if alternatives.is_empty() {
                    return Err(invalid("the aggregation input needs at least one method".into()));
                }
                Resolved::Aggregation {
                    alternatives: alternatives.clone(),
                    groups: groups_of(model, groups, "aggregation group")?,
                }
            }
            UncertainInput::Normalisation { alternatives, nodes } => {
                if alternatives.is_empty() {
                    return Err(invalid("the normalisation input needs at least one method".into()));
                }
                Resolved::Normalisation {
                    alternatives: alternatives.clone(),
                    leaves: leaves_of(model, nodes, "normalised node")?,
                }
            }
            UncertainInput::ExcludeOne { nodes, keep_all } => {
                let candidates: Vec<usize> = if nodes.is_empty() {
                    model.leaves.iter().copied().filter(|&n| siblings_left(model, n)).collect()
                } else {
                    let mut out = Vec::with_capacity(nodes.len());
                    for id in nodes {
                        let n = model.find(id, "excluded node")?;
                        if n == model.root || !siblings_left(model, n) {
                            return Err(invalid(format!(
                                "node '{id}' cannot be left out: its group would have no child with a positive weight"
                            )));
                        }
                        out.push(n);
                    }
                    out
                };
                if candidates.is_empty() {
                    return Err(invalid("no node can be left out: every group has a single child".into()));
                }
                let mut choices: Vec<Option<usize>> = Vec::with_capacity(candidates.len() + 1);
                if *keep_all {
                    choices.push(None);
                }
                choices.extend(candidates.into_iter().map(Some));
                Resolved::Exclude { choices }
            }
            UncertainInput::SamplingError { errors } => {
                if errors.is_empty() {
                    return Err(invalid("the sampling-error input lists no node".into()));
                }
                let mut leaves = Vec::with_capacity(errors.len());
                for e in errors {
                    let n = leaves_of(model, std::slice::from_ref(&e.node), "node with sampling error")?[0];
                    let se: Vec<f64> = match &e.source {
                        ErrorSource::StandardError { se } => vec![*se; model.len()],
                        ErrorSource::HalfWidth95 { half_width } => vec![half_width / Z95; model.len()],
                        ErrorSource::StandardErrorColumn { column } => column_values(model, data, column)?,
                        ErrorSource::Interval95Columns { low, high } => {
                            let lo = column_values(model, data, low)?;
                            let hi = column_values(model, data, high)?;
                            lo.iter().zip(&hi).map(|(l, h)| (h - l) / (2.0 * Z95)).collect()
                        }
                    };
                    if let Some(u) = se.iter().position(|s| !(s.is_finite() && *s >= 0.0)) {
                        return Err(invalid(format!(
                            "node '{}', unit '{}': the standard error {} is not a number ≥ 0 (an interval's upper bound below its lower bound?)",
                            e.node, model.units[u], se[u]
                        )));
                    }
                    leaves.push((n, se));
                }
                Resolved::Noise { leaves }
            }
        })
    }

    /// Draws this input for one sample into `scenario`.
    pub(crate) fn draw(&self, model: &Engine<'_>, scenario: &mut Scenario, stream: &mut Stream) -> Result<(), Error> {
        match self {
            Resolved::Weights { pm, groups } => {
                for &g in groups {
                    let Kind::Group { children, .. } = &model.kinds[g] else { continue };
                    for &c in children {
                        scenario.weight[c] = model.weight[c] * (1.0 + pm * (2.0 * stream.uniform() - 1.0));
                    }
                    scenario.changed[g] = true;
                }
            }
            Resolved::Dirichlet { concentration, groups } => {
                for &g in groups {
                    let Kind::Group { children, .. } = &model.kinds[g] else { continue };
                    let total: f64 = children.iter().map(|&c| model.weight[c]).sum();
                    let mut attempt = 0;
                    loop {
                        let mut sum = 0.0;
                        for &c in children {
                            let w = model.weight[c];
                            let draw = if w > 0.0 { stream.gamma(concentration * w / total) } else { 0.0 };
                            scenario.weight[c] = draw;
                            sum += draw;
                        }
                        if sum > 0.0 && sum.is_finite() {
                            for &c in children {
                                scenario.weight[c] *= total / sum;
                            }
                            break;
                        }
                        attempt += 1;
                        if attempt == 64 {
                            return Err(invalid(format!(
                                "group '{}': the Dirichlet draws of its weights vanish; use a larger concentration",
                                model.ids[g]
                            )));
                        }
                    }
                    scenario.changed[g] = true;
                }
            }
            Resolved::Aggregation { alternatives, groups } => {
                let method = alternatives[stream.index(alternatives.len())];
                for &g in groups {
                    if scenario.method[g] != method {
                        scenario.method[g] = method;
                        scenario.changed[g] = true;
                    }
                }
            }
            Resolved::Normalisation { alternatives, leaves } => {
                let method = &alternatives[stream.index(alternatives.len())];
                for &n in leaves {
                    if scenario.normalise[n] != *method {
                        scenario.normalise[n] = method.clone();
                        scenario.changed[n] = true;
                    }
                }
            }
            Resolved::Exclude { choices } => {
                if let Some(n) = choices[stream.index(choices.len())] {
                    scenario.excluded[n] = true;
                    if let Some(p) = model.parent[n] {
                        scenario.changed[p] = true;
                    }
                }
            }
            Resolved::Noise { leaves } => {
                for (n, se) in leaves {
                    let n = *n;
                    let Kind::Leaf { scale, .. } = model.kinds[n] else { continue };
                    let buffer = &mut scenario.raw[n];
                    buffer.clear();
                    for (x, s) in model.raw[n].iter().zip(se) {
                        let mut v = x + s * stream.normal();
                        if let Some(scale) = scale {
                            v = v.clamp(scale.min, scale.max);
                        }
                        buffer.push(v);
                    }
                    scenario.noisy[n] = true;
                    scenario.changed[n] = true;
                }
            }
        }
        Ok(())
    }
}

/// Whether `n`'s group keeps a child with a positive weight without it.
fn siblings_left(model: &Engine<'_>, n: usize) -> bool {
    let Some(p) = model.parent[n] else { return false };
    let Kind::Group { children, .. } = &model.kinds[p] else { return false };
    children.iter().any(|&c| c != n && model.weight[c] > 0.0)
}
