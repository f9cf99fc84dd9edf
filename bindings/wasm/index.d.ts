// Types of the chiso package (for index.js; checked by `tsc --noEmit -p .`).
//
// The data types — the spec file format, the limits and the score results — are generated from
// the Rust types into types.generated.d.ts (`cargo test -p chiso-wasm` fails when that file is
// out of date; `CHISO_BLESS=1 cargo test -p chiso-wasm --lib types` rewrites it) and re-exported
// here. The functions, classes and options are declared below.
//
// Field names of results are those of the Rust core's serde output (snake_case), so the same
// JSON reads the same in Rust, Python and JavaScript. Absent values are `null`.

import type {
  AggregationMethod,
  BandFile,
  CellNote,
  Dropped,
  EditionFile,
  Labels,
  Limits,
  NodeFile,
  NormaliseFile,
  RankFile,
  ScoreResult,
  ScoreRow,
  SpecFile,
  Tier,
  TiersFile,
  YearRange,
} from "./types.generated.js";

export type * from "./types.generated.js";

// ---------------------------------------------------------------------------------------
// Specifications (the JSON file form: SpecFile and its parts, generated)
// ---------------------------------------------------------------------------------------

/** A label as written in a spec: `en` may be omitted. */
export type LabelsInput = Labels;

/** How a group combines its children's scores. */
export type Aggregation = AggregationMethod;

/** Whether a higher score is better. */
export type Direction = NonNullable<NodeFile["direction"]>;

/** How a leaf's raw values are rescaled across the units of one year: a method and its parameters. */
export type Normalisation = NormaliseFile;

/** One node of the index tree. Its id is also the data column holding its values. */
export type SpecNode = NodeFile;

/** The ranking rule (default: unrounded scores, competition ranking "1224"). */
export type RankRule = RankFile;

/** One tier band, best first. */
export type TierBand = BandFile;

/** A tier rule, optionally limited to a range of years. */
export type TierRule = TiersFile;

/** An edition: the base tree with other weights and without some nodes, for a range of years. */
export type Edition = EditionFile;

/**
 * What every function accepts as a spec: a preset id (`"pci"`), a {@link SpecFile} object, or
 * the text of a JSON specification. (TOML text, which the Rust crate and the CLI read, throws a
 * {@link SpecError}: this package leaves the TOML parser out to stay small.)
 */
export type SpecInput = string | SpecFile;

// ---------------------------------------------------------------------------------------
// Data and options
// ---------------------------------------------------------------------------------------

/**
 * One cell: a number, text (a unit name, or a number written as text such as `"63,01"`,
 * decimal commas accepted), or `null`/`undefined` for a missing value.
 */
export type Cell = number | string | null | undefined;

/**
 * One input row: the unit name (key `unit`, or `options.unitColumn`), optionally the year
 * (key `year`, or `options.yearColumn`), and a value per node id, e.g.
 * `{unit: "Quảng Ninh", year: 2019, entry_costs: 7.16, land_access: "7,00", …}`.
 * Other keys are ignored unless `strict` is set.
 */
export interface Row {
  /** Unit name (trimmed and put in Unicode NFC by chiso). */
  unit?: string;
  /** Year (a whole number, or text such as `"2019"`). */
  year?: number | string | null;
  /** Values by node id. */
  [column: string]: Cell;
}

/**
 * A table as columns, for {@link scoreColumns}: unit names (key `unit`, or
 * `options.unitColumn`), optionally years (key `year`, or `options.yearColumn`), and one column
 * of numbers per node id. Typed arrays are copied in one step; in plain arrays `null` and
 * `undefined` are missing values; NaN is missing in both.
 * @example {unit: ["Quảng Ninh", "Đà Nẵng"], year: [2016, 2016], entry_costs: new Float64Array([9.28, 9.22]), …}
 */
export interface Columns {
  [column: string]: readonly string[] | ArrayLike<number | null | undefined>;
}

/** Options of {@link scoreColumns}. */
export type ColumnScoreOptions = Omit<ScoreOptions, "limits">;

/** One node's scores and ranks as columns (score NaN and rank 0 where the row's edition lacks the node). */
export interface ComponentColumns {
  /** Unrounded scores, one per row. */
  score: Float64Array;
  /** Ranks among the units of the same year. */
  rank: Uint32Array;
}

/** The result of {@link scoreColumns} and {@link Scores.columns}: the scores as columns, one entry per input row, in input order. */
export interface ColumnScores {
  /** Index id. */
  index: string;
  /** Decimals for display. */
  precision: number;
  /** Whether any year had a tier rule. */
  has_tiers: boolean;
  /** Unit names (trimmed, NFC). */
  unit: string[];
  /** Years, or `null` without a year column. */
  year: Int32Array | null;
  /** Headline scores, unrounded. */
  score: Float64Array;
  /** Ranks among the units of the same year. */
  rank: Uint32Array;
  /** Units ranked in the row's year. */
  out_of: Uint32Array;
  /** Index into `tiers`, or -1 without a tier. */
  tier: Int32Array;
  /** The distinct tiers that `tier` points to. */
  tiers: Tier[];
  /** Every computed node below the root, by id, in spec order. */
  components: Record<string, ComponentColumns>;
}

/** A CSV field separator; by default detected from the header line. */
export type Delimiter = "," | ";" | "\t";

/**
 * The `limits` option: `"browser"` (the default, {@link browserLimits}), `"default"` (the CLI's
 * and Python's, {@link defaultLimits}), or some limits raised (or lowered) over the browser's,
 * e.g. `{max_rows: 1_000_000, max_cells: 100_000_000}`.
 */
export type LimitsInput = "browser" | "default" | Partial<Limits>;

/** Options of {@link Dataset.fromColumns} and {@link Dataset.fromRows}. */
export interface DatasetOptions {
  /** Key (column) holding unit names (default `unit`). */
  unitColumn?: string;
  /** Key (column) holding years (default `year`). */
  yearColumn?: string;
  /** Limits the data is read within and scored within (default: the browser limits). */
  limits?: LimitsInput;
}

/** Options of {@link Dataset.fromCsv}. */
export interface CsvDatasetOptions extends DatasetOptions {
  /** Field separator (default: detected from the header line). */
  delimiter?: Delimiter;
}

/** Options of {@link Spec.score}. */
export interface SpecScoreOptions {
  /** Score only this year; without a year column, the year whose edition applies. */
  year?: number | null;
  /** Reject columns that are not node ids (default false). */
  strict?: boolean;
}

/** Options of {@link score}. */
export interface ScoreOptions {
  /** Limits of the spec and the data (default: the browser limits). */
  limits?: LimitsInput;
  /** Score only this year; without a year column, the year whose edition applies. */
  year?: number;
  /** Key (column) holding unit names (default `unit`). */
  unitColumn?: string;
  /** Key (column) holding years (default `year`). */
  yearColumn?: string;
  /** Reject columns that are not node ids (default false). */
  strict?: boolean;
}

