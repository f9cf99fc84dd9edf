// The province scorecard page: pickers (index, year, searchable province), a language switch
// and an upload of one's own CSV around the <chiso-scorecard> element of the chiso package,
// which computes and draws the card from the published table the package ships (for PCI, a
// copy of examples/data/pci/pci_subindices.csv). Serve the repository root (e.g. `python3 -m http.server`)
// and open /examples/web/scorecard.html (?year=2016&unit=Quảng Ninh&lang=en also works).
import { formatDecimal, presets, validateSpec } from "../../bindings/wasm/index.js";
import { bundledData } from "../../bindings/wasm/scorecard.js";

const TEXT = {
  vi: {
    title: "Thẻ điểm năng lực cạnh tranh cấp tỉnh",
    subtitle: "Điểm, thứ hạng và các chỉ số thành phần của từng tỉnh, thành phố — tính lại ngay trong trình duyệt",
    index: "Chỉ số",
    year: "Năm",
    unit: "Tỉnh, thành phố",
    search: "Gõ tên tỉnh, có dấu hoặc không…",
    noMatch: "Không tìm thấy",
    upload: "Dữ liệu của bạn (CSV)",
    bundled: "Dữ liệu công bố",
    ranking: (year) => `Bảng xếp hạng ${year}`,
    rankingNote: "Bấm vào một tỉnh để xem thẻ điểm.",
    note:
      'Nguồn: các chỉ số thành phần PCI do VCCI công bố (<code>examples/data/pci/pci_subindices.csv</code>); điểm tổng hợp, thứ hạng và nhóm do chiso tính theo phương pháp của VCCI. Nhúng thẻ này vào trang của bạn bằng một thẻ HTML: <a href="./embed.html">xem ví dụ</a>. <a href="./index.html">Bảng xếp hạng</a> · <a href="./report.html">Báo cáo từng tỉnh</a>.',
    uploaded: (name) => `Đang dùng dữ liệu từ tệp ${name}.`,
  },
  en: {
    title: "Provincial competitiveness scorecard",
    subtitle: "Score, rank and sub-indices of every province — recomputed in your browser",
    index: "Index",
    year: "Year",
    unit: "Province",
    search: "Type a province, with or without accents…",
    noMatch: "No match",
    upload: "Your data (CSV)",
    bundled: "Published data",
    ranking: (year) => `Ranking ${year}`,
    rankingNote: "Click a province to see its scorecard.",
    note:
      'Source: PCI sub-indices as published by VCCI (<code>examples/data/pci/pci_subindices.csv</code>); composites, ranks and tiers computed by chiso with VCCI\'s method. Embed this card in your page with one HTML tag: <a href="./embed.html">see the example</a>. <a href="./index.html">Ranking</a> · <a href="./report.html">Province report</a>.',
    uploaded: (name) => `Using the data of ${name}.`,
  },
};

const card = document.getElementById("card");
const indexSelect = document.getElementById("index");
const yearSelect = document.getElementById("year");
const unitInput = document.getElementById("unit");
const unitList = document.getElementById("unit-list");
const fileInput = document.getElementById("csv-file");
const resetData = document.getElementById("csv-reset");
const status = document.getElementById("status");
const rankingTitle = document.getElementById("ranking-title");
const rankingList = document.getElementById("ranking");
const rankingBox = document.getElementById("ranking-box");

const params = new URL(location.href).searchParams;
let lang = params.get("lang") === "en" ? "en" : "vi";

/** Lower case without diacritics (đ → d): "Đà Nẵng" and "da nang" match. */
function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().trim();
}

// --- language -------------------------------------------------------------------------------

function applyLanguage() {
  const t = TEXT[lang];
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t[el.dataset.i18n];
  for (const el of document.querySelectorAll("[data-i18n-html]")) el.innerHTML = t[el.dataset.i18nHtml];
  for (const button of document.querySelectorAll(".lang button")) button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
  unitInput.placeholder = t.search;
  card.setAttribute("lang", lang);
  fillIndices();
  if (card.dataset.state === "ready") fillRanking();
}

for (const button of document.querySelectorAll(".lang button")) {
  button.addEventListener("click", () => {
    lang = button.dataset.lang;
    applyLanguage();
    remember();
  });
}

// --- pickers --------------------------------------------------------------------------------

/** The presets the package ships a published table for (others need one's own CSV). */
function fillIndices() {
  const ids = presets().filter((id) => bundledData[id]);
  const current = card.getAttribute("index");
  indexSelect.replaceChildren(
    ...ids.map((id) => {
      const labels = validateSpec(id).label;
      const option = new Option(`${id.toUpperCase()} — ${lang === "en" ? labels.en || labels.vi : labels.vi}`, id);
      option.selected = id === current;
      return option;
    }),
  );
}

indexSelect.addEventListener("change", () => {
  card.setAttribute("index", indexSelect.value);
  card.removeAttribute("year");
  card.removeAttribute("unit");
});

yearSelect.addEventListener("change", () => card.setAttribute("year", yearSelect.value));

let matches = [];
let active = -1;

function openList() {
  const query = fold(unitInput.value);
  const ranking = card.ranking;
  const all = [...ranking].sort((a, b) => a.unit.localeCompare(b.unit, "vi"));
  // Names that start with the query first, then names that contain it.
  matches = query
    ? [...all.filter((r) => fold(r.unit).startsWith(query)), ...all.filter((r) => !fold(r.unit).startsWith(query) && fold(r.unit).includes(query))]
    : all;
  active = matches.length ? 0 : -1;
  drawList();
}

