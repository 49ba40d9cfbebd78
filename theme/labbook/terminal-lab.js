// labbook terminal labs: a terminal lab's Grade and Show solution. The session is terminal.js's
// (a TerminalPanel); this grades what it did — the account it left and the commands it ran, in
// the runtime (`terminalGrade`) — records progress and the runtime's tokens as every lab panel
// does (`progress:lab:<id>`, `lab:<id>:tokens`), and shows the solution once it unlocks.
// Loaded by labbook.js before terminal.js, only on pages with a terminal lab.
(() => {
  "use strict";
  const lb = window.labbook;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  class TerminalLab {
    constructor(box, panel) {
      this.box = box;
      this.panel = panel;
      this.id = box.dataset.labbookTerminalLab;
      this.tokensKey = `lab:${this.id}:tokens`;
      this.results = box.querySelector('[data-role="results"]');
      this.solutionButton = box.querySelector('[data-action="solution"]');
      box.querySelector('[data-action="grade"]').addEventListener("click", () => this.grade());
      this.solutionButton.addEventListener("click", () => this.solution());
      this.updateSolutionButton();
    }

    tokens() {
      return (lb.storage && lb.storage.get(this.tokensKey)) || {};
    }

    updateSolutionButton() {
      this.solutionButton.disabled = !this.tokens().solutionToken;
    }

    async grade() {
      this.results.textContent = "Grading your session…";
      try {
        await this.panel.start();
        const tokens = this.tokens();
        const grade = await lb.runtime().request({ type: "terminalGrade", session: this.panel.session, attempts: tokens.attempts || null });
        if (grade.type === "error") throw new Error(grade.message);
        this.record(grade, tokens);
        this.render(grade);
      } catch (err) {
        this.results.textContent = `The session could not be graded: ${err && err.message ? err.message : err}`;
      }
    }

    record(grade, tokens) {
      if (!lb.storage) return;
      lb.storage.recordLabGrade(this.id, grade, tokens);
      this.box.dataset.passed = String(grade.passed);
      this.updateSolutionButton();
      window.dispatchEvent(new CustomEvent("labbook:progress"));
    }

    render(grade) {
      this.results.textContent = "";
      const summary = grade.passed ? "Graded: every check passes. Well done." : `Graded: ${grade.score} of ${grade.maxScore} checks pass.`;
      this.results.appendChild(el("p", grade.passed ? "labbook-lab-pass" : "labbook-lab-fail", summary));
      const list = el("ul", "labbook-lab-checks");
      for (const c of grade.cases || []) {
        for (const check of c.checks || []) {
          const li = el("li", check.passed ? "labbook-lab-pass" : "labbook-lab-fail");
          li.appendChild(el("span", null, check.passed ? "✓ " : "✗ "));
          li.appendChild(el("strong", null, check.description));
          if (!check.passed && check.message) li.appendChild(el("span", null, ` — ${check.message}`));
          list.appendChild(li);
        }
      }
      this.results.appendChild(list);
    }

    async solution() {
      const token = this.tokens().solutionToken;
      if (!token) return;
      try {
        await this.panel.start();
        const r = await lb.runtime().request({ type: "solution", lab: this.id, token });
        if (r.type === "error") throw new Error(r.message);
        const details = el("details", "labbook-lab-solution");
        details.open = true;
        details.appendChild(el("summary", null, "A solution: these commands, in order"));
        const pre = el("pre");
        pre.appendChild(el("code", null, r.code));
        details.appendChild(pre);
        this.results.appendChild(details);
      } catch (err) {
        this.results.appendChild(el("p", "labbook-lab-fail", `The solution could not be shown: ${err.message || err}`));
      }
    }
  }

  lb.TerminalLab = TerminalLab;
})();