/** Options of {@link scoreCsv}. */
export interface CsvScoreOptions extends ScoreOptions {
  /** Field separator (default: detected; `;` and tab files may use decimal commas). */
  delimiter?: Delimiter;
}

/**
 * A unit mapping for comparisons across merges, splits and renames: `"vn-provinces"` (the
 * provincial changes of 2004–2025 shipped with chiso) or the text of a mapping CSV with
 * columns `old_province,new_province,effective_date[,change_type]`.
 */
export type UnitMap = "vn-provinces" | (string & {});

/** Options of {@link compare}. */
export interface CompareOptions {
  /** Key (column) holding unit names (default `unit`). */
  unitColumn?: string;
  /** Key (column) holding years (default `year`). */
  yearColumn?: string;
  /** Match units through a mapping (default: by name only). */
  unitMap?: UnitMap;
}

/** Options of {@link compareCsv}. */
export interface CsvCompareOptions extends CompareOptions {
  /** Field separator (default: detected). */
  delimiter?: Delimiter;
}

/** Options shared by the analyses of one unit ({@link diagnose}, {@link plan}, {@link report}). */
export interface UnitOptions {
  /** The unit analysed, e.g. `"Nam Định"` (matched after NFC normalisation). */
  unit: string;
  /** The year; its units are the field the unit is measured against. */
  year?: number;
  /** Key (column) holding unit names (default `unit`). */
  unitColumn?: string;
  /** Key (column) holding years (default `year`). */
  yearColumn?: string;
}

/** Options of {@link diagnose}. */
export interface DiagnoseOptions extends UnitOptions {
  /** The year to compare with (default: the year before `year`, when the data has it). */
  from?: number;
  /** `sub_indices` (default), or `indicators`: the raw indicators below them ({@link IndicatorsDiagnosis}). */
  level?: "sub_indices" | "indicators";
}

/** Options of {@link diagnoseCsv}. */
export interface CsvDiagnoseOptions extends DiagnoseOptions {
  /** Field separator (default: detected). */
  delimiter?: Delimiter;
}

/**
 * A plan target as text, parsed by the core: `top:N` or `rank:N` (rank N or better),
 * `score:S` (a composite, decimal comma accepted) or `gain:K` (K places up).
 */
export type TargetText = `${"top" | "rank" | "score" | "gain"}:${string}`;

/** How the other units move while the planned unit improves. */
export type PlanField = "fixed" | "trend";

/** Options of {@link plan}. */
export interface PlanOptions extends UnitOptions {
  /** What the plan must reach, e.g. `"top:10"`. */
  target: TargetText;
  /** Largest gain allowed per sub-index id (on top of its scale maximum); ≥ 0. */
  caps?: Record<string, number>;
  /** Cost of one point per sub-index id (default 1: the fewest total points); > 0. */
  costs?: Record<string, number>;
  /** `fixed` (default): the other units keep their scores; `trend`: each moves by its own average yearly change. */
  field?: PlanField;
  /** `sub_indices` (default), or `indicators`: plan over the raw indicators ({@link IndicatorPlan}; caps and costs then name indicators, in raw units). */
  level?: "sub_indices" | "indicators";
  /** Indicator plans: let indicators pass the best value any unit reached that year (default false). */
  beyondBest?: boolean;
}

/** Options of {@link planCsv}. */
export interface CsvPlanOptions extends PlanOptions {
  /** Field separator (default: detected). */
  delimiter?: Delimiter;
}

/** Options of {@link report}. */
export interface ReportOptions extends UnitOptions {
  /** Target of the report's plan (default: the top 10, or the top third of a field under 30 units). */
  target?: TargetText;
  /** Language of the text and decimal mark (default `vi`, decimal commas). */
  lang?: "vi" | "en";
  /** `md` (Markdown, default) or `html` (a standalone page with inline SVG radar and bar charts). */
  format?: "md" | "html";
}

/** Options of {@link reportCsv}. */
export interface CsvReportOptions extends ReportOptions {
  /** Field separator (default: detected). */
  delimiter?: Delimiter;
}

// ---------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------

/** Whether a unit is in both periods of a comparison. */
export type Presence = "both" | "only_from" | "only_to";

/** One unit's change between two periods; fields of a period the unit is absent from are `null`. */
export interface Change {
  /** Unit name. */
  unit: string;
  /** Score in the first period. */
  score_from: number | null;
  /** Score in the second period. */
  score_to: number | null;
  /** `score_to − score_from`, unrounded. */
  score_delta: number | null;
  /** Rank in the first period. */
  rank_from: number | null;
  /** Rank in the second period. */
  rank_to: number | null;
  /** Places gained: `rank_from − rank_to`, positive when the unit moved up. */
  rank_change: number | null;
  /** Tier in the first period. */
  tier_from: Tier | null;
  /** Tier in the second period. */
  tier_to: Tier | null;
  /** Which periods the unit is in. */
  presence: Presence;
  /** What a unit mapping says about the unit (renamed, absorbed, merged into, split from). */
  note: string | null;
}

/** The result of {@link compare}: ordered by the second period's rank, then units only in the first. */
export interface Comparison {
  /** Index id. */
  index: string;
  /** First period. */
  from: number | null;
  /** Second period. */
  to: number | null;
  /** Decimals for display. */
  precision: number;
  /** The changes. */
  rows: Change[];
}

/** One sub-index (direct child of the root) of a {@link Diagnosis}. */
export interface ComponentDiagnosis {
  /** Node id. */
  id: string;
  /** Labels. */
  label: Labels;
  /** Share of the weight among the root's children (PCI: wᵢ/100). */
  weight: number;
  /** The unit's score. */
  score: number;
  /** Its rank among all units that year. */
  rank: number;
  /** Median of all units that year. */
  median: number;
  /** Best score that year. */
  leader: number;
  /** The unit with the best score (the first by name among exact ties). */
  leader_unit: string;
  /** `median − score` (positive: below the median). */
  gap_to_median: number;
  /** `leader − score`. */
  gap_to_leader: number;
  /** Composite points gained if this sub-index alone rose to the median (0 if above it). */
  cost_to_median: number;
  /** Composite points gained if this sub-index alone rose to the leader's score. */
  cost_to_leader: number;
  /** Score in the year compared with. */
  previous: number | null;
  /** `score − previous`. */
  change: number | null;
  /** Places gained on this sub-index (positive = up). */
  rank_change: number | null;
}

/**
 * How the composite's change splits into sub-index contributions (weighted-mean and
 * weighted-sum roots): `total = Σ contributions + weight_effect`.
 */
