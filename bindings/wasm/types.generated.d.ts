// Generated from the Rust types by `cargo test -p chiso-wasm` (bindings/wasm/src/types.rs): do not
// edit. `CHISO_BLESS=1 cargo test -p chiso-wasm --lib types` rewrites it; the test fails while
// it differs from what the Rust types give. index.d.ts re-exports these types.

// --- the spec file format (chiso::spec::file) ---

/**
 * A specification file: one tree, optionally with editions that change it by year.
 */
export type SpecFile = { 
/**
 * Index id, e.g. `pci`.
 */
id: string, 
/**
 * Name of the index.
 */
label?: Labels, 
/**
 * Free text: publisher, sources, caveats.
 */
description?: string, 
/**
 * Id of the root node (the headline score).
 */
root: string, 
/**
 * Decimals shown when scores are displayed (default 2).
 */
precision?: number, 
/**
 * Ranking rule (default: unrounded scores, competition ranking).
 */
rank?: RankFile, 
/**
 * The years this single-edition spec applies to (omit for any year).
 */
edition?: YearRange, 
/**
 * Rank units separately within each value of this data column (e.g. DDCI's districts
 * and departments in one table): ranks, `out_of` and tiers are per group.
 */
rank_within?: string, 
/**
 * Ranks are published only for the leading N units: `published_rank` is missing beyond.
 */
published_top?: number, 
/**
 * Tier rules; each may be limited to a range of years.
 */
tiers?: Array<TiersFile>, 
/**
 * Default rule for groups with children missing (default: fail).
 */
missing?: MissingFile, 
/**
 * Default imputation of missing raw values (default: none).
 */
impute?: ImputeFile, 
/**
 * Default outlier treatment of raw indicators (default: none).
 */
treat?: TreatFile, 
/**
 * Screening of units with too little data (default: none).
 */
screen?: ScreenFile, 
/**
 * Other spellings of unit names, by the name results use: a spreadsheet's `BRVT` or
 * `TT-Hue` read as `Bà Rịa - Vũng Tàu` or `Thừa Thiên Huế` (matched after NFC, ignoring
 * case; every match is reported).
 */
unit_aliases?: { [key in string]: Array<string> }, 
/**
 * The nodes of the tree, in any order.
 */
nodes: Array<NodeFile>, 
/**
 * Editions: year ranges with their changes to the base tree.
 */
editions?: Array<EditionFile>, };

/**
 * One node as written in a file.
 */
export type NodeFile = { 
/**
 * Unique id; also the data column that holds the node's values.
 */
id: string, 
/**
 * Labels in Vietnamese and English (default: the id).
 */
label?: Labels, 
/**
 * Other column headers that hold this node's values, as publishers print them (e.g.
 * `Sub-Index 3: Transparency`): a spreadsheet column with this header (or the id or a
 * label; NFC, spaces collapsed, case ignored) is read as the node's column.
 */
aliases?: Array<string>, 
/**
 * Weight relative to its siblings (default 1).
 */
weight?: number, 
/**
 * `higher_is_better` (default) or `lower_is_better`.
 */
direction?: "higher_is_better" | "lower_is_better", 
/**
 * The range of the node's score.
 */
scale?: Scale, 
/**
 * How the children are combined (groups only).
 */
aggregation?: AggregationMethod, 
/**
 * Most points the node can score (a criterion's or an area's maximum). On a node whose
 * values are read as they are, values must lie in 0..max; a `weighted_sum` group without
 * one gets Σ wᵢ·maxᵢ of its children.
 */
max?: number, 
/**
 * The group's result is 100 · Σ wᵢxᵢ / Σ wᵢ·maxᵢ over the children present: points
 * obtained as a percentage of the points possible (PAR INDEX, e-government levels).
 */
percent_of_max?: boolean, 
/**
 * Factor applied to the aggregated value (PCI: 10, so that 1–10 sub-indices give 10–100).
 */
multiplier?: number, 
/**
 * How a leaf's raw values are rescaled before aggregation (default: used as they are).
 */
normalise?: NormaliseFile, 
/**
 * This group's rule for missing children (overrides the spec's).
 */
missing?: MissingFile, 
/**
 * This leaf's imputation (overrides the spec's).
 */
impute?: ImputeFile, 
/**
 * This leaf's outlier treatment (overrides the spec's).
 */
treat?: TreatFile, 
/**
 * Ids of the children (empty for a leaf).
 */
children?: Array<string>, };

export type AggregationMethod = "weighted_mean" | "weighted_sum" | "geometric_mean" | "harmonic_mean" | "minimum" | "maximum" | "median" | "copeland";

/**
 * A normalisation as written in a file: a method name and its parameters, e.g.
 * `{ method = "min_max", low = 0, high = 100 }` (see `docs/spec.md` for every method).
 *
 * Parameters are kept as a map so that validation can name the node and the parameter
 * when one is unknown or of the wrong type.
 */
export type NormaliseFile = { 
/**
 * Method name.
 */
method: NormalisationMethod, } & ({ [key in string]: boolean | number | string });

