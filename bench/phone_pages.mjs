// How a built portal reads on a phone: the home page's height in screens
// and where its "Challenge it" link is, at 390 x 844 in headless Chromium,
// and the size of every page the home page links to (its own links, the
// header's and the footer's). Also checks that no two links to different
// system pages share their text, on every page of the site.
//
// Run it on one or more built sites (`glassbox build` writes `site/`):
//
//   NODE_PATH=/path/to/node_modules node bench/phone_pages.mjs site/ [other-site/ ...]
//
// It needs playwright-core (found through NODE_PATH) and Chromium
// (`CHROMIUM=/usr/bin/chromium` by default). It serves each site on a free
// local port, so root-relative links work. Exit code 1 when a linked page
// is over 300 KB, the home page is over 3 screens, "Challenge it" is below
// the first screen, or two system links share their text.

import { createRequire } from "node:module";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const WIDTH = 390;
const HEIGHT = 844;
const LIMIT_KB = 300;

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".csv": "text/csv",
};

/** The site's root path (`/` or e.g. `/ai/`), read from the home page's stylesheet link. */
function rootOf(dir) {
  const html = fs.readFileSync(path.join(dir, "index.html"), "utf8");
  const m = html.match(/<link rel="stylesheet" href="([^"]*)assets\//);
  return m ? m[1] : "/";
}

/** The file a root-relative URL path names in `dir`, or null. */
function fileFor(dir, urlPath) {
  const root = rootOf(dir);
  let p = decodeURIComponent(urlPath.split("#")[0].split("?")[0]);
  if (!p.startsWith(root)) return null;
  p = "/" + p.slice(root.length);
  if (p.endsWith("/")) p += "index.html";
  const file = path.join(path.resolve(dir), p);
  if (!file.startsWith(path.resolve(dir))) return null;
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

function serve(dir) {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const file = fileFor(dir, req.url);
      if (!file) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      fs.createReadStream(file).pipe(res);
    });
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

function* htmlFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(p);
    else if (entry.name.endsWith(".html")) yield p;
  }
}

/** Links to system pages whose text is shared with a link to another system. */
function sharedSystemLinkTexts(dir) {
  const byText = new Map();
  const root = rootOf(dir).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const link = new RegExp(`<a\\b[^>]*\\bhref="${root}systems\\/([^/"#.]+)\\/"[^>]*>([\\s\\S]*?)<\\/a>`, "g");
  let pages = 0;
  let links = 0;
  for (const file of htmlFiles(dir)) {
    pages++;
    const html = fs.readFileSync(file, "utf8");
    for (const m of html.matchAll(link)) {
      if (m[1] === "page") continue;
      links++;
      const text = m[2].replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
      if (!byText.has(text)) byText.set(text, new Set());
      byText.get(text).add(m[1]);
    }
  }
  const shared = [...byText].filter(([, ids]) => ids.size > 1);
  return { pages, links, shared };
}

async function measure(browser, dir) {
  const server = await serve(dir);
  const base = `http://127.0.0.1:${server.address().port}`;
  const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
  await page.goto(`${base}${rootOf(dir)}`, { waitUntil: "load" });
  const home = await page.evaluate(() => {
    const challenge = [...document.querySelectorAll("#resident-task a")].find((a) => a.textContent.trim() === "Challenge it");
    const box = challenge ? challenge.getBoundingClientRect() : null;
    return {
      height: document.documentElement.scrollHeight,
      challengeBottom: box ? Math.round(box.bottom + window.scrollY) : null,
      links: [...new Set([...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")))],
    };
  });
  await page.close();
  server.close();
  const failures = [];
  const screens = home.height / HEIGHT;
  console.log(`\n${dir}`);
  console.log(`  home page: ${home.height} px = ${screens.toFixed(2)} screens at ${WIDTH}x${HEIGHT}`);
  console.log(`  "Challenge it" bottom at y = ${home.challengeBottom} px (first screen ends at ${HEIGHT})`);
  if (screens > 3) failures.push(`home page is ${screens.toFixed(2)} screens`);
  if (home.challengeBottom === null || home.challengeBottom > HEIGHT) failures.push(`"Challenge it" is not on the first screen`);
  const sizes = [];
  for (const href of home.links) {
    if (!href.startsWith("/") || href.startsWith("//")) continue;
    const file = fileFor(dir, href);
    if (!file) continue;
    sizes.push([href.split("#")[0], fs.statSync(file).size / 1024]);
  }
  const seen = new Set();
  sizes.sort((a, b) => b[1] - a[1]);
  console.log("  pages the home page links to, largest first (KB):");
  for (const [href, kb] of sizes) {
    if (seen.has(href)) continue;
    seen.add(href);
    const flag = kb > LIMIT_KB ? "  OVER" : "";
    if (seen.size <= 15 || flag) console.log(`    ${kb.toFixed(1).padStart(8)}  ${href}${flag}`);
    if (flag) failures.push(`${href} is ${kb.toFixed(1)} KB`);
  }
  if (seen.size > 15) console.log(`    ... and ${seen.size - 15} more, all smaller`);
  const { pages, links, shared } = sharedSystemLinkTexts(dir);
  console.log(`  system links: ${links} on ${pages} pages; texts shared by different systems: ${shared.length}`);
  for (const [text, ids] of shared.slice(0, 10)) console.log(`    "${text}": ${[...ids].join(", ")}`);
  if (shared.length) failures.push(`${shared.length} link texts name more than one system`);
  return failures;
}

const dirs = process.argv.slice(2);
if (!dirs.length) {
  console.error("usage: node bench/phone_pages.mjs SITE_DIR [SITE_DIR ...]");
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium" });
let failed = [];
for (const dir of dirs) {
  failed = failed.concat((await measure(browser, dir)).map((f) => `${dir}: ${f}`));
}
await browser.close();
if (failed.length) {
  console.log(`\n${failed.length} problem(s):\n  ${failed.join("\n  ")}`);
  process.exit(1);
}
console.log("\nAll within limits.");
