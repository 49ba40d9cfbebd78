// The lab panel as a learner uses it, in real headless Chromium against `labbook serve`:
// typing into the editor, Run, Grade, timeouts, drafts that survive a reload, and a lab
// inside a chapter. Also measures load and run times (printed as `# measure:` lines).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, siteUrl } from "./chromium.mjs";

const base = siteUrl();
const bookDir = process.env.LABBOOK_BOOK_DIR;
if (!bookDir) throw new Error("LABBOOK_BOOK_DIR is not set: run these tests through `cargo test -p labbook --test browser`");
const LAB = "s3-csv-validation";
const solution = readFileSync(join(bookDir, "labs", LAB, "solution.py"), "utf8");
const starter = readFileSync(join(bookDir, "labs", LAB, "starter.py"), "utf8");
/** Generous: the test runs the unoptimised (--dev-runtime) wasm on a shared machine. */
const LOAD_MS = 180_000;
const GRADE_MS = 180_000;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function measure(name, value) {
  console.log(`# measure: ${name} = ${value}`);
}

/** Opens the lab's standalone page in a fresh context (its own localStorage) unless given one. */
async function openLab(context, id = LAB) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(new URL(`labs/${id}.html`, base).href, { waitUntil: "domcontentloaded" });
  const panel = page.locator(`[data-labbook-lab="${id}"]`);
  await panel.locator('[data-role="code"] .cm-content').waitFor({ timeout: 60_000 });
  return { page, panel, errors };
}

/** Replaces the editor's text the way a learner would: select all, then type. */
async function typeCode(page, panel, code) {
  const content = panel.locator('[data-role="code"] .cm-content');
  await content.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  // insertText is one keyboard input event per call, like a paste: typing 70 lines key by key
  // would fight the editor's auto-indent and close-brackets exactly as a paste does not.
  await page.keyboard.insertText(code);
}

/** The text of the panel's code (or event) editor, as the panel itself reads it. */
async function editorText(panel, which = "editor") {
  return panel.evaluate((box, which) => window.labbook.panels.get(box)[which].getText(), which);
}

/** An entry as storage.js keeps it (namespaced per course), read in `page`. */
async function saved(page, name) {
  return page.evaluate((n) => window.labbook.storage.get(n), name);
}

async function waitReady(panel) {
  await panel.locator(':scope[data-state="ready"]').waitFor({ timeout: LOAD_MS });
}

async function grade(panel) {
  await panel.locator('button[data-action="grade"]').click();
  const summary = panel.locator('[data-role="grade-summary"]');
  await summary.waitFor({ timeout: GRADE_MS });
  return summary.innerText();
}

