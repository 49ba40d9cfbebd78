// The course site as a learner meets it, in real headless Chromium against `labbook serve`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, siteUrl } from "./chromium.mjs";

const base = siteUrl();
// A scratch copy of the book that `labbook serve` watches, so editing it cannot touch the real one.
const bookDir = process.env.LABBOOK_BOOK_DIR;
if (!bookDir) throw new Error("LABBOOK_BOOK_DIR is not set: run these tests through `cargo test -p labbook --test browser`");
const runtimeVersion = process.env.LABBOOK_RUNTIME_VERSION;
if (!runtimeVersion) throw new Error("LABBOOK_RUNTIME_VERSION is not set: run these tests through `cargo test -p labbook --test browser`");
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A fresh page that records every response it sees. */
async function openPage(path) {
  const page = await browser.newPage();
  const responses = [];
  page.on("response", (r) => responses.push(r));
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  // DOMContentLoaded, not "load": a page's lab worker may still be streaming the wasm module,
  // which a learner does not wait for either.
  await page.goto(new URL(path, base).href, { waitUntil: "domcontentloaded", timeout: 60_000 });
  return { page, responses, errors };
}

test("the home page renders the course title and the part list", async () => {
  const { page, responses, errors } = await openPage("");
  assert.match(await page.title(), /Learn AWS Lambda by Doing/);
  await page.locator("main h1").first().waitFor();
  assert.equal(await page.locator("main h1").first().innerText(), "About this course");
  assert.ok(await page.locator("main table").isVisible(), "the parts table is shown");
  // The home page has a runtime check, so the wasm may load there; every other request is fine.
  assert.ok(responses.every((r) => r.status() < 400), responses.filter((r) => r.status() >= 400).map((r) => r.url()).join(", "));
  assert.deepEqual(errors, []);
  await page.close();
});

test("the sidebar navigates to the IAM chapter", async () => {
  const { page } = await openPage("");
  const link = page.locator("#mdbook-sidebar a", { hasText: "Configuring IAM Users and Roles" });
  await link.click();
  await page.waitForURL(/part1\/setup\/iam\.html$/, { waitUntil: "domcontentloaded" });
  assert.equal(await page.locator("main h1").first().innerText(), "Configuring IAM Users and Roles");
  // The chapter's own links and assets resolve from a nested folder (relative URLs).
  const css = await page.evaluate(() => getComputedStyle(document.body).getPropertyValue("--fg"));
  assert.notEqual(css.trim(), "", "mdBook's CSS loaded");
  await page.close();
});

test("search finds 'execution role' in the IAM chapter", async () => {
  const { page } = await openPage("glossary.html");
  // labbook's search takes over mdBook's button (browser-tests/search.test.mjs tests it further).
  await page.locator("#mdbook-search-toggle").click();
  const bar = page.locator("#labbook-search-input");
  await bar.waitFor({ state: "visible" });
  await bar.pressSequentially("execution role", { delay: 20 });
  const hit = page.locator('#labbook-search-results a[href*="part1/setup/iam.html"]').first();
  await hit.waitFor({ timeout: 10_000 });
  await hit.click();
  await page.waitForURL(/part1\/setup\/iam\.html/, { waitUntil: "domcontentloaded" });
  assert.match(await page.locator("main").innerText(), /execution role/i);
  await page.close();
});

test("a page without a lab downloads no wasm", async () => {
  const { page, responses } = await openPage("part1/setup/iam.html");
  // Not "networkidle": the preview's live-reload long-poll keeps one request open on purpose.
  await page.mouse.wheel(0, 5000); // scrolling is what triggers lazy loading elsewhere
  await page.waitForTimeout(1000);
  assert.equal(responses.filter((r) => r.url().endsWith(".wasm")).length, 0);
  await page.close();
});

test("the runtime check loads the wasm module and reports its version", async () => {
  const { page, responses, errors } = await openPage("about.html");
  const box = page.locator("[data-labbook-runtime]");
  await box.scrollIntoViewIfNeeded();
  await page.locator('[data-labbook-runtime][data-state="ready"]').waitFor({ timeout: 60_000 });
  const status = await box.locator(".labbook-runtime-status").innerText();
  assert.match(status, /Lab runtime labs-wasm \S+ is ready: it ran a Python handler/);
  // Python really ran in the browser: the handler's return value came back from the worker.
  assert.deepEqual(JSON.parse(await box.getAttribute("data-selftest")), { statusCode: 200, body: "Hello from Lambda!" });
  assert.equal(await box.getAttribute("data-version"), runtimeVersion);
  const wasm = responses.find((r) => r.url().endsWith("labs_wasm_bg.wasm"));
  assert.ok(wasm, "the wasm module was fetched");
  assert.equal(wasm.headers()["content-type"], "application/wasm");
  // The button is a real button and disappears once the runtime is ready.
  assert.equal(await box.locator("button").isVisible(), false);
  assert.deepEqual(errors, []);
  await page.close();
});

test("missing pages get the site's 404 page with status 404", async () => {
  const { page } = await openPage("no/such/page.html");
  const res = await page.request.get(new URL("no/such/page.html", base).href);
  assert.equal(res.status(), 404);
  assert.match(await page.locator("main").innerText(), /Document not found/i);
  await page.close();
});

test("editing a chapter reloads the open page; a broken edit shows the error and keeps the site", async () => {
  const chapter = join(bookDir, "src", "glossary.md");
  const original = readFileSync(chapter, "utf8");
  const { page } = await openPage("glossary.html");
  try {
    await page.locator("main h1").waitFor();
    // A good edit: the open page reloads by itself and shows it.
    writeFileSync(chapter, original.replace("# Glossary", "# Glossary of terms"));
    await page.locator("main h1", { hasText: "Glossary of terms" }).waitFor({ timeout: 20_000 });

    // A broken edit: the error (file and line) appears over the page, the last good build stays.
    writeFileSync(chapter, original + "\n{{#lab no-such-lab}}\n");
    const overlay = page.locator("#labbook-build-error");
    await overlay.waitFor({ timeout: 20_000 });
    assert.match(await overlay.innerText(), /glossary\.md:\d+: no lab `no-such-lab`/);
    const again = await page.request.get(new URL("glossary.html", base).href);
    assert.equal(again.status(), 200, "the last good site is still served");

    // Fixing it clears the error and reloads.
    writeFileSync(chapter, original);
    await page.locator("main h1", { hasText: /^Glossary$/ }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator("#labbook-build-error").count(), 0);
  } finally {
    writeFileSync(chapter, original);
    await page.close();
  }
});
