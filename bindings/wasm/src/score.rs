//! Scoring: `score(spec, rows, options?)` and `scoreCsv(spec, csvText, options?)` → the core's
//! [`chiso::Scores`] as a plain object (`{index, precision, has_tiers, rows, dropped, log}`);
//! `scoreColumns(spec, columns, options?)` → the same scores as typed-array columns. The
//! classes: `spec.score(dataset, options?)` → a `Scores` object that keeps the result in the
//! module and hands out columns (typed arrays) per node; `index.js` builds row objects from
//! them on demand.

use std::collections::HashMap;

use js_sys::{Array, Float64Array, Int32Array, Object, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::data::DatasetHandle;
use crate::spec::SpecHandle;
use crate::{data, error, spec, to_js, Options};

const ROW_OPTIONS: &[&str] = &["year", "unitColumn", "yearColumn", "strict", "limits"];
const COLUMN_OPTIONS: &[&str] = &["year", "unitColumn", "yearColumn", "strict"];
const CSV_OPTIONS: &[&str] = &["year", "unitColumn", "yearColumn", "strict", "delimiter", "limits"];

/// Scores rows given as objects: every year with its own edition, or only `options.year`.
#[wasm_bindgen(js_name = score)]
pub fn score_rows(spec: JsValue, rows: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = Options::from_js(&options, "score", ROW_OPTIONS)?;
    let records = data::records(&rows)?;
    let definition = spec::definition_with(&spec, &options.read.limits)?;
    let data = data::from_records(&records, &options.read)?;
    let scores = chiso::score(&definition, &data, &options.score()).map_err(error::to_js)?;
    to_js(&scores)
}

/// Scores CSV text: every year with its own edition, or only `options.year`.
#[wasm_bindgen(js_name = scoreCsv)]
pub fn score_csv(spec: JsValue, csv: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let options = Options::from_js(&options, "scoreCsv", CSV_OPTIONS)?;
    let csv = data::csv_text(&csv, "scoreCsv")?;
    let definition = spec::definition_with(&spec, &options.read.limits)?;
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
    let data = data::from_columns(&columns, &options.read, "scoreColumns", None)?;
    let scores = chiso::score(&definition, &data, &options.score()).map_err(error::to_js)?;
    ScoresHandle::new(scores).columns()
}

/// Every node below the root in an order consistent with each row's own (spec) order, with
/// each node's scores (NaN where a row has none) and ranks (0 there), one entry per row.
struct NodeColumns {
    ids: Vec<String>,
    scores: Vec<Vec<f64>>,
    ranks: Vec<Vec<u32>>,
}

impl NodeColumns {
    fn new(rows: &[chiso::ScoreRow]) -> Self {
        let n = rows.len();
        let mut columns = NodeColumns { ids: Vec::new(), scores: Vec::new(), ranks: Vec::new() };
        let mut position: HashMap<String, usize> = HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            // Rows of one edition list the same nodes in the same order: the slot is j.
            let mut previous: Option<usize> = None;
            for (j, c) in row.components.iter().enumerate() {
                let slot = if columns.ids.get(j) == Some(&c.id) {
                    j
                } else if let Some(&k) = position.get(&c.id) {
                    k
                } else {
                    // A node first seen here goes right after the row's previous node, so that
                    // editions that leave nodes out keep the order of the others.
                    let at = previous.map_or(0, |p| p + 1);
                    columns.ids.insert(at, c.id.clone());
                    columns.scores.insert(at, vec![f64::NAN; n]);
                    columns.ranks.insert(at, vec![0; n]);
                    position = columns.ids.iter().enumerate().map(|(k, id)| (id.clone(), k)).collect();
                    at
                };
                columns.scores[slot][i] = c.score;
                columns.ranks[slot][i] = c.rank;
                previous = Some(slot);
            }
        }
        columns
    }
}

