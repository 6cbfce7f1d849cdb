// Built deck → the PDF handouts: the slides (one page per slide) and the slides with their notes.
import path from 'node:path';
import { TimeoutError, type Page } from '../browser/puppeteer.ts';
import { allowCompiledFunctions, type BrowserGateway } from '../browser/gateway.ts';
import { serveStatic } from '../browser/serve.ts';
import { BriefdeckError, throwIfAborted } from '../core/errors.ts';
import { writeFileAtomic } from '../core/files.ts';
import { log } from '../core/log.ts';
import { finishPdf, type OutlineNode, type PdfInfo } from './finish.ts';

export interface ExportedPdfs {
  slides: string;
  notes: string;
  pages: number;
  /** Slides whose content runs past their page. */
  overflowing: string[];
}

interface PageFacts {
  info: PdfInfo;
  slides: Array<{ id: string; title: string; section: string; sectionTitle: string }>;
  overflowing: string[];
}

/** Runs in the page: what the PDF needs to know about the deck. Self-contained. */
function readFacts(): PageFacts {
  const meta = (name: string) => document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? '';
  const sections = [...document.querySelectorAll<HTMLElement>('.slides > section')];
  return {
    info: {
      title: document.title,
      authors: meta('author') ? meta('author').split(' / ') : [],
      subject: meta('briefdeck:series') || undefined,
      language: document.documentElement.lang,
    } as PdfInfo,
    slides: sections.map((s) => ({
      id: s.id,
      title: (s.querySelector('.bd-title')?.textContent ?? '').trim(),
      section: s.dataset.section ?? s.id,
      sectionTitle: s.dataset.sectionTitle ?? '',
    })),
    overflowing: sections
      .filter((s) => {
        const frame = s.querySelector<HTMLElement>('.bd-frame');
        return frame ? frame.scrollHeight > frame.clientHeight + 1 || frame.scrollWidth > frame.clientWidth + 1 : false;
      })
      .map((s) => s.id),
  };
}

/** Sections, with the titles of their slides under them; a one-slide section is one bookmark. */
export function outlineOf(slides: PageFacts['slides']): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  let current: { key: string; node: OutlineNode } | undefined;
  slides.forEach((slide, page) => {
    if (!current || current.key !== slide.section) {
      current = { key: slide.section, node: { title: slide.sectionTitle || slide.title, page, children: [] } };
      nodes.push(current.node);
    }
    current.node.children.push({ title: slide.title, page, children: [] });
  });
  for (const node of nodes) if (node.children.length === 1) node.children = [];
  return nodes;
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
async function printVariant(page: Page, url: string, slideCount: number, variant: 'slides' | 'notes'): Promise<{ pdf: Uint8Array; facts: PageFacts }> {
  const timeout = 30_000 + 1_000 * slideCount;
  // Screen media: the slides print as they look, without reveal.js's own print styles.
  await page.emulateMediaType('screen');
  await page.setViewport({ width: 1280, height: 720 });
  const lap = (what: string) => log.debug(`pdf: ${variant} ${what}`);
  lap('loading');
  await withTimeout(`waiting for the deck and its fonts to load (${url})`, timeout, async () => {
    await page.goto(`${url}?print=${variant}`, { waitUntil: 'load', timeout });
    await page.waitForFunction(() => document.documentElement.dataset.briefdeckReady === 'true', { timeout });
  });
  lap('ready');
  const facts = await page.evaluate(readFacts);
  const pdf = await withTimeout(`printing the ${variant} of ${facts.slides.length} slides`, timeout, () => page.pdf({ printBackground: true, preferCSSPageSize: true, timeout }));
  lap('printed');
  return { pdf, facts };
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
 * Prints `dir/index.html` (a built deck) to `outDir/<name>.pdf` and `outDir/<name>-notes.pdf`.
 * Each file is written to a temporary name and renamed into place: a failed export leaves the
 * previous PDFs as they were.
 */
export async function exportPdfs(dir: string, name: string, browser: BrowserGateway, outDir = dir, slideCount = 50, options: ExportOptions = {}): Promise<ExportedPdfs> {
  log.info(`printing ${name}: slides and notes`);
  // The server and the browser start side by side; the server is closed whatever happens.
  const starting = serveStatic(dir);
  let finished;
  try {
    const [server] = await Promise.all([starting, browser.get()]);
    log.debug('server up');
    let printing = 2;
    // The two PDFs print side by side, each in a page of its own; each is post-processed as
    // soon as it is printed.
    const [slides, notes] = await Promise.all(
      (['slides', 'notes'] as const).map(async (variant) => {
        const { pdf, facts } = await browser.withPage(async (page) => {
          log.debug(`pdf: ${variant} page opened`);
          await allowCompiledFunctions(page);
          return printVariant(page, `${server.origin}/index.html`, slideCount, variant);
        });
        if (--printing === 0) options.printed?.();
        const done = await finishPdf(pdf, facts.info, variant === 'slides' ? outlineOf(facts.slides) : undefined);
        log.debug(`pdf: ${variant} post-processed`);
        if (options.publishTo && !options.signal?.aborted) writeFileAtomic(path.join(options.publishTo, variant === 'slides' ? `${name}.pdf` : `${name}-notes.pdf`), done);
        return { pdf: done, facts };
      }),
    );
    finished = { slides: slides!.pdf, notes: notes!.pdf, facts: slides!.facts };
  } finally {
    await (await starting.catch(() => undefined))?.close();
  }
  throwIfAborted(options.signal);
  const slidesFile = path.join(outDir, `${name}.pdf`);
  const notesFile = path.join(outDir, `${name}-notes.pdf`);
  writeFileAtomic(slidesFile, finished.slides);
  writeFileAtomic(notesFile, finished.notes);
  const pages = finished.facts.slides.length;
  log.info(`printed ${name}.pdf (${pages} pages) and ${name}-notes.pdf`);
  return { slides: slidesFile, notes: notesFile, pages, overflowing: finished.facts.overflowing };
}
