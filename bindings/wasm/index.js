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

/** Base class of every error chiso throws for bad specs, bad data or failed computations. */
export class ChisoError extends Error {
  /**
   * @param {string} message the core's message
   * @param {{code?: string, node?: string|null, row?: number|null, unit?: string|null,
   *          column?: string|null, line?: number|null}} [fields]
   */
  constructor(message, fields = {}) {
    super(message);
    this.name = "ChisoError";
    this.code = fields.code ?? "chiso";
    this.node = fields.node ?? null;
    this.row = fields.row ?? null;
    this.unit = fields.unit ?? null;
    this.column = fields.column ?? null;
    this.line = fields.line ?? null;
  }
}

/** The specification is invalid (parse error, tree, weights, methods, editions, presets). */
export class SpecError extends ChisoError {
  constructor(message, fields = {}) {
    super(message, { ...fields, code: "spec" });
    this.name = "SpecError";
  }
}

/** The data is invalid (CSV structure, missing column or value, bad number, out of scale, …). */
export class DataError extends ChisoError {
  constructor(message, fields = {}) {
    super(message, { ...fields, code: "data" });
    this.name = "DataError";
  }
}

/** The computation cannot give a finite, meaningful result (constant indicator, …). */
export class ComputeError extends ChisoError {
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

/** Calls `fn` of the module for `api`, rethrowing core errors as ChisoError subclasses. */
function call(api, fn, ...args) {
  try {
    return fn(...args);
  } catch (e) {
    if (e !== null && typeof e === "object" && !(e instanceof Error) && e.chisoError) {
      throw fromInfo(e.chisoError, api);
    }
    throw e;
  }
}

/** Ids of the presets shipped with this version, e.g. `["pci"]`. */
export function presets() {
  return call(presets, raw.presets);
}

/** A preset as a spec object: every edition, or the edition covering `year`. */
export function preset(id, year) {
  return call(preset, raw.preset, id, year);
}

/** Validates a spec; findings come back as data (`{valid, id, label, editions, error}`). */
export function validateSpec(spec) {
  const report = call(validateSpec, raw.validateSpec, spec);
  if (report.error) report.error = fromInfo(report.error, validateSpec);
  return report;
}

/** Scores rows given as objects `{unit, year?, <node id>: number | string}`. */
export function score(spec, rows, options) {
  return call(score, raw.score, spec, rows, options);
}

/** Scores CSV text (`,` with `.` decimals, or `;`/tab with decimal commas; BOM allowed). */
export function scoreCsv(spec, csvText, options) {
  return call(scoreCsv, raw.scoreCsv, spec, csvText, options);
}

/**
 * Scores columns — `{unit: string[], year?: number[], <node id>: Float64Array | number[]}` — and
 * returns columns (typed arrays): the fast path for large tables, without one JS object per
 * unit and node. NaN, `null` and `undefined` are missing values.
 * @param {string | object} spec a preset id, a spec object, or JSON text
 * @param {Record<string, ArrayLike<number | string | null | undefined>>} columns
 * @param {{year?: number, unitColumn?: string, yearColumn?: string, strict?: boolean}} [options]
 * @returns {object} `{index, precision, has_tiers, unit, year, score, rank, out_of, tier, tiers, components}`
 */
export function scoreColumns(spec, columns, options) {
  return call(scoreColumns, raw.scoreColumns, spec, columns, options);
}

/** Compares years `from` and `to` of rows given as objects. */
export function compare(spec, rows, from, to, options) {
  return call(compare, raw.compare, spec, rows, from, to, options);
}

/** Compares years `from` and `to` of CSV text. */
export function compareCsv(spec, csvText, from, to, options) {
  return call(compareCsv, raw.compareCsv, spec, csvText, from, to, options);
}

/**
 * Diagnoses one unit in one year from rows given as objects: each sub-index against the
 * median and the leader, what it costs the composite, what fell since `options.from`
 * (default: the year before, when the data has it), and where the change came from.
 * @param {string | object} spec a preset id, a spec object, or JSON/TOML text
 * @param {object[]} rows `{unit, year?, <node id>: number | string}`
 * @param {{unit: string, year?: number, from?: number, unitColumn?: string, yearColumn?: string}} options
 * @returns {object} the core's `Diagnosis` (snake_case fields)
 */
export function diagnose(spec, rows, options) {
  return call(diagnose, raw.diagnose, spec, rows, options);
}

/**
 * Diagnoses one unit in one year from CSV text.
 * @param {string | object} spec a preset id, a spec object, or JSON/TOML text
 * @param {string} csvText `,` with `.` decimals, or `;`/tab with decimal commas
 * @param {{unit: string, year?: number, from?: number, unitColumn?: string, yearColumn?: string,
 *          delimiter?: string}} options
 * @returns {object} the core's `Diagnosis`
 */
export function diagnoseCsv(spec, csvText, options) {
  return call(diagnoseCsv, raw.diagnoseCsv, spec, csvText, options);
}

/**
 * Plans the smallest sub-index gains that bring one unit to a target (`top:N`, `rank:N`,
 * `score:S`, `gain:K`), the other units held fixed or moved by their trend.
 * @param {string | object} spec a preset id, a spec object, or JSON/TOML text
 * @param {object[]} rows `{unit, year?, <node id>: number | string}`
 * @param {{unit: string, year?: number, target: string, caps?: Record<string, number>,
 *          costs?: Record<string, number>, field?: "fixed" | "trend", unitColumn?: string,
 *          yearColumn?: string}} options
 * @returns {object} the core's `Plan`; a malformed target throws a ComputeError
 */
export function plan(spec, rows, options) {
  return call(plan, raw.plan, spec, rows, options);
}

/**
 * Plans from CSV text.
 * @param {string | object} spec a preset id, a spec object, or JSON/TOML text
 * @param {string} csvText `,` with `.` decimals, or `;`/tab with decimal commas
 * @param {{unit: string, year?: number, target: string, caps?: Record<string, number>,
 *          costs?: Record<string, number>, field?: "fixed" | "trend", unitColumn?: string,
 *          yearColumn?: string, delimiter?: string}} options
 * @returns {object} the core's `Plan`
 */
export function planCsv(spec, csvText, options) {
  return call(planCsv, raw.planCsv, spec, csvText, options);
}

/**
 * The one-page report on one unit (score, rank, change, sub-indices, weakest components,
 * the plan to `options.target`, default the top 10 or the top third of a field under 30 units) as Markdown or as a standalone HTML page
 * with inline SVG radar and bar charts, in Vietnamese (default) or English.
 * @param {string | object} spec a preset id, a spec object, or JSON/TOML text
 * @param {object[]} rows `{unit, year?, <node id>: number | string}`
 * @param {{unit: string, year?: number, target?: string, lang?: "vi" | "en", format?: "md" | "html",
 *          unitColumn?: string, yearColumn?: string}} options
 * @returns {string} the report text
 */
export function report(spec, rows, options) {
  return call(report, raw.report, spec, rows, options);
}

/**
 * The report from CSV text.
 * @param {string | object} spec a preset id, a spec object, or JSON/TOML text
 * @param {string} csvText `,` with `.` decimals, or `;`/tab with decimal commas
 * @param {{unit: string, year?: number, target?: string, lang?: "vi" | "en", format?: "md" | "html",
 *          unitColumn?: string, yearColumn?: string, delimiter?: string}} options
 * @returns {string} the report text
 */
export function reportCsv(spec, csvText, options) {
  return call(reportCsv, raw.reportCsv, spec, csvText, options);
}

/** `value` with `decimals` decimals, rounded half away from zero, as chiso displays scores. */
export function formatDecimal(value, decimals, decimalComma = false) {
  return call(formatDecimal, raw.formatDecimal, value, decimals, decimalComma);
}

/** A signed change with `decimals` decimals: `+1.58`, `-0.50`, `0.00`. */
export function formatDelta(value, decimals, decimalComma = false) {
  return call(formatDelta, raw.formatDelta, value, decimals, decimalComma);
}
