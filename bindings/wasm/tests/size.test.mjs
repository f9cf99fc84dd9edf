// The size budget of the WebAssembly module as browsers download it (gzip): 300 KB. Measured,
// not timed: the bytes of pkg/chiso_wasm_bg.wasm as `npm run build` makes it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET = 300 * 1024;

test("the .wasm is at most 300 KB gzipped", () => {
  const wasm = readFileSync(new URL("../pkg/chiso_wasm_bg.wasm", import.meta.url));
  const gzipped = gzipSync(wasm, { level: 9 }).length;
  assert.ok(gzipped <= BUDGET, `${gzipped} bytes gzipped (${wasm.length} raw), over the ${BUDGET}-byte budget`);
  // A module without its code would pass the budget: the scoring code is in there.
  assert.ok(wasm.length > 100 * 1024, `${wasm.length} bytes: not the release module?`);
});