export type NormalisationMethod = "none" | "min_max" | "z_score" | "rank" | "percentile_rank" | "borda" | "goalposts" | "distance_to_target" | "distance_to_reference" | "distance_to_max" | "ratio_to_max" | "points";

/**
 * A parameter value in a file.
 */
export type Param = boolean | number | string;

/**
 * A rule for missing children as written in a file.
 */
export type MissingFile = { 
/**
 * `fail` or `available`.
 */
rule: "fail" | "available", 
/**
 * `available`: share of the children (or of their weight) required, 0–1 (default 0.5).
 */
min_share?: number, 
/**
 * `count` or `weight` (default `weight`).
 */
share_of?: "count" | "weight", };

/**
 * An imputation as written in a file.
 */
export type ImputeFile = { 
/**
 * Methods tried in order: `mean`, `median`, `previous`, `value` (empty: no imputation).
 */
methods: Array<"mean" | "median" | "previous" | "value">, 
/**
 * The value for `value`.
 */
value?: number, 
/**
 * Column grouping units for `mean` and `median` (e.g. `region`).
 */
group_column?: string, };

/**
 * An outlier treatment as written in a file.
 */
export type TreatFile = { 
/**
 * `winsorise` (COINr's default treatment) or `none`.
 */
method: "winsorise" | "none", 
/**
 * Most values winsorised (default 5).
 */
max_points?: number, 
/**
 * Absolute skewness threshold (default 2).
 */
skewness?: number, 
/**
 * Kurtosis threshold (default 3.5).
 */
kurtosis?: number, 
/**
 * Log-transform when winsorising is not enough (default true).
 */
log_fallback?: boolean, };

/**
 * A screening rule as written in a file.
 */
export type ScreenFile = { 
/**
 * Share of leaf indicators a unit must have (before imputation), 0–1.
 */
min_share: number, };

/**
 * A ranking rule as written in a file.
 */
export type RankFile = { 
/**
 * `unrounded` (default) or `rounded`.
 */
on?: "unrounded" | "rounded", 
/**
 * Decimals when ranking on rounded scores.
 */
decimals?: number, 
/**
 * `competition` (1, 2, 2, 4; default) or `dense` (1, 2, 2, 3).
 */
ties?: "competition" | "dense", };

/**
 * A tier rule as written in a file.
 */
export type TiersFile = { 
/**
 * `score_bands`, `rank_bands` or `quantile_groups`.
 */
rule: "score_bands" | "rank_bands" | "quantile_groups", 
/**
 * `quantile_groups`: `linear` (R type 7, default) or `nearest_rank` (R type 1) percentiles.
 */
percentile?: "linear" | "nearest_rank", 
/**
 * `quantile_groups`: a score equal to a cut goes to the `upper` (default) or `lower` group.
 */
ties?: "upper" | "lower", 
/**
 * First year the rule applies to (omit for no lower limit).
 */
from?: number, 
/**
 * Last year the rule applies to (omit for no upper limit).
 */
to?: number, 
/**
 * Bands, best first.
 */
bands: Array<BandFile>, 
/**
 * Where the rule comes from, how sure it is.
 */
note?: string, };

/**
 * One tier band as written in a file.
 */
export type BandFile = { 
/**
 * Tier label.
 */
label: Labels, 
/**
 * `score_bands`: lowest score in the band (omit on the last band: everything below).
 */
min?: number, 
/**
 * `rank_bands`: worst rank in the band (omit on the last band: every other rank).
 */
max_rank?: number, };

/**
 * An edition: the base tree with changes, for a range of years.
 */
export type EditionFile = { 
/**
 * First year.
 */
from: number, 
/**
 * Last year.
 */
to: number, 
/**
 * Weights that differ from the base tree.
 */
weights?: { [key in string]: number }, 
/**
 * Maxima (`max`) that differ from the base tree.
 */
maxima?: { [key in string]: number }, 
/**
 * Ranking rule of this edition (e.g. rounded to the decimals published that year).
 */
rank?: RankFile, 
/**
 * Display decimals of this edition.
 */
precision?: number, 
/**
 * Ranks published only for the leading N units in this edition.
 */
published_top?: number, 
/**
 * Nodes (with their subtrees) absent from this edition.
 */
remove?: Array<string>, 
/**
 * Where the edition comes from.
 */
note?: string, };

/**
 * A label in Vietnamese and English.
 */
export type Labels = { 
/**
 * Vietnamese.
 */
vi: string, 
/**
 * English (falls back to Vietnamese when empty).
 */
en?: string, };

/**
 * The range a node's score lies in; input values outside it are rejected.
 */
export type Scale = { 
/**
 * Lowest possible score.
 */
min: number, 
/**
 * Highest possible score.
 */
max: number, };

/**
 * A closed range of years.
 */
export type YearRange = { 
/**
 * First year.
 */
from: number, 
/**
 * Last year.
 */
to: number, };

// --- limits (chiso::Limits) ---

/**
 * Upper bounds on the size of untrusted input. Each check names the limit it hit.
 *
 * As data (serde, e.g. the `limits` option of the JS package) the fields keep their names.
 */
