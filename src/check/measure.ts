// Runs in the page (print mode: every slide laid out at its real 1280×720 size). Self-contained:
// it measures what a reader would see, and returns plain data.

export interface SlideMeasure {
  index: number;
  id: string;
  title: string;
  line: number;
  overflow: boolean;
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

export function measureSlides(): SlideMeasure[] {
  const parse = (color: string): [number, number, number, number] => {
    const m = color.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const parts = m[1]!.split(/[,\s/]+/).filter(Boolean).map(Number);
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
  };
  const luminance = ([r, g, b]: number[]) => {
    const lin = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
  };
  const background = (el: Element): number[] => {
    for (let node: Element | null = el; node; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg[3] > 0.5) return bg;
    }
    return [255, 255, 255, 1];
  };
  const contrast = (a: number[], b: number[]) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1! + 0.05) / (l2! + 0.05);
  };
  const ids = new Set([...document.querySelectorAll('[id]')].map((e) => e.id));

  return [...document.querySelectorAll<HTMLElement>('.slides > section')].map((section, index) => {
    const box = section.getBoundingClientRect();
    const frame = section.querySelector<HTMLElement>('.bd-frame');
    let overflow = frame ? frame.scrollHeight > frame.clientHeight + 1 || frame.scrollWidth > frame.clientWidth + 1 : false;
    let minFontPx: number | null = null;
    let minContrast: number | null = null;
    let minContrastLarge: number | null = null;
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
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && (r.bottom > box.bottom + 1 || r.right > box.right + 1 || r.left < box.left - 1 || r.top < box.top - 1)) overflow = true;
      }
    }
    let minDiagramFontPx: number | null = null;
    const diagrams = [...section.querySelectorAll('figure.bd-diagram')].map((figure) => {
      const svg = figure.querySelector('svg');
      const rect = svg?.getBoundingClientRect();
      const viewBox = svg?.viewBox?.baseVal;
      const scale = svg && viewBox && viewBox.width > 0 ? rect!.width / viewBox.width : 1;
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
    const body = section.querySelector('.bd-body');
    const lineHeight = body ? parseFloat(getComputedStyle(body).lineHeight) || 40 : 40;
    const bodyLines = body ? [...body.querySelectorAll('li, p')].reduce((n, el) => n + (el.querySelector('li') ? 1 : Math.max(1, Math.round(el.getBoundingClientRect().height / lineHeight))), 0) : 0;
    return {
      index,
      id: section.id,
      title: (section.querySelector('.bd-title')?.textContent ?? '').trim(),
      line: Number(section.dataset.sourceLine ?? 0),
      overflow,
      minFontPx,
      minDiagramFontPx,
      minContrast,
      minContrastLarge,
      bodyLines,
      bodyChars: (body?.textContent ?? '').replace(/\s+/g, '').length,
      diagrams,
      brokenAnchors,
      badLinks,
      external: [...new Set(external)],
      text: section.textContent ?? '',
    };
  });
}
