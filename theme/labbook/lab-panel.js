// labbook: the learner's lab panel. labbook.js loads this script only on pages with a
// `[data-labbook-lab]` panel (rendered by the labs preprocessor); it turns the static skeleton
// into an editor, a test event, Run/Grade/Reset/Solution buttons and readable results.
//
// - The editor (CodeMirror, vendor/codemirror.js) loads with the page; the wasm runtime only
//   when the panel scrolls into view or a button is pressed.
// - Drafts and progress live in localStorage under keys shared with the quizzes and the
//   progress page: `labbook:lab:<id>:draft` and `labbook:progress:lab:<id>`.
// - Everything the learner's code or the lab produces is inserted with textContent, never as HTML.
(() => {
  "use strict";

  const lb = window.labbook;
  const base = lb.base;
  /** Failed grades after which "Show solution" unlocks without a pass. */
  const SOLUTION_AFTER_FAILS = 3;
  /** Slack over the function's timeout before the page kills the worker: set-up and messaging. */
  const DEADLINE_MARGIN_MS = 1000;
  /** Loading the runtime and a lab can take a while on a slow machine (a cold wasm compile). */
  const LOAD_DEADLINE_MS = 180000;

  let editorModule = null;
  function loadEditor() {
    if (!editorModule) editorModule = import(new URL("vendor/codemirror.js", base).href);
    return editorModule;
  }

  const store = {
    get(key) {
      try {
        return JSON.parse(localStorage.getItem(key));
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        localStorage.setItem(key, JSON.stringify(value));
      } catch {
        // Private mode or a full quota: the lab still works, it just forgets.
      }
    },
  };

  /** A short stable hash of the starter (FNV-1a): a changed starter gets a new draft version. */
  function version(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return "fnv1a-" + h.toString(16).padStart(8, "0");
  }

  /** createElement with a class and text: the only way this file puts content on the page. */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function pretty(value) {
    return typeof value === "string" ? value : JSON.stringify(value, null, 2);
  }

  function seconds(n) {
    return Number(n).toFixed(2);
  }

  // ---- service state tables ------------------------------------------------------------

  /** A DynamoDB-typed item ({"id": {"S": "1"}}) as plain values, for reading. */
  function plainAttr(v) {
    if (!v || typeof v !== "object") return v;
    if ("S" in v) return v.S;
    if ("N" in v) return Number(v.N);
    if ("BOOL" in v) return v.BOOL;
    if ("NULL" in v) return null;
    if ("M" in v) return Object.fromEntries(Object.entries(v.M).map(([k, x]) => [k, plainAttr(x)]));
    if ("L" in v) return v.L.map(plainAttr);
    if ("SS" in v) return v.SS;
    if ("NS" in v) return v.NS.map(Number);
    if ("B" in v) return `<${v.B.length} base64 chars>`;
    return v;
  }
  function plainItem(item) {
    return Object.fromEntries(Object.entries(item || {}).map(([k, v]) => [k, plainAttr(v)]));
  }

  function cell(value) {
    if (value === undefined) return "";
    if (value === null) return "null";
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  }

  function table(caption, headers, rows) {
    const t = el("table", "labbook-lab-table");
    t.appendChild(el("caption", null, caption));
    const head = t.createTHead().insertRow();
    for (const h of headers) {
      const th = el("th", null, h);
      th.scope = "col";
      head.appendChild(th);
    }
    const body = t.createTBody();
    for (const r of rows) {
      const tr = body.insertRow();
      if (r.change) tr.dataset.change = r.change;
      for (const c of r.cells) {
        const td = tr.insertCell();
        td.textContent = c;
      }
    }
    const wrap = el("div", "labbook-lab-scroll");
    wrap.appendChild(t);
    return wrap;
  }

  function changeOf(before, after) {
    if (before === undefined) return "added";
    if (after === undefined) return "deleted";
    return JSON.stringify(before) === JSON.stringify(after) ? "" : "changed";
  }

  /** Before/after tables of the mock cloud: S3 objects, DynamoDB items, SQS queues, SNS messages. */
  function stateTables(before = {}, after = {}) {
    const out = [];
    const s3b = (before.s3 && before.s3.Buckets) || {};
    const s3a = (after.s3 && after.s3.Buckets) || {};
    const s3rows = [];
    for (const bucket of new Set([...Object.keys(s3b), ...Object.keys(s3a)])) {
      const ob = (s3b[bucket] && s3b[bucket].Objects) || {};
      const oa = (s3a[bucket] && s3a[bucket].Objects) || {};
      for (const key of [...new Set([...Object.keys(ob), ...Object.keys(oa)])].sort()) {
        const o = oa[key] || ob[key];
        const body = typeof o.Body === "string" ? o.Body : JSON.stringify(o.Body);
        const change = changeOf(ob[key] && ob[key].ETag, oa[key] && oa[key].ETag);
        s3rows.push({ change, cells: [change || "—", bucket, key, o.Size, body.length > 300 ? body.slice(0, 300) + "…" : body] });
      }
    }
    if (s3rows.length) out.push(table("S3 objects (after the run)", ["Change", "Bucket", "Key", "Bytes", "Body"], s3rows));

    const db = (before.dynamodb && before.dynamodb.tables) || {};
    const da = (after.dynamodb && after.dynamodb.tables) || {};
    for (const name of new Set([...Object.keys(db), ...Object.keys(da)])) {
      const t = da[name] || db[name];
      const keys = (t.KeySchema || []).map((k) => k.AttributeName);
      const keyOf = (item) => JSON.stringify(keys.map((k) => item[k]));
      const ib = new Map(((db[name] && db[name].Items) || []).map(plainItem).map((i) => [keyOf(i), i]));
      const ia = new Map(((da[name] && da[name].Items) || []).map(plainItem).map((i) => [keyOf(i), i]));
      const cols = [...keys];
      for (const i of [...ib.values(), ...ia.values()]) for (const k of Object.keys(i)) if (!cols.includes(k)) cols.push(k);
      const rows = [];
      for (const k of new Set([...ib.keys(), ...ia.keys()])) {
        const item = ia.get(k) || ib.get(k);
        const change = changeOf(ib.get(k), ia.get(k));
        rows.push({ change, cells: [change || "—", ...cols.map((c) => cell(item[c]))] });
      }
      out.push(table(`DynamoDB table ${name} (after the run)`, ["Change", ...cols], rows));
    }

    const qb = (before.sqs && before.sqs.queues) || {};
    const qa = (after.sqs && after.sqs.queues) || {};
    const qrows = [];
    for (const name of [...new Set([...Object.keys(qb), ...Object.keys(qa)])].sort()) {
      const mb = ((qb[name] && qb[name].Messages) || []).length;
      const ma = (qa[name] && qa[name].Messages) || [];
      const dlq = /dlq|dead/i.test(name) ? " (dead-letter queue)" : "";
      qrows.push({
        change: mb === ma.length ? "" : "changed",
        cells: [name + dlq, mb, ma.length, ma.map((m) => cell(m.Body)).join("\n")],
      });
    }
    if (qrows.length) out.push(table("SQS queues", ["Queue", "Messages before", "Messages after", "Bodies after"], qrows));

    const nb = ((before.sns && before.sns.Messages) || []).length;
    const na = (after.sns && after.sns.Messages) || [];
    if (na.length || nb) {
      const rows = na.map((m, i) => ({
        change: i >= nb ? "added" : "",
        cells: [i >= nb ? "published" : "—", cell(m.TopicArn), cell(m.Subject), cell(m.Message), cell((m.Deliveries || []).length)],
      }));
      out.push(table("SNS messages", ["Change", "Topic", "Subject", "Message", "Deliveries"], rows));
    }
    return out;
  }

  // ---- embedding ------------------------------------------------------------------------

  /**
   * Where an embedded lab may send its progress: `?origin=` on the page's URL, else the
   * book's `embed-origin` (a meta tag on the lab's standalone page). Never "*" unless one of
   * those says "*": a score is the learner's data, and the parent page could be anyone's.
   */
  function parentOrigin() {
    const fromQuery = new URLSearchParams(location.search).get("origin");
    const meta = document.querySelector('meta[name="labbook-embed-origin"]');
    const origin = (fromQuery || (meta && meta.content) || "").trim();
    if (origin === "*") return "*";
    try {
      const u = new URL(origin);
      return u.origin === "null" ? null : u.origin;
    } catch {
      return null;
    }
  }

  /** Posts {type: "labbook:progress", lab, passed, score, maxScore} to the embedding page. */
  function reportToParent(progress) {
    if (window.parent === window) return;
    const origin = parentOrigin();
    if (!origin) {
      console.warn("labbook: embedded lab has no parent origin (?origin= or embed-origin); progress not posted");
      return;
    }
    window.parent.postMessage({ type: "labbook:progress", ...progress }, origin);
  }

  // ---- the panel -------------------------------------------------------------------------

  class LabPanel {
    constructor(box) {
      this.box = box;
      this.id = box.dataset.labbookLab;
      this.draftKey = `labbook:lab:${this.id}:draft`;
      this.progressKey = `labbook:progress:lab:${this.id}`;
      this.failsKey = `labbook:lab:${this.id}:failedGrades`;
      this.status = box.querySelector(".labbook-runtime-status");
      this.results = box.querySelector('[data-role="results"]');
      this.notice = box.querySelector('[data-role="notice"]');
      this.solutionNote = box.querySelector('[data-role="solution-note"]');
      this.buttons = Object.fromEntries([...box.querySelectorAll("button[data-action]")].map((b) => [b.dataset.action, b]));
      this.busy = false;
      this.runtimeReady = null;
      this.setupDone = this.setup().catch((err) => {
        this.setState("error", `This lab could not be set up: ${err && err.message ? err.message : err}`);
        throw err;
      });
      for (const [action, button] of Object.entries(this.buttons)) {
        button.addEventListener("click", () => this.act(action));
      }
    }

    setState(state, text) {
      this.box.dataset.state = state;
      if (text !== undefined) this.status.textContent = text;
    }

    async setup() {
      const [editor, response] = await Promise.all([loadEditor(), fetch(new URL(`labs/${this.id}.json`, base))]);
      if (!response.ok) throw new Error(`the lab's data (labs/${this.id}.json) answered ${response.status}`);
      this.json = await response.text();
      this.lab = JSON.parse(this.json);
      this.timeout = Number((this.lab.def.function && this.lab.def.function.timeout) || 3);
      this.starterVersion = version(this.lab.starter);

      const draft = store.get(this.draftKey);
      let code = this.lab.starter;
      this.draftVersion = this.starterVersion;
      if (draft && typeof draft.code === "string") {
        code = draft.code;
        this.draftVersion = draft.version;
        if (draft.version !== this.starterVersion && draft.code !== this.lab.starter) this.offerNewStarter();
      }

      const codeBox = this.box.querySelector('[data-role="code"]');
      const eventBox = this.box.querySelector('[data-role="event"]');
      codeBox.replaceChildren();
      eventBox.replaceChildren();
      this.editor = editor.createEditor({
        parent: codeBox,
        doc: code,
        language: "python",
        label: `Your handler for the lab ${this.lab.def.title} (lambda_function.py)`,
        onChange: (text) => this.saveDraft(text),
        onRun: () => this.act("run"),
      });
      this.eventEditor = editor.createEditor({
        parent: eventBox,
        doc: "",
        language: "json",
        label: "Test event (JSON)",
        onRun: () => this.act("run"),
      });
      this.updateSolutionButton();
      const progress = store.get(this.progressKey);
      this.box.dataset.editor = "ready";
      if (this.box.dataset.state !== "loading" && this.box.dataset.state !== "ready") {
        this.setState(
          "idle",
          progress && progress.passed
            ? "You passed this lab already. The lab runtime loads when you press Run or Grade."
            : "The lab runtime loads when you reach this lab or press Run or Grade."
        );
      }
    }

    saveDraft(code) {
      store.set(this.draftKey, { version: this.draftVersion, code, savedAt: new Date().toISOString() });
    }

    /** The starter changed since the draft was saved: keep the draft, offer the new starter. */
    offerNewStarter() {
      this.notice.replaceChildren(
        el("span", null, "This lab's starter code changed since you saved your draft. Your draft is kept. ")
      );
      const use = el("button", null, "Use the new starter");
      use.type = "button";
      use.addEventListener("click", () => {
        this.draftVersion = this.starterVersion;
        this.editor.setText(this.lab.starter);
        this.saveDraft(this.lab.starter);
        this.notice.hidden = true;
      });
      const keep = el("button", null, "Keep my draft");
      keep.type = "button";
      keep.addEventListener("click", () => {
        this.draftVersion = this.starterVersion;
        this.saveDraft(this.editor.getText());
        this.notice.hidden = true;
      });
      this.notice.append(use, " ", keep);
      this.notice.hidden = false;
    }

    /** Loads the runtime and this lab into the worker (again, after a timeout killed it). */
    ensureRuntime() {
      if (this.runtimeReady) return this.runtimeReady;
      this.setState("loading", "Loading the lab runtime (Python in WebAssembly)…");
      const t0 = performance.now();
      this.runtimeReady = (async () => {
        await this.setupDone;
        const rt = lb.runtime();
        await rt.request("info", {}, LOAD_DEADLINE_MS);
        await rt.loadLab(this.id, this.json, LOAD_DEADLINE_MS);
        if (!this.sampleEvent) {
          this.sampleEvent = pretty(await rt.request("sampleEvent", { lab: this.id }, LOAD_DEADLINE_MS));
          if (!this.eventEditor.getText().trim()) this.eventEditor.setText(this.sampleEvent);
        }
        const ms = Math.round(performance.now() - t0);
        this.box.dataset.readyMs = String(ms);
        this.setState("ready", `The lab runtime is ready (${ms} ms). Run tries your handler with the test event; Grade runs every check, hidden ones too.`);
      })().catch((err) => {
        this.runtimeReady = null;
        this.setState("error", `The lab runtime could not be loaded: ${err && err.message ? err.message : err}`);
        throw err;
      });
      return this.runtimeReady;
    }

    async act(action) {
      switch (action) {
        case "run":
          return this.exclusive(() => this.run());
        case "grade":
          return this.exclusive(() => this.grade());
        case "reset-code":
          await this.setupDone;
          this.editor.setText(this.lab.starter);
          this.draftVersion = this.starterVersion;
          this.saveDraft(this.lab.starter);
          this.notice.hidden = true;
          return this.announce("Your code is back to the starter. Ctrl/⌘-Z in the editor brings your version back.");
        case "reset-event":
          await this.exclusive(() => this.ensureRuntime());
          this.eventEditor.setText(this.sampleEvent || "{}");
          return this.announce("The test event is back to the lab's sample event.");
        case "solution":
          return this.showSolution();
      }
    }

    /** One Run or Grade at a time; the buttons say so while one is going. */
    async exclusive(work) {
      if (this.busy) return;
      this.busy = true;
      this.box.setAttribute("aria-busy", "true");
      for (const a of ["run", "grade", "reset-event"]) this.buttons[a].disabled = true;
      try {
        await work();
      } catch (err) {
        if (this.box.dataset.state !== "error") this.announce(`Something went wrong: ${err && err.message ? err.message : err}`);
      } finally {
        this.busy = false;
        this.box.removeAttribute("aria-busy");
        for (const a of ["run", "grade", "reset-event"]) this.buttons[a].disabled = false;
      }
    }

    announce(text) {
      this.results.replaceChildren(el("p", "labbook-lab-message", text));
    }

    /** The page's deadline for `invocations` handler calls of up to the function's timeout. */
    deadline(invocations) {
      return invocations * (this.timeout * 1000 + DEADLINE_MARGIN_MS);
    }

    /** The worker was killed at the deadline: say so like Lambda, and bring a fresh one up. */
    timedOut(what) {
      const heading = el("h4", "labbook-lab-result-heading", `${what}: Task timed out after ${seconds(this.timeout)} seconds`);
      const p = el(
        "p",
        "labbook-lab-error",
        `Task timed out after ${seconds(this.timeout)} seconds. Your handler was still running when the function's ` +
          `timeout (${seconds(this.timeout)} s) ran out, so it was stopped. Look for a loop that never ends or a call that waits forever.`
      );
      this.results.replaceChildren(heading, p);
      this.box.dataset.lastOutcome = "timeout";
      this.runtimeReady = null;
      // A fresh worker, loaded in the background, so the next Run starts quickly.
      this.ensureRuntime().catch(() => {});
    }

    async run() {
      await this.ensureRuntime();
      const code = this.editor.getText();
      const eventText = this.eventEditor.getText();
      try {
        if (eventText.trim()) JSON.parse(eventText);
      } catch (err) {
        return this.announce(`The test event is not valid JSON: ${err.message}. Fix it or press "Reset event".`);
      }
      this.editor.markErrorLine(null);
      this.status.textContent = "Running your handler…";
      const rt = lb.runtime();
      await rt.loadLab(this.id, this.json, LOAD_DEADLINE_MS);
      const t0 = performance.now();
      let result;
      try {
        result = await rt.request("run", { lab: this.id, code, event: eventText }, this.deadline(1));
      } catch (err) {
        if (err && err.timedOut) return this.timedOut("Run");
        throw err;
      } finally {
        this.box.dataset.lastRunMs = String(Math.round(performance.now() - t0));
      }
      this.setState("ready", "Ran your handler once with the test event.");
      this.renderRun(result);
    }

    renderRun(result) {
      const out = [];
      if (result.eventError) {
        this.announce(result.eventError);
        return;
      }
      if (result.setupError) out.push(el("p", "labbook-lab-error", `The lab's setup failed: ${result.setupError}`));
      const invocations = result.invocations || [];
      if (!invocations.length && !result.setupError) out.push(el("p", null, "Your function was not invoked."));
      for (const inv of invocations) out.push(...this.renderInvocation(inv, invocations.length > 1));
      for (const r of result.responses || []) {
        out.push(el("h5", null, `HTTP response ${r.status}${r.gatewayError ? " (API Gateway error)" : ""}`));
        out.push(el("pre", "labbook-lab-pre", pretty(r.body == null ? "" : r.body)));
      }
      const tables = stateTables(result.before, result.after);
      if (tables.length) {
        const d = el("details", "labbook-lab-state");
        d.open = true;
        d.appendChild(el("summary", null, "Service state before → after"));
        d.append(...tables);
        out.push(d);
      }
      this.results.replaceChildren(...out);
    }

    renderInvocation(inv, numbered) {
      const out = [];
      const title = numbered ? `Invocation (${inv.source || "event"})` : "Result";
      if (inv.throttled) {
        out.push(el("h4", "labbook-lab-result-heading", `${title}: throttled`));
      } else if (inv.error) {
        const e = inv.error;
        const timeout = e.errorType === "Sandbox.Timedout";
        this.box.dataset.lastOutcome = timeout ? "timeout" : "error";
        out.push(el("h4", "labbook-lab-result-heading", `${title}: ${timeout ? "timed out" : "error"}`));
        out.push(el("pre", "labbook-lab-pre labbook-lab-error", pretty(e)));
        const line = this.errorLine(inv);
        if (line) {
          this.editor.markErrorLine(line);
          out.push(el("p", "labbook-lab-error", `Line ${line} of ${this.handlerFile()} is marked in the editor.`));
        }
      } else {
        this.box.dataset.lastOutcome = "returned";
        out.push(el("h4", "labbook-lab-result-heading", `${title}: returned`));
        const value = el("pre", "labbook-lab-pre labbook-lab-return", pretty(inv.result === undefined ? null : inv.result));
        value.setAttribute("aria-label", "Return value");
        out.push(value);
      }
      if (inv.durationMs !== undefined) {
        const cold = inv.initMs ? `, cold start (init ${inv.initMs.toFixed(1)} ms)` : ", warm start";
        out.push(el("p", "labbook-lab-meta", `Duration ${Number(inv.durationMs).toFixed(2)} ms, billed ${inv.billedMs} ms${cold}.`));
      }
      const log = el("pre", "labbook-lab-pre labbook-lab-log", (inv.log || []).join("\n"));
      log.setAttribute("aria-label", "CloudWatch log");
      const d = el("details", "labbook-lab-logs");
      d.open = true;
      d.append(el("summary", null, "CloudWatch log"), log);
      out.push(d);
      return out;
    }

    /** The handler's file, from the function's handler setting (`lambda_function.lambda_handler`). */
    handlerFile() {
      const handler = (this.lab.def.function && this.lab.def.function.handler) || "lambda_function.lambda_handler";
      return handler.split(".").slice(0, -1).join("/") + ".py";
    }

    /**
     * The line of the learner's file where `inv` failed: the runtime's location (syntax and
     * import errors), else the innermost traceback frame in the handler's file.
     */
    errorLine(inv) {
      const file = this.handlerFile();
      const loc = inv.errorLocation;
      if (loc && loc.line && (!loc.file || loc.file.endsWith(file))) return loc.line;
      let line = null;
      for (const frame of (inv.error && inv.error.stackTrace) || []) {
        const m = /File "([^"]*)", line (\d+)/.exec(String(frame));
        if (m && m[1].endsWith("/" + file)) line = Number(m[2]);
      }
      return line;
    }

    async grade() {
      await this.ensureRuntime();
      const code = this.editor.getText();
      this.editor.markErrorLine(null);
      this.status.textContent = "Grading: every case, hidden ones too…";
      const rt = lb.runtime();
      await rt.loadLab(this.id, this.json, LOAD_DEADLINE_MS);
      const invocations = this.lab.def.cases.reduce((n, c) => n + Math.max(1, (c.steps || []).length), 0);
      let grade;
      try {
        grade = await rt.request("grade", { lab: this.id, code }, this.deadline(invocations));
      } catch (err) {
        if (err && err.timedOut) return this.timedOut("Grade");
        throw err;
      }
      this.setState("ready", grade.passed ? "Graded: every check passes." : `Graded: ${grade.score} of ${grade.maxScore} checks pass.`);
      this.recordGrade(grade);
      this.renderGrade(grade);
    }

    recordGrade(grade) {
      const previous = store.get(this.progressKey);
      // A pass is kept: a later failing experiment does not take the learner's progress away.
      if (!(previous && previous.passed && !grade.passed)) {
        store.set(this.progressKey, { passed: grade.passed, score: grade.score, maxScore: grade.maxScore, at: new Date().toISOString() });
      }
      if (!grade.passed) store.set(this.failsKey, (Number(store.get(this.failsKey)) || 0) + 1);
      this.box.dataset.passed = String(grade.passed);
      this.updateSolutionButton();
      reportToParent({ lab: this.id, passed: grade.passed, score: grade.score, maxScore: grade.maxScore });
    }

    renderGrade(grade) {
      const out = [];
      const summary = el(
        "h4",
        "labbook-lab-result-heading",
        grade.passed ? `Passed: ${grade.score} of ${grade.maxScore} checks` : `Not yet: ${grade.score} of ${grade.maxScore} checks pass`
      );
      summary.dataset.role = "grade-summary";
      out.push(summary);
      let marked = false;
      for (const c of grade.cases) {
        const section = el("div", "labbook-lab-case");
        section.dataset.passed = String(c.passed);
        section.appendChild(el("h5", null, `${c.passed ? "✓" : "✗"} ${c.hidden ? "Hidden case: " : ""}${c.name}`));
        const list = el("ul", "labbook-lab-checks");
        for (const k of c.checks) {
          const li = el("li", k.passed ? "labbook-lab-check-pass" : "labbook-lab-check-fail");
          li.dataset.passed = String(k.passed);
          li.appendChild(el("span", "labbook-lab-check-mark", k.passed ? "✓ passed: " : "✗ failed: "));
          li.appendChild(el("span", null, k.description));
          if (!k.passed && k.message) li.appendChild(el("div", "labbook-lab-check-message", k.message));
          list.appendChild(li);
        }
        section.appendChild(list);
        if (!c.hidden && !c.passed && (c.invocations || []).length) {
          const d = el("details", "labbook-lab-case-details");
          d.appendChild(el("summary", null, "What your handler did in this case"));
          for (const inv of c.invocations) d.append(...this.renderInvocation(inv, true));
          d.append(...stateTables(c.before, c.after));
          section.appendChild(d);
          const line = c.invocations.map((i) => this.errorLine(i)).find(Boolean);
          if (line && !marked) {
            this.editor.markErrorLine(line);
            marked = true;
          }
        }
        out.push(section);
      }
      this.results.replaceChildren(...out);
    }

    solutionUnlocked() {
      const progress = store.get(this.progressKey);
      return Boolean(progress && progress.passed) || (Number(store.get(this.failsKey)) || 0) >= SOLUTION_AFTER_FAILS;
    }

    updateSolutionButton() {
      const open = this.solutionUnlocked();
      this.buttons.solution.setAttribute("aria-disabled", String(!open));
      const fails = Number(store.get(this.failsKey)) || 0;
      this.solutionNote.textContent = open
        ? "The solution is available."
        : `The solution unlocks once you pass, or after ${SOLUTION_AFTER_FAILS} failed grades (${fails} so far).`;
    }

    async showSolution() {
      await this.setupDone;
      if (!this.solutionUnlocked()) {
        this.updateSolutionButton();
        return this.announce(this.solutionNote.textContent);
      }
      const d = el("div", "labbook-lab-solution");
      d.appendChild(el("h4", "labbook-lab-result-heading", "A reference solution"));
      d.appendChild(el("pre", "labbook-lab-pre", this.lab.solution));
      const copy = el("button", null, "Put it in the editor");
      copy.type = "button";
      copy.addEventListener("click", () => {
        this.editor.setText(this.lab.solution);
        this.saveDraft(this.lab.solution);
      });
      d.appendChild(copy);
      this.results.replaceChildren(d);
    }
  }

  function init() {
    const boxes = [...document.querySelectorAll("[data-labbook-lab]")];
    const panels = new Map(boxes.map((box) => [box, new LabPanel(box)]));
    const seen =
      "IntersectionObserver" in window
        ? new IntersectionObserver((entries) => {
            for (const e of entries) {
              if (!e.isIntersecting) continue;
              seen.unobserve(e.target);
              panels.get(e.target).ensureRuntime().catch(() => {});
            }
          })
        : null;
    for (const box of boxes) if (seen) seen.observe(box);
    lb.panels = panels;
  }

  init();
})();
