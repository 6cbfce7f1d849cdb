// Which layout a slide gets, from what it holds (the planner's decision; the renderers draw it).
import { inlineText } from '../model/content.ts';
import type { Layout, Slide, SlideItem } from '../model/types.ts';
import { displayWidth } from '../model/text.ts';

/** Entries up to this many, none with entries under it, are spread over the slide as points. */
export const MAX_POINTS = 4;

/** Points this short (in em, about a full-width character each) stand side by side as cards. */
export const CARD_EM = 40;

export function chooseLayout(kind: Slide['kind'], items: readonly SlideItem[]): Layout {
  switch (kind) {
    case 'title':
    case 'closing':
    case 'agenda':
    case 'diagram':
      return kind;
    case 'divider':
      return 'section';
    case 'footnotes':
      return 'notes';
    default: {
      // A lead line over its points (a list entry and its sub-items): a few as points (their larger type), more as a list.
      if (items.length > 1 && items[0]!.style === 'plain') return items.length - 1 > MAX_POINTS || items.some((i) => i.level > 0) ? 'list' : 'points';
      const top = items.filter((i) => i.level === 0).length;
      const nested = items.some((i) => i.level > 0);
      if (top <= 1 && !nested) return 'statement';
      if (top > MAX_POINTS || nested) return 'list';
      return items.every((i) => displayWidth(inlineText(i.content)) <= CARD_EM) ? 'cards' : 'points';
    }
  }
}
