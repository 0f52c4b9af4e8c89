// Every service page as a handout: Chromium prints it to an A4 PDF of exactly one page,
// the page's address is written out in that PDF, and the QR code in it reads back as the
// address (the PDF is drawn by poppler's pdftoppm and decoded with jsQR). In the print
// layout: no navigation, breadcrumbs, language switch, footer links or "send this page"
// part, no underlined links and no addresses printed after them, no text under 9pt, and
// a QR code big enough to scan from paper. The PDFs and a picture of each go to e2e/screenshots/.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import jsQR from 'jsqr';
import {
  MIN_FONT_PX, MIN_QR_MM, PX_PER_MM, SCREENSHOT_DIR, fileStem, oneLine, openPage, pdfFirstPageRgba, pdfPageCount,
  printSetup, run, sitemapUrls,
} from '../lib.js';

const SERVICES = (await sitemapUrls())
  .map((loc) => ({ loc, path: new URL(loc).pathname }))
  // Service pages at any depth, so that a page under a language prefix is printed too.
  .filter(({ path }) => /\/services\/[^/]+\/$/.test(path));
const TIMEOUT = 60_000;
/** What a handout does without. */
const SCREEN_ONLY = ['.skip-link', '.site-header', '.site-nav', '.breadcrumbs', '.lang-switch', '.site-footer', '.footer-links', '.send-page'];

const printing = printSetup('madoguchi-print-');

/** The first QR code jsQR finds in the first page of `pdfFile`, drawn at 150 dpi. */
async function decodeQr(pdfFile) {
  const { width, height, rgba } = await pdfFirstPageRgba(pdfFile, join(printing.dir, 'page'));
  return jsQR(rgba, width, height)?.data ?? null;
}

/** What the print layout shows, measured in the page with print media applied. */
function printLayout({ screenOnly, minFontPx }) {
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const html = (el) => el.outerHTML.replace(/\s+/g, ' ').slice(0, 160);
  const address = document.querySelector('.page-url');
  const qr = document.querySelector('.page-qr img');
  const small = [];
  for (const el of document.body.querySelectorAll('*')) {
    // Furigana (<rt>) are read beside their base text, which keeps the minimum; printed
    // furigana are conventionally about half the size of the text they annotate.
    if (el.closest('rt, rp')) continue;
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (ownText && shown(el) && size < minFontPx) small.push(`${size}px: ${html(el)}`);
  }
  const links = [...document.querySelectorAll('a')].filter(shown);
  return {
    address: address && shown(address) ? address.textContent.trim() : null,
    addressHref: address?.querySelector('a')?.getAttribute('href') ?? null,
    qr: qr && {
      shown: shown(qr),
      loaded: qr.complete && qr.naturalWidth > 0,
      width: qr.getBoundingClientRect().width,
      height: qr.getBoundingClientRect().height,
      alt: qr.getAttribute('alt'),
    },
    screenOnly: screenOnly.filter((sel) => [...document.querySelectorAll(sel)].some(shown)),
    underlined: links
      .filter((a) => getComputedStyle(a).textDecorationLine.includes('underline'))
      .map(html),
    generated: links
      .filter((a) => !['none', 'normal'].includes(getComputedStyle(a, '::after').content))
      .map(html),
    small,
  };
}

describe('print: every service page on one A4 page', () => {
  test('the sitemap lists service pages', () => {
    assert.ok(SERVICES.length > 0, 'no /services/... page in the sitemap');
  });
  for (const { loc, path } of SERVICES) {
    test(`print A4 one page ${path}`, { timeout: TIMEOUT }, async () => {
      const { context, page } = await openPage(printing.browser, path, { viewport: { width: 1280, height: 800 } });
      try {
        await page.emulateMedia({ media: 'print' });
        const layout = await page.evaluate(printLayout, { screenOnly: SCREEN_ONLY, minFontPx: MIN_FONT_PX });
        assert.ok(layout.address, `${path}: the page's address is not shown in print`);
        assert.ok(layout.address.endsWith(`: ${loc}`), `${path}: the printed address is "${layout.address}", expected it to end with ": ${loc}"`);
        assert.equal(layout.addressHref, loc, `${path}: the printed address links elsewhere`);
        assert.ok(layout.qr, `${path}: no QR code (.page-qr img)`);
        assert.ok(layout.qr.shown && layout.qr.loaded, `${path}: the QR code is not shown or not loaded in print: ${JSON.stringify(layout.qr)}`);
        assert.ok(layout.qr.alt, `${path}: the QR code has no alt text`);
        const sideMm = Math.min(layout.qr.width, layout.qr.height) / PX_PER_MM;
        assert.ok(sideMm >= MIN_QR_MM, `${path}: the QR code prints ${sideMm.toFixed(1)} mm wide, under ${MIN_QR_MM} mm`);
        assert.deepEqual(layout.screenOnly, [], `${path}: printed although only for the screen`);
        assert.deepEqual(layout.underlined, [], `${path}: links printed underlined`);
        assert.deepEqual(layout.generated, [], `${path}: links print generated text (an href?) after them`);
        assert.deepEqual(layout.small, [], `${path}: text under 9pt in print`);

        // page.pdf prints with print media, as the emulation above already applies.
        const pdf = await page.pdf({ format: 'A4' });
        const stem = fileStem(path);
        const pdfFile = join(SCREENSHOT_DIR, `${stem}.pdf`);
        writeFileSync(pdfFile, pdf);
        const pages = pdfPageCount(pdf);
        assert.equal(pages, 1, `${path} prints on ${pages} A4 pages, expected 1 (see ${pdfFile})`);

        const text = (await run('pdftotext', ['-f', '1', '-l', '1', pdfFile, '-'])).toString('utf8');
        assert.ok(text.replace(/\s+/g, '').includes(loc), `${path}: the PDF does not say ${loc}; its text: ${oneLine(text, 600)}`);
        const decoded = await decodeQr(pdfFile);
        assert.equal(decoded, loc, `${path}: the QR code in the PDF reads ${JSON.stringify(decoded)}`);
        await run('pdftoppm', ['-png', '-r', '60', '-singlefile', pdfFile, join(SCREENSHOT_DIR, `${stem}-print`)]);
      } finally {
        await context.close();
      }
    });
  }
});
