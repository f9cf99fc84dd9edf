// Browser checks with hostile unit names (cross-site scripting), called by run.mjs: the
// bundled PCI table with three provinces renamed to names that would run a script if a page
// put them into its HTML unescaped, then the report page (examples/web/report.html) and the
// scorecard (examples/web/scorecard.html's <chiso-scorecard>) on those units. No script may run
// (no dialog opens, no global is set), no element of the name may appear in the DOM, and the
// name must show literally. The names are those of the bad-input catalogue's `hostile` section
// that attack HTML, with alert() calls the test listens for.
import { readFileSync } from "node:fs";

const CSV = new URL("../../../../examples/data/pci/pci_subindices.csv", import.meta.url);

/** Province → hostile name. Đà Nẵng leads most sub-indices in 2016, so its name is also in the scorecard's bar titles. */
const RENAMED = {
  "Nam Định": `<img src=x onerror="alert('img');window.top.__chisoPwned='img'">`,
  "Quảng Ninh": `</svg><script>alert('script');window.top.__chisoPwned='script'</script>`,
  "Đà Nẵng": `x" onmouseover="alert('attribute')" data-x="`,
};

/** A CSV cell as a spreadsheet writes it. */
function cell(text) {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The bundled table with the provinces renamed (in `province`, or in `unit` for the card). */
function hostileTable(unitColumn) {
  const [header, ...lines] = readFileSync(CSV, "utf8").trim().split(/\r?\n/);
  const names = header.split(",");
  const p = names.indexOf("province");
  names[p] = unitColumn;
  const rows = lines.map((line) => {
    const fields = line.split(",");
    const name = fields[p].normalize("NFC");
    if (RENAMED[name]) fields[p] = RENAMED[name];
    return fields.map(cell).join(",");
  });
  return [names.join(","), ...rows].join("\n") + "\n";
}

/**
 * What a document, frame or shadow root holds: the elements a hostile name would bring (an
 * image, an inline script, an event-handler attribute; the page's own scripts have a src), and
 * its text.
 */
function inspect(root) {
  return {
    injected: root.querySelectorAll("img, script:not([src]), [onmouseover], [onerror], [data-x]").length,
    text: root.textContent,
  };
}

/**
 * @param {import("playwright-core").BrowserContext} context
 * @param {{base: string, check: Function}} env
 */
export async function checkHostileNames(context, { base, check }) {
  const page = await context.newPage();
  const dialogs = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  // The pages fetch the bundled table; they get the renamed one.
  await page.route("**/examples/data/pci/pci_subindices.csv", (route) =>
    route.fulfill({ status: 200, contentType: "text/csv; charset=utf-8", body: hostileTable("province") }),
  );
  try {
    for (const [province, name] of Object.entries(RENAMED)) {
      for (const lang of ["vi", "en"]) {
        const where = `hostile name for ${province} in the report page (${lang})`;
        const query = new URLSearchParams({ year: "2016", unit: name, lang });
        await page.goto(`${base}/examples/web/report.html?${query}`);
        await page.waitForSelector(`#report[data-state=ready][data-lang=${lang}], #status[data-state=error]`, { timeout: 30_000 });
        const state = await page.getAttribute("#report", "data-state");
        check(`${where}: rendered`, state === "ready", await page.textContent("#status"));
        if (state !== "ready") continue;
        check(`${where}: the unit selector shows the name literally`, (await page.inputValue("#unit")) === name);
        const frame = page.frameLocator("#report");
        const inside = await frame.locator("html").evaluate(inspect);
        check(`${where}: no element from the name in the report`, inside.injected === 0, JSON.stringify(inside.injected));
        const heading = (await frame.locator("h1").textContent()) ?? "";
        check(`${where}: the heading shows the name literally`, heading.endsWith(`— ${name}`), heading);
        const legend = (await frame.locator("svg.radar text tspan").first().textContent()) ?? "";
        check(`${where}: the chart legend shows the name literally`, legend === `■ ${name}`, legend);
        const outside = await page.evaluate(inspect, await page.evaluateHandle(() => document.body));
        check(`${where}: no element from the name in the page`, outside.injected === 0);
      }
    }

    // The scorecard: the card's CSV is the renamed table, its unit a hostile name; the card
    // draws into a shadow root of the page itself, where scripts would run.
    await page.goto(`${base}/examples/web/scorecard.html`);
    const table = hostileTable("unit");
    for (const [province, name] of Object.entries(RENAMED)) {
      const where = `hostile name for ${province} in the scorecard`;
      const shown = await page.evaluate(
        async ({ table, name }) => {
          await customElements.whenDefined("chiso-scorecard");
          const card = document.querySelector("#card");
          const done = new Promise((resolve) => {
            card.addEventListener("chiso-render", resolve, { once: true });
            card.addEventListener("chiso-error", resolve, { once: true });
          });
          card.csv = table;
          card.setAttribute("year", "2016");
          card.setAttribute("unit", name);
          await done;
          const root = card.shadowRoot;
          // Hover every bar, in case an attribute slipped through.
          for (const el of root.querySelectorAll("*")) el.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
          return {
            state: card.dataset.state,
            unit: root.querySelector('[data-field="unit"]')?.textContent ?? null,
            titles: [...root.querySelectorAll("svg.bars title")].map((t) => t.textContent),
            injected: root.querySelectorAll("img, script:not([src]), [onmouseover], [onerror], [data-x]").length,
          };
        },
        { table, name },
      );
      check(`${where}: rendered`, shown.state === "ready", JSON.stringify(shown));
      check(`${where}: the heading shows the name literally`, shown.unit === name, shown.unit);
      check(`${where}: no element from the name in the card`, shown.injected === 0, String(shown.injected));
      if (province !== "Đà Nẵng") {
        const leader = RENAMED["Đà Nẵng"];
        check(`${where}: bar titles name the leader literally`, shown.titles.some((t) => t.includes(`(${leader})`)), shown.titles.join(" | "));
      }
    }
    // An unknown hostile unit: the card's error message shows it literally.
    const unknown = `<img src=x onerror="alert('error')">`;
    const error = await page.evaluate(async (unit) => {
      const card = document.querySelector("#card");
      const done = new Promise((resolve) => card.addEventListener("chiso-error", resolve, { once: true }));
      card.setAttribute("unit", unit);
      await done;
      const root = card.shadowRoot;
      return { text: root.textContent, injected: root.querySelectorAll("img, script:not([src]), [onerror]").length };
    }, unknown);
    check("hostile unknown unit in the scorecard: the error names it literally", error.text.includes(`'${unknown}'`) && error.injected === 0, error.text.slice(0, 300));

    const pwned = await page.evaluate(() => window.__chisoPwned ?? null);
    check("hostile names: no script ran (no dialog, no global set)", dialogs.length === 0 && pwned === null, JSON.stringify({ dialogs, pwned }));
  } finally {
    await page.close();
  }
}