export interface Decomposition {
  /** Composite change. */
  total: number;
  /** `[id, points]` per sub-index present in both years, in spec order. */
  contributions: [string, number][];
  /** The effect of changed weights and of sub-indices added or dropped between editions. */
  weight_effect: number;
}

/** The result of {@link diagnose}: one unit in one year. */
export interface Diagnosis {
  /** Index id. */
  index: string;
  /** Unit (NFC). */
  unit: string;
  /** Year. */
  year: number | null;
  /** Composite, unrounded. */
  score: number;
  /** Rank. */
  rank: number;
  /** Units ranked. */
  out_of: number;
  /** Tier. */
  tier: Tier | null;
  /** The year compared with, when the data has it. */
  previous_year: number | null;
  /** Composite that year. */
  previous_score: number | null;
  /** Rank that year. */
  previous_rank: number | null;
  /** Composite change. */
  score_change: number | null;
  /** Places gained (positive = up). */
  rank_change: number | null;
  /** Every sub-index, in spec order. */
  components: ComponentDiagnosis[];
  /** Ids of sub-indices below the median, costliest first (then those below the leader). */
  weakest: string[];
  /** Ids of sub-indices whose score fell, largest fall first. */
  fell: string[];
  /** Year-over-year decomposition (linear roots with a previous year only). */
  decomposition: Decomposition | null;
}

/** A parsed plan target: `top:N` and `rank:N` are `{kind: "rank", value: N}`. */
export type Target =
  | { kind: "score"; value: number }
  | { kind: "rank"; value: number }
  | { kind: "gain"; value: number };

/** One sub-index of a {@link Plan}. */
export interface PlanStep {
  /** Node id. */
  id: string;
  /** Labels. */
  label: Labels;
  /** Score now. */
  current: number;
  /** Required gain (0 when untouched). */
  gain: number;
  /** `current + gain`. */
  planned: number;
  /** Largest gain allowed: the scale maximum and the cap (`Infinity` when neither bounds it). */
  max_gain: number;
  /** Cost per point. */
  cost: number;
}

/** The result of {@link plan}: the smallest improvement that reaches the target, and what it achieves. */
/** One indicator of {@link IndicatorsDiagnosis} (raw values; `null` where not defined). */
export interface IndicatorDiagnosis {
  id: string;
  label: Labels;
  sub_index: string;
  higher_is_better: boolean;
  value: number;
  median: number;
  best: number;
  best_unit: string;
  contribution_to_sub_index: number | null;
  contribution_to_composite: number | null;
  gain_to_median: number;
  gain_to_best: number;
  previous: number | null;
  change: number | null;
  change_effect: number | null;
}

/** A diagnosis with `level: "indicators"`: every indicator below the sub-indices. */
export interface IndicatorsDiagnosis {
  index: string;
  unit: string;
  year: number | null;
  score: number;
  rank: number;
  out_of: number;
  previous_year: number | null;
  indicators: IndicatorDiagnosis[];
  weakest: string[];
  fell: string[];
}

/** One indicator moved by an {@link IndicatorPlan}. */
export interface IndicatorStep {
  id: string;
  label: Labels;
  sub_index: string;
  higher_is_better: boolean;
  current: number;
  planned: number;
  bound: number;
  cost: number;
  points_per_unit: number;
}

/** A plan with `level: "indicators"`: the indicators moved, largest composite effect first. */
export interface IndicatorPlan {
  index: string;
  unit: string;
  year: number | null;
  threshold: number;
  reachable: boolean;
  score_now: number;
  score_planned: number;
  rank_now: number;
  rank_planned: number;
  out_of: number;
  total_cost: number;
  steps: IndicatorStep[];
}

export interface Plan {
  /** Index id. */
  index: string;
  /** Unit (NFC). */
  unit: string;
  /** Year whose field is planned against. */
  year: number | null;
  /** The target. */
  target: Target;
  /** The composite the target requires (unrounded; `-Infinity` when any score reaches it). */
  threshold: number;
  /** Whether the target can be reached within the scales and caps. */
  reachable: boolean;
  /** Composite now. */
  score_now: number;
  /** Composite with the plan (every gain at its maximum when unreachable). */
  score_planned: number;
  /** Rank now. */
  rank_now: number;
  /** Rank with the plan, against the same field. */
  rank_planned: number;
  /** Units ranked. */
  out_of: number;
  /** Σ gains. */
  total_gain: number;
  /** Σ cost × gain. */
  total_cost: number;
  /** Every sub-index, in spec order. */
  steps: PlanStep[];
}

/** The result of {@link validateSpec} for a valid spec. */
export interface ValidSpec {
  /** The spec passed every check. */
  valid: true;
  /** Index id. */
  id: string;
  /** Name of the index. */
  label: Labels;
  /** Year ranges of the editions (empty when the spec applies to any year). */
  editions: YearRange[];
  /** No error. */
  error: null;
}

/** The result of {@link validateSpec} for an invalid spec. */
export interface InvalidSpec {
  /** The spec failed a check. */
  valid: false;
  /** Not known. */
  id: null;
  /** Not known. */
  label: null;
  /** Not known. */
  editions: [];
  /** The first problem found (not thrown). */
  error: SpecError;
}

/** The result of {@link validateSpec}. */
export type Validation = ValidSpec | InvalidSpec;

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

/**
 * The concern of a {@link ChisoError}: `internal` is a bug in chiso (a panic in the core), never
 * a problem with the input; the module is reset and works again for the next call.
 */
export type ErrorCode = "spec" | "data" | "compute" | "internal";

/** Where an error points; each is `null` when the error does not name it. */
export interface ErrorLocation {
  /** The spec node concerned. */
  node?: string | null;
  /** The 1-based data row. */
  row?: number | null;
  /** The unit of that row. */
  unit?: string | null;
  /** The data column. */
  column?: string | null;
  /** The 1-based line of a CSV file. */
  line?: number | null;
}

/**
 * Base class of the errors chiso throws for bad specs, bad data and failed computations.
 * `message` is the core's message, identical in Rust, Python and JavaScript. Wrong argument
 * types (e.g. rows that are not an array) throw a plain `TypeError` instead.
 */
export class ChisoError extends Error {
  /** @param fields the concern and the location. */
  constructor(message: string, fields: ErrorLocation & { code: ErrorCode; variant?: string | null });
  /** `spec`, `data`, `compute`, or `internal` for a bug in chiso. */
  readonly code: ErrorCode;
  /**
   * The core's error variant, finer than `code` (e.g. `TooDeep`, `BadNumber`,
   * `ConstantIndicator`; `Internal` for a bug): the names the bad-input catalogue
   * (docs/bad-input.md) lists.
   */
  readonly variant: string | null;
  /** The spec node concerned. */
  readonly node: string | null;
  /** The 1-based data row. */
  readonly row: number | null;
  /** The unit of that row. */
  readonly unit: string | null;
  /** The data column. */
  readonly column: string | null;
  /** The 1-based line of a CSV file. */
  readonly line: number | null;
}

