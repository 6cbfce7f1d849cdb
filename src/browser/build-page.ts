// A page for work done in Chromium at build time (diagrams drawn, slide text fitted): served
// from an address that never reaches a network, with the deck's whole font, so that what it
// measures is drawn with the glyphs the deck will show.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { allowCompiledFunctions, type BrowserGateway } from './gateway.ts';
import { FONT_FAMILY, fontFile } from '../core/fonts.ts';
import type { Theme } from '../model/theme.ts';

export const BUILD_ORIGIN = 'http://briefdeck.invalid';

/** @font-face rules for the deck's whole font, as the build page serves it. */
export function buildFontCss(weights: number[]): string {
  return weights
    .map((w) => `@font-face{font-family:'${FONT_FAMILY}';font-weight:${w};src:url(${BUILD_ORIGIN}/fonts/${w}.ttf) format('truetype')}`)
    .join('\n');
}

/**
 * Opens a page whose document is `html`; `files` are served beside it (by path), the font under
 * /fonts/<weight>.ttf; every other request is refused.
 */
export async function openBuildPage(browser: BrowserGateway, theme: Theme, html: string, files: Record<string, { type: string; read(): Buffer | string }> = {}): Promise<Page> {
  // In the background: a page the build opens must not hide one a person (or a test) is looking at.
  const page = await (await browser.get()).newPage({ background: true });
  await allowCompiledFunctions(page);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    const file = files[url.slice(BUILD_ORIGIN.length)];
    if (url === `${BUILD_ORIGIN}/`) void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    else if (url.startsWith(BUILD_ORIGIN) && file) void request.respond({ status: 200, contentType: file.type, body: file.read() });
    else if (url.startsWith(`${BUILD_ORIGIN}/fonts/`)) {
      const weight = Number(path.basename(new URL(url).pathname, '.ttf'));
      void request.respond({ status: 200, contentType: 'font/ttf', body: readFileSync(fontFile(weight)) });
    } else void request.abort();
  });
  await page.setViewport({ width: theme.slide.width, height: theme.slide.height });
  await page.goto(`${BUILD_ORIGIN}/`, { waitUntil: 'load' });
  return page;
}
