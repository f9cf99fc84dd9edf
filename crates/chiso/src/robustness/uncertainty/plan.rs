//! The uncertain inputs in declarative form: one plain object that the command line, Python
//! and JavaScript all give, turned into [`UncertainInput`]s here so every front end reads it
//! the same way.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::inputs::{ErrorSource, NodeError, UncertainInput};
use crate::error::{ComputeError, Error, SpecError};
use crate::spec::{Aggregation, Normalisation};

/// The uncertain inputs of an analysis, as JSON/Python/JS objects write them:
///
/// ```json
/// {"weights_pm": 20, "aggregation": ["weighted_mean", "geometric_mean"], "exclude_one": true,
///  "sampling_error": {"transparency": 0.12, "land_access": "land_access_se",
///                     "time_costs": {"low": "time_costs_lo", "high": "time_costs_hi"}}}
/// ```
///
/// Inputs come out in a fixed order: weights, Dirichlet weights, aggregation,
/// normalisation, exclusion, sampling error.
///
/// ```
/// use chiso::uncertainty::InputsSpec;
/// let spec: InputsSpec = serde_json::from_str(r#"{"weights_pm": 20, "exclude_one": ["transparency"]}"#).unwrap();
/// let inputs = spec.inputs()?;
/// assert_eq!(inputs.len(), 2);
/// assert_eq!(inputs[0].name(), "weights");
/// # Ok::<(), chiso::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputsSpec {
    /// Each weight ± this many percent (uniform), e.g. 20.
    #[serde(default)]
    pub weights_pm: Option<f64>,
    /// Weights drawn from a Dirichlet distribution around the nominal shares with this
    /// concentration, e.g. 100.
    #[serde(default)]
    pub weights_dirichlet: Option<f64>,
    /// Groups whose weights vary (default: all).
    #[serde(default)]
    pub weights_groups: Vec<String>,
    /// Alternative aggregation methods, drawn uniformly (list the nominal one too).
    #[serde(default)]
    pub aggregation: Vec<String>,
    /// Groups the aggregation alternatives apply to (default: all).
    #[serde(default)]
    pub aggregation_groups: Vec<String>,
    /// Alternative normalisations of the leaves: `none`, `min_max` (1–10) or `min_max:LOW:HIGH`.
    #[serde(default)]
    pub normalisation: Vec<String>,
    /// Leave one node out: `true` (any leaf) or a list of candidate nodes.
    #[serde(default)]
    pub exclude_one: Option<Exclude>,
    /// With `exclude_one`: whether leaving nothing out is one of the choices (default true).
    #[serde(default)]
    pub exclude_keep_all: Option<bool>,
    /// Sampling error per leaf: a standard error, a column of standard errors, or
    /// `{"low": column, "high": column}` of 95 % intervals, or `{"half_width": x}`.
    #[serde(default)]
    pub sampling_error: BTreeMap<String, ErrorSpec>,
}

/// Which nodes may be left out.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Exclude {
    /// `true`: any leaf; `false`: none.
    Any(bool),
    /// These nodes.
    Nodes(Vec<String>),
}

/// The sampling error of one leaf.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum ErrorSpec {
    /// One standard error for all units.
    StandardError(f64),
    /// A data column of per-unit standard errors.
    Column(String),
    /// Data columns of per-unit 95 % interval bounds.
    Interval {
        /// Lower bounds.
        low: String,
        /// Upper bounds.
        high: String,
    },
    /// One 95 % interval half-width for all units.
    HalfWidth {
        /// Half the interval's width.
        half_width: f64,
    },
}

fn method<T>(
    kind: &'static str,
    name: &str,
    parse: impl Fn(&str) -> Option<T>,
    expected: &'static str,
) -> Result<T, Error> {
    parse(name.trim()).ok_or_else(|| {
        SpecError::UnknownMethod { node: "uncertain inputs".into(), kind, method: name.into(), expected }.into()
    })
}

/// `none`, `min_max` (1–10, PCI's rescaling) or `min_max:LOW:HIGH`.
pub(crate) fn parse_normalisation(text: &str) -> Option<Normalisation> {
    let mut parts = text.split(':');
    match (parts.next()?, parts.next(), parts.next(), parts.next()) {
        ("none", None, None, None) => Some(Normalisation::None),
        ("min_max", None, None, None) => Some(Normalisation::min_max(1.0, 10.0)),
        ("min_max", Some(low), Some(high), None) => {
            let (low, high) = (low.trim().parse::<f64>().ok()?, high.trim().parse::<f64>().ok()?);
            (low.is_finite() && high.is_finite() && low != high).then(|| Normalisation::min_max(low, high))
        }
        _ => None,
    }
}

impl InputsSpec {
    /// Parses the JSON form.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        serde_json::from_str(text).map_err(|e| {
            ComputeError::InvalidTarget { message: format!("cannot read the uncertain inputs: {e}") }.into()
        })
    }

    /// The inputs, checked for method names and numbers (node ids are checked against the
    /// index when the analysis runs).
    pub fn inputs(&self) -> Result<Vec<UncertainInput>, Error> {
        let mut out = Vec::new();
        if let Some(pm) = self.weights_pm {
            out.push(UncertainInput::Weights { pm: pm / 100.0, groups: self.weights_groups.clone() });
        }
        if let Some(concentration) = self.weights_dirichlet {
            out.push(UncertainInput::WeightsDirichlet { concentration, groups: self.weights_groups.clone() });
        }
        if !self.aggregation.is_empty() {
            let alternatives = self
                .aggregation
                .iter()
                .map(|m| method("aggregation", m, Aggregation::from_name, Aggregation::NAMES))
                .collect::<Result<_, _>>()?;
            out.push(UncertainInput::Aggregation { alternatives, groups: self.aggregation_groups.clone() });
        }
        if !self.normalisation.is_empty() {
            let alternatives = self
                .normalisation
                .iter()
                .map(|m| method("normalisation", m, parse_normalisation, "none, min_max, min_max:LOW:HIGH"))
                .collect::<Result<_, _>>()?;
            out.push(UncertainInput::Normalisation { alternatives, nodes: Vec::new() });
        }
        let keep_all = self.exclude_keep_all.unwrap_or(true);
        match &self.exclude_one {
            None | Some(Exclude::Any(false)) => {}
            Some(Exclude::Any(true)) => out.push(UncertainInput::ExcludeOne { nodes: Vec::new(), keep_all }),
            Some(Exclude::Nodes(nodes)) => out.push(UncertainInput::ExcludeOne { nodes: nodes.clone(), keep_all }),
        }
        if !self.sampling_error.is_empty() {
            let errors = self
                .sampling_error
                .iter()
                .map(|(node, e)| NodeError {
                    node: node.clone(),
                    source: match e {
                        ErrorSpec::StandardError(se) => ErrorSource::StandardError { se: *se },
                        ErrorSpec::Column(column) => ErrorSource::StandardErrorColumn { column: column.clone() },
                        ErrorSpec::Interval { low, high } => {
                            ErrorSource::Interval95Columns { low: low.clone(), high: high.clone() }
                        }
                        ErrorSpec::HalfWidth { half_width } => ErrorSource::HalfWidth95 { half_width: *half_width },
                    },
                })
                .collect();
            out.push(UncertainInput::SamplingError { errors });
        }
        Ok(out)
    }
}
