// Type sized to the room it has: each slide's body text is set as large as fits between the
// legibility limit and its layout's largest size, measured in Chromium at build time with the
// deck's own styles and font (not estimated from character counts). The sizes go into the plan
// (Slide.bodyPx), so every output draws the same.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from '../browser/puppeteer.ts';
import type { BrowserGateway } from '../browser/gateway.ts';
import { buildFontCss, openBuildPage } from '../browser/build-page.ts';
import { writeFileAtomic } from '../core/files.ts';
import { themeCssVariables, type Theme } from '../model/theme.ts';
import { TEMPLATES_DIR } from '../core/paths.ts';
import { log } from '../core/log.ts';

const require = createRequire(import.meta.url);

/** The deck's styles as the print mode lays slides out (each slide a 1280×720 box). */
function deckCss(theme: Theme): string {
  const read = (file: string) => readFileSync(file, 'utf8');
  return [read(require.resolve('reveal.js/reveal.css')), themeCssVariables(theme), read(path.join(TEMPLATES_DIR, 'theme.css')), read(path.join(TEMPLATES_DIR, 'print.css'))].join('\n');
}

const PAGE_HTML = (theme: Theme) => `<!doctype html><html class="bd-print bd-print-slides" lang="ja"><head><meta charset="utf-8">
<style>${buildFontCss(theme.font.weights)}</style><style>${deckCss(theme)}</style></head>
<body><div class="reveal"><div class="slides"></div></div></body></html>`;

/** A slide of every kind of text (a title, body entries in both weights, Japanese and Latin), to warm the page with. */
const WARM_SLIDE = '<section class="bd-slide"><div class="bd-frame"><header class="bd-head"><h2 class="bd-title">見出し Title</h2></header><div class="bd-body"><p class="bd-point"><strong>要点</strong> 本文 text 1234</p><p class="bd-bullet">項目 item</p></div></div></section>';

export interface FitRequest {
  id: string;
  /** The slide's `<section>` as rendered without a fitted size. */
  html: string;
  /** Largest body size for its layout, px. */
  max: number;
}

/** Runs in the page: the largest whole px in [min, max] at which each slide's body fits. Self-contained. */
async function fitInPage(requests: Array<{ id: string; html: string; max: number }>, min: number, family: string, coverPx: number): Promise<number[]> {
  const container = document.querySelector('.reveal .slides')!;
  container.innerHTML = requests.map((r) => r.html).join('');
  const text = container.textContent ?? '';
  await Promise.all([document.fonts.load(`16px ${family}`, text), document.fonts.load(`bold 16px ${family}`, text)]);
  const sections = [...container.children] as HTMLElement[];
  return sections.map((section, i) => {
    const frame = section.querySelector<HTMLElement>('.bd-frame');
    const max = requests[i]!.max;
    if (!frame) return max;
    // A title or closing slide fits its title: the whole slide holds, the title in two lines
    // (more only at the theme's own title size or under).
    const cover = section.matches('.bd-kind-title, .bd-kind-closing');
    const title = section.querySelector<HTMLElement>('.bd-title');
    const body = cover ? frame : section.querySelector<HTMLElement>('.bd-body');
    if (!body) return max;
    // Measured top-aligned: free space spread between entries would hide an overflow.
    body.style.justifyContent = 'flex-start';
    const fits = (px: number) => {
      section.style.setProperty('--bd-fit', `${px}px`);
      const lines = cover && title ? title.offsetHeight / parseFloat(getComputedStyle(title).lineHeight) : 0;
      return body.scrollHeight <= body.clientHeight + 1 && body.scrollWidth <= body.clientWidth + 1 && frame.scrollHeight <= frame.clientHeight + 1 && (lines < 2.5 || px <= coverPx);
    };
    if (fits(max)) return max;
    let lo = min;
    let hi = max;
    if (!fits(lo)) return lo;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (fits(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  });
}

export class SlideFitter {
  private readonly memory = new Map<string, number>();
  private page: Promise<Page> | undefined;
  private readonly css: string;
  /** The digest of the deck's CSS, hashed once: each slide's key adds its markup to it. */
  private readonly cssDigest: string;

  constructor(
    private readonly browser: BrowserGateway,
    private readonly theme: Theme,
    private readonly cacheDir?: string,
  ) {
    this.css = deckCss(theme);
    this.cssDigest = createHash('sha256').update(this.css).digest('hex');
  }

  /**
   * Opens the fitting page now, in the background (the dev server: the first edit of text never
   * fitted before then waits for no browser to start). A page that fails to open is opened again
   * by the next fit.
   */
  warm(): void {
    if (this.page) return;
    // And one slide fitted in it (its fonts, megabytes each, loaded; the deck's styles applied once):
    // the first fit waited most for those.
    const opening = openBuildPage(this.browser, this.theme, PAGE_HTML(this.theme)).then(async (page) => {
      await page.evaluate(fitInPage, [{ id: 'warm', html: WARM_SLIDE, max: 40 }], 20, this.theme.font.family, 60);
      return page;
    });
    this.page = opening;
    opening.catch(() => {
      if (this.page === opening) this.page = undefined;
    });
  }

  /** The fitted body size of each slide, by id; the page opens only for slides not fitted before. */
  async fit(requests: FitRequest[], minPx: number): Promise<Map<string, number>> {
    const key = (r: FitRequest) => createHash('sha256').update(JSON.stringify([this.cssDigest, r.max, minPx])).update(r.html).digest('hex').slice(0, 24);
    const sizes = new Map<string, number>();
    const todo: Array<FitRequest & { key: string }> = [];
    for (const request of requests) {
      const k = key(request);
      const known = this.memory.get(k) ?? this.readCache(k);
      if (known !== undefined) sizes.set(request.id, known);
      else todo.push({ ...request, key: k });
    }
    if (todo.length === 0) return sizes;
    log.info(`fitting the text of ${todo.length} slide${todo.length === 1 ? '' : 's'} to their room`);
    this.page ??= openBuildPage(this.browser, this.theme, PAGE_HTML(this.theme));
    const page = await this.page;
    const fitted = await page.evaluate(fitInPage, todo.map(({ id, html, max }) => ({ id, html, max })), minPx, this.theme.font.family, Math.round(this.theme.font.title * this.theme.font.coverTitleScale));
    todo.forEach((request, i) => {
      const px = fitted[i]!;
      sizes.set(request.id, px);
      this.memory.set(request.key, px);
      if (this.cacheDir) writeFileAtomic(path.join(this.cacheDir, `${request.key}.json`), JSON.stringify(px));
    });
    return sizes;
  }

  async close(): Promise<void> {
    const page = this.page;
    this.page = undefined;
    if (page) await (await page.catch(() => undefined))?.close().catch(() => {});
  }

  private readCache(key: string): number | undefined {
    if (!this.cacheDir) return undefined;
    const file = path.join(this.cacheDir, `${key}.json`);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as number) : undefined;
  }
}
