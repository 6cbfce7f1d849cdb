// A PDF → its text runs (pdf.js: the text with its size, weight and position on each page).
// The I/O edge of the PDF reader; what the runs mean is decided in pdf-layout.ts.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MemoMeta } from '../model/types.ts';
import type { PdfPage, PdfRun } from './pdf-layout.ts';
import { splitAtHeldGaps } from './pdf-runs.ts';

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

const BOLD = /bold|black|heavy|semibold|demi|W[6-9]\b|-W[6-9]/i;

/** The glyphs the page's text operations draw, in stream order: a space only where a space glyph is drawn. */
function drawnGlyphs(ops: { fnArray: number[]; argsArray: unknown[][] }, OPS: Record<string, number>): string {
  const show = new Set([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
  let text = '';
  ops.fnArray.forEach((fn, i) => {
    if (!show.has(fn)) return;
    const glyphs = ops.argsArray[i]?.find((a) => Array.isArray(a)) as unknown[] | undefined;
    for (const g of glyphs ?? []) if (g && typeof g === 'object') text += (g as { unicode?: string }).unicode ?? '';
  });
  return text;
}

export function looksLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');
}

/** Reads every page's text runs and the document's metadata. */
export async function readPdfRuns(bytes: Uint8Array, onPage?: (page: number, pages: number) => void): Promise<{ pages: PdfPage[]; meta: Partial<MemoMeta>; writer: string }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const IMAGE_OPS = new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject, pdfjs.OPS.paintImageMaskXObject, pdfjs.OPS.paintImageXObjectRepeat, pdfjs.OPS.paintInlineImageXObjectGroup].filter((op) => op !== undefined));
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    cMapUrl: pathToFileURL(path.join(root, 'cmaps/')).href,
    cMapPacked: true,
    standardFontDataUrl: pathToFileURL(path.join(root, 'standard_fonts/')).href,
    isEvalSupported: false,
  }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const { width, height } = page.getViewport({ scale: 1 });
      const ops = await page.getOperatorList(); // loads the fonts, whose names tell the weight
      const images = ops.fnArray.filter((fn) => IMAGE_OPS.has(fn)).length;
      const content = await page.getTextContent();
      const runs: PdfRun[] = [];
      for (const raw of content.items) {
        const item = raw as TextItem;
        // NUL: a glyph the font maps to nothing (an emoji drawn without an emoji font) — no text.
        const str = typeof item.str === 'string' ? item.str.replace(/\u0000/gu, '') : '';
        if (str === '') continue;
        const [a, b, , d, x, y] = item.transform as [number, number, number, number, number, number];
        let font = '';
        try {
          font = (page.commonObjs.get(item.fontName) as { name?: string } | undefined)?.name ?? '';
        } catch {
          font = item.fontName;
        }
        const signLost = item.str.startsWith('\u0000');
        runs.push({ text: str, x, y, width: item.width, size: Math.hypot(a, b) || Math.abs(d), bold: BOLD.test(font), ...(signLost ? { signLost } : {}) });
      }
      // (An item whose gaps hold glyphs drawn later, in another font, is cut at those gaps.)
      pages.push({ number, width, height, runs: splitAtHeldGaps(runs), glyphs: drawnGlyphs(ops, pdfjs.OPS), ...(images > 0 ? { images } : {}) });
      page.cleanup();
      onPage?.(number, doc.numPages);
    }
    const info = ((await doc.getMetadata()).info ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    // The declared language is often the writer's default, not the memo's: the text tells it.
    const title = text(info.Title);
    const author = text(info.Author);
    const meta: Partial<MemoMeta> = {
      ...(title ? { title } : {}),
      ...(author ? { authors: author.split(/\s*[;；]\s*|\s*,\s+/u).filter(Boolean) } : {}),
    };
    return { pages, meta, writer: `${text(info.Producer)} ${text(info.Creator)}` };
  } finally {
    await doc.destroy();
  }
}
