// The bad-input catalogue (tests/bad_inputs/catalogue.json), as the Rust test reads it: every
// case throws the ChisoError subclass of its kind, with its variant and message fragments.
// The WebAssembly build reads within the browser limits, so a case's `browser` expectation,
// when it has one, replaces `expect`. CSV bytes (invalid UTF-8) go in as a Uint8Array, as a
// page would pass an uploaded file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { ChisoError, ComputeError, DataError, SpecError, compareCsv, scoreCsv, validateSpec } from "chiso";

const catalogue = JSON.parse(
  readFileSync(new URL("../../../tests/bad_inputs/catalogue.json", import.meta.url), "utf8"),
);
const classes = { spec: SpecError, data: DataError, compute: ComputeError };

/** The generators of the catalogue's `generators` section (as in Rust and Python). */
function generate(g) {
  const { n } = g;
  const range = (k) => Array.from({ length: k }, (_, i) => i);
  switch (g.generate) {
    case "chain":
      return `id = "deep"\nroot = "n0"\n${range(n)
        .map((i) => `[[nodes]]\nid = "n${i}"\nchildren = ["n${i + 1}"]\n`)
        .join("")}[[nodes]]\nid = "n${n}"\n`;
    case "wide": {
      const children = range(n).map((i) => `"c${i}"`).join(",");
      const leaves = range(n).map((i) => `,{"id":"c${i}"}`).join("");
      return `{"id":"wide","root":"total","nodes":[{"id":"total","children":[${children}]}${leaves}]}`;
    }
    case "nested_toml":
      return `id = "x"\nroot = "r"\nnodes = ${"[".repeat(n)}${"]".repeat(n)}\n`;
    case "editions": {
      const children = range(n).map((i) => `"c${i}"`).join(", ");
      return (
        `id = "ed"\nroot = "total"\n[[nodes]]\nid = "total"\nchildren = [${children}]\n` +
        range(n).map((i) => `[[nodes]]\nid = "c${i}"\n`).join("") +
        range(g.m).map((i) => `[[editions]]\nfrom = ${2000 + i}\nto = ${2000 + i}\n`).join("")
      );
    }
    case "long_id": {
      const id = "x".repeat(n);
      return `id = "x"\nroot = "${id}"\n[[nodes]]\nid = "${id}"\n`;
    }
    case "long_name":
      return `unit,a\n${"x".repeat(n)},1\n`;
    case "wide_csv":
      return `unit,year,${range(n).map((i) => `k${i}`).join(",")}\nHà Nội,2019${",1".repeat(n)}\n`;
    default:
      throw new Error(`unknown generator ${g.generate}`);
  }
}

/** The spec argument: a preset id, spec text, or a spec object. */
function specOf(spec) {
  if (typeof spec === "string") return spec;
  if ("toml" in spec) return spec.toml;
  if ("json" in spec) return spec.json;
  if ("value" in spec) return spec.value;
  return generate(spec);
}

function csvOf(testCase) {
  if (typeof testCase.csv === "string") return testCase.csv;
  if (typeof testCase.csv_hex === "string") return Uint8Array.from(Buffer.from(testCase.csv_hex, "hex"));
  if (testCase.csv_generate) return generate(testCase.csv_generate);
  return null;
}

function run(testCase) {
  const spec = specOf(testCase.spec);
  const csv = csvOf(testCase);
  if (csv === null) {
    // The spec alone: validateSpec reports its error as data; throw it as the API would.
    const report = validateSpec(spec);
    if (!report.valid) throw report.error;
    return;
  }
  if (testCase.compare) {
    const { from, to, unit_map: unitMap } = testCase.compare;
    compareCsv(spec, csv, from, to, unitMap === undefined ? undefined : { unitMap });
    return;
  }
  const { year, strict } = testCase.options ?? {};
  scoreCsv(spec, csv, { year, strict });
}

test("the catalogue is there", () => {
  assert.ok(catalogue.cases.length >= 30);
});

for (const testCase of catalogue.cases) {
  test(testCase.id, () => {
    const expected = testCase.browser ?? testCase.expect;
    let thrown;
    assert.throws(
      () => run(testCase),
      (e) => {
        thrown = e;
        return true;
      },
    );
    assert.ok(thrown instanceof ChisoError, `${testCase.id}: not a ChisoError: ${thrown}`);
    assert.ok(thrown instanceof classes[expected.kind], `${testCase.id}: ${thrown.name}: ${thrown.message}`);
    assert.equal(thrown.code, expected.kind);
    assert.equal(thrown.variant, expected.variant, thrown.message);
    for (const part of expected.contains) {
      assert.ok(thrown.message.includes(part), `${testCase.id}: '${thrown.message}' lacks '${part}'`);
    }
  });
}
