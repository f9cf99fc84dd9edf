// The one-page PCI report of a province, rendered in the browser from the bundled published
// sub-indices. Serve the repository root (e.g. `python3 -m http.server`) and open
// /examples/web/report.html (optionally ?year=2016&unit=Nam%20Định&lang=en).
import { loadAnalyses, reportCsv, scoreCsv } from "../../bindings/wasm/index.js";

const DATA_URL = new URL("../data/pci/pci_subindices.csv", import.meta.url);
const READ = { unitColumn: "province" };
const DEFAULTS = { year: "2016", unit: "Nam Định", lang: "vi" };

const frame = document.getElementById("report");
const status = document.getElementById("status");
const yearSelect = document.getElementById("year");
const unitSelect = document.getElementById("unit");
const langSelect = document.getElementById("lang");

function options(select, items, selected) {
  select.replaceChildren(
    ...items.map(([value, text]) => {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = text;
      return option;
    }),
  );
  select.value = items.some(([value]) => value === selected) ? selected : (items[0]?.[0] ?? "");
}

/** Units of `year`, by Vietnamese name. */
function unitsOf(scores, year) {
  return scores.rows
    .filter((row) => row.year === year)
    .map((row) => row.unit)
    .sort((a, b) => a.localeCompare(b, "vi"));
}

/**
 * Sets the frame's height to its document's, so the page scrolls as one. (The root's box, not
 * its scrollHeight, which is never less than the frame's own height and so never shrinks.)
 */
function fit() {
  const root = frame.contentDocument?.documentElement;
  if (root) frame.style.height = `${Math.ceil(root.getBoundingClientRect().height)}px`;
}

let renders = 0;

/** Renders the report of the selected year, unit and language. */
function show(csvText) {
  const year = Number(yearSelect.value);
  const unit = unitSelect.value;
  const lang = langSelect.value;
  const render = ++renders;
  frame.dataset.state = "loading";
  const html = reportCsv("pci", csvText, { ...READ, year, unit, lang, format: "html" });
  frame.addEventListener(
    "load",
    () => {
      if (render !== renders) return; // a later selection replaced this report
      fit();
      Object.assign(frame.dataset, { state: "ready", year: String(year), unit, lang });
      status.dataset.state = "ready";
      status.textContent = lang === "vi" ? `Báo cáo PCI ${year}: ${unit}` : `PCI ${year} report: ${unit}`;
    },
    { once: true },
  );
  frame.srcdoc = html;
  document.documentElement.lang = lang;
  const query = new URLSearchParams({ year: String(year), unit, lang });
  history.replaceState(null, "", `?${query}`);
}

function fail(error) {
  status.dataset.state = "error";
  status.textContent = `${error.name}: ${error.message}`;
  frame.dataset.state = "error";
  console.error(error);
}

try {
  // Reports come from the analysis module, which browsers load on demand.
  const [response] = await Promise.all([fetch(DATA_URL), loadAnalyses()]);
  if (!response.ok) throw new Error(`${DATA_URL}: HTTP ${response.status}`);
  const csvText = await response.text();
  // Every year of the file, each scored with its own edition: the years and units to offer.
  const scores = scoreCsv("pci", csvText, READ);
  const years = [...new Set(scores.rows.map((row) => row.year))].sort((a, b) => b - a);
  const wanted = { ...DEFAULTS, ...Object.fromEntries(new URLSearchParams(location.search)) };
  options(
    yearSelect,
    years.map((y) => [String(y), String(y)]),
    wanted.year,
  );
  const fillUnits = (selected) => {
    const units = unitsOf(scores, Number(yearSelect.value));
    options(
      unitSelect,
      units.map((u) => [u, u]),
      selected,
    );
  };
  fillUnits(wanted.unit.normalize("NFC"));
  langSelect.value = wanted.lang === "en" ? "en" : "vi";
  const rerender = () => {
    try {
      show(csvText);
    } catch (error) {
      fail(error);
    }
  };
  yearSelect.addEventListener("change", () => {
    fillUnits(unitSelect.value);
    rerender();
  });
  unitSelect.addEventListener("change", rerender);
  langSelect.addEventListener("change", rerender);
  addEventListener("resize", fit);
  show(csvText);
} catch (error) {
  fail(error);
}
