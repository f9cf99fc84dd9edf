// Workbooks in the analysis module: VCCI's 2018 summary (a bundled copy of the published sheet)
// read from bytes into a Dataset gives the published composites and ranks; writeExcel's bytes
// read back with the same numbers; spreadsheet bad inputs throw DataError with the core's
// variant and message (tests/bad_inputs/spreadsheets.json, as Rust and Python check them).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { DataError, Spec, readExcel, writeExcel } from "chiso";

const root = new URL("../../../", import.meta.url);
const bytes = (path) => new Uint8Array(readFileSync(new URL(path, root)));

/** Published [composite, rank] by province for a year (examples/data/pci/pci_subindices.csv). */
function published(year) {
  const [header, ...lines] = readFileSync(new URL("examples/data/pci/pci_subindices.csv", root), "utf8").trim().split("\n");
  const at = (name) => header.split(",").indexOf(name);
  const out = new Map();
  for (const line of lines) {
    const f = line.split(",");
    if (f[at("year")] === String(year)) out.set(f[at("province")], [Number(f[at("pci_published")]), Number(f[at("rank_published")])]);
  }
  return out;
}

test("readExcel: VCCI's 2018 summary gives the published composites and ranks", () => {
  const sheet = readExcel(bytes("tests/data/xlsx/PCI_2018_summary.xlsx"), {
    spec: "pci",
    sheet: "Summary",
    unitColumn: "Province",
    year: 2018,
  });
  assert.equal(sheet.sheet, "Summary");
  assert.equal(sheet.data.length, 63);
  assert.deepEqual(sheet.unit_aliases.find((a) => a.written === "BRVT"), { written: "BRVT", unit: "Bà Rịa - Vũng Tàu" });
  assert.deepEqual(sheet.notes.map((n) => n.row), [66, 67, 68, 69]);
  const scores = new Spec("pci").score(sheet.data);
  const expected = published(2018);
  assert.equal(scores.length, 63);
  for (const row of scores.rows()) {
    const [composite, rank] = expected.get(row.unit);
    assert.ok(Math.abs(row.score - composite) < 2e-5, `${row.unit}: ${row.score} vs ${composite}`);
    assert.equal(row.rank, rank, row.unit);
  }
});

test("writeExcel: the workbook reads back with the same numbers", () => {
  const sheet = readExcel(bytes("tests/data/xlsx/PCI_2018_summary.xlsx"), { spec: "pci", unitColumn: "Province", year: 2018 });
  const ids = sheet.data.columns.filter((c) => !c.startsWith("Rank") && c !== "pci");
  const rows = sheet.data.units.map((unit, i) => {
    const row = { unit, year: 2018 };
    for (const id of ids) row[id] = sheet.data.column(id)[i];
    return row;
  });
  const workbook = writeExcel("pci", rows);
  assert.ok(workbook instanceof Uint8Array);
  const back = readExcel(workbook, { sheet: "Index" });
  const scores = new Spec("pci").score(sheet.data);
  const byUnit = new Map(scores.rows().map((r) => [r.unit, r]));
  assert.equal(back.data.length, 63);
  back.data.units.forEach((unit, i) => {
    assert.equal(back.data.column("pci")[i], byUnit.get(unit).score, unit);
    assert.equal(back.data.column("pci_rank")[i], published(2018).get(unit)[1], unit);
  });
});

const cases = JSON.parse(readFileSync(new URL("tests/bad_inputs/spreadsheets.json", root), "utf8")).cases;
for (const c of cases) {
  test(`spreadsheet bad input: ${c.id}`, () => {
    assert.throws(
      () => {
        const sheet = readExcel(bytes(c.xlsx), { spec: c.spec, sheet: c.sheet, unitColumn: c.unit_column, year: c.year });
        new Spec(c.spec).score(sheet.data);
      },
      (e) => {
        assert.ok(e instanceof DataError, String(e));
        assert.equal(e.variant, c.expect.variant);
        for (const part of c.expect.contains) assert.ok(e.message.includes(part), `${e.message} lacks ${part}`);
        return true;
      },
    );
  });
}
