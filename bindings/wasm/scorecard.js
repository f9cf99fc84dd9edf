// <chiso-scorecard>: a province's scorecard as one HTML tag, for portals and newsrooms.
//
//   <script type="module" src=".../chiso/scorecard.js"></script>
//   <chiso-scorecard index="pci" year="2016" unit="Quảng Ninh" lang="vi"></chiso-scorecard>
//
// Score, rank out of N, tier, change on the previous year, an SVG bar chart of the sub-indices
// against the national median and best, and "what if" sliders that re-score the field through
// the package. Every number comes from chiso (index.js); this file only lays them out. Styles
// live in a shadow root; theme with CSS custom properties (--chiso-accent, --chiso-font, …) and
// ::part(card|header|summary|chart|whatif|footer). Types: scorecard.d.ts.

import { diagnoseCsv, formatDecimal, formatDelta, loadAnalyses, preset, presets, score, scoreCsv, validateSpec } from "./index.js";

/**
 * The published tables this package ships, by preset id: what a card shows when it has no
 * `src` and no `csv`. `url` is absolute (next to this module); `unitColumn` names its units.
 * @type {Readonly<Record<string, Readonly<{url: string, unitColumn: string, source: {vi: string, en: string}}>>>}
 */
export const bundledData = Object.freeze({
  pci: Object.freeze({
    url: new URL("./data/pci.csv", import.meta.url).href,
    unitColumn: "province",
    source: Object.freeze({
      vi: "VCCI, Chỉ số PCI: các chỉ số thành phần đã công bố",
      en: "VCCI, PCI: published sub-indices",
    }),
  }),
});

// --- words ----------------------------------------------------------------------------------

const WORDS = {
  vi: {
    score: "Điểm",
    rank: "Xếp hạng",
    tier: "Nhóm",
    noTier: "Chưa xếp nhóm",
    of: "trên",
    change: (year) => `So với năm ${year}`,
    points: "điểm",
    up: (n) => `tăng ${n} bậc`,
    down: (n) => `giảm ${n} bậc`,
    same: "giữ nguyên hạng",
    wasRank: (rank, year) => `hạng ${rank} năm ${year}`,
    noPrevious: (year) => `Không có số liệu năm ${year} để so sánh`,
    subIndices: "Các chỉ số thành phần",
    weight: "trọng số",
    unitLegend: "Điểm của tỉnh",
    median: "Trung vị cả nước",
    best: "Cao nhất cả nước",
    rankOn: (rank, of) => `hạng ${rank}/${of}`,
    whatIf: "Nếu… — thử thay đổi các chỉ số thành phần",
    whatIfHint: "Kéo thanh trượt: điểm tổng hợp và thứ hạng được tính lại ngay, các tỉnh khác giữ nguyên.",
    whatIfScore: "Điểm giả định",
    whatIfRank: "Hạng giả định",
    whatIfOff: "Chỉ số này có chỉ số thành phần được chuẩn hoá; công cụ “Nếu…” chỉ dùng cho chỉ số thành phần không chuẩn hoá.",
    reset: "Đặt lại",
    from: (value) => `từ ${value}`,
    loading: "Đang tải thẻ điểm…",
    errorTitle: "Không hiển thị được thẻ điểm",
    errorHint: "Kiểm tra tệp dữ liệu (cột, dấu phân cách, số thập phân) và tên tỉnh.",
    source: "Nguồn",
    computed: "Tính bằng chiso (WebAssembly) ngay trong trình duyệt.",
    unitsWord: "tỉnh, thành phố",
  },
  en: {
    score: "Score",
    rank: "Rank",
    tier: "Tier",
    noTier: "No tier",
    of: "of",
    change: (year) => `Change on ${year}`,
    points: "points",
    up: (n) => `up ${n} ${n === 1 ? "place" : "places"}`,
    down: (n) => `down ${n} ${n === 1 ? "place" : "places"}`,
    same: "same rank",
    wasRank: (rank, year) => `rank ${rank} in ${year}`,
    noPrevious: (year) => `No ${year} data to compare with`,
    subIndices: "Sub-indices",
    weight: "weight",
    unitLegend: "Province",
    median: "National median",
    best: "National best",
    rankOn: (rank, of) => `rank ${rank}/${of}`,
    whatIf: "What if… — try other sub-index scores",
    whatIfHint: "Move a slider: the composite and the rank are recomputed at once, other provinces unchanged.",
    whatIfScore: "What-if score",
    whatIfRank: "What-if rank",
    whatIfOff: "This index normalises its sub-indices; the what-if tool works on sub-indices that are not normalised.",
    reset: "Reset",
    from: (value) => `from ${value}`,
    loading: "Loading the scorecard…",
    errorTitle: "The scorecard cannot be shown",
    errorHint: "Check the data file (columns, separator, decimal marks) and the province name.",
    source: "Source",
    computed: "Computed in the browser by chiso (WebAssembly).",
    unitsWord: "provinces",
  },
};

