//! Scoring: `score_columns`, the result of [`chiso::score()`] as whole columns (numpy arrays
//! for numbers, lists for text) that the Python layer turns into DataFrames.
//!
//! The layout is meant to grow with the core: headline columns under `"rows"`, and per-node
//! results under `"stages"`, one entry per stage of the pipeline (today `"score"`: each
//! computed node's score and rank). A stage the core adds later (raw, treated, normalised
//! values, …) becomes one more entry with its own fields; the Python results object builds
//! wide and long tables from any stage without knowing it in advance.

use chiso::{ScoreOptions, ScoreTable, Tier};
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

/// A rank column as float64 with NaN where absent (rank 0): the Python layer makes it a
/// nullable integer column.
fn rank_floats<'py>(py: Python<'py>, ranks: &[u32]) -> Bound<'py, PyAny> {
    floats(py, ranks.iter().map(|&r| (r != 0).then_some(f64::from(r))))
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

fn to_dict<'py>(py: Python<'py>, table: ScoreTable, root: &str, components: bool) -> PyResult<Bound<'py, PyDict>> {
    let ScoreTable {
        index,
        precision,
        has_tiers,
        nodes,
        units,
        years,
        scores,
        ranks,
        out_of,
        tiers,
        dropped,
        log,
        stages,
        ..
    } = table;
    let columns = PyDict::new(py);
    columns.set_item("unit", PyList::new(py, units)?)?;
    let any_year = years.iter().any(Option::is_some);
    columns.set_item("year", floats(py, years.iter().map(|y| y.filter(|_| any_year).map(f64::from))))?;
    let mut score_columns = scores.into_iter();
    let mut rank_columns = ranks.into_iter();
    // The headline: node 0, present in every row.
    let headline = score_columns.next().unwrap_or_default();
    let headline_ranks = rank_columns.next().unwrap_or_default();
    columns.set_item("score", PyArray1::from_vec(py, headline))?;
    columns.set_item("rank", ints(py, headline_ranks.iter().map(|&r| i64::from(r))))?;
    columns.set_item("out_of", ints(py, out_of.iter().map(|&r| i64::from(r))))?;
    let (tier, tier_en, tier_level) = tier_columns(tiers.iter().map(Option::as_ref));
    columns.set_item("tier", tier)?;
    columns.set_item("tier_en", tier_en)?;
    columns.set_item("tier_level", floats(py, tier_level.into_iter()))?;

    let stage_dict = PyDict::new(py);
    let node_arrays = if components {
        nodes
            .into_iter()
            .skip(1)
            .zip(score_columns.zip(rank_columns))
            .map(|(id, (score, rank))| {
                let rank = rank_floats(py, &rank);
                (id, vec![PyArray1::from_vec(py, score).into_any(), rank])
            })
            .collect()
    } else {
        Vec::new()
    };
    stage_dict.set_item("score", stage(py, &["score", "rank"], node_arrays)?)?;
    // The indicators on their way in: raw, after imputation and treatment, normalised.
    if let Some(s) = &stages {
        for (name, values) in [("raw", &s.raw), ("treated", &s.treated), ("normalised", &s.normalised)] {
            let nodes =
                s.nodes.iter().zip(values).map(|(id, v)| (id.clone(), vec![floats(py, v.iter().copied())])).collect();
            stage_dict.set_item(name, stage(py, &["value"], nodes)?)?;
        }
    }
    let json = py.import("json")?;
    let dropped = json.call_method1("loads", (serde_json::to_string(&dropped).unwrap_or_default(),))?;
    let log = json.call_method1("loads", (serde_json::to_string(&log).unwrap_or_default(),))?;

    let out = PyDict::new(py);
    out.set_item("index", index)?;
    out.set_item("root", root)?;
    out.set_item("precision", precision)?;
    out.set_item("has_tiers", has_tiers)?;
    out.set_item("columns", columns)?;
    out.set_item("stages", stage_dict)?;
    out.set_item("dropped", dropped)?;
    out.set_item("log", log)?;
    Ok(out)
}

/// Scores every row of `data` (or of one `year`) with the edition in force for its year.
///
/// Returns whole columns: `{"index", "root", "precision", "has_tiers", "columns": {unit (list),
/// year, score, rank, out_of, tier, tier_en, tier_level}, "stages": {"score": {"fields":
/// ["score", "rank"], "nodes": [(id, {"score": array, "rank": array})]}}}`, numbers as numpy
/// arrays (float64 with NaN where a value is absent; `rank`, `out_of` int64), node results
/// only when `components` is set; with `stages`, also the stages `raw`, `treated` and
/// `normalised` (field `value`) of every indicator, and always `dropped` rows and the cell `log`.
/// Scores are unrounded.
#[pyfunction]
#[pyo3(signature = (spec, data, *, year=None, strict=false, components=false, stages=false))]
pub fn score_columns<'py>(
    py: Python<'py>,
    spec: &Bound<'py, Spec>,
    data: &Bound<'py, Dataset>,
    year: Option<i32>,
    strict: bool,
    components: bool,
    stages: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let (definition, dataset) = (&spec.get().inner, &data.get().inner);
    // Without components the node columns are not built (nor ranked).
    let options = ScoreOptions { year, strict, stages, headline_only: !components };
    let table = run(py, || chiso::score_table(definition, dataset, &options))?;
    to_dict(py, table, &definition.file().root, components)
}
