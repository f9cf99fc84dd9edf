// Shared fixtures of the JS tests: PCI's sub-index ids in VCCI's order and the bundled
// published table (examples/data/pci/pci_subindices.csv).
import { readFileSync } from "node:fs";

export const IDS = [
  "entry_costs",
  "land_access",
  "transparency",
  "time_costs",
  "informal_charges",
  "policy_bias",
  "proactivity",
  "business_support",
  "labor_policy",
  "legal_institutions",
];

export const PCI_CSV = readFileSync(new URL("../../../examples/data/pci/pci_subindices.csv", import.meta.url), "utf8");