function drawList() {
  const items = matches.map((r, i) => {
    const li = document.createElement("li");
    li.id = `unit-option-${i}`;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", String(i === active));
    li.dataset.unit = r.unit;
    const name = document.createElement("span");
    name.textContent = r.unit;
    const rank = document.createElement("small");
    rank.textContent = `#${r.rank}`;
    li.append(name, rank);
    li.addEventListener("mousedown", (event) => {
      event.preventDefault();
      choose(r.unit);
    });
    return li;
  });
  if (!items.length) {
    const li = document.createElement("li");
    li.className = "empty";
    li.textContent = TEXT[lang].noMatch;
    items.push(li);
  }
  unitList.replaceChildren(...items);
  unitList.hidden = false;
  unitInput.setAttribute("aria-expanded", "true");
  if (active >= 0) {
    unitInput.setAttribute("aria-activedescendant", `unit-option-${active}`);
    unitList.children[active]?.scrollIntoView({ block: "nearest" });
  } else {
    unitInput.removeAttribute("aria-activedescendant");
  }
}

function closeList() {
  unitList.hidden = true;
  unitInput.setAttribute("aria-expanded", "false");
  unitInput.removeAttribute("aria-activedescendant");
}

function choose(unit) {
  closeList();
  unitInput.value = unit;
  card.setAttribute("unit", unit);
}

unitInput.addEventListener("focus", () => {
  unitInput.select();
  openList();
});
unitInput.addEventListener("input", openList);
unitInput.addEventListener("blur", () => {
  closeList();
  unitInput.value = card.diagnosis?.unit ?? "";
});
unitInput.addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    if (unitList.hidden) openList();
    else if (matches.length) {
      active = (active + (event.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length;
      drawList();
    }
  } else if (event.key === "Enter") {
    event.preventDefault();
    if (active >= 0 && matches[active]) choose(matches[active].unit);
  } else if (event.key === "Escape") {
    closeList();
    unitInput.value = card.diagnosis?.unit ?? "";
  }
});

// --- the year's ranking, next to the card -----------------------------------------------------

function fillRanking() {
  const ranking = card.ranking;
  const current = card.diagnosis;
  const year = yearSelect.value;
  rankingTitle.textContent = TEXT[lang].ranking(year);
  // The top 10 and the chosen province with its neighbours.
  const around = new Set(ranking.filter((r, i) => i < 10 || Math.abs(r.rank - current.rank) <= 2).map((r) => r.unit));
  const items = [];
  let previous = -1;
  ranking.forEach((r, i) => {
    if (!around.has(r.unit)) return;
    if (previous >= 0 && i > previous + 1) {
      const gap = document.createElement("li");
      gap.className = "gap";
      gap.textContent = "⋯";
      items.push(gap);
    }
    previous = i;
    const li = document.createElement("li");
    li.dataset.unit = r.unit;
    if (r.unit === current.unit) li.className = "current";
    const rank = document.createElement("span");
    rank.className = "r";
    rank.textContent = String(r.rank);
    const name = document.createElement("span");
    name.textContent = r.unit;
    const value = document.createElement("span");
    value.className = "s";
    value.textContent = formatDecimal(r.score, 2, lang === "vi");
    li.append(rank, name, value);
    li.addEventListener("click", () => choose(r.unit));
    items.push(li);
  });
  rankingList.replaceChildren(...items);
}

// --- the card's events ------------------------------------------------------------------------

card.addEventListener("chiso-render", (event) => {
  const { year, unit } = event.detail;
  yearSelect.replaceChildren(...card.years.map((y) => new Option(String(y), String(y), false, y === year)));
  if (document.activeElement !== unitInput) unitInput.value = unit;
  rankingBox.hidden = false;
  fillRanking();
  remember();
});

card.addEventListener("chiso-error", () => {
  rankingBox.hidden = true;
});

/** Keeps the selection in the address, so a link shows the same card. */
function remember() {
  if (card.csv !== null) return;
  const url = new URL(location.href);
  url.searchParams.set("year", yearSelect.value);
  if (card.diagnosis) url.searchParams.set("unit", card.diagnosis.unit);
  url.searchParams.set("lang", lang);
  history.replaceState(null, "", url);
}

// --- one's own data -------------------------------------------------------------------------

fileInput.addEventListener("change", async () => {
  const file = fileInput.files?.[0];
  if (!file) return;
  const text = await file.text();
  // The unit column: the first of these names the header has (the card says if none is).
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0].split(/[,;\t]/).map((h) => h.trim().replace(/^"|"$/g, "").normalize("NFC"));
  const unitColumn = ["unit", "province", "tinh", "tỉnh", "don_vi", "đơn vị"].find((name) => header.includes(name)) ?? "unit";
  card.removeAttribute("year");
  card.removeAttribute("unit");
  card.setAttribute("unit-column", unitColumn);
  card.csv = text;
  status.hidden = false;
  status.dataset.state = "ready";
  status.textContent = TEXT[lang].uploaded(file.name);
  resetData.hidden = false;
});

resetData.addEventListener("click", () => {
  fileInput.value = "";
  card.csv = null;
  card.removeAttribute("unit-column");
  card.removeAttribute("year");
  card.removeAttribute("unit");
  status.hidden = true;
  resetData.hidden = true;
});

// --- start ----------------------------------------------------------------------------------

if (params.get("year")) card.setAttribute("year", params.get("year"));
card.setAttribute("unit", params.get("unit") ?? "Quảng Ninh");
applyLanguage();
