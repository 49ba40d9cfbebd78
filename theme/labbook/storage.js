// labbook: the one place the theme keeps a learner's work in this browser (lab drafts, grades,
// solution and attempt tokens, quiz answers). Every other script goes through
// `window.labbook.storage`, so that:
//
// - Keys are namespaced per course: `labbook@<course>:<name>`, where <course> is the page's
//   `<meta name="labbook-course">` if it has one, else the site root's path (from this script's
//   own URL, so the chapter pages and the standalone lab pages agree). Two courses on one host
//   no longer read each other's drafts.
// - A save that fails (a full quota, private mode, storage turned off) says so on the page,
//   once, instead of being swallowed: the learner learns their work is not being kept.
// - An entry that does not parse is removed and read as missing: one corrupt value never
//   breaks a page.
// - Other tabs' saves arrive through `storage` events (`watch`), so a panel can offer a newer
//   draft instead of silently overwriting it.
// - The un-namespaced `labbook:*` keys of earlier versions are moved into the namespace once.
//
// Loaded before labbook.js, quiz.js and progress.js (head.hbs); labbook.js loads it on pages
// that lack it (the standalone lab pages) before the lab panel.
(() => {
  "use strict";

  if (window.labbook && window.labbook.storage) return;

  const root = new URL("../", document.currentScript.src);
  const meta = document.querySelector('meta[name="labbook-course"]');
  const course = (meta && meta.content.trim()) || root.pathname;
  const prefix = `labbook@${course}:`;
  /** Old keys (before namespacing) that held learner work: moved once, then removed. */
  const LEGACY = /^labbook:(quiz:|progress:lab:|lab:[^:]+:draft$)/;
  /** Old keys that hold nothing worth keeping (the page-side fail counter is now a runtime token). */
  const LEGACY_DROP = /^labbook:lab:[^:]+:failedGrades$/;
  const MIGRATED = "storage:migrated";

  /** Whether localStorage can be reached at all (a sandboxed iframe may throw on access). */
  function local() {
    try {
      return window.localStorage;
    } catch (_) {
      return null;
    }
  }

  // ---- the notice ------------------------------------------------------------------------

  let notice = null;
  let lastFailure = null;

  function describe(err) {
    const name = err && err.name;
    if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || (err && err.code === 22)) {
      return "this browser's storage for the site is full";
    }
    if (name === "SecurityError") return "this browser does not allow the site to store data (private mode or a privacy setting)";
    return `saving failed (${(err && err.message) || err})`;
  }

  /** Shows (once per page, until dismissed) that work is not being kept, and why. */
  function showNotice(err) {
    lastFailure = describe(err);
    const text =
      `Your work could not be saved in this browser: ${lastFailure}. It stays on this page until you ` +
      "leave or reload it. Copy anything you want to keep, or free some space (Your progress → Reset, " +
      "or the browser's site data settings) and try again.";
    if (notice && notice.isConnected) {
      notice.querySelector(".labbook-storage-notice-text").textContent = text;
      notice.hidden = false;
      return;
    }
    const place = () => {
      notice = document.createElement("div");
      notice.className = "labbook-storage-notice";
      notice.setAttribute("role", "alert");
      notice.dataset.role = "storage-notice";
      const p = document.createElement("p");
      p.className = "labbook-storage-notice-text";
      p.textContent = text;
      const close = document.createElement("button");
      close.type = "button";
      close.textContent = "Dismiss";
      close.addEventListener("click", () => {
        notice.hidden = true;
      });
      notice.append(p, close);
      document.body.appendChild(notice);
    };
    if (document.body) place();
    else document.addEventListener("DOMContentLoaded", place, { once: true });
  }

  // ---- reading and writing ---------------------------------------------------------------

  const key = (name) => prefix + name;

  /** The parsed value of `name`, or null when missing, unreadable or corrupt (then removed). */
  function get(name) {
    const ls = local();
    if (!ls) return null;
    let raw;
    try {
      raw = ls.getItem(key(name));
    } catch (_) {
      return null;
    }
    if (raw === null) return null;
    try {
      return JSON.parse(raw);
    } catch (_) {
      console.warn(`labbook: discarded a corrupt saved entry (${key(name)})`);
      try {
        ls.removeItem(key(name));
      } catch (_) {
        /* read-only storage: it stays, and keeps reading as missing */
      }
      return null;
    }
  }

  /** Saves `value` as JSON; false (and the page's notice) when the browser refused. */
  function set(name, value) {
    const ls = local();
    try {
      if (!ls) throw Object.assign(new Error("no localStorage"), { name: "SecurityError" });
      ls.setItem(key(name), JSON.stringify(value));
      return true;
    } catch (err) {
      showNotice(err);
      return false;
    }
  }

  function remove(name) {
    const ls = local();
    try {
      if (ls) ls.removeItem(key(name));
    } catch (_) {
      /* nothing we can do; it reads as whatever was there */
    }
  }

  /** Names (without the namespace) of this course's entries that start with `start`. */
  function names(start = "") {
    const ls = local();
    const out = [];
    if (!ls) return out;
    try {
      for (let i = 0; i < ls.length; i++) {
        const k = ls.key(i);
        if (k && k.startsWith(prefix + start)) out.push(k.slice(prefix.length));
      }
    } catch (_) {
      /* unreadable: nothing saved as far as we can tell */
    }
    return out;
  }

  /**
   * Calls `callback(name, value)` when another tab changes an entry whose name starts with
   * `start` (value: the parsed new value, null when removed or corrupt). Returns an unsubscribe.
   */
  function watch(start, callback) {
    const listener = (e) => {
      if (e.storageArea !== local()) return;
      if (e.key === null) return callback(null, null); // another tab cleared everything
      if (!e.key.startsWith(prefix + start)) return;
      let value = null;
      try {
        value = e.newValue === null ? null : JSON.parse(e.newValue);
      } catch (_) {
        value = null;
      }
      callback(e.key.slice(prefix.length), value);
    };
    window.addEventListener("storage", listener);
    return () => window.removeEventListener("storage", listener);
  }

  /** Moves the un-namespaced keys of earlier versions into this course's namespace, once. */
  function migrate() {
    const ls = local();
    if (!ls || get(MIGRATED)) return;
    let old;
    try {
      old = [];
      for (let i = 0; i < ls.length; i++) {
        const k = ls.key(i);
        if (k && (LEGACY.test(k) || LEGACY_DROP.test(k))) old.push(k);
      }
    } catch (_) {
      return;
    }
    let complete = true;
    for (const k of old) {
      try {
        if (LEGACY.test(k)) {
          const name = k.slice("labbook:".length);
          // A namespaced entry is newer than the legacy one: it wins.
          if (ls.getItem(key(name)) === null) ls.setItem(key(name), ls.getItem(k));
        }
        ls.removeItem(k);
      } catch (err) {
        complete = false; // the old key stays, so the next page tries again
      }
    }
    if (!complete) return;
    try {
      // Quietly: a full storage is reported when the learner's own work cannot be saved.
      ls.setItem(key(MIGRATED), JSON.stringify({ at: new Date().toISOString(), moved: old.length }));
    } catch (_) {
      /* tried again on the next page */
    }
  }

  /**
   * Keeps a lab's grade: its progress under `progress:lab:<id>` (a pass is never taken back by
   * a later failing experiment) and the runtime's tokens under `lab:<id>:tokens` (an unlocked
   * solution stays unlocked). `tokens` is what was kept before this grade.
   */
  function recordLabGrade(lab, grade, tokens) {
    const progressKey = `progress:lab:${lab}`;
    const previous = get(progressKey);
    if (!(previous && previous.passed && !grade.passed)) {
      set(progressKey, { passed: grade.passed, score: grade.score, maxScore: grade.maxScore, at: new Date().toISOString() });
    }
    set(`lab:${lab}:tokens`, {
      attempts: grade.attempts || null,
      failedGrades: Number(grade.failedGrades) || 0,
      solutionToken: grade.solutionToken || (tokens && tokens.solutionToken) || null,
    });
  }

  migrate();

  window.labbook = Object.assign(window.labbook || {}, {
    storage: {
      course,
      key,
      get,
      set,
      remove,
      names,
      watch,
      recordLabGrade,
      /** What went wrong with the last failed save, or null. */
      lastFailure: () => lastFailure,
    },
  });
})();
