// Type tests for index.d.ts: compiled by `tsc --noEmit -p bindings/wasm`, never run.
// Every line must type-check, and every `@ts-expect-error` line must be an error.
import {
  ChisoError,
  ComputeError,
  DataError,
  SpecError,
  compare,
  compareCsv,
  diagnose,
  diagnoseCsv,
  formatDecimal,
  formatDelta,
  preset,
  plan,
  planCsv,
  presets,
  report,
  reportCsv,
  score,
  scoreColumns,
  scoreCsv,
  validateSpec,
} from "chiso";
import type {
  Change,
  ColumnScores,
  Columns,
  Comparison,
  ComponentDiagnosis,
  Decomposition,
  Diagnosis,
  ErrorCode,
  NodeScore,
  Plan,
  PlanOptions,
  PlanStep,
  Presence,
  ReportOptions,
  Row,
  ScoreRow,
  ScoreResult,
  SpecFile,
  SpecInput,
  Target,
  TargetText,
  Tier,
  Validation,
  YearRange,
} from "chiso";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_: T): void {}

// Presets and specs.
const ids: string[] = presets();
const pci: SpecFile = preset("pci");
const pci2010: SpecFile = preset("pci", 2010);
const editions: YearRange[] | undefined = pci.editions?.map((e) => ({ from: e.from, to: e.to }));
const nine: number | undefined = pci2010.nodes.find((n) => n.id === pci2010.root)?.children?.length;
const custom = {
  id: "demo",
  root: "total",
  rank: { on: "rounded", decimals: 3, ties: "competition" },
  tiers: [{ rule: "score_bands", bands: [{ label: { vi: "Tốt" }, min: 5 }, { label: { vi: "Thấp", en: "Low" } }] }],
  nodes: [
    { id: "total", aggregation: "weighted_sum", children: ["a", "b"] },
    { id: "a", weight: 2, scale: { min: 0, max: 10 } },
    { id: "b", direction: "lower_is_better", normalise: { method: "min_max", low: 1, high: 10 } },
  ],
} satisfies SpecFile;
// @ts-expect-error: unknown aggregation names are caught at compile time for typed specs.
const badSpec: SpecFile = { id: "x", root: "r", nodes: [{ id: "r", aggregation: "weighted_average" }] };
// @ts-expect-error: a spec needs nodes.
const noNodes: SpecFile = { id: "x", root: "r" };

// Validation is data, narrowed by `valid`.
const validation: Validation = validateSpec(custom);
if (validation.valid) {
  const id: string = validation.id;
  const none: null = validation.error;
} else {
  const error: SpecError = validation.error;
  const node: string | null = validation.error.node;
  const noId: null = validation.id;
}
validateSpec("id = \"t\"\nroot = \"r\"\n[[nodes]]\nid = \"r\"\n");
// @ts-expect-error: validateSpec takes a spec, not a number.
validateSpec(42);

// Rows and options.
const rows: Row[] = [
  { unit: "Quảng Ninh", year: 2019, entry_costs: 7.16, land_access: "7,00", policy_bias: null },
  { unit: "Hà Nội", year: "2019", entry_costs: undefined },
];
const scores: ScoreResult = score("pci", rows, { year: 2019, strict: false });
score(custom, rows);
score(JSON.stringify(custom) satisfies SpecInput, rows, { unitColumn: "province", yearColumn: "nam" });
// @ts-expect-error: options are camelCase.
score("pci", rows, { unit_column: "province" });
// @ts-expect-error: a cell is a number, text or null.
score("pci", [{ unit: "A", entry_costs: true }]);
// @ts-expect-error: the delimiter option belongs to the CSV functions.
score("pci", rows, { delimiter: ";" });
scoreCsv("pci", "unit;entry_costs\nA;7,5\n", { delimiter: ";", year: 2019, unitColumn: "unit" });
// @ts-expect-error: only ',', ';' and tab.
scoreCsv("pci", "", { delimiter: "|" });
// The bytes of an uploaded file.
scoreCsv("pci", new Uint8Array([0x75]), { year: 2019 });
scoreCsv("pci", new ArrayBuffer(8));
// @ts-expect-error: CSV is text or bytes.
scoreCsv("pci", 42);

