// The JS API: presets, preset resolution by year, CSV reading, error classes and fields,
// Vietnamese text. Numbers are published PCI values or hand arithmetic, never chiso output.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  _panic,
  ChisoError,
  ComputeError,
  DataError,
  SpecError,
  compare,
  compareCsv,
  formatDecimal,
  formatDelta,
  preset,
  presets,
  score,
  scoreCsv,
  validateSpec,
} from "chiso";
import { IDS, PCI_CSV } from "./pci.mjs";

// Quảng Ninh 2019 (DESIGN.md): published 73.40, rank 1/63.
const QN_2019 = [7.16, 7.0, 7.2, 7.89, 7.1, 7.69, 7.96, 6.68, 7.95, 7.58];
const qnRow = (extra = {}) => ({
  unit: "Quảng Ninh",
  year: 2019,
  ...Object.fromEntries(IDS.map((id, i) => [id, QN_2019[i]])),
  ...extra,
});

/** Runs `fn`, asserts it throws `Class`, and returns the error. */
function throwsA(Class, fn) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error !== undefined, `expected a ${Class.name}, nothing was thrown`);
  assert.ok(error instanceof Error, `not an Error: ${error}`);
  assert.ok(error instanceof Class, `expected a ${Class.name}, got ${error?.name}: ${error?.message}`);
  return error;
}

/** A spec with one group over `children` leaves. */
const demo = (nodes) => ({ id: "demo", root: "total", nodes });

// --- presets --------------------------------------------------------------------------------

test("presets() lists the shipped ids", () => {
  const ids = presets();
  assert.ok(Array.isArray(ids));
  assert.ok(ids.includes("pci"));
  assert.ok(ids.every((id) => typeof id === "string"));
});

test("preset('pci') is the file form with every edition and Vietnamese labels", () => {
  const pci = preset("pci");
  assert.equal(pci.id, "pci");
  assert.equal(pci.root, "pci");
  assert.equal(pci.label.vi, "Chỉ số Năng lực Cạnh tranh cấp tỉnh");
  assert.deepEqual(
    pci.editions.map((e) => [e.from, e.to]),
    [
      [2006, 2008],
      [2009, 2012],
      [2013, 2021],
      [2022, 2024],
    ],
  );
  assert.equal(pci.editions[1].weights.transparency, 20);
  assert.deepEqual(pci.editions[1].remove, ["policy_bias"]);
  const proactivity = pci.nodes.find((n) => n.id === "proactivity");
  assert.equal(proactivity.label.vi, "Tính năng động của chính quyền tỉnh");
});

test("preset('pci', year) resolves the edition: 2009–2012 has nine sub-indices", () => {
  for (const year of [2009, 2010, 2011, 2012]) {
    const spec = preset("pci", year);
    const root = spec.nodes.find((n) => n.id === spec.root);
    assert.equal(root.children.length, 9, `${year}`);
    assert.ok(!root.children.includes("policy_bias"), `${year}`);
    assert.ok(!spec.nodes.some((n) => n.id === "policy_bias"), `${year}`);
    assert.deepEqual(spec.edition, { from: 2009, to: 2012 });
    // Weights of DESIGN.md for 2009–2012, in percent, summing to 100.
    const weight = Object.fromEntries(spec.nodes.map((n) => [n.id, n.weight]));
    assert.deepEqual(
      IDS.filter((id) => id !== "policy_bias").map((id) => weight[id]),
      [10, 5, 20, 15, 10, 10, 5, 20, 5],
    );
  }
  for (const [year, weights] of [
    [2006, [5, 5, 15, 10, 5, 5, 15, 15, 15, 10]],
    [2019, [5, 5, 20, 5, 10, 5, 5, 20, 20, 5]],
    [2023, [5, 10, 5, 5, 15, 10, 15, 15, 10, 10]],
  ]) {
    const spec = preset("pci", year);
    const root = spec.nodes.find((n) => n.id === spec.root);
    assert.deepEqual(root.children, IDS, `${year}`);
    const weight = Object.fromEntries(spec.nodes.map((n) => [n.id, n.weight]));
    assert.deepEqual(
      IDS.map((id) => weight[id]),
      weights,
      `${year}`,
    );
  }
});

