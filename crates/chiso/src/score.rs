//! Scoring: data + spec → a score and rank for every node of every unit, per year.
//!
//! Each year is scored with its own edition and ranked within that year. A node takes its
//! values from its children when the data has all of them (recursively), otherwise from its
//! own column: so published sub-index tables and raw indicator tables both work, and a
//! headline column already in the data (e.g. `pci`) never replaces the computed one.
//!
//! The pipeline for one year, each step as the spec asks ([`crate::spec::Normalisation`], [`crate::spec::Aggregation`]):
//! screen units → impute raw values → treat outliers → normalise → aggregate level by level →
//! rank every node. Every imputed or treated cell is logged, and every row left out says why.

use serde::Serialize;

use crate::data::Dataset;
use crate::engine::Engine;
use crate::error::{DataError, Error};
use crate::rank::Tier;
use crate::results::{assemble, results, Group, ScoreTable};
use crate::spec::{IndexDefinition, IndexSpec};

/// Options for [`score`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScoreOptions {
    /// Score only this year (rows of other years are left out). Without a year column in the
    /// data, this is the year whose edition applies to every row.
    pub year: Option<i32>,
    /// Reject data columns that are not node ids.
    pub strict: bool,
    /// Keep every indicator's raw, treated and normalised values ([`Scores::stages`]).
    pub stages: bool,
    /// Give the headline only (every node is still computed, but only the headline is ranked
    /// and kept): for callers that show the headline, much less work on large tables.
    pub headline_only: bool,
}

/// A node's score and rank for one unit.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeScore {
    /// Node id.
    pub id: String,
    /// Unrounded score.
    pub score: f64,
    /// Rank among the units of the same year that have a score for this node.
    pub rank: u32,
}

/// One unit's result for one year.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreRow {
    /// Unit name (NFC).
    pub unit: String,
    /// Year, if the data or the options gave one.
    pub year: Option<i32>,
    /// Headline score, unrounded.
    pub score: f64,
    /// Rank among the units of the same year (and group, under `rank_within`).
    pub rank: u32,
    /// Number of units ranked that year (in the unit's group, under `rank_within`).
    pub out_of: u32,
    /// Tier, when the spec has a tier rule for the year.
    pub tier: Option<Tier>,
    /// Whether the rank lies beyond the leading group the publisher ranks (`published_top`):
    /// such a rank is computed but not published, so it is missing from published tables.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub unpublished: bool,
    /// Every computed node below the root, in spec order; a node without a value for this
    /// unit (too few of its children present, under an `available` missing-data rule) is absent.
    pub components: Vec<NodeScore>,
}

impl ScoreRow {
    /// The rank as the publisher shows it: `None` beyond the leading group (`published_top`).
    pub fn published_rank(&self) -> Option<u32> {
        (!self.unpublished).then_some(self.rank)
    }
}

/// A data row that was not scored, and why.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dropped {
    /// 1-based data row.
    pub row: usize,
    /// Unit.
    pub unit: String,
    /// Year.
    pub year: Option<i32>,
    /// Why, in words.
    pub reason: String,
}

/// What happened to one cell on its way to a score.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum CellAction {
    /// A missing raw value was filled.
    Imputed {
        /// `mean`, `median`, `previous` or `value`.
        #[cfg_attr(feature = "ts", ts(type = "\"mean\" | \"median\" | \"previous\" | \"value\""))]
        method: &'static str,
        /// The value used.
        value: f64,
    },
    /// An outlier was pulled in to the next value.
    Winsorised {
        /// Raw value.
        from: f64,
        /// Treated value.
        to: f64,
    },
    /// The indicator was log-transformed (every value of it is logged, once per cell).
    LogTransformed {
        /// Raw value.
        from: f64,
        /// Treated value.
        to: f64,
    },
    /// Points above the maximum were capped.
    Capped {
        /// Raw value.
        from: f64,
        /// Capped value.
        to: f64,
    },
}

/// One entry of the cell log.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellNote {
    /// Unit.
    pub unit: String,
    /// Year.
    pub year: Option<i32>,
    /// Node (indicator) id.
    pub node: String,
    /// What happened.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub action: CellAction,
}

/// Every indicator's values at each stage, aligned with [`Scores::rows`] (`None` = missing or
/// not part of that row's edition).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Stages {
    /// Ids of the indicators (nodes read from data columns), in spec order.
    pub nodes: Vec<String>,
    /// Raw values, `[indicator][row]`.
    pub raw: Vec<Vec<Option<f64>>>,
    /// After imputation and outlier treatment.
    pub treated: Vec<Vec<Option<f64>>>,
    /// After normalisation: what enters aggregation.
    pub normalised: Vec<Vec<Option<f64>>>,
}

/// The result of [`score`]: one row per input row scored, in input order.
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ScoreResult"))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// Index id.
    pub index: String,
    /// Decimals for display.
    pub precision: u32,
    /// Whether any year had a tier rule.
    pub has_tiers: bool,
    /// The rows.
    pub rows: Vec<ScoreRow>,
    /// Input rows not scored (screened out, or without enough data for the headline score).
    pub dropped: Vec<Dropped>,
    /// Imputed and treated cells.
    pub log: Vec<CellNote>,
    /// Indicator values at each stage, when [`ScoreOptions::stages`] asked for them.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub stages: Option<Stages>,
}