export type Limits = { 
/**
 * Largest specification text or data file, in bytes.
 */
max_bytes: number, 
/**
 * Deepest node tree (the root is at depth 0).
 */
max_depth: number, 
/**
 * Most nodes in a specification, counted over all its editions (each edition is a tree
 * of its own to validate and score).
 */
max_nodes: number, 
/**
 * Most data rows.
 */
max_rows: number, 
/**
 * Most data columns.
 */
max_columns: number, 
/**
 * Most values in a table: input rows × columns, and scored rows × computed nodes.
 */
max_cells: number, 
/**
 * Most samples a simulation (uncertainty, sensitivity) may draw.
 */
max_samples: number, };

// --- score results (chiso::Scores and its parts) ---

/**
 * The result of [`score`]: one row per input row scored, in input order.
 */
export type ScoreResult = { 
/**
 * Index id.
 */
index: string, 
/**
 * Decimals for display.
 */
precision: number, 
/**
 * Whether any year had a tier rule.
 */
has_tiers: boolean, 
/**
 * The rows.
 */
rows: Array<ScoreRow>, 
/**
 * Input rows not scored (screened out, or without enough data for the headline score).
 */
dropped: Array<Dropped>, 
/**
 * Imputed and treated cells.
 */
log: Array<CellNote>, 
/**
 * Indicator values at each stage, when [`ScoreOptions::stages`] asked for them.
 */
stages?: Stages, };

/**
 * One unit's result for one year.
 */
export type ScoreRow = { 
/**
 * Unit name (NFC).
 */
unit: string, 
/**
 * Year, if the data or the options gave one.
 */
year: number | null, 
/**
 * Headline score, unrounded.
 */
score: number, 
/**
 * Rank among the units of the same year (and group, under `rank_within`).
 */
rank: number, 
/**
 * Number of units ranked that year (in the unit's group, under `rank_within`).
 */
out_of: number, 
/**
 * Tier, when the spec has a tier rule for the year.
 */
tier: Tier | null, 
/**
 * Whether the rank lies beyond the leading group the publisher ranks (`published_top`):
 * such a rank is computed but not published, so it is missing from published tables.
 */
unpublished?: boolean, 
/**
 * Every computed node below the root, in spec order; a node without a value for this
 * unit (too few of its children present, under an `available` missing-data rule) is absent.
 */
components: Array<NodeScore>, };

/**
 * A node's score and rank for one unit.
 */
export type NodeScore = { 
/**
 * Node id.
 */
id: string, 
/**
 * Unrounded score.
 */
score: number, 
/**
 * Rank among the units of the same year that have a score for this node.
 */
rank: number, };

/**
 * A unit's performance tier: its position among the rule's bands (0 = best) and its label.
 */
export type Tier = { 
/**
 * Band index, 0 for the best band.
 */
level: number, 
/**
 * Band label.
 */
label: Labels, };

/**
 * A data row that was not scored, and why.
 */
export type Dropped = { 
/**
 * 1-based data row.
 */
row: number, 
/**
 * Unit.
 */
unit: string, 
/**
 * Year.
 */
year: number | null, 
/**
 * Why, in words.
 */
reason: string, };

/**
 * One entry of the cell log.
 */
export type CellNote = { 
/**
 * Unit.
 */
unit: string, 
/**
 * Year.
 */
year: number | null, 
/**
 * Node (indicator) id.
 */
node: string, } & ({ "action": "imputed", 
/**
 * `mean`, `median`, `previous` or `value`.
 */
method: "mean" | "median" | "previous" | "value", 
/**
 * The value used.
 */
value: number, } | { "action": "winsorised", 
/**
 * Raw value.
 */
from: number, 
/**
 * Treated value.
 */
to: number, } | { "action": "log_transformed", 
/**
 * Raw value.
 */
from: number, 
/**
 * Treated value.
 */
to: number, } | { "action": "capped", 
/**
 * Raw value.
 */
from: number, 
/**
 * Capped value.
 */
to: number, });

/**
 * What happened to one cell on its way to a score.
 */
export type CellAction = { "action": "imputed", 
/**
 * `mean`, `median`, `previous` or `value`.
 */
method: "mean" | "median" | "previous" | "value", 
/**
 * The value used.
 */
value: number, } | { "action": "winsorised", 
/**
 * Raw value.
 */
from: number, 
/**
 * Treated value.
 */
to: number, } | { "action": "log_transformed", 
/**
 * Raw value.
 */
from: number, 
/**
 * Treated value.
 */
to: number, } | { "action": "capped", 
/**
 * Raw value.
 */
from: number, 
/**
 * Capped value.
 */
to: number, };

/**
 * Every indicator's values at each stage, aligned with [`Scores::rows`] (`None` = missing or
 * not part of that row's edition).
 */
export type Stages = { 
/**
 * Ids of the indicators (nodes read from data columns), in spec order.
 */
nodes: Array<string>, 
/**
 * Raw values, `[indicator][row]`.
 */
raw: Array<Array<number | null>>, 
/**
 * After imputation and outlier treatment.
 */
treated: Array<Array<number | null>>, 
/**
 * After normalisation: what enters aggregation.
 */
normalised: Array<Array<number | null>>, };
