// `briefdeck studio`: the whole job in a browser page. A node:http server on 127.0.0.1 (guard.ts
// says who may talk to it) serving the studio's pages, a small JSON API over the same code the CLI
// runs (import, the compiler, memo.md written atomically), and each open deck's live preview: the
// dev server's machinery (Vite, the briefdeck plugin) mounted under /preview/<id>/, compiling the
// memo as the editor holds it. Every file it reads or writes lies inside its folder.
import { watch, type FSWatcher } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { BrowserGateway } from '../browser/gateway.ts';
import { confinedFile } from '../core/confine.ts';
import type { DeckSource } from '../core/deck-folder.ts';
import { BriefdeckError, describeSystemError, isSystemError } from '../core/errors.ts';
import { writeFileAtomic } from '../core/files.ts';
import { log } from '../core/log.ts';
import { DeckCompiler } from '../pipeline/compiler.ts';
import { startDevMiddleware, type DevMiddleware } from '../pipeline/dev.ts';
import { readFileSync } from 'node:fs';
import { studioAssets } from './assets.ts';
import { readMemo, studioDeck, studioDecks, studioFolder, versionOf, type StudioFolder } from './folder.ts';
import { refusal, tokenCookie, tokenInUrl, newToken, type Refusal } from './guard.ts';
import { deckNameFor, importIntoStudio } from './import.ts';
import { deckFindings } from './findings.ts';
import { applyBrand, readBrand, themeChoices, uploadLogo, type BrandChange } from './brand.ts';
import { changedSincePdf, exportOutput, OUTPUT_KINDS, outputFiles, type OutputKind } from './outputs.ts';
import { deckPage, homePage, messagePage } from './pages.ts';
import { UPLOAD_LIMIT } from '../client/studio/wire.ts';

/** Uploads (a document to import): UPLOAD_LIMIT, 50 MB, which the page knows too. JSON (a memo, a setting): 2 MB. */
export { UPLOAD_LIMIT };
export const JSON_LIMIT = 2 * 1024 * 1024;

export interface Studio {
  /** The address to open, its token included. */
  url: string;
  port: number;
  folder: StudioFolder;
  close(): Promise<void>;
}