test("preset('pci', year) carries that year's tier rule only", () => {
  const y2014 = preset("pci", 2014);
  assert.equal(y2014.tiers.length, 1);
  assert.deepEqual(
    y2014.tiers[0].bands.map((b) => b.label.vi),
    ["Rất tốt", "Tốt", "Khá", "Trung bình", "Tương đối thấp", "Thấp"],
  );
  assert.equal(preset("pci", 2019).tiers, undefined);
});

test("preset errors: unknown id, year without an edition, wrong argument types", () => {
  const unknown = throwsA(SpecError, () => preset("nope"));
  assert.match(unknown.message, /^no preset index 'nope'; available presets: pci(, [a-z_]+)*$/);
  assert.equal(unknown.code, "spec");

  const noEdition = throwsA(SpecError, () => preset("pci", 2003));
  assert.equal(
    noEdition.message,
    "index 'pci' has no edition for 2003; editions cover 2006–2008, 2009–2012, 2013–2021, 2022–2024",
  );
  assert.equal(noEdition.node, null);

  throwsA(TypeError, () => preset(42));
  throwsA(TypeError, () => preset("pci", 2019.5));
});

test("a preset object and its JSON text score like the preset id", () => {
  const rows = [qnRow()];
  const byId = score("pci", rows);
  assert.deepEqual(score(preset("pci"), rows), byId);
  assert.deepEqual(score(JSON.stringify(preset("pci")), rows), byId);
  assert.deepEqual(score(preset("pci", 2019), rows), byId);
  // A resolved edition covers its years only.
  throwsA(SpecError, () => score(preset("pci", 2010), rows));

  const json = JSON.stringify({
    id: "demo",
    root: "total",
    nodes: [{ id: "total", aggregation: "weighted_sum", children: ["a", "b"] }, { id: "a", weight: 2 }, { id: "b" }],
  });
  const result = score(json, [
    { unit: "X", a: 1, b: 3 },
    { unit: "Y", a: 2, b: 0.5 },
  ]);
  assert.deepEqual(
    result.rows.map((r) => [r.unit, r.score, r.rank]),
    [
      ["X", 2 * 1 + 3, 1],
      ["Y", 2 * 2 + 0.5, 2],
    ],
  );
});

test("TOML specs are refused with an error naming the missing feature", () => {
  // The package is built without the core's `toml` feature (the parser is ~60 KB gzipped).
  const toml = 'id = "t"\nroot = "r"\n[[nodes]]\nid = "r"\n';
  const expected =
    "cannot read the toml specification: this build of chiso reads JSON specifications only " +
    "(it was built without its `toml` feature); give the specification as JSON, with the same fields";
  const thrown = throwsA(SpecError, () => score(toml, [{ unit: "X", r: 1 }]));
  assert.equal(thrown.message, expected);
  const finding = validateSpec(toml);
  assert.equal(finding.valid, false);
  assert.equal(finding.error.message, expected);
});

// --- validation -----------------------------------------------------------------------------

test("validateSpec reports findings as data", () => {
  const ok = validateSpec(demo([{ id: "total", children: ["a"] }, { id: "a" }]));
  assert.deepEqual(ok, { valid: true, id: "demo", label: { vi: "demo", en: "demo" }, editions: [], error: null });

  const pci = validateSpec("pci");
  assert.equal(pci.valid, true);
  assert.equal(pci.editions.length, 4);

  const fromJson = validateSpec('{"id": "t", "root": "r", "nodes": [{"id": "r"}]}');
  assert.equal(fromJson.valid, true);

  const bad = validateSpec(demo([{ id: "total", children: ["a", "b"] }, { id: "a", weight: -1 }, { id: "b" }]));
  assert.equal(bad.valid, false);
  assert.ok(bad.error instanceof SpecError);
  assert.ok(bad.error instanceof ChisoError);
  assert.equal(bad.error.node, "a");
  assert.equal(bad.error.message, "node 'a' has weight -1; weights must be zero or positive");

  const unparsable = validateSpec('{"id": "x", "root": ');
  assert.equal(unparsable.valid, false);
  assert.match(unparsable.error.message, /^cannot read the json specification: /);

  const unknownField = validateSpec({ id: "x", root: "r", nodes: [{ id: "r", wieght: 1 }] });
  assert.equal(unknownField.valid, false);
  assert.match(unknownField.error.message, /unknown field `wieght`/);

  throwsA(TypeError, () => validateSpec(42));
  throwsA(TypeError, () => validateSpec(null));
});

// --- scoring --------------------------------------------------------------------------------

