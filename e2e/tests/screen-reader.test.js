// What a screen reader gets from the やさしい日本語 pages (issue 15), read from Chromium's own
// accessibility tree over the DevTools protocol (Accessibility.getFullAXTree; DOM.getDocument
// ties each node to its element).
//
// What Chromium (156) exposes for a word of ruby, <ruby>相談<rt>そうだん</rt></ruby>:
// - the <ruby> is a node of its own (internal role "Ruby", no name) whose one exposed child
//   is the base text, StaticText "相談"; the reading "そうだん" is the ruby's accessible
//   *description* (what w3c/html-aam issue 352 describes: Chromium exposes <rt> as a
//   description "from ruby-annotation"). The <rt> and its text are ignored nodes, so the
//   reading is not read as text after the word;
// - so a name Chromium works out from content is the base text alone, with the spaces of
//   the source: the h1 of /easy/ is "ひきこもりの 相談 窓口（目黒区）", the site name link
//   "目黒区 ひきこもり 相談の 窓口 案内", the skip link "本文へ 移動", the phone link
//   "電話を かける 03-5722-9363", and a <label>, <legend> or <caption> gives its control,
//   group or table the same (never "相談そうだん", "相談 そうだん" or "相談(そうだん)");
// - but a name or description taken through aria-labelledby or aria-describedby holds every
//   reading run into its word: the region of the contact block (<section
//   aria-labelledby="contact-heading">) is named "相談そうだんや 質問しつもんは ここへ", the
//   feedback aside "この ページに ついて 教おしえて ください", and the feedback textarea is
//   described as "名前なまえや 電話番号でんわばんごうなど、…";
// - <rp> changes none of this (Chromium ignores it, also through aria-labelledby: still
//   "相談そうだんや"), so leaving it out costs a screen reader nothing. <rt aria-hidden="true">
//   would clean the aria-labelledby names but also take the reading away (the ruby loses its
//   description);
// - only a ruby's first <rt> becomes its description: <ruby>相<rt>そう</rt>談<rt>だん</rt></ruby>
//   is described as "そう". Hence one <ruby> a word (src/view/filters.rs);
// - hiding the <rt> (display: none, visibility: hidden) drops the description, and the text
//   of an element inside an <rt> (<rt><span>そうだん</span></rt>) is read after the base.
// Playwright's locator.ariaSnapshot() is not Chromium's tree: playwright-core 1.65.1 works
// names out in its own script and counts <rt> as text (heading "相談 そうだん の 窓口 まどぐち"),
// so it is not used here.
//
// For every /easy/ page of the sitemap (`screen reader view PATH`):
// - every <ruby> shown is a Ruby node whose text is its base and whose description is its
//   one reading, and no text inside an <rt> is exposed;
// - the text read through the page (the exposed text nodes and images, in tree order) is
//   the page's shown text with the readings left out, in the same order;
// - headings, links, navigation, regions, tables and form controls have a name; a name
//   worked out from content, or from a <label>, <legend> or <caption>, is that text without
//   readings;
// - one h1; the first link is the skip link to <main>; each tel: link's name holds its
//   number; the language switch is a named navigation with one distinctly named link for
//   each of ja, en and ja-x-easy (English in Latin letters, the others in Japanese), the
//   easy one to this very page.
// And (`aria-labelledby and aria-describedby without readings PATH`): a name or description
// from aria-labelledby or aria-describedby is the referenced text without readings, and
// every page has at least one (the feedback form's hint). Chromium takes such a name or
// description from every text inside the referenced element, <rt> too ("相談そうだん"), so
// the templates name landmarks with aria-label and the words without furigana, and point
// aria-describedby at a hidden copy of the text without furigana.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, oneLine, openPage, pagesUnderTest } from '../lib.js';

