// Uncertainty, sensitivity and audit in WebAssembly: the shared Monte Carlo vectors of
// tests/vectors/uncertainty/ reproduced bit for bit (the build has no threads and uses libm,
// as Rust and Python), plus invariants and errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";

import { ComputeError, DataError, audit, auditCsv, rankChangesCsv, sensitivityCsv, uncertainty, uncertaintyCsv } from "chiso";
import { PCI_CSV } from "./pci.mjs";

const dir = new URL("../../../tests/vectors/uncertainty/", import.meta.url);
const cases = readdirSync(dir)
  .filter((n) => n.endsWith(".json"))
  .sort()
  .map((n) => JSON.parse(readFileSync(new URL(n, dir), "utf8")));
const AT = { unitColumn: "province", year: 2016 };

test("the uncertainty vectors are there", () => {
  assert.ok(cases.length >= 2);
});

for (const c of cases) {
  test(`vector ${c.name}: bit for bit`, () => {
    const result = uncertainty(c.index, c.rows, { year: c.year, inputs: c.inputs, samples: c.samples, seed: c.seed });
    assert.equal(result.mean_rank_shift, c.expected.mean_rank_shift);
    assert.equal(result.units.length, c.expected.units.length);
    for (const [i, unit] of result.units.entries()) {
      assert.equal(unit.nominal_rank, c.nominal_ranks[unit.unit]);
      assert.ok(unit.rank_p05 <= unit.rank_median && unit.rank_median <= unit.rank_p95);
      assert.deepEqual(unit, c.expected.units[i], unit.unit);
    }
  });
}

test("uncertaintyCsv with pairwise probabilities", () => {
  const result = uncertaintyCsv("pci", PCI_CSV, { ...AT, inputs: { weights_pm: 20 }, samples: 300, seed: 5, pairwise: true });
  assert.equal(result.units.length, 63);
  assert.deepEqual(result.inputs, ["weights"]);
  const i = result.units.findIndex((u) => u.unit === "Đà Nẵng");
  const j = result.units.findIndex((u) => u.unit === "Quảng Ninh");
  assert.equal(result.above[i][j], 1);
  assert.equal(result.above[j][i], 0);
});

test("rank changes, sensitivity and audit", () => {
  const changes = rankChangesCsv("pci", PCI_CSV, { unitColumn: "province", from: 2015, to: 2016, inputs: { weights_pm: 20 }, samples: 200 });
  assert.equal(changes.changes.length, 63);
  assert.equal(changes.moved, changes.changes.filter((c) => c.change !== 0).length);
  const sens = sensitivityCsv("pci", PCI_CSV, { ...AT, inputs: { weights_pm: 20, exclude_one: true }, samples: 60, bootstrap: 10 });
  assert.deepEqual(sens.inputs, ["weights", "exclude_one"]);
  assert.equal(sens.runs, 60 * 4);
  assert.equal(sens.units.length, 63);
  const report = auditCsv("pci", PCI_CSV, AT);
  const root = report.groups.at(-1);
  assert.equal(root.id, "pci");
  const shares = root.children.reduce((s, c) => s + c.variance_share, 0);
  assert.ok(Math.abs(shares - 1) < 1e-9);
  // Hand-computed: a, b, c with c = 5 − a (see crates/chiso/tests/audit.rs): α = −3, r(c, t) = −0.6.
  const spec = { id: "t", root: "t", nodes: [{ id: "t", children: ["a", "b", "c"] }, { id: "a" }, { id: "b" }, { id: "c" }] };
  const rows = [[1, 2, 4], [2, 1, 3], [3, 4, 2], [4, 3, 1]].map(([a, b, c], k) => ({ unit: `U${k}`, a, b, c }));
  const small = audit(spec, rows);
  assert.ok(Math.abs(small.groups[0].cronbach_alpha + 3) < 1e-9);
  assert.ok(Math.abs(small.groups[0].children[2].pearson_group + 0.6) < 1e-9);
  assert.equal(small.groups[0].children[2].negative, true);
});

test("errors are ChisoError subclasses or TypeErrors", () => {
  assert.throws(() => uncertaintyCsv("pci", PCI_CSV, { ...AT, inputs: { weights_pm: 150 } }), ComputeError);
  assert.throws(
    () => uncertaintyCsv("pci", PCI_CSV, { ...AT, inputs: { sampling_error: { transparency: "tr_se" } } }),
    (e) => e instanceof DataError && e.message.includes("tr_se"),
  );
  assert.throws(() => uncertaintyCsv("pci", PCI_CSV, { ...AT, samples: -1 }), TypeError);
  assert.throws(() => uncertaintyCsv("pci", PCI_CSV, { ...AT, sample: 10 }), TypeError);
});
