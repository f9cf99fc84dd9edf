import { readFileSync } from "node:fs";
import { Dataset, Spec } from "chiso";

const csv = readFileSync("examples/data/pci/pci_subindices.csv", "utf8");
const pci = new Spec("pci"); // parse once, score many times
const data = Dataset.fromCsv(csv, { unitColumn: "province" });
const scores = pci.score(data, { year: 2018 });

for (const row of scores.rows().sort((a, b) => a.rank - b.rank).slice(0, 5)) {
  console.log(`${String(row.rank).padStart(3)}  ${row.unit.padEnd(18)} ${row.score.toFixed(2)}`);
}
scores.free();
data.free();
pci.free();
