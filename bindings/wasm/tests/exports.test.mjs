// The package's surface: every export of index.js and scorecard.js has a JSDoc comment and a
// declaration in index.d.ts / scorecard.d.ts, and nothing is declared that is not exported.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import * as chiso from "chiso";

const source = (file) => readFileSync(new URL(`../${file}`, import.meta.url), "utf8");

/** Names of `export function|class|const NAME` in `text`, with whether a `/** … *\/` block ends right before. */
function exportsOf(text) {
  return [...text.matchAll(/^export (?:async )?(?:function|class|const) (\w+)/gm)].map((m) => {
    const before = text.slice(0, m.index).trimEnd();
    return { name: m[1], documented: before.endsWith("*/") && before.lastIndexOf("/**") > before.lastIndexOf("\n\n") };
  });
}

/** Names declared by `export function|class|const` (or `export declare …`) in a .d.ts. */
function declared(text) {
  return new Set([...text.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]));
}

for (const [js, dts] of [
  ["index.js", "index.d.ts"],
  ["scorecard.js", "scorecard.d.ts"],
  ["bundled.js", "bundled.d.ts"],
]) {
  test(`${js}: every export has JSDoc and a declaration in ${dts}`, () => {
    const exported = exportsOf(source(js));
    assert.ok(exported.length > 0);
    const undocumented = exported.filter((e) => !e.documented).map((e) => e.name);
    assert.deepEqual(undocumented, [], `exports without a /** */ comment in ${js}`);
    const types = declared(source(dts));
    assert.deepEqual(exported.map((e) => e.name).filter((n) => !types.has(n)), [], `exports not declared in ${dts}`);
    assert.deepEqual([...types].filter((n) => !exported.some((e) => e.name === n)), [], `declared in ${dts} but not exported by ${js}`);
  });
}

test("the module's runtime exports are exactly those index.js declares", () => {
  // Its own exports and what it re-exports from bundled.js (`export { … } from`).
  const reexported = [...source("index.js").matchAll(/^export \{([^}]+)\} from/gm)].flatMap((m) =>
    m[1].split(",").map((n) => n.trim()),
  );
  const names = [...exportsOf(source("index.js")).map((e) => e.name), ...reexported].sort();
  assert.deepEqual(Object.keys(chiso).sort(), names);
});
