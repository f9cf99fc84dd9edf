// scoreColumns: the typed-array entry point. Same numbers as score() on the same table (checked
// on every bundled PCI row), hand-computed small cases, and what it refuses.
import { test } from "node:test";
import assert from "node:assert/strict";

import { DataError, SpecError, score, scoreColumns, scoreCsv } from "chiso";
import { IDS, PCI_CSV } from "./pci.mjs";

/** The published table as columns, from scoreCsv's sub-index scores (PCI leaves are not normalised). */
function pciColumns() {
  const { rows } = scoreCsv("pci", PCI_CSV, { unitColumn: "province" });
  const columns = { unit: rows.map((r) => r.unit), year: Int32Array.from(rows, (r) => r.year) };
  for (const id of IDS) columns[id] = Float64Array.from(rows, (r) => r.components.find((c) => c.id === id)?.score ?? NaN);
  return { rows, columns };
}

test("every bundled PCI row scores as with score(): composite, rank, out of, tier, components", () => {
  const { rows, columns } = pciColumns();
  const result = scoreColumns("pci", columns);
  assert.equal(result.index, "pci");
  assert.equal(result.precision, 2);
  assert.equal(result.has_tiers, true);
  assert.equal(result.score.length, 442);
  assert.ok(result.score instanceof Float64Array && result.rank instanceof Uint32Array && result.year instanceof Int32Array);
  rows.forEach((r, i) => {
    assert.equal(result.unit[i], r.unit);
    assert.equal(result.year[i], r.year);
    assert.equal(result.score[i], r.score, r.unit);
    assert.equal(result.rank[i], r.rank, r.unit);
    assert.equal(result.out_of[i], r.out_of);
    assert.deepEqual(result.tier[i] < 0 ? null : result.tiers[result.tier[i]], r.tier, `${r.unit} ${r.year}`);
    for (const c of r.components) {
      assert.equal(result.components[c.id].score[i], c.score);
      assert.equal(result.components[c.id].rank[i], c.rank);
    }
  });
  // 2006, 2017 and 2018 have no tier rule; 2013–2016 have six bands.
  assert.equal(result.tiers.length, 6);
  assert.ok(rows.every((r, i) => (r.year === 2006 || r.year >= 2017) === (result.tier[i] === -1)));
});

test("a weighted sum by hand, plain arrays and typed arrays alike", () => {
  const spec = {
    id: "demo",
    root: "total",
    nodes: [{ id: "total", aggregation: "weighted_sum", children: ["a", "b"] }, { id: "a", weight: 2 }, { id: "b" }],
  };
  for (const [a, b] of [
    [[1, 2, 0.5], [3, 0.5, 1]],
    [new Float32Array([1, 2, 0.5]), new Int32Array([3, 0, 1])],
  ]) {
    const r = scoreColumns(spec, { unit: ["X", "Y", "Z"], a, b });
    const expected = [0, 1, 2].map((i) => 2 * Number(a[i]) + Number(b[i]));
    assert.deepEqual([...r.score], expected);
    const order = [...expected].sort((p, q) => q - p);
    assert.deepEqual([...r.rank], expected.map((s) => order.indexOf(s) + 1));
    assert.equal(r.year, null);
    assert.deepEqual(Object.keys(r.components), ["a", "b"]);
  }
});

test("a node absent from a row's edition is NaN with rank 0 (2010 has nine sub-indices)", () => {
  const value = (id) => (id === "transparency" ? 7 : 6);
  const columns = {
    unit: ["A", "B", "A"],
    year: [2010, 2010, 2016],
    ...Object.fromEntries(IDS.map((id) => [id, [value(id), 5, value(id)]])),
  };
  const r = scoreColumns("pci", columns);
  assert.ok(Number.isNaN(r.components.policy_bias.score[0]) && r.components.policy_bias.rank[0] === 0);
  assert.equal(r.components.policy_bias.score[2], 6);
  // 2010: 10 · (0.20 · 7 + 0.80 · 6) = 62; 2016: 10 · (0.20 · 7 + 0.80 · 6) = 62 as well.
  assert.ok(Math.abs(r.score[0] - 62) < 1e-9 && Math.abs(r.score[2] - 62) < 1e-9);
  assert.deepEqual([...r.out_of], [2, 2, 1]);
});

test("missing values, bad years and text cells are refused with their row and column", () => {
  const columns = (extra) => ({ unit: ["Tỉnh A", "Tỉnh B"], ...Object.fromEntries(IDS.map((id) => [id, new Float64Array([6, 7])])), ...extra });
  // NaN in a typed array and null in a plain array are missing values: the core names them.
  for (const landAccess of [new Float64Array([6, NaN]), [6, null]]) {
    assert.throws(
      () => scoreColumns("pci", columns({ land_access: landAccess }), { year: 2016 }),
      (e) => e instanceof DataError && e.row === 2 && e.unit === "Tỉnh B" && e.column === "land_access",
    );
  }
  assert.throws(() => scoreColumns("pci", columns({ year: [2016, 2016.5] })), (err) => err instanceof DataError && err.row === 2 && err.column === "year");
  assert.throws(() => scoreColumns("pci", columns({ land_access: [6, "7,5"] })), (err) => err instanceof TypeError && /land_access'\[1\]/.test(err.message));
  assert.throws(() => scoreColumns("pci", { name: ["a"] }), (err) => err instanceof DataError && err.message === "missing column 'unit' (the unit names; columns found: name)");
  assert.throws(() => scoreColumns("pci", columns({ unit: ["Tỉnh A", 2] })), TypeError);
  assert.throws(() => scoreColumns("pci", columns({ entry_costs: 7 })), TypeError);
  assert.throws(() => scoreColumns("pci", [1, 2]), TypeError);
  assert.throws(() => scoreColumns("pci", columns({}), { delimiter: ";" }), TypeError);
  assert.throws(() => scoreColumns("nope", columns({})), SpecError);
  assert.throws(() => scoreColumns("pci", columns({ entry_costs: new Float64Array([6]) }), { year: 2016 }), (err) => err instanceof DataError && err.column === "entry_costs");
});

test("unitColumn and yearColumn name the columns, as for rows", () => {
  const rows = [{ tinh: "Quảng Ninh", nam: 2019, ...Object.fromEntries(IDS.map((id) => [id, 7])) }];
  const byRows = score("pci", rows, { unitColumn: "tinh", yearColumn: "nam" });
  const columns = { tinh: ["Quảng Ninh"], nam: [2019], ...Object.fromEntries(IDS.map((id) => [id, [7]])) };
  const byColumns = scoreColumns("pci", columns, { unitColumn: "tinh", yearColumn: "nam" });
  assert.equal(byColumns.score[0], byRows.rows[0].score);
  assert.equal(byColumns.score[0], 70);
  assert.equal(byColumns.year[0], 2019);
});
