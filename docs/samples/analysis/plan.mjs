import { readFileSync } from "node:fs";
import { planCsv } from "chiso";

const csv = readFileSync("examples/data/pci/pci_subindices.csv", "utf8");
const plan = planCsv("pci", csv, {
  unit: "Nam Định",
  year: 2018,
  target: "top:10",
  unitColumn: "province",
});
console.log(`reachable: ${plan.reachable}, rank ${plan.rank_now} → ${plan.rank_planned}`);
for (const step of plan.steps.filter((s) => s.gain > 0)) {
  console.log(`${step.label.en}: ${step.current.toFixed(2)} → ${step.planned.toFixed(2)}`);
}
