//! The file format of a specification (JSON or TOML), as plain serde structs.
//!
//! Method names are kept as strings here so that validation can say *which node* names an
//! unknown method; `spec::build` turns a [`SpecFile`] into checked [`super::IndexSpec`]s.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[cfg(feature = "indicator-presets")]
use super::Range;
use super::{Labels, Scale, YearRange};

/// A specification file: one tree, optionally with editions that change it by year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// Rank units separately within each value of this data column (e.g. DDCI's districts
    /// and departments in one table): ranks, `out_of` and tiers are per group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank_within: Option<String>,
    /// Ranks are published only for the leading N units: `published_rank` is missing beyond.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_top: Option<u32>,
    /// Tier rules; each may be limited to a range of years.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub tiers: Vec<TiersFile>,
    /// Default rule for groups with children missing (default: fail).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<MissingFile>,
    /// Default imputation of missing raw values (default: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impute: Option<ImputeFile>,
    /// Default outlier treatment of raw indicators (default: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treat: Option<TreatFile>,
    /// Screening of units with too little data (default: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screen: Option<ScreenFile>,
    /// Other spellings of unit names, by the name results use: a spreadsheet's `BRVT` or
    /// `TT-Hue` read as `Bà Rịa - Vũng Tàu` or `Thừa Thiên Huế` (matched after NFC, ignoring
    /// case; every match is reported).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    // Read everywhere, written only where the spreadsheet reader that uses them is built: the
    // WebAssembly scoring module has no room for the code.
    #[cfg_attr(not(feature = "xlsx"), serde(skip_serializing))]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub unit_aliases: BTreeMap<String, Vec<String>>,
    /// The nodes of the tree, in any order.
    pub nodes: Vec<NodeFile>,
    /// Editions: year ranges with their changes to the base tree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub editions: Vec<EditionFile>,
}

/// One node as written in a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NodeFile {
    /// Unique id; also the data column that holds the node's values.
    pub id: String,
    /// Labels in Vietnamese and English (default: the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Labels>,
    /// Other column headers that hold this node's values, as publishers print them (e.g.
    /// `Sub-Index 3: Transparency`): a spreadsheet column with this header (or the id or a
    /// label; NFC, spaces collapsed, case ignored) is read as the node's column.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(not(feature = "xlsx"), serde(skip_serializing))]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub aliases: Vec<String>,
    /// Weight relative to its siblings (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// `higher_is_better` (default) or `lower_is_better`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "\"higher_is_better\" | \"lower_is_better\""))]
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema::node_direction"))]
    pub direction: Option<String>,
    /// The range of the node's score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    /// How the children are combined (groups only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(as = "Option<super::ts::AggregationName>"))]
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema::node_aggregation"))]
    pub aggregation: Option<String>,
    /// Most points the node can score (a criterion's or an area's maximum). On a node whose
    /// values are read as they are, values must lie in 0..max; a `weighted_sum` group without
    /// one gets Σ wᵢ·maxᵢ of its children.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The group's result is 100 · Σ wᵢxᵢ / Σ wᵢ·maxᵢ over the children present: points
    /// obtained as a percentage of the points possible (PAR INDEX, e-government levels).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_of_max: Option<bool>,
    /// Factor applied to the aggregated value (PCI: 10, so that 1–10 sub-indices give 10–100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<f64>,
    /// How a leaf's raw values are rescaled before aggregation (default: used as they are).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalise: Option<NormaliseFile>,
    /// The values a leaf's raw data can take (`{ min = 0, max = 1 }` for a share): bounds for
    /// the indicator-level planner.
    #[cfg(feature = "indicator-presets")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub range: Option<Range>,
    /// This group's rule for missing children (overrides the spec's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<MissingFile>,
    /// This leaf's imputation (overrides the spec's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impute: Option<ImputeFile>,
    /// This leaf's outlier treatment (overrides the spec's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treat: Option<TreatFile>,
    /// Ids of the children (empty for a leaf).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub children: Vec<String>,
}

/// A normalisation as written in a file: a method name and its parameters, e.g.
/// `{ method = "min_max", low = 0, high = 100 }` (see `docs/spec.md` for every method).
///
/// Parameters are kept as a map so that validation can name the node and the parameter
/// when one is unknown or of the wrong type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NormaliseFile {
    /// Method name.
    #[cfg_attr(feature = "ts", ts(as = "super::ts::NormalisationName"))]
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema::normalise_method"))]
    pub method: String,
    /// Parameters by name.
    #[serde(flatten)]
    pub params: BTreeMap<String, Param>,
}

