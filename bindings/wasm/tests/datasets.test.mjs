// The bundled tables (`datasets`) and the spec schema (`specSchema`), read from the files the
// package ships beside its modules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { datasets, specSchema, scoreCsv, DataError } from "chiso";

const repository = (path) => readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");

test("list: every table with its source and licence", async () => {
  const all = await datasets.list();
  assert.deepEqual(
    all.map((d) => d.name),
    ["pci", "pci_top_2019_2020", "pci_indicators", "pci_indicator_names", "papi", "papi_subdimensions", "asem", "asem_meta", "provinces_2025", "provinces_2008"],
  );
  const asem = all.find((d) => d.name === "asem");
  assert.equal(asem.licence, "MIT (COINr, copyright 2022 William Becker)");
  assert.equal(asem.rows, 51);
  assert.ok(all.find((d) => d.name === "pci").source.startsWith("VCCI (Vietnam Chamber of Commerce and Industry)"));
  // Callers get copies.
  all[0].columns.length = 0;
  assert.equal((await datasets.info("pci")).columns.length, 16);
});

test("load: the CSV as shipped, every published PCI year, scored as published", async () => {
  const pci = await datasets.load("pci");
  assert.equal(pci.csv, repository("examples/data/pci/pci_subindices.csv"));
  const lines = pci.csv.trim().split("\n");
  assert.equal(lines.length - 1, pci.rows);
  const years = new Set(lines.slice(1).map((l) => Number(l.split(",")[0])));
  assert.deepEqual([...years], [2006, 2013, 2014, 2015, 2016, 2017, 2018]);
  const scores = scoreCsv("pci", pci.csv, { unitColumn: "province", year: 2018 });
  const first = scores.rows.find((r) => r.rank === 1);
  assert.equal(first.unit, "Quảng Ninh");
  assert.equal(first.score.toFixed(2), "70.36");
  const asem = await datasets.load("asem");
  assert.equal(asem.csv, repository("tests/coinr/asem_data.csv"));
  const units = await datasets.load("provinces_2008");
  assert.equal(units.csv, repository("crates/chiso/units/provinces_2008.csv"));
});

test("an unknown name rejects with a DataError listing the known ones", async () => {
  await assert.rejects(datasets.load("PCI"), (e) => {
    assert.ok(e instanceof DataError);
    assert.equal(e.code, "data");
    assert.equal(e.variant, "UnknownDataset");
    assert.equal(
      e.message,
      "no bundled dataset 'PCI'; available datasets: pci, pci_top_2019_2020, pci_indicators, pci_indicator_names, papi, papi_subdimensions, asem, asem_meta, provinces_2025, provinces_2008",
    );
    return true;
  });
});

test("specSchema: the committed JSON Schema", async () => {
  const schema = await specSchema();
  assert.deepEqual(schema, JSON.parse(repository("crates/chiso/schema/chiso-spec.schema.json")));
  assert.equal(schema.title, "chiso index specification");
});
