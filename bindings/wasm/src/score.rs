//! Scoring: `score(spec, rows, options?)` and `scoreCsv(spec, csvText, options?)` → the core's
//! [`chiso::Scores`] as a plain object (`{index, precision, has_tiers, rows}`);
//! `scoreColumns(spec, columns, options?)` → the same scores as typed-array columns, for large
//! tables (100,000 units and more), where one object per unit and per node would dominate.

use js_sys::{Array, Float64Array, Int32Array, Object, Reflect, Uint32Array};
use wasm_bindgen::prelude::*;

use crate::{data, error, spec, to_js, Options};

const ROW_OPTIONS: &[&str] = &["year", "unitColumn", "yearColumn", "strict"];
const COLUMN_OPTIONS: &[&str] = &["year", "unitColumn", "yearColumn", "strict"];
const CSV_OPTIONS: &[&str] = &["year", "unitColumn", "yearColumn", "strict", "delimiter"];

/// Scores rows given as objects: every year with its own edition, or only `options.year`.
#[wasm_bindgen(js_name = score)]
pub fn score_rows(spec: JsValue, rows: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = Options::from_js(&options, "score", ROW_OPTIONS)?;
    let records = data::records(&rows)?;
    let definition = spec::definition(&spec)?;
    let data = data::from_records(&records, &options.read)?;
    let scores = chiso::score(&definition, &data, &options.score()).map_err(error::to_js)?;
    to_js(&scores)
}

/// Scores CSV text: every year with its own edition, or only `options.year`.
#[wasm_bindgen(js_name = scoreCsv)]
pub fn score_csv(spec: JsValue, csv: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = Options::from_js(&options, "scoreCsv", CSV_OPTIONS)?;
    let csv = data::csv_text(&csv, "scoreCsv")?;
    let definition = spec::definition(&spec)?;
    let data = data::from_csv(&csv, &options.read)?;
    let scores = chiso::score(&definition, &data, &options.score()).map_err(error::to_js)?;
    to_js(&scores)
}

/// Scores columns (`{unit: string[], year?: number[], <node id>: Float64Array | number[]}`) and
/// returns columns: the fast path for large tables.
#[wasm_bindgen(js_name = scoreColumns)]
pub fn score_columns(spec: JsValue, columns: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = Options::from_js(&options, "scoreColumns", COLUMN_OPTIONS)?;
    let definition = spec::definition(&spec)?;
    let data = data::from_columns(&columns, &options.read)?;
    let scores = chiso::score(&definition, &data, &options.score()).map_err(error::to_js)?;
    columnar(&scores)
}

/// The scores as `{index, precision, has_tiers, unit, year, score, rank, out_of, tier, tiers,
/// components: {<id>: {score, rank}}}`, one typed-array entry per row in input order. `tier`
/// indexes `tiers` (distinct `{level, label}`), -1 without a tier; a component absent from a
/// row's edition has score NaN and rank 0.
fn columnar(scores: &chiso::Scores) -> Result<JsValue, JsValue> {
    let rows = &scores.rows;
    let n = rows.len();
    let out = Object::new();
    let set = |key: &str, value: &JsValue| Reflect::set(&out, &JsValue::from_str(key), value).map(|_| ());
    set("index", &JsValue::from_str(&scores.index))?;
    set("precision", &JsValue::from(scores.precision))?;
    set("has_tiers", &JsValue::from(scores.has_tiers))?;
    set("unit", &rows.iter().map(|r| JsValue::from_str(&r.unit)).collect::<Array>())?;
    let years: Option<Vec<i32>> = rows.iter().map(|r| r.year).collect();
    set("year", &years.map_or(JsValue::NULL, |y| Int32Array::from(y.as_slice()).into()))?;
    set("score", &Float64Array::from(rows.iter().map(|r| r.score).collect::<Vec<_>>().as_slice()))?;
    set("rank", &Uint32Array::from(rows.iter().map(|r| r.rank).collect::<Vec<_>>().as_slice()))?;
    set("out_of", &Uint32Array::from(rows.iter().map(|r| r.out_of).collect::<Vec<_>>().as_slice()))?;
    let mut tiers: Vec<&chiso::Tier> = Vec::new();
    let tier: Vec<i32> = rows
        .iter()
        .map(|r| match &r.tier {
            None => -1,
            Some(t) => match tiers.iter().position(|known| *known == t) {
                Some(i) => i as i32,
                None => {
                    tiers.push(t);
                    tiers.len() as i32 - 1
                }
            },
        })
        .collect();
    set("tier", &Int32Array::from(tier.as_slice()))?;
    set("tiers", &to_js(&tiers)?)?;
    // Components in first-seen (spec) order; editions without a node leave NaN and rank 0.
    // Rows of one edition list the same nodes in the same order, so a row's j-th component is
    // almost always column j: checked by name, looked up only when it is not.
    let mut columns: Vec<(&str, Vec<f64>, Vec<u32>)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        for (j, c) in row.components.iter().enumerate() {
            let slot = match columns.get(j) {
                Some((id, _, _)) if *id == c.id => j,
                _ => match columns.iter().position(|(id, _, _)| *id == c.id) {
                    Some(k) => k,
                    None => {
                        columns.push((c.id.as_str(), vec![f64::NAN; n], vec![0; n]));
                        columns.len() - 1
                    }
                },
            };
            let (_, values, ranks) = &mut columns[slot];
            values[i] = c.score;
            ranks[i] = c.rank;
        }
    }
    let components = Object::new();
    for (id, values, ranks) in &columns {
        let column = Object::new();
        Reflect::set(&column, &JsValue::from_str("score"), &Float64Array::from(values.as_slice()))?;
        Reflect::set(&column, &JsValue::from_str("rank"), &Uint32Array::from(ranks.as_slice()))?;
        Reflect::set(&components, &JsValue::from_str(id), &column)?;
    }
    set("components", &components)?;
    Ok(out.into())
}
