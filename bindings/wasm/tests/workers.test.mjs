// Several Node workers score at once, each with its own WebAssembly instance, and every one
// gets exactly the main thread's result.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";

import { scoreCsv } from "../index.js";

const csv = readFileSync(new URL("../../../examples/data/pci/pci_subindices.csv", import.meta.url), "utf8");
const options = { unitColumn: "province" };

function inWorker() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./workers/score_worker.mjs", import.meta.url), {
      workerData: { spec: "pci", csv, options },
    });
    worker.once("message", (result) => {
      resolve(result);
      worker.terminate();
    });
    worker.once("error", reject);
  });
}

test("four workers scoring every PCI year at once agree with the main thread", async () => {
  const expected = scoreCsv("pci", csv, options);
  const results = await Promise.all([inWorker(), inWorker(), inWorker(), inWorker()]);
  for (const result of results) {
    assert.deepEqual(result, JSON.parse(JSON.stringify(expected)));
  }
  assert.ok(expected.rows.length > 300);
});
