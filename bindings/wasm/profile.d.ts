// Types of the <chiso-profile> element (profile.js).
import type { Profile } from "./index.js";

/** `<chiso-profile unit year previous? lang? targets? unit-map?>` with `<chiso-source index src unit-column? year-column? unit? targets?>` children. */
export declare class ChisoProfile extends HTMLElement {
  static observedAttributes: string[];
  /** The last profile computed, or null (before the first render or after an error). */
  profile: Profile | null;
  /** Fetches the sources again and re-renders. */
  refresh(): Promise<void>;
  connectedCallback(): void;
  attributeChangedCallback(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "chiso-profile": ChisoProfile;
  }
}
