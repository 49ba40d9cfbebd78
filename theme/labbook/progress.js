// labbook: course progress, read from this browser's localStorage (nothing leaves it).
//
// - On the "Your progress" page (`{{#progress}}`), fills in every quiz's score and every lab's
//   result, marks finished chapters, and offers "Reset all progress".
// - On every page, marks finished chapters in the sidebar with a check. Which chapter holds
//   which quiz and lab is known only to the progress page (the build writes it there), so it is
//   fetched from there, once per visit, and only when something has been saved at all.
//
// Entries (storage.js, shared with the quiz and the lab panel): `quiz:<id>` = {version, answers,
// correct, score, maxScore, at}; `progress:lab:<id>` = {passed, score, maxScore, at};
// `lab:<id>:tokens` = the runtime's attempt and solution tokens. Drafts are not progress: a
// reset keeps them.
(() => {
  "use strict";

  const root = new URL("../", document.currentScript.src);
  const PROGRESS_PAGE = "progress.html";
  const store = window.labbook.storage;
  /** Per tab (sessionStorage) and per course: which chapter holds which quiz and lab. */
  const MAP_CACHE = store.key("progress-map");

  const object = (v) => (v && typeof v === "object" ? v : null);
  const quiz = (id) => object(store.get(`quiz:${id}`));
  const lab = (id) => object(store.get(`progress:lab:${id}`));
  const quizPassed = (q) => !!q && q.maxScore > 0 && q.score === q.maxScore;
  const chapterDone = (ch) =>
    ch.quizzes.length + ch.labs.length > 0 && ch.quizzes.every((id) => quizPassed(quiz(id))) && ch.labs.every((id) => !!(lab(id) || {}).passed);

  /** This course's saved progress: quiz answers, lab results and the labs' grade tokens. */
  function ourKeys() {
    return store.names().filter((k) => k.startsWith("quiz:") || k.startsWith("progress:") || /^lab:[^:]+:tokens$/.test(k));
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
    store.watch("", refresh); // another tab's grade or answer
    window.addEventListener("load", refresh); // the sidebar's table of contents may arrive late
    if (box) {
      box.querySelector(".labbook-progress-reset").addEventListener("click", () => {
        if (!window.confirm("Forget every quiz answer and lab result saved in this browser?")) return;
        for (const k of ourKeys()) store.remove(k);
        refresh();
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
