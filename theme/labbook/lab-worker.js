// labbook: the lab runtime's Web Worker. The page talks to it with messages
// {id, type, ...args} and gets {id, ok, result | error} back. Python runs here, never on the
// page's thread, so a handler that loops for ever cannot freeze the page: the page terminates
// this worker at the function's timeout and starts a fresh one.
import init, { LabSession, gradeQuestion, runtimeInfo, selfTest } from "./wasm/labs_wasm.js";

let ready = null;
const sessions = new Map();

function session(lab) {
  const s = sessions.get(lab);
  if (!s) throw new Error(`lab ${lab} is not loaded in this worker`);
  return s;
}

self.onmessage = async (e) => {
  const { id, type, ...args } = e.data;
  try {
    if (!ready) {
      const t0 = performance.now();
      ready = init({ module_or_path: new URL("./wasm/labs_wasm_bg.wasm", import.meta.url) }).then(() => performance.now() - t0);
    }
    const loadMs = await ready;
    let result;
    switch (type) {
      case "info":
        result = { ...JSON.parse(runtimeInfo()), loadMs };
        break;
      case "selftest":
        result = JSON.parse(selfTest());
        break;
      case "load":
        sessions.set(args.lab, new LabSession(args.json));
        result = true;
        break;
      case "sampleEvent":
        result = JSON.parse(session(args.lab).sampleEvent());
        break;
      case "run":
        result = JSON.parse(session(args.lab).run(args.code, args.event || ""));
        break;
      case "grade":
        result = JSON.parse(session(args.lab).grade(args.code));
        break;
      case "gradeQuestion": // a quiz question: {question (its page data), response} -> verdict
        result = JSON.parse(gradeQuestion(JSON.stringify(args.question), JSON.stringify(args.response)));
        break;
      default:
        throw new Error(`unknown request ${type}`);
    }
    self.postMessage({ id, ok: true, result });
  } catch (err) {
    self.postMessage({ id, ok: false, error: String((err && err.message) || err) });
  }
};
