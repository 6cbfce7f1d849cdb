// `briefdeck dev`: Vite's dev server on localhost; memo edits reach the open page in place.
import { createServer, type ViteDevServer } from 'vite';
import type { BrowserGateway } from '../browser/gateway.ts';
import type { DeckSource } from '../core/deck-folder.ts';
import { DiagramRenderer } from '../diagrams/render.ts';
import { DIAGRAM_CACHE_DIR } from '../core/paths.ts';
import { FIT_CACHE_DIR } from './build.ts';
import { SlideFitter } from '../render/fit.ts';
import { loadTheme } from '../model/theme.ts';
import { viteConfig } from './vite-config.ts';

export interface DevServer {
  url: string;
  server: ViteDevServer;
  close(): Promise<void>;
}

export async function startDevServer(deck: DeckSource, browser: BrowserGateway, port?: number): Promise<DevServer> {
  const renderer = new DiagramRenderer(browser, loadTheme(), DIAGRAM_CACHE_DIR);
  const fitter = new SlideFitter(browser, loadTheme(), FIT_CACHE_DIR);
  const server = await createServer(viteConfig({ deck, renderer, fitter, ...(port !== undefined ? { port } : {}) }));
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${server.config.server.port}/`;
  return {
    url,
    server,
    async close() {
      await server.close();
      await renderer.close();
      await fitter.close();
    },
  };
}
