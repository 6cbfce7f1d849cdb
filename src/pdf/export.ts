// Built deck → the PDF handouts: the slides (one page per slide) and the slides with their notes.
import path from 'node:path';
import { TimeoutError, type Page } from '../browser/puppeteer.ts';
import { allowCompiledFunctions, type BrowserGateway } from '../browser/gateway.ts';
import { openDeckPage } from '../browser/deck-page.ts';
import { serveStatic } from '../browser/serve.ts';
import { BriefdeckError, throwIfAborted } from '../core/errors.ts';
import { writeFileAtomic } from '../core/files.ts';
import { log } from '../core/log.ts';
import { finishPdf, type OutlineNode, type PdfInfo } from './finish.ts';
import { inlineText } from '../model/content.ts';
import type { CompiledDeck } from '../model/deck.ts';
import type { Slide } from '../model/types.ts';

export interface ExportedPdfs {
  slides: string;
  notes: string;
  pages: number;
  /** Slides whose content runs past their page. */
  overflowing: string[];
}

/** What a PDF is printed from: the deck's metadata and slides (a compiled deck has them). */
export type PrintedDeck = Pick<CompiledDeck, 'name' | 'memo' | 'slides'>;

/** The PDF's document information, from the memo's metadata. */
export function pdfInfo(deck: PrintedDeck): PdfInfo {
  const { title, authors, series, language } = deck.memo.meta;
  return { title, authors, ...(series ? { subject: series } : {}), language };
}

/** Sections, with the titles of their slides under them; a one-slide section is one bookmark. */
export function outlineOf(slides: readonly Slide[]): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  let current: { key: string; node: OutlineNode } | undefined;
  slides.forEach((slide, page) => {
    const title = inlineText(slide.title).trim();
    const section = slide.section ?? slide.id;
    if (!current || current.key !== section) {
      current = { key: section, node: { title: slide.sectionTitle || title, page, children: [] } };
      nodes.push(current.node);
    }
    current.node.children.push({ title, page, children: [] });
  });
  for (const node of nodes) if (node.children.length === 1) node.children = [];
  return nodes;
}

/** Runs in the page: the slides whose content runs past their frame (the one fact only the page knows). Self-contained. */
function overflowingSlides(): string[] {
  return [...document.querySelectorAll<HTMLElement>('.slides > section')]
    .filter((s) => {
      const frame = s.querySelector<HTMLElement>('.bd-frame');
      return frame ? frame.scrollHeight > frame.clientHeight + 1 || frame.scrollWidth > frame.clientWidth + 1 : false;
    })
    .map((s) => s.id);
}

async function withTimeout<T>(what: string, timeout: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof TimeoutError) throw new BriefdeckError(`timed out after ${timeout / 1000} s ${what}`);
    throw error;
  }
}

/** Loads the deck in print mode (`variant`), prints it, post-processes the PDF. */
async function printVariant(page: Page, url: string, slideCount: number, variant: 'slides' | 'notes'): Promise<{ pdf: Uint8Array; overflowing: string[] }> {
  const timeout = 30_000 + 1_000 * slideCount;
  const lap = (what: string) => log.debug(`pdf: ${variant} ${what}`);
  lap('loading');
  await withTimeout(`waiting for the deck and its fonts to load (${url})`, timeout, async () => {
    // Screen media: the slides print as they look, without reveal.js's own print styles.
    await openDeckPage(page, url, { print: variant, screen: true, timeout });
  });
  lap('ready');
  const overflowing = await page.evaluate(overflowingSlides);
  const pdf = await withTimeout(`printing the ${variant} of ${slideCount} slides`, timeout, () => page.pdf({ printBackground: true, preferCSSPageSize: true, timeout }));
  lap('printed');
  return { pdf, overflowing };
}

/** The slides' print view in `page` made the handout in place (the deck's own script), then printed. */
async function printNotesInPlace(page: Page, slideCount: number): Promise<Uint8Array> {
  const timeout = 30_000 + 1_000 * slideCount;
  log.debug('pdf: notes laying out');
  await withTimeout('laying the deck out as the handout', timeout, () => page.evaluate(() => window.briefdeckPrintNotes!()));
  log.debug('pdf: notes ready');
  const pdf = await withTimeout(`printing the notes of ${slideCount} slides`, timeout, () => page.pdf({ printBackground: true, preferCSSPageSize: true, timeout }));
  log.debug('pdf: notes printed');
  return pdf;
}

export interface ExportOptions {
  /** Aborted (Ctrl-C): write nothing. */
  signal?: AbortSignal;
  /** Called once Chromium has printed both PDFs and is not needed for this export any more. */
  printed?: () => void;
  /**
   * Also write each PDF into this folder as soon as it is finished (each atomically), before the
   * other is done: `build --watch`, where the slides PDF is what a person waits for.
   */
  publishTo?: string;
}

/**
 * Prints `dir/index.html` (the deck built) to `outDir/<name>.pdf` and `outDir/<name>-notes.pdf`,
 * their metadata and bookmarks from the deck itself.
 * Each file is written to a temporary name and renamed into place: a failed export leaves the
 * previous PDFs as they were.
 */
export async function exportPdfs(dir: string, deck: PrintedDeck, browser: BrowserGateway, outDir = dir, options: ExportOptions = {}): Promise<ExportedPdfs> {
  const { name } = deck;
  const slideCount = deck.slides.length;
  const info = pdfInfo(deck);
  log.info(`printing ${name}: slides and notes`);
  // The server and the browser start side by side; the server is closed whatever happens.
  const starting = serveStatic(dir);
  let finished;
  try {
    const [server] = await Promise.all([starting, browser.get()]);
    log.debug('server up');
    // One page prints both: the slides' print view, then the same page made the handout in place
    // (the deck loaded once). Each PDF is post-processed (and, in a watch, published) as soon as
    // it is printed: the slides first, what a person waits for.
    const finish = async (variant: 'slides' | 'notes', pdf: Uint8Array) => {
      const done = await finishPdf(pdf, info, variant === 'slides' ? outlineOf(deck.slides) : undefined);
      log.debug(`pdf: ${variant} post-processed`);
      if (options.publishTo && !options.signal?.aborted) writeFileAtomic(path.join(options.publishTo, variant === 'slides' ? `${name}.pdf` : `${name}-notes.pdf`), done);
      return done;
    };
    const { slides, notes } = await browser.withPage(async (page) => {
      log.debug('pdf: page opened');
      await allowCompiledFunctions(page);
      const printed = await printVariant(page, `${server.origin}/index.html`, slideCount, 'slides');
      const slidesDone = finish('slides', printed.pdf);
      slidesDone.catch(() => {});
      const notesPdf = await printNotesInPlace(page, slideCount);
      options.printed?.();
      return { slides: { pdf: await slidesDone, overflowing: printed.overflowing }, notes: { pdf: await finish('notes', notesPdf) } };
    });
    finished = { slides: slides.pdf, notes: notes.pdf, overflowing: slides.overflowing };
  } finally {
    await (await starting.catch(() => undefined))?.close();
  }
  throwIfAborted(options.signal);
  const slidesFile = path.join(outDir, `${name}.pdf`);
  const notesFile = path.join(outDir, `${name}-notes.pdf`);
  writeFileAtomic(slidesFile, finished.slides);
  writeFileAtomic(notesFile, finished.notes);
  const pages = slideCount;
  log.info(`printed ${name}.pdf (${pages} pages) and ${name}-notes.pdf`);
  return { slides: slidesFile, notes: notesFile, pages, overflowing: finished.overflowing };
}
