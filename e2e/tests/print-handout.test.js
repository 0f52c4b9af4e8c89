// The handout of chosen services, in every language whose form the sitemap lists. With
// JavaScript off, three services are ticked on the form and it is sent; the handout it
// gives is an ordinary page on screen (axe-core, reflow at 320 px) and prints to exactly
// one A4 page in Chromium, with no text under 9pt and every QR code at least 25 mm wide.
// On that page (drawn by pdftoppm) every QR code reads back (jsQR): the one at the top as
// the handout's own public address, and each service's as its page's (the sitemap's
// <loc>). A choice the form cannot send answers 400 in the language of the path, with a
// link back to the form. The PDFs and a picture of each go to e2e/screenshots/ (this file
// runs after pages.test.js, which empties that folder first).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import jsQR from 'jsqr';
import {
  MIN_FONT_PX, MIN_QR_MM, PX_PER_MM, SCREENSHOT_DIR, formatAxeViolations, formatOverflow, measureOverflow,
  pdfFirstPageRgba, pdfPageCount, printSetup, run, runAxe, sitemapUrls, url,
} from '../lib.js';

const LOCS = await sitemapUrls();
/** Each language's form, by its path prefix ('' for the default language). */
const FORMS = LOCS.map((loc) => new URL(loc).pathname)
  .filter((path) => /^(\/[^/]+)?\/handout\/$/.test(path))
  .map((path) => ({ path, prefix: path.replace(/\/handout\/$/, '') }));
/** The public address of each page, by its path. */
const LOC_BY_PATH = new Map(LOCS.map((loc) => [new URL(loc).pathname, loc]));
/** The three services chosen where the form offers them all (a line, a service with an
 * event, an event that meets at a place); else the form's first three. */
const PREFERRED = ['dial', 'family', 'ibasho'];
const TIMEOUT = 120_000;
/** The stylesheet's `@page` margins, and the width between them on A4, in CSS pixels. */
const PAGE_MARGIN_MM = { top: 8, left: 12 };
const PRINT_WIDTH_PX = Math.round((210 - 2 * PAGE_MARGIN_MM.left) * PX_PER_MM);

const printing = printSetup('madoguchi-handout-');

/**
 * What each QR code on the first page of `pdfFile` reads as. `codes` are the codes' boxes
 * in CSS pixels on the page, measured with print media at the printable width, so they
 * stand where the PDF has them (shifted by the page's margins); each box, with a margin
 * for its quiet zone, is cut out of the page drawn by pdftoppm and read on its own (jsQR
 * reads one code an image).
 */
async function decodeEach(pdfFile, codes) {
  const dpi = 150;
  const { width, height, rgba } = await pdfFirstPageRgba(pdfFile, join(printing.dir, 'page'), dpi);
  const px = (cssPx) => Math.round((cssPx / 96) * dpi);
  return codes.map(({ x, y, side }) => {
    const pad = px(PX_PER_MM * 4);
    const x0 = Math.max(0, px(x + PX_PER_MM * PAGE_MARGIN_MM.left) - pad);
    const y0 = Math.max(0, px(y + PX_PER_MM * PAGE_MARGIN_MM.top) - pad);
    const x1 = Math.min(width, x0 + px(side) + 2 * pad);
    const y1 = Math.min(height, y0 + px(side) + 2 * pad);
    const w = x1 - x0;
    const crop = new Uint8ClampedArray(w * (y1 - y0) * 4);
    for (let row = y0; row < y1; row++) {
      crop.set(rgba.subarray(4 * (row * width + x0), 4 * (row * width + x1)), 4 * (row - y0) * w);
    }
    return jsQR(crop, w, y1 - y0)?.data ?? null;
  });
}

/** What the print layout shows: every QR code's size, what only the screen should have,
 * and text under 9pt (furigana aside, read beside their base text). */
function printLayout(minFontPx) {
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const html = (el) => el.outerHTML.replace(/\s+/g, ' ').slice(0, 160);
  const small = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('rt, rp')) continue;
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (ownText && shown(el) && size < minFontPx) small.push(`${size}px: ${html(el)}`);
  }
  const codes = [...document.querySelectorAll('.handout-qr svg, .item-qr img')].map((el) => {
    const r = el.getBoundingClientRect();
    return {
      what: html(el).slice(0, 80), shown: shown(el), side: Math.min(r.width, r.height),
      x: r.left + window.scrollX, y: r.top + window.scrollY,
    };
  });
  const screenOnly = ['.site-header', '.breadcrumbs', '.site-footer', '.handout-again', 'main > .contact']
    .filter((sel) => [...document.querySelectorAll(sel)].some(shown));
  return { small, codes, screenOnly };
}

