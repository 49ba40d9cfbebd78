// Quizzes as a learner meets them: answer wrong, then right, see the explanation, reload and
// still see the score; and the page as served carries no correct answer in readable form.
// The answers below come from book/quizzes/part1.toml: the test knows them, the page must not.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { launch, siteUrl } from "./chromium.mjs";

const base = siteUrl();
const bookDir = process.env.LABBOOK_BOOK_DIR;
if (!bookDir) throw new Error("LABBOOK_BOOK_DIR is not set: run these tests through `cargo test -p labbook --test browser`");
/** Each file in book/quizzes is placed once (part and chapter quizzes), so the progress page counts them all. */
const QUIZZES = readdirSync(join(bookDir, "quizzes")).filter((f) => f.endsWith(".toml")).length;
const PAGE = "part1/summary.html";
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Explanations of part1's non-code questions: the page may show them only after a right answer. */
const EXPLANATIONS = [
  "Fifteen minutes, which is 900 seconds",
  "The trust policy names the Lambda service principal",
  "runs an **event source mapping**",
  "event source mapping</strong> that polls",
  "The managed policy",
  "For a new function, pick the newest",
  "The root user cannot be deleted",
  "One million requests and 400,000 GB-seconds",
  "treats binary parameters such as",
];
/** Accepted short answers: never in the quiz's markup or data. */
const SHORT_ANSWERS = ["CloudWatch Logs", "Amazon CloudWatch Logs"];

const question = (page, qid) => page.locator(`[data-labbook-quiz="part1"] [data-qid="${qid}"]`);
const inState = (page, qid, state) => page.locator(`[data-labbook-quiz="part1"] [data-qid="${qid}"][data-state="${state}"]`);

async function check(page, qid) {
  await question(page, qid).locator(".labbook-quiz-check").click();
}

