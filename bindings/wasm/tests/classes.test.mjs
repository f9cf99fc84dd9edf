// The classes: Spec, Dataset and Scores (parse once, score many times; columns first, row
// objects on demand; free()). Their results equal the functions' on the bundled PCI table and on
// hand-made cases; limits are the browser's unless a caller raises them.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  ChisoError,
  DataError,
  Dataset,
  Scores,
  Spec,
  SpecError,
  _panic,
  browserLimits,
  defaultLimits,
  preset,
  score,
  scoreColumns,
  scoreCsv,
} from "chiso";
import { IDS, PCI_CSV } from "./pci.mjs";

const AT = { unitColumn: "province" };

/** The published table as row objects (unit, year, sub-indices), from the CSV's own cells. */
function pciRows() {
  const [header, ...lines] = PCI_CSV.trim().split(/\r?\n/);
  const names = header.split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    const row = {};
    names.forEach((name, i) => {
      if (cells[i] === "" || cells[i] === undefined) return;
      row[name] = name === "province" ? cells[i] : Number(cells[i]);
    });
    return row;
  });
}

test("Spec + Dataset.fromCsv + score equals scoreCsv, field by field", () => {
  const spec = new Spec("pci");
  const data = Dataset.fromCsv(PCI_CSV, AT);
  const scores = spec.score(data);
  assert.ok(scores instanceof Scores);
  assert.deepEqual(scores.toJSON(), scoreCsv("pci", PCI_CSV, AT));
  assert.equal(scores.length, scoreCsv("pci", PCI_CSV, AT).rows.length);
  assert.equal(data.length, scores.length);
  assert.deepEqual(data.units.slice(0, 1), [scores.units[0]]);
  // Parse once, score many times: one year, then another, with the same objects.
  for (const year of [2016, 2013]) {
    assert.deepEqual(spec.score(data, { year }).toJSON(), scoreCsv("pci", PCI_CSV, { ...AT, year }));
  }
  scores.free();
  data.free();
  spec.free();
});

test("Dataset.fromRows reads rows as score() does; rows(), row(i) and columns() agree", () => {
  const rows = pciRows();
  const spec = new Spec("pci");
  const scores = spec.score(Dataset.fromRows(rows, AT));
  const expected = score("pci", rows, AT);
  assert.deepEqual(scores.rows(), expected.rows);
  assert.deepEqual(scores.row(5), expected.rows[5]);
  assert.throws(() => scores.row(scores.length), RangeError);
  assert.deepEqual(scores.columns(), scoreColumns("pci", columnsOf(rows)));
  // Columns: typed arrays, components per node in spec order.
  assert.ok(scores.score instanceof Float64Array && scores.rank instanceof Uint32Array);
  assert.ok(scores.years instanceof Int32Array && scores.outOf instanceof Uint32Array);
  assert.ok(IDS.every((id) => scores.nodes.includes(id)), scores.nodes.join());
  const transparency = scores.nodeScore("transparency");
  expected.rows.forEach((r, i) => {
    assert.equal(transparency[i], r.components.find((c) => c.id === "transparency").score);
    assert.equal(scores.tier[i] < 0 ? null : scores.tiers[scores.tier[i]].label.en, r.tier?.label.en ?? null);
  });
  assert.throws(() => scores.nodeScore("nope"), (e) => e instanceof RangeError && /no node 'nope'/.test(e.message));
});

/** Rows as columns for scoreColumns. */
function columnsOf(rows) {
  const columns = { unit: rows.map((r) => r.province), year: rows.map((r) => r.year) };
  for (const id of IDS) columns[id] = rows.map((r) => r[id] ?? null);
  return columns;
}

test("rows with text cells, decimal commas and missing values read as score() reads them", () => {
  const spec = { id: "d", root: "t", missing: { rule: "available", min_share: 0.5 }, nodes: [{ id: "t", children: ["a", "b"] }, { id: "a" }, { id: "b" }] };
  const rows = [
    { unit: "X", a: "7,5", b: 2 },
    { unit: "Y", a: 3, b: null },
    { unit: "Z", b: 4 },
    { unit: "W", a: NaN, b: 1 },
  ];
  // A NaN cell is an error when used, as in score().
  const err = (f) => {
    try {
      f();
    } catch (e) {
      return [e.constructor, e.message, e.row, e.column];
    }
    assert.fail("no error");
  };
  assert.deepEqual(err(() => new Spec(spec).score(Dataset.fromRows(rows))), err(() => score(spec, rows)));
  const ok = rows.slice(0, 3);
  assert.deepEqual(new Spec(spec).score(Dataset.fromRows(ok)).toJSON(), score(spec, ok));
  // Type errors name the row, as score() does.
  assert.throws(() => Dataset.fromRows([{ unit: "X" }, 5]), (e) => e instanceof TypeError && e.message === "rows[1] must be an object");
  assert.throws(() => Dataset.fromRows("x"), TypeError);
  assert.throws(() => Dataset.fromRows([]), DataError);
});

