// Reads a .pptx back as the zip of XML it is: what each slide and its notes page say, and the
// shapes and connectors on it. Used by `check` (every memo sentence in the file) and the tests.
import JSZip from 'jszip';
import { htmlToText } from '../core/files.ts';

export interface ReadSlide {
  /** Each text paragraph on the slide. */
  paragraphs: string[];
  /** The speaker notes, a paragraph each. */
  notes: string[];
  /** Names of the shapes (p:sp) on the slide. */
  shapes: string[];
  /** Connectors: their names and the ids of the shapes they start and end at. */
  connectors: Array<{ name: string; from?: number; to?: number }>;
  /** Ids of the shapes by name. */
  ids: Map<string, number>;
  /** The slide's placeholders (top-level shapes that name one): type (absent: obj), idx, name and text. */
  placeholders: Array<{ type: string; idx: number; name: string; text: string }>;
  /** Top-level text shapes that are in no placeholder: their names and text. */
  looseText: Array<{ name: string; text: string }>;
  /** Groups, pictures and tables at the top level: their kind, name and alternative text. */
  objects: Array<{ kind: 'group' | 'picture' | 'table'; name: string; alt: string }>;
  /** The slide's layout part (e.g. ppt/slideLayouts/slideLayout2.xml). */
  layout: string;
  xml: string;
}

/** The top-level elements of a slide's shape tree, in order (nested groups kept inside their group). */
export function topLevel(xml: string): Array<{ tag: string; xml: string }> {
  const tree = /<p:spTree>([\s\S]*)<\/p:spTree>/.exec(xml)?.[1] ?? '';
  const out: Array<{ tag: string; xml: string }> = [];
  const open = /<(p:sp|p:grpSp|p:pic|p:graphicFrame|p:cxnSp)>/g;
  let at = 0;
  for (;;) {
    open.lastIndex = at;
    const m = open.exec(tree);
    if (!m) break;
    const tag = m[1]!;
    // Its end: the matching close tag, counting nested ones of the same name.
    let depth = 0;
    const both = new RegExp(`<${tag}>|</${tag}>`, 'g');
    both.lastIndex = m.index;
    let end = tree.length;
    for (let t = both.exec(tree); t; t = both.exec(tree)) {
      depth += t[0].startsWith('</') ? -1 : 1;
      if (depth === 0) {
        end = t.index + t[0].length;
        break;
      }
    }
    out.push({ tag, xml: tree.slice(m.index, end) });
    at = end;
  }
  return out;
}

const textOf = (xml: string) => paragraphsOf(xml).join('\n');
const attr = (xml: string, name: string) => htmlToText(new RegExp(`<p:cNvPr [^>]*?\\b${name}="([^"]*)"`).exec(xml)?.[1] ?? '');

export interface ReadPresentation {
  slides: ReadSlide[];
  /** Slide size in EMU. */
  size: { cx: number; cy: number };
  core: string;
}

const paragraphsOf = (xml: string) => [...xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((m) => htmlToText([...m[1]!.matchAll(/<a:t>([\s\S]*?)<\/a:t>/g)].map((t) => t[1]).join(''))).filter((t) => t.trim() !== '');

/** The notes placeholder's paragraphs (not the slide number's). */
function notesOf(xml: string): string[] {
  const body = /name="Notes Placeholder[^"]*"[\s\S]*?<p:txBody>([\s\S]*?)<\/p:txBody>/.exec(xml);
  return body ? paragraphsOf(body[1]!) : [];
}

function slideNumber(name: string): number {
  return Number(/(\d+)\.xml$/.exec(name)?.[1]);
}

export async function readPptx(bytes: Uint8Array): Promise<ReadPresentation> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort((a, b) => slideNumber(a) - slideNumber(b));
  const slides: ReadSlide[] = [];
  for (const name of names) {
    const xml = await zip.file(name)!.async('string');
    // A slide's notes page is the one its relationships name.
    const rels = (await zip.file(name.replace('slides/', 'slides/_rels/').replace('.xml', '.xml.rels'))?.async('string')) ?? '';
    const notesTarget = /Target="\.\.\/notesSlides\/([^"]+)"/.exec(rels)?.[1];
    const notesXml = notesTarget ? ((await zip.file(`ppt/notesSlides/${notesTarget}`)?.async('string')) ?? '') : '';
    const ids = new Map<string, number>();
    for (const m of xml.matchAll(/<p:cNvPr id="(\d+)" name="([^"]*)"/g)) ids.set(htmlToText(m[2]!), Number(m[1]));
    slides.push({
      paragraphs: paragraphsOf(xml),
      notes: notesOf(notesXml),
      shapes: [...xml.matchAll(/<p:sp>[\s\S]*?<p:cNvPr id="\d+" name="([^"]*)"/g)].map((m) => htmlToText(m[1]!)),
      connectors: [...xml.matchAll(/<p:cxnSp>([\s\S]*?)<\/p:cxnSp>/g)].map((m) => {
        const from = /<a:stCxn id="(\d+)"/.exec(m[1]!)?.[1];
        const to = /<a:endCxn id="(\d+)"/.exec(m[1]!)?.[1];
        return { name: htmlToText(/name="([^"]*)"/.exec(m[1]!)?.[1] ?? ''), ...(from ? { from: Number(from) } : {}), ...(to ? { to: Number(to) } : {}) };
      }),
      ids,
      placeholders: topLevel(xml).flatMap((e) => {
        const ph = e.tag === 'p:sp' ? /<p:ph\b([^>]*)\/?>/.exec(e.xml) : null;
        if (!ph) return [];
        return [{ type: /type="([^"]+)"/.exec(ph[1]!)?.[1] ?? 'obj', idx: Number(/idx="(\d+)"/.exec(ph[1]!)?.[1] ?? 0), name: attr(e.xml, 'name'), text: textOf(e.xml) }];
      }),
      looseText: topLevel(xml).flatMap((e) => (e.tag === 'p:sp' && !/<p:ph\b/.test(e.xml) && textOf(e.xml).trim() ? [{ name: attr(e.xml, 'name'), text: textOf(e.xml) }] : [])),
      objects: topLevel(xml).flatMap((e) => {
        const kind = e.tag === 'p:grpSp' ? 'group' : e.tag === 'p:pic' ? 'picture' : e.tag === 'p:graphicFrame' ? 'table' : undefined;
        return kind ? [{ kind, name: attr(e.xml, 'name'), alt: attr(e.xml, 'descr') } as const] : [];
      }),
      layout: `ppt/slideLayouts/${/Target="\.\.\/slideLayouts\/([^"]+)"/.exec(rels)?.[1] ?? ''}`,
      xml,
    });
  }
  const presentation = (await zip.file('ppt/presentation.xml')?.async('string')) ?? '';
  const size = /<p:sldSz cx="(\d+)" cy="(\d+)"/.exec(presentation);
  return { slides, size: { cx: Number(size?.[1]), cy: Number(size?.[2]) }, core: (await zip.file('docProps/core.xml')?.async('string')) ?? '' };
}

/** Everything the file says, slides and notes, in one text (for the fidelity count). */
export function pptxText(pres: ReadPresentation): string {
  return pres.slides.map((s) => [...s.paragraphs, ...s.notes].join('\n')).join('\n');
}
