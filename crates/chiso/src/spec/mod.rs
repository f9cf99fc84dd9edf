//! Index specifications: a validated tree of nodes with weights, directions, scales and
//! methods, plus the rules for ranking and tiers.
//!
//! A spec is read from JSON or TOML ([`IndexDefinition`]), which may hold several editions;
//! [`IndexDefinition::resolve`] gives the [`IndexSpec`] for a year.

mod build;
mod definition;
pub mod file;
mod methods;
mod params;
pub mod schema;
#[cfg(feature = "ts")]
pub mod ts;

pub use definition::IndexDefinition;
pub use methods::{
    Aggregation, Bounds, Imputation, ImputeMethod, MissingRule, Normalisation, RankTies, Screening, ShareOf, Treatment,
};

use serde::{Deserialize, Serialize};
use std::fmt;

/// The deepest tree a spec may have, so that a hostile file cannot exhaust the stack.
pub const MAX_DEPTH: usize = 64;
/// The largest number of nodes a spec may have.
pub const MAX_NODES: usize = 100_000;

/// A label in Vietnamese and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Labels {
    /// Vietnamese.
    pub vi: String,
    /// English (falls back to Vietnamese when empty).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub en: String,
}

impl Labels {
    /// A label that reads the same in both languages.
    pub fn same(text: &str) -> Self {
        Labels { vi: text.to_owned(), en: text.to_owned() }
    }

    /// The label in a language (`"vi"` or `"en"`; anything else gives English).
    pub fn get(&self, lang: &str) -> &str {
        if lang == "vi" || self.en.is_empty() {
            &self.vi
        } else {
            &self.en
        }
    }
}

/// A closed range of years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct YearRange {
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
}

impl YearRange {
    /// Whether the range covers a year.
    pub fn contains(&self, year: i32) -> bool {
        self.from <= year && year <= self.to
    }
}

impl fmt::Display for YearRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}–{}", self.from, self.to)
        }
    }
}

/// Whether a higher score is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better (ranked descending).
    #[default]
    HigherIsBetter,
    /// Lower is better (reversed by normalisation; ranked ascending).
    LowerIsBetter,
}

impl Direction {
    /// The name used in spec files.
    pub fn name(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher_is_better",
            Direction::LowerIsBetter => "lower_is_better",
        }
    }
}

/// The range a node's score lies in; input values outside it are rejected.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Scale {
    /// Lowest possible score.
    pub min: f64,
    /// Highest possible score.
    pub max: f64,
}

impl Scale {
    /// Whether a value lies in the scale, allowing for the last digit of a float.
    pub fn contains(&self, value: f64) -> bool {
        let slack = 1e-9 * (self.max - self.min).abs().max(1.0);
        value >= self.min - slack && value <= self.max + slack
    }
}

/// Which values ranks are made on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankBasis {
    /// Full precision (PCI: two units shown as 64.56 can rank 20 and 21).
    Unrounded,
    /// Scores rounded half away from zero to this many decimals first (e.g. the ministry's
    /// e-government ranking on 3 decimals).
    Rounded(u32),
}

/// How exact ties share ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ties {
    /// 1, 2, 2, 4 ("1224"), the usual rule of published rankings.
    Competition,
    /// 1, 2, 2, 3.
    Dense,
}

/// The ranking rule of a spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankRule {
    /// Unrounded or rounded scores.
    pub basis: RankBasis,
    /// Tie handling.
    pub ties: Ties,
}

impl Default for RankRule {
    fn default() -> Self {
        RankRule { basis: RankBasis::Unrounded, ties: Ties::Competition }
    }
}

/// Performance tiers (e.g. PCI's six groups), best first.
#[derive(Debug, Clone, PartialEq)]
pub enum TierRule {
    /// A unit is in the first band whose minimum its score reaches; the last band may have
    /// no minimum and takes everything below.
    ScoreBands(Vec<(Option<f64>, Labels)>),
    /// A unit is in the first band whose worst rank its rank does not exceed; the last band
    /// may have no limit and takes every other rank.
    RankBands(Vec<(Option<u32>, Labels)>),
    /// k groups (labels best first) cut at the k − 1 quantiles j/k of the scores of the units
    /// ranked together (PAPI's four groups by quartile).
    QuantileGroups {
        /// Labels, best first.
        labels: Vec<Labels>,
        /// How the quantiles are computed.
        percentile: Percentile,
        /// Whether a score equal to a cut goes to the upper group.
        upper_ties: bool,
    },
}

