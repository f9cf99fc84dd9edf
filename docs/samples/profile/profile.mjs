import { readFileSync } from "node:fs";
import { profile } from "chiso";

const pci = readFileSync("examples/data/pci/pci_subindices.csv", "utf8");
const p = profile(
  [
    { index: "pci", csv: pci, unitColumn: "province" },
    { index: "par-index", published: readFileSync("examples/profile/nam_dinh_par_index.csv", "utf8") },
  ],
  { unit: "Nam Định", year: 2018, targets: ["top:10"] },
);
for (const row of p.rows) {
  console.log(`${row.index}: ${row.score.toFixed(2)}, ${row.rank}/${row.out_of} (${row.source})`);
  for (const t of row.targets) console.log(`  ${t.status}`);
}
