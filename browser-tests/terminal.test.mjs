// The terminal as a learner uses it, in real headless Chromium against `labbook serve`: typing
// commands into xterm.js, a here-document across lines, zip, a role and a function created and
// invoked with the aws CLI, a typo answered with "Maybe you meant", history with the Up arrow,
// a file edited in the editor beside the terminal, and the workspace surviving a reload.
// Prints `# measure:` lines (start-up and per-command times); asserts none of them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, siteUrl } from "./chromium.mjs";

const base = siteUrl();
const PAGE = "part1/setup/cli.html";
/** Generous: the unoptimised (--dev-runtime) wasm on a shared machine. */
const START_MS = 180_000;
const COMMAND_MS = 60_000;

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

/** Opens the chapter and waits until its terminal shows a prompt. */
async function openTerminal(context) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  const fetched = [];
  page.on("request", (r) => fetched.push(r.url()));
  const t0 = Date.now();
  await page.goto(new URL(PAGE, base).href, { waitUntil: "domcontentloaded" });
  const box = page.locator("[data-labbook-terminal]").first();
  await box.scrollIntoViewIfNeeded();
  await page.waitForFunction((el) => el.dataset.state === "ready", await box.elementHandle(), { timeout: START_MS });
  await page.waitForFunction((el) => el.querySelector(".xterm-rows")?.textContent.includes("$"), await box.elementHandle(), { timeout: START_MS });
  return { page, box, errors, fetched, startMs: Date.now() - t0 };
}

/** Everything the terminal shows (scrollback too), one string per line, wrapped rows joined. */
async function screen(box) {
  return box.evaluate((el) => {
    const panel = window.labbook.terminals.find((p) => p.section === el);
    const buffer = panel.term.buffer.active;
    const lines = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      const text = line.translateToString(true);
      if (line.isWrapped && lines.length) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    return lines.join("\n").trimEnd();
  });
}

/** Waits until the terminal's text (as `screen` reads it) matches `pattern`. */
async function waitScreen(box, pattern, timeout = COMMAND_MS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await screen(box);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) assert.match(text, pattern);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Types `line` as keystrokes and presses Enter, then waits until the command has run; returns
 *  the milliseconds from Enter to the next prompt. */
async function run(page, box, line) {
  await box.locator(".xterm-helper-textarea").focus();
  const before = Number((await box.getAttribute("data-lines")) || 0);
  await page.keyboard.type(line, { delay: 0 });
  const t0 = Date.now();
  await page.keyboard.press("Enter");
  await page.waitForFunction(([el, n]) => Number(el.dataset.lines || 0) > n, [await box.elementHandle(), before], { timeout: COMMAND_MS });
  return Date.now() - t0;
}

test("a learner deploys and invokes a function from the terminal; files persist", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const { page, box, errors, fetched, startMs } = await openTerminal(context);
  measure("terminal start (navigation to first prompt, ms)", startMs);
  // A terminal page runs the runtime that has the terminal, and fetches the service model.
  assert.ok(fetched.some((u) => u.endsWith("/labbook/wasm-terminal/labs_wasm_bg.wasm")), "the terminal's runtime");
  assert.ok(!fetched.some((u) => u.endsWith("/labbook/wasm/labs_wasm_bg.wasm")), "not the plain one too");
  assert.ok(fetched.some((u) => u.endsWith("/labbook/aws-model.json")));

  const idMs = await run(page, box, "aws sts get-caller-identity --query Account --output text");
  measure("aws sts get-caller-identity (Enter to prompt, ms)", idMs);
  assert.match(await screen(box), /^123456789012$/m);

  // A here-document over several lines: the prompt becomes "> " until EOF.
  await run(page, box, "cat <<'EOF' > lambda_function.py");
  assert.match(await screen(box), /^> ?$/m, "an unfinished here-document asks for more");
  await run(page, box, "def lambda_handler(event, context):");
  await run(page, box, "    return {'doubled': event['n'] * 2}");
  await run(page, box, "EOF");
  await page.locator('.labbook-terminal-files button[data-path="lambda_function.py"]').waitFor({ timeout: COMMAND_MS });

  await run(page, box, "zip function.zip lambda_function.py");
  assert.match(await screen(box), /adding: lambda_function\.py \(deflated \d+%\)/);
  await run(
    page,
    box,
    `ROLE=$(aws iam create-role --role-name lambda-ex --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}' --query Role.Arn --output text)`
  );
  const createMs = await run(
    page,
    box,
    'aws lambda create-function --function-name doubler --runtime python3.13 --handler lambda_function.lambda_handler --role "$ROLE" --zip-file fileb://function.zip --query State --output text'
  );
  measure("aws lambda create-function (ms)", createMs);
  assert.match(await screen(box), /^Active$/m);
  const invokeMs = await run(page, box, `aws lambda invoke --function-name doubler --cli-binary-format raw-in-base64-out --payload '{"n": 21}' out.json`);
  measure("aws lambda invoke, first (cold start, ms)", invokeMs);
  assert.match(await screen(box), /"StatusCode": 200/);
  const warmMs = await run(page, box, `aws lambda invoke --function-name doubler --cli-binary-format raw-in-base64-out --payload '{"n": 4}' out.json --query StatusCode`);
  measure("aws lambda invoke, warm (ms)", warmMs);
  const listMs = await run(page, box, "aws lambda get-function-configuration --function-name doubler --query Runtime --output text");
  measure("aws lambda get-function-configuration, warm (Enter to prompt, ms)", listMs);
  await run(page, box, "cat out.json; echo");
  assert.match(await screen(box), /\{"doubled": ?8\}/);

  // A typo gets the CLI's own suggestion, and a non-zero status.
  await run(page, box, "aws lamda list-functions");
  const text = await screen(box);
  assert.match(text, /^aws: \[ERROR\]: .*argument command: Found invalid choice 'lamda'$/m);
  assert.match(text, /\* lambda/);
  assert.equal(await box.evaluate((el) => el.dataset.exitCode), "252");

  // Up arrow recalls the last command; Ctrl-C drops it.
  await box.locator(".xterm-helper-textarea").focus();
  await page.keyboard.press("ArrowUp");
  await page.waitForFunction((el) => {
    const p = window.labbook.terminals.find((x) => x.section === el);
    return p.line === "aws lamda list-functions";
  }, await box.elementHandle());
  await waitScreen(box, /\n~ \$ aws lamda list-functions$/);
  await page.keyboard.press("Control+c");
  // xterm.js draws asynchronously: wait for ^C and the fresh prompt.
  await waitScreen(box, /aws lamda list-functions\^C\n~ \$$/);

  // Edit the file beside the terminal; the next command sees the edit.
  await page.locator('.labbook-terminal-files button[data-path="lambda_function.py"]').click();
  const content = box.locator(".labbook-terminal-editor .cm-content");
  await content.waitFor({ timeout: COMMAND_MS });
  await content.click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.insertText("\n# edited in the page\n");
  await page.waitForTimeout(600);
  await run(page, box, "tail -n 1 lambda_function.py");
  assert.match(await screen(box), /^# edited in the page$/m);

  // A reload keeps the workspace: the ZIP and the edited file are still there.
  await page.reload({ waitUntil: "domcontentloaded" });
  const again = page.locator("[data-labbook-terminal]").first();
  await again.scrollIntoViewIfNeeded();
  await page.waitForFunction((el) => el.dataset.state === "ready", await again.elementHandle(), { timeout: START_MS });
  await run(page, again, "ls");
  const listing = await screen(again);
  assert.match(listing, /function\.zip/);
  assert.match(listing, /lambda_function\.py/);
  await run(page, again, "unzip -l function.zip | tail -n 1");
  assert.match(await screen(again), /1 file/);
  assert.deepEqual(errors, [], "no page errors");
  await context.close();
});

