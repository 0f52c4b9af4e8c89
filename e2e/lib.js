// Shared helpers for the browser tests: the page list (from the sitemap), the browser,
// axe-core, and failure messages a developer can act on.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const E2E_DIR = dirname(fileURLToPath(import.meta.url));
export const SCREENSHOT_DIR = join(E2E_DIR, 'screenshots');

if (!process.env.BASE_URL) {
  throw new Error('BASE_URL is not set: run the suite with `bash e2e/run`, or export BASE_URL=http://127.0.0.1:PORT of a running server');
}
/** Where the server under test answers, e.g. http://127.0.0.1:45678 (no trailing slash). */
export const BASE_URL = process.env.BASE_URL.replace(/\/+$/, '');
export const BASE_ORIGIN = new URL(BASE_URL).origin;

/** A path that no page has: the server must answer it with its 404 page. */
export const NOT_FOUND_PATH = '/no-such-page/';

/** WCAG 2.2 A/AA and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function url(path) {
  return BASE_URL + path;
}

/**
 * Every page's path, in sitemap order. The sitemap's <loc>s are absolute URLs on the
 * configured public base URL (not this server), so only their paths are kept.
 */
export async function sitemapPaths() {
  const paths = (await sitemapUrls()).map((loc) => {
    const u = new URL(loc);
    return u.pathname + u.search;
  });
  return [...new Set(paths)];
}