test("scoreCsv reads ';' with decimal commas and a BOM (Quảng Ninh 2019 → 73.40, rank 1)", () => {
  const header = ["unit", "year", ...IDS].join(";");
  const line = ["Quảng Ninh", "2019", ...QN_2019.map((v) => v.toFixed(2).replace(".", ","))].join(";");
  const result = scoreCsv("pci", `\ufeff${header}\r\n${line}\r\n`);
  assert.equal(result.index, "pci");
  assert.equal(result.precision, 2);
  assert.equal(result.has_tiers, false);
  assert.equal(result.rows.length, 1);
  const [row] = result.rows;
  assert.equal(row.unit, "Quảng Ninh");
  assert.equal(row.year, 2019);
  assert.equal(formatDecimal(row.score, 2), "73.40");
  assert.equal(formatDecimal(row.score, 2, true), "73,40");
  assert.equal(row.rank, 1);
  assert.equal(row.out_of, 1);
  assert.equal(row.tier, null);
  assert.deepEqual(
    row.components.map((c) => c.id),
    IDS,
  );
  assert.equal(row.components[0].score, 7.16);
});

test("rows accept numbers written as text with decimal commas", () => {
  const asText = qnRow(Object.fromEntries(IDS.map((id, i) => [id, QN_2019[i].toFixed(2).replace(".", ",")])));
  assert.deepEqual(score("pci", [asText]), score("pci", [qnRow()]));
  // 10 · Σ(wᵢ/100)·sᵢ with the 2013–2021 weights.
  const w = [5, 5, 20, 5, 10, 5, 5, 20, 20, 5];
  const byHand = 10 * QN_2019.reduce((sum, s, i) => sum + (w[i] / 100) * s, 0);
  assert.ok(Math.abs(score("pci", [asText]).rows[0].score - byHand) < 1e-9);
});

test("scoreCsv on the bundled PCI table reproduces the published 2016 ranking", () => {
  const result = scoreCsv("pci", PCI_CSV, { unitColumn: "province", year: 2016 });
  const published = PCI_CSV.trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(","))
    .filter((f) => f[0] === "2016");
  assert.equal(result.rows.length, 63);
  assert.equal(result.has_tiers, true);
  for (const f of published) {
    const row = result.rows.find((r) => r.unit === f[1].normalize("NFC"));
    assert.ok(row, f[1]);
    assert.ok(Math.abs(row.score - Number(f[13])) < 1e-4, `${f[1]}: ${row.score} vs ${f[13]}`);
    assert.equal(row.rank, Number(f[14]), f[1]);
    assert.equal(row.tier.label.vi, f[15].normalize("NFC"), f[1]);
    assert.equal(row.out_of, 63);
  }
});

test("options: unitColumn, yearColumn, year and strict", () => {
  const rows = [
    { tinh: "Đà Nẵng", nam: "2019", ...Object.fromEntries(IDS.map((id) => [id, 7])) },
    { tinh: "Hà Nội", nam: 2019, ...Object.fromEntries(IDS.map((id) => [id, 6])) },
    { tinh: "Hà Nội", nam: 2010, ...Object.fromEntries(IDS.filter((id) => id !== "policy_bias").map((id) => [id, 5])) },
  ];
  const all = score("pci", rows, { unitColumn: "tinh", yearColumn: "nam" });
  assert.deepEqual(
    all.rows.map((r) => [r.unit, r.year, r.rank, r.out_of]),
    [
      ["Đà Nẵng", 2019, 1, 2],
      ["Hà Nội", 2019, 2, 2],
      ["Hà Nội", 2010, 1, 1],
    ],
  );
  assert.ok(Math.abs(all.rows[0].score - 70) < 1e-9);
  assert.ok(Math.abs(all.rows[2].score - 50) < 1e-9);
  const only2010 = score("pci", rows, { unitColumn: "tinh", yearColumn: "nam", year: 2010 });
  assert.equal(only2010.rows.length, 1);

  const noRows = throwsA(DataError, () => score("pci", rows, { unitColumn: "tinh", yearColumn: "nam", year: 2015 }));
  assert.equal(noRows.message, "the data has no rows for 2015; years present: 2010, 2019");

  const strict = throwsA(DataError, () => score("pci", [qnRow({ note: "x" })], { strict: true }));
  assert.equal(strict.column, "note");
  assert.match(strict.message, /^column 'note' is not a node of index 'pci' \(strict mode\)/);
  // Without strict, descriptive columns are ignored.
  assert.equal(score("pci", [qnRow({ note: "x" })]).rows.length, 1);

  const tab = ["unit\tyear\t" + IDS.join("\t"), "A\t2019\t" + IDS.map(() => "5,5").join("\t")].join("\n");
  assert.ok(Math.abs(scoreCsv("pci", tab, { delimiter: "\t" }).rows[0].score - 55) < 1e-9);
});

