// Scoring benchmark: 100,000 units × 50 indicators (min–max normalised, five weighted-mean
// groups, a weighted-mean root) scored by
//   - the WebAssembly package's classes, the spec parsed once: the column API
//     (Dataset.fromColumns → spec.score → every node's score and rank as typed arrays → free)
//     and the row API (Dataset.fromRows of one object per unit → spec.score → scores.rows(), one
//     object per unit and node → free); and the functions scoreColumns and score (rows);
//   - native Rust: the same core on the same data (bench/native.rs, a release example);
//   - plain JavaScript: the same arithmetic (normalise, aggregate, rank every node) on typed arrays.
// Every contender computes every node's score and rank; the script checks that they agree
// before it prints the times (median of the runs) and the ratios, all measured in this one run.
// Not part of the test suite.
//
//   cd bindings/wasm && npm run build && node bench/score.mjs [--units 100000] [--runs 5]
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { Dataset, Spec, score, scoreColumns } from "../index.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const UNITS = arg("units", 100_000);
const RUNS = arg("runs", 5);
const ROW_RUNS = Math.max(1, Math.min(RUNS, 3)); // the row APIs take seconds per run
const LEGACY_ROW_RUNS = 1; // score(rows), the function: tens of seconds
const GROUPS = 5;
const PER_GROUP = 10;

// --- the spec and the data ------------------------------------------------------------------

/** mulberry32: a small deterministic PRNG, so every run scores the same table. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Every indicator is higher-is-better: the core ranks a min–max normalised lower-is-better leaf
// in reverse (its normalised score already has the best unit highest), reported separately.
const ids = Array.from({ length: GROUPS * PER_GROUP }, (_, i) => `i${String(i + 1).padStart(2, "0")}`);
const groupIds = Array.from({ length: GROUPS }, (_, g) => `g${g + 1}`);
const spec = {
  id: "bench",
  label: { vi: "Chỉ số thử", en: "Benchmark index" },
  root: "total",
  nodes: [
    { id: "total", aggregation: "weighted_mean", children: groupIds },
    ...groupIds.map((id, g) => ({
      id,
      weight: [30, 25, 20, 15, 10][g],
      aggregation: "weighted_mean",
      children: ids.slice(g * PER_GROUP, (g + 1) * PER_GROUP),
    })),
    ...ids.map((id, i) => ({
      id,
      weight: 1 + (i % 4),
      normalise: { method: "min_max", low: 0, high: 100 },
    })),
  ],
};

const random = prng(2024);
const units = Array.from({ length: UNITS }, (_, i) => `Tỉnh ${i + 1}`);
const columns = ids.map((_, i) => {
  const column = new Float64Array(UNITS);
  const scale = 10 + 10 * (i % 5);
  for (let u = 0; u < UNITS; u++) column[u] = Math.round(random() * scale * 1e4) / 1e4;
  return column;
});

// --- plain JavaScript: the same arithmetic ------------------------------------------------------

/**
 * Competition ranks (1, 2, 2, 4), higher is better: 1 + the number of values above each one,
 * found by binary search in a copy sorted by the engine's numeric typed-array sort (no
 * comparator callback, the fast way to rank in plain JavaScript).
 */
function ranks(values) {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = n - lo + 1;
  }
  return out;
}

/** Every node's scores and ranks: min–max leaves, weighted-mean groups and root. */
function plainScore(spec, data) {
  const byId = new Map(spec.nodes.map((n) => [n.id, n]));
  const values = new Map();
  const visit = (id) => {
    const node = byId.get(id);
    let out;
    if (!node.children) {
      const raw = data[id];
      const n = raw.length;
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < n; i++) {
        if (raw[i] < min) min = raw[i];
        if (raw[i] > max) max = raw[i];
      }
      const { low, high } = node.normalise;
      const range = max - min;
      const span = high - low;
      out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = low + span * ((raw[i] - min) / range);
    } else {
      const children = node.children.map(visit);
      const weights = node.children.map((c) => byId.get(c).weight ?? 1);
      const total = weights.reduce((a, b) => a + b, 0);
      const n = children[0].length;
      out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let c = 0; c < children.length; c++) sum += children[c][i] * weights[c];
        out[i] = sum / total;
      }
    }
    values.set(id, out);
    return out;
  };
  visit(spec.root);
  const result = {};
  for (const [id, v] of values) result[id] = { score: v, rank: ranks(v) };
  return result;
}

