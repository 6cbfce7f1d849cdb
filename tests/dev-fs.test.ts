// `briefdeck dev` serves what the page loads and nothing else: no file outside the deck folder
// and briefdeck's own assets, and no file a link in the deck's folder leads to outside it (real
// symlinks, real HTTP requests to the dev server).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deckAt } from '../src/core/deck-folder.ts';
import { startDevServer, type DevServer } from '../src/pipeline/dev.ts';
import { BUNDLED_DECK, ROOT, copyDeck, openDeck, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const SECRET = 'PRIVATE-KEY-CONTENT-3f9a';
const browser = await sharedBrowser();
let dev: DevServer;
let deckDir: string;
let secretDir: string;

beforeAll(async () => {
  secretDir = tempDir();
  writeFileSync(path.join(secretDir, 'id_rsa.txt'), SECRET);
  mkdirSync(path.join(secretDir, 'inner'));
  writeFileSync(path.join(secretDir, 'inner', 'notes.txt'), SECRET);
  deckDir = copyDeck(BUNDLED_DECK);
  symlinkSync(path.join(secretDir, 'id_rsa.txt'), path.join(deckDir, 'leak.txt'));
  symlinkSync(secretDir, path.join(deckDir, 'leakdir'));
  dev = await startDevServer(deckAt(deckDir), browser, 0);
}, 60_000);

afterAll(async () => {
  await dev?.close();
});

async function get(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(new URL(url, dev.url));
  return { status: response.status, body: await response.text() };
}

describe('the dev server serves nothing from outside', () => {
  it('the deck still loads whole', async () => {
    const page = await (await browser.get()).newPage();
    try {
      const problems = await openDeck(page, dev.url);
      expect(problems).toEqual([]);
      expect(await page.evaluate(() => document.querySelectorAll('.slides > section').length)).toBeGreaterThan(20);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('a symlink in the deck folder to a file or folder outside it is not served', async () => {
    for (const url of [`/@fs${deckDir}/leak.txt`, `/@fs${deckDir}/leak.txt?raw`, `/@fs${deckDir}/leakdir/id_rsa.txt`, `/@fs${deckDir}/leakdir/inner/notes.txt?url`, `/@fs${deckDir}/leakdir/id_rsa.txt?raw`, '/leak.txt', '/leakdir/id_rsa.txt']) {
      const { status, body } = await get(url);
      expect(body, url).not.toContain(SECRET);
      if (url.startsWith('/@fs')) expect([403, 404], url).toContain(status);
    }
  });

  it('files outside the deck folder and the project\'s assets are not served', async () => {
    for (const url of [`/@fs${secretDir}/id_rsa.txt`, `/@fs${path.join(ROOT, 'package.json')}`, `/@fs${path.join(ROOT, 'slides/asi-policy-memo-4/memo.md')}`, `/@fs${path.join(ROOT, 'README.md')}`, '/@fs/etc/passwd']) {
      const { status, body } = await get(url);
      expect([403, 404], url).toContain(status);
      expect(body, url).not.toContain(SECRET);
      expect(body, url).not.toContain('"name": "briefdeck"');
      expect(body, url).not.toContain('root:x:0:0');
    }
  });
});
