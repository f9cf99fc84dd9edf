// The bad-input catalogue (tests/bad_inputs/catalogue.json), as the Rust test reads it: every
// case throws the ChisoError subclass of its kind, with its variant and message fragments.
// The WebAssembly build reads within the browser limits, so a case's `browser` expectation,
// when it has one, replaces `expect`. CSV bytes (invalid UTF-8) go in as a Uint8Array, as a
// page would pass an uploaded file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { ChisoError, ComputeError, DataError, Dataset, Spec, SpecError, calibrate, compareCsv, reportCsv, scoreCsv, validateSpec } from "chiso";

const catalogue = JSON.parse(
  readFileSync(new URL("../../../tests/bad_inputs/catalogue.json", import.meta.url), "utf8"),
);
const classes = { spec: SpecError, data: DataError, compute: ComputeError };

/** The generators of the catalogue's `generators` section (as in Rust and Python). */
function generate(g) {
  const { n } = g;
  const range = (k) => Array.from({ length: k }, (_, i) => i);
  switch (g.generate) {
    case "chain": // as JSON: the same spec as the Rust generator's TOML
      return JSON.stringify({
        id: "deep",
        root: "n0",
        nodes: [...range(n).map((i) => ({ id: `n${i}`, children: [`n${i + 1}`] })), { id: `n${n}` }],
      });
    case "wide": {
      const children = range(n).map((i) => `"c${i}"`).join(",");
      const leaves = range(n).map((i) => `,{"id":"c${i}"}`).join("");
      return `{"id":"wide","root":"total","nodes":[{"id":"total","children":[${children}]}${leaves}]}`;
    }
    case "nested_toml":
      return `id = "x"\nroot = "r"\nnodes = ${"[".repeat(n)}${"]".repeat(n)}\n`;
    // The next two as JSON: the same specs as the Rust generators' TOML.
    case "editions": {
      const children = range(n).map((i) => `c${i}`);
      return JSON.stringify({
        id: "ed",
        root: "total",
        nodes: [{ id: "total", children }, ...children.map((id) => ({ id }))],
        editions: range(g.m).map((i) => ({ from: 2000 + i, to: 2000 + i })),
      });
    }
    case "long_id": {
      const id = "x".repeat(n);
      return JSON.stringify({ id: "x", root: id, nodes: [{ id }] });
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
  // This package reads JSON only (no TOML parser in the module): a TOML case runs as the same
  // spec in JSON, which the catalogue carries as `as_json`.
  if ("toml" in spec) return spec.as_json ?? spec.toml;
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
  if (testCase.calibrate) {
    // Only the options the case gives (an undefined option is not the same as none).
    calibrate(csv, { ...testCase.calibrate });
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

/** The same case through the classes: `new Spec`, `Dataset.fromCsv`, `spec.score`. */
function runClasses(testCase) {
  const spec = new Spec(specOf(testCase.spec));
  const csv = csvOf(testCase);
  if (csv === null) return;
  const { year, strict } = testCase.options ?? {};
  spec.score(Dataset.fromCsv(csv), { year, strict });
}

test("the catalogue is there", () => {
  assert.ok(catalogue.cases.length >= 30);
});

/** Why a case does not apply to this package, or undefined. */
function skipReason(testCase) {
  if ("csv_path" in testCase || (typeof testCase.spec === "object" && "path" in testCase.spec)) {
    return "the package reads no files (a page passes text or bytes)";
  }
  return undefined;
}

for (const testCase of catalogue.cases) {
  for (const [how, runner] of [["", run], [" (classes)", runClasses]]) {
    if (how && (testCase.compare || testCase.calibrate)) continue; // comparisons and calibrations have no class
    test(testCase.id + how, { skip: skipReason(testCase) }, () => {
      // TOML that has no JSON form (a TOML syntax error, NaN or infinity) meets the package's
      // "built without toml" error instead.
      const tomlOnly =
        (typeof testCase.spec === "object" && "toml" in testCase.spec && !("as_json" in testCase.spec)) ||
        testCase.spec?.generate === "nested_toml";
      const expected = tomlOnly
        ? { kind: "spec", variant: "Parse", contains: ["without its `toml` feature"] }
        : (testCase.browser ?? testCase.expect);
      let thrown;
      assert.throws(
        () => runner(testCase),
        (e) => {
          thrown = e;
          return true;
        },
      );
      assert.ok(thrown instanceof ChisoError, `${testCase.id}: not a ChisoError: ${thrown}`);
      assert.ok(thrown instanceof classes[expected.kind], `${testCase.id}: ${thrown.name}: ${thrown.message}`);
      assert.equal(thrown.code, expected.kind);
      assert.equal(thrown.variant, expected.variant, thrown.message);
      // Line numbers of a TOML case do not carry over to its JSON form.
      const asJson = typeof testCase.spec === "object" && "as_json" in testCase.spec;
      for (const part of expected.contains.filter((p) => !(asJson && /\bline \d/.test(p)))) {
        assert.ok(thrown.message.includes(part), `${testCase.id}: '${thrown.message}' lacks '${part}'`);
      }
    });
  }
}

// The catalogue's hostile names (section `hostile`): kept byte for byte in the results, escaped
// in the report's HTML and Markdown exactly as in Rust and Python. (The browser tests render
// them in the report page and the scorecard.)
const hostile = catalogue.hostile;

/** A CSV cell as a spreadsheet writes it: quoted when it holds a comma, a quote or a line break. */
function csvCell(text) {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const hostileCsv = [hostile.csv_header, ...hostile.cases.map((c) => [csvCell(c.unit), ...c.values].join(","))].join("\n") + "\n";

for (const testCase of hostile.cases) {
  test(`hostile name: ${testCase.id}`, () => {
    const scores = scoreCsv(hostile.spec.value, hostileCsv);
    assert.ok(
      scores.rows.some((row) => row.unit === testCase.unit),
      "the name comes back byte for byte",
    );
    const html = reportCsv(hostile.spec.value, hostileCsv, { unit: testCase.unit, format: "html" });
    // <title>, <h1>, the headline and the radar's legend.
    assert.equal(html.split(testCase.html).length - 1, 4, html);
    if (/[<>"']/.test(testCase.unit)) assert.ok(!html.includes(testCase.unit), "the raw name is in the page");
    assert.ok(!html.includes("<b onmouseover"), "the raw label is in the page");
    const markdown = reportCsv(hostile.spec.value, hostileCsv, { unit: testCase.unit, format: "md" });
    assert.equal(markdown.split("\n")[0], `# HOSTILE  — ${testCase.markdown}`);
  });
}