test("editions: components keep spec order across years that leave nodes out", () => {
  const spec = preset("pci");
  const rows = pciRows();
  const scores = new Spec(spec).score(Dataset.fromRows(rows, AT));
  assert.deepEqual(scores.toJSON(), score(spec, rows, AT));
});

test("the browser limits are the default; a caller raises them explicitly", () => {
  assert.deepEqual(browserLimits(), {
    max_bytes: 16 << 20,
    max_depth: 16,
    max_nodes: 5000,
    max_rows: 100_000,
    max_columns: 2000,
    max_cells: 2_000_000,
    max_samples: 100_000,
  });
  assert.equal(defaultLimits().max_cells, 100_000_000);
  // 100,000 rows × 21 columns: over the browser's 2,000,000 values.
  const n = 100_000;
  const columns = { unit: Array.from({ length: n }, (_, i) => `u${i}`) };
  columns.a = Float64Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < 19; k++) columns[`x${k}`] = new Float64Array(n).fill(1);
  assert.throws(
    () => Dataset.fromColumns(columns),
    (e) => e instanceof DataError && e.variant === "TooLarge" && e.message === "the data has at least 2100000 values (rows × columns); at most 2000000 are allowed here",
  );
  const spec = new Spec({ id: "x", root: "t", nodes: [{ id: "t", children: ["a"] }, { id: "a" }] });
  for (const limits of ["default", { max_cells: 10_000_000 }]) {
    const data = Dataset.fromColumns(columns, { limits });
    const scores = spec.score(data);
    assert.equal(scores.rank[n - 1], 1);
    assert.equal(data.limits.max_cells, limits === "default" ? 100_000_000 : 10_000_000);
    assert.equal(data.limits.max_rows, limits === "default" ? 10_000_000 : 100_000);
  }
  // Lowered limits are kept to as well, and unknown limits are a TypeError.
  assert.throws(() => Dataset.fromCsv("unit,a\nX,1\nY,2\n", { limits: { max_rows: 1 } }), (e) => e instanceof DataError && e.variant === "TooLarge");
  assert.throws(() => Dataset.fromColumns(columns, { limits: { max_units: 1 } }), (e) => e instanceof TypeError && /unknown limit 'max_units'/.test(e.message));
  assert.throws(() => Dataset.fromColumns(columns, { limits: "huge" }), TypeError);
  // The spec limits too: a tree deeper than 16 needs raised limits.
  const deep = { id: "deep", root: "n0", nodes: [...Array.from({ length: 20 }, (_, i) => ({ id: `n${i}`, children: [`n${i + 1}`] })), { id: "n20" }] };
  assert.throws(() => new Spec(deep), (e) => e instanceof SpecError && e.variant === "TooDeep");
  assert.equal(new Spec(deep, { limits: { max_depth: 64 } }).id, "deep");
  // The functions take `limits` as well.
  assert.equal(score(spec.toJSON(), [{ unit: "X", a: 1 }], { limits: "default" }).rows[0].rank, 1);
});

test("free(): a freed object says so; the arrays already read stay usable", () => {
  const spec = new Spec("pci");
  const data = Dataset.fromCsv(PCI_CSV, { ...AT, year: undefined });
  const scores = spec.score(data, { year: 2016 });
  const ranks = scores.rank;
  scores.free();
  scores.free(); // twice is harmless
  assert.equal(ranks.length, 63);
  assert.throws(() => scores.score, (e) => e instanceof TypeError && /has been freed/.test(e.message));
  data.free();
  assert.throws(() => spec.score(data), (e) => e instanceof TypeError && /Dataset has been freed/.test(e.message));
  assert.throws(() => spec.score({}), (e) => e instanceof TypeError && /expected a Dataset/.test(e.message));
  assert.throws(() => new Dataset(), TypeError);
  spec.free();
});

test("after an internal error the module is reset: older objects refuse to work, new ones work", () => {
  const spec = new Spec("pci");
  assert.throws(() => _panic("boom"), (e) => e instanceof ChisoError && e.code === "internal");
  assert.throws(() => spec.id, (e) => e instanceof TypeError && /reset the module/.test(e.message));
  spec.free(); // dropped without touching the new instance
  const again = new Spec("pci").score(Dataset.fromCsv(PCI_CSV, AT), { year: 2016 });
  assert.equal(again.length, 63);
});

test("Spec: id, label, editions, toJSON", () => {
  const spec = new Spec("pci");
  assert.equal(spec.id, "pci");
  assert.equal(spec.label.en, preset("pci").label.en);
  assert.deepEqual(spec.toJSON(), preset("pci"));
  assert.deepEqual(spec.toJSON(2010), preset("pci", 2010));
  assert.ok(spec.editions.length >= 4);
  assert.throws(() => new Spec("nope"), SpecError);
});
