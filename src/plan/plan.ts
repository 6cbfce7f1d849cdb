// Memo model → Slide[]: what each slide shows, its notes, its diagram and its source line.
import { frameworkDiagram, initiativeDiagram, type DiagramContext } from '../diagrams/generate.ts';
import { listItems, partsWithRole } from '../parse/parse.ts';
import { footnoteAnchor } from '../parse/markdown.ts';
import { escapeHtml, htmlToText } from '../files.ts';
import type { Limits } from '../limits.ts';
import type { Strings, Theme } from '../theme.ts';
import type { Block, DiagramSpec, Memo, Part, Section, Slide, SlideItem, SourceRef, TextBlock } from '../types.ts';
import { blockUnit, bodyBudget, fullUnit, paginate, type Heads, type Unit } from './paginate.ts';
import { joinSentences, splitTitle } from './text.ts';

export interface PlanOptions {
  theme: Theme;
  strings: Strings;
  /** Editorial short labels for diagram nodes, looked up by the text they label. */
  labelFor?: (text: string) => string | undefined;
  /** The deck's limits the planner keeps to (share of a slide's body it fills, characters). */
  limits?: Pick<Limits, 'fill' | 'maxBodyChars'>;
}


interface Ctx extends PlanOptions {
  memo: Memo;
  language: string;
  diagrams: DiagramContext;
}

interface Frame extends Heads {
  id: string;
  section: string;
  /** Plain text of the section's title. */
  sectionTitle?: string;
  source: SourceRef;
  kind?: Slide['kind'];
}

/** Memo → slides. Pure: the same memo and options always give the same slides. */
export function planDeck(memo: Memo, options: PlanOptions): Slide[] {
  const language = memo.meta.language;
  const ctx: Ctx = {
    ...options,
    memo,
    language,
    diagrams: { language, theme: options.theme, labelFor: options.labelFor ?? (() => undefined) },
  };
  const body = memo.sections.flatMap((section, i) => sectionSlides(section, i, ctx));
  const firstOf = (section: Section) => body.find((s) => s.source.line >= section.heading.line);
  const agenda = agendaSlides(memo, ctx, (s) => firstOf(s)?.id);
  const footnotes = footnoteSlides(memo, ctx);
  const slides = [titleSlide(memo, 'title', 'title'), ...agenda, ...body, ...footnotes.slides, ...sourceSlides(memo, ctx), titleSlide(memo, 'closing', 'closing')];
  return linkFootnotes(slides, footnotes.slideOf);
}

/** Points each footnote reference at the slide its footnote landed on (a long list goes on). */
function linkFootnotes(slides: Slide[], slideOf: string[]): Slide[] {
  if (slideOf.length === 0) return slides;
  const targets = new Map(slideOf.map((id, index) => [`href="${footnoteAnchor(index)}"`, `href="#/${id}"`]));
  const link = (html: string) => html.replace(/href="#\/fn-\d+"/g, (anchor) => targets.get(anchor) ?? anchor);
  const linkItem = (item: SlideItem): SlideItem => ({ ...item, html: link(item.html), children: item.children.map(linkItem) });
  return slides.map((s) => ({
    ...s,
    title: link(s.title),
    ...(s.subtitle ? { subtitle: link(s.subtitle) } : {}),
    items: s.items.map(linkItem),
    notes: s.notes.map(link),
  }));
}

function byline(memo: Memo): string[] {
  const lines: string[] = [];
  if (memo.meta.authors.length) lines.push(memo.meta.authors.map((a) => `<span>${escapeHtml(a)}</span>`).join(''));
  if (memo.meta.publisher) lines.push(escapeHtml(memo.meta.publisher));
  return lines;
}

function titleSlide(memo: Memo, id: string, kind: 'title' | 'closing'): Slide {
  const { meta } = memo;
  return {
    id,
    kind,
    section: id,
    sectionTitle: meta.title,
    ...(meta.series ? { kicker: escapeHtml(meta.series) } : {}),
    title: escapeHtml(meta.title),
    ...(meta.program && kind === 'title' ? { subtitle: escapeHtml(meta.program) } : {}),
    byline: byline(memo),
    items: [],
    notes: [],
    source: { file: memo.file, line: 1 },
  };
}