const EASY_PAGES = (await pagesUnderTest()).filter(({ path }) => path.startsWith('/easy/'));
const TIMEOUT = 60_000;
const PARALLEL = { concurrency: 2 };
/** Roles a screen reader announces by their name: an empty one says nothing. */
const MUST_BE_NAMED = new Set([
  'heading', 'link', 'navigation', 'region', 'table', 'button', 'textbox', 'searchbox',
  'checkbox', 'radio', 'combobox', 'image', 'img',
]);
const LANGUAGES = ['ja', 'en', 'ja-x-easy'];
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Text without whitespace: Chromium keeps, drops or adds spaces at element edges. */
const squash = (s) => String(s ?? '').replace(/\s+/g, '');
const role = (n) => n.role?.value ?? '';
const nameOf = (n) => (n.name?.value ?? '').trim();
const list = (items) => items.map((s) => `  - ${s}`).join('\n');

/**
 * Opens `path` and reads it as the test sees it: `els`, every element of <body> (each given
 * a `data-sr` attribute, its index), with `text`, what it shows without readings; `dom`,
 * backend node id -> { text, sr } (sr: the element's index, or a text node's parent's);
 * and Chromium's accessibility nodes, `ax` in tree order, `byId` and `byBackend`.
 */
async function screenReaderView(path, status) {
  const { context, page } = await openPage(browser, path, { status, viewport: { width: 1280, height: 900 } });
  try {
    const { els, body, main } = await page.evaluate(() => {
      const all = [...document.body.querySelectorAll('*')];
      const index = new Map(all.map((el, i) => [el, i]));
      const SKIP = new Set(['rt', 'rp', 'script', 'style', 'template', 'noscript']);
      const shown = (el) => !SKIP.has(el.localName) && el.getAttribute('aria-hidden') !== 'true'
        && el.checkVisibility({ visibilityProperty: true });
      // The label of a tick box or radio button: Chromium reads it as the control's name,
      // and as text too or not, by rules of its own (a label round its control or holding
      // only text is not). Its text is left out of the text read through the page; the
      // control's name is checked to be it.
      const choiceLabel = (el) => el?.localName === 'label' && ['checkbox', 'radio'].includes(el.control?.type);
      // What an element shows, readings left out (an image: its alt), and what it adds to
      // the text read through the page (`flow`: nothing for a choice's label).
      const memo = new Map();
      const text = (el) => {
        if (memo.has(el)) return memo.get(el);
        let s = '';
        if (shown(el)) {
          if (el.getAttribute('role') === 'img') s = el.getAttribute('aria-label') ?? '';
          else if (el.localName === 'img') s = el.getAttribute('aria-label') ?? el.alt;
          else {
            for (const c of el.childNodes) {
              if (c.nodeType === Node.TEXT_NODE) s += c.data;
              else if (c.nodeType === Node.ELEMENT_NODE) s += flow(c);
            }
          }
        }
        memo.set(el, s);
        return s;
      };
      const flow = (el) => (choiceLabel(el) ? '' : text(el));
      const els = all.map((el, i) => {
        el.setAttribute('data-sr', String(i));
        return {
          i,
          tag: el.localName,
          id: el.id,
          href: el.getAttribute('href'),
          hreflang: el.getAttribute('hreflang'),
          inRt: el.closest('rt') !== null,
          inChoiceLabel: choiceLabel(el.closest('label')),
          shown: shown(el),
          html: el.outerHTML.slice(0, 300),
          readings: el.localName === 'ruby'
            ? [...el.children].filter((c) => c.localName === 'rt').map((rt) => rt.textContent.trim())
            : null,
          parent: index.get(el.parentElement) ?? null,
        };
      });
      // All the text inside, shown or not, readings left out: what aria-describedby gives a
      // hidden element it points at (a copy of a hint without furigana).
      const allText = (el) => [...el.childNodes].map((c) => {
        if (c.nodeType === Node.TEXT_NODE) return c.data;
        if (c.nodeType !== Node.ELEMENT_NODE || SKIP.has(c.localName)) return '';
        return allText(c);
      }).join('');
      for (const row of els) {
        row.text = text(all[row.i]);
        row.allText = allText(all[row.i]);
      }
      return { els, body: flow(document.body), main: all.findIndex((el) => el.localName === 'main') };
    });

    const cdp = await context.newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const dom = new Map();
    const walk = (node, parentSr) => {
      let sr = null;
      if (node.nodeType === 1) {
        const attrs = node.attributes ?? [];
        for (let k = 0; k < attrs.length; k += 2) if (attrs[k] === 'data-sr') sr = Number(attrs[k + 1]);
        dom.set(node.backendNodeId, { text: false, sr });
      } else if (node.nodeType === 3) {
        dom.set(node.backendNodeId, { text: true, sr: parentSr });
      }
      for (const c of node.children ?? []) walk(c, sr ?? parentSr);
    };
    walk(root, null);
    await cdp.send('Accessibility.enable');
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    await cdp.detach();

    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const ax = [];
    const order = (n) => {
      ax.push(n);
      for (const c of n.childIds ?? []) if (byId.has(c)) order(byId.get(c));
    };
    for (const n of nodes) if (!n.parentId) order(n);
    const byBackend = new Map();
    for (const n of ax) if (n.backendDOMNodeId != null && !byBackend.has(n.backendDOMNodeId)) byBackend.set(n.backendDOMNodeId, n);
    const backendOf = new Map();
    for (const [id, d] of dom) if (!d.text && d.sr != null) backendOf.set(d.sr, id);
    return { els, body, mainIndex: main, dom, ax, byId, byBackend, backendOf };
  } finally {
    await context.close();
  }
}

