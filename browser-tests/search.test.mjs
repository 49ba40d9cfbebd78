// labbook's search as a learner uses it: keys open it, queries are typed letter by letter,
// misspelled or not, and the section they mean must be in the first three results.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { launch, siteUrl } from "./chromium.mjs";
import { QUERIES, isExpected } from "./tools/search-queries.mjs";

const base = siteUrl();
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openPage(path) {
  const page = await browser.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(new URL(path, base).href, { waitUntil: "domcontentloaded", timeout: 60_000 });
  return { page, requests, errors };
}

/** Clears the box and types `q` as a learner does; returns the results shown. */
async function type(page, q) {
  const input = page.locator("#labbook-search-input");
  await input.fill("");
  await input.pressSequentially(q);
  await page.locator("#labbook-search-status", { hasText: /results|Nothing found/ }).waitFor({ timeout: 10_000 });
  return page.locator("#labbook-search-results li").evaluateAll((items, root) =>
    items.map((li) => ({
      url: new URL(li.querySelector("a").href).href.slice(root.length),
      kind: li.querySelector(".labbook-search-kind").textContent,
      title: li.querySelector(".labbook-search-title").textContent,
      snippet: li.querySelector(".labbook-search-snippet").textContent,
    })), new URL(base).href);
}

test("queries spelled right and wrong find their section in the top 3", async () => {
  const { page, requests, errors } = await openPage("part2/deploying/index.html");
  assert.ok(!requests.some((u) => u.includes("search-index")), "the index is not loaded with the page");
  await page.keyboard.press("/");
  await page.locator("#labbook-search-input").waitFor({ state: "visible" });
  assert.equal(await page.locator("#mdbook-search-wrapper").isVisible(), false, "mdBook's own bar stays closed");
  const misses = [];
  for (const { q, expect, typo, kind } of QUERIES) {
    const top = (await type(page, q)).slice(0, 3);
    if (!top.some((r) => isExpected(r.url, expect) && (!kind || r.kind === kind))) {
      const got = top.map((r) => `${r.kind} ${r.url}`).join(", ") || "nothing";
      misses.push(`${q} (${typo || "spelled right"}): wanted ${kind || "a result"} at ${expect}, got ${got}`);
    }
  }
  assert.deepEqual(misses, []);
  assert.ok(QUERIES.filter((q) => q.typo).length >= 15, "typos of every kind are tried");
  assert.ok(requests.some((u) => u.endsWith("labbook/search-index.js")), "the index loaded on the first search");
  assert.deepEqual(errors, []);
  await page.close();
});

test("Ctrl-K, arrows and Enter open a glossary term at its anchor, with its definition shown", async () => {
  const { page } = await openPage("part1/setup/iam.html");
  await page.keyboard.press("Control+k");
  const results = await type(page, "cold strat");
  const term = results.findIndex((r) => r.kind === "Glossary");
  assert.ok(term >= 0 && term < 3, JSON.stringify(results.slice(0, 3)));
  assert.equal(results[term].url, "glossary.html#cold-start");
  assert.match(results[term].snippet, /execution environment/, "the definition is shown");
  for (let i = 0; i < term; i++) await page.keyboard.press("ArrowDown");
  assert.equal(await page.locator('#labbook-search-results li[aria-selected="true"] .labbook-search-kind').textContent(), "Glossary");
  await page.keyboard.press("Enter");
  await page.waitForURL(/glossary\.html#cold-start$/, { waitUntil: "domcontentloaded" });
  assert.equal(await page.locator("#cold-start").textContent(), "Cold start");
  // Escape closes the box.
  await page.keyboard.press("/");
  await page.locator("#labbook-search-input").waitFor({ state: "visible" });
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("#labbook-search").isVisible(), false);
  await page.close();
});

test("labs and quiz questions are results of their own kind, linked to the panel and the quiz", async () => {
  const { page } = await openPage("index.html");
  await page.locator("#mdbook-search-toggle").click();
  const lab = (await type(page, "bad mesage orders")).slice(0, 3).find((r) => r.kind === "Lab");
  assert.ok(lab, "the SQS lab is found by its title, misspelled");
  assert.equal(lab.url, "part3/messaging/sqs.html#labbook-lab-sqs-order-processing-title");
  const quiz = (await type(page, "gb-seconds")).find((r) => r.kind === "Quiz question");
  assert.ok(quiz, "a quiz question is found by its prompt");
  assert.match(quiz.url, /#quiz-part1-serverless$/);
  assert.match(quiz.snippet, /^Quiz: /, "the result names its quiz");
  const terminalLab = (await type(page, "fix a broken deploymnet")).slice(0, 3).find((r) => r.kind === "Lab");
  assert.equal(terminalLab?.url, "part2/testing/debugging.html#labbook-lab-cli-fix-deployment-title", "a terminal lab is a lab result");
  await page.close();
});

test("a command is shown by its first line and opens the section that shows it", async () => {
  const { page } = await openPage("index.html");
  await page.keyboard.press("/");
  const results = await type(page, "updat-function-code");
  const at = results.findIndex((r) => r.kind === "Command");
  assert.ok(at >= 0 && at < 3, JSON.stringify(results.slice(0, 3)));
  assert.deepEqual(results[at], {
    url: "part2/deploying/cli.html#step-4-update-the-code",
    kind: "Command",
    title: "aws lambda update-function-code",
    snippet: "Step 4: update the code",
  });
  for (let i = 0; i < at; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForURL(/cli\.html#step-4-update-the-code$/, { waitUntil: "domcontentloaded" });
  assert.match(await page.locator("#step-4-update-the-code + p + pre").textContent(), /\$ aws lambda update-function-code \\/);
  await page.close();
});

test("the page splits AWS names as the build did: each whole form is an indexed term", async () => {
  // search-engine.js has the same tokenizer as labbook/src/search/tokenize.rs; if they drift,
  // a name typed exactly as the book writes it stops matching. Checked against the served index.
  const { queryWords } = createRequire(import.meta.url)("../theme/labbook/search-engine.js");
  const text = await (await fetch(new URL("labbook/search-index.js", base))).text();
  const index = JSON.parse(text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")));
  const terms = new Set(index.terms.split("\n"));
  const names = ["put_item", "update-function-code", "s3:ObjectCreated:*", "AWSLambdaBasicExecutionRole", "X-Ray", "Dead-letter", "python3.13", "queues", "policies"];
  const missing = [];
  for (const name of names) {
    const [word] = queryWords(name, new Set(index.stop));
    for (const form of [...word.whole, ...word.parts]) if (!terms.has(form)) missing.push(`${name} → ${form}`);
  }
  assert.deepEqual(missing, []);
  assert.ok(terms.has("dlq") && terms.has("deadletter"), "the DLQ synonym is indexed");
});
