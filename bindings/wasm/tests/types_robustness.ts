// Type tests for the robustness part of index.d.ts: compiled by `tsc --noEmit`, never run.
import { auditCsv, rankChanges, sensitivityCsv, uncertaintyCsv } from "chiso";
import type { Audit, RankChanges, Sensitivity, Uncertainty } from "chiso";

declare const csv: string;
const u: Uncertainty = uncertaintyCsv("pci", csv, { year: 2016, inputs: { weights_pm: 20, sampling_error: { transparency: 0.1, land_access: { low: "lo", high: "hi" } } }, samples: 100, seed: 1, pairwise: true });
const median: number = u.units[0].rank_median;
const changes: RankChanges = rankChanges("pci", [], { from: 2015, to: 2016, inputs: { exclude_one: ["transparency"] } });
const s: Sensitivity = sensitivityCsv("pci", csv, { inputs: { aggregation: ["weighted_mean", "geometric_mean"] }, firstOrder: "saltelli" });
const st: number | null = s.mean_rank_shift.indices[0].total_order;
const a: Audit = auditCsv("pci", csv, { year: 2016 });
const alpha: number | null = a.groups[0].cronbach_alpha;
// @ts-expect-error: `from` and `to` are required
rankChanges("pci", [], { inputs: {} });
// @ts-expect-error: unknown estimator
sensitivityCsv("pci", csv, { firstOrder: "sobol" });
export { median, changes, st, alpha };
