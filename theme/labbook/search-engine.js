// labbook search: answers a query from the index `labbook build` writes
// (labbook/src/search/index.rs), forgiving typos. Loaded on the first search by search.js;
// also loaded by browser-tests/tools/search-bench.mjs under node, so it touches no DOM.
//
// A query word matches an indexed term exactly, as a prefix (the word still being typed), or
// within an edit distance (optimal string alignment: a dropped, doubled, wrong or swapped
// letter is one edit) of 1 for words of 4+ letters and 2 for 8+. A result must match every
// query word (else the most words); a match in a heading outweighs any in body text.
(function (root) {
  "use strict";

  const KINDS = ["section", "lab", "quiz", "glossary", "command"];
  const COMMAND = KINDS.indexOf("command");
  const JOINERS = "_-:./*";
  const isJoiner = (c) => JOINERS.includes(c);
  const isLower = (c) => c !== c.toUpperCase() && c === c.toLowerCase();
  const isUpper = (c) => c !== c.toLowerCase() && c === c.toUpperCase();

  // --- the tokenizer, as in tokenize.rs -------------------------------------------------

  function rawTokens(text) {
    return text
      .split(/[^\p{L}\p{N}_\-:./*]+/u)
      .map((t) =>
        t
          .replace(/^[_\-:./]+|[_\-:./]+$/g, "")
          .replace(/^\*+/, "")
          .replace(/[._\-/]+$/, "")
      )
      .filter((t) => /[\p{L}\p{N}]/u.test(t));
  }

  function parts(raw) {
    const out = [];
    for (const piece of raw.split(/[_\-:./*]/).filter(Boolean)) {
      const chars = [...piece];
      let start = 0;
      for (let i = 1; i < chars.length; i++) {
        const prev = chars[i - 1], cur = chars[i], next = chars[i + 1];
        const hump = (isLower(prev) && isUpper(cur)) || (isUpper(prev) && isUpper(cur) && next !== undefined && isLower(next));
        if (hump) {
          out.push(chars.slice(start, i).join("").toLowerCase());
          start = i;
        }
      }
      out.push(chars.slice(start).join("").toLowerCase());
    }
    return out;
  }

  function stem(w) {
    if (!/^[a-z]+$/.test(w) || w.length <= 3) return w;
    if (w.endsWith("ies") && w.length > 4) return w.slice(0, -3) + "y";
    if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) return w.slice(0, -1);
    return w;
  }

  /** The query's words: each has its whole forms (`x-ray`, `xray`) and its parts. */
  function queryWords(query, stop) {
    const words = [];
    for (const raw of rawTokens(query)) {
      const ps = parts(raw);
      const whole = ps.length > 1 ? [stem(raw.toLowerCase()), stem(ps.join(""))] : [stem(ps[0] || raw.toLowerCase())];
      const keep = (w) => w.length > 1 || /^\d+$/.test(w);
      const sub = ps.map(stem).filter((p) => keep(p) && !stop.has(p));
      if (whole.every((w) => stop.has(w)) || !whole.some(keep)) continue;
      words.push({ whole: [...new Set(whole)], parts: sub, raw });
    }
    return words;
  }

  // --- edit distance ----------------------------------------------------------------------

  // Three reused rows: the distance runs for thousands of terms per keystroke.
  let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

  /**
   * Optimal string alignment distance of a and the first `bLen` letters of b (all of b by
   * default), or max+1 as soon as it must exceed max.
   */
  function distance(a, b, max, bLen = b.length) {
    const n = a.length, m = bLen;
    if (Math.abs(n - m) > max) return max + 1;
    if (m + 1 > rows[0].length) rows = rows.map(() => new Int32Array(2 * (m + 1)));
    let [prev2, prev, cur] = rows;
    for (let j = 0; j <= m; j++) prev[j] = j;
    for (let i = 1; i <= n; i++) {
      cur[0] = i;
      let rowMin = i;
      const ai = a.charCodeAt(i - 1);
      const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
      for (let j = 1; j <= m; j++) {
        const bj = b.charCodeAt(j - 1);
        let v = prev[j - 1] + (ai === bj ? 0 : 1);
        if (prev[j] + 1 < v) v = prev[j] + 1;
        if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
        if (j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > max) return max + 1;
      const t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[m];
  }

  /** A bit per letter (a–z), digit group and anything else that `word` contains. */
  function letters(word) {
    let m = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      m |= 1 << (c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? 26 + (c % 5) : 31);
    }
    return m;
  }

  function popcount(x) {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }

  /** Typos allowed in a word of that length. */
  const allowed = (len) => (len >= 8 ? 2 : len >= 4 ? 1 : 0);

  // --- the engine ---------------------------------------------------------------------------

  function create(index) {
    if (index.v !== 1) throw new Error(`search index version ${index.v}, this engine reads 1: rebuild the site`);
    const terms = index.terms.split("\n");
    const stop = new Set(index.stop);
    const docs = index.docs;
    const N = docs.length;
    const decoded = new Array(terms.length);
    // Term indices by length: a word is compared only with terms it can be within reach of.
    const byLength = [];
    terms.forEach((t, i) => (byLength[t.length] ||= []).push(i));
    // Which letters each term has: one edit changes at most two bits, so terms whose set
    // differs from the word's in more than 2k letters are skipped without a distance.
    const masks = Int32Array.from(terms, letters);

    function postings(t) {
      let p = decoded[t];
      if (!p) {
        const raw = index.post[t];
        p = new Array(raw.length);
        let doc = 0;
        for (let i = 0; i < raw.length; i++) {
          const v = raw[i];
          doc += v >>> 3;
          p[i] = { doc, title: (v & 4) !== 0, tf: v & 3 };
        }
        decoded[t] = p;
      }
      return p;
    }

    /** First index of a term >= w. */
    function lowerBound(w) {
      let lo = 0, hi = terms.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (terms[mid] < w) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }

    /** term index -> match quality (1 exact; less for a prefix or a typo). */
    function matches(forms, typing) {
      const found = new Map();
      const add = (t, q) => {
        if (!(found.get(t) >= q)) found.set(t, q);
      };
      let exact = false;
      for (const f of forms) {
        const at = lowerBound(f);
        if (terms[at] === f) {
          add(at, 1);
          exact = true;
        }
        if (typing && f.length >= 2) {
          for (let t = at; t < terms.length && t < at + 300 && terms[t].startsWith(f); t++) {
            if (terms[t] !== f) add(t, 0.8 - Math.min(0.3, (terms[t].length - f.length) * 0.03));
          }
        }
      }
      // Typos: only for a word not in the book as typed (nor, while typing, as a prefix):
      // the neighbours of a real word are other words.
      if (exact || found.size) return found;
      for (const f of forms) {
        const k = allowed(f.length);
        if (!k) continue;
        const c0 = f.charCodeAt(0), c1 = f.charCodeAt(1), fm = letters(f);
        for (let len = Math.max(1, f.length - k); len < byLength.length; len++) {
          const near = len <= f.length + k;
          // Still typing: a longer term may start with this word, misspelled once.
          if (!near && !typing) break;
          for (const t of byLength[len] || []) {
            const term = terms[t];
            if (popcount(fm ^ masks[t]) > 2 * k && near) continue;
            // One edit keeps the first or second letter in place or shifted by one.
            if (k === 1 && !(c0 === term.charCodeAt(0) || c1 === term.charCodeAt(1) || c0 === term.charCodeAt(1) || c1 === term.charCodeAt(0))) continue;
            if (near) {
              const d = distance(f, term, k);
              if (d > 0 && d <= k) add(t, d === 1 ? 0.7 : 0.5);
            } else if (distance(f, term, 1, f.length) <= 1) {
              add(t, 0.45);
            }
          }
        }
      }
      return found;
    }

    /** doc -> [score, found in its heading] for one query word, over its matching terms. */
    function scoreWord(found) {
      const scores = new Map();
      for (const [t, q] of found) {
        const list = postings(t);
        const idf = Math.log(1 + N / list.length);
        for (const { doc, title, tf } of list) {
          const s = q * idf * ((title ? 6 : 0) + (tf ? 1 + 0.25 * (tf - 1) : 0));
          if (!(scores.get(doc)?.[0] >= s)) scores.set(doc, [s, title]);
        }
      }
      return scores;
    }

    // A command's heading is its operation's name (index.rs): how much of that name the query
    // covers says whether the learner means the command. "publish layer" covers two thirds of
    // publish-layer-version and puts it with the sections titled so; "provisioned
    // concurrency" covers half of put-provisioned-concurrency-config and leaves the chapter's
    // sections first.
    const opParts = new Map();
    function commandWeight(doc, headingWords) {
      let parts = opParts.get(doc);
      if (parts === undefined) {
        const op = /\baws\s+\S+\s+([a-z0-9-]+)/.exec(docs[doc][3]);
        parts = op ? op[1].split("-").filter(Boolean).length : 1;
        opParts.set(doc, parts);
      }
      return 0.7 + 0.6 * Math.min(1, headingWords / parts);
    }

    /** The best results for `query`, best first. */
    function search(query, limit = 10) {
      const words = queryWords(query, stop);
      if (!words.length) return [];
      const perWord = [];
      words.forEach((w, i) => {
        const typing = i === words.length - 1;
        const found = matches(w.whole, typing);
        if (found.size || w.parts.length < 2) {
          // A compound found whole (`update-function-code`) names as much as its parts do.
          perWord.push({ scores: scoreWord(found), size: Math.max(1, w.parts.length) });
        } else {
          // `update-funtion-code` not found whole: each part is a word of its own.
          w.parts.forEach((p, j) => perWord.push({ scores: scoreWord(matches([p], typing && j === w.parts.length - 1)), size: 1 }));
        }
      });
      const total = new Map();
      for (const { scores, size } of perWord) {
        for (const [doc, [s, title]] of scores) {
          const t = total.get(doc) || { n: 0, s: 0, h: 0 };
          t.n += 1;
          t.s += s;
          if (title) t.h += size;
          total.set(doc, t);
        }
      }
      for (const [doc, t] of total) if (docs[doc][0] === COMMAND) t.s *= commandWeight(doc, t.h);
      const ranked = [...total].sort((a, b) => b[1].n - a[1].n || b[1].s - a[1].s || a[0] - b[0]);
      return ranked.slice(0, limit).map(([doc, t]) => {
        const [kind, page, anchor, title, snippet] = docs[doc];
        const [path, chapter] = index.pages[page];
        return { kind: KINDS[kind], title, chapter, snippet, url: `${path}#${anchor}`, score: t.s, matched: t.n, words: perWord.length };
      });
    }

    return { search, terms: terms.length, docs: N };
  }

  const api = { create, distance, queryWords };
  root.LabbookSearchEngine = api;
  if (typeof module === "object" && module.exports) module.exports = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
