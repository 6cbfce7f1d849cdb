// The presentation model → a .pptx file (after Pandoc's Writers/Powerpoint/Output.hs): pptxgenjs
// writes the slides, shapes, text and properties; the XML is then finished where pptxgenjs has
// no option (src/pptx/finish.ts): connectors attached to their boxes, the East Asian typeface
// and the language on every run, the notes as paragraphs.
import PptxGenJS from 'pptxgenjs';
import { finishPptx, PLACEHOLDER } from './finish.ts';
import type { Paragraph, Presentation, PptxSlide, Shape } from './model.ts';

type TextRun = PptxGenJS.TextProps;

const hex = (color: string) => color.replace(/^#/, '').toUpperCase();

/**
 * The pictures of a presentation, each stored once (the logo is on every slide): pptxgenjs gets a
 * placeholder per picture (it would store the bytes again for every slide that shows them), and
 * finishPptx puts each picture's bytes in the first part that holds its placeholder and points
 * every slide at that one part.
 */
export class PictureStore {
  readonly pictures: string[] = [];
  private readonly index = new Map<string, number>();

  /** pptxgenjs's image data (`image/png;base64,…`) of the placeholder of a picture (a data: URL). */
  placeholder(src: string): string {
    let k = this.index.get(src);
    if (k === undefined) {
      k = this.pictures.push(src) - 1;
      this.index.set(src, k);
    }
    const type = /^data:([^;,]+)/.exec(src)?.[1] ?? 'image/png';
    return `${type};base64,${Buffer.from(`${PLACEHOLDER}${k}`).toString('base64')}`;
  }
}

function runsOf(p: Paragraph, font: Presentation['font'], lang: string): TextRun[] {
  const para = {
    fontFace: font.face,
    lang,
    fontSize: p.size,
    align: p.align ?? 'left',
    lineSpacing: Math.round(p.size * p.lineHeight * 10) / 10,
    paraSpaceBefore: p.spaceBefore ?? 0,
    paraSpaceAfter: p.spaceAfter ?? 0,
    ...(p.bullet ? { bullet: { characterCode: p.bullet.char, indent: Math.round(p.size * 1.2) }, indentLevel: p.bullet.level } : { bullet: false }),
  } as const;
  // A line break inside a run is a soft break (<a:br/>), not a new paragraph.
  const pieces = (p.runs.length ? p.runs : [{ text: '' }]).flatMap((r) => r.text.split('\n').map((text, k) => ({ ...r, text, breakBefore: k > 0 })));
  const runs = pieces.filter((r) => r.text !== '' || r.breakBefore || pieces.length === 1);
  return runs.map((r, i) => ({
    text: r.text,
    options: {
      ...(r.breakBefore ? { softBreakBefore: true } : {}),
      ...para,
      color: hex(r.color ?? p.color),
      bold: r.bold ?? p.bold ?? false,
      italic: r.italic ?? false,
      ...(r.strike ? { strike: 'sngStrike' as const } : {}),
      ...(r.superscript ? { superscript: true } : {}),
      ...(r.link ? { hyperlink: 'url' in r.link ? { url: r.link.url } : { slide: r.link.slide } } : {}),
      ...(i === runs.length - 1 ? { breakLine: true } : {}),
    },
  }));
}

function addShape(pres: PptxGenJS, slide: PptxGenJS.Slide, shape: Shape, deck: Presentation, store: PictureStore): void {
  const at = { x: shape.type === 'connector' ? 0 : shape.box.x, y: shape.type === 'connector' ? 0 : shape.box.y, w: shape.type === 'connector' ? 0 : shape.box.w, h: shape.type === 'connector' ? 0 : shape.box.h };
  switch (shape.type) {
    case 'text':
      slide.addText(
        shape.paragraphs.flatMap((p) => runsOf(p, deck.font, deck.lang)),
        {
          ...at,
          objectName: shape.name,
          shape: pres.ShapeType.rect,
          valign: shape.valign,
          margin: (shape.inset ?? 0) * 0.75,
          fit: 'none',
          ...(shape.fill ? { fill: { color: hex(shape.fill) } } : {}),
          ...(shape.line ? { line: { color: hex(shape.line), width: 1.5 } } : {}),
        },
      );
      return;
    case 'rect':
      slide.addShape(pres.ShapeType.rect, { ...at, objectName: shape.name, fill: { color: hex(shape.fill) }, line: { type: 'none' } });
      return;
    case 'image':
      slide.addImage({ ...at, objectName: shape.name, data: store.placeholder(shape.data), altText: shape.alt });
      return;
    case 'table': {
      const border = (color: string, pt: number) => ({ type: 'solid' as const, pt, color: hex(color) });
      const none = { type: 'none' as const };
      const cells = (row: Paragraph[], header: boolean): PptxGenJS.TableCell[] =>
        row.map((p) => ({
          text: runsOf(p, deck.font, deck.lang),
          options: { valign: 'top', margin: shape.inset * 0.75, border: [none, none, header ? border(shape.rule, 2.25) : border(shape.line, 0.75), none], ...(header ? { fill: { color: hex(shape.headerFill) } } : {}) },
        }));
      slide.addTable([cells(shape.header, true), ...shape.rows.map((r) => cells(r, false))], { x: at.x, y: at.y, w: at.w, colW: shape.columns, objectName: shape.name, autoPage: false });
      return;
    }
    case 'connector':
      // Written into the slide's XML by finishPptx: pptxgenjs draws only unattached lines.
      return;
  }
}

function addSlide(pres: PptxGenJS, deck: Presentation, model: PptxSlide, store: PictureStore): void {
  const slide = pres.addSlide();
  slide.background = { color: hex(model.background) };
  for (const shape of model.shapes) addShape(pres, slide, shape, deck, store);
  // A placeholder the finishing step replaces with the notes' paragraphs.
  if (model.notes.length) slide.addNotes(model.notes.join('\n'));
}

/**
 * The model with every vertical tab (PowerPoint's soft line break, come in with the memo's text
 * or deck.yaml's) a line break: a break in a run's text is an <a:br/>, and a vertical tab is a
 * character XML forbids.
 */
function withLineBreaks<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\v') ? value.replaceAll('\v', '\n') : value) as T;
  if (Array.isArray(value)) return value.map(withLineBreaks) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withLineBreaks(v)])) as T;
  return value;
}

/** The .pptx file's bytes. */
export async function writePresentation(model: Presentation): Promise<Uint8Array> {
  const deck = withLineBreaks(model);
  const pres = new PptxGenJS();
  pres.defineLayout({ name: 'BRIEFDECK', width: deck.size.w, height: deck.size.h });
  pres.layout = 'BRIEFDECK';
  pres.title = deck.title;
  pres.author = deck.authors.join(', ');
  if (deck.subject) pres.subject = deck.subject;
  pres.company = 'briefdeck';
  pres.theme = { headFontFace: deck.font.face, bodyFontFace: deck.font.face };
  const store = new PictureStore();
  for (const slide of deck.slides) addSlide(pres, deck, slide, store);
  const bytes = (await pres.write({ outputType: 'nodebuffer' })) as Uint8Array;
  return finishPptx(bytes, deck, store.pictures);
}
