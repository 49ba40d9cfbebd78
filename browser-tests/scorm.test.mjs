// SCORM packages in an LMS: `labbook export scorm` packages run against scorm-again (a real
// SCORM 1.2 / 2004 runtime, acting as the LMS here) in headless Chromium. The LMS page is
// served by this test, like a real LMS serves an uploaded package: it extracts the zip, reads
// the launch page from imsmanifest.xml, puts the API object on its window and the SCO in an
// iframe, and stores every commit. The learner passes a lab (SCORM 1.2) and a quiz (SCORM
// 2004, with xAPI statements to an LRS this test plays too); the LMS records the score, the
// status `passed` and the suspend data; a fresh browser reopening the SCO gets the draft back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, extname, normalize } from "node:path";
import { launch } from "./chromium.mjs";

const bookDir = process.env.LABBOOK_BOOK_DIR;
const bin = process.env.LABBOOK_BIN;
if (!bookDir || !bin) throw new Error("LABBOOK_BOOK_DIR or LABBOOK_BIN is not set: run these tests through `cargo test -p labbook --test browser`");
const LAB = "first-handler";
const QUIZ = "part1-setup";
/** A chapter with two labs, the first of them LAB: one SCO with both (`--per-chapter`). */
const CHAPTER = "part2/first-function/handler.md";
const solution = readFileSync(join(bookDir, "labs", LAB, "solution.py"), "utf8");
/** The quiz's questions with their answers, read from its TOML (Python's tomllib). */
const questions = JSON.parse(
  execFileSync("python3", [
    "-c",
    "import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], 'rb'))['questions']))",
    join(bookDir, "quizzes", `${QUIZ}.toml`),
  ])
);

const scratch = mkdtempSync(join(tmpdir(), "labbook-scorm-"));
const MIME = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm", ".xml": "application/xml" };
/** Per package: its folder, launch page, and what the LMS stored. */
const packages = {};
const statements = [];
let browser;
let server;
let origin;

/** Exports and extracts a package, as an instructor uploads it and an LMS unpacks it. */
function exportPackage(name, args) {
  const zip = join(scratch, `${name}.zip`);
  execFileSync(bin, ["--book", bookDir, "export", "scorm", ...args, "--dev-runtime", "--out", zip], { stdio: ["ignore", "ignore", "inherit"] });
  const dir = join(scratch, name);
  execFileSync("python3", ["-m", "zipfile", "-e", zip, dir]);
  const manifest = readFileSync(join(dir, "imsmanifest.xml"), "utf8");
  const href = /adlcp:scorm[tT]ype="sco" href="([^"]+)"/.exec(manifest)[1];
  packages[name] = { dir, href, commits: [], size: statSync(zip).size };
}

/** The LMS's player page: scorm-again's API on this window, the SCO in an iframe. */
function lmsPage(name, version, resume, query) {
  const pkg = packages[name];
  const [script, global, cls] = version === "2004" ? ["scorm2004.js", "API_1484_11", "Scorm2004API"] : ["scorm12.js", "API", "Scorm12API"];
  const saved = resume ? pkg.commits.at(-1).cmi : null;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>LMS</title>
<script src="/scorm-again/${script}"></script>
<script>
  window.${global} = new ${cls}({ lmsCommitUrl: "/lms/${name}/commit", dataCommitFormat: "json", logLevel: 5 });
  ${saved ? `window.${global}.loadFromJSON(${JSON.stringify(saved)});` : ""}
</script></head><body>
<iframe id="sco" title="SCO" src="/pkg/${name}/${pkg.href}${query || ""}" style="width:100%;height:1400px;border:0"></iframe>
</body></html>`;
}

before(async () => {
  exportPackage("lab12", ["--lab", LAB]);
  exportPackage("quiz2004", ["--quiz", QUIZ, "--scorm", "2004", "--xapi"]);
  exportPackage("chapter12", ["--chapter", CHAPTER, "--per-chapter"]);
  console.log(`# package sizes: lab (SCORM 1.2) ${packages.lab12.size} bytes, quiz (SCORM 2004) ${packages.quiz2004.size} bytes (dev runtime)`);
  server = createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    const parts = url.pathname.split("/").filter(Boolean);
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (parts[0] === "lms" && parts[2] === "launch") {
        const q = url.searchParams;
        res.writeHead(200, { "content-type": MIME[".html"] });
        return res.end(lmsPage(parts[1], q.get("v"), q.get("resume") === "1", q.get("query")));
      }
      if (parts[0] === "lms" && parts[2] === "commit" && req.method === "POST") {
        packages[parts[1]].commits.push(JSON.parse(body));
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ result: true, errorCode: 0 }));
      }
      if (parts[0] === "xapi" && parts[1] === "statements" && req.method === "POST") {
        statements.push({ auth: req.headers.authorization, version: req.headers["x-experience-api-version"], statement: JSON.parse(body) });
        res.writeHead(200, { "content-type": "application/json" });
        return res.end("[]");
      }
      let file = null;
      if (parts[0] === "scorm-again") file = join("node_modules/scorm-again/dist", normalize(parts.slice(1).join("/")));
      if (parts[0] === "pkg" && packages[parts[1]]) file = join(packages[parts[1]].dir, normalize(parts.slice(2).join("/")));
      if (!file || file.includes("..") || !existsSync(file)) {
        res.writeHead(404);
        return res.end();
      }
      res.writeHead(200, { "content-type": MIME[extname(file)] || "application/octet-stream" });
      res.end(readFileSync(file));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

