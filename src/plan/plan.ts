// Memo model → Slide[]: what each slide shows, its notes, its diagram and its source line.
import { frameworkDiagram, initiativeDiagram, structureDiagram, type DiagramContext } from './diagrams.ts';
import { listItems, partsWithRole } from '../model/memo.ts';
import { inlineText, joinSentences, plain, text } from '../model/content.ts';
import type { Limits } from '../model/limits.ts';
import type { Strings, Theme } from '../model/theme.ts';
import type { Block, DiagramSpec, Inline, Memo, Part, Section, Slide, SlideItem, SourceRef, TableBlock, TableRow, TextBlock } from '../model/types.ts';
import { blockUnit, bodyBudget, fullUnit, leadUnits, paginate, paginateEvenly, type Heads, type Unit } from './paginate.ts';
import { chooseLayout } from './layout.ts';
import { estimateLines, splitTitle } from '../model/text.ts';

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

interface Frame {
  id: string;
  kicker?: Inline[];
  title: Inline[];
  subtitle?: Inline[];
  section: string;
  /** Plain text of the section's title. */
  sectionTitle?: string;
  source: SourceRef;
  kind?: Slide['kind'];
}

/** The fewest sections that make an agenda worth a slide. */
export const MIN_AGENDA = 3;

/** Memo → slides. Pure: the same memo and options always give the same slides. */
export function planDeck(memo: Memo, options: PlanOptions): Slide[] {
  const language = memo.meta.language;
  const ctx: Ctx = {
    ...options,
    memo,
    language,
    diagrams: { language, theme: options.theme, labelFor: options.labelFor ?? (() => undefined) },
  };
  // A lead under the memo's own title (an article's opening paragraphs) opens the deck: the agenda
  // and the sections' numbers start after it.
  const lead = memo.sections.length > 1 && squeezed(memo.sections[0]!.heading.text) === squeezed(memo.meta.title) ? 1 : 0;
  const body = memo.sections.flatMap((section, i) => sectionSlides(section, i, i - lead, ctx));
  const firstOf = (section: Section) => body.find((s) => s.source.line >= section.heading.line);
  // An agenda of one or two entries tells the audience nothing the slides do not.
  const listed = memo.sections.slice(lead);
  const agenda = listed.length >= MIN_AGENDA ? agendaSlides(memo, listed, ctx, (s) => firstOf(s)?.id) : [];
  // A memo whose structure the planner draws nowhere else gets a diagram of it, after the agenda.
  const overview = body.some((s) => s.diagram?.diagram.type === 'graph') ? [] : structureSlides(memo, ctx, new Set(body.map((s) => s.id)));
  return [titleSlide(memo, 'title', 'title'), ...agenda, ...overview, ...body, ...footnoteSlides(memo, ctx), ...sourceSlides(memo, ctx), titleSlide(memo, 'closing', 'closing')];
}

/** The line under the title: the memo's own subtitle, else the programme it belongs to (unless the title says it). */
function titleSubtitle(meta: Memo['meta']): string | undefined {
  const line = meta.subtitle ?? meta.program;
  return line && line.replace(/\s+/gu, '') !== meta.title.replace(/\s+/gu, '') ? line : undefined;
}

/** The title page's lines under the title: the authors; the publisher and the date. */
function byline(memo: Memo): string[][] {
  const { authors, publisher, date } = memo.meta;
  // A title slide says each thing once: a publisher who is also an author (or the title), once.
  const said = new Set([memo.meta.title, memo.meta.series, titleSubtitle(memo.meta)].filter(Boolean).map((v) => v!.replace(/\s+/gu, '')));
  const once = (v: string | undefined) => {
    if (!v || said.has(v.replace(/\s+/gu, ''))) return undefined;
    said.add(v.replace(/\s+/gu, ''));
    return v;
  };
  const lines: string[][] = [];
  const names = authors.map(once).filter((v): v is string => !!v);
  if (names.length) lines.push(names);
  const published = [once(publisher), once(date)].filter((v): v is string => !!v);
  if (published.length) lines.push(published);
  return lines;
}

/**
 * Where the memo can be read, for the closing slide: a web address or a citation, as the memo
 * gives it. A bare file name (what the importer notes it read) tells an audience nothing.
 */
export function shownSource(source: string | undefined): string | undefined {
  if (!source) return undefined;
  return /^[^\s/\\:]+\.[A-Za-z0-9]{1,5}$/.test(source.trim()) ? undefined : source;
}

