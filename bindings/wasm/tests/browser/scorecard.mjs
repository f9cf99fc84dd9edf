// Browser checks of the province scorecard (examples/web/scorecard.html, which wraps the
// package's <chiso-scorecard> element) and of the one-tag embed (examples/web/embed.html),
// called by run.mjs with its page and counters. Every expected number comes from the shared
// test vectors (tests/vectors/*.json) — the same ones Rust, Python and Node check — or, for the
// what-if sliders, from the PCI formula written out here on the vectors' inputs.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const VECTORS = new URL("../../../../tests/vectors/", import.meta.url);
const vector = (name) => JSON.parse(readFileSync(new URL(`${name}.json`, VECTORS), "utf8"));

/** PCI 2013–2021 weights in percent (crates/chiso/presets/pci.toml, VCCI's methodology). */
const WEIGHTS_2013 = { transparency: 20, labor_policy: 20 };
/** English labels of the PCI tiers of 2013–2016, by Vietnamese label. */
const TIER_EN = { "Rất tốt": "Very good", Tốt: "Good", Khá: "Fairly good", "Trung bình": "Average", "Tương đối thấp": "Relatively low", Thấp: "Low" };
const SMALLEST_PNG = 10 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `x` with `decimals` decimals as chiso shows it (half away from zero), decimal comma in vi. */
function shown(x, lang, decimals = 2, signed = false) {
  const rounded = (Math.sign(x) * Math.round(Math.abs(x) * 10 ** decimals)) / 10 ** decimals;
  const text = (signed && rounded >= 0 ? "+" : "") + rounded.toFixed(decimals);
  return lang === "vi" ? text.replace(".", ",") : text;
}

/**
 * Sets attributes of the card `selector` (only those that differ), waits for its render or
 * error, and returns what it shows. Runs in the page.
 */
function renderCard(page, selector, attributes = {}) {
  return page.evaluate(
    async ({ selector, attributes }) => {
      await customElements.whenDefined("chiso-scorecard");
      const card = document.querySelector(selector);
      const changed = Object.entries(attributes).filter(([k, v]) => card.getAttribute(k) !== v);
      const settled = () => card.dataset.state === "ready" || card.dataset.state === "error";
      if (changed.length || !settled()) {
        const done = new Promise((resolve) => {
          card.addEventListener("chiso-render", resolve, { once: true });
          card.addEventListener("chiso-error", resolve, { once: true });
        });
        for (const [k, v] of changed) card.setAttribute(k, v);
        await done;
      }
      const root = card.shadowRoot;
      const field = (name) => root.querySelector(`[data-field="${name}"]`);
      const text = (name) => field(name)?.textContent.replace(/\s+/g, " ").trim() ?? null;
      const value = (name) => field(name)?.dataset.value ?? null;
      return {
        state: card.dataset.state,
        unit: text("unit"),
        scoreText: text("score"),
        score: Number(value("score")),
        rankText: text("rank"),
        rank: Number(value("rank")),
        outOf: Number(field("rank")?.dataset.outOf),
        tier: value("tier"),
        tierText: text("tier"),
        change: text("change"),
        scoreChange: value("score-change") === null ? null : Number(value("score-change")),
        scoreChangeText: text("score-change"),
        rankChange: value("rank-change") === null ? null : Number(value("rank-change")),
        noPrevious: text("no-previous"),
        whatIfScore: text("whatif-score"),
        whatIfRank: value("whatif-rank") === null ? null : Number(value("whatif-rank")),
        whatIfRankText: text("whatif-rank"),
        whatIfTier: text("whatif-tier"),
        error: text("error"),
        rows: [...root.querySelectorAll("svg.bars g.row")].map((g) => ({
          id: g.dataset.id,
          score: Number(g.dataset.score),
          median: Number(g.dataset.median),
          leader: Number(g.dataset.leader),
        })),
        headings: [...root.querySelectorAll("h3, .stat .label")].map((h) => h.textContent.trim()),
      };
    },
    { selector, attributes },
  );
}

