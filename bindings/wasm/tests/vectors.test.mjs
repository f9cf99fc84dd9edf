// The shared test vectors of tests/vectors/, as crates/chiso/tests/vectors.rs checks them:
// same inputs, same tolerance, error kind → error class, message "contains" parts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";

import { ChisoError, ComputeError, DataError, SpecError, compare, score, scoreCsv } from "chiso";

const dir = new URL("../../../tests/vectors/", import.meta.url);
const names = readdirSync(dir)
  .filter((n) => n.endsWith(".json"))
  .sort();
const classes = { spec: SpecError, data: DataError, compute: ComputeError };

test("the shared vectors are there", () => {
  assert.ok(names.length >= 10, `expected the shared vectors in ${dir.pathname}`);
});

function run(testCase) {
  const spec = typeof testCase.index === "string" ? testCase.index : testCase.spec;
  if (typeof testCase.csv === "string") {
    return scoreCsv(spec, testCase.csv);
  }
  if (testCase.compare) {
    return compare(spec, testCase.rows, testCase.compare.from, testCase.compare.to);
  }
  return score(spec, testCase.rows, { year: testCase.year ?? undefined });
}

for (const name of names) {
  const testCase = JSON.parse(readFileSync(new URL(name, dir), "utf8"));
  test(name, () => {
    if (testCase.error) {
      const { kind, contains } = testCase.error;
      let thrown;
      assert.throws(
        () => run(testCase),
        (e) => {
          thrown = e;
          return true;
        },
      );
      assert.ok(thrown instanceof Error, `${name}: not an Error: ${thrown}`);
      assert.ok(thrown instanceof ChisoError, `${name}: not a ChisoError: ${thrown}`);
      assert.ok(thrown instanceof classes[kind], `${name}: ${thrown.name} is not a ${classes[kind].name}`);
      assert.equal(thrown.code, kind, `${name}: ${thrown.message}`);
      for (const part of contains) {
        assert.ok(thrown.message.includes(part), `${name}: '${thrown.message}' lacks '${part}'`);
      }
      return;
    }
    const result = run(testCase);
    const tolerance = testCase.tolerance;
    assert.equal(typeof tolerance, "number", `${name}: tolerance`);
    assert.equal(result.rows.length, testCase.expected.length, `${name}: row count`);
    for (const want of testCase.expected) {
      const got = result.rows.find((r) => r.unit === want.unit);
      assert.ok(got, `${name}: no row for ${want.unit}`);
      for (const field of ["score", "score_delta"]) {
        if (typeof want[field] === "number") {
          const g = got[field];
          assert.equal(typeof g, "number", `${name} ${want.unit}: ${field} is ${g}`);
          assert.ok(
            Math.abs(g - want[field]) <= tolerance,
            `${name} ${want.unit}: ${field} ${g} vs ${want[field]} (±${tolerance})`,
          );
        }
      }
      for (const field of ["rank", "rank_from", "rank_to", "rank_change", "year"]) {
        if (field in want) {
          assert.deepEqual(got[field], want[field], `${name} ${want.unit}: ${field}`);
        }
      }
      if ("tier" in want) {
        const g = got.tier === null ? null : got.tier.label.vi;
        assert.equal(g, want.tier, `${name} ${want.unit}: tier`);
      }
    }
  });
}
