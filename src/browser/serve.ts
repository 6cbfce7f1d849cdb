// A static server on loopback for a built deck: what `preview`, the PDF export and the tests use.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { BriefdeckError } from '../core/errors.ts';

export interface StaticServer {
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 (`port` 0: any free port). */
export async function serveStatic(dir: string, port = 0): Promise<StaticServer> {
  // dev: each request looks at the folder as it is now, so a rebuilt deck is served at once.
  const files = sirv(dir, { dev: true });
  const server = http.createServer((req, res) =>
    files(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new BriefdeckError(`port ${port} is already in use: choose another with --port`) : error),
    );
    server.listen(port, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
