// The `pci_indicators` preset, shipped as data/pci_indicators.json (one spec per year, not
// compiled into the modules: see build.sh): PCI 2018 from its indicators reproduces VCCI's
// published composites and ranks. Expected numbers are published values (examples/data/pci), never chiso output.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { diagnoseCsv, planCsv, presets, scoreCsv } from "chiso";
import { PCI_CSV } from "./pci.mjs";

const SPECS = JSON.parse(readFileSync(new URL("../data/pci_indicators.json", import.meta.url), "utf8"));
const WIDE = readFileSync(new URL("../../../examples/pci_indicators/pci_indicators_wide.csv", import.meta.url), "utf8");

test("pci_indicators is a JSON file, not a compiled-in preset", () => {
  assert.deepEqual(Object.keys(SPECS), ["2013", "2014", "2015", "2016", "2017", "2018"]);
  assert.equal(SPECS["2018"].id, "pci_indicators");
  assert.ok(!presets().includes("pci_indicators"));
});

test("PCI 2018 from its indicators: every published composite (1e-4) and rank", () => {
  const [header, ...lines] = PCI_CSV.replace(/\r/g, "").trim().split("\n");
  const names = header.split(",");
  const published = new Map();
  for (const line of lines) {
    const cells = line.split(",");
    if (cells[0] === "2018") published.set(cells[1], [Number(cells[names.indexOf("pci_published")]), Number(cells[names.indexOf("rank_published")])]);
  }
  const scores = scoreCsv(SPECS["2018"], WIDE, { unitColumn: "province", year: 2018 });
  assert.equal(scores.rows.length, 63);
  for (const row of scores.rows) {
    const [composite, rank] = published.get(row.unit);
    assert.ok(Math.abs(row.score - composite) <= 1e-4, `${row.unit}: ${row.score} vs ${composite}`);
    assert.equal(row.rank, rank, row.unit);
  }
});

test("Nam Định 2018: top:10 over indicators, re-scored, and the indicator diagnosis", () => {
  const at = { unit: "Nam Định", year: 2018, unitColumn: "province" };
  const p = planCsv(SPECS["2018"], WIDE, { ...at, target: "top:10", level: "indicators" });
  // Published: 63.00968, 35th.
  assert.equal(p.rank_now, 35);
  assert.ok(Math.abs(p.score_now - 63.00968) < 1e-4);
  assert.ok(p.reachable && p.rank_planned <= 10);
  const [header, ...lines] = WIDE.trim().split("\n");
  const names = header.split(",");
  const edited = lines.map((line) => {
    const cells = line.split(",");
    if (cells[0] === "2018" && cells[1] === "Nam Định") for (const s of p.steps) cells[names.indexOf(s.id)] = String(s.planned);
    return cells.join(",");
  });
  const rescored = scoreCsv(SPECS["2018"], [header, ...edited].join("\n") + "\n", { unitColumn: "province", year: 2018 });
  const row = rescored.rows.find((r) => r.unit === "Nam Định");
  assert.ok(row.rank <= 10 && Math.abs(row.score - p.score_planned) < 1e-9, `${row.rank} ${row.score}`);
  const d = diagnoseCsv(SPECS["2018"], WIDE, { ...at, level: "indicators" });
  assert.equal(d.rank, 35);
  assert.ok(d.indicators.some((i) => i.id === "transparency_i08"));
  assert.throws(() => diagnoseCsv(SPECS["2018"], WIDE, { ...at, level: "leaves" }), TypeError);
});