test("the reference solution, typed in, passes every check and progress is saved", async () => {
  const context = await browser.newContext();
  const responses = [];
  const t0 = Date.now();
  const page0 = await context.newPage();
  page0.on("response", (r) => responses.push(r));
  await page0.goto(new URL(`labs/${LAB}.html`, base).href, { waitUntil: "domcontentloaded" });
  const panel = page0.locator(`[data-labbook-lab="${LAB}"]`);
  // The static skeleton is there before any script: brief, buttons, the starter as text.
  assert.match(await panel.locator(".labbook-lab-brief").innerText(), /uploads/);
  assert.equal(await panel.locator('button[data-action="run"]').count(), 1);
  await waitReady(panel);
  measure("lab ready after navigation (ms)", Date.now() - t0);
  measure("lab ready, page's own count (ms)", await panel.getAttribute("data-ready-ms"));

  const wasm = responses.find((r) => r.url().endsWith(".wasm"));
  assert.ok(wasm, "the runtime's wasm was fetched");
  assert.equal(wasm.headers()["content-type"], "application/wasm");
  // Sizes from the network layer: a 30 MB body is not kept by the inspector.
  const wasmSizes = await wasm.request().sizes();
  measure("wasm bytes transferred", wasmSizes.responseBodySize + wasmSizes.responseHeadersSize);
  assert.ok(wasmSizes.responseBodySize > 1_000_000, "the whole module came over the wire");
  const cm = responses.find((r) => r.url().endsWith("vendor/codemirror.js"));
  assert.ok(cm, "the editor bundle was fetched");
  measure("editor bundle bytes", (await cm.request().sizes()).responseBodySize);

  // The sample event is shown as JSON.
  const event = await editorText(panel, "eventEditor");
  assert.equal(JSON.parse(event).Records[0].eventSource, "aws:s3");

  await typeCode(page0, panel, solution);
  assert.equal(await editorText(panel), solution, "the editor holds exactly what was typed");

  // Run, cold then warm: the return value and a CloudWatch-style log.
  let t = Date.now();
  await panel.locator('button[data-action="run"]').click();
  await panel.locator(".labbook-lab-log").first().waitFor({ timeout: GRADE_MS });
  measure("first Run, cold (ms)", Date.now() - t);
  const log = await panel.locator(".labbook-lab-log").first().innerText();
  assert.match(log, /^START RequestId: /m);
  assert.match(log, /^END RequestId: /m);
  assert.match(log, /^REPORT RequestId: .*Duration: /m);
  assert.match(log, /3 valid, 0 rejected/);
  assert.match(await panel.locator(".labbook-lab-result-heading").first().innerText(), /returned/);
  // The S3 object the handler wrote, in the state table, marked as added.
  const added = panel.locator('.labbook-lab-table tr[data-change="added"]', { hasText: "processed/orders-0115.json" });
  assert.equal(await added.count(), 1);

  t = Date.now();
  await panel.locator('button[data-action="run"]').click();
  await page0.waitForFunction((p) => !p.hasAttribute("aria-busy"), await panel.elementHandle(), { timeout: GRADE_MS });
  measure("second Run, warm (ms)", Date.now() - t);

  assert.match(await grade(panel), /^Passed: (\d+) of \1 checks/);
  assert.equal(await panel.locator('li[data-passed="false"]').count(), 0);
  assert.ok((await panel.locator("h5", { hasText: "Hidden case" }).count()) >= 1, "hidden cases are graded too");
  const progress = await saved(page0, `progress:lab:${LAB}`);
  assert.equal(progress.passed, true);
  assert.equal(progress.score, progress.maxScore);
  assert.ok(progress.score > 10 && progress.at);
  // A pass unlocks the solution: the runtime's token is kept, and the runtime hands it over.
  assert.equal(await panel.locator('button[data-action="solution"]').getAttribute("aria-disabled"), "false");
  assert.ok((await saved(page0, `lab:${LAB}:tokens`)).solutionToken, "the runtime's solution token is saved");
  await panel.locator('button[data-action="solution"]').click();
  const shown = panel.locator(".labbook-lab-solution .labbook-lab-pre");
  await shown.waitFor({ timeout: GRADE_MS });
  assert.equal((await shown.innerText()).trim(), solution.trim());
  await context.close();
});