test("the served page holds no correct answer and no explanation", async () => {
  const page = await browser.newPage();
  const res = await page.request.get(new URL(PAGE, base).href);
  assert.equal(res.status(), 200);
  const html = await res.text();
  const start = html.indexOf('<section class="labbook-quiz"');
  assert.ok(start > 0, "the part 1 summary has its quiz");
  const quizHtml = html.slice(start, html.indexOf("</section>", start));
  for (const text of EXPLANATIONS) assert.ok(!html.includes(text), `explanation text in the page: ${text}`);
  for (const text of SHORT_ANSWERS) assert.ok(!quizHtml.includes(text), `short answer in the quiz: ${text}`);
  assert.ok(!/correct|answer"?\s*:/i.test(quizHtml.replace(/Your answer/g, "")), "nothing marks an option or value as the answer");
  // The code question's reference solution stays out too (its checks may be in the data).
  assert.ok(!html.includes('f\\"Hello, {name}!\\"') && !html.includes("Hello, {name}!"), "reference solution in the page");
  await page.close();
});

test("answer wrong, then right, see the explanation, reload and keep the score", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(new URL(PAGE, base).href, { waitUntil: "domcontentloaded", timeout: 60_000 });
  const quiz = page.locator('[data-labbook-quiz="part1"]');
  await quiz.scrollIntoViewIfNeeded();
  // Scrolling it into view starts the grader (the lab runtime in its worker).
  await page.locator('[data-labbook-quiz="part1"][data-state="ready"]').waitFor({ timeout: 120_000 });
  const score = quiz.locator(".labbook-quiz-score");
  assert.equal(await score.innerText(), "Not answered yet.");

  // A numeric question: wrong first; no explanation, a way to try again.
  const timeout = question(page, "max-timeout");
  await timeout.locator(".labbook-quiz-text").fill("300");
  await check(page, "max-timeout");
  await inState(page, "max-timeout", "wrong").waitFor({ timeout: 30_000 });
  assert.match(await timeout.locator(".labbook-quiz-feedback").innerText(), /Not quite/);
  assert.equal(await timeout.locator(".labbook-quiz-explanation").isVisible(), false);
  assert.match(await score.innerText(), /^Score: 0 of 9 correct/);
  assert.ok(await quiz.locator(".labbook-quiz-retry").isVisible(), "retry the wrong ones");

  // Then right: the explanation unlocks and the question locks.
  await timeout.locator(".labbook-quiz-text").fill("900");
  await check(page, "max-timeout");
  await inState(page, "max-timeout", "correct").waitFor({ timeout: 30_000 });
  assert.match(await timeout.locator(".labbook-quiz-explanation").innerText(), /Fifteen minutes, which is 900 seconds/);
  assert.ok(await timeout.locator(".labbook-quiz-text").isDisabled());

  // A single-choice question, wrong then (after "retry the wrong ones") right, by clicking.
  const trust = question(page, "trust-policy");
  await trust.locator("label", { hasText: "ec2.amazonaws.com" }).click();
  await check(page, "trust-policy");
  await inState(page, "trust-policy", "wrong").waitFor({ timeout: 30_000 });
  await quiz.locator(".labbook-quiz-retry").click();
  assert.equal(await trust.locator("input:checked").count(), 0, "retry clears the wrong answer");
  assert.ok(await timeout.locator(".labbook-quiz-text").isDisabled(), "right answers stay answered");
  await trust.locator("label", { hasText: "lambda.amazonaws.com" }).click();
  await check(page, "trust-policy");
  await inState(page, "trust-policy", "correct").waitFor({ timeout: 30_000 });
  assert.match(await trust.locator(".labbook-quiz-explanation").innerText(), /service principal/);

  // A short answer, case and spaces as a learner types them.
  const logs = question(page, "basic-role-service");
  await logs.locator(".labbook-quiz-text").fill("  cloudwatch   LOGS ");
  await check(page, "basic-role-service");
  await inState(page, "basic-role-service", "correct").waitFor({ timeout: 30_000 });
  assert.match(await score.innerText(), /^Score: 3 of 9 correct \(6 not answered yet\)/);

  // Reload: the score, the answers and the explanations come back.
  await page.reload({ waitUntil: "domcontentloaded" });
  await question(page, "max-timeout").scrollIntoViewIfNeeded();
  assert.match(await page.locator('[data-labbook-quiz="part1"] .labbook-quiz-score').innerText(), /^Score: 3 of 9 correct/);
  await inState(page, "max-timeout", "correct").waitFor();
  assert.equal(await question(page, "max-timeout").locator(".labbook-quiz-text").inputValue(), "900");
  await question(page, "trust-policy").locator(".labbook-quiz-explanation", { hasText: "service principal" }).waitFor({ timeout: 120_000 });
  const saved = await page.evaluate(() => window.labbook.storage.get("quiz:part1"));
  const version = await page.locator('[data-labbook-quiz="part1"]').getAttribute("data-version");
  assert.equal(saved.version, version);
  assert.equal(saved.score, 3);
  assert.equal(saved.maxScore, 9);
  assert.deepEqual(saved.correct, { "max-timeout": true, "trust-policy": true, "basic-role-service": true });

  // The progress page shows the score.
  await page.goto(new URL("progress.html", base).href, { waitUntil: "domcontentloaded" });
  const item = page.locator('[data-labbook-progress-quiz="part1"] .labbook-progress-state');
  await page.locator('[data-labbook-progress-quiz="part1"][data-state="started"]').waitFor({ timeout: 10_000 });
  assert.equal(await item.innerText(), "3/9");
  assert.match(await page.locator(".labbook-progress-total").innerText(), new RegExp(`Quizzes passed: 0 of ${QUIZZES}\\.`));

  // Reset clears the quiz.
  await page.goto(new URL(PAGE, base).href, { waitUntil: "domcontentloaded" });
  await page.locator('[data-labbook-quiz="part1"] .labbook-quiz-reset').click();
  assert.equal(await page.locator('[data-labbook-quiz="part1"] .labbook-quiz-score').innerText(), "Not answered yet.");
  assert.equal(await page.evaluate(() => window.labbook.storage.get("quiz:part1")), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a code question runs the learner's handler against its checks", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL(PAGE, base).href, { waitUntil: "domcontentloaded", timeout: 60_000 });
  const q = question(page, "hello-name");
  await q.scrollIntoViewIfNeeded();
  await page.locator('[data-labbook-quiz="part1"][data-state="ready"]').waitFor({ timeout: 120_000 });
  // The starter fails its checks, and the feedback says which.
  await check(page, "hello-name");
  await inState(page, "hello-name", "wrong").waitFor({ timeout: 120_000 });
  assert.match(await q.locator(".labbook-quiz-feedback").innerText(), /Greet the name from the event/);
  await q.locator("textarea").fill(
    'def lambda_handler(event, context):\n    who = event.get("name") or "world"\n    return {"statusCode": 200, "body": "Hello, " + who + "!"}\n'
  );
  await check(page, "hello-name");
  await inState(page, "hello-name", "correct").waitFor({ timeout: 120_000 });
  assert.match(await q.locator(".labbook-quiz-explanation").innerText(), /already parsed/);
  await context.close();
});

test("the progress page lists scores and labs, and the sidebar marks finished chapters", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL("glossary.html", base).href, { waitUntil: "domcontentloaded" });
  // Saved progress as the quiz and the lab panel write it.
  await page.evaluate(() => {
    const at = new Date().toISOString();
    const store = window.labbook.storage;
    store.set("quiz:part1", { version: "v", answers: {}, correct: {}, score: 9, maxScore: 9, at });
    store.set("quiz:part2", { version: "v", answers: {}, correct: {}, score: 4, maxScore: 9, at });
    store.set("progress:lab:s3-csv-validation", { passed: true, score: 6, maxScore: 6, at });
    store.set("lab:s3-csv-validation:draft", { version: "v", code: "# kept", savedAt: at, tab: "t" });
  });
  await page.goto(new URL("progress.html", base).href, { waitUntil: "load" });
  await page.locator('[data-labbook-progress-quiz="part1"][data-state="passed"]').waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('[data-labbook-progress-quiz="part1"] .labbook-progress-state').innerText(), "9/9, passed");
  assert.equal(await page.locator('[data-labbook-progress-quiz="part2"] .labbook-progress-state').innerText(), "4/9");
  assert.equal(await page.locator('[data-labbook-progress-lab="s3-csv-validation"] .labbook-progress-state').innerText(), "passed");
  assert.match(await page.locator(".labbook-progress-total").innerText(), new RegExp(`Quizzes passed: 1 of ${QUIZZES}\\. Labs passed: 1 of \\d+\\.`));
  // Every part of the course is listed, with its chapters.
  assert.equal(await page.locator(".labbook-progress-part h3").count(), 4);
  // The sidebar, on any page, marks the chapters whose quizzes and labs are all done.
  await page.goto(new URL("part1/setup/iam.html", base).href, { waitUntil: "load" });
  const done = page.locator("#mdbook-sidebar a[data-labbook-done]");
  await done.first().waitFor({ timeout: 10_000 });
  const hrefs = await done.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.some((h) => h.endsWith("part1/summary.html")), hrefs.join(", "));
  assert.ok(!hrefs.some((h) => h.endsWith("part2/summary.html")), "part 2's quiz is not passed yet");
  // Reset all (after confirming) forgets everything.
  await page.goto(new URL("progress.html", base).href, { waitUntil: "load" });
  page.once("dialog", (d) => d.accept());
  await page.locator(".labbook-progress-reset").click();
  assert.equal(await page.locator('[data-labbook-progress-quiz="part1"] .labbook-progress-state').innerText(), "not taken");
  // …that is, progress: the learner's drafts are not progress and stay.
  assert.deepEqual(await page.evaluate(() => window.labbook.storage.names().filter((k) => !k.startsWith("storage:"))), [
    "lab:s3-csv-validation:draft",
  ]);
  await context.close();
});
