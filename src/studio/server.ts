// `briefdeck studio`: the whole job in a browser page. A node:http server on 127.0.0.1 (guard.ts
// says who may talk to it) serving the studio's pages, a small JSON API over the same code the CLI
// runs (import, the compiler, memo.md written atomically), and each open deck's live preview: the
// dev server's machinery (Vite, the briefdeck plugin) mounted under /preview/<id>/, compiling the
// memo as the editor holds it. Every file it reads or writes lies inside its folder.
import { readFileSync, watch } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type { BrowserGateway } from '../browser/gateway.ts';
import { confinedFile } from '../core/confine.ts';
import type { DeckSource } from '../core/deck-folder.ts';
import { BriefdeckError, describeSystemError, isSystemError } from '../core/errors.ts';
import { log } from '../core/log.ts';
import { DeckCompiler } from '../pipeline/compiler.ts';
import { startDevMiddleware, type DevMiddleware } from '../pipeline/dev.ts';
import { studioApi, type DeckSession } from './api.ts';
import { studioAssets } from './assets.ts';
import { readMemo, studioDeck, studioDecks, studioFolder, type StudioFolder } from './folder.ts';
import { refusal, tokenCookie, tokenInUrl, newToken } from './guard.ts';
import { HttpError, PAGE_CSP, refuse, SECURITY_HEADERS, send, TYPES } from './http.ts';
import { deckPage, homePage, messagePage } from './pages.ts';

/** After a change on disk, the quiet awaited before memo.md is read (a save is several events). */
const SETTLE_MS = 30;
/** How long memo.md must then stay the same before its change is sent to the page. */
const STABLE_MS = 100;

/** How long Ctrl-C waits for the studio's servers and pages to close. */
const CLOSE_TIMEOUT_MS = 10_000;

export { JSON_LIMIT, UPLOAD_LIMIT } from './http.ts';

export interface Studio {
  /** The address to open, its token included. */
  url: string;
  port: number;
  folder: StudioFolder;
  close(): Promise<void>;
}

