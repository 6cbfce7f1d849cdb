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

/** A deck served inside another server (the studio): Vite's middlewares under `base`, its websocket on `upgrades`. */
export interface DevMiddleware {
  /** Connect-style middlewares: (req, res, next). */
  handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: (error?: unknown) => void): void;
  close(): Promise<void>;
}

/**
 * The dev server's machinery without its own listening server: the page of `deck` under `base`
 * (such as `/preview/d1/`), its updates over a websocket the caller hands on (`upgrades`: an HTTP
 * server that never listens; the caller emits 'upgrade' on it for requests it has let through),
 * compiled by the caller's `compiler`, from `live.text()` while it gives the unsaved memo. No
 * CORS headers: the page is only ever loaded by the studio's own origin.
 */
export async function startDevMiddleware(
  deck: DeckSource,
  compiler: DeckCompiler,
  options: { base: string; upgrades: import('node:http').Server; live: NonNullable<Parameters<typeof viteConfig>[0]['live']> },
): Promise<DevMiddleware> {
  const config = viteConfig({ deck, compiler, live: options.live });
  const server = await createServer({
    ...config,
    base: options.base,
    server: { ...config.server, middlewareMode: true, cors: false, hmr: { server: options.upgrades } },
  });
  return {
    handle: (req, res, next) => server.middlewares(req, res, next),
    close: () => server.close(),
  };
}
