// Runs the JavaScript examples of README.md and checks the output they promise
// (`// → …` comments), so the documented example keeps working.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
const indexUrl = new URL("../index.js", import.meta.url).href;

test("README.md has a JavaScript example", () => {
  assert.ok(blocks.length >= 1);
});

blocks.forEach((code, i) => {
  test(`README.md example ${i + 1} runs and prints what it says`, async () => {
    // The promised output: `// → text` after a statement or on its own line.
    const expected = [...code.matchAll(/\/\/ → (.*)$/gm)].map((m) => m[1].trim());
    const printed = [];
    const dir = mkdtempSync(join(tmpdir(), "chiso-readme-"));
    const file = join(dir, "example.mjs");
    const source = code
      .replaceAll('from "chiso"', `from ${JSON.stringify(indexUrl)}`)
      .replaceAll("console.log(", "globalThis.__chisoPrint(");
    writeFileSync(file, source);
    globalThis.__chisoPrint = (...args) => printed.push(args.join(" "));
    try {
      await import(pathToFileURL(file).href);
    } finally {
      delete globalThis.__chisoPrint;
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(printed, expected);
  });
});
