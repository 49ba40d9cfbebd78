// labbook's search against mdBook's elasticlunr, for the same built book in the same run:
// what the first search downloads (raw and brotli), how long a query takes once loaded, and
// how many of the queries in search-queries.mjs find their section in the top 3.
//
//   cargo run -p labbook -- build --dev-runtime --out /tmp/site
//   node browser-tests/tools/search-bench.mjs /tmp/site
//   LABBOOK_URL=http://127.0.0.1:3000/ node browser-tests/tools/search-bench.mjs /tmp/site   # and in Chromium
//
// Both engines run in this node process on the same machine (V8, as in Chromium); the
// elasticlunr query is the one mdBook's searcher.js makes, with the book's search options.
import { readFileSync, readdirSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import vm from "node:vm";
import { createRequire } from "node:module";
import { QUERIES, isExpected } from "./search-queries.mjs";

const site = process.argv[2];
if (!site) throw new Error("usage: node browser-tests/tools/search-bench.mjs SITE_DIR (built by `labbook build`)");
const file = (name) => readFileSync(join(site, name));
const hashed = (prefix) => {
  const name = readdirSync(site).find((f) => f.startsWith(prefix) && f.endsWith(".js"));
  if (!name) throw new Error(`${site} has no ${prefix}*.js: is mdBook's search enabled in book.toml?`);
  return name;
};
const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// --- load both -----------------------------------------------------------------------------
const ours = { files: ["labbook/search-engine.js", "labbook/search-index.js", "labbook/search.css"] };
const lunr = { files: [hashed("searchindex-")] };
for (const e of [ours, lunr]) {
  const bufs = e.files.map(file);
  e.raw = bufs.reduce((n, b) => n + b.length, 0);
  e.brotli = bufs.reduce((n, b) => n + br(b), 0);
  e.gzip = bufs.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
}

// Both engines are loaded as modules of this context: code run inside a vm context reaches
// its globals (Math, Map…) through interceptors and runs many times slower than in a page.
const require = createRequire(import.meta.url);
{
  const { create } = require(join(isAbsolute(site) ? site : join(process.cwd(), site), "labbook/search-engine.js"));
  const t = performance.now();
  const text = file("labbook/search-index.js").toString();
  const engine = create(JSON.parse(text.slice(text.indexOf("(") + 1, text.lastIndexOf(")"))));
  ours.loadMs = performance.now() - t;
  ours.search = (q) => engine.search(q, 3).map((r) => r.url);
}
{
  const elasticlunr = require(join(isAbsolute(site) ? site : join(process.cwd(), site), hashed("elasticlunr-")));
  const t = performance.now();
  // searchindex.js is `window.search = Object.assign(window.search, JSON.parse('…'))`.
  const ctx = vm.createContext({ window: { search: {} } });
  vm.runInContext(file(lunr.files[0]).toString(), ctx);
  const config = JSON.parse(JSON.stringify(ctx.window.search));
  const index = elasticlunr.Index.load(config.index);
  lunr.loadMs = performance.now() - t;
  lunr.search = (q) => index.search(q, config.search_options).slice(0, 3).map((r) => config.doc_urls[r.ref]);
}

// --- time and hit rate -----------------------------------------------------------------------
function timing(e) {
  for (const { q } of QUERIES) e.search(q); // warm-up (JIT, lazy decoding)
  const per = [];
  for (const { q } of QUERIES) {
    const t = performance.now();
    const n = 20;
    for (let i = 0; i < n; i++) e.search(q);
    per.push((performance.now() - t) / n);
  }
  // As typed: one search per keystroke, as the search box does.
  let keys = 0;
  const t = performance.now();
  for (const { q } of QUERIES) for (let i = 1; i <= q.length; i++, keys++) e.search(q.slice(0, i));
  e.perKey = (performance.now() - t) / keys;
  per.sort((a, b) => a - b);
  e.median = per[per.length >> 1];
  e.p95 = per[Math.floor(per.length * 0.95)];
  e.max = per[per.length - 1];
}
function hits(e, typo) {
  const qs = QUERIES.filter((q) => Boolean(q.typo) === typo);
  const missed = qs.filter(({ q, expect }) => !e.search(q).some((u) => isExpected(u, expect))).map((x) => x.q);
  return { hit: qs.length - missed.length, of: qs.length, missed };
}
for (const e of [ours, lunr]) {
  timing(e);
  e.right = hits(e, false);
  e.typos = hits(e, true);
}

// In Chromium too, when a served site is given (LABBOOK_URL): the same queries through the
// page's engine and mdBook's elasticlunr, timed inside the page.
let inPage = null;
if (process.env.LABBOOK_URL) {
  const { launch } = await import("../chromium.mjs");
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(new URL("index.html", process.env.LABBOOK_URL).href, { waitUntil: "load" });
  await page.evaluate(() => window.labbookSearch.load());
  await page.addScriptTag({ url: new URL(lunr.files[0], process.env.LABBOOK_URL).href });
  inPage = await page.evaluate((qs) => {
    const ours = window.labbookSearch.engine();
    const index = window.elasticlunr.Index.load(window.search.index);
    const time = (f) => {
      for (const q of qs) f(q);
      const per = qs.map((q) => {
        const t = performance.now();
        for (let i = 0; i < 20; i++) f(q);
        return (performance.now() - t) / 20;
      });
      per.sort((a, b) => a - b);
      return { median: per[per.length >> 1], p95: per[Math.floor(per.length * 0.95)], max: per[per.length - 1] };
    };
    return { ours: time((q) => ours.search(q, 10)), lunr: time((q) => index.search(q, window.search.search_options)) };
  }, QUERIES.map((q) => q.q));
  await browser.close();
}

const row = (label, a, b) => console.log(`${label.padEnd(34)}${String(a).padEnd(22)}${b}`);
console.log(`Search in ${site}, ${QUERIES.length} queries (${QUERIES.filter((q) => q.typo).length} with a typo), node ${process.version}\n`);
row("", "labbook", "mdBook elasticlunr");
row("first search downloads", ours.files.length + " files", lunr.files.length + " file");
row("  raw", kb(ours.raw), kb(lunr.raw));
row("  brotli (q11)", kb(ours.brotli), kb(lunr.brotli));
row("  gzip (-9)", kb(ours.gzip), kb(lunr.gzip));
row("index load + parse", `${ours.loadMs.toFixed(1)} ms`, `${lunr.loadMs.toFixed(1)} ms`);
row("query, median", `${ours.median.toFixed(2)} ms`, `${lunr.median.toFixed(2)} ms`);
row("query, p95", `${ours.p95.toFixed(2)} ms`, `${lunr.p95.toFixed(2)} ms`);
row("query, slowest", `${ours.max.toFixed(2)} ms`, `${lunr.max.toFixed(2)} ms`);
row("per keystroke (as typed)", `${ours.perKey.toFixed(2)} ms`, `${lunr.perKey.toFixed(2)} ms`);
if (inPage) {
  for (const k of ["median", "p95", "max"]) row(`query in Chromium, ${k}`, `${inPage.ours[k].toFixed(2)} ms`, `${inPage.lunr[k].toFixed(2)} ms`);
}
row("top 3 hit, spelled right", `${ours.right.hit}/${ours.right.of}`, `${lunr.right.hit}/${lunr.right.of}`);
row("top 3 hit, with a typo", `${ours.typos.hit}/${ours.typos.of}`, `${lunr.typos.hit}/${lunr.typos.of}`);
for (const [name, e] of [["labbook", ours], ["elasticlunr", lunr]]) {
  const missed = [...e.right.missed, ...e.typos.missed];
  if (missed.length) console.log(`\n${name} missed: ${missed.join("; ")}`);
}
