// labbook: course progress, read from this browser's localStorage (nothing leaves it).
//
// - On the "Your progress" page (`{{#progress}}`), fills in every quiz's score and every lab's
//   result, marks finished chapters, and offers "Reset all progress".
// - On every page, marks finished chapters in the sidebar with a check. Which chapter holds
//   which quiz and lab is known only to the progress page (the build writes it there), so it is
//   fetched from there, once per visit, and only when something has been saved at all.
//
// Keys (shared with the quiz and the lab panel): `labbook:quiz:<id>` = {version, answers,
// correct, score, maxScore, at}; `labbook:progress:lab:<id>` = {passed, score, maxScore, at}.
(() => {
  "use strict";

  const root = new URL("../", document.currentScript.src);
  const PROGRESS_PAGE = "progress.html";
  const MAP_CACHE = "labbook:progress-map";

  function read(key) {
    try {
      return JSON.parse(localStorage.getItem(key) || "null");
    } catch (_) {
      return null;
    }
  }
  const quiz = (id) => read(`labbook:quiz:${id}`);
  const lab = (id) => read(`labbook:progress:lab:${id}`);
  const quizPassed = (q) => !!q && q.maxScore > 0 && q.score === q.maxScore;
  const chapterDone = (ch) =>
    ch.quizzes.length + ch.labs.length > 0 && ch.quizzes.every((id) => quizPassed(quiz(id))) && ch.labs.every((id) => !!(lab(id) || {}).passed);

  function ourKeys() {
    const keys = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k && (k.startsWith("labbook:quiz:") || k.startsWith("labbook:progress:"))) keys.push(k);
    }
    return keys;
  }

  function fillPage(box, chapters) {
    let quizzes = 0, quizzesPassed = 0, labs = 0, labsPassed = 0;
    for (const li of box.querySelectorAll("[data-labbook-progress-quiz]")) {
      const q = quiz(li.dataset.labbookProgressQuiz);
      const state = li.querySelector(".labbook-progress-state");
      quizzes++;
      if (quizPassed(q)) quizzesPassed++;
      li.dataset.state = !q ? "none" : quizPassed(q) ? "passed" : "started";
      state.textContent = q ? `${q.score}/${q.maxScore}${quizPassed(q) ? ", passed" : ""}` : "not taken";
    }
    for (const li of box.querySelectorAll("[data-labbook-progress-lab]")) {
      const l = lab(li.dataset.labbookProgressLab);
      const state = li.querySelector(".labbook-progress-state");
      labs++;
      if (l && l.passed) labsPassed++;
      li.dataset.state = !l ? "none" : l.passed ? "passed" : "started";
      state.textContent = !l ? "not done" : l.passed ? "passed" : `not passed yet (${l.score}/${l.maxScore} checks)`;
    }
    for (const li of box.querySelectorAll(".labbook-progress-chapter")) {
      const ch = chapters.find((c) => c.path === li.dataset.chapter);
      li.toggleAttribute("data-done", !!ch && chapterDone(ch));
    }
    box.querySelector(".labbook-progress-total").textContent =
      `Quizzes passed: ${quizzesPassed} of ${quizzes}. Labs passed: ${labsPassed} of ${labs}. ` +
      "Your progress is kept in this browser only.";
  }

  function markSidebar(chapters) {
    const done = new Set(chapters.filter(chapterDone).map((c) => new URL(c.path, root).pathname));
    for (const a of document.querySelectorAll("#mdbook-sidebar a[href], .sidebar a[href]")) {
      const path = new URL(a.href, location.href).pathname;
      a.toggleAttribute("data-labbook-done", done.has(path));
    }
  }

  async function chapterMap(box) {
    if (box) return JSON.parse(box.querySelector("script.labbook-progress-data").textContent);
    try {
      const cached = sessionStorage.getItem(MAP_CACHE);
      if (cached) return JSON.parse(cached);
    } catch (_) {
      /* no session storage */
    }
    const res = await fetch(new URL(PROGRESS_PAGE, root));
    if (!res.ok) return [];
    const doc = new DOMParser().parseFromString(await res.text(), "text/html");
    const data = doc.querySelector("script.labbook-progress-data");
    const chapters = data ? JSON.parse(data.textContent) : [];
    try {
      sessionStorage.setItem(MAP_CACHE, JSON.stringify(chapters));
    } catch (_) {
      /* fine: fetched again next page */
    }
    return chapters;
  }

  async function init() {
    const box = document.querySelector("[data-labbook-progress]");
    if (!box && ourKeys().length === 0) return; // nothing saved, nothing to mark
    let chapters;
    try {
      chapters = await chapterMap(box);
    } catch (_) {
      return;
    }
    const refresh = () => {
      if (box) fillPage(box, chapters);
      markSidebar(chapters);
    };
    refresh();
    window.addEventListener("labbook:progress", refresh);
    window.addEventListener("storage", refresh);
    window.addEventListener("load", refresh); // the sidebar's table of contents may arrive late
    if (box) {
      box.querySelector(".labbook-progress-reset").addEventListener("click", () => {
        if (!window.confirm("Forget every quiz answer and lab result saved in this browser?")) return;
        for (const k of ourKeys()) localStorage.removeItem(k);
        refresh();
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
