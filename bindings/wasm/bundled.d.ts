// Declarations of bundled.js: the published tables bundled with chiso and the JSON Schema of
// spec files, files shipped beside the WebAssembly modules (re-exported by index.js).

/** One documented column of a bundled table. */
export interface DatasetColumn {
  /** The header, exactly as in the CSV file. */
  name: string;
  /** What the column holds. */
  description: string;
}

/** What a bundled table is and where it comes from (the core's `chiso::datasets::DatasetInfo`). */
export interface DatasetInfo {
  /** The name to load it by, e.g. `pci`. */
  name: string;
  /** The CSV file's name in the package's `data/datasets/`. */
  file: string;
  /** One line: what the table holds. */
  title: string;
  /** Years, units, gaps and precision. */
  description: string;
  /** Publisher and the copies the file was made from. */
  source: string;
  /** The terms the data comes under, as the sources state them. */
  licence: string;
  /** Number of data rows. */
  rows: number;
  /** The columns, in file order. */
  columns: DatasetColumn[];
}

/** A bundled table: its description and its CSV text as shipped. */
export interface BundledDataset extends DatasetInfo {
  /** UTF-8 CSV, `,`-separated, `.` decimals, empty cells for missing values. */
  csv: string;
}

/**
 * The published tables bundled with chiso (PCI, PAPI, COINr's ASEM example, Vietnam's unit
 * mappings), by name. An unknown name rejects with a `DataError` listing the known ones.
 *
 * @example
 * const pci = await datasets.load("pci");
 * const scores = scoreCsv("pci", pci.csv, { unitColumn: "province", year: 2018 });
 */
export declare const datasets: {
  /** Every bundled table's description. */
  list(): Promise<DatasetInfo[]>;
  /** One table's description. */
  info(name: string): Promise<DatasetInfo>;
  /** One table: its description and CSV text. */
  load(name: string): Promise<BundledDataset>;
};

/** The JSON Schema (draft 2020-12) of spec files, generated from the Rust types. */
export declare function specSchema(): Promise<Record<string, unknown>>;
