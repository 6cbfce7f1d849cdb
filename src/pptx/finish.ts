// Finishes the XML pptxgenjs wrote, where it has no option: diagram edges as connectors attached
// to their boxes (p:cxnSp with a:stCxn/a:endCxn, so they follow a box that is moved), the East
// Asian typeface marked as Japanese (pptxgenjs writes GB2312's charset), the theme's East Asian
// font, and the speaker notes as paragraphs in the memo's language.
import JSZip from 'jszip';
import { BriefdeckError } from '../core/errors.ts';
import { escapeHtml } from '../core/files.ts';
import { describeChar, FORBIDDEN_CHAR_HINT, forbiddenXmlChar, VERTICAL_TAB } from '../core/xml-chars.ts';
import type { Presentation, Shape } from './model.ts';

/** What pptxgenjs is given for a picture, before its number (src/pptx/write.ts, PictureStore): placePictures puts the picture there. */
export const PLACEHOLDER = 'briefdeck-picture:';

const EMU = 914400;
const emu = (inches: number) => Math.round(inches * EMU);

type Connector = Extract<Shape, { type: 'connector' }>;

/** Shape ids by name, as pptxgenjs numbered them. */
function shapeIds(xml: string): Map<string, number> {
  const ids = new Map<string, number>();
  for (const m of xml.matchAll(/<p:cNvPr id="(\d+)" name="([^"]*)"/g)) ids.set(m[2]!, Number(m[1]));
  return ids;
}

function connectorXml(c: Connector, id: number, from: number, to: number): string {
  const x = Math.min(c.start.x, c.end.x);
  const y = Math.min(c.start.y, c.end.y);
  const flip = `${c.end.x < c.start.x ? ' flipH="1"' : ''}${c.end.y < c.start.y ? ' flipV="1"' : ''}`;
  return (
    `<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="${id}" name="${escapeHtml(c.name)}"/><p:cNvCxnSpPr>` +
    `<a:stCxn id="${from}" idx="${c.from.site}"/><a:endCxn id="${to}" idx="${c.to.site}"/></p:cNvCxnSpPr><p:nvPr/></p:nvCxnSpPr>` +
    `<p:spPr><a:xfrm${flip}><a:off x="${emu(x)}" y="${emu(y)}"/><a:ext cx="${emu(Math.abs(c.end.x - c.start.x))}" cy="${emu(Math.abs(c.end.y - c.start.y))}"/></a:xfrm>` +
    `<a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom>` +
    `<a:ln w="${Math.round(c.width * 12700)}"><a:solidFill><a:srgbClr val="${c.color.replace('#', '').toUpperCase()}"/></a:solidFill><a:tailEnd type="triangle" w="med" len="med"/></a:ln></p:spPr></p:cxnSp>`
  );
}

/** Adds the slide's connectors under its other shapes, attached to the boxes they join. */
export function addConnectors(xml: string, connectors: Connector[]): string {
  if (!connectors.length) return xml;
  const ids = shapeIds(xml);
  let next = Math.max(0, ...ids.values()) + 1;
  const parts = connectors.flatMap((c) => {
    const from = ids.get(c.from.shape);
    const to = ids.get(c.to.shape);
    return from && to ? [connectorXml(c, next++, from, to)] : [];
  });
  return xml.replace('</p:grpSpPr>', `</p:grpSpPr>${parts.join('')}`);
}

/** Notes as a paragraph each, in the memo's language (pptxgenjs writes one run with line breaks). */
export function notesXml(xml: string, notes: string[], lang: string): string {
  // A line break in a note (a vertical tab in the memo) is a soft break, as on a slide.
  const run = (text: string) => `<a:r><a:rPr lang="${lang}" altLang="en-US" dirty="0"/><a:t>${escapeHtml(text)}</a:t></a:r>`;
  const paragraphs = notes.map((text) => `<a:p>${text.split(/[\n\v]/).map(run).join('<a:br/>')}</a:p>`).join('');
  return xml.replace(/(<p:cNvPr id="3" name="Notes Placeholder 2"\/>[\s\S]*?<a:lstStyle\/>)[\s\S]*?(<\/p:txBody>)/, `$1${paragraphs}$2`);
}

const PPR = /<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g;

/**
 * One paragraph-properties element per paragraph, first in it, as the schema has it: pptxgenjs
 * writes one before every run of a paragraph of several runs (PowerPoint would offer to repair
 * the file). The end-of-paragraph properties in the memo's language too.
 */