test("a terminal lab: the session is graded on the account and the commands, and survives a reload", async () => {
  const { readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const LAB = "cli-invoke-testing";
  const bookDir = process.env.LABBOOK_BOOK_DIR;
  const solution = readFileSync(join(bookDir, "labs", LAB, "solution.sh"), "utf8");
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(new URL(`labs/${LAB}.html`, base).href, { waitUntil: "domcontentloaded" });
  const lab = page.locator(`[data-labbook-terminal-lab="${LAB}"]`);
  const box = lab.locator("[data-labbook-terminal]");
  await box.scrollIntoViewIfNeeded();
  await page.waitForFunction((el) => el.dataset.state === "ready", await box.elementHandle(), { timeout: START_MS });
  // The lab's workspace is there from the start.
  await page.locator('.labbook-terminal-files button[data-path="events/two-items.json"]').waitFor({ timeout: COMMAND_MS });

  const grade = async () => {
    const before = await lab.locator('[data-role="results"]').textContent();
    await lab.locator('[data-action="grade"]').click();
    await page.waitForFunction(
      ([el, prev]) => {
        const t = el.querySelector('[data-role="results"]').textContent;
        return t !== prev && t.startsWith("Graded");
      },
      [await lab.elementHandle(), before],
      { timeout: COMMAND_MS }
    );
    return lab.locator('[data-role="results"]').textContent();
  };
  assert.match(await grade(), /^Graded: \d+ of \d+ checks pass\./, "nothing done yet: the grade fails");
  assert.equal(await lab.locator('[data-action="solution"]').isDisabled(), true);

  // The learner types the solution's lines; continuation lines join as in bash.
  for (const line of solution.split("\n").filter((l) => l.trim() && !l.startsWith("#"))) {
    await run(page, box, line);
  }
  assert.match(await screen(box), /REPORT RequestId/, "the decoded log tail is on screen");
  assert.match(await grade(), /^Graded: every check passes/);
  assert.equal(await lab.locator('[data-action="solution"]').isDisabled(), false, "a pass unlocks the solution");

  // After a reload the session is replayed: the same account, so the grade still passes.
  await page.reload({ waitUntil: "domcontentloaded" });
  const lab2 = page.locator(`[data-labbook-terminal-lab="${LAB}"]`);
  const box2 = lab2.locator("[data-labbook-terminal]");
  await box2.scrollIntoViewIfNeeded();
  await page.waitForFunction((el) => el.dataset.state === "ready", await box2.elementHandle(), { timeout: START_MS });
  await lab2.locator('[data-action="grade"]').click();
  await page.waitForFunction((el) => el.querySelector('[data-role="results"]').textContent.startsWith("Graded: every check passes"), await lab2.elementHandle(), { timeout: COMMAND_MS });
  await lab2.locator('[data-action="solution"]').click();
  await lab2.locator(".labbook-lab-solution code").waitFor({ timeout: COMMAND_MS });
  assert.match(await lab2.locator(".labbook-lab-solution code").textContent(), /--log-type Tail/);
  const progress = await page.evaluate((id) => window.labbook.storage.get(`progress:lab:${id}`), LAB);
  assert.equal(progress.passed, true);
  assert.deepEqual(errors, [], "no page errors");
  await context.close();
});
