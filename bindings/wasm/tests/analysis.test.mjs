// The analyses of one unit: diagnose, plan and report (and their CSV forms) on the bundled
// published PCI table. Expected numbers are the published composites, ranks and tiers of
// examples/data/pci/pci_subindices.csv or hand arithmetic on them, never chiso output.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  ChisoError,
  ComputeError,
  DataError,
  diagnose,
  diagnoseCsv,
  plan,
  planCsv,
  report,
  reportCsv,
} from "chiso";
import { IDS, PCI_CSV } from "./pci.mjs";

const CSV = PCI_CSV;
const UNIT = "Nam Định";
const AT = { unitColumn: "province", year: 2016 };

/** The CSV as row objects (text cells, as a spreadsheet export would give them). */
const ROWS = (() => {
  const [header, ...lines] = CSV.trim().split(/\r?\n/);
  const names = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [names[i], cell])));
})();

/** Published composites and ranks by year and province. */
const published = (year, province) => {
  const row = ROWS.find((r) => r.year === String(year) && r.province === province);
  return { score: Number(row.pci_published), rank: Number(row.rank_published), tier: row.tier_published.normalize("NFC") };
};
/** The 10th best published composite of 2016 among the other provinces: the top-10 threshold. */
const TOP10 = ROWS.filter((r) => r.year === "2016" && r.province !== UNIT)
  .map((r) => Number(r.pci_published))
  .sort((a, b) => b - a)[9];
// Published composites agree with recomputed ones to about 1e-5 (examples/data/pci/README.md).
const TOL = 1e-4;

/** Runs `fn`, asserts it throws `Class`, and returns the error. */
function throwsA(Class, fn) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error !== undefined, `expected a ${Class.name}, nothing was thrown`);
  assert.ok(error instanceof Class, `expected a ${Class.name}, got ${error?.name}: ${error?.message}`);
  return error;
}

// --- plan -----------------------------------------------------------------------------------

test("planCsv: Nam Định 2016 reaches rank 10 with the fewest points", () => {
  const p = planCsv("pci", CSV, { ...AT, unit: UNIT, target: "top:10" });
  const now = published(2016, UNIT);
  assert.equal(p.index, "pci");
  assert.equal(p.unit, UNIT);
  assert.equal(p.year, 2016);
  assert.deepEqual(p.target, { kind: "rank", value: 10 });
  assert.equal(p.reachable, true);
  assert.equal(p.rank_now, now.rank);
  assert.equal(p.rank_planned, 10);
  assert.equal(p.out_of, 63);
  assert.ok(Math.abs(p.score_now - now.score) < TOL, `${p.score_now} vs ${now.score}`);
  assert.ok(Math.abs(p.threshold - TOP10) < TOL, `${p.threshold} vs ${TOP10}`);
  assert.ok(p.score_planned >= p.threshold);
  // Linear root: a point of a 20 % sub-index is worth 10 · 0.20 = 2 composite points, the best
  // any sub-index offers, so the fewest points are (threshold − score) / 2.
  assert.ok(Math.abs(p.total_gain - (TOP10 - now.score) / 2) < TOL, `${p.total_gain}`);
  assert.deepEqual(
    p.steps.map((s) => s.id),
    IDS,
  );
  for (const s of p.steps) {
    assert.ok(s.gain >= 0 && s.gain <= s.max_gain, `${s.id}: ${s.gain} within 0–${s.max_gain}`);
    assert.equal(s.cost, 1);
    assert.equal(typeof s.label.vi, "string");
  }
  // Only 20 %-weight sub-indices are raised (transparency, business_support, labor_policy).
  const raised = p.steps.filter((s) => s.gain > 0).map((s) => s.id);
  assert.ok(raised.length >= 1);
  assert.ok(raised.every((id) => ["transparency", "business_support", "labor_policy"].includes(id)), `${raised}`);
});

test("plan from row objects equals planCsv", () => {
  const fromRows = plan("pci", ROWS, { ...AT, unit: UNIT, target: "top:10" });
  assert.deepEqual(fromRows, planCsv("pci", CSV, { ...AT, unit: UNIT, target: "top:10" }));
});

