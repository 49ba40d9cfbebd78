// labbook: a lab panel's draft, kept through storage.js so that no version of the learner's
// code is lost without their say:
//
// - `lab:<id>:draft` = {version, code, savedAt, tab}: the last draft saved, by any tab.
//   `version` is the starter's hash when the draft was begun: a changed starter is offered,
//   the draft kept.
// - Another tab's save arrives as a `storage` event: the panel offers it ("Load it / Keep
//   mine") and leaves the editor alone.
// - If this tab saves over a draft of another tab's that it never took in, that draft is first
//   moved to `lab:<id>:draft:other`, and any later page load offers it back. So with two tabs
//   on one lab the last keystroke no longer decides alone: both drafts stay reachable.
// Loaded by labbook.js before lab-panel.js; text is set with textContent only.
(() => {
  "use strict";

  /** A short stable hash of the starter (FNV-1a): a changed starter gets a new draft version. */
  function version(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return "fnv1a-" + h.toString(16).padStart(8, "0");
  }

  const tabId = (window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2)).slice(0, 12);
  const stamp = (d) => (d ? `${d.tab || ""}|${d.savedAt || ""}` : "");
  const isDraft = (d) => !!d && typeof d === "object" && typeof d.code === "string";

  function button(text, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }

  class LabDrafts {
    /** `panel` has `id`, `lab.starter` and (after `initialCode`) `editor`; `notice` is its notice box. */
    constructor(panel, store, notice) {
      this.panel = panel;
      this.store = store;
      this.notice = notice;
      this.key = `lab:${panel.id}:draft`;
      this.otherKey = `lab:${panel.id}:draft:other`;
      this.starter = panel.lab.starter;
      this.starterVersion = version(this.starter);
      this.version = this.starterVersion;
      this.known = "";
      this.pending = null;
    }

    /** The code the editor starts with: the saved draft, else the starter. */
    initialCode() {
      const draft = this.store.get(this.key);
      if (!isDraft(draft)) return this.starter;
      this.version = draft.version;
      this.known = stamp(draft);
      const other = this.store.get(this.otherKey);
      if (isDraft(other) && other.code !== draft.code && other.code !== this.starter) {
        this.pending = () => this.offer(other, "A different draft of this lab, saved in another tab, is kept too. ");
      } else if (draft.version !== this.starterVersion && draft.code !== this.starter) {
        this.pending = () => this.offerNewStarter();
      }
      return draft.code;
    }

    /** Once the editor exists: show what initialCode found, and listen to other tabs. */
    start() {
      if (this.pending) this.pending();
      this.pending = null;
      this.store.watch(this.key, (name, value) => {
        if (name !== this.key || !isDraft(value) || value.tab === tabId) return;
        if (value.code === this.panel.editor.getText()) {
          this.known = stamp(value);
          return;
        }
        this.offer(value, "Another tab saved a newer draft of this lab. ");
      });
    }

    save(code) {
      const stored = this.store.get(this.key);
      if (isDraft(stored) && stored.tab !== tabId && stamp(stored) !== this.known && stored.code !== code) {
        // Another tab's draft this one never took in: keep it reachable before saving over it.
        this.store.set(this.otherKey, stored);
        if (this.notice.hidden) this.offer(stored, "Another tab saved a newer draft of this lab. ");
      }
      const record = { version: this.version, code, savedAt: new Date().toISOString(), tab: tabId };
      if (this.store.set(this.key, record)) this.known = stamp(record);
    }

    /** Puts `code` in the editor as the new draft (Reset code, the solution, a starter). */
    replace(code) {
      this.version = this.starterVersion;
      this.hide();
      this.panel.editor.setText(code);
      this.save(code); // setText saves too, unless the text was already this
    }

    hide() {
      this.notice.hidden = true;
      this.notice.replaceChildren();
      delete this.notice.dataset.offer;
    }

    /** Offers `draft` (another tab's) with "Load it" / "Keep mine"; the editor is left alone. */
    offer(draft, text) {
      const load = button("Load it", () => {
        this.takeIn(draft);
        this.version = draft.version || this.starterVersion;
        this.forgetOther(draft);
        this.hide();
        this.panel.editor.setText(draft.code);
        this.save(draft.code);
        this.panel.announce("The other tab's draft is in the editor. Ctrl/⌘-Z brings yours back.");
      });
      const keep = button("Keep mine", () => {
        this.takeIn(draft);
        this.forgetOther(draft);
        this.hide();
        this.save(this.panel.editor.getText());
      });
      this.notice.replaceChildren(document.createTextNode(text), load, " ", keep);
      this.notice.dataset.offer = "draft";
      this.notice.hidden = false;
    }

    /** The learner has seen `draft`: if it is the saved one, saving over it needs no rescue. */
    takeIn(draft) {
      if (stamp(this.store.get(this.key)) === stamp(draft)) this.known = stamp(draft);
    }

    forgetOther(draft) {
      const other = this.store.get(this.otherKey);
      if (!other || other.code === draft.code) this.store.remove(this.otherKey);
    }

    /** The starter changed since the draft was saved: keep the draft, offer the new starter. */
    offerNewStarter() {
      const use = button("Use the new starter", () => this.replace(this.starter));
      const keep = button("Keep my draft", () => {
        this.version = this.starterVersion;
        this.hide();
        this.save(this.panel.editor.getText());
      });
      this.notice.replaceChildren(
        document.createTextNode("This lab's starter code changed since you saved your draft. Your draft is kept. "),
        use,
        " ",
        keep
      );
      this.notice.dataset.offer = "starter";
      this.notice.hidden = false;
    }
  }

  window.labbook = Object.assign(window.labbook || {}, { LabDrafts });
})();
