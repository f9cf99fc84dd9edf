// chiso for JavaScript: the WebAssembly build of the Rust core, initialised on import.
//
// Conversion only: every number comes from the core. This file loads the module (fetch of
// the .wasm next to it in browsers, fs + initSync in Node), re-exports the functions, and
// turns the core's structured errors into ChisoError subclasses. Types: index.d.ts.

import init, * as raw from "./pkg/chiso_wasm.js";

const wasmUrl = new URL("./pkg/chiso_wasm_bg.wasm", import.meta.url);

// Node (and other runtimes with `process`) read the file; browsers fetch it. getBuiltinModule
// keeps `node:fs` out of bundlers' sight; the dynamic import covers older Node versions.
const nodeProcess = globalThis.process;
if (wasmUrl.protocol === "file:" && nodeProcess?.versions?.node) {
  const fs = nodeProcess.getBuiltinModule?.("node:fs") ?? (await import("node:fs"));
  raw.initSync({ module: fs.readFileSync(wasmUrl) });
} else {
  await init({ module_or_path: wasmUrl });
}

/** @typedef {import("./index.js").ErrorCode} ErrorCode */
/** @typedef {import("./index.js").ErrorLocation} ErrorLocation */

/**
 * Base class of every error chiso throws for bad specs, bad data or failed computations.
 * `message` is the core's message, the same text as in Rust and Python; the location fields
 * say where to look (`null` when the error does not name them).
 */
export class ChisoError extends Error {
  /**
   * @param {string} message the core's message
   * @param {ErrorLocation & {code?: ErrorCode, variant?: string|null}} [fields] the concern, the
   *   core's error variant (e.g. `TooDeep`) and the location
   */
  constructor(message, fields = {}) {
    super(message);
    this.name = "ChisoError";
    /** @type {string} `spec`, `data` or `compute`. */
    this.code = fields.code ?? "chiso";
    /** @type {string | null} The core's error variant, e.g. `TooDeep` (`Internal` for a bug). */
    this.variant = fields.variant ?? null;
    /** @type {string | null} The spec node concerned. */
    this.node = fields.node ?? null;
    /** @type {number | null} The 1-based data row. */
    this.row = fields.row ?? null;
    /** @type {string | null} The unit of that row. */
    this.unit = fields.unit ?? null;
    /** @type {string | null} The data column. */
    this.column = fields.column ?? null;
    /** @type {number | null} The 1-based line of a CSV file. */
    this.line = fields.line ?? null;
  }
}

/**
 * The specification is invalid: parse error, tree (duplicate or unknown ids, cycles, depth),
 * weights, methods, editions, an unknown preset, or TOML text (this package reads JSON).
 */
export class SpecError extends ChisoError {
  /**
   * @param {string} message the core's message
   * @param {ErrorLocation} [fields] the location
   */
  constructor(message, fields = {}) {
    super(message, { ...fields, code: "spec" });
    this.name = "SpecError";
  }
}

/** The data is invalid: CSV structure, a missing column or value, a bad number, a value out of scale, a repeated unit. */
export class DataError extends ChisoError {
  /**
   * @param {string} message the core's message
   * @param {ErrorLocation} [fields] the location
   */
  constructor(message, fields = {}) {
    super(message, { ...fields, code: "data" });
    this.name = "DataError";
  }
}

/** The computation cannot give a finite, meaningful result (a constant indicator, a non-positive value in a geometric mean, …). */
export class ComputeError extends ChisoError {
  /**
   * @param {string} message the core's message
   * @param {ErrorLocation} [fields] the location
   */
  constructor(message, fields = {}) {
    super(message, { ...fields, code: "compute" });
    this.name = "ComputeError";
  }
}

const classes = { spec: SpecError, data: DataError, compute: ComputeError };

/**
 * The error for the core's `{kind, message, node, row, unit, column, line}`. Its stack starts
 * at the caller of `api` (the exported function): the error is about the caller's input.
 */
