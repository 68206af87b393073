#!/usr/bin/env node
// glassbox's accessibility gate. Checks every HTML page of one or more built
// portals in Debian's headless Chromium (one browser for everything) and with
// the W3C Nu HTML checker. Run by tests/a11y/run.sh, which CI calls.
//
//   node gate.mjs --site NAME=DIR[,lang=en-GB][,marked=/page/:cy][,sample=N] ... [--faulty DIR --expect a,b,c]
//                 [--shots DIR --shot /path/ ...] [--report FILE]
//
// Exit 0 when every --site has no finding and the --faulty site has at least
// the expected kinds of finding; 1 otherwise; 2 on a usage or setup error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const HERE = path.dirname(new URL(import.meta.url).pathname);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const JAVA = process.env.JAVA || 'java';
// WCAG 2.0, 2.1 and 2.2 at levels A and AA. `target-size` is tagged wcag22aa.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// The WCAG 1.4.12 text-spacing overrides.
// No text may be drawn smaller than this (CSS px), SVG text included.
const MIN_TEXT_PX = 12;
// The phone a resident reads on: 390 x 844 CSS px.
const PHONE_H = 844;
const TEXT_SPACING_CSS = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;

function die(msg) {
  console.error(`a11y gate: ${msg}`);
  process.exit(2);
}