/**
 * Runs the scorecard checks.
 * @param {import("playwright-core").Page} page the test page (console and requests watched)
 * @param {import("playwright-core").BrowserContext} context for pages expected to log errors
 * @param {{base: string, check: Function, shots: string}} env
 */
export async function checkScorecard(page, context, { base, check, shots }) {
  const v2016 = vector("pci_2016_all_provinces");
  const v2014 = vector("pci_2014_tiers");
  const vCompare = vector("pci_compare_2013_2014");
  const vDiagnose = vector("diagnose_nam_dinh_2016");
  const vComma = vector("pci_2019_quang_ninh_decimal_comma");

  const screenshot = async (target, name) => {
    const file = join(shots, name);
    await target.screenshot({ path: file, fullPage: true });
    const png = readFileSync(file);
    check(`screenshot ${name} is a PNG over ${SMALLEST_PNG} bytes`, png.subarray(0, 8).equals(PNG_SIGNATURE) && statSync(file).size > SMALLEST_PNG, file);
  };

  // --- the page, its defaults and the pickers -------------------------------------------------
  // The bundled table runs to 2018 (no tiers printed for 2017–2018): the page opens on 2016.
  await page.goto(`${base}/examples/web/scorecard.html?year=2016`);
  let card = await renderCard(page, "#card");
  const qn = v2016.expected.find((e) => e.unit === "Quảng Ninh");
  check("scorecard: renders Quảng Ninh 2016 by default", card.state === "ready" && card.unit === "Quảng Ninh", JSON.stringify(card));
  check(
    `scorecard: Quảng Ninh 2016 shows ${shown(qn.score, "vi")}, ${qn.rank}/63, ${qn.tier} (vector)`,
    card.scoreText === shown(qn.score, "vi") && card.rank === qn.rank && card.rankText === `${qn.rank}/63` && card.tierText === qn.tier,
    JSON.stringify(card),
  );
  check("scorecard: year picker lists 2018, 2017, 2016, 2015, 2014, 2013, 2006", (await page.$$eval("#year option", (o) => o.map((x) => x.value)).then((v) => v.join())) === "2018,2017,2016,2015,2014,2013,2006");
  check("scorecard: index picker offers PCI", (await page.inputValue("#index")) === "pci");
  await screenshot(page, "scorecard-quang-ninh-2016-vi.png");

  // Searchable unit picker: without diacritics, đ typed as d.
  for (const [typed, unit] of [
    ["dong thap", "Đồng Tháp"],
    ["DA NANG", "Đà Nẵng"],
    ["hồ chí", "TP. Hồ Chí Minh"],
  ]) {
    await page.click("#unit");
    await page.fill("#unit", typed);
    const first = await page.textContent("#unit-list li:first-child span");
    const rendered = page.evaluate(() => new Promise((r) => document.querySelector("#card").addEventListener("chiso-render", r, { once: true })));
    await page.press("#unit", "Enter");
    await rendered;
    card = await renderCard(page, "#card");
    const want = v2016.expected.find((e) => e.unit === unit);
    check(
      `scorecard: typing '${typed}' picks ${unit}: ${shown(want.score, "vi")}, rank ${want.rank}`,
      first === unit && card.unit === unit && card.scoreText === shown(want.score, "vi") && card.rank === want.rank,
      JSON.stringify({ first, card: card.unit, score: card.scoreText, rank: card.rank }),
    );
  }
  check("scorecard: the address keeps the unit", new URL(page.url()).searchParams.get("unit") === "TP. Hồ Chí Minh", page.url());

  // --- every province of 2016 against the vector ----------------------------------------------
  const mismatches2016 = [];
  for (const want of v2016.expected) {
    const got = await renderCard(page, "#card", { unit: want.unit });
    const ok =
      got.state === "ready" &&
      got.unit === want.unit &&
      Math.abs(got.score - want.score) <= v2016.tolerance &&
      got.scoreText === shown(want.score, "vi") &&
      got.rank === want.rank &&
      got.outOf === v2016.expected.length &&
      got.tier === (want.tier ?? "") &&
      got.tierText === want.tier;
    if (!ok) mismatches2016.push({ want, got: { ...got, rows: undefined, headings: undefined } });
  }
  check(`scorecard: all ${v2016.expected.length} provinces of 2016 show the vector's score, rank and tier`, mismatches2016.length === 0, JSON.stringify(mismatches2016.slice(0, 3)));

  // --- 2014 through the year picker: tiers, and the change on 2013 from the comparison vector ---
  await page.selectOption("#year", "2014");
  await page.waitForFunction(() => document.querySelector("#card").dataset.state === "ready" && document.querySelector("#card").diagnosis?.year === 2014);
  const mismatches2014 = [];
  for (const want of v2014.expected) {
    const change = vCompare.expected.find((e) => e.unit === want.unit);
    const got = await renderCard(page, "#card", { unit: want.unit });
    const ok =
      got.scoreText === shown(want.score, "vi") &&
      Math.abs(got.score - want.score) <= v2014.tolerance &&
      got.rank === want.rank &&
      got.tier === want.tier &&
      Math.abs(got.scoreChange - change.score_delta) <= vCompare.tolerance &&
      got.scoreChangeText === shown(change.score_delta, "vi", 2, true) &&
      got.rankChange === change.rank_change &&
      got.change.includes(`hạng ${change.rank_from} năm 2013`);
    if (!ok) mismatches2014.push({ want, change, got: { ...got, rows: undefined, headings: undefined } });
  }
  check(
    `scorecard: all ${v2014.expected.length} provinces of 2014 show the vectors' score, rank, tier and change on 2013`,
    mismatches2014.length === 0 && v2014.expected.length === 63,
    JSON.stringify(mismatches2014.slice(0, 3)),
  );
  const up = await renderCard(page, "#card", { unit: "Lào Cai" });
  check("scorecard: Lào Cai 2014 reads '▲ tăng 14 bậc'", up.change.includes("▲ tăng 14 bậc"), up.change);

  // --- the diagnosis vector: Nam Định 2016 against the median and the best ----------------------
  await page.selectOption("#year", "2016");
  await page.waitForFunction(() => document.querySelector("#card").diagnosis?.year === 2016);
  card = await renderCard(page, "#card", { unit: "Nam Định" });
  const d = vDiagnose.expected;
  const chartOk = d.components.every((c) => {
    const row = card.rows.find((r) => r.id === c.id);
    return row && Math.abs(row.median - c.median) <= vDiagnose.tolerance && Math.abs(row.leader - c.leader) <= vDiagnose.tolerance;
  });
  check("scorecard: Nam Định 2016 chart has the vector's median and best per sub-index", chartOk && card.rows.length === 10, JSON.stringify(card.rows));
  check(
    `scorecard: Nam Định 2016 rank ${d.rank}, ${d.previous_rank} in 2015, ${shown(d.score_change, "vi", 2, true)} points`,
    card.rank === d.rank &&
      card.change.includes(`hạng ${d.previous_rank} năm 2015`) &&
      card.scoreChangeText === shown(d.score_change, "vi", 2, true) &&
      card.rankChange === d.previous_rank - d.rank &&
      card.change.includes(`▼ giảm ${d.rank - d.previous_rank} bậc`),
    card.change,
  );
  check("scorecard: 2006 has no previous year to compare with", (await renderCard(page, "#card", { year: "2006", unit: "Hà Tây" })).noPrevious === "Không có số liệu năm 2005 để so sánh");
  await renderCard(page, "#card", { year: "2016", unit: "Nam Định" });

  // --- what-if sliders: the composite and rank re-scored through the package --------------------
  // Expected: PCI = 10 · Σ (wᵢ/100) · sᵢ, so moving one sub-index moves the composite by
  // 10 · wᵢ/100 · Δsᵢ; the rank is 1 + the provinces above it (the others do not move).
  const nd = v2016.rows.find((r) => r.unit === "Nam Định");
  const ndScore = v2016.expected.find((e) => e.unit === "Nam Định").score;
  const others = v2016.expected.filter((e) => e.unit !== "Nam Định").map((e) => e.score);
  const expectWhatIf = (values) => {
    const composite = Object.entries(values).reduce((s, [id, x]) => s + (10 * WEIGHTS_2013[id] * (x - nd[id])) / 100, ndScore);
    return { composite, rank: 1 + others.filter((s) => s > composite).length };
  };
  const slider = (id) => page.locator(`#card input[type=range][data-id="${id}"]`);
  const whatIf = () => renderCard(page, "#card");
  const settle = () => page.waitForFunction(() => document.querySelector("#card").whatIf !== null);

  await slider("transparency").fill("9");
  await settle();
  let want = expectWhatIf({ transparency: 9 });
  card = await whatIf();
  check(
    `what-if: transparency 6,06 → 9 gives ${shown(want.composite, "vi")}, rank ${want.rank}`,
    card.whatIfScore === shown(want.composite, "vi") && card.whatIfRank === want.rank && want.rank === 4 && card.scoreText === shown(ndScore, "vi"),
    JSON.stringify({ shown: card.whatIfScore, rank: card.whatIfRank, want }),
  );
  // Keyboard: End puts labor training at its scale maximum (10).
  await slider("labor_policy").focus();
  await page.keyboard.press("End");
  await page.waitForFunction(() => document.querySelector("#card").whatIf?.values.labor_policy === 10);
  want = expectWhatIf({ transparency: 9, labor_policy: 10 });
  card = await whatIf();
  check(
    `what-if: and labor training → 10 (End key) gives ${shown(want.composite, "vi")}, rank ${want.rank}, Rất tốt`,
    card.whatIfScore === shown(want.composite, "vi") && card.whatIfRank === want.rank && card.whatIfTier === "Rất tốt",
    JSON.stringify({ shown: card.whatIfScore, rank: card.whatIfRank, tier: card.whatIfTier, want }),
  );
  const bar = await page.$eval("#card", (c) => c.shadowRoot.querySelector('g.row[data-id="transparency"] rect.delta').getAttribute("width"));
  check("what-if: the chart shows the moved sub-index", Number(bar) > 50, bar);

  // --- language switch, with the what-if kept -------------------------------------------------
  await page.click("#lang-en");
  await page.waitForFunction(() => document.querySelector("#card").shadowRoot.querySelector("article")?.lang === "en");
  card = await whatIf();
  check(
    "language: English labels and decimal points",
    card.headings.includes("Score") && card.headings.includes("Sub-indices") && card.scoreText === shown(ndScore, "en") && card.tierText === TIER_EN[d.tier ?? "Khá"],
    JSON.stringify({ headings: card.headings, score: card.scoreText, tier: card.tierText }),
  );
  check("language: the what-if survives the switch", card.whatIfRank === want.rank && card.whatIfScore === shown(want.composite, "en"), JSON.stringify(card.whatIfScore));
  check("language: the page's own labels switch", (await page.textContent("h1")) === "Provincial competitiveness scorecard" && (await page.getAttribute("html", "lang")) === "en");
  await screenshot(page, "scorecard-nam-dinh-2016-what-if-en.png");
  await page.locator("#card button.reset").click();
  await page.waitForFunction(() => document.querySelector("#card").whatIf === null);
  card = await whatIf();
  check("what-if: Reset restores rank 30", card.whatIfRank === 30 && card.whatIfScore === shown(ndScore, "en"), JSON.stringify(card.whatIfRankText));
  await page.click("#lang-vi");
  await page.waitForFunction(() => document.querySelector("#card").shadowRoot.querySelector("article")?.lang === "vi");
  card = await whatIf();
  check("language: back to Vietnamese, decimal comma", card.scoreText === shown(ndScore, "vi") && card.headings.includes("Điểm"), card.scoreText);

  // --- one's own CSV: decimal commas, then a malformed file -----------------------------------
  await page.setInputFiles("#csv-file", { name: "quang-ninh-2019.csv", mimeType: "text/csv", buffer: Buffer.from(vComma.csv) });
  await page.waitForFunction(() => document.querySelector("#card").diagnosis?.year === 2019);
  card = await renderCard(page, "#card");
  const w2019 = vComma.expected[0];
  check(
    `own CSV (';', decimal commas): Quảng Ninh 2019 ${shown(w2019.score, "vi")}, 1/1, no tier`,
    card.unit === "Quảng Ninh" && card.scoreText === shown(w2019.score, "vi") && Math.abs(card.score - w2019.score) <= vComma.tolerance && card.rankText === "1/1" && card.tierText === "Chưa xếp nhóm",
    JSON.stringify({ unit: card.unit, score: card.scoreText, rank: card.rankText, tier: card.tierText }),
  );
  const bad = "unit,year,entry_costs,land_access,transparency,time_costs,informal_charges,policy_bias,proactivity,business_support,labor_policy,legal_institutions\nTỉnh A,2016,7,abc,7,7,7,7,7,7,7,7\n";
  await page.setInputFiles("#csv-file", { name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.waitForFunction(() => document.querySelector("#card").dataset.state === "error");
  card = await renderCard(page, "#card");
  const box = await page.locator("#card").boundingBox();
  check(
    "malformed CSV: the card says what is wrong, where (not a blank page)",
    card.error?.includes("Không hiển thị được thẻ điểm") && card.error.includes("row 1 (Tỉnh A), column 'land_access': 'abc' is not a number") && box.height > 100,
    JSON.stringify({ error: card.error, box }),
  );
  await screenshot(page, "scorecard-malformed-csv-vi.png");
  await page.click("#csv-reset");
  // Back to the published table, on its latest year.
  await page.waitForFunction(() => document.querySelector("#card").dataset.state === "ready" && document.querySelector("#card").diagnosis?.year === 2018);
  check("own CSV: 'Dữ liệu công bố' goes back to the published table", (await renderCard(page, "#card")).outOf === 63);

  // --- the one-tag embed ------------------------------------------------------------------------
  await page.goto(`${base}/examples/web/embed.html`);
  card = await renderCard(page, "chiso-scorecard");
  check("embed: one <chiso-scorecard> tag", (await page.locator("chiso-scorecard").count()) === 1);
  check(
    `embed: Quảng Ninh 2016 ${shown(qn.score, "vi")}, ${qn.rank}/63, ${qn.tier} from the package's bundled table`,
    card.state === "ready" && card.scoreText === shown(qn.score, "vi") && card.rankText === "2/63" && card.tierText === qn.tier,
    JSON.stringify({ state: card.state, score: card.scoreText, rank: card.rankText, error: card.error }),
  );
  await screenshot(page, "embed-quang-ninh-2016-vi.png");
  await page.setViewportSize({ width: 420, height: 900 });
  await page.waitForFunction(() => document.querySelector("chiso-scorecard").shadowRoot.querySelector("svg.bars").viewBox.baseVal.width < 420);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check("embed: fits a 420 px phone screen (chart redrawn, no sideways scroll)", overflow <= 0, `${overflow}px`);
  await screenshot(page, "embed-quang-ninh-2016-phone.png");
  await page.setViewportSize({ width: 1280, height: 720 });

  // --- a card whose data cannot be loaded: a message, not a blank box (own page: it logs a 404) --
  const other = await context.newPage();
  try {
    await other.goto(`${base}/examples/web/embed.html`);
    await renderCard(other, "chiso-scorecard");
    const missing = await renderCard(other, "chiso-scorecard", { src: "./no-such-file.csv", lang: "en" });
    check(
      "component: a missing src shows an error naming the file",
      missing.state === "error" && missing.error.includes("The scorecard cannot be shown") && missing.error.includes("no-such-file.csv: HTTP 404"),
      missing.error,
    );
    const unknown = await renderCard(other, "chiso-scorecard", { src: "../data/pci/pci_subindices.csv", "unit-column": "province", unit: "Atlantis" });
    check("component: an unknown unit is a DataError on the card", unknown.state === "error" && unknown.error.includes("DataError"), unknown.error);
  } finally {
    await other.close();
  }
}
