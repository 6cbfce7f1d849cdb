// A static server on loopback for a built deck: what `preview`, the PDF export and the tests use.
import http from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
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
  let origin = '';
  const server = http.createServer((req, res) => {
    // As `dev` (Vite) does: only a name of this machine, so that a web page whose own name was
    // pointed at 127.0.0.1 (DNS rebinding) cannot read the deck.
    if (!loopbackHost(req.headers.host)) {
      res.statusCode = 403;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(`Blocked request: the host "${String(req.headers.host ?? '').slice(0, 100)}" is not this machine; open ${origin}/\n`);
      return;
    }
    files(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new BriefdeckError(`port ${port} is already in use: choose another with --port`) : error),
    );
    server.listen(port, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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

/** A Host header naming this machine: localhost (or a name under it) or an IP address, any port. */
export function loopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = (host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '')).toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || isIP(name) !== 0;
}
