//! Scoring: `score_columns`, the result of [`chiso::score()`] as whole columns (numpy arrays
//! for numbers, lists for text) that the Python layer turns into DataFrames.
//!
//! The layout is meant to grow with the core: headline columns under `"rows"`, and per-node
//! results under `"stages"`, one entry per stage of the pipeline (today `"score"`: each
//! computed node's score and rank). A stage the core adds later (raw, treated, normalised
//! values, …) becomes one more entry with its own fields; the Python results object builds
//! wide and long tables from any stage without knowing it in advance.

use std::collections::HashMap;

use chiso::{ScoreOptions, Scores, Tier};
use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::data::Dataset;
use crate::error::run;
use crate::spec::Spec;

/// A column of numbers as a numpy float64 array (missing = NaN: the Python layer makes
/// integer columns nullable where they have NaN).
pub fn floats<'py>(py: Python<'py>, values: impl Iterator<Item = Option<f64>>) -> Bound<'py, PyAny> {
    PyArray1::from_vec(py, values.map(|v| v.unwrap_or(f64::NAN)).collect()).into_any()
}

/// A column of whole numbers known to be present (ranks, counts) as a numpy int64 array.
pub fn ints<'py>(py: Python<'py>, values: impl Iterator<Item = i64>) -> Bound<'py, PyAny> {
    PyArray1::from_vec(py, values.collect()).into_any()
}

/// Tier labels and levels of a column of optional tiers: `(vi, en, level)`.
pub type TierColumns = (Vec<Option<String>>, Vec<Option<String>>, Vec<Option<f64>>);

/// Splits optional tiers into a Vietnamese label, an English label and a level column.
pub fn tier_columns<'a>(tiers: impl Iterator<Item = Option<&'a Tier>>) -> TierColumns {
    let mut columns: TierColumns = (Vec::new(), Vec::new(), Vec::new());
    for tier in tiers {
        columns.0.push(tier.map(|t| t.label.vi.clone()));
        columns.1.push(tier.map(|t| t.label.get("en").to_owned()));
        columns.2.push(tier.map(|t| t.level as f64));
    }
    columns
}

/// One node's columns in the `score` stage: id, scores, ranks (None where a row lacks the node,
/// e.g. a year whose edition does not have it).
type NodeColumns = (String, Vec<Option<f64>>, Vec<Option<f64>>);

/// Scores and ranks of every computed node below the root, in order of first appearance.
fn node_columns(scores: &Scores) -> Vec<NodeColumns> {
    let mut columns: Vec<NodeColumns> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let rows = scores.rows.len();
    for (r, row) in scores.rows.iter().enumerate() {
        for node in &row.components {
            let at = *index.entry(node.id.as_str()).or_insert_with(|| {
                columns.push((node.id.clone(), vec![None; rows], vec![None; rows]));
                columns.len() - 1
            });
            columns[at].1[r] = Some(node.score);
            columns[at].2[r] = Some(f64::from(node.rank));
        }
    }
    columns
}

/// `{"fields": [...], "nodes": [(id, {field: array})]}`: one stage of per-node results.
fn stage<'py>(
    py: Python<'py>,
    fields: &[&str],
    nodes: Vec<(String, Vec<Bound<'py, PyAny>>)>,
) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("fields", fields.to_vec())?;
    let list = PyList::empty(py);
    for (id, arrays) in nodes {
        let columns = PyDict::new(py);
        for (field, array) in fields.iter().zip(arrays) {
            columns.set_item(*field, array)?;
        }
        list.append((id, columns))?;
    }
    out.set_item("nodes", list)?;
    Ok(out)
}

fn to_dict<'py>(py: Python<'py>, scores: &Scores, root: &str, components: bool) -> PyResult<Bound<'py, PyDict>> {
    let rows = &scores.rows;
    let columns = PyDict::new(py);
    columns.set_item("unit", PyList::new(py, rows.iter().map(|r| r.unit.as_str()))?)?;
    let years = rows.iter().any(|r| r.year.is_some());
    columns.set_item("year", floats(py, rows.iter().map(|r| r.year.filter(|_| years).map(f64::from))))?;
    columns.set_item("score", floats(py, rows.iter().map(|r| Some(r.score))))?;
    columns.set_item("rank", ints(py, rows.iter().map(|r| i64::from(r.rank))))?;
    columns.set_item("out_of", ints(py, rows.iter().map(|r| i64::from(r.out_of))))?;
    let (tier, tier_en, tier_level) = tier_columns(rows.iter().map(|r| r.tier.as_ref()));
    columns.set_item("tier", tier)?;
    columns.set_item("tier_en", tier_en)?;
    columns.set_item("tier_level", floats(py, tier_level.into_iter()))?;

    let stages = PyDict::new(py);
    let nodes = if components {
        node_columns(scores)
            .into_iter()
            .map(|(id, score, rank)| (id, vec![floats(py, score.into_iter()), floats(py, rank.into_iter())]))
            .collect()
    } else {
        Vec::new()
    };
    stages.set_item("score", stage(py, &["score", "rank"], nodes)?)?;

    let out = PyDict::new(py);
    out.set_item("index", &scores.index)?;
    out.set_item("root", root)?;
    out.set_item("precision", scores.precision)?;
    out.set_item("has_tiers", scores.has_tiers)?;
    out.set_item("columns", columns)?;
    out.set_item("stages", stages)?;
    Ok(out)
}

/// Scores every row of `data` (or of one `year`) with the edition in force for its year.
///
/// Returns whole columns: `{"index", "root", "precision", "has_tiers", "columns": {unit (list),
/// year, score, rank, out_of, tier, tier_en, tier_level}, "stages": {"score": {"fields":
/// ["score", "rank"], "nodes": [(id, {"score": array, "rank": array})]}}}`, numbers as numpy
/// arrays (float64 with NaN where a value is absent; `rank`, `out_of` int64), node results
/// only when `components` is set. Scores are unrounded.
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
    to_dict(py, &scores, &definition.file().root, components)
}
