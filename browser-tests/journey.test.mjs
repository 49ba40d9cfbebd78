// One learner's path through the course, end to end, as the curriculum issue asks: open the
// course, follow the sidebar to a chapter, read it, do its lab (type the handler, Grade), take
// the part's quiz, and find both on "Your progress". Every step is a click or keystroke.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, siteUrl } from "./chromium.mjs";

const base = siteUrl();
const bookDir = process.env.LABBOOK_BOOK_DIR;
if (!bookDir) throw new Error("LABBOOK_BOOK_DIR is not set: run these tests through `cargo test -p labbook --test browser`");
const LAB = "s3-csv-validation";
const solution = readFileSync(join(bookDir, "labs", LAB, "solution.py"), "utf8");
/** The unoptimised (--dev-runtime) wasm on a shared machine is slow to load: be generous. */
const SLOW = 180_000;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("a learner reads the S3 chapter, passes its lab, answers the Part III quiz and sees both on their progress page", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));

  // The course's front page, then the sidebar to the chapter.
  await page.goto(base, { waitUntil: "domcontentloaded" });
  await page.locator("#mdbook-sidebar a", { hasText: "Triggering Lambda Functions with S3 Events" }).click();
  await page.waitForURL(/part3\/s3\/triggers\.html$/, { waitUntil: "domcontentloaded" });
  assert.match(await page.locator("main h1").first().innerText(), /S3/);
  assert.match(await page.locator("main").innerText(), /ObjectCreated/, "the chapter teaches the event");

  // Its lab, further down: scrolling to it loads the runtime.
  const panel = page.locator(`[data-labbook-lab="${LAB}"]`);
  await panel.scrollIntoViewIfNeeded();
  await panel.locator(':scope[data-state="ready"]').waitFor({ timeout: SLOW });
  const editor = panel.locator('[data-role="code"] .cm-content');
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(solution);
  await panel.locator('button[data-action="grade"]').click();
  const summary = panel.locator('[data-role="grade-summary"]');
  await summary.waitFor({ timeout: SLOW });
  assert.match(await summary.innerText(), /^Passed: (\d+) of \1 checks/);

  // On to the end of Part III and its quiz.
  await page.locator("#mdbook-sidebar a", { hasText: "Summary of Part III" }).click();
  await page.waitForURL(/part3\/summary\.html$/, { waitUntil: "domcontentloaded" });
  const quiz = page.locator('[data-labbook-quiz="part3"]');
  await quiz.scrollIntoViewIfNeeded();
  await page.locator('[data-labbook-quiz="part3"][data-state="ready"]').waitFor({ timeout: SLOW });
  const q = quiz.locator('[data-qid="http-sync"]');
  await q.locator("label", { hasText: "API Gateway" }).click();
  await q.locator(".labbook-quiz-check").click();
  await quiz.locator('[data-qid="http-sync"][data-state="correct"]').waitFor({ timeout: 30_000 });
  assert.match(await q.locator(".labbook-quiz-explanation").innerText(), /synchronously/);

  // "Your progress" has both.
  await page.locator("#mdbook-sidebar a", { hasText: "Your progress" }).click();
  await page.waitForURL(/progress\.html$/, { waitUntil: "domcontentloaded" });
  await page.locator(`[data-labbook-progress-lab="${LAB}"][data-state="passed"]`).waitFor({ timeout: 10_000 });
  assert.equal(await page.locator(`[data-labbook-progress-lab="${LAB}"] .labbook-progress-state`).innerText(), "passed");
  await page.locator('[data-labbook-progress-quiz="part3"][data-state="started"]').waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('[data-labbook-progress-quiz="part3"] .labbook-progress-state').innerText(), "1/9");
  assert.deepEqual(errors, []);
  await context.close();
});
