// Scores the CSV it is given with the package, in its own WebAssembly instance, and posts the
// result back (tests/workers.test.mjs).
import { parentPort, workerData } from "node:worker_threads";

import { scoreCsv } from "../../index.js";

parentPort.postMessage(scoreCsv(workerData.spec, workerData.csv, workerData.options));
