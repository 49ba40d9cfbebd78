// labbook terminal: the `{{#terminal}}` panels — xterm.js in front, the lab runtime's terminal
// session behind (the shell, the `aws` CLI and the simulated account run in Rust, in the
// worker; this file only edits lines, shows output and keeps the workspace).
//
// Loaded by labbook.js only on pages with a terminal; xterm.js, its CSS and the service model
// (labbook/aws-model.json) load when a terminal first scrolls into view or is clicked.
//
// Line editing is the readline subset a learner reaches for: typing and pasting, Left/Right,
// Home/End (Ctrl-A/Ctrl-E), Backspace/Delete, Ctrl-U, Up/Down history, Ctrl-C to drop the line,
// Ctrl-L to clear. Enter sends the line; when the runtime says it is unfinished (an open quote,
// a trailing `\`, a here-document) the prompt becomes `> ` and the next line is added to it.
//
// A terminal lab's Grade and Show solution are terminal-lab.js's (loaded before this file).
//
// The workspace (every file under ~) and the history are saved with storage.js under
// `terminal:<name>` after each command that changed them, and sent back when the session is
// reopened: after a reload, or after the worker was replaced (a timeout or a crash).
(() => {
  "use strict";
  const lb = window.labbook;
  const base = lb.base;
  const HISTORY_MAX = 200;
  /** Past this many entries a reopened session keeps its files but not its account. */
  const TRANSCRIPT_MAX = 1000;

  let xterm = null;
  let editorModule = null;
  let model = null;

  function loadXterm() {
    if (!xterm) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = new URL("vendor/xterm.css", base).href;
      document.head.appendChild(link);
      xterm = import(new URL("vendor/xterm.js", base).href);
    }
    return xterm;
  }

  function loadModel() {
    if (!model) {
      model = fetch(new URL("aws-model.json", base).href).then((r) => {
        if (!r.ok) throw new Error(`the terminal's service model could not be loaded (HTTP ${r.status})`);
        return r.text();
      });
    }
    return model;
  }

  function loadEditor() {
    if (!editorModule) editorModule = import(new URL("vendor/codemirror.js", base).href);
    return editorModule;
  }

  const decoder = new TextDecoder("utf-8", { fatal: true });
  const encoder = new TextEncoder();

  function toBase64(text) {
    let bin = "";
    for (const b of encoder.encode(text)) bin += String.fromCharCode(b);
    return btoa(bin);
  }

  /** A saved file's text, or null for a binary file (a ZIP). */
  function fromBase64(b64) {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    try {
      return decoder.decode(bytes);
    } catch (_) {
      return null;
    }
  }

  let sessions = 0;

  class TerminalPanel {
    constructor(section) {
      this.section = section;
      this.name = section.dataset.labbookTerminal;
      /** A terminal lab's id: the session starts where the lab does and can be graded. */
      this.lab = section.dataset.lab || null;
      this.storageKey = this.lab ? `lab:${this.lab}:terminal` : `terminal:${this.name}`;
      this.session = `${this.name}#${++sessions}`;
      this.screen = section.querySelector(".labbook-terminal-screen");
      this.tree = section.querySelector(".labbook-terminal-files");
      this.statusBox = section.querySelector(".labbook-terminal-status");
      this.editorBox = section.querySelector(".labbook-terminal-editor");
      this.started = null;
      this.line = "";
      this.cursor = 0;
      this.pending = "";
      this.prompt = "~ $ ";
      this.busy = false;
      this.queued = [];
      const saved = (lb.storage && lb.storage.get(this.storageKey)) || {};
      this.files = saved.files || {};
      this.history = saved.history || [];
      /** Everything done in the session ({run} and {write} entries): replayed on reopening. */
      this.transcript = Array.isArray(saved.transcript) ? saved.transcript : [];
      this.historyIndex = this.history.length;
      this.editing = null;
      /** Lines handled so far (also `data-lines` on the section, for tests and tools). */
      this.lines = 0;
      section.querySelector(".labbook-terminal-reset").addEventListener("click", () => this.reset());
      section.querySelector(".labbook-terminal-editor-close").addEventListener("click", () => this.closeEditor());
      this.renderTree();
    }

    status(text, state) {
      this.statusBox.textContent = text;
      this.section.dataset.state = state || "";
    }

    start() {
      if (!this.started) this.started = this.boot();
      return this.started;
    }

    async boot() {
      this.status("Starting the terminal…", "loading");
      try {
        const [{ Terminal, FitAddon }] = await Promise.all([loadXterm(), loadModel()]);
        this.term = new Terminal({
          convertEol: true,
          cursorBlink: true,
          fontSize: 14,
          rows: 20,
          scrollback: 5000,
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
          theme: { background: "#1e1e1e" },
        });
        this.fit = new FitAddon();
        this.term.loadAddon(this.fit);
        this.term.open(this.screen);
        this.fit.fit();
        new ResizeObserver(() => this.fit.fit()).observe(this.screen);
        this.term.onData((data) => this.input(data));
        await this.open();
        lb.runtime().onRestart(() => {
          this.open().catch((err) => this.status(`The terminal could not be reopened: ${err.message || err}`, "error"));
        });
        this.status("Ready: type `help`, or an aws command.", "ready");
        this.term.write("Simulated AWS CloudShell for this course: nothing leaves your browser. Type `help`.\n");
        this.showPrompt();
      } catch (err) {
        this.status(`The terminal could not start: ${err && err.message ? err.message : err}`, "error");
        throw err;
      }
    }

    async open() {
      const text = await loadModel();
      const rt = lb.runtime();
      if (this.lab) {
        const r = await fetch(new URL(`labs/${this.lab}.json`, base).href);
        if (!r.ok) throw new Error(`the lab's data could not be loaded (HTTP ${r.status})`);
        const loaded = await rt.loadLab(this.lab, await r.json());
        if (loaded && loaded.type === "error") throw new Error(loaded.message);
      }
      // The replay rebuilds files and account alike; without one, the saved files seed it.
      const replay = this.transcript.length <= TRANSCRIPT_MAX ? this.transcript : [];
      const files = replay.length || this.lab ? {} : this.files;
      const opened = await rt.request({ type: "terminalOpen", session: this.session, files, model: text, lab: this.lab, replay });
      if (opened.type === "error") throw new Error(opened.message);
      this.prompt = opened.prompt;
      this.files = opened.files || {};
      this.renderTree();
    }

    save() {
      if (!lb.storage) return;
      lb.storage.set(this.storageKey, { files: this.files, history: this.history.slice(-HISTORY_MAX), transcript: this.transcript });
    }

    async reset() {
      if (!window.confirm("Delete this terminal's files and history and start again?")) return;
      this.files = {};
      this.history = [];
      this.transcript = [];
      this.historyIndex = 0;
      if (lb.storage) lb.storage.remove(this.storageKey);
      this.closeEditor();
      this.renderTree();
      if (this.term) {
        this.term.reset();
        this.line = "";
        this.cursor = 0;
        this.pending = "";
        await this.open();
        this.showPrompt();
      }
    }

    // ---- line editing ------------------------------------------------------------------

    /** Writes the prompt; `done` runs once xterm.js has drawn everything written before it. */
    showPrompt(done) {
      this.term.write(this.pending ? "> " : this.prompt, done);
      this.row = 0;
    }

    /** Counts a handled line (`data-lines`, for tests and tools) once it is on screen. */
    lineDone() {
      this.lines += 1;
      this.section.dataset.lines = String(this.lines);
    }

    /**
     * Rewrites the prompt and line in place. The line may wrap over several rows: go back to
     * the row it starts on (`this.row` is where the cursor is, counted from there), clear to
     * the end of the screen, write it again, and put the cursor where it belongs.
     */
    redraw() {
      const p = this.pending ? "> " : this.prompt;
      const cols = this.term.cols;
      let s = this.row > 0 ? `\x1b[${this.row}A` : "";
      s += `\r\x1b[J${p}${this.line}`;
      const end = p.length + this.line.length;
      // After exactly filling a row the cursor waits at its last column ("pending wrap").
      const endRow = end > 0 && end % cols === 0 ? end / cols - 1 : Math.floor(end / cols);
      const at = p.length + this.cursor;
      const row = at > 0 && at % cols === 0 && at === end ? endRow : Math.floor(at / cols);
      const col = at === end && end % cols === 0 && end > 0 ? cols - 1 : at % cols;
      if (endRow > row) s += `\x1b[${endRow - row}A`;
      s += "\r";
      if (col > 0) s += `\x1b[${col}C`;
      this.term.write(s);
      this.row = row;
    }

    input(data) {
      if (this.busy) {
        // Typed while a command runs: kept, and replayed once it is done (as a terminal does).
        this.queued.push(data);
        return;
      }
      let i = 0;
      while (i < data.length) {
        const rest = data.slice(i);
        const esc = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/.exec(rest);
        if (esc) {
          this.key(esc[0]);
          i += esc[0].length;
          continue;
        }
        const c = data[i];
        i += 1;
        if (c === "\r" || c === "\n") {
          if (c === "\r" && data[i] === "\n") i += 1;
          const remaining = data.slice(i);
          this.enter();
          if (remaining) this.queued.push(remaining);
          return;
        }
        this.key(c);
      }
    }

    key(k) {
      switch (k) {
        case "\x7f":
        case "\b":
          if (this.cursor > 0) {
            this.line = this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor);
            this.cursor -= 1;
          }
          break;
        case "\x1b[3~":
          this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1);
          break;
        case "\x1b[D":
          this.cursor = Math.max(0, this.cursor - 1);
          break;
        case "\x1b[C":
          this.cursor = Math.min(this.line.length, this.cursor + 1);
          break;
        case "\x1b[H":
        case "\x1bOH":
        case "\x01":
          this.cursor = 0;
          break;
        case "\x1b[F":
        case "\x1bOF":
        case "\x05":
          this.cursor = this.line.length;
          break;
        case "\x15":
          this.line = this.line.slice(this.cursor);
          this.cursor = 0;
          break;
        case "\x1b[A":
          if (this.historyIndex > 0) {
            this.historyIndex -= 1;
            this.line = this.history[this.historyIndex];
            this.cursor = this.line.length;
          }
          break;
        case "\x1b[B":
          if (this.historyIndex < this.history.length) {
            this.historyIndex += 1;
            this.line = this.history[this.historyIndex] || "";
            this.cursor = this.line.length;
          }
          break;
        case "\x03":
          this.cursor = this.line.length;
          this.redraw();
          this.term.write("^C\r\n");
          this.line = "";
          this.cursor = 0;
          this.pending = "";
          this.showPrompt();
          return;
        case "\x0c":
          this.term.clear();
          break;
        case "\t":
          return;
        default:
          if (k.length === 1 && k >= " " && this.cursor === this.line.length) {
            // Typing at the end: the terminal moves the cursor (and wraps) by itself.
            this.line += k;
            this.cursor += 1;
            this.term.write(k);
            const p = (this.pending ? "> " : this.prompt).length;
            const at = p + this.cursor;
            this.row = at % this.term.cols === 0 ? at / this.term.cols - 1 : Math.floor(at / this.term.cols);
            return;
          } else if (k.length === 1 && k >= " ") {
            this.line = this.line.slice(0, this.cursor) + k + this.line.slice(this.cursor);
            this.cursor += 1;
          } else if (k.length > 1 && !k.startsWith("\x1b")) {
            this.line = this.line.slice(0, this.cursor) + k + this.line.slice(this.cursor);
            this.cursor += k.length;
          } else {
            return;
          }
      }
      this.redraw();
    }

    async enter() {
      if (this.cursor !== this.line.length) {
        this.cursor = this.line.length;
        this.redraw();
      }
      this.term.write("\r\n");
      const line = this.line;
      this.line = "";
      this.cursor = 0;
      const source = this.pending ? `${this.pending}\n${line}` : line;
      if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
      this.historyIndex = this.history.length;
      if (!source.trim()) {
        this.pending = "";
        this.showPrompt(() => this.lineDone());
        return this.replay();
      }
      this.busy = true;
      this.section.dataset.busy = "true";
      try {
        const ran = await lb.runtime().request({ type: "terminalRun", session: this.session, source });
        if (ran.type === "error") throw new Error(ran.message);
        if (ran.incomplete) {
          this.pending = source;
        } else {
          this.pending = "";
          this.transcript.push({ run: source });
          if (ran.clear) this.term.clear();
          for (const chunk of ran.chunks) this.term.write(chunk.text);
          this.prompt = ran.prompt;
          this.section.dataset.exitCode = String(ran.exitCode);
          if (ran.files) {
            this.files = ran.files;
            this.renderTree();
            this.refreshEditor();
          }
        }
        this.save();
      } catch (err) {
        this.pending = "";
        this.term.write(`\x1b[31mlabbook: the command could not run: ${err && err.message ? err.message : err}\x1b[0m\n`);
      } finally {
        this.busy = false;
        this.section.dataset.busy = "false";
      }
      this.showPrompt(() => this.lineDone());
      this.replay();
    }

    replay() {
      const queued = this.queued.join("");
      this.queued = [];
      if (queued) this.input(queued);
    }

    // ---- files ---------------------------------------------------------------------------

    renderTree() {
      const names = Object.keys(this.files).sort();
      this.tree.textContent = "";
      if (names.length === 0) {
        const p = document.createElement("p");
        p.className = "labbook-terminal-files-empty";
        p.textContent = "No files yet.";
        this.tree.appendChild(p);
        return;
      }
      const list = document.createElement("ul");
      for (const name of names) {
        const li = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = name;
        button.title = `Open ~/${name}`;
        button.dataset.path = name;
        if (this.editing && this.editing.path === name) button.setAttribute("aria-current", "true");
        button.addEventListener("click", () => this.openFile(name));
        li.appendChild(button);
        list.appendChild(li);
      }
      this.tree.appendChild(list);
    }

    async openFile(path) {
      const text = fromBase64(this.files[path] || "");
      const nameBox = this.editorBox.querySelector(".labbook-terminal-editor-name");
      const view = this.editorBox.querySelector(".labbook-terminal-editor-view");
      this.editorBox.hidden = false;
      nameBox.textContent = `~/${path}`;
      view.textContent = "";
      if (text === null) {
        this.editing = null;
        const p = document.createElement("p");
        p.textContent = "A binary file (a ZIP?): list it with `unzip -l` in the terminal.";
        view.appendChild(p);
        return;
      }
      const { createEditor } = await loadEditor();
      const language = path.endsWith(".json") ? "json" : "python";
      let timer = null;
      const editor = createEditor({
        parent: view,
        doc: text,
        language,
        label: `Editing ~/${path}`,
        onChange: (value) => {
          this.files[path] = toBase64(value);
          clearTimeout(timer);
          timer = setTimeout(() => this.writeFile(path, value), 250);
        },
      });
      this.editing = { path, editor };
      this.renderTree();
    }

    async writeFile(path, text) {
      this.transcript.push({ write: { path, text } });
      this.save();
      try {
        await this.start();
        const r = await lb.runtime().request({ type: "terminalWrite", session: this.session, path, text });
        if (r.type === "error") throw new Error(r.message);
      } catch (err) {
        this.status(`~/${path} could not be saved in the terminal: ${err.message || err}`, "error");
      }
    }

    /** A command changed the open file: show its new text (or close it if it is gone). */
    refreshEditor() {
      if (!this.editing) return;
      const b64 = this.files[this.editing.path];
      if (b64 === undefined) return this.closeEditor();
      const text = fromBase64(b64);
      if (text !== null && text !== this.editing.editor.getText()) this.editing.editor.setText(text);
    }

    closeEditor() {
      this.editing = null;
      this.editorBox.hidden = true;
      this.editorBox.querySelector(".labbook-terminal-editor-view").textContent = "";
      this.renderTree();
    }
  }

  function init() {
    const panels = [...document.querySelectorAll("[data-labbook-terminal]")].map((s) => new TerminalPanel(s));
    for (const p of panels) {
      const box = p.section.closest("[data-labbook-terminal-lab]");
      if (box && lb.TerminalLab) p.labPanel = new lb.TerminalLab(box, p);
    }
    const seen =
      "IntersectionObserver" in window
        ? new IntersectionObserver((entries) => {
            for (const e of entries) {
              if (!e.isIntersecting) continue;
              seen.unobserve(e.target);
              const p = panels.find((x) => x.section === e.target);
              if (p) p.start().catch(() => {});
            }
          })
        : null;
    for (const p of panels) {
      // A click on the screen starts the terminal (if it has not) and gives it the keyboard;
      // clicks in the file tree or the editor keep theirs.
      p.screen.addEventListener("click", () => p.start().then(() => p.term && p.term.focus()).catch(() => {}));
      if (seen) seen.observe(p.section);
      else p.start().catch(() => {});
    }
    lb.terminals = panels;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