/** Each page is read once for both of its tests. */
const views = new Map();
function viewOf(path, status) {
  if (!views.has(path)) views.set(path, screenReaderView(path, status));
  return views.get(path);
}

/** The element (a row of `els`) an accessibility node or backend node id stands for, or null. */
function elementOf(view, nodeOrBackendId) {
  const id = typeof nodeOrBackendId === 'object' ? nodeOrBackendId.backendDOMNodeId : nodeOrBackendId;
  const d = view.dom.get(id);
  return d && !d.text && d.sr != null ? view.els[d.sr] : null;
}

function describeNode(view, n) {
  const el = elementOf(view, n);
  return `${role(n)} ${JSON.stringify(nameOf(n))}${el ? `\n      ${oneLine(el.html, 200)}` : ''}`;
}

/** The source Chromium took a node's name from: the first with a value, not superseded. */
function nameSource(n) {
  return (n.name?.sources ?? []).find((s) => !s.superseded && s.value !== undefined) ?? null;
}

/** The text without readings of the elements a name source or property refers to. */
function relatedText(view, relatedNodes) {
  return (relatedNodes ?? []).map((r) => {
    const el = elementOf(view, r.backendDOMNodeId);
    return (el?.shown ? el.text : el?.allText) ?? '';
  }).join(' ');
}

/** Where two strings part, with a little of each around it. */
function firstDifference(want, got) {
  let k = 0;
  while (k < want.length && k < got.length && want[k] === got[k]) k += 1;
  const from = Math.max(0, k - 30);
  return `at character ${k}:\n  page text:     …${want.slice(from, k + 30)}…\n  screen reader: …${got.slice(from, k + 30)}…`;
}

const isInside = (els, e, ancestor) => {
  for (let k = e.parent; k != null; k = els[k].parent) if (k === ancestor) return true;
  return false;
};

