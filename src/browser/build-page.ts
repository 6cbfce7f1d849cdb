// A page for work done in Chromium at build time (diagrams drawn, slide text fitted, pictures
// drawn for the PowerPoint file), with the deck's whole font, so that what it measures is drawn
// with the glyphs the deck will show.
//
// The page's document is given by request interception; its font and scripts come from a server
// of this process on loopback (Chromium reads them as any page's files: handing 5 MB fonts over
// the DevTools protocol, as base64, took over a second a page). Every other request is refused,
// so a build page never reaches a network.
import { createReadStream, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer-core';
import { allowCompiledFunctions, type BrowserGateway } from './gateway.ts';
import { FONT_FAMILY, fontFile } from '../core/fonts.ts';
import type { Theme } from '../model/theme.ts';

/** @font-face rules for the deck's whole font, as the build page serves it (under /fonts/). */
export function buildFontCss(weights: number[]): string {
  return weights.map((w) => `@font-face{font-family:'${FONT_FAMILY}';font-weight:${w};src:url(/fonts/${w}.ttf) format('truetype')}`).join('\n');
}

/** A file a build page may load, by its path on the page's origin. */
export interface BuildFile {
  type: string;
  file: string;
}

/** What the build pages' server serves besides the font: package files such as Mermaid's script. */
const served = new Map<string, BuildFile>();

/** The origin of this process's build pages: a server on loopback, started on first use. */
let origin: Promise<string> | undefined;

function buildOrigin(): Promise<string> {
  // The server's modules (node:http, serve.ts's check of the Host) are loaded here, when a page is
  // first built: a build whose text is fitted and diagrams drawn before opens no page, and starts
  // faster without them.
  origin ??= Promise.all([import('node:http'), import('./serve.ts')]).then(([http, { loopbackHost }]) => new Promise<string>((resolve, reject) => {
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const weight = /^\/fonts\/(\d+)\.ttf$/.exec(url.pathname)?.[1];
      let entry: BuildFile | undefined;
      try {
        entry = weight ? { type: 'font/ttf', file: fontFile(Number(weight)) } : served.get(url.pathname);
      } catch {
        entry = undefined; // a weight the font does not have
      }
      // Only pages of this machine (no DNS rebinding), and only what is listed.
      if (!loopbackHost(req.headers.host) || req.method !== 'GET' || !entry) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': entry.type, 'content-length': statSync(entry.file).size });
      createReadStream(entry.file).pipe(res);
    });
    // Never what keeps the process alive: it ends when the command does.
    server.on('connection', (socket) => socket.unref());
    server.once('error', (error) => {
      origin = undefined;
      reject(error);
    });
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  }));
  return origin;
}

/**
 * Opens a page whose document is `html`; `files` are served beside it (by path), the font under
 * /fonts/<weight>.ttf; every other request is refused.
 */
export async function openBuildPage(browser: BrowserGateway, theme: Theme, html: string, files: Record<string, BuildFile> = {}): Promise<Page> {
  for (const [at, file] of Object.entries(files)) served.set(at, file);
  const [base, chromium] = await Promise.all([buildOrigin(), browser.get()]);
  // In the background: a page the build opens must not hide one a person (or a test) is looking at.
  const page = await chromium.newPage({ background: true });
  await allowCompiledFunctions(page);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url === `${base}/`) void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    else if (url.startsWith(`${base}/fonts/`) || (url.startsWith(`${base}/`) && files[new URL(url).pathname])) void request.continue();
    else void request.abort();
  });
  await page.setViewport({ width: theme.slide.width, height: theme.slide.height });
  await page.goto(`${base}/`, { waitUntil: 'load' });
  return page;
}
