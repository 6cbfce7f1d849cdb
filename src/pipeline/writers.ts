// The writers: every output briefdeck makes of a compiled deck, one row each (after Pandoc's
// `writers` table). `build`, `pdf`, `pptx`, `watch`, `check` and the CLI loop over this list; no
// writer reads another's output, except that a writer that `reads: 'page'` prints the HTML deck
// (the HTML row is written first whenever one of those is chosen). Adding an output is one folder
// (its writer) and one row here.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BrowserGateway } from '../browser/gateway.ts';
import type { DeckSource } from '../core/deck-folder.ts';
import { throwIfAborted } from '../core/errors.ts';
import { writeFileAtomic } from '../core/files.ts';
import { PACKAGE_VERSION } from '../core/paths.ts';
import type { CompiledDeck } from '../model/deck.ts';
import type { Diagnostic } from '../model/types.ts';
import type { ExportedPdfs } from '../pdf/export.ts';

/** What a writer is given: the deck, and the folder it writes into. */
export interface WriteJob {
  source: DeckSource;
  deck: CompiledDeck;
  /** The folder the files are written into (a staging folder beside dist/<deck>/). */
  dir: string;
  /** dist/<deck>/: where the files go once every writer has written (`publishTo` writers put theirs there at once too). */
  final: string;
  browser: BrowserGateway;
  signal?: AbortSignal;
  /** The PowerPoint file's template (`--template`), over deck.yaml's. */
  template?: string;
  /** Also put the files into `final` as soon as each is written (`build --watch`: the slides PDF is what a person waits for). */
  publish?: boolean;
  /** Called once the writer no longer needs Chromium (it may still be finishing its files). */
  doneWithBrowser?: () => void;
}

/** What a writer tells the build: the PDFs it printed, the PowerPoint file it wrote. */
export interface Written {
  pdf?: ExportedPdfs;
  pptx?: string;
  /** What the writer warns of (the build says it, and again when it finds the deck up to date). */
  warnings?: string[];
}

export type WriterName = 'html' | 'one-file' | 'pdf' | 'pptx';

export interface Writer {
  name: WriterName;
  /** In the CLI's words: what it writes. */
  describe(deck: string): string;
  /** The files it writes into dist/<deck>/ (besides folders of pictures the HTML deck links). */
  files(deck: string): string[];
  /** The folders it writes into dist/<deck>/ beside them (the page's files, the pictures it links). */
  folders?: string[];
  /** `page`: it prints the HTML deck (written before it); `deck`: it reads the compiled deck alone. */
  reads: 'deck' | 'page';
  /**
   * The one resource it keeps busy: writers of the same lane write one after another (Chromium
   * prints, then draws the PPTX's pictures), writers of different lanes side by side (the bundler
   * makes the one-file deck while Chromium prints).
   */
  lane: 'bundler' | 'browser';
  /**
   * What its files show (a digest, kept beside them in `.<deck>.<stamp>-source`): a build that does
   * not write them keeps the previous ones while they show the same, and says so.
   */
  keep?: { stamp: string; digest(deck: CompiledDeck, template?: string): string; made: string; of: string; again(deck: string): string };
  /** Its own command (`briefdeck pdf`): writes its files alone, from the memo as it is now; how many print pages to open beside the compile; whether it takes `--template`. */
  command?: { description: string; pages: number; template?: boolean };
  write(job: WriteJob): Promise<Written | void>;
  /** What `check` asks of its output beyond the HTML deck's slides: written into `dir` (a temporary build) and read back. */
  verify?(deck: CompiledDeck, browser: BrowserGateway, dir: string): Promise<Diagnostic[]>;
}

/**
 * What the PDFs and the PowerPoint file show: the slides (their images inlined), their metadata and their look —
 * the theme's colours and type, the footer and logo, and the pictures stored once (a new theme or accent with the
 * same slides is a new look, and outputs printed in the old one are not kept).
 */
export function slidesDigest(deck: CompiledDeck): string {
  // (The furniture holds the logo's bytes: its data: URL.)
  // (And the memo's metadata, which the files carry as their own: title, authors, language.)
  return createHash('sha256').update(PACKAGE_VERSION).update(deck.html).update(JSON.stringify(deck.theme)).update(JSON.stringify(deck.furniture)).update(deck.assetCss).update(JSON.stringify(deck.memo.meta)).digest('hex');
}

/** The slides, and the template the PowerPoint file was made in (its bytes: an edited template is a new one). */
function pptxDigest(deck: CompiledDeck, template?: string): string {
  const hash = createHash('sha256').update(slidesDigest(deck)).update(JSON.stringify(deck.look.pptx ?? {}));
  const file = template ? path.resolve(template) : deck.look.pptx?.template?.file;
  try {
    if (file) hash.update(readFileSync(file));
  } catch {
    hash.update('missing');
  }
  return hash.digest('hex');
}

