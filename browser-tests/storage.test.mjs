// What the theme keeps in the browser (storage.js): two tabs on one lab keep both drafts
// reachable, a refused save says so on the page, a corrupt entry does not break the page, and
// the un-namespaced keys of earlier versions are moved into the course's namespace.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, siteUrl } from "./chromium.mjs";

const base = siteUrl();
const bookDir = process.env.LABBOOK_BOOK_DIR;
if (!bookDir) throw new Error("LABBOOK_BOOK_DIR is not set: run these tests through `cargo test -p labbook --test browser`");
const LAB = "first-handler";
const starter = readFileSync(join(bookDir, "labs", LAB, "starter.py"), "utf8");
const labUrl = new URL(`labs/${LAB}.html`, base).href;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openLab(context) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(labUrl, { waitUntil: "domcontentloaded" });
  const panel = page.locator(`[data-labbook-lab="${LAB}"]`);
  await panel.locator('[data-role="code"] .cm-content').waitFor({ timeout: 60_000 });
  return { page, panel, errors };
}

async function typeCode(page, panel, code) {
  await panel.locator('[data-role="code"] .cm-content').click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

const editorText = (panel) => panel.evaluate((box) => window.labbook.panels.get(box).editor.getText());

test("two tabs editing one lab keep both drafts reachable", async () => {
  const context = await browser.newContext();
  const a = await openLab(context);
  const b = await openLab(context);
  const draftA = "# tab A's draft\n" + starter;
  const draftB = "# tab B's draft\n" + starter;

  await typeCode(a.page, a.panel, draftA);
  // Tab B is told, and its editor is left alone.
  const noticeB = b.panel.locator('[data-role="notice"]');
  await noticeB.locator("button", { hasText: "Load it" }).waitFor({ timeout: 10_000 });
  assert.match(await noticeB.innerText(), /Another tab saved a newer draft/);
  assert.equal(await editorText(b.panel), starter);

  // B keeps typing: A's draft is not lost, and A is told in turn.
  await typeCode(b.page, b.panel, draftB);
  await a.panel.locator('[data-role="notice"] button', { hasText: "Load it" }).waitFor({ timeout: 10_000 });
  assert.equal(await editorText(a.panel), draftA);

  // Both tabs closed; a new one opens B's draft (the last saved) and offers A's.
  await a.page.close();
  await b.page.close();
  const c = await openLab(context);
  assert.equal(await editorText(c.panel), draftB);
  const noticeC = c.panel.locator('[data-role="notice"]');
  assert.match(await noticeC.innerText(), /another tab/i);
  await noticeC.locator("button", { hasText: "Load it" }).click();
  assert.equal(await editorText(c.panel), draftA);
  assert.equal(await noticeC.isVisible(), false);

  // Chosen: after a reload there is one draft and nothing more to offer.
  await c.page.reload({ waitUntil: "domcontentloaded" });
  await c.panel.locator('[data-role="code"] .cm-content').waitFor();
  assert.equal(await editorText(c.panel), draftA);
  assert.equal(await noticeC.isVisible(), false);
  assert.deepEqual([...a.errors, ...b.errors, ...c.errors], []);
  await context.close();
});

test("a save the browser refuses (a full quota) shows a notice; the lab keeps working", async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  const { page, panel, errors } = await openLab(context);
  const notice = page.locator('[data-role="storage-notice"]');
  assert.equal(await notice.count(), 0, "nothing refused yet, nothing said");
  await typeCode(page, panel, "# a draft that cannot be kept\n" + starter);
  await notice.waitFor({ timeout: 10_000 });
  assert.match(await notice.innerText(), /could not be saved in this browser: this browser's storage for the site is full/);
  assert.equal(await notice.getAttribute("role"), "alert");
  await notice.locator("button", { hasText: "Dismiss" }).click();
  assert.equal(await notice.isVisible(), false);
  assert.match(await editorText(panel), /cannot be kept/, "the editor keeps the text");
  assert.deepEqual(errors, []);
  await context.close();
});

test("corrupt entries are dropped and old un-namespaced keys are moved once", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Any page of the site's origin that runs none of our scripts: set what an older version left.
  await page.goto(new URL("labbook/labbook.css", base).href);
  const at = new Date().toISOString();
  await page.evaluate(
    ({ lab, at }) => {
      localStorage.setItem(`labbook:lab:${lab}:draft`, JSON.stringify({ version: "fnv1a-00000000", code: "# from before\n", savedAt: at }));
      localStorage.setItem(`labbook:lab:${lab}:failedGrades`, "2");
      localStorage.setItem("labbook:quiz:part1", JSON.stringify({ version: "v", answers: {}, correct: {}, score: 9, maxScore: 9, at }));
      localStorage.setItem(`labbook:progress:lab:${lab}`, "{not json");
    },
    { lab: LAB, at }
  );
  const { page: labPage, panel, errors } = await openLab(context);
  assert.equal(await editorText(panel), "# from before\n", "the old draft is the learner's draft");
  const keys = await labPage.evaluate(() => Object.keys(localStorage).sort());
  assert.ok(!keys.some((k) => k.startsWith("labbook:")), `old keys are gone: ${keys}`);
  const course = await labPage.evaluate(() => window.labbook.storage.course);
  assert.equal(course, new URL(base).pathname);
  assert.equal((await labPage.evaluate(() => window.labbook.storage.get("quiz:part1"))).score, 9);
  // The corrupt one moved too, and reading it drops it instead of breaking the page.
  assert.equal(await labPage.evaluate((lab) => window.labbook.storage.get(`progress:lab:${lab}`), LAB), null);
  assert.equal(await labPage.evaluate((lab) => window.labbook.storage.names(`progress:lab:${lab}`).length, LAB), 0);
  await labPage.goto(new URL("progress.html", base).href, { waitUntil: "load" });
  await labPage.locator('[data-labbook-progress-quiz="part1"][data-state="passed"]').waitFor({ timeout: 10_000 });
  assert.deepEqual(errors, []);
  await context.close();
});