test("wrong argument types are TypeErrors, not ChisoErrors", () => {
  for (const fn of [
    () => score("pci", "not rows"),
    () => score("pci", [1, 2]),
    () => score("pci", [[]]),
    () => score("pci", [qnRow()], { unit_column: "x" }),
    () => score("pci", [qnRow()], { year: "2019" }),
    () => score("pci", [qnRow()], { strict: 1 }),
    () => score("pci", [qnRow()], "options"),
    () => score(42, [qnRow()]),
    () => scoreCsv("pci", 42),
    () => scoreCsv("pci", "unit\nA\n", { delimiter: "|" }),
    () => compare("pci", [qnRow()], 2018.5, 2019),
    () => compare("pci", [qnRow()], 2018, 2019, { year: 2019 }),
    () => formatDecimal(1.5, 13),
  ]) {
    const e = throwsA(TypeError, fn);
    assert.ok(!(e instanceof ChisoError), e.message);
  }
  const e = throwsA(TypeError, () => score("pci", [qnRow()], { unit_column: "province" }));
  assert.equal(e.message, "score: unknown option 'unit_column'; expected one of: year, unitColumn, yearColumn, strict");
});

// --- errors: classes, codes, fields, messages -----------------------------------------------

test("out-of-scale value: DataError with row, unit and column", () => {
  const e = throwsA(DataError, () => score("pci", [qnRow(), qnRow({ unit: "Hà Nội", land_access: 11.5 })]));
  assert.ok(e instanceof ChisoError);
  assert.equal(e.name, "DataError");
  assert.equal(e.code, "data");
  assert.equal(e.row, 2);
  assert.equal(e.unit, "Hà Nội");
  assert.equal(e.column, "land_access");
  assert.equal(e.node, null);
  assert.equal(e.line, null);
  assert.equal(e.message, "row 2 (Hà Nội), column 'land_access': 11.5 is outside the scale 1–10 of node 'land_access'");
  assert.equal(String(e), `DataError: ${e.message}`);
  assert.equal(e.chisoError, undefined);
});

