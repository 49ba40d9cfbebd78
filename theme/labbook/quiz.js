// labbook: quizzes. The page holds each question's prompt and options and, in a JSON script,
// only salted digests of the accepted answers plus the explanation encrypted with a key that a
// right answer derives. Grading happens in the lab runtime's worker (`gradeQuestion`), which
// loads when the quiz scrolls into view. Answers, per-question results and the score are kept
// through storage.js under `quiz:<id>`, tagged with the quiz's content version so an
// edited quiz starts afresh. No framework; text is always set with textContent, and the only
// HTML inserted is the explanation the build wrote (decrypted by the runtime).
(() => {
  "use strict";

  const KEY = (id) => `quiz:${id}`;
  const store = () => window.labbook.storage;

  function load(id, version) {
    const saved = store().get(KEY(id));
    if (saved && typeof saved === "object" && saved.version === version && saved.answers && saved.correct) return saved;
    if (saved) store().remove(KEY(id)); // answers to another version of the quiz, or not a quiz's
    return null;
  }

  function shuffle(list) {
    if (!list || !list.hasAttribute("data-shuffle")) return;
    const items = Array.from(list.children);
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    for (const item of items) list.appendChild(item);
  }

  class Quiz {
    constructor(section) {
      this.section = section;
      this.data = JSON.parse(section.querySelector("script.labbook-quiz-data").textContent);
      this.id = this.data.quiz;
      this.questions = new Map(this.data.questions.map((q) => [q.id, q]));
      this.items = new Map(Array.from(section.querySelectorAll(".labbook-quiz-q")).map((li) => [li.dataset.qid, li]));
      this.status = section.querySelector(".labbook-quiz-status");
      this.score = section.querySelector(".labbook-quiz-score");
      this.retry = section.querySelector(".labbook-quiz-retry");
      this.ready = null;
      this.state = load(this.id, this.data.version) || this.fresh();
      for (const li of this.items.values()) {
        shuffle(li.querySelector(".labbook-quiz-options"));
        li.querySelector(".labbook-quiz-check").addEventListener("click", () => this.check(li));
      }
      this.retry.addEventListener("click", () => this.retryWrong());
      section.querySelector(".labbook-quiz-reset").addEventListener("click", () => this.reset());
      this.restore();
    }

    fresh() {
      return { version: this.data.version, answers: {}, correct: {}, score: 0, maxScore: this.questions.size, at: null };
    }

    /** The lab runtime, started once: the grader. */
    runtime() {
      if (!this.ready) {
        this.section.dataset.state = "loading";
        this.status.textContent = "Loading the grader (the lab runtime)…";
        const rt = window.labbook.runtime();
        this.ready = rt.request({ type: "info" }).then(
          () => {
            this.section.dataset.state = "ready";
            this.status.textContent = "Ready: answer a question and press Check.";
            this.unlockSaved(rt);
            return rt;
          },
          (err) => {
            this.ready = null;
            this.section.dataset.state = "error";
            this.status.textContent = `The grader could not be loaded: ${err.message || err}`;
            throw err;
          }
        );
      }
      return this.ready;
    }

    response(li) {
      const kind = li.dataset.kind;
      if (kind === "single") {
        const c = li.querySelector("input:checked");
        return { choice: c ? c.value : "" };
      }
      if (kind === "multiple") return { choices: Array.from(li.querySelectorAll("input:checked"), (i) => i.value) };
      if (kind === "code") return { code: li.querySelector("textarea").value };
      return { text: li.querySelector(".labbook-quiz-text").value };
    }

    fill(li, r) {
      if (!r) return;
      if (r.choice !== undefined || r.choices) {
        const chosen = new Set(r.choices || [r.choice]);
        for (const input of li.querySelectorAll("input")) input.checked = chosen.has(input.value);
      } else if (r.code !== undefined) li.querySelector("textarea").value = r.code;
      else if (r.text !== undefined) li.querySelector(".labbook-quiz-text").value = r.text;
    }

    lock(li, locked) {
      for (const el of li.querySelectorAll("input, textarea, .labbook-quiz-check")) el.disabled = locked;
    }

    feedback(li, state, text) {
      li.dataset.state = state;
      const box = li.querySelector(".labbook-quiz-feedback");
      box.hidden = !text;
      box.textContent = text || "";
    }

    explain(li, html) {
      const box = li.querySelector(".labbook-quiz-explanation");
      box.hidden = !html;
      box.innerHTML = html || ""; // the build's own Markdown, decrypted by the runtime
    }

    async check(li) {
      const qid = li.dataset.qid;
      const question = this.questions.get(qid);
      const response = this.response(li);
      this.lock(li, true);
      this.feedback(li, "checking", question.kind === "code" ? "Running your handler…" : "Checking…");
      let result;
      try {
        const rt = await this.runtime();
        result = await rt.request({ type: "gradeQuestion", question, response });
      } catch (err) {
        this.lock(li, false);
        this.feedback(li, "error", `Could not check this answer: ${err.message || err}`);
        return;
      }
      if (!result.correct && result.message) {
        this.lock(li, false);
        this.feedback(li, "", result.message);
        return;
      }
      this.state.answers[qid] = response;
      this.state.correct[qid] = !!result.correct;
      this.show(li, !!result.correct, result);
      this.save();
    }

    /** Shows a graded question: right ones are locked, wrong ones stay open for another go. */
    show(li, correct, result) {
      const question = this.questions.get(li.dataset.qid);
      if (correct) {
        this.lock(li, true);
        this.feedback(li, "correct", "Correct!");
        this.explain(li, (result && result.explanation) || question.explanation || "");
        return;
      }
      this.lock(li, false);
      let text = "Not quite.";
      if (result && result.grade) {
        const failed = result.grade.cases.flatMap((c) => c.checks.filter((k) => !k.passed).map((k) => `✘ ${k.message || k.description}`));
        text += ` ${failed.slice(0, 4).join(" ")}`;
      }
      text += li.querySelector(".labbook-quiz-hint") ? " Try again (the hint may help);" : " Try again;";
      text += " the explanation appears once your answer is right.";
      this.feedback(li, "wrong", text);
      this.explain(li, question.kind === "code" ? question.explanation : "");
    }

    save() {
      const correct = Object.values(this.state.correct).filter(Boolean).length;
      Object.assign(this.state, { score: correct, maxScore: this.questions.size, at: new Date().toISOString() });
      store().set(KEY(this.id), this.state); // a refusal shows storage.js's notice
      this.summary();
      window.dispatchEvent(new CustomEvent("labbook:progress"));
    }

    summary() {
      const answered = Object.keys(this.state.correct).length;
      const wrong = Object.values(this.state.correct).filter((c) => !c).length;
      const total = this.questions.size;
      this.score.textContent = answered
        ? `Score: ${this.state.score} of ${total} correct${answered < total ? ` (${total - answered} not answered yet)` : ""}.`
        : "Not answered yet.";
      this.retry.hidden = wrong === 0;
      this.section.dataset.score = String(this.state.score);
    }

    restore() {
      for (const [qid, li] of this.items) {
        const answered = qid in this.state.correct;
        this.fill(li, this.state.answers[qid]);
        if (answered) this.show(li, this.state.correct[qid], null);
      }
      this.summary();
    }

    /** Explanations of questions answered right on an earlier visit, re-derived from the saved answers. */
    async unlockSaved(rt) {
      for (const [qid, li] of this.items) {
        const q = this.questions.get(qid);
        if (q.kind === "code" || this.state.correct[qid] !== true) continue;
        try {
          const r = await rt.request({ type: "gradeQuestion", question: q, response: this.state.answers[qid] });
          if (r.correct) this.explain(li, r.explanation);
        } catch (_) {
          /* leave it closed */
        }
      }
    }

    clear(li) {
      const qid = li.dataset.qid;
      delete this.state.answers[qid];
      delete this.state.correct[qid];
      for (const input of li.querySelectorAll("input")) {
        input.checked = false;
        if (input.type === "text") input.value = "";
      }
      const code = li.querySelector("textarea");
      if (code) code.value = code.defaultValue;
      shuffle(li.querySelector(".labbook-quiz-options"));
      this.lock(li, false);
      this.feedback(li, "", "");
      this.explain(li, "");
    }

    retryWrong() {
      const wrong = Array.from(this.items.values()).filter((li) => this.state.correct[li.dataset.qid] === false);
      for (const li of wrong) this.clear(li);
      this.save();
      if (wrong[0]) wrong[0].scrollIntoView({ block: "center" });
    }

    reset() {
      for (const li of this.items.values()) this.clear(li);
      this.state = this.fresh();
      store().remove(KEY(this.id));
      this.summary();
      window.dispatchEvent(new CustomEvent("labbook:progress"));
    }
  }

  function init() {
    const sections = document.querySelectorAll("[data-labbook-quiz]");
    if (sections.length === 0 || !window.labbook || !window.labbook.storage) return;
    const quizzes = Array.from(sections, (s) => new Quiz(s));
    const seen =
      "IntersectionObserver" in window
        ? new IntersectionObserver((entries) => {
            for (const e of entries) {
              if (!e.isIntersecting) continue;
              seen.unobserve(e.target);
              const quiz = quizzes.find((q) => q.section === e.target);
              quiz.runtime().catch(() => {});
            }
          }, { rootMargin: "400px" })
        : null;
    for (const q of quizzes) if (seen) seen.observe(q.section);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