test("plan respects caps, and an unreachable target is data", () => {
  const caps = { transparency: 0.5, business_support: 0.5 };
  const p = planCsv("pci", CSV, { ...AT, unit: UNIT, target: "top:10", caps });
  assert.equal(p.reachable, true);
  assert.equal(p.rank_planned, 10);
  for (const [id, cap] of Object.entries(caps)) {
    const step = p.steps.find((s) => s.id === id);
    assert.ok(step.gain <= cap, `${id}: gain ${step.gain} > cap ${cap}`);
    assert.equal(step.max_gain, cap);
  }
  // The capped sub-indices give 2 · (0.5 + 0.5) = 2 composite points; labor_policy the rest.
  const labor = p.steps.find((s) => s.id === "labor_policy");
  assert.ok(labor.gain > 0);
  const now = published(2016, UNIT);
  assert.ok(Math.abs(p.total_gain - (TOP10 - now.score) / 2) < TOL);

  const tiny = Object.fromEntries(IDS.map((id) => [id, 0.01]));
  const q = planCsv("pci", CSV, { ...AT, unit: UNIT, target: "top:10", caps: tiny });
  assert.equal(q.reachable, false);
  assert.ok(q.rank_planned > 10);
  assert.ok(q.score_planned < q.threshold);
  for (const s of q.steps) assert.equal(s.gain, 0.01, s.id);
});

test("plan: costs steer the gains, field and the other target kinds", () => {
  const costly = planCsv("pci", CSV, { ...AT, unit: UNIT, target: "top:10", costs: { transparency: 3 } });
  assert.equal(costly.reachable, true);
  assert.equal(costly.steps.find((s) => s.id === "transparency").gain, 0);
  assert.equal(costly.steps.find((s) => s.id === "transparency").cost, 3);
  const byHand = costly.steps.reduce((sum, s) => sum + s.gain * s.cost, 0);
  assert.ok(Math.abs(costly.total_cost - byHand) < 1e-9);

  const trend = planCsv("pci", CSV, { ...AT, unit: UNIT, target: "top:10", field: "trend" });
  assert.equal(trend.reachable, true);
  assert.ok(trend.rank_planned <= 10);

  const score = planCsv("pci", CSV, { ...AT, unit: UNIT, target: "score:60,5" });
  assert.deepEqual(score.target, { kind: "score", value: 60.5 });
  assert.equal(score.threshold, 60.5);
  const gain = planCsv("pci", CSV, { ...AT, unit: UNIT, target: "gain:5" });
  assert.deepEqual(gain.target, { kind: "gain", value: 5 });
  assert.ok(gain.rank_planned <= published(2016, UNIT).rank - 5);
  // Already there: nothing to gain.
  const there = planCsv("pci", CSV, { ...AT, unit: UNIT, target: "rank:40" });
  assert.equal(there.reachable, true);
  assert.equal(there.total_gain, 0);
});

test("plan errors: bad target → ComputeError with the core's message; unknown unit → DataError", () => {
  const bad = throwsA(ComputeError, () => planCsv("pci", CSV, { ...AT, unit: UNIT, target: "best:3" }));
  assert.ok(bad instanceof ChisoError);
  assert.equal(bad.code, "compute");
  assert.equal(bad.message, "target 'best:3' is not one of score:S, rank:N, top:N, gain:K (e.g. top:10)");
  throwsA(ComputeError, () => plan("pci", ROWS, { ...AT, unit: UNIT, target: "top:0" }));
  throwsA(ComputeError, () => planCsv("pci", CSV, { ...AT, unit: UNIT, target: "top" }));

  const unknown = throwsA(DataError, () => planCsv("pci", CSV, { ...AT, unit: "Atlantis", target: "top:10" }));
  assert.equal(unknown.code, "data");
  assert.equal(unknown.message, "unit 'Atlantis' is not in the data for 2016");
  assert.equal(unknown.unit, "Atlantis");
  const ascii = throwsA(DataError, () => planCsv("pci", CSV, { ...AT, unit: "Nam Dinh", target: "top:10" }));
  assert.ok(ascii.message.startsWith("unit 'Nam Dinh' is not in the data for 2016"), ascii.message);
  const near = throwsA(DataError, () => diagnoseCsv("pci", CSV, { ...AT, unit: "Nam" }));
  assert.match(near.message, /did you mean .*Nam Định/);

  const notSub = throwsA(ComputeError, () => planCsv("pci", CSV, { ...AT, unit: UNIT, target: "top:10", caps: { nope: 1 } }));
  assert.match(notSub.message, /'nope' is not a sub-index of pci/);
  throwsA(ComputeError, () => planCsv("pci", CSV, { ...AT, unit: UNIT, target: "top:10", caps: { transparency: -1 } }));
  throwsA(ComputeError, () => planCsv("pci", CSV, { ...AT, unit: UNIT, target: "top:10", costs: { transparency: 0 } }));
});

