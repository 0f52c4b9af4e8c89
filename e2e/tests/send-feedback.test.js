// The form "was this page helpful?" in a real browser, without JavaScript: the browser
// will not send it without an answer; sent with one, the 303 leads to the thank-you page
// in the page's language, which links back to the page, never shows the text, passes
// axe, and is screenshot at 390 px (e2e/screenshots/feedback-thanks.png, and -en).
// Named to run after pages.test.js, which empties e2e/screenshots/ first.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  SCREENSHOT_DIR, formatAxeViolations, launchBrowser, openPage, runAxe, sitemapPaths,
} from '../lib.js';

const SITEMAP = await sitemapPaths();
const SERVICE_PAGE = SITEMAP.find((p) => p.startsWith('/services/'));
const TIMEOUT = 60_000;
const VIEWPORT = { width: 390, height: 844 };

let browser;
before(async () => {
  browser = await launchBrowser();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});
after(async () => {
  await browser?.close();
});

describe('feedback form', () => {
  test('the sitemap lists a service page', () => {
    assert.ok(SERVICE_PAGE, `no /services/... page in the sitemap: ${SITEMAP.join(' ')}`);
  });

  for (const [prefix, stem, answer] of [['', 'feedback-thanks', 'wrong'], ['/en', 'feedback-thanks-en', 'yes']]) {
    const path = `${prefix}${SERVICE_PAGE}`;
    test(`feedback sent from ${path} leads to thanks in its language`, { timeout: TIMEOUT }, async () => {
      const { context, page } = await openPage(browser, path, {
        viewport: VIEWPORT, javaScriptEnabled: false, bypassCSP: true,
      });
      try {
        const lang = await page.evaluate(() => document.documentElement.lang);
        const form = page.locator('aside.feedback form');
        assert.equal(await form.count(), 1, `${path}: no feedback form`);
        await form.scrollIntoViewIfNeeded();
        assert.ok(await form.isVisible(), `${path}: the form is not visible`);
        // The trap field is out of sight and out of the accessibility tree.
        assert.equal(await page.locator('#feedback-website').isVisible(), false);

        // Without an answer the browser does not send the form (the radio is required).
        await page.locator('aside.feedback button[type=submit]').click();
        await page.waitForTimeout(300);
        assert.equal(new URL(page.url()).pathname, path, 'sent without an answer');

        const secret = `e2e-secret-${Date.now()}`;
        await page.locator(`aside.feedback input[name=answer][value=${answer}]`).check();
        await page.locator('#feedback-text').fill(`${secret} 電話番号を確かめてください`);
        await Promise.all([
          page.waitForURL(/\/feedback\/thanks\/\?page=/, { waitUntil: 'load' }),
          page.locator('aside.feedback button[type=submit]').click(),
        ]);
        const here = new URL(page.url());
        assert.equal(here.pathname, `${prefix}/feedback/thanks/`);
        assert.equal(here.searchParams.get('page'), path);
        assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
        const back = page.locator(`main a[href="${path}"]`);
        assert.equal(await back.count(), 1, 'no link back to the page');
        const text = await page.locator('body').innerText();
        assert.ok(!text.includes(secret), 'the thank-you page shows what was written');
        assert.equal(await page.locator('aside.feedback').count(), 0, 'the thank-you page has a form');

        await page.screenshot({ path: join(SCREENSHOT_DIR, `${stem}.png`), fullPage: true });
        const thanks = here.pathname + here.search;

        // Back to the page, by its link.
        await Promise.all([page.waitForURL((u) => u.pathname === path), back.click()]);

        // axe runs as a script: the thank-you page again, with JavaScript on.
        const checked = await openPage(browser, thanks, { viewport: VIEWPORT, bypassCSP: true });
        try {
          const { violations } = await runAxe(checked.page);
          assert.equal(violations.length, 0, `axe on ${thanks}:\n${formatAxeViolations(violations)}`);
        } finally {
          await checked.context.close();
        }
      } finally {
        await context.close();
      }
    });
  }
});
