// Every page in the sitemap, and the 404 page: axe-core at two widths and in dark mode,
// reflow at 320 px and at 400 % zoom, text spacing, requests and console. The phone-width
// axe check also leaves a screenshot of the page it checked: a picture to look at, not a
// test of its own.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  BASE_ORIGIN, SCREENSHOT_DIR, fileStem, formatAxeViolations, formatOverflow, launchBrowser,
  measureOverflow, openPage, pagesUnderTest, runAxe, url,
} from '../lib.js';

const PAGES = await pagesUnderTest();
/**
 * The pages of the default language (paths with no language prefix). A translation has the
 * same templates and stylesheet with other words: it is checked fully at phone width, where
 * the length of its words matters; the wide layout and the dark colours, which words do not
 * change, are checked on these.
 */
const SITEMAP_LANGUAGE_PREFIXES = ['/en/', '/easy/'];
const DEFAULT_LANGUAGE_PAGES = PAGES.filter(({ path }) => !SITEMAP_LANGUAGE_PREFIXES.some((p) => path.startsWith(p)));
const TIMEOUT = 60_000;
/** Pages checked at once: each test has its own browser context, and the checks wait on
 * the browser more than they compute, so two at a time keep both of a small machine's cores busy. */
const PARALLEL = { concurrency: 2 };

/** WCAG 1.4.12 Text Spacing, as the bookmarklets apply it. */
const TEXT_SPACING_CSS = `
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
`;

let browser;
before(async () => {
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** axe-core on `path`; with `screenshot`, a full-page picture of it first, into that file. */
async function axeTest(path, status, contextOptions, runOnly, screenshot) {
  const { context, page } = await openPage(browser, path, { status, bypassCSP: true, ...contextOptions });
  try {
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    const { violations } = await runAxe(page, runOnly);
    assert.equal(
      violations.length, 0,
      `axe found ${violations.length} violation${violations.length === 1 ? '' : 's'} on ${path}:\n${formatAxeViolations(violations)}`,
    );
  } finally {
    await context.close();
  }
}

async function reflowTest(path, status, contextOptions, css) {
  const { context, page } = await openPage(browser, path, { status, bypassCSP: true, ...contextOptions });
  try {
    if (css) await page.addStyleTag({ content: css });
    const m = await measureOverflow(page);
    assert.ok(m.sw <= m.vw, `${path} scrolls sideways:\n${formatOverflow(m)}`);
  } finally {
    await context.close();
  }
}

describe('axe-core, WCAG 2.2 A/AA + best practices', PARALLEL, () => {
  for (const { path, status } of PAGES) {
    const screenshot = join(SCREENSHOT_DIR, `${fileStem(path)}.png`);
    test(`axe 390px ${path}`, { timeout: TIMEOUT }, () =>
      axeTest(path, status, { viewport: { width: 390, height: 844 } }, undefined, screenshot));
  }
  for (const { path, status } of DEFAULT_LANGUAGE_PAGES) {
    test(`axe 1280px ${path}`, { timeout: TIMEOUT }, () =>
      axeTest(path, status, { viewport: { width: 1280, height: 800 } }));
  }
});

describe('axe-core, dark colour scheme (prefers-color-scheme: dark)', PARALLEL, () => {
  // Only the rules that depend on colours: the rest give the same result as in light mode.
  const runOnly = { type: 'rule', values: ['color-contrast', 'link-in-text-block'] };
  for (const { path, status } of DEFAULT_LANGUAGE_PAGES) {
    test(`axe dark 390px ${path}`, { timeout: TIMEOUT }, () =>
      axeTest(path, status, { viewport: { width: 390, height: 844 }, colorScheme: 'dark' }, runOnly));
  }
});

describe('reflow (WCAG 1.4.10) and text spacing (WCAG 1.4.12): no horizontal scrolling', PARALLEL, () => {
  for (const { path, status } of PAGES) {
    test(`reflow 320px ${path}`, { timeout: TIMEOUT }, () =>
      reflowTest(path, status, { viewport: { width: 320, height: 640 } }));
    test(`reflow 400% zoom (320x256) ${path}`, { timeout: TIMEOUT }, () =>
      reflowTest(path, status, { viewport: { width: 320, height: 256 } }));
    test(`text spacing 390px ${path}`, { timeout: TIMEOUT }, () =>
      reflowTest(path, status, { viewport: { width: 390, height: 844 } }, TEXT_SPACING_CSS));
  }
});

describe('requests and console', PARALLEL, () => {
  for (const { path, status } of PAGES) {
    test(`only own-origin requests, no console errors ${path}`, { timeout: TIMEOUT }, async () => {
      const problems = [];
      for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
        const context = await browser.newContext({ viewport });
        try {
          const page = await context.newPage();
          const where = `${viewport.width}px`;
          const docUrl = url(path);
          page.on('request', (req) => {
            const u = req.url();
            if (u.startsWith('data:') || u.startsWith('about:')) return;
            let origin;
            try { origin = new URL(u).origin; } catch { origin = u; }
            if (origin !== BASE_ORIGIN) problems.push(`${where}: request to another host: ${req.method()} ${u} (${req.resourceType()})`);
          });
          page.on('requestfailed', (req) => {
            problems.push(`${where}: request failed: ${req.url()} (${req.failure()?.errorText})`);
          });
          page.on('response', (res) => {
            if (res.url() === docUrl && res.request().isNavigationRequest()) return;
            if (res.status() >= 400) problems.push(`${where}: ${res.status()} for ${res.url()}`);
          });
          page.on('console', (msg) => {
            if (msg.type() !== 'error') return;
            const text = msg.text();
            const loc = msg.location();
            // The 404 page's own document is served with status 404, and Chromium logs it.
            if (status === 404 && loc.url === docUrl &&
                /^Failed to load resource: the server responded with a status of 404\b/.test(text)) return;
            problems.push(`${where}: console error: ${text}${loc.url ? ` (at ${loc.url}:${loc.lineNumber})` : ''}`);
          });
          page.on('pageerror', (err) => problems.push(`${where}: page error: ${err.message}`));
          const res = await page.goto(docUrl, { waitUntil: 'load' });
          assert.equal(res?.status(), status, `GET ${path} status`);
          // Let any late request or message arrive.
          await page.waitForTimeout(100);
        } finally {
          await context.close();
        }
      }
      assert.deepEqual(problems, [], `${path}:\n${problems.join('\n')}`);
    });
  }
});
