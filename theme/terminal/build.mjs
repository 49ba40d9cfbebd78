// Bundles entry.js into ../labbook/vendor/xterm.js (minified ES module), copies xterm.css, and writes the
// licences of everything inside it to ../labbook/vendor/xterm.LICENSE.txt.
//
// Reproducible: exact versions in package.json, resolved by package-lock.json (`npm ci`), a
// pinned esbuild, no timestamps or absolute paths in the output. `npm run verify` rebuilds in
// memory and fails if the committed files differ.
import { build } from "esbuild";
import { readFileSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "labbook", "vendor");
const verify = process.argv.includes("--verify");

const result = await build({
  entryPoints: [join(here, "entry.js")],
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  legalComments: "none",
  charset: "utf8",
  write: false,
  absWorkingDir: here,
  metafile: true,
});
const banner =
  "/* xterm.js for labbook's terminal pages, built by theme/terminal (npm ci && npm run build).\n" +
  "   MIT licensed; the licences of every bundled package are in xterm.LICENSE.txt. */\n";
const js = banner + result.outputFiles[0].text;

// Every package that contributed code, with its version and licence text.
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) packages.add(m[1]);
}
let licence = "Third-party code in xterm.js (built from theme/terminal/package-lock.json):\n";
for (const name of [...packages].sort()) {
  const dir = join(here, "node_modules", name);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  licence += `\n==== ${name}@${pkg.version} (${pkg.license}) ====\n\n`;
  licence += file ? readFileSync(join(dir, file), "utf8").trim() + "\n" : `${pkg.license}\n`;
}

const css = readFileSync(join(here, "node_modules", "@xterm", "xterm", "css", "xterm.css"), "utf8");
const outputs = { "xterm.js": js, "xterm.css": css, "xterm.LICENSE.txt": licence };
let stale = [];
for (const [name, text] of Object.entries(outputs)) {
  const path = join(outDir, name);
  if (verify) {
    if (!existsSync(path) || readFileSync(path, "utf8") !== text) stale.push(name);
  } else {
    writeFileSync(path, text);
  }
}
if (verify && stale.length) {
  console.error(`out of date: ${stale.join(", ")}; run \`npm ci && npm run build\` in theme/terminal`);
  process.exit(1);
}
console.log(`${verify ? "verified" : "wrote"} xterm.js (${js.length} bytes, ${packages.size} packages)`);