function titleSlide(memo: Memo, id: string, kind: 'title' | 'closing'): Slide {
  const { meta } = memo;
  return {
    id,
    kind,
    section: id,
    sectionTitle: meta.title,
    ...(meta.series ? { kicker: plain(meta.series) } : {}),
    title: plain(meta.title),
    ...(titleSubtitle(meta) && kind === 'title' ? { subtitle: plain(titleSubtitle(meta)!) } : {}),
    layout: kind,
    byline: byline(memo),
    // The closing slide says where the memo can be read: its source.
    items: kind === 'closing' && shownSource(meta.source) ? [{ content: sourceEntry(shownSource(meta.source)!), style: 'plain', level: 0 }] : [],
    notes: [],
    source: { file: memo.file, line: 1 },
  };
}

const squeezed = (value: string) => value.replace(/\s+/gu, '');

function agendaSlides(memo: Memo, sections: Section[], ctx: Ctx, target: (s: Section) => string | undefined): Slide[] {
  const frame: Frame = { id: 'agenda', title: plain(ctx.strings.agenda), section: '', source: { file: memo.file, line: 1 }, kind: 'agenda' };
  const units = sections.map((section, i) => {
    const href = target(section);
    const item: SlideItem = { content: section.heading.content, marker: sectionNumber(i), style: 'bullet', level: 0, source: section.heading, ...(href ? { href } : {}) };
    return fullUnit(item, section.heading.text, ctx.theme.font.body, ctx.theme, ctx.language);
  });
  return pagesOf(frame, units, ctx);
}

/** A section's slides; `number`: its place among the numbered sections (after a lead). */
function sectionSlides(section: Section, index: number, number: number, ctx: Ctx): Slide[] {
  const id = section.heading.id ?? `s${index + 1}`;
  const base: Frame = { id, title: section.heading.content, section: id, sectionTitle: section.heading.text, source: section.heading };
  const slides: Slide[] = [];
  if (section.role === 'assessment' || (section.parts.length > 0 && section.blocks.length === 0 && section.role === 'plain')) {
    slides.push({ ...dividerSlide(base, section, ctx), ...(number >= 0 ? { number: sectionNumber(number) } : {}) });
  }
  slides.push(...blockSlides(base, section.blocks, ctx));
  // The section's framework opens its parts (after the recommendations, when they are listed directly under it).
  const initiatives = section.parts.filter((p) => p.role === 'initiative');
  const framework = initiatives.length > 0 || section.role === 'initiatives' ? frameworkDiagram(section, partsWithRole(ctx.memo, 'approach'), ctx.diagrams) : undefined;
  if (framework) slides.push(frameworkSlide(base, section, framework.diagram, initiatives[0]?.heading ?? section.heading, ctx));
  // A lone initiative under its section's title: the framework is its diagram with the title
  // above, so it needs no second one. (With approaches, the framework tells which one it serves
  // and the initiative's own diagram shows its recommendations at full size.)
  const ownDiagrams = !(framework?.showsItems && !framework.approaches && initiatives.length === 1);
  section.parts.forEach((part, j) => {
    const frame: Frame = { ...base, id: part.heading.id ?? `${id}-${j + 1}`, kicker: section.heading.content, title: part.heading.content, source: part.heading };
    slides.push(...(part.role === 'initiative' ? initiativeSlides(frame, part, ctx, ownDiagrams) : blockSlides(frame, part.blocks, ctx)));
  });
  return slides;
}

/** A section's number as the agenda and its opener show it: 01, 02, … */
const sectionNumber = (index: number) => String(index + 1).padStart(2, '0');

/**
 * A section's opening slide listing its parts, for sections made of parts. Parts named as in
 * other sections ("問題分析", "施策" under every measure) are listed with their first sentence,
 * so that each opener says what its own section holds.
 */
function dividerSlide(base: Frame, section: Section, ctx: Ctx): Slide {
  const elsewhere = new Set(ctx.memo.sections.filter((s) => s !== section).flatMap((s) => s.parts.map((p) => p.heading.text)));
  const separator = ctx.language.startsWith('ja') || ctx.language.startsWith('zh') ? '：' : ': ';
  const items = section.parts.map((p): SlideItem => {
    const first = p.blocks.find((b): b is TextBlock => b.type === 'text')?.sentences[0];
    const content = elsewhere.has(p.heading.text) && first ? [...p.heading.content, text(separator), ...first.content] : p.heading.content;
    return { content, style: 'plain', level: 0, source: p.heading };
  });
  return slide({ ...base, kind: 'divider' }, items, []);
}

