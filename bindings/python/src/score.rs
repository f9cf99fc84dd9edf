//! Scoring: `score_columns`, the result of [`chiso::score()`] as plain column lists (the
//! Python layer turns them into a DataFrame).

use std::collections::HashMap;

use chiso::{ScoreOptions, Scores, Tier};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::data::Dataset;
use crate::error::run;
use crate::spec::Spec;

/// Tier labels and levels of a column of optional tiers: `(vi, en, level)`.
pub type TierColumns = (Vec<Option<String>>, Vec<Option<String>>, Vec<Option<usize>>);

/// Splits optional tiers into a Vietnamese label, an English label and a level column.
pub fn tier_columns<'a>(tiers: impl Iterator<Item = Option<&'a Tier>>) -> TierColumns {
    let mut columns: TierColumns = (Vec::new(), Vec::new(), Vec::new());
    for tier in tiers {
        columns.0.push(tier.map(|t| t.label.vi.clone()));
        columns.1.push(tier.map(|t| t.label.get("en").to_owned()));
        columns.2.push(tier.map(|t| t.level));
    }
    columns
}

/// One node's column pair: id, scores, ranks (None where a row lacks the node).
type ComponentColumn = (String, Vec<Option<f64>>, Vec<Option<u32>>);

/// Scores and ranks of every computed node below the root, one column pair per node id, in
/// order of first appearance (rows of years whose edition lacks a node get None).
fn component_columns(scores: &Scores) -> Vec<ComponentColumn> {
    let mut columns: Vec<ComponentColumn> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let rows = scores.rows.len();
    for (r, row) in scores.rows.iter().enumerate() {
        for node in &row.components {
            let at = *index.entry(node.id.as_str()).or_insert_with(|| {
                columns.push((node.id.clone(), vec![None; rows], vec![None; rows]));
                columns.len() - 1
            });
            columns[at].1[r] = Some(node.score);
            columns[at].2[r] = Some(node.rank);
        }
    }
    columns
}

fn to_dict<'py>(py: Python<'py>, scores: &Scores, components: bool) -> PyResult<Bound<'py, PyDict>> {
    let columns = PyDict::new(py);
    let rows = &scores.rows;
    columns.set_item("unit", rows.iter().map(|r| r.unit.as_str()).collect::<Vec<_>>())?;
    columns.set_item("year", rows.iter().map(|r| r.year).collect::<Vec<_>>())?;
    columns.set_item("score", rows.iter().map(|r| r.score).collect::<Vec<_>>())?;
    columns.set_item("rank", rows.iter().map(|r| r.rank).collect::<Vec<_>>())?;
    columns.set_item("out_of", rows.iter().map(|r| r.out_of).collect::<Vec<_>>())?;
    let (tier, tier_en, tier_level) = tier_columns(rows.iter().map(|r| r.tier.as_ref()));
    columns.set_item("tier", tier)?;
    columns.set_item("tier_en", tier_en)?;
    columns.set_item("tier_level", tier_level)?;

    let nodes = PyDict::new(py);
    if components {
        for (id, score, rank) in component_columns(scores) {
            let node = PyDict::new(py);
            node.set_item("score", score)?;
            node.set_item("rank", rank)?;
            nodes.set_item(id, node)?;
        }
    }

    let out = PyDict::new(py);
    out.set_item("index", &scores.index)?;
    out.set_item("precision", scores.precision)?;
    out.set_item("has_tiers", scores.has_tiers)?;
    out.set_item("columns", columns)?;
    out.set_item("components", nodes)?;
    Ok(out)
}

/// Scores every row of `data` (or of one `year`) with the edition in force for its year.
///
/// Returns plain lists: `{"index", "precision", "has_tiers", "columns": {unit, year, score,
/// rank, out_of, tier, tier_en, tier_level}, "components": {node id: {"score", "rank"}}}`
/// (components only when asked for). Scores are unrounded.
#[pyfunction]
#[pyo3(signature = (spec, data, *, year=None, strict=false, components=false))]
pub fn score_columns<'py>(
    py: Python<'py>,
    spec: &Bound<'py, Spec>,
    data: &Bound<'py, Dataset>,
    year: Option<i32>,
    strict: bool,
    components: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let (definition, dataset) = (&spec.get().inner, &data.get().inner);
    let options = ScoreOptions { year, strict, ..Default::default() };
    let scores = run(py, || chiso::score(definition, dataset, &options))?;
    to_dict(py, &scores, components)
}
