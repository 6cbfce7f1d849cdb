// The studio's JSON API under /api/: the decks of its folder, an import, and for each open deck its
// memo (read, saved unless changed on disk meanwhile), its live preview's text, its events, check,
// brand, logo, outputs and what changed since the slides PDF — the same code the CLI runs.
import type { FSWatcher } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import path from 'node:path';
import type { BrowserGateway } from '../browser/gateway.ts';
import type { DeckSource } from '../core/deck-folder.ts';
import { writeFileAtomic } from '../core/files.ts';
import type { DeckCompiler } from '../pipeline/compiler.ts';
import type { DevMiddleware } from '../pipeline/dev.ts';
import { applyBrand, readBrand, themeChoices, uploadLogo, type BrandChange } from './brand.ts';
import { deckFindings } from './findings.ts';
import { readMemo, studioDecks, versionOf, type StudioFolder } from './folder.ts';
import { HttpError, readBody, readJson, SECURITY_HEADERS, sendJson, UPLOAD_LIMIT } from './http.ts';
import { deckNameFor, importIntoStudio } from './import.ts';
import { changedSincePdf, exportOutput, OUTPUT_KINDS, outputFiles, type OutputKind } from './outputs.ts';

/** One open deck: its preview (Vite under /preview/<id>/), the editor's unsaved text, its watchers. */
export interface DeckSession {
  id: string;
  deck: DeckSource;
  /** The memo as the editor holds it (undefined: memo.md as saved). */
  live?: string;
  /** The page (one load of it) and the number of its preview that set `live`: an older one of that page arriving later is ignored. */
  liveFrom?: { page: string; seq: number };
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

/** What the API works on: the studio's folder, its compiler and browser, and its open decks. */
export interface ApiContext {
  folder: StudioFolder;
  compiler: DeckCompiler;
  browser: BrowserGateway;
  /** The deck of that name in the folder (a 404 if there is none). */
  deckOf(name: string): DeckSource;
  /** The deck's session, opened on first use. */
  session(deck: DeckSource): DeckSession;
}

/** The API's handler: answers a request under /api/, or throws an HttpError (404 for no such request). */
export function studioApi({ folder, compiler, browser, deckOf, session }: ApiContext): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  /** A deck's outputs in dist/ (the CLI's files), each with its link on this server if it is there. */
  const outputsOf = (deck: DeckSource) =>
    Object.fromEntries(
      Object.entries(outputFiles(deck, folder.outDir)).map(([kind, f]) => [kind, { exists: f.exists, bytes: f.bytes, modified: f.modified, name: path.basename(f.file), href: f.exists ? `/files/dist/${path.relative(folder.outDir, f.file).split(path.sep).map(encodeURIComponent).join('/')}` : null }]),
    );

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
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
        // The page numbers its previews: one overtaken by a later one (requests on two connections
        // of a busy machine) would put back older text.
        if (typeof body.seq === 'number' && typeof body.page === 'string') {
          if (s.liveFrom?.page === body.page && body.seq <= s.liveFrom.seq) return sendJson(res, 202, { ok: true, stale: true });
          s.liveFrom = { page: body.page, seq: body.seq };
        }
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
        const run = previous.catch(() => {}).then(() => deckFindings(deck, browser));
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
}
