// A PDF → its text runs (pdf.js: the text with its size, weight and position on each page).
// The I/O edge of the PDF reader; what the runs mean is decided in pdf-layout.ts.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MemoMeta } from '../model/types.ts';
import type { PdfPage, PdfRun } from './pdf-lines.ts';
import { LINE_END_SPACE_WRITERS, type DrawnSpace } from './pdf-line-text.ts';
import { OUTSIDE_ADDRESS } from './text.ts';
import { splitAtHeldGaps } from './pdf-runs.ts';
import { markBullets, pathMark, type DrawnMark } from './pdf-marks.ts';
import { IDENTITY, matrixOf, times, type Matrix } from './pdf-matrix.ts';
import { actualTextReader, applyActualText, type Openings } from './pdf-actual-text.ts';
import { oneGlyph } from './pdf-glyphs.ts';

interface TextItem {
  str: string;
  hasEOL?: boolean;
  transform: number[];
  width: number;
  fontName: string;
}

const BOLD = /bold|black|heavy|semibold|demi|W[6-9]\b|-W[6-9]/i;

/** The glyphs the page's text operations draw, in stream order: a space only where a space glyph is drawn (a marked content's /ActualText for what it draws). */
function drawnGlyphs(ops: { fnArray: number[]; argsArray: unknown[][] }, OPS: Record<string, number>, openings: Openings | undefined): string {
  const show = new Set([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
  const glyphsOf = (i: number) => {
    const glyphs = ops.argsArray[i]?.find((a) => Array.isArray(a)) as unknown[] | undefined;
    return (glyphs ?? []).map((g) => (g && typeof g === 'object' ? ((g as { unicode?: string }).unicode ?? '') : '')).join('');
  };
  const kind = (i: number) =>
    ops.fnArray[i] === OPS.beginMarkedContent || ops.fnArray[i] === OPS.beginMarkedContentProps ? 'open' : ops.fnArray[i] === OPS.endMarkedContent ? 'close' : show.has(ops.fnArray[i]!) ? 'draw' : 'other';
  const drawn = ops.fnArray.map((_, i) => ({ i, text: kind(i) === 'draw' ? glyphsOf(i) : '' }));
  const read = (openings && applyActualText(drawn, (d) => kind(d.i), openings, (d, text) => (text === undefined ? undefined : { ...d, text }))) ?? drawn;
  return read.map((d) => d.text).join('');
}


/**
 * The space glyphs the page's text operations draw, each where it is drawn (its baseline start
 * and advance, in page units): the text matrix and the advance of each glyph before it, as a
 * renderer places them. A space glyph drawn is the writer's space; a gap made by moving the pen
 * (LibreOffice's quarter em between Japanese and Latin text) is none. And, in the same walk of the
 * page's operations, the small shapes it paints (a list's markers drawn as shapes: pdf-marks.ts).
 */
function drawnSpacesAndMarks(ops: { fnArray: number[]; argsArray: unknown[][] }, OPS: Record<string, number>, fontOf: (id: string) => { fontMatrix?: number[]; vertical?: boolean } | undefined): { spaces: DrawnSpace[]; marks: DrawnMark[] } {
  interface State { ctm: Matrix; size: number; font?: { fontMatrix?: number[]; vertical?: boolean }; charSpacing: number; wordSpacing: number; hScale: number; leading: number; rise: number }
  let state: State = { ctm: IDENTITY, size: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0 };
  const saved: State[] = [];
  let line: Matrix = IDENTITY; // the text line matrix
  let text: Matrix = IDENTITY; // the text matrix
  const spaces: DrawnSpace[] = [];
  const marks: DrawnMark[] = [];
  const lastOnRow = new Map<number, number>(); // the start of the rightmost glyph on each baseline
  const move = (tx: number, ty: number) => {
    line = times([1, 0, 0, 1, tx, ty], line);
    text = line;
  };
  ops.fnArray.forEach((fn, i) => {
    const args = ops.argsArray[i] ?? [];
    if (fn === OPS.save) saved.push({ ...state });
    else if (fn === OPS.restore) state = saved.pop() ?? state;
    else if (fn === OPS.transform) state.ctm = times(matrixOf(args), state.ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      saved.push({ ...state });
      if (args[0]) state.ctm = times(matrixOf(args[0]), state.ctm);
    } else if (fn === OPS.paintFormXObjectEnd) state = saved.pop() ?? state;
    else if (fn === OPS.constructPath) {
      const mark = pathMark(args, state.ctm, OPS);
      if (mark) marks.push(mark);
    } else if (fn === OPS.beginText) line = text = IDENTITY;
    else if (fn === OPS.setTextMatrix) line = text = matrixOf(args);
    else if (fn === OPS.moveText) move(Number(args[0]), Number(args[1]));
    else if (fn === OPS.setLeadingMoveText) {
      state.leading = -Number(args[1]);
      move(Number(args[0]), Number(args[1]));
    } else if (fn === OPS.nextLine) move(0, -state.leading);
    else if (fn === OPS.setLeading) state.leading = Number(args[0]);
    else if (fn === OPS.setFont) {
      state.size = Number(args[1]);
      try {
        state.font = fontOf(String(args[0]));
      } catch {
        state.font = undefined;
      }
    } else if (fn === OPS.setCharSpacing) state.charSpacing = Number(args[0]);
    else if (fn === OPS.setWordSpacing) state.wordSpacing = Number(args[0]);
    else if (fn === OPS.setHScale) state.hScale = Number(args[0]) / 100;
    else if (fn === OPS.setTextRise) state.rise = Number(args[0]);
    else if (fn === OPS.showText || fn === OPS.showSpacedText || fn === OPS.nextLineShowText || fn === OPS.nextLineSetSpacingShowText) {
      if (state.font?.vertical) return; // (vertical text: its spaces are not placed here)
      const glyphs = (args.find((a) => Array.isArray(a)) ?? []) as unknown[];
      const scale = (state.font?.fontMatrix?.[0] ?? 0.001) * state.size;
      for (const g of glyphs) {
        if (typeof g === 'number') {
          text = times([1, 0, 0, 1, (-g * state.size) / 1000 * state.hScale, 0], text);
          continue;
        }
        const glyph = g as { unicode?: string; width?: number; isSpace?: boolean } | null;
        if (!glyph) continue;
        const advance = ((glyph.width ?? 0) * scale + state.charSpacing + (glyph.isSpace ? state.wordSpacing : 0)) * state.hScale;
        const at = times(times([1, 0, 0, 1, 0, state.rise], text), state.ctm);
        // (A variation selector drawn with an advance of its own is a space glyph its font maps to the selector.)
        if (/^[ \u00a0]$/u.test(glyph.unicode ?? '') || (/^[\ufe0e\ufe0f]$/u.test(glyph.unicode ?? '') && advance > 0)) {
          const end = times(times([1, 0, 0, 1, advance, state.rise], text), state.ctm);
          spaces.push({ x: Math.min(at[4], end[4]), y: at[5], width: Math.abs(end[4] - at[4]) });
        } else if (glyph.unicode?.trim()) {
          const row = Math.round(at[5]);
          lastOnRow.set(row, Math.max(lastOnRow.get(row) ?? -Infinity, at[4]));
        }
        text = times([1, 0, 0, 1, advance, 0], text);
      }
    }
  });
  // A space after which its baseline draws nothing ends its line.
  const after = (s: DrawnSpace) => Math.max(...[-1, 0, 1].map((d) => lastOnRow.get(Math.round(s.y) + d) ?? -Infinity));
  return { spaces: spaces.map((s) => (after(s) < s.x ? { ...s, endsLine: true } : s)), marks };
}

/**
 * Text that a font's map cannot have meant: glyphs mapped to nothing (NUL: Chromium's .notdef
 * without the font), replacement characters, controls, a
 * letter of a script other than Latin three times over ("本本本": a fallback glyph's one
 * character), or a page of one repeated letter.
 */
function unmapped(text: string): boolean {
  return /[\u0000-\u0008\ufffd]|(?=[^\p{ASCII}])(\p{L})\1\1/u.test(text) || oneGlyph(text) !== undefined;
}

type MarkedItem = (TextItem & { type?: undefined }) | { type: string; str?: undefined };

/**
 * A page's text items with what its marked content's /ActualText says they draw: the first item
 * inside gets the text, and the width of the items on its baseline; the others go. (A space item is
 * pdf.js's, for the gap before the glyphs: it stays.) Undefined where
 * the openings do not match the page's marked content.
 */
function withActualText(items: MarkedItem[], openings: Openings): MarkedItem[] | undefined {
  let given: TextItem | undefined;
  const kind = (item: MarkedItem) =>
    item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps' ? 'open' : item.type === 'endMarkedContent' ? 'close' : item.str?.trim() ? 'draw' : 'other';
  return applyActualText(items, kind, openings, (item, text) => {
    const drawn = item as TextItem;
    if (text !== undefined) return (given = { ...drawn, str: text });
    // (One more item inside: the text covers it too, where it goes on along the baseline.)
    const [x = 0, y = 0] = drawn.transform.slice(4);
    const [gx = 0, gy = 0] = given?.transform.slice(4) ?? [];
    if (given && gy === y && x >= gx) given.width = Math.max(given.width, x + drawn.width - gx);
    return undefined;
  });
}

/**
 * A document's properties' title, unless it is the file's name or a writer's placeholder for none:
 * "Microsoft Word - memo.docx", "Untitled", Word's "Document1" / "文書 1", or one lower-case word (pandoc names an untitled page
 * after its file: "source").
 */
export function namedTitle(title: string): string {
  const named = title.replace(/^Microsoft (?:Word|PowerPoint) - /u, '');
  return /\.(?:docx?|odt|rtf|pdf|html?|md|txt|pptx?)$/iu.test(named) || /^(?:untitled|無題)/iu.test(named) || /^(?:Document|文書|ドキュメント)\s*\d+$/u.test(named) || /^[a-z][a-z0-9_-]*$/u.test(named) ? '' : named;
}

export function looksLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');
}

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsLoaded: Promise<Pdfjs> | undefined;

/**
 * pdf.js, as built for engines older than its own target (Node 20 lacks what its modern build
 * uses). That build brings core-js, which puts its own JavaScript in place of the engine's
 * functions wherever it finds them wanting, for the whole process — on Node 20 Array.prototype.push,
 * JSON.parse and JSON.stringify: after a PDF was read, everything in the process (the import's own
 * layout of the text, a studio that had imported a PDF, a test worker's later files) ran those 3×
 * slower. What it adds (Promise.withResolvers and the like, which pdf.js needs) stays; what it
 * replaced of the engine's own is put back (the engine's are right for all pdf.js asks of them:
 * core-js replaces push over a V8 bug with arrays whose length cannot be written, JSON for proposals
 * pdf.js does not use).
 */
function loadPdfjs(): Promise<Pdfjs> {
  pdfjsLoaded ??= (async () => {
    const typedArray = Object.getPrototypeOf(Uint8Array) as object;
    const owners: object[] = [Array, Array.prototype, JSON, Object, Promise, Promise.prototype, Map.prototype, Set.prototype, WeakMap.prototype];
    owners.push(String, String.prototype, Number, Math, RegExp.prototype, Function.prototype, ArrayBuffer.prototype, Uint8Array, typedArray, (typedArray as { prototype: object }).prototype);
    const natives = owners.flatMap((owner) =>
      Reflect.ownKeys(owner).flatMap((key) => {
        const descriptor = Object.getOwnPropertyDescriptor(owner, key);
        return descriptor && typeof descriptor.value === 'function' ? [{ owner, key, descriptor }] : [];
      }),
    );
    // Its worker too (run in this process: pdf.js takes the one this import leaves on globalThis),
    // which would otherwise be loaded, bringing core-js again, by the first document opened.
    const [pdfjs] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs')]);
    for (const { owner, key, descriptor } of natives) {
      if (Object.getOwnPropertyDescriptor(owner, key)?.value !== descriptor.value) Object.defineProperty(owner, key, descriptor);
    }
    return pdfjs;
  })();
  return pdfjsLoaded;
}

/** Reads every page's text runs and the document's metadata. */
export async function readPdfRuns(bytes: Uint8Array, onPage?: (page: number, pages: number) => void): Promise<{ pages: PdfPage[]; meta: Partial<MemoMeta>; writer: string }> {
  const pdfjs = await loadPdfjs();
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
  // The /ActualText of marked content, read from the content streams where a page marks any.
  const actualText = actualTextReader(bytes);
  try {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const { width, height } = page.getViewport({ scale: 1 });
      const ops = await page.getOperatorList(); // loads the fonts, whose names tell the weight
      const images = ops.fnArray.filter((fn) => IMAGE_OPS.has(fn)).length;
      let content = await page.getTextContent();
      // Text its fonts map wrongly, on a page that marks content: what /ActualText says it is, if it says.
      const marked = ops.fnArray.some((fn, i) => fn === pdfjs.OPS.beginMarkedContentProps && ops.argsArray[i]?.[0] !== 'OC');
      const openings = marked && unmapped(content.items.map((i) => ('str' in i ? i.str : '')).join('')) ? await actualText(number) : undefined;
      const actual = openings?.some((o) => o !== undefined) ? openings : undefined;
      if (actual) content = await page.getTextContent({ includeMarkedContent: true });
      const items = (actual && withActualText(content.items as MarkedItem[], actual)) || content.items;
      const links = ((await page.getAnnotations()) as Array<{ subtype?: string; url?: unknown; rect?: number[] }>)
        .filter((a) => a.subtype === 'Link' && typeof a.url === 'string' && OUTSIDE_ADDRESS.test(a.url) && a.rect?.length === 4)
        .map((a) => ({ url: a.url as string, rect: a.rect as [number, number, number, number] }));
      const runs: PdfRun[] = [];
      let drawn = '';
      for (const raw of items) {
        const item = raw as TextItem;
        // NUL: a glyph the font maps to nothing — no text (counted below).
        const str = typeof item.str === 'string' ? item.str.replace(/\u0000/gu, '') : '';
        if (typeof item.str === 'string') drawn += `${item.str}${item.hasEOL ? '\n' : ''}`;
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
      // Glyphs mapped to nothing inside text (a Japanese character drawn without its font, where no
      // /ActualText says which): not one standing alone between spaces or at a line's start, a sign
      // (an emoji drawn without an emoji font).
      const unmappedGlyphs = (drawn.replace(/(?<=^|\s)\u0000+(?=\s|$)/gmu, '').match(/\u0000/gu) ?? []).length;
      // (An item whose gaps hold glyphs drawn later, in another font, is cut at those gaps.)
      const { spaces, marks } = drawnSpacesAndMarks(ops, pdfjs.OPS, (id) => page.commonObjs.get(id) as { fontMatrix?: number[]; vertical?: boolean } | undefined);
      pages.push({ number, width, height, runs: markBullets(splitAtHeldGaps(runs), marks), glyphs: drawnGlyphs(ops, pdfjs.OPS, actual), spaces, ...(images > 0 ? { images } : {}), ...(links.length ? { links } : {}), ...(unmappedGlyphs > 0 ? { unmappedGlyphs } : {}) });
      page.cleanup();
      onPage?.(number, doc.numPages);
    }
    const info = ((await doc.getMetadata()).info ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    const writer = `${text(info.Producer)} ${text(info.Creator)}`;
    // (Chromium draws no space where it breaks a line; LibreOffice does, where it fits: its
    // Japanese document may wrap no line at a space, and say so only by its name.)
    if (LINE_END_SPACE_WRITERS.test(writer) || pages.some((p) => p.spaces?.some((s) => s.endsLine))) for (const p of pages) p.spacesEndLines = true;
    // The declared language is often the writer's default, not the memo's: the text tells it.
    const title = namedTitle(text(info.Title));
    const author = text(info.Author);
    const meta: Partial<MemoMeta> = {
      ...(title ? { title } : {}),
      ...(author ? { authors: author.split(/\s*[;；]\s*|\s*,\s+/u).filter(Boolean) } : {}),
    };
    return { pages, meta, writer };
  } finally {
    await doc.destroy();
  }
}
