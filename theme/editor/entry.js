// The lab panel's code editor: the CodeMirror 6 pieces the panel needs, behind a small API so
// lab-panel.js never depends on CodeMirror's internals. Bundled by build.mjs into
// theme/labbook/vendor/codemirror.js (an ES module the panel imports only on pages with a lab).
import { EditorState, StateEffect, StateField, RangeSet } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, highlightSpecialChars, Decoration, GutterMarker, gutter,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import {
  indentOnInput, bracketMatching, foldGutter, syntaxHighlighting, indentUnit,
} from "@codemirror/language";
import { classHighlighter } from "@lezer/highlight";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { python } from "@codemirror/lang-python";
import { json } from "@codemirror/lang-json";

/** Sets (a 1-based line number) or clears (null) the line marked as the error. */
const setErrorLine = StateEffect.define();

class ErrorMarker extends GutterMarker {
  toDOM() {
    const span = document.createElement("span");
    span.className = "labbook-cm-error-marker";
    span.textContent = "●";
    span.title = "The error is on this line";
    return span;
  }
}
const errorMarker = new ErrorMarker();
const errorLineDeco = Decoration.line({ class: "labbook-cm-error-line" });

/** The marked error line, mapped through edits until the next run clears or moves it. */
const errorLineField = StateField.define({
  create: () => ({ line: null, decos: Decoration.none, markers: RangeSet.empty }),
  update(value, tr) {
    let next = value;
    for (const e of tr.effects) {
      if (!e.is(setErrorLine)) continue;
      const n = e.value;
      if (n == null || n < 1 || n > tr.state.doc.lines) {
        next = { line: null, decos: Decoration.none, markers: RangeSet.empty };
      } else {
        const from = tr.state.doc.line(n).from;
        next = { line: n, decos: Decoration.set([errorLineDeco.range(from)]), markers: RangeSet.of([errorMarker.range(from)]) };
      }
      return next;
    }
    if (tr.docChanged && value.line != null) {
      const decos = value.decos.map(tr.changes);
      const markers = value.markers.map(tr.changes);
      let line = null;
      decos.between(0, tr.state.doc.length, (from) => {
        line = tr.state.doc.lineAt(from).number;
      });
      next = { line, decos, markers };
    }
    return next;
  },
  provide: (f) => [
    EditorView.decorations.from(f, (v) => v.decos),
    gutter({ class: "labbook-cm-error-gutter", markers: (view) => view.state.field(f).markers }),
  ],
});

/**
 * Creates an editor in `parent`.
 * options: doc, language ("python" | "json"), label (accessible name),
 * onChange(text), onRun() (Ctrl/Cmd-Enter).
 */
export function createEditor({ parent, doc = "", language = "python", label = "Code", onChange, onRun }) {
  const lang = language === "json" ? json() : python();
  const runKeys = onRun
    ? [{ key: "Mod-Enter", preventDefault: true, run: () => (onRun(), true) }]
    : [];
  const state = EditorState.create({
    doc,
    extensions: [
      lineNumbers(),
      errorLineField,
      foldGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      indentOnInput(),
      indentUnit.of("    "),
      EditorState.tabSize.of(4),
      bracketMatching(),
      closeBrackets(),
      highlightActiveLine(),
      highlightActiveLineGutter(),
      highlightSelectionMatches(),
      // Tokens get `tok-*` classes; labbook.css colours them per mdBook theme (light and dark),
      // so switching theme needs no new editor.
      syntaxHighlighting(classHighlighter),
      // Run before the default keymap so Mod-Enter is not "insert blank line".
      keymap.of([...runKeys, ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, indentWithTab]),
      lang,
      EditorView.contentAttributes.of({ "aria-label": label }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged && onChange) onChange(u.state.doc.toString());
      }),
    ],
  });
  const view = new EditorView({ state, parent });
  return {
    view,
    getText: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, effects: setErrorLine.of(null) });
    },
    /** Marks line `n` (1-based) as the error line and scrolls to it; null clears. */
    markErrorLine(n) {
      const effects = [setErrorLine.of(n)];
      if (n != null && n >= 1 && n <= view.state.doc.lines) {
        effects.push(EditorView.scrollIntoView(view.state.doc.line(n).from, { y: "center" }));
      }
      view.dispatch({ effects });
    },
    errorLine: () => view.state.field(errorLineField).line,
    focus: () => view.focus(),
  };
}
