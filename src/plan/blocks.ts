// A section's blocks as slides: paragraphs and lists paginated (a long lead paragraph on pages of
// its own), a table on slides of its own with its header row on each.
import { inlineText } from '../model/content.ts';
import type { Block, DiagramSpec, Inline, Slide, TableBlock, TableRow, TextBlock } from '../model/types.ts';
import { blockUnit, bodyBudget, leadUnits, paginateEvenly } from './paginate.ts';
import { estimateLines } from '../model/text.ts';
import { slide, pagesOf, heads, continuedTitle, squeezed, type Ctx, type Frame } from './frame.ts';

/** Text blocks become paginated slides; a diagram fence becomes a slide of its own. */
export function blockSlides(frame: Frame, blocks: Block[], ctx: Ctx): Slide[] {
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
      let label: Inline[] | undefined;
      const groups = leadGroups(run);
      groups.forEach((group, g) => {
        const f: Frame = slides.length === 0 ? frame : { ...rest, id: `${frame.id}-${slides.length + 1}`, source: group[0]! };
        // A label over the entries ("現状認識・課題分析", "Findings") is the statement under the first
        // entry's title, not a slide of its own saying only it.
        if (isLabel(group) && groups[g + 1]?.[0]!.children.length && !f.subtitle) {
          label = group[0]!.sentences[0]!.content;
          return;
        }
        const labelled = label ? { ...f, subtitle: label } : f;
        label = undefined;
        slides.push(...(group[0]!.children.length > 0 ? leadPages(labelled, group[0]!, ctx) : pagesOf(labelled, group.map((b) => blockUnit(b, ctx.theme, ctx.language)), ctx)));
      });
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
export const LEAD_TITLE_CHARS = 40;

/** Blocks in order: each one with sub-items alone, the runs of those without together. */
/** A paragraph of a few words with no stop, alone: a label over what follows ("現状認識・課題分析", "Policy outline"). */
function isLabel(group: TextBlock[]): boolean {
  const [only] = group;
  if (group.length !== 1 || !only || only.kind !== 'paragraph' || only.sentences.length !== 1) return false;
  const text = only.sentences[0]!.text.trim();
  return squeezed(text).length <= LABEL_CHARS && !/[。．.!?！？:：]$/u.test(text);
}
const LABEL_CHARS = 24;

export function leadGroups(blocks: TextBlock[]): TextBlock[][] {
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
export function leadPages(given: Frame, block: TextBlock, ctx: Ctx): Slide[] {
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
export function tableSlides(frame: Frame, table: TableBlock, ctx: Ctx): Slide[] {
  const columns = Math.max(1, table.header.length, ...table.rows.map((r) => r.cells.length));
  const width = (ctx.theme.slide.width - 2 * ctx.theme.slide.paddingX) / columns;
  const px = ctx.theme.font.small;
  // A row as theme.css lays it out (the theme's table tokens): its tallest cell's lines, the cell's
  // padding above and below, and the rule under it (the header's, the accent's thicker one).
  const { lineHeight, padYEm, padXEm, rule, headRule } = ctx.theme.table;
  const rowHeight = (cells: Inline[][], under = rule) => Math.max(1, ...cells.map((c) => estimateLines(inlineText(c), px, width - 2 * padXEm * px, ctx.language))) * px * lineHeight + 2 * padYEm * px + under;
  const budget = (ctx.limits?.fill ?? 1) * bodyBudget(heads(frame), ctx.theme, ctx.language) - rowHeight(table.header, headRule);
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
