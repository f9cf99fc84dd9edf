// chiso for JavaScript: the WebAssembly build of the Rust core, initialised on import.
//
// Conversion only: every number comes from the core. This file loads the modules (fetch of
// the .wasm next to it in browsers, fs + initSync in Node), wraps the classes, re-exports the
// functions, and turns the core's structured errors into ChisoError subclasses. Types:
// index.d.ts (with types.generated.d.ts, generated from the Rust types).
//
// Three modules: pkg/chiso_wasm (specs, data, scores, the classes), loaded on import,
// pkg/chiso_analysis (comparison, diagnosis, plans, reports, uncertainty, sensitivity, audit),
// loaded on first use in Node or by `await loadAnalyses()` in browsers, and pkg/chiso_excel
// (workbooks in and out), likewise by `await loadExcel()`, so that a page that only scores
// downloads the smallest module.

import init, * as raw from "./pkg/chiso_wasm.js";
import initAnalysis, * as rawAnalysis from "./pkg/chiso_analysis.js";
import initExcel, * as rawExcel from "./pkg/chiso_excel.js";

const wasmUrl = new URL("./pkg/chiso_wasm_bg.wasm", import.meta.url);
const analysisUrl = new URL("./pkg/chiso_analysis_bg.wasm", import.meta.url);
const excelUrl = new URL("./pkg/chiso_excel_bg.wasm", import.meta.url);

// Node (and other runtimes with `process`) read the file; browsers fetch it. getBuiltinModule
// keeps `node:fs` out of bundlers' sight; the dynamic import covers older Node versions.
const nodeProcess = globalThis.process;
const nodeFs =
  wasmUrl.protocol === "file:" && nodeProcess?.versions?.node
    ? (nodeProcess.getBuiltinModule?.("node:fs") ?? (await import("node:fs")))
    : null;
if (nodeFs) {
  raw.initSync({ module: nodeFs.readFileSync(wasmUrl) });
} else {
  await init({ module_or_path: wasmUrl });
}

/** Whether the analysis module is instantiated; the promise of `loadAnalyses()` while it loads. */
let analysisReady = false;
let analysisLoading = null;

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
function internalError(trap, api, module = raw) {
  let panic = null;
  try {
    panic = module.lastPanic() ?? null;
  } catch {
    // The trapped instance may not answer; the trap's own message will do.
  }
  module.__wbg_reset_state();
  // Objects (Spec, Dataset, Scores) of the trapped instance point into memory that is gone.
  if (module === raw) generation++;
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
  return callIn(raw, api, fn, ...args);
}