// --- timing -----------------------------------------------------------------------------------

function time(fn) {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const columnInput = { unit: units, ...Object.fromEntries(ids.map((id, i) => [id, columns[i]])) };
const plainInput = Object.fromEntries(ids.map((id, i) => [id, columns[i]]));
const rowInput = () => units.map((unit, u) => ({ unit, ...Object.fromEntries(ids.map((id, i) => [id, columns[i][u]])) }));

console.log(`chiso scoring benchmark: ${UNITS.toLocaleString("en")} units × ${ids.length} indicators, ${GROUPS} groups; node ${process.version}`);

// The data for the native side, written once; each round runs it as its own process.
const dir = mkdtempSync(join(tmpdir(), "chiso-bench-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "spec.json"), JSON.stringify(spec));
writeFileSync(join(dir, "meta.json"), JSON.stringify({ units, ids }));
const all = new Float64Array(UNITS * ids.length);
columns.forEach((c, i) => all.set(c, i * UNITS));
writeFileSync(join(dir, "values.f64"), Buffer.from(all.buffer));
execFileSync("cargo", ["build", "--release", "-q", "-p", "chiso-wasm", "--example", "bench_native"], { cwd: ROOT, stdio: "inherit" });
const runNative = () => JSON.parse(execFileSync(join(ROOT, "target/release/examples/bench_native"), [dir, "1"], { encoding: "utf8" }));

// 100,000 × 50 is 5,000,000 values, over the browser limits (2,000,000): raised explicitly.
const LIMITS = { limits: "default" };
const parsed = new Spec(spec, LIMITS);

/** The column API: every node's scores and ranks as typed arrays, the module's memory freed. */
function columnApi() {
  const data = Dataset.fromColumns(columnInput, LIMITS);
  const scores = parsed.score(data);
  const components = {};
  for (const id of scores.nodes) components[id] = { score: scores.nodeScore(id), rank: scores.nodeRank(id) };
  const out = { score: scores.score, rank: scores.rank, components };
  scores.free();
  data.free();
  return out;
}

/** The row API: one object per unit in, one object per unit and node out. */
function rowApi(rows) {
  const data = Dataset.fromRows(rows, LIMITS);
  const scores = parsed.score(data);
  const out = scores.rows();
  scores.free();
  data.free();
  return out;
}

/**
 * What the agreement check needs of a row result (headline scores and ranks, the number of
 * components per row), so that the millions of row objects can be collected before the next
 * contender runs instead of weighing on its garbage collections.
 */
function summary(rows) {
  return {
    score: Float64Array.from(rows, (r) => r.score),
    rank: Uint32Array.from(rows, (r) => r.rank),
    components: Uint32Array.from(rows, (r) => r.components.length),
  };
}

// Warm-up (V8 compiles WebAssembly and JavaScript in tiers), then the contenders in turn,
// round after round, so that load on the machine hits them alike.
const cold = { columns: time(columnApi).ms, plain: time(() => plainScore(spec, plainInput)).ms };
const times = { native: [], nativeParts: [], columns: [], columnsFn: [], plain: [], rows: [], rowsFn: [], rowsBuild: [] };
let native;
let wasmColumns;
let wasmColumnsFn;
let plain;
let wasmRows;
let wasmRowsFn;
for (let run = 0; run < RUNS; run++) {
  native = runNative();
  times.native.push(native.build_ms + native.score_ms + native.drop_ms);
  times.nativeParts.push(native);
  let t = time(columnApi);
  times.columns.push(t.ms);
  wasmColumns = t.result;
  t = time(() => scoreColumns(spec, columnInput));
  times.columnsFn.push(t.ms);
  wasmColumnsFn = t.result;
  t = time(() => plainScore(spec, plainInput));
  times.plain.push(t.ms);
  plain = t.result;
  if (run < ROW_RUNS) {
    const built = time(rowInput);
    times.rowsBuild.push(built.ms);
    t = time(() => rowApi(built.result));
    times.rows.push(t.ms);
    wasmRows = summary(t.result);
    t = null;
    if (run < LEGACY_ROW_RUNS) {
      t = time(() => score(spec, built.result, LIMITS));
      times.rowsFn.push(t.ms);
      wasmRowsFn = summary(t.result.rows);
      t = null;
    }
  }
}

// --- the contenders agree ------------------------------------------------------------------------

let maxDiff = 0;
let rankMismatches = 0;
for (let u = 0; u < UNITS; u++) {
  maxDiff = Math.max(
    maxDiff,
    Math.abs(wasmColumns.score[u] - plain.total.score[u]),
    Math.abs(wasmRows.score[u] - wasmColumns.score[u]),
    Math.abs(wasmRowsFn.score[u] - wasmColumns.score[u]),
    Math.abs(wasmColumnsFn.score[u] - wasmColumns.score[u]),
  );
  if (wasmColumns.rank[u] !== plain.total.rank[u] || wasmRows.rank[u] !== wasmColumns.rank[u] || wasmRowsFn.rank[u] !== wasmColumns.rank[u]) rankMismatches++;
  if (wasmRows.components[u] !== ids.length + groupIds.length || wasmRowsFn.components[u] !== ids.length + groupIds.length) rankMismatches++;
}
for (const id of [...ids, ...groupIds]) {
  const w = wasmColumns.components[id];
  for (let u = 0; u < UNITS; u++) {
    maxDiff = Math.max(maxDiff, Math.abs(w.score[u] - plain[id].score[u]));
    if (w.rank[u] !== plain[id].rank[u]) rankMismatches++;
  }
}
const wasmSum = wasmColumns.score.reduce((a, b) => a + b, 0);
const wasmRankSum = wasmColumns.rank.reduce((a, b) => a + b, 0);
const nativeAgrees = Math.abs(wasmSum - native.score_sum) < 1e-6 * UNITS && wasmRankSum === native.rank_sum && wasmColumns.score[0] === native.first_score;
console.log(
  `agreement: max |Δscore| ${maxDiff.toExponential(1)} (wasm column and row APIs, scoreColumns, score, plain JS), rank mismatches ${rankMismatches}, native checksums ${nativeAgrees ? "equal" : "DIFFER"}`,
);
if (maxDiff > 1e-9 || rankMismatches || !nativeAgrees) {
  console.error("the contenders disagree: the times below are not comparable");
  process.exitCode = 1;
}

// --- report ---------------------------------------------------------------------------------------

const ms = {
  native: median(times.native),
  columns: median(times.columns),
  columnsFn: median(times.columnsFn),
  plain: median(times.plain),
  rows: median(times.rows),
  rowsFn: median(times.rowsFn),
};
const part = (key) => median(times.nativeParts.map((p) => p[key])).toFixed(0);
const fmt = (x) => `${x.toFixed(0).padStart(7)} ms`;
console.log(`
median of ${RUNS} runs (row APIs: ${ROW_RUNS}, score(rows): ${LEGACY_ROW_RUNS})
  native Rust (dataset ${part("build_ms")} + score ${part("score_ms")} + free ${part("drop_ms")} ms)   ${fmt(ms.native)}
  wasm column API (Dataset.fromColumns, spec.score, every node's columns)   ${fmt(ms.columns)}
  wasm row API (Dataset.fromRows, spec.score, scores.rows())               ${fmt(ms.rows)}   (+ ${median(times.rowsBuild).toFixed(0)} ms to build the row objects)
  wasm scoreColumns (function; typed arrays in and out)                    ${fmt(ms.columnsFn)}
  wasm score (function; objects in and out)                                ${fmt(ms.rowsFn)}
  plain JavaScript (same arithmetic, typed arrays)                         ${fmt(ms.plain)}
first call (cold: V8's baseline tier, memory not yet grown)
  wasm column API ${cold.columns.toFixed(0)} ms, plain JavaScript ${cold.plain.toFixed(0)} ms

ratios
  wasm column API / native     ${(ms.columns / ms.native).toFixed(2)}×   (target ≤ 1.3)
  wasm row API / native        ${(ms.rows / ms.native).toFixed(2)}×   (target ≤ 2)
  wasm scoreColumns / native   ${(ms.columnsFn / ms.native).toFixed(2)}×
  wasm score(rows) / native    ${(ms.rowsFn / ms.native).toFixed(2)}×
  wasm column API / plain JS   ${(ms.columns / ms.plain).toFixed(2)}×`);
