// For running Vite directly (`npx vite`, `npx vite build`): the deck named by BRIEFDECK_DECK,
// else the first one in slides/. `briefdeck dev` and `briefdeck build` use the same settings
// (and add the PDFs, the one-file deck and atomic output).
import path from 'node:path';
import type { Plugin } from 'vite';
import { BrowserGateway } from './src/browser/gateway.ts';
import { deckAt, findDecks } from './src/core/deck-folder.ts';
import { DeckCompiler } from './src/pipeline/compiler.ts';
import { viteConfig } from './src/html/vite-config.ts';

const name = process.env.BRIEFDECK_DECK;
const deck = name ? deckAt(path.resolve('slides', name)) : findDecks(path.resolve('slides'))[0]!;
const browser = new BrowserGateway();
const compiler = new DeckCompiler(browser);

/** The Chromium that renders diagrams closes with the build, or with the dev server. */
const closeBrowser: Plugin = {
  name: 'briefdeck:close-browser',
  closeBundle: () => browser.close(),
  configureServer(server) {
    server.httpServer?.once('close', () => void browser.close());
  },
};

const config = viteConfig({ deck, compiler });
export default { ...config, plugins: [...(config.plugins ?? []), closeBrowser] };