function frameworkSlide(base: Frame, section: Section, diagram: DiagramSpec['diagram'], source: SourceRef, ctx: Ctx): Slide {
  const spec: DiagramSpec = { diagram, label: section.heading.text, source: { file: source.file, line: source.line } };
  const frame: Frame = { ...base, id: `${base.id}-framework`, source, kind: 'diagram' };
  return { ...slide(frame, [], []), diagram: spec };
}

/** The structure of a memo the planner draws no other diagram of: its sections, parts and points. */
function structureSlides(memo: Memo, ctx: Ctx, taken: Set<string>): Slide[] {
  const diagram = structureDiagram(memo, ctx.diagrams);
  const first = memo.sections[0];
  if (!diagram || !first) return [];
  const source: SourceRef = { file: first.heading.file, line: first.heading.line };
  // Its own id, whatever ids the memo gives its headings.
  let id = 'structure';
  while (taken.has(id)) id = `${id}-diagram`;
  const frame: Frame = { id, title: plain(memo.meta.title), section: id, sectionTitle: memo.meta.title, source, kind: 'diagram' };
  return [{ ...slide(frame, [], []), diagram: { diagram, label: memo.meta.title, source } }];
}

function initiativeSlides(frame: Frame, part: Part, ctx: Ctx, ownDiagram: boolean): Slide[] {
  const heads = headingParts(part);
  const initiativeFrame: Frame = { ...frame, ...heads, kind: 'initiative' };
  const slides = blockSlides(initiativeFrame, part.blocks, ctx);
  if (heads.subtitle && slides[0]) slides[0] = { ...slides[0], notes: [part.heading.content, ...slides[0].notes] };
  if (!ownDiagram) return slides;
  const drawn = initiativeDiagram(part, listItems(part), ctx.diagrams);
  if (!drawn) return slides;
  const diagram: DiagramSpec = { diagram: drawn, label: part.heading.text, source: part.heading };
  const diagramFrame: Frame = { ...frame, title: heads.title, id: `${frame.id}-diagram`, kind: 'diagram' };
  slides.push({ ...slide(diagramFrame, [], []), diagram });
  return slides;
}

/** "Name－statement" headings show the name as title and the statement under it. */
function headingParts(part: Part): { title: Inline[]; subtitle?: Inline[] } {
  const { content } = part.heading;
  // A heading with emphasis, links or notes is shown whole, as written.
  if (!content.every((i) => i.type === 'text')) return { title: content };
  const { title, subtitle } = splitTitle(part.heading.text);
  return subtitle ? { title: plain(title), subtitle: plain(subtitle) } : { title: content };
}

/** Text blocks become paginated slides; a diagram fence becomes a slide of its own. */
function blockSlides(frame: Frame, blocks: Block[], ctx: Ctx): Slide[] {
  const slides: Slide[] = [];
  let run: TextBlock[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const units = run.map((b) => blockUnit(b, ctx.theme, ctx.language));
    const first = slides.length === 0 ? frame : { ...frame, id: `${frame.id}-${slides.length + 1}`, source: run[0]! };
    const pages = pagesOf(first, units, ctx);
    // A list whose entries have sub-items, too long for one slide, goes entry by entry: each
    // entry with sub-items leads a slide of its own, its sub-items the points under it, at the
    // size of points; the entries with none stay together as a list. (One that fits keeps its
    // two levels on its one slide.)
    const leads = pages.length > 1 && run.some((b) => b.children.length > 0);
    if (!leads) slides.push(...pages);
    else {
      const { subtitle: _statement, ...rest } = frame;
      for (const group of leadGroups(run)) {
        const f = slides.length === 0 ? frame : { ...rest, id: `${frame.id}-${slides.length + 1}`, source: group[0]! };
        slides.push(...(group[0]!.children.length > 0 ? leadPages(f, group[0]!, ctx) : pagesOf(f, group.map((b) => blockUnit(b, ctx.theme, ctx.language)), ctx)));
      }
    }
    run = [];
  };
  for (const block of blocks) {
    if (block.type === 'text') {
      run.push(block);
      continue;
    }
    flush();
    if (block.type === 'image') {
      const id = slides.length === 0 ? frame.id : `${frame.id}-${slides.length + 1}`;
      slides.push({ ...slide({ ...frame, id, source: block, kind: 'content' }, [], []), layout: 'image', image: { src: block.src, alt: block.alt } });
      continue;
    }
    if (block.type === 'table') {
      const id = slides.length === 0 ? frame.id : `${frame.id}-${slides.length + 1}`;
      slides.push(...tableSlides({ ...frame, id, source: block }, block, ctx));
      continue;
    }
    const id = slides.length === 0 ? frame.id : `${frame.id}-${slides.length + 1}`;
    const diagram: DiagramSpec = { diagram: { type: 'mermaid', code: block.code, codeLine: block.codeLine }, label: inlineText(frame.title), source: block };
    slides.push({ ...slide({ ...frame, id, source: block, kind: 'diagram', subtitle: undefined }, [], []), diagram });
  }
  flush();
  if (slides.length === 0 && frame.kind === 'initiative') slides.push(slide(frame, [], []));
  return slides;
}