/** Starts the studio on `dir` (a folder holding slides/, or one deck's folder). */
export async function startStudio(dir: string, options: { browser: BrowserGateway; port?: number }): Promise<Studio> {
  const folder = studioFolder(dir);
  const token = newToken();
  const compiler = new DeckCompiler(options.browser);
  const sessions = new Map<string, DeckSession>();
  let port = 0;

  const session = (deck: DeckSource): DeckSession => {
    const known = sessions.get(deck.name);
    if (known) return known;
    const id = `d${sessions.size + 1}`;
    const upgrades = createServer();
    const s: DeckSession = {
      id,
      deck,
      updates: new Set(),
      upgrades,
      diskVersion: readMemo(deck).version,
      events: new Set(),
    };
    // A change on disk (another editor, a sync client) reaches the page at once — once it reads
    // the same twice, STABLE_MS apart: most editors save by cutting the file short and writing it
    // again, and a file read between the two (on a busy machine, or a slow disk) would be offered
    // cut short, to be taken in place of the person's text.
    let settle: ReturnType<typeof setTimeout> | undefined;
    let seen: string | undefined;
    const check = () => {
      const memo = diskMemo(s);
      if (!memo || memo.version === s.diskVersion) return;
      if (memo.version !== seen) {
        seen = memo.version;
        settle = setTimeout(check, STABLE_MS);
        return;
      }
      diskChanged(s, memo);
    };
    try {
      s.watcher = watch(deck.dir, () => {
        clearTimeout(settle);
        seen = undefined;
        settle = setTimeout(check, SETTLE_MS);
      });
      s.watcher.on('error', () => {});
    } catch {
      // A folder that cannot be watched: the page still saves, and a stale save is still refused.
    }
    sessions.set(deck.name, s);
    return s;
  };

  /** The deck's preview: Vite's middlewares under /preview/<id>/, started on first use. */
  const previewOf = (s: DeckSession): Promise<DevMiddleware> => {
    if (!s.preview) {
      // The diagram and fitting pages open now, not at the first keystroke (as `dev` does).
      compiler.warm();
      s.preview = startDevMiddleware(s.deck, compiler, {
        base: `/preview/${s.id}/`,
        upgrades: s.upgrades,
        live: { text: () => s.live, listen: (update) => s.updates.add(update) },
      });
      s.preview.catch(() => (s.preview = undefined));
    }
    return s.preview;
  };

  /** memo.md as it is on disk (undefined while it cannot be read: being replaced, say). */
  const diskMemo = (s: DeckSession): { text: string; version: string } | undefined => {
    try {
      return readMemo(s.deck);
    } catch {
      return undefined;
    }
  };

  const diskChanged = (s: DeckSession, memo: { text: string; version: string }) => {
    s.diskVersion = memo.version;
    const event = `event: disk\ndata: ${JSON.stringify(memo)}\n\n`;
    for (const res of s.events) res.write(event);
  };

  const deckOf = (name: string): DeckSource => {
    const deck = studioDeck(folder, name);
    if (!deck) throw new HttpError(404, `no deck named "${name}" in ${folder.root}`);
    return deck;
  };

  const assets = studioAssets();
  const api = studioApi({ folder, compiler, browser: options.browser, deckOf, session });

  /** A file of the folder (an output in dist/, a deck's file), never one outside it. */
  const file = (res: ServerResponse, relative: string): void => {
    // dist/… is the outputs folder (the folder's own dist/; beside a lone deck's folder, its parent's).
    const inDist = relative === 'dist' || relative.startsWith('dist/');
    const root = inDist ? folder.outDir : folder.root;
    const wanted = inDist ? path.resolve(folder.outDir, relative.slice('dist/'.length)) : path.resolve(folder.root, relative);
    const at = confinedFile(wanted, root);
    if ('problem' in at) {
      if (at.problem === 'outside' || !isInside(root, wanted)) throw new HttpError(403, `${relative}: outside the studio's folder`);
      throw new HttpError(404, `${relative}: no such file`);
    }
    const type = TYPES[path.extname(at.file).toLowerCase()] ?? 'application/octet-stream';
    // A page of the folder runs in a sandbox: it is not the studio, whatever it holds.
    send(res, 200, type, readFileSync(at.file), { 'Content-Security-Policy': type.startsWith('text/html') ? 'sandbox allow-scripts allow-popups' : 'sandbox' });
  };

  /** Set once Ctrl-C has come: no new request, event stream or websocket is taken (a page reconnecting would hold the close up). */
  let closing = false;
  /** The preview websockets let through to Vite: ended with the studio. */
  const upgraded = new Set<Duplex>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (closing) return void res.writeHead(503, { Connection: 'close' }).end();
    const refused = refusal(req, port, token);
    if (refused) return refuse(req, res, refused);
    // A path that climbs (`..`, also escaped) is refused as written, before any URL parser tidies it away.
    if (/(^|\/|%2f|\\|%5c)(\.|%2e){2}(\/|%2f|\\|%5c|$|\?)/i.test(req.url ?? '')) return refuse(req, res, { status: 400, message: 'a path with ".." is refused: the studio reads only inside its folder' });
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    // The first visit carries the token in its address: it becomes a cookie, and leaves the address.
    if (tokenInUrl(req, token)) {
      url.searchParams.delete('token');
      res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': tokenCookie(token), Location: `${url.pathname}${url.search}` });
      res.end();
      return;
    }
    try {
      if (url.pathname.startsWith('/api/')) return await api(req, res, url);
      if (url.pathname.startsWith('/preview/')) {
        const id = url.pathname.split('/')[2];
        const s = [...sessions.values()].find((x) => x.id === id);
        if (!s) throw new HttpError(404, 'no such preview: open the deck from the studio');
        const preview = await previewOf(s);
        return preview.handle(req, res, (error?: unknown) => {
          if (error) log.debug(String(error));
          if (!res.headersSent) send(res, error ? 500 : 404, 'text/plain; charset=utf-8', error ? 'the preview failed' : 'not found');
        });
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'only GET here');
      if (url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', homePage(folder, studioDecks(folder)), { 'Content-Security-Policy': PAGE_CSP });
      if (url.pathname.startsWith('/deck/')) {
        const deck = deckOf(decodeURIComponent(url.pathname.slice('/deck/'.length)));
        const s = session(deck);
        return send(res, 200, 'text/html; charset=utf-8', deckPage(deck, `/preview/${s.id}/`), { 'Content-Security-Policy': PAGE_CSP });
      }
      if (url.pathname.startsWith('/studio/')) {
        const asset = await assets.get(url.pathname.slice('/studio/'.length));
        if (!asset) throw new HttpError(404, 'not found');
        return send(res, 200, asset.type, asset.body, { 'Cache-Control': 'no-cache' });
      }
      if (url.pathname.startsWith('/files/')) {
        let relative: string;
        try {
          relative = decodeURIComponent(url.pathname.slice('/files/'.length));
        } catch {
          throw new HttpError(400, 'the path is not readable');
        }
        return file(res, relative);
      }
      throw new HttpError(404, `no such page: ${url.pathname}`);
    } catch (error) {
      // Work cut short by Ctrl-C (its browser and pages closed under it: Puppeteer's "Waiting
      // failed") is the studio stopping, not a bug: the page gets 503, the terminal nothing.
      if (closing) {
        if (!res.headersSent) res.writeHead(503, { Connection: 'close' });
        return void res.end();
      }
      const status = error instanceof HttpError ? error.status : error instanceof BriefdeckError ? (error.diagnostics.length ? 422 : 400) : 500;
      const message = error instanceof HttpError || error instanceof BriefdeckError ? error.message : isSystemError(error) ? describeSystemError(error) : `a bug in briefdeck: ${String((error as Error)?.message ?? error)}`;
      if (status === 500) log.error(message);
      if (res.headersSent) return void res.end();
      // A body not read to its end (too large) is not read at all: the connection closes once answered.
      const close: Record<string, string> = status === 413 ? { Connection: 'close' } : {};
      if (status === 413) res.on('finish', () => req.destroy());
      // Bad input at its file and line: each problem as the commands word it.
      const problems = error instanceof BriefdeckError ? error.diagnostics.map((d) => ({ severity: d.severity, line: d.line, file: path.basename(d.file), message: d.message, ...(d.hint ? { hint: d.hint } : {}) })) : [];
      if (url.pathname.startsWith('/api/')) send(res, status, 'application/json; charset=utf-8', JSON.stringify({ error: message, problems }), close);
      else send(res, status, 'text/html; charset=utf-8', messagePage(status === 404 ? 'Not found' : 'Something went wrong', message), { 'Content-Security-Policy': PAGE_CSP, ...close });
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const refused = refusal(req, port, token);
    const id = (req.url ?? '').split('/')[2];
    const s = [...sessions.values()].find((x) => x.id === id);
    if (closing) return void socket.destroy();
    if (refused || !s || !(req.url ?? '').startsWith('/preview/')) {
      socket.end(`HTTP/1.1 ${refused?.status ?? 404} ${refused ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    s.upgrades.emit('upgrade', req, socket, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new BriefdeckError(`port ${options.port} is in use: choose another with --port, or leave it out for any free one`, [], 2) : error));
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    folder,
    async close() {
      closing = true;
      const steps = (async () => {
        for (const s of sessions.values()) {
          s.watcher?.close();
          for (const res of s.events) res.end();
          for (const socket of upgraded) socket.destroy();
          await (await s.preview?.catch(() => undefined))?.close();
          log.debug(`studio: preview ${s.id} closed`);
        }
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        log.debug('studio: server closed');
        await compiler.close();
      })();
      // Ctrl-C ends the studio whatever a page still holds open: what has not closed within
      // seconds is left (the command then ends its browser, and the process ends).
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_TIMEOUT_MS)));
      const closed = steps.then(() => 'closed' as const);
      // A step that fails after the studio gave up waiting is no one's concern.
      closed.catch(() => {});
      const ended = await Promise.race([closed, late]);
      clearTimeout(timer);
      if (ended === 'late') {
        log.debug(`studio: not closed within ${CLOSE_TIMEOUT_MS / 1000} s; ending anyway`);
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
      }
    },
  };
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return !!rel && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
