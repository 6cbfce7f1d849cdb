// Typed text runs (types.ts Inline) → the model's runs: emphasis, links and footnote marks kept.
import type { Inline } from '../model/types.ts';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  code?: boolean;
  superscript?: boolean;
  /** An outside address, or the number (1-based) of a slide of this file. */
  link?: { url: string } | { slide: number };
  /** A colour: `#rrggbb`, or a colour of the template's theme (tx1, accent1, …). */
  color?: string;
  /** A field PowerPoint fills in (the slide's number). */
  field?: 'slidenum';
}

export interface RunContext {
  accent: string;
  /** Number (1-based) of the slide with this id. */
  slideNumber(id: string): number | undefined;
  /** Number of the slide that lists the footnotes. */
  footnotes: number | undefined;
}

type Style = Omit<Run, 'text'>;

/** Runs of `inlines`, with adjacent runs of the same style merged. */
export function runsOf(inlines: readonly Inline[], ctx: RunContext, style: Style = {}): Run[] {
  const out: Run[] = [];
  const sameStyle = (a: Style, b: Style) => JSON.stringify({ ...a, text: '' }) === JSON.stringify({ ...b, text: '' });
  const append = (run: Run) => {
    if (run.text === '') return;
    const last = out.at(-1);
    if (last && sameStyle(last, run)) last.text += run.text;
    else out.push({ ...run });
  };
  const push = (text: string, s: Style) => append({ ...s, text });
  const nested = (children: readonly Inline[], s: Style) => runsOf(children, ctx, s).forEach(append);
  for (const inline of inlines) {
    switch (inline.type) {
      case 'text':
        push(inline.text, style);
        break;
      case 'code':
        push(inline.text, { ...style, code: true });
        break;
      case 'softbreak':
        push(' ', style);
        break;
      case 'linebreak':
        push('\n', style);
        break;
      case 'image':
        push(inline.alt, style);
        break;
      case 'note':
        push(inline.label, { ...style, superscript: true, ...(ctx.footnotes ? { link: { slide: ctx.footnotes } } : {}) });
        break;
      case 'emph':
        nested(inline.children, { ...style, italic: true });
        break;
      case 'strong':
        nested(inline.children, { ...style, bold: true });
        break;
      case 'strike':
        nested(inline.children, { ...style, strike: true });
        break;
      case 'link': {
        const link = inline.href.startsWith('#') ? internal(inline.href.slice(1), ctx) : { url: inline.href };
        nested(inline.children, { ...style, ...(link ? { link } : {}), color: ctx.accent });
        break;
      }
    }
  }
  return out;
}

function internal(id: string, ctx: RunContext): Run['link'] | undefined {
  const n = ctx.slideNumber(id.replace(/^\//, ''));
  return n ? { slide: n } : undefined;
}
