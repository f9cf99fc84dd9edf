//! The TypeScript declarations of the package's data types, generated from the Rust types into
//! `types.generated.d.ts` (which `index.d.ts` re-exports), and checked here: `cargo test -p
//! chiso-wasm` fails when the committed file differs from what the Rust types give.
//! `CHISO_BLESS=1 cargo test -p chiso-wasm --lib types` rewrites it.
//!
//! - The spec file format (`chiso::spec::file`), `Labels`, `Scale`, `YearRange` and `Limits`
//!   derive `ts_rs::TS` in the core behind its `ts` feature (on for this crate's tests only).
//! - The score result types live in core files this crate does not touch (`score.rs`,
//!   `rank.rs`): they are mirrored here, and [`mirrors_match_the_core`] serialises real results
//!   (rows, tiers, unpublished ranks, dropped rows, the cell log, stages) and checks that each
//!   mirror reads them with no unknown field and writes them back identically, so a field the
//!   core adds, drops or renames fails the test.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use ts_rs::{Config, TS};

use chiso::spec::file::{
    BandFile, EditionFile, ImputeFile, MissingFile, NodeFile, NormaliseFile, Param, RankFile, ScreenFile, SpecFile,
    TiersFile, TreatFile,
};
use chiso::spec::ts::{AggregationName, NormalisationName};
use chiso::spec::{Labels, Scale, YearRange};
use chiso::Limits;

/// Mirror of [`chiso::Tier`]: a performance tier.
#[derive(Debug, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Band index, 0 for the best band.
    level: usize,
    /// Band label, e.g. `{vi: "Rất tốt", en: "Very good"}`.
    label: Labels,
}

/// Mirror of [`chiso::NodeScore`]: a node's score and rank for one unit.
#[derive(Debug, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NodeScore {
    /// Node id.
    id: String,
    /// Unrounded score.
    score: f64,
    /// Rank among the units of the same year that have a score for this node.
    rank: u32,
}

/// Mirror of [`chiso::ScoreRow`]: one unit's result for one year.
#[derive(Debug, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScoreRow {
    /// Unit name (NFC).
    unit: String,
    /// Year, if the data or the options gave one.
    year: Option<i32>,
    /// Headline score, unrounded (format with `formatDecimal`).
    score: f64,
    /// Rank among the units of the same year (and group, under `rank_within`); 1 = best.
    rank: u32,
    /// Number of units ranked that year (in the unit's group, under `rank_within`).
    out_of: u32,
    /// Tier, when the spec has a tier rule for the year.
    tier: Option<Tier>,
    /// `true` when the rank lies beyond the leading group the publisher ranks
    /// (`published_top`): computed, but missing from published tables. Absent otherwise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    unpublished: bool,
    /// Every computed node below the root, in spec order; a node without a value for this unit
    /// (too few of its children present, under an `available` missing-data rule) is absent.
    components: Vec<NodeScore>,
}

/// Mirror of [`chiso::Dropped`]: a data row that was not scored, and why.
#[derive(Debug, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Dropped {
    /// 1-based data row.
    row: usize,
    /// Unit.
    unit: String,
    /// Year.
    year: Option<i32>,
    /// Why, in words.
    reason: String,
}

/// Mirror of [`chiso::CellAction`]: what happened to one cell on its way to a score.
#[derive(Debug, Serialize, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum CellAction {
    /// A missing raw value was filled.
    Imputed {
        /// `mean`, `median`, `previous` or `value`.
        #[ts(type = "\"mean\" | \"median\" | \"previous\" | \"value\"")]
        method: String,
        /// The value used.
        value: f64,
    },
    /// An outlier was pulled in to the next value.
    Winsorised {
        /// Raw value.
        from: f64,
        /// Treated value.
        to: f64,
    },
    /// The indicator was log-transformed (every value of it is logged, once per cell).
    LogTransformed {
        /// Raw value.
        from: f64,
        /// Treated value.
        to: f64,
    },
    /// Points above the maximum were capped.
    Capped {
        /// Raw value.
        from: f64,
        /// Capped value.
        to: f64,
    },
}

/// Mirror of [`chiso::CellNote`]: one entry of the cell log.
#[derive(Debug, Serialize, Deserialize, TS)]
pub struct CellNote {
    /// Unit.
    unit: String,
    /// Year.
    year: Option<i32>,
    /// Node (indicator) id.
    node: String,
    /// What happened.
    #[serde(flatten)]
    #[ts(flatten)]
    action: CellAction,
}

/// Mirror of [`chiso::Stages`]: every indicator's values at each stage, aligned with the rows
/// (`null` = missing or not part of that row's edition).
#[derive(Debug, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Stages {
    /// Ids of the indicators (nodes read from data columns), in spec order.
    nodes: Vec<String>,
    /// Raw values, `[indicator][row]`.
    raw: Vec<Vec<Option<f64>>>,
    /// After imputation and outlier treatment.
    treated: Vec<Vec<Option<f64>>>,
    /// After normalisation: what enters aggregation.
    normalised: Vec<Vec<Option<f64>>>,
}

/// Mirror of [`chiso::Scores`]: the result of `score`, `scoreCsv` and `Scores.toJSON()`, one
/// row per input row scored, in input order.
#[derive(Debug, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScoreResult {
    /// Index id.
    index: String,
    /// Decimals for display.
    precision: u32,
    /// Whether any year had a tier rule.
    has_tiers: bool,
    /// The rows.
    rows: Vec<ScoreRow>,
    /// Input rows not scored (screened out, or without enough data for the headline score).
    dropped: Vec<Dropped>,
    /// Imputed and treated cells.
    log: Vec<CellNote>,
    /// Indicator values at each stage (only when asked for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    stages: Option<Stages>,
}

