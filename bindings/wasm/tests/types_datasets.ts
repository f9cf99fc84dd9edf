// Typed usage of the bundled tables and the spec schema (checked by `tsc --noEmit`, not run).
import { datasets, specSchema, scoreCsv, type BundledDataset, type DatasetInfo } from "chiso";

export async function bundled(): Promise<number> {
  const all: DatasetInfo[] = await datasets.list();
  const pci: BundledDataset = await datasets.load(all[0].name);
  const names: string[] = pci.columns.map((c) => `${c.name}: ${c.description}`);
  const scores = scoreCsv("pci", pci.csv, { unitColumn: "province", year: 2018 });
  const schema: Record<string, unknown> = await specSchema();
  const licence: string = (await datasets.info("papi")).licence;
  return names.length + scores.rows.length + Object.keys(schema).length + licence.length + pci.rows;
}