impl Scores {
    /// Rows of one year.
    pub fn year(&self, year: Option<i32>) -> impl Iterator<Item = &ScoreRow> {
        self.rows.iter().filter(move |r| r.year == year)
    }

    /// Row indexes sorted by year, then rank, then unit name: the order of a published table.
    pub fn ranking_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_by(|&a, &b| {
            let (ra, rb) = (&self.rows[a], &self.rows[b]);
            (ra.year, ra.rank, &ra.unit).cmp(&(rb.year, rb.rank, &rb.unit))
        });
        order
    }
}

/// Scores every row of `data` (or of one year) with the definition's edition for its year.
///
/// ```
/// use chiso::{presets, score, CsvOptions, Dataset, ScoreOptions};
/// let csv = "unit,year,entry_costs,land_access,transparency,time_costs,informal_charges,\
/// policy_bias,proactivity,business_support,labor_policy,legal_institutions\n\
/// Quảng Ninh,2019,7.16,7.00,7.20,7.89,7.10,7.69,7.96,6.68,7.95,7.58\n";
/// let data = Dataset::from_csv_str(csv, &CsvOptions::default()).unwrap();
/// let scores = score(&presets::get("pci").unwrap(), &data, &ScoreOptions::default()).unwrap();
/// assert!((scores.rows[0].score - 73.40).abs() < 0.005);
/// assert_eq!(scores.rows[0].rank, 1);
/// ```
pub fn score(definition: &IndexDefinition, data: &Dataset, options: &ScoreOptions) -> Result<Scores, Error> {
    Ok(score_table(definition, data, options)?.into_scores())
}

/// [`score`], with the results as columns ([`ScoreTable`]): what front ends that read whole
/// columns (numpy, typed arrays) and large tables use.
///
/// ```
/// use chiso::{presets, score_table, CsvOptions, Dataset, ScoreOptions};
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/pci/pci_subindices.csv");
/// let data = Dataset::from_csv_path(path, &CsvOptions { unit_column: "province".into(), ..Default::default() })?;
/// let table = score_table(&presets::get("pci")?, &data, &ScoreOptions { year: Some(2016), ..Default::default() })?;
/// let (headline, transparency) = (0, table.node_index("transparency").unwrap());
/// let leader = table.ranks[headline].iter().position(|&r| r == 1).unwrap();
/// assert_eq!(table.units[leader], "Đà Nẵng");
/// assert!(table.score(transparency, leader).is_some());
/// # Ok::<(), chiso::Error>(())
/// ```
pub fn score_table(definition: &IndexDefinition, data: &Dataset, options: &ScoreOptions) -> Result<ScoreTable, Error> {
    let groups: Vec<(Option<i32>, Vec<usize>)> = match (data.years(), options.year) {
        (None, year) => vec![(year, (0..data.len()).collect())],
        (Some(years), Some(year)) => {
            let rows: Vec<usize> = (0..data.len()).filter(|&i| years[i] == year).collect();
            if rows.is_empty() {
                let available: Vec<String> = data.distinct_years().iter().map(i32::to_string).collect();
                return Err(DataError::NoRowsForYear { year, available: available.join(", ") }.into());
            }
            vec![(Some(year), rows)]
        }
        (Some(years), None) => {
            // One pass over the rows (not one per year: a file of many years stays linear).
            let mut by_year: std::collections::BTreeMap<i32, Vec<usize>> = std::collections::BTreeMap::new();
            for (i, &y) in years.iter().enumerate() {
                by_year.entry(y).or_default().push(i);
            }
            by_year.into_iter().map(|(y, rows)| (Some(y), rows)).collect()
        }
    };
    let mut scored: Vec<Group> = Vec::with_capacity(groups.len());
    let mut has_tiers = false;
    let mut precision = 2;
    // Values the result may hold (rows × computed nodes, plus each year's nodes), so a hostile
    // input is refused before the memory and time are spent.
    let mut budget = data.limits().max_cells;
    for (year, members) in groups {
        let spec = definition.resolve(year)?;
        has_tiers |= spec.tiers().is_some();
        precision = spec.precision();
        if options.strict {
            check_strict(&spec, data)?;
        }
        let engine = Engine::compile(&spec, data, year, members, &mut budget, options.stages, options.stages)?;
        scored.push(results(engine, options.stages, options.headline_only));
    }
    Ok(assemble(definition.id(), precision, has_tiers, scored, options.stages))
}

fn check_strict(spec: &IndexSpec, data: &Dataset) -> Result<(), Error> {
    let ids: std::collections::HashSet<&str> = spec.nodes().iter().map(|n| n.id.as_str()).collect();
    if let Some(column) = data.column_names().find(|c| !ids.contains(c)) {
        let known: Vec<&str> = spec.nodes().iter().map(|n| n.id.as_str()).collect();
        return Err(DataError::UnknownColumn {
            column: column.into(),
            index: spec.id().into(),
            known: known.join(", "),
        }
        .into());
    }
    Ok(())
}