/** The specification is invalid (parse error, tree, weights, methods, editions, unknown preset). */
export class SpecError extends ChisoError {
  /** @param fields the location. */
  constructor(message: string, fields?: ErrorLocation);
  /** Always `spec`. */
  readonly code: "spec";
}

/** The data is invalid (CSV structure, missing column or value, bad number, out of scale, duplicate unit). */
export class DataError extends ChisoError {
  /** @param fields the location. */
  constructor(message: string, fields?: ErrorLocation);
  /** Always `data`. */
  readonly code: "data";
}

/** The computation cannot give a finite, meaningful result (constant indicator, non-positive value in a geometric mean). */
export class ComputeError extends ChisoError {
  /** @param fields the location. */
  constructor(message: string, fields?: ErrorLocation);
  /** Always `compute`. */
  readonly code: "compute";
}

// ---------------------------------------------------------------------------------------
// Functions
// ---------------------------------------------------------------------------------------

/**
 * CSV input: text, or the bytes of an uploaded file (`await file.arrayBuffer()`), which must be
 * UTF-8 (a DataError names the line of the first invalid byte). The browser build refuses input
 * above its limits (16 MiB, 100,000 rows, 2,000 columns, 2,000,000 values) with a DataError.
 */
export type CsvInput = string | Uint8Array | ArrayBuffer;

/**
 * Ids of the presets shipped with this version.
 * @example presets() // ["pci"]
 */
/**
 * Panics inside the module, for chiso's own tests only (not part of the API): shows that a
 * panic becomes a ChisoError with code `internal` and that the module works afterwards.
 * @internal
 */
export function _panic(message: string): never;

export function presets(): string[];

/**
 * A preset as a spec object: every edition when `year` is omitted, or the standalone spec of
 * the edition covering `year` (explicit weights, that year's tier rule).
 * @example preset("pci", 2010).nodes.find(n => n.id === "pci")?.children?.length // 9
 * @throws {SpecError} for an unknown id, or a year no edition covers.
 */
export function preset(id: string, year?: number | null): SpecFile;

/**
 * Validates a spec with the same checks scoring runs. Findings are data: an invalid spec
 * gives `{valid: false, error}` rather than throwing.
 * @param spec a spec object, JSON text, or a preset id.
 * @throws {TypeError} when `spec` is neither a string nor an object.
 */
export function validateSpec(spec: SpecInput): Validation;

/**
 * Scores and ranks rows given as objects; each year with its own edition, ranked within
 * the year, or only `options.year`.
 * @example score("pci", [{unit: "Quảng Ninh", year: 2019, entry_costs: 7.16, …}]).rows[0].score
 * @throws {SpecError} for an invalid spec or a year without an edition.
 * @throws {DataError} for a missing column or value, a cell that is not a number, a value
 *   outside its scale, or a unit repeated in a year.
 * @throws {ComputeError} when a computation is undefined.
 */
export function score(spec: SpecInput, rows: Row[], options?: ScoreOptions): ScoreResult;

/**
 * Scores and ranks CSV text: `,`-separated with `.` decimals, or `;`/tab-separated with
 * `.` or `,` decimals (as Vietnamese Excel saves it); UTF-8 with or without a BOM.
 * @example scoreCsv("pci", csvText, {unitColumn: "province", year: 2016})
 * @throws {SpecError | DataError | ComputeError} as {@link score}, plus CSV structure errors with `line`.
 */
export function scoreCsv(spec: SpecInput, csvText: CsvInput, options?: CsvScoreOptions): ScoreResult;

/**
 * Scores and ranks a table given as columns, and returns columns (typed arrays): the fast path
 * for large tables (100,000 units and more), where {@link score}'s one object per unit in and
 * one object per unit and node out dominate the time. Same numbers as {@link score}.
 * @example scoreColumns("pci", {unit: ["Quảng Ninh"], year: [2019], entry_costs: [7.16], …}).score[0]
 * @throws {TypeError} when `columns` is not an object of arrays, a unit name is not a string,
 *   or a cell is text (text goes through {@link score} rows or {@link scoreCsv}).
 * @throws {SpecError | DataError | ComputeError} as {@link score}.
 */
export function scoreColumns(spec: SpecInput, columns: Columns, options?: ColumnScoreOptions): ColumnScores;

/**
 * Compares years `from` and `to` (each scored with its own edition): score, rank and tier
 * changes per unit. Units are matched by name, or through `options.unitMap`; units in one
 * year only are kept and marked, never dropped.
 * @throws {SpecError | DataError | ComputeError} as {@link score}.
 */
export function compare(spec: SpecInput, rows: Row[], from: number, to: number, options?: CompareOptions): Comparison;

/**
 * Compares years `from` and `to` of CSV text.
 * @throws {SpecError | DataError | ComputeError} as {@link scoreCsv}.
 */
export function compareCsv(
  spec: SpecInput,
  csvText: CsvInput,
  from: number,
  to: number,
  options?: CsvCompareOptions,
): Comparison;

/**
 * Diagnoses `options.unit` in `options.year`: each sub-index against the median and the
 * leader, what it costs the composite, what fell since `options.from` (default: the year
 * before) and where the composite's change came from.
 * @example diagnoseCsv("pci", csvText, {unit: "Nam Định", year: 2016, unitColumn: "province"}).previous_rank // 17
 * @throws {TypeError} without `options.unit`.
 * @throws {DataError} when the unit is not in the data for the year (with suggestions), or as {@link score}.
 * @throws {SpecError | ComputeError} as {@link score}.
 */
export function diagnose(spec: SpecInput, rows: Row[], options: DiagnoseOptions & { level: "indicators" }): IndicatorsDiagnosis;
export function diagnose(spec: SpecInput, rows: Row[], options: DiagnoseOptions): Diagnosis;

/**
 * Diagnoses one unit from CSV text.
 * @throws {SpecError | DataError | ComputeError} as {@link diagnose} and {@link scoreCsv}.
 */
export function diagnoseCsv(spec: SpecInput, csvText: CsvInput, options: CsvDiagnoseOptions & { level: "indicators" }): IndicatorsDiagnosis;
export function diagnoseCsv(spec: SpecInput, csvText: CsvInput, options: CsvDiagnoseOptions): Diagnosis;

