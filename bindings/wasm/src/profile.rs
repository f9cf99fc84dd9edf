//! A unit's profile across indices: `profile(sources, options)` → the core's result as plain
//! data, `profilePage(sources, options)` → its Markdown or HTML page ([`chiso::profile`],
//! [`chiso::presentation::profile_page`]).

use wasm_bindgen::prelude::*;

use chiso::plan::Target;
use chiso::profile::{profile, published_source, ProfileOptions, Published, Source};
use chiso::report::ReportFormat;
use chiso::CsvOptions;

use crate::{data, entries, error, is_plain_object, optional_year_arg, spec, to_js, type_error, year_arg};

const OPTIONS: &[&str] = &["unit", "year", "previous", "targets", "unitMap", "lang", "format"];
const SOURCE_KEYS: &[&str] =
    &["index", "rows", "csv", "published", "spec", "unitColumn", "yearColumn", "unit", "targets"];

/// The options of one call.
struct Call {
    unit: String,
    year: i32,
    options: ProfileOptions,
    lang: &'static str,
    format: ReportFormat,
}

fn text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| type_error(&format!("{what} must be a string")))
}

fn targets(value: &JsValue, what: &str) -> Result<Vec<Target>, JsValue> {
    let Some(items) = value.dyn_ref::<js_sys::Array>() else {
        return Err(type_error(&format!("{what} must be an array of strings such as \"top:10\"")));
    };
    items.iter().map(|t| text(&t, what)?.parse::<Target>().map_err(error::to_js)).collect()
}

fn call(value: &JsValue, function: &str) -> Result<Call, JsValue> {
    if !is_plain_object(value) {
        return Err(type_error(&format!(
            "{function}: options must be an object {{unit, year, previous?, targets?, unitMap?}}"
        )));
    }
    let (mut unit, mut year, mut options) = (None, None, ProfileOptions::default());
    let (mut lang, mut format) = ("vi", ReportFormat::Markdown);
    for (key, v) in entries(value) {
        if v.is_undefined() {
            continue;
        }
        let what = format!("{function}: option '{key}'");
        match key.as_str() {
            "unit" => unit = Some(text(&v, &what)?),
            "year" => year = Some(year_arg(&v, &what)?),
            "previous" => options.previous = optional_year_arg(&v, &what)?,
            "targets" => options.targets = targets(&v, &what)?,
            "unitMap" => options.mapping = crate::compare::mapping(Some(&text(&v, &what)?), function)?,
            "lang" => {
                lang = match text(&v, &what)?.as_str() {
                    "vi" => "vi",
                    "en" => "en",
                    _ => return Err(type_error(&format!("{what} must be 'vi' or 'en'"))),
                }
            }
            "format" => {
                format = match text(&v, &what)?.as_str() {
                    "md" => ReportFormat::Markdown,
                    "html" => ReportFormat::Html,
                    _ => return Err(type_error(&format!("{what} must be 'md' or 'html'"))),
                }
            }
            _ => {
                return Err(type_error(&format!(
                    "{function}: unknown option '{key}'; expected one of: {}",
                    OPTIONS.join(", ")
                )))
            }
        }
    }
    let unit = unit.ok_or_else(|| type_error(&format!("{function}: option 'unit' is required")))?;
    let year = year.ok_or_else(|| type_error(&format!("{function}: option 'year' is required")))?;
    Ok(Call { unit, year, options, lang, format })
}

/// Rows (an array of objects) or CSV text, read within the browser's limits.
fn table(value: &JsValue, read: &CsvOptions, what: &str) -> Result<chiso::Dataset, JsValue> {
    if js_sys::Array::is_array(value) {
        return data::from_records(&data::records(value)?, read);
    }
    data::from_csv(&data::csv_text(value, what)?, read)
}