export const WRITERS: readonly Writer[] = [
  {
    name: 'html',
    describe: () => 'the deck as a web page',
    files: () => ['index.html'],
    // The bundle's assets/, the memo's images/ and the logo's brand/ (pipeline/compile.ts names them).
    folders: ['assets', 'images', 'brand'],
    reads: 'deck',
    lane: 'bundler',
    async write({ source, deck, dir }) {
      const { writeHtml } = await import('../html/write.ts');
      await writeHtml(source, deck, dir);
    },
  },
  {
    name: 'pdf',
    describe: (deck) => `${deck}.pdf and ${deck}-notes.pdf, the handouts`,
    files: (deck) => [`${deck}.pdf`, `${deck}-notes.pdf`],
    reads: 'page',
    lane: 'browser',
    keep: { stamp: 'pdf', digest: slidesDigest, made: 'printed', of: 'the memo or its look', again: (deck) => `run "briefdeck pdf ${deck}" for new ones` },
    // The print page opens while the memo is compiled.
    command: { description: 'print dist/<deck>/<deck>.pdf and <deck>-notes.pdf from the memo as it is now', pages: 1 },
    async write({ deck, dir, final, browser, signal, publish, doneWithBrowser }) {
      const { exportPdfs } = await import('../pdf/export.ts');
      // Published as each is printed (a watch): the stamp beside the old ones goes first and comes
      // back with the new digest once both are in place, never new PDFs beside an old digest.
      const stamp = stampFile(final, deck.name, writer('pdf'));
      if (publish) rmSync(stamp, { force: true });
      const pdf = await exportPdfs(dir, deck, browser, dir, { ...(signal ? { signal } : {}), ...(publish ? { publishTo: final } : {}), ...(doneWithBrowser ? { printed: doneWithBrowser } : {}) });
      if (publish && !signal?.aborted) writeFileAtomic(stamp, slidesDigest(deck));
      return { pdf };
    },
  },
  {
    name: 'one-file',
    describe: (deck) => `${deck}.html, the deck in one file`,
    files: (deck) => [`${deck}.html`],
    reads: 'deck',
    lane: 'bundler',
    async write({ source, deck, dir }) {
      const { writeOneFile } = await import('../html/write.ts');
      await writeOneFile(source, deck, dir);
    },
  },
  {
    name: 'pptx',
    describe: (deck) => `${deck}.pptx, an editable PowerPoint`,
    files: (deck) => [`${deck}.pptx`],
    reads: 'deck',
    lane: 'browser',
    keep: { stamp: 'pptx', digest: pptxDigest, made: 'written', of: 'the memo, its look or its template', again: (deck) => `run "briefdeck pptx ${deck}" (with its --template, if it had one) for a new one` },
    command: { description: 'write dist/<deck>/<deck>.pptx from the memo as it is now: an editable PowerPoint (text, notes, diagrams as shapes)', pages: 0, template: true },
    async write({ deck, dir, browser, signal, template }) {
      const { exportPptx } = await import('../pptx/export.ts');
      const found: Diagnostic[] = [];
      const pptx = await exportPptx(deck, browser, dir, { ...(signal ? { signal } : {}), ...(template ? { template } : {}), warnings: found });
      return { pptx, warnings: found.map((d) => d.message) };
    },
    // Every sentence on a slide or in its notes, every slide titled in a title placeholder.
    async verify(deck, browser, dir) {
      const { checkPptx } = await import('../pptx/export.ts');
      return checkPptx(deck, browser, dir);
    },
  },
];

export const writer = (name: WriterName): Writer => WRITERS.find((w) => w.name === name)!;

/** The writers a build runs: the HTML deck, the one-file deck unless left out, the PDFs when asked, the PowerPoint file with them. */
export function chosenWriters(options: { pdf?: boolean; pptx?: boolean; oneFile?: boolean }): Writer[] {
  const wanted: Record<WriterName, boolean> = { html: true, 'one-file': options.oneFile !== false, pdf: !!options.pdf, pptx: options.pptx ?? !!options.pdf };
  return WRITERS.filter((w) => wanted[w.name]);
}

/** The stamp beside a writer's files: a digest of what they show. */
export const stampFile = (dir: string, deck: string, w: Writer) => path.join(dir, `.${deck}.${w.keep!.stamp}-source`);

/** What the writers of a deck warned of: slides past their page, and their own warnings. */
export const writerWarnings = (deck: string, written: Written): string[] => [...(written.pdf?.overflowing ?? []).map((id) => `${deck}: slide #${id} runs past its page`), ...(written.warnings ?? [])];

/**
 * Runs `writers` for one deck: each lane's writers one after another in the table's order, the
 * lanes side by side; after a failure its lane stops. Every writer started has finished when it
 * returns; the first failure in the table's order is thrown.
 */
export async function runWriters(writers: readonly Writer[], job: WriteJob): Promise<Written> {
  const lanes = new Map<Writer['lane'], Promise<unknown>>();
  const written: Written = {};
  const runs = writers.map((w) => {
    const run = (lanes.get(w.lane) ?? Promise.resolve()).then(async () => {
      throwIfAborted(job.signal);
      const wrote = await w.write(job);
      const warnings = [...(written.warnings ?? []), ...(wrote?.warnings ?? [])];
      Object.assign(written, wrote, warnings.length ? { warnings } : {});
    });
    // A writer whose lane failed before it does not start (its failure is the one thrown).
    lanes.set(w.lane, run);
    return run;
  });
  const results = await Promise.allSettled(runs);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return written;
}
