// The Nu HTML Checker (vnu.jar), run once over every page and the 404 page.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import vnuJar from 'vnu-jar';
import { fileStem, oneLine, pagesUnderTest, url } from '../lib.js';

const PAGES = await pagesUnderTest();
const JAVA = process.env.JAVA || 'java';

let dir;
const byFile = new Map(); // file URL -> messages
let otherMessages = []; // messages that name no page file

function fileUrlKey(u) {
  try { return fileURLToPath(new URL(u)); } catch { return null; }
}

function runVnu(files) {
  return new Promise((resolve, reject) => {
    execFile(JAVA, ['-jar', String(vnuJar), '--format', 'json', '--errors-only', ...files],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // vnu exits 1 when it reports errors; its JSON goes to stderr.
        const text = stderr.trim() || stdout.trim();
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new Error(`vnu did not print JSON (exit ${error?.code ?? 0}):\n${stdout}\n${stderr}`));
        }
      });
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-vnu-'));
  const files = [];
  for (const { path, status } of PAGES) {
    const res = await fetch(url(path));
    assert.equal(res.status, status, `GET ${path} status`);
    const file = join(dir, `${fileStem(path)}.html`);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    files.push(file);
    byFile.set(fileUrlKey(pathToFileURL(file).href), []);
  }
  const { messages = [] } = await runVnu(files);
  for (const m of messages) {
    // vnu names files as file:/tmp/..., Node as file:///tmp/...: compare them normalised.
    const key = m.url && fileUrlKey(m.url);
    if (key && byFile.has(key)) byFile.get(key).push(m);
    else otherMessages.push(m);
  }
}, { timeout: 180_000 });

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function format(path, messages) {
  return messages.map((m) => {
    const at = m.lastLine ? `:${m.firstLine ?? m.lastLine}:${m.firstColumn ?? ''}` : '';
    const extract = m.extract ? `\n    ${oneLine(m.extract, 200)}` : '';
    return `- ${path}${at} [${m.type}${m.subType ? '/' + m.subType : ''}] ${m.message}${extract}`;
  }).join('\n');
}

describe('Nu HTML Checker', () => {
  for (const { path } of PAGES) {
    test(`vnu ${path}`, () => {
      const key = fileUrlKey(pathToFileURL(join(dir, `${fileStem(path)}.html`)).href);
      assert.ok(byFile.has(key), `${path} was not checked`);
      const errors = byFile.get(key).filter((m) => m.type === 'error' || m.type === 'non-document-error');
      assert.equal(errors.length, 0,
        `vnu found ${errors.length} error${errors.length === 1 ? '' : 's'} in ${path}:\n${format(path, errors)}`);
    });
  }
  test('vnu reported nothing outside the page files', () => {
    assert.deepEqual(otherMessages, [], JSON.stringify(otherMessages, null, 2));
  });
});