/// A parameter value in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Param {
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// Text (names such as a tie rule or a unit).
    Text(String),
}

/// A rule for missing children as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MissingFile {
    /// `fail` or `available`.
    #[cfg_attr(feature = "ts", ts(type = "\"fail\" | \"available\""))]
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema::missing_rule"))]
    pub rule: String,
    /// `available`: share of the children (or of their weight) required, 0–1 (default 0.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_share: Option<f64>,
    /// `count` or `weight` (default `weight`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "\"count\" | \"weight\""))]
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema::missing_share_of"))]
    pub share_of: Option<String>,
}

/// An imputation as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ImputeFile {
    /// Methods tried in order: `mean`, `median`, `previous`, `value` (empty: no imputation).
    #[cfg_attr(feature = "ts", ts(type = "Array<\"mean\" | \"median\" | \"previous\" | \"value\">"))]
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema::impute_methods"))]
    pub methods: Vec<String>,
    /// The value for `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Column grouping units for `mean` and `median` (e.g. `region`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_column: Option<String>,
}

/// An outlier treatment as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TreatFile {
    /// `winsorise` (COINr's default treatment) or `none`.
    #[cfg_attr(feature = "ts", ts(type = "\"winsorise\" | \"none\""))]
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema::treat_method"))]
    pub method: String,
    /// Most values winsorised (default 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_points: Option<u32>,
    /// Absolute skewness threshold (default 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skewness: Option<f64>,
    /// Kurtosis threshold (default 3.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kurtosis: Option<f64>,
    /// Log-transform when winsorising is not enough (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_fallback: Option<bool>,
}

/// A screening rule as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScreenFile {
    /// Share of leaf indicators a unit must have (before imputation), 0–1.
    pub min_share: f64,
}

/// A ranking rule as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RankFile {
    /// `unrounded` (default) or `rounded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "\"unrounded\" | \"rounded\""))]
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema::rank_on"))]
    pub on: Option<String>,
    /// Decimals when ranking on rounded scores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u32>,
    /// `competition` (1, 2, 2, 4; default) or `dense` (1, 2, 2, 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "\"competition\" | \"dense\""))]
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema::rank_ties"))]
    pub ties: Option<String>,
}

/// A tier rule as written in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TiersFile {
    /// `score_bands`, `rank_bands` or `quantile_groups`.
    #[cfg_attr(feature = "ts", ts(type = "\"score_bands\" | \"rank_bands\" | \"quantile_groups\""))]
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema::tiers_rule"))]
    pub rule: String,
    /// `quantile_groups`: `linear` (R type 7, default) or `nearest_rank` (R type 1) percentiles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "\"linear\" | \"nearest_rank\""))]
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema::tiers_percentile"))]
    pub percentile: Option<String>,
    /// `quantile_groups`: a score equal to a cut goes to the `upper` (default) or `lower` group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "\"upper\" | \"lower\""))]
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema::tiers_ties"))]
    pub ties: Option<String>,
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EditionFile {
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
    /// Weights that differ from the base tree.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub weights: BTreeMap<String, f64>,
    /// Maxima (`max`) that differ from the base tree.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub maxima: BTreeMap<String, f64>,
    /// Ranking rule of this edition (e.g. rounded to the decimals published that year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<RankFile>,
    /// Display decimals of this edition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<u32>,
    /// Ranks published only for the leading N units in this edition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_top: Option<u32>,
    /// Nodes (with their subtrees) absent from this edition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub remove: Vec<String>,
    /// Groups that are leaves in this edition: their children are dropped and they take their
    /// own column (e.g. a sub-index whose indicators do not reproduce it that year).
    #[cfg(feature = "indicator-presets")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub leaves: Vec<String>,
    /// Nodes whose label or rescaling differ in this edition (e.g. an indicator's wording that
    /// year, goalposts calibrated per year): `id` and the fields that change, `label` and
    /// `normalise` only (weights and maxima have their own maps).
    #[cfg(feature = "indicator-presets")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub nodes: Vec<NodeFile>,
    /// Where the edition comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
