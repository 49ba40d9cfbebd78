// Shared set-up for the browser tests: find and launch Debian's Chromium headless.
//
// The tests never download a browser. A missing Chromium is a failure with instructions,
// never a silent skip (CI installs it with apt; so can you).
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

const CANDIDATES = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function chromiumPath() {
  const found = CANDIDATES.find((p) => p && existsSync(p));
  if (!found) {
    throw new Error(
      "Chromium not found (looked for $CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome). " +
        "Install it with `sudo apt-get install -y chromium chromium-driver`, or set CHROMIUM=/path/to/chrome."
    );
  }
  return found;
}

/**
 * Launches Chromium and warms it up: on a machine where Chromium has never run (a fresh CI
 * box), its first page can take tens of seconds (font cache, profile, zygote start), which is
 * set-up cost, not the site's. The first navigation here absorbs it with a generous deadline
 * and says how long it took. A warm-up that still fails closes its browser (a leftover
 * Chromium would keep node's test runner alive) and tries once more with a fresh one.
 */
export async function launch() {
  for (let attempt = 1; ; attempt++) {
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-quic",
        // Containers often give /dev/shm 64 MB, too little for a renderer: use /tmp instead.
        "--disable-dev-shm-usage",
      ],
    });
    const t0 = performance.now();
    try {
      const page = await browser.newPage();
      await page.goto(new URL("404-warm-up.html", siteUrl()).href, { waitUntil: "commit", timeout: 120_000 });
      await page.close();
      const ms = Math.round(performance.now() - t0);
      if (ms > 5000) console.log(`# Chromium's first page took ${ms} ms (attempt ${attempt})`);
      return browser;
    } catch (err) {
      await browser.close().catch(() => {});
      if (attempt >= 2) throw err;
      console.log(`# Chromium's first page failed (${err.message.split("\n")[0]}); retrying with a fresh browser`);
    }
  }
}

/** The served site's base URL, given by the Rust harness. */
export function siteUrl() {
  const url = process.env.LABBOOK_URL;
  if (!url) throw new Error("LABBOOK_URL is not set: run these tests through `cargo test -p labbook --test browser`");
  return url;
}
