// Mermaid source → SVG, rendered at build time in headless Chromium (the deck runs no Mermaid).
// A rendered diagram is cached by the hash of its source and configuration, in memory and on disk.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { allowCompiledFunctions, type BrowserGateway } from '../browser.ts';
import { diagnostic } from '../errors.ts';
import { writeFileAtomic } from '../files.ts';
import { FONT_FAMILY, fontFile } from '../fonts.ts';
import type { Theme } from '../theme.ts';
import type { Diagnostic, DiagramSpec } from '../types.ts';
import { diagramConfigProblems, externalReferences } from './safety.ts';

const require = createRequire(import.meta.url);
const MERMAID_JS = require.resolve('mermaid/dist/mermaid.min.js');
const MERMAID_VERSION = (require('mermaid/package.json') as { version: string }).version;
const ORIGIN = 'http://briefdeck.invalid';

export interface RenderedDiagram {
  svg: string;
}

/** Mermaid's configuration, from the deck theme. securityLevel stays 'strict'. */
export function mermaidConfig(theme: Theme): Record<string, unknown> {
  const c = theme.color;
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'base',
    fontFamily: theme.font.family,
    htmlLabels: false,
    deterministicIds: true,
    themeVariables: {
      fontFamily: theme.font.family,
      fontSize: `${theme.diagram.fontSize}px`,
      background: c.background,
      primaryColor: c.accentSoft,
      primaryBorderColor: c.accent,
      primaryTextColor: c.text,
      secondaryColor: c.background,
      tertiaryColor: c.background,
      lineColor: c.line,
      textColor: c.text,
      nodeTextColor: c.text,
    },
    // Labels arrive wrapped between phrases (<br/>); Mermaid's own wrapping would break words.
    markdownAutoWrap: false,
    flowchart: { htmlLabels: false, useMaxWidth: true, wrappingWidth: 4000, nodeSpacing: 22, rankSpacing: 70, padding: 14, curve: 'basis' },
  };
}

/** The deck's font, whole, so Mermaid measures labels with the glyphs the deck will draw. */
function fontFaceCss(weights: number[]): string {
  return weights
    .map((w) => `@font-face{font-family:'${FONT_FAMILY}';font-weight:${w};src:url(${ORIGIN}/fonts/${w}.ttf) format('truetype')}`)
    .join('\n');
}

const PAGE_HTML = (theme: Theme) => `<!doctype html><html lang="ja"><head><meta charset="utf-8">
<style>${fontFaceCss(theme.font.weights)} body{margin:0;font-family:${theme.font.family}}</style>
<script src="${ORIGIN}/mermaid.js"></script></head><body></body></html>`;

interface PageResult {
  svg?: string;
  error?: string;
  line?: number;
}

/** Runs in the page: parse (for a located error), then render. Self-contained. */
async function renderInPage(id: string, code: string, config: Record<string, unknown>, fontFamily: string, fontSize: number): Promise<PageResult> {
  const m = (window as unknown as { mermaid: { initialize(c: unknown): void; parse(c: string): Promise<unknown>; render(id: string, c: string): Promise<{ svg: string }> } }).mermaid;
  m.initialize(config);
  await document.fonts.load(`${fontSize}px ${fontFamily}`, code);
  await document.fonts.load(`bold ${fontSize}px ${fontFamily}`, code);
  try {
    await m.parse(code);
  } catch (e) {
    const err = e as { message?: string; hash?: { loc?: { first_line?: number }; line?: number } };
    const message = String(err.message ?? e);
    const fromMessage = /line (\d+)/i.exec(message);
    const line = err.hash?.loc?.first_line ?? (fromMessage ? Number(fromMessage[1]) : undefined);
    return line === undefined ? { error: message } : { error: message, line };
  }
  try {
    const { svg } = await m.render(id, code);
    return { svg };
  } catch (e) {
    return { error: `Mermaid could not draw it: ${String((e as Error)?.message ?? e)}` };
  } finally {
    document.getElementById(id)?.remove();
  }
}

export class DiagramRenderer {
  private readonly memory = new Map<string, string>();
  private page: Promise<Page> | undefined;

  constructor(
    private readonly browser: BrowserGateway,
    private readonly theme: Theme,
    private readonly cacheDir?: string,
  ) {}