/** Tier badge colours, best band first (PCI has six bands). */
const TIER_COLOURS = ["#0b6e3a", "#2e8b3a", "#6a9f2a", "#b58a00", "#c8641b", "#b3261e"];

const STYLE = `
:host {
  display: block;
  container-type: inline-size;
  --_accent: var(--chiso-accent, #0b4f94);
  --_accent-soft: var(--chiso-accent-soft, #e8f0fa);
  --_ink: var(--chiso-ink, #1d2733);
  --_muted: var(--chiso-muted, #5b6775);
  --_line: var(--chiso-line, #dfe5ec);
  --_median: var(--chiso-median, #36414d);
  --_best: var(--chiso-best, #d08a00);
  --_up: var(--chiso-up, #12803c);
  --_down: var(--chiso-down, #b3261e);
  --_radius: var(--chiso-radius, 12px);
  font-family: var(--chiso-font, system-ui, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Liberation Sans", sans-serif);
  color: var(--_ink);
  line-height: 1.4;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.card { background: #fff; border: 1px solid var(--_line); border-radius: var(--_radius); overflow: hidden;
  box-shadow: 0 1px 2px rgb(16 24 40 / 6%), 0 4px 16px rgb(16 24 40 / 6%); }
header { background: var(--_accent); color: #fff; padding: 16px 22px 14px; }
.kicker { font-size: 0.8rem; letter-spacing: 0.04em; text-transform: uppercase; opacity: 0.85; }
h2 { margin: 2px 0 0; font-size: 1.65rem; font-weight: 700; line-height: 1.2; }
h3 { margin: 0 0 10px; font-size: 0.95rem; font-weight: 650; color: var(--_ink); }
section { padding: 16px 22px; border-top: 1px solid var(--_line); }
header + section { border-top: 0; }
.summary { display: grid; grid-template-columns: auto auto auto 1fr; gap: 12px 30px; align-items: end; }
.stat .label { display: block; font-size: 0.78rem; color: var(--_muted); text-transform: uppercase; letter-spacing: 0.04em; }
.stat .value { font-size: 2.3rem; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
.stat .value small { font-size: 1.05rem; font-weight: 500; color: var(--_muted); margin-left: 2px; }
.badge { display: inline-block; margin-top: 6px; padding: 4px 12px; border-radius: 999px; color: #fff;
  font-weight: 650; font-size: 0.95rem; white-space: nowrap; }
.badge.none { background: #eef1f4; color: var(--_muted); }
.change { justify-self: end; text-align: right; font-size: 0.9rem; color: var(--_muted); }
.change b { color: var(--_ink); font-variant-numeric: tabular-nums; }
.change .up { color: var(--_up); font-weight: 650; }
.change .down { color: var(--_down); font-weight: 650; }
.chart-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 6px 16px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 0.8rem; color: var(--_muted); margin: 0 0 8px; padding: 0; list-style: none; }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.legend svg { flex: none; }
svg.bars { display: block; width: 100%; height: auto; font-family: inherit; }
svg.bars text { fill: var(--_ink); font-size: 13px; }
svg.bars text.tick, svg.bars text.rank { fill: var(--_muted); font-size: 12px; }
svg.bars tspan.weight { fill: var(--_muted); font-size: 12px; font-weight: 400; }
svg.bars text.name { font-weight: 600; }
svg.bars text.value { font-weight: 700; font-size: 14px; font-variant-numeric: tabular-nums; }
svg.bars .grid { stroke: var(--_line); stroke-width: 1; }
svg.bars .track { fill: #f3f5f8; }
svg.bars .bar { fill: var(--_accent); }
svg.bars .delta.up { fill: var(--_up); opacity: 0.55; }
svg.bars .delta.down { fill: var(--_down); opacity: 0.35; }
svg.bars .median { stroke: var(--_median); stroke-width: 2.5; }
svg.bars .halo { stroke: #fff; stroke-width: 5.5; }
svg.bars .best { fill: var(--_best); stroke: #fff; stroke-width: 1.2; }
.whatif { background: #fafbfc; }
.whatif p.hint { margin: -4px 0 12px; font-size: 0.82rem; color: var(--_muted); }
.sliders { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 28px; }
.slider { display: grid; grid-template-columns: minmax(0, 1fr) 3.2rem; grid-template-areas: "name out" "range range"; align-items: center; column-gap: 8px; }
.slider label { grid-area: name; font-size: 0.85rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.slider output { grid-area: out; text-align: right; font-weight: 650; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
.slider output.changed { color: var(--_accent); }
.slider input { grid-area: range; width: 100%; margin: 2px 0 6px; accent-color: var(--_accent); }
.outcome { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 26px; margin-top: 10px; padding: 10px 14px;
  border-radius: 10px; background: var(--_accent-soft); }
.outcome .label { font-size: 0.78rem; color: var(--_muted); text-transform: uppercase; letter-spacing: 0.04em; }
.outcome .num { font-size: 1.35rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.outcome .num small { font-size: 0.9rem; font-weight: 500; color: var(--_muted); margin-left: 1px; }
.outcome .delta { font-size: 0.85rem; margin-left: 6px; font-weight: 600; }
.outcome .delta.up { color: var(--_up); }
.outcome .delta.down { color: var(--_down); }
.outcome .delta.same { color: var(--_muted); }
button.reset { margin-left: auto; font: inherit; font-size: 0.85rem; padding: 6px 14px; border-radius: 8px;
  border: 1px solid var(--_accent); background: #fff; color: var(--_accent); cursor: pointer; }
button.reset:disabled { opacity: 0.45; cursor: default; }
button.reset:not(:disabled):hover { background: var(--_accent); color: #fff; }
footer { padding: 10px 22px 12px; font-size: 0.75rem; color: var(--_muted); border-top: 1px solid var(--_line); }
.message { padding: 22px; }
.message.error { border-left: 5px solid var(--_down); background: #fdf3f2; }
.message.error strong { display: block; color: var(--_down); font-size: 1.05rem; margin-bottom: 6px; }
.message.error code { display: block; white-space: pre-wrap; font-size: 0.85rem; background: #fff; border: 1px solid #f0c9c5;
  border-radius: 6px; padding: 8px 10px; margin: 6px 0; color: var(--_ink); }
.message.loading { color: var(--_muted); }
@container (max-width: 620px) {
  .summary { grid-template-columns: 1fr 1fr; }
  .change { grid-column: 1 / -1; justify-self: start; text-align: left; }
  .sliders { grid-template-columns: 1fr; }
  h2 { font-size: 1.4rem; }
  .stat .value { font-size: 1.9rem; }
}
`;

