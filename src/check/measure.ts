// What check measures of each slide, in the page (print mode: every slide laid out at its real
// 1280×720 size): what a reader would see, as plain data. Each `measure…` function runs in the
// page and is self-contained (its type and room, its diagrams, its links and resources, its body);
// measureSlides runs them and puts each slide's figures together.
import type { Page } from '../browser/puppeteer.ts';

export interface SlideMeasure {
  index: number;
  id: string;
  title: string;
  line: number;
  overflow: boolean;
  /** The memo line of the first entry that runs outside the slide, when one does. */
  overflowLine: number | null;
  /**
   * The largest horizontal band of the slide holding no text line, image or diagram, as a share
   * of the slide's height less its bottom 12% (where the footer and slide number live).
   */
  emptyBand: number;
  /** The median size of the slide's text, by characters (px), notes excluded. */
  textPx: number | null;
  /** The slide's layout (`bd-layout-…`). */
  layout: string;
  minFontPx: number | null;
  minDiagramFontPx: number | null;
  minContrast: number | null;
  /** Smallest contrast among large text (≥ 24 px, or ≥ 18.66 px bold), judged on its own AA bar. */
  minContrastLarge: number | null;
  bodyLines: number;
  bodyChars: number;
  diagrams: Array<{ label: string; shapes: number; texts: number; width: number; height: number }>;
  brokenAnchors: string[];
  badLinks: string[];
  /** Resources the slide would load from another origin than the deck's (images, styles, frames). */
  external: string[];
  /** Everything the slide and its notes say. */
  text: string;
}

/** Measures every slide of the deck open in `page` (installColour run in it first). */
export async function measureSlides(page: Page): Promise<SlideMeasure[]> {
  const [bodies, types, drawn, links] = [await page.evaluate(measureBodies), await page.evaluate(measureType), await page.evaluate(measureDiagrams), await page.evaluate(measureLinks)];
  return bodies.map((b, i) => {
    const t = types[i]!;
    const d = drawn[i]!;
    const l = links[i]!;
    // In the order of SlideMeasure (check --json shows them so).
    return { index: b.index, id: b.id, title: b.title, line: b.line, overflow: t.overflow, overflowLine: t.overflowLine, emptyBand: t.emptyBand, textPx: t.textPx, layout: b.layout, minFontPx: t.minFontPx, minDiagramFontPx: d.minDiagramFontPx, minContrast: t.minContrast, minContrastLarge: t.minContrastLarge, bodyLines: b.bodyLines, bodyChars: b.bodyChars, diagrams: d.diagrams, brokenAnchors: l.brokenAnchors, badLinks: l.badLinks, external: l.external, text: b.text };
  });
}

/** Runs in the page: each slide's place in the memo, its layout, its text, and its body's lines and characters. Self-contained. */
function measureBodies(): Array<Pick<SlideMeasure, 'index' | 'id' | 'title' | 'line' | 'layout' | 'bodyLines' | 'bodyChars' | 'text'>> {
  return [...document.querySelectorAll<HTMLElement>('.slides > section')].map((section, index) => {
    const body = section.querySelector('.bd-body');
    // Rows of body text down the slide (cards side by side share their rows).
    const rows = new Set<number>();
    if (body) {
      const texts = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let node = texts.nextNode(); node; node = texts.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) if (r.width > 0) rows.add(Math.round(r.bottom / 6));
      }
    }
    return {
      index,
      id: section.id,
      title: (section.querySelector('.bd-title')?.textContent ?? '').trim(),
      line: Number(section.dataset.sourceLine ?? 0),
      layout: [...section.classList].find((c) => c.startsWith('bd-layout-'))?.slice('bd-layout-'.length) ?? '',
      bodyLines: rows.size,
      bodyChars: (body?.textContent ?? '').replace(/\s+/g, '').length,
      text: section.textContent ?? '',
    };
  });
}

/**
 * Runs in the page: each slide's type (its smallest size, median size, contrasts) and room (what
 * runs outside it, the largest empty band). Self-contained.
 */
function measureType(): Array<Pick<SlideMeasure, 'overflow' | 'overflowLine' | 'emptyBand' | 'textPx' | 'minFontPx' | 'minContrast' | 'minContrastLarge'>> {
  const { parse, contrast } = window.briefdeckColour!;
  const background = (el: Element): number[] => {
    for (let node: Element | null = el; node; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg[3] > 0.5) return bg;
    }
    return [255, 255, 255, 1];
  };
  return [...document.querySelectorAll<HTMLElement>('.slides > section')].map((section) => {
    const box = section.getBoundingClientRect();
    const frame = section.querySelector<HTMLElement>('.bd-frame');
    let overflow = frame ? frame.scrollHeight > frame.clientHeight + 1 || frame.scrollWidth > frame.clientWidth + 1 : false;
    let minFontPx: number | null = null;
    let minContrast: number | null = null;
    let minContrastLarge: number | null = null;
    /** What holds the slide's height: [top, bottom] of text lines, images and diagrams. */
    const filled: Array<[number, number]> = [];
    const sizes: Array<[number, number]> = [];
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || el.closest('aside.notes') || el.closest('svg')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const size = parseFloat(style.fontSize);
      minFontPx = minFontPx === null ? size : Math.min(minFontPx, size);
      const ratio = contrast(parse(style.color), background(el));
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (large) minContrastLarge = minContrastLarge === null ? ratio : Math.min(minContrastLarge, ratio);
      else minContrast = minContrast === null ? ratio : Math.min(minContrast, ratio);
      sizes.push([size, node.textContent.replace(/\s+/g, '').length]);
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width > 0) filled.push([r.top - box.top, r.bottom - box.top]);
        if (r.width > 0 && (r.bottom > box.bottom + 1 || r.right > box.right + 1 || r.left < box.left - 1 || r.top < box.top - 1)) overflow = true;
      }
    }
    for (const visual of section.querySelectorAll('img, figure.bd-diagram svg > g')) {
      const r = visual.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) filled.push([r.top - box.top, r.bottom - box.top]);
    }
    const limit = box.height * 0.88;
    let emptyPx = 0;
    let reached = 0;
    for (const [top, bottom] of filled.map(([t, b]) => [Math.max(0, t), Math.min(limit, b)] as const).filter(([t, b]) => b > t).sort((a, b) => a[0] - b[0])) {
      emptyPx = Math.max(emptyPx, top - reached);
      reached = Math.max(reached, bottom);
    }
    emptyPx = Math.max(emptyPx, limit - reached);
    const total = sizes.reduce((n, [, chars]) => n + chars, 0);
    let textPx: number | null = null;
    for (let seen = 0, i = 0, sorted = sizes.sort((a, b) => a[0] - b[0]); i < sorted.length && textPx === null; i++) {
      seen += sorted[i]![1];
      if (seen >= total / 2) textPx = sorted[i]![0];
    }
    const outside = [...section.querySelectorAll<HTMLElement>('[data-line]')].find((e) => {
      const r = e.getBoundingClientRect();
      return r.bottom > box.bottom + 1 || r.right > box.right + 1;
    });
    return { overflow, overflowLine: overflow && outside ? Number(outside.dataset.line) : null, emptyBand: limit > 0 ? emptyPx / limit : 0, textPx, minFontPx, minContrast, minContrastLarge };
  });
}