/** Every page's public address (each <loc> of the sitemap, on the configured base URL). */
export async function sitemapUrls() {
  const res = await fetch(url('/sitemap.xml'));
  if (res.status !== 200) throw new Error(`GET /sitemap.xml answered ${res.status}`);
  const xml = await res.text();
  const locs = [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  if (locs.length === 0) throw new Error(`/sitemap.xml lists no <loc>:\n${xml}`);
  return locs;
}

/** The pages under test: each sitemap page, expecting 200, and the 404 page. */
export async function pagesUnderTest() {
  const pages = (await sitemapPaths()).map((path) => ({ path, status: 200 }));
  pages.push({ path: NOT_FOUND_PATH, status: 404 });
  return pages;
}

/** '/' -> 'home', '/services/dial/' -> 'services-dial', the 404 page -> '404'. */
export function fileStem(path) {
  if (path === NOT_FOUND_PATH) return '404';
  const stem = path.replace(/[?#].*$/, '').replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9._-]+/g, '-');
  return stem === '' ? 'home' : stem;
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What a printed page must hold to: 9pt in CSS pixels (96 per inch, 72 points per inch);
 * the width a QR code of one of our URLs needs on paper to scan at arm's length; CSS
 * pixels per millimetre. */
export const MIN_FONT_PX = 12;
export const MIN_QR_MM = 25;
export const PX_PER_MM = 96 / 25.4;

/**
 * For a file of print tests: a browser and a scratch folder (named from `prefix`) made
 * before its tests, and the screenshots folder; both gone after them. Returns the object
 * that holds them, `{ browser, dir }`, filled once the tests start.
 */
export function printSetup(prefix) {
  const held = {};
  before(async () => {
    held.browser = await launchBrowser();
    held.dir = mkdtempSync(join(tmpdir(), prefix));
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  after(async () => {
    await held.browser?.close();
    if (held.dir) rmSync(held.dir, { recursive: true, force: true });
  });
  return held;
}

/**
 * Opens `path` in a new context with `options` (viewport, colorScheme, ...), checks the
 * document's status, and returns { context, page }. Close the context when done.
 */
export async function openPage(browser, path, { status = 200, ...options } = {}) {
  const context = await browser.newContext(options);
  try {
    const page = await context.newPage();
    const res = await page.goto(url(path), { waitUntil: 'load' });
    if (!res) throw new Error(`no response for ${path}`);
    if (res.status() !== status) {
      throw new Error(`GET ${path} answered ${res.status()}, expected ${status}`);
    }
    return { context, page };
  } catch (err) {
    await context.close();
    throw err;
  }
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page. `runOnly` is an axe runOnly value; the default is AXE_TAGS.
 * The script is injected inline, so it makes no request (contexts that inject it should be
 * made with bypassCSP: true, so that a strict Content-Security-Policy does not block it).
 */
export async function runAxe(page, runOnly = { type: 'tag', values: AXE_TAGS }) {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(
    (runOnly) => window.axe.run(document, { runOnly, resultTypes: ['violations'] }),
    runOnly,
  );
}

/** A readable account of axe violations: rule, impact, help, and each element. */
export function formatAxeViolations(violations) {
  const lines = [];
  for (const v of violations) {
    lines.push(`- ${v.id} [${v.impact}] ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'})`);
    lines.push(`  ${v.helpUrl}`);
    for (const n of v.nodes) {
      lines.push(`    target: ${JSON.stringify(n.target)}`);
      lines.push(`    html:   ${oneLine(n.html, 300)}`);
      const why = n.failureSummary ? oneLine(n.failureSummary, 400) : '';
      if (why) lines.push(`    why:    ${why}`);
    }
  }
  return lines.join('\n');
}

export function oneLine(s, max = 200) {
  const t = String(s).replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

/**
 * Horizontal overflow: the document's scrollWidth and the viewport's width, and, when the
 * page scrolls sideways, the elements that stick out past the right edge (outermost first).
 */
export async function measureOverflow(page) {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const sw = document.documentElement.scrollWidth;
    const offenders = [];
    if (sw > vw) {
      const describe = (el) => {
        let s = el.tagName.toLowerCase();
        if (el.id) s += '#' + el.id;
        if (el.classList.length) s += '.' + [...el.classList].join('.');
        return s;
      };
      const path = (el) => {
        const parts = [];
        for (let e = el; e && e !== document.body; e = e.parentElement) parts.unshift(describe(e));
        return parts.join(' > ');
      };
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.right > vw + 0.5) {
          // Report the outermost offender only, not every descendant of it.
          if (offenders.some((o) => o.el.contains(el))) continue;
          offenders.push({ el, right: Math.round(r.right), width: Math.round(r.width) });
        }
      }
      return {
        vw, sw,
        offenders: offenders.slice(0, 15).map((o) => ({
          path: path(o.el), right: o.right, width: o.width,
          html: o.el.outerHTML.replace(/\s+/g, ' ').slice(0, 200),
        })),
      };
    }
    return { vw, sw, offenders };
  });
}

export function formatOverflow({ vw, sw, offenders }) {
  const lines = [`document.documentElement.scrollWidth ${sw} > window.innerWidth ${vw}`];
  if (offenders.length) lines.push('elements reaching past the right edge of the viewport (outermost):');
  for (const o of offenders) {
    lines.push(`  - ${o.path} (right edge ${o.right}px, width ${o.width}px)`);
    lines.push(`    ${o.html}`);
  }
  return lines.join('\n');
}

/** Runs `command` with `args`; resolves to its stdout as a Buffer. */
export function run(command, args) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** The page objects of a PDF (`/Type /Page`; the `/Pages` tree nodes do not count). */
export function pdfPageCount(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) || []).length;
}

/**
 * The first page of `pdfFile` drawn in grey by poppler's pdftoppm at `dpi`, as RGBA for
 * jsQR: { width, height, rgba }. `prefix` is where pdftoppm may write its picture.
 */
export async function pdfFirstPageRgba(pdfFile, prefix, dpi = 150) {
  await run('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', pdfFile, prefix]);
  const bytes = readFileSync(`${prefix}.pgm`);
  const header = bytes.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error(`pdftoppm did not write a binary PGM for ${pdfFile}`);
  const [all, w, h] = header;
  const width = Number(w);
  const height = Number(h);
  const grey = bytes.subarray(all.length);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = grey[i];
    rgba[4 * i + 3] = 255;
  }
  return { width, height, rgba };
}
