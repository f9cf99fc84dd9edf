// Type tests for scorecard.d.ts (the <chiso-scorecard> element): compiled by
// `tsc --noEmit -p bindings/wasm`, never run. Every `@ts-expect-error` line must be an error.
import { ChisoScorecard, bundledData } from "chiso/scorecard";
import type { RankingEntry, ScorecardRender, WhatIf } from "chiso/scorecard";
import type { Diagnosis, Tier } from "chiso";

const pciTable: string | undefined = bundledData.pci?.url;
const card: ChisoScorecard | null = document.querySelector("chiso-scorecard");
if (card) {
  card.setAttribute("unit", "Quảng Ninh");
  card.csv = "unit;year;entry_costs\nQuảng Ninh;2016;9,28\n";
  card.spec = "pci";
  const shown: Diagnosis | null = card.diagnosis;
  const leader: RankingEntry | undefined = card.ranking[0];
  const years: number[] = card.years;
  const names: string[] = card.units;
  const moved: WhatIf | null = card.setWhatIf({ transparency: 7.5, labor_policy: null });
  card.resetWhatIf();
  const problem: Error | null = card.error;
  card.addEventListener("chiso-render", (event) => {
    const detail: ScorecardRender = event.detail;
    const tier: Tier | null = detail.tier;
    const rank: number = detail.rank;
  });
  card.addEventListener("chiso-whatif", (event) => {
    const rank: number | undefined = event.detail?.rank;
  });
  card.addEventListener("chiso-error", (event) => {
    const message: string = event.detail.error.message;
  });
  // @ts-expect-error: csv is text.
  card.csv = 42;
  // @ts-expect-error: what-if values are numbers.
  card.setWhatIf({ transparency: "7,5" });
  // @ts-expect-error: the ranking is read-only.
  card.ranking = [];
  void [shown, leader, years, names, moved, problem];
}
const made: ChisoScorecard = document.createElement("chiso-scorecard");
made.setAttribute("lang", "en");

export { pciTable, made };