/** An HTTP error with a message the page shows as it is. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** One open deck: its preview (Vite under /preview/<id>/), the editor's unsaved text, its watchers. */
interface DeckSession {
  id: string;
  deck: DeckSource;
  /** The memo as the editor holds it (undefined: memo.md as saved). */
  live?: string;
  updates: Set<() => void>;
  /** The server Vite listens on for upgrades: it never listens itself; let-through upgrades are emitted on it. */
  upgrades: Server;
  /** Started when the deck's page first asks for it. */
  preview?: Promise<DevMiddleware>;
  /** memo.md's version as last seen on disk. */
  diskVersion: string;
  watcher?: FSWatcher;
  events: Set<ServerResponse>;
  /** The check under way (one at a time per deck). */
  checking?: Promise<unknown>;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** The studio's own pages: scripts and styles from itself only; its frames its own. */
const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** A refusal: JSON for the API, a short page otherwise. */
function refuse(req: IncomingMessage, res: ServerResponse, { status, message }: Refusal): void {
  if ((req.url ?? '').startsWith('/api/')) sendJson(res, status, { error: message });
  else send(res, status, 'text/html; charset=utf-8', messagePage('Not allowed', message), { 'Content-Security-Policy': PAGE_CSP });
}

/** The request's body, refused past `limit` bytes (413) before more is read. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) return Promise.reject(new HttpError(413, `too large: ${(declared / 1024 / 1024).toFixed(1)} MB, over the limit of ${limit / 1024 / 1024} MB`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `too large: over the limit of ${limit / 1024 / 1024} MB`));
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'send JSON (Content-Type: application/json)');
  const body = await readBody(req, JSON_LIMIT);
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'the request is not a JSON object');
  }
}

const TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.html': 'text/html; charset=utf-8',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.md': 'text/plain; charset=utf-8',
  '.yaml': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

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
    // A change on disk (another editor, a sync client) reaches the page at once.
    let settle: ReturnType<typeof setTimeout> | undefined;
    try {
      s.watcher = watch(deck.dir, () => {
        clearTimeout(settle);
        settle = setTimeout(() => diskChanged(s), 30);
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

  const diskChanged = (s: DeckSession) => {
    let memo: { text: string; version: string };
    try {
      memo = readMemo(s.deck);
    } catch {
      return;
    }
    if (memo.version === s.diskVersion) return;
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

  /** A deck's outputs in dist/ (the CLI's files), each with its link on this server if it is there. */
  const outputsOf = (deck: DeckSource) =>
    Object.fromEntries(
      Object.entries(outputFiles(deck, folder.outDir)).map(([kind, f]) => [kind, { exists: f.exists, bytes: f.bytes, modified: f.modified, name: path.basename(f.file), href: f.exists ? `/files/dist/${path.relative(folder.outDir, f.file).split(path.sep).map(encodeURIComponent).join('/')}` : null }]),
    );

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const method = req.method ?? 'GET';
    const parts = url.pathname.split('/').slice(2).map((p) => decodeURIComponent(p));
    if (parts[0] === 'decks' && parts.length === 1 && method === 'GET') {
      return sendJson(res, 200, { decks: studioDecks(folder).map((d) => ({ name: d.name })) });
    }
    if (parts[0] === 'import' && parts.length === 1 && method === 'POST') {
      const fileName = url.searchParams.get('file') ?? 'pasted.txt';
      const name = url.searchParams.get('name') ?? deckNameFor(fileName);
      const bytes = await readBody(req, UPLOAD_LIMIT);
      if (bytes.length === 0) throw new HttpError(400, 'the document is empty');
      const result = await importIntoStudio(folder, bytes, fileName, name, url.searchParams.get('allowDrop') === '1');
      return sendJson(res, result.written ? 201 : 422, result);
    }
    if (parts[0] === 'deck' && parts.length === 3) {
      const deck = deckOf(parts[1]!);
      const s = session(deck);
      const what = parts[2];
      if (what === 'memo' && method === 'GET') return sendJson(res, 200, readMemo(deck));
      if (what === 'memo' && method === 'PUT') {
        const body = await readJson(req);
        if (typeof body.text !== 'string' || typeof body.base !== 'string') throw new HttpError(400, 'send the memo as { "text", "base" }: its text and the version it was edited from');
        const disk = readMemo(deck);
        // Never over another editor's change the page has not seen: it is offered instead.
        if (disk.version !== body.base) return sendJson(res, 409, { error: 'memo.md was changed on disk since you started editing: choose which to keep', ...disk });
        // Known before it is on disk: the watcher then takes the studio's own save for no news.
        const previous = s.diskVersion;
        s.diskVersion = versionOf(Buffer.from(body.text, 'utf8'));
        try {
          writeFileAtomic(deck.memoFile, body.text);
        } catch (error) {
          s.diskVersion = previous;
          throw error;
        }
        return sendJson(res, 200, { version: s.diskVersion });
      }
      if (what === 'preview' && method === 'POST') {
        const body = await readJson(req);
        if (typeof body.text !== 'string' && body.text !== null) throw new HttpError(400, 'send the memo as { "text" }');
        const live = typeof body.text === 'string' ? body.text : undefined;
        // Compiled again only when the text to compile changed.
        if (live !== s.live) {
          s.live = live;
          for (const update of s.updates) update();
        }
        return sendJson(res, 202, { ok: true });
      }
      if (what === 'events' && method === 'GET') {
        res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        s.events.add(res);
        req.on('close', () => s.events.delete(res));
        return;
      }
      if (what === 'check' && method === 'POST') {
        // `briefdeck check` on memo.md as saved, one at a time: its findings per slide and line.
        const previous = s.checking ?? Promise.resolve();
        const run = previous.catch(() => {}).then(() => deckFindings(deck, options.browser));
        s.checking = run;
        return sendJson(res, 200, await run);
      }
      if (what === 'brand' && method === 'GET') return sendJson(res, 200, { settings: readBrand(deck), themes: themeChoices() });
      if (what === 'brand' && method === 'PUT') {
        // deck.yaml written with its comments and key order kept, validated as the build validates it.
        const body = await readJson(req);
        return sendJson(res, 200, { settings: applyBrand(deck, body as BrandChange), themes: themeChoices() });
      }
      if (what === 'logo' && method === 'POST') {
        const bytes = await readBody(req, UPLOAD_LIMIT);
        return sendJson(res, 200, { settings: uploadLogo(deck, { name: url.searchParams.get('name') ?? 'logo', bytes }), themes: themeChoices() });
      }
      if (what === 'outputs' && method === 'GET') return sendJson(res, 200, outputsOf(deck));
      if (what === 'export' && method === 'POST') {
        // The CLI's own export into dist/<deck>/, its stages told on the deck's event stream.
        const body = await readJson(req);
        const kind = body.kind as OutputKind;
        if (!OUTPUT_KINDS.includes(kind)) throw new HttpError(400, `no output "${String(body.kind)}": one of ${OUTPUT_KINDS.join(', ')}`);
        const tell = (stage: string) => {
          const event = `event: export\ndata: ${JSON.stringify({ kind, stage })}\n\n`;
          for (const stream of s.events) stream.write(event);
        };
        await exportOutput(deck, kind, { outDir: folder.outDir, onProgress: tell });
        return sendJson(res, 200, outputsOf(deck));
      }
      if (what === 'changes' && method === 'GET') {
        // The deck as the editor holds it, against the slides the last exported PDF shows.
        const compiled = await compiler.compile(deck, s.live);
        const changes = changedSincePdf(deck, folder.outDir, compiled);
        return sendJson(res, 200, { known: changes.known, stalePages: changes.stalePages, slides: changes.slides.map((x) => ({ index: x.index, id: x.id, changed: x.changed, page: x.page })) });
      }
      if (what === 'session' && method === 'GET') return sendJson(res, 200, { preview: `/preview/${s.id}/`, ...readMemo(deck) });
    }
    throw new HttpError(404, `no such request: ${method} ${url.pathname}`);
  };

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

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
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
    if (refused || !s || !(req.url ?? '').startsWith('/preview/')) {
      socket.end(`HTTP/1.1 ${refused?.status ?? 404} ${refused ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\n\r\n`);
      return;
    }
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
      for (const s of sessions.values()) {
        s.watcher?.close();
        for (const res of s.events) res.end();
        await (await s.preview?.catch(() => undefined))?.close();
      }
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await compiler.close();
    },
  };
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return !!rel && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