/// The result of `spec.score(dataset)`: the core's [`chiso::Scores`], kept in the module, with
/// its values handed out as columns (typed arrays, one entry per scored row in input order).
#[wasm_bindgen(js_name = Scores)]
pub struct ScoresHandle {
    scores: chiso::Scores,
    nodes: NodeColumns,
    /// Distinct tiers, best first as they appear; `tier` indexes them.
    tiers: Vec<chiso::Tier>,
    tier: Vec<i32>,
}

impl ScoresHandle {
    fn new(scores: chiso::Scores) -> Self {
        let nodes = NodeColumns::new(&scores.rows);
        let mut tiers: Vec<chiso::Tier> = Vec::new();
        let tier = scores
            .rows
            .iter()
            .map(|r| match &r.tier {
                None => -1,
                Some(t) => match tiers.iter().position(|known| known == t) {
                    Some(i) => i as i32,
                    None => {
                        tiers.push(t.clone());
                        tiers.len() as i32 - 1
                    }
                },
            })
            .collect();
        ScoresHandle { scores, nodes, tiers, tier }
    }

    fn slot(&self, id: &str) -> Result<usize, JsValue> {
        self.nodes.ids.iter().position(|n| n == id).ok_or_else(|| {
            js_sys::RangeError::new(&format!("no node '{id}' in these scores; nodes: {}", self.nodes.ids.join(", ")))
                .into()
        })
    }
}

#[wasm_bindgen(js_class = Scores)]
impl ScoresHandle {
    /// Index id.
    #[wasm_bindgen(getter)]
    pub fn index(&self) -> String {
        self.scores.index.clone()
    }

    /// Decimals for display.
    #[wasm_bindgen(getter)]
    pub fn precision(&self) -> u32 {
        self.scores.precision
    }

    /// Whether any year had a tier rule.
    #[wasm_bindgen(getter, js_name = hasTiers)]
    pub fn has_tiers(&self) -> bool {
        self.scores.has_tiers
    }

