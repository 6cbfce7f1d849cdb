// `briefdeck dev`: Vite's dev server on localhost; memo edits reach the open page in place.
import { createServer, type ViteDevServer } from 'vite';
import type { BrowserGateway } from '../browser/gateway.ts';
import type { DeckSource } from '../core/deck-folder.ts';
import { DeckCompiler } from './compiler.ts';
import { viteConfig } from '../html/vite-config.ts';

export interface DevServer {
  url: string;
  server: ViteDevServer;
  close(): Promise<void>;
}

export async function startDevServer(deck: DeckSource, browser: BrowserGateway, port?: number): Promise<DevServer> {
  const compiler = new DeckCompiler(browser);
  const server = await createServer(viteConfig({ deck, compiler, ...(port !== undefined ? { port } : {}) }));
  await server.listen();
  // Chromium and the pages that draw diagrams and fit text start with the server, not at the first
  // edit of text never fitted before (which then waited seconds for them).
  compiler.warm();
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${server.config.server.port}/`;
  return {
    url,
    server,
    async close() {
      await server.close();
      await compiler.close();
    },
  };
}
