// The size budget of the WebAssembly module as browsers download it (gzip). Measured, not
// timed: the bytes of pkg/chiso_wasm_bg.wasm as `npm run build` makes it. Issue 6 targets
// 300 KB; scoring alone was 279 KB, and the analyses (uncertainty, sensitivity, audit) and nine
// more presets brought it to ~420 KB: the budget stops further growth while that is worked down.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET = 440 * 1024;

test("the .wasm is at most 440 KB gzipped", () => {
  const wasm = readFileSync(new URL("../pkg/chiso_wasm_bg.wasm", import.meta.url));
  const gzipped = gzipSync(wasm, { level: 9 }).length;
  assert.ok(gzipped <= BUDGET, `${gzipped} bytes gzipped (${wasm.length} raw), over the ${BUDGET}-byte budget`);
  // A module without its code would pass the budget: the scoring code is in there.
  assert.ok(wasm.length > 100 * 1024, `${wasm.length} bytes: not the release module?`);
});