// ------------------------------------------------------------------ arguments
function parseArgs(argv) {
  const o = { sites: [], faulty: null, expect: [], shots: [], shotDir: null, report: null };
  const need = (i) => {
    if (i + 1 >= argv.length) die(`${argv[i]} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--site') {
      const [nameDir, ...opts] = need(i).split(',');
      const [name, dir] = nameDir.split('=');
      if (!name || !dir) die(`--site takes NAME=DIR, not ${nameDir}`);
      const site = { name, dir, lang: null, marked: [], sample: 0 };
      for (const kv of opts) {
        const [k, v] = kv.split('=');
        if (k === 'lang') site.lang = v;
        else if (k === 'marked') {
          const [page, lang] = v.split(':');
          site.marked.push({ page, lang });
        }
        else if (k === 'sample') site.sample = Number(v);
        else die(`unknown --site option ${k}`);
      }
      o.sites.push(site);
      i++;
    } else if (a === '--faulty') { o.faulty = need(i); i++; }
    else if (a === '--expect') { o.expect = need(i).split(',').filter(Boolean); i++; }
    else if (a === '--shots') { o.shotDir = need(i); i++; }
    else if (a === '--shot') { o.shots.push(need(i)); i++; }
    else if (a === '--report') { o.report = need(i); i++; }
    else die(`unknown argument ${a}`);
  }
  if (!o.sites.length && !o.faulty) die('nothing to check: give --site NAME=DIR');
  for (const s of [...o.sites.map((s) => s.dir), ...(o.faulty ? [o.faulty] : [])]) {
    if (!fs.existsSync(path.join(s, 'index.html'))) die(`no built site in ${s} (index.html missing)`);
  }
  return o;
}

// ---------------------------------------------------------------- site files
function listFiles(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out.sort();
}

function urlPathOf(rel) {
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return `/${rel.slice(0, -'index.html'.length)}`;
  return `/${rel}`;
}

// Pages of one template share an address shape: `/systems/<id>/` and
// `/systems/<id>/notice/` are two shapes; a top-level page is its own.
function shapeOf(rel) {
  const segs = urlPathOf(rel).split('/').filter(Boolean);
  if (segs.length <= 1) return `/${segs.join('/')}`;
  return `${segs[0]}/${segs.length}${segs.length >= 3 ? `/${segs[segs.length - 1]}` : ''}`;
}

// For a large portal: of each address shape, the first page and the largest
// (the most content to lay out), then more in order, up to `n` pages.
function samplePages(dir, pages, n) {
  const groups = new Map();
  for (const rel of pages) {
    const k = shapeOf(rel);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(rel);
  }
  const chosen = [];
  for (const list of groups.values()) {
    const size = (f) => fs.statSync(path.join(dir, f)).size;
    const largest = list.reduce((a, b) => (size(b) > size(a) ? b : a));
    const picked = [...new Set([list[0], largest, ...list])].slice(0, n);
    chosen.push(...picked);
  }
  return chosen.sort();
}

// Links and ids read from a page's HTML source (every page, also those the
// browser does not open): href of <a>, <link>, <area>; src of <img>,
// <source>, <script>, <iframe>; every id and <a name>.
function decodeEntities(v) {
  return v.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (m, e) => {
    const l = e.toLowerCase();
    if (l === 'amp') return '&';
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    if (l === 'quot') return '"';
    if (l === 'apos') return "'";
    return String.fromCodePoint(l[1] === 'x' ? parseInt(l.slice(2), 16) : parseInt(l.slice(1), 10));
  });
}
const LINK_ATTR = { a: 'href', link: 'href', area: 'href', img: 'src', source: 'src', script: 'src', iframe: 'src' };
function staticLinks(html) {
  const links = [];
  const ids = [];
  const text = html.replace(/<!--[\s\S]*?-->/g, '');
  const tagRe = /<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  const attrRe = /([^\s"'=<>\/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const t of text.matchAll(tagRe)) {
    const tag = t[1].toLowerCase();
    for (const a of t[2].matchAll(attrRe)) {
      const name = a[1].toLowerCase();
      const value = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
      if (name === 'id' || (tag === 'a' && name === 'name')) ids.push(value);
      else if (LINK_ATTR[tag] === name) links.push(value);
    }
  }
  return { links, ids };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg', '.webp': 'image/webp', '.atom': 'application/atom+xml',
};

// A tiny static server: `dir/` serves `dir/index.html`; nothing else clever.
function serve(dir) {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    let p;
    try { p = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { p = null; }
    let file = p && path.join(root, p);
    if (!file || !file.startsWith(root)) { res.writeHead(400); res.end(); return; }
    if (p.endsWith('/')) file = path.join(file, 'index.html');
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) { res.writeHead(404); res.end('not found'); return; }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ------------------------------------------------------- in-page probes
// These run inside the page (serialised by Playwright), so they only use DOM APIs.

// A short CSS selector for an element, for messages.
const SELECTOR_FN = `(el) => {
  const parts = [];
  for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
    if (e.id) { parts.unshift('#' + CSS.escape(e.id)); break; }
    let s = e.localName;
    if (e.classList.length) s += '.' + [...e.classList].slice(0, 2).map((c) => CSS.escape(c)).join('.');
    parts.unshift(s);
  }
  return parts.join(' > ');
}`;

// Links, fragments and ids of the page; language attributes.
function collectProbe() {
  const links = [];
  for (const el of document.querySelectorAll('a[href], link[href], area[href]')) {
    links.push({ attr: el.getAttribute('href'), url: el.href });
  }
  for (const el of document.querySelectorAll('img[src], source[src], script[src], iframe[src]')) {
    links.push({ attr: el.getAttribute('src'), url: el.src });
  }
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
  for (const a of document.querySelectorAll('a[name]')) ids.push(a.name);
  const langs = [...document.querySelectorAll('body [lang]')].map((e) => ({
    lang: e.getAttribute('lang'), text: e.textContent.trim().slice(0, 80),
  }));
  return { links, ids, htmlLang: document.documentElement.getAttribute('lang'), langs };
}

// Every focusable element in tab order, with its unfocused look.
const FOCUS_STYLE_PROPS = ['outline-style', 'outline-width', 'outline-color', 'box-shadow',
  'background-color', 'color', 'text-decoration-line', 'text-decoration-thickness',
  'border-top-color', 'border-bottom-color', 'border-bottom-width'];

function focusProbe(props) {
  const sel = eval(SELECTOR_SRC); // eslint-disable-line no-eval
  const style = (el) => {
    const cs = getComputedStyle(el);
    return props.map((p) => cs.getPropertyValue(p)).join('|');
  };
  const candidates = [...document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])',
  )].filter((el) => !el.disabled && el.getClientRects().length > 0);
  const failures = [];
  const before = candidates.map(style);
  let checked = 0;
  candidates.forEach((el, i) => {
    el.focus();
    if (document.activeElement !== el) return; // not focusable after all
    checked++;
    const visible = el.matches(':focus-visible');
    const after = style(el);
    if (!visible || after === before[i]) {
      failures.push(`${sel(el)}${visible ? '' : ' (no :focus-visible)'}`);
    }
    el.blur();
  });
  return { checked, failures };
}

// Reflow at the current (narrow) width: the page must not scroll sideways,
// and a box that scrolls sideways by itself must be focusable and named.
function reflowProbe() {
  const sel = eval(SELECTOR_SRC); // eslint-disable-line no-eval
  const findings = [];
  const doc = document.scrollingElement || document.documentElement;
  const vw = document.documentElement.clientWidth;
  if (doc.scrollWidth > vw + 1) {
    let worst = null;
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= vw + 1) continue;
      let inScroller = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox !== 'visible') { inScroller = true; break; }
      }
      if (!inScroller && (!worst || r.right > worst.right)) worst = { right: r.right, el };
    }
    findings.push(`page is ${doc.scrollWidth}px wide at ${vw}px` +
      (worst ? `; widest: ${sel(worst.el)} (${Math.round(worst.right)}px)` : ''));
  }
  for (const el of document.body.querySelectorAll('*')) {
    const ox = getComputedStyle(el).overflowX;
    if ((ox === 'auto' || ox === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      const named = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      const focusable = el.tabIndex >= 0;
      const role = el.getAttribute('role') || '';
      if (!named || !focusable || !role) {
        findings.push(`${sel(el)} scrolls sideways but is not a focusable, labelled region`);
      }
    }
  }
  return findings;
}

// Text cut off: an element's content overflows its box where it cannot be
// scrolled to (overflow hidden or clip), or spills out of a box with a fixed height.
function clipProbe() {
  const sel = eval(SELECTOR_SRC); // eslint-disable-line no-eval
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.textContent.trim()) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden') continue;
    // Visually hidden text (clip to 1px) is meant for screen readers only.
    if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;
    if (cs.position === 'absolute' && (cs.clip !== 'auto' || cs.clipPath !== 'none')) continue;
    const scrolls = (v) => v === 'auto' || v === 'scroll';
    const dy = el.scrollHeight - el.clientHeight;
    const dx = el.scrollWidth - el.clientWidth;
    if (dy > 1 && !scrolls(cs.overflowY)) found.push(`${sel(el)} (text ${dy}px taller than its box)`);
    else if (dx > 1 && !scrolls(cs.overflowX) && cs.overflowX !== 'visible') {
      found.push(`${sel(el)} (text ${dx}px wider than its box)`);
    }
  }
  return found;
}

// Table captions and header cells at a narrow width: each one that is shown
// (not visually hidden for screen readers) lies wholly inside the viewport and
// inside every box that clips or scrolls it, and its text fits its own box.
// A header scrolled out of sight in its table's box counts as hidden.
function tableProbe() {
  const sel = eval(SELECTOR_SRC); // eslint-disable-line no-eval
  const found = [];
  const vw = document.documentElement.clientWidth;
  for (const el of document.body.querySelectorAll('caption, th')) {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || !el.textContent.trim()) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;
    let left = 0, right = vw, hidden = false;
    for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      const ps = getComputedStyle(p);
      const pr = p.getBoundingClientRect();
      // visually hidden (clipped to nothing or to 1 px): meant for screen readers
      if (ps.display === 'none' || ps.clipPath === 'inset(50%)' || (ps.position === 'absolute' && ps.clip !== 'auto') ||
        ((ps.overflowX !== 'visible' || ps.overflowY !== 'visible') && (pr.width <= 1 || pr.height <= 1))) { hidden = true; break; }
      if (ps.overflowX !== 'visible') {
        left = Math.max(left, pr.left + p.clientLeft);
        right = Math.min(right, pr.left + p.clientLeft + p.clientWidth);
      }
    }
    if (hidden) continue;
    const problems = [];
    if (r.left < left - 1 || r.right > right + 1) {
      problems.push(`only ${Math.max(0, Math.round(Math.min(r.right, right) - Math.max(r.left, left)))} of its ${Math.round(r.width)} px are in view`);
    }
    if (el.scrollWidth > el.clientWidth + 1 && cs.overflowX !== 'visible') problems.push('its text is wider than its box');
    if (problems.length) found.push(`<${el.localName}> "${el.textContent.trim().replace(/\s+/g, ' ').slice(0, 50)}" (${sel(el)}): ${problems.join(', ')}`);
  }
  return found;
}

// Text smaller than `min` CSS px as it is drawn: the computed font size,
// times the scale of any transform or SVG viewBox above it. Counts every
// element with text of its own, SVG <text> included; visually hidden text
// (clipped to 1 px) is for screen readers and does not count.
function textSizeProbe(min) {
  const sel = eval(SELECTOR_SRC); // eslint-disable-line no-eval
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    if (el.closest('title, desc, script, style, noscript, template')) continue;
    const rects = el.getClientRects();
    if (!rects.length) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 && r.height <= 1) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden') continue;
    let scale = 1;
    let e = el;
    if (el instanceof SVGGraphicsElement && el.getScreenCTM) {
      const m = el.getScreenCTM();
      if (m) scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      e = el.ownerSVGElement && el.ownerSVGElement.parentElement;
    }
    for (; e; e = e.parentElement) {
      const t = getComputedStyle(e).transform;
      if (t && t !== 'none') {
        const m = new DOMMatrixReadOnly(t);
        scale *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      }
    }
    const size = parseFloat(cs.fontSize) * scale;
    if (size < min - 0.01) {
      found.push(`"${el.textContent.trim().replace(/\s+/g, ' ').slice(0, 40)}" (${sel(el)}) is drawn at ${size.toFixed(1)} px`);
    }
  }
  return found;
}

// How many rows the main navigation's links take.
// A resident's phone: the page's height as it loads, the challenge box's
// height, and where the home page's "Challenge it" link starts.
function phoneProbe() {
  const box = document.querySelector('#challenge-box');
  const link = [...document.querySelectorAll('#resident-task a')].find((a) => /challenge/i.test(a.textContent));
  return {
    height: document.documentElement.scrollHeight,
    box: box ? Math.round(box.getBoundingClientRect().height) : null,
    linkTop: link ? Math.round(link.getBoundingClientRect().top + window.scrollY) : null,
  };
}

function navRowsProbe() {
  const nav = document.querySelector('nav[aria-label="Main"]') || document.querySelector('header nav, nav');
  if (!nav) return 0;
  const tops = [];
  for (const a of nav.querySelectorAll('a[href]')) {
    const r = a.getBoundingClientRect();
    if (r.height && !tops.some((t) => Math.abs(t - r.top) < r.height / 2)) tops.push(r.top);
  }
  return tops.length;
}

// With the skip link followed: is focus on <main>?
function activeProbe() {
  const a = document.activeElement;
  if (!a) return null;
  const r = a.getBoundingClientRect();
  const cs = getComputedStyle(a);
  return {
    tag: a.localName, text: a.textContent.trim(), href: a.getAttribute('href'),
    visible: r.width > 1 && r.height > 1 && r.bottom > 0 && r.top < innerHeight &&
      cs.visibility !== 'hidden' && cs.opacity !== '0' && cs.clip === 'auto',
  };
}

let SELECTOR_SRC = SELECTOR_FN; // eslint-disable-line prefer-const

// ------------------------------------------------------------------- checks
async function checkSite(ctx, site) {
  const { browser, axeSource, noJs } = ctx;
  const files = listFiles(site.dir);
  // Redirect pages for old addresses (aliases) move the browser on at once,
  // so they cannot be checked in it; vnu and the link check still read them.
  const htmlFiles = files.filter((f) => f.endsWith('.html'));
  const sources = new Map(htmlFiles.map((f) => [f, fs.readFileSync(path.join(site.dir, f), 'utf8')]));
  const pages = htmlFiles.filter((f) => !/<meta http-equiv="refresh"/i.test(sources.get(f)));
  // Every page, or for a large portal a sample of each address shape, gets
  // the browser checks; every page gets vnu and the link check. Every notice
  // is printed.
  const browserPages = site.sample ? samplePages(site.dir, pages, site.sample) : pages;
  const isNotice = (rel) => /^systems\/[^/]+\/notice\/index\.html$/.test(rel);
  const printOnly = pages.filter((f) => isNotice(f) && !browserPages.includes(f));
  const fileSet = new Set(files);
  const findings = []; // { page, check, message }
  const add = (page, check, message) => findings.push({ page, check, message });

  const server = await serve(site.dir);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 }, bypassCSP: true, locale: 'en-GB',
  });
  let thirdParty = 0;
  await context.route((u) => u.origin !== origin && u.protocol !== 'data:', (route) => {
    thirdParty++;
    add(route.request().frame().url(), 'third-party', `request to ${route.request().url()}`);
    return route.abort('blockedbyclient');
  });
  const nojsContext = await noJs.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });

  const collected = new Map(); // url path -> collectProbe()
  const rules = new Set();
  const FONT_DEFAULT = { standard: 16, fixed: 13 };
  const prof = ctx.prof;

  // One page of the site, in one tab (`page` with JavaScript, `nojs` without).
  const checkPage = async (rel, page, cdp, nojs) => {
    let last = Date.now();
    const lap = (name) => { const now = Date.now(); prof[name] = (prof[name] || 0) + now - last; last = now; };
    const up = urlPathOf(rel);
    const url = origin + up;
    await page.setViewportSize({ width: 1280, height: 800 });
    await cdp.send('Page.setFontSizes', { fontSizes: FONT_DEFAULT });
    const res = await page.goto(url, { waitUntil: 'load' });
    if (!res || !res.ok()) { add(up, 'load', `HTTP ${res ? res.status() : 'no response'}`); return; }

    lap('load');
    await page.evaluate(`SELECTOR_SRC = ${JSON.stringify(SELECTOR_SRC)}`);
    // axe-core
    await page.evaluate(axeSource);
    const axe = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return {
        rules: [...r.violations, ...r.passes, ...r.incomplete, ...r.inapplicable].map((x) => x.id),
        violations: r.violations.map((v) => ({
          id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')),
        })),
      };
    }, TAGS);
    axe.rules.forEach((r) => rules.add(r));
    for (const v of axe.violations) {
      add(up, v.id, `${v.help}: ${v.nodes.slice(0, 3).join(', ')}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3})` : ''}`);
    }

    lap('axe');
    for (const t of await page.evaluate(textSizeProbe, MIN_TEXT_PX)) add(up, 'text-too-small', `at 1280 px: ${t}`);
    // links, ids and language
    const info = await page.evaluate(collectProbe);
    collected.set(up, info);
    if (site.lang && info.htmlLang !== site.lang) {
      add(up, 'html-lang', `<html lang="${info.htmlLang}">, the portal's language is ${site.lang}`);
    }

    lap('collect');
    // keyboard: the first Tab reaches a visible skip link that moves focus to <main>
    await page.keyboard.press('Tab');
    const first = await page.evaluate(activeProbe);
    if (!first || first.tag !== 'a' || !/^skip to main content$/i.test(first.text) || !first.visible) {
      add(up, 'skip-link', `first Tab reached ${first ? `<${first.tag}> "${first.text.slice(0, 40)}"${first.visible ? '' : ' (not visible)'}` : 'nothing'}, not a visible "Skip to main content" link`);
    } else {
      await page.keyboard.press('Enter');
      const target = await page.evaluate(activeProbe);
      if (!target || target.tag !== 'main') add(up, 'skip-link', `the skip link moved focus to ${target ? `<${target.tag}>` : 'nothing'}, not <main>`);
    }
    lap('skip');
    // every focusable element shows a visible focus indicator
    const focus = await page.evaluate(focusProbe, FOCUS_STYLE_PROPS);
    for (const f of focus.failures) add(up, 'focus-visible', `no visible focus indicator: ${f}`);
    if (focus.checked === 0) add(up, 'focus-visible', 'no focusable element found');

    lap('focus');
    // 200% text size (the browser's text size setting), then text spacing
    await page.evaluate(() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); });
    // (the root size must double; body text may take the small-screen scale,
    // since em media queries see the wider text as a narrower screen)
    const sizes = () => page.evaluate(() => [document.documentElement, document.body]
      .map((e) => parseFloat(getComputedStyle(e).fontSize)));
    const [root1, body1] = await sizes();
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
    const [root2, body2] = await sizes();
    if (root2 < root1 * 1.95 || body2 < body1 * 1.75) {
      add(up, 'text-resize', `text did not grow with the browser's text size (root ${root1} -> ${root2}px, body ${body1} -> ${body2}px)`);
    }
    for (const c of await page.evaluate(clipProbe)) add(up, 'text-clipped-200', `at 200% text size: ${c}`);
    await cdp.send('Page.setFontSizes', { fontSizes: FONT_DEFAULT });
    lap('text200');
    const spacing = await page.addStyleTag({ content: TEXT_SPACING_CSS });
    for (const c of await page.evaluate(clipProbe)) add(up, 'text-clipped-spacing', `with text-spacing overrides: ${c}`);
    await spacing.evaluate((el) => el.remove());

    lap('spacing');
    // reflow at 320 CSS px; tables, text size and navigation at 320 and 390 px
    await page.setViewportSize({ width: 390, height: 700 });
    for (const t of await page.evaluate(tableProbe)) add(up, 'table-headers', `at 390 px: ${t}`);
    for (const t of await page.evaluate(textSizeProbe, MIN_TEXT_PX)) add(up, 'text-too-small', `at 390 px: ${t}`);
    await page.setViewportSize({ width: 320, height: 640 });
    for (const r of await page.evaluate(reflowProbe)) add(up, 'reflow-320', r);
    for (const t of await page.evaluate(tableProbe)) add(up, 'table-headers', `at 320 px: ${t}`);
    for (const t of await page.evaluate(textSizeProbe, MIN_TEXT_PX)) add(up, 'text-too-small', `at 320 px: ${t}`);
    const navRows = await page.evaluate(navRowsProbe);
    if (navRows > 2) add(up, 'nav-rows', `at 320 px the main navigation takes ${navRows} rows (2 at most)`);

    lap('reflow');
    // On a phone (390 x 844): a system page with a challenge box is at most
    // six screens as it loads and its box at most one; the home page is at
    // most three screens, with the challenge link on the first.
    const isSystemPage = /^systems\/[^/]+\/index\.html$/.test(rel);
    if (isSystemPage || rel === 'index.html') {
      await page.setViewportSize({ width: 390, height: PHONE_H });
      await page.evaluate(() => window.scrollTo(0, 0));
      const m = await page.evaluate(phoneProbe);
      const screens = (m.height / PHONE_H).toFixed(1);
      if (isSystemPage && m.box !== null && m.height > 6 * PHONE_H) add(up, 'phone-length', `at 390 x ${PHONE_H} the page is ${screens} screens long (6 at most for a system page)`);
      if (isSystemPage && m.box !== null && m.box > PHONE_H) add(up, 'phone-length', `the challenge box is ${m.box} px tall, more than one screen`);
      if (rel === 'index.html' && m.height > 3 * PHONE_H) add(up, 'phone-length', `at 390 x ${PHONE_H} the home page is ${screens} screens long (3 at most)`);
      if (rel === 'index.html' && m.linkTop !== null && m.linkTop > PHONE_H) add(up, 'phone-length', `the home page's challenge link starts at ${m.linkTop} px, below the first screen`);
    }

    // The folded record: a link to a section's anchor opens it, and printed,
    // every section shows (without JavaScript).
    if (isSystemPage && await page.$('details.record-section')) {
      const folds = await page.evaluate(() => [...document.querySelectorAll('details.record-section > div[id]')].map((d) => d.id));
      if (folds.length) {
        await page.goto(`${url}#${folds[folds.length - 1]}`, { waitUntil: 'load' });
        const opened = await page.evaluate((id) => document.getElementById(id).closest('details').open, folds[folds.length - 1]);
        if (!opened) add(up, 'folds', `a link to #${folds[folds.length - 1]} does not open its section`);
        await page.goto(url, { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        const hidden = await page.evaluate(() => [...document.querySelectorAll('details.record-section > div[id]')]
          .filter((d) => !d.checkVisibility()).map((d) => d.id));
        await page.emulateMedia({ media: 'screen' });
        if (hidden.length) add(up, 'folds', `printed, the folded sections ${hidden.join(', ')} do not show`);
      }
    }

    lap('phone');
    // screenshots
    if (ctx.shotDir && site.shots && ctx.shots.includes(up)) {
      const name = `${site.name}-${up.replace(/^\/|\/$/g, '').replace(/[^a-z0-9-]+/gi, '_') || 'home'}`;
      await page.screenshot({ path: path.join(ctx.shotDir, `${name}.320.png`), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.screenshot({ path: path.join(ctx.shotDir, `${name}.1280.png`), fullPage: true });
      ctx.shotCount += 2;
    }

    lap('shots');
    // JavaScript off: main content and navigation are there
    await nojs.goto(url, { waitUntil: 'load' });
    const bare = await nojs.evaluate(() => {
      const main = document.querySelector('main');
      const nav = document.querySelector('nav');
      return {
        main: main ? main.innerText.trim().length : 0,
        h1: main ? !!main.querySelector('h1') : false,
        navLinks: nav ? nav.querySelectorAll('a[href]').length : 0,
      };
    });
    if (bare.main < 20 || !bare.h1) add(up, 'no-js', 'with JavaScript off, <main> has no heading or content');
    if (bare.navLinks === 0) add(up, 'no-js', 'with JavaScript off, there is no navigation');
    lap('nojs');
    if (isNotice(rel)) await printCheck(rel, page);
  };

  // A notice prints on one A4 page (Chromium's print to PDF, pages counted).
  const printCheck = async (rel, page) => {
    const up = urlPathOf(rel);
    if (page.url() !== origin + up) await page.goto(origin + up, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    const n = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
    if (n !== 1) add(up, 'notice-print', `prints on ${n} A4 pages, not one`);
    prof.print = (prof.print || 0) + 1;
  };

  // A few tabs at once, each taking the next page from the queue.
  const queue = [...browserPages];
  const printQueue = [...printOnly];
  await Promise.all(Array.from({ length: Math.min(ctx.tabs, browserPages.length) }, async () => {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const nojs = await nojsContext.newPage();
    for (let rel = queue.shift(); rel !== undefined; rel = queue.shift()) {
      await checkPage(rel, page, cdp, nojs);
    }
    for (let rel = printQueue.shift(); rel !== undefined; rel = printQueue.shift()) {
      await printCheck(rel, page);
    }
  }));

  // content in another language is marked where it is
  for (const m of site.marked || []) {
    const info = collected.get(m.page);
    if (!info) add(m.page, 'lang-of-parts', 'page not found');
    else if (!info.langs.some((l) => l.lang === m.lang && l.text)) {
      add(m.page, 'lang-of-parts', `no element with lang="${m.lang}" on the page`);
    }
  }

  // internal links and fragments resolve, on every page (from its source)
  const BASE = 'http://site.invalid';
  const statics = new Map([...sources].map(([f, html]) => [urlPathOf(f), staticLinks(html)]));
  let linkCount = 0;
  for (const [up, info] of statics) {
    for (const attr of info.links) {
      const l = { attr };
      let u;
      try { u = new URL(attr, BASE + up); } catch { add(up, 'link', `unparseable link ${l.attr}`); continue; }
      if (u.origin !== BASE) continue;
      linkCount++;
      let rel = decodeURIComponent(u.pathname).replace(/^\//, '');
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      if (!fileSet.has(rel)) { add(up, 'link', `broken link ${l.attr}`); continue; }
      if (u.hash && u.hash !== '#' && u.hash !== '#top') {
        const target = statics.get(urlPathOf(rel));
        const id = decodeURIComponent(u.hash.slice(1));
        if (target && !target.ids.includes(id)) add(up, 'link', `fragment ${l.attr} has no target`);
      }
    }
  }

  await nojsContext.close();
  await context.close();
  server.close();
  return {
    name: site.name, dir: site.dir, pages: htmlFiles.length, browserPages: browserPages.length,
    printed: pages.filter(isNotice).length, links: linkCount, findings, rules: [...rules], collected,
  };
}

// The W3C Nu HTML checker on every HTML and CSS file of the given folders, in one JVM.
function vnu(dirs) {
  const jar = path.join(HERE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
  if (!fs.existsSync(jar)) die(`${jar} missing: run npm ci in tests/a11y`);
  const r = spawnSync(JAVA, ['-Xss1024k', '-jar', jar, '--format', 'json', '--errors-only',
    '--also-check-css', '--skip-non-html', ...dirs], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.error) die(`could not run java: ${r.error.message}`);
  let messages;
  try { messages = JSON.parse(r.stderr).messages; } catch {
    die(`vnu gave no JSON (exit ${r.status}): ${r.stderr.slice(0, 400)}`);
  }
  return messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
}

// ---------------------------------------------------------------------- main
async function main() {
  const started = Date.now();
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(CHROMIUM)) die(`no browser at ${CHROMIUM} (apt-get install chromium)`);
  const { chromium } = require('playwright-core');
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const axeVersion = require('axe-core/package.json').version;
  const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args, timeout: 60000 });
  const ctx = { tabs: Math.max(1, Number(process.env.A11Y_TABS) || 2), prof: {}, browser, noJs: browser, axeSource, shotDir: o.shotDir, shots: o.shots, shotCount: 0 };
  if (o.shotDir) fs.mkdirSync(o.shotDir, { recursive: true });
  console.log(`a11y gate: axe-core ${axeVersion} (${TAGS.join(', ')}), Chromium ${browser.version()}, ${ctx.tabs} tabs`);

  const all = [...o.sites.map((s, i) => ({ ...s, shots: i === 0 }))];
  if (o.faulty) all.push({ name: 'faulty', dir: o.faulty, lang: null, marked: [], shots: false, faulty: true });
  const results = [];
  for (const site of all) {
    const t = Date.now();
    const r = await checkSite(ctx, site);
    r.faulty = !!site.faulty;
    r.seconds = (Date.now() - t) / 1000;
    results.push(r);
  }
  await browser.close();
  if (process.env.A11Y_PROFILE) console.log('ms per step:', ctx.prof);

  // vnu on every site at once (one JVM start)
  const t = Date.now();
  const messages = vnu(all.map((s) => s.dir));
  const vnuSeconds = (Date.now() - t) / 1000;
  for (const m of messages) {
    const file = decodeURIComponent(new URL(m.url).pathname);
    const r = results.find((x) => file.startsWith(path.resolve(x.dir) + '/'));
    const rel = path.relative(r.dir, file);
    r.findings.push({ page: urlPathOf(rel), check: 'vnu', message: `line ${m.lastLine}: ${m.message}` });
  }

  // report
  let ok = true;
  const rules = new Set(results.flatMap((r) => r.rules));
  for (const r of results) {
    const byCheck = {};
    for (const f of r.findings) byCheck[f.check] = (byCheck[f.check] || 0) + 1;
    console.log(`\n== ${r.name}: ${r.pages} pages (vnu, links), ${r.browserPages} of them in the browser, ` +
      `${r.printed} notices printed, ${r.links} internal links, ${r.findings.length} findings (${r.seconds.toFixed(1)} s)`);
    if (r.faulty) {
      const missing = o.expect.filter((e) => !byCheck[e]);
      for (const f of r.findings) console.log(`  ${f.page} [${f.check}] ${f.message}`);
      for (const e of o.expect) console.log(`  expected ${e}: ${byCheck[e] ? `reported ${byCheck[e]} time(s)` : 'NOT reported'}`);
      if (missing.length) {
        ok = false;
        console.log(`  FAIL: the gate missed ${missing.join(', ')} on the faulty portal`);
      } else {
        console.log('  ok: the gate fails this portal for each deliberate fault');
      }
      continue;
    }
    r.findings.sort((a, b) => a.page.localeCompare(b.page) || a.check.localeCompare(b.check));
    for (const f of r.findings) console.log(`  ${f.page} [${f.check}] ${f.message}`);
    if (r.findings.length) ok = false;
  }
  const pagesChecked = results.filter((r) => !r.faulty).reduce((n, r) => n + r.pages, 0);
  const seconds = (Date.now() - started) / 1000;
  const customChecks = ['links', 'reflow-320', 'skip-link', 'focus-visible', 'text-resize', 'text-clipped-200',
    'text-clipped-spacing', 'table-headers', 'text-too-small', 'nav-rows', 'phone-length', 'folds', 'notice-print', 'no-js', 'html-lang',
    'lang-of-parts', 'third-party', 'vnu'];
  console.log(`\na11y gate: ${pagesChecked} pages checked (${results.filter((r) => !r.faulty).map((r) => `${r.name} ${r.pages}`).join(', ')}), ` +
    `${rules.size} axe rules + ${customChecks.length} checks of our own, vnu ${vnuSeconds.toFixed(1)} s, ` +
    `${ctx.shotCount} screenshots, ${seconds.toFixed(1)} s in all: ${ok ? 'PASS' : 'FAIL'}`);
  if (o.report) {
    fs.writeFileSync(o.report, JSON.stringify({
      pagesChecked, axeRules: [...rules].sort(), checks: customChecks, seconds,
      sites: results.map(({ collected, ...r }) => r),
    }, null, 2));
  }
  process.exit(ok ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(2); });
