// Untrusted memo text stays text: no markup or script from a memo runs in the deck.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserGateway } from '../src/browser.ts';
import { FIXTURES, build, openDeck, serve } from './helpers.ts';

const browser = new BrowserGateway();
afterAll(() => browser.close());

describe('a hostile memo', () => {
  it('is shown as inert text: no script, no handlers, no javascript: links', async () => {
    const built = await build(path.join(FIXTURES, 'decks/hostile'), browser);
    const { url, server } = await serve(built.dir);
    try {
      const page = await (await browser.get()).newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await openDeck(page, url);
      const found = await page.evaluate(() => {
        const slides = document.querySelector('.slides')!;
        const all = [...slides.querySelectorAll('*')];
        return {
          scripts: slides.querySelectorAll('script').length,
          handlers: all.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
          hrefs: [...slides.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
          images: slides.querySelectorAll('img').length,
          text: slides.textContent ?? '',
          title: document.title,
        };
      });
      expect(found.scripts).toBe(0);
      expect(found.handlers).toEqual([]);
      expect(found.images).toBe(0);
      for (const href of found.hrefs) expect(href).toMatch(/^(#\/|https?:)/);
      expect(found.text).toContain('<script>alert(4)</script>');
      expect(found.text).toContain('[link](javascript:alert(5))');
      expect(found.title).toBe('A memo that tries to run code <script>alert(1)</script>');
      expect(dialogs).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

// This machine's own address on a non-loopback interface: reachable without a network, so a
// request to it shows whether Chromium would leave the machine.
const outside = Object.values(os.networkInterfaces()).flat().find((a) => a && !a.internal && a.family === 'IPv4')?.address;

describe('the browser briefdeck launches', () => {
  it.skipIf(!outside)('reaches this machine on loopback only: any other address fails', async () => {
    const server = http.createServer((_, res) => res.setHeader('access-control-allow-origin', '*').end('reached')).listen(0, '0.0.0.0');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      // Node reaches the outside address: only Chromium is kept from it.
      expect(await (await fetch(`http://${outside}:${port}/`)).text()).toBe('reached');
      const results = await browser.withPage(async (page) => {
        await page.goto(`http://127.0.0.1:${port}/`);
        return page.evaluate(async (urls) => Promise.all(urls.map((u) => fetch(u).then((r) => r.text(), () => 'failed'))), [
          `http://127.0.0.1:${port}/`,
          `http://localhost:${port}/`,
          `http://${outside}:${port}/`,
          'http://example.com/',
        ]);
      });
      expect(results).toEqual(['reached', 'reached', 'failed', 'failed']);
    } finally {
      server.close();
    }
  });
});
