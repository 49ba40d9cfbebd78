// labbook: the learner's lab panel. labbook.js loads this script only on pages with a
// `[data-labbook-lab]` panel (rendered by the labs preprocessor); it turns the static skeleton
// into an editor, a test event, Run/Grade/Reset/Solution buttons and readable results.
//
// The panel renders; the runtime decides. The file the learner edits, the function's timeout,
// the sample event, each case's before/after service tables, the line to mark, the deadlines
// and when the solution unlocks all come from the runtime's responses (notes/protocol.md).
//
// - The editor (CodeMirror, vendor/codemirror.js) loads with the page; the wasm runtime only
//   when the panel scrolls into view or a button is pressed.
// - Drafts, progress and the runtime's grade tokens are kept through storage.js
//   (`lab:<id>:draft`, `progress:lab:<id>`, `lab:<id>:tokens`); a draft another tab saved is
//   offered, never overwritten unseen (lab-drafts.js).
// - Everything the learner's code or the lab produces is inserted with textContent, never as HTML.
(() => {
  "use strict";

  const lb = window.labbook;
  const base = lb.base;
  const store = lb.storage;

  let editorModule = null;
  function loadEditor() {
    if (!editorModule) editorModule = import(new URL("vendor/codemirror.js", base).href);
    return editorModule;
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

  function message(err) {
    return err && err.message ? err.message : String(err);
  }

  /** One TableView (caption, headers, rows of {change, cells}) as a scrollable table. */
  function table(view) {
    const t = el("table", "labbook-lab-table");
    if (view.service) t.dataset.service = view.service;
    t.appendChild(el("caption", null, view.caption));
    const head = t.createTHead().insertRow();
    for (const h of view.headers || []) {
      const th = el("th", null, h);
      th.scope = "col";
      head.appendChild(th);
    }
    const body = t.createTBody();
    for (const r of view.rows || []) {
      const tr = body.insertRow();
      if (r.change) tr.dataset.change = r.change;
      for (const c of r.cells || []) tr.insertCell().textContent = c;
    }
    const wrap = el("div", "labbook-lab-scroll");
    wrap.appendChild(t);
    return wrap;
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
      this.progressKey = `progress:lab:${this.id}`;
      this.tokensKey = `lab:${this.id}:tokens`;
      this.status = box.querySelector(".labbook-runtime-status");
      this.results = box.querySelector('[data-role="results"]');
      this.solutionNote = box.querySelector('[data-role="solution-note"]');
      // The build's sentence ("…after 3 failed grades."): the rule is the runtime's, not ours.
      this.lockedNote = this.solutionNote.textContent.trim().replace(/\.$/, "");
      this.buttons = Object.fromEntries([...box.querySelectorAll("button[data-action]")].map((b) => [b.dataset.action, b]));
      this.busy = false;
      this.runtimeReady = null;
      this.loaded = null;
      this.setupDone = this.setup().catch((err) => {
        this.setState("error", `This lab could not be set up: ${message(err)}`);
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
      this.data = await response.json();
      this.lab = this.data.public;
      this.fileName = this.lab.fileName || "lambda_function.py";
      this.showFileName();

      const codeBox = this.box.querySelector('[data-role="code"]');
      const eventBox = this.box.querySelector('[data-role="event"]');
      codeBox.replaceChildren();
      eventBox.replaceChildren();
      this.drafts = new lb.LabDrafts(this, store, this.box.querySelector('[data-role="notice"]'));
      this.editor = editor.createEditor({
        parent: codeBox,
        doc: this.drafts.initialCode(),
        language: "python",
        label: `Your handler for the lab ${this.lab.title} (${this.fileName})`,
        onChange: (text) => this.drafts.save(text),
        onRun: () => this.act("run"),
      });
      this.eventEditor = editor.createEditor({
        parent: eventBox,
        doc: "",
        language: "json",
        label: "Test event (JSON)",
        onRun: () => this.act("run"),
      });
      this.drafts.start();
      this.updateSolutionButton();
      store.watch(`lab:${this.id}:tokens`, () => this.updateSolutionButton());
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

    /** The file the learner edits, in the pane's heading (the build writes the usual one). */
    showFileName() {
      const label = this.box.querySelector(".labbook-lab-code .labbook-lab-label");
      const text = label && label.firstChild;
      if (text && text.nodeType === Node.TEXT_NODE) text.textContent = text.textContent.replace(/[\w./-]+\.py/, this.fileName);
    }

    /** Loads the runtime and this lab (once; the runtime re-loads it on a replaced worker). */
    ensureRuntime() {
      if (this.runtimeReady) return this.runtimeReady;
      this.setState("loading", "Loading the lab runtime (Python in WebAssembly)…");
      const t0 = performance.now();
      this.runtimeReady = (async () => {
        await this.setupDone;
        this.loaded = await lb.runtime().loadLab(this.id, this.data);
        this.fileName = this.loaded.fileName || this.fileName;
        this.showFileName();
        this.sampleEvent = pretty(this.loaded.sampleEvent === undefined ? {} : this.loaded.sampleEvent);
        if (!this.eventEditor.getText().trim()) this.eventEditor.setText(this.sampleEvent);
        const ms = Math.round(performance.now() - t0);
        this.box.dataset.readyMs = String(ms);
        this.setState("ready", `The lab runtime is ready (${ms} ms). Run tries your handler with the test event; Grade runs every check, hidden ones too.`);
      })().catch((err) => {
        this.runtimeReady = null;
        this.setState("error", `The lab runtime could not be loaded: ${message(err)}`);
        throw err;
      });
      return this.runtimeReady;
    }

    /** A request about this lab, after making sure the runtime has it. */
    async request(request) {
      await this.ensureRuntime();
      const rt = lb.runtime();
      await rt.loadLab(this.id, this.data); // a no-op unless a failed load was forgotten
      return rt.request({ lab: this.id, ...request });
    }

    async act(action) {
      switch (action) {
        case "run":
          return this.exclusive(() => this.run());
        case "grade":
          return this.exclusive(() => this.grade());
        case "reset-code":
          await this.setupDone;
          this.drafts.replace(this.lab.starter);
          return this.announce("Your code is back to the starter. Ctrl/⌘-Z in the editor brings your version back.");
        case "reset-event":
          await this.exclusive(() => this.ensureRuntime());
          this.eventEditor.setText(this.sampleEvent || "{}");
          return this.announce("The test event is back to the lab's sample event.");
        case "solution":
          return this.exclusive(() => this.showSolution());
      }
    }

    /** One Run, Grade or Show solution at a time; the buttons say so while one is going. */
    async exclusive(work) {
      if (this.busy) return;
      this.busy = true;
      this.box.setAttribute("aria-busy", "true");
      for (const a of ["run", "grade", "reset-event"]) this.buttons[a].disabled = true;
      try {
        await work();
      } catch (err) {
        if (this.box.dataset.state !== "error") this.announce(`Something went wrong: ${message(err)}`);
      } finally {
        this.busy = false;
        this.box.removeAttribute("aria-busy");
        for (const a of ["run", "grade", "reset-event"]) this.buttons[a].disabled = false;
      }
    }

    announce(text) {
      this.results.replaceChildren(el("p", "labbook-lab-message", text));
    }

    /**
     * The runtime did not answer `what` (Run, Grade): it ran past its deadline or crashed,
     * and was replaced. Say which, like Lambda would, and what to look for.
     */
    failed(what, err) {
      if (!err || (err.kind !== "timeout" && err.kind !== "crashed")) throw err;
      let heading;
      let text;
      if (err.kind === "timeout") {
        const s = Number((this.loaded && this.loaded.timeoutSeconds) || 3).toFixed(2);
        heading = `${what}: Task timed out after ${s} seconds`;
        text =
          `Task timed out after ${s} seconds. Your handler was still running when the function's timeout ` +
          `(${s} s) ran out, so the runtime was stopped and restarted. Look for a loop that never ends, ` +
          "a call that waits forever, or one huge computation on a single line.";
      } else {
        heading = `${what}: the runtime crashed`;
        text =
          `${err.message.charAt(0).toUpperCase()}${err.message.slice(1)}. Your code can run again now. ` +
          "Look for recursion without an end, or data that grows without limit.";
      }
      this.results.replaceChildren(el("h4", "labbook-lab-result-heading", heading), el("p", "labbook-lab-error", text));
      this.box.dataset.lastOutcome = err.kind === "timeout" ? "timeout" : "crashed";
      this.setState("ready", err.kind === "timeout" ? "The runtime was restarted after a timeout." : "The runtime was restarted after a crash.");
    }

    async run() {
      await this.ensureRuntime();
      const code = this.editor.getText();
      const eventText = this.eventEditor.getText();
      this.editor.markErrorLine(null);
      this.status.textContent = "Running your handler…";
      const t0 = performance.now();
      let result;
      try {
        result = await this.request({ type: "run", code, event: eventText });
      } catch (err) {
        return this.failed("Run", err);
      } finally {
        this.box.dataset.lastRunMs = String(Math.round(performance.now() - t0));
      }
      if (result.eventError) {
        this.setState("ready", "The test event could not be used.");
        return this.announce(`${result.eventError} Fix the test event or press "Reset event".`);
      }
      this.setState("ready", "Ran your handler once with the test event.");
      this.results.replaceChildren(...this.renderCase(result.case || {}, { mark: true }));
    }

    /** A case the learner may see: setup error, invocations, HTTP responses, service changes. */
    renderCase(c, { mark }) {
      const out = [];
      if (c.setupError) out.push(el("p", "labbook-lab-error", `The lab's setup failed: ${c.setupError}`));
      const invocations = c.invocations || [];
      if (!invocations.length && !c.setupError) out.push(el("p", null, "Your function was not invoked."));
      let marked = !mark;
      for (const inv of invocations) {
        out.push(...this.renderInvocation(inv, invocations.length > 1));
        if (!marked && inv.errorLine) {
          this.editor.markErrorLine(inv.errorLine);
          out.push(el("p", "labbook-lab-error", `Line ${inv.errorLine} of ${this.fileName} is marked in the editor.`));
          marked = true;
        }
      }
      for (const r of c.responses || []) {
        out.push(el("h5", null, `HTTP response ${r.status}${r.gatewayError ? " (API Gateway error)" : ""}`));
        out.push(el("pre", "labbook-lab-pre", pretty(r.body == null ? "" : r.body)));
      }
      const failedCalls = (c.calls || []).filter((call) => call.error);
      if (failedCalls.length) {
        const list = el("ul", "labbook-lab-calls");
        for (const call of failedCalls) list.appendChild(el("li", "labbook-lab-error", `${call.operation} failed: ${call.error}`));
        out.push(el("h5", null, "AWS calls that failed"), list);
      }
      if ((c.changes || []).length) {
        const d = el("details", "labbook-lab-state");
        d.open = true;
        d.appendChild(el("summary", null, "Service state before → after"));
        d.append(...c.changes.map(table));
        out.push(d);
      }
      return out;
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
      } else {
        this.box.dataset.lastOutcome = "returned";
        out.push(el("h4", "labbook-lab-result-heading", `${title}: returned`));
        const shown = inv.result !== undefined ? pretty(inv.result) : inv.resultText !== undefined ? inv.resultText : "null";
        const value = el("pre", "labbook-lab-pre labbook-lab-return", shown);
        value.setAttribute("aria-label", "Return value");
        out.push(value);
      }
      if (inv.durationMs !== undefined) {
        const cold = inv.initMs ? `, cold start (init ${Number(inv.initMs).toFixed(1)} ms)` : ", warm start";
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

    async grade() {
      await this.ensureRuntime();
      const code = this.editor.getText();
      this.editor.markErrorLine(null);
      this.status.textContent = "Grading: every case, hidden ones too…";
      const tokens = store.get(this.tokensKey) || {};
      let grade;
      try {
        grade = await this.request({ type: "grade", code, attempts: tokens.attempts || null });
      } catch (err) {
        return this.failed("Grade", err);
      }
      this.setState("ready", grade.passed ? "Graded: every check passes." : `Graded: ${grade.score} of ${grade.maxScore} checks pass.`);
      this.recordGrade(grade, tokens);
      this.renderGrade(grade);
    }

    recordGrade(grade, tokens) {
      store.recordLabGrade(this.id, grade, tokens);
      this.box.dataset.passed = String(grade.passed);
      this.updateSolutionButton();
      window.dispatchEvent(new CustomEvent("labbook:progress"));
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
      for (const c of grade.cases || []) {
        const section = el("div", "labbook-lab-case");
        section.dataset.passed = String(c.passed);
        section.appendChild(el("h5", null, `${c.passed ? "✓" : "✗"} ${c.hidden ? "Hidden case: " : ""}${c.name}`));
        const list = el("ul", "labbook-lab-checks");
        for (const k of c.checks || []) {
          const li = el("li", k.passed ? "labbook-lab-check-pass" : "labbook-lab-check-fail");
          li.dataset.passed = String(k.passed);
          li.appendChild(el("span", "labbook-lab-check-mark", k.passed ? "✓ passed: " : "✗ failed: "));
          li.appendChild(el("span", null, k.description));
          if (!k.passed && k.message) li.appendChild(el("div", "labbook-lab-check-message", k.message));
          list.appendChild(li);
        }
        section.appendChild(list);
        if (!c.hidden && !c.passed && ((c.invocations || []).length || c.setupError)) {
          const d = el("details", "labbook-lab-case-details");
          d.appendChild(el("summary", null, "What your handler did in this case"));
          d.append(...this.renderCase(c, { mark: !marked }));
          marked = marked || c.invocations.some((i) => i.errorLine);
          section.appendChild(d);
        }
        out.push(section);
      }
      this.results.replaceChildren(...out);
    }

    tokens() {
      return store.get(this.tokensKey) || {};
    }

    updateSolutionButton() {
      const t = this.tokens();
      const open = Boolean(t.solutionToken);
      this.buttons.solution.setAttribute("aria-disabled", String(!open));
      this.solutionNote.textContent = open ? "The solution is available." : `${this.lockedNote} (${Number(t.failedGrades) || 0} so far).`;
    }

    async showSolution() {
      await this.setupDone;
      const token = this.tokens().solutionToken;
      if (!token) {
        this.updateSolutionButton();
        return this.announce(this.solutionNote.textContent);
      }
      let answer;
      try {
        answer = await this.request({ type: "solution", token });
      } catch (err) {
        if (err && err.kind === "error") {
          // A token this runtime does not accept (another version of the lab): start over.
          store.set(this.tokensKey, { ...this.tokens(), solutionToken: null });
          this.updateSolutionButton();
          return this.announce(`The saved unlock is not valid for this version of the lab (${err.message}). Grade again to unlock the solution.`);
        }
        return this.failed("Show solution", err);
      }
      const d = el("div", "labbook-lab-solution");
      d.appendChild(el("h4", "labbook-lab-result-heading", "A reference solution"));
      d.appendChild(el("pre", "labbook-lab-pre", answer.code));
      const copy = el("button", null, "Put it in the editor");
      copy.type = "button";
      copy.addEventListener("click", () => this.drafts.replace(answer.code));
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
