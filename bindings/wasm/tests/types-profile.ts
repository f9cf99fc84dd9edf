// Type checks of profile/profilePage and <chiso-profile> (tsc --noEmit; not run).
import { profile, profilePage } from "chiso";
import type { Profile, ProfileRow, ProfileSource, TargetOutcome } from "chiso";
import { ChisoProfile } from "chiso/profile";

const sources: ProfileSource[] = [
  { index: "pci", csv: "unit,year,entry_costs\n", unitColumn: "province" },
  { index: "par-index", published: [{ unit: "Nam Định", year: 2018, score: 75.6, rank: 40, out_of: 63 }] },
  { index: "sipas", text: "unit,year,score,rank,out_of\n" },
];
const p: Profile = profile(sources, { unit: "Nam Định", year: 2018, targets: ["top:10"], unitMap: "vn-provinces" });
const row: ProfileRow = p.rows[0];
const kind: "full_table" | "published" = row.source;
const outcome: TargetOutcome | undefined = row.targets[0];
if (outcome?.status === "planned") {
  const n: number = outcome.rank_planned;
  void n;
} else if (outcome) {
  const m: string = outcome.message;
  void m;
}
const page: string = profilePage(sources, { unit: "Nam Định", year: 2018, lang: "en", format: "html" });
const element: ChisoProfile = document.createElement("chiso-profile");
const shown: Profile | null = element.profile;
void kind;
void page;
void shown;
