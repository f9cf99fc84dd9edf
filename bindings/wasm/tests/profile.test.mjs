// profile and profilePage: the shared vectors of tests/vectors/profile/ (as
// crates/chiso/tests/profile.rs checks them), a mixed profile with the "needs the full table"
// outcome, pages in both languages, and bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";

import { ComputeError, DataError, profile, profilePage } from "chiso";

const root = new URL("../../../", import.meta.url);
const dir = new URL("tests/vectors/profile/", root);
const names = readdirSync(dir)
  .filter((n) => n.endsWith(".json"))
  .sort();
const read = (path) => readFileSync(new URL(path, root), "utf8");

function check(name, got, want, tolerance) {
  if (typeof want === "number" && !Number.isInteger(want)) {
    assert.equal(typeof got, "number", `${name}: ${got}`);
    assert.ok(Math.abs(got - want) <= tolerance, `${name}: ${got} vs ${want} (±${tolerance})`);
  } else if (Array.isArray(want)) {
    assert.ok(Array.isArray(got), `${name}: ${got}`);
    assert.equal(got.length, want.length, `${name}: length`);
    want.forEach((w, i) => check(`${name}[${i}]`, got[i], w, tolerance));
  } else if (want !== null && typeof want === "object") {
    for (const [k, w] of Object.entries(want)) check(`${name}.${k}`, got[k], w, tolerance);
  } else {
    assert.equal(got, want, name);
  }
}

test("three shared profile vectors", () => {
  assert.deepEqual(names, ["ha_noi_2013_mapped.json", "hai_ha_2020.json", "nam_dinh_2018.json"]);
});

for (const name of names) {
  test(`vector ${name}`, () => {
    const c = JSON.parse(readFileSync(new URL(name, dir), "utf8"));
    const p = c.profile;
    const sources = c.sources.map((s) => ({ index: s.index, [s.kind === "table" ? "rows" : "published"]: s.rows }));
    const options = { unit: p.unit, year: p.year, previous: p.previous, targets: p.targets };
    if (p.mapping) options.unitMap = p.mapping;
    check(c.name, profile(sources, options).rows, c.expected, c.tolerance);
  });
}

test("a full table and published rows mixed: which is which, and no plan without the table", () => {
  const sources = [
    { index: "pci", csv: read("examples/data/pci/pci_subindices.csv"), unitColumn: "province" },
    { index: "par-index", published: read("examples/profile/nam_dinh_par_index.csv") },
  ];
  const p = profile(sources, { unit: "Nam Định", year: 2018, targets: ["top:10"] });
  const [pci, par] = p.rows;
  assert.deepEqual([pci.source, par.source], ["full_table", "published"]);
  assert.equal(pci.score.toFixed(2), "63.01");
  assert.deepEqual([pci.rank, pci.out_of, pci.rank_change], [35, 63, 6]);
  assert.equal(pci.score_change.toFixed(2), "1.58");
  assert.deepEqual([par.index, par.score, par.rank, par.out_of], ["par_index", 75.6, 40, 63]);
  assert.deepEqual(par.score_unit, { kind: "percent" });
  assert.equal(pci.targets[0].status, "planned");
  assert.ok(pci.targets[0].reachable && pci.targets[0].rank_planned <= 10);
  assert.equal(par.targets[0].status, "needs_full_table");
  assert.match(par.targets[0].message, /needs the full table/);
  assert.equal(par.weakest, null);
  assert.ok(pci.weakest.length > 0 && pci.weakest.every((w) => w.score < w.median));

  const html = profilePage(sources, { unit: "Nam Định", year: 2018, lang: "en", format: "html", targets: ["top:10"] });
  assert.ok(html.startsWith("<!doctype html>") && html.includes('<svg class="profile-chart"'));
  assert.match(html, /needs the full table \(the source has the published results only\)/);
  const md = profilePage(sources, { unit: "Nam Định", year: 2018 });
  assert.match(md, /^# Nam Định 2018 — các chỉ số/);
  assert.match(md, /\| 63,01 điểm \| 35\/63 \|/);
});

test("bad input is named", () => {
  const rows = [{ unit: "Hải Hà", year: 2020, score: 93.12, rank: 14, out_of: 13 }];
  assert.throws(() => profile([{ index: "sipas", published: rows }], { unit: "Hải Hà", year: 2020 }), (e) => e instanceof DataError && /no larger than out_of/.test(e.message));
  rows[0].rank = 10;
  assert.throws(() => profile([{ index: "sipas", published: rows }], { unit: "Hai Ha", year: 2020 }), (e) => e instanceof DataError && /did you mean Hải Hà/.test(e.message));
  assert.throws(() => profile([{ index: "sipas", published: rows }], { unit: "Hải Hà", year: 2020, targets: ["best"] }), (e) => e instanceof ComputeError && /target 'best'/.test(e.message));
  assert.throws(() => profile([{ index: "sipas", published: rows, rows }], { unit: "Hải Hà", year: 2020 }), (e) => e instanceof TypeError && /exactly one of/.test(e.message));
  assert.throws(() => profile([{ index: "sipas", publish: rows }], { unit: "Hải Hà", year: 2020 }), (e) => e instanceof TypeError && /unknown key 'publish'/.test(e.message));
  assert.throws(() => profile([{ index: "sipas", published: rows }], { unit: "Hải Hà" }), (e) => e instanceof TypeError && /'year' is required/.test(e.message));
  assert.throws(() => profile({}, { unit: "Hải Hà", year: 2020 }), TypeError);
});

test("rank changes across a merger (rankChangesCsv with unitMap)", async () => {
  const { rankChangesCsv } = await import("chiso");
  const csv = read("examples/data/pci/pci_subindices.csv");
  const options = { from: 2006, to: 2013, inputs: { weights_pm: 10 }, samples: 50, seed: 1, unitColumn: "province" };
  const mapped = rankChangesCsv("pci", csv, { ...options, unitMap: "vn-provinces" });
  assert.deepEqual(mapped.only_from, ["Hà Tây"]);
  const hn = mapped.changes.find((c) => c.unit === "Hà Nội");
  assert.match(hn.note, /absorbed Hà Tây/);
  const [y, p, r] = ["year", "province", "rank_published"].map((c) => csv.split("\n")[0].split(",").indexOf(c));
  const rank = (year) => Number(csv.split("\n").map((l) => l.split(",")).find((f) => f[y] === year && f[p] === "Hà Nội")[r]);
  assert.equal(hn.change, rank("2006") - rank("2013"));
  const plain = rankChangesCsv("pci", csv, options);
  assert.equal(plain.changes.find((c) => c.unit === "Hà Nội").note, undefined);
});