fn source(value: &JsValue, i: usize, year: i32, function: &str) -> Result<Source, JsValue> {
    let at = format!("{function}: sources[{i}]");
    if !is_plain_object(value) {
        return Err(type_error(&format!("{at} must be an object {{index, rows | csv | published, ...}}")));
    }
    let mut read = CsvOptions { limits: chiso::Limits::BROWSER, ..Default::default() };
    let (mut index, mut spec_value, mut unit, mut source_targets) = (None, None, None, Vec::new());
    let mut given: Vec<(String, JsValue)> = Vec::new();
    for (key, v) in entries(value) {
        if v.is_undefined() {
            continue;
        }
        let what = format!("{at}.{key}");
        match key.as_str() {
            "index" => index = Some(text(&v, &what)?),
            "spec" => spec_value = Some(v),
            "unitColumn" => read.unit_column = text(&v, &what)?,
            "yearColumn" => read.year_column = text(&v, &what)?,
            "unit" => unit = Some(text(&v, &what)?),
            "targets" => source_targets = targets(&v, &what)?,
            "rows" | "csv" | "published" | "text" => given.push((key, v)),
            _ => {
                return Err(type_error(&format!(
                    "{at}: unknown key '{key}'; expected one of: {}",
                    SOURCE_KEYS.join(", ")
                )))
            }
        }
    }
    let index = index.ok_or_else(|| type_error(&format!("{at}: 'index' is required (a preset id such as \"pci\")")))?;
    let [(kind, rows)] = given.as_slice() else {
        return Err(type_error(&format!(
            "{at} ({index}): give exactly one of 'rows' or 'csv' (a full table), 'published' (published results) or 'text' (CSV of either kind)"
        )));
    };
    let definition = |spec_value: &Option<JsValue>| match spec_value {
        Some(s) => spec::definition(s),
        None => spec::definition(&JsValue::from_str(&index)),
    };
    let mut source = if kind == "text" {
        // Either kind, told apart by the core (published results have an `out_of` column).
        let text = text(rows, &format!("{at}.text"))?;
        let given = if spec_value.is_none() { None } else { Some(definition(&spec_value)?) };
        chiso::profile::source_from_csv(&index, given, &text, &read, year).map_err(error::to_js)?
    } else if kind == "published" {
        let data = table(rows, &CsvOptions { limits: read.limits, ..Default::default() }, &format!("{at}.published"))?;
        published_source(&index, Published::from_dataset(&data).map_err(error::to_js)?, year)
    } else {
        let definition = definition(&spec_value)?;
        let data = table(rows, &read, &format!("{at}.{kind}"))?;
        Source::table(definition.id().to_owned(), definition, data)
    };
    source.unit = unit;
    source.targets = source_targets;
    Ok(source)
}

fn run(sources: &JsValue, options: &JsValue, function: &str) -> Result<(chiso::profile::Profile, Call), JsValue> {
    let call = call(options, function)?;
    let Some(items) = sources.dyn_ref::<js_sys::Array>() else {
        return Err(type_error(&format!(
            "{function}: sources must be an array of objects {{index, rows | csv | published}}"
        )));
    };
    let built =
        items.iter().enumerate().map(|(i, s)| source(&s, i, call.year, function)).collect::<Result<Vec<_>, _>>()?;
    let result = profile(&built, &call.unit, call.year, &call.options).map_err(error::to_js)?;
    Ok((result, call))
}

/// The profile of `options.unit` in `options.year` across `sources` (full tables and published
/// results, mixed), as plain data.
#[wasm_bindgen(js_name = profile)]
pub fn profile_js(sources: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let (result, _) = run(&sources, &options, "profile")?;
    to_js(&result)
}

/// The profile page: Markdown, or a standalone HTML page with its chart.
#[wasm_bindgen(js_name = profilePage)]
pub fn profile_page(sources: JsValue, options: JsValue) -> Result<String, JsValue> {
    let (result, call) = run(&sources, &options, "profilePage")?;
    Ok(chiso::presentation::profile_page::render(&result, call.lang, call.format))
}
