// What every planned slide starts from: the planner's context, a frame (the id, title, section and
// source a run of slides share), and the slides a run of units makes, continued under one title.
import type { DiagramContext } from './diagrams.ts';
import { inlineText, joinSentences, text } from '../model/content.ts';
import type { Limits } from '../model/limits.ts';
import type { Strings, Theme } from '../model/theme.ts';
import type { Inline, Memo, Slide, SlideItem, SourceRef } from '../model/types.ts';
import { bodyBudget, paginate, paginateEvenly, type Heads, type Unit } from './paginate.ts';
import { chooseLayout } from './layout.ts';

export interface PlanOptions {
  theme: Theme;
  strings: Strings;
  /** Editorial short labels for diagram nodes, looked up by the text they label. */
  labelFor?: (text: string) => string | undefined;
  /** The deck's limits the planner keeps to (share of a slide's body it fills, characters, the least type). */
  limits?: Partial<Pick<Limits, 'fill' | 'maxBodyChars' | 'minFontPx'>>;
}

export interface Ctx extends PlanOptions {
  memo: Memo;
  language: string;
  diagrams: DiagramContext;
}

export interface Frame {
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

/**
 * Lays units out over as many slides as they need; later pages say they continue. A reference
 * list (footnotes, sources) is not held to `maxBodyChars`: it is looked up, not spoken from.
 * `even`: the pages filled alike, no last page of one entry.
 */
export function pagesOf(frame: Frame, units: Unit[], ctx: Ctx, { spoken = true, even = false } = {}): Slide[] {
  // Later pages repeat the title (marked as continued), not the statement under it.
  const { subtitle: _statement, ...rest } = frame;
  const continued: Frame = { ...rest, title: continuedTitle(frame.title, ctx.strings.continued) };
  const budget = (page: number) => (ctx.limits?.fill ?? 1) * bodyBudget(page === 0 ? heads(frame) : heads(continued), ctx.theme, ctx.language);
  const pages = (even ? paginateEvenly : paginate)(units, budget, spoken ? ctx.limits?.maxBodyChars : undefined);
  return pages.map((page, k) => {
    const f = k === 0 ? frame : { ...continued, id: `${frame.id}-p${k + 1}` };
    const s = slide(f, page.flatMap((u) => u.items), page.flatMap((u) => u.notes));
    return pages.length > 1 ? { ...s, page: { index: k + 1, count: pages.length } } : s;
  });
}

/** Heads as plain text, for the layout estimate. */
export function heads(frame: Frame): Heads {
  return {
    title: inlineText(frame.title, true),
    ...(frame.kicker ? { kicker: inlineText(frame.kicker, true) } : {}),
    ...(frame.subtitle ? { subtitle: inlineText(frame.subtitle, true) } : {}),
    ...(frame.kind === 'divider' ? { opener: true } : {}),
  };
}

export function slide(frame: Frame, items: SlideItem[], notes: Inline[][]): Slide {
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
export function continuedTitle(title: Inline[], label: string): Inline[] {
  return joinSentences([
    { content: title, text: inlineText(title) },
    { content: [text(label)], text: label },
  ]);
}

/** Text with no white space: a heading compared with the memo's title, however each is spaced. */
export const squeezed = (value: string) => value.replace(/\s+/gu, '');
