// The studio's live preview follows the editor's latest text, whatever order its requests arrive
// in: a page numbers its previews, and one overtaken by a later one of the same page (two
// connections of a busy machine) does not put back older text. A new load of the page counts anew.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserGateway } from '../src/browser/gateway.ts';
import { openStudioDeck, raw, type RunningStudio, startStudioHere, waterFolder } from './studio-run.ts';

let studio: RunningStudio;
let memo: string;

beforeAll(async () => {
  const folder = waterFolder();
  memo = readFileSync(path.join(folder, 'slides/water/memo.md'), 'utf8');
  studio = await startStudioHere(folder);
});

afterAll(async () => {
  await studio?.stop();
});

const headers = () => ({ host: `127.0.0.1:${studio.port}`, cookie: `briefdeck_studio=${studio.token}`, origin: studio.origin, 'content-type': 'application/json' });
/** The memo with a marked first section heading. */
const marked = (mark: string) => memo.replace(/\n## ([^\n]*)/, (_, heading: string) => `\n## ${heading} ${mark}`);
const send = async (mark: string, page: string, seq: number) =>
  JSON.parse((await raw(studio.port, { method: 'POST', path: '/api/deck/water/preview', headers: headers(), body: JSON.stringify({ text: marked(mark), page, seq }) })).body) as { stale?: boolean };
const shown = async () => (await raw(studio.port, { path: '/preview/d1/', headers: headers() })).body;

describe('the live preview', () => {
  it('shows the latest text the page sent, not one of its older previews that arrived after it', async () => {
    expect((await raw(studio.port, { path: '/deck/water', headers: headers() })).status).toBe(200);
    expect(await send('SECOND-TEXT', 'page-a', 2)).not.toHaveProperty('stale');
    expect(await send('FIRST-TEXT', 'page-a', 1)).toEqual({ ok: true, stale: true });
    const html = await shown();
    expect(html).toContain('SECOND-TEXT');
    expect(html).not.toContain('FIRST-TEXT');

    // The page loaded again numbers from 1: its previews count.
    expect(await send('RELOADED-TEXT', 'page-b', 1)).not.toHaveProperty('stale');
    expect(await shown()).toContain('RELOADED-TEXT');
  });
});

describe('Ctrl-C', () => {
  it('ends the studio with exit 0 while its deck page is still open (its event stream and the preview’s websocket connected)', async () => {
    // A browser of the test's own (the studio's page tests keep theirs: see tests/shared-browser.ts).
    const browser = new BrowserGateway();
    try {
      const open = await openStudioDeck(browser, waterFolder(), 'water', undefined, { command: true });
      const started = Date.now();
      const code = await open.studio.stop();
      expect(code, open.studio.stderr()).toBe(0);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(open.page.isClosed()).toBe(false);
    } finally {
      await browser.close();
    }
  });
});
