// Type tests for index.d.ts: compiled by `tsc --noEmit -p bindings/wasm`, never run.
// Every line must type-check, and every `@ts-expect-error` line must be an error.
import {
  ChisoError,
  ComputeError,
  DataError,
  SpecError,
  compare,
  compareCsv,
  formatDecimal,
  formatDelta,
  preset,
  presets,
  score,
  scoreCsv,
  validateSpec,
} from "chiso";
import type {
  Change,
  Comparison,
  ErrorCode,
  NodeScore,
  Presence,
  Row,
  ScoreRow,
  Scores,
  Spec,
  SpecInput,
  Tier,
  Validation,
  YearRange,
} from "chiso";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_: T): void {}

// Presets and specs.
const ids: string[] = presets();
const pci: Spec = preset("pci");
const pci2010: Spec = preset("pci", 2010);
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
} satisfies Spec;
// @ts-expect-error: unknown aggregation names are caught at compile time for typed specs.
const badSpec: Spec = { id: "x", root: "r", nodes: [{ id: "r", aggregation: "weighted_average" }] };
// @ts-expect-error: a spec needs nodes.
const noNodes: Spec = { id: "x", root: "r" };

// Validation is data, narrowed by `valid`.
const report: Validation = validateSpec(custom);
if (report.valid) {
  const id: string = report.id;
  const none: null = report.error;
} else {
  const error: SpecError = report.error;
  const node: string | null = report.error.node;
  const noId: null = report.id;
}
validateSpec("id = \"t\"\nroot = \"r\"\n[[nodes]]\nid = \"r\"\n");
// @ts-expect-error: validateSpec takes a spec, not a number.
validateSpec(42);

// Rows and options.
const rows: Row[] = [
  { unit: "Quảng Ninh", year: 2019, entry_costs: 7.16, land_access: "7,00", policy_bias: null },
  { unit: "Hà Nội", year: "2019", entry_costs: undefined },
];
const scores: Scores = score("pci", rows, { year: 2019, strict: false });
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

// Errors.
try {
  score("pci", rows);
} catch (e) {
  if (e instanceof ChisoError) {
    const code: ErrorCode = e.code;
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
};
