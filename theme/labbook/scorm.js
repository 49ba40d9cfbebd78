// labbook: a lab's or a quiz's page as a SCORM SCO (1.2, or 2004 4th Edition), in the pages
// `labbook export scorm` writes. Loaded as a classic script right after storage.js and before
// labbook.js, so the learner's draft the LMS kept is in place before the panel or quiz reads it.
//
// - Finds the LMS's API object (`API` for 1.2, `API_1484_11` for 2004) with ADL's search: up
//   the parent frames (at most 500), then the opener's. Without one the page works as it does
//   on the site and reports nothing (postMessage embedding is untouched).
// - Initialises; restores the draft from suspend data; reports the score (raw 0-100, min, max;
//   2004 also scaled), the status (1.2 lesson_status passed/failed/incomplete; 2004
//   completion_status and success_status) after every grade or answer; commits; and on leaving
//   sets the session time and exit = suspend, commits and finishes.
// - A SCO is one lab or quiz, or a chapter's (`--per-chapter`): `<meta name="labbook-sco">`
//   lists them; a chapter's score weighs each the same, and it passes when each passes.
// - Suspend data is {v: 1, units: {<unit>: ...}}: a lab's draft (code + starter version), a
//   quiz's answers. SCORM 1.2 allows 4,096 characters (2004: 64,000). Past that the longest
//   drafts stay in this browser's storage only: a console warning says so, and the LMS gets
//   {dropped: N} for them, which tells the next launch to keep the browser's copy instead of
//   restoring an older one.
// - A pass the LMS already has is never taken back by a later failing grade.
// `window.labbook.sco` is what xapi.js reads; `labbook:sco` events carry each new result.
(() => {
  "use strict";

  const meta = (name) => {
    const m = document.querySelector(`meta[name="${name}"]`);
    return m ? m.content.trim() : "";
  };
  // "lab:<id>", "quiz:<id>", or a chapter's several, space-separated.
  const spec = meta("labbook-sco");
  const store = window.labbook && window.labbook.storage;
  if (!spec || !store) return;
  const units = spec.split(/\s+/).map((unit) => {
    const kind = unit.slice(0, unit.indexOf(":"));
    const id = unit.slice(unit.indexOf(":") + 1);
    return { unit, kind, id, keys: { draft: `lab:${id}:draft`, progress: `progress:lab:${id}`, quiz: `quiz:${id}` } };
  });
  const kind = units.length === 1 ? units[0].kind : "chapter";
  const v2004 = meta("labbook-scorm") === "2004";
  const version = v2004 ? "2004" : "1.2";
  const masteryText = meta("labbook-mastery");
  const mastery = masteryText === "" || !Number.isFinite(Number(masteryText)) ? 0.8 : Number(masteryText);
  const LIMIT = v2004 ? 64000 : 4096;
  const NAME = v2004 ? "API_1484_11" : "API";
  const started = Date.now();

  // ---- the LMS's API ---------------------------------------------------------------------

  /** ADL's search: this window, then its parents, until one has the API (500 tries at most). */
  function scan(win) {
    for (let tries = 0; win && tries <= 500; tries++) {
      try {
        if (win[NAME]) return win[NAME];
      } catch (_) {
        return null; // a parent on another origin: an LMS's API is never behind one
      }
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  function findApi() {
    let api = scan(window);
    for (const other of [() => window.opener, () => window.top && window.top.opener]) {
      if (api) break;
      try {
        const w = other();
        if (w) api = scan(w);
      } catch (_) {
        /* an opener on another origin */
      }
    }
    return api;
  }

  const raw = findApi();
  const lms = raw && {
    init: () => (v2004 ? raw.Initialize("") : raw.LMSInitialize("")),
    get: (k) => String((v2004 ? raw.GetValue(k) : raw.LMSGetValue(k)) ?? ""),
    set: (k, value) => (v2004 ? raw.SetValue(k, String(value)) : raw.LMSSetValue(k, String(value))),
    commit: () => (v2004 ? raw.Commit("") : raw.LMSCommit("")),
    finish: () => (v2004 ? raw.Terminate("") : raw.LMSFinish("")),
    error: () => String(v2004 ? raw.GetLastError() : raw.LMSGetLastError()),
  };
  const ok = (r) => r === true || r === "true";
  const E = v2004
    ? { status: "cmi.completion_status", exit: "cmi.exit", session: "cmi.session_time", score: "cmi.score", learner: "cmi.learner_id", name: "cmi.learner_name" }
    : { status: "cmi.core.lesson_status", exit: "cmi.core.exit", session: "cmi.core.session_time", score: "cmi.core.score", learner: "cmi.core.student_id", name: "cmi.core.student_name" };

  let live = false;
  if (!lms) {
    console.warn(`labbook: no SCORM ${version} API (${NAME}) in this window's parents or opener; the ${kind} works, and reports to no LMS`);
  } else if (!ok(lms.init())) {
    console.warn(`labbook: the LMS refused to initialise this SCO (SCORM error ${lms.error()}); nothing is reported`);
  } else {
    live = true;
  }

  function set(k, value) {
    if (!live) return;
    if (!ok(lms.set(k, value))) console.warn(`labbook: the LMS refused ${k} = ${String(value).slice(0, 40)} (SCORM error ${lms.error()})`);
  }

  // ---- suspend data: the learner's drafts ------------------------------------------------

  /** What suspend data keeps of `u`: a lab's draft, a quiz's answers; null when there is none. */
  function kept(u) {
    if (u.kind === "lab") {
      const d = store.get(u.keys.draft);
      return d && typeof d.code === "string" ? { version: d.version, savedAt: d.savedAt, code: d.code } : null;
    }
    const s = store.get(u.keys.quiz);
    if (!s || !s.answers) return null;
    return { state: { version: s.version, answers: s.answers, correct: s.correct, score: s.score, maxScore: s.maxScore, at: s.at } };
  }

  /** Puts the drafts the LMS kept into this browser's storage, where the page reads them. */
  function restore() {
    const text = lms.get("cmi.suspend_data");
    if (!text) return;
    let data;
    try {
      data = JSON.parse(text);
    } catch (_) {
      return console.warn("labbook: the LMS's suspend data for this SCO is not labbook's; left alone");
    }
    if (!data || data.v !== 1 || !data.units || typeof data.units !== "object") return;
    for (const u of units) {
      const d = data.units[u.unit];
      if (!d) continue;
      if (d.dropped) {
        console.warn(`labbook: the last draft of ${u.unit} (${d.dropped} characters) was too long for the LMS; this browser's copy, if any, is used`);
      } else if (u.kind === "lab" && typeof d.code === "string") {
        store.set(u.keys.draft, { version: d.version, code: d.code, savedAt: d.savedAt || new Date().toISOString(), tab: "lms" });
      } else if (u.kind === "quiz" && d.state && typeof d.state === "object") {
        store.set(u.keys.quiz, d.state);
      }
    }
  }

  let lastSuspend = null;
  const warned = new Set();
  /**
   * Sets suspend data, {v: 1, units: {<unit>: kept}}, if it changed; true when it did. Past the
   * limit the longest drafts are replaced by {dropped: length} until the rest fits.
   */
  function saveSuspend() {
    if (!live) return false;
    const all = {};
    for (const u of units) {
      const k = kept(u);
      if (k) all[u.unit] = k;
    }
    let text = JSON.stringify({ v: 1, units: all });
    const dropped = new Set();
    while (text.length > LIMIT) {
      const [longest] = Object.keys(all)
        .filter((k) => !dropped.has(k))
        .sort((a, b) => JSON.stringify(all[b]).length - JSON.stringify(all[a]).length);
      if (!longest) break;
      const length = JSON.stringify(all[longest]).length;
      if (!warned.has(longest)) {
        console.warn(
          `labbook: the learner's ${longest.startsWith("lab:") ? "draft" : "answers"} for ${longest} (${length} characters) is longer than ` +
            `SCORM ${version} allows for suspend data (${LIMIT}); it is kept in this browser only, and the LMS keeps no copy until it fits`
        );
      }
      dropped.add(longest);
      all[longest] = { dropped: length };
      text = JSON.stringify({ v: 1, units: all });
    }
    for (const k of [...warned]) if (!dropped.has(k)) warned.delete(k);
    for (const k of dropped) warned.add(k);
    if (text === lastSuspend) return false;
    lastSuspend = text;
    set("cmi.suspend_data", text);
    return true;
  }

  // ---- score and status ------------------------------------------------------------------

  /** One unit's result so far: {score, max, passed, complete, answered}, or null before any. */
  function unitResult(u) {
    if (u.kind === "lab") {
      const p = store.get(u.keys.progress);
      if (!p || typeof p.score !== "number") return null;
      return { score: p.score, max: p.maxScore, passed: !!p.passed, complete: true, answered: 1 };
    }
    const s = store.get(u.keys.quiz);
    const answered = s && s.correct ? Object.keys(s.correct).length : 0;
    if (!answered) return null;
    const complete = answered >= s.maxScore;
    return { score: s.score, max: s.maxScore, passed: complete && s.score >= mastery * s.maxScore, complete, answered };
  }

  /**
   * The SCO's result: its unit's, or for a chapter each lab and quiz weighing the same (score =
   * the sum of their fractions, max = their number); passed and complete when every one is.
   */
  function result() {
    const each = units.map(unitResult);
    if (each.length === 1 || each.every((r) => !r)) return each.length === 1 ? each[0] : null;
    const fraction = (r) => (r && r.max > 0 ? r.score / r.max : 0);
    return {
      score: Math.round(each.reduce((sum, r) => sum + fraction(r), 0) * 10000) / 10000,
      max: each.length,
      passed: each.every((r) => r && r.passed),
      complete: each.every((r) => r && r.complete),
      answered: each.reduce((sum, r) => sum + (r ? r.answered : 0), 0),
    };
  }

  let passedBefore = false;
  let reported = null;
  function report() {
    const r = result();
    if (!r) return null;
    const key = JSON.stringify(r);
    if (key === reported) return r;
    reported = key;
    const scaled = r.max > 0 ? r.score / r.max : 0;
    if (passedBefore && !r.passed) return r; // the LMS keeps the pass it has
    set(`${E.score}.min`, 0);
    set(`${E.score}.max`, 100);
    set(`${E.score}.raw`, Math.round(scaled * 10000) / 100);
    if (v2004) {
      set("cmi.score.scaled", Math.round(scaled * 10000) / 10000);
      set("cmi.completion_status", r.complete ? "completed" : "incomplete");
      set("cmi.success_status", r.passed ? "passed" : r.complete ? "failed" : "unknown");
    } else {
      set("cmi.core.lesson_status", r.passed ? "passed" : r.complete ? "failed" : "incomplete");
    }
    if (r.passed) passedBefore = true;
    window.dispatchEvent(new CustomEvent("labbook:sco", { detail: { type: "result", unit: spec, ...r } }));
    return r;
  }

  function commit() {
    if (live && !ok(lms.commit())) console.warn(`labbook: the LMS did not commit (SCORM error ${lms.error()})`);
  }

  /** Elapsed time as SCORM 1.2's CMITimespan (HHHH:MM:SS.SS) or 2004's ISO 8601 duration. */
  function sessionTime(ms) {
    const total = Math.max(0, ms) / 1000;
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total - h * 3600 - m * 60;
    if (v2004) return `PT${h}H${m}M${s.toFixed(2)}S`;
    return `${String(Math.min(h, 9999)).padStart(2, "0")}:${String(m).padStart(2, "0")}:${s.toFixed(2).padStart(5, "0")}`;
  }

  let finished = false;
  function finish() {
    if (!live || finished) return;
    finished = true;
    saveSuspend();
    report();
    set(E.session, sessionTime(Date.now() - started));
    // Always resumable: the learner may come back to their draft, passed or not.
    set(E.exit, "suspend");
    commit();
    if (!ok(lms.finish())) console.warn(`labbook: the LMS did not finish the session (SCORM error ${lms.error()})`);
  }

  if (live) {
    restore();
    const status = lms.get(v2004 ? "cmi.success_status" : "cmi.core.lesson_status");
    passedBefore = status === "passed";
    const progress = lms.get(E.status);
    if (progress === "not attempted" || progress === "unknown" || progress === "") set(E.status, "incomplete");
    lastSuspend = lms.get("cmi.suspend_data");
    commit();
    // A draft being typed: into suspend data at most every 2 s, committed with it.
    let timer = null;
    const original = store.set;
    store.set = (name, value) => {
      const saved = original(name, value);
      if (units.some((u) => name === u.keys.draft || name === u.keys.quiz) && !timer) {
        timer = setTimeout(() => {
          timer = null;
          if (!finished && saveSuspend()) commit();
        }, 2000);
      }
      return saved;
    };
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
  }
  // A grade or a checked answer: report it, with the draft, and commit at once (without an LMS
  // only the `labbook:sco` event goes out, for xapi.js).
  window.addEventListener("labbook:progress", () => {
    if (finished) return;
    saveSuspend();
    report();
    commit();
  });

  window.labbook.sco = {
    unit: spec,
    units: units.map((u) => u.unit),
    kind,
    version,
    live,
    started,
    title: meta("labbook-sco-title"),
    result,
    /** The LMS's learner, for xAPI's actor when the launch gives none. */
    learner: () => (live ? { id: lms.get(E.learner), name: lms.get(E.name) } : null),
    finish,
    sessionTime,
  };
})();