// Results use the core's field names.
const row: ScoreRow = scores.rows[0];
const unit: string = row.unit;
const year: number | null = row.year;
const outOf: number = row.out_of;
const tier: Tier | null = row.tier;
const tierVi: string | undefined = row.tier?.label.vi;
const components: NodeScore[] = row.components;
const hasTiers: boolean = scores.has_tiers;
expectType<Equal<typeof row.rank, number>>(true);
// @ts-expect-error: snake_case, as in Rust and Python.
row.outOf;

const cmp: Comparison = compare("pci", rows, 2018, 2019, { unitColumn: "unit", unitMap: "vn-provinces" });
const cmpCsv: Comparison = compareCsv("pci", "", 2018, 2019, { delimiter: "," });
const change: Change = cmp.rows[0];
const delta: number | null = change.score_delta;
const gained: number | null = change.rank_change;
const presence: Presence = change.presence;
const note: string | null = change.note;
expectType<Equal<Presence, "both" | "only_from" | "only_to">>(true);
// @ts-expect-error: compare has no year option.
compare("pci", rows, 2018, 2019, { year: 2019 });

// Analyses of one unit: diagnose, plan, report.
const diagnosis: Diagnosis = diagnose("pci", rows, { unit: "Nam Định", year: 2016, from: 2015 });
diagnoseCsv("pci", "", { unit: "Nam Định", unitColumn: "province", yearColumn: "year", delimiter: ";" });
const component: ComponentDiagnosis = diagnosis.components[0];
const leaderUnit: string = component.leader_unit;
const costToMedian: number = component.cost_to_median;
const subChange: number | null = component.change;
const previousRank: number | null = diagnosis.previous_rank;
const weakest: string[] = diagnosis.weakest;
const parts: Decomposition | null = diagnosis.decomposition;
const firstPart: [string, number] | undefined = parts?.contributions[0];
// @ts-expect-error: the unit is required.
diagnose("pci", rows, { year: 2016 });
// @ts-expect-error: diagnose has no target.
diagnose("pci", rows, { unit: "Nam Định", target: "top:10" });

const planOptions: PlanOptions = {
  unit: "Nam Định",
  year: 2016,
  target: "top:10",
  caps: { transparency: 0.5 },
  costs: { transparency: 2 },
  field: "trend",
};
const planned: Plan = plan("pci", rows, planOptions);
const plannedCsv: Plan = planCsv("pci", "", { ...planOptions, unitColumn: "province", delimiter: "," });
const target: Target = planned.target;
if (target.kind === "rank") {
  const places: number = target.value;
}
const step: PlanStep = planned.steps[0];
const stepGain: number = step.gain;
const reachable: boolean = planned.reachable;
const rankPlanned: number = planned.rank_planned;
const targets: TargetText[] = ["top:10", "rank:3", "score:70,5", "gain:2"];
// @ts-expect-error: the target is required.
plan("pci", rows, { unit: "Nam Định" });
// @ts-expect-error: unknown target kind.
plan("pci", rows, { unit: "Nam Định", target: "best:3" });
// @ts-expect-error: field is fixed or trend.
plan("pci", rows, { unit: "Nam Định", target: "top:10", field: "moving" });
// @ts-expect-error: caps are numbers.
plan("pci", rows, { unit: "Nam Định", target: "top:10", caps: { transparency: "1" } });

const reportOptions: ReportOptions = { unit: "Nam Định", year: 2016, lang: "en", format: "html" };
const page: string = report("pci", rows, reportOptions);
const markdown: string = reportCsv("pci", "", { unit: "Nam Định", unitColumn: "province", target: "top:5" });
// @ts-expect-error: vi or en.
report("pci", rows, { unit: "Nam Định", lang: "fr" });
// @ts-expect-error: md or html.
report("pci", rows, { unit: "Nam Định", format: "pdf" });

