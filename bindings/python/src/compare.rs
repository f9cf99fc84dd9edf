//! Comparison of two periods: `compare_columns`, the result of [`chiso::compare()`] as plain
//! column lists.

use chiso::{Comparison, Presence};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::data::Dataset;
use crate::error::run;
use crate::score::{floats, tier_columns};
use crate::spec::Spec;
use crate::units::UnitMapping;

fn presence_name(presence: Presence) -> &'static str {
    match presence {
        Presence::Both => "both",
        Presence::OnlyFrom => "only_from",
        Presence::OnlyTo => "only_to",
    }
}

fn to_dict<'py>(py: Python<'py>, comparison: &Comparison) -> PyResult<Bound<'py, PyDict>> {
    let rows = &comparison.rows;
    let columns = PyDict::new(py);
    columns.set_item("unit", PyList::new(py, rows.iter().map(|r| r.unit.as_str()))?)?;
    columns.set_item("score_from", floats(py, rows.iter().map(|r| r.score_from)))?;
    columns.set_item("score_to", floats(py, rows.iter().map(|r| r.score_to)))?;
    columns.set_item("score_delta", floats(py, rows.iter().map(|r| r.score_delta)))?;
    columns.set_item("rank_from", floats(py, rows.iter().map(|r| r.rank_from.map(f64::from))))?;
    columns.set_item("rank_to", floats(py, rows.iter().map(|r| r.rank_to.map(f64::from))))?;
    columns.set_item("rank_change", floats(py, rows.iter().map(|r| r.rank_change.map(|c| c as f64))))?;
    let (tier_from, tier_from_en, _) = tier_columns(rows.iter().map(|r| r.tier_from.as_ref()));
    let (tier_to, tier_to_en, _) = tier_columns(rows.iter().map(|r| r.tier_to.as_ref()));
    columns.set_item("tier_from", tier_from)?;
    columns.set_item("tier_to", tier_to)?;
    columns.set_item("tier_from_en", tier_from_en)?;
    columns.set_item("tier_to_en", tier_to_en)?;
    columns.set_item("presence", rows.iter().map(|r| presence_name(r.presence)).collect::<Vec<_>>())?;
    columns.set_item("note", rows.iter().map(|r| r.note.as_deref()).collect::<Vec<_>>())?;
    let out = PyDict::new(py);
    out.set_item("index", &comparison.index)?;
    out.set_item("from", comparison.from)?;
    out.set_item("to", comparison.to)?;
    out.set_item("precision", comparison.precision)?;
    out.set_item("columns", columns)?;
    Ok(out)
}

/// Scores years `from_year` and `to_year` of `data` (each with its own edition) and compares
/// them, unit by unit: matched by NFC name, or through `unit_mapping` when given (then a
/// merged, split or renamed unit is matched to its successor and the change is in `note`).
///
/// Returns whole columns (numbers as float64 numpy arrays, NaN where a unit lacks a period;
/// text as lists): `{"index", "from", "to", "precision", "columns": {unit, score_from,
/// score_to, score_delta, rank_from, rank_to, rank_change, tier_from, tier_to, tier_from_en,
/// tier_to_en, presence, note}}`, ordered by the second period's rank, then the units present only
/// in the first. `rank_change` is places gained (positive = moved up).
#[pyfunction]
#[pyo3(signature = (spec, data, *, from_year, to_year, unit_mapping=None))]
pub fn compare_columns<'py>(
    py: Python<'py>,
    spec: &Bound<'py, Spec>,
    data: &Bound<'py, Dataset>,
    from_year: i32,
    to_year: i32,
    unit_mapping: Option<&Bound<'py, UnitMapping>>,
) -> PyResult<Bound<'py, PyDict>> {
    let (definition, dataset) = (&spec.get().inner, &data.get().inner);
    let mapping = unit_mapping.map(|m| &m.get().inner);
    let comparison = run(py, || chiso::compare_mapped(definition, dataset, from_year, to_year, mapping))?;
    to_dict(py, &comparison)
}