/** Runs in the page: each slide's diagrams (their shapes, labels and size) and the smallest label as drawn. Self-contained. */
function measureDiagrams(): Array<Pick<SlideMeasure, 'diagrams' | 'minDiagramFontPx'>> {
  return [...document.querySelectorAll<HTMLElement>('.slides > section')].map((section) => {
    let minDiagramFontPx: number | null = null;
    const diagrams = [...section.querySelectorAll('figure.bd-diagram')].map((figure) => {
      const svg = figure.querySelector('svg');
      const rect = svg?.getBoundingClientRect();
      const viewBox = svg?.viewBox?.baseVal;
      // The drawing is scaled to fit its box both ways (preserveAspectRatio's default): the smaller scale wins.
      const scale = svg && viewBox && viewBox.width > 0 && viewBox.height > 0 ? Math.min(rect!.width / viewBox.width, rect!.height / viewBox.height) : 1;
      const texts = svg ? [...svg.querySelectorAll('text')].filter((t) => t.textContent?.trim()) : [];
      for (const t of texts) {
        const size = parseFloat(getComputedStyle(t).fontSize) * scale;
        minDiagramFontPx = minDiagramFontPx === null ? size : Math.min(minDiagramFontPx, size);
      }
      const shapes = svg ? [...svg.querySelectorAll('rect, path, polygon, circle, ellipse, line')].filter((s) => {
        if (s.closest('defs, marker')) return false;
        const b = (s as SVGGraphicsElement).getBBox?.();
        return b && b.width * b.height > 0;
      }).length : 0;
      return { label: figure.getAttribute('aria-label') ?? '', shapes, texts: texts.length, width: rect?.width ?? 0, height: rect?.height ?? 0 };
    });
    return { diagrams, minDiagramFontPx };
  });
}

/** Runs in the page: each slide's links that lead nowhere or to no web page, and what it would load from elsewhere. Self-contained. */
function measureLinks(): Array<Pick<SlideMeasure, 'brokenAnchors' | 'badLinks' | 'external'>> {
  const ids = new Set([...document.querySelectorAll('[id]')].map((e) => e.id));
  return [...document.querySelectorAll<HTMLElement>('.slides > section')].map((section) => {
    const brokenAnchors: string[] = [];
    const badLinks: string[] = [];
    for (const a of section.querySelectorAll('a[href]')) {
      const href = a.getAttribute('href')!;
      if (href.startsWith('#')) {
        const target = decodeURIComponent(href.replace(/^#\/?/, ''));
        if (target && !ids.has(target)) brokenAnchors.push(href);
      } else {
        try {
          const url = new URL(href);
          if (!['http:', 'https:', 'mailto:'].includes(url.protocol) || (url.protocol !== 'mailto:' && !url.hostname.includes('.'))) badLinks.push(href);
        } catch {
          badLinks.push(href);
        }
      }
    }
    // Every resource the slide loads, wherever it comes from; links to follow (<a>) load nothing.
    const external: string[] = [];
    const foreign = (value: string | null | undefined) => {
      if (!value) return;
      try {
        const url = new URL(value, document.baseURI);
        if (!['data:', 'blob:', 'about:'].includes(url.protocol) && url.origin !== location.origin) external.push(url.href);
      } catch {
        /* not a URL: nothing is loaded */
      }
    };
    for (const el of section.querySelectorAll('*')) {
      for (const name of ['src', 'href', 'xlink:href', 'poster', 'data', 'background']) {
        if (el.tagName.toLowerCase() !== 'a' && el.hasAttribute(name)) {
          const value = el.getAttribute(name)!;
          if (!value.startsWith('#')) foreign(value);
        }
      }
      for (const candidate of (el.getAttribute('srcset') ?? '').split(',')) foreign(candidate.trim().split(/\s+/)[0]);
      const style = `${el.getAttribute('style') ?? ''} ${el.tagName.toLowerCase() === 'style' ? el.textContent : ''}`;
      for (const m of style.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/g)) if (!m[2]!.startsWith('#')) foreign(m[2]);
    }
    return { brokenAnchors, badLinks, external: [...new Set(external)] };
  });
}