function fromInfo(info, api) {
  const Class = classes[info.kind] ?? ChisoError;
  const { kind, message, ...location } = info;
  const error = new Class(message, { ...location, code: kind });
  Error.captureStackTrace?.(error, api);
  return error;
}

/**
 * The error for a trap of the module: a panic in the core (the release build aborts instead of
 * unwinding) or memory exhausted. The module's state is unusable after a trap, so it is reset
 * (a fresh instance of the same module) before the error is thrown: the next call works.
 */
function internalError(trap, api) {
  let panic = null;
  try {
    panic = raw.lastPanic() ?? null;
  } catch {
    // The trapped instance may not answer; the trap's own message will do.
  }
  raw.__wbg_reset_state();
  const error = new ChisoError(
    `internal error in chiso: ${panic ?? trap.message}. This is a bug in chiso, not in your input; ` +
      "please report it with the specification and data that caused it",
    { code: "internal", variant: "Internal" },
  );
  error.cause = trap;
  Error.captureStackTrace?.(error, api);
  return error;
}

/**
 * Calls `fn` of the module for `api`, rethrowing core errors as ChisoError subclasses and a
 * trap (a panic) as a ChisoError with code `internal`.
 */
function call(api, fn, ...args) {
  try {
    return fn(...args);
  } catch (e) {
    if (e !== null && typeof e === "object" && !(e instanceof Error) && e.chisoError) {
      throw fromInfo(e.chisoError, api);
    }
    if (e instanceof WebAssembly.RuntimeError) {
      throw internalError(e, api);
    }
    throw e;
  }
}

/**
 * Panics inside the module, for chiso's own tests only (not part of the API): shows that a
 * panic becomes a ChisoError with code `internal` and that the module works afterwards.
 * @param {string} message
 */
export function _panic(message) {
  return call(_panic, raw._panic, message);
}


// Types used in the JSDoc below; index.d.ts declares them.
/** @typedef {import("./index.js").SpecInput} SpecInput */
/** @typedef {import("./index.js").Spec} Spec */
/** @typedef {import("./index.js").Row} Row */
/** @typedef {import("./index.js").Columns} Columns */

/**
 * Ids of the presets shipped with this version.
 * @returns {string[]} e.g. `["pci"]`
 * @example presets() // ["pci"]
 */
export function presets() {
  return call(presets, raw.presets);
}

/**
 * A preset as a spec object (the JSON file form): every edition, or the standalone spec of the
 * edition covering `year` (explicit weights, that year's tier rule) — to read, copy and adapt.
 * @param {string} id a preset id, e.g. `"pci"`
 * @param {number | null} [year] the year whose edition to return
 * @returns {Spec}
 * @throws {SpecError} for an unknown id, or a year no edition covers
 * @example preset("pci", 2010).nodes.find((n) => n.id === "pci").children.length // 9
 */
export function preset(id, year) {
  return call(preset, raw.preset, id, year);
}

/**
 * Validates a spec with the checks scoring runs. Findings are data: an invalid spec gives
 * `{valid: false, error}` (a {@link SpecError}) rather than throwing.
 * @param {SpecInput} spec a preset id, a spec object, or JSON text
 * @returns {import("./index.js").Validation} `{valid, id, label, editions, error}`
 * @throws {TypeError} when `spec` is neither a string nor an object
 */
export function validateSpec(spec) {
  const report = call(validateSpec, raw.validateSpec, spec);
  if (report.error) report.error = fromInfo(report.error, validateSpec);
  return report;
}

/**
 * Scores and ranks rows given as objects: each year with its own edition, ranked within the
 * year, or only `options.year`. Text cells may use decimal commas (`"63,01"`).
 * @param {SpecInput} spec a preset id, a spec object, or JSON text
 * @param {Row[]} rows `{unit, year?, <node id>: number | string}`
 * @param {import("./index.js").ScoreOptions} [options] `{year?, unitColumn?, yearColumn?, strict?}`
 * @returns {import("./index.js").Scores} `{index, precision, has_tiers, rows}`, rows in input order
 * @throws {SpecError | DataError | ComputeError} naming the node, row, unit or column
 * @example score("pci", [{unit: "Quảng Ninh", year: 2019, entry_costs: 7.16, …}]).rows[0].rank // 1
 */
