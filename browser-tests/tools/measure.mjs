// Prints load and run figures for one lab page as a learner meets it, against any served
// site: `LABBOOK_URL=http://127.0.0.1:3000/ node browser-tests/tools/measure.mjs [lab-id]`.
// (The browser tests record the same figures for the dev runtime; this is for the release
// bundle `labbook serve` builds, and for comparing hosts.)
import { launch } from "../chromium.mjs";

const lab = process.argv[2] || "s3-csv-validation";
const base = process.env.LABBOOK_URL;
if (!base) throw new Error("set LABBOOK_URL to the served site, e.g. http://127.0.0.1:3000/");
const browser = await launch();
const runs = [];
for (let i = 0; i < 3; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let wasmBytes = 0;
  page.on("response", async (r) => {
    if (r.url().endsWith(".wasm")) wasmBytes = (await r.request().sizes()).responseBodySize;
  });
  const t0 = Date.now();
  await page.goto(new URL(`labs/${lab}.html`, base).href, { waitUntil: "domcontentloaded" });
  const panel = page.locator(`[data-labbook-lab="${lab}"]`);
  await panel.locator(':scope[data-state="ready"]').waitFor({ timeout: 120_000 });
  const ready = Date.now() - t0;
  const run = async () => {
    const t = Date.now();
    await panel.locator('button[data-action="run"]').click();
    await page.waitForFunction((p) => !p.hasAttribute("aria-busy"), await panel.elementHandle(), { timeout: 120_000 });
    return Date.now() - t;
  };
  const cold = await run();
  const warm = await run();
  const t = Date.now();
  await panel.locator('button[data-action="grade"]').click();
  await panel.locator('[data-role="grade-summary"]').waitFor({ timeout: 120_000 });
  const grade = Date.now() - t;
  runs.push({ ready, cold, warm, grade, wasmBytes });
  await context.close();
}
await browser.close();
const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[1];
console.log(`lab ${lab}: median of 3 fresh visits (cold browser cache each time)`);
console.log(`  navigation -> lab ready: ${median("ready")} ms`);
console.log(`  first Run (cold start):  ${median("cold")} ms`);
console.log(`  second Run (warm):       ${median("warm")} ms`);
console.log(`  Grade (all cases):       ${median("grade")} ms`);
console.log(`  wasm bytes transferred:  ${runs[0].wasmBytes}`);
