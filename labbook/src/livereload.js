// Served by `labbook serve` only (never part of a built site): reloads the page after a
// rebuild and shows a failed rebuild's error over the page until the next good build.
(() => {
  const script = document.currentScript;
  let generation = Number(script.dataset.generation);
  let overlay = null;

  function showError(message) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "labbook-build-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:auto 1rem 1rem 1rem;max-height:50vh;overflow:auto;z-index:9999;" +
        "background:#2b0b0b;color:#ffd7d7;border:2px solid #e05252;border-radius:6px;padding:1rem;" +
        "font:13px/1.4 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    // Text, never HTML: build errors quote the author's Markdown.
    overlay.textContent = "labbook: the last rebuild failed; this page shows the last good build.\n\n" + message;
  }

  function clearError() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  // A short poll, not a long one: a held-open request per tab would take one of the browser's
  // six connections to the server, so six preview tabs would stall every page load. An answer
  // is a few bytes from memory; hidden tabs ask less often and catch up when shown.
  const VISIBLE_MS = 1000;
  const HIDDEN_MS = 5000;
  let timer = null;

  async function check() {
    timer = null;
    try {
      const res = await fetch("/__labbook/events", { cache: "no-store" });
      const state = await res.json();
      if (state.generation !== generation) {
        location.reload();
        return;
      }
      if (state.error) showError(state.error);
      else clearError();
    } catch (_) {
      // The server is restarting or gone: try again at the next tick.
    }
    schedule();
  }

  function schedule() {
    if (timer === null) timer = setTimeout(check, document.hidden ? HIDDEN_MS : VISIBLE_MS);
  }

  document.addEventListener("visibilitychange", () => {
    // Shown again: check now rather than at the end of the hidden interval.
    if (!document.hidden && timer !== null) {
      clearTimeout(timer);
      check();
    }
  });
  // Start after the page has loaded, so polling never competes with the page's own resources.
  if (document.readyState === "complete") schedule();
  else window.addEventListener("load", schedule, { once: true });
})();
