//! The target planner ([`chiso::plan::plan`]).

use std::collections::HashMap;

use chiso::plan::{Field, PlanOptions, Target};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::data::Dataset;
use crate::error::run;
use crate::spec::Spec;

fn field(name: &str) -> PyResult<Field> {
    match name {
        "fixed" => Ok(Field::Fixed),
        "trend" => Ok(Field::Trend),
        other => Err(PyValueError::new_err(format!("field must be 'fixed' or 'trend', not {other:?}"))),
    }
}

/// The smallest improvement of `unit`'s sub-indices in `year` that reaches `target`
/// (`"score:70"`, `"rank:10"`, `"top:10"`, `"gain:3"`), each sub-index capped at its scale
/// maximum and at `caps[id]`, points weighted by `costs[id]` (default 1), the other units
/// fixed (`field="fixed"`) or moved by their own trend (`field="trend"`).
///
/// With `level="indicators"`, over the indicators below the sub-indices instead (raw values;
/// caps and costs name indicators, in raw units; each bounded by the best value of the year,
/// or with `beyond_best=True` by its natural range: [`chiso::indicators::plan_indicators`]).
///
/// Returns the core's result as plain dicts and lists (its JSON form).
#[pyfunction]
#[pyo3(signature = (spec, data, unit, target, *, year=None, caps=None, costs=None, field="fixed", level="sub_indices", beyond_best=false))]
#[allow(clippy::too_many_arguments)] // the Python keyword arguments
pub fn plan<'py>(
    py: Python<'py>,
    spec: &Bound<'py, Spec>,
    data: &Bound<'py, Dataset>,
    unit: &str,
    target: &str,
    year: Option<i32>,
    caps: Option<HashMap<String, f64>>,
    costs: Option<HashMap<String, f64>>,
    field: &str,
    level: &str,
    beyond_best: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let (definition, dataset) = (&spec.get().inner, &data.get().inner);
    if crate::diagnose::indicators(level)? {
        let options = chiso::indicators::IndicatorPlanOptions {
            caps: caps.unwrap_or_default(),
            costs: costs.unwrap_or_default(),
            beyond_best,
            field: self::field(field)?,
        };
        let plan = run(py, || {
            let target: Target = target.parse()?;
            chiso::indicators::plan_indicators(definition, dataset, unit, year, target, &options)
        })?;
        return crate::to_python(py, &plan);
    }
    let options =
        PlanOptions { caps: caps.unwrap_or_default(), costs: costs.unwrap_or_default(), field: self::field(field)? };
    let plan = run(py, || {
        let target: Target = target.parse()?;
        chiso::plan::plan(definition, dataset, unit, year, target, &options)
    })?;
    crate::to_python(py, &plan)
}
