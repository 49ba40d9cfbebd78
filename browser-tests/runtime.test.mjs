// The page's one lab runtime, shared by every panel and quiz on a page: a request that runs past
// its deadline or traps the wasm fails alone, the worker is replaced, and whatever was waiting
// behind it (a quiz question, the next Run) still gets its answer.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, siteUrl } from "./chromium.mjs";

const base = siteUrl();
/** The unoptimised (--dev-runtime) wasm on a shared machine is slow to load: be generous. */
const SLOW = 180_000;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function typeCode(page, panel, code) {
  await panel.locator('[data-role="code"] .cm-content').click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

/**
 * One line that never ends and never reaches a line of the learner's code again, so only the
 * page's deadline can stop it (the runtime's own timeout checks between the learner's lines).
 */
const NATIVE_LOOP = "def lambda_handler(event, context):\n    return sum(range(10 ** 15))\n";

test("a lab's timeout does not fail a quiz question checked on the same page meanwhile", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  // The SQS chapter has a lab and, further down, the messaging quiz.
  await page.goto(new URL("part3/messaging/sqs.html", base).href, { waitUntil: "domcontentloaded" });
  const panel = page.locator('[data-labbook-lab="sqs-order-processing"]');
  await panel.scrollIntoViewIfNeeded();
  await panel.locator(':scope[data-state="ready"]').waitFor({ timeout: SLOW });
  await typeCode(page, panel, NATIVE_LOOP);
  const t0 = Date.now();
  await panel.locator('button[data-action="run"]').click();
  await page.waitForFunction((box) => box.getAttribute("aria-busy") === "true", await panel.elementHandle());

  // While the Run hangs, the learner answers a quiz question: it queues behind the Run.
  const quiz = page.locator('[data-labbook-quiz="part3-messaging"]');
  const q = quiz.locator('[data-qid="filter-policy"]');
  await q.scrollIntoViewIfNeeded();
  await q.locator(".labbook-quiz-text").fill("FilterPolicy");
  await q.locator(".labbook-quiz-check").click();

  const timedOut = panel.locator(".labbook-lab-results", { hasText: "Task timed out after 10.00 seconds" });
  await timedOut.waitFor({ timeout: 90_000 });
  console.log(`# measure: native loop stopped by the page's deadline after (ms) = ${Date.now() - t0}`);
  assert.match(await panel.locator(".labbook-lab-results").innerText(), /restarted/);
  await quiz.locator('[data-qid="filter-policy"][data-state="correct"]').waitFor({ timeout: SLOW });
  assert.match(await q.locator(".labbook-quiz-feedback").innerText(), /Correct/);

  // And the lab runs again on the fresh worker.
  await typeCode(page, panel, "def lambda_handler(event, context):\n    return {'again': True}\n");
  await panel.locator('button[data-action="run"]').click();
  const value = panel.locator(".labbook-lab-return");
  await value.waitFor({ timeout: SLOW });
  assert.deepEqual(JSON.parse(await value.innerText()), { again: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a handler that crashes the runtime gets a clear message, and the next Run works", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL("labs/first-handler.html", base).href, { waitUntil: "domcontentloaded" });
  const panel = page.locator('[data-labbook-lab="first-handler"]');
  await panel.locator(':scope[data-state="ready"]').waitFor({ timeout: SLOW });
  // Python's own recursion limit lifted: the recursion goes on until the wasm's stack gives out.
  await typeCode(
    page,
    panel,
    "import sys\nsys.setrecursionlimit(10 ** 6)\n\ndef down(n):\n    return down(n + 1) + 1\n\n" +
      "def lambda_handler(event, context):\n    return down(0)\n"
  );
  await panel.locator('button[data-action="run"]').click();
  const crashed = panel.locator(".labbook-lab-result-heading", { hasText: "the runtime crashed" });
  await crashed.waitFor({ timeout: SLOW });
  const text = await panel.locator(".labbook-lab-results").innerText();
  assert.match(text, /The runtime crashed: .+ — it was restarted/);
  assert.equal(await panel.getAttribute("data-last-outcome"), "crashed");

  await typeCode(page, panel, "def lambda_handler(event, context):\n    return {'fine': 1}\n");
  await panel.locator('button[data-action="run"]').click();
  const value = panel.locator(".labbook-lab-return");
  await value.waitFor({ timeout: SLOW });
  assert.deepEqual(JSON.parse(await value.innerText()), { fine: 1 });
  await context.close();
});