// --- helpers --------------------------------------------------------------------------------

/**
 * Text for HTML, in element content and quoted attributes alike: `&`, `<`, `>`, `"`, `'`
 * escaped. Every string from the data or a spec (unit names, labels, ids) goes through it.
 */
function esc(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/** Fetched CSV texts by absolute URL, shared by every card of the page. */
const fetched = new Map();

/** The CSV text at `url` (one request per URL per page; a failed request is retried next time). */
function fetchText(url) {
  if (!fetched.has(url)) {
    const request = fetch(url).then(async (response) => {
      if (!response.ok) throw new Error(`cannot load the data ${url}: HTTP ${response.status}`);
      return response.text();
    });
    request.catch(() => fetched.delete(url));
    fetched.set(url, request);
  }
  return fetched.get(url);
}

/** The spec as an object (a preset's edition for `year`, or the parsed JSON), or `null`. */
function specObject(spec, year) {
  if (typeof spec !== "string") return spec;
  if (presets().includes(spec.trim())) return preset(spec.trim(), year ?? null);
  try {
    return JSON.parse(spec);
  } catch {
    return null;
  }
}

/** The label of `labels` ({vi, en}) in `lang`, falling back to Vietnamese. */
function label(labels, lang) {
  return (lang === "en" && labels?.en) || labels?.vi || "";
}

// --- the element ----------------------------------------------------------------------------

/**
 * `<chiso-scorecard>`: one unit's scorecard for one year of a composite index.
 *
 * Attributes: `index` (preset id, default `pci`), `year` (default: the latest year of the data),
 * `unit` (default: the year's leader), `lang` (`vi` default, or `en`), `src` (URL of a CSV; default:
 * the package's published table of the index), `unit-column` and `year-column` (default: the
 * bundled table's, or `unit` and `year`), `what-if` (`off` hides the sliders).
 * Properties: `csv` and `spec` (data and specification given directly), and the results
 * `diagnosis`, `ranking`, `years`, `units`, `whatIf`, `error`. Events: `chiso-render`,
 * `chiso-whatif`, `chiso-error`. The host's `data-state` is `loading`, `ready` or `error`.
 */
export class ChisoScorecard extends HTMLElement {
  static observedAttributes = ["index", "year", "unit", "lang", "src", "unit-column", "year-column", "what-if"];

  #root;
  #csv = null;
  #spec = null;
  #pending = false;
  #generation = 0;
  /** The field scored once per (spec, data): `{key, scores}`. */
  #field = null;
  /** What is shown: diagnosis, the year's rows for the what-if, overrides by sub-index id. */
  #view = null;
  #error = null;
  #whatIf = null;
  #overrides = new Map();
  #frame = 0;
  #resize = null;
  #chartWidth = 720;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
  }

  connectedCallback() {
    this.#schedule();
    this.#resize ??= new ResizeObserver(() => {
      if (!this.#view || Math.abs(this.#measure() - this.#chartWidth) < 8) return;
      this.#chartWidth = this.#measure();
      this.#draw(this.#lang);
      this.#updateWhatIf(false);
    });
    this.#resize.observe(this);
  }

  disconnectedCallback() {
    this.#resize?.disconnect();
  }

  /** The chart's width for the card's current width (its sections have 22 px padding). */
  #measure() {
    const width = this.getBoundingClientRect().width;
    return width > 0 ? Math.max(280, Math.min(960, Math.round(width - 46))) : 720;
  }

  attributeChangedCallback(name, before, after) {
    if (before === after) return;
    if (name !== "lang") this.#overrides.clear();
    this.#schedule();
  }

  /** CSV text to show instead of `src` or the bundled table (`null`: use those). */
  get csv() {
    return this.#csv;
  }

  set csv(text) {
    if (text !== null && typeof text !== "string") throw new TypeError("csv must be a string or null");
    this.#csv = text;
    this.#overrides.clear();
    this.#schedule();
  }

  /** A spec (object or JSON text) to use instead of the `index` preset (`null`: the preset). */
  get spec() {
    return this.#spec;
  }

  set spec(spec) {
    this.#spec = spec ?? null;
    this.#overrides.clear();
    this.#schedule();
  }

  /** The diagnosis shown (the package's `Diagnosis`), or `null` before the first render. */
  get diagnosis() {
    return this.#view?.diagnosis ?? null;
  }

  /** The shown year's ranking, best first: `{unit, score, rank, out_of, tier}`. */
  get ranking() {
    return this.#view?.ranking ?? [];
  }

  /** The years of the data, latest first. */
  get years() {
    return this.#view?.years ?? [];
  }

  /** The units of the shown year, in Vietnamese alphabetical order. */
  get units() {
    return this.#view ? this.#view.ranking.map((r) => r.unit).sort((a, b) => a.localeCompare(b, "vi")) : [];
  }

  /** The what-if result (`{score, rank, out_of, tier, values}`) while a slider is moved, else `null`. */
  get whatIf() {
    return this.#whatIf;
  }

  /** The error shown instead of the card, or `null`. */
  get error() {
    return this.#error;
  }

  /**
   * Sets what-if scores by sub-index id (as the sliders do) and re-scores the field; `null` or
   * `undefined` for an id restores its real score.
   * @param {Record<string, number | null | undefined>} values
   */
  setWhatIf(values) {
    if (!this.#view) return null;
    for (const [id, value] of Object.entries(values)) {
      if (!this.#view.ids.includes(id)) throw new RangeError(`'${id}' is not a sub-index of this card (${this.#view.ids.join(", ")})`);
      if (value === null || value === undefined) this.#overrides.delete(id);
      else if (typeof value !== "number" || !Number.isFinite(value)) throw new TypeError(`the what-if value of '${id}' must be a finite number`);
      else this.#overrides.set(id, value);
    }
    this.#updateWhatIf();
    return this.#whatIf;
  }

  /** Restores every sub-index to its real score. */
  resetWhatIf() {
    this.#overrides.clear();
    this.#updateWhatIf();
  }

  get #lang() {
    const lang = (this.getAttribute("lang") ?? this.closest("[lang]")?.getAttribute("lang") ?? "vi").toLowerCase();
    return lang.startsWith("en") ? "en" : "vi";
  }

  /** Renders once after the current task's attribute and property changes. */
  #schedule() {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      if (this.isConnected) this.#render();
    });
  }

  async #render() {
    const generation = ++this.#generation;
    const lang = this.#lang;
    const index = this.getAttribute("index") || "pci";
    const bundled = bundledData[index];
    const src = this.getAttribute("src");
    const unitColumn = this.getAttribute("unit-column") || (src || this.#csv !== null ? "unit" : bundled?.unitColumn ?? "unit");
    const yearColumn = this.getAttribute("year-column") || "year";
    const spec = this.#spec ?? index;
    this.dataset.state = "loading";
    if (!this.#view) this.#root.innerHTML = `<style>${STYLE}</style><div class="card"><p class="message loading">${esc(WORDS[lang].loading)}</p></div>`;
    try {
      let csv = this.#csv;
      if (csv === null) {
        const url = src ? new URL(src, this.baseURI).href : bundled?.url;
        if (!url) throw new Error(`no data for index '${index}': give the card a src attribute or a csv property`);
        csv = await fetchText(url);
      }
      // The diagnosis comes from the analysis module, which browsers load on demand.
      await loadAnalyses();
      if (generation !== this.#generation) return;
      const read = { unitColumn, yearColumn };
      const key = [typeof spec === "string" ? spec : JSON.stringify(spec), unitColumn, yearColumn, csv];
      if (!this.#field || this.#field.key.some((k, i) => k !== key[i])) {
        this.#field = { key, scores: scoreCsv(spec, csv, read) };
      }
      const scores = this.#field.scores;
      const years = [...new Set(scores.rows.map((r) => r.year).filter((y) => y !== null))].sort((a, b) => b - a);
      const yearAttr = this.getAttribute("year");
      const year = yearAttr ? Number(yearAttr) : years[0];
      if (yearAttr && !years.includes(year)) {
        throw new RangeError(`the data has no year ${yearAttr}; it has ${[...years].reverse().join(", ")}`);
      }
      const ranking = scores.rows
        .filter((r) => r.year === (year ?? null))
        .sort((a, b) => a.rank - b.rank || a.unit.localeCompare(b.unit, "vi"))
        .map(({ unit, score, rank, out_of, tier, components }) => ({ unit, score, rank, out_of, tier, components }));
      const unit = (this.getAttribute("unit") || ranking[0]?.unit || "").normalize("NFC");
      const diagnosis = diagnoseCsv(spec, csv, { unit, year, ...read });
      const ids = diagnosis.components.map((c) => c.id);
      const validation = validateSpec(spec);
      const nodes = new Map((specObject(spec, year)?.nodes ?? []).map((n) => [n.id, n]));
      const normalised = ids.some((id) => nodes.get(id)?.normalise && nodes.get(id).normalise.method !== "none");
      // The year's field as rows of sub-index scores: what the sliders change and re-score.
      const rows = ranking.map((r) => {
        const row = { unit: r.unit, year };
        for (const c of r.components) if (ids.includes(c.id)) row[c.id] = c.score;
        return row;
      });
      const scales = new Map(
        diagnosis.components.map((c) => {
          const scale = nodes.get(c.id)?.scale;
          const values = rows.map((r) => r[c.id]);
          return [c.id, scale ?? { min: Math.min(0, ...values), max: Math.max(...values) }];
        }),
      );
      this.#view = {
        diagnosis,
        ranking: ranking.map(({ components, ...r }) => r),
        years,
        rows,
        ids,
        scales,
        spec,
        year,
        precision: scores.precision,
        whatIfOn: this.getAttribute("what-if") !== "off" && !normalised,
        normalised,
        index,
        indexLabel: validation.label,
        indexId: validation.id,
        source: this.#csv === null && !src ? bundled?.source : null,
      };
      this.#error = null;
      for (const id of [...this.#overrides.keys()]) if (!ids.includes(id)) this.#overrides.delete(id);
      this.#chartWidth = this.#measure();
      this.#draw(lang);
      this.#updateWhatIf(false);
      this.dataset.state = "ready";
      this.dispatchEvent(
        new CustomEvent("chiso-render", {
          detail: { unit: diagnosis.unit, year, score: diagnosis.score, rank: diagnosis.rank, out_of: diagnosis.out_of, tier: diagnosis.tier },
        }),
      );
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#view = null;
      this.#whatIf = null;
      this.#error = error;
      this.#drawError(lang, error);
      this.dataset.state = "error";
      this.dispatchEvent(new CustomEvent("chiso-error", { detail: { error } }));
    }
  }

  #number(value, lang, decimals = this.#view.precision) {
    return formatDecimal(value, decimals, lang === "vi");
  }

  #draw(lang) {
    const w = WORDS[lang];
    const v = this.#view;
    const d = v.diagnosis;
    const indexName = label(v.indexLabel, lang);
    const tier = d.tier
      ? `<span class="badge" style="background:${TIER_COLOURS[Math.min(d.tier.level, TIER_COLOURS.length - 1)]}">${esc(label(d.tier.label, lang))}</span>`
      : `<span class="badge none">${esc(w.noTier)}</span>`;
    let change;
    if (d.previous_year !== null && d.score_change !== null) {
      const places = d.rank_change ?? 0;
      const move =
        places > 0 ? `<span class="up">▲ ${esc(w.up(places))}</span>` : places < 0 ? `<span class="down">▼ ${esc(w.down(-places))}</span>` : `<span>= ${esc(w.same)}</span>`;
      change = `<div class="label">${esc(w.change(d.previous_year))}</div>
        <div><b data-field="score-change" data-value="${d.score_change}">${esc(formatDelta(d.score_change, v.precision, lang === "vi"))}</b> ${esc(w.points)}
        · <span data-field="rank-change" data-value="${places}">${move}</span></div>
        <div>${esc(w.wasRank(d.previous_rank, d.previous_year))}</div>`;
    } else if (v.year !== null) {
      change = `<div data-field="no-previous">${esc(w.noPrevious(v.year - 1))}</div>`;
    } else {
      change = "";
    }
    const source = v.source ? `${w.source}: ${label(v.source, lang)}. ` : "";
    this.#root.innerHTML = `<style>${STYLE}</style>
<article class="card" part="card" lang="${lang}">
  <header part="header">
    <div class="kicker">${esc(`${v.indexId.toUpperCase()} ${v.year ?? ""} · ${indexName}`)}</div>
    <h2 data-field="unit">${esc(d.unit)}</h2>
  </header>
  <section class="summary" part="summary">
    <div class="stat"><span class="label">${esc(w.score)}</span>
      <span class="value" data-field="score" data-value="${d.score}">${esc(this.#number(d.score, lang))}</span></div>
    <div class="stat"><span class="label">${esc(w.rank)}</span>
      <span class="value" data-field="rank" data-value="${d.rank}" data-out-of="${d.out_of}">${d.rank}<small>/${d.out_of}</small></span></div>
    <div class="stat"><span class="label">${esc(w.tier)}</span>
      <span data-field="tier" data-value="${esc(d.tier ? d.tier.label.vi : "")}">${tier}</span></div>
    <div class="change" data-field="change">${change}</div>
  </section>
  <section class="chart" part="chart">
    <div class="chart-head"><h3>${esc(w.subIndices)}</h3>${this.#legend(lang)}</div>
    ${this.#bars(lang)}
  </section>
  ${v.whatIfOn ? this.#sliders(lang) : v.normalised ? `<section class="whatif" part="whatif"><p class="hint">${esc(w.whatIfOff)}</p></section>` : ""}
  <footer part="footer">${esc(source)}${esc(w.computed)}</footer>
</article>`;
    if (v.whatIfOn) this.#wireSliders();
  }

  #legend(lang) {
    const w = WORDS[lang];
    return `<ul class="legend">
  <li><svg width="18" height="10" aria-hidden="true"><rect width="18" height="10" rx="2" fill="var(--_accent)"/></svg>${esc(this.#view.diagnosis.unit)}</li>
  <li><svg width="6" height="14" aria-hidden="true"><line x1="3" y1="0" x2="3" y2="14" stroke="var(--_median)" stroke-width="2.5"/></svg>${esc(w.median)}</li>
  <li><svg width="14" height="14" aria-hidden="true"><path d="M7 1 L13 7 L7 13 L1 7 Z" fill="var(--_best)"/></svg>${esc(w.best)}</li>
</ul>`;
  }

  /**
   * The SVG bar chart: per sub-index a label line (name, weight, rank) over a bar on the
   * sub-index's scale, with the national median (line) and best (diamond).
   */
  #bars(lang) {
    const w = WORDS[lang];
    const v = this.#view;
    // Drawn at the card's width, so the text keeps its size from phones to wide columns.
    const width = this.#chartWidth;
    const narrow = width < 520;
    const rowHeight = 44;
    const top = 22;
    const left = 0;
    const right = width - (narrow ? 52 : 62);
    const height = top + rowHeight * v.ids.length;
    const lows = [...v.scales.values()].map((s) => s.min);
    const highs = [...v.scales.values()].map((s) => s.max);
    const shared = lows.every((x) => x === lows[0]) && highs.every((x) => x === highs[0]);
    const parts = [];
    if (shared) {
      const { min, max } = v.scales.get(v.ids[0]);
      const step = max - min <= 10 ? 1 : Math.pow(10, Math.floor(Math.log10(max - min)));
      for (let t = Math.ceil(min / step) * step; t <= max + 1e-9; t += step) {
        const x = left + ((t - min) / (max - min)) * (right - left);
        const anchor = x <= left ? "start" : x >= right ? "end" : "middle";
        parts.push(`<line class="grid" x1="${x}" x2="${x}" y1="${top - 4}" y2="${height}"/>`);
        parts.push(`<text class="tick" x="${x}" y="${top - 9}" text-anchor="${anchor}">${esc(this.#number(t, lang, 0))}</text>`);
      }
    }
    v.diagnosis.components.forEach((c, i) => {
      const { min, max } = v.scales.get(c.id);
      const x = (value) => left + ((Math.min(Math.max(value, min), max) - min) / (max - min)) * (right - left);
      const y = top + i * rowHeight;
      const bar = y + 22;
      const weight = c.weight * 100;
      const weightText = `${w.weight} ${this.#number(weight, lang, Number.isInteger(Math.round(weight * 1e6) / 1e6) ? 0 : 1)}%`;
      const title = `${label(c.label, lang)} (${weightText}): ${this.#number(c.score, lang)} (${w.rankOn(c.rank, v.diagnosis.out_of)}); ${w.median.toLowerCase()} ${this.#number(c.median, lang)}; ${w.best.toLowerCase()} ${this.#number(c.leader, lang)} (${c.leader_unit})`;
      parts.push(`<g class="row" data-id="${esc(c.id)}" data-score="${c.score}" data-median="${c.median}" data-leader="${c.leader}" data-rank="${c.rank}">
  <title>${esc(title)}</title>
  <rect class="label-bg" x="0" y="${y + 2}" width="${width}" height="16" fill="#fff"/>
  <text class="name" x="0" y="${y + 14}">${esc(label(c.label, lang))}${narrow ? "" : `<tspan class="weight" dx="8">${esc(weightText)}</tspan>`}</text>
  <text class="rank" x="${width}" y="${y + 14}" text-anchor="end">${esc(narrow ? `${c.rank}/${v.diagnosis.out_of}` : w.rankOn(c.rank, v.diagnosis.out_of))}</text>
  <rect class="track" x="${left}" y="${bar}" width="${right - left}" height="14" rx="3"/>
  <rect class="bar" x="${left}" y="${bar}" width="${x(c.score) - left}" height="14" rx="3"/>
  <rect class="delta" x="${x(c.score)}" y="${bar}" width="0" height="14"/>
  <line class="halo" x1="${x(c.median)}" x2="${x(c.median)}" y1="${bar - 4}" y2="${bar + 18}"/>
  <line class="median" x1="${x(c.median)}" x2="${x(c.median)}" y1="${bar - 4}" y2="${bar + 18}"/>
  <path class="best" d="M${x(c.leader)} ${bar - 1} l8 8 l-8 8 l-8 -8 Z"/>
  <text class="value" x="${width}" y="${bar + 12}" text-anchor="end">${esc(this.#number(c.score, lang))}</text>
</g>`);
    });
    return `<svg class="bars" viewBox="-8 0 ${width + 8} ${height + 4}" role="img" aria-label="${esc(w.subIndices)}">${parts.join("")}</svg>`;
  }

  #sliders(lang) {
    const w = WORDS[lang];
    const v = this.#view;
    const sliders = v.diagnosis.components
      .map((c) => {
        const { min, max } = v.scales.get(c.id);
        const step = max - min <= 20 ? 0.01 : (max - min) / 1000;
        return `<div class="slider">
  <label for="s-${esc(c.id)}" title="${esc(label(c.label, lang))}">${esc(label(c.label, lang))}</label>
  <output for="s-${esc(c.id)}" data-id="${esc(c.id)}">${esc(this.#number(c.score, lang))}</output>
  <input type="range" id="s-${esc(c.id)}" data-id="${esc(c.id)}" min="${min}" max="${max}" step="${step}" value="${this.#overrides.get(c.id) ?? c.score}">
</div>`;
      })
      .join("");
    return `<section class="whatif" part="whatif">
  <h3>${esc(w.whatIf)}</h3>
  <p class="hint">${esc(w.whatIfHint)}</p>
  <div class="sliders">${sliders}</div>
  <div class="outcome" aria-live="polite">
    <div><div class="label">${esc(w.whatIfScore)}</div><span class="num" data-field="whatif-score"></span><span class="delta" data-field="whatif-score-delta"></span></div>
    <div><div class="label">${esc(w.whatIfRank)}</div><span class="num" data-field="whatif-rank"></span><span class="delta" data-field="whatif-rank-delta"></span></div>
    <div><div class="label">${esc(w.tier)}</div><span data-field="whatif-tier"></span></div>
    <button type="button" class="reset">${esc(w.reset)}</button>
  </div>
</section>`;
  }

  #wireSliders() {
    for (const input of this.#root.querySelectorAll("input[type=range]")) {
      input.addEventListener("input", () => {
        this.#overrides.set(input.dataset.id, Number(input.value));
        // One re-score per frame however fast the slider moves.
        if (!this.#frame) {
          this.#frame = requestAnimationFrame(() => {
            this.#frame = 0;
            this.#updateWhatIf();
          });
        }
      });
    }
    this.#root.querySelector("button.reset")?.addEventListener("click", () => this.resetWhatIf());
  }

  /** Re-scores the field with the what-if values (through the package) and updates the card. */
  #updateWhatIf(announce = true) {
    const v = this.#view;
    if (!v) return;
    if (this.#frame) {
      cancelAnimationFrame(this.#frame);
      this.#frame = 0;
    }
    const lang = this.#lang;
    const w = WORDS[lang];
    const d = v.diagnosis;
    let result = d;
    if (this.#overrides.size) {
      const rows = v.rows.map((row) => (row.unit === d.unit ? { ...row, ...Object.fromEntries(this.#overrides) } : row));
      const scored = score(v.spec, rows, { year: v.year ?? undefined });
      const mine = scored.rows.find((r) => r.unit === d.unit);
      this.#whatIf = { score: mine.score, rank: mine.rank, out_of: mine.out_of, tier: mine.tier, values: Object.fromEntries(this.#overrides) };
      result = mine;
    } else {
      this.#whatIf = null;
    }
    const $ = (selector) => this.#root.querySelector(selector);
    for (const c of d.components) {
      const value = this.#overrides.get(c.id) ?? c.score;
      // Ids come from the spec: escaped for the selector, so that any id finds its element.
      const id = CSS.escape(c.id);
      const input = $(`input[data-id="${id}"]`);
      if (input && !this.#overrides.has(c.id)) input.value = String(c.score);
      const output = $(`output[data-id="${id}"]`);
      if (output) {
        output.textContent = this.#number(value, lang);
        output.classList.toggle("changed", this.#overrides.has(c.id));
      }
      const row = $(`g.row[data-id="${id}"]`);
      if (row) {
        const track = row.querySelector("rect.track");
        const left = Number(track.getAttribute("x"));
        const span = Number(track.getAttribute("width"));
        const { min, max } = v.scales.get(c.id);
        const x = (t) => left + ((Math.min(Math.max(t, min), max) - min) / (max - min)) * span;
        const low = Math.min(value, c.score);
        const high = Math.max(value, c.score);
        row.querySelector("rect.bar").setAttribute("width", String(x(low) - left));
        const delta = row.querySelector("rect.delta");
        delta.setAttribute("x", String(x(low)));
        delta.setAttribute("width", String(x(high) - x(low)));
        delta.setAttribute("class", `delta ${value >= c.score ? "up" : "down"}`);
        row.querySelector("text.value").textContent = this.#number(value, lang);
        row.dataset.whatif = this.#overrides.has(c.id) ? String(value) : "";
      }
    }
    const scoreOut = $('[data-field="whatif-score"]');
    if (scoreOut) {
      scoreOut.textContent = this.#number(result.score, lang);
      scoreOut.dataset.value = String(result.score);
      const rankOut = $('[data-field="whatif-rank"]');
      rankOut.innerHTML = `${result.rank}<small>/${result.out_of}</small>`;
      rankOut.dataset.value = String(result.rank);
      const scoreDelta = $('[data-field="whatif-score-delta"]');
      const rankDelta = $('[data-field="whatif-rank-delta"]');
      if (this.#whatIf) {
        const diff = result.score - d.score;
        scoreDelta.textContent = formatDelta(diff, v.precision, lang === "vi");
        scoreDelta.className = `delta ${diff > 0 ? "up" : diff < 0 ? "down" : "same"}`;
        const places = d.rank - result.rank;
        rankDelta.textContent = places > 0 ? `▲ ${places}` : places < 0 ? `▼ ${-places}` : "=";
        rankDelta.className = `delta ${places > 0 ? "up" : places < 0 ? "down" : "same"}`;
      } else {
        scoreDelta.textContent = "";
        rankDelta.textContent = "";
      }
      $('[data-field="whatif-tier"]').innerHTML = result.tier
        ? `<span class="badge" style="margin-top:0;background:${TIER_COLOURS[Math.min(result.tier.level, TIER_COLOURS.length - 1)]}">${esc(label(result.tier.label, lang))}</span>`
        : `<span class="badge none" style="margin-top:0">${esc(w.noTier)}</span>`;
      $("button.reset").disabled = !this.#whatIf;
    }
    if (announce) this.dispatchEvent(new CustomEvent("chiso-whatif", { detail: this.#whatIf }));
  }

  #drawError(lang, error) {
    const w = WORDS[lang];
    const kind = error?.name ?? "Error";
    this.#root.innerHTML = `<style>${STYLE}</style>
<article class="card" part="card" lang="${lang}">
  <div class="message error" role="alert" data-field="error">
    <strong>${esc(w.errorTitle)}</strong>
    <code>${esc(`${kind}: ${error?.message ?? String(error)}`)}</code>
    <div>${esc(w.errorHint)}</div>
  </div>
</article>`;
  }
}

if (!customElements.get("chiso-scorecard")) customElements.define("chiso-scorecard", ChisoScorecard);