    /// Number of scored rows.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.scores.rows.len()
    }

    /// Unit names.
    #[wasm_bindgen(getter)]
    pub fn units(&self) -> Array {
        self.scores.rows.iter().map(|r| JsValue::from_str(&r.unit)).collect()
    }

    /// Years (`null` when the rows have none).
    #[wasm_bindgen(getter)]
    pub fn years(&self) -> JsValue {
        let years: Option<Vec<i32>> = self.scores.rows.iter().map(|r| r.year).collect();
        years.map_or(JsValue::NULL, |y| Int32Array::from(y.as_slice()).into())
    }

    /// Headline scores, unrounded.
    #[wasm_bindgen(getter)]
    pub fn score(&self) -> Float64Array {
        Float64Array::from(self.scores.rows.iter().map(|r| r.score).collect::<Vec<_>>().as_slice())
    }

    /// Headline ranks.
    #[wasm_bindgen(getter)]
    pub fn rank(&self) -> Uint32Array {
        Uint32Array::from(self.scores.rows.iter().map(|r| r.rank).collect::<Vec<_>>().as_slice())
    }

    /// Units ranked in the row's year (and group).
    #[wasm_bindgen(getter, js_name = outOf)]
    pub fn out_of(&self) -> Uint32Array {
        Uint32Array::from(self.scores.rows.iter().map(|r| r.out_of).collect::<Vec<_>>().as_slice())
    }

    /// 1 where the rank lies beyond the leading group the publisher ranks (`published_top`).
    #[wasm_bindgen(getter)]
    pub fn unpublished(&self) -> Uint8Array {
        Uint8Array::from(self.scores.rows.iter().map(|r| u8::from(r.unpublished)).collect::<Vec<_>>().as_slice())
    }

    /// Index into [`Self::tiers`] per row, -1 without a tier.
    #[wasm_bindgen(getter)]
    pub fn tier(&self) -> Int32Array {
        Int32Array::from(self.tier.as_slice())
    }

    /// The distinct tiers `{level, label}` that `tier` indexes.
    #[wasm_bindgen(getter)]
    pub fn tiers(&self) -> Result<JsValue, JsValue> {
        to_js(&self.tiers)
    }

    /// Ids of every node below the root that has a score in some row, in spec order.
    #[wasm_bindgen(getter)]
    pub fn nodes(&self) -> Array {
        self.nodes.ids.iter().map(|id| JsValue::from_str(id)).collect()
    }

    /// One node's scores (NaN where a row has none), or a `RangeError` for an unknown node.
    #[wasm_bindgen(js_name = nodeScore)]
    pub fn node_score(&self, id: &str) -> Result<Float64Array, JsValue> {
        Ok(Float64Array::from(self.nodes.scores[self.slot(id)?].as_slice()))
    }

    /// One node's ranks (0 where a row has no score).
    #[wasm_bindgen(js_name = nodeRank)]
    pub fn node_rank(&self, id: &str) -> Result<Uint32Array, JsValue> {
        Ok(Uint32Array::from(self.nodes.ranks[self.slot(id)?].as_slice()))
    }

    /// Input rows not scored, and why: `[{row, unit, year, reason}]`.
    #[wasm_bindgen(getter)]
    pub fn dropped(&self) -> Result<JsValue, JsValue> {
        to_js(&self.scores.dropped)
    }

    /// Imputed and treated cells: `[{unit, year, node, action, …}]`.
    #[wasm_bindgen(getter)]
    pub fn log(&self) -> Result<JsValue, JsValue> {
        to_js(&self.scores.log)
    }

    /// The scores as `scoreColumns` returns them: `{index, precision, has_tiers, unit, year,
    /// score, rank, out_of, tier, tiers, components: {<id>: {score, rank}}}`.
    pub fn columns(&self) -> Result<JsValue, JsValue> {
        let out = Object::new();
        let set = |key: &str, value: &JsValue| Reflect::set(&out, &JsValue::from_str(key), value).map(|_| ());
        set("index", &JsValue::from_str(&self.scores.index))?;
        set("precision", &JsValue::from(self.scores.precision))?;
        set("has_tiers", &JsValue::from(self.scores.has_tiers))?;
        set("unit", &self.units())?;
        set("year", &self.years())?;
        set("score", &self.score())?;
        set("rank", &self.rank())?;
        set("out_of", &self.out_of())?;
        set("tier", &self.tier())?;
        set("tiers", &self.tiers()?)?;
        let components = Object::new();
        for (k, id) in self.nodes.ids.iter().enumerate() {
            let column = Object::new();
            Reflect::set(&column, &JsValue::from_str("score"), &Float64Array::from(self.nodes.scores[k].as_slice()))?;
            Reflect::set(&column, &JsValue::from_str("rank"), &Uint32Array::from(self.nodes.ranks[k].as_slice()))?;
            Reflect::set(&components, &JsValue::from_str(id), &column)?;
        }
        set("components", &components)?;
        Ok(out.into())
    }
}

/// Options of `spec.score(dataset, options)`.
const CLASS_OPTIONS: &[&str] = &["year", "strict"];

#[wasm_bindgen(js_class = Spec)]
impl SpecHandle {
    /// Scores a dataset: every year with its own edition, or only `options.year`
    /// (`{year?, strict?}`), within the dataset's limits.
    pub fn score(&self, data: &DatasetHandle, options: JsValue) -> Result<ScoresHandle, JsValue> {
        let options = Options::from_js(&options, "Spec.score", CLASS_OPTIONS)?;
        // About 96 bytes per value at the peak of scoring (node values, ranks, result rows):
        // memory grows once rather than a page at a time (see `reserve_memory`).
        let columns = data.data.column_names().count() + 1;
        crate::reserve_memory(data.data.len().saturating_mul(columns).saturating_mul(96));
        let scores = chiso::score(&self.definition, &data.data, &options.score()).map_err(error::to_js)?;
        Ok(ScoresHandle::new(scores))
    }
}
