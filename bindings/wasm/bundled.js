// The files shipped beside the WebAssembly modules, read on demand (never compiled into them):
// the published tables bundled with chiso (data/datasets/*.csv, described by datasets.json,
// which the core writes: `chiso::datasets::list()`, checked by crates/chiso/tests/datasets.rs)
// and the JSON Schema of spec files (data/chiso-spec.schema.json, the core's committed file).
// build.sh copies both from crates/chiso.

import { DataError } from "./index.js";

const here = new URL("./", import.meta.url);

/** The file's text: read from disk in Node, fetched in browsers. */
async function readText(url) {
  const nodeProcess = globalThis.process;
  if (url.protocol === "file:" && nodeProcess?.versions?.node) {
    const fs = nodeProcess.getBuiltinModule?.("node:fs") ?? (await import("node:fs"));
    return fs.promises.readFile(url, "utf8");
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`cannot fetch ${url}: HTTP ${response.status}`);
  }
  return response.text();
}

let index = null;

/** The descriptions of every bundled table (read once). */
async function descriptions() {
  index ??= readText(new URL("datasets.json", here)).then(JSON.parse);
  try {
    return await index;
  } catch (e) {
    index = null;
    throw e;
  }
}

/** A copy, so that callers cannot change the cached index. */
const copy = (info) => ({ ...info, columns: info.columns.map((c) => ({ ...c })) });

async function find(name) {
  const all = await descriptions();
  const info = all.find((d) => d.name === name);
  if (!info) {
    // The core's message (DataError::UnknownDataset), from the same list of names.
    throw new DataError(
      `no bundled dataset '${name}'; available datasets: ${all.map((d) => d.name).join(", ")}`,
      { variant: "UnknownDataset" },
    );
  }
  return info;
}

/** The published tables bundled with chiso: `list()`, `info(name)`, `load(name)`. */
export const datasets = Object.freeze({
  /** Every bundled table's description (name, file, title, description, source, licence, rows, columns). */
  async list() {
    return (await descriptions()).map(copy);
  },
  /** One table's description; an unknown name throws a `DataError` listing the known ones. */
  async info(name) {
    return copy(await find(name));
  },
  /** One table: its description and `csv`, the CSV text as shipped (`scoreCsv` and `Dataset.fromCsv` read it). */
  async load(name) {
    const info = await find(name);
    const csv = await readText(new URL(`data/datasets/${info.file}`, here));
    return { ...copy(info), csv };
  },
});

/** The JSON Schema (draft 2020-12) of spec files, generated from the Rust types. */
export async function specSchema() {
  return JSON.parse(await readText(new URL("data/chiso-spec.schema.json", here)));
}
