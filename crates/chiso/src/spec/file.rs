//! The file format of a specification (JSON or TOML), as plain serde structs.
//!
//! Method names are kept as strings here so that validation can say *which node* names an
//! unknown method; [`super::build`] turns a [`SpecFile`] into checked [`super::IndexSpec`]s.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{Labels, Scale, YearRange};

/// A specification file: one tree, optionally with editions that change it by year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// Index id, e.g. `pci`.
    pub id: String,
    /// Name of the index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Labels>,
    /// Free text: publisher, sources, caveats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Id of the root node (the headline score).
    pub root: String,
    /// Decimals shown when scores are displayed (default 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<u32>,
    /// Ranking rule (default: unrounded scores, competition ranking).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<RankFile>,
    /// The years this single-edition spec applies to (omit for any year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<YearRange>,
    /// Tier rules; each may be limited to a range of years.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<TiersFile>,
    /// The nodes of the tree, in any order.
    pub nodes: Vec<NodeFile>,
    /// Editions: year ranges with their changes to the base tree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editions: Vec<EditionFile>,
}

/// One node as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeFile {
    /// Unique id; also the data column that holds the node's values.
    pub id: String,
    /// Labels in Vietnamese and English (default: the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Labels>,
    /// Weight relative to its siblings (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// `higher_is_better` (default) or `lower_is_better`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// The range of the node's score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    /// How the children are combined (groups only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregation: Option<String>,
    /// Factor applied to the aggregated value (PCI: 10, so that 1–10 sub-indices give 10–100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<f64>,
    /// How a leaf's raw values are rescaled before aggregation (default: used as they are).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalise: Option<NormaliseFile>,
    /// Ids of the children (empty for a leaf).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<String>,
}

/// A normalisation as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormaliseFile {
    /// Method name: `none` or `min_max`.
    pub method: String,
    /// Lower end of the target range (`min_max`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    /// Upper end of the target range (`min_max`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
}

/// A ranking rule as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankFile {
    /// `unrounded` (default) or `rounded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<String>,
    /// Decimals when ranking on rounded scores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u32>,
    /// `competition` (1, 2, 2, 4; default) or `dense` (1, 2, 2, 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ties: Option<String>,
}

/// A tier rule as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TiersFile {
    /// `score_bands` or `rank_bands`.
    pub rule: String,
    /// First year the rule applies to (omit for no lower limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i32>,
    /// Last year the rule applies to (omit for no upper limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<i32>,
    /// Bands, best first.
    pub bands: Vec<BandFile>,
    /// Where the rule comes from, how sure it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One tier band as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandFile {
    /// Tier label.
    pub label: Labels,
    /// `score_bands`: lowest score in the band (omit on the last band: everything below).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// `rank_bands`: worst rank in the band (omit on the last band: every other rank).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_rank: Option<u32>,
}

/// An edition: the base tree with changes, for a range of years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionFile {
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// Weights that differ from the base tree.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub weights: BTreeMap<String, f64>,
    /// Nodes (with their subtrees) absent from this edition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
    /// Where the edition comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
