// labbook: brings the lab runtime (WebAssembly, in a Web Worker) into a page only when the
// page needs it, and is the page's one client of that worker (the protocol is
// notes/protocol.md: requests and responses are the Rust side's `Request`/`Response`).
//
// A page with no lab panel, quiz or runtime check never downloads the wasm. Where one exists,
// the runtime loads when it scrolls into view or on first click, with streaming compilation.
//
// One worker per page serves every panel and quiz on it, one request at a time, in order.
// Each request's deadline comes from the runtime (`deadline`) and starts when the worker says
// it started that request, not when it was queued, so a request waiting behind a slow grade
// is never charged for it. A request past its deadline, or one that traps the wasm (stack
// overflow, out of memory), ends the worker: only that request fails; a fresh worker takes
// over, gets the labs re-loaded, and the requests still waiting run there.
// Status text is always set with textContent, never as HTML.
(() => {
  "use strict";

  // Our folder (".../labbook/"), from this script's own URL: correct under any path prefix.
  const base = new URL(".", document.currentScript.src);
  /** Fetching and compiling the wasm on a slow machine (a cold compile of the dev build). */
  const LOAD_ALLOWANCE_MS = 180000;

  /** A request the runtime did not answer: `kind` is "timeout", "crashed", "unavailable" or "error". */
  class RuntimeError extends Error {
    constructor(kind, message, extra = {}) {
      super(message);
      this.name = "RuntimeError";
      this.kind = kind;
      Object.assign(this, extra);
    }
  }

  /** The lab runtime in a worker: `request({type, ...})` resolves with the runtime's response. */
  class LabRuntime {
    constructor() {
      this.worker = null;
      this.nextId = 1;
      this.queue = [];
      this.current = null;
      /** lab id -> {data, loaded: Promise of labLoaded}: re-sent to every fresh worker. */
      this.labs = new Map();
      this.restarts = 0;
      this.listeners = new Set();
    }

    /** `listener({kind, message})` after the worker was replaced (a timeout or a crash). */
    onRestart(listener) {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    }

    /** Queues `request`; resolves with its response, rejects with a RuntimeError. */
    request(request) {
      return new Promise((resolve, reject) => {
        this.queue.push({ id: this.nextId++, request, resolve, reject });
        this.pump();
      });
    }

    /**
     * Loads lab `lab` (the object in labbook/labs/<id>.json) once: later calls return the same
     * `labLoaded`. The runtime re-loads it by itself on a worker that replaced a failed one.
     */
    loadLab(lab, data) {
      const known = this.labs.get(lab);
      if (known) return known.loaded;
      const entry = { data, loaded: null };
      entry.loaded = this.request({ type: "loadLab", lab, data });
      entry.loaded.catch(() => {
        if (this.labs.get(lab) === entry) this.labs.delete(lab);
      });
      this.labs.set(lab, entry);
      return entry.loaded;
    }

    startWorker() {
      // Pages with a terminal get the runtime that has one; every other page the smaller plain one.
      const terminal = document.querySelector("[data-labbook-terminal]") ? "?runtime=terminal" : "";
      const worker = new Worker(new URL(`lab-worker.js${terminal}`, base), { type: "module" });
      const state = { worker, initialized: false, loadedLabs: new Set(), loadTimer: null };
      state.loadTimer = setTimeout(() => {
        this.giveUp(state, `the lab runtime did not load within ${LOAD_ALLOWANCE_MS / 1000} seconds`);
      }, LOAD_ALLOWANCE_MS);
      worker.onmessage = (e) => this.receive(state, e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        const what = e.message || "the lab runtime's worker failed";
        if (!state.initialized) this.giveUp(state, what);
        else this.crash(state, what);
      };
      this.worker = state;
    }

    /** Sends the next queued request, after the lab it needs if this worker lacks it. */
    pump() {
      if (this.current || this.queue.length === 0) return;
      if (!this.worker) this.startWorker();
      const state = this.worker;
      let entry = this.queue[0];
      const lab = entry.request.lab;
      if (lab && entry.request.type !== "loadLab" && this.labs.has(lab) && !state.loadedLabs.has(lab)) {
        // A fresh worker: this lab first, quietly (its labLoaded was already given out).
        const dependant = entry;
        entry = {
          id: this.nextId++,
          request: { type: "loadLab", lab, data: this.labs.get(lab).data },
          resolve: () => {},
          reject: (err) => {
            const i = this.queue.indexOf(dependant);
            if (i >= 0) this.queue.splice(i, 1);
            dependant.reject(err);
          },
        };
        this.queue.unshift(entry);
      }
      this.queue.shift();
      this.current = entry;
      entry.worker = state;
      state.worker.postMessage({ id: entry.id, request: entry.request });
    }

    receive(state, msg) {
      if (state !== this.worker) return; // a message from a worker already replaced
      const entry = this.current;
      if (!entry || msg.id !== entry.id) return;
      if (msg.started) {
        state.initialized = true;
        clearTimeout(state.loadTimer);
        // The runtime's figure; a malformed one must not turn into "no time at all".
        entry.deadlineMs = Number.isFinite(msg.deadlineMs) && msg.deadlineMs > 0 ? msg.deadlineMs : LOAD_ALLOWANCE_MS;
        entry.timer = setTimeout(() => this.timeOut(state, entry), msg.deadlineMs);
        return;
      }
      if (msg.loadFailed) return this.giveUp(state, msg.loadFailed);
      if (msg.crashed) return this.crash(state, msg.crashed);
      clearTimeout(entry.timer);
      this.current = null;
      const response = msg.response;
      if (response && response.type === "labLoaded") state.loadedLabs.add(response.lab);
      if (response && response.type === "error") entry.reject(new RuntimeError("error", response.message, { response }));
      else entry.resolve(response);
      this.pump();
    }

    /** Ends `state`'s worker; the next request (or the labs' re-load) starts a fresh one. */
    end(state) {
      clearTimeout(state.loadTimer);
      state.worker.terminate();
      if (this.worker === state) this.worker = null;
      const entry = this.current;
      this.current = null;
      if (entry) clearTimeout(entry.timer);
      return entry;
    }

    /** The current request ran past its deadline: fail it alone and carry on on a fresh worker. */
    timeOut(state, entry) {
      if (this.current !== entry) return;
      this.end(state);
      const seconds = (entry.deadlineMs / 1000).toFixed(2);
      entry.reject(
        new RuntimeError("timeout", `the lab runtime did not finish within ${seconds} seconds, so it was stopped and restarted`, {
          deadlineMs: entry.deadlineMs,
          restarted: true,
        })
      );
      this.restart("timeout", `a request ran past its ${seconds} s deadline`, entry);
    }

    /** The wasm trapped: a trapped instance is never reused. */
    crash(state, what) {
      if (state !== this.worker) return;
      const entry = this.end(state);
      const message = `the runtime crashed: ${what} — it was restarted`;
      if (entry) entry.reject(new RuntimeError("crashed", message, { what, restarted: true }));
      this.restart("crashed", message, entry);
    }

    /** The runtime could not be loaded at all: everything waiting fails; a later request retries. */
    giveUp(state, what) {
      if (state !== this.worker) return;
      const entry = this.end(state);
      const waiting = entry ? [entry, ...this.queue] : [...this.queue];
      this.queue = [];
      for (const w of waiting) w.reject(new RuntimeError("unavailable", `the lab runtime could not be loaded: ${what}`));
    }

    /**
     * A fresh worker with every known lab re-loaded, so the next Run starts quickly; a lab
     * whose own loading was what failed is not retried (it would fail again, for ever).
     */
    restart(kind, message, failed) {
      this.restarts++;
      if (failed && failed.request.type === "loadLab") this.labs.delete(failed.request.lab);
      for (const [lab, entry] of this.labs) {
        this.queue.unshift({
          id: this.nextId++,
          request: { type: "loadLab", lab, data: entry.data },
          resolve: () => {},
          reject: (err) => console.warn(`labbook: re-loading lab ${lab} failed: ${err.message}`),
        });
      }
      for (const listener of this.listeners) {
        try {
          listener({ kind, message });
        } catch (err) {
          console.error(err);
        }
      }
      this.pump();
    }
  }

  let runtime = null;
  function getRuntime() {
    if (!runtime) runtime = new LabRuntime();
    return runtime;
  }

  function setStatus(box, state, text) {
    box.dataset.state = state;
    const status = box.querySelector(".labbook-runtime-status");
    if (status) status.textContent = text;
  }

  async function activate(box) {
    if (box.dataset.state === "loading" || box.dataset.state === "ready") return;
    setStatus(box, "loading", "Loading the lab runtime…");
    try {
      const rt = getRuntime();
      const t0 = performance.now();
      const info = await rt.request({ type: "info" });
      const test = await rt.request({ type: "selfTest" });
      const total = Math.round(performance.now() - t0);
      box.dataset.version = info.version;
      box.dataset.selftest = JSON.stringify(test.result);
      setStatus(
        box,
        "ready",
        `Lab runtime ${info.name} ${info.version} is ready: it ran a Python handler that returned ` +
          `${JSON.stringify(test.result)} (ready in ${total} ms).`
      );
    } catch (err) {
      setStatus(box, "error", `The lab runtime could not be loaded: ${err && err.message ? err.message : err}`);
    }
  }

  /** Adds classic script `name`; scripts added this way run in the order they were added. */
  function addScript(name) {
    const script = document.createElement("script");
    script.src = new URL(name, base).href;
    script.async = false;
    script.onerror = () => console.error(`labbook: ${name} could not be loaded`);
    document.head.appendChild(script);
  }

  /**
   * Lab panels are lab-panel.js's job; it (and the editor it imports) loads only where one is.
   * The standalone lab pages carry only this script, so storage.js comes first there.
   */
  function loadLabPanels() {
    if (!document.querySelector("[data-labbook-lab]")) return;
    if (!(window.labbook && window.labbook.storage)) addScript("storage.js");
    addScript("lab-drafts.js");
    addScript("lab-panel.js");
  }

  /** Terminals are terminal.js's job (it brings xterm.js and the service model with it). */
  function loadTerminals() {
    if (!document.querySelector("[data-labbook-terminal]")) return;
    if (!(window.labbook && window.labbook.storage)) addScript("storage.js");
    if (document.querySelector("[data-labbook-terminal-lab]")) addScript("terminal-lab.js");
    addScript("terminal.js");
  }

  function init() {
    loadLabPanels();
    loadTerminals();
    const boxes = document.querySelectorAll("[data-labbook-runtime]");
    if (boxes.length === 0) return;
    const seen =
      "IntersectionObserver" in window
        ? new IntersectionObserver((entries) => {
            for (const e of entries) {
              if (e.isIntersecting) {
                seen.unobserve(e.target);
                activate(e.target);
              }
            }
          })
        : null;
    for (const box of boxes) {
      box.addEventListener("click", (e) => {
        if (e.target.closest("button")) activate(box);
      });
      if (seen) seen.observe(box);
    }
  }

  window.labbook = Object.assign(window.labbook || {}, { runtime: getRuntime, base, RuntimeError });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
