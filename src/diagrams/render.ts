// Mermaid source → SVG, rendered at build time in headless Chromium (the deck runs no Mermaid).
// A rendered diagram is cached by the hash of its source and configuration, in memory and on disk.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '../browser/puppeteer.ts';
import type { BrowserGateway } from '../browser/gateway.ts';
import { buildFontCss, openBuildPage } from '../browser/build-page.ts';
import { diagnostic } from '../core/errors.ts';
import { log } from '../core/log.ts';
import { packageFolder } from '../core/vendored.ts';
import { writeFileAtomic } from '../core/files.ts';
import type { Theme } from '../model/theme.ts';
import type { Diagnostic, SourceRef } from '../model/types.ts';
import { diagramConfigProblems, externalReferences } from './safety.ts';

/** Mermaid's browser build (in the installed tool, the copy packed with it: core/vendored.ts). */
const MERMAID_DIR = packageFolder('mermaid');
const MERMAID_JS = path.join(MERMAID_DIR, 'dist', 'mermaid.min.js');
const MERMAID_VERSION = (JSON.parse(readFileSync(path.join(MERMAID_DIR, 'package.json'), 'utf8')) as { version: string }).version;

/** Mermaid source to draw, and where in the memo an error in it is reported. */
export interface MermaidJob {
  code: string;
  source: SourceRef;
  /** For a fence in the memo: memo line of the diagram's first line; absent for generated ones. */
  codeLine?: number;
  /** The deck's theme (its colours), when it is not the renderer's. */
  theme?: Theme;
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

const PAGE_HTML = (theme: Theme) => `<!doctype html><html lang="ja"><head><meta charset="utf-8">
<style>${buildFontCss(theme.font.weights)} body{margin:0;font-family:${theme.font.family}}</style>
<script src="/mermaid.js"></script></head><body></body></html>`;

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
  async renderAll(specs: MermaidJob[]): Promise<{ svgs: Map<string, string>; diagnostics: Diagnostic[] }> {
    const svgs = new Map<string, string>();
    const diagnostics: Diagnostic[] = [];
    // Drawing takes a browser and about a tenth of a second each: count those not drawn before.
    const toDraw = specs.filter((spec) => !this.known(spec)).length;
    let drawn = 0;
    for (const spec of specs) {
      const fresh = toDraw > 0 && !this.known(spec);
      const result = await this.render(spec);
      if (fresh) log.progress('drawing diagrams', ++drawn, toDraw);
      if ('svg' in result) svgs.set(spec.code, result.svg);
      else diagnostics.push(result.diagnostic);
    }
    return { svgs, diagnostics };
  }

  async render(spec: MermaidJob): Promise<{ svg: string } | { diagnostic: Diagnostic }> {
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

  private key(spec: MermaidJob): string {
    return createHash('sha256').update(JSON.stringify([MERMAID_VERSION, mermaidConfig(spec.theme ?? this.theme), spec.code])).digest('hex').slice(0, 24);
  }

  /** Drawn before (in this run or in the cache). */
  private known(spec: MermaidJob): boolean {
    const key = this.key(spec);
    return this.memory.has(key) || (this.cacheDir !== undefined && existsSync(path.join(this.cacheDir, `${key}.svg`)));
  }

  private async renderChecked(spec: MermaidJob): Promise<{ svg: string } | { diagnostic: Diagnostic }> {
    const config = mermaidConfig(spec.theme ?? this.theme);
    const key = this.key(spec);
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

  /** Opens the drawing page now, in the background (see SlideFitter.warm). */
  warm(): void {
    if (this.page) return;
    const opening = this.openPage();
    this.page = opening;
    opening.catch(() => {
      if (this.page === opening) this.page = undefined;
    });
  }

  private ready(): Promise<Page> {
    this.page ??= this.openPage();
    return this.page;
  }

  private openPage(): Promise<Page> {
    return openBuildPage(this.browser, this.theme, PAGE_HTML(this.theme), { '/mermaid.js': { type: 'text/javascript', file: MERMAID_JS } });
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