export function score(spec, rows, options) {
  return call(score, raw.score, spec, rows, options);
}

/**
 * Scores and ranks CSV text, or the bytes of an uploaded file (`Uint8Array`/`ArrayBuffer`,
 * UTF-8): `,` with `.` decimals, or `;`/tab with `.` or `,` decimals (as
 * Vietnamese Excel saves it); UTF-8 with or without a BOM.
 * @param {SpecInput} spec a preset id, a spec object, or JSON text
 * @param {string | Uint8Array | ArrayBuffer} csvText the CSV file's text or bytes
 * @param {import("./index.js").CsvScoreOptions} [options] `{year?, unitColumn?, yearColumn?, strict?, delimiter?}`
 * @returns {import("./index.js").Scores}
 * @throws {SpecError | DataError | ComputeError} CSV structure errors carry the `line`
 * @example scoreCsv("pci", csvText, {unitColumn: "province", year: 2016})
 */
export function scoreCsv(spec, csvText, options) {
  return call(scoreCsv, raw.scoreCsv, spec, csvText, options);
}

/**
 * Scores and ranks a table given as columns — `{unit: string[], year?: number[], <node id>:
 * Float64Array | number[]}` — and returns columns (typed arrays): the fast path for large
 * tables, without one JS object per unit and node. NaN, `null` and `undefined` are missing.
 * @param {SpecInput} spec a preset id, a spec object, or JSON text
 * @param {Columns} columns unit names, optional years, one column per node id
 * @param {import("./index.js").ColumnScoreOptions} [options] `{year?, unitColumn?, yearColumn?, strict?}`
 * @returns {import("./index.js").ColumnScores} `{index, precision, has_tiers, unit, year, score, rank, out_of, tier, tiers, components}`
 * @throws {TypeError} for a column that is not an array, or a text cell
 * @throws {SpecError | DataError | ComputeError} as {@link score}
 */
export function scoreColumns(spec, columns, options) {
  return call(scoreColumns, raw.scoreColumns, spec, columns, options);
}

/**
 * Compares years `from` and `to` of rows given as objects (each scored with its own edition):
 * score, rank and tier changes; units in one year only are kept and marked.
 * @param {SpecInput} spec a preset id, a spec object, or JSON text
 * @param {Row[]} rows `{unit, year, <node id>: number | string}`
 * @param {number} from the first year
 * @param {number} to the second year
 * @param {import("./index.js").CompareOptions} [options] `{unitColumn?, yearColumn?, unitMap?}`
 * @returns {import("./index.js").Comparison}
 * @throws {SpecError | DataError | ComputeError} as {@link score}
 */
export function compare(spec, rows, from, to, options) {
  return call(compare, raw.compare, spec, rows, from, to, options);
}

/**
 * Compares years `from` and `to` of CSV text.
 * @param {SpecInput} spec a preset id, a spec object, or JSON text
 * @param {string} csvText the CSV file's text
 * @param {number} from the first year
 * @param {number} to the second year
 * @param {import("./index.js").CsvCompareOptions} [options] `{unitColumn?, yearColumn?, unitMap?, delimiter?}`
 * @returns {import("./index.js").Comparison}
 * @throws {SpecError | DataError | ComputeError} as {@link scoreCsv}
 */
export function compareCsv(spec, csvText, from, to, options) {
  return call(compareCsv, raw.compareCsv, spec, csvText, from, to, options);
}