/** Waits until the LMS has a commit that `ok` accepts; returns it. */
async function commitWhere(name, ok, what) {
  const t0 = Date.now();
  for (;;) {
    const found = packages[name].commits.findLast((c) => ok(c.cmi));
    if (found) return found.cmi;
    if (Date.now() - t0 > 30_000) throw new Error(`the LMS never got a commit with ${what}; last: ${JSON.stringify(packages[name].commits.at(-1))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Types the solution into `panel`'s editor as a learner does, and grades it. */
async function passLab(page, panel) {
  await panel.locator('[data-role="code"] .cm-content').click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(solution);
  await panel.locator('button[data-action="grade"]').click();
  const summary = panel.locator('[data-role="grade-summary"]');
  await summary.waitFor({ timeout: 180_000 });
  assert.match(await summary.innerText(), /^Passed:/);
}

test("a lab in a SCORM 1.2 LMS: the learner passes, the LMS records it, the draft comes back", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(`${origin}/lms/lab12/launch?v=1.2`, { waitUntil: "domcontentloaded" });
  const panel = page.frameLocator("#sco").locator(`[data-labbook-lab="${LAB}"]`);
  const editor = panel.locator('[data-role="code"] .cm-content');
  await editor.waitFor({ timeout: 60_000 });
  assert.equal(await page.evaluate(() => window.API.cmi.core.lesson_status), "incomplete", "launching makes the attempt incomplete");
  await passLab(page, panel);

  const cmi = await commitWhere("lab12", (c) => c.core.lesson_status === "passed", "lesson_status passed");
  assert.equal(Number(cmi.core.score.raw), 100);
  assert.equal(Number(cmi.core.score.min), 0);
  assert.equal(Number(cmi.core.score.max), 100);
  const suspend = JSON.parse(cmi.suspend_data);
  assert.deepEqual(Object.keys(suspend.units), [`lab:${LAB}`]);
  assert.equal(suspend.units[`lab:${LAB}`].code.trim(), solution.trim(), "the suspend data holds the learner's draft");
  assert.ok(cmi.suspend_data.length <= 4096);

  // Leaving the SCO: session time, exit = suspend, commit, LMSFinish.
  await page.goto("about:blank");
  const last = await commitWhere("lab12", (c) => c.core.exit === "suspend", "exit suspend");
  assert.match(last.core.session_time, /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
  assert.equal(last.core.lesson_status, "passed");
  await context.close();

  // Another browser (no local storage): the LMS's suspend data brings the draft back.
  const again = await browser.newContext();
  const page2 = await again.newPage();
  page2.on("pageerror", (e) => errors.push(e));
  await page2.goto(`${origin}/lms/lab12/launch?v=1.2&resume=1`, { waitUntil: "domcontentloaded" });
  const editor2 = page2.frameLocator("#sco").locator(`[data-labbook-lab="${LAB}"] [data-role="code"] .cm-content`);
  await editor2.waitFor({ timeout: 60_000 });
  const starter = readFileSync(join(bookDir, "labs", LAB, "starter.py"), "utf8");
  const mine = solution.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#") && !starter.includes(l)).sort((a, b) => b.length - a.length)[0];
  assert.ok(mine, "the solution has a line the starter lacks");
  assert.ok((await editor2.innerText()).includes(mine), `the draft is back in the editor (${mine})`);
  assert.equal(await page2.evaluate(() => window.API.cmi.core.lesson_status), "passed", "reopening keeps the pass");

  // A draft longer than SCORM 1.2's 4,096 characters stays in the browser only, and says so.
  const warnings = [];
  page2.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await editor2.click();
  await page2.keyboard.press("ControlOrMeta+End");
  await page2.keyboard.insertText(`\n# ${"x".repeat(5000)}\n`);
  await commitWhere("lab12", (c) => JSON.parse(c.suspend_data || "{}").units?.[`lab:${LAB}`]?.dropped > 4096, "the too-long draft dropped");
  assert.ok(warnings.some((w) => /longer than SCORM 1\.2 allows for suspend data \(4096\); it is kept in this browser only/.test(w)), warnings.join("\n"));
  await again.close();
  assert.deepEqual(errors, []);
});

/** The visible text of an option as the TOML has it in Markdown. */
const plain = (s) => s.replace(/[`*]/g, "").replace(/\s+/g, " ").trim();

async function answer(sco, q) {
  const li = sco.locator(`[data-qid="${q.id}"]`);
  if (q.kind === "single" || q.kind === "multiple") {
    const right = q.kind === "single" ? [q.answer] : q.answer;
    for (const i of right) await li.locator("label", { hasText: plain(q.options[i]) }).locator("input").check();
  } else {
    await li.locator(".labbook-quiz-text").fill(String(q.kind === "short" ? q.answer[0] ?? q.answer : q.answer));
  }
  await li.locator(".labbook-quiz-check").click();
  await sco.locator(`[data-qid="${q.id}"][data-state="correct"]`).waitFor({ timeout: 60_000 });
}

test("a quiz in a SCORM 2004 LMS, with xAPI: answered right, recorded, restored", async () => {
  assert.ok(questions.every((q) => q.kind !== "code"), "this quiz has no code question (the test answers by kind)");
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  const actor = { objectType: "Agent", name: "Ada", mbox: "mailto:ada@example.org" };
  const registration = "6f1c5ab4-3a9e-4f4e-9d7b-2b7e1c9a0d11";
  const query = `?endpoint=${encodeURIComponent(`${origin}/xapi/`)}&auth=${encodeURIComponent("Basic dGVzdDp0ZXN0")}&actor=${encodeURIComponent(JSON.stringify(actor))}&registration=${registration}`;
  await page.goto(`${origin}/lms/quiz2004/launch?v=2004&query=${encodeURIComponent(query)}`, { waitUntil: "domcontentloaded" });
  const sco = page.frameLocator("#sco").locator(`[data-labbook-quiz="${QUIZ}"]`);
  await page.frameLocator("#sco").locator(`[data-labbook-quiz="${QUIZ}"][data-state="ready"]`).waitFor({ timeout: 120_000 });

  for (const q of questions.slice(0, -1)) await answer(sco, q);
  const quizState = (c) => JSON.parse(c.suspend_data || "{}").units?.[`quiz:${QUIZ}`]?.state;
  const partial = await commitWhere("quiz2004", (c) => quizState(c)?.score === questions.length - 1, "all but one answered");
  assert.equal(partial.completion_status, "incomplete", "not every question is answered yet");
  await answer(sco, questions.at(-1));
  const cmi = await commitWhere("quiz2004", (c) => c.success_status === "passed", "success_status passed");
  assert.equal(cmi.completion_status, "completed");
  assert.equal(Number(cmi.score.scaled), 1);
  assert.equal(Number(cmi.score.raw), 100);
  const state = quizState(cmi);
  assert.equal(Object.values(state.correct).filter(Boolean).length, questions.length, "the suspend data holds the answers");

  await page.goto("about:blank");
  const last = await commitWhere("quiz2004", (c) => c.exit === "suspend", "exit suspend");
  assert.match(last.session_time, /^PT\d+H\d+M\d+(\.\d+)?S$/);
  await context.close();

  // The LRS got the statements, from the launch's actor and registration.
  const verbs = statements.map((s) => s.statement.verb.display["en-US"]);
  assert.equal(verbs[0], "attempted");
  assert.equal(verbs.filter((v) => v === "answered").length, questions.length);
  const passed = statements.find((s) => s.statement.verb.id === "http://adlnet.gov/expapi/verbs/passed");
  assert.ok(passed, verbs.join(", "));
  assert.deepEqual(passed.statement.actor, actor);
  assert.equal(passed.statement.context.registration, registration);
  assert.equal(passed.auth, "Basic dGVzdDp0ZXN0");
  assert.equal(passed.version, "1.0.3");
  assert.equal(passed.statement.result.score.scaled, 1);
  assert.equal(passed.statement.result.success, true);
  assert.match(passed.statement.result.duration, /^PT\d+(\.\d+)?S$/);
  assert.match(passed.statement.object.id, new RegExp(`/quiz:${QUIZ}$`));

  // A fresh browser: the answers come back from the LMS.
  const again = await browser.newContext();
  const page2 = await again.newPage();
  page2.on("pageerror", (e) => errors.push(e));
  await page2.goto(`${origin}/lms/quiz2004/launch?v=2004&resume=1`, { waitUntil: "domcontentloaded" });
  const score = page2.frameLocator("#sco").locator(`[data-labbook-quiz="${QUIZ}"] .labbook-quiz-score`);
  await score.waitFor({ timeout: 60_000 });
  assert.equal(await score.innerText(), `Score: ${questions.length} of ${questions.length} correct.`);
  await again.close();
  assert.deepEqual(errors, []);
});

test("a chapter as one SCO: passing one of its two labs is half the score, not yet passed", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(`${origin}/lms/chapter12/launch?v=1.2`, { waitUntil: "domcontentloaded" });
  const frame = page.frameLocator("#sco");
  assert.equal(await frame.locator("[data-labbook-lab]").count(), 2, "both labs of the chapter are on its page");
  const panel = frame.locator(`[data-labbook-lab="${LAB}"]`);
  await panel.locator('[data-role="code"] .cm-content').waitFor({ timeout: 60_000 });
  await passLab(page, panel);
  const cmi = await commitWhere("chapter12", (c) => Number(c.core.score.raw) > 0, "a score");
  assert.equal(Number(cmi.core.score.raw), 50);
  assert.equal(cmi.core.lesson_status, "incomplete", "the other lab is not graded yet");
  assert.equal(JSON.parse(cmi.suspend_data).units[`lab:${LAB}`].code.trim(), solution.trim());
  await context.close();
  assert.deepEqual(errors, []);
});
