// labbook: brings the lab runtime (WebAssembly, in a Web Worker) into a page only when the
// page needs it.
//
// A page with no lab panel and no runtime check never downloads the wasm. Where one exists,
// the runtime loads when the panel scrolls into view or on first click, with streaming
// compilation (the server sends application/wasm). Every request has a deadline: past it the
// worker is terminated (that is how a handler stuck in `while True: pass` ends) and the next
// request starts a fresh one. Status text is always set with textContent, never as HTML.
(() => {
  "use strict";

  // Our folder (".../labbook/"), from this script's own URL: correct under any path prefix.
  const base = new URL(".", document.currentScript.src);

  /** The lab runtime in a worker: request(type, args, timeoutMs) -> Promise of the result. */
  class LabRuntime {
    constructor() {
      this.worker = null;
      this.nextId = 1;
      this.pending = new Map();
      this.loadedLabs = new Map();
    }

    start() {
      if (this.worker) return;
      this.worker = new Worker(new URL("lab-worker.js", base), { type: "module" });
      this.worker.onmessage = (e) => {
        const { id, ok, result, error } = e.data;
        const p = this.pending.get(id);
        if (!p) return;
        this.pending.delete(id);
        clearTimeout(p.timer);
        ok ? p.resolve(result) : p.reject(new Error(error));
      };
      this.worker.onerror = (e) => this.fail(new Error(e.message || "the lab runtime crashed"));
      this.loadedLabs.clear();
    }

    /** Ends the worker and every request in flight (with `error`). */
    fail(error) {
      if (this.worker) this.worker.terminate();
      this.worker = null;
      this.loadedLabs.clear();
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(error);
      }
      this.pending.clear();
    }

    request(type, args = {}, timeoutMs = 60000) {
      this.start();
      const id = this.nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const err = new Error(`the request took longer than ${(timeoutMs / 1000).toFixed(2)} seconds`);
          err.timedOut = true;
          this.fail(err);
        }, timeoutMs);
        this.pending.set(id, { resolve, reject, timer });
        this.worker.postMessage({ id, type, ...args });
      });
    }
  }

  /**
   * Loads lab `lab` (its JSON) into the worker once per worker: a no-op while the worker that
   * loaded it lives, a fresh load after a timeout replaced it.
   */
  LabRuntime.prototype.loadLab = function (lab, json, timeoutMs = 60000) {
    this.start();
    let loading = this.loadedLabs.get(lab);
    if (!loading) {
      loading = this.request("load", { lab, json }, timeoutMs);
      this.loadedLabs.set(lab, loading);
      loading.catch(() => {
        if (this.loadedLabs.get(lab) === loading) this.loadedLabs.delete(lab);
      });
    }
    return loading;
  };

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
      const info = await rt.request("info");
      const test = await rt.request("selftest");
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

  /** Lab panels are lab-panel.js's job; it (and the editor it imports) loads only where one is. */
  function loadLabPanels() {
    if (!document.querySelector("[data-labbook-lab]")) return;
    const script = document.createElement("script");
    script.src = new URL("lab-panel.js", base).href;
    document.head.appendChild(script);
  }

  function init() {
    loadLabPanels();
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

  window.labbook = Object.assign(window.labbook || {}, { runtime: getRuntime, base });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