export function tidyParagraphs(xml: string, lang: string): string {
  return xml
    .replace(/<a:p>([\s\S]*?)<\/a:p>/g, (_, inner: string) => {
      const first = inner.match(PPR)?.[0] ?? '';
      return `<a:p>${first}${inner.replace(PPR, '')}</a:p>`;
    })
    .replace(/<a:endParaRPr lang="en-US"/g, `<a:endParaRPr lang="${lang}"`);
}

/** Japanese text: the East Asian typeface with the Shift-JIS charset (so a missing font is substituted by a Japanese one). */
const japaneseCharset = (xml: string) => xml.replace(/(<a:ea typeface="[^"]*" pitchFamily="34") charset="-122"/g, '$1 charset="-128"');

/**
 * Each picture once in ppt/media/: the first part that holds its placeholder gets its bytes
 * (stored as they are: a PNG is compressed already), every other slide that shows it is pointed
 * at that part, and their copies go.
 */
async function placePictures(zip: JSZip, pictures: string[]): Promise<void> {
  const placed = new Map<number, string>();
  const moved = new Map<string, string>();
  for (const [name, file] of Object.entries(zip.files).filter(([n, f]) => !f.dir && n.startsWith('ppt/media/'))) {
    const text = Buffer.from(await file.async('uint8array')).toString('latin1');
    if (!text.startsWith(PLACEHOLDER)) continue;
    const k = Number(text.slice(PLACEHOLDER.length));
    const src = pictures[k];
    if (src === undefined) throw new BriefdeckError(`the PowerPoint file was not written: its part ${name} holds no picture`);
    const first = placed.get(k);
    if (first) {
      moved.set(name.slice('ppt/media/'.length), first.slice('ppt/media/'.length));
      zip.remove(name);
      continue;
    }
    placed.set(k, name);
    zip.file(name, Buffer.from(src.slice(src.indexOf(',') + 1), 'base64'), { compression: 'STORE' });
  }
  if (!moved.size) return;
  for (const [name, file] of Object.entries(zip.files).filter(([n, f]) => !f.dir && n.endsWith('.rels'))) {
    const xml = await file.async('string');
    const changed = xml.replace(/Target="\.\.\/media\/([^"]+)"/g, (whole, part: string) => (moved.has(part) ? `Target="../media/${moved.get(part)}"` : whole));
    if (changed !== xml) zip.file(name, changed);
  }
}

export async function finishPptx(bytes: Uint8Array, deck: Presentation, pictures: string[] = []): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  await placePictures(zip, pictures);
  const japanese = deck.lang.startsWith('ja');
  for (const [i, slide] of deck.slides.entries()) {
    const name = `ppt/slides/slide${i + 1}.xml`;
    let xml = await zip.file(name)!.async('string');
    xml = addConnectors(xml, slide.shapes.filter((s): s is Connector => s.type === 'connector'));
    xml = tidyParagraphs(xml, deck.lang);
    if (japanese) xml = japaneseCharset(xml);
    zip.file(name, xml);
    const notesName = `ppt/notesSlides/notesSlide${i + 1}.xml`;
    const notes = zip.file(notesName);
    if (notes && slide.notes.length) zip.file(notesName, notesXml(await notes.async('string'), slide.notes, deck.lang));
  }
  // Text without a typeface of its own (the notes, text a user adds) takes the theme's: for
  // Japanese, a font every Windows and macOS Office has.
  const theme = zip.file('ppt/theme/theme1.xml');
  if (theme && japanese) zip.file('ppt/theme/theme1.xml', (await theme.async('string')).replace(/<a:ea typeface=""\/>/g, `<a:ea typeface="${escapeHtml(deck.font.eastAsianFallback)}"/>`));
  await checkCharacters(zip);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * Every XML part holds only characters XML 1.0 allows, or no file is made: the memo and deck.yaml
 * are checked where they are read (src/parse/parse.ts, src/config/yaml.ts), and this is the last
 * guard, for text from anywhere else, that no PowerPoint file is written that PowerPoint repairs
 * and LibreOffice refuses.
 */
async function checkCharacters(zip: JSZip): Promise<void> {
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir || !/\.(xml|rels)$/.test(name)) continue;
    const xml = await file.async('string');
    const bad = forbiddenXmlChar(xml) ?? (xml.includes(VERTICAL_TAB) ? { char: VERTICAL_TAB, index: xml.indexOf(VERTICAL_TAB) } : undefined);
    if (!bad) continue;
    const around = xml.slice(Math.max(0, bad.index - 40), bad.index).replace(/<[^>]*>?/g, ' ').replace(/^.*\s{2,}/, '').trim();
    throw new BriefdeckError(`the PowerPoint file was not written: its part ${name} would hold the character ${describeChar(bad.char)}${around ? ` (after "${around}")` : ''}, which XML forbids`, [], 1, FORBIDDEN_CHAR_HINT);
  }
}
