//! Scoring: data + spec → a score and rank for every node of every unit, per year.
//!
//! Each year is scored with its own edition and ranked within that year. A node takes its
//! values from its children when the data has all of them (recursively), otherwise from its
//! own column: so published sub-index tables and raw indicator tables both work, and a
//! headline column already in the data (e.g. `pci`) never replaces the computed one.

use serde::Serialize;

use crate::aggregate::{aggregate, AggregateIssue};
use crate::data::Dataset;
use crate::error::{ComputeError, DataError, Error};
use crate::normalise::{normalise, NormaliseIssue};
use crate::rank::{rank, tier, Tier};
use crate::spec::{IndexDefinition, IndexSpec, Normalisation};

/// Options for [`score`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScoreOptions {
    /// Score only this year (rows of other years are left out). Without a year column in the
    /// data, this is the year whose edition applies to every row.
    pub year: Option<i32>,
    /// Reject data columns that are not node ids.
    pub strict: bool,
}

/// A node's score and rank for one unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeScore {
    /// Node id.
    pub id: String,
    /// Unrounded score.
    pub score: f64,
    /// Rank among the units of the same year.
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
    /// Rank among the units of the same year.
    pub rank: u32,
    /// Number of units ranked that year.
    pub out_of: u32,
    /// Tier, when the spec has a tier rule for the year.
    pub tier: Option<Tier>,
    /// Every computed node below the root, in spec order.
    pub components: Vec<NodeScore>,
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

/// Where a node's values come from.
#[derive(Clone, Copy, PartialEq)]
enum Source {
    Column,
    Children,
    Unavailable,
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
    let mut rows: Vec<(usize, ScoreRow)> = Vec::with_capacity(data.len());
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
        rows.extend(score_group(&spec, data, year, &members, &mut budget)?);
    }
    rows.sort_by_key(|(i, _)| *i);
    Ok(Scores {
        index: definition.id().to_owned(),
        precision,
        has_tiers,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
    })
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

fn plan_sources(spec: &IndexSpec, data: &Dataset) -> Result<Vec<Source>, Error> {
    let nodes = spec.nodes();
    let mut source = vec![Source::Unavailable; nodes.len()];
    for &n in spec.evaluation_order() {
        let node = &nodes[n];
        source[n] = if !node.is_leaf() && node.children.iter().all(|&c| source[c] != Source::Unavailable) {
            Source::Children
        } else if data.has_column(&node.id) {
            Source::Column
        } else {
            Source::Unavailable
        };
    }
    // Name the first missing leaf under the root, so the message points at a column to add.
    let mut n = spec.root_index();
    while source[n] == Source::Unavailable {
        let node = &nodes[n];
        match node.children.iter().find(|&&c| source[c] == Source::Unavailable) {
            Some(&c) => n = c,
            None => {
                let hint = if node.is_leaf() {
                    format!("values of node '{}' ({})", node.id, node.label.en)
                } else {
                    format!("values of node '{}' ({}), or the columns of its children", node.id, node.label.en)
                };
                return Err(DataError::MissingColumn { column: node.id.clone(), hint: Some(hint) }.into());
            }
        }
    }
    // Nodes below a column-sourced node are not computed.
    for &n in spec.evaluation_order().iter().rev() {
        if source[n] != Source::Children {
            for &c in &nodes[n].children {
                source[c] = Source::Unavailable;
            }
        }
    }
    Ok(source)
}

fn score_group(
    spec: &IndexSpec,
    data: &Dataset,
    year: Option<i32>,
    members: &[usize],
    budget: &mut usize,
) -> Result<Vec<(usize, ScoreRow)>, Error> {
    let nodes = spec.nodes();
    let source = plan_sources(spec, data)?;
    let computed = source.iter().filter(|&&s| s != Source::Unavailable).count();
    // Each year group also costs a pass over every node, however few rows it has: counted
    // too, so that many one-row years of a large spec stay within the budget.
    let cells = members.len().saturating_mul(computed).saturating_add(nodes.len());
    if cells > *budget {
        let max = data.limits().max_cells;
        return Err(DataError::TooLarge {
            what: "scores (rows × nodes)",
            count: (max - *budget).saturating_add(cells),
            max,
        }
        .into());
    }
    *budget -= cells;
    let units = data.units();
    // values[node][member]
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); nodes.len()];
    for &n in spec.evaluation_order() {
        let node = &nodes[n];
        values[n] = match source[n] {
            Source::Unavailable => continue,
            Source::Column => {
                let column = data.values(&node.id)?;
                let mut raw = Vec::with_capacity(members.len());
                for &row in members {
                    let value = column[row].ok_or_else(|| DataError::MissingValue {
                        row: row + 1,
                        unit: Some(units[row].clone()),
                        column: node.id.clone(),
                    })?;
                    if let (Normalisation::None, Some(scale)) = (node.normalise, node.scale) {
                        if !scale.contains(value) {
                            return Err(DataError::OutOfScale {
                                row: row + 1,
                                unit: Some(units[row].clone()),
                                column: node.id.clone(),
                                value,
                                min: scale.min,
                                max: scale.max,
                            }
                            .into());
                        }
                    }
                    raw.push(value);
                }
                normalise(node.normalise, node.direction, &raw).map_err(|NormaliseIssue::Constant(value)| {
                    ComputeError::ConstantIndicator { node: node.id.clone(), year, value }
                })?
            }
            Source::Children => {
                let method = node.aggregation.unwrap_or(crate::spec::Aggregation::WeightedMean);
                let weights: Vec<f64> = node.children.iter().map(|&c| nodes[c].weight).collect();
                let mut out = Vec::with_capacity(members.len());
                let mut buffer = vec![0.0; node.children.len()];
                for (m, &row) in members.iter().enumerate() {
                    for (slot, &c) in buffer.iter_mut().zip(&node.children) {
                        *slot = values[c][m];
                    }
                    let value = aggregate(method, &buffer, &weights).map_err(|AggregateIssue::NonPositive(i)| {
                        ComputeError::NonPositive {
                            node: node.id.clone(),
                            unit: units[row].clone(),
                            child: nodes[node.children[i]].id.clone(),
                            value: buffer[i],
                            method: method.name(),
                        }
                    })? * node.multiplier;
                    if !value.is_finite() {
                        return Err(ComputeError::NonFinite { node: node.id.clone(), unit: units[row].clone() }.into());
                    }
                    out.push(value);
                }
                out
            }
        };
    }
    let rule = spec.rank_rule();
    let ranks: Vec<Vec<u32>> = nodes
        .iter()
        .enumerate()
        .map(|(n, node)| if values[n].is_empty() { Vec::new() } else { rank(&values[n], node.direction, rule) })
        .collect();
    let root = spec.root_index();
    let out_of = members.len() as u32;
    Ok(members
        .iter()
        .enumerate()
        .map(|(m, &row)| {
            let score = values[root][m];
            let rank = ranks[root][m];
            let components = (0..nodes.len())
                .filter(|&n| n != root && !values[n].is_empty())
                .map(|n| NodeScore { id: nodes[n].id.clone(), score: values[n][m], rank: ranks[n][m] })
                .collect();
            let row_out = ScoreRow {
                unit: units[row].clone(),
                year,
                score,
                rank,
                out_of,
                tier: spec.tiers().and_then(|t| tier(t, score, rank)),
                components,
            };
            (row, row_out)
        })
        .collect())
}
