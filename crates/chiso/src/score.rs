//! Scoring: data + spec → a score and rank for every node of every unit, per year.
//!
//! Each year is scored with its own edition and ranked within that year. A node takes its
//! values from its children when the data has all of them (recursively), otherwise from its
//! own column: so published sub-index tables and raw indicator tables both work, and a
//! headline column already in the data (e.g. `pci`) never replaces the computed one.
//!
//! The pipeline for one year, each step as the spec asks ([`crate::spec::methods`]):
//! screen units → impute raw values → treat outliers → normalise → aggregate level by level →
//! rank every node. Every imputed or treated cell is logged, and every row left out says why.

use serde::Serialize;

use crate::data::Dataset;
use crate::engine::Engine;
use crate::error::{DataError, Error};
use crate::rank::Tier;
use crate::rank::{rank_grouped, tiers as tier_list, RankBuffer};
use crate::spec::{Direction, Normalisation};
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
}

/// A node's score and rank for one unit.
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum CellAction {
    /// A missing raw value was filled.
    Imputed {
        /// `mean`, `median`, `previous` or `value`.
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
    pub action: CellAction,
}

/// Every indicator's values at each stage, aligned with [`Scores::rows`] (`None` = missing or
/// not part of that row's edition).
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
        let engine = Engine::compile(&spec, data, year, members, &mut budget)?;
        scored.push(results(&engine, options.stages));
    }
    Ok(assemble(definition, precision, has_tiers, scored, options.stages))
}

/// One year's results, rows keyed by their input row.
struct Group {
    rows: Vec<(usize, ScoreRow)>,
    dropped: Vec<Dropped>,
    log: Vec<CellNote>,
    /// Indicators, and their values `[stage][indicator][position in rows]`.
    stage_nodes: Vec<String>,
    stage_values: [Vec<Vec<Option<f64>>>; 3],
}

/// Ranks every node of a compiled year and gathers its rows, dropped rows and cell log.
fn results(engine: &Engine<'_>, keep_stages: bool) -> Group {
    let spec = &engine.spec;
    let nodes = spec.nodes();
    let values = &engine.nominal;
    let root = engine.root;
    let year = engine.year;
    let mut dropped = engine.screened.clone();
    // Units without a headline score are reported, not ranked.
    let kept: Vec<usize> = (0..engine.len()).filter(|&m| !values[root][m].is_nan()).collect();
    for m in (0..engine.len()).filter(|&m| values[root][m].is_nan()) {
        dropped.push(Dropped {
            row: engine.rows[m] + 1,
            unit: engine.units[m].clone(),
            year,
            reason: format!("no score for '{}': too few of its components have data", nodes[root].id),
        });
    }
    // Every unit with a value for a node is ranked on it (COINr ranks each aggregate so), also
    // units dropped for lack of a headline score; `out_of` counts the units with one.
    let rule = spec.rank_rule();
    let mut buffer = RankBuffer::default();
    let mut ranks: Vec<Vec<u32>> = vec![Vec::new(); nodes.len()];
    for (n, node) in nodes.iter().enumerate() {
        if values[n].is_empty() {
            continue;
        }
        // A normalised indicator's score already has the best unit on top, whatever its
        // direction; other nodes rank by their own direction.
        let direction = match node.normalise {
            Normalisation::None => node.direction,
            _ => Direction::HigherIsBetter,
        };
        ranks[n] = vec![0; engine.len()];
        rank_grouped(&values[n], &engine.rank_groups, direction, rule, &mut buffer, &mut ranks[n]);
    }
    let mut out_of = vec![0u32; engine.len()];
    let mut tiers = vec![None; engine.len()];
    for group in &engine.rank_groups {
        let present: Vec<usize> = group.iter().copied().filter(|&m| !values[root][m].is_nan()).collect();
        if let Some(t) = spec.tiers() {
            let scores: Vec<f64> = present.iter().map(|&m| values[root][m]).collect();
            let group_ranks: Vec<u32> = present.iter().map(|&m| ranks[root][m]).collect();
            let direction = match nodes[root].normalise {
                Normalisation::None => nodes[root].direction,
                _ => Direction::HigherIsBetter,
            };
            for (&m, tier) in present.iter().zip(tier_list(t, &scores, &group_ranks, direction)) {
                tiers[m] = tier;
            }
        }
        for &m in group {
            out_of[m] = present.len() as u32;
        }
    }
    let component_nodes: Vec<usize> = (0..nodes.len()).filter(|&n| n != root && !values[n].is_empty()).collect();
    let rows = kept
        .iter()
        .map(|&m| {
            let rank = ranks[root][m];
            let components = component_nodes
                .iter()
                .filter(|&&n| ranks[n][m] != 0)
                .map(|&n| NodeScore { id: nodes[n].id.clone(), score: values[n][m], rank: ranks[n][m] })
                .collect();
            let row = ScoreRow {
                unit: engine.units[m].clone(),
                year,
                score: values[root][m],
                rank,
                out_of: out_of[m],
                tier: tiers[m].take(),
                unpublished: spec.published_top().is_some_and(|top| rank > top),
                components,
            };
            (engine.rows[m], row)
        })
        .collect();
    let option = |v: f64| (!v.is_nan()).then_some(v);
    let stage = |columns: Vec<&Vec<f64>>| -> Vec<Vec<Option<f64>>> {
        columns.into_iter().map(|c| kept.iter().map(|&m| option(c[m])).collect()).collect()
    };
    let leaves = &engine.leaves;
    let stage_values = if keep_stages {
        [
            stage(leaves.iter().map(|&n| &engine.raw[n]).collect()),
            stage(leaves.iter().map(|&n| &engine.treated[n]).collect()),
            stage(leaves.iter().map(|&n| &values[n]).collect()),
        ]
    } else {
        [Vec::new(), Vec::new(), Vec::new()]
    };
    Group {
        rows,
        dropped,
        log: engine.log.clone(),
        stage_nodes: if keep_stages { leaves.iter().map(|&n| nodes[n].id.clone()).collect() } else { Vec::new() },
        stage_values,
    }
}

