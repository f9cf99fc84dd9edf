// calibrate() on VCCI's published PCI: a sub-index recovered from the indicators printed
// behind it (examples/data/pci/pci_indicators.csv), and the Nam Định 2017→2018 example.
// Expected numbers are published values, never chiso output.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { ComputeError, DataError, SpecError, calibrate, compareCsv, scoreCsv } from "chiso";
import { PCI_CSV } from "./pci.mjs";

const INDICATORS = readFileSync(new URL("../../../examples/data/pci/pci_indicators.csv", import.meta.url), "utf8");

/** CSV text, one row per province: the published sub-index and its indicators i01, i02, … */
function wide(year, subIndex) {
  const [header, ...lines] = PCI_CSV.replace(/\r/g, "").trim().split("\n");
  const names = header.split(",");
  const published = new Map();
  for (const line of lines) {
    const cells = line.split(",");
    if (cells[0] === String(year)) published.set(cells[1], cells[names.indexOf(subIndex)]);
  }
  const values = new Map();
  let count = 0;
  for (const line of INDICATORS.trim().split("\n").slice(1)) {
    const [y, s, no, province, value] = line.split(",");
    if (y !== String(year) || s !== subIndex) continue;
    count = Math.max(count, Number(no));
    if (!values.has(province)) values.set(province, []);
    values.get(province).push(value);
  }
  const columns = Array.from({ length: count }, (_, i) => `i${String(i + 1).padStart(2, "0")}`);
  const rows = [...values].map(([p, v]) => [p, published.get(p), ...v].join(","));
  return [["province", subIndex, ...columns].join(","), ...rows].join("\n") + "\n";
}

test("an exact PCI sub-index (proactivity 2018) is recovered and its spec reproduces it", () => {
  const csv = wide(2018, "proactivity");
  const fit = calibrate(csv, { target: "proactivity", unitColumn: "province", scale: [1, 10] });
  assert.equal(fit.exact, true);
  assert.ok(fit.max_residual < 1e-6, String(fit.max_residual));
  assert.deepEqual(Object.keys(fit.coefficients), ["i01", "i02", "i03", "i04", "i05", "i06", "i07", "i08", "i09"]);
  assert.equal(typeof fit.intercept, "number");
  assert.ok(Math.abs(fit.children.reduce((s, c) => s + c.weight, 0) - 1) < 1e-12);
  const scores = scoreCsv(fit.spec, csv, { unitColumn: "province" });
  const published = new Map(csv.trim().split("\n").slice(1).map((l) => l.split(",")).map((c) => [c[0], Number(c[1])]));
  assert.equal(scores.rows.length, 63);
  for (const row of scores.rows) assert.ok(Math.abs(row.score - published.get(row.unit)) <= 1e-4, row.unit);
});

test("an inexact sub-index (labor policy 2018) is reported with its residuals", () => {
  const fit = calibrate(wide(2018, "labor_policy"), { target: "labor_policy", unitColumn: "province" });
  assert.equal(fit.exact, false);
  assert.ok(fit.max_residual > 0.25 && fit.max_residual < 0.35, String(fit.max_residual));
  assert.equal(fit.worst_units[0].unit, "Quảng Trị");
});

test("calibrate from rows, and its errors", () => {
  const rows = [
    { unit: "a", t: 1, x: 1, y: 2 },
    { unit: "b", t: 2, x: 2, y: 4 },
    { unit: "c", t: 3, x: 3, y: 6 },
    { unit: "d", t: 4.5, x: 4, y: 8 },
  ];
  assert.throws(() => calibrate(rows, { target: "t" }), (e) => e instanceof ComputeError && e.variant === "CollinearChildren");
  assert.deepEqual(calibrate(rows, { target: "t", dropCollinear: true }).undetermined, ["y"]);
  const fit = calibrate(rows, { target: "t", columns: ["x"] });
  assert.equal(fit.exact, false);
  assert.equal(fit.coefficients.x > 0, true);
  assert.throws(() => calibrate(rows, { target: "missing" }), (e) => e instanceof DataError && e.column === "missing");
  assert.throws(() => calibrate(rows, { target: "t", method: "median" }), SpecError);
  assert.throws(() => calibrate(rows, {}), TypeError);
  assert.throws(() => calibrate(rows, { target: "t", scale: [1] }), TypeError);
});

test("Nam Định 2018: 63.01, 35th, +1.58 points and +6 places on 2017", () => {
  const cmp = compareCsv("pci", PCI_CSV, 2017, 2018, { unitColumn: "province" });
  const nd = cmp.rows.find((r) => r.unit === "Nam Định");
  assert.equal(nd.score_to.toFixed(2), "63.01");
  assert.equal(nd.score_delta.toFixed(2), "1.58");
  assert.deepEqual([nd.rank_from, nd.rank_to, nd.rank_change], [41, 35, 6]);
});
