// A static server on loopback for a built deck: what `preview`, the PDF export and the tests use.
import { preview } from 'vite';
import { PROJECT_ROOT } from './vite/config.ts';

export interface StaticServer {
  url: string;
  origin: string;
  close(): Promise<void>;
}

export async function serveStatic(dir: string, port = 0): Promise<StaticServer> {
  const server = await preview({
    configFile: false,
    root: PROJECT_ROOT,
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port, strictPort: port !== 0 },
    build: { outDir: dir },
  });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  return { url, origin: new URL(url).origin, close: () => server.close() };
}