/**
 * Plans the smallest sub-index gains (fewest points, or least cost with `options.costs`)
 * that bring `options.unit` to `options.target`, each sub-index within its scale and cap.
 * An unreachable target is data: `reachable: false`, with every gain at its maximum.
 * @example planCsv("pci", csvText, {unit: "Nam Định", year: 2016, target: "top:10", unitColumn: "province"}).rank_planned // 10
 * @throws {TypeError} without `options.unit` or `options.target`.
 * @throws {ComputeError} for a malformed target, an unknown sub-index in `caps`/`costs`, a
 *   negative cap or a non-positive cost, or a root the planner does not support.
 * @throws {DataError} when the unit is not in the data for the year, or as {@link score}.
 */
export function plan(spec: SpecInput, rows: Row[], options: PlanOptions & { level: "indicators" }): IndicatorPlan;
export function plan(spec: SpecInput, rows: Row[], options: PlanOptions): Plan;

/**
 * Plans from CSV text.
 * @throws {SpecError | DataError | ComputeError} as {@link plan} and {@link scoreCsv}.
 */
export function planCsv(spec: SpecInput, csvText: CsvInput, options: CsvPlanOptions & { level: "indicators" }): IndicatorPlan;
export function planCsv(spec: SpecInput, csvText: CsvInput, options: CsvPlanOptions): Plan;

/**
 * The one-page report on `options.unit` in `options.year`: score, rank, tier and change,
 * the sub-indices against the median and the leader, the weakest components and the plan
 * to `options.target` (default: the top 10, or the top third of a field under 30 units). Markdown, or with `format: "html"` a standalone
 * HTML page (`<article class="chiso-report">` with an SVG radar and an SVG bar chart);
 * Vietnamese (default, decimal commas) or English.
 * @example reportCsv("pci", csvText, {unit: "Nam Định", year: 2016, unitColumn: "province", lang: "en"})
 * @throws {TypeError} without `options.unit`, or for an unknown `lang` or `format`.
 * @throws {SpecError | DataError | ComputeError} as {@link diagnose} and {@link plan}.
 */
export function report(spec: SpecInput, rows: Row[], options: ReportOptions): string;

/**
 * The report from CSV text.
 * @throws {SpecError | DataError | ComputeError} as {@link report} and {@link scoreCsv}.
 */
export function reportCsv(spec: SpecInput, csvText: CsvInput, options: CsvReportOptions): string;

/**
 * A score for display: `decimals` decimals (0–12), rounded half away from zero as chiso
 * does everywhere (`63.0149` → `"63.01"`), with a decimal comma if asked (`"63,01"`).
 */
export function formatDecimal(value: number, decimals: number, decimalComma?: boolean): string;

/**
 * A signed change for display: `+1.58`, `-0.50`, `0.00`.
 */
export function formatDelta(value: number, decimals: number, decimalComma?: boolean): string;

// ---------------------------------------------------------------------------------------
// Classes: parse once, score many times
// ---------------------------------------------------------------------------------------

/**
 * A specification read and checked once (a preset id, a {@link SpecFile} object or JSON text),
 * to score any number of datasets. `free()` releases its memory in the module at once.
 * @example const scores = new Spec("pci").score(Dataset.fromColumns(columns), { year: 2019 });
 */
export class Spec {
  /** @throws {SpecError} for an invalid spec, or one over the limits. */
  constructor(spec: SpecInput, options?: { limits?: LimitsInput });
  /** Index id. */
  readonly id: string;
  /** Name of the index. */
  readonly label: Labels;
  /** Year ranges of the editions (empty when the spec applies to any year). */
  readonly editions: YearRange[];
  /** The spec in its file form (every edition), or the standalone spec of the edition covering `year`. */
  toJSON(year?: number): SpecFile;
  /** Scores a dataset: each year with its own edition, or only `options.year`. */
  score(dataset: Dataset, options?: SpecScoreOptions): Scores;
  /** Releases the spec's memory; the object is unusable afterwards. */
  free(): void;
}

/**
 * A table of units (optionally per year) and values, read and checked once within its limits
 * (default: the browser limits), which scoring keeps to.
 */
export class Dataset {
  /** Not called directly: use {@link Dataset.fromColumns}, {@link Dataset.fromRows} or {@link Dataset.fromCsv}. */
  private constructor(token: symbol, object: object);
  /** From columns (typed arrays: the fast path). NaN, `null` and `undefined` are missing. */
  static fromColumns(columns: Columns, options?: DatasetOptions): Dataset;
  /** From row objects, read as {@link score} reads them (text cells may use decimal commas). */
  static fromRows(rows: Row[], options?: DatasetOptions): Dataset;
  /** From CSV text or the bytes of an uploaded file. */
  static fromCsv(csv: CsvInput, options?: CsvDatasetOptions): Dataset;
  /** Number of rows. */
  readonly length: number;
  /** Unit names (trimmed, NFC). */
  readonly units: string[];
  /** Years, or `null` without a year column. */
  readonly years: Int32Array | null;
  /** Names of the value columns. */
  readonly columns: string[];
  /** The limits the data was read with. */
  readonly limits: Limits;
  /** A column's values (NaN = missing). @throws {DataError} for an unknown or non-numeric column. */
  column(name: string): Float64Array;
  /** Releases the dataset's memory; the object is unusable afterwards. */
  free(): void;
}

/**
 * The result of {@link Spec.score}, kept in the module: columns (typed arrays, one entry per
 * scored row in input order) are the fast path; row objects are built on demand. The arrays
 * returned are the object's own: copy one before changing it.
 */
export class Scores {
  /** Not called directly: {@link Spec.score} makes Scores. */
  private constructor(token: symbol, object: object);
  /** Index id. */
  readonly index: string;
  /** Decimals for display. */
  readonly precision: number;
  /** Whether any year had a tier rule. */
  readonly hasTiers: boolean;
  /** Number of scored rows. */
  readonly length: number;
  /** Unit names. */
  readonly units: string[];
  /** Years, or `null` when the rows have none. */
  readonly years: Int32Array | null;
  /** Headline scores, unrounded. */
  readonly score: Float64Array;
  /** Headline ranks (1 = best; ties share a rank). */
  readonly rank: Uint32Array;
  /** Units ranked in the row's year (and group, under `rank_within`). */
  readonly outOf: Uint32Array;
  /** 1 where the rank lies beyond the leading group a publisher ranks (`published_top`). */
  readonly unpublished: Uint8Array;
  /** Per row, the index of its tier in {@link Scores.tiers}, -1 without a tier. */
  readonly tier: Int32Array;
  /** The distinct tiers that {@link Scores.tier} indexes. */
  readonly tiers: Tier[];
  /** Every node below the root with a score, in spec order. */
  readonly nodes: string[];
  /** Input rows not scored, and why. */
  readonly dropped: Dropped[];
  /** Imputed and treated cells. */
  readonly log: CellNote[];
  /** One node's scores, NaN where a row has none. @throws {RangeError} for a node not in the scores. */
  nodeScore(id: string): Float64Array;
  /** One node's ranks, 0 where a row has no score. @throws {RangeError} for a node not in the scores. */
  nodeRank(id: string): Uint32Array;
  /** Row `i` (0-based) as an object, as {@link score} gives it. */
  row(i: number): ScoreRow;
  /** Every row as an object, as {@link score} gives them. */
  rows(): ScoreRow[];
  /** The scores as {@link score} returns them. */
  toJSON(): ScoreResult;
  /** The scores as {@link scoreColumns} returns them (fresh arrays). */
  columns(): ColumnScores;
  /** Releases the scores' memory (arrays already read stay usable). */
  free(): void;
}