  /** Renders every diagram; syntax errors come back as diagnostics at their memo line. */
  async renderAll(specs: DiagramSpec[]): Promise<{ svgs: Map<string, string>; diagnostics: Diagnostic[] }> {
    const svgs = new Map<string, string>();
    const diagnostics: Diagnostic[] = [];
    for (const spec of specs) {
      const result = await this.render(spec);
      if ('svg' in result) svgs.set(spec.code, result.svg);
      else diagnostics.push(result.diagnostic);
    }
    return { svgs, diagnostics };
  }

  async render(spec: DiagramSpec): Promise<{ svg: string } | { diagnostic: Diagnostic }> {
    const at = (line: number) => ({ file: spec.source.file, line: spec.codeLine !== undefined ? spec.codeLine + line - 1 : spec.source.line });
    const [problem] = diagramConfigProblems(spec.code);
    if (problem) return { diagnostic: diagnostic(at(problem.line), 'diagram-config', `Mermaid diagram: ${problem.message}`, 'a memo\'s diagram may set its theme and plain layout numbers; the deck sets fonts, colours and labels') };
    const result = await this.renderChecked(spec);
    if ('svg' in result) {
      const outside = externalReferences(result.svg);
      if (outside.length > 0) return { diagnostic: diagnostic(at(1), 'diagram-external', `the diagram refers to something outside the deck (${outside.slice(0, 3).join(', ')}): it would be fetched whenever the deck is opened`, 'remove images, links and url() styles from the diagram') };
    }
    return result;
  }

  private async renderChecked(spec: DiagramSpec): Promise<{ svg: string } | { diagnostic: Diagnostic }> {
    const config = mermaidConfig(this.theme);
    const key = createHash('sha256').update(JSON.stringify([MERMAID_VERSION, config, spec.code])).digest('hex').slice(0, 24);
    const cached = this.memory.get(key) ?? this.readCache(key);
    if (cached) {
      this.memory.set(key, cached);
      return { svg: cached };
    }
    const page = await this.ready();
    const id = `bd-diagram-${key.slice(0, 10)}`;
    const result = await page.evaluate(renderInPage, id, spec.code, { ...config, deterministicIDSeed: id }, this.theme.font.family, this.theme.diagram.fontSize);
    if (result.svg === undefined) {
      const firstLine = (result.error ?? 'invalid diagram').split('\n')[0];
      const line = spec.codeLine !== undefined && result.line !== undefined ? spec.codeLine + result.line - 1 : (spec.codeLine ?? spec.source.line);
      const hint = spec.codeLine === undefined ? 'this diagram is generated from the memo; check the headings and items it is made of' : 'see the Mermaid syntax for this diagram type';
      return { diagnostic: diagnostic({ file: spec.source.file, line }, 'mermaid-syntax', `Mermaid diagram error: ${firstLine}`, hint) };
    }
    this.memory.set(key, result.svg);
    this.writeCache(key, result.svg);
    return { svg: result.svg };
  }

  async close(): Promise<void> {
    const page = this.page;
    this.page = undefined;
    if (page) await (await page.catch(() => undefined))?.close().catch(() => {});
  }

  private ready(): Promise<Page> {
    this.page ??= this.openPage();
    return this.page;
  }

  private async openPage(): Promise<Page> {
    const browser = await this.browser.get();
    const page = await browser.newPage();
    await allowCompiledFunctions(page);
    await page.setRequestInterception(true);
    const html = PAGE_HTML(this.theme);
    page.on('request', (request) => {
      const url = request.url();
      if (url === `${ORIGIN}/`) void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      else if (url === `${ORIGIN}/mermaid.js`) void request.respond({ status: 200, contentType: 'text/javascript', body: readFileSync(MERMAID_JS) });
      else if (url.startsWith(`${ORIGIN}/fonts/`)) {
        const weight = Number(path.basename(new URL(url).pathname, '.ttf'));
        void request.respond({ status: 200, contentType: 'font/ttf', body: readFileSync(fontFile(weight)) });
      } else void request.abort();
    });
    await page.setViewport({ width: this.theme.slide.width, height: this.theme.slide.height });
    await page.goto(`${ORIGIN}/`, { waitUntil: 'load' });
    return page;
  }

  private readCache(key: string): string | undefined {
    if (!this.cacheDir) return undefined;
    const file = path.join(this.cacheDir, `${key}.svg`);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  private writeCache(key: string, svg: string): void {
    if (this.cacheDir) writeFileAtomic(path.join(this.cacheDir, `${key}.svg`), svg);
  }
}