test("a wrong handler fails with the check's message; a syntax error marks its line", async () => {
  const context = await browser.newContext();
  const { page, panel, errors } = await openLab(context);
  // The starter as given: grading fails, each failed check says what to do.
  assert.match(await grade(panel), /^Not yet: \d+ of \d+ checks pass/);
  const failed = panel.locator('li[data-passed="false"]');
  assert.ok((await failed.count()) > 0);
  assert.match(
    await panel.locator(".labbook-lab-results").innerText(),
    /Write every valid row to processed\/<name>\.json as a JSON array, with quantity as a number/
  );
  // Locked until a pass or 3 failed grades, and it says so.
  // aria-disabled, not disabled: it stays focusable and says why when pressed.
  await panel.locator('button[data-action="solution"]').click({ force: true });
  assert.match(await panel.locator(".labbook-lab-results").innerText(), /unlocks once you pass, or after 3 failed grades \(1 so far\)/);

  // A syntax error on line 4: Run reports it and the editor marks line 4.
  await typeCode(page, panel, "import json\n\ndef lambda_handler(event, context):\n    return {'ok': True\n");
  await panel.locator('button[data-action="run"]').click();
  await panel.locator(".labbook-cm-error-line").waitFor({ timeout: GRADE_MS });
  assert.match(await panel.locator(".labbook-lab-results").innerText(), /Syntax/i);
  const marked = await panel.locator(".labbook-cm-error-line").evaluate((line) => {
    const lines = [...line.parentElement.querySelectorAll(".cm-line")];
    return lines.indexOf(line) + 1;
  });
  assert.ok(marked === 4 || marked === 5, `the error line is marked (line ${marked})`);
  assert.equal(await panel.locator(".labbook-cm-error-marker").count(), 1);

  // A handler that raises: the error names its type and the raising line is marked.
  await typeCode(page, panel, "def lambda_handler(event, context):\n    x = 1\n    raise ValueError('nope')\n");
  await panel.locator('button[data-action="run"]').click();
  await panel.locator(".labbook-lab-error", { hasText: "ValueError" }).waitFor({ timeout: GRADE_MS });
  const line = await panel.locator(".labbook-cm-error-line").evaluate((l) => [...l.parentElement.querySelectorAll(".cm-line")].indexOf(l) + 1);
  assert.equal(line, 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test("`while True: pass` times out within the timeout + 2 s, and the next Run works", async () => {
  const context = await browser.newContext();
  const { page, panel } = await openLab(context);
  await waitReady(panel);
  const timeout = 10; // s3-csv-validation's [function] timeout
  await typeCode(page, panel, "def lambda_handler(event, context):\n    while True:\n        pass\n");
  const t0 = Date.now();
  await panel.locator('button[data-action="run"]').click();
  const heading = panel.locator(".labbook-lab-results", { hasText: `Task timed out after ${timeout.toFixed(2)} seconds` });
  await heading.waitFor({ timeout: (timeout + 30) * 1000 });
  const elapsed = Date.now() - t0;
  measure("infinite loop reported after (ms)", elapsed);
  assert.ok(elapsed <= (timeout + 2) * 1000, `reported after ${elapsed} ms`);
  // The page stayed responsive the whole time (the loop is in a worker).
  assert.equal(await page.evaluate(() => 1 + 1), 2);

  await typeCode(page, panel, "def lambda_handler(event, context):\n    print('hello again')\n    return {'n': len(event['Records'])}\n");
  await panel.locator('button[data-action="run"]').click();
  const value = panel.locator(".labbook-lab-return");
  await value.waitFor({ timeout: LOAD_MS });
  assert.deepEqual(JSON.parse(await value.innerText()), { n: 1 });
  assert.match(await panel.locator(".labbook-lab-log").first().innerText(), /hello again/);
  await context.close();
});

test("the draft survives a reload; a changed starter keeps the draft and says so", async () => {
  const context = await browser.newContext();
  const { page, panel } = await openLab(context);
  const draft = starter.replace("import csv", "import csv  # my draft");
  await typeCode(page, panel, draft);
  const kept = await saved(page, `lab:${LAB}:draft`);
  assert.equal(kept.code, draft);
  assert.match(kept.version, /^fnv1a-[0-9a-f]{8}$/);
  assert.ok(kept.savedAt);

  await page.reload({ waitUntil: "domcontentloaded" });
  await panel.locator('[data-role="code"] .cm-content').waitFor();
  assert.equal(await editorText(panel), draft);
  assert.equal(await panel.locator('[data-role="notice"]').isVisible(), false);

  // Pretend the draft was written against an older starter.
  await page.evaluate((k) => {
    const d = window.labbook.storage.get(k);
    window.labbook.storage.set(k, { ...d, version: "fnv1a-00000000" });
  }, `lab:${LAB}:draft`);
  await page.reload({ waitUntil: "domcontentloaded" });
  await panel.locator('[data-role="code"] .cm-content').waitFor();
  assert.equal(await editorText(panel), draft, "the draft is never overwritten silently");
  const notice = panel.locator('[data-role="notice"]');
  assert.match(await notice.innerText(), /starter code changed/);
  await notice.locator("button", { hasText: "Use the new starter" }).click();
  assert.equal(await editorText(panel), starter);

  // Reset code brings back the starter too.
  await typeCode(page, panel, "x = 1\n");
  await panel.locator('button[data-action="reset-code"]').click();
  assert.equal(await editorText(panel), starter);
  await context.close();
});

test("Ctrl-Enter runs; an edited event is used and Reset event restores it", async () => {
  const context = await browser.newContext();
  const { page, panel } = await openLab(context);
  await waitReady(panel);
  await typeCode(page, panel, "def lambda_handler(event, context):\n    return event\n");
  const eventEditor = panel.locator('[data-role="event"] .cm-content');
  await eventEditor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText('{"hello": "<b>world</b>"}');
  await page.keyboard.press("Control+Enter");
  const value = panel.locator(".labbook-lab-return");
  await value.waitFor({ timeout: GRADE_MS });
  assert.deepEqual(JSON.parse(await value.innerText()), { hello: "<b>world</b>" });
  // Learner output is text, never markup.
  assert.equal(await panel.locator(".labbook-lab-results b").count(), 0);

  await panel.locator('button[data-action="reset-event"]').click();
  await page.waitForFunction(
    (box) => window.labbook.panels.get(box).eventEditor.getText().includes("aws:s3"),
    await panel.elementHandle(),
    { timeout: 10_000 }
  );
  await context.close();
});

test("a chapter with {{#lab}} shows the panel and loads the wasm only when it is reached", async () => {
  const chapter = join(bookDir, "src", "glossary.md");
  const original = readFileSync(chapter, "utf8");
  const filler = Array.from({ length: 80 }, (_, i) => `Filler paragraph ${i} so the lab starts below the fold.`).join("\n\n");
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  const wasm = [];
  page.on("response", (r) => r.url().endsWith(".wasm") && wasm.push(r.url()));
  try {
    writeFileSync(chapter, `${original}\n\n${filler}\n\n{{#lab ${LAB}}}\n\nAfter the lab.\n`);
    // serve rebuilds on change (a write can be two file events, so two rebuilds): wait until
    // the page has had the panel for a while, so no reload is pending.
    const url = new URL("glossary.html", base).href;
    let seen = 0;
    for (let i = 0; i < 120 && seen < 4; i++) {
      const r = await page.request.get(url);
      seen = (await r.text()).includes(`data-labbook-lab="${LAB}"`) ? seen + 1 : 0;
      await page.waitForTimeout(500);
    }
    await page.goto(url, { waitUntil: "commit" });
    const panel = page.locator(`[data-labbook-lab="${LAB}"]`);
    await panel.locator('[data-role="code"] .cm-content').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000);
    assert.equal(wasm.length, 0, "no wasm before the lab is reached");
    // Markdown after the panel still renders as Markdown (the panel is one HTML block).
    assert.equal(await page.locator("main p", { hasText: "After the lab." }).count(), 1);
    await panel.scrollIntoViewIfNeeded();
    await waitReady(panel);
    assert.ok(wasm.length >= 1, "reaching the lab loads the runtime");
    // Narrow screen: nothing in the panel is wider than the page.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);
    // Dark theme: the editor follows mdBook's theme variables.
    await page.evaluate(() => {
      document.documentElement.classList.remove("light");
      document.documentElement.classList.add("coal");
    });
    const [bg, themeBg] = await page.evaluate(() => {
      const probe = document.createElement("div");
      probe.style.background = "var(--bg)";
      document.body.appendChild(probe);
      return [getComputedStyle(document.querySelector(".labbook-lab .cm-editor")).backgroundColor, getComputedStyle(probe).backgroundColor];
    });
    assert.equal(bg, themeBg, "the editor uses the theme's background");
    assert.notEqual(bg, "rgb(255, 255, 255)", "and it is dark in the coal theme");
  } finally {
    writeFileSync(chapter, original);
    await context.close();
  }
});