/** The limits every function applies unless given `limits`: `Limits::BROWSER`. */
export function browserLimits(): Limits;

/** The limits of the CLI, Python and Rust (`Limits::DEFAULT`), which `limits: "default"` selects. */
export function defaultLimits(): Limits;

/**
 * Loads the analysis module (uncertainty, sensitivity, audit). Node loads it on the first call
 * by itself; in browsers, await this once before calling those functions.
 */
export function loadAnalyses(): Promise<void>;

// ---------------------------------------------------------------------------------------
// Robustness: uncertainty, sensitivity and audit
// ---------------------------------------------------------------------------------------

/** A leaf's sampling error: a standard error, a column of them, 95 % interval columns, or a half-width. */
export type SamplingError = number | string | { low: string; high: string } | { half_width: number };

/** The uncertain inputs (the core's `InputsSpec`); snake_case like the core's JSON. */
export interface UncertainInputs {
  /** Each weight ± this many percent (uniform), e.g. 20. */
  weights_pm?: number;
  /** Weights from a Dirichlet distribution around the nominal shares, with this concentration. */
  weights_dirichlet?: number;
  /** Groups whose weights vary (default: all). */
  weights_groups?: string[];
  /** Alternative aggregation methods, drawn uniformly. */
  aggregation?: Aggregation[];
  /** Groups the aggregation alternatives apply to (default: all). */
  aggregation_groups?: string[];
  /** Alternative normalisations: `none`, `min_max`, `min_max:LOW:HIGH`. */
  normalisation?: string[];
  /** Leave one leaf out (`true`) or one of these nodes. */
  exclude_one?: boolean | string[];
  /** Whether leaving nothing out is one of the choices (default true). */
  exclude_keep_all?: boolean;
  /** Sampling error per leaf id. */
  sampling_error?: Record<string, SamplingError>;
}

/** Options shared by the robustness functions. */
export interface RobustnessOptions {
  /** Limits of the spec, the data and the number of samples (default: the browser limits). */
  limits?: LimitsInput;
  /** The uncertain inputs. */
  inputs?: UncertainInputs;
  /** Number of samples (sensitivity: base samples N). */
  samples?: number;
  /** Seed (default 0): the same seed gives the same numbers in Rust, Python and JS. */
  seed?: number;
  /** Key (column) holding unit names (default `unit`). */
  unitColumn?: string;
  /** Key (column) holding years (default `year`). */
  yearColumn?: string;
}

/** Options of {@link uncertainty}. */
export interface UncertaintyOptions extends RobustnessOptions {
  /** The year (default: the data's only year). */
  year?: number;
  /** Add the `above` matrix of pairwise probabilities. */
  pairwise?: boolean;
}

/** Options of {@link uncertaintyCsv}. */
export interface CsvUncertaintyOptions extends UncertaintyOptions {
  /** Field separator (default: detected). */
  delimiter?: Delimiter;
}

/** One unit's rank and score distribution. */
export interface UnitUncertainty {
  unit: string;
  nominal_score: number;
  nominal_rank: number;
  rank_median: number;
  rank_p05: number;
  rank_p95: number;
  rank_mean: number;
  rank_best: number;
  rank_worst: number;
  score_mean: number;
  score_sd: number;
  score_p05: number;
  score_median: number;
  score_p95: number;
}

/** The result of {@link uncertainty}. */
export interface Uncertainty {
  index: string;
  year: number | null;
  samples: number;
  seed: number;
  /** Input names (`weights`, `sampling_error`, …). */
  inputs: string[];
  /** One entry per unit, in data order. */
  units: UnitUncertainty[];
  /** Mean absolute rank shift from the nominal ranks, averaged over the samples. */
  mean_rank_shift: number;
  /** With `pairwise: true`: `above[a][b]` = P(unit a ranks strictly above unit b). */
  above?: number[][];
}

/** Options of {@link rankChanges}. */
export interface RankChangesOptions extends RobustnessOptions {
  /** The earlier year. */
  from: number;
  /** The later year. */
  to: number;
  /** `"vn-provinces"` or mapping CSV text: renamed and absorbing units are compared with their predecessor, units merged away go to `only_from`. */
  unitMap?: string;
}

/** Options of {@link rankChangesCsv}. */
export interface CsvRankChangesOptions extends RankChangesOptions {
  /** Field separator (default: detected). */
  delimiter?: Delimiter;
}

/** One unit's rank change against its intervals. */
export interface RankChange {
  unit: string;
  rank_from: number;
  rank_to: number;
  /** Places gained. */
  change: number;
  from_p05: number;
  from_p95: number;
  to_p05: number;
  to_p95: number;
  /** Share of samples in which the change has the observed sign. */
  p_same_sign: number;
  /** The earlier rank lies outside the later year's 5–95 % interval. */
  outside_interval: boolean;
  /** The two years' intervals do not overlap. */
  disjoint: boolean;
  /** With `unitMap`: what happened to the unit (renamed, absorbed, …); absent otherwise. */
  note?: string;
}

/** The result of {@link rankChanges}. */
export interface RankChanges {
  index: string;
  from: number;
  to: number;
  samples: number;
  seed: number;
  inputs: string[];
  changes: RankChange[];
  only_from: string[];
  only_to: string[];
  moved: number;
  moved_outside_interval: number;
  moved_disjoint: number;
  moved_sign_95: number;
}

/** Options of {@link sensitivity}. */
export interface SensitivityOptions extends RobustnessOptions {
  year?: number;
  /** Bootstrap resamples for the 90 % intervals (default 100). */
  bootstrap?: number;
  /** First-order estimator (default `jansen`). */
  firstOrder?: "jansen" | "saltelli";
}

/** Options of {@link sensitivityCsv}. */
export interface CsvSensitivityOptions extends SensitivityOptions {
  /** Field separator (default: detected). */
  delimiter?: Delimiter;
}

/** Sobol indices of one input (`null` where the output does not vary). */
export interface SobolIndex {
  input: string;
  first_order: number | null;
  total_order: number | null;
  first_order_p05: number | null;
  first_order_p95: number | null;
  total_order_p05: number | null;
  total_order_p95: number | null;
}

