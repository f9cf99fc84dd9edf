// Types of chiso/scorecard (hand-written for scorecard.js; checked by `tsc --noEmit -p .`).
// Importing the module defines the <chiso-scorecard> custom element (browsers only).

import type { Diagnosis, Labels, SpecInput, Tier } from "./index.js";

/** A published table shipped with the package, as {@link bundledData} lists it. */
export interface BundledTable {
  /** Absolute URL of the CSV (next to the module). */
  url: string;
  /** The column holding unit names. */
  unitColumn: string;
  /** Where the numbers come from, in Vietnamese and English. */
  source: Labels;
}

/** The published tables this package ships, by preset id (`pci`): a card's data when it has no `src` and no `csv`. */
export declare const bundledData: Readonly<Record<string, Readonly<BundledTable>>>;

/** One unit of the shown year's ranking ({@link ChisoScorecard.ranking}). */
export interface RankingEntry {
  /** Unit name (NFC). */
  unit: string;
  /** Composite, unrounded. */
  score: number;
  /** Rank (1 = best). */
  rank: number;
  /** Units ranked. */
  out_of: number;
  /** Tier, when the year has a tier rule. */
  tier: Tier | null;
}

/** The card's unit re-scored with what-if sub-index scores, the other units unchanged. */
export interface WhatIf {
  /** Composite with the what-if scores, unrounded. */
  score: number;
  /** Rank with the what-if scores. */
  rank: number;
  /** Units ranked. */
  out_of: number;
  /** Tier with the what-if scores. */
  tier: Tier | null;
  /** The what-if scores, by sub-index id (only those moved). */
  values: Record<string, number>;
}

/** `detail` of the `chiso-render` event: what the card now shows. */
export interface ScorecardRender {
  /** Unit (NFC). */
  unit: string;
  /** Year, `null` for data without years. */
  year: number | null;
  /** Composite, unrounded. */
  score: number;
  /** Rank. */
  rank: number;
  /** Units ranked. */
  out_of: number;
  /** Tier. */
  tier: Tier | null;
}

/** The events of a {@link ChisoScorecard}, besides those of every element. */
export interface ChisoScorecardEventMap extends HTMLElementEventMap {
  /** The card shows a (new) unit, year, language or data. */
  "chiso-render": CustomEvent<ScorecardRender>;
  /** A what-if slider moved (`null` after a reset). */
  "chiso-whatif": CustomEvent<WhatIf | null>;
  /** The card shows an error instead (bad data, unknown unit, unreachable `src`, …). */
  "chiso-error": CustomEvent<{ error: Error }>;
}

/** The card's state, reflected in its `data-state` attribute. */
export type ScorecardState = "loading" | "ready" | "error";

/**
 * `<chiso-scorecard index="pci" year="2016" unit="Quảng Ninh" lang="vi">`: one unit's
 * scorecard — score, rank out of N, tier, change on the previous year, an SVG bar chart of the
 * sub-indices against the national median and best, and what-if sliders that re-score the
 * field — computed by the package in the browser.
 *
 * Attributes: `index` (preset id, default `pci`), `year` (default: the data's latest), `unit`
 * (default: the year's leader), `lang` (`vi` default, `en`), `src` (a CSV's URL; default: the
 * bundled table of `index`), `unit-column`, `year-column`, `what-if="off"`.
 * Theming: CSS custom properties `--chiso-accent`, `--chiso-accent-soft`, `--chiso-ink`,
 * `--chiso-muted`, `--chiso-line`, `--chiso-median`, `--chiso-best`, `--chiso-up`,
 * `--chiso-down`, `--chiso-radius`, `--chiso-font`; parts `card`, `header`, `summary`,
 * `chart`, `whatif`, `footer`.
 */
export declare class ChisoScorecard extends HTMLElement {
  /** The attributes the card reacts to. */
  static readonly observedAttributes: string[];
  /** CSV text to show instead of `src` or the bundled table (`null`: use those). */
  csv: string | null;
  /** A spec to use instead of the `index` preset (`null`: the preset). */
  spec: SpecInput | null;
  /** The diagnosis shown, or `null` before the first render and after an error. */
  readonly diagnosis: Diagnosis | null;
  /** The shown year's ranking, best first. */
  readonly ranking: RankingEntry[];
  /** The years of the data, latest first. */
  readonly years: number[];
  /** The units of the shown year, in Vietnamese alphabetical order. */
  readonly units: string[];
  /** The what-if result while a sub-index is moved, else `null`. */
  readonly whatIf: WhatIf | null;
  /** The error shown instead of the card, or `null`. */
  readonly error: Error | null;
  /**
   * Sets what-if scores by sub-index id, as the sliders do, and re-scores the field; `null` or
   * `undefined` restores a sub-index. Returns the what-if result (`null` before the first render).
   * @throws {RangeError} for an id that is not a sub-index of the card.
   * @throws {TypeError} for a value that is not a finite number.
   */
  setWhatIf(values: Record<string, number | null | undefined>): WhatIf | null;
  /** Restores every sub-index to its real score. */
  resetWhatIf(): void;
  /** Custom-element callback: renders the card. */
  connectedCallback(): void;
  /** Custom-element callback: stops watching the card's size. */
  disconnectedCallback(): void;
  /** Custom-element callback: re-renders after an attribute change. */
  attributeChangedCallback(name: string, before: string | null, after: string | null): void;
  addEventListener<K extends keyof ChisoScorecardEventMap>(
    type: K,
    listener: (this: ChisoScorecard, event: ChisoScorecardEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof ChisoScorecardEventMap>(
    type: K,
    listener: (this: ChisoScorecard, event: ChisoScorecardEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "chiso-scorecard": ChisoScorecard;
  }
}
