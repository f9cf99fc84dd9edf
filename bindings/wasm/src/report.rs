//! The one-page report: `report(spec, rows, options)` and `reportCsv(spec, csvText, options)`
//! → the core's Markdown or HTML text ([`chiso::report::report`]), in Vietnamese or English.

use wasm_bindgen::prelude::*;

use chiso::plan::Target;
use chiso::report::ReportFormat;
use chiso::{Dataset, IndexDefinition};

use crate::{data, error, spec, Options};

const ROW_OPTIONS: &[&str] = &["unit", "year", "target", "lang", "format", "unitColumn", "yearColumn"];
const CSV_OPTIONS: &[&str] = &["unit", "year", "target", "lang", "format", "unitColumn", "yearColumn", "delimiter"];

/// Language when `options.lang` is absent (as the CLI's `chiso report`).
const DEFAULT_LANG: &str = "vi";

/// Renders through the core.
fn run(
    definition: &IndexDefinition,
    data: &Dataset,
    (unit, target): (&str, Option<Target>),
    options: &Options,
) -> Result<String, JsValue> {
    let lang = options.lang.unwrap_or(DEFAULT_LANG);
    let format = options.format.unwrap_or(ReportFormat::Markdown);
    chiso::report::report(definition, data, unit, options.year, target, lang, format).map_err(error::to_js)
}

/// The report on `options.unit` in `options.year` (plan target default: the top 10) from rows
/// given as objects: Markdown, or a standalone HTML page with inline SVG charts.
#[wasm_bindgen(js_name = report)]
pub fn report_rows(spec: JsValue, rows: JsValue, options: JsValue) -> Result<String, JsValue> {
    let options = Options::from_js(&options, "report", ROW_OPTIONS)?;
    let subject = (options.unit("report")?, options.target()?);
    let records = data::records(&rows)?;
    let definition = spec::definition(&spec)?;
    let data = data::from_records(&records, &options.read)?;
    run(&definition, &data, subject, &options)
}

/// The report from CSV text.
#[wasm_bindgen(js_name = reportCsv)]
pub fn report_csv(spec: JsValue, csv: JsValue, options: JsValue) -> Result<String, JsValue> {
    let options = Options::from_js(&options, "reportCsv", CSV_OPTIONS)?;
    let subject = (options.unit("reportCsv")?, options.target()?);
    let csv = data::csv_text(&csv, "reportCsv")?;
    let definition = spec::definition(&spec)?;
    let data = data::from_csv(&csv, &options.read)?;
    run(&definition, &data, subject, &options)
}
