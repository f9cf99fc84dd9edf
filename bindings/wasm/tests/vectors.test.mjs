// The shared test vectors of tests/vectors/, as crates/chiso/tests/vectors.rs checks them:
// same inputs, same tolerance, error kind → error class, message "contains" parts; object
// results (plans, diagnoses) field by field as its `check_object` does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";

import {
  ChisoError,
  ComputeError,
  DataError,
  SpecError,
  compare,
  compareCsv,
  diagnose,
  diagnoseCsv,
  plan,
  planCsv,
  score,
  scoreColumns,
  scoreCsv,
} from "chiso";

const dir = new URL("../../../tests/vectors/", import.meta.url);
const names = readdirSync(dir)
  .filter((n) => n.endsWith(".json"))
  .sort();
const classes = { spec: SpecError, data: DataError, compute: ComputeError };

test("the shared vectors are there", () => {
  assert.ok(names.length >= 10, `expected the shared vectors in ${dir.pathname}`);
});

/** Runs a case as vectors.rs does: rows or CSV, then plan, diagnose, compare or score. */
function run(testCase) {
  const spec = typeof testCase.index === "string" ? testCase.index : testCase.spec;
  const csv = typeof testCase.csv === "string" ? testCase.csv : null;
  const call = (fromRows, fromCsv, ...args) =>
    csv === null ? fromRows(spec, testCase.rows, ...args) : fromCsv(spec, csv, ...args);
  if (testCase.plan) {
    const { unit, year, target } = testCase.plan;
    return call(plan, planCsv, { unit, year: year ?? undefined, target });
  }
  if (testCase.diagnose) {
    const { unit, year } = testCase.diagnose;
    return call(diagnose, diagnoseCsv, { unit, year: year ?? undefined });
  }
  if (testCase.compare) {
    return call(compare, compareCsv, testCase.compare.from, testCase.compare.to);
  }
  const unitColumn = testCase.unit_column ?? undefined;
  return call(score, scoreCsv, { year: testCase.year ?? undefined, unitColumn });
}

// --- object results: vectors.rs `check_object` ------------------------------------------------
// serde_json tells a float literal (`1.5`, `30.0`, `1e-3`) from an integer one (`30`): floats
// are compared within the tolerance, everything else exactly. JSON.parse cannot tell them
// apart, so the `expected` part is read once more with each float literal boxed.
const FLOAT = "\u0000float";

const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;

/** JSON text with every float literal outside strings written as `{"\u0000float": literal}`. */
function boxFloats(text) {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      NUMBER.lastIndex = i;
      const literal = NUMBER.exec(text)[0];
      out += /[.eE]/.test(literal) ? `{${JSON.stringify(FLOAT)}:${literal}}` : literal;
      i += literal.length;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

const isFloat = (v) => v !== null && typeof v === "object" && !Array.isArray(v) && FLOAT in v;

/** `value` with the boxes removed (for exact comparison of nested non-array values). */
function unbox(value) {
  if (isFloat(value)) return value[FLOAT];
  if (Array.isArray(value)) return value.map(unbox);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unbox(v)]));
  }
  return value;
}

/**
 * Every field of `expected` in `got`: float literals within `tolerance`, arrays of objects
 * matched by `id` and checked recursively, anything else (integers, booleans, strings, null,
 * objects) equal.
 */
function checkObject(name, got, expected, tolerance) {
  for (const [field, want] of Object.entries(expected)) {
    const g = got?.[field] ?? null;
    if (isFloat(want)) {
      const w = want[FLOAT];
      assert.equal(typeof g, "number", `${name}: ${field} is ${g}`);
      assert.ok(Math.abs(g - w) <= tolerance, `${name}: ${field} ${g} vs ${w} (±${tolerance})`);
    } else if (Array.isArray(want)) {
      assert.ok(Array.isArray(g), `${name}: ${field} is not an array: ${JSON.stringify(g)}`);
      for (const item of want) {
        const id = unbox(item?.id ?? null);
        const found = g.find((x) => {
          try {
            assert.deepEqual(x?.id ?? null, id);
            return true;
          } catch {
            return false;
          }
        });
        assert.ok(found !== undefined, `${name}: no ${JSON.stringify(id)} in ${field}`);
        checkObject(name, found, item, tolerance);
      }
    } else {
      assert.deepEqual(g, unbox(want), `${name}: ${field}`);
    }
  }
}

