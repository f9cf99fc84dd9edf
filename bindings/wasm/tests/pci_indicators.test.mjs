// The `pci_indicators` preset, shipped as data/pci_indicators.json (one spec per year, not
// compiled into the modules: see build.sh): PCI 2018 from its indicators reproduces VCCI's
// published composites and ranks. Expected numbers are published values (examples/data/pci), never chiso output.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { presets, scoreCsv } from "chiso";
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