/// Puts the year groups' results back in input order.
fn assemble(definition: &IndexDefinition, precision: u32, has_tiers: bool, groups: Vec<Group>, stages: bool) -> Scores {
    let mut stage_nodes: Vec<String> = Vec::new();
    for group in &groups {
        for id in &group.stage_nodes {
            if !stage_nodes.contains(id) {
                stage_nodes.push(id.clone());
            }
        }
    }
    let mut placed: Vec<(usize, usize, usize)> = Vec::new(); // (input row, group, position)
    for (g, group) in groups.iter().enumerate() {
        placed.extend(group.rows.iter().enumerate().map(|(p, (i, _))| (*i, g, p)));
    }
    placed.sort_unstable();
    let stages = stages.then(|| {
        // Where each indicator sits in each group's own list.
        let maps: Vec<Vec<Option<usize>>> = groups
            .iter()
            .map(|g| stage_nodes.iter().map(|id| g.stage_nodes.iter().position(|n| n == id)).collect())
            .collect();
        let column = |stage: usize, k: usize| -> Vec<Option<f64>> {
            placed.iter().map(|&(_, g, p)| maps[g][k].and_then(|n| groups[g].stage_values[stage][n][p])).collect()
        };
        let all = |stage| (0..stage_nodes.len()).map(|k| column(stage, k)).collect();
        Stages { raw: all(0), treated: all(1), normalised: all(2), nodes: stage_nodes }
    });
    let mut dropped = Vec::new();
    let mut log = Vec::new();
    let mut slots: Vec<Vec<Option<ScoreRow>>> = Vec::with_capacity(groups.len());
    for group in groups {
        dropped.extend(group.dropped);
        log.extend(group.log);
        slots.push(group.rows.into_iter().map(|(_, r)| Some(r)).collect());
    }
    dropped.sort_by_key(|d: &Dropped| d.row);
    let rows = placed.iter().filter_map(|&(_, g, p)| slots[g][p].take()).collect();
    Scores { index: definition.id().to_owned(), precision, has_tiers, rows, dropped, log, stages }
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