describe('handout: three chosen services on one A4 page, every QR code readable', () => {
  test('the sitemap lists the handout form in each language', () => {
    assert.ok(FORMS.length > 0, 'no /handout/ page in the sitemap');
  });
  for (const { path: formPath, prefix } of FORMS) {
    const stem = `handout-${prefix.replace(/^\//, '') || 'default'}`;
    test(`handout of three services prints on one A4 page ${formPath}`, { timeout: TIMEOUT }, async () => {
      const context = await printing.browser.newContext({ javaScriptEnabled: false, viewport: { width: PRINT_WIDTH_PX, height: 1000 } });
      try {
        const page = await context.newPage();
        const form = await page.goto(url(formPath), { waitUntil: 'load' });
        assert.equal(form?.status(), 200, `GET ${formPath}`);
        const offered = await page.$$eval('input[type=checkbox][name=s]', (boxes) => boxes.map((b) => b.value));
        const chosen = PREFERRED.every((id) => offered.includes(id)) ? PREFERRED : offered.slice(0, 3);
        assert.equal(chosen.length, 3, `${formPath} offers ${offered.length} services`);
        for (const id of chosen) await page.check(`input[name=s][value="${id}"]`);
        const [handout] = await Promise.all([
          page.waitForNavigation({ waitUntil: 'load' }),
          page.click('form.handout-form button[type=submit]'),
        ]);
        assert.equal(handout?.status(), 200, `the handout of ${chosen.join(', ')}`);
        const asked = new URL(page.url());
        // The form sends the ticked boxes in its own order.
        const order = offered.filter((id) => chosen.includes(id));
        assert.equal(asked.pathname + asked.search, `${formPath}?${order.map((id) => `s=${id}`).join('&')}`);

        // Its own address, written out: what the QR code at the top must hold.
        const own = await page.$eval('.handout-url a', (a) => a.getAttribute('href'));
        assert.ok(own.endsWith(`${formPath}${asked.search}`), `the handout's address is ${own}`);
        const items = await page.$$eval('.handout-item h2 a', (links) => links.map((a) => a.getAttribute('href')));
        assert.deepEqual(items, order.map((id) => `${prefix}/services/${id}/`));
        const expected = [own, ...items.map((path) => LOC_BY_PATH.get(path))];
        assert.ok(expected.every(Boolean), `each item's page is in the sitemap: ${items}`);

        await page.emulateMedia({ media: 'print' });
        const layout = await page.evaluate(printLayout, MIN_FONT_PX);
        assert.deepEqual(layout.screenOnly, [], 'printed although only for the screen');
        assert.deepEqual(layout.small, [], 'text under 9pt in print');
        assert.equal(layout.codes.length, 4, `QR codes: ${JSON.stringify(layout.codes)}`);
        for (const code of layout.codes) {
          assert.ok(code.shown, `a QR code is not printed: ${code.what}`);
          const mm = code.side / PX_PER_MM;
          assert.ok(mm > MIN_QR_MM - 0.05, `a QR code prints ${mm.toFixed(1)} mm wide, under ${MIN_QR_MM} mm: ${code.what}`);
        }

        const pdf = await page.pdf({ format: 'A4' });
        const pdfFile = join(SCREENSHOT_DIR, `${stem}.pdf`);
        writeFileSync(pdfFile, pdf);
        assert.equal(pdfPageCount(pdf), 1, `the handout prints on ${pdfPageCount(pdf)} A4 pages, expected 1 (see ${pdfFile})`);
        // In the page's order: the handout's own code at the top, then each item's.
        const decoded = await decodeEach(pdfFile, layout.codes);
        assert.deepEqual(decoded, expected, `the QR codes in ${pdfFile}`);
        await run('pdftoppm', ['-png', '-r', '100', '-singlefile', pdfFile, join(SCREENSHOT_DIR, `${stem}-print`)]);
      } finally {
        await context.close();
      }
    });
  }
});

/** The services the form at `formPath` offers, and its events. */
async function offered(formPath) {
  const context = await printing.browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const res = await page.goto(url(formPath), { waitUntil: 'load' });
    assert.equal(res?.status(), 200, `GET ${formPath}`);
    const values = (name) => page.$$eval(`input[type=checkbox][name=${name}]`, (boxes) => boxes.map((b) => b.value));
    return { services: await values('s'), events: await values('e') };
  } finally {
    await context.close();
  }
}

describe('handout on screen: an ordinary accessible page', () => {
  for (const { path: formPath } of FORMS) {
    test(`axe 390px and reflow 320px, a handout with an event ${formPath}`, { timeout: TIMEOUT }, async () => {
      const { services, events } = await offered(formPath);
      const chosen = PREFERRED.every((id) => services.includes(id)) ? PREFERRED : services.slice(0, 3);
      const query = [...chosen.map((id) => `s=${id}`), ...events.slice(0, 1).map((id) => `e=${id}`)].join('&');
      const handout = `${formPath}?${query}`;
      for (const [viewport, check] of [[{ width: 390, height: 844 }, 'axe'], [{ width: 320, height: 640 }, 'reflow']]) {
        const context = await printing.browser.newContext({ viewport, bypassCSP: true });
        try {
          const page = await context.newPage();
          const res = await page.goto(url(handout), { waitUntil: 'load' });
          assert.equal(res?.status(), 200, handout);
          if (check === 'axe') {
            await page.screenshot({ path: join(SCREENSHOT_DIR, `handout-screen-${formPath.replace(/\W+/g, '-').replace(/^-|-$/g, '')}.png`), fullPage: true });
            const { violations } = await runAxe(page);
            assert.equal(violations.length, 0, `axe on ${handout}:\n${formatAxeViolations(violations)}`);
          } else {
            const m = await measureOverflow(page);
            assert.ok(m.sw <= m.vw, `${handout} scrolls sideways:\n${formatOverflow(m)}`);
          }
        } finally {
          await context.close();
        }
      }
    });
    test(`a choice the form cannot send is a 400 page leading back to the form ${formPath}`, { timeout: TIMEOUT }, async () => {
      const context = await printing.browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
      try {
        const page = await context.newPage();
        const res = await page.goto(url(`${formPath}?s=no-such-service`), { waitUntil: 'load' });
        assert.equal(res?.status(), 400);
        const back = await page.$$eval('main a', (links) => links.map((a) => a.getAttribute('href')));
        assert.ok(back.includes(formPath), `links in main: ${back}`);
        const { violations } = await runAxe(page);
        assert.equal(violations.length, 0, `axe on the 400 page:\n${formatAxeViolations(violations)}`);
      } finally {
        await context.close();
      }
    });
  }
});