/**
 * Diagnoses one unit in one year from rows given as objects: each sub-index against the
 * median and the leader, what it costs the composite, what fell since `options.from`
 * (default: the year before, when the data has it), and where the change came from.
 * @param {SpecInput} spec a preset id, a spec object, or JSON text
 * @param {Row[]} rows `{unit, year?, <node id>: number | string}`
 * @param {import("./index.js").DiagnoseOptions} options `{unit, year?, from?, unitColumn?, yearColumn?}`
 * @returns {import("./index.js").Diagnosis}
 * @throws {TypeError} without `options.unit`
 * @throws {DataError} when the unit is not in the data for the year (with suggestions)
 * @throws {SpecError | ComputeError} as {@link score}
 */
export function diagnose(spec, rows, options) {
  return call(diagnose, raw.diagnose, spec, rows, options);
}

/**
 * Diagnoses one unit in one year from CSV text.
 * @param {SpecInput} spec a preset id, a spec object, or JSON text
 * @param {string} csvText `,` with `.` decimals, or `;`/tab with decimal commas
 * @param {import("./index.js").CsvDiagnoseOptions} options `{unit, year?, from?, unitColumn?, yearColumn?, delimiter?}`
 * @returns {import("./index.js").Diagnosis}
 * @throws {TypeError | SpecError | DataError | ComputeError} as {@link diagnose} and {@link scoreCsv}
 * @example diagnoseCsv("pci", csvText, {unit: "Nam Định", year: 2016, unitColumn: "province"}).previous_rank // 17
 */
export function diagnoseCsv(spec, csvText, options) {
  return call(diagnoseCsv, raw.diagnoseCsv, spec, csvText, options);
}

/**
 * Plans the smallest sub-index gains that bring one unit to a target (`top:N`, `rank:N`,
 * `score:S`, `gain:K`), the other units held fixed or moved by their trend. An unreachable
 * target is data (`reachable: false`).
 * @param {SpecInput} spec a preset id, a spec object, or JSON text
 * @param {Row[]} rows `{unit, year?, <node id>: number | string}`
 * @param {import("./index.js").PlanOptions} options `{unit, target, year?, caps?, costs?, field?, unitColumn?, yearColumn?}`
 * @returns {import("./index.js").Plan}
 * @throws {TypeError} without `options.unit` or `options.target`
 * @throws {ComputeError} for a malformed target, an unknown sub-index in `caps`/`costs`, a negative cap or a non-positive cost
 * @throws {DataError} when the unit is not in the data for the year
 */
export function plan(spec, rows, options) {
  return call(plan, raw.plan, spec, rows, options);
}

/**
 * Plans from CSV text.
 * @param {SpecInput} spec a preset id, a spec object, or JSON text
 * @param {string} csvText `,` with `.` decimals, or `;`/tab with decimal commas
 * @param {import("./index.js").CsvPlanOptions} options `{unit, target, year?, caps?, costs?, field?, unitColumn?, yearColumn?, delimiter?}`
 * @returns {import("./index.js").Plan}
 * @throws {TypeError | SpecError | DataError | ComputeError} as {@link plan} and {@link scoreCsv}
 * @example planCsv("pci", csvText, {unit: "Nam Định", year: 2016, target: "top:10", unitColumn: "province"}).rank_planned // 10
 */
export function planCsv(spec, csvText, options) {
  return call(planCsv, raw.planCsv, spec, csvText, options);
}

/**
 * The one-page report on one unit (score, rank, change, sub-indices, weakest components, the
 * plan to `options.target`, default the top 10 or the top third of a field under 30 units) as
 * Markdown or as a standalone HTML page with inline SVG radar and bar charts, in Vietnamese
 * (default, decimal commas) or English.
 * @param {SpecInput} spec a preset id, a spec object, or JSON text
 * @param {Row[]} rows `{unit, year?, <node id>: number | string}`
 * @param {import("./index.js").ReportOptions} options `{unit, year?, target?, lang?, format?, unitColumn?, yearColumn?}`
 * @returns {string} the report text
 * @throws {TypeError} without `options.unit`, or for an unknown `lang` or `format`
 * @throws {SpecError | DataError | ComputeError} as {@link diagnose} and {@link plan}
 */
