// A lab embedded in another site: an instructor's page on a different origin puts
// `labs/<id>.html?origin=<its origin>` in an iframe; when the learner grades inside it, the
// host page receives {type: "labbook:progress", lab, passed, score, maxScore}.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, siteUrl } from "./chromium.mjs";

const base = siteUrl();
const bookDir = process.env.LABBOOK_BOOK_DIR;
if (!bookDir) throw new Error("LABBOOK_BOOK_DIR is not set: run these tests through `cargo test -p labbook --test browser`");
const LAB = "s3-csv-validation";
const solution = readFileSync(join(bookDir, "labs", LAB, "solution.py"), "utf8");

let browser;
let host;
let hostOrigin;

/** The instructor's page: another origin (localhost vs the site's 127.0.0.1) with an iframe. */
function hostPage(frameSrc) {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>LMS</title></head><body>
<h1>My course</h1>
<iframe id="lab" title="Lab" src="${frameSrc}" style="width:100%;height:900px;border:0"></iframe>
<script>
  window.received = [];
  window.addEventListener("message", (e) => {
    if (e.data && e.data.type === "labbook:progress") window.received.push({ origin: e.origin, data: e.data });
  });
</script></body></html>`;
}

before(async () => {
  browser = await launch();
  host = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    const withOrigin = url.searchParams.get("with-origin") !== "no";
    const src = new URL(`labs/${LAB}.html`, base);
    if (withOrigin) src.searchParams.set("origin", hostOrigin);
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(hostPage(src.href));
  });
  await new Promise((resolve) => host.listen(0, "127.0.0.1", resolve));
  // Same machine, different origin: the site is served as 127.0.0.1, the host as localhost.
  hostOrigin = `http://localhost:${host.address().port}`;
  assert.notEqual(new URL(base).origin, hostOrigin);
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => host?.close(resolve));
});

async function gradeSolutionInFrame(page) {
  const frame = page.frameLocator("#lab");
  const panel = frame.locator(`[data-labbook-lab="${LAB}"]`);
  await panel.locator('[data-role="code"] .cm-content').waitFor({ timeout: 60_000 });
  await panel.locator('[data-role="code"] .cm-content').click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(solution);
  await panel.locator('button[data-action="grade"]').click();
  const summary = panel.locator('[data-role="grade-summary"]');
  await summary.waitFor({ timeout: 180_000 });
  return summary.innerText();
}

test("the embedded lab posts the learner's score to the host page's origin", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${hostOrigin}/course`, { waitUntil: "domcontentloaded" });
  assert.match(await gradeSolutionInFrame(page), /^Passed:/);
  await page.waitForFunction(() => window.received.length > 0, null, { timeout: 10_000 });
  const [message] = await page.evaluate(() => window.received);
  assert.equal(message.origin, new URL(base).origin, "it came from the lab's site");
  assert.equal(message.data.type, "labbook:progress");
  assert.equal(message.data.lab, LAB);
  assert.equal(message.data.passed, true);
  assert.ok(message.data.maxScore > 0);
  assert.equal(message.data.score, message.data.maxScore);
  await context.close();
});

test("without ?origin= (and none configured) the embedded lab posts nothing", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await page.goto(`${hostOrigin}/course?with-origin=no`, { waitUntil: "domcontentloaded" });
  assert.match(await gradeSolutionInFrame(page), /^Passed:/);
  await page.waitForTimeout(1000);
  assert.deepEqual(await page.evaluate(() => window.received), []);
  assert.ok(warnings.some((w) => /no parent origin/.test(w)), warnings.join("\n"));
  await context.close();
});