// Errors.
try {
  score("pci", rows);
} catch (e) {
  if (e instanceof ChisoError) {
    const code: ErrorCode = e.code;
    const variant: string | null = e.variant;
    const bug: boolean = e.code === "internal";
    const where: [string | null, number | null, string | null, string | null, number | null] = [
      e.node,
      e.row,
      e.unit,
      e.column,
      e.line,
    ];
    const message: string = e.message;
  }
  if (e instanceof DataError) {
    expectType<Equal<typeof e.code, "data">>(true);
  }
  if (e instanceof SpecError) {
    expectType<Equal<typeof e.code, "spec">>(true);
  }
  if (e instanceof ComputeError) {
    expectType<Equal<typeof e.code, "compute">>(true);
  }
}
const made: Error = new DataError("row 1: …", { row: 1, column: "a" });
new ChisoError("x", { code: "spec" });
// @ts-expect-error: the base class needs a code.
new ChisoError("x");

// Columns: typed arrays in and out.
const table: Columns = {
  unit: ["Quảng Ninh", "Đà Nẵng"],
  year: new Int32Array([2016, 2016]),
  entry_costs: new Float64Array([9.28, 9.22]),
  land_access: [6.07, null],
};
const byColumn: ColumnScores = scoreColumns("pci", table, { year: 2016 });
const columnScores: Float64Array = byColumn.score;
const columnRanks: Uint32Array = byColumn.rank;
const columnYears: Int32Array | null = byColumn.year;
const columnTier: Tier | undefined = byColumn.tiers[byColumn.tier[0]];
const transparencyRanks: Uint32Array | undefined = byColumn.components.transparency?.rank;
// @ts-expect-error: a column is an array, not one value.
scoreColumns("pci", { unit: ["A"], entry_costs: 7 });
// @ts-expect-error: scoreColumns takes no CSV options.
scoreColumns("pci", table, { delimiter: ";" });

// Display.
const shown: string = formatDecimal(scores.rows[0].score, scores.precision, true);
const moved: string = formatDelta(1.58, 2);

export {
  ids,
  pci,
  editions,
  nine,
  badSpec,
  noNodes,
  unit,
  year,
  outOf,
  tier,
  tierVi,
  components,
  hasTiers,
  cmpCsv,
  delta,
  gained,
  presence,
  note,
  made,
  shown,
  moved,
  leaderUnit,
  costToMedian,
  subChange,
  previousRank,
  weakest,
  firstPart,
  plannedCsv,
  stepGain,
  reachable,
  rankPlanned,
  targets,
  page,
  markdown,
  columnScores,
  columnRanks,
  columnYears,
  columnTier,
  transparencyRanks,
};

// The classes: parse once, score many times; columns first, rows on demand.
import { Dataset, Scores, Spec, browserLimits, defaultLimits, loadAnalyses } from "chiso";
import type { CellNote, Dropped, Limits, LimitsInput, NormalisationMethod, ScoreResult as Result } from "chiso";
const spec = new Spec("pci", { limits: { max_nodes: 10_000 } });
const specId: string = spec.id;
const specFile: SpecFile = spec.toJSON(2019);
const dataTable = Dataset.fromColumns({ unit: ["A"], year: [2019], entry_costs: new Float64Array([7]) }, { limits: "default" });
const fromRows: Dataset = Dataset.fromRows(rows, { unitColumn: "unit" });
const fromCsv: Dataset = Dataset.fromCsv("unit;a\nX;1,5\n", { delimiter: ";", limits: { max_rows: 10 } });
// @ts-expect-error: Datasets come from fromColumns, fromRows or fromCsv.
new Dataset();
// @ts-expect-error: an unknown limit.
Dataset.fromColumns({ unit: ["A"] }, { limits: { max_units: 5 } });
const result: Scores = spec.score(dataTable, { year: 2019 });
const headline: Float64Array = result.score;
const ranks: Uint32Array = result.nodeRank("transparency");
const years: Int32Array | null = result.years;
const firstRow: ScoreRow = result.row(0);
const asObject: Result = result.toJSON();
const dropped: Dropped[] = result.dropped;
const log: CellNote[] = result.log;
const columnar: ColumnScores = result.columns();
result.free();
dataTable.free();
spec.free();
const limits: Limits = browserLimits();
const raised: LimitsInput = { ...defaultLimits(), max_cells: 1e9 };
const method: NormalisationMethod = "distance_to_reference";
// @ts-expect-error: not a normalisation method.
const noMethod: NormalisationMethod = "min-max";
const loaded: Promise<void> = loadAnalyses();