test("missing column: DataError naming the column", () => {
  const { informal_charges: _, ...row } = qnRow();
  const e = throwsA(DataError, () => score("pci", [row]));
  assert.equal(e.column, "informal_charges");
  assert.equal(e.row, null);
  assert.equal(e.message, "missing column 'informal_charges' (values of node 'informal_charges' (Informal charges))");

  const noUnit = throwsA(DataError, () => scoreCsv("pci", `province,${IDS.join(",")}\nA,${IDS.map(() => 5).join(",")}\n`));
  assert.equal(noUnit.column, "unit");
  assert.match(noUnit.message, /^missing column 'unit' \(the unit names; columns found: province, entry_costs/);
});

test("non-numeric cell: DataError with row, unit, column and the text", () => {
  const csv = `unit,year,${IDS.join(",")}\nQuảng Ninh,2019,${[...Array(9).fill("7.1"), "n/a"].join(",")}\n`;
  const e = throwsA(DataError, () => scoreCsv("pci", csv));
  assert.deepEqual([e.row, e.unit, e.column], [1, "Quảng Ninh", "legal_institutions"]);
  assert.match(e.message, /^row 1 \(Quảng Ninh\), column 'legal_institutions': 'n\/a' is not a number \(/);

  const comma = throwsA(DataError, () => scoreCsv("pci", csv.replace("n/a", '"7,5"')));
  assert.match(comma.message, /'7,5' is not a number \(decimal comma in a ','-separated file/);

  const inRows = throwsA(DataError, () => score("pci", [qnRow(), qnRow({ unit: "Huế", transparency: "cao" })]));
  assert.deepEqual([inRows.row, inRows.unit, inRows.column], [2, "Huế", "transparency"]);

  const nan = throwsA(DataError, () => score("pci", [qnRow({ time_costs: NaN })]));
  assert.equal(nan.column, "time_costs");
  assert.match(nan.message, /not a finite number/);
});

test("CSV structure errors carry the line", () => {
  const csv = `unit,year,${IDS.join(",")}\nA,2019,${IDS.map(() => 5).join(",")}\nB,2019,${IDS.map(() => 5).join(",")},9\n`;
  const e = throwsA(DataError, () => scoreCsv("pci", csv));
  assert.equal(e.line, 3);
  assert.equal(e.message, "line 3: the row has 13 fields but the header has 12");
  const empty = throwsA(DataError, () => scoreCsv("pci", ""));
  assert.match(empty.message, /^the input is empty/);
  const year = throwsA(DataError, () => scoreCsv("pci", `unit,year,${IDS.join(",")}\nA,2019b,${IDS.map(() => 5).join(",")}\n`));
  assert.deepEqual([year.row, year.column], [1, "year"]);
});

test("unknown method: SpecError naming the node and the method", () => {
  const spec = demo([{ id: "total", aggregation: "weighted_average", children: ["a", "b"] }, { id: "a" }, { id: "b" }]);
  const e = throwsA(SpecError, () => score(spec, [{ unit: "X", a: 1, b: 2 }]));
  assert.equal(e.code, "spec");
  assert.equal(e.node, "total");
  assert.equal(
    e.message,
    "node 'total': unknown aggregation method 'weighted_average'; expected one of: weighted_mean, weighted_sum, geometric_mean, harmonic_mean, minimum, maximum, median, copeland",
  );
});

test("cycle: SpecError with the path", () => {
  const spec = demo([{ id: "total", children: ["a"] }, { id: "a", children: ["b"] }, { id: "b", children: ["a"] }]);
  const e = throwsA(SpecError, () => score(spec, [{ unit: "X" }]));
  assert.equal(e.message, "the node tree has a cycle: a -> b -> a");
  assert.equal(e.node, "a");
});

test("negative weight: SpecError naming the node", () => {
  const spec = demo([{ id: "total", children: ["a", "b"] }, { id: "a", weight: -1 }, { id: "b" }]);
  const e = throwsA(SpecError, () => score(spec, [{ unit: "X", a: 1, b: 2 }]));
  assert.equal(e.message, "node 'a' has weight -1; weights must be zero or positive");
  assert.equal(e.node, "a");
});

test("duplicate unit in a year: DataError naming both rows", () => {
  const e = throwsA(DataError, () => score("pci", [qnRow(), qnRow()]));
  assert.equal(e.message, "row 2: unit 'Quảng Ninh' in 2019 appears again (first at row 1)");
  assert.deepEqual([e.row, e.unit], [2, "Quảng Ninh"]);
  // The same unit in two years is fine.
  assert.equal(score("pci", [qnRow(), qnRow({ year: 2018 })]).rows.length, 2);
});

test("year without an edition, and no year for a multi-edition index: SpecError", () => {
  const e = throwsA(SpecError, () => score("pci", [qnRow({ year: 2003 })]));
  assert.match(e.message, /^index 'pci' has no edition for 2003; editions cover 2006–2008/);
  const { year: _, ...noYear } = qnRow();
  const needsYear = throwsA(SpecError, () => score("pci", [noYear]));
  assert.match(needsYear.message, /^index 'pci' has several editions .*; give a year/);
  assert.ok(Math.abs(score("pci", [noYear], { year: 2019 }).rows[0].score - 73.4) < 0.055);
});

test("constant raw indicator under min_max: ComputeError", () => {
  const spec = demo([
    { id: "total", children: ["days", "share"] },
    { id: "days", direction: "lower_is_better", normalise: { method: "min_max", low: 1, high: 10 } },
    { id: "share", normalise: { method: "min_max", low: 1, high: 10 } },
  ]);
  const e = throwsA(ComputeError, () =>
    score(spec, [
      { unit: "A", days: 10, share: 0.2 },
      { unit: "B", days: 10, share: 0.6 },
    ]),
  );
  assert.equal(e.code, "compute");
  assert.equal(e.node, "days");
  assert.match(e.message, /^node 'days': every unit has the value 10, so min_max normalisation is undefined/);
});

test("error classes can be constructed and caught by base class", () => {
  const e = new DataError("x", { row: 3, column: "c" });
  assert.ok(e instanceof ChisoError && e instanceof Error);
  assert.deepEqual([e.name, e.code, e.row, e.column, e.node, e.unit, e.line], ["DataError", "data", 3, "c", null, null, null]);
  assert.equal(new SpecError("y").code, "spec");
  assert.equal(new ComputeError("z").name, "ComputeError");
  assert.equal(new ChisoError("w", { code: "data" }).code, "data");
});

test("the module keeps working after errors", () => {
  for (let i = 0; i < 50; i++) {
    assert.throws(() => score("pci", [qnRow({ land_access: 99 })]), DataError);
  }
  assert.equal(score("pci", [qnRow()]).rows[0].rank, 1);
});

test("a panic in the core is a ChisoError with code internal, and the module works afterwards", () => {
  // Memory the module held before the trap (a spec read, rows scored) must not matter after it.
  assert.equal(score("pci", [qnRow()]).rows[0].rank, 1);
  for (let i = 0; i < 3; i++) {
    const e = throwsA(ChisoError, () => _panic(`boom ${i}`));
    assert.equal(e.constructor, ChisoError, "not a SpecError, DataError or ComputeError");
    assert.deepEqual([e.code, e.variant], ["internal", "Internal"]);
    assert.match(e.message, new RegExp(`^internal error in chiso: boom ${i} at .*lib\\.rs:\\d+\\. This is a bug in chiso`));
    assert.ok(e.cause instanceof WebAssembly.RuntimeError, "the trap is kept as the cause");
    const scored = score("pci", [qnRow()]);
    assert.equal(scored.rows[0].rank, 1);
    assert.ok(Math.abs(scored.rows[0].score - 73.4) < 0.005);
    assert.throws(() => score("pci", [qnRow({ land_access: 99 })]), DataError);
  }
});

test("CSV bytes: a Uint8Array or ArrayBuffer of UTF-8 reads as the text does; invalid UTF-8 names the line", () => {
  const text = `unit,year,${IDS.join(",")}\nQuảng Ninh,2019,${QN_2019.join(",")}\n`;
  const bytes = new TextEncoder().encode(text);
  for (const input of [bytes, bytes.buffer]) {
    const scored = scoreCsv("pci", input);
    assert.equal(scored.rows[0].unit, "Quảng Ninh");
    assert.ok(Math.abs(scored.rows[0].score - 73.4) < 0.005);
  }
  const latin1 = Uint8Array.from([...new TextEncoder().encode(`unit,year,${IDS.join(",")}\n`), 0x48, 0xe0, 0x2c]);
  const e = throwsA(DataError, () => scoreCsv("pci", latin1));
  assert.deepEqual([e.variant, e.line], ["Encoding", 2]);
  assert.throws(() => scoreCsv("pci", 42), TypeError);
});

test("the browser limits: a file over 100,000 rows is refused, naming the limit", () => {
  const rows = Array.from({ length: 100_001 }, (_, i) => `u${i},1`).join("\n");
  const e = throwsA(DataError, () => scoreCsv("pci", `unit,entry_costs\n${rows}\n`, { year: 2019 }));
  assert.equal(e.variant, "TooLarge");
  assert.equal(e.message, "the data has at least 100001 rows; at most 100000 are allowed here");
});

// --- Vietnamese text ------------------------------------------------------------------------

test("Vietnamese names stay intact and are put in NFC", () => {
  const nfd = "Thừa Thiên Huế".normalize("NFD");
  assert.notEqual(nfd, "Thừa Thiên Huế");
  const result = score("pci", [qnRow({ unit: `  ${nfd} ` }), qnRow({ unit: "Bà Rịa - Vũng Tàu", entry_costs: 8 })]);
  assert.deepEqual(
    result.rows.map((r) => r.unit),
    ["Thừa Thiên Huế", "Bà Rịa - Vũng Tàu"],
  );
  // NFD and NFC spellings are the same unit.
  const dup = throwsA(DataError, () => score("pci", [qnRow({ unit: nfd }), qnRow({ unit: "Thừa Thiên Huế" })]));
  assert.equal(dup.unit, "Thừa Thiên Huế");
  // Tier labels in both languages.
  const y2014 = scoreCsv("pci", PCI_CSV, { unitColumn: "province", year: 2014 });
  const best = y2014.rows.find((r) => r.rank === 1);
  assert.deepEqual(best.tier, { level: 0, label: { vi: "Rất tốt", en: "Very good" } });
});

// --- comparison -----------------------------------------------------------------------------

test("compareCsv 2013 → 2014 gives published deltas and places gained", () => {
  const cmp = compareCsv("pci", PCI_CSV, 2013, 2014, { unitColumn: "province" });
  assert.equal(cmp.index, "pci");
  assert.equal(cmp.from, 2013);
  assert.equal(cmp.to, 2014);
  assert.equal(cmp.rows.length, 63);
  const published = {};
  for (const f of PCI_CSV.trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(","))) {
    (published[f[0]] ??= []).push(f);
  }
  for (const f of published["2014"]) {
    const before = published["2013"].find((g) => g[1] === f[1]);
    const row = cmp.rows.find((r) => r.unit === f[1].normalize("NFC"));
    assert.equal(row.presence, "both");
    assert.ok(Math.abs(row.score_delta - (Number(f[13]) - Number(before[13]))) < 2e-4, f[1]);
    assert.equal(row.rank_change, Number(before[14]) - Number(f[14]), f[1]);
  }
  // Ordered by the second year's rank.
  assert.deepEqual(
    cmp.rows.map((r) => r.rank_to),
    [...cmp.rows.map((r) => r.rank_to)].sort((a, b) => a - b),
  );
});

test("compare keeps units present in one year only (Hà Tây, merged into Hà Nội in 2008)", () => {
  const rows = scoreCsv("pci", PCI_CSV, { unitColumn: "province" }).rows; // sanity: all years score
  assert.equal(rows.length, 442);
  const cmp = compareCsv("pci", PCI_CSV, 2006, 2013, { unitColumn: "province" });
  const haTay = cmp.rows.find((r) => r.unit === "Hà Tây");
  assert.equal(haTay.presence, "only_from");
  assert.equal(haTay.score_to, null);
  assert.equal(haTay.rank_change, null);
  assert.equal(haTay.tier_to, null);
  assert.equal(cmp.rows.at(-1).unit, "Hà Tây");

  assert.equal(haTay.note, null);

  // Through the shipped mapping, Hà Tây is reported as merged into Hà Nội.
  const mapped = compareCsv("pci", PCI_CSV, 2006, 2013, { unitColumn: "province", unitMap: "vn-provinces" });
  const haTayMapped = mapped.rows.find((r) => r.unit === "Hà Tây");
  assert.equal(haTayMapped.presence, "only_from");
  assert.match(haTayMapped.note, /^merged into Hà Nội on 2008-/);
  const haNoi = mapped.rows.find((r) => r.unit === "Hà Nội");
  assert.equal(haNoi.presence, "both");
  assert.match(haNoi.note, /absorbed .*Hà Tây/);

  // A mapping given as CSV text.
  const renamed = compare(
    "pci",
    [qnRow({ unit: "Tỉnh Cũ", year: 2018 }), qnRow({ unit: "Tỉnh Mới" })],
    2018,
    2019,
    { unitMap: "old_province,new_province,effective_date\nTỉnh Cũ,Tỉnh Mới,2019-01-01\n" },
  );
  assert.equal(renamed.rows.length, 1);
  assert.equal(renamed.rows[0].presence, "both");
  assert.match(renamed.rows[0].note, /^renamed Tỉnh Mới on 2019-01-01/);
  throwsA(TypeError, () => compare("pci", [qnRow()], 2018, 2019, { unitMap: "vn-province" }));
  const badMap = throwsA(DataError, () => compare("pci", [qnRow()], 2018, 2019, { unitMap: "a,b\nx,y\n" }));
  assert.equal(badMap.column, "old_province");

  const viaRows = compare(
    "pci",
    [qnRow({ year: 2018, entry_costs: 6 }), qnRow(), qnRow({ unit: "Hà Nội" })],
    2018,
    2019,
  );
  const qn = viaRows.rows.find((r) => r.unit === "Quảng Ninh");
  assert.ok(Math.abs(qn.score_delta - 10 * 0.05 * (7.16 - 6)) < 1e-9);
  assert.equal(viaRows.rows.find((r) => r.unit === "Hà Nội").presence, "only_to");
});

// --- display --------------------------------------------------------------------------------

test("formatDecimal and formatDelta round half away from zero", () => {
  assert.equal(formatDecimal(63.0149, 2), "63.01");
  assert.equal(formatDecimal(63.0151, 2, true), "63,02");
  assert.equal(formatDecimal(0.6325, 3), "0.633");
  assert.equal(formatDelta(1.58, 2), "+1.58");
  assert.equal(formatDelta(-0.5, 2, true), "-0,50");
  assert.equal(formatDelta(0.001, 2), "0.00");
});