test("wrong argument types of the analyses are TypeErrors", () => {
  const typeErrors = [
    () => planCsv("pci", CSV, { ...AT, target: "top:10" }), // no unit
    () => planCsv("pci", CSV, { ...AT, unit: UNIT }), // no target
    () => planCsv("pci", CSV), // no options
    () => planCsv("pci", CSV, { ...AT, unit: UNIT, target: 10 }),
    () => planCsv("pci", CSV, { ...AT, unit: UNIT, target: "top:10", caps: { transparency: "1" } }),
    () => planCsv("pci", CSV, { ...AT, unit: UNIT, target: "top:10", caps: [1] }),
    () => planCsv("pci", CSV, { ...AT, unit: UNIT, target: "top:10", field: "moving" }),
    () => planCsv("pci", CSV, { ...AT, unit: UNIT, target: "top:10", lang: "vi" }), // report-only option
    () => diagnoseCsv("pci", CSV, { ...AT, unit: UNIT, target: "top:10" }), // plan-only option
    () => diagnoseCsv("pci", CSV, { ...AT, unit: UNIT, from: "2015" }),
    () => diagnose("pci", "not rows", { ...AT, unit: UNIT }),
    () => reportCsv("pci", CSV, { ...AT, unit: UNIT, lang: "fr" }),
    () => reportCsv("pci", CSV, { ...AT, unit: UNIT, format: "pdf" }),
    () => reportCsv("pci", 42, { ...AT, unit: UNIT }),
  ];
  for (const fn of typeErrors) {
    assert.throws(fn, (e) => e instanceof TypeError && !(e instanceof ChisoError), String(fn));
  }
});

// --- diagnose -------------------------------------------------------------------------------

test("diagnoseCsv: Nam Định 2016 against 2015, ten sub-indices", () => {
  const d = diagnoseCsv("pci", CSV, { ...AT, unit: UNIT });
  const now = published(2016, UNIT);
  const before = published(2015, UNIT);
  assert.equal(d.unit, UNIT);
  assert.equal(d.year, 2016);
  assert.equal(d.rank, now.rank);
  assert.equal(d.out_of, 63);
  assert.equal(d.tier.label.vi, now.tier);
  assert.ok(Math.abs(d.score - now.score) < TOL);
  assert.equal(d.previous_year, 2015);
  assert.equal(d.previous_rank, before.rank);
  assert.equal(d.rank_change, before.rank - now.rank);
  assert.ok(Math.abs(d.score_change - (now.score - before.score)) < TOL);
  assert.equal(d.components.length, 10);
  assert.deepEqual(
    d.components.map((c) => c.id),
    IDS,
  );
  // Weights of the 2013–2021 edition (percent / 100).
  assert.deepEqual(
    d.components.map((c) => Math.round(c.weight * 100)),
    [5, 5, 20, 5, 10, 5, 5, 20, 20, 5],
  );
  const rows16 = ROWS.filter((r) => r.year === "2016");
  for (const c of d.components) {
    const values = rows16.map((r) => Number(r[c.id]));
    const best = Math.max(...values);
    assert.ok(Math.abs(c.leader - best) < 1e-9, `${c.id} leader`);
    assert.equal(Number(rows16.find((r) => r.province === c.leader_unit)[c.id]), best);
    assert.ok(c.previous !== null && c.change !== null && c.rank_change !== null);
  }
  assert.ok(d.weakest.every((id) => IDS.includes(id)));
  assert.ok(d.fell.includes("legal_institutions"));
  const parts = d.decomposition;
  assert.ok(parts !== null);
  assert.ok(Math.abs(parts.total - d.score_change) < 1e-9);
  assert.ok(parts.contributions.every(([id, points]) => IDS.includes(id) && typeof points === "number"));
});