/** The longest lead (in characters) that becomes a slide's title: what a title shows on two lines. */
const LEAD_TITLE_CHARS = 40;

/** Blocks in order: each one with sub-items alone, the runs of those without together. */
function leadGroups(blocks: TextBlock[]): TextBlock[][] {
  const groups: TextBlock[][] = [];
  for (const block of blocks) {
    const last = groups.at(-1);
    if (block.children.length === 0 && last && last[0]!.children.length === 0) last.push(block);
    else groups.push([block]);
  }
  return groups;
}

/**
 * An entry with sub-items on slides of its own: the entry as the lead line, its sub-items as the
 * points under it; points that do not fit continue on a next slide (as many on each) under the
 * lead again (the title marked as continued), so that each slide says what its points are about.
 */
function leadPages(given: Frame, block: TextBlock, ctx: Ctx): Slide[] {
  const units = leadUnits(block, ctx.theme, ctx.language);
  const { points } = units;
  // Under a title that only repeats the deck's (a memo of one section), a short lead is the
  // slide's title, the section's above it: each slide then says what it is about.
  const named = squeezed(inlineText(given.title)) === squeezed(ctx.memo.meta.title) && block.sentences.length === 1 && units.lead.chars <= LEAD_TITLE_CHARS;
  const frame: Frame = named ? { ...given, kicker: given.kicker ?? given.title, title: block.sentences[0]!.content } : given;
  const lead = named ? { ...units.lead, items: [], height: 0, chars: 0 } : units.lead;
  const { subtitle: _statement, ...rest } = frame;
  const continued: Frame = { ...rest, title: continuedTitle(frame.title, ctx.strings.continued) };
  const budget = (page: number) => (ctx.limits?.fill ?? 1) * bodyBudget(page === 0 ? heads(frame) : heads(continued), ctx.theme, ctx.language) - lead.height;
  const pages = paginateEvenly(points, budget, ctx.limits?.maxBodyChars === undefined ? undefined : ctx.limits.maxBodyChars - lead.chars);
  return pages.map((page, k) => {
    const f = k === 0 ? frame : { ...continued, id: `${frame.id}-p${k + 1}` };
    const s = slide(f, [...lead.items, ...page.flatMap((u) => u.items)], [...(k === 0 ? lead.notes : []), ...page.flatMap((u) => u.notes)]);
    return pages.length > 1 ? { ...s, page: { index: k + 1, count: pages.length } } : s;
  });
}

/**
 * A table on slides of its own: as many rows as fit each slide (estimated at the table's text
 * size), every page with the header row; a long table continues like a long list.
 */
function tableSlides(frame: Frame, table: TableBlock, ctx: Ctx): Slide[] {
  const columns = Math.max(1, table.header.length, ...table.rows.map((r) => r.cells.length));
  const width = (ctx.theme.slide.width - 2 * ctx.theme.slide.paddingX) / columns;
  const px = ctx.theme.font.small;
  const rowHeight = (cells: Inline[][]) => Math.max(1, ...cells.map((c) => estimateLines(inlineText(c), px, width - px, ctx.language))) * px * ctx.theme.font.lineHeight + px * 0.7;
  const budget = (ctx.limits?.fill ?? 1) * bodyBudget(heads(frame), ctx.theme, ctx.language) - rowHeight(table.header);
  const pages: TableRow[][] = [[]];
  let used = 0;
  for (const row of table.rows) {
    const h = rowHeight(row.cells);
    if (pages.at(-1)!.length > 0 && used + h > budget) {
      pages.push([]);
      used = 0;
    }
    pages.at(-1)!.push(row);
    used += h;
  }
  const { subtitle: _statement, ...rest } = frame;
  return pages.map((rows, k) => {
    const f: Frame = k === 0 ? { ...frame, kind: 'content' } : { ...rest, kind: 'content', id: `${frame.id}-p${k + 1}`, title: continuedTitle(frame.title, ctx.strings.continued) };
    const s: Slide = { ...slide(f, [], []), layout: 'table', table: { header: table.header, rows, align: table.align } };
    return pages.length > 1 ? { ...s, page: { index: k + 1, count: pages.length } } : s;
  });
}