export function report(spec, rows, options) {
  return call(report, raw.report, spec, rows, options);
}

/**
 * The report from CSV text.
 * @param {SpecInput} spec a preset id, a spec object, or JSON text
 * @param {string} csvText `,` with `.` decimals, or `;`/tab with decimal commas
 * @param {import("./index.js").CsvReportOptions} options `{unit, year?, target?, lang?, format?, unitColumn?, yearColumn?, delimiter?}`
 * @returns {string} the report text
 * @throws {TypeError | SpecError | DataError | ComputeError} as {@link report} and {@link scoreCsv}
 * @example reportCsv("pci", csvText, {unit: "Nam Định", year: 2016, unitColumn: "province", lang: "en"})
 */
export function reportCsv(spec, csvText, options) {
  return call(reportCsv, raw.reportCsv, spec, csvText, options);
}

/**
 * A score for display: `decimals` decimals (0–12), rounded half away from zero as chiso does
 * everywhere, with a decimal comma if asked.
 * @param {number} value the unrounded score
 * @param {number} decimals how many decimals (a result's `precision`)
 * @param {boolean} [decimalComma] `63,01` rather than `63.01` (Vietnamese)
 * @returns {string}
 * @example formatDecimal(63.0149, 2, true) // "63,01"
 */
export function formatDecimal(value, decimals, decimalComma = false) {
  return call(formatDecimal, raw.formatDecimal, value, decimals, decimalComma);
}

/**
 * A signed change for display: `+1.58`, `-0.50`, `0.00`.
 * @param {number} value the unrounded change
 * @param {number} decimals how many decimals
 * @param {boolean} [decimalComma] `+1,58` rather than `+1.58` (Vietnamese)
 * @returns {string}
 * @example formatDelta(-0.504, 2) // "-0.50"
 */
export function formatDelta(value, decimals, decimalComma = false) {
  return call(formatDelta, raw.formatDelta, value, decimals, decimalComma);
}

// --- robustness: uncertainty, sensitivity, audit ---------------------------------------------

/**
 * Rank intervals of every unit under uncertain inputs (`options.inputs`, e.g.
 * `{weights_pm: 20}`): nominal, median, 5th–95th percentile ranks and the score distribution,
 * the same numbers as Rust and Python for a seed. `pairwise: true` adds `above[a][b]` =
 * P(unit a ranks above unit b).
 */
export function uncertainty(spec, rows, options) {
  return call(uncertainty, raw.uncertainty, spec, rows, options);
}

/** {@link uncertainty} from CSV text. */
export function uncertaintyCsv(spec, csvText, options) {
  return call(uncertaintyCsv, raw.uncertaintyCsv, spec, csvText, options);
}

/** Rank changes from `options.from` to `options.to` against their rank intervals. */
export function rankChanges(spec, rows, options) {
  return call(rankChanges, raw.rankChanges, spec, rows, options);
}

/** {@link rankChanges} from CSV text. */
export function rankChangesCsv(spec, csvText, options) {
  return call(rankChangesCsv, raw.rankChangesCsv, spec, csvText, options);
}

/** First- and total-order Sobol indices of each uncertain input on the ranks. */
export function sensitivity(spec, rows, options) {
  return call(sensitivity, raw.sensitivity, spec, rows, options);
}

/** {@link sensitivity} from CSV text. */
export function sensitivityCsv(spec, csvText, options) {
  return call(sensitivityCsv, raw.sensitivityCsv, spec, csvText, options);
}

/** Statistical audit: correlations, Cronbach's alpha, PCA, effective weights. */
export function audit(spec, rows, options) {
  return call(audit, raw.audit, spec, rows, options);
}

/** {@link audit} from CSV text. */
export function auditCsv(spec, csvText, options) {
  return call(auditCsv, raw.auditCsv, spec, csvText, options);
}

/** Calibration: fits `options.target` as an affine function of the children's columns (rows or CSV text). */
export function calibrate(data, options) {
  return call(calibrate, raw.calibrate, data, options);
}
