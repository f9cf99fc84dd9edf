// survey: the bundled SIPAS-style microdata against shares computed here by hand, the seed,
// the index intervals, and bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { SpecError, survey } from "chiso";

const csv = readFileSync(new URL("../../../examples/data/survey/sipas_microdata.csv", import.meta.url), "utf8");
const ids = ["access", "procedures", "civil_servants", "results", "feedback"];
// examples/data/survey/sipas_survey.toml as JSON (the WebAssembly build reads JSON specs).
const spec = {
  unit_column: "unit",
  weight_column: "weight",
  cluster_column: "village",
  missing_codes: [9],
  min_respondents: 20,
  bootstrap: { replicates: 1000, seed: 2020 },
  indicators: ids.map((id) => ({ id, question: `q_${id}`, statistic: "share", success: [4, 5], multiplier: 100 })),
};

/** Weighted share answering 4 or 5 among valid answers (9 = no answer), in percent. */
function byHand() {
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  const names = header.split(";");
  const sums = new Map();
  for (const line of lines) {
    const cells = line.split(";");
    const row = Object.fromEntries(names.map((n, i) => [n, cells[i]]));
    for (const id of ids) {
      const answer = row[`q_${id}`];
      if (answer === "" || answer === "9") continue;
      const key = `${row.unit}|${id}`;
      const s = sums.get(key) ?? [0, 0, 0];
      const w = Number(row.weight.replace(",", "."));
      s[0] += answer === "4" || answer === "5" ? w : 0;
      s[1] += w;
      s[2] += 1;
      sums.set(key, s);
    }
  }
  return new Map([...sums].map(([k, [yes, all, n]]) => [k, { value: (100 * yes) / all, n }]));
}

test("the estimates are the weighted shares", () => {
  const result = survey(spec, csv, { replicates: 20 });
  const expected = byHand();
  assert.equal(result.estimates.length, expected.size);
  for (const e of result.estimates) {
    const want = expected.get(`${e.unit}|${e.indicator}`);
    assert.ok(Math.abs(e.value - want.value) < 1e-9, `${e.unit} ${e.indicator}: ${e.value} vs ${want.value}`);
    assert.equal(e.n, want.n);
  }
});

test("the seed fixes the bootstrap; the JSON text reads as the object", () => {
  const a = survey(JSON.stringify(spec), csv, { seed: 7, replicates: 30 });
  const b = survey(spec, csv, { seed: 7, replicates: 30 });
  const c = survey(spec, csv, { seed: 8, replicates: 30 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.estimates.map((e) => e.bootstrap), c.estimates.map((e) => e.bootstrap));
});

test("intervals of an index", () => {
  const { intervals } = survey(spec, csv, { replicates: 30, index: "sipas" });
  const headline = intervals.filter((i) => i.node === "sipas");
  assert.equal(headline.length, 4);
  for (const i of headline) assert.ok(i.low <= i.high && 1 <= i.rank_best && i.rank_best <= i.rank_worst && i.rank_worst <= 4);
});

test("bad input is named", () => {
  const bad = { ...spec, indicators: [{ id: "a", question: "q", statistic: "median" }] };
  assert.throws(() => survey(bad, csv), (e) => e instanceof SpecError && /survey statistic/.test(e.message));
  assert.throws(() => survey(spec, csv, { seeds: 1 }), (e) => e instanceof TypeError && /unknown option 'seeds'/.test(e.message));
  assert.throws(() => survey(42, csv), TypeError);
});