test("diagnose from rows equals diagnoseCsv; `from` picks the year compared with", () => {
  assert.deepEqual(diagnose("pci", ROWS, { ...AT, unit: UNIT }), diagnoseCsv("pci", CSV, { ...AT, unit: UNIT }));
  const d = diagnoseCsv("pci", CSV, { ...AT, unit: UNIT, from: 2014 });
  assert.equal(d.previous_year, 2014);
  assert.equal(d.previous_rank, published(2014, UNIT).rank);
  // 2006 has no year before it in the data: no comparison.
  const first = diagnoseCsv("pci", CSV, { unitColumn: "province", year: 2006, unit: UNIT });
  assert.equal(first.previous_year, null);
  assert.equal(first.decomposition, null);
  assert.equal(first.rank, published(2006, UNIT).rank);
});

// --- report ---------------------------------------------------------------------------------

test("reportCsv: Markdown in Vietnamese (default) and English", () => {
  const vi = reportCsv("pci", CSV, { ...AT, unit: UNIT });
  assert.equal(typeof vi, "string");
  assert.ok(vi.startsWith("# PCI 2016 — Nam Định"), vi.slice(0, 80));
  assert.ok(vi.includes("Nam Định đạt 58,54 điểm, xếp hạng 30/63"), vi.slice(0, 300));
  assert.ok(vi.includes("(nhóm: Khá)"));
  assert.equal(reportCsv("pci", CSV, { ...AT, unit: UNIT, lang: "vi", format: "md" }), vi);
  const en = reportCsv("pci", CSV, { ...AT, unit: UNIT, lang: "en" });
  assert.ok(en.includes("Nam Định scored 58.54 points, rank 30/63"), en.slice(0, 300));
  assert.ok(en.includes("(tier: Fairly good)"));
  assert.ok(!en.includes("<svg"));
  assert.equal(report("pci", ROWS, { ...AT, unit: UNIT, lang: "en" }), en);
});

test("reportCsv: HTML with the radar and the bar chart", () => {
  for (const lang of ["vi", "en"]) {
    const html = reportCsv("pci", CSV, { ...AT, unit: UNIT, lang, format: "html" });
    assert.ok(html.startsWith("<!doctype html>"));
    assert.ok(html.includes(`<html lang="${lang}">`));
    assert.equal(html.match(/<svg\b/g)?.length, 2, lang);
    assert.ok(html.includes('class="radar"') && html.includes('class="bars"'));
    assert.ok(html.includes('<article class="chiso-report">'));
  }
  const vi = reportCsv("pci", CSV, { ...AT, unit: UNIT, format: "html" });
  assert.ok(vi.includes("Nam Định đạt 58,54 điểm, xếp hạng 30/63"));
});

test("report: target option, and errors as the other functions", () => {
  const md = reportCsv("pci", CSV, { ...AT, unit: UNIT, lang: "en", target: "top:5" });
  assert.ok(md.includes("To reach the top 5"), md);
  const bad = throwsA(ComputeError, () => reportCsv("pci", CSV, { ...AT, unit: UNIT, target: "top:ten" }));
  assert.match(bad.message, /target 'top:ten' is not one of/);
  throwsA(DataError, () => reportCsv("pci", CSV, { ...AT, unit: "Atlantis" }));
  throwsA(DataError, () => report("pci", ROWS, { unit: UNIT, year: 2016 })); // units are in `province`
});