test("check_object semantics: floats within the tolerance, integers exact, ids matched", () => {
  const expected = JSON.parse(boxFloats('{"a": 1.0, "n": 3, "s": "x\\"1.5", "l": [{"id": "p", "v": 2.5}]}'));
  assert.ok(isFloat(expected.a) && expected.n === 3 && expected.s === 'x"1.5');
  checkObject("self", { a: 1.0004, n: 3, s: 'x"1.5', l: [{ id: "q", v: 0 }, { id: "p", v: 2.5001 }] }, expected, 1e-3);
  assert.throws(() => checkObject("self", { a: 1, n: 3.0004, s: 'x"1.5', l: [{ id: "p", v: 2.5 }] }, expected, 1e-3));
  assert.throws(() => checkObject("self", { a: 1, n: 3, s: 'x"1.5', l: [{ id: "q", v: 2.5 }] }, expected, 1e-3));
  assert.throws(() => checkObject("self", { a: 1.01, n: 3, s: 'x"1.5', l: [{ id: "p", v: 2.5 }] }, expected, 1e-3));
});

for (const name of names) {
  const text = readFileSync(new URL(name, dir), "utf8");
  const testCase = JSON.parse(text);
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
    if (testCase.expected !== null && typeof testCase.expected === "object" && !Array.isArray(testCase.expected)) {
      checkObject(name, result, JSON.parse(boxFloats(text)).expected, tolerance);
      return;
    }
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
      // Every node below the root, when the case lists them: same ids, scores within the
      // tolerance, ranks exactly (as vectors.rs).
      if (Array.isArray(want.components)) {
        assert.equal(got.components.length, want.components.length, `${name} ${want.unit}: components`);
        for (const c of want.components) {
          const g = got.components.find((x) => x.id === c.id);
          assert.ok(g, `${name} ${want.unit}: no component ${c.id}`);
          assert.ok(
            Math.abs(g.score - c.score) <= tolerance,
            `${name} ${want.unit} ${c.id}: ${g.score} vs ${c.score} (±${tolerance})`,
          );
          assert.equal(g.rank, c.rank, `${name} ${want.unit} ${c.id}: rank`);
        }
      }
    }
  });
}

// --- the same score vectors through scoreColumns (rows turned into columns) -----------------------

/** Rows as columns: every key of any row, `null` where a row lacks it; `null` if a cell is text. */
function toColumns(rows) {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columns = {};
  for (const key of keys) {
    const values = rows.map((r) => r[key] ?? null);
    if (key !== "unit" && values.some((v) => typeof v === "string")) return null;
    columns[key] = key === "unit" ? values : key === "year" ? values : Float64Array.from(values, (v) => v ?? NaN);
  }
  return columns;
}

for (const name of names) {
  const testCase = JSON.parse(readFileSync(new URL(name, dir), "utf8"));
  if (testCase.plan || testCase.diagnose || testCase.compare || !Array.isArray(testCase.rows)) continue;
  const columns = toColumns(testCase.rows);
  if (columns === null) continue;
  const spec = typeof testCase.index === "string" ? testCase.index : testCase.spec;
  test(`${name} through scoreColumns`, () => {
    const run = () => scoreColumns(spec, columns, { year: testCase.year ?? undefined });
    if (testCase.error) {
      const thrown = (() => {
        try {
          run();
        } catch (e) {
          return e;
        }
        return null;
      })();
      assert.ok(thrown instanceof classes[testCase.error.kind], `${name}: ${thrown}`);
      for (const part of testCase.error.contains) assert.ok(thrown.message.includes(part), `${name}: '${thrown.message}' lacks '${part}'`);
      return;
    }
    const result = run();
    assert.equal(result.unit.length, testCase.expected.length, `${name}: row count`);
    for (const want of testCase.expected) {
      const i = result.unit.indexOf(want.unit);
      assert.ok(i >= 0, `${name}: no row for ${want.unit}`);
      assert.ok(Math.abs(result.score[i] - want.score) <= testCase.tolerance, `${name} ${want.unit}: ${result.score[i]} vs ${want.score}`);
      assert.equal(result.rank[i], want.rank, `${name} ${want.unit}: rank`);
      if ("year" in want) assert.equal(result.year === null ? null : result.year[i], want.year, `${name} ${want.unit}: year`);
      if ("tier" in want) {
        const tier = result.tier[i] < 0 ? null : result.tiers[result.tier[i]].label.vi;
        assert.equal(tier, want.tier, `${name} ${want.unit}: tier`);
      }
    }
  });
}
