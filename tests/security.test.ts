// Untrusted memo text stays text: no markup or script from a memo runs in the deck.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, build, openDeck, serve } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();

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

// This machine's own address on a non-loopback interface, if it has one: reachable without a
// network, so a request to it shows whether Chromium would leave the machine.
const outside = Object.values(os.networkInterfaces()).flat().find((a) => a && !a.internal && a.family === 'IPv4')?.address;

describe('the browser briefdeck launches', () => {
  it('reaches this machine on loopback only: any other address goes to a proxy that does not exist', async () => {
    const server = http.createServer((_, res) => res.setHeader('access-control-allow-origin', '*').end('reached')).listen(0, '0.0.0.0');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const others = ['http://example.com/', 'http://93.184.215.14/', ...(outside ? [`http://${outside}:${port}/`] : [])];
    try {
      // Node reaches the outside address: only Chromium is kept from it.
      if (outside) expect(await (await fetch(`http://${outside}:${port}/`)).text()).toBe('reached');
      const { fetched, failures } = await browser.withPage(async (page) => {
        const failures: string[] = [];
        page.on('requestfailed', (request) => failures.push(`${request.url()} ${request.failure()?.errorText}`));
        await page.goto(`http://127.0.0.1:${port}/`);
        const urls = [`http://127.0.0.1:${port}/`, `http://localhost:${port}/`, ...others];
        const fetched = await page.evaluate(async (list) => Promise.all(list.map((u) => fetch(u).then((r) => r.text(), () => 'failed'))), urls);
        return { fetched, failures };
      });
      expect(fetched).toEqual(['reached', 'reached', ...others.map(() => 'failed')]);
      // Not "no network here": the proxy refused them (a name is not even looked up).
      expect(failures.sort()).toEqual(others.map((u) => `${u} net::ERR_PROXY_CONNECTION_FAILED`).sort());
    } finally {
      server.close();
    }
  });
});
