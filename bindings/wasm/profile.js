// <chiso-profile>: one unit across every index it is scored by, as one HTML tag.
//
//   <script type="module" src=".../chiso/profile.js"></script>
//   <chiso-profile unit="Nam Định" year="2018" lang="vi" targets="top:10">
//     <chiso-source index="pci" src="pci_subindices.csv" unit-column="province"></chiso-source>
//     <chiso-source index="par-index" src="nam_dinh_par_index.csv"></chiso-source>
//   </chiso-profile>
//
// Each <chiso-source> names an index (a preset id) and a CSV file: a full table, or published
// results (a file with an `out_of` column: unit, year, score, rank, out_of[, tier]). The page
// — the table, the chart of the unit's position in every index and its movement, the weakest
// components and the targets — is chiso's own (profilePage in index.js, the same HTML as
// `chiso profile --format html`), shown in a shadow root. Attributes: unit, year, previous,
// lang (vi|en), targets (comma-separated), unit-map ("vn-provinces"). The element sets
// data-state="loading|ready|error" and dispatches "chiso-profile-ready" / "chiso-profile-error".
// Types: profile.d.ts.

import { loadAnalyses, profile, profilePage } from "./index.js";

const WORDS = {
  vi: { loading: "Đang tải hồ sơ…", error: "Không hiển thị được hồ sơ" },
  en: { loading: "Loading the profile…", error: "The profile cannot be shown" },
};

/** The sources declared as <chiso-source> children, their files fetched as text. */
async function sources(element) {
  const declared = [...element.querySelectorAll(":scope > chiso-source")];
  if (declared.length === 0) throw new Error("<chiso-profile> needs at least one <chiso-source index=… src=…>");
  return Promise.all(
    declared.map(async (s, i) => {
      const index = s.getAttribute("index");
      const src = s.getAttribute("src");
      if (!index || !src) throw new Error(`<chiso-source> ${i + 1} needs both index and src attributes`);
      const url = new URL(src, document.baseURI);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${index}: ${url} answered HTTP ${response.status}`);
      const source = { index, text: await response.text() };
      for (const [attribute, key] of [["unit-column", "unitColumn"], ["year-column", "yearColumn"], ["unit", "unit"]]) {
        const value = s.getAttribute(attribute);
        if (value) source[key] = value;
      }
      const targets = s.getAttribute("targets");
      if (targets) source.targets = targets.split(",").map((t) => t.trim()).filter(Boolean);
      return source;
    }),
  );
}

/** The options of profile/profilePage from the element's attributes. */
function options(element) {
  const number = (name) => {
    const text = element.getAttribute(name);
    if (text === null || text === "") return undefined;
    const value = Number(text);
    if (!Number.isInteger(value)) throw new Error(`<chiso-profile ${name}="${text}">: expected a year such as 2020`);
    return value;
  };
  const lang = element.getAttribute("lang") === "en" ? "en" : "vi";
  const result = { unit: element.getAttribute("unit") ?? "", year: number("year"), lang, format: "html" };
  const previous = number("previous");
  if (previous !== undefined) result.previous = previous;
  const targets = element.getAttribute("targets");
  if (targets) result.targets = targets.split(",").map((t) => t.trim()).filter(Boolean);
  const unitMap = element.getAttribute("unit-map");
  if (unitMap) result.unitMap = unitMap;
  return result;
}

export class ChisoProfile extends HTMLElement {
  static observedAttributes = ["unit", "year", "previous", "lang", "targets", "unit-map"];

  #root = this.attachShadow({ mode: "open" });
  #sources = null;
  #pending = 0;
  /** The last profile computed (the core's result: rows per index), or null. */
  profile = null;

  connectedCallback() {
    this.#render();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#render();
  }

  /** Fetches the sources again (after changing <chiso-source> children) and re-renders. */
  refresh() {
    this.#sources = null;
    return this.#render();
  }

  async #render() {
    const ticket = ++this.#pending;
    const lang = this.getAttribute("lang") === "en" ? "en" : "vi";
    this.dataset.state = "loading";
    this.#root.replaceChildren(Object.assign(document.createElement("p"), { textContent: WORDS[lang].loading }));
    try {
      await loadAnalyses();
      this.#sources ??= sources(this);
      const list = await this.#sources;
      const opts = options(this);
      const html = profilePage(list, opts);
      const { lang: _l, format: _f, ...dataOptions } = opts;
      const result = profile(list, dataOptions);
      if (ticket !== this.#pending) return;
      // The page is chiso's standalone document; every name in it is escaped by the core.
      // DOMParser runs no script; its <style> and <article> go into the shadow root.
      const doc = new DOMParser().parseFromString(html, "text/html");
      const nodes = [...doc.head.querySelectorAll("style"), ...doc.body.children].map((n) => document.importNode(n, true));
      const style = document.createElement("style");
      style.textContent = ":host{display:block} .chiso-profile{margin:0;max-width:none}";
      this.#root.replaceChildren(style, ...nodes);
      this.profile = result;
      this.dataset.state = "ready";
      this.dispatchEvent(new CustomEvent("chiso-profile-ready", { detail: result }));
    } catch (error) {
      if (ticket !== this.#pending) return;
      this.profile = null;
      const box = document.createElement("p");
      box.setAttribute("role", "alert");
      box.setAttribute("part", "error");
      box.textContent = `${WORDS[lang].error}: ${error?.message ?? error}`;
      this.#root.replaceChildren(box);
      this.dataset.state = "error";
      this.dispatchEvent(new CustomEvent("chiso-profile-error", { detail: error }));
    }
  }
}

if (!customElements.get("chiso-profile")) customElements.define("chiso-profile", ChisoProfile);
