// The studio's live preview follows the editor's latest text, whatever order its requests arrive
// in: a page numbers its previews, and one overtaken by a later one of the same page (two
// connections of a busy machine) does not put back older text. A new load of the page counts anew.
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserGateway } from '../src/browser/gateway.ts';
import { openStudioDeck, raw, type RunningStudio, startStudioHere, waterFolder } from './studio-run.ts';

let studio: RunningStudio;
let memo: string;
let folder: string;

beforeAll(async () => {
  folder = waterFolder();
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

/** The deck's event stream, as the page reads it: the memo of each `disk` event, as they come. */
function diskEvents(): { memos: string[]; close(): void } {
  const memos: string[] = [];
  const req = httpRequest({ host: '127.0.0.1', port: studio.port, path: '/api/deck/water/events', headers: headers() }, (res) => {
    let buffered = '';
    res.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let end: number;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const event = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = /^event: disk\ndata: (.*)$/m.exec(event)?.[1];
        if (data) memos.push((JSON.parse(data) as { text: string }).text);
      }
    });
  });
  req.on('error', () => {});
  req.end();
  return { memos, close: () => req.destroy() };
}

describe('a change on disk', () => {
  it('reaches the page once memo.md reads the same twice: a file cut short while another program writes it is not sent', async () => {
    const events = diskEvents();
    try {
      await new Promise((r) => setTimeout(r, 200));
      const file = path.join(folder, 'slides/water/memo.md');
      const theirs = marked('WRITTEN-ELSEWHERE');
      // An editor's save on a busy machine: the file cut short, and its text written 60 ms later.
      writeFileSync(file, '');
      await new Promise((r) => setTimeout(r, 60));
      writeFileSync(file, theirs);
      for (let i = 0; i < 50 && events.memos.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 400));
      expect(events.memos.map((text) => text.length)).toEqual([theirs.length]);
      expect(events.memos[0]).toBe(theirs);
    } finally {
      events.close();
    }
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
