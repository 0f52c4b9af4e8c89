// Lighthouse (pinned in package.json) with its default settings, which are a phone's:
// a mobile screen and simulated throttling. On a few pages of different kinds, each of
// Accessibility, Best Practices and SEO must score 100; a lower score fails with the
// audits that lost points and the elements or URLs they name. Performance depends on the
// machine, so its score is printed, never checked. One Chromium, one page at a time.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_PATH, oneLine, sitemapPaths, url } from '../lib.js';

/**
 * The pages audited. Add a path to audit it; a path the server answers with 404 (a page
 * not built yet, or a language the content does not have) is skipped with a note saying
 * so. The service page is the sitemap's first.
 */
const firstService = (await sitemapPaths()).find((path) => /^\/services\/[^/]+\/$/.test(path));
const PAGES = ['/', firstService, '/en/', '/easy/', '/faq/', '/handout/'].filter(Boolean);
/** The categories that must score 100, and the one that is only reported. */
const CHECKED = ['accessibility', 'best-practices', 'seo'];
const REPORTED = ['performance'];
const TIMEOUT = 180_000;
/** What a failing audit names, at most. */
const MAX_ITEMS = 5;

let chrome;
before(async () => {
  // The flags of the other tests' Chromium (lib.js); chrome-launcher adds its own
  // defaults (no first-run, no background networking, no extensions…).
  chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic'],
    logLevel: 'error',
  });
});
after(async () => {
  await chrome?.kill();
});

/**
 * What a failing audit points at: its items' elements (selector and HTML), or what it
 * says of each (a console message and where it came from, a URL).
 */
function itemsOf(audit) {
  const items = audit.details?.items ?? [];
  return items.slice(0, MAX_ITEMS).map((item) => {
    const node = item.node ?? Object.values(item).find((v) => v && v.type === 'node');
    if (node) return oneLine(`${node.selector ?? ''} ${node.snippet ?? ''}`, 300);
    const said = [item.source, item.description, item.url, item.sourceLocation?.url, item.source?.url]
      .filter((v) => typeof v === 'string' && v);
    return oneLine(said.length ? said.join(' – ') : JSON.stringify(item), 300);
  });
}

/** The audits of `category` that count and did not pass in full, worst first. */
function lostPoints(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .sort((a, b) => a.score - b.score);
}

function describeLost(audits) {
  const lines = [];
  for (const a of audits) {
    lines.push(`    - ${a.id} (${Math.round(a.score * 100)}): ${a.title}${a.displayValue ? ` [${a.displayValue}]` : ''}`);
    for (const item of itemsOf(a)) lines.push(`        ${item}`);
  }
  return lines.join('\n');
}

describe('Lighthouse, mobile: Accessibility, Best Practices and SEO at 100', () => {
  for (const path of PAGES) {
    test(`lighthouse ${path}`, { timeout: TIMEOUT }, async (t) => {
      const status = (await fetch(url(path), { method: 'HEAD' })).status;
      if (status === 404) {
        console.log(`lighthouse: skipping ${path}: the server answers 404 (not built yet?)`);
        t.skip(`${path} answers 404`);
        return;
      }
      const { lhr } = await lighthouse(url(path), {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CHECKED, ...REPORTED],
      });
      assert.equal(lhr.runtimeError, undefined, `${path}: ${JSON.stringify(lhr.runtimeError)}`);
      const scores = Object.fromEntries(
        [...CHECKED, ...REPORTED].map((c) => [c, Math.round(lhr.categories[c].score * 100)]),
      );
      const lines = [`lighthouse ${path}: ${Object.entries(scores).map(([c, s]) => `${c} ${s}`).join(', ')}`];
      for (const c of [...CHECKED, ...REPORTED]) {
        const lost = lostPoints(lhr, c);
        if (lost.length) lines.push(`  ${c}, audits that lost points:`, describeLost(lost));
      }
      console.log(lines.join('\n'));
      const failing = CHECKED.filter((c) => scores[c] < 100);
      assert.deepEqual(
        failing, [],
        `${path}: under 100 in ${failing.map((c) => `${c} (${scores[c]})`).join(', ')}:\n${failing.map((c) => `  ${c}:\n${describeLost(lostPoints(lhr, c))}`).join('\n')}`,
      );
    });
  }
});
