// `briefdeck build --watch`: builds the decks, then again on every save of a deck's files, with
// one browser kept warm. An error is printed and the last good outputs stay; Ctrl-C ends it.
import { statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { BrowserGateway } from '../browser/gateway.ts';
import { buildDecks } from './build.ts';
import { DeckCompiler } from './compiler.ts';
import { writer } from './writers.ts';
import type { DeckSource } from '../core/deck-folder.ts';
import { EXIT, reportError } from '../core/errors.ts';
import { log } from '../core/log.ts';

/**
 * Saves within this time of each other (an editor's several writes: vim's backup, write and
 * rename come within a few ms) make one build; a person waits for the slides PDF after it.
 */
const SETTLE_MS = 30;

export interface WatchOptions {
  /** The PowerPoint file's template (`--template`). */
  template?: string;
  pdf: boolean;
  signal: AbortSignal;
}

/** When the PDFs of `decks` in `outDir` were last written (to tell whether a failed build put new ones in place). */
function printedPdfs(decks: DeckSource[], outDir: string): string {
  return decks
    .flatMap((deck) => writer('pdf').files(deck.name).map((file) => path.join(outDir, deck.name, file)))
    .map((file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0)
    .join();
}

export async function watchDecks(decks: DeckSource[], outDir: string, browser: BrowserGateway, options: WatchOptions): Promise<number> {
  const pending = new Set<DeckSource>(decks);
  // The first build's print pages open while its memo is compiled, as for `briefdeck pdf`; each
  // later build's open after the build before it.
  if (options.pdf) browser.prepare(1);
  // One compiler for the session: its diagram and fitting pages stay open between saves.
  const compiler = new DeckCompiler(browser);
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const buildPending = async () => {
    while (pending.size > 0 && !options.signal.aborted) {
      const batch = [...pending];
      pending.clear();
      const started = performance.now();
      const pdfsBefore = printedPdfs(batch, outDir);
      try {
        await buildDecks(batch, outDir, browser, { pdf: options.pdf, signal: options.signal, compiler, publishPdfs: true, ...(options.template ? { template: options.template } : {}) });
        log.info(`up to date in ${((performance.now() - started) / 1000).toFixed(2)} s; watching for changes (Ctrl-C to stop)`);
      } catch (error) {
        if (options.signal.aborted) return;
        reportError(error);
        // (The PDFs are put in place as soon as they are printed, before the rest is written.)
        const printed = options.pdf && printedPdfs(batch, outDir) !== pdfsBefore ? ', but for the PDFs printed from this version before it failed' : '';
        log.info(`the last good outputs stay${printed}; watching for changes (Ctrl-C to stop)`);
      }
      // The next save's print pages open now, while nobody waits (a page takes a few hundred ms).
      if (options.pdf && !options.signal.aborted) browser.prepare(1);
    }
  };
  const schedule = (deck: DeckSource) => {
    pending.add(deck);
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) return; // the running build takes the pending decks when it is done
      running = buildPending().finally(() => {
        running = undefined;
        if (pending.size > 0) schedule([...pending][0]!);
      });
    }, SETTLE_MS);
  };

  const watchers: FSWatcher[] = decks.map((deck) =>
    // The deck's folder, not its files: editors save by writing a new file and renaming it.
    watch(deck.dir, (_event, file) => {
      if (file && !file.startsWith('.') && !file.endsWith('~') && path.basename(String(file)) !== '4913') schedule(deck);
    }),
  );
  try {
    running = buildPending().finally(() => {
      running = undefined;
      // The diagram and fitting pages open now, while nobody waits: the first save after the
      // start need not (a text never fitted before opened the fitting page then: half a second).
      if (!options.signal.aborted) compiler.warm();
    });
    await new Promise<void>((resolve) => {
      if (options.signal.aborted) resolve();
      options.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await running?.catch(() => undefined);
    return EXIT.OK;
  } finally {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
    await compiler.close();
  }
}
