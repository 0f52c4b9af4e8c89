// The pages without JavaScript (one h1, one main), and the skip link from the keyboard.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, openPage, pagesUnderTest, sitemapPaths } from '../lib.js';

const PAGES = await pagesUnderTest();
const SITEMAP = await sitemapPaths();
const SERVICE_PAGE = SITEMAP.find((p) => p.startsWith('/services/'));
const KEYBOARD_PAGES = ['/', SERVICE_PAGE].filter(Boolean);
const TIMEOUT = 60_000;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('without JavaScript', () => {
  for (const { path, status } of PAGES) {
    test(`no-JS one h1 and one main ${path}`, { timeout: TIMEOUT }, async () => {
      const { context, page } = await openPage(browser, path, {
        status, javaScriptEnabled: false, viewport: { width: 390, height: 844 },
      });
      try {
        const h1 = await page.locator('h1').count();
        const main = await page.locator('main').count();
        const h1Texts = await page.locator('h1').allTextContents();
        assert.equal(h1, 1, `${path} has ${h1} h1 elements, expected exactly 1: ${JSON.stringify(h1Texts)}`);
        assert.equal(main, 1, `${path} has ${main} main elements, expected exactly 1`);
        assert.ok(await page.locator('h1').isVisible(), `${path}: the h1 is not visible`);
        assert.ok(await page.locator('main').isVisible(), `${path}: main is not visible`);
      } finally {
        await context.close();
      }
    });
  }
});

describe('keyboard: skip link', () => {
  test('the sitemap lists a service page', () => {
    assert.ok(SERVICE_PAGE, `no /services/... page in the sitemap: ${SITEMAP.join(' ')}`);
  });
  for (const path of KEYBOARD_PAGES) {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
      test(`keyboard skip link ${viewport.width}px ${path}`, { timeout: TIMEOUT }, async () => {
        const { context, page } = await openPage(browser, path, { viewport });
        try {
          await page.keyboard.press('Tab');
          const focused = await page.evaluate(() => {
            const el = document.activeElement;
            const r = el.getBoundingClientRect();
            const cs = getComputedStyle(el);
            return {
              html: el.outerHTML.slice(0, 200),
              isSkipLink: el.classList.contains('skip-link'),
              href: el.getAttribute('href'),
              rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
              vw: window.innerWidth,
              vh: window.innerHeight,
              visible: el.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
              clip: cs.clip, clipPath: cs.clipPath,
            };
          });
          assert.ok(focused.isSkipLink, `${path}: the first Tab focuses ${focused.html}, not the skip link`);
          assert.equal(focused.href, '#main-content');
          const { rect: r, vw, vh } = focused;
          assert.ok(
            focused.visible && r.width >= 1 && r.height >= 1 && r.left >= 0 && r.top >= 0 && r.right <= vw && r.bottom <= vh,
            `${path}: the focused skip link is not visible inside the ${vw}x${vh} viewport: ${JSON.stringify(focused)}`,
          );
          assert.ok(
            (focused.clip === 'auto' || focused.clip === '') && (focused.clipPath === 'none' || focused.clipPath === ''),
            `${path}: the focused skip link is clipped: clip ${focused.clip}, clip-path ${focused.clipPath}`,
          );

          await page.keyboard.press('Enter');
          await page.waitForFunction(() => location.hash === '#main-content', null, { timeout: 5_000 });
          const after = await page.evaluate(() => {
            const el = document.activeElement;
            const main = document.getElementById('main-content');
            return {
              html: el ? el.outerHTML.slice(0, 200) : null,
              id: el?.id,
              insideMain: !!(main && el && main.contains(el)),
            };
          });
          assert.ok(
            after.id === 'main-content' || after.insideMain,
            `${path}: after Enter on the skip link, focus is on ${after.html}, not in #main-content`,
          );

          // The next Tab goes on from main, not back to the top of the page.
          const mainHasFocusable = await page.evaluate(() => !!document.querySelector(
            '#main-content a[href], #main-content button, #main-content input, #main-content select, #main-content textarea, #main-content summary, #main-content [tabindex]:not([tabindex="-1"])'));
          if (mainHasFocusable) {
            await page.keyboard.press('Tab');
            const next = await page.evaluate(() => {
              const el = document.activeElement;
              return { html: el.outerHTML.slice(0, 200), insideMain: document.getElementById('main-content').contains(el) };
            });
            assert.ok(next.insideMain, `${path}: the Tab after the skip link focuses ${next.html}, outside main`);
          }
        } finally {
          await context.close();
        }
      });
    }
  }
});
