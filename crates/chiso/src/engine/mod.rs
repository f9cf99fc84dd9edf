//! The one compiled pipeline: a spec edition plus one year's data columns, compiled once
//! into a node arena and evaluated on columns.
//!
//! Everything that computes scores goes through an [`Engine`]: [`crate::score`] evaluates it
//! once with the nominal choices; uncertainty, sensitivity and audit evaluate it many times
//! with a [`Scenario`] of per-evaluation overrides (weights, methods, normalisations, excluded
//! nodes, perturbed raw values), recomputing only the nodes whose inputs changed; diagnosis and
//! the planner combine a unit's what-if values with [`node_value`], the engine's own
//! aggregation of one unit. So a spec that `score` accepts works in every analysis, with the
//! same digits.
//!
//! The pipeline for one year: screen units → impute raw values → treat outliers → normalise →
//! aggregate level by level → rank every node (with [`crate::rank::rank_grouped`]).

mod compile;
mod evaluate;
mod scenario;

pub(crate) use compile::{members_of_year, rank_labels};
pub(crate) use evaluate::node_value;
pub(crate) use scenario::{Scenario, Work};

use crate::data::Dataset;
use crate::error::{ComputeError, Error};
use crate::score::{CellNote, Dropped};
use crate::spec::{Aggregation, Direction, IndexSpec, Normalisation, RankRule, Scale};

/// Where a node's values come from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Source {
    /// Its own data column.
    Column,
    /// Its children, aggregated.
    Children,
    /// Not computed (below a column-sourced node, or without data).
    Unavailable,
}

/// A node of the compiled tree.
#[derive(Debug, Clone)]
pub(crate) enum Kind {
    /// Not computed (below a node read from its own column, or without data).
    Unavailable,
    /// Read from its column: raw values per unit, imputed, treated and normalised.
    Leaf { normalise: Normalisation, scale: Option<Scale> },
    /// Aggregated from its children.
    Group { children: Vec<usize>, method: Aggregation, multiplier: f64 },
}

/// One year's compiled pipeline, ready to evaluate.
#[derive(Debug, Clone)]
pub(crate) struct Engine<'d> {
    pub(crate) spec: IndexSpec,
    pub(crate) data: &'d Dataset,
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
    /// Raw values of leaves per member (`NaN` = missing), empty for other nodes.
    pub(crate) raw: Vec<Vec<f64>>,
    /// Nominal values of every computed node (empty for unavailable ones).
    pub(crate) nominal: Vec<Vec<f64>>,
    /// Nominal treated values of leaves (after imputation and treatment).
    pub(crate) treated: Vec<Vec<f64>>,
    pub(crate) root: usize,
    pub(crate) direction: Direction,
    pub(crate) rule: RankRule,
    /// Units of the members (NFC names).
    pub(crate) units: Vec<String>,
    /// Data row of each member (after screening).
    pub(crate) rows: Vec<usize>,
    pub(crate) year: Option<i32>,
    /// Members ranked together (positions in `rows`): one group, or the `rank_within` groups.
    pub(crate) rank_groups: Vec<Vec<usize>>,
    /// Group labels of imputation, per node (read once).
    pub(crate) impute_groups: Vec<Option<Vec<Option<String>>>>,
    /// Rows screened out before anything was computed.
    pub(crate) screened: Vec<Dropped>,
    /// Cells imputed or treated in the nominal evaluation.
    pub(crate) log: Vec<CellNote>,
}

impl<'d> Engine<'d> {
    /// Number of members (units scored, after screening).
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether node `n` is computed.
    pub(crate) fn computed(&self, n: usize) -> bool {
        !matches!(self.kinds[n], Kind::Unavailable)
    }

    /// The node id `id`, or an error naming what the analysis can refer to.
    pub(crate) fn find(&self, id: &str, what: &str) -> Result<usize, Error> {
        self.ids.iter().position(|i| i == id).filter(|&n| self.computed(n)).ok_or_else(|| {
            let known: Vec<&str> =
                self.ids.iter().enumerate().filter(|(n, _)| self.computed(*n)).map(|(_, i)| i.as_str()).collect();
            ComputeError::InvalidTarget {
                message: format!("{what} '{id}' is not a computed node of this index; nodes: {}", known.join(", ")),
            }
            .into()
        })
    }

    /// Nominal root values.
    pub(crate) fn root_values_nominal(&self) -> &[f64] {
        &self.nominal[self.root]
    }

    /// The root's values after [`Self::evaluate`].
    pub(crate) fn root_values<'a>(&'a self, work: &'a Work) -> &'a [f64] {
        if work.dirty[self.root] {
            &work.values[self.root]
        } else {
            &self.nominal[self.root]
        }
    }
}