/// How a quantile of n scores is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Percentile {
    /// Linear interpolation between order statistics, position 1 + (n − 1)p (R type 7,
    /// Excel's PERCENTILE.INC). With n = 63 and upper ties: groups of 16, 16, 15, 16.
    Linear,
    /// The smallest value with at least a share p of the values at or below it (R type 1).
    NearestRank,
}

/// One node of a validated spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Unique id, also the data column for the node.
    pub id: String,
    /// Labels.
    pub label: Labels,
    /// Weight relative to the siblings.
    pub weight: f64,
    /// Direction.
    pub direction: Direction,
    /// Scale of the node's score, if declared.
    pub scale: Option<Scale>,
    /// Aggregation of the children (groups only).
    pub aggregation: Option<Aggregation>,
    /// Most points the node can score (declared, or Σ wᵢ·maxᵢ of a sum's children).
    pub max: Option<f64>,
    /// The result is points as a percentage of the maximum (100 · Σwᵢxᵢ / Σwᵢ·maxᵢ).
    pub percent_of_max: bool,
    /// Factor applied after aggregation.
    pub multiplier: f64,
    /// Rescaling of raw values (leaves).
    pub normalise: Normalisation,
    /// What a group does when children are missing.
    pub missing: MissingRule,
    /// How a leaf's missing raw values are filled, if at all.
    pub impute: Option<Imputation>,
    /// Outlier treatment of a leaf's raw values, if any.
    pub treat: Option<Treatment>,
    /// Indexes of the children in [`IndexSpec::nodes`].
    pub children: Vec<usize>,
    /// Index of the parent.
    pub parent: Option<usize>,
    /// Depth below the root (root = 0).
    pub depth: usize,
}

impl Node {
    /// Whether the node has no children.
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }
}

/// A validated index tree for one edition: what scoring runs on.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexSpec {
    pub(crate) id: String,
    pub(crate) label: Labels,
    pub(crate) description: Option<String>,
    pub(crate) edition: Option<YearRange>,
    pub(crate) precision: u32,
    pub(crate) rank: RankRule,
    pub(crate) tiers: Option<TierRule>,
    pub(crate) screen: Option<Screening>,
    pub(crate) rank_within: Option<String>,
    pub(crate) published_top: Option<u32>,
    pub(crate) nodes: Vec<Node>,
    pub(crate) root: usize,
    /// Children before parents, root last.
    pub(crate) order: Vec<usize>,
}

impl IndexSpec {
    /// Index id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Name of the index.
    pub fn label(&self) -> &Labels {
        &self.label
    }
    /// The years this spec applies to, if limited.
    pub fn edition(&self) -> Option<YearRange> {
        self.edition
    }
    /// Decimals for display.
    pub fn precision(&self) -> u32 {
        self.precision
    }
    /// Ranking rule.
    pub fn rank_rule(&self) -> RankRule {
        self.rank
    }
    /// Tier rule, if any.
    pub fn tiers(&self) -> Option<&TierRule> {
        self.tiers.as_ref()
    }
    /// Data column whose values split the units into separately ranked groups, if any.
    pub fn rank_within(&self) -> Option<&str> {
        self.rank_within.as_deref()
    }
    /// Ranks are published only for this many leading units, if limited.
    pub fn published_top(&self) -> Option<u32> {
        self.published_top
    }
    /// Screening rule, if any.
    pub fn screen(&self) -> Option<Screening> {
        self.screen
    }
    /// All nodes (index 0 is not necessarily the root).
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }
    /// The root node.
    pub fn root(&self) -> &Node {
        &self.nodes[self.root]
    }
    /// Index of the root in [`Self::nodes`].
    pub fn root_index(&self) -> usize {
        self.root
    }
    /// Node indexes in evaluation order: children before parents, root last.
    pub fn evaluation_order(&self) -> &[usize] {
        &self.order
    }
    /// A node by id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
    /// The direct children of the root (the sub-indices of PCI), in spec order.
    pub fn components(&self) -> impl Iterator<Item = &Node> {
        self.root().children.iter().map(|&i| &self.nodes[i])
    }
    /// Effective weight of each direct child of the root, normalised to sum to 1.
    ///
    /// For PCI this is wᵢ/100: the composite moves by `multiplier · share` per sub-index point.
    pub fn component_shares(&self) -> Vec<(String, f64)> {
        let root = self.root();
        let total: f64 = root.children.iter().map(|&i| self.nodes[i].weight).sum();
        root.children.iter().map(|&i| (self.nodes[i].id.clone(), self.nodes[i].weight / total)).collect()
    }
}