/** Indices of every input on one output. */
export interface SobolEstimate {
  variance: number;
  indices: SobolIndex[];
}

/** The result of {@link sensitivity}. */
export interface Sensitivity {
  index: string;
  year: number | null;
  samples: number;
  runs: number;
  seed: number;
  bootstrap: number;
  first_order_estimator: "jansen" | "saltelli";
  inputs: string[];
  mean_rank_shift: SobolEstimate;
  units: { unit: string; nominal_rank: number; variance: number; indices: SobolIndex[] }[];
  rank_stats: UnitUncertainty[];
}

/** Options of {@link audit}. */
export interface AuditOptions {
  year?: number;
  unitColumn?: string;
  yearColumn?: string;
}

/** Options of {@link auditCsv}. */
export interface CsvAuditOptions extends AuditOptions {
  /** Field separator (default: detected). */
  delimiter?: Delimiter;
}

/** The result of {@link audit}. */
export interface Audit {
  index: string;
  year: number | null;
  units: number;
  nodes: { id: string; parent: string | null; depth: number; leaf: boolean; weight_share: number; effective_weight: number }[];
  correlations: { nodes: string[]; pearson: (number | null)[][]; spearman: (number | null)[][] };
  groups: {
    id: string;
    aggregation: string;
    cronbach_alpha: number | null;
    pca: { eigenvalues: number[]; explained: number[]; eigenvectors: number[][]; loadings: number[][] } | null;
    children: {
      id: string;
      weight_share: number;
      pearson_group: number | null;
      spearman_group: number | null;
      pearson_index: number | null;
      negative: boolean;
      importance: number | null;
      variance_share: number | null;
      pca_weight: number | null;
      equal_influence_weight: number | null;
    }[];
  }[];
}

/**
 * Rank intervals of every unit under `options.inputs` over `options.samples` samples.
 * @example uncertaintyCsv("pci", csvText, {year: 2016, unitColumn: "province", inputs: {weights_pm: 20}, samples: 1000, seed: 1})
 * @throws {ComputeError} for invalid inputs (unknown node, spread ≥ 100 %), {@link SpecError}/{@link DataError} as {@link score}.
 */
export function uncertainty(spec: SpecInput, rows: Row[], options?: UncertaintyOptions): Uncertainty;
/** {@link uncertainty} from CSV text. */
export function uncertaintyCsv(spec: SpecInput, csvText: string, options?: CsvUncertaintyOptions): Uncertainty;
/** Rank changes from `options.from` to `options.to` against their intervals. */
export function rankChanges(spec: SpecInput, rows: Row[], options: RankChangesOptions): RankChanges;
/** {@link rankChanges} from CSV text. */
export function rankChangesCsv(spec: SpecInput, csvText: string, options: CsvRankChangesOptions): RankChanges;
/** First- and total-order Sobol indices (Saltelli design, Jansen estimators, bootstrap intervals). */
export function sensitivity(spec: SpecInput, rows: Row[], options?: SensitivityOptions): Sensitivity;
/** {@link sensitivity} from CSV text. */
export function sensitivityCsv(spec: SpecInput, csvText: string, options?: CsvSensitivityOptions): Sensitivity;
/** Statistical audit of every group. */
export function audit(spec: SpecInput, rows: Row[], options?: AuditOptions): Audit;
/** {@link audit} from CSV text. */
export function auditCsv(spec: SpecInput, csvText: string, options?: CsvAuditOptions): Audit;

// Calibration (src/calibrate.rs)

/** Options of {@link calibrate}. */
export interface CalibrateOptions {
  /** The column with the node's published scores. */
  target: string;
  /** The children's columns (default: every other numeric column). */
  columns?: string[];
  /** The node's method (only `weighted_mean`). */
  method?: "weighted_mean" | "mean";
  /** The year whose rows to fit (required when the data has several). */
  year?: number;
  /** Largest residual of an exact fit (default 1e-4). */
  tolerance?: number;
  /** The scale the children are rescaled to, e.g. `[1, 10]` (default: inferred). */
  scale?: [number, number];
  /** How many of the worst-fitting units to list (default 10). */
  worst?: number;
  /** Leave out a constant or collinear child (listed in `undetermined`) instead of throwing. */
  dropCollinear?: boolean;
  unitColumn?: string;
  yearColumn?: string;
  /** Field separator of CSV text (default: detected). */
  delimiter?: Delimiter;
}

/** The result of {@link calibrate}: the affine fit, its quality and the node in the spec's terms. */
export interface Calibration {
  target: string;
  method: "weighted_mean";
  year: number | null;
  units: number;
  intercept: number;
  /** Column → the target's change per unit change of that column (0 without weight). */
  coefficients: Record<string, number>;
  max_residual: number;
  rms_residual: number;
  exact: boolean;
  tolerance: number;
  zero_weight: string[];
  undetermined: string[];
  misfits: number;
  worst_units: { unit: string; row: number; target: number; fitted: number; residual: number }[];
  children: {
    column: string;
    coefficient: number;
    effect: number;
    direction: "higher_is_better" | "lower_is_better" | null;
    observed_min: number;
    observed_max: number;
    min: number | null;
    max: number | null;
    weight: number;
  }[];
  scale: [number, number];
  scale_given: boolean;
  extension: [number, number];
  ignored_columns: string[];
  /** The calibrated node as a spec object that {@link score} takes (`null` when the fit depends on no child). */
  spec: object | null;
}

/**
 * Recovers a node's unpublished parameters from its published scores (least squares).
 * @example calibrate(csvText, {target: "proactivity", unitColumn: "province", scale: [1, 10]})
 * @throws {DataError} for a missing column or value, {@link ComputeError} for too few units or collinear children, {@link SpecError} for an unknown method.
 */
export function calibrate(data: Row[] | string | Uint8Array | ArrayBuffer, options: CalibrateOptions): Calibration;

/** Options of {@link readExcel}. */
export interface ExcelReadOptions {
  /** The spec whose node ids, labels and aliases name the columns, and whose unit aliases name the units. */
  spec?: SpecInput;
  /** The sheet (default: the workbook's first). */
  sheet?: string;
  /** Header of the unit column (default `unit`; VCCI: `Province`, `Tỉnh`). */
  unitColumn?: string;
  /** Header of the year column, if the sheet has one (default `year`). */
  yearColumn?: string;
  /** The year of every row of a sheet without a year column. */
  year?: number;
}

/** Options of {@link writeExcel}. */
export interface ExcelWriteOptions {
  year?: number;
  strict?: boolean;
  unitColumn?: string;
  yearColumn?: string;
}

