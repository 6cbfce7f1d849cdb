// Memo model → Slide[]: what each slide shows, its notes, its diagram and its source line.
import { frameworkDiagram, initiativeDiagram, structureDiagram } from './diagrams.ts';
import { listItems, partsWithRole } from '../model/memo.ts';
import { plain, text } from '../model/content.ts';
import type { DiagramSpec, Inline, Memo, Part, Section, Slide, SlideItem, SourceRef, TextBlock } from '../model/types.ts';
import { fullUnit, partUnit } from './paginate.ts';
import { splitTitle } from '../model/text.ts';
import { slide, pagesOf, squeezed, type Ctx, type Frame, type PlanOptions } from './frame.ts';
import { blockSlides } from './blocks.ts';
import { titleSlide, footnoteSlides, sourceSlides } from './matter.ts';

export type { PlanOptions } from './frame.ts';
export { shownSource } from './matter.ts';

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
  const body = uniqueIds(memo.sections.flatMap((section, i) => sectionSlides(section, i, i - lead, ctx)));
  const firstOf = (section: Section) => body.find((s) => s.source.line >= section.heading.line);
  // An agenda of one or two entries tells the audience nothing the slides do not.
  const listed = memo.sections.slice(lead);
  const agenda = listed.length >= MIN_AGENDA ? agendaSlides(memo, listed, ctx, (s) => firstOf(s)?.id) : [];
  // A memo whose structure the planner draws nowhere else gets a diagram of it, after the agenda.
  const overview = body.some((s) => s.diagram?.diagram.type === 'graph') ? [] : structureSlides(memo, ctx, new Set(body.map((s) => s.id)));
  return [titleSlide(memo, 'title', 'title'), ...agenda, ...overview, ...body, ...footnoteSlides(memo, ctx), ...sourceSlides(memo, ctx), titleSlide(memo, 'closing', 'closing')];
}


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
    slides.push(...dividerSlides(base, section, ctx).map((s) => ({ ...s, ...(number >= 0 ? { number: sectionNumber(number) } : {}) })));
  }
  // (Under an opener, the section's own text is a slide of its own: another id than the opener's.)
  const opened = slides.length > 0;
  slides.push(...blockSlides(opened ? { ...base, id: `${id}-intro` } : base, section.blocks, ctx));
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

/**
 * Slides with ids of their own: a slide whose id an earlier one has (a heading's id written twice,
 * a run of a section's slides numbered as a part is) is told apart by a letter.
 */
function uniqueIds(slides: Slide[]): Slide[] {
  const taken = new Set<string>();
  return slides.map((s) => {
    let id = s.id;
    for (let n = 0; taken.has(id); n++) id = `${s.id}-${String.fromCharCode(98 + (n % 25))}${n >= 25 ? Math.floor(n / 25) : ''}`;
    taken.add(id);
    return id === s.id ? s : { ...s, id };
  });
}

/** A section's number as the agenda and its opener show it: 01, 02, … */
const sectionNumber = (index: number) => String(index + 1).padStart(2, '0');

/**
 * A section's opening slides listing its parts, for sections made of parts: as many as its parts
 * need, each under the section's number and title (later ones marked as continued). The parts are
 * a section's contents, best seen together: they take the deck's least type before a second slide. Parts named as in other sections ("問題分析", "施策" under every measure) are listed
 * with their first sentence, so that each opener says what its own section holds.
 */
function dividerSlides(base: Frame, section: Section, ctx: Ctx): Slide[] {
  const elsewhere = new Set(ctx.memo.sections.filter((s) => s !== section).flatMap((s) => s.parts.map((p) => p.heading.text)));
  const separator = ctx.language.startsWith('ja') || ctx.language.startsWith('zh') ? '：' : ': ';
  const units = section.parts.map((p) => {
    const first = p.blocks.find((b): b is TextBlock => b.type === 'text')?.sentences[0];
    const shown = elsewhere.has(p.heading.text) && first;
    const content = shown ? [...p.heading.content, text(separator), ...first.content] : p.heading.content;
    const item: SlideItem = { content, style: 'plain', level: 0, source: p.heading };
    return partUnit(item, shown ? `${p.heading.text}${separator}${first.text}` : p.heading.text, ctx.limits?.minFontPx ?? ctx.theme.font.small, ctx.theme, ctx.language);
  });
  return pagesOf({ ...base, kind: 'divider' }, units, ctx, { even: true });
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
