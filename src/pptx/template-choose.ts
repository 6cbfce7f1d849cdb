// Which of a template's layouts a slide of each kind goes in: by its placeholders, then by its name
// (a layout named for text takes content; one named for a cover, section or closing does not while
// another fits), or as deck.yaml's pptx.layouts names it; and the look the HTML deck may take from it.
import type { LayoutRole, Template, TemplateLayout, TemplatePlaceholder } from './template-types.ts';
import { BriefdeckError } from '../core/errors.ts';

const ROLE_TYPES: Record<LayoutRole, string[]> = {
  title: ['title'],
  section: ['secHead'],
  content: ['obj', 'tx'],
  // twoColTx: Google Slides' "Title and two columns".
  two: ['twoObj', 'twoTxTwoObj', 'twoColTx'],
  titleOnly: ['titleOnly'],
  closing: [],
};

/** Common layout names, English (PowerPoint's, LibreOffice's, Google Slides' as TITLE_AND_BODY) and PowerPoint ja's. */
const ROLE_NAMES: Record<LayoutRole, RegExp> = {
  title: /^(title slide|title|cover|cover slide|タイトル スライド|タイトルスライド|表紙)$/i,
  section: /^(section header|section heading|section title|section|セクション見出し|セクション ヘッダー)$/i,
  content: /^(title and content|title, content|title and text|title and body|content|タイトルとコンテンツ|タイトルとテキスト)$/i,
  two: /^(two content|two contents|title and two content|title and two columns|title, 2 content|2 つのコンテンツ|2つのコンテンツ)$/i,
  titleOnly: /^(title only|タイトルのみ)$/i,
  // Whole words: "Agenda", "Legend" and "Appendix" hold "end" and are no closing slide.
  closing: /(^|[^a-z])(closing|end|thanks?|thank you)([^a-z]|$)|クロージング|終了|終わり|おわり|エンド|ご清聴/i,
};

const isTitle = (p: TemplatePlaceholder) => p.type === 'title' || p.type === 'ctrTitle';
const isBody = (p: TemplatePlaceholder) => p.type === 'body' || p.type === 'obj';
const isFurniture = (p: TemplatePlaceholder) => p.type === 'dt' || p.type === 'ftr' || p.type === 'sldNum' || p.type === 'hdr';

const area = (p: TemplatePlaceholder) => p.box.cx * p.box.cy;
/** The room a layout gives its body text: its largest body's area. */
const bodyRoom = (l: TemplateLayout) => Math.max(0, ...l.placeholders.filter(isBody).map(area));

function shapeOf(l: TemplateLayout) {
  const main = l.placeholders.filter((p) => !isFurniture(p));
  return { titles: main.filter(isTitle).length, bodies: main.filter(isBody).length, ctr: main.some((p) => p.type === 'ctrTitle'), sub: main.some((p) => p.type === 'subTitle'), others: main.filter((p) => !isTitle(p) && !isBody(p)).length };
}

/** Of the layouts that fit, the one with the most room for text (a cover's short subtitle box is not a content layout's body). */
function roomiest(layouts: TemplateLayout[]): TemplateLayout | undefined {
  return layouts.reduce<TemplateLayout | undefined>((best, l) => (!best || bodyRoom(l) > bodyRoom(best) ? l : best), undefined);
}

const words = (name: string) => name.trim().replace(/[_\s]+/g, ' ');
/** A name that says a layout is for text: Content, Title and Content, Body, Text, コンテンツ, 本文… */
const TEXT_NAME = /(^|[^a-z])(contents?|body|text|bullets?)([^a-z]|$)|コンテンツ|テキスト|本文|箇条書き/i;
/** A name that says a layout is for a slide of its own kind: a cover, title, closing, section or agenda slide. */
const OWN_KIND_NAME = /(^|[^a-z])(cover|title slide|closing|end|thanks?|thank you|section( header| heading| title)?|agenda|divider)([^a-z]|$)|^title$|表紙|タイトル ?スライド|セクション|クロージング|アジェンダ|目次|ご清聴/i;

/**
 * A text slide's layout among those that fit by placeholders (layouts without a type, as
 * pptxgenjs and Google Slides write them): one named for text first, then any not named for a
 * cover, title, closing, section or agenda slide, the roomiest of them; a cover only when nothing
 * else fits (its subtitle box may be larger than the content layout's body).
 */
function forText(layouts: TemplateLayout[]): TemplateLayout | undefined {
  const named = layouts.filter((l) => TEXT_NAME.test(words(l.name)) && !OWN_KIND_NAME.test(words(l.name)));
  const plain = layouts.filter((l) => !OWN_KIND_NAME.test(words(l.name)));
  return roomiest(named) ?? roomiest(plain) ?? roomiest(layouts);
}

function byPlaceholders(layouts: TemplateLayout[], role: LayoutRole): TemplateLayout | undefined {
  const fits: Record<LayoutRole, (s: ReturnType<typeof shapeOf>) => boolean> = {
    title: (s) => s.ctr || (s.titles === 1 && s.sub),
    section: () => false,
    content: (s) => s.titles === 1 && s.bodies === 1 && s.others === 0,
    two: (s) => s.titles === 1 && s.bodies === 2 && s.others === 0,
    titleOnly: (s) => s.titles === 1 && s.bodies === 0 && s.others === 0,
    closing: () => false,
  };
  const fitting = layouts.filter((l) => fits[role](shapeOf(l)));
  return role === 'content' || role === 'two' ? forText(fitting) : fitting[0];
}

/** The template's layout for a role of slide: the override by name, else by type, by placeholders, by common name, else the closest. */
export function layoutFor(template: Template, role: LayoutRole, overrides?: Partial<Record<LayoutRole, string>>): TemplateLayout {
  const { layouts } = template;
  const wanted = overrides?.[role];
  if (wanted !== undefined) {
    const found = layouts.find((l) => l.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (found) return found;
    const where = template.file ? `${template.file} has` : 'the template has';
    throw new BriefdeckError(`no layout named "${wanted}" for ${role} slides: ${where} ${layouts.map((l) => `"${l.name}"`).join(', ')}`, [], 1, 'name one of those layouts (the names PowerPoint shows under Home › Layout)');
  }
  const byType = ROLE_TYPES[role].map((t) => layouts.find((l) => l.type === t)).find(Boolean);
  if (byType) return byType;
  if (role === 'closing') return layouts.find((l) => ROLE_NAMES.closing.test(l.name)) ?? layoutFor(template, 'title');
  return (
    byPlaceholders(layouts, role) ??
    layouts.find((l) => ROLE_NAMES[role].test(words(l.name))) ??
    forText(layouts.filter((l) => l.placeholders.some(isTitle) && l.placeholders.some(isBody))) ??
    layouts.find((l) => l.placeholders.some(isTitle)) ??
    layouts[0]!
  );
}

/** What a template gives the HTML deck when deck.yaml's brand does not say: its accent and its body font. */
export interface TemplateLook {
  /** accent1, #rrggbb. */
  accent: string;
  /** The body (minor) font, Latin then East Asian, as a CSS font-family list; absent when the theme names none. */
  fontFamily?: string;
}

export function templateLook(template: Template): TemplateLook {
  const { minor } = template.theme.fonts;
  const faces = [...new Set([minor.latin, minor.ea].map((f) => f.trim()).filter((f) => f !== '' && !f.startsWith('+')))];
  const quote = (f: string) => `"${f.replace(/["\\]/g, '')}"`;
  return { accent: template.theme.colors.accent1, ...(faces.length ? { fontFamily: [...faces.map(quote), 'sans-serif'].join(', ') } : {}) };
}
