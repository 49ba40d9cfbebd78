// labbook: the lab runtime's Web Worker. It only forwards: the page sends {id, request}, the
// runtime (`handle`, labs-wasm/src/protocol.rs) decides everything, for labs and quiz questions
// (`gradeQuestion`) alike. For each message, in order:
//   {id, started: true, deadlineMs}  the runtime's deadline for this request; the page's timer starts now
//   {id, response}                   the runtime's answer (`{type: "error", message}` included)
//   {id, crashed: "<what>"}          `handle` threw (a wasm trap): the page replaces this worker
//   {id, loadFailed: "<what>"}       the wasm could not be loaded at all
// Python runs here, never on the page's thread, so a handler that never returns cannot freeze
// the page: the page terminates this worker at the deadline and starts a fresh one.
//
// `lab-worker.js?runtime=terminal` runs the runtime of pages with a terminal (wasm-terminal/:
// the same protocol plus the terminal's requests); otherwise the plain one (wasm/), which plain
// lab pages download without any of the terminal in it.
const folder = new URL(import.meta.url).searchParams.get("runtime") === "terminal" ? "wasm-terminal" : "wasm";
let wasm = null;

let ready = null;
let trapped = null;

// A Rust panic (an allocation that failed included) is written to console.error just before
// the instance traps with a bare "unreachable": keep the last one, it says what happened.
let lastConsoleError = "";
const consoleError = console.error.bind(console);
console.error = (...args) => {
  lastConsoleError = args.map(String).join(" ");
  consoleError(...args);
};

/** What a throw out of `handle` was, in words a learner can act on. */
function describe(err, panic) {
  const text = String((err && err.message) || err);
  if (/memory allocation of \d+ bytes failed|capacity overflow|out of memory/i.test(panic + " " + text)) return "out of memory";
  if (err instanceof RangeError && /call stack/i.test(text)) return "the call stack overflowed (recursion too deep)";
  if (/memory access out of bounds/i.test(text)) return "out of memory or stack (memory access out of bounds)";
  if (panic) return `an internal error (${panic.replace(/^labs-wasm panic: /, "").split("\n")[0]})`;
  return text;
}

function call(request) {
  return JSON.parse(wasm.handle(JSON.stringify(request)));
}

self.onmessage = async (e) => {
  const { id, request } = e.data;
  if (!ready) {
    ready = import(`./${folder}/labs_wasm.js`).then(async (module) => {
      await module.default({ module_or_path: new URL(`./${folder}/labs_wasm_bg.wasm`, import.meta.url) });
      wasm = module;
    });
  }
  try {
    await ready;
  } catch (err) {
    self.postMessage({ id, loadFailed: String((err && err.message) || err) });
    return;
  }
  if (trapped) {
    // Never reached when the page follows the protocol (it replaces a crashed worker).
    self.postMessage({ id, crashed: `the runtime had already crashed: ${trapped}` });
    return;
  }
  lastConsoleError = "";
  try {
    const plan = call({ type: "deadline", request });
    self.postMessage({ id, started: true, deadlineMs: plan.deadlineMs });
    self.postMessage({ id, response: call(request) });
  } catch (err) {
    trapped = describe(err, lastConsoleError);
    self.postMessage({ id, crashed: trapped });
  }
};
