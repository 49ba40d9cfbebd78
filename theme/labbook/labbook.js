// labbook: brings the lab runtime (WebAssembly) into a page only when the page needs it.
//
// A page with no lab panel and no runtime check never downloads the wasm. Where one exists,
// the runtime loads when the panel scrolls into view or on first click, with streaming
// compilation (the server sends application/wasm). Status text is set with textContent.
(() => {
  "use strict";

  // Our folder (".../labbook/"), from this script's own URL: correct under any path prefix.
  const base = new URL(".", document.currentScript.src);
  const glueUrl = new URL("wasm/labs_wasm.js", base);
  let runtime = null;

  /** Loads and instantiates the runtime once; resolves to {module, info, millis}. */
  function loadRuntime() {
    if (!runtime) {
      runtime = (async () => {
        const t0 = performance.now();
        const glue = await import(glueUrl.href);
        await glue.default({ module_or_path: new URL("labs_wasm_bg.wasm", glueUrl) });
        const info = JSON.parse(glue.runtimeInfo());
        return { module: glue, info, millis: Math.round(performance.now() - t0) };
      })();
      runtime.catch(() => {
        runtime = null; // let a later click retry
      });
    }
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
      const { info, millis } = await loadRuntime();
      box.dataset.version = info.version;
      setStatus(
        box,
        "ready",
        `Lab runtime ${info.name} ${info.version} is ready: your browser runs WebAssembly (loaded in ${millis} ms).`
      );
    } catch (err) {
      setStatus(box, "error", `The lab runtime could not be loaded: ${err && err.message ? err.message : err}`);
    }
  }

  function init() {
    const boxes = document.querySelectorAll("[data-labbook-runtime], [data-labbook-lab]");
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

  window.labbook = Object.assign(window.labbook || {}, { loadRuntime });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
