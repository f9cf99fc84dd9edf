//! Performance groups per node: the tier rule of the year applied to the headline and to
//! every sub-index alike (PAPI puts provinces into four groups by quartile of the total and,
//! the same way, of each dimension).

use serde::Serialize;

use crate::data::Dataset;
use crate::error::{ComputeError, Error};
use crate::rank::{rank_direction, tiers, Tier};
use crate::score::{score, ScoreOptions};
use crate::spec::{IndexDefinition, Labels};

/// One unit's group on one node.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitGroup {
    /// Unit.
    pub unit: String,
    /// The node's score (unrounded).
    pub score: f64,
    /// The node's rank.
    pub rank: u32,
    /// The group (`None` when no band takes the score).
    pub tier: Option<Tier>,
}

/// The groups of one node (the headline first, then each sub-index in spec order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeGroups {
    /// Node id.
    pub node: String,
    /// Labels.
    pub label: Labels,
    /// Every unit with a score for the node, in data order.
    pub units: Vec<UnitGroup>,
}

/// The year's tier rule applied to the headline and to each direct sub-index: for quantile
/// groups (PAPI) the cuts are that node's own quantiles; score or rank bands apply as written.
///
/// ```
/// use chiso::{groups::node_groups, presets, CsvOptions, Dataset};
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/papi/papi_dimensions.csv");
/// let data = Dataset::from_csv_path(path, &CsvOptions { unit_column: "province".into(), ..Default::default() })?;
/// let groups = node_groups(&presets::get("papi")?, &data, Some(2019))?;
/// assert_eq!(groups.len(), 9); // the total and eight dimensions
/// # Ok::<(), chiso::Error>(())
/// ```
pub fn node_groups(definition: &IndexDefinition, data: &Dataset, year: Option<i32>) -> Result<Vec<NodeGroups>, Error> {
    let year = crate::diagnose::analysis_year(data, year)?;
    let spec = definition.resolve(year)?;
    let rule = spec.tiers().ok_or_else(|| ComputeError::InvalidTarget {
        message: format!(
            "index '{}' has no tier rule for {}",
            spec.id(),
            year.map_or("its data".into(), |y| y.to_string())
        ),
    })?;
    if spec.rank_within().is_some() {
        return Err(ComputeError::InvalidTarget {
            message: format!(
                "groups per node are computed over the whole year; index '{}' ranks within groups ('rank_within'), which this does not support",
                spec.id()
            ),
        }
        .into());
    }
    let scores = score(definition, data, &ScoreOptions { year, ..Default::default() })?;
    let root = spec.root();
    let nodes = std::iter::once(root).chain(spec.components());
    let mut out = Vec::new();
    for node in nodes {
        let values: Vec<(&str, f64, u32)> = scores
            .rows
            .iter()
            .filter_map(|r| {
                if node.id == root.id {
                    Some((r.unit.as_str(), r.score, r.rank))
                } else {
                    r.components.iter().find(|c| c.id == node.id).map(|c| (r.unit.as_str(), c.score, c.rank))
                }
            })
            .collect();
        let column: Vec<f64> = values.iter().map(|v| v.1).collect();
        let ranks: Vec<u32> = values.iter().map(|v| v.2).collect();
        let groups = tiers(rule, &column, &ranks, rank_direction(node));
        out.push(NodeGroups {
            node: node.id.clone(),
            label: node.label.clone(),
            units: values
                .iter()
                .zip(groups)
                .map(|(&(unit, score, rank), tier)| UnitGroup { unit: unit.to_owned(), score, rank, tier })
                .collect(),
        });
    }
    Ok(out)
}