/// The file that holds the generated declarations, next to `index.d.ts`.
const GENERATED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/types.generated.d.ts");

/// One declaration, exported, with its Rust doc comment as JSDoc.
fn declaration<T: TS + ?Sized>(out: &mut String, cfg: &Config) {
    if let Some(docs) = T::docs() {
        let _ = writeln!(out, "{}", docs.trim_end());
    }
    let _ = writeln!(out, "export {}\n", T::decl(cfg));
}

/// The text of `types.generated.d.ts`.
fn generate() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by `cargo test -p chiso-wasm` (bindings/wasm/src/types.rs): do not\n\
         // edit. `CHISO_BLESS=1 cargo test -p chiso-wasm --lib types` rewrites it; the test fails while\n\
         // it differs from what the Rust types give. index.d.ts re-exports these types.\n\n\
         // --- the spec file format (chiso::spec::file) ---\n\n",
    );
    declaration::<SpecFile>(&mut out, &cfg);
    declaration::<NodeFile>(&mut out, &cfg);
    declaration::<AggregationName>(&mut out, &cfg);
    declaration::<NormaliseFile>(&mut out, &cfg);
    declaration::<NormalisationName>(&mut out, &cfg);
    declaration::<Param>(&mut out, &cfg);
    declaration::<MissingFile>(&mut out, &cfg);
    declaration::<ImputeFile>(&mut out, &cfg);
    declaration::<TreatFile>(&mut out, &cfg);
    declaration::<ScreenFile>(&mut out, &cfg);
    declaration::<RankFile>(&mut out, &cfg);
    declaration::<TiersFile>(&mut out, &cfg);
    declaration::<BandFile>(&mut out, &cfg);
    declaration::<EditionFile>(&mut out, &cfg);
    declaration::<Labels>(&mut out, &cfg);
    declaration::<Scale>(&mut out, &cfg);
    declaration::<YearRange>(&mut out, &cfg);
    out.push_str("// --- limits (chiso::Limits) ---\n\n");
    declaration::<Limits>(&mut out, &cfg);
    out.push_str("// --- score results (mirrors of chiso::Scores and its parts, checked against them) ---\n\n");
    declaration::<ScoreResult>(&mut out, &cfg);
    declaration::<ScoreRow>(&mut out, &cfg);
    declaration::<NodeScore>(&mut out, &cfg);
    declaration::<Tier>(&mut out, &cfg);
    declaration::<Dropped>(&mut out, &cfg);
    declaration::<CellNote>(&mut out, &cfg);
    declaration::<CellAction>(&mut out, &cfg);
    declaration::<Stages>(&mut out, &cfg);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn generated_declarations_are_up_to_date() {
    let generated = generate();
    if std::env::var_os("CHISO_BLESS").is_some() {
        std::fs::write(GENERATED, &generated).expect("write types.generated.d.ts");
        return;
    }
    let committed = std::fs::read_to_string(GENERATED).unwrap_or_default();
    assert!(
        committed == generated,
        "bindings/wasm/types.generated.d.ts differs from the Rust types; regenerate it with \
         `CHISO_BLESS=1 cargo test -p chiso-wasm --lib types` and commit it"
    );
}

/// Checks that `T` reads `value` (no unknown field, for structs) and writes it back unchanged
/// (so a field `T` lacks, which reading would drop, fails too).
fn round_trips<T: Serialize + for<'de> Deserialize<'de>>(value: &serde_json::Value, what: &str) {
    let mirror: T = serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(&serde_json::to_value(&mirror).expect("serialise"), value, "{what}");
}

#[test]
fn mirrors_match_the_core() {
    // Tiers by rank, a published top 1, a unit screened out, an imputed and a capped cell.
    let spec = r#"{
        "id": "t", "root": "t", "published_top": 1,
        "screen": {"min_share": 0.5},
        "tiers": [{"rule": "rank_bands", "bands": [{"label": {"vi": "Tốt", "en": "Good"}, "max_rank": 1},
                                                   {"label": {"vi": "Khá", "en": "Fair"}}]}],
        "nodes": [
            {"id": "t", "aggregation": "weighted_mean", "children": ["a", "b"]},
            {"id": "a", "impute": {"methods": ["mean"]}},
            {"id": "b", "normalise": {"method": "points", "max": 10}}
        ]
    }"#;
    let csv = "unit,year,a,b\nX,2020,1,4\nY,2020,,6\nZ,2020,3,12\nW,2020,,\n";
    let definition = chiso::IndexDefinition::from_json(spec).expect("spec");
    let data = chiso::Dataset::from_csv_str(csv, &chiso::CsvOptions::default()).expect("data");
    let options = chiso::ScoreOptions { stages: true, ..Default::default() };
    let scores = chiso::score(&definition, &data, &options).expect("scores");
    let value = serde_json::to_value(&scores).expect("serialise");
    assert!(!scores.dropped.is_empty() && !scores.log.is_empty(), "the case exercises dropped rows and the log");
    assert!(scores.rows.iter().any(|r| r.unpublished) && scores.rows.iter().any(|r| r.tier.is_some()));
    round_trips::<ScoreResult>(&value, "Scores");
    let without_stages = serde_json::to_value(chiso::score(&definition, &data, &Default::default()).expect("scores"))
        .expect("serialise");
    round_trips::<ScoreResult>(&without_stages, "Scores without stages");
    // Every cell action the core can log has its mirror variant.
    for note in value["log"].as_array().expect("log") {
        round_trips::<CellNote>(note, "CellNote");
    }
}
