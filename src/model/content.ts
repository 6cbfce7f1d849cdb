// Helpers over typed text runs (types.ts `Inline`): the parser, the planner and every renderer
// share them, so plain text is read one way everywhere.
import type { Inline, Slide } from './types.ts';

export const text = (value: string): Inline => ({ type: 'text', text: value });

/** Inlines of a plain string (no markup is read in it: it stays text). */
export const plain = (value: string): Inline[] => (value === '' ? [] : [text(value)]);

/**
 * The text a reader sees, for comparisons and estimates: breaks as spaces, images by their
 * alternative text; footnote marks are left out unless `withNotes` (they show as a small label).
 */
export function inlineText(inlines: readonly Inline[], withNotes = false): string {
  let out = '';
  for (const inline of inlines) {
    switch (inline.type) {
      case 'text':
      case 'code':
        out += inline.text;
        break;
      case 'softbreak':
      case 'linebreak':
        out += ' ';
        break;
      case 'image':
        out += inline.alt;
        break;
      case 'note':
        if (withNotes) out += inline.label;
        break;
      default:
        out += inlineText(inline.children, withNotes);
    }
  }
  return out;
}

/** Does the text end (or start) with a printable Latin character? */
const latinEnd = (value: string) => /[\x21-\x7e]$/.test(value);
const latinStart = (value: string) => /^[\x21-\x7e]/.test(value);

/** Joins sentences as they stood: a space between two Latin ones, none between Japanese ones. */
export function joinSentences(parts: ReadonlyArray<{ content: Inline[]; text: string }>): Inline[] {
  const out: Inline[] = [];
  parts.forEach((part, i) => {
    const previous = parts[i - 1];
    if (previous && latinEnd(previous.text) && latinStart(part.text)) out.push(text(' '));
    out.push(...part.content);
  });
  return out;
}

/** Calls `visit` on every inline, depth first. */
export function walkInlines(inlines: readonly Inline[], visit: (inline: Inline) => void): void {
  for (const inline of inlines) {
    visit(inline);
    if ('children' in inline) walkInlines(inline.children, visit);
  }
}

/** The words a slide shows (kicker, title, subtitle, byline, entries), and its notes if asked. */
export function slideText(slide: Slide, withNotes = false): string {
  const runs = [slide.kicker ?? [], slide.title, slide.subtitle ?? [], ...slide.items.map((i) => i.content), ...(withNotes ? slide.notes : [])];
  const labels = slide.items.flatMap((i) => (i.footnote ? [i.footnote.label] : []));
  const cells = slide.table ? [...slide.table.header, ...slide.table.rows.flatMap((r) => r.cells)] : [];
  return [...runs.map((r) => inlineText(r, true)), ...cells.map((c) => inlineText(c, true)), ...slide.byline.flat(), ...labels, slide.image?.alt ?? ''].join('\n');
}