/** The footnotes slides: each footnote whole, after its label. */
function footnoteSlides(memo: Memo, ctx: Ctx): Slide[] {
  if (memo.footnotes.length === 0) return [];
  const frame: Frame = { id: 'footnotes', title: plain(ctx.strings.footnotes), section: 'footnotes', source: memo.footnotes[0]!, kind: 'footnotes' };
  const units = memo.footnotes.map((f, index) => {
    const item: SlideItem = { content: joinSentences(f.sentences), style: 'plain', level: 0, footnote: { index, label: f.label }, source: f };
    return fullUnit(item, `${f.label} ${f.sentences.map((s) => s.text).join('')}`, ctx.theme.font.small, ctx.theme, ctx.language);
  });
  return pagesOf(frame, units, ctx, false);
}

/** The addresses the footnotes cite, once each; the memo's own source is on the closing slide. */
function sourceSlides(memo: Memo, ctx: Ctx): Slide[] {
  const links = [...new Set(memo.footnotes.flatMap((f) => f.links))];
  if (links.length === 0) return [];
  const frame: Frame = { id: 'sources', title: plain(ctx.strings.sources), section: 'sources', source: memo.footnotes[0]!, kind: 'footnotes' };
  const units: Unit[] = links.map((entry) => fullUnit({ content: sourceEntry(entry), style: 'bullet', level: 0 }, entry, ctx.theme.font.small, ctx.theme, ctx.language));
  return pagesOf(frame, units, ctx, false);
}

/** A source: a link when it is a web address, else its title as text. */
function sourceEntry(entry: string): Inline[] {
  return /^https?:\/\//.test(entry) ? [{ type: 'link', href: entry, children: [text(entry)] }] : plain(entry);
}

/**
 * Lays units out over as many slides as they need; later pages say they continue. A reference
 * list (footnotes, sources) is not held to `maxBodyChars`: it is looked up, not spoken from.
 */
function pagesOf(frame: Frame, units: Unit[], ctx: Ctx, spoken = true): Slide[] {
  // Later pages repeat the title (marked as continued), not the statement under it.
  const { subtitle: _statement, ...rest } = frame;
  const continued: Frame = { ...rest, title: continuedTitle(frame.title, ctx.strings.continued) };
  const budget = (page: number) => (ctx.limits?.fill ?? 1) * bodyBudget(page === 0 ? heads(frame) : heads(continued), ctx.theme, ctx.language);
  const pages = paginate(units, budget, spoken ? ctx.limits?.maxBodyChars : undefined);
  return pages.map((page, k) => {
    const f = k === 0 ? frame : { ...continued, id: `${frame.id}-p${k + 1}` };
    const s = slide(f, page.flatMap((u) => u.items), page.flatMap((u) => u.notes));
    return pages.length > 1 ? { ...s, page: { index: k + 1, count: pages.length } } : s;
  });
}

/** Heads as plain text, for the layout estimate. */
function heads(frame: Frame): Heads {
  return {
    title: inlineText(frame.title, true),
    ...(frame.kicker ? { kicker: inlineText(frame.kicker, true) } : {}),
    ...(frame.subtitle ? { subtitle: inlineText(frame.subtitle, true) } : {}),
  };
}

function slide(frame: Frame, items: SlideItem[], notes: Inline[][]): Slide {
  const kind = frame.kind ?? 'content';
  return {
    id: frame.id,
    kind,
    layout: chooseLayout(kind, items),
    section: frame.section || frame.id,
    sectionTitle: frame.sectionTitle ?? inlineText(frame.title),
    ...(frame.kicker ? { kicker: frame.kicker } : {}),
    title: frame.title,
    ...(frame.subtitle ? { subtitle: frame.subtitle } : {}),
    byline: [],
    items,
    notes,
    source: { file: frame.source.file, line: frame.source.line },
  };
}

/** A later page's title: the title, marked as continued — a space between them in spaced writing ("Defining AI (continued)", 「政策概要（続き）」). */
function continuedTitle(title: Inline[], label: string): Inline[] {
  return joinSentences([
    { content: title, text: inlineText(title) },
    { content: [text(label)], text: label },
  ]);
}