describe('やさしい日本語: what a screen reader gets (Chromium accessibility tree)', PARALLEL, () => {
  for (const { path, status } of EASY_PAGES) {
    test(`screen reader view ${path}`, { timeout: TIMEOUT }, async (t) => {
      const view = await viewOf(path, status);
      const { els, ax, byBackend } = view;
      const shownAx = ax.filter((n) => !n.ignored);

      // Every ruby shown: a Ruby node, its base as its text, its one reading as its description.
      const rubies = els.filter((e) => e.tag === 'ruby' && e.shown && !e.inRt);
      assert.ok(rubies.length > 0, `${path}: no <ruby> at all, so no reading was checked`);
      const rubyProblems = [];
      const words = rubies.map((r) => ({ base: squash(r.text), reading: squash(r.readings[0]) }))
        .filter((w) => w.base !== '' && w.reading !== '');
      for (const r of rubies) {
        const n = byBackend.get(view.backendOf.get(r.i));
        if (r.readings.length !== 1) {
          rubyProblems.push(`${r.readings.length} <rt> in one <ruby> (Chromium describes it by the first only): ${oneLine(r.html)}`);
        }
        if (!n || n.ignored || role(n) !== 'Ruby') {
          rubyProblems.push(`not a Ruby node (${n ? (n.ignored ? 'ignored' : role(n)) : 'missing'}): ${oneLine(r.html)}`);
          continue;
        }
        const description = (n.description?.value ?? '').trim();
        if (description !== r.readings[0]) {
          rubyProblems.push(`described as ${JSON.stringify(description)}, reading ${JSON.stringify(r.readings[0])}: ${oneLine(r.html)}`);
        }
        const parts = [];
        const collect = (m) => {
          if (!m.ignored && role(m) === 'StaticText') parts.push(nameOf(m));
          for (const c of m.childIds ?? []) if (view.byId.has(c)) collect(view.byId.get(c));
        };
        collect(n);
        if (squash(parts.join('')) !== squash(r.text)) {
          rubyProblems.push(`reads ${JSON.stringify(parts.join(''))}, base ${JSON.stringify(r.text)}: ${oneLine(r.html)}`);
        }
      }
      assert.deepEqual(rubyProblems, [],
        `${path}: ruby not exposed as its base text described by its reading:\n${list(rubyProblems)}`);

      // No reading is read as text.
      const readAloud = shownAx.filter((n) => {
        const d = view.dom.get(n.backendDOMNodeId);
        return d?.sr != null && els[d.sr].inRt;
      }).map((n) => describeNode(view, n));
      assert.deepEqual(readAloud, [],
        `${path}: text inside <rt> is exposed (read after its word):\n${list(readAloud)}`);

      // The text read through the page: the page's text without readings, in order.
      const flow = shownAx.filter((n) => {
        const d = view.dom.get(n.backendDOMNodeId);
        if (!d || (d.sr != null && els[d.sr].inChoiceLabel)) return false;
        return role(n) === 'StaticText' ? d.text : role(n) === 'image' || role(n) === 'img';
      }).map(nameOf).join('');
      const pageText = squash(view.body);
      assert.ok(pageText.length > 0, `${path}: no text at all`);
      assert.ok(squash(flow) === pageText,
        `${path}: the text a screen reader reads is not the page's text without readings, ${firstDifference(pageText, squash(flow))}`);

      // Names: there where they are announced; from content or a label, its text without readings.
      const nameProblems = [];
      let compared = 0;
      for (const n of shownAx) {
        const name = nameOf(n);
        if (MUST_BE_NAMED.has(role(n)) && name === '') {
          nameProblems.push(`no name: ${describeNode(view, n)}`);
          continue;
        }
        const el = elementOf(view, n);
        const source = nameSource(n);
        if (!el || name === '' || !source) continue;
        if (source.type === 'attribute') {
          // Written by hand (aria-label, alt, title): no word followed by its reading, unless
          // the page's own text has them so (送り仮名 like 書<rt>か</rt>かなくても).
          const run = words.find((w) => squash(name).includes(w.base + w.reading) && !pageText.includes(w.base + w.reading));
          if (run) nameProblems.push(`"${run.base}" followed by its reading "${run.reading}": ${describeNode(view, n)}`);
          continue;
        }
        let want = null;
        if (source.type === 'contents') want = el.text;
        else if (source.type === 'relatedElement' && source.nativeSource) want = relatedText(view, source.nativeSourceValue?.relatedNodes);
        if (want === null) continue;
        compared += 1;
        if (squash(name) !== squash(want)) {
          nameProblems.push(`name is not ${JSON.stringify(want.replace(/\s+/g, ' ').trim())}: ${describeNode(view, n)}`);
        }
      }
      assert.deepEqual(nameProblems, [], `${path}: names a screen reader would announce wrongly:\n${list(nameProblems)}`);
      assert.ok(compared > 0, `${path}: no name was compared with the page's text`);

      // One h1.
      const h1s = shownAx.filter((n) => role(n) === 'heading'
        && (n.properties ?? []).some((p) => p.name === 'level' && p.value.value === 1));
      assert.equal(h1s.length, 1, `${path}: ${h1s.length} level-1 headings:\n${list(h1s.map((n) => describeNode(view, n)))}`);

      // The first link is the skip link, to <main>.
      const links = shownAx.filter((n) => role(n) === 'link').map((n) => ({ n, el: elementOf(view, n) }));
      const main = els[view.mainIndex];
      assert.ok(main?.id, `${path}: no <main> with an id for the skip link to go to`);
      assert.equal(links[0]?.el?.href, `#${main.id}`,
        `${path}: the first link is not the skip link to <main id="${main.id}">: ${links[0] ? describeNode(view, links[0].n) : 'no link'}`);

      // Every telephone link says its number.
      const tel = links.filter(({ el }) => el?.href?.startsWith('tel:'));
      assert.ok(tel.length > 0, `${path}: no tel: link (the header's emergency numbers are on every page)`);
      const mute = tel.filter(({ n, el }) => !nameOf(n).replace(/\D/g, '').includes(el.href.slice(4).replace(/\D/g, '')))
        .map(({ n, el }) => `${el.href}: ${describeNode(view, n)}`);
      assert.deepEqual(mute, [], `${path}: telephone links whose name does not say their number:\n${list(mute)}`);

      // The language switch: a named navigation with a link for each language, named in it.
      const nav = shownAx.find((n) => role(n) === 'navigation'
        && els.some((e) => e.hreflang && isInside(els, e, elementOf(view, n)?.i)));
      assert.ok(nav, `${path}: no navigation holds the hreflang links (the language switch)`);
      assert.notEqual(nameOf(nav), '', `${path}: the language switch's navigation has no name`);
      const navIndex = elementOf(view, nav).i;
      const switchLinks = links.filter(({ el }) => el?.hreflang && isInside(els, el, navIndex));
      const byLang = Object.fromEntries(switchLinks.map(({ n, el }) => [el.hreflang, { name: nameOf(n), href: el.href }]));
      assert.deepEqual(Object.keys(byLang).sort(), [...LANGUAGES].sort(),
        `${path}: the language switch links to ${JSON.stringify(Object.keys(byLang))}`);
      const names = switchLinks.map(({ n }) => nameOf(n));
      assert.equal(new Set(names).size, names.length, `${path}: language links share a name: ${JSON.stringify(names)}`);
      assert.match(byLang.en.name, /^[A-Za-z][\x20-\x7e]*$/, `${path}: the English link's name is not in English`);
      for (const lang of ['ja', 'ja-x-easy']) {
        assert.match(byLang[lang].name, JAPANESE, `${path}: the ${lang} link's name is not in Japanese`);
      }
      assert.equal(byLang['ja-x-easy'].href, path, `${path}: the language switch's やさしい日本語 link is not to this page`);
      t.diagnostic(`${rubies.length} rubies, ${compared} names from content or a label, ${links.length} links, `
        + `h1 ${JSON.stringify(nameOf(h1s[0]))}`);
    });

    test(`aria-labelledby and aria-describedby without readings ${path}`, { timeout: TIMEOUT }, async () => {
      const view = await viewOf(path, status);
      const problems = [];
      let checked = 0;
      for (const n of view.ax.filter((m) => !m.ignored)) {
        const source = nameSource(n);
        if (source?.type === 'relatedElement' && source.attribute === 'aria-labelledby') {
          checked += 1;
          const want = relatedText(view, source.attributeValue?.relatedNodes);
          if (squash(nameOf(n)) !== squash(want)) {
            problems.push(`${role(n)} named ${JSON.stringify(nameOf(n))}, not ${JSON.stringify(want.replace(/\s+/g, ' ').trim())}`);
          }
        }
        const describedby = (n.properties ?? []).find((p) => p.name === 'describedby');
        if (describedby) {
          checked += 1;
          const want = relatedText(view, describedby.value?.relatedNodes);
          const got = (n.description?.value ?? '').trim();
          if (squash(got) !== squash(want)) {
            problems.push(`${role(n)} ${JSON.stringify(nameOf(n))} described as ${JSON.stringify(got)}, not ${JSON.stringify(want.replace(/\s+/g, ' ').trim())}`);
          }
        }
      }
      assert.ok(checked > 0, `${path}: no name or description from aria-labelledby or aria-describedby to check`);
      assert.ok(problems.length === 0,
        `${path}: names and descriptions that read each reading run into its word:\n${list(problems)}`);
    });
  }
});
