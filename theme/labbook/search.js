// labbook search, page side: takes over mdBook's search button and keys (`/`, `s`, Ctrl-K or
// ⌘K) and opens a search box whose results are sections, labs, quiz questions, glossary
// terms and the AWS CLI commands the book shows. Nothing but this small file loads with the
// page: the engine (search-engine.js) and the index (search-index.js, written by `labbook
// build`) load on the first open, as scripts, so search works offline and from file:// too.
// A book with `[preprocessor.labbook-labs] search = false` gets an empty file here instead,
// and mdBook's search.
(function () {
  "use strict";

  const KIND_LABEL = { section: "Section", lab: "Lab", quiz: "Quiz question", glossary: "Glossary", command: "Command" };
  const root = typeof path_to_root === "string" ? path_to_root : "";
  const asset = (name) => `${root}labbook/${name}`;
  let dialog, input, list, status;
  let engine = null;
  let loading = null;
  let results = [];
  let selected = 0;

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.appendChild(s);
    });
  }

  /** Engine and index, once: the index script calls labbookSearchIndex(data). */
  function load() {
    if (!loading) {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = asset("search.css");
      document.head.appendChild(css);
      const indexed = new Promise((resolve) => {
        window.labbookSearchIndex = resolve;
      });
      loading = loadScript(asset("search-engine.js"))
        .then(() => Promise.all([indexed, loadScript(asset("search-index.js"))]))
        .then(([data]) => {
          engine = window.LabbookSearchEngine.create(data);
          delete window.labbookSearchIndex;
        });
    }
    return loading;
  }

  function build() {
    dialog = document.createElement("div");
    dialog.id = "labbook-search";
    dialog.hidden = true;
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-label", "Search the course");
    dialog.innerHTML = `<div class="labbook-search-box">
<input id="labbook-search-input" type="search" autocomplete="off" spellcheck="false" role="combobox"
  aria-autocomplete="list" aria-expanded="false" aria-controls="labbook-search-results"
  placeholder="Search sections, labs, quizzes, glossary…">
<p id="labbook-search-status" class="labbook-search-status" role="status" aria-live="polite"></p>
<ul id="labbook-search-results" role="listbox" aria-label="Results"></ul>
<p class="labbook-search-keys"><kbd>↑</kbd><kbd>↓</kbd> choose · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close</p>
</div>`;
    document.body.appendChild(dialog);
    input = dialog.querySelector("input");
    list = dialog.querySelector("ul");
    status = dialog.querySelector(".labbook-search-status");
    input.addEventListener("input", run);
    input.addEventListener("keydown", onKey);
    dialog.addEventListener("mousedown", (e) => {
      if (e.target === dialog) close();
    });
    list.addEventListener("click", (e) => {
      if (e.target.closest("a")) close();
    });
  }

  function open() {
    if (!dialog) build();
    dialog.hidden = false;
    document.documentElement.classList.add("labbook-search-open");
    input.focus();
    input.select();
    if (!engine) {
      status.textContent = "Loading the search index…";
      load().then(run, (err) => {
        status.textContent = `Search is unavailable: ${err.message}`;
      });
    }
  }

  function close() {
    if (!dialog || dialog.hidden) return;
    dialog.hidden = true;
    document.documentElement.classList.remove("labbook-search-open");
  }

  function run() {
    if (!engine) return;
    const query = input.value.trim();
    results = query ? engine.search(query, 10) : [];
    selected = 0;
    list.replaceChildren(...results.map(render));
    input.setAttribute("aria-expanded", String(results.length > 0));
    status.textContent = !query ? "" : results.length ? `${results.length} results` : `Nothing found for “${query}”`;
    highlight();
  }

  function render(r, i) {
    const li = document.createElement("li");
    li.id = `labbook-search-result-${i}`;
    li.setAttribute("role", "option");
    li.dataset.kind = r.kind;
    const a = document.createElement("a");
    a.href = root + r.url;
    const line = (cls, text) => {
      const span = document.createElement("span");
      span.className = cls;
      span.textContent = text;
      return span;
    };
    a.append(
      line("labbook-search-kind", KIND_LABEL[r.kind]),
      line("labbook-search-title", r.kind === "lab" ? r.title.replace(/^Lab: /, "") : r.title),
      line("labbook-search-where", r.chapter),
      line("labbook-search-snippet", r.snippet)
    );
    li.append(a);
    li.addEventListener("mousemove", () => {
      if (selected !== i) {
        selected = i;
        highlight();
      }
    });
    return li;
  }

  function highlight() {
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === selected)));
    const cur = list.children[selected];
    if (cur) {
      input.setAttribute("aria-activedescendant", cur.id);
      cur.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function onKey(e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!results.length) return;
      selected = (selected + (e.key === "ArrowDown" ? 1 : results.length - 1)) % results.length;
      highlight();
    } else if (e.key === "Enter") {
      e.preventDefault();
      const a = list.children[selected]?.querySelector("a");
      if (a) {
        close();
        window.location.href = a.href;
      }
    } else if (e.key === "Escape") {
      e.preventDefault();
      close();
    }
  }

  function typingIn(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.closest?.(".cm-editor"));
  }

  // Capture phase, before mdBook's own handlers: its search bar must not open as well.
  window.addEventListener(
    "keydown",
    (e) => {
      const modK = (e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "k" || e.key === "K");
      const plain = !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s" || e.key === "S");
      if (e.key === "Escape" && dialog && !dialog.hidden) {
        e.stopImmediatePropagation();
        close();
        return;
      }
      // Plain keys are text in a field; Ctrl-K too in the code editor, which has its own keys.
      if (!((modK && !e.target?.closest?.(".cm-editor")) || (plain && !typingIn(e.target)))) return;
      if (dialog && !dialog.hidden && !modK) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      open();
    },
    true
  );

  function takeOverButton() {
    let button = document.getElementById("mdbook-search-toggle");
    if (!button) {
      // mdBook's search is switched off in book.toml: add a button of our own.
      const bar = document.querySelector("#mdbook-menu-bar .left-buttons");
      if (!bar) return;
      button = document.createElement("button");
      button.className = "icon-button";
      button.type = "button";
      button.textContent = "🔍";
      bar.appendChild(button);
    }
    button.id = "mdbook-search-toggle";
    button.title = "Search (/ or Ctrl-K)";
    button.setAttribute("aria-label", "Search the course");
    button.setAttribute("aria-keyshortcuts", "/ s Control+K");
    button.addEventListener(
      "click",
      (e) => {
        e.preventDefault();
        e.stopImmediatePropagation();
        open();
      },
      true
    );
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", takeOverButton);
  else takeOverButton();
  // `engine()` is for measuring (browser-tests/tools/search-bench.mjs): null until loaded.
  window.labbookSearch = { open, close, load, engine: () => engine };
})();