/** {@link call} for a function of `module` (the scoring or the analysis module). */
function callIn(module, api, fn, ...args) {
  try {
    return fn(...args);
  } catch (e) {
    if (e !== null && typeof e === "object" && !(e instanceof Error) && e.chisoError) {
      throw fromInfo(e.chisoError, api);
    }
    if (e instanceof WebAssembly.RuntimeError) {
      throw internalError(e, api, module);
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
  return analysis(compare, "compare", spec, rows, from, to, options);
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
  return analysis(compareCsv, "compareCsv", spec, csvText, from, to, options);
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
  return analysis(diagnose, "diagnose", spec, rows, options);
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
  return analysis(diagnoseCsv, "diagnoseCsv", spec, csvText, options);
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
  return analysis(plan, "plan", spec, rows, options);
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
  return analysis(planCsv, "planCsv", spec, csvText, options);
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
  return analysis(report, "report", spec, rows, options);
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
  return analysis(reportCsv, "reportCsv", spec, csvText, options);
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

// --- classes: parse once, score many times ---------------------------------------------------

/** The wrapped module object of a Spec, Dataset or Scores, and the module generation it belongs to. */
const RAW = Symbol("chiso.raw");
const GENERATION = Symbol("chiso.generation");
/** Passed by this file to the Dataset and Scores constructors, which callers do not call. */
const INTERNAL = Symbol("chiso.internal");
/** Incremented when the module is reset after a trap: objects of an older generation are dead. */
let generation = 0;

/** Wraps a module object, owned by `owner` (a Spec, Dataset or Scores). */
function adopt(owner, object) {
  owner[RAW] = object;
  owner[GENERATION] = generation;
  return owner;
}

/** The module object behind `owner`, or a TypeError if it was freed or belongs to a reset module. */
function live(owner, Class, api) {
  if (!(owner instanceof Class)) throw new TypeError(`${api}: expected a ${Class.name}`);
  if (owner[RAW] === null) throw new TypeError(`${api}: this ${Class.name} has been freed`);
  if (owner[GENERATION] !== generation) {
    throw new TypeError(`${api}: this ${Class.name} was made before an internal error reset the module; make it again`);
  }
  return owner[RAW];
}

/** Frees the module object behind `owner` (once; objects of a reset module are only dropped). */
function release(owner) {
  const object = owner[RAW];
  owner[RAW] = null;
  if (object && owner[GENERATION] === generation) object.free();
}

/**
 * A specification read and checked once: a preset id, a spec object or JSON text, within
 * `options.limits` (default: the browser limits; see {@link browserLimits}). Score any number
 * of datasets with it; `free()` releases its memory at once (otherwise the garbage collector
 * does, eventually).
 * @example const pci = new Spec("pci"); const scores = pci.score(Dataset.fromColumns(columns));
 */
export class Spec {
  /**
   * @param {SpecInput} spec a preset id, a spec object, or JSON text
   * @param {{limits?: import("./index.js").LimitsInput}} [options]
   * @throws {SpecError} for an invalid spec (or one over the limits)
   */
  constructor(spec, options) {
    adopt(this, call(Spec, () => new raw.Spec(spec, options)));
  }

  /** @returns {string} the index id */
  get id() {
    return live(this, Spec, "Spec.id").id;
  }

  /** @returns {import("./index.js").Labels} the index name */
  get label() {
    return live(this, Spec, "Spec.label").label;
  }

  /** @returns {import("./index.js").YearRange[]} the editions' year ranges */
  get editions() {
    return live(this, Spec, "Spec.editions").editions;
  }

  /**
   * The spec in its file form: every edition, or the standalone spec of the edition covering `year`.
   * @param {number} [year]
   * @returns {import("./index.js").SpecFile}
   */
  toJSON(year) {
    const object = live(this, Spec, "Spec.toJSON");
    return call(this.toJSON, () => object.toJSON(typeof year === "number" ? year : undefined));
  }

  /**
   * Scores a dataset: each year with its own edition, ranked within the year, or only `options.year`.
   * @param {Dataset} dataset
   * @param {{year?: number | null, strict?: boolean}} [options]
   * @returns {Scores}
   * @throws {SpecError | DataError | ComputeError} naming the node, row, unit or column
   */
  score(dataset, options) {
    const spec = live(this, Spec, "Spec.score");
    const data = live(dataset, Dataset, "Spec.score");
    return new Scores(INTERNAL, call(this.score, () => spec.score(data, options)));
  }

  /** Releases the spec's memory in the module; the object is unusable afterwards. */
  free() {
    release(this);
  }
}

/**
 * A table of units (optionally per year) and values, read and checked once, within
 * `options.limits` (default: the browser limits), which scoring keeps to. Made by
 * {@link Dataset.fromColumns} (typed arrays: the fast path), {@link Dataset.fromRows} or
 * {@link Dataset.fromCsv}.
 */
export class Dataset {
  /**
   * Not called directly: use {@link Dataset.fromColumns}, {@link Dataset.fromRows} or {@link Dataset.fromCsv}.
   * @param {symbol} token
   * @param {object} object
   */
  constructor(token, object) {
    if (token !== INTERNAL) throw new TypeError("use Dataset.fromColumns, Dataset.fromRows or Dataset.fromCsv");
    adopt(this, object);
  }

  /**
   * From columns: `{unit: string[], year?: number[], <node id>: Float64Array | number[]}`.
   * NaN, `null` and `undefined` are missing values.
   * @param {Columns} columns
   * @param {import("./index.js").DatasetOptions} [options]
   * @returns {Dataset}
   */
  static fromColumns(columns, options) {
    return new Dataset(INTERNAL, call(Dataset.fromColumns, () => raw.Dataset.fromColumns(columns, options)));
  }

  /**
   * From row objects `{unit, year?, <node id>: number | string}` (text cells may use decimal
   * commas), read as {@link score} reads them.
   * @param {Row[]} rows
   * @param {import("./index.js").DatasetOptions} [options]
   * @returns {Dataset}
   */
  static fromRows(rows, options) {
    const { names, firstRows, columns } = layOut(rows);
    return new Dataset(
      INTERNAL,
      call(Dataset.fromRows, () => raw.Dataset._fromLaidOutRows(names, Uint32Array.from(firstRows), columns, rows.length, options)),
    );
  }

  /**
   * From CSV text or the bytes of an uploaded file (`,` with `.` decimals, `;`/tab with `.` or
   * `,`; UTF-8, BOM allowed).
   * @param {CsvInput} csv
   * @param {import("./index.js").CsvDatasetOptions} [options]
   * @returns {Dataset}
   */
  static fromCsv(csv, options) {
    return new Dataset(INTERNAL, call(Dataset.fromCsv, () => raw.Dataset.fromCsv(csv, options)));
  }

  /** @returns {number} the number of rows */
  get length() {
    return live(this, Dataset, "Dataset.length").length;
  }

  /** @returns {string[]} unit names (trimmed, NFC) */
  get units() {
    return live(this, Dataset, "Dataset.units").units;
  }

  /** @returns {Int32Array | null} years, or `null` without a year column */
  get years() {
    return live(this, Dataset, "Dataset.years").years;
  }

  /** @returns {string[]} the value columns' names */
  get columns() {
    return live(this, Dataset, "Dataset.columns").columns;
  }

  /** @returns {import("./index.js").Limits} the limits the data was read with */
  get limits() {
    return live(this, Dataset, "Dataset.limits").limits;
  }

  /**
   * A column's values (NaN = missing).
   * @param {string} name
   * @returns {Float64Array}
   * @throws {DataError} for an unknown column or one with text that is not a number
   */
  column(name) {
    const data = live(this, Dataset, "Dataset.column");
    return call(this.column, () => data.column(name));
  }

  /** Releases the dataset's memory in the module; the object is unusable afterwards. */
  free() {
    release(this);
  }
}

const ROWS_TYPE_ERROR = "rows must be an array of objects ({unit, year?, <node id>: value})";

/**
 * Row objects as columns for the module, in one pass in JavaScript: names in first-seen order
 * with the row each first appears in, per name a Float64Array while every value is a number other than NaN (NaN marks a row without
 * the value, or with null/undefined), else an array of the rows' own values.
 */
function layOut(rows) {
  if (!Array.isArray(rows)) throw new TypeError(ROWS_TYPE_ERROR);
  const n = rows.length;
  const names = [];
  const firstRows = [];
  const columns = [];
  const slots = new Map();
  let previousKeys = null;
  let previousSlots = null;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row === null || typeof row !== "object" || Array.isArray(row)) throw new TypeError(`rows[${i}] must be an object`);
    const keys = Object.keys(row);
    // Rows built alike have the same keys in the same order: look their slots up once.
    let rowSlots;
    if (previousKeys !== null && sameKeys(keys, previousKeys)) {
      rowSlots = previousSlots;
    } else {
      rowSlots = keys.map((key) => {
        let k = slots.get(key);
        if (k === undefined) {
          k = names.length;
          slots.set(key, k);
          names.push(key);
          firstRows.push(i);
          columns.push(new Float64Array(n).fill(NaN));
        }
        return k;
      });
      previousKeys = keys;
      previousSlots = rowSlots;
    }
    for (let j = 0; j < keys.length; j++) {
      const k = rowSlots[j];
      const v = row[keys[j]];
      const column = columns[k];
      if (column instanceof Float64Array) {
        if (typeof v === "number" && v === v) column[i] = v;
        else if (v !== null && v !== undefined) {
          const cells = Array.from(column, (x) => (x === x ? x : undefined));
          cells[i] = v;
          columns[k] = cells;
        }
      } else {
        column[i] = v;
      }
    }
  }
  return { names, firstRows, columns };
}

function sameKeys(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The result of {@link Spec#score}: every scored row (input order) with its headline score,
 * rank and tier and every node's score and rank, kept in the module and read as columns
 * (typed arrays, the fast path) or as row objects built on demand ({@link Scores#row},
 * {@link Scores#rows}, {@link Scores#toJSON}). The arrays returned are the object's own: copy
 * one before changing it.
 */
export class Scores {
  /** What the getters have read from the module. */
  #cache = new Map();

  /**
   * Not called directly: {@link Spec#score} makes Scores.
   * @param {symbol} token
   * @param {object} object
   */
  constructor(token, object) {
    if (token !== INTERNAL) throw new TypeError("Scores are made by spec.score(dataset)");
    adopt(this, object);
  }

  /** The module object's `read` result, read once; a TypeError when freed. */
  #get(key, api, read) {
    const object = live(this, Scores, `Scores.${api}`);
    if (!this.#cache.has(key)) this.#cache.set(key, call(undefined, read, object));
    return this.#cache.get(key);
  }

  /** @returns {string} the index id */
  get index() {
    return this.#get("index", "index", (o) => o.index);
  }

  /** @returns {number} decimals for display */
  get precision() {
    return this.#get("precision", "precision", (o) => o.precision);
  }

  /** @returns {boolean} whether any year had a tier rule */
  get hasTiers() {
    return this.#get("hasTiers", "hasTiers", (o) => o.hasTiers);
  }

  /** @returns {number} the number of scored rows */
  get length() {
    return this.#get("length", "length", (o) => o.length);
  }

  /** @returns {string[]} unit names */
  get units() {
    return this.#get("units", "units", (o) => o.units);
  }

  /** @returns {Int32Array | null} years (`null` when the rows have none) */
  get years() {
    return this.#get("years", "years", (o) => o.years);
  }

  /** @returns {Float64Array} headline scores, unrounded */
  get score() {
    return this.#get("score", "score", (o) => o.score);
  }

  /** @returns {Uint32Array} headline ranks */
  get rank() {
    return this.#get("rank", "rank", (o) => o.rank);
  }

  /** @returns {Uint32Array} units ranked in the row's year (and group, under `rank_within`) */
  get outOf() {
    return this.#get("outOf", "outOf", (o) => o.outOf);
  }

  /** @returns {Uint8Array} 1 where the rank lies beyond the leading group a publisher ranks (`published_top`) */
  get unpublished() {
    return this.#get("unpublished", "unpublished", (o) => o.unpublished);
  }

  /** @returns {Int32Array} per row, the index of its tier in {@link Scores#tiers}, -1 without */
  get tier() {
    return this.#get("tier", "tier", (o) => o.tier);
  }

  /** @returns {import("./index.js").Tier[]} the distinct tiers that {@link Scores#tier} indexes */
  get tiers() {
    return this.#get("tiers", "tiers", (o) => o.tiers);
  }

  /** @returns {string[]} every node below the root with a score, in spec order */
  get nodes() {
    return this.#get("nodes", "nodes", (o) => o.nodes);
  }

  /** @returns {import("./index.js").Dropped[]} input rows not scored, and why */
  get dropped() {
    return this.#get("dropped", "dropped", (o) => o.dropped);
  }

  /** @returns {import("./index.js").CellNote[]} imputed and treated cells */
  get log() {
    return this.#get("log", "log", (o) => o.log);
  }

  /**
   * One node's scores, NaN where a row has none.
   * @param {string} id a node id (see {@link Scores#nodes})
   * @returns {Float64Array}
   * @throws {RangeError} for a node that is not in the scores
   */
  nodeScore(id) {
    return this.#get(`score:${id}`, "nodeScore", (o) => o.nodeScore(id));
  }

  /**
   * One node's ranks, 0 where a row has no score.
   * @param {string} id a node id
   * @returns {Uint32Array}
   * @throws {RangeError} for a node that is not in the scores
   */
  nodeRank(id) {
    return this.#get(`rank:${id}`, "nodeRank", (o) => o.nodeRank(id));
  }

  /**
   * Row `i` as an object, as {@link score} gives it.
   * @param {number} i 0-based row
   * @returns {import("./index.js").ScoreRow}
   * @throws {RangeError} for a row out of range
   */
  row(i) {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) throw new RangeError(`Scores.row: no row ${i} (0–${this.length - 1})`);
    return this.#rowAt(this.#rowParts(), i);
  }

  /**
   * Every row as an object, as {@link score} gives them.
   * @returns {import("./index.js").ScoreRow[]}
   */
  rows() {
    const parts = this.#rowParts();
    const out = new Array(this.length);
    for (let i = 0; i < out.length; i++) out[i] = this.#rowAt(parts, i);
    return out;
  }

  #rowParts() {
    const nodes = this.nodes;
    return {
      units: this.units,
      years: this.years,
      score: this.score,
      rank: this.rank,
      outOf: this.outOf,
      unpublished: this.unpublished,
      tier: this.tier,
      tiers: this.tiers,
      nodes,
      nodeScores: nodes.map((id) => this.nodeScore(id)),
      nodeRanks: nodes.map((id) => this.nodeRank(id)),
    };
  }

  #rowAt(p, i) {
    const components = [];
    for (let k = 0; k < p.nodes.length; k++) {
      const score = p.nodeScores[k][i];
      if (score === score) components.push({ id: p.nodes[k], score, rank: p.nodeRanks[k][i] });
    }
    const t = p.tier[i];
    const row = {
      unit: p.units[i],
      year: p.years === null ? null : p.years[i],
      score: p.score[i],
      rank: p.rank[i],
      out_of: p.outOf[i],
      tier: t < 0 ? null : { level: p.tiers[t].level, label: { ...p.tiers[t].label } },
    };
    if (p.unpublished[i]) row.unpublished = true;
    row.components = components;
    return row;
  }

  /**
   * The scores as {@link score} returns them: `{index, precision, has_tiers, rows, dropped, log}`.
   * @returns {import("./index.js").ScoreResult}
   */
  toJSON() {
    return { index: this.index, precision: this.precision, has_tiers: this.hasTiers, rows: this.rows(), dropped: this.dropped, log: this.log };
  }

  /**
   * The scores as {@link scoreColumns} returns them (fresh arrays).
   * @returns {import("./index.js").ColumnScores}
   */
  columns() {
    const object = live(this, Scores, "Scores.columns");
    return call(this.columns, () => object.columns());
  }

  /** Releases the scores' memory in the module (the arrays already read stay usable). */
  free() {
    release(this);
  }
}

/**
 * The limits every function applies unless given `limits` (`Limits::BROWSER`: 16 MiB, a tree
 * 16 deep, 5,000 nodes, 100,000 rows, 2,000 columns, 2,000,000 values, 100,000 samples).
 * @returns {import("./index.js").Limits}
 */
export function browserLimits() {
  return call(browserLimits, raw.browserLimits);
}

/**
 * The limits of the CLI, Python and Rust (`Limits::DEFAULT`), which `limits: "default"` selects.
 * @returns {import("./index.js").Limits}
 */
export function defaultLimits() {
  return call(defaultLimits, raw.defaultLimits);
}

// --- robustness: uncertainty, sensitivity, audit ---------------------------------------------

/**
 * Loads the analysis module (compare, diagnose, plan, report, calibrate, uncertainty, rankChanges,
 * sensitivity, audit and their CSV variants), a second WebAssembly file next to the first, so
 * that pages that only score do not download it. Node loads it by itself on the first call; in
 * browsers, await this once before calling those functions. Idempotent.
 * @returns {Promise<void>}
 * @example await loadAnalyses(); uncertainty("pci", rows, { inputs: { weights_pm: 20 } })
 */
export async function loadAnalyses() {
  if (analysisReady) return;
  analysisLoading ??= (async () => {
    if (nodeFs) {
      rawAnalysis.initSync({ module: nodeFs.readFileSync(analysisUrl) });
    } else {
      await initAnalysis({ module_or_path: analysisUrl });
    }
    analysisReady = true;
  })();
  try {
    await analysisLoading;
  } catch (e) {
    analysisLoading = null;
    throw e;
  }
}

/** Calls `name` of the analysis module for `api`, loading the module first in Node. */
function analysis(api, name, ...args) {
  if (!analysisReady) {
    if (!nodeFs) {
      throw new Error(
        `${api.name}: the analysis module is not loaded yet; \`await loadAnalyses()\` once before calling it ` +
          "(browsers load it on demand, so that pages that only score do not download it)",
      );
    }
    rawAnalysis.initSync({ module: nodeFs.readFileSync(analysisUrl) });
    analysisReady = true;
  }
  return callIn(rawAnalysis, api, rawAnalysis[name], ...args);
}

/**
 * Rank intervals of every unit under uncertain inputs (`options.inputs`, e.g.
 * `{weights_pm: 20}`): nominal, median, 5th–95th percentile ranks and the score distribution,
 * the same numbers as Rust and Python for a seed. `pairwise: true` adds `above[a][b]` =
 * P(unit a ranks above unit b).
 */
export function uncertainty(spec, rows, options) {
  return analysis(uncertainty, "uncertainty", spec, rows, options);
}

/** {@link uncertainty} from CSV text. */
export function uncertaintyCsv(spec, csvText, options) {
  return analysis(uncertaintyCsv, "uncertaintyCsv", spec, csvText, options);
}

/** Rank changes from `options.from` to `options.to` against their rank intervals. */
export function rankChanges(spec, rows, options) {
  return analysis(rankChanges, "rankChanges", spec, rows, options);
}

/** {@link rankChanges} from CSV text. */
export function rankChangesCsv(spec, csvText, options) {
  return analysis(rankChangesCsv, "rankChangesCsv", spec, csvText, options);
}

/** First- and total-order Sobol indices of each uncertain input on the ranks. */
export function sensitivity(spec, rows, options) {
  return analysis(sensitivity, "sensitivity", spec, rows, options);
}

/** {@link sensitivity} from CSV text. */
export function sensitivityCsv(spec, csvText, options) {
  return analysis(sensitivityCsv, "sensitivityCsv", spec, csvText, options);
}

/** Statistical audit: correlations, Cronbach's alpha, PCA, effective weights. */
export function audit(spec, rows, options) {
  return analysis(audit, "audit", spec, rows, options);
}

/** {@link audit} from CSV text. */
export function auditCsv(spec, csvText, options) {
  return analysis(auditCsv, "auditCsv", spec, csvText, options);
}

/**
 * One unit across indices (`options.unit`, `options.year`): per index the score with its
 * unit, rank of N in its ranking group, tier, change in points and places on
 * `options.previous` (default the year before; across renames and mergers with
 * `options.unitMap`), and for full tables the weakest components and the distance to
 * `options.targets`. Each source is `{index, rows | csv}` (a full table, scored by the preset
 * or `spec`) or `{index, published}` (rows or CSV `unit, year, score, rank, out_of[, tier]`);
 * a target asked of published rows comes back as `status: "needs_full_table"`.
 */
export function profile(sources, options) {
  return analysis(profile, "profile", sources, options);
}

/** The {@link profile} as a page: Markdown or (`format: "html"`) HTML with its chart, in `lang` `vi` (default) or `en`. */
export function profilePage(sources, options) {
  return analysis(profilePage, "profilePage", sources, options);
}

/**
 * Survey aggregation: microdata (CSV text, one row per respondent) → weighted shares or means
 * per unit with respondents, effective sample size, standard error, normal and bootstrap
 * intervals, as the survey spec (JSON text or object) says. `options.seed`/`replicates`
 * override its bootstrap; `options.index` (a preset id or spec) returns every node's interval
 * and rank range over the replicates instead.
 */
export function survey(spec, csvText, options) {
  return analysis(survey, "survey", spec, csvText, options);
}

/** Calibration: fits `options.target` as an affine function of the children's columns (rows or CSV text). */
export function calibrate(data, options) {
  return analysis(calibrate, "calibrate", data, options);
}

/**
 * Reads one sheet of a workbook (.xlsx, .xls or .ods bytes) into a {@link Dataset}, with the
 * core's reader: headers matched to `options.spec`'s nodes (id, label or a declared alias such
 * as VCCI's `Sub-Index 3: Transparency`), unit names through its unit aliases (`BRVT`), rows
 * below the table (Min, Median, Max, repeated headers) reported in `notes`, never scored. A
 * sheet without a year column needs `options.year` when the spec has editions. In the workbook
 * module: Node loads it on the first call; browsers `await loadExcel()` once first.
 * @param {Uint8Array | ArrayBuffer} bytes the workbook file's bytes
 * @param {import("./index.js").ExcelReadOptions} [options] `{spec?, sheet?, unitColumn?, yearColumn?, year?}`
 * @returns {import("./index.js").ExcelSheet} `{data, sheet, columns, unit_aliases, notes}`
 * @throws {DataError} naming the sheet and the cell (variants `SheetCell`, `NoSheet`, `SheetTable`, `Workbook`, `NoYear`)
 */
export function readExcel(bytes, options) {
  const { spec, ...rest } = options ?? {};
  const read = excel(readExcel, "readExcel", bytes, spec, rest);
  const data = Dataset.fromRows(read.rows, { unitColumn: read.unitColumn, yearColumn: read.yearColumn });
  return { data, ...read.report };
}

/**
 * Scores rows (as {@link score} does) and returns the results as an .xlsx workbook: the
 * headline (score, rank, tier, change since each unit's previous year), one sheet per node
 * level and `About` (spec, edition); scores shown at the index's precision, cells unrounded.
 * In the workbook module (see {@link loadExcel}).
 * @param {SpecInput} spec a preset id, a spec object, or JSON text
 * @param {Row[]} rows `{unit, year?, <node id>: number | string}`
 * @param {import("./index.js").ExcelWriteOptions} [options] `{year?, strict?, unitColumn?, yearColumn?}`
 * @returns {Uint8Array} the workbook's bytes
 */
export function writeExcel(spec, rows, options) {
  return excel(writeExcel, "writeExcel", spec, rows, options);
}

let excelReady = false;
let excelLoading = null;

/**
 * Loads the workbook module (readExcel, writeExcel), a third WebAssembly file next to the
 * first: a spreadsheet reader and writer are larger than all of scoring, so pages that do not
 * read workbooks never download them. Node loads it by itself on the first call; in browsers,
 * await this once before calling those functions. Idempotent.
 * @returns {Promise<void>}
 * @example await loadExcel(); const { data } = readExcel(new Uint8Array(await file.arrayBuffer()), { spec: "pci", year: 2018 });
 */
export async function loadExcel() {
  if (excelReady) return;
  excelLoading ??= (async () => {
    if (nodeFs) {
      rawExcel.initSync({ module: nodeFs.readFileSync(excelUrl) });
    } else {
      await initExcel({ module_or_path: excelUrl });
    }
    excelReady = true;
  })();
  try {
    await excelLoading;
  } catch (e) {
    excelLoading = null;
    throw e;
  }
}

/** Calls `name` of the workbook module for `api`, loading the module first in Node. */
function excel(api, name, ...args) {
  if (!excelReady) {
    if (!nodeFs) {
      throw new Error(`${api.name}: the workbook module is not loaded yet; \`await loadExcel()\` once before calling it`);
    }
    rawExcel.initSync({ module: nodeFs.readFileSync(excelUrl) });
    excelReady = true;
  }
  return callIn(rawExcel, api, rawExcel[name], ...args);
}
// The bundled published tables and the JSON Schema of spec files: files shipped beside the
// modules and read on demand (bundled.js), not compiled into them.
export { datasets, specSchema } from "./bundled.js";