function agendaSlides(memo: Memo, ctx: Ctx, target: (s: Section) => string | undefined): Slide[] {
  const frame: Frame = { id: 'agenda', title: escapeHtml(ctx.strings.agenda), section: '', source: { file: memo.file, line: 1 }, kind: 'agenda' };
  const units = memo.sections.map((section) => {
    const href = target(section);
    const item: SlideItem = { html: section.heading.html, style: 'bullet', children: [], ...(href ? { href } : {}) };
    return fullUnit(item, section.heading.text, ctx.theme.font.body, ctx.theme, ctx.language);
  });
  return pagesOf(frame, units, ctx);
}

function sectionSlides(section: Section, index: number, ctx: Ctx): Slide[] {
  const id = section.heading.id ?? `s${index + 1}`;
  const base: Frame = { id, title: section.heading.html, section: id, sectionTitle: section.heading.text, source: section.heading };
  const slides: Slide[] = [];
  if (section.role === 'assessment' || (section.parts.length > 0 && section.blocks.length === 0 && section.role === 'plain')) {
    slides.push(dividerSlide(base, section, ctx));
  }
  slides.push(...blockSlides(base, section.blocks, ctx));
  const approaches = partsWithRole(ctx.memo, 'approach');
  const initiatives = partsWithRole(ctx.memo, 'initiative');
  section.parts.forEach((part, j) => {
    if (part.role === 'initiative' && part === initiatives[0]) slides.push(frameworkSlide(base, section, approaches, initiatives, ctx));
    const frame: Frame = { ...base, id: part.heading.id ?? `${id}-${j + 1}`, kicker: section.heading.html, title: part.heading.html, source: part.heading };
    slides.push(...(part.role === 'initiative' ? initiativeSlides(frame, part, ctx) : blockSlides(frame, part.blocks, ctx)));
  });
  return slides;
}

/** A section's opening slide listing its parts, for sections made of parts. */
function dividerSlide(base: Frame, section: Section, ctx: Ctx): Slide {
  const items = section.parts.map((p): SlideItem => ({ html: p.heading.html, style: 'plain', children: [] }));
  return slide({ ...base, kind: 'divider' }, items, []);
}

function frameworkSlide(base: Frame, section: Section, approaches: Part[], initiatives: Part[], ctx: Ctx): Slide {
  const diagram: DiagramSpec = {
    code: frameworkDiagram(approaches, initiatives, ctx.diagrams),
    label: section.heading.text,
    source: initiatives[0]!.heading,
  };
  const frame: Frame = { ...base, id: `${base.id}-framework`, source: initiatives[0]!.heading, kind: 'diagram' };
  return { ...slide(frame, [], []), diagram };
}

function initiativeSlides(frame: Frame, part: Part, ctx: Ctx): Slide[] {
  const heads = headingParts(part);
  const initiativeFrame: Frame = { ...frame, ...heads, kind: 'initiative' };
  const slides = blockSlides(initiativeFrame, part.blocks, ctx);
  if (heads.subtitle && slides[0]) slides[0] = { ...slides[0], notes: [`<p>${part.heading.html}</p>`, ...slides[0].notes] };
  const diagram: DiagramSpec = {
    code: initiativeDiagram(part, listItems(part), ctx.diagrams),
    label: part.heading.text,
    source: part.heading,
  };
  const diagramFrame: Frame = { ...frame, title: heads.title, id: `${frame.id}-diagram`, kind: 'diagram' };
  slides.push({ ...slide(diagramFrame, [], []), diagram });
  return slides;
}

/** "Name－statement" headings show the name as title and the statement under it. */
function headingParts(part: Part): { title: string; subtitle?: string } {
  const { html, text } = part.heading;
  if (html !== escapeHtml(text)) return { title: html };
  const { title, subtitle } = splitTitle(text);
  return subtitle ? { title: escapeHtml(title), subtitle: escapeHtml(subtitle) } : { title: html };
}

/** Text blocks become paginated slides; a diagram fence becomes a slide of its own. */
function blockSlides(frame: Frame, blocks: Block[], ctx: Ctx): Slide[] {
  const slides: Slide[] = [];
  let run: TextBlock[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const units = run.map((b) => blockUnit(b, ctx.theme, ctx.language));
    const first = slides.length === 0 ? frame : { ...frame, id: `${frame.id}-${slides.length + 1}`, source: run[0]! };
    slides.push(...pagesOf(first, units, ctx));
    run = [];
  };
  for (const block of blocks) {
    if (block.type === 'text') {
      run.push(block);
      continue;
    }
    flush();
    const id = slides.length === 0 ? frame.id : `${frame.id}-${slides.length + 1}`;
    const diagram: DiagramSpec = { code: block.code, label: stripTags(frame.title), source: block, codeLine: block.codeLine };
    slides.push({ ...slide({ ...frame, id, source: block, kind: 'diagram', subtitle: undefined }, [], []), diagram });
  }
  flush();
  if (slides.length === 0 && frame.kind === 'initiative') slides.push(slide(frame, [], []));
  return slides;
}

