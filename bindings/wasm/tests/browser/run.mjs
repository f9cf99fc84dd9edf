// Browser test: serves the repository root from a local node:http server, opens
// examples/web/index.html in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core) and checks the ranking table against the published PCI 2016 values in
// examples/data/pci/pci_subindices.csv, then the province report page
// examples/web/report.html in Vietnamese and English (./report.mjs), then the province
// scorecard and its one-tag embed against the shared test vectors (./scorecard.mjs), then
// both with hostile unit names that must not run a script (./hostile.mjs).
// Prints "N passed, M failed"; exits 1 on any failure. A missing browser is a failure, never
// a skip. Screenshots are test artifacts: they are kept in target/browser-screenshots/ (or
// $CHISO_SCREENSHOTS), whose path is printed.
import { createServer } from "node:http";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { checkHostileNames } from "./hostile.mjs";
import { checkProfilePage } from "./profile.mjs";
import { checkReportPage } from "./report.mjs";
import { checkScorecard } from "./scorecard.mjs";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const CHROMIUM = process.env.CHISO_CHROMIUM ?? "/usr/bin/chromium";
const PAGE = "/examples/web/index.html";
const CSV = join(ROOT, "examples/data/pci/pci_subindices.csv");
const SHOTS = process.env.CHISO_SCREENSHOTS ?? join(ROOT, "target/browser-screenshots");
const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

// --- expected values, from the published columns of the CSV -------------------------------
/** Published rows of one year, best first: {province, score, rank, tier}. */
function published(year) {
  const [header, ...lines] = readFileSync(CSV, "utf8").trim().split(/\r?\n/);
  if (header.includes('"')) throw new Error(`${CSV}: quoted fields are not expected`);
  const names = header.split(",");
  const at = (name) => {
    const i = names.indexOf(name);
    if (i < 0) throw new Error(`${CSV}: no column ${name}`);
    return i;
  };
  const [y, p, s, r, t] = ["year", "province", "pci_published", "rank_published", "tier_published"].map(at);
  return lines
    .map((line) => line.split(","))
    .filter((f) => f[y] === String(year))
    .map((f) => ({ province: f[p].normalize("NFC"), score: Number(f[s]), rank: Number(f[r]), tier: f[t].normalize("NFC") }))
    .sort((a, b) => a.rank - b.rank);
}

// --- static server ------------------------------------------------------------------------
function serve() {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      const file = normalize(join(ROOT, path));
      if (!file.startsWith(ROOT) || file.split(sep).includes("node_modules")) {
        res.writeHead(403).end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

// --- checks -------------------------------------------------------------------------------
let passed = 0;
let failed = 0;
function check(name, condition, detail = "") {
  if (condition) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}${detail ? `: ${detail}` : ""}`);
  }
}

/** The rendered table as objects, in display order. */
async function tableRows(page) {
  return page.$$eval("#ranking tbody tr", (trs) =>
    trs.map((tr) => ({
      rank: Number(tr.dataset.rank),
      unit: tr.dataset.unit,
      score: Number(tr.dataset.score),
      cells: [...tr.cells].map((td) => td.textContent.trim()),
      tier: tr.dataset.tier,
    })),
  );
}

function checkTop(label, rows, expected) {
  check(`${label}: ${expected.length} rows`, rows.length === expected.length, `got ${rows.length}`);
  for (const want of expected.slice(0, 3)) {
    const got = rows[want.rank - 1];
    const where = `${label} rank ${want.rank}`;
    check(`${where} is ${want.province}`, got?.unit === want.province && got?.cells[1] === want.province, JSON.stringify(got));
    check(`${where} shows rank ${want.rank}`, got?.rank === want.rank && got?.cells[0] === String(want.rank), JSON.stringify(got));
    check(
      `${where} shows ${want.score.toFixed(2)}`,
      got?.cells[2] === want.score.toFixed(2) && Math.abs(got.score - want.score) < 1e-4,
      `shown ${got?.cells[2]}, unrounded ${got?.score}, published ${want.score}`,
    );
    const tier = want.tier || "–";
    check(`${where} tier ${tier}`, got?.cells[3] === tier && got?.tier === want.tier, JSON.stringify(got));
  }
  const ranksMatch = expected.every((want) => rows.find((r) => r.unit === want.province)?.rank === want.rank);
  check(`${label}: every province has its published rank`, ranksMatch);
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    check(`chromium at ${CHROMIUM}`, false, "not installed (scripts/setup.sh installs it)");
    return;
  }
  if (!existsSync(join(ROOT, "bindings/wasm/pkg/chiso_wasm_bg.wasm"))) {
    check("bindings/wasm/pkg is built", false, "run the wasm build first (scripts/test.sh wasm)");
    return;
  }
  const server = await serve();
  const profile = mkdtempSync(join(tmpdir(), "chiso-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const problems = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    const responses = [];
    page.on("response", (r) => {
      responses.push(r);
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });

    const { port } = server.address();
    await page.goto(`http://127.0.0.1:${port}${PAGE}`);
    await page.waitForSelector("#ranking[data-state=ready], #status[data-state=error]", { timeout: 30_000 });
    const status = await page.textContent("#status");
    check("the page renders the ranking", (await page.getAttribute("#ranking", "data-state")) === "ready", status);

    const wasm = responses.find((r) => r.url().endsWith(".wasm"));
    check("the .wasm is served as application/wasm", wasm?.headers()["content-type"] === "application/wasm", wasm?.url());
    check("nothing is loaded from outside the local server", responses.every((r) => r.url().startsWith(`http://127.0.0.1:${port}/`)));

    checkTop("2016", await tableRows(page), published(2016));

    // The year selector re-scores with that year's edition (2013–2021 weights and tiers).
    await page.selectOption("#year", "2014");
    await page.waitForSelector("#ranking[data-state=ready][data-year='2014']", { timeout: 10_000 });
    checkTop("2014", await tableRows(page), published(2014));
    // 2006: the 2006–2008 weights, 64 provinces, no tier rule.
    await page.selectOption("#year", "2006");
    await page.waitForSelector("#ranking[data-state=ready][data-year='2006']", { timeout: 10_000 });
    checkTop("2006", await tableRows(page), published(2006));

    // The province report: Nam Định 2016 in both languages, its charts and screenshots.
    mkdirSync(SHOTS, { recursive: true });
    console.log(`# screenshots in ${SHOTS}`);
    await checkReportPage(page, { base: `http://127.0.0.1:${port}`, check, published, shots: SHOTS });

    // <chiso-profile>: one unit across indices (full tables and published results), both languages.
    await checkProfilePage(page, { base: `http://127.0.0.1:${port}`, check, published, shots: SHOTS });

    // The scorecard and the <chiso-scorecard> embed, against the shared vectors.
    await checkScorecard(page, context, { base: `http://127.0.0.1:${port}`, check, shots: SHOTS });

    // Hostile unit names (cross-site scripting) in the report page and the scorecard.
    await checkHostileNames(context, { base: `http://127.0.0.1:${port}`, check });

    check("no console errors or warnings, no failed requests", problems.length === 0, problems.join(" | "));
  } finally {
    await context?.close().catch(() => {});
    await new Promise((resolve) => server.close(resolve));
    server.closeAllConnections?.();
    rmSync(profile, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  check("the browser test ran to the end", false, e?.stack ?? String(e));
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
