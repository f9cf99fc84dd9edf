import { readFileSync } from "node:fs";
import { compareCsv, diagnoseCsv, formatDecimal, formatDelta } from "chiso";

const csv = readFileSync("examples/data/pci/pci_subindices.csv", "utf8");
const change = compareCsv("pci", csv, 2017, 2018, { unitColumn: "province" });
const nd = change.rows.find((r) => r.unit === "Nam Định");
console.log(
  `Nam Định: ${formatDecimal(nd.score_from, 2)} → ${formatDecimal(nd.score_to, 2)} ` +
    `(${formatDelta(nd.score_delta, 2)}), rank ${nd.rank_from} → ${nd.rank_to} ` +
    `(${nd.rank_change > 0 ? "+" : ""}${nd.rank_change} places)`,
);

const d = diagnoseCsv("pci", csv, { unit: "Nam Định", year: 2018, from: 2017, unitColumn: "province" });
const label = (id) => d.components.find((c) => c.id === id).label.en;
console.log("weakest against the median:", d.weakest.slice(0, 3).map(label).join(", "));
console.log("fell since 2017:", d.fell.map(label).join(", "));
