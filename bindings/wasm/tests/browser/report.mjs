// Browser checks of examples/web/report.html, called by run.mjs with its page and counters:
// the province report (reportCsv → HTML in a sandboxed frame) for Nam Định 2016 in Vietnamese
// and English, its two SVG charts, and a full-page PNG screenshot per language (kept in the
// screenshot folder run.mjs gives). Expected text
// comes from the published composites and ranks of examples/data/pci/pci_subindices.csv.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const UNIT = "Nam Định";
/** Smallest screenshot taken as a rendered page (a blank 1280×720 PNG is about 5 KB). */
const MIN_PNG_BYTES = 10 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `x` with two decimals, decimal comma in Vietnamese; `signed` adds `+` to positives. */
function number(x, lang, signed = false) {
  const text = (signed && x >= 0 ? "+" : "") + x.toFixed(2);
  return lang === "vi" ? text.replace(".", ",") : text;
}

/** What the report must say, per language, from the published values. */
function expectations(lang, now, before, outOf) {
  const delta = number(now.score - before.score, lang, true);
  const places = before.rank - now.rank;
  const signedPlaces = places >= 0 ? `+${places}` : String(places);
  if (lang === "vi") {
    return {
      headline: `${UNIT} đạt ${number(now.score, lang)} điểm, xếp hạng ${now.rank}/${outOf}`,
      change: `${delta} điểm và ${signedPlaces} bậc so với ${before.year}`,
      headings: ["Các chỉ số thành phần", "Điểm yếu", "Kế hoạch cải thiện"],
      plan: "Để vào nhóm 10",
      label: "Tính minh bạch",
      foreign: ["scored", "Sub-indices", "Transparency"],
    };
  }
  return {
    headline: `${UNIT} scored ${number(now.score, lang)} points, rank ${now.rank}/${outOf}`,
    change: `${delta} points and ${signedPlaces} places on ${before.year}`,
    headings: ["Sub-indices", "Weakest components", "Improvement plan"],
    plan: "To reach the top 10",
    label: "Transparency",
    foreign: ["đạt", "điểm", "Tính minh bạch"],
  };
}

/**
 * Runs the report checks on `page` (already used for the ranking page at `base`).
 * @param {import("playwright-core").Page} page
 * @param {{base: string, check: Function, published: (year: number) => object[], shots: string}} env
 */
export async function checkReportPage(page, { base, check, published, shots }) {
  const rows16 = published(2016);
  const now = { ...rows16.find((r) => r.province === UNIT), year: 2016 };
  const before = { ...published(2015).find((r) => r.province === UNIT), year: 2015 };
  // The ranking page links to the report; its defaults are Nam Định, 2016, Vietnamese.
  // (Wait for the ranking first: leaving while it still fetches would abort its requests.)
  await page.goto(`${base}/examples/web/index.html`);
  await page.waitForSelector("#ranking[data-state=ready], #status[data-state=error]", { timeout: 30_000 });
  const link = page.locator("a#report-link");
  check("the ranking page links to the report page", (await link.getAttribute("href")) === "./report.html");
  await link.click();
  await page.waitForURL(/\/examples\/web\/report\.html/, { timeout: 10_000 });

  const frame = page.frameLocator("#report");
  const ready = (lang, year) =>
    page.waitForSelector(
      `#report[data-state=ready][data-lang=${lang}][data-year='${year}'], #status[data-state=error]`,
      { timeout: 30_000 },
    );

  for (const lang of ["vi", "en"]) {
    if (lang !== "vi") await page.selectOption("#lang", lang);
    await ready(lang, 2016);
    const where = `report ${UNIT} 2016 (${lang})`;
    const state = await page.getAttribute("#report", "data-state");
    check(`${where}: rendered`, state === "ready", await page.textContent("#status"));
    if (state !== "ready") continue;
    check(`${where}: selectors show ${UNIT} 2016`, (await page.inputValue("#unit")) === UNIT && (await page.inputValue("#year")) === "2016");

    const want = expectations(lang, now, before, rows16.length);
    check(`${where}: document language`, (await frame.locator("html").getAttribute("lang")) === lang);
    const headline = (await frame.locator("p.headline").textContent()) ?? "";
    check(`${where}: headline '${want.headline}'`, headline.includes(want.headline), headline);
    check(`${where}: change on 2015 '${want.change}'`, headline.includes(want.change), headline);
    const headings = (await frame.locator("h2").allTextContents()).map((h) => h.trim());
    check(`${where}: section headings`, JSON.stringify(headings) === JSON.stringify(want.headings), JSON.stringify(headings));
    const text = (await frame.locator("article").textContent()) ?? "";
    check(`${where}: the plan to the top 10`, text.includes(want.plan), text.slice(-400));
    check(`${where}: sub-index labels in the language`, text.includes(want.label));
    const foreign = want.foreign.filter((w) => text.includes(w));
    check(`${where}: no words of the other language`, foreign.length === 0, foreign.join(", "));

    const svgs = await frame.locator("svg").count();
    check(`${where}: two SVG charts`, svgs === 2, `found ${svgs}`);
    for (const chart of ["radar", "bars"]) {
      const box = await frame.locator(`svg.${chart}`).boundingBox();
      check(`${where}: the ${chart} chart has a size`, box !== null && box.width > 0 && box.height > 0, JSON.stringify(box));
    }
    const marks = await frame.locator("svg.radar polygon.unit, svg.bars rect").count();
    check(`${where}: the charts have marks`, marks === 1 + 10, `found ${marks}`);

    const file = join(shots, `report-nam-dinh-2016-${lang}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const png = readFileSync(file);
    const bytes = statSync(file).size;
    check(
      `${where}: screenshot is a PNG over ${MIN_PNG_BYTES} bytes`,
      png.subarray(0, 8).equals(PNG_SIGNATURE) && bytes > MIN_PNG_BYTES,
      `${bytes} bytes at ${file}`,
    );
    // The frame shows the whole report and no more (also after the full-page screenshot,
    // which resizes the viewport), so the screenshot is the page as a reader sees it.
    const frameHeight = await page.locator("#report").evaluate((el) => el.clientHeight);
    const reportHeight = await frame.locator("html").evaluate((el) => el.getBoundingClientRect().height);
    const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    check(
      `${where}: the frame is sized to its report`,
      Math.abs(frameHeight - reportHeight) <= 2 && Math.abs(png.readUInt32BE(20) - pageHeight) <= 2,
      JSON.stringify({ frameHeight, reportHeight, pageHeight, screenshotHeight: png.readUInt32BE(20) }),
    );
  }

  // The year selector re-renders with that year's field and edition: Nam Định 2015.
  await page.selectOption("#year", "2015");
  await ready("en", 2015);
  const r15 = published(2015).find((r) => r.province === UNIT);
  const headline15 = (await frame.locator("p.headline").textContent()) ?? "";
  const want15 = `${UNIT} scored ${number(r15.score, "en")} points, rank ${r15.rank}/${published(2015).length}`;
  check(`report ${UNIT} 2015 (en): headline '${want15}'`, headline15.includes(want15), headline15);
  check("report: the address keeps the selection", new URL(page.url()).searchParams.get("year") === "2015");
}
