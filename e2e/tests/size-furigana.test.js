// The size of every page, and the furigana of the やさしい日本語 pages (issue 15).
// - Every page of the sitemap, and the 404 page, has fewer than 1,400 elements: Lighthouse's
//   limit for its DOM size audit. Ruby costs elements (a <ruby> and an <rt> for each word),
//   so the /easy/ pages are the ones near it.
// - On every /easy/ page, every kanji in <main> stands inside a <ruby> with its reading.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, oneLine, openPage, pagesUnderTest } from '../lib.js';

const PAGES = await pagesUnderTest();
const EASY_PAGES = PAGES.filter(({ path }) => path.startsWith('/easy/'));
const MAX_ELEMENTS = 1400;
const TIMEOUT = 60_000;
const PARALLEL = { concurrency: 2 };

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function onPage(path, status, fn) {
  const { context, page } = await openPage(browser, path, { status, viewport: { width: 390, height: 844 } });
  try {
    return await page.evaluate(fn);
  } finally {
    await context.close();
  }
}

describe(`DOM size: fewer than ${MAX_ELEMENTS} elements`, PARALLEL, () => {
  for (const { path, status } of PAGES) {
    test(`DOM under ${MAX_ELEMENTS} elements ${path}`, { timeout: TIMEOUT }, async () => {
      const { total, byTag } = await onPage(path, status, () => {
        const all = [...document.querySelectorAll('*')];
        const counts = {};
        for (const el of all) counts[el.localName] = (counts[el.localName] ?? 0) + 1;
        const byTag = Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 8);
        return { total: all.length, byTag };
      });
      assert.ok(total < MAX_ELEMENTS,
        `${path} has ${total} elements (limit ${MAX_ELEMENTS}); the most: ${byTag.map(([t, n]) => `${t} ${n}`).join(', ')}`);
    });
  }
});

describe('やさしい日本語: every kanji in <main> has furigana', PARALLEL, () => {
  for (const { path, status } of EASY_PAGES) {
    test(`furigana on every kanji ${path}`, { timeout: TIMEOUT }, async () => {
      const { bare, unread, kanji } = await onPage(path, status, () => {
        const han = /\p{Script=Han}/u;
        const main = document.querySelector('main');
        const bare = [];
        let kanji = 0;
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!han.test(node.data)) continue;
          // A hidden copy without furigana, for aria-describedby, is not shown.
          if (node.parentElement.closest('[hidden]')) continue;
          kanji += 1;
          const ruby = node.parentElement.closest('ruby');
          if (!ruby || node.parentElement.closest('rt')) bare.push(node.parentElement.outerHTML);
        }
        // A ruby whose reading is missing or empty shows its kanji without furigana.
        const unread = [...main.querySelectorAll('ruby')]
          .filter((r) => ![...r.querySelectorAll('rt')].some((rt) => rt.textContent.trim() !== ''))
          .map((r) => r.outerHTML);
        return { bare, unread, kanji };
      });
      assert.ok(kanji > 0, `${path}: no kanji at all in <main>, so nothing was checked`);
      assert.deepEqual(bare, [],
        `${path}: kanji outside <ruby> in <main>, in:\n${bare.map((h) => '  ' + oneLine(h, 200)).join('\n')}`);
      assert.deepEqual(unread, [],
        `${path}: <ruby> without a reading:\n${unread.map((h) => '  ' + oneLine(h, 200)).join('\n')}`);
    });
  }
});
