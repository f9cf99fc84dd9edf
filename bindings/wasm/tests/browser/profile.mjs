// Browser checks of examples/web/profile.html, called by run.mjs with its page and counters:
// two <chiso-profile> elements — Nam Định 2018 (PCI from the full table, PAR INDEX from its
// published result, top-10 target) and Hải Hà 2020 (five published results) — in Vietnamese
// and English: the table, the position chart, the "needs the full table" answer, and a PNG
// screenshot per language. Expected PCI numbers come from the published composites and ranks
// of examples/data/pci/pci_subindices.csv; the others from examples/profile/ (README sources).
import { statSync } from "node:fs";
import { join } from "node:path";

const MIN_PNG_BYTES = 10 * 1024;

function number(x, lang, signed = false) {
  const text = (signed && x >= 0 ? "+" : "") + x.toFixed(2);
  return lang === "vi" ? text.replace(".", ",") : text;
}

/** The rendered table of one element, as cell texts. */
function rows(page, id) {
  return page.$$eval(`#${id}`, ([el]) =>
    [...el.shadowRoot.querySelectorAll("table tbody tr")].map((tr) => [...tr.cells].map((td) => td.textContent.trim())),
  );
}

/**
 * @param {import("playwright-core").Page} page
 * @param {{base: string, check: Function, published: (year: number) => object[], shots: string}} env
 */
export async function checkProfilePage(page, { base, check, published, shots }) {
  const now = published(2018).find((r) => r.province === "Nam Định");
  const before = published(2017).find((r) => r.province === "Nam Định");
  await page.goto(`${base}/examples/web/profile.html`);
  for (const lang of ["vi", "en"]) {
    const word = lang === "vi" ? "bảng đầy đủ" : "full table";
    if (lang !== "vi") await page.selectOption("#lang", lang);
    await page
      .waitForFunction(
        (word) =>
          [...document.querySelectorAll("chiso-profile")].every(
            (el) => el.dataset.state === "error" || (el.dataset.state === "ready" && el.getAttribute("lang") === document.querySelector("#lang").value),
          ) && document.querySelector("#province").shadowRoot.textContent.includes(word),
        word,
        { timeout: 30_000 },
      )
      .catch(() => {});
    const where = `profile page (${lang})`;
    for (const id of ["province", "district"]) {
      const state = await page.getAttribute(`#${id}`, "data-state");
      const error = await page.$eval(`#${id}`, (el) => el.shadowRoot.textContent.slice(0, 300));
      check(`${where}: #${id} rendered`, state === "ready", error);
    }

    const province = await rows(page, "province");
    const [pci, par] = province;
    const points = lang === "vi" ? "điểm" : "points";
    check(`${where}: two indices for Nam Định`, province.length === 2, JSON.stringify(province));
    check(
      `${where}: PCI ${number(now.score, lang)}, ${now.rank}/63, full table`,
      pci?.[1] === word && pci?.[2] === `${number(now.score, lang)} ${points}` && pci?.[3] === `${now.rank}/63`,
      JSON.stringify(pci),
    );
    check(
      `${where}: PCI change ${number(now.score - before.score, lang, true)} and +${before.rank - now.rank} places`,
      pci?.[5] === number(now.score - before.score, lang, true) && pci?.[6] === `+${before.rank - now.rank}`,
      JSON.stringify(pci),
    );
    const publishedWord = lang === "vi" ? "kết quả công bố" : "published result";
    check(
      `${where}: PAR INDEX 75.60 %, 40/63, −0.90, published`,
      par?.[1] === publishedWord && par?.[2] === `${number(75.6, lang)} %` && par?.[3] === "40/63" && par?.[5] === number(-0.9, lang) && par?.[6] === "—",
      JSON.stringify(par),
    );
    const text = await page.$eval("#province", (el) => el.shadowRoot.textContent);
    const needs = lang === "vi" ? "cần bảng dữ liệu đầy đủ" : "needs the full table";
    check(`${where}: the PAR INDEX target says it ${needs}`, text.includes(needs), text.slice(-400));
    const circles = await page.$eval("#province", (el) => ({
      now: el.shadowRoot.querySelectorAll("svg.profile-chart circle.now").length,
      previous: el.shadowRoot.querySelectorAll("svg.profile-chart circle.previous").length,
    }));
    // PAR INDEX's 2017 rank is not published: only PCI has a previous position.
    check(`${where}: the chart has 2 positions and 1 previous one`, circles.now === 2 && circles.previous === 1, JSON.stringify(circles));

    const district = await rows(page, "district");
    const ranks = district.map((r) => r[3]);
    check(`${where}: Hải Hà's five ranks of 13`, JSON.stringify(ranks) === JSON.stringify(["12/13", "10/13", "10/13", "8/13", "3/13"]), JSON.stringify(ranks));
    const places = district.map((r) => r[6]);
    check(`${where}: Hải Hà's changes in places`, JSON.stringify(places) === JSON.stringify(["-2", "-4", "-3", "-3", "+7"]), JSON.stringify(places));
    check(`${where}: e-government out of 170`, district[4]?.[2] === `${number(133.28, lang)}/170 ${points}`, JSON.stringify(district[4]));

    const file = join(shots, `profile-${lang}.png`);
    await page.screenshot({ path: file, fullPage: true });
    check(`${where}: screenshot ${file}`, statSync(file).size >= MIN_PNG_BYTES);
  }
}
