// The PCI ranking of one year, scored in the browser from the bundled published sub-indices.
// Serve the repository root (e.g. `python3 -m http.server`) and open /examples/web/.
import { formatDecimal, scoreCsv } from "../../bindings/wasm/index.js";

const DATA_URL = new URL("../data/pci/pci_subindices.csv", import.meta.url);

const table = document.getElementById("ranking");
const status = document.getElementById("status");
const yearSelect = document.getElementById("year");

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

/** Fills the table with the ranking of `year` (ties share a rank; order as published). */
function show(csvText, year) {
  table.dataset.state = "loading";
  const result = scoreCsv("pci", csvText, { unitColumn: "province", year });
  const rows = [...result.rows].sort((a, b) => a.rank - b.rank || a.unit.localeCompare(b.unit, "vi"));
  const body = table.tBodies[0];
  body.replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement("tr");
      tr.dataset.rank = String(row.rank);
      tr.dataset.unit = row.unit;
      tr.dataset.score = String(row.score);
      tr.dataset.tier = row.tier ? row.tier.label.vi : "";
      tr.append(
        cell(String(row.rank), "num"),
        cell(row.unit),
        cell(formatDecimal(row.score, result.precision), "num"),
        cell(row.tier ? row.tier.label.vi : "–"),
      );
      if (row.tier) tr.lastChild.title = row.tier.label.en;
      return tr;
    }),
  );
  table.dataset.year = String(year);
  table.hidden = false;
  status.dataset.state = "ready";
  status.textContent = `PCI ${year}: ${rows.length} tỉnh, thành phố / provinces`;
  table.dataset.state = "ready";
}

function fail(error) {
  status.dataset.state = "error";
  status.textContent = `${error.name}: ${error.message}`;
  table.dataset.state = "error";
  console.error(error);
}

try {
  const response = await fetch(DATA_URL);
  if (!response.ok) throw new Error(`${DATA_URL}: HTTP ${response.status}`);
  const csvText = await response.text();
  show(csvText, Number(yearSelect.value));
  yearSelect.addEventListener("change", () => {
    try {
      show(csvText, Number(yearSelect.value));
    } catch (error) {
      fail(error);
    }
  });
} catch (error) {
  fail(error);
}