/** The footnotes slides, and the id of the slide each footnote is on (by its index). */
function footnoteSlides(memo: Memo, ctx: Ctx): { slides: Slide[]; slideOf: string[] } {
  if (memo.footnotes.length === 0) return { slides: [], slideOf: [] };
  const frame: Frame = { id: 'footnotes', title: escapeHtml(ctx.strings.footnotes), section: 'footnotes', source: memo.footnotes[0]!, kind: 'footnotes' };
  const units = memo.footnotes.map((f) => {
    const html = `<span class="footnote-label">${escapeHtml(f.label)}</span> ${joinSentences(f.sentences)}`;
    const text = `${f.label} ${f.sentences.map((s) => s.text).join('')}`;
    return fullUnit({ html, style: 'plain', children: [] }, text, ctx.theme.font.small, ctx.theme, ctx.language);
  });
  const slides = pagesOf(frame, units, ctx);
  return { slides, slideOf: units.map((u) => slides.find((s) => s.items.includes(u.item))!.id) };
}

function sourceSlides(memo: Memo, ctx: Ctx): Slide[] {
  const links = [...new Set(memo.footnotes.flatMap((f) => f.links))];
  if (!memo.meta.source && links.length === 0) return [];
  const frame: Frame = { id: 'sources', title: escapeHtml(ctx.strings.sources), section: 'sources', source: { file: memo.file, line: 1 }, kind: 'footnotes' };
  const units: Unit[] = [];
  if (memo.meta.source) {
    const source = memo.meta.source;
    const html = /^https?:\/\//.test(source) ? link(source) : escapeHtml(source);
    units.push(fullUnit({ html, style: 'bullet', children: [] }, source, ctx.theme.font.small, ctx.theme, ctx.language));
  }
  for (const url of links) units.push(fullUnit({ html: link(url), style: 'bullet', children: [] }, url, ctx.theme.font.small, ctx.theme, ctx.language));
  return pagesOf(frame, units, ctx);
}

function link(url: string): string {
  const href = escapeHtml(url);
  return `<a href="${href}" target="_blank" rel="noopener noreferrer">${href}</a>`;
}

function stripTags(html: string): string {
  return htmlToText(html);
}

/** Lays units out over as many slides as they need; later pages say they continue. */
function pagesOf(frame: Frame, units: Unit[], ctx: Ctx): Slide[] {
  // Later pages repeat the title (marked as continued), not the statement under it.
  const { subtitle: _statement, ...rest } = frame;
  const continued: Frame = { ...rest, title: `${frame.title}${escapeHtml(ctx.strings.continued)}` };
  const budget = (page: number) => (ctx.limits?.fill ?? 1) * bodyBudget(page === 0 ? plain(frame) : plain(continued), ctx.theme, ctx.language);
  const pages = paginate(units, budget, ctx.limits?.maxBodyChars);
  return pages.map((page, k) => {
    const f = k === 0 ? frame : { ...continued, id: `${frame.id}-p${k + 1}` };
    const s = slide(f, page.map((u) => u.item), page.flatMap((u) => u.notes));
    return pages.length > 1 ? { ...s, page: { index: k + 1, count: pages.length } } : s;
  });
}

/** Heads as plain text, for the layout estimate. */
function plain(frame: Frame): Heads {
  return {
    title: stripTags(frame.title),
    ...(frame.kicker ? { kicker: stripTags(frame.kicker) } : {}),
    ...(frame.subtitle ? { subtitle: stripTags(frame.subtitle) } : {}),
  };
}

function slide(frame: Frame, items: SlideItem[], notes: string[]): Slide {
  return {
    id: frame.id,
    kind: frame.kind ?? 'content',
    section: frame.section || frame.id,
    sectionTitle: frame.sectionTitle ?? stripTags(frame.title),
    ...(frame.kicker ? { kicker: frame.kicker } : {}),
    title: frame.title,
    ...(frame.subtitle ? { subtitle: frame.subtitle } : {}),
    byline: [],
    items,
    notes,
    source: { file: frame.source.file, line: frame.source.line },
  };
}
