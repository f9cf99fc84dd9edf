//! The target planner: `plan(spec, rows, options)` and `planCsv(spec, csvText, options)` →
//! the core's [`chiso::plan::Plan`]. `options.target` is parsed by the core
//! ([`chiso::plan::Target`]'s `FromStr`), so a malformed target is its `ComputeError`.

use wasm_bindgen::prelude::*;

use chiso::plan::Target;
use chiso::{Dataset, IndexDefinition};

use crate::{data, error, spec, to_js, type_error, Options};

const ROW_OPTIONS: &[&str] =
    &["unit", "year", "target", "caps", "costs", "field", "level", "beyondBest", "unitColumn", "yearColumn"];
const CSV_OPTIONS: &[&str] = &[
    "unit",
    "year",
    "target",
    "caps",
    "costs",
    "field",
    "level",
    "beyondBest",
    "unitColumn",
    "yearColumn",
    "delimiter",
];

/// The required `unit` and `target` options, checked before any data is read.
fn subject<'a>(options: &'a Options, function: &str) -> Result<(&'a str, Target), JsValue> {
    let unit = options.unit(function)?;
    let target = options.target()?.ok_or_else(|| {
        type_error(&format!("{function}: option 'target' is required: 'top:N', 'rank:N', 'score:S' or 'gain:K'"))
    })?;
    Ok((unit, target))
}

/// Plans through the core and converts the result.
fn run(
    definition: &IndexDefinition,
    data: &Dataset,
    (unit, target): (&str, Target),
    options: &Options,
) -> Result<JsValue, JsValue> {
    if options.indicators {
        let plan =
            chiso::indicators::plan_indicators(definition, data, unit, options.year, target, &options.indicator_plan())
                .map_err(error::to_js)?;
        return to_js(&plan);
    }
    let plan =
        chiso::plan::plan(definition, data, unit, options.year, target, &options.plan()).map_err(error::to_js)?;
    to_js(&plan)
}

/// Plans the smallest sub-index gains of `options.unit` in `options.year` that reach
/// `options.target`, from rows given as objects.
#[wasm_bindgen(js_name = plan)]
pub fn plan_rows(spec: JsValue, rows: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = Options::from_js(&options, "plan", ROW_OPTIONS)?;
    let subject = subject(&options, "plan")?;
    let records = data::records(&rows)?;
    let definition = spec::definition(&spec)?;
    let data = data::from_records(&records, &options.read)?;
    run(&definition, &data, subject, &options)
}

/// Plans from CSV text.
#[wasm_bindgen(js_name = planCsv)]
pub fn plan_csv(spec: JsValue, csv: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = Options::from_js(&options, "planCsv", CSV_OPTIONS)?;
    let subject = subject(&options, "planCsv")?;
    let csv = data::csv_text(&csv, "planCsv")?;
    let definition = spec::definition(&spec)?;
    let data = data::from_csv(&csv, &options.read)?;
    run(&definition, &data, subject, &options)
}