/** A sheet read by {@link readExcel}: the data and what the reading decided. */
export interface ExcelSheet {
  data: Dataset;
  /** The sheet read. */
  sheet: string;
  /** Every column read: its letter, header, the dataset's name for it and how it was matched. */
  columns: { letter: string; header: string; name: string; matched_by: "id" | "label" | "alias" | null; units_from: string | null }[];
  /** Unit names read through an alias. */
  unit_aliases: { written: string; unit: string }[];
  /** Rows below the table and columns not read (row 0: a note about a column). */
  notes: { row: number; text: string }[];
}

/** Loads the workbook module (readExcel, writeExcel); browsers await it once before those calls. */
export function loadExcel(): Promise<void>;
/** Reads one sheet of a workbook's bytes into a {@link Dataset} (workbook module). */
export function readExcel(bytes: Uint8Array | ArrayBuffer, options?: ExcelReadOptions): ExcelSheet;
/** Scores rows and returns the results as an .xlsx workbook's bytes (workbook module). */
export function writeExcel(spec: SpecInput, rows: Row[], options?: ExcelWriteOptions): Uint8Array;
// ---------------------------------------------------------------------------------------------
// Profile (src/profile.rs): one unit across indices

/** One index of {@link profile}: a full table (`rows` or `csv`, scored by the preset `index` or by `spec`) or published results (`published`: rows or CSV with `unit, year, score, rank, out_of[, tier]`). */
export interface ProfileSource {
  /** Preset id (`pci`, `par_index`, hyphens allowed) or the id shown for a published index. */
  index: string;
  /** Full table as rows. */
  rows?: Row[];
  /** Full table as CSV text. */
  csv?: CsvInput;
  /** Published results: rows or CSV text. */
  published?: Row[] | CsvInput;
  /** CSV text of either kind: published results when it has an `out_of` column, else a full table. */
  text?: string;
  /** The index's spec when it is not the preset `index`. */
  spec?: SpecInput;
  /** Unit column of a full table (default `unit`). */
  unitColumn?: string;
  /** Year column of a full table (default `year`). */
  yearColumn?: string;
  /** The unit's name in this source, when it differs. */
  unit?: string;
  /** Targets for this index only. */
  targets?: string[];
}

/** Options of {@link profile}. */
export interface ProfileOptions {
  /** The unit. */
  unit: string;
  /** The year. */
  year: number;
  /** The year compared with (default: the year before). */
  previous?: number;
  /** Targets for every index: `top:N`, `rank:N`, `score:S`, `gain:K`. */
  targets?: string[];
  /** `"vn-provinces"` or mapping CSV text: matches units across renames and mergers. */
  unitMap?: string;
}

/** Options of {@link profilePage}. */
export interface ProfilePageOptions extends ProfileOptions {
  /** Language (default `vi`, decimal commas). */
  lang?: "vi" | "en";
  /** Markdown (default) or a standalone HTML page with the position chart. */
  format?: "md" | "html";
}

/** How a score reads: points, percent, or points out of `max`. */
export type ScoreUnit = { kind: "points" } | { kind: "percent" } | { kind: "of_points"; max: number };

/** What a target asks of one index. */
export type TargetOutcome =
  | {
      status: "planned";
      target: { kind: "score" | "rank" | "gain"; value: number };
      reachable: boolean;
      threshold: number;
      distance: number;
      total_gain: number;
      rank_planned: number;
    }
  | { status: "needs_full_table"; target: { kind: "score" | "rank" | "gain"; value: number }; message: string };

/** One index of a profile. */
export interface ProfileRow {
  index: string;
  label: Labels;
  /** Which kind of source the row came from. */
  source: "full_table" | "published";
  unit: string;
  year: number;
  score: number | null;
  score_unit: ScoreUnit;
  precision: number;
  rank: number | null;
  out_of: number | null;
  unpublished: boolean;
  tier: Labels | null;
  /** 100 = first, 0 = last. */
  percentile: number | null;
  previous_year: number | null;
  previous_score: number | null;
  previous_rank: number | null;
  previous_out_of: number | null;
  previous_percentile: number | null;
  score_change: number | null;
  rank_change: number | null;
  note: string | null;
  /** Full tables only (`null` for published rows). */
  weakest: {
    id: string;
    label: Labels;
    score: number;
    median: number;
    leader: number;
    leader_unit: string;
    cost_to_median: number;
  }[] | null;
  targets: TargetOutcome[];
}

/** The result of {@link profile}. */
export interface Profile {
  unit: string;
  year: number;
  previous: number;
  rows: ProfileRow[];
}

/**
 * One unit across indices, from full tables and published results mixed (analysis module).
 * @throws {TypeError} for a malformed source or option
 * @throws {DataError} for a unit missing from a source (with suggestions) or a bad published row
 * @throws {ComputeError} for a malformed target
 */
export function profile(sources: ProfileSource[], options: ProfileOptions): Profile;

/** The {@link profile} as a Markdown or HTML page in Vietnamese or English. */
export function profilePage(sources: ProfileSource[], options: ProfilePageOptions): string;

// ---------------------------------------------------------------------------------------------
// Survey aggregation (src/survey.rs)

/** One indicator's estimate for one unit (and year). */
export interface SurveyEstimate {
  unit: string;
  year: number | null;
  indicator: string;
  /** Weighted share or mean (times the multiplier); `null` without a valid answer. */
  value: number | null;
  n: number;
  clusters: number;
  effective_n: number;
  se: number | null;
  normal: [number, number] | null;
  bootstrap: [number, number] | null;
}

/** The result of {@link survey} without `index`. */
export interface SurveyResult {
  indicators: string[];
  units: [string, number | null][];
  estimates: SurveyEstimate[];
  warnings: string[];
}

/** One node's interval over the bootstrap replicates (with `index`). */
export interface SurveyNodeInterval {
  unit: string;
  year: number | null;
  node: string;
  score: number;
  low: number;
  high: number;
  rank_best: number;
  rank_worst: number;
  replicates: number;
}

/** Options of {@link survey}. */
export interface SurveyOptions {
  /** Bootstrap seed (overrides the spec's). */
  seed?: number;
  /** Bootstrap replicates (overrides the spec's; 0 turns the bootstrap off). */
  replicates?: number;
}

/**
 * Aggregates survey microdata as a survey spec (JSON text or object) says (analysis module).
 * @throws {SpecError} for a bad survey spec, {@link DataError} for bad microdata
 */
export function survey(spec: string | object, csvText: CsvInput, options?: SurveyOptions): SurveyResult;
/** With `options.index`: every node's score interval and rank range, scored by that index. */
export function survey(
  spec: string | object,
  csvText: CsvInput,
  options: SurveyOptions & { index: SpecInput },
): { intervals: SurveyNodeInterval[]; warnings: string[] };
// The bundled published tables and the JSON Schema of spec files (bundled.js).
export { datasets, specSchema } from "./bundled.js";
export type { BundledDataset, DatasetColumn, DatasetInfo } from "./bundled.js";
